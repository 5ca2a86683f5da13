"""Next year's unit from this year's: what carries over comes with it, what must be new stays out.

Carried: the unit and its settings; its duties and offices; its posts (编制, not the people
counted at the year's end); its projects by name with their indicator rows (names, 分值 and
targets); the overall goal and indicator rows. Filled: every 上年决算数 of 附件1 from this year's
决算数 as the report prints it (given, or derived from its parts), and 上年结转 from this year's
年末结转. Left out, for `check` to list: every figure of the new year, every actual and score, the
report's prose, 填报日期. The year moves on in every text carried (a target “2023年完成” reads
“2024年完成”).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from perfreport.derive import Report
from perfreport.forms.basic_data import PUBLIC_ITEMS, THREE_PUBLIC

PREVIOUS = "上年决算数"
# the posts carry; the people counted at the year's end must be counted again
POSTS = ("编制数", "行政编制", "事业编制", "工勤编制")
# an indicator row's own: its name, what it counts, its weight and its target; not what happened
ROW_KEYS = ("二级指标", "三级指标", "年度指标值", "分值")
PROJECT_KEYS = ("名称", "主管部门", "实施单位", "用途")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")


def moved_on(value, year: int):
    """The texts of `value` with this year and the one before moved on by one (2023年 → 2024年,
    上年的 2022年 → 2023年): other years (a plan to 2035年) stay as written."""
    if isinstance(value, str):
        return YEAR.sub(lambda m: str(int(m.group(1)) + 1) if int(m.group(1)) in (year - 1, year) else m.group(1), value)
    if isinstance(value, list):
        return [moved_on(v, year) for v in value]
    if isinstance(value, dict):
        return {k: moved_on(v, year) for k, v in value.items()}
    return value


def _rows(rows: list | None, year: int) -> list[dict]:
    return [moved_on({k: row[k] for k in ROW_KEYS if k in row}, year) for row in rows or [] if isinstance(row, dict)]


def _goal(goal: dict | None, year: int) -> dict | None:
    expected = (goal or {}).get("预期目标")
    return {"预期目标": moved_on(expected, year)} if expected else None


def _targets(raw: dict, year: int) -> dict:
    """The goal set and the indicator rows of a table (the unit's, or a project's), moved on."""
    out: dict = {}
    goal = _goal(raw.get("年度总体目标"), year)
    if goal:
        out["年度总体目标"] = goal
    rows = _rows(raw.get("绩效指标"), year)
    if rows:
        out["绩效指标"] = rows
    return out


def _previous(value: Decimal | None) -> dict | None:
    return {PREVIOUS: value} if value is not None else None


def next_year(data: dict, report: Report, name: str) -> dict:
    """The unit file of the year after `data`'s (whose derived report is `report`), named `name`."""
    year = int(data["单位"]["年度"])
    out: dict = {}
    unit = {k: v for k, v in data["单位"].items() if k != "填报日期"}
    unit["文件名"] = name
    unit["年度"] = year + 1
    out["单位"] = unit
    if data.get("设置"):
        out["设置"] = data["设置"]
    if data.get("职责"):
        out["职责"] = moved_on(data["职责"], year)
    structure = {k: v for k, v in (data.get("机构设置") or {}).items() if k != "原文"}
    # the unit's words on its offices carry when they count nothing (“现有人数共18人” must be counted again)
    words = [b for b in (data.get("机构设置") or {}).get("原文") or [] if not re.search(r"\d", str(b))]
    if words:
        structure["原文"] = moved_on(words, year)
    if structure:
        out["机构设置"] = structure
    posts = {k: v for k, v in (data.get("人员编制") or {}).items() if k in POSTS}
    if posts:
        out["人员编制"] = posts

    budget = {}
    if report.budget.carried_out.given is not None:      # this year's 年末结转 is next year's 上年结转
        budget["上年结转"] = report.budget.carried_out.given
    if budget:
        out["预算"] = budget

    basic: dict = {}
    raw_basic = data.get("基本支出") or {}
    for part in ("人员经费", "公用经费"):
        covers = (raw_basic.get(part) or {}).get("主要包括")
        if covers:
            basic.setdefault(part, {})["主要包括"] = covers
    if report.basic.public is not None and "公用经费" in raw_basic:
        basic.setdefault("公用经费", {})[PREVIOUS] = report.basic.public
    raw_items = (raw_basic.get("公用经费") or {})
    for line, row in zip(PUBLIC_ITEMS, report.basic.public_items):
        if line.key in raw_items and row.final.known:
            basic.setdefault("公用经费", {})[line.key] = _previous(row.final.value)
    if basic:
        out["基本支出"] = basic

    projects = []
    for raw, project in zip(data.get("项目") or [], report.projects):
        carried = {k: moved_on(raw[k], year) for k in PROJECT_KEYS if k in raw}
        if project.executed is not None:
            carried[PREVIOUS] = project.executed
        projects.append({**carried, **_targets(raw, year)})
    if projects:
        out["项目"] = projects
    # 附件1's 项目支出 line as it printed (the unit's line, or 按支出性质分's 项目支出): carried as a
    # line of its own unless the projects carried add up to it (hengshan's 639.91 against its one
    # project's 390: next year's 上年 column prints 639.91, and the audit says the projects fall short)
    line = report.budget.project_line
    executed = [p.executed for p in report.projects]
    projects_sum = sum(executed, Decimal(0)) if executed and None not in executed else None
    if line is not None and line.final.known and line.final.value != projects_sum:
        out["项目支出"] = _previous(line.final.value)

    three = {}
    raw_three = data.get("三公经费") or {}
    for declared in THREE_PUBLIC:
        field = declared.field or declared.key
        row = report.three_public.line(declared.key)
        if field in raw_three and row.final.known:
            three[field] = _previous(row.final.value)
    if three:
        out["三公经费"] = three
    if report.procurement is not None and report.procurement.total.known:
        out["政府采购"] = _previous(report.procurement.total.value)
    if "部门基本支出预算调整" in data and report.budget_adjustment.final.known:
        out["部门基本支出预算调整"] = _previous(report.budget_adjustment.final.value)

    out.update(_targets(data, year))
    return out


