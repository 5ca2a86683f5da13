"""Rules on the shape of the unit's own words: their structure and numbering typed by hand.
The figures they state are prose.py's."""
from __future__ import annotations

from ..derive.narrative import DEEPEST_LEVEL
from ..numbering import heading_number
from .context import Context, rule


@rule("文字结构")
def narrative_structure(ctx: Context):
    for block in ctx.report.all_blocks():
        if block.kind == "invalid":
            yield ctx.error(block.path, "这一项既没有“标题”也没有“表格”", hint="普通段落直接写文字即可")
        elif block.kind == "heading" and block.level > DEEPEST_LEVEL:
            deepest = heading_number(DEEPEST_LEVEL, 1)
            yield ctx.error(block.path + ("标题",), f"标题层级过深：这一层在“{deepest}”之下，报告的标题最多分到“{deepest}”这一层",
                            hint="把更深的内容写成段落")
    for blocks in ctx.report.texts.values():
        yield from _too_many_headings(ctx, blocks)
    for table in ctx.report.tables:
        width = len(table.columns)
        for r, row in enumerate(table.rows):
            if len(row) != width:
                yield ctx.error(table.path + ("行", r), f"这一行有 {len(row)} 格，表头有 {width} 列")


MOST_AT_ONE_LEVEL = 99           # （九十九）: past it the numbering has no words


def _too_many_headings(ctx: Context, blocks):
    headings = [b for b in blocks if b.kind == "heading"]
    if len(headings) > MOST_AT_ONE_LEVEL:
        extra = headings[MOST_AT_ONE_LEVEL]
        yield ctx.error(extra.path + ("标题",), f"同一层有 {len(headings)} 个标题，超过 {MOST_AT_ONE_LEVEL} 个",
                        hint="请把这些标题分成几组，放到上一层标题之下")
    for block in blocks:
        yield from _too_many_headings(ctx, block.children)


@rule("手写编号")
def typed_numbering(ctx: Context):
    """Numbering is generated: a number typed at the head of a heading or a duty would print
    twice (“（四）（四）…”). It is taken off; this says where, so the file can be mended."""
    for block in ctx.report.all_blocks():
        if block.typed_number:
            yield ctx.warn(block.path + ("标题",), f"标题开头手写了编号“{block.typed_number}”，生成时已去掉",
                           hint="编号由程序按层级生成；请在文件中删去它")
    for duty in ctx.report.duties:
        if duty.typed_number:
            yield ctx.warn(duty.path, f"职责开头手写了编号“{duty.typed_number}”，生成时已去掉",
                           hint="编号由程序生成（样式见“设置.职责编号”）；请在文件中删去它")
