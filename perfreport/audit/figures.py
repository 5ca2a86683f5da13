"""Rules on the figures: a given figure against what its parts give, rates, limits, dates."""
from __future__ import annotations

import unicodedata

from perfreport.forms.basic_data import LINES as BASIC_DATA_LINES
from perfreport.shared.numbering import chinese_number
from perfreport.shared.outline import NONE
from perfreport.shared.formats import money, percent
from perfreport.audit.context import Context, rule
from perfreport.shared.findings import CERTAIN, NOTE, invisible

# What a disagreement most often means, for the figures where the seeds show it
HINTS = {
    "全年预算数": "年末结转不应计入可用资金",
    "一般公共预算": "按收入性质分的各项之和应等于全年预算数",
}


@rule("数字核对", CERTAIN)
def given_against_derived(ctx: Context):
    """A figure the unit states and its parts also give: the report prints the stated one
    (it is the 决算's), and the two must agree."""
    for figure in ctx.report.figures():
        if figure.disagrees and not (figure.unit == "万元" and
                                     abs(figure.given - figure.derived) <= ctx.money_tolerance):
            yield ctx.warn(figure.path, f"{figure.label}填的是 {ctx.shown(figure, figure.given)}，"
                                        f"而{figure.formula} = {ctx.shown(figure, figure.derived)}，两者不一致",
                           stated=figure.given, computed=figure.derived, hint=HINTS.get(figure.label, ""))


@rule("收支合计", CERTAIN)
def split_totals(ctx: Context):
    """The totals printed beside 按收入性质分 and 按支出性质分 are 全年预算数 and 全年执行数
    split: a reviewer reads one against the other. Said once: not when the total's own parts
    already disagree with it by the same figure (数字核对 says that)."""
    budget = ctx.report.budget
    for total, whole in ((budget.income_total, budget.full_year), (budget.spending_total, budget.executed)):
        if total.given is None or whole.value is None or whole.value == total.given or whole.value == total.derived:
            continue
        if abs(whole.value - total.given) <= ctx.money_tolerance:
            continue
        yield ctx.warn(total.path, f"{total.label}填的是 {money(total.given)} 万元，而{whole.label}为 {money(whole.value)} 万元，"
                                   "两者不一致", stated=total.given, computed=whole.value,
                       hint=f"{total.label[:-2]}的合计就是{whole.label}，请核对")


@rule("算出为负", CERTAIN)
def negative_remainder(ctx: Context):
    """A remainder (一般公共预算, 当年财政拨款, 年末结转…) that comes out below zero: its
    parts add up to more than the whole."""
    for figure in ctx.report.figures():
        if figure.given is None and figure.derived is not None and figure.derived < 0:
            yield ctx.warn(figure.path, f"{figure.label}按 {figure.formula} 算出为 {ctx.shown(figure, figure.derived)}，"
                                        "各部分之和超过了合计", computed=figure.derived)


@rule("执行率", CERTAIN)
def execution_rate(ctx: Context):
    budget = ctx.report.budget
    full_year, executed = budget.full_year.value, budget.executed.value
    if full_year == 0 and executed:
        yield ctx.warn(budget.full_year.path, f"全年预算数为 0，却有支出 {money(executed)} 万元："
                                             "执行率无法计算，预算执行率不得分", stated=full_year, computed=executed)
    elif budget.execution.rate is not None and budget.execution.rate > 1:
        yield ctx.warn(budget.full_year.path,
                       f"全年执行数 {money(executed)} 万元超过全年预算数 {money(full_year)} 万元，"
                       f"执行率 {percent(budget.execution.rate)}", stated=full_year, computed=executed)
    for project in ctx.report.projects:
        rate = project.execution.rate
        if project.full_year == 0 and project.executed:
            yield ctx.warn(project.path + ("全年预算数",), "全年预算数为 0，却有执行数：执行率无法计算，不得分")
        elif rate is not None and rate > 1:
            yield ctx.warn(project.path + ("全年执行数",),
                           f"执行数 {money(project.executed)} 万元超过全年预算数 "
                           f"{money(project.full_year)} 万元（执行率 {percent(rate)}）",
                           stated=project.executed, computed=project.full_year)


@rule("收支对应", CERTAIN)
def income_and_sections(ctx: Context):
    """Income of a fund (政府性基金拨款) and the section on spending it must tell the same story."""
    report = ctx.report
    for fund in report.funds:
        if not fund.part.income:
            continue
        income = report.budget.income_of(fund.part.income)
        section = report.outline.section_of(fund.key)
        # a section the unit left unsaid contradicts nothing: 缺项 lists it
        if income.value and fund.state == NONE:
            yield ctx.warn((fund.key,), f"写了没有{fund.part.name}预算支出，按收入性质分却有{income.label} "
                                        f"{money(income.value)} 万元",
                           hint=f"请在第{chinese_number(section)}节写明这笔{fund.part.name}的支出（“{fund.key}”的说明和表格），"
                                f"或核对{income.label}")
        elif fund.present and report.budget.income_given and not income.value:
            yield ctx.warn((fund.key,), f"有{fund.part.name}预算支出，按收入性质分却没有{income.label}",
                           hint=f"请在预算.按收入性质分中填写{income.label}")


