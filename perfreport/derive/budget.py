"""The money side: 年度资金总额, 基本支出, 项目, 三公经费, 政府采购, 资产, 楼堂馆所.

Every total is a Figure: the unit may state it (from its 决算), its parts may give it, or
it is not known. Nothing here is text; wording/ writes the words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from perfreport.shared.numbers import as_printed, dec, ratio, round_score
from perfreport.forms.basic_data import PUBLIC_ITEMS, THREE_PUBLIC as THREE_PUBLIC_LINES
from perfreport.derive.figures import Figure, add, add_all, add_present, subtract

EXECUTION_WEIGHT = Decimal(10)   # 预算执行率 分值 in 附件2 and 附件3


@dataclass(frozen=True)
class Execution:
    """执行率 and its score: 全年执行数 ÷ 全年预算数, never ÷ 年初预算数. No rate (None) when
    either figure is not known or the budget is 0; then it scores nothing (score None)."""
    rate: Decimal | None
    score: Decimal | None
    weight: Decimal = EXECUTION_WEIGHT


def execution(executed: Decimal | None, full_year: Decimal | None, rounding: str) -> Execution:
    rate = ratio(executed, full_year)
    if rate is None:
        return Execution(rate=None, score=None)
    # scored from the rate as printed: 97.50 % scores 9.8 under 一位小数, as a reader computes it,
    # though the unrounded 97.4995 % would give 9.7
    return Execution(rate=rate, score=round_score(EXECUTION_WEIGHT * min(as_printed(rate), Decimal(1)), rounding))


def stated(label: str, value, path: tuple, unit: str = "万元") -> Figure:
    """A figure only the unit can state (no parts to derive it from)."""
    return Figure(label, given=dec(value), path=path, unit=unit)


@dataclass
class Columns3:
    """附件1's three money columns of one row: 上年决算数, 本年预算数, 本年决算数."""
    label: str
    previous: Figure
    budget: Figure
    final: Figure

    @property
    def figures(self) -> list[Figure]:
        return [self.previous, self.budget, self.final]

    @property
    def known(self) -> bool:
        return any(f.known for f in self.figures)


COLUMNS3 = ("上年决算数", "本年预算数", "本年决算数")


def columns3(label: str, raw: dict | None, path: tuple) -> Columns3:
    raw = raw or {}
    return Columns3(label, *(stated(f"{label}{col}", raw.get(col), path + (col,)) for col in COLUMNS3))


def summed3(label: str, raw: dict | None, path: tuple, parts: list[Columns3], formula: str) -> Columns3:
    """A row of 附件1 that totals other rows: given per column, else the lines given added."""
    raw = raw or {}
    return Columns3(label, *(
        Figure(f"{label}{col}", given=dec(raw.get(col)), path=path + (col,), formula=formula,
               derived=add_present(p.figures[n].value for p in parts))
        for n, col in enumerate(COLUMNS3)))


@dataclass
class Basic:
    total: Figure                       # 基本支出: given, or 人员经费 + 公用经费
    initial: Decimal | None = None      # 年初预算数
    personnel: Decimal | None = None
    personnel_covers: str = ""
    public: Decimal | None = None
    public_covers: str = ""
    public_previous: Decimal | None = None
    public_initial: Decimal | None = None
    public_items: list[Columns3] = field(default_factory=list)

    @property
    def split_known(self) -> bool:
        return self.personnel is not None and self.public is not None




def derive_basic(data: dict) -> Basic:
    raw = data.get("基本支出") or {}
    personnel, public = raw.get("人员经费") or {}, raw.get("公用经费") or {}
    personnel_total, public_total = dec(personnel.get("全年执行数")), dec(public.get("全年执行数"))
    return Basic(
        total=Figure("基本支出", given=dec(raw.get("全年执行数")), derived=add(personnel_total, public_total),
                     path=("基本支出", "全年执行数"), formula="人员经费 + 公用经费"),
        initial=dec(raw.get("年初预算数")), personnel=personnel_total,
        personnel_covers=personnel.get("主要包括", ""), public=public_total,
        public_covers=public.get("主要包括", ""), public_previous=dec(public.get("上年决算数")),
        public_initial=dec(public.get("年初预算数")),
        public_items=list(declared_lines(PUBLIC_ITEMS, public).values()))


@dataclass
class Funds:
    """附件2/3's three columns of one row: 年初预算数, 全年预算数, 全年执行数."""
    label: str
    initial: Figure
    full_year: Figure
    executed: Figure

    @property
    def figures(self) -> list[Figure]:
        return [self.initial, self.full_year, self.executed]


