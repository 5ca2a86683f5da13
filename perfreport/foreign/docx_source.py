"""A Word report someone typed, as a sequence of blocks: paragraphs with what marks a heading
(style, outline level, bold, size) and tables as grids of cells with their merges resolved.

The file is read as `dump` reads one (document/docx_read.py: bounded size, entries and
inflation; no entities, no network, bounded depth), and its text gathered by the same walk, so
fields, tracked deletions, text boxes and runs split anywhere come out as Word shows them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from perfreport.document.docx_read import DOCUMENT, Package, read_file
from perfreport.document.dump import P, PPR, RPR, SECT_PR, TBL, TC, TC_PR, TR, RUN, T, Styles, _Dumper, _w
from perfreport.foreign.grid import Cell, Grid

BREAK = "\ue000"                # a soft line break while text is gathered (the dump makes it a space)
HEADING_STYLE = re.compile(r"^(heading|标题)\s*([1-9])$", re.I)
POINT_STYLE = re.compile(r"^要点\s*([1-9])$")      # the run-in headings reports made by this toolkit use


@dataclass
class Para:
    text: str
    number: int                  # the paragraph's place in the body, 1-based (said in comments)
    style: str = ""
    level: int | None = None     # outline level from the style or the paragraph (1 = 一级标题)
    bold: bool = False           # every character bold
    bold_lead: str = ""          # the bold text it starts with (a run-in title typed bold)
    size: float | None = None    # the largest type size in it, pt
    point: bool = False          # a run-in heading style: the title leads, the text runs on
    page: int | None = None      # the page it starts on (a PDF)
    opens_indented: bool = True  # a PDF's paragraph: its first line indented (a new paragraph)
    runs_on: bool = False        # a PDF's paragraph: its last line full (it may go on over the page)


@dataclass
class Table:
    grid: Grid
    number: int                  # the table's place among the body's tables, 1-based


Block = Para | Table


class _Text(_Dumper):
    """The dump's walk, keeping soft line breaks (a cell's label lines, a heading typed on two lines)."""

    def line_break(self, element) -> None:
        kind = element.get(_w("type"))
        if kind == "page":
            self.page_after = True
        elif kind in (None, "textWrapping"):
            self.parts.append(BREAK)

    def text_of(self, elements) -> str:
        text, boxes, _ = self.gather(elements)
        lines = [text]
        for box in boxes:
            inner: list[str] = []
            self.blocks(box, inner, plain=True)
            lines.extend(inner)
        return "\n".join(line for line in lines if line).replace(BREAK, "\n")

    def cell_text(self, tc) -> str:
        lines: list[str] = []
        content = [child for child in tc if child.tag != TC_PR]
        self.blocks(content, lines, plain=True)
        return "\n".join(lines).replace(BREAK, "\n")


def _on(element, name: str) -> bool | None:
    """A toggle property (w:b) of run properties: True, False, or None when not set."""
    if element is None:
        return None
    found = element.find(_w(name))
    if found is None:
        return None
    return found.get(_w("val")) not in ("0", "false", "off")


def _paragraph(walker: _Text, styles: Styles, p, number: int, bold_styles: set[str]) -> Para:
    style_id = p.find(f"{PPR}/{_w('pStyle')}")
    style_id = style_id.get(_w("val")) if style_id is not None else ""
    name = styles.names.get(style_id, style_id)
    level = None
    heading = HEADING_STYLE.match(name.strip())
    if heading:
        level = int(heading.group(2))
    point = POINT_STYLE.match(name.strip())
    if point:
        level = int(point.group(1))
    outline = p.find(f"{PPR}/{_w('outlineLvl')}")
    if outline is not None and (outline.get(_w("val")) or "").isdigit() and int(outline.get(_w("val"))) < 9:
        level = int(outline.get(_w("val"))) + 1
    style_bold = style_id in bold_styles
    runs, lead, leading, sizes = [], "", True, []
    for run in p.iter(RUN):
        text = "".join(t.text or "" for t in run.iter(T))
        if not text.strip():
            continue
        rpr = run.find(RPR)
        bold = _on(rpr, "b")
        bold = style_bold if bold is None else bold
        runs.append(bold)
        if leading and bold:
            lead += text
        elif text.strip():
            leading = False
        size = rpr.find(_w("sz")) if rpr is not None else None
        if size is not None and (size.get(_w("val")) or "").isdigit():
            sizes.append(int(size.get(_w("val"))) / 2)
    text = walker.text_of((p,))
    return Para(text=text, number=number, style=name, level=level, bold=bool(runs) and all(runs),
                bold_lead=lead.strip(), size=max(sizes) if sizes else None, point=bool(point))


def _table(walker: _Text, tbl, number: int) -> Table:
    grid = Grid(where=f"第{number}个表格")
    above: dict[int, Cell] = {}            # column -> the cell a vMerge continue extends
    for r, tr in enumerate(walker.rows(tbl)):
        if tr.tag != TR:
            continue
        row: list[Cell] = []
        trpr = tr.find(_w("trPr"))
        before = trpr.find(_w("gridBefore")) if trpr is not None else None
        skip = int(before.get(_w("val"))) if before is not None and (before.get(_w("val")) or "").isdigit() else 0
        for _ in range(min(skip, 64)):
            row.append(Cell("", len(grid.rows), len(row)))
        for tc in walker.cells(tr):
            if tc.tag != TC:
                continue
            tcpr = tc.find(TC_PR)
            span = tcpr.find(_w("gridSpan")) if tcpr is not None else None
            span = max(1, min(int(span.get(_w("val"))), 64)) if span is not None and (
                span.get(_w("val")) or "").isdigit() else 1
            merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            col = len(row)
            if merge is not None and merge.get(_w("val")) in (None, "continue") and col in above:
                cell = above[col]
                if cell.row + cell.rowspan == len(grid.rows):
                    cell.rowspan += 1
                extra = walker.cell_text(tc)
                if extra:
                    cell.text = f"{cell.text}\n{extra}" if cell.text else extra
            else:
                cell = Cell(walker.cell_text(tc), len(grid.rows), col, colspan=span)
            for c in range(col, col + span):
                row.append(cell)
                above[c] = cell
        grid.rows.append(row)
    return Table(grid, number)


def read_blocks(path: Path, shown: str) -> list[Block]:
    """The body of a .docx as paragraphs and tables, in order; a damaged or hostile file is
    refused by docx_read with one message naming it."""
    package = Package(read_file(path, shown), shown)
    return blocks_of(package)


def blocks_of(package: Package) -> list[Block]:
    styles = Styles(package) if "word/styles.xml" in package else Styles()
    bold_styles = set()
    if "word/styles.xml" in package:
        for style in package.elements("word/styles.xml", _w("style")):
            if _on(style.find(_w("rPr")), "b"):
                bold_styles.add(style.get(_w("styleId")))
    walker = _Text(package, styles)
    walker.use(DOCUMENT)
    out: list[Block] = []
    paragraphs = tables = 0
    for _, child in package.top_level(DOCUMENT, (_w("body"),), (P, TBL)):
        if child is None or child.tag == SECT_PR:
            continue
        if child.tag == P:
            paragraphs += 1
            out.append(_paragraph(walker, styles, child, paragraphs, bold_styles))
        elif child.tag == TBL:
            tables += 1
            out.append(_table(walker, child, tables))
    return out
