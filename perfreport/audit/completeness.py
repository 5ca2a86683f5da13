"""What a complete report still lacks: one rule, one finding per blank the forms or the
outline need filled. Blank is allowed (a unit writes what its 决算 and records state), and
prints as a blank cell or leaves its sentence out; this is the list of what remains to fill."""
from __future__ import annotations

from typing import Iterator

from perfreport.derive import Report
from perfreport.shared.numbering import chinese_number
from perfreport.shared.outline import NONE_WORD, UNKNOWN
from perfreport.audit.context import Context, rule
from perfreport.shared.findings import NOTE

Missing = tuple[tuple, str]         # (path in the file, what is missing and where it prints)


def _unit(report: Report) -> Iterator[Missing]:
    unit = report.unit
    for key, value, where in (("主管部门", unit.department, "附件3的主管部门"), ("填表人", unit.preparer, "各附表的签字栏"),
                              ("联系电话", unit.phone, "各附表的签字栏"), ("填报日期", unit.date, "封面和各附表")):
        if not value:
            yield ("单位", key), f"{key}（{where}）"
    if not report.duties:
        yield ("职责",), "主要职责（第一节）"
    if not (report.structure.known or report.blocks("机构设置", "原文")):
        yield ("机构设置",), "内设机构和二级机构（第一节“机构设置”）"


def _staffing(report: Report) -> Iterator[Missing]:
    staff = report.staffing
    if not staff.authorized.known:
        yield ("人员编制", "编制数"), f"编制数（附件1和第一节；也可以填各部分，由 {staff.authorized.formula} 算出）"
    if staff.authorized.known or any(v is not None for v in (staff.administrative, staff.public_institution, staff.worker)):
        split = (("行政编制", staff.administrative), ("事业编制", staff.public_institution), ("工勤编制", staff.worker))
        lacking = [key for key, value in split if value is None]
        if lacking:       # named one by one: the officer fills exactly these (none of a kind is 0)
            yield ("人员编制", lacking[0]), f"{'、'.join(lacking)}（第一节的编制分项；没有的填 0）"
    if staff.in_service is None:
        yield ("人员编制", "在职人数"), "年末实际在职人数（附件1和第一节）"


def _budget(report: Report) -> Iterator[Missing]:
    budget, basic = report.budget, report.basic
    for figure in (budget.initial, budget.full_year, budget.executed):
        if not figure.known:
            yield figure.path, f"{figure.label}（附件2和第二节；也可以填各部分，由 {figure.formula} 算出）"
    if not budget.income[0].known:
        yield ("预算", "按收入性质分"), "按收入性质分的收入来源（附件2）"
    if not (basic.total.known or budget.basic.known):     # 按支出性质分's 基本支出 is the same figure
        yield ("基本支出", "全年执行数"), "基本支出（附件2和第二节；或填预算.按支出性质分.基本支出）"
    split = (("人员经费", basic.personnel), ("公用经费", basic.public))
    lacking = [key for key, value in split if value is None]
    if lacking:
        yield ("基本支出", lacking[0], "全年执行数"), f"{'和'.join(lacking)}的全年执行数（第二节基本支出的分项）"
    if not report.three_public.present:
        yield ("三公经费",), "“三公”经费（附件1；没有发生的填 0）"
    if report.procurement is None:
        yield ("政府采购",), "政府采购金额（附件1；没有发生的填 0）"


def _projects(report: Report) -> Iterator[Missing]:
    """One finding a project, at its name: what its rows in 附件1 and its 附件3 still lack."""
    for project in report.projects:
        lacking = [f.label for f in project.amounts.figures if not f.known]
        parts = [f"{'、'.join(lacking)}（附件1和附件3）"] if lacking else []
        if not project.has_indicators:
            parts.append("绩效指标（附件3的指标部分空着）")
        elif not project.has_goal:
            parts.append("年度总体目标（附件3）")
        if parts:
            yield project.path + ("名称",), f"项目“{project.name}”的{'；'.join(parts)}"


def _indicators(report: Report) -> Iterator[Missing]:
    overall = report.overall
    if not (overall.goal.expected or overall.goal.achieved):
        yield ("年度总体目标",), "部门整体的年度总体目标（附件2）"
    if not overall.assessed:
        yield ("绩效指标",), "部门整体支出绩效指标（附件2）：没有它，附件2 只能写“未评定”"
    tables = [overall, *report.project_tables.values()]
    for table in tables:
        for row in table.rows:
            if row.path is None or row.not_applicable:
                continue
            for key, value in (("年度指标值", row.target), ("实际完成值", row.actual), ("分值", row.weight),
                               ("得分", row.score)):
                if value in (None, ""):
                    yield row.path + (key,), f"指标“{row.name}”的{key}" + ("（总分因此无法计算）" if key == "得分" else "")


def _sections(report: Report) -> Iterator[Missing]:
    """A required part left blank; a part the unit may answer with 无 (三–五, 十) that it left
    unanswered: the report prints only its heading, and says nothing for the unit."""
    for number, part in report.outline.parts():
        if part.kind not in ("text", "fund") or report.state(part) != UNKNOWN:
            continue
        where = f"第{chinese_number(number)}节“{report.outline.sections[number - 1].title}”"
        if part.kind == "fund" and part.empty:
            yield (part.key,), (f"{where}的内容：有没有{part.name}预算支出（有的写“说明”和“表格”，"
                                f"没有的写 {part.key}: {NONE_WORD}）")
        elif part.empty:
            yield (part.key,), f"{where}的内容（没有要说明的写 {part.key}: {NONE_WORD}）"
        elif part.required:
            yield (part.key,), f"{where}的内容"


CHECKS = (_unit, _staffing, _budget, _projects, _indicators, _sections)


def missing(report: Report) -> list[Missing]:
    return [item for check in CHECKS for item in check(report)]


@rule("缺项", NOTE)
def incomplete(ctx: Context):
    for path, what in missing(ctx.report):
        yield ctx.warn(path, f"还没有填写{what}", at=ctx.nearest(path))
