"""Validated data -> the typed model of one unit's report. Pure: no I/O, no findings, no text.

Every figure is a Figure (given, derived or not known), every amount a Decimal, every
list of the unit's words a tree of blocks with their place in the file. wording/ turns the
model into words; audit/ compares what the unit stated with what its parts give.
"""
from __future__ import annotations

from decimal import Decimal

from dataclasses import dataclass, field

from perfreport.unitfile.load import collector_paused
from perfreport.shared.numbers import DEFAULT_ROUNDING
from perfreport.shared.outline import NONE, NONE_WORD, STATED, UNKNOWN, Outline, Part, load_outline
from perfreport.derive.budget import (Assets, Basic, Budget, Building, Columns3, Procurement, Project, ThreePublic,
                     columns3, derive_assets, derive_basic, derive_budget, derive_buildings,
                     derive_procurement, derive_projects, derive_three_public)
from perfreport.derive.figures import Figure
from perfreport.derive.indicators import IndicatorTable, build_table
from perfreport.derive.narrative import Block, Table, at, derive_texts, table_from, walk
from perfreport.derive.unit import Duty, Staffing, Structure, Unit, derive_duties, derive_staffing, derive_structure, derive_unit


@dataclass(frozen=True)
class Tolerance:
    """How far apart two figures may be before the audit reports them (设置.金额容差 in 万元,
    设置.比率容差 in points of a per cent, held as a fraction): 0, exact, unless the unit, or
    the bureau that reviews it, sets one."""
    money: Decimal = Decimal(0)
    rate: Decimal = Decimal(0)


@dataclass
class Fund:
    """政府性基金 / 国有资本经营 / 社会保险基金 预算支出: what the unit said of them (its
    section's words and 附件 table, that it has none, or nothing at all)."""
    part: Part
    table: Table | None          # the 附件 table, when the unit gave one
    state: str = UNKNOWN         # STATED | NONE (the unit wrote 无) | UNKNOWN (it said nothing)

    @property
    def present(self) -> bool:
        """The unit has such spending and said so (words, a table or both)."""
        return self.state == STATED

    @property
    def key(self) -> str:
        return self.part.key


@dataclass
class Attachment:
    number: int
    kind: str                     # a form of the outline: basic_data | overall | project | fund
    title: str                    # the form's title (after <年>年度)
    listed: str                   # as 报告需要以下附件 names it
    fund: Fund | None = None


@dataclass
class Report:
    outline: Outline
    unit: Unit
    rounding: str
    duties: list[Duty]
    duty_style: str
    structure: Structure
    staffing: Staffing
    budget: Budget
    basic: Basic
    projects: list[Project]
    project_tables: dict[int, IndicatorTable]     # project index -> its 附件3 table (every project has one)
    three_public: ThreePublic
    procurement: Procurement | None
    assets: Assets | None
    buildings: list[Building]
    frugality: str
    budget_adjustment: Columns3
    funds: list[Fund]
    overall: IndicatorTable
    texts: dict[tuple, list[Block]]               # the unit's own words, by path in the file
    said_none: frozenset[str] = frozenset()       # the parts' keys where the unit wrote 无
    change_share: Decimal = Decimal(30)           # 设置.变动提示比例: a change from last year worth a word, in %
    tolerance: Tolerance = field(default_factory=lambda: Tolerance())    # 设置.金额容差, 设置.比率容差
    attachments: list[Attachment] = field(default_factory=list)

    def blocks(self, *path: str) -> list[Block]:
        return self.texts.get(tuple(path), [])

    def state(self, part: Part) -> str:
        """What the unit said of one part of the outline: its words (STATED), that there is
        nothing (NONE: it wrote 无) or nothing at all (UNKNOWN)."""
        if part.kind == "fund":
            return next(f.state for f in self.funds if f.part is part)
        if part.kind == "text":
            return NONE if part.key in self.said_none else STATED if self.blocks(part.key) else UNKNOWN
        return STATED

    def all_blocks(self):
        """Every block of the unit's words, in outline order."""
        for blocks in self.texts.values():
            yield from walk(blocks)

    @property
    def tables(self) -> list[Table]:
        """Every table the unit typed: in its words and in 附件4–6."""
        found = [b.table for b in self.all_blocks() if b.table is not None]
        return found + [f.table for f in self.funds if f.table is not None]

    def figures(self):
        """Every figure that is printed or checked, for the audit's agreement and sign rules."""
        b = self.budget
        yield from (b.initial, b.full_year, b.executed, b.basic, b.projects, *b.income)
        yield from (b.income_total, b.spending_total, *b.project_line.figures)
        if b.carried_out.given is not None:        # not printed: only checked when the unit states it
            yield b.carried_out
        yield self.basic.total
        yield self.staffing.authorized
        yield self.staffing.actual
        for project in self.projects:
            for funds in project.sources[:1]:
                yield from funds.figures
        for row in self.three_public.rows[:2]:
            yield from row.figures
        if self.procurement is not None:
            yield self.procurement.total
        if self.assets is not None:
            yield self.assets.net
        yield self.overall.total
        for table in self.project_tables.values():
            yield table.total


