"""Rules on the unit's own words: their structure, numbering typed by hand, and the
amounts they state."""
from __future__ import annotations

import re
from decimal import Decimal

from ..derive import Report
from ..derive.narrative import DEEPEST_LEVEL
from ..numbering import heading_number
from ..wording.formats import money
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


NUMBER = r"(\d+(?:\.\d+)?)\s*万元"


def prose_labels(report: Report) -> list[tuple[str, list[Decimal]]]:
    """Labels whose amount, when the unit's words state it, must be one the model holds."""
    def values(*items) -> list[Decimal]:
        found = []
        for item in items:
            for value in ((item.given, item.derived) if hasattr(item, "given") else (item,)):
                if value is not None and value not in found:
                    found.append(value)
        return found

    budget, basic = report.budget, report.basic
    labels = [("基本支出", values(budget.basic, basic.total, basic.initial)),
              ("项目支出", values(budget.projects)),
              ("人员经费", values(basic.personnel)), ("公用经费", values(basic.public))]
    labels += [(p.name, values(*p.amounts.figures)) for p in report.projects]
    if report.assets is not None:
        a = report.assets
        labels += [("资产总额", values(a.total)), ("负债总额", values(a.liabilities)), ("净资产", values(a.net))]
    merged: dict[str, list[Decimal]] = {}
    for label, allowed in labels:       # a project named like a label: either figure is right
        if allowed:
            merged.setdefault(label, [])
            merged[label] += [v for v in allowed if v not in merged[label]]
    return list(merged.items())


AFTER_LABEL = r"(?:项目)?(?:支出|经费|资金)?(?:为|共|合计|总额)?"


@rule("正文数字")
def prose_figures(ctx: Context):
    """A figure typed in the unit's words that differs from the data: the seeds' 'same figure
    typed three ways'. Only a label directly followed by an amount (基本支出181.26万元) counts.
    One pattern for every label, longest first, so the audit stays linear in the size of the
    unit however many projects it names (one pattern a label thrashed Python's cache)."""
    labels = dict(prose_labels(ctx.report))
    if not labels:
        return
    names = sorted(labels, key=len, reverse=True)
    pattern = re.compile("(" + "|".join(map(re.escape, names)) + ")" + AFTER_LABEL + NUMBER)
    for block in ctx.report.all_blocks():
        for text in (block.title, block.text):
            for match in pattern.finditer(text or ""):
                label = match.group(1)
                allowed = labels[label]
                value = Decimal(match.group(2))
                if value not in allowed:
                    shown = "、".join(money(v) for v in allowed)
                    yield ctx.warn(block.path, f"正文写“{match.group(0)}”，数据中{label}为 {shown} 万元",
                                   stated=value, computed=allowed[0],
                                   hint="正文中的金额请与数据一致，或删去由程序生成的数字")
