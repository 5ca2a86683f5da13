"""Named consistency rules over the validated data and the derived report.

错误: no correct report can be made (a figure is missing or the text cannot be laid out);
the render stops. 警告: the report can be made but holds an inconsistency a reviewer
must see; it is printed, and `--strict` turns it into a failure.

Each rule is a function registered with @rule(name); it yields findings through `ctx`,
which turns a data path into file:line and formats stated/computed values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterator

from .derive import Report
from .derive.indicators import IndicatorTable
from .derive.narrative import DEEPEST_LEVEL
from .derive.sections import OWN_WORDS, SECTION_OPENING, own_words_at
from .findings import ERROR, WARNING, Finding
from .load import Loaded, format_path
from .numbers import money, percent, score

RULES: list[tuple[str, Callable]] = []


def rule(name: str):
    def register(function):
        RULES.append((name, function))
        return function
    return register


@dataclass
class Context:
    loaded: Loaded
    report: Report
    rule: str = ""

    @property
    def data(self) -> dict:
        return self.loaded.data

    def finding(self, severity: str, path: tuple, message: str, stated=None, computed=None,
                hint: str = "") -> Finding:
        line, column = self.loaded.where(path) or (None, None)
        return Finding(severity, message, file=self.loaded.file, line=line, column=column,
                       path=format_path(path), rule=self.rule, stated=stated, computed=computed,
                       hint=hint)

    def warn(self, path, message, stated=None, computed=None, hint="") -> Finding:
        return self.finding(WARNING, path, message, stated, computed, hint)

    def error(self, path, message, stated=None, computed=None, hint="") -> Finding:
        return self.finding(ERROR, path, message, stated, computed, hint)


def _tables(report: Report) -> Iterator[tuple[str, IndicatorTable]]:
    if report.overall.rows and any(r.path for r in report.overall.rows):
        yield "部门整体支出绩效自评表", report.overall
    for project in report.projects:
        table = report.project_tables.get(project.index)
        if table is not None:
            yield f"项目“{project.name}”的绩效自评表", table


# ------------------------------------------------------------------ budget totals

@rule("执行率")
def execution_rate(ctx: Context):
    budget = ctx.report.budget
    if budget.full_year == 0 and budget.executed > 0:
        yield ctx.warn(("预算", "全年预算数"), "全年预算数为 0，却有支出，执行率无法计算",
                       stated=budget.full_year, computed=budget.executed)
    elif budget.execution.rate is not None and budget.execution.rate > 1:
        yield ctx.warn(("预算", "全年预算数"),
                       f"全年支出 {money(budget.executed)} 万元（基本支出 + 项目支出）超过全年预算数 "
                       f"{money(budget.full_year)} 万元，执行率 {percent(budget.execution.rate)}",
                       stated=budget.full_year, computed=budget.executed)
    for project in ctx.report.projects:
        rate = project.execution.rate
        if project.full_year == 0 and project.executed > 0:
            yield ctx.warn(project.path + ("全年预算数",), "全年预算数为 0，却有执行数")
        elif rate is not None and rate > 1:
            yield ctx.warn(project.path + ("全年执行数",),
                           f"执行数 {money(project.executed)} 万元超过全年预算数 "
                           f"{money(project.full_year)} 万元（执行率 {percent(rate)}）",
                           stated=project.executed, computed=project.full_year)


@rule("收入合计")
def income_parts(ctx: Context):
    general = ctx.report.budget.income[0][1]
    if general < 0:
        yield ctx.warn(("预算", "按收入性质分"),
                       f"按收入性质分的各项之和超过全年预算数 {money(ctx.report.budget.full_year)} 万元"
                       f"（一般公共预算算出为 {money(general)} 万元）", computed=general)


@rule("预算调整")
def budget_adjustment(ctx: Context):
    budget = ctx.report.budget
    if budget.carried_in is not None or budget.added is not None:
        available = budget.initial + (budget.carried_in or 0) + (budget.added or 0)
        if available != budget.full_year:
            yield ctx.warn(("预算", "全年预算数"),
                           f"全年预算数 {money(budget.full_year)} 万元不等于 年初预算 + 上年结转 + 本年追加 = "
                           f"{money(available)} 万元", stated=budget.full_year, computed=available,
                           hint="年末结转不应计入可用资金")
    if budget.carried_out is not None:
        left = budget.full_year - budget.executed
        if left != budget.carried_out:
            yield ctx.warn(("预算", "年末结转"),
                           f"年末结转 {money(budget.carried_out)} 万元不等于 全年预算数 − 全年支出 = "
                           f"{money(left)} 万元", stated=budget.carried_out, computed=left)


@rule("年初预算分项")
def initial_budget_parts(ctx: Context):
    report = ctx.report
    if report.basic.initial is None:
        return
    parts = report.basic.initial + sum((p.initial for p in report.projects), Decimal(0))
    if parts != report.budget.initial:
        yield ctx.warn(("预算", "年初预算数"),
                       f"年初预算数 {money(report.budget.initial)} 万元不等于 基本支出年初预算 "
                       f"{money(report.basic.initial)} + 各项目年初预算之和 = {money(parts)} 万元",
                       stated=report.budget.initial, computed=parts)


@rule("基本支出分项")
def basic_split(ctx: Context):
    if not ctx.report.basic.split_known:
        yield ctx.warn(("基本支出", "全年执行数"),
                       "基本支出只有合计，没有分人员经费和公用经费",
                       hint="标准提纲要求分别写明人员经费和公用经费及其内容")


@rule("项目资金来源")
def project_sources(ctx: Context):
    for project in ctx.report.projects:
        current = project.sources[0]
        for column, value in (("年初预算数", current.initial), ("全年预算数", current.full_year),
                              ("全年执行数", current.executed)):
            if value < 0:
                yield ctx.warn(project.path + (column,),
                               f"上年结转资金与其他资金之和超过项目的{column}（当年财政拨款算出为 {money(value)} 万元）",
                               computed=value)


@rule("项目名称重复")
def duplicate_projects(ctx: Context):
    seen: dict[str, int] = {}
    for project in ctx.report.projects:
        if project.name in seen:
            yield ctx.warn(project.path + ("名称",),
                           f"项目名称与第 {seen[project.name] + 1} 个项目相同", hint="一个一级项目只写一次")
        seen.setdefault(project.name, project.index)


@rule("三公经费")
def three_public(ctx: Context):
    for row in ctx.report.three_public.rows[2:]:
        if row.final is not None and row.budget is not None and row.final > row.budget:
            yield ctx.warn(row.path + ("本年决算数",),
                           f"{row.label.replace('其中：', '').lstrip('123、')}决算数 {money(row.final)} 万元超过预算数 "
                           f"{money(row.budget)} 万元", stated=row.final, computed=row.budget)


@rule("控制率")
def staffing_control(ctx: Context):
    staff = ctx.report.staffing
    rate = staff.control_rate
    if staff.authorized == 0 and staff.in_service > 0:
        yield ctx.warn(("人员编制", "在职人数"), "编制数为 0，却有在职人员")
    elif rate is not None and rate > 1:
        yield ctx.warn(("人员编制", "在职人数"),
                       f"在职人数 {staff.in_service} 人超过编制数 {staff.authorized} 人（控制率 {percent(rate)}）",
                       stated=staff.in_service, computed=staff.authorized)


@rule("编制分项")
def staffing_split(ctx: Context):
    if not ctx.report.staffing.split_known:
        yield ctx.warn(("人员编制", "编制数"), "只填了编制总数，没有分行政编制、事业编制、工勤编制",
                       hint="知道分项时请改填“行政编制”“事业编制”“工勤编制”，编制数由程序计算")


@rule("楼堂馆所")
def buildings(ctx: Context):
    for b in ctx.report.buildings:
        path = ("楼堂馆所", b.index)
        for label, rate, field in (("规模控制率", b.scale_rate, "实际规模"),
                                   ("投资概算控制率", b.investment_rate, "实际投资")):
            if rate is None:
                yield ctx.warn(path + (field,), f"{label}无法计算：批复为 0 却有实际发生")
            elif rate > 1:
                yield ctx.warn(path + (field,), f"{label} {percent(rate)}，超过 100%")


@rule("填报日期")
def report_date(ctx: Context):
    """The schema checks the form (2024年5月29日); only the calendar knows 2月30日."""
    unit = ctx.report.unit
    if unit.date and unit.report_date is None:
        yield ctx.error(("单位", "填报日期"), f"“{unit.date}”不是实际存在的日期",
                        hint="请核对月份和日子，如“2024年5月29日”")


@rule("机构设置")
def structure(ctx: Context):
    s = ctx.report.structure
    if not (s.internal or s.subordinate or s.note or (ctx.data.get("机构设置") or {}).get("原文")):
        yield ctx.warn(("机构设置",), "没有填写内设机构和二级机构", hint="第一节将缺少“机构设置”")


# ------------------------------------------------------------------ attachments present

@rule("缺少附件")
def missing_forms(ctx: Context):
    if not ctx.data.get("绩效指标"):
        yield ctx.warn(("绩效指标",), "没有部门整体支出绩效指标，附件2的指标部分将是空的",
                       hint="请按附件2填写“绩效指标”")
    if not ctx.data.get("年度总体目标"):
        yield ctx.warn(("年度总体目标",), "没有部门整体的年度总体目标（附件2）")
    for project in ctx.report.projects:
        if not project.has_form:
            yield ctx.warn(project.path + ("名称",),
                           f"项目“{project.name}”没有绩效指标，不会生成它的项目支出绩效自评表",
                           hint="每个一级项目支出一张表")
        elif not project.raw.get("年度总体目标"):
            yield ctx.warn(project.path + ("名称",), f"项目“{project.name}”没有年度总体目标")


# ------------------------------------------------------------------ indicator tables

@rule("权重合计")
def weights(ctx: Context):
    for title, table in _tables(ctx.report):
        for level1, expected in table.weights.items():
            got = table.level_weight_sum(level1)
            if got != expected and (expected or got):
                yield ctx.warn(table.path, f"{title}中{level1}的分值合计为 {score(got)}，应为 {score(expected)}",
                               stated=got, computed=expected)
        if table.weight_total != 100:
            yield ctx.warn(table.path,
                           f"{title}的分值合计（含预算执行率 {score(table.execution.weight)} 分）为 "
                           f"{score(table.weight_total)}，应为 100", stated=table.weight_total,
                           computed=Decimal(100))


@rule("指标分值")
def indicator_values(ctx: Context):
    for title, table in _tables(ctx.report):
        for row in table.rows:
            if row.path is None:
                continue
            if row.not_applicable:
                if row.weight or row.score:
                    yield ctx.warn(row.path + ("分值",), "“不适用”的指标不应有分值和得分")
                continue
            if row.weight is None:
                yield ctx.error(row.path, f"指标“{row.name}”缺少分值")
            if row.score is None:
                yield ctx.error(row.path, f"指标“{row.name}”缺少得分", hint="总分无法计算")
            elif row.weight is not None and row.score > row.weight:
                yield ctx.warn(row.path + ("得分",), f"得分 {score(row.score)} 超过分值 {score(row.weight)}",
                               stated=row.score, computed=row.weight)


@rule("得分复核")
def indicator_scores(ctx: Context):
    for title, table in _tables(ctx.report):
        for row in table.rows:
            a = row.assessment
            if row.path is None or row.score is None or row.weight is None or row.score > row.weight:
                continue
            if a.kind == "quantitative":
                if a.unit_mismatch:
                    yield ctx.warn(row.path + ("实际完成值",),
                                   f"实际完成值“{row.actual}”与年度指标值“{row.target}”的单位不同，无法复核得分")
                elif a.expected is not None and row.score != a.expected:
                    yield ctx.warn(row.path + ("得分",),
                                   f"得分 {score(row.score)} 与指标值“{row.target}”、实际完成值“{row.actual}”不符，"
                                   f"按公式应为 {score(a.expected)}", stated=row.score, computed=a.expected)
            elif a.kind == "qualitative" and a.band is not None:
                low, high = (row.weight * x for x in a.band)
                if not low <= row.score <= high:
                    yield ctx.warn(row.path + ("得分",),
                                   f"定性评价为“{a.verdict}”，得分应在 {score(low)}–{score(high)} 之间，"
                                   f"实际为 {score(row.score)}", stated=row.score)


@rule("偏差原因")
def deviation_reason(ctx: Context):
    for title, table in _tables(ctx.report):
        for row in table.rows:
            if row.path is None or row.not_applicable or row.deviation.strip():
                continue
            lost = row.score is not None and row.weight is not None and row.score < row.weight
            missed = row.assessment.met is False
            if lost or missed:
                why = (f"得分 {score(row.score)} 低于分值 {score(row.weight)}" if lost else
                       f"实际完成值“{row.actual}”未达到“{row.target}”")
                yield ctx.warn(row.path + ("偏差原因分析及改进措施",),
                               f"{why}，必须填写偏差原因分析及改进措施")


# ------------------------------------------------------------------ narrative

NARRATIVE_KEYS = ["基本情况补充", "支出情况补充", "部门整体支出绩效情况", "存在的问题及原因分析", "下一步改进措施",
                  "部门整体支出绩效自评结果拟应用和公开情况", "其他需要说明的情况"]


def _walk_blocks(blocks, path, depth=1):
    for i, block in enumerate(blocks or []):
        here = path + (i,)
        yield here, block, depth
        if isinstance(block, dict):
            yield from _walk_blocks(block.get("内容"), here + ("内容",), depth + 1)


def _all_blocks(data: dict):
    yield from _walk_blocks(data.get("引言"), ("引言",))
    for key in NARRATIVE_KEYS:
        yield from _walk_blocks(data.get(key), (key,))
    for path in OWN_WORDS:
        # 原文 under a generated subsection heading starts one level down (1. rather than （一）)
        depth = 1 if path == SECTION_OPENING else 2
        yield from _walk_blocks(own_words_at(data, path), path, depth=depth)
    for key in ("政府性基金预算支出", "国有资本经营预算支出", "社会保险基金预算支出"):
        if data.get(key):
            yield from _walk_blocks(data[key].get("说明"), (key, "说明"))


def _ragged_rows(ctx: Context, table: dict, path: tuple):
    width = len(table["列"])
    for r, row in enumerate(table["行"]):
        if len(row) != width:
            yield ctx.error(path + ("行", r), f"这一行有 {len(row)} 格，表头有 {width} 列")


@rule("文字结构")
def narrative_structure(ctx: Context):
    for path, block, depth in _all_blocks(ctx.data):
        if not isinstance(block, dict):
            continue
        if "标题" in block and depth > DEEPEST_LEVEL - 1:
            yield ctx.error(path + ("标题",), f"标题层级过深（第 {depth} 层）；最多三层：（一）、1.、（1）",
                            hint="把更深的内容写成段落")
        if "标题" not in block and not block.get("表格"):
            yield ctx.error(path, "这一项既没有“标题”也没有“表格”", hint="普通段落直接写文字即可")
        if block.get("表格"):
            yield from _ragged_rows(ctx, block["表格"], path + ("表格",))
    for key in ("政府性基金预算支出", "国有资本经营预算支出", "社会保险基金预算支出"):
        table = (ctx.data.get(key) or {}).get("表格")
        if table:
            yield from _ragged_rows(ctx, table, (key, "表格"))


NUMBER = r"(\d+(?:\.\d+)?)\s*万元"


def _prose_labels(report: Report) -> list[tuple[str, list[Decimal]]]:
    """Labels whose amount, when prose states it, must match the figures."""
    basic = [report.budget.basic] + ([report.basic.initial] if report.basic.initial is not None else [])
    labels = [("基本支出", basic), ("项目支出", [report.budget.projects])]
    if report.basic.split_known:
        labels += [("人员经费", [report.basic.personnel]), ("公用经费", [report.basic.public])]
    for p in report.projects:
        labels.append((p.name, [p.initial, p.full_year, p.executed]))
    if report.assets is not None:
        a = report.assets
        labels += [("资产总额", [a.total]), ("负债总额", [a.liabilities]), ("净资产", [a.net])]
    return labels


@rule("正文数字")
def prose_figures(ctx: Context):
    """A figure typed in prose that differs from the data: the seeds' 'same figure typed
    three ways'. Only a label directly followed by an amount (基本支出181.26万元) counts."""
    labels = _prose_labels(ctx.report)
    for path, block, _ in _all_blocks(ctx.data):
        texts = [block] if isinstance(block, str) else [block.get("标题", ""), block.get("正文", "")]
        for text in texts:
            for label, allowed in labels:
                pattern = re.escape(label) + r"(?:项目)?(?:支出|经费|资金)?(?:为|共|合计|总额)?" + NUMBER
                for match in re.finditer(pattern, text or ""):
                    value = Decimal(match.group(1))
                    if value not in allowed:
                        shown = "、".join(money(v) for v in dict.fromkeys(allowed))
                        yield ctx.warn(path, f"正文写“{match.group(0)}”，数据中{label}为 {shown} 万元",
                                       stated=value, computed=allowed[0],
                                       hint="正文中的金额请与数据一致，或删去由程序生成的数字")


def audit(loaded: Loaded, report: Report) -> list[Finding]:
    findings: list[Finding] = []
    for name, function in RULES:
        ctx = Context(loaded, report, rule=name)
        findings.extend(function(ctx))
    findings.sort(key=lambda f: (not f.is_error, f.line or 0, f.column or 0))
    return findings


def rule_names() -> list[str]:
    return [name for name, _ in RULES]


__all__ = ["audit", "rule_names"]