@rule("包含关系", CERTAIN)
def parts_within_wholes(ctx: Context):
    """A part is never larger than what contains it: the 三公 lines paid as goods and services
    (running cars, travel abroad, reception) and the items of 公用经费 within 公用经费, 政府采购
    and each kind of spending within the spending, each project within 项目支出."""
    report = ctx.report
    basic, budget = report.basic, report.budget
    public = basic.public

    def over(part, whole, part_name, whole_name, path):
        if part is not None and whole is not None and part > whole:
            return ctx.warn(path, f"{part_name} {money(part)} 万元大于包含它的{whole_name} {money(whole)} 万元",
                            stated=part, computed=whole)
        return None

    checks = []
    # the lines paid as 商品和服务支出 are within 公用经费 (forms/basic_data.py says which)
    for row in report.three_public.rows:
        if BASIC_DATA_LINES[row.label].within_public:
            checks.append((row.final.value, public, f"“三公”经费中的{row.label}", "公用经费", row.final.path))
    for item in basic.public_items:
        checks.append((item.final.value, public, f"公用经费中的{item.label}", "公用经费", item.final.path))
    if report.procurement is not None:
        checks.append((report.procurement.total.value, budget.executed.value, "政府采购", "全年执行数",
                       report.procurement.total.path))
    checks.append((budget.basic.value, budget.executed.value, "基本支出", "全年执行数", budget.basic.path))
    checks.append((budget.projects.value, budget.executed.value, "项目支出", "全年执行数", budget.projects.path))
    for project in report.projects:
        checks.append((project.executed, budget.projects.value, f"项目“{project.name}”", "项目支出",
                       project.amounts.executed.path))
    for check in checks:
        finding = over(*check)
        if finding is not None:
            yield finding


@rule("三公经费", CERTAIN)
def three_public(ctx: Context):
    for row in ctx.report.three_public.rows:
        final, budget = row.final.value, row.budget.value
        if BASIC_DATA_LINES[row.label].capped and final is not None and budget is not None and final > budget:
            yield ctx.warn(row.final.path, f"{row.label}决算数 {money(final)} 万元"
                                           f"超过预算数 {money(budget)} 万元", stated=final, computed=budget)


@rule("控制率", CERTAIN)
def staffing_control(ctx: Context):
    staff = ctx.report.staffing
    authorized, rate = staff.authorized.value, staff.control_rate
    if authorized == 0 and staff.in_service:
        yield ctx.warn(("人员编制", "在职人数"), "编制数为 0，却有在职人员：控制率无法计算",
                       hint="请核对编制数")
    elif rate is not None and rate > 1:
        yield ctx.warn(("人员编制", "在职人数"),
                       f"在职人数 {staff.in_service} 人超过编制数 {authorized} 人（控制率 {percent(rate)}）",
                       stated=staff.in_service, computed=authorized)


@rule("楼堂馆所", CERTAIN)
def buildings(ctx: Context):
    for b in ctx.report.buildings:
        for label, rate, base, field in (("规模控制率", b.scale_rate, b.approved, "实际规模"),
                                         ("投资概算控制率", b.investment_rate, b.budget, "实际投资")):
            actual = b.actual if field == "实际规模" else b.spent
            if base is None or actual is None:
                continue
            if rate is None and actual:
                yield ctx.warn(b.path + (field,), f"{label}无法计算：批复为 0 却有实际发生")
            elif rate is not None and rate > 1:
                yield ctx.warn(b.path + (field,), f"{label} {percent(rate)}，超过 100%")


@rule("项目名称重复", CERTAIN)
def duplicate_projects(ctx: Context):
    """Names compared as a reader sees them: a zero-width space or a stray space pasted from a
    web page makes two names differ to the computer, not on the page."""
    seen: dict[str, tuple[int, str]] = {}
    for project in ctx.report.projects:
        name = seen_as(project.name)
        if name in seen:
            first, first_name = seen[name]
            hidden = invisible(project.name + first_name)
            how = f"（只差看不见的字符 {'、'.join(hidden)}）" if hidden and project.name != first_name else ""
            yield ctx.warn(project.path + ("名称",),
                           f"项目名称与第 {first + 1} 个项目相同{how}", hint="一个一级项目只写一次")
        seen.setdefault(name, (project.index, project.name))


def seen_as(name: str) -> str:
    """A name without its invisible characters (format characters), its spaces as one."""
    return " ".join("".join(c for c in name if unicodedata.category(c) != "Cf").split())


@rule("文件名", CERTAIN)
def file_name(ctx: Context):
    """单位.文件名 names the file: a copy of another unit's file that kept its 文件名 is a
    file whose data may be someone else's."""
    from pathlib import PurePath
    stem = PurePath(ctx.loaded.file).stem
    name = ctx.report.unit.file_name
    if name and name != stem:
        yield ctx.error(("单位", "文件名"), f"文件名写的是“{name}”，这个文件却是 {PurePath(ctx.loaded.file).name}",
                        hint=f"请核对是不是从别的单位复制来的；是本单位的，就把文件名改成 {stem}")


@rule("填报日期", NOTE)
def report_date(ctx: Context):
    """The schema checks the form (2024年5月29日); only the calendar knows 2月30日. A report is
    made after the year it reports on has ended, and within a couple of years of it."""
    unit = ctx.report.unit
    if not unit.date:
        return
    day = unit.report_date
    if day is None:
        yield ctx.error(("单位", "填报日期"), f"“{unit.date}”不是实际存在的日期",
                        hint="请核对月份和日子，如“2024年5月29日”")
    elif day.year <= unit.year:
        yield ctx.warn(("单位", "填报日期"), f"填报日期“{unit.date}”在 {unit.year} 年度结束之前",
                       hint=f"自评报告在年度结束后填报：请核对年度 {unit.year} 和填报日期")
    elif day.year > unit.year + LATEST_REPORT_YEARS:
        yield ctx.warn(("单位", "填报日期"), f"填报日期“{unit.date}”比 {unit.year} 年度晚了 {day.year - unit.year} 年",
                       hint=f"请核对年度 {unit.year} 和填报日期")


LATEST_REPORT_YEARS = 2     # a 2023 report is made in 2024, late ones in 2025