FUNDS3 = ("年初预算数", "全年预算数", "全年执行数")
SOURCE_KEYS = ["上年结转资金", "其他资金"]


@dataclass
class Project:
    index: int                 # 0-based position in data['项目']
    name: str
    department: str
    implementer: str
    previous: Decimal | None
    amounts: Funds             # 年度资金总额 of its 附件3
    purpose: str
    sources: list[Funds]       # 当年财政拨款 (given, or the remainder), 上年结转资金, 其他资金
    execution: Execution
    has_indicators: bool = False
    has_goal: bool = False

    @property
    def path(self) -> tuple:
        return ("项目", self.index)

    @property
    def initial(self) -> Decimal | None:
        return self.amounts.initial.value

    @property
    def full_year(self) -> Decimal | None:
        return self.amounts.full_year.value

    @property
    def executed(self) -> Decimal | None:
        return self.amounts.executed.value


def _sources(raw: dict, path: tuple, amounts: Funds) -> list[Funds]:
    """当年财政拨款 as given, else the project's amount less 上年结转资金 and 其他资金 — when the
    project states its sources at all: within a stated breakdown a source left blank has none
    of the money (as 按收入性质分); a project that says nothing of its sources has a
    当年财政拨款 that is not known."""
    others = [Funds(key, *(stated(f"{key}{col}", (raw.get(key) or {}).get(col), path + (key, col))
                           for col in FUNDS3)) for key in SOURCE_KEYS]
    split_stated = any(f.given is not None for o in others for f in o.figures)
    given = raw.get("当年财政拨款") or {}
    current = Funds("当年财政拨款", *(
        Figure(f"当年财政拨款{col}", given=dec(given.get(col)), path=path + ("当年财政拨款", col),
               derived=subtract(total.value, *(o.figures[n].value or 0 for o in others)) if split_stated else None,
               formula=f"项目{col} − 上年结转资金 − 其他资金")
        for n, (col, total) in enumerate(zip(FUNDS3, amounts.figures))))
    return [current, *others]


def derive_projects(data: dict, department: str, unit_name: str, rounding: str) -> list[Project]:
    projects = []
    for index, raw in enumerate(data.get("项目") or []):
        path = ("项目", index)
        amounts = Funds("年度资金总额", *(stated(col, raw.get(col), path + (col,)) for col in FUNDS3))
        projects.append(Project(
            index=index, name=raw["名称"], department=raw.get("主管部门", department),
            implementer=raw.get("实施单位", unit_name), previous=dec(raw.get("上年决算数")),
            amounts=amounts, purpose=raw.get("用途", ""), sources=_sources(raw, path, amounts),
            execution=execution(amounts.executed.value, amounts.full_year.value, rounding),
            has_indicators=bool(raw.get("绩效指标")), has_goal=bool(raw.get("年度总体目标"))))
    return projects


BUDGET = ("预算",)
INCOME = BUDGET + ("按收入性质分",)
SPENDING = BUDGET + ("按支出性质分",)
INCOME_KEYS = ["政府性基金拨款", "纳入专户管理的非税收入拨款", "其他资金"]


@dataclass
class Budget:
    initial: Figure                  # 年初预算数: given, or 基本支出 + 项目 年初预算数
    full_year: Figure                # 全年预算数: given, or 年初 + 上年结转 + 本年追加
    executed: Figure                 # 全年执行数: given, or 基本支出 + 项目支出
    basic: Figure                    # 按支出性质分 基本支出: given, or the 基本支出 block's total
    projects: Figure                 # 按支出性质分 项目支出: given, or the projects added
    income: list[Figure]             # 按收入性质分: 一般公共预算 (given, or the remainder), then the others
    carried_in: Decimal | None
    added: Decimal | None
    carried_out: Figure              # 年末结转: given; checked against 全年预算数 − 全年执行数
    execution: Execution
    # 附件1's 项目支出 line: given per column (a form that states the total without listing the
    # projects), else the projects added; 本年决算数 is 按支出性质分's 项目支出
    project_line: Columns3 | None = None
    # the totals printed beside 按收入性质分 / 按支出性质分 ("按支出性质分：1925.67"): given
    # only; derived from the parts when the unit stated every part
    income_total: Figure | None = None
    spending_total: Figure | None = None

    @property
    def basic_share(self) -> Decimal | None:
        return ratio(self.basic.value, self.executed.value)

    @property
    def projects_share(self) -> Decimal | None:
        return ratio(self.projects.value, self.executed.value)

    @property
    def increase(self) -> Decimal | None:
        """全年预算数 − 年初预算数: what was added during the year."""
        return subtract(self.full_year.value, self.initial.value)

    @property
    def income_given(self) -> bool:
        return any(f.given is not None for f in self.income)

    def income_of(self, key: str) -> Figure | None:
        return next((f for f in self.income if f.label == key), None)


