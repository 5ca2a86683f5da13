"""Tables whose columns vary (the narrative's own tables, 附件4–6), as docxtpl subdocuments.

The subdocument shares the template's part, so it uses the template's own styles.
"""
from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from .derive.narrative import Table

TEXT_WIDTH_MM = 156


def _cell(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = "表格文字"
    run = paragraph.add_run(text)
    run.bold = bold


def subdoc_table(template, table: Table):
    subdoc = template.new_subdoc()
    if table.title:
        subdoc.add_paragraph(table.title, style="表格说明").alignment = WD_ALIGN_PARAGRAPH.CENTER
    if table.unit:
        subdoc.add_paragraph(f"单位：{table.unit}", style="表格说明").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    grid = subdoc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = Mm(TEXT_WIDTH_MM / len(table.columns))
    for column in grid.columns:
        column.width = width
    for cell, name in zip(grid.rows[0].cells, table.columns):
        _cell(cell, name, bold=True)
    for row, values in zip(grid.rows[1:], table.rows):
        for cell, value in zip(row.cells, values):
            _cell(cell, value)
    return subdoc