def _attachments(outline: Outline, projects: list[Project], funds: list[Fund]) -> list[Attachment]:
    items = []
    for form in outline.forms:
        if form.kind == "project" and not projects:        # one 附件3 for every 一级项目
            continue
        if form.kind == "fund":
            items += [Attachment(0, "fund", form.title.format(name=f.part.name),
                                 (form.listed or form.title).format(name=f.part.name), fund=f)
                      for f in funds if f.table is not None]
            continue
        items.append(Attachment(0, form.kind, form.title, form.listed or form.title))
    for number, item in enumerate(items, start=1):
        item.number = number
    return items


def derive(data: dict, outline: Outline | None = None) -> Report:
    with collector_paused():            # load.collector_paused: a large unit's model is many objects
        return _derive(data, outline)


def _derive(data: dict, outline: Outline | None) -> Report:
    outline = outline or load_outline()
    settings = data.get("设置") or {}
    rounding = settings.get("得分取整", DEFAULT_ROUNDING)
    unit = derive_unit(data, outline.report_title)
    basic = derive_basic(data)
    projects = derive_projects(data, unit.department, unit.name, rounding)
    budget = derive_budget(data, basic, projects, rounding)
    raw_projects = data.get("项目") or []
    project_tables = {
        p.index: build_table(raw_projects[p.index].get("绩效指标"), p.path + ("绩效指标",), p.execution, rounding,
                             raw_projects[p.index].get("年度总体目标"), raw_projects[p.index].get("总分"),
                             p.path + ("总分",), year=unit.year)
        for p in projects}
    overall = build_table(data.get("绩效指标"), ("绩效指标",), budget.execution, rounding,
                          data.get("年度总体目标"), data.get("总分"), ("总分",), year=unit.year)
    funds = [_fund(data.get(part.key), part) for part in outline.funds]
    return Report(
        outline=outline, unit=unit, rounding=rounding, duties=derive_duties(data),
        duty_style=settings.get("职责编号", "1."), structure=derive_structure(data),
        change_share=Decimal(settings.get("变动提示比例", 30)),
        tolerance=Tolerance(money=Decimal(settings.get("金额容差", 0)),
                            rate=Decimal(settings.get("比率容差", 0)) / 100),
        staffing=derive_staffing(data), budget=budget, basic=basic, projects=projects,
        project_tables=project_tables, three_public=derive_three_public(data),
        procurement=derive_procurement(data), assets=derive_assets(data),
        buildings=derive_buildings(data), frugality=data.get("厉行节约保障措施", ""),
        budget_adjustment=columns3("部门基本支出预算调整", data.get("部门基本支出预算调整"),
                                   ("部门基本支出预算调整",)),
        funds=funds, overall=overall, texts=derive_texts(data, outline), said_none=_said_none(data, outline),
        attachments=_attachments(outline, projects, funds))


def says_none(value) -> bool:
    """The unit wrote 无 for a part (validation allows that only where the outline has a
    sentence for it)."""
    return isinstance(value, str) and value.strip() == NONE_WORD


def _said_none(data: dict, outline: Outline) -> frozenset[str]:
    return frozenset(part.key for _, part in outline.parts() if part.key and says_none(data.get(part.key)))


def _fund(raw, part: Part) -> Fund:
    """{} or a blank 说明 says nothing: only words or a table state the spending."""
    if says_none(raw):
        return Fund(part, None, NONE)
    raw = raw if isinstance(raw, dict) else {}
    table = table_from(raw["表格"], (part.key, "表格")) if raw.get("表格") else None
    stated = table is not None or bool(raw.get("说明"))
    return Fund(part, table, STATED if stated else UNKNOWN)


__all__ = ["Report", "derive", "Block", "Table", "IndicatorTable", "Attachment", "Figure", "Fund", "at"]
