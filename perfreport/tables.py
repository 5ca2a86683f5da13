"""Tables whose columns vary (the narrative's own tables, 附件4–6), as docxtpl subdocuments;
their cells are text the wording layer wrote.

The subdocument shares the template's part, so it uses the template's own styles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm


@dataclass
class TableText:
    """A table the unit typed, its cells as the text to print (wording.sections makes it)."""
    title: str
    unit: str
    columns: list[str]
    rows: list[list[str]]


PORTRAIT_TEXT_MM = 156          # 210 mm less the 28 and 26 mm side margins
LANDSCAPE_TEXT_MM = 243         # 297 mm less the same side margins

# Sizes at 五号 (10.5 pt): a CJK character is one em, a digit or Latin letter about half.
CJK_MM, LATIN_MM, CELL_PADDING_MM = 3.7, 1.9, 3.8
# A column narrower than four characters breaks its header ("全年执行数") into stubs of
# two, which reads badly; past that, Chinese text wraps anywhere, numbers cannot.
MIN_COLUMN_CHARS = 4
UNBREAKABLE = re.compile(r"[0-9A-Za-z.,%+\-/()（）]+")


def column_need_mm(values: list[str]) -> float:
    """The width a column needs: its longest unbreakable figure or four characters."""
    longest = max((len(token) for value in values for token in UNBREAKABLE.findall(value)),
                  default=0)
    return max(MIN_COLUMN_CHARS * CJK_MM, longest * LATIN_MM) + CELL_PADDING_MM


def needs_landscape(table: TableText) -> bool:
    """True when the table cannot be set on a portrait page without cramping a column."""
    columns = [[name, *(row[i] for row in table.rows)] for i, name in enumerate(table.columns)]
    return sum(column_need_mm(values) for values in columns) > PORTRAIT_TEXT_MM


def _cell(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = "表格文字"
    run = paragraph.add_run(text)
    run.bold = bold


def subdoc_table(template, table: TableText, text_width_mm: float = PORTRAIT_TEXT_MM,
                 heading: str = ""):
    """`heading`: the title already printed above the table (a form's); the table's own
    title is left out when it says the same."""
    subdoc = template.new_subdoc()
    if table.title and not heading.endswith(table.title):
        subdoc.add_paragraph(table.title, style="表格说明").alignment = WD_ALIGN_PARAGRAPH.CENTER
    if table.unit:
        subdoc.add_paragraph(f"单位：{table.unit}", style="表格说明").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    grid = subdoc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = Mm(text_width_mm / len(table.columns))
    for column in grid.columns:
        column.width = width
    for cell, name in zip(grid.rows[0].cells, table.columns):
        _cell(cell, name, bold=True)
    for row, values in zip(grid.rows[1:], table.rows):
        for cell, value in zip(row.cells, values):
            _cell(cell, value)
    return subdoc
