"""The model -> the template's context: every cell and label of the forms as text.

The template only prints. Tables whose columns vary (the narrative's own tables and
附件4–6) go in as the WordprocessingML layout/own_tables.py writes for them.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Callable

from perfreport.derive.budget import Execution, Funds
from perfreport.derive.figures import add_all, add_present
from perfreport.derive.indicators import FORM_WEIGHT_TOTAL, IndicatorTable
from perfreport.forms.indicators import GROUPS, LEVEL2_LABELS
from perfreport.forms.basic_data import LINES as BASIC_DATA_LINES, ORDER as BASIC_DATA_ORDER
from perfreport.layout.indicators import block_xml, top_part_mm
from perfreport.layout.orientation import place
from perfreport.layout.basic_data import break_label
from perfreport.layout.measure import PORTRAIT_TEXT_MM
from perfreport.layout.own_tables import table_xml
from perfreport.shared.formats import count, money, percent, score
from perfreport.wording.sections import Paragraph, opening, sections, table_text, title_lines

if TYPE_CHECKING:
    from perfreport.derive import Report

def unit_view(report: "Report") -> dict:
    u = report.unit
    return {"name": u.name, "year": u.year, "previous_year": u.previous_year, "department": u.department,
            "preparer": u.preparer, "phone": u.phone, "head": u.head, "date": u.date,
            "date_or_blank": u.date or "年　月　日"}


LEAD_IN_LENGTH = 60      # two lines: a longer paragraph kept with the next would leave a gap


def paragraph_view(p: Paragraph) -> dict:
    """kind: heading2–4 (a heading paragraph, kept with what follows), point2–4 (a body
    paragraph led by its heading: “1.标题。正文…”), lead (“……如下：”, kept with what it leads
    into), item, table or text."""
    if p.kind in ("heading", "point"):
        kind = f"{p.kind}{p.level}"
    elif p.kind == "text" and p.text.rstrip().endswith(("：", ":")) and len(p.text) <= LEAD_IN_LENGTH:
        kind = "lead"
    else:
        kind = p.kind
    return {"kind": kind, "number": p.number, "title": p.title, "text": p.text,
            "table": table_xml(p.table, PORTRAIT_TEXT_MM) if p.kind == "table" else None}


def money_row(label: str, previous, budget, final) -> dict:
    """A row of 附件1's money block; a long label broken where the words end."""
    return {"label": break_label(label), "previous": money(previous), "budget": money(budget), "final": money(final)}


def basic_data_view(report: "Report") -> dict:
    staff, basic = report.staffing, report.basic
    procurement = report.procurement
    public_items = {item.label: item for item in basic.public_items}
    own = {   # the form's lines that are the model's own figures, not declared lines
        "项目支出": lambda: [money_row("项目支出", *(f.value for f in report.budget.project_line.figures))],
        "projects": lambda: [money_row(f"{n}、{p.name}", p.previous, p.initial, p.executed)
                             for n, p in enumerate(report.projects, start=1)],
        "公用经费": lambda: [money_row("公用经费", basic.public_previous, basic.public_initial, basic.public)],
        "政府采购金额": lambda: [money_row("政府采购金额", *(
            (procurement.previous, procurement.budget, procurement.total.value)
            if procurement is not None else (None, None, None)))],
        "部门基本支出预算调整": lambda: [money_row("部门基本支出预算调整",
                                          *(f.value for f in report.budget_adjustment.figures))],
    }
    rows = []
    for key in BASIC_DATA_ORDER:          # forms/basic_data.py: the form's lines, declared once
        if key in own:
            rows += own[key]()
        else:
            line = report.three_public.lines.get(key) or public_items[key]
            rows.append(money_row(BASIC_DATA_LINES[key].label, *(f.value for f in line.figures)))
    buildings = [{"approved": money(b.approved), "actual": money(b.actual),
                  "scale_rate": percent(b.scale_rate) if None not in (b.approved, b.actual) else "",
                  "budget": money(b.budget), "spent": money(b.spent),
                  "investment_rate": percent(b.investment_rate) if None not in (b.budget, b.spent) else ""}
                 for b in report.buildings]
    # no building completed this year: one row of blank cells, no invented 0 or 100%
    buildings = buildings or [dict.fromkeys(("approved", "actual", "scale_rate", "budget", "spent",
                                             "investment_rate"), "")]
    known = staff.authorized.known and staff.in_service is not None
    return {"authorized": count(staff.authorized.value), "in_service": count(staff.in_service),
            "control_rate": percent(staff.control_rate) if known else "",
            "money_rows": rows, "buildings": buildings, "frugality": report.frugality}


