"""The summary of `make all`: one row per unit, as a terminal table, as reports/SUMMARY.md
(reviewed in git beside the reports) and as reports/SUMMARY.xlsx (for the finance bureau).

Both files hold no time stamp, so they change only when a unit's figures do."""
from __future__ import annotations

import datetime
import io
import re
import zipfile
from decimal import Decimal

from .batch import UnitResult
from .docx_zip import normalise
from .wording.formats import money, percent

COLUMNS = ["单位", "年度", "全年预算数", "全年执行数", "执行率", "总分", "等级", "警告数", "错误数"]
TITLE = "部门（单位）整体支出绩效自评汇总"
NOTE = ("金额单位：万元。执行率 = 全年执行数 ÷ 全年预算数；总分、等级取自附件2，附件2 没有填绩效指标的单位“未评定”。"
        "有错误的单位没有生成报告。")


def plain(text: str) -> str:
    """A unit's own text on one line: a line break in 全称 would forge a row of the summary."""
    return " ".join(text.split()) if text else text


# A cell that begins with one of these is a formula to Excel and WPS (=HYPERLINK(…), @SUM…,
# cmd|' /C calc'!A0): the summary holds the units' own words, so it is written as text
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def row_texts(result: UnitResult) -> list[str]:
    """One unit as the printed cells; a unit that failed before its figures shows blanks."""
    has_figures = result.year is not None
    score = "" if not has_figures else "—" if result.score is None else money(result.score)
    return [plain(result.name) or result.file, str(result.year or ""),
            money(result.full_year) if has_figures else "", money(result.executed) if has_figures else "",
            percent(result.rate) if has_figures else "", score,
            result.grade, str(result.warnings), str(result.errors)]


def markdown(results: list[UnitResult]) -> str:
    lines = [f"# {TITLE}", "", NOTE, "", "| " + " | ".join(COLUMNS) + " |",
             "| " + " | ".join("---" if i == 0 else "---:" for i in range(len(COLUMNS))) + " |"]
    for result in results:
        cells = [c.replace("|", "\\|") for c in row_texts(result)]
        lines.append("| " + " | ".join(cells) + " |")
    failed = [r for r in results if r.failed]
    lines += ["", f"共 {len(results)} 个单位，{len(results) - len(failed)} 个生成了报告，{len(failed)} 个有错误。"]
    return "\n".join(lines) + "\n"


def _number(value: Decimal | None):
    return float(value) if value is not None else None


def xlsx(results: list[UnitResult]) -> bytes:
    """A real spreadsheet: numbers as numbers (sums and sorting work), rates as percentages."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for r in results:
        sheet.append([plain(r.name) or r.file, r.year, _number(r.full_year), _number(r.executed), _number(r.rate),
                      _number(r.score), r.grade or None, r.warnings, r.errors])
        name = sheet.cell(row=sheet.max_row, column=1)
        if str(name.value).startswith(FORMULA_START):
            name.data_type = "s"                 # text, never a formula
            name.quotePrefix = True
    for row in sheet.iter_rows(min_row=2):
        for cell, fmt in zip(row[2:6], ("0.00", "0.00", "0.00%", "0.00")):
            cell.number_format = fmt
    for index, width in enumerate([34, 7, 12, 12, 10, 8, 6, 7, 7], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([])
    sheet.append([NOTE])
    # fixed properties: the file depends on the figures only
    book.properties.creator = book.properties.lastModifiedBy = "perfreport"
    book.properties.created = book.properties.modified = datetime.datetime(2000, 1, 1)
    book.properties.title = TITLE
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        core = archive.read("docProps/core.xml")
    # openpyxl stamps `modified` with the clock when saving; put the fixed date back
    core = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", core)
    return normalise(buffer.getvalue(), replace={"docProps/core.xml": core})


def markdown_bytes(results: list[UnitResult]) -> bytes:
    return markdown(results).encode("utf-8")


# the summary files in reports/, each with what makes its bytes
SUMMARY_FILES = {"SUMMARY.md": markdown_bytes, "SUMMARY.xlsx": xlsx}
