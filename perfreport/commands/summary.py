"""The summary of `make all`: one row per unit, as a terminal table, as reports/SUMMARY.md
and as reports/SUMMARY.xlsx, the finance bureau's worksheet: filter buttons, a 合计 row that
follows the filter, a failed unit's first error in its row, A4 landscape one page wide, and
a second sheet with every warning and error of every unit.

Both files hold no time stamp, so they change only when a unit's figures do. They are made
from the units and not committed (README: 团队协作)."""
from __future__ import annotations

import datetime
import io
import re
import zipfile
from decimal import Decimal

from perfreport.commands.batch import UnitResult
from perfreport.document.docx_zip import normalise
from perfreport.shared.findings import visible
from perfreport.shared.formats import money, percent

COLUMNS = ["单位", "年度", "全年预算数", "全年执行数", "执行率", "总分", "等级", "警告数", "其中确定", "错误数"]
TITLE = "部门（单位）整体支出绩效自评汇总"
NOTE = ("金额单位：万元。执行率 = 全年执行数 ÷ 全年预算数；总分、等级取自附件2，附件2 没有填绩效指标的单位“未评定”。"
        "警告数中“确定”的是数字互相矛盾的，其余是“疑似”（对文字的理解可能有误）和“提示”。有错误的单位没有生成报告。")


def plain(text: str) -> str:
    """A unit's own text on one line, nothing hidden: a line break in 全称 would forge a row of
    the summary, a control character in a file name stop the workbook being written (Excel
    cannot hold it) or drive the terminal."""
    return visible(" ".join(text.split())) if text else text


# A cell that begins with one of these is a formula to Excel and WPS (=HYPERLINK(…), @SUM…,
# cmd|' /C calc'!A0): the summary holds the units' own words, so it is written as text
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def row_texts(result: UnitResult) -> list[str]:
    """One unit as the printed cells; a unit that failed before its figures shows blanks."""
    has_figures = result.year is not None
    score = "" if not has_figures else "—" if result.score is None else money(result.score)
    return [plain(result.name) or plain(result.file), str(result.year or ""),
            money(result.full_year) if has_figures else "", money(result.executed) if has_figures else "",
            percent(result.rate) if has_figures else "", score,
            result.grade, str(result.warnings), str(result.certain), str(result.errors)]


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


SHEET_COLUMNS = COLUMNS + ["第一条错误"]
FINDING_COLUMNS = ["单位", "级别", "程度", "规则", "位置", "说明"]


