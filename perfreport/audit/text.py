"""Rules on the shape of the unit's own words: their structure and numbering typed by hand.
The figures they state are prose.py's."""
from __future__ import annotations

import re

from perfreport.derive.narrative import DEEPEST_LEVEL
from perfreport.shared.numbering import SUBSECTION_STYLE, heading_number
from perfreport.audit.context import Context, rule
from perfreport.shared.findings import NOTE


@rule("文字结构", NOTE)
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


@rule("手写编号", NOTE)
def typed_numbering(ctx: Context):
    """Numbering is generated: a number typed at the head of a heading or a duty would print
    twice (“（四）（四）…”). It is taken off; this says where, so the file can be mended."""
    for block in ctx.report.all_blocks():
        if block.typed_number:
            yield ctx.warn(block.path + ("标题",), f"标题开头手写了编号“{block.typed_number}”，生成时已去掉",
                           hint="编号由程序按层级生成；请在文件中删去它")
    report = ctx.report
    # a duty typed （一） is quoted from a 三定 text numbered so: the list can be printed so
    could_be_subsections = report.duty_style != SUBSECTION_STYLE and duty_level(report) == 2
    for duty in report.duties:
        if duty.typed_number:
            if could_be_subsections and SUBSECTION_NUMBER.fullmatch(duty.typed_number):
                hint = (f"编号由程序生成；要照原文件用“（一）（二）”编号，请在“设置”中写“职责编号: {SUBSECTION_STYLE}”，"
                        "并在文件中删去手写的编号")
            else:
                hint = "编号由程序生成（样式见“设置.职责编号”）；请在文件中删去它"
            yield ctx.warn(duty.path, f"职责开头手写了编号“{duty.typed_number}”，生成时已去掉", hint=hint)


SUBSECTION_NUMBER = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)][、．.]?")


def duty_level(report) -> int:
    """The level section 一's parts stand at: 2 (（一）) unless the outline puts them under a
    heading of their own. The duties may be numbered （一） only at 2 (wording.sections)."""
    return next((3 if part.heading else 2 for _, part in report.outline.parts("basic_info")), 2)


@rule("职责编号", NOTE)
def duty_numbering(ctx: Context):
    """职责编号 （一） where the outline cannot number the duties so, or more duties than （一）
    has words for."""
    report = ctx.report
    if report.duty_style != SUBSECTION_STYLE or not report.duties:
        return
    if duty_level(report) != 2:
        yield ctx.warn(("设置", "职责编号"), "这份提纲把第一节的内容放在一个小标题之下，职责不能再用“（一）”编号，"
                                         "已印作“（1）（2）”", hint="请改选“（1）”，或换用第一节没有小标题的提纲")
        return
    # the duties share their numbering with the subsections after them: 机构设置, 人员编制情况
    # (counted whether or not they print: the limit is far past any real list) and the unit's own
    supplement = sum(1 for _, part in report.outline.parts("basic_info")
                     for block in report.blocks(part.supplement) if block.kind == "heading")
    most = MOST_AT_ONE_LEVEL - 2 - supplement
    if len(report.duties) > most:
        yield ctx.error(report.duties[max(most, 0)].path,
                        f"职责有 {len(report.duties)} 项，用“（一）”编号时连同第一节的其他小标题超过 {MOST_AT_ONE_LEVEL} 个",
                        hint="请改选“1.”编号，或把职责合并")
