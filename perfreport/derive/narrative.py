"""Narrative blocks (文字块) -> a flat list of numbered paragraphs and tables.

A block is a string (paragraph), {标题, 正文?, 内容?} (a numbered heading, optionally with
run-in text and children) or {表格}. Headings are numbered by depth: a section's first
level is （一）, then 1., then （1）.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..numbering import heading_number
from ..numbers import money

DEEPEST_LEVEL = 4


@dataclass
class Table:
    title: str
    unit: str
    columns: list[str]
    rows: list[list[str]]
    path: tuple = ()


@dataclass
class Paragraph:
    kind: str                # 'heading' | 'text' | 'table'
    level: int = 0           # heading level: 2 （一）, 3 1., 4 （1）
    number: str = ""
    title: str = ""
    text: str = ""           # paragraph text, or a heading's run-in text
    table: Table | None = None
    path: tuple = ()


@dataclass
class Section:
    number: str              # 一、
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return money(value)


def table_from(raw: dict, path: tuple) -> Table:
    return Table(title=raw.get("标题", ""), unit=raw.get("单位", ""), columns=list(raw["列"]),
                 rows=[[cell_text(c) for c in row] for row in raw["行"]], path=path)


def flatten(blocks: list, path: tuple, level: int = 2, start: int = 1) -> list[Paragraph]:
    """Blocks at one level -> paragraphs; numbering at this level starts at `start`.

    Levels deeper than 4 are kept (numbered as level 4) so the text is never lost; the
    audit reports them as an error before anything is rendered.
    """
    out: list[Paragraph] = []
    counter = start - 1
    for i, block in enumerate(blocks or []):
        here = path + (i,)
        if isinstance(block, str):
            out.append(Paragraph("text", text=block, path=here))
            continue
        if "标题" in block:
            counter += 1
            shown_level = min(level, DEEPEST_LEVEL)
            out.append(Paragraph("heading", level=shown_level,
                                 number=heading_number(shown_level, counter), title=block["标题"],
                                 text=block.get("正文", ""), path=here))
            if block.get("表格"):
                out.append(Paragraph("table", table=table_from(block["表格"], here + ("表格",)),
                                     path=here + ("表格",)))
            out.extend(flatten(block.get("内容", []), here + ("内容",), level + 1))
        elif block.get("表格"):
            out.append(Paragraph("table", table=table_from(block["表格"], here + ("表格",)),
                                 path=here + ("表格",)))
    return out

