"""Every file from others is read in a process of its own, stopped after TIME_LIMIT seconds: a
document built to make a parser spin (or a bug of ours it finds) costs its own read, never the
batch of `audit DIR/` or the officer's terminal. The parent reads the file within its size limit
and hands the bytes over on stdin; the child answers ('blocks', blocks) or ('findings', findings)
pickled on stdout (our own child: nothing foreign is unpickled).

    python -m perfreport.foreign.child KIND SHOWN < FILE
"""
from __future__ import annotations

import pickle
import subprocess
import sys

from perfreport.shared.errors import ReportError
from perfreport.shared.findings import ERROR, Finding

TIME_LIMIT = 120            # seconds for one file; a report of 100 pages reads in a few
WHAT = {"docx": "Word（.docx）文档", "xlsx": "Excel 工作簿（.xlsx）", "pdf": "PDF"}


def in_child(kind: str, data: bytes, shown: str) -> list:
    try:
        done = subprocess.run([sys.executable, "-m", "perfreport.foreign.child", kind, shown], input=data,
                              capture_output=True, timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        raise ReportError([Finding(ERROR, f"读了 {TIME_LIMIT} 秒还没有读完，不再读它（可能已损坏或是恶意构造的{WHAT[kind]}）",
                                   file=shown)]) from None
    if done.returncode != 0 or not done.stdout:
        raise ReportError([Finding(ERROR, f"读取它的进程意外终止（{WHAT[kind]}可能已损坏，或内存不足）", file=shown)])
    answer, value = pickle.loads(done.stdout)
    if answer == "findings":
        raise ReportError(value)
    return value


def read(kind: str, data: bytes, shown: str) -> list:
    if kind == "docx":
        from perfreport.document.docx_read import Package
        from perfreport.foreign.docx_source import blocks_of
        return blocks_of(Package(data, shown))
    if kind == "xlsx":
        from perfreport.foreign.xlsx_source import workbook_blocks
        return workbook_blocks(data, shown)
    from perfreport.foreign.pdf_source import pdf_blocks
    return pdf_blocks(data, shown)


def main() -> None:
    kind, shown = sys.argv[1], sys.argv[2]
    data = sys.stdin.buffer.read()
    try:
        answer = ("blocks", read(kind, data, shown))
    except ReportError as refused:
        answer = ("findings", refused.findings)
    sys.stdout.buffer.write(pickle.dumps(answer))


if __name__ == "__main__":
    main()