# ------------------------------------------------------------------ the two years side by side

@dataclass(frozen=True)
class AnnexLine:
    """One line of 附件1 (or 上年结转) as the two years meet on it: this year's 决算 (as the report
    prints it, given or derived) where next year's 上年 column takes it, and the 上年 the unit gave."""
    label: str                      # as messages name it: “三公”经费“3、公务接待”
    final_path: tuple
    final: Decimal | None
    previous_path: tuple
    previous: Decimal | None        # given only
    previous_shown: Decimal | None = None   # the 上年 column as this year's form prints it (given or derived)
    # a total of other lines here (“三公”经费, 项目支出), its 决算 added up from theirs: a change
    # in it is theirs, said at them
    sum_of_lines: bool = False


def annex_lines(report: Report) -> dict[tuple, AnnexLine]:
    out: dict[tuple, AnnexLine] = {}
    for line in THREE_PUBLIC:
        row = report.three_public.line(line.key)
        out[("三公经费", line.key)] = AnnexLine(f"“三公”经费“{line.label}”", row.final.path, row.final.value,
                                              row.previous.path, row.previous.given, row.previous.value,
                                              sum_of_lines=bool(line.parts) and row.final.given is None)
    for project in report.projects:
        out[("项目", project.name)] = AnnexLine(f"项目“{project.name}”", project.amounts.executed.path,
                                              project.executed, project.path + (PREVIOUS,), project.previous,
                                              project.previous)
    line = report.budget.project_line
    if line is not None:
        out[("项目支出",)] = AnnexLine("项目支出", line.final.path, line.final.value, line.previous.path,
                                     line.previous.given, line.previous.value, sum_of_lines=line.final.given is None and bool(report.projects)
                                     and all(p.executed is not None for p in report.projects))
    out[("公用经费",)] = AnnexLine("公用经费", ("基本支出", "公用经费", "全年执行数"), report.basic.public,
                               ("基本支出", "公用经费", PREVIOUS), report.basic.public_previous,
                               report.basic.public_previous)
    for item, row in zip(PUBLIC_ITEMS, report.basic.public_items):
        out[("公用经费", item.key)] = AnnexLine(f"公用经费“{item.key}”", row.final.path, row.final.value,
                                              row.previous.path, row.previous.given, row.previous.value)
    if report.procurement is not None:
        out[("政府采购",)] = AnnexLine("政府采购", report.procurement.total.path, report.procurement.total.value,
                                     ("政府采购", PREVIOUS), report.procurement.previous, report.procurement.previous)
    adjustment = report.budget_adjustment
    out[("部门基本支出预算调整",)] = AnnexLine("部门基本支出预算调整", adjustment.final.path, adjustment.final.value,
                                         adjustment.previous.path, adjustment.previous.given, adjustment.previous.value)
    # this year's 年末结转 is next year's 上年结转
    out[("上年结转",)] = AnnexLine("上年结转", ("预算", "年末结转"), report.budget.carried_out.given,
                                 ("预算", "上年结转"), report.budget.carried_in)
    return out


def final_figures(report: Report) -> dict[tuple, Decimal]:
    """This year's 决算 of each line next year's 上年 column takes, by the line's key."""
    return {key: line.final for key, line in annex_lines(report).items() if line.final is not None}


def previous_given(report: Report) -> dict[tuple, tuple[tuple, str, Decimal]]:
    """The 上年 figures the unit gave this year, by the same keys: (where, label, value)."""
    return {key: (line.previous_path, line.label if key == ("上年结转",) else f"{line.label}的上年决算数", line.previous)
            for key, line in annex_lines(report).items() if line.previous is not None}