def funds_view(report: "Report", funds: Funds, execution: Execution | None) -> dict:
    row = {"label": funds.label, **{key: money(f.value) for key, f in zip(("initial", "full_year", "executed"),
                                                                          funds.figures)},
           "weight": "", "rate": "", "score": ""}
    if execution is not None:
        # a rate the unit's figures do not give stays blank; — only where they give a 全年预算数 of 0
        known = funds.full_year.known and funds.executed.known
        row.update(weight=score(execution.weight, report.rounding), rate=percent(execution.rate) if known else "",
                   score=score(execution.score, report.rounding))
    return row


# 一级 and 二级指标 as the form's narrow columns set them (forms/indicators.py)
LEVEL1_LABELS = {group.key: group.printed for group in GROUPS}


def level1_label(level1: str, weight) -> str:
    return f"{LEVEL1_LABELS.get(level1, level1)}\n（{weight}分）"


def grade_cell(grade: str) -> str:
    return f"等级：{grade}" if len(grade) == 1 else f"等级：\n{grade}"


def indicators_view(report: "Report", table: IndicatorTable, score_label: str, top: list, lines_under: int) -> dict:
    """The indicator block's cells as text, each row with its group labels (the layout shows
    them where a group opens on a page), and the block laid out on its pages. `top`: the
    form's rows above the block, as (text, first column, span) cells, for the room they take."""
    rounding = report.rounding
    rows = [{"level1": level1_label(r.level1, table.weights[r.level1]), "level2": LEVEL2_LABELS.get(r.level2, r.level2),
             "name": r.name, "target": r.target, "actual": r.actual,
             "weight": score(r.weight, rounding), "score": score(r.score, rounding), "deviation": r.deviation}
            for r in table.rows]
    view = {"rows": rows, "goal_expected": table.goal.expected, "goal_achieved": table.goal.achieved,
            "weight_total": score(FORM_WEIGHT_TOTAL, rounding), "score_total": score(table.total.value, rounding),
            "grade": table.grade, "grade_cell": grade_cell(table.grade)}
    top = top + [[("预期目标", 1, 4), ("实际完成情况", 5, 4)],
                 [(view["goal_expected"], 1, 4), (view["goal_achieved"], 5, 4)]]
    view["block"] = block_xml(view, score_label, top_part_mm(top), lines_under)
    return view


def _funds_top(funds: list[dict]) -> list:
    return [[("年初\n预算数", 3, 1)]] + [[(f["label"], 1, 2), (f["rate"], 7, 1)] for f in funds]


def split_view(report: "Report") -> list[dict]:
    budget = report.budget
    income = [f"{'其中：' if n == 0 else ''}{f.label}：{money(f.value)}" for n, f in enumerate(budget.income)]
    spending = [f"其中：基本支出：{money(budget.basic.value)}", f"项目支出：{money(budget.projects.value)}", "", ""]
    # the totals beside the labels only as the unit stated them (the form has no cell for a sum)
    head = [f"{label}：{money(total.given)}" if total.given is not None else f"{label}："
            for label, total in (("按收入性质分", budget.income_total), ("按支出性质分", budget.spending_total))]
    return [{"income": head[0], "spending": head[1]}] + [
        {"income": i, "spending": s} for i, s in zip(income, spending)]


