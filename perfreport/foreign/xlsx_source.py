"""A workbook of forms (附件1–3 kept in Excel or WPS, or exported from the budget system) as the
same blocks a Word report gives: each form a grid of cells, its merges resolved, each figure as
the sheet shows it (the cell's number format: 0.9833 in a 0.00% cell is "98.33%"), and the rows
around the forms (titles, 填表人 lines) as paragraphs. One sheet per form, or all forms on one sheet.

Read with the same package limits as a Word file (document/docx_read.py); openpyxl is not used
to read, so that what comes from others passes through one set of limits.
"""
from __future__ import annotations

import math
import posixpath
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from perfreport.document.docx_read import MAX_FILE_BYTES, Package, _refused
from perfreport.foreign.docx_source import Block, Para, Table
from perfreport.foreign.grid import Cell, Grid
from perfreport.unitfile.load import read_regular

WORKBOOK = "Excel 工作簿（.xlsx）"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAX_CELLS = 200_000                 # a province's forms on one sheet stay well under this
MAX_COLUMNS = 200
REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
BUILTIN_PERCENT = {9: 0, 10: 2}
BUILTIN_DECIMALS = {1: 0, 2: 2, 3: 0, 4: 2}
FORM_START = re.compile(r"^(附件\s*\d+|.*(绩效评价基础数据表|绩效自评表|支出情况表))$")


def _m(name: str) -> str:
    return f"{{{MAIN}}}{name}"


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_workbook(path: Path, shown: str) -> list[Block]:
    return workbook_blocks(read_regular(path, shown, MAX_FILE_BYTES, what=WORKBOOK), shown)


def workbook_blocks(data: bytes, shown: str) -> list[Block]:
    package = Package(data, shown, WORKBOOK)
    strings = _shared_strings(package)
    formats = _formats(package)
    blocks: list[Block] = []
    tables = 0
    for name, part in _sheets(package):
        rows = _cells(package, part, strings, formats)
        merges = _merges(package, part)
        for grid_rows, before in _forms_of(rows, merges):
            for text in before:
                blocks.append(Para(text, len(blocks) + 1))
            if grid_rows is not None:
                tables += 1
                grid_rows.where = f"工作表“{name}”" + grid_rows.where
                blocks.append(Table(grid_rows, tables))
    return blocks


def _sheets(package: Package) -> list[tuple[str, str]]:
    if "xl/workbook.xml" not in package:
        raise _refused(package.shown, "缺少 xl/workbook.xml", WORKBOOK)
    targets = {rid: target for rid, _, target, external in package.relationships("xl/workbook.xml") if not external}
    out = []
    for sheet in package.elements("xl/workbook.xml", _m("sheet")):
        part = targets.get(sheet.get(f"{{{RELS}}}id") or "")
        if part and part in package:
            out.append((sheet.get("name") or "", part))
    return out


def _shared_strings(package: Package) -> list[str]:
    if "xl/sharedStrings.xml" not in package:
        return []
    out = []
    for si in package.elements("xl/sharedStrings.xml", _m("si")):
        # the text of its runs, phonetic guides (rPh) left out
        out.append("".join(t.text or "" for t in si.iter(_m("t")) if t.getparent().tag != _m("rPh")))
        if len(out) > MAX_CELLS:
            raise _refused(package.shown, f"共享字符串超过 {MAX_CELLS} 个，超过上限", WORKBOOK)
    return out


def _formats(package: Package) -> list[tuple[str, int | None]]:
    """Per cell style (the s attribute): ('percent' | 'fixed' | 'general', decimals)."""
    if "xl/styles.xml" not in package:
        return []
    styles = package.xml("xl/styles.xml")
    custom = {}
    for fmt in styles.iter(_m("numFmt")):
        code = fmt.get("formatCode") or ""
        if (fmt.get("numFmtId") or "").isdigit():
            custom[int(fmt.get("numFmtId"))] = code
    out = []
    xfs = styles.find(_m("cellXfs"))
    for xf in (xfs if xfs is not None else []):
        number = int(xf.get("numFmtId") or 0) if (xf.get("numFmtId") or "0").isdigit() else 0
        if number in BUILTIN_PERCENT:
            out.append(("percent", BUILTIN_PERCENT[number]))
        elif number in BUILTIN_DECIMALS:
            out.append(("fixed", BUILTIN_DECIMALS[number]))
        elif number in custom:
            code = custom[number].split(";")[0]
            decimals = len(re.search(r"\.(0*)", code).group(1)) if re.search(r"\.(0*)", code) else 0
            out.append(("percent" if "%" in code else "fixed" if "0" in code else "general", decimals))
        else:
            out.append(("general", None))
    return out


