"""Report -> the template's context: every figure formatted here, once, as text.

The template only prints. Tables whose columns vary (the narrative's own tables and
附件4–6) are built as python-docx subdocuments by `make_table`, which docxtpl inserts.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Callable

from .derive import Report
from .derive.budget import Execution, Funds
from .derive.indicators import IndicatorTable
from .derive.narrative import Paragraph, Table
from .numbers import money, percent, score
from .tables import LANDSCAPE_TEXT_MM, PORTRAIT_TEXT_MM, needs_landscape

MakeTable = Callable[..., object]   # (table, text width in mm, heading="") -> subdocument


def unit_view(report: Report) -> dict:
    u = report.unit
    return {"name": u.name, "year": u.year, "previous_year": u.previous_year, "department": u.department,
            "preparer": u.preparer, "phone": u.phone, "head": u.head, "date": u.date,
            "date_or_blank": u.date or "年　月　日"}


def paragraph_view(p: Paragraph, make_table: MakeTable) -> dict:
    kind = f"heading{p.level}" if p.kind == "heading" else p.kind
    return {"kind": kind, "number": p.number, "title": p.title, "text": p.text,
            "subdoc": make_table(p.table, PORTRAIT_TEXT_MM) if p.kind == "table" else None}


def money_row(label: str, previous, budget, final) -> dict:
    return {"label": label, "previous": money(previous), "budget": money(budget), "final": money(final)}


def basic_data_view(report: Report, number: int) -> dict:
    staff, basic = report.staffing, report.basic
    rows = [money_row(r.label, r.previous, r.budget, r.final) for r in report.three_public.rows]
    projects_previous = [p.previous for p in report.projects if p.previous is not None]
    rows.append(money_row("项目支出",
                          sum(projects_previous, Decimal(0)) if projects_previous else None,
                          sum((p.initial for p in report.projects), Decimal(0)), report.budget.projects))
    rows += [money_row(f"{n}、{p.name}", p.previous, p.initial, p.executed)
             for n, p in enumerate(report.projects, start=1)]
    rows.append(money_row("公用经费", basic.public_previous, basic.public_initial, basic.public))
    for n, item in enumerate(basic.public_items):
        rows.append(money_row(("其中：" if n == 0 else "") + item.label, item.previous, item.budget, item.final))
    procurement = report.procurement
    if procurement is not None:
        rows.append(money_row("政府采购金额", procurement.previous, procurement.budget, procurement.total))
    else:
        rows.append(money_row("政府采购金额", None, None, None))
    adjustment = report.budget_adjustment
    rows.append(money_row("部门基本支出预算调整", adjustment.previous, adjustment.budget, adjustment.final))
    buildings = [{"approved": money(b.approved), "actual": money(b.actual), "scale_rate": percent(b.scale_rate),
                  "budget": money(b.budget), "spent": money(b.spent),
                  "investment_rate": percent(b.investment_rate)} for b in report.buildings]
    if not buildings:
        buildings = [{"approved": "0", "actual": "0", "scale_rate": "100.00%", "budget": "0", "spent": "0",
                      "investment_rate": "100.00%"}]
    return {"number": number, "authorized": staff.authorized, "in_service": staff.in_service,
            "control_rate": percent(staff.control_rate), "money_rows": rows, "buildings": buildings,
            "frugality": report.frugality}


def funds_view(label: str, funds: Funds, execution: Execution | None) -> dict:
    row = {"label": label, "initial": money(funds.initial), "full_year": money(funds.full_year),
           "executed": money(funds.executed), "weight": "", "rate": "", "score": ""}
    if execution is not None:
        row.update(weight=score(execution.weight), rate=percent(execution.rate), score=score(execution.score))
    return row


def indicators_view(table: IndicatorTable) -> dict:
    rows = []
    for r in table.rows:
        rows.append({
            "level1": r.level1_label if r.level1_merge == "restart" else "",
            "level2": r.level2 if r.level2_merge == "restart" else "",
            "level1_merge": r.level1_merge, "level2_merge": r.level2_merge,
            "name": r.name, "target": r.target, "actual": r.actual,
            "weight": score(r.weight), "score": score(r.score), "deviation": r.deviation})
    return {"rows": rows, "goal_expected": table.goal.expected, "goal_achieved": table.goal.achieved,
            "weight_total": score(table.weight_total), "score_total": score(table.score_total),
            "grade": table.grade}


def overall_view(report: Report, number: int) -> dict:
    budget = report.budget
    total = Funds("年度资金总额", budget.initial, budget.full_year, budget.executed)
    income = [f"{'其中：' if n == 0 else ''}{name}：{money(value) if value else ''}"
              for n, (name, value) in enumerate(budget.income)]
    spending = [f"其中：基本支出：{money(budget.basic)}", f"项目支出：{money(budget.projects)}", "", ""]
    split = [{"income": "按收入性质分：", "spending": "按支出性质分："}]
    split += [{"income": i, "spending": s} for i, s in zip(income, spending)]
    view = {"number": number, "funds_label": "年度预算申请\n（万元）",
            "funds": [funds_view("年度资金总额", total, budget.execution)], "split": split}
    view.update(indicators_view(report.overall))
    return view


def project_view(report: Report, index: int, number: int) -> dict:
    project = report.projects[index]
    total = Funds("年度资金总额", project.initial, project.full_year, project.executed)
    funds = [funds_view("年度资金总额", total, project.execution)]
    funds += [funds_view(("其中：" if n == 0 else "") + f.label, f, None) for n, f in enumerate(project.sources)]
    view = {"number": number, "name": project.name, "department": project.department,
            "implementer": project.implementer, "funds_label": "项目资金\n（万元）", "funds": funds}
    view.update(indicators_view(report.project_tables[index]))
    return view


def fund_forms_view(report: Report, make_table: MakeTable) -> list[dict]:
    """附件4–6, each on a portrait or, when its table is too wide, a landscape page.

    A Word section ends at the paragraph that carries its properties, so a change of
    orientation is a break that closes the previous section with the previous orientation:
    `close_before` names it ('portrait' or 'landscape'), or is empty when nothing changes.
    The forms before these are portrait; the document's last section takes the
    orientation of the last form (`last_landscape` in the context).
    """
    forms, previous = [], False
    for a in report.attachments:
        if a.kind != "other_fund":
            continue
        # the forms are in 万元 unless the unit's table says otherwise
        table = a.fund.table if a.fund.table.unit else replace(a.fund.table, unit="万元")
        landscape = needs_landscape(table)
        width = LANDSCAPE_TEXT_MM if landscape else PORTRAIT_TEXT_MM
        close_before = "" if landscape == previous else ("landscape" if previous else "portrait")
        forms.append({"number": a.number, "title": a.title, "landscape": landscape,
                      "close_before": close_before, "subdoc": make_table(table, width, a.title)})
        previous = landscape
    return forms


def context(report: Report, make_table: MakeTable) -> dict:
    by_kind = {a.kind: a for a in report.attachments}
    project_number = by_kind["project"].number if "project" in by_kind else 0
    project_forms = [project_view(report, index, project_number) for index in sorted(report.project_tables)]
    fund_forms = fund_forms_view(report, make_table)
    return {
        "unit": unit_view(report),
        "opening": report.opening,
        "sections": [{"heading": s.number + s.title,
                      "paragraphs": [paragraph_view(p, make_table) for p in s.paragraphs]}
                     for s in report.sections],
        "attachments": [{"number": a.number, "title": a.title} for a in report.attachments],
        "f1": basic_data_view(report, by_kind["basic_data"].number),
        "f2": overall_view(report, by_kind["overall"].number),
        "project_forms": project_forms,
        "fund_forms": fund_forms,
        "last_landscape": bool(fund_forms) and fund_forms[-1]["landscape"],
    }