def overall_view(report: "Report", number: int, title: str) -> dict:
    budget = report.budget
    total = Funds("年度资金总额", budget.initial, budget.full_year, budget.executed)
    view = {"number": number, "title": title, "funds_label": "年度\n预算\n申请",
            "funds": [funds_view(report, total, budget.execution)], "split": split_view(report)}
    top = [[("预算单位名称", 0, 3), (report.unit.name, 3, 6)], *_funds_top(view["funds"]),
           *([(r["income"], 1, 4), (r["spending"], 5, 4)] for r in view["split"])]
    view.update(indicators_view(report, report.overall, "得分", top, lines_under=1))         # the signature line
    return view


def project_view(report: "Report", index: int, number: int, title: str) -> dict:
    project = report.projects[index]
    funds = [funds_view(report, project.amounts, project.execution)]
    funds += [funds_view(report, Funds(("其中：" if n == 0 else "") + f.label, *f.figures), None)
              for n, f in enumerate(project.sources)]
    view = {"number": number, "title": title, "name": project.name, "department": project.department,
            "implementer": project.implementer, "funds_label": "项目\n资金", "funds": funds}
    top = [[("项目支出名称", 0, 3), (project.name, 3, 6)],
           [("主管部门", 0, 2), (project.department, 2, 2), ("实施单位", 4, 2), (project.implementer, 6, 3)],
           *_funds_top(funds)]
    view.update(indicators_view(report, report.project_tables[index], "自评得分", top, lines_under=2))  # 备注, signature
    return view


def fund_forms_view(report: "Report") -> list[dict]:
    """附件4–6: their titles and tables as text; the layout decides which pages turn."""
    funds = [a for a in report.attachments if a.kind == "fund"]
    # the forms are in 万元 unless a table says otherwise
    placed = place([(table_text(a.fund.table, default_unit="万元"), a.title) for a in funds])
    return [{"number": a.number, "title": f"{report.unit.year}年度{a.title}", **where} for a, where in zip(funds, placed)]


class MadeWhenRead(Sequence):
    """The views of many forms, each made when the template reaches it and let go after.
    A 附件3 laid out is some 40 KB of text a project: made all at once, 2000 projects held
    100 MB before the body was written, and the body (which streams) grew slower with each."""

    def __init__(self, count: int, make: Callable[[int], dict]):
        self._count, self._make = count, make

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> dict:
        if not -self._count <= index < self._count:
            raise IndexError(index)
        return self._make(index % self._count)

    def __iter__(self):
        return (self._make(index) for index in range(self._count))


def context(report: "Report") -> dict:
    by_kind = {a.kind: a for a in report.attachments}
    year = report.unit.year

    def title(kind: str) -> str:
        return f"{year}年度{by_kind[kind].title}" if kind in by_kind else ""

    project_number = by_kind["project"].number if "project" in by_kind else 0
    indices = sorted(report.project_tables)
    project_forms = MadeWhenRead(len(indices), lambda n: project_view(report, indices[n], project_number,
                                                                      title("project")))
    fund_forms = fund_forms_view(report)
    f1 = basic_data_view(report)
    f1.update(number=by_kind["basic_data"].number, title=title("basic_data"))
    return {
        "title": title_lines(report),
        "unit": unit_view(report),
        "opening": opening(report),
        "sections": [{"heading": s.number + s.title,
                      "paragraphs": [paragraph_view(p) for p in s.paragraphs]}
                     for s in sections(report)],
        "attachments": [{"number": a.number, "title": a.listed} for a in report.attachments],
        "f1": f1,
        "f2": overall_view(report, by_kind["overall"].number, title("overall")),
        "project_forms": project_forms,
        "fund_forms": fund_forms,
        "last_landscape": bool(fund_forms) and fund_forms[-1]["landscape"],
    }