def _shown(value: str, style: tuple[str, int | None]) -> str:
    """A number as the sheet shows it."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if not number.is_finite():
        return ""
    kind, decimals = style
    if kind == "percent":
        return f"{number * 100:.{decimals}f}%"
    if kind == "fixed" and decimals is not None:
        return f"{number:.{decimals}f}"
    # General: what Excel shows, without the binary tails a float carries (0.30000000000000004)
    as_float = float(number)
    if as_float == 0:
        return "0"
    digits = 15 - int(math.floor(math.log10(abs(as_float)))) - 1
    text = f"{round(as_float, max(digits, 0)):.{max(digits, 0)}f}" if digits > 0 else f"{as_float:.0f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cells(package: Package, part: str, strings: list[str], formats: list) -> dict[tuple[int, int], str]:
    cells: dict[tuple[int, int], str] = {}
    for c in package.elements(part, _m("c")):
        ref = REF.match(c.get("r") or "")
        if not ref:
            continue
        row, col = int(ref.group(2)) - 1, column_number(ref.group(1))
        if col >= MAX_COLUMNS:
            continue
        kind = c.get("t") or "n"
        v = c.find(_m("v"))
        text = ""
        if kind == "s" and v is not None and (v.text or "").isdigit():
            index = int(v.text)
            text = strings[index] if index < len(strings) else ""
        elif kind == "inlineStr":
            text = "".join(t.text or "" for t in c.iter(_m("t")))
        elif kind in ("str", "e"):
            text = (v.text or "") if v is not None and kind == "str" else ""
        elif kind == "b":
            text = "是" if v is not None and v.text == "1" else "否"
        elif v is not None and v.text:
            style = int(c.get("s") or 0) if (c.get("s") or "0").isdigit() else 0
            text = _shown(v.text, formats[style] if style < len(formats) else ("general", None))
        if text:
            cells[(row, col)] = text
            if len(cells) > MAX_CELLS:
                raise _refused(package.shown, f"{part} 的单元格超过 {MAX_CELLS} 个，超过上限", WORKBOOK)
    return cells


def _merges(package: Package, part: str) -> list[tuple[int, int, int, int]]:
    out = []
    for merge in package.elements(part, _m("mergeCell")):
        first, _, last = (merge.get("ref") or "").partition(":")
        a, b = REF.match(first), REF.match(last or first)
        if a and b:
            r1, c1 = int(a.group(2)) - 1, column_number(a.group(1))
            r2, c2 = int(b.group(2)) - 1, column_number(b.group(1))
            if 0 <= r1 <= r2 and 0 <= c1 <= c2 < MAX_COLUMNS and (r2 - r1 + 1) * (c2 - c1 + 1) <= MAX_CELLS:
                out.append((r1, c1, r2, c2))
    return out


def _forms_of(cells: dict, merges: list) -> list[tuple[Grid | None, list[str]]]:
    """The sheet cut into its forms: a row that holds only a title ("附件2", "…绩效自评表") or a
    line under a form (填表人…, 说明…) is a paragraph; the runs of rows between are the grids."""
    if not cells:
        return []
    last_row = max(r for r, _ in cells)
    width = max(c for _, c in cells) + 1
    covering: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for m in merges:
        for r in range(m[0], m[2] + 1):
            for c in range(m[1], m[3] + 1):
                covering[(r, c)] = m
    out: list[tuple[Grid | None, list[str]]] = []
    current: list[int] = []
    before: list[str] = []

    def close():
        nonlocal current, before
        if current:
            out.append((_grid(current, cells, covering, width), before))
            before = []
        current = []

    for r in range(last_row + 1):
        texts = [cells[(r, c)] for c in range(width) if (r, c) in cells]
        spans_all = any(covering.get((r, c), (0, 0, 0, -1))[3] - covering.get((r, c), (0, 0, 0, -1))[1] + 1 >= width - 1
                        for c in range(width) if (r, c) in cells)
        line = " ".join(texts).strip()
        if not texts:
            continue
        if (len(texts) == 1 and (FORM_START.match(line.replace(" ", "")) or spans_all or
                                 line.startswith(("填表人", "说明", "备注", "单位：", "金额单位")))) or line.startswith("填表人"):
            close()
            before.append(line)
            continue
        current.append(r)
    close()
    if before:
        out.append((None, before))
    return out


def _grid(rows: list[int], cells: dict, covering: dict, width: int) -> Grid:
    grid = Grid(where="")
    made: dict[tuple[int, int, int, int], Cell] = {}
    for i, r in enumerate(rows):
        row: list[Cell] = []
        for c in range(width):
            m = covering.get((r, c))
            if m is not None:
                cell = made.get(m)
                if cell is None:
                    held = [j for j, sheet_row in enumerate(rows) if m[0] <= sheet_row <= m[2]]
                    cell = Cell(cells.get((m[0], m[1]), ""), held[0], m[1], rowspan=len(held), colspan=m[3] - m[1] + 1)
                    made[m] = cell
            else:
                cell = Cell(cells.get((r, c), ""), i, c)
            row.append(cell)
        grid.rows.append(row)
    return grid
