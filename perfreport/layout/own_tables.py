"""Tables whose columns vary (the narrative's own tables, 附件4–6), written as WordprocessingML.

The wording layer gives each table as text (TableText); this writes it the way the forms are
set: columns measured from their content, a header row that repeats on every page the table
runs onto (two rows, merged, when the unit's column names share a head: 预算金额（基本支出）,
预算金额（项目支出）), rows that never split, figures right-aligned, and the template's own
styles referenced by id. The XML goes into the body where the template says {{p p.table }};
it is escaped here, and checked with the rest of the body (report_docx.well_formed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from perfreport.layout.measure import LANDSCAPE_TEXT_MM, PORTRAIT_TEXT_MM, TWIPS_PER_MM, UNBREAKABLE, text_mm
from perfreport.layout.type import CJK_MM, LATIN_MM


# Sizes at the forms' type size (CJK_MM, LATIN_MM from layout/type.py: 五号)
CELL_PADDING_MM = 3.8
# A column narrower than four characters breaks its header ("全年执行数") into stubs of
# two, which reads badly; past that, Chinese text wraps anywhere, numbers cannot.
MIN_COLUMN_CHARS = 4
FIGURE = re.compile(r"^[-+−]?[0-9][0-9,]*(\.[0-9]+)?%?$")

@dataclass
class TableText:
    """A table the unit typed, its cells as the text to print (wording.sections makes it)."""
    title: str
    unit: str
    columns: list[str]
    rows: list[list[str]]


def column_need_mm(values: list[str]) -> float:
    """The width a column needs: its longest unbreakable figure or four characters."""
    longest = max((len(token) for value in values for token in UNBREAKABLE.findall(value)),
                  default=0)
    return max(MIN_COLUMN_CHARS * CJK_MM, longest * LATIN_MM) + CELL_PADDING_MM


def needs_landscape(table: TableText) -> bool:
    """True when the table cannot be set on a portrait page without cramping a column."""
    return sum(column_need_mm(values) for values in _columns(table)) > PORTRAIT_TEXT_MM


def _columns(table: TableText) -> list[list[str]]:
    return [[name, *(row[i] for row in table.rows if i < len(row))] for i, name in enumerate(table.columns)]


def column_widths(table: TableText, text_width_mm: float) -> list[float]:
    """Each column as wide as it needs; what the page has to spare goes to the columns of
    running text, in proportion to how much of it they hold (a column of figures gets none)."""
    columns = _columns(table)
    need = [column_need_mm(values) for values in columns]
    needed = sum(need)                               # added up once, not once a column
    spare = text_width_mm - needed
    if spare < 0:                                    # too wide even so: all shrink alike
        return [n * text_width_mm / needed for n in need]
    wish = [max(0.0, max(text_mm(v) for v in values) + CELL_PADDING_MM - n) for values, n in zip(columns, need)]
    if sum(wish) == 0:
        wish = [1.0] * len(need)
    wished = sum(wish)
    return [n + spare * w / wished for n, w in zip(need, wish)]


def header_groups(columns: list[str]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Column names that share a head — 预算金额（基本支出）, 预算金额（项目支出） — as
    (head, [(column, sub-name), …]); a name with no shared head stands alone (head, [(i, "")])."""
    def split(name: str) -> tuple[str, str]:
        if name.endswith("）") and "（" in name:
            head, _, sub = name[:-1].rpartition("（")
            if head:
                return head, sub
        return name, ""

    groups: list[tuple[str, list[tuple[int, str]]]] = []
    for i, name in enumerate(columns):
        head, sub = split(name)
        if sub and groups and groups[-1][0] == head and groups[-1][1][-1][1]:
            groups[-1][1].append((i, sub))
        else:
            groups.append((head, [(i, sub)]))
    # a head over one column only is not a group: the name stays whole
    return [(head, members) if len(members) > 1 else (columns[members[0][0]], [(members[0][0], "")])
            for head, members in groups]


NEUTRAL = {"", "—", "-", "－", "/", "／", "——"}       # a blank or a dash: no figure, no text
# a head that counts (人数, 次数, （个）…) or names years or places: its whole numbers stay whole
COUNTS = re.compile(r"[（(](?:人|个|次|件|户|项|家|台|辆|人次)[）)]|[人个次件户项家台辆]数|人次|年度|年份|序号|编号")
MONEY_UNIT = re.compile(r"元")


def _decimals(value: str) -> int:
    number = value.rstrip("%")
    return len(number) - number.index(".") - 1 if "." in number else 0


def _padded(value: str, decimals: int) -> str:
    """The figure as typed, its decimals filled with zeros up to `decimals` (never dropped)."""
    percent = "%" if value.endswith("%") else ""
    number = value[:-1] if percent else value
    have = _decimals(number)
    if have >= decimals:
        return value
    return number + ("" if have or "." in number else ".") + "0" * (decimals - have) + percent


