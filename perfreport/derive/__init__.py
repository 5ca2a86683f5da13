"""Validated data -> everything the report prints. Pure: no I/O, no findings.

The audit reads the same objects to compare what the unit stated with what it computes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..numbers import DEFAULT_ROUNDING
from .budget import (Assets, Basic, Budget, Building, Procurement, Project, ThreePublic,
                     columns3, derive_assets, derive_basic, derive_budget, derive_buildings,
                     derive_procurement, derive_projects, derive_three_public)
from .indicators import IndicatorTable, build_table
from .narrative import Paragraph, Section, Table, flatten, table_from
from .sections import build_sections
from .unit import Staffing, Structure, Unit, derive_staffing, derive_structure, derive_unit

OTHER_FUNDS = [  # data key, section number, what it is called
    ("政府性基金预算支出", 3, "政府性基金"),
    ("国有资本经营预算支出", 4, "国有资本经营"),
    ("社会保险基金预算支出", 5, "社会保险基金"),
]


@dataclass
class OtherFund:
    key: str
    name: str                 # 政府性基金 …
    blocks: list              # section text (raw 文字块)
    table: Table | None       # its 附件 table; None when the unit has no such funds

    @property
    def present(self) -> bool:
        return self.table is not None


@dataclass
class Attachment:
    number: int
    kind: str                 # 'basic_data' | 'overall' | 'project' | 'other_fund'
    title: str                # as listed under 报告需要以下附件
    project: Project | None = None
    fund: OtherFund | None = None


@dataclass
class Report:
    unit: Unit
    rounding: str
    duties: list[str]
    structure: Structure
    staffing: Staffing
    budget: Budget
    basic: Basic
    projects: list[Project]
    project_tables: dict[int, IndicatorTable]     # project index -> its 附件3 table
    three_public: ThreePublic
    procurement: Procurement | None
    assets: Assets | None
    buildings: list[Building]
    frugality: str
    budget_adjustment: object
    other_funds: list[OtherFund]
    overall: IndicatorTable
    opening: list[str] = field(default_factory=list)     # 引言, before section 一
    sections: list[Section] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def project_form_count(self) -> int:
        return len(self.project_tables)


def _other_funds(data: dict) -> list[OtherFund]:
    funds = []
    for key, _, name in OTHER_FUNDS:
        raw = data.get(key)
        funds.append(OtherFund(key=key, name=name, blocks=(raw or {}).get("说明", []),
                               table=table_from(raw["表格"], (key, "表格")) if raw else None))
    return funds


def _attachments(report: Report) -> list[Attachment]:
    items = [
        Attachment(0, "basic_data", "部门整体支出绩效评价基础数据表"),
        Attachment(0, "overall", "部门整体支出绩效自评表"),
    ]
    if report.project_tables:
        items.append(Attachment(0, "project", "项目支出绩效自评表（一个一级项目支出一张表）"))
    for fund in report.other_funds:
        if fund.present:
            items.append(Attachment(0, "other_fund", f"{fund.name}预算支出情况表", fund=fund))
    for number, item in enumerate(items, start=1):
        item.number = number
    return items


def derive(data: dict) -> Report:
    rounding = (data.get("设置") or {}).get("得分取整", DEFAULT_ROUNDING)
    unit = derive_unit(data)
    basic = derive_basic(data)
    projects = derive_projects(data, unit.department, unit.name, rounding)
    budget = derive_budget(data, basic, projects, rounding)
    project_tables = {
        p.index: build_table(p.raw["绩效指标"], p.path + ("绩效指标",), p.execution, rounding,
                             p.raw.get("年度总体目标"))
        for p in projects if p.has_form}
    overall = build_table(data.get("绩效指标", []), ("绩效指标",), budget.execution, rounding,
                          data.get("年度总体目标"))
    report = Report(
        unit=unit, rounding=rounding, duties=list(data["职责"]), structure=derive_structure(data),
        staffing=derive_staffing(data), budget=budget, basic=basic, projects=projects,
        project_tables=project_tables, three_public=derive_three_public(data),
        procurement=derive_procurement(data), assets=derive_assets(data),
        buildings=derive_buildings(data), frugality=data.get("厉行节约保障措施", ""),
        budget_adjustment=columns3("部门基本支出预算调整", data.get("部门基本支出预算调整"),
                                   ("部门基本支出预算调整",)),
        other_funds=_other_funds(data), overall=overall, opening=list(data.get("引言") or []))
    report.attachments = _attachments(report)
    report.sections = build_sections(report, data)
    return report


__all__ = ["Report", "derive", "Paragraph", "Section", "Table", "IndicatorTable", "Attachment",
           "flatten"]
