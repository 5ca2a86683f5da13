"""One entry for every kind of report that comes in: the file's kind by its name, read within
limits (its size here, its parts and time in a child process: foreign/child.py), made into a draft unit. A file that is not what its name says, or is damaged or hostile,
ends in one message naming it (document/docx_read.py); nothing is written here."""
from __future__ import annotations

from pathlib import Path

from perfreport.document.docx_read import MAX_FILE_BYTES
from perfreport.foreign.child import WHAT, in_child
from perfreport.foreign.draft import Draft, draft
from perfreport.shared.errors import ReportError
from perfreport.shared.findings import ERROR, Finding
from perfreport.unitfile.load import read_regular

KINDS = {".docx": "Word 文档", ".xlsx": "Excel 工作簿", ".pdf": "PDF"}
OLD = {".doc": "Word 97–2003 文档", ".wps": "WPS 文字文档", ".et": "WPS 表格", ".xls": "Excel 97–2003 工作簿"}


def read_document(path: Path, shown: str, forms: list[tuple[Path, str]] = ()) -> Draft:
    """The draft of one report; `forms`: workbooks (path, shown) holding its forms, read after
    the report itself (a form the report also holds keeps the report's figures)."""
    blocks = read_blocks_of(path, shown)
    for workbook, named in forms:
        blocks += read_blocks_of(workbook, named)
    return draft(blocks, shown)


def read_blocks_of(path: Path, shown: str) -> list:
    suffix = path.suffix.lower()
    if suffix in OLD:
        raise ReportError([Finding(ERROR, f"这是{OLD[suffix]}（{suffix}），读不了这种旧格式", file=shown,
                                   hint="请在 Word 或 WPS 里“另存为” .docx（表格另存为 .xlsx）后再读入")])
    if suffix not in KINDS:
        raise ReportError([Finding(ERROR, f"不知道怎样读入 {suffix or '没有扩展名的'} 文件", file=shown,
                                   hint="能读入的是 Word 文档（.docx）、Excel 工作簿（.xlsx）和 PDF")])
    kind = suffix[1:]
    return in_child(kind, read_regular(path, shown, MAX_FILE_BYTES, what=WHAT[kind]), shown)