def _text_cell(cell) -> None:
    """The units' own words are text, never a formula (=HYPERLINK(…), @SUM…)."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def _first_error(result: UnitResult) -> str | None:
    error = next((f for f in result.findings if f.is_error), None)
    return plain(error.text()) if error else None


def _print_setup(sheet, title: str) -> None:
    """A4 landscape, one page wide, the header row on every page, page numbers below."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddHeader.center.text = title
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _header(sheet, columns: list[str], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _summary_sheet(sheet, results: list[UnitResult]) -> None:
    from openpyxl.styles import Alignment, Font
    _header(sheet, SHEET_COLUMNS, [34, 7, 12, 12, 10, 8, 8, 7, 7, 7, 60])
    wrap = Alignment(wrap_text=True, vertical="top")
    last = 1              # counted here: openpyxl's max_row looks at every cell (quadratic)
    for r in results:
        sheet.append([plain(r.name) or plain(r.file), r.year, _number(r.full_year), _number(r.executed), _number(r.rate),
                      _number(r.score), r.grade or None, r.warnings, r.certain, r.errors, _first_error(r)])
        last += 1
        for column in (1, 11):
            _text_cell(sheet.cell(row=last, column=column))
        sheet.cell(row=last, column=11).alignment = wrap
    for row in sheet.iter_rows(min_row=2, max_row=last):
        for cell, fmt in zip(row[2:6], ("0.00", "0.00", "0.00%", "0.00")):
            cell.number_format = fmt
    # the filter covers the units; the 合计 row below it adds what the filter shows
    # (SUBTOTAL 109 leaves out the rows a filter hides), so a county's total is one click
    sheet.auto_filter.ref = f"A1:K{last}"
    total = last + 1
    sheet.append(["合计（筛选后为所显示单位的合计）", None,
                  f"=SUBTOTAL(109,C2:C{last})", f"=SUBTOTAL(109,D2:D{last})",
                  None, None, None,          # a rate of sums would mix units whose budget is not known
                  f"=SUBTOTAL(109,H2:H{last})", f"=SUBTOTAL(109,I2:I{last})", f"=SUBTOTAL(109,J2:J{last})", None])
    for cell, fmt in zip(sheet[total][2:4], ("0.00", "0.00")):
        cell.number_format = fmt
    for cell in sheet[total]:
        cell.font = Font(bold=True)
    sheet.append([])
    sheet.append([NOTE])
    _print_setup(sheet, TITLE)


def _findings_sheet(sheet, results: list[UnitResult]) -> None:
    from openpyxl.styles import Alignment
    _header(sheet, FINDING_COLUMNS, [30, 6, 6, 12, 44, 90])
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1
    for r in results:
        for f in r.findings:
            where = f.location() + (f"  {f.path}" if f.path else "")
            said = f.message + (f"。{f.hint}" if f.hint else "")
            sheet.append([plain(r.name) or plain(r.file), "错误" if f.is_error else "警告", f.certainty,
                          f.rule or None, visible(where), plain(said)])
            row += 1
            for column in (1, 5, 6):
                _text_cell(sheet.cell(row=row, column=column))
            sheet.cell(row=row, column=6).alignment = wrap
    sheet.auto_filter.ref = f"A1:F{row}"
    _print_setup(sheet, f"{TITLE}：警告和错误")


def xlsx(results: list[UnitResult]) -> bytes:
    """A real spreadsheet: numbers as numbers (sums and sorting work), rates as percentages."""
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    _summary_sheet(summary, results)
    _findings_sheet(book.create_sheet("警告和错误"), results)
    book.calculation.fullCalcOnLoad = True        # the 合计 formulas are worked out when opened
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


# ------------------------------------------------------------------ made once, while nothing changes

def _made_from(results: list[UnitResult]) -> str:
    """A digest of everything the summary files are made of (and of the toolkit that makes
    them): the same digest, the same files."""
    import hashlib
    import pickle
    from perfreport.shared.toolkit import identity
    rows = [(row_texts(r), r.file, r.year, r.full_year, r.executed, r.rate, r.score,
             [(f.severity, f.certainty, f.rule, f.location(), f.path, f.message, f.hint) for f in r.findings])
            for r in results]
    return hashlib.sha256(identity().encode() + pickle.dumps(rows, protocol=4)).hexdigest()


def _note(folder) -> "Path | None":
    import hashlib
    import os
    from perfreport.shared.toolkit import cache_folder
    cache = cache_folder()
    if cache is None:
        return None
    return cache / f"summary-{hashlib.sha256(os.path.realpath(folder).encode()).hexdigest()[:32]}.txt"


def _file_digest(path) -> str:
    import hashlib
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def still_current(folder, results: list[UnitResult]) -> tuple[bool, str]:
    """(True when the summary files in `folder` are those an earlier run made from the same
    results: nothing to make, nothing to write; the digest to remember once they are written)."""
    made_from = _made_from(results)
    note = _note(folder)
    try:
        lines = note.read_text(encoding="utf-8").split("\n") if note is not None else []
    except OSError:
        lines = []
    expected = [made_from] + [_file_digest(folder / name) for name in SUMMARY_FILES]
    return lines == expected and all(expected), made_from


def remember(folder, made_from: str) -> None:
    note = _note(folder)
    if note is None:
        return
    try:
        note.write_text("\n".join([made_from] + [_file_digest(folder / name) for name in SUMMARY_FILES]),
                        encoding="utf-8")
    except OSError:
        pass
