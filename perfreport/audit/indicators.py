"""Rules on the indicator tables of 附件2 and each 附件3."""
from __future__ import annotations

from typing import Iterator

from perfreport.derive import Report
from perfreport.derive.indicators import FORM_WEIGHT_TOTAL, IndicatorTable
from perfreport.shared.formats import score
from perfreport.audit.context import Context, rule
from perfreport.shared.findings import CERTAIN, NOTE


def tables(report: Report) -> Iterator[tuple[str, IndicatorTable]]:
    """The tables that hold rows of the unit's own (a form left empty is the completeness rule's)."""
    filled = [("部门整体支出绩效自评表", report.overall)] + [
        (f"项目“{p.name}”的绩效自评表", report.project_tables[p.index]) for p in report.projects]
    for title, table in filled:
        if any(r.path is not None for r in table.rows):
            yield title, table


@rule("权重合计", CERTAIN)
def weights(ctx: Context):
    rounding = ctx.report.rounding
    for title, table in tables(ctx.report):
        for level1, expected in table.weights.items():
            got = table.level_weight_sum(level1)
            if got != expected and (expected or got):
                yield ctx.warn(table.path, f"{title}中{level1}的分值合计为 {score(got, rounding)}，"
                                           f"应为 {score(expected, rounding)}", stated=got, computed=expected)
        if table.weight_sum != FORM_WEIGHT_TOTAL:
            yield ctx.warn(table.path,
                           f"{title}的分值合计（含预算执行率 {score(table.execution.weight, rounding)} 分）为 "
                           f"{score(table.weight_sum, rounding)}，应为 {score(FORM_WEIGHT_TOTAL, rounding)}", stated=table.weight_sum,
                           computed=FORM_WEIGHT_TOTAL)


@rule("指标分值", CERTAIN)
def indicator_values(ctx: Context):
    rounding = ctx.report.rounding
    for _, table in tables(ctx.report):
        for row in table.rows:
            if row.path is None:
                continue
            if row.not_applicable:
                if row.weight or row.score:
                    yield ctx.warn(row.path + ("分值",), "“不适用”的指标不应有分值和得分")
            elif row.weight is not None and row.score is not None and row.score > row.weight:
                yield ctx.warn(row.path + ("得分",), f"得分 {score(row.score, rounding)} 超过分值 "
                                                     f"{score(row.weight, rounding)}", stated=row.score, computed=row.weight)


@rule("得分复核", CERTAIN)
def indicator_scores(ctx: Context):
    rounding = ctx.report.rounding
    for _, table in tables(ctx.report):
        for row in table.rows:
            a = row.assessment
            if row.path is None or row.score is None or row.weight is None or row.score > row.weight:
                continue
            full = row.score == row.weight
            if a.kind == "quantitative":
                if a.unit_mismatch == "percent_fraction":
                    yield ctx.warn(row.path + ("实际完成值",),
                                   f"实际完成值“{row.actual}”是小数，年度指标值“{row.target}”是百分数，单位不同，"
                                   "无法复核得分", hint="请用同一种写法，如“98%”", level=NOTE)
                elif a.unit_mismatch:       # no contradiction found: the score could not be checked
                    yield ctx.warn(row.path + ("实际完成值",),
                                   f"实际完成值“{row.actual}”与年度指标值“{row.target}”的单位不同，无法复核得分", level=NOTE)
                elif a.expected is not None and row.score != a.expected:
                    yield ctx.warn(row.path + ("得分",),
                                   f"得分 {score(row.score, rounding)} 与指标值“{row.target}”、实际完成值“{row.actual}”"
                                   f"不符，按公式应为 {score(a.expected, rounding)}", stated=row.score, computed=a.expected)
                elif a.met is False and full:
                    yield ctx.warn(row.path + ("得分",), f"实际完成值“{row.actual}”没有达到“{row.target}”，"
                                                         f"得分却是满分 {score(row.score, rounding)}", stated=row.score)
            elif a.kind in ("deadline", "qualitative") and (a.met is False or a.said == "partly") and (
                    full or a.verdict == "达成"):
                missed = ("晚于" if a.kind == "deadline" and not a.said else "没有达成" if a.said != "partly"
                          else "只部分达成")
                yield ctx.warn(row.path + ("得分",),
                               f"实际完成值“{row.actual}”{missed}年度指标值“{row.target}”，"
                               f"得分却是{'满分 ' + score(row.score, rounding) if full else '“达成”一档'}",
                               stated=row.score)
            elif a.band is not None:
                low, high = (row.weight * x for x in a.band)
                if not low <= row.score <= high:
                    yield ctx.warn(row.path + ("得分",),
                                   f"定性评价为“{a.verdict}”，得分应在 {score(low, rounding)}–{score(high, rounding)} "
                                   f"之间，实际为 {score(row.score, rounding)}", stated=row.score)


@rule("无法复核", NOTE)
def unverifiable(ctx: Context):
    """A target with no measure ("万元", "影响情况") or one the actual value does not answer
    ("≥95%" against "良好"): the score cannot be checked, and a reviewer should know."""
    for _, table in tables(ctx.report):
        for row in table.rows:
            a = row.assessment
            if row.path is None or a.kind != "unverifiable" or a.why != "no measure" or not row.target:
                continue
            yield ctx.warn(row.path + ("年度指标值",),
                           f"年度指标值“{row.target}”没有可以衡量的标准，实际完成值“{row.actual}”无法与它比较，得分无法复核",
                           hint="请写明比较符、数量和单位（如“≥500个”“≤100%”），或写明要完成的事（如“出台”“按时完成”）")


@rule("偏差原因", NOTE)
def deviation_reason(ctx: Context):
    rounding = ctx.report.rounding
    for _, table in tables(ctx.report):
        for row in table.rows:
            if row.path is None or row.not_applicable or row.deviation.strip():
                continue
            lost = row.score is not None and row.weight is not None and row.score < row.weight
            missed = row.assessment.met is False
            if lost or missed:
                why = (f"得分 {score(row.score, rounding)} 低于分值 {score(row.weight, rounding)}" if lost else
                       f"实际完成值“{row.actual}”未达到“{row.target}”")
                yield ctx.warn(row.path + ("偏差原因分析及改进措施",),
                               f"{why}，必须填写偏差原因分析及改进措施")