def padded_rows(table: TableText) -> list[list[str]]:
    """The rows with every column of figures printed to one number of decimals, the most any of
    its figures has (264.75 and 716.9 → 716.90; 5.0 → 5.00); nothing is rounded or dropped. A
    column is of figures when every cell is a figure (or blank, or a dash) and all are
    percentages or none is. In a table of money (its unit or a head says 元) every column of
    figures takes the most decimals of the table's money columns (0 beside 5.00 → 0.00, 4 → 4.00,
    -168.8 → -168.80); elsewhere a column of whole numbers stays whole, and so does a column whose
    head counts (人数, （个）, 次数…, 年度, 序号) in any table."""
    width = len(table.columns)
    columns: dict[int, int] = {}                 # column -> decimals, for the columns of figures
    for i in range(width):
        values = [row[i].strip() for row in table.rows if i < len(row) and row[i].strip() not in NEUTRAL]
        if not values or not all(FIGURE.match(v) for v in values):
            continue
        if len({v.endswith("%") for v in values}) > 1:
            continue
        columns[i] = max(_decimals(v) for v in values)
    money = bool(MONEY_UNIT.search(table.unit)) or any(MONEY_UNIT.search(c) for c in table.columns)
    table_decimals = max((d for i, d in columns.items() if not COUNTS.search(table.columns[i])), default=0)
    for i, decimals in list(columns.items()):
        if money and not COUNTS.search(table.columns[i]):
            columns[i] = max(decimals, table_decimals)
        if columns[i] == 0:
            del columns[i]
    out = []
    for row in table.rows:
        out.append([_padded(v.strip(), columns[i]) if i in columns and v.strip() not in NEUTRAL else v
                    for i, v in enumerate(row)])
    return out


def plain_heads(table: TableText) -> list[str]:
    """The column names, less a unit the line above the table already states: 合计（单位：万元）
    under 单位：万元 is 合计."""
    if not table.unit:
        return list(table.columns)
    unit = re.escape(table.unit)
    said = re.compile(rf"[（(](?:单位[：:])?{unit}[）)]$")
    return [said.sub("", name) or name for name in table.columns]


def _paragraph(text: str, style: str, align: str = "", bold: bool = False, keep: bool = False) -> str:
    props = f'<w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep else "") + (
        f'<w:jc w:val="{align}"/>' if align else "")
    run = ""
    if text:
        lines = escape(text, quote=False).split("\n")
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
        run = f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}{body}</w:r>"
    return f"<w:p><w:pPr>{props}</w:pPr>{run}</w:p>"


def _cell(width: int, text: str, *, span: int = 1, merge: str = "", header: bool = False,
          keep: bool = False) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>" if merge else "") + (
        '<w:vAlign w:val="center"/>')
    align = "center" if header else "right" if FIGURE.match(text.strip()) else "left"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_paragraph(text, '表格文字', align, bold=header, keep=keep)}</w:tc>"


ROW_HEIGHT = round(6 * TWIPS_PER_MM)          # at least 6 mm, as the forms: text never touches the lines
# A table of up to this many rows (besides its header) is kept on one page: every row's text
# keeps with the next row but the last's. A longer one may run over pages, its header repeating.
ONE_PAGE_ROWS = 10


def _row(cells: str, header: bool = False) -> str:
    props = f'<w:cantSplit/><w:trHeight w:val="{ROW_HEIGHT}" w:hRule="atLeast"/>' + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def _runs(names: list[str]) -> list[tuple[int, int]]:
    """(first column, how many) for each run of equal adjacent names; a blank name never merges."""
    runs: list[tuple[int, int]] = []
    for i, name in enumerate(names):
        if runs and name and names[runs[-1][0]] == name:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def _header_rows(heads: list[str], widths: list[int], keep: bool) -> str:
    """One header row, or two when names share a head; equal adjacent heads are one cell over
    their columns (a unit that typed 预算金额 twice, over two columns, gets one 预算金额)."""
    groups = header_groups(heads)
    if all(len(members) == 1 for _, members in groups):
        cells = "".join(_cell(sum(widths[first:first + n]), heads[first], span=n, header=True, keep=keep)
                        for first, n in _runs(heads))
        return _row(cells, header=True)
    top, bottom = [], []
    names = [head if len(members) > 1 else heads[members[0][0]] for head, members in groups]
    for first, n in _runs(names):
        merged = groups[first:first + n]
        members = [m for _, ms in merged for m in ms]
        width = sum(widths[i] for i, _ in members)
        if len(merged[0][1]) == 1:                 # one name over both header rows
            top.append(_cell(width, names[first], span=len(members), merge="restart", header=True, keep=keep))
            bottom.append(_cell(width, "", span=len(members), merge="continue", header=True, keep=keep))
        else:
            top.append(_cell(width, names[first], span=len(members), header=True, keep=keep))
            bottom += [_cell(widths[i], sub, header=True, keep=keep) for i, sub in members]
    return _row("".join(top), header=True) + _row("".join(bottom), header=True)


def table_xml(table: TableText, text_width_mm: float = PORTRAIT_TEXT_MM, heading: str = "") -> Markup:
    """The table's title and unit lines and the table itself. `heading`: the title already
    printed above it (a form's); the table's own title is left out when it says the same."""
    widths = [round(mm * TWIPS_PER_MM) for mm in column_widths(table, text_width_mm)]
    heads = plain_heads(table)
    short = len(table.rows) <= ONE_PAGE_ROWS
    out = ""
    if table.title and not heading.endswith(table.title):
        out += _paragraph(table.title, "表格说明", "center", keep=True)
    if table.unit:
        out += _paragraph(f"单位：{table.unit}", "表格说明", "right", keep=True)
    margins = "".join(f'<w:{side} w:w="{w}" w:type="dxa"/>' for side, w in
                      (("top", 28), ("left", 57), ("bottom", 28), ("right", 57)))
    out += ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            'w:noHBand="0" w:noVBand="1"/></w:tblPr>')
    out += "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    # the header rows keep with the first body row however long the table is
    out += _header_rows(heads, widths, keep=True)
    rows = padded_rows(table)
    last = len(rows) - 1
    # joined once: a string grown row by row may be copied at every row
    out += "".join(_row("".join(_cell(w, value, keep=short and n < last) for w, value in zip(widths, values)))
                   for n, values in enumerate(rows))
    return Markup(out + "</w:tbl>")
