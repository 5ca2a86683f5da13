"""The five seed reports typed in Word the way their units typed them, built from the seed texts
(tests/seeds/): each paragraph a Normal paragraph, a short numbered line (一、… （一）… 1、…) bold as
officers set their headings, each table a Word table with real merges. The seed text shows a
table row as its cells, each opened by a tab, a cell's further paragraphs on the lines after it,
a blank line between rows; a cell that continues a merge is written empty, and a row with fewer
cells than the table spans its last cell over the rest. So a blank cell under a label in the
first columns continues that label's cell (vertical merge), as the unit's merged cell did.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from tests.conftest import ROOT

SEEDS = ROOT / "tests" / "seeds"
NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、．.](?!\d)|[（(]\d{1,2}[)）])")
IMAGE = re.compile(r"\[image: \]|\[bookmark: [^\]]*\]")


def seed_path(number: str) -> Path:
    return next(SEEDS.glob(f"{number}_*.txt"))


def parse(text: str) -> list:
    """The seed as ('p', text) and ('t', rows of cells) in order. Inside a table, lines without
    a tab before a row's tabbed cells are that row's first cell (the text of a cell merged down
    several rows is shown where the merge's middle row is, without its tab)."""
    out: list = []
    rows: list[list[str]] = []
    row: list[str] = []
    in_table = False
    lines = [IMAGE.sub("", raw.rstrip("\r")) for raw in text.split("\n")]

    def tab_follows(i: int) -> bool:
        for later in lines[i + 1:i + 4]:
            if later.startswith("\t"):
                return True
            if not later.strip():
                return False
        return False

    for i, line in enumerate(lines):
        if line.startswith("\t"):
            in_table = True
            row.append(line[1:].strip())
            continue
        if in_table:
            if not line.strip():
                if row:
                    rows.append(row)
                    row = []
                continue
            if row:                         # a cell's next paragraph
                row[-1] = f"{row[-1]}\n{line.strip()}" if row[-1] else line.strip()
                continue
            if tab_follows(i):              # the first cell of the next row, shown without its tab
                row.append(line.strip())
                continue
            out.append(("t", rows))         # a paragraph after the table: the table is done
            rows, in_table = [], False
        if line.strip():
            out.append(("p", line.strip()))
    if row:
        rows.append(row)
    if rows:
        out.append(("t", rows))
    return out


def _cell_text(cell, text: str) -> None:
    paragraph = cell.paragraphs[0]
    for i, part in enumerate(text.split("\n")):
        if i:
            paragraph = cell.add_paragraph()
        paragraph.add_run(part)


FIGURE = re.compile(r"^[-\d.,%／/]*$")
WIDE = "\x00"            # a cell merged into the one on its left


def aligned(rows: list[list[str]]) -> list[list[str]]:
    """In an indicator block, a row with fewer cells than the table lacks them at its left (a
    label merged down from a row above, which the seed text does not repeat) when it ends in
    figures; elsewhere a short row's last cell spans the rest (预算单位名称 | the name)."""
    width = max(len(r) for r in rows)
    if not any("三级指标" in cell.replace("\n", "") for row in rows for cell in row):
        return rows                         # not an indicator block: a short row spans its last cell
    out = []
    for row in _rejoined(rows, width):
        if len(row) < width and len(row) >= 4 and all(FIGURE.match(c.replace("\n", "")) for c in row[-2:]):
            if all(FIGURE.match(c.replace("\n", "")) for c in row):
                # only figures: the 总分 row, its label one cell across the left (seed 004: a picture)
                row = [row[0]] + [WIDE] * (width - len(row)) + row[1:]
            else:
                row = [""] * (width - len(row)) + row
        out.append(row)
    return out


def _rejoined(rows: list[list[str]], width: int) -> list[list[str]]:
    """Short rows after a full one whose cells add up to exactly the table's width are one row:
    a cell that ended in an empty paragraph shows in the seed text as a blank line, as a row's end
    does (seed 004's 单位支出预算执行率 row, seen as 5 + 1 + 3 cells)."""
    out: list[list[str]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if out and len(out[-1]) == width and len(row) < width:
            total, j = len(row), i + 1
            while total < width and j < len(rows) and len(rows[j]) < width:
                total += len(rows[j])
                j += 1
            if total == width and j > i + 1:
                out.append([cell for part in rows[i:j] for cell in part])
                i = j
                continue
        out.append(row)
        i += 1
    return out


class Sheet:
    """A table as a worksheet holds it: its cells' texts by (row, column) and its merges
    (first row, first column, last row, last column), 0-based; what add_table merged in Word."""
    def __init__(self):
        self.texts: dict[tuple[int, int], str] = {}
        self.merges: list[tuple[int, int, int, int]] = []


def add_table(document, rows: list[list[str]], sheet: "Sheet | None" = None) -> None:
    """The rows as a Word table with its merges; `sheet`, when given, gets the same table as
    a worksheet would hold it (the docx table is built all the same, and may be thrown away)."""
    sheet = sheet if sheet is not None else Sheet()
    rows = aligned(rows)
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = document.styles["Table Grid"]
    spans: list[list[tuple[int, int]]] = []          # per row: (first column, span) of each cell
    for r, cells in enumerate(rows):
        placed = []
        for c, text in enumerate(cells):
            span = width - c if c == len(cells) - 1 else 1
            placed.append((c, span))
        spans.append(placed)
        for (c, span), text in zip(placed, cells):
            if text == WIDE:
                continue
            wide = 1
            while c + wide < len(cells) and cells[c + wide] == WIDE:
                wide += 1
            span = max(span, wide)
            if span > 1:
                table.cell(r, c).merge(table.cell(r, c + span - 1))
                sheet.merges.append((r, c, r, c + span - 1))
            if text:
                _cell_text(table.cell(r, c), text)
                sheet.texts[(r, c)] = text
    # a blank first cell under a filled one in a row of as many cells: the unit's merged label
    # (an indicator block merges its 一级, 二级 and outer label columns; other forms their labels only)
    indicators = any("三级指标" in cell.replace("\n", "") for row in rows for cell in row)
    down: dict[tuple[int, int], int] = {}          # a vertical merge's first row and column -> its last row
    for c in range(min(3 if indicators else 1, width)):
        for r in range(1, len(rows)):
            if WIDE in rows[r] or WIDE in rows[r - 1]:
                continue
            if len(rows[r]) == len(rows[r - 1]) and c < len(rows[r]) and not rows[r][c] and c < len(rows[r]) - 1:
                top = r - 1
                while top > 0 and not rows[top][c] and len(rows[top]) == len(rows[top - 1]):
                    top -= 1
                if rows[top][c]:
                    tc = table.cell(r, c)._tc
                    tc.get_or_add_tcPr().get_or_add_vMerge().set(qn("w:val"), "continue")
                    first = table.cell(top, c)._tc
                    first.get_or_add_tcPr().get_or_add_vMerge().set(qn("w:val"), "restart")
                    down[(top, c)] = max(down.get((top, c), r), r)
    sheet.merges += [(top, c, last, c) for (top, c), last in down.items()]


def _unnumbered_heading(text: str, following: tuple) -> bool:
    """A short line of words without a number or any punctuation, followed by a paragraph of
    sentences, is a heading the unit typed without a number (seed 001's 部门整体支出概况), and
    bold as its other headings; a flattened table's cells (预算项目, then 合计…) are followed by
    more short cells, and a signature line by its date."""
    kind, after = following
    return (len(text) <= 20 and not re.search(r"[\d。；;，,：:、！？（）()]", text)
            and kind == "p" and len(after) >= 30 and "。" in after)


FORM_LABELS = ("预算单位名称", "项目支出名称", "年度资金总额", "三级指标")
FORM_HEAD = re.compile(r"^(附件\s*\d+[:：]?|.{4,40}表)$")


def _is_form(rows: list[list[str]]) -> bool:
    text = "".join(cell for row in rows for cell in row).replace("\n", "").replace(" ", "")
    return any(label in text for label in FORM_LABELS)


def typed_seed(number: str, path: Path, forms_to: Path | None = None) -> Path:
    """The seed typed in Word; with `forms_to`, its forms 附件1–3 (their titles and signature lines
    with them) kept instead in a workbook there, one sheet a form, as units keep them in Excel/WPS."""
    document = docx.Document()
    items = parse(seed_path(number).read_text(encoding="utf-8"))
    sheets: list[tuple[list[str], Sheet, list[str]]] = []      # (titles, the form, lines after it)
    if forms_to is not None:
        items = _forms_apart(items, sheets)
    for k, (kind, value) in enumerate(items):
        if kind == "t":
            add_table(document, value)
            continue
        paragraph = document.add_paragraph()
        short = len(value) <= 40 and not value.rstrip("。").count("。")
        numbered = bool(NUMBERED.match(value)) and short and not value.endswith(("；", ";", "。"))
        following = items[k + 1] if k + 1 < len(items) else ("", "")
        paragraph.add_run(value).bold = numbered or (k > 0 and _unnumbered_heading(value, following))
    document.save(path)
    if forms_to is not None and sheets:          # a seed without forms has no workbook
        _workbook(sheets, forms_to)
    return path


def _forms_apart(items: list, sheets: list) -> list:
    """The items without the forms: each form table, the titles just above it (附件2:, …自评表)
    and the signature line just below it (填表人：…) go to `sheets`."""
    kept: list = []
    i = 0
    while i < len(items):
        kind, value = items[i]
        if kind == "t" and _is_form(value):
            titles = []
            while kept and kept[-1][0] == "p" and FORM_HEAD.match(kept[-1][1].replace(" ", "")):
                titles.insert(0, kept.pop()[1])
            sheet = Sheet()
            add_table(docx.Document(), value, sheet)
            after = []
            while i + 1 < len(items) and items[i + 1][0] == "p" and items[i + 1][1].replace(" ", "").startswith("填表人"):
                after.append(items[i + 1][1])
                i += 1
            sheets.append((titles, sheet, after))
        else:
            kept.append(items[i])
        i += 1
    return kept


FIGURE_TEXT = re.compile(r"^-?\d+(?:\.(\d+))?$")


def _workbook(sheets: list, path: Path) -> None:
    """One sheet a form: its titles a row each, merged across; the form's cells below with its
    merges; figures as numbers shown with their typed decimals (400.00 as 0.00), the rest as typed."""
    from openpyxl import Workbook
    book = Workbook()
    book.remove(book.active)
    for n, (titles, sheet, after) in enumerate(sheets, start=1):
        ws = book.create_sheet(f"附表{n}")
        width = max((c for _, c in sheet.texts), default=0) + 1
        width = max([width] + [c2 + 1 for _, _, _, c2 in sheet.merges])
        for r, title in enumerate(titles, start=1):
            ws.cell(row=r, column=1, value=title)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        top = len(titles) + 1
        for (r, c), text in sheet.texts.items():
            cell = ws.cell(row=top + r, column=c + 1)
            figure = FIGURE_TEXT.match(text.strip())
            if figure:
                cell.value = float(text)
                cell.number_format = "0." + "0" * len(figure.group(1)) if figure.group(1) else "0"
            else:
                cell.value = text
        for r1, c1, r2, c2 in sheet.merges:
            ws.merge_cells(start_row=top + r1, start_column=c1 + 1, end_row=top + r2, end_column=c2 + 1)
        bottom = top + max((r for r, _ in sheet.texts), default=0) + 1
        for k, line in enumerate(after):
            ws.cell(row=bottom + k, column=1, value=line)
    book.save(path)
