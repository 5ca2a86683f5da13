"""Tables whose columns vary (the narrative's own tables, 附件4–6), written as WordprocessingML.

The wording layer gives each table as text (TableText); this writes it the way the forms are
set: columns measured from their content, a header row that repeats on every page the table
runs onto (two rows, merged, when the unit's column names share a head: 预算金额（基本支出）,
预算金额（项目支出）), rows that never split, figures right-aligned, and the template's own
styles referenced by id. The XML goes into the body where the template says {{p p.table }};
it is escaped here, and checked with the rest of the body (render.check_output).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

PORTRAIT_TEXT_MM = 156          # 210 mm less the 28 and 26 mm side margins
LANDSCAPE_TEXT_MM = 243         # 297 mm less the same side margins

# Sizes at 五号 (10.5 pt): a CJK character is one em, a digit or Latin letter about half.
CJK_MM, LATIN_MM, CELL_PADDING_MM = 3.7, 1.9, 3.8
# A column narrower than four characters breaks its header ("全年执行数") into stubs of
# two, which reads badly; past that, Chinese text wraps anywhere, numbers cannot.
MIN_COLUMN_CHARS = 4
UNBREAKABLE = re.compile(r"[0-9A-Za-z.,%+\-/()（）]+")
FIGURE = re.compile(r"^[-+−]?[0-9][0-9,]*(\.[0-9]+)?%?$")
TWIPS_PER_MM = 56.7

# 附件1's label column beside its three money columns (templates/build.py sets the form on it):
# what a label may hold on one line, inside the cell's 1 mm padding either side
F1_LABEL_MM = 80.0
F1_LABEL_LINE_MM = F1_LABEL_MM - 2 * 1.0 - 0.9
OPENING, CLOSING = "（(〔【《“", "）)〕】》”"
NO_LINE_START = CLOSING + "，。、；：！？"


@dataclass
class TableText:
    """A table the unit typed, its cells as the text to print (wording.sections makes it)."""
    title: str
    unit: str
    columns: list[str]
    rows: list[list[str]]


def text_mm(text: str) -> float:
    return sum(LATIN_MM if ord(ch) < 0x2E80 else CJK_MM for ch in text)


def column_need_mm(values: list[str]) -> float:
    """The width a column needs: its longest unbreakable figure or four characters."""
    longest = max((len(token) for value in values for token in UNBREAKABLE.findall(value)),
                  default=0)
    return max(MIN_COLUMN_CHARS * CJK_MM, longest * LATIN_MM) + CELL_PADDING_MM


def break_label(label: str, line_mm: float = F1_LABEL_LINE_MM) -> str:
    """A label too long for one line, broken where Word would break it but never inside
    brackets ("（二期）" stays whole), inside a figure, or before a closing mark or a comma:
    each line as full as it can be, and a bracketed part that does not fit on the line goes to
    the next one whole. A label with no such place to break is left to Word."""
    lines, line, breaks, depth = [], "", [], 0
    for ch in label:
        if ch in NO_LINE_START or (UNBREAKABLE.fullmatch(ch) and line and UNBREAKABLE.fullmatch(line[-1])):
            breaks = [b for b in breaks if b != len(line)]
        if text_mm(line + ch) > line_mm and breaks:
            cut = breaks[-1]
            lines.append(line[:cut])
            line, breaks = line[cut:], [b - cut for b in breaks if b > cut]
        if ch in OPENING and depth == 0 and line:
            breaks.append(len(line))
        line += ch
        depth = max(depth + (ch in OPENING) - (ch in CLOSING), 0)
        if depth == 0 and ch not in OPENING:
            breaks.append(len(line))
    lines.append(line)
    return "\n".join(lines)


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


def _paragraph(text: str, style: str, align: str = "", bold: bool = False, keep: bool = False) -> str:
    props = f'<w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep else "") + (
        f'<w:jc w:val="{align}"/>' if align else "")
    run = ""
    if text:
        lines = escape(text, quote=False).split("\n")
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
        run = f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}{body}</w:r>"
    return f"<w:p><w:pPr>{props}</w:pPr>{run}</w:p>"


def _cell(width: int, text: str, *, span: int = 1, merge: str = "", header: bool = False) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>" if merge else "") + (
        '<w:vAlign w:val="center"/>')
    align = "center" if header else "right" if FIGURE.match(text.strip()) else "left"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_paragraph(text, '表格文字', align, bold=header)}</w:tc>"


ROW_HEIGHT = round(6 * TWIPS_PER_MM)          # at least 6 mm, as the forms: text never touches the lines


def _row(cells: str, header: bool = False) -> str:
    props = f'<w:cantSplit/><w:trHeight w:val="{ROW_HEIGHT}" w:hRule="atLeast"/>' + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def _header_rows(table: TableText, widths: list[int]) -> str:
    groups = header_groups(table.columns)
    if all(len(members) == 1 for _, members in groups):
        return _row("".join(_cell(w, name, header=True) for w, name in zip(widths, table.columns)), header=True)
    top, bottom = [], []
    for head, members in groups:
        width = sum(widths[i] for i, _ in members)
        if len(members) == 1:                      # one name over both header rows
            top.append(_cell(width, head, merge="restart", header=True))
            bottom.append(_cell(width, "", merge="continue", header=True))
        else:
            top.append(_cell(width, head, span=len(members), header=True))
            bottom += [_cell(widths[i], sub, header=True) for i, sub in members]
    return _row("".join(top), header=True) + _row("".join(bottom), header=True)


def table_xml(table: TableText, text_width_mm: float = PORTRAIT_TEXT_MM, heading: str = "") -> Markup:
    """The table's title and unit lines and the table itself. `heading`: the title already
    printed above it (a form's); the table's own title is left out when it says the same."""
    widths = [round(mm * TWIPS_PER_MM) for mm in column_widths(table, text_width_mm)]
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
    out += _header_rows(table, widths)
    # joined once: a string grown row by row may be copied at every row
    rows = "".join(_row("".join(_cell(w, value) for w, value in zip(widths, values))) for values in table.rows)
    return Markup(out + rows + "</w:tbl>")