def _projects_total(projects: list[Project], attribute: str) -> Decimal | None:
    return add_all(getattr(p, attribute) for p in projects)


PROJECT_LINE = ("项目支出",)


def derive_budget(data: dict, basic: Basic, projects: list[Project], rounding: str) -> Budget:
    raw = data.get("预算") or {}
    split = raw.get("按支出性质分") or {}
    line = data.get("项目支出") or {}
    basic_figure = Figure("基本支出", given=dec(split.get("基本支出")), derived=basic.total.value,
                          path=SPENDING + ("基本支出",), formula="基本支出的合计")
    # without the projects listed, 附件1's 项目支出 line is what states the spending on them
    project_figure = Figure("项目支出", given=dec(split.get("项目支出")),
                            derived=_projects_total(projects, "executed") if projects else dec(line.get("本年决算数")),
                            path=SPENDING + ("项目支出",),
                            formula="各项目全年执行数之和" if projects else "附件1项目支出的本年决算数")
    executed = Figure("全年执行数", given=dec(raw.get("全年执行数")),
                      derived=add(basic_figure.value, project_figure.value),
                      path=BUDGET + ("全年执行数",), formula="基本支出 + 项目支出")
    project_line = Columns3("项目支出", *(
        Figure(f"项目支出{col}", given=dec(line.get(col)), path=PROJECT_LINE + (col,), formula=formula, derived=derived)
        for col, derived, formula in (
            ("上年决算数", add_present(p.previous for p in projects), "各项目上年决算数之和"),
            ("本年预算数", _projects_total(projects, "initial"), "各项目年初预算数之和"),
            # without projects, 按支出性质分's 项目支出 is checked against this line (once, there)
            ("本年决算数", project_figure.value if projects or line.get("本年决算数") is None else None,
             "按支出性质分的项目支出" if split.get("项目支出") is not None else "各项目全年执行数之和"))))
    project_initial = (_projects_total(projects, "initial") if projects else project_line.budget.value
                       if project_line.budget.value is not None else Decimal(0) if project_figure.value == 0 else None)
    initial = Figure("年初预算数", given=dec(raw.get("年初预算数")), derived=add(basic.initial, project_initial),
                     path=BUDGET + ("年初预算数",), formula="基本支出年初预算数 + 各项目年初预算数")
    carried_in, added = dec(raw.get("上年结转")), dec(raw.get("本年追加"))
    full_year = Figure(
        "全年预算数", given=dec(raw.get("全年预算数")), path=BUDGET + ("全年预算数",),
        derived=add(initial.value, carried_in or 0, added or 0) if (carried_in, added) != (None, None) else None,
        formula="年初预算数 + 上年结转 + 本年追加")
    income_raw = raw.get("按收入性质分") or {}
    others = [stated(key, income_raw.get(key), INCOME + (key,)) for key in INCOME_KEYS]
    # within a stated 按收入性质分, a source left blank has none of the money (as the form
    # reads); a 合计 alone states no source
    sources_stated = any(income_raw.get(key) is not None for key in ["一般公共预算", *INCOME_KEYS])
    general = Figure("一般公共预算", given=dec(income_raw.get("一般公共预算")), path=INCOME + ("一般公共预算",),
                     derived=subtract(full_year.value, *(o.value or 0 for o in others)) if sources_stated else None,
                     formula="全年预算数 − 其他收入来源")
    # against its parts only when 全年预算数 is not known: otherwise 一般公共预算 is checked
    # against 全年预算数 − the others, and the total against 全年预算数 (收支合计), each once
    income_total = Figure("按收入性质分合计", given=dec(income_raw.get("合计")), path=INCOME + ("合计",),
                          derived=add(general.given, *(o.value or 0 for o in others))
                          if general.given is not None and full_year.value is None else None,
                          formula="按收入性质分各项之和")
    spending_total = Figure("按支出性质分合计", given=dec(split.get("合计")), path=SPENDING + ("合计",),
                            derived=add(basic_figure.value, project_figure.value), formula="基本支出 + 项目支出")
    carried_out = Figure("年末结转", given=dec(raw.get("年末结转")), path=BUDGET + ("年末结转",),
                         derived=subtract(full_year.value, executed.value), formula="全年预算数 − 全年执行数")
    return Budget(
        initial=initial, full_year=full_year, executed=executed, basic=basic_figure, projects=project_figure,
        income=[general, *others], carried_in=carried_in, added=added, carried_out=carried_out,
        execution=execution(executed.value, full_year.value, rounding), project_line=project_line,
        income_total=income_total, spending_total=spending_total)


