"""The unit's own words (文字块) as a typed tree: paragraphs, headings with their level, tables.

A block is a string (paragraph), {标题, 正文?, 内容?, 表格?} (a heading, optionally with
run-in text, a table and children) or {表格}. Each block knows where it stands in the file
and the level its heading prints at (2 （一）, 3 1., 4 （1）), which the outline decides;
wording/ numbers and words them, audit/ checks them. Nothing here is formatted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from perfreport.shared.numbering import split_typed_number
from perfreport.shared.outline import GENERATED, Outline

DEEPEST_LEVEL = 4            # （1）: the deepest numbering the outline has

Cell = str | Decimal | int | None


@dataclass
class Table:
    title: str
    unit: str
    columns: list[str]
    rows: list[list[Cell]]       # as typed: text, a number, or None for an empty cell
    path: tuple = ()


@dataclass
class Block:
    kind: str                    # 'text' | 'heading' | 'table' | 'invalid' (neither 标题 nor 表格)
    path: tuple
    level: int = 0               # a heading's printed level; deeper than 4 is an error
    title: str = ""              # a heading's title, typed numbering taken off
    text: str = ""               # a paragraph, or a heading's run-in text (正文)
    typed_number: str = ""       # numbering the unit typed before the title, taken off
    table: Table | None = None
    children: list["Block"] = field(default_factory=list)


def table_from(raw: dict, path: tuple) -> Table:
    return Table(title=raw.get("标题", ""), unit=raw.get("单位", ""), columns=list(raw["列"]),
                 rows=[list(row) for row in raw["行"]], path=path)


def blocks_from(raw_blocks: list | None, path: tuple, level: int) -> list[Block]:
    """The blocks of one list; headings in it print at `level`, their children one deeper."""
    out: list[Block] = []
    if not isinstance(raw_blocks, list):        # 无 (the unit says there is nothing), or blank
        return out
    for i, raw in enumerate(raw_blocks):
        here = path + (i,)
        if isinstance(raw, str):
            out.append(Block("text", here, text=raw))
            continue
        table = table_from(raw["表格"], here + ("表格",)) if raw.get("表格") else None
        if "标题" in raw:
            number, title = split_typed_number(raw["标题"])
            out.append(Block("heading", here, level=level, title=title, text=raw.get("正文", ""),
                             typed_number=number, table=table,
                             children=blocks_from(raw.get("内容"), here + ("内容",), level + 1)))
        elif table is not None:
            out.append(Block("table", here, level=level, table=table))
        else:
            out.append(Block("invalid", here, level=level))
    return out


def walk(blocks: list[Block]) -> Iterator[Block]:
    """Every block, depth first, in reading order."""
    for block in blocks:
        yield block
        yield from walk(block.children)


# Where a unit may put its own words (原文) in place of a generated sentence, and which
# generated part they belong to. The words that open a section (预算.原文) print at the
# part's level; the others under a generated subsection heading, one level down.
OWN_WORDS = {
    ("机构设置", "原文"): "basic_info",
    ("人员编制", "原文"): "basic_info",
    ("预算", "原文"): "general_budget",
    ("基本支出", "原文"): "general_budget",
    ("项目支出原文",): "general_budget",
    ("三公经费", "原文"): "general_budget",
    ("政府采购", "原文"): "general_budget",
    ("资产", "原文"): "general_budget",
}
SECTION_OPENING = ("预算", "原文")


def at(data: dict, path: tuple):
    node = data
    for key in path:
        node = (node or {}).get(key) if isinstance(node, dict) or node is None else None
    return node


def derive_texts(data: dict, outline: Outline) -> dict[tuple, list[Block]]:
    """Every list of the unit's blocks the outline prints, by its path in the file."""
    texts = {(outline.opening,): blocks_from(data.get(outline.opening), (outline.opening,), 2)}
    for _, part in outline.parts():
        base = 3 if part.heading else 2          # under a part's own subsection heading
        if part.kind in GENERATED:
            if part.supplement:
                texts[(part.supplement,)] = blocks_from(data.get(part.supplement), (part.supplement,), base)
            for path, owner in OWN_WORDS.items():
                if owner == part.kind:
                    level = base if path == SECTION_OPENING else base + 1
                    texts[path] = blocks_from(at(data, path), path, level)
        elif part.kind == "text":
            texts[(part.key,)] = blocks_from(data.get(part.key), (part.key,), base)
        elif part.kind == "fund":
            texts[(part.key, "说明")] = blocks_from(at(data, (part.key, "说明")), (part.key, "说明"), base)
    return texts