@dataclass
class ThreePublic:
    lines: dict[str, Columns3]    # by key (forms/basic_data.py), in 附件1's order
    present: bool

    @property
    def rows(self) -> list[Columns3]:
        return list(self.lines.values())

    def line(self, key: str) -> Columns3:
        return self.lines[key]


def declared_lines(lines, raw: dict) -> dict[str, Columns3]:
    """A Columns3 for every declared line of a block: as given, and a total line also as its
    parts add up (a part left blank is a line with nothing spent, as the form reads)."""
    built: dict[str, Columns3] = {}
    for line in reversed(lines):          # parts are declared after the lines that add them
        given = raw.get(line.field or line.key)
        if line.parts:
            built[line.key] = summed3(line.key, given, line.path, [built[k] for k in line.parts],
                                      " + ".join(line.parts))
        else:
            built[line.key] = columns3(line.key, given, line.path)
    return {line.key: built[line.key] for line in lines}


def derive_three_public(data: dict) -> ThreePublic:
    raw = data.get("三公经费") or {}
    return ThreePublic(lines=declared_lines(THREE_PUBLIC_LINES, raw), present=bool(raw))


PROCUREMENT = ("政府采购",)


@dataclass
class Procurement:
    previous: Decimal | None
    budget: Decimal | None
    goods: Decimal | None
    works: Decimal | None
    services: Decimal | None
    total: Figure                 # 本年决算数: given, or 货物 + 工程 + 服务

    @property
    def split_known(self) -> bool:
        return None not in (self.goods, self.works, self.services)


def derive_procurement(data: dict) -> Procurement | None:
    raw = data.get("政府采购")
    if raw is None:
        return None
    parts = [dec(raw.get(k)) for k in ("货物", "工程", "服务")]
    return Procurement(dec(raw.get("上年决算数")), dec(raw.get("本年预算数")), *parts,
                       total=Figure("政府采购本年决算数", given=dec(raw.get("本年决算数")), derived=add(*parts),
                                    path=PROCUREMENT + ("本年决算数",), formula="货物 + 工程 + 服务"))


ASSETS = ("资产",)


@dataclass
class Assets:
    total: Decimal | None
    liabilities: Decimal | None
    fixed: Decimal | None
    in_use: Decimal | None
    net: Figure                    # 净资产: given, or 资产总额 − 负债总额

    @property
    def use_rate(self) -> Decimal | None:
        return ratio(self.in_use, self.fixed)


def derive_assets(data: dict) -> Assets | None:
    raw = data.get("资产")
    if raw is None:
        return None
    total, liabilities = dec(raw.get("资产总额")), dec(raw.get("负债总额"))
    return Assets(total, liabilities, dec(raw.get("固定资产原值")), dec(raw.get("在用固定资产")),
                  net=Figure("净资产", given=dec(raw.get("净资产")), derived=subtract(total, liabilities),
                             path=ASSETS + ("净资产",), formula="资产总额 − 负债总额"))


@dataclass
class Building:
    index: int
    name: str
    approved: Decimal | None
    actual: Decimal | None
    budget: Decimal | None
    spent: Decimal | None

    @property
    def path(self) -> tuple:
        return ("楼堂馆所", self.index)

    @property
    def scale_rate(self) -> Decimal | None:
        return control_rate(self.actual, self.approved)

    @property
    def investment_rate(self) -> Decimal | None:
        return control_rate(self.spent, self.budget)


def control_rate(actual: Decimal | None, approved: Decimal | None) -> Decimal | None:
    """实际 ÷ 批复, as every rate (numbers.ratio): 0 ÷ 0 has no rate and prints —, though seed
    004 typed 100% there (one definition for the whole report: 编制 0 and 在职 0 print — too);
    x ÷ 0 with x > 0 has none either, and the audit flags it."""
    return ratio(actual, approved)


def derive_buildings(data: dict) -> list[Building]:
    return [Building(i, b["项目名称"], *(dec(b.get(k)) for k in ("批复规模", "实际规模", "预算投资", "实际投资")))
            for i, b in enumerate(data.get("楼堂馆所") or [])]
