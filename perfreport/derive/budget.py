"""The money side: 年度资金总额, 基本支出, 项目, 三公经费, 政府采购, 资产, 楼堂馆所.

Totals are computed here from their parts; nothing computable is a field in the data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..numbers import dec, ratio, round_score, total

EXECUTION_WEIGHT = Decimal(10)   # 预算执行率 分值 in 附件2 and 附件3


@dataclass
class Columns3:
    """附件1's three money columns for one row; None is a blank cell."""
    label: str
    previous: Decimal | None = None   # 上年决算数
    budget: Decimal | None = None     # 本年预算数
    final: Decimal | None = None      # 本年决算数
    path: tuple = ()


@dataclass
class Funds:
    """附件2/3's three columns for one row."""
    label: str
    initial: Decimal | None
    full_year: Decimal | None
    executed: Decimal | None


@dataclass
class Execution:
    """执行率 and its score: 全年执行数 ÷ 全年预算数, never ÷ 年初预算数."""
    rate: Decimal | None
    score: Decimal
    weight: Decimal = EXECUTION_WEIGHT


def execution(executed: Decimal, full_year: Decimal, rounding: str) -> Execution:
    rate = ratio(executed, full_year)
    if rate is None:
        # 全年预算数 = 0: nothing was to be executed; the audit says so if money was spent.
        return Execution(rate=None, score=round_score(EXECUTION_WEIGHT, rounding))
    return Execution(rate=rate, score=round_score(EXECUTION_WEIGHT * min(rate, Decimal(1)), rounding))


@dataclass
class Basic:
    initial: Decimal | None
    executed: Decimal
    personnel: Decimal | None
    personnel_covers: str
    public: Decimal | None
    public_covers: str
    public_previous: Decimal | None
    public_initial: Decimal | None
    public_items: list[Columns3]

    @property
    def split_known(self) -> bool:
        return self.personnel is not None


PUBLIC_ITEMS = ["办公经费", "水费、电费、差旅费", "会议费、培训费"]


def columns3(label: str, raw: dict | None, path: tuple) -> Columns3:
    raw = raw or {}
    return Columns3(label, dec(raw.get("上年决算数")), dec(raw.get("本年预算数")),
                    dec(raw.get("本年决算数")), path)


def derive_basic(data: dict) -> Basic:
    raw = data["基本支出"]
    personnel = raw.get("人员经费")
    public = raw.get("公用经费")
    if personnel is not None:
        executed = dec(personnel["全年执行数"]) + dec(public["全年执行数"])
    else:
        executed = dec(raw["全年执行数"])
    public = public or {}
    return Basic(
        initial=dec(raw.get("年初预算数")), executed=executed,
        personnel=dec((personnel or {}).get("全年执行数")),
        personnel_covers=(personnel or {}).get("主要包括", ""),
        public=dec(public.get("全年执行数")), public_covers=public.get("主要包括", ""),
        public_previous=dec(public.get("上年决算数")), public_initial=dec(public.get("年初预算数")),
        public_items=[columns3(name, public.get(name), ("基本支出", "公用经费", name))
                      for name in PUBLIC_ITEMS])


@dataclass
class Project:
    index: int                 # 0-based position in data['项目']
    name: str
    department: str
    implementer: str
    previous: Decimal | None
    initial: Decimal
    full_year: Decimal
    executed: Decimal
    purpose: str
    sources: list[Funds]       # 当年财政拨款 (computed), 上年结转资金, 其他资金
    execution: Execution
    raw: dict = field(repr=False, default_factory=dict)

    @property
    def path(self) -> tuple:
        return ("项目", self.index)

    @property
    def has_form(self) -> bool:
        """A 附件3 is made for every project that has indicators."""
        return bool(self.raw.get("绩效指标"))


SOURCE_KEYS = ["上年结转资金", "其他资金"]


def _sources(raw: dict, initial: Decimal, full_year: Decimal, executed: Decimal) -> list[Funds]:
    """当年财政拨款 = project total − 上年结转资金 − 其他资金, per column."""
    others = [Funds(key, *(dec((raw.get(key) or {}).get(col)) or Decimal(0)
                           for col in ("年初预算数", "全年预算数", "全年执行数")))
              for key in SOURCE_KEYS]
    current = Funds("当年财政拨款",
                    initial - sum(f.initial for f in others),
                    full_year - sum(f.full_year for f in others),
                    executed - sum(f.executed for f in others))
    return [current, *others]


def derive_projects(data: dict, department: str, unit_name: str, rounding: str) -> list[Project]:
    projects = []
    for index, raw in enumerate(data.get("项目", [])):
        initial, full_year, executed = (dec(raw[k]) for k in ("年初预算数", "全年预算数", "全年执行数"))
        projects.append(Project(
            index=index, name=raw["名称"], department=raw.get("主管部门", department),
            implementer=raw.get("实施单位", unit_name), previous=dec(raw.get("上年决算数")),
            initial=initial, full_year=full_year, executed=executed, purpose=raw.get("用途", ""),
            sources=_sources(raw, initial, full_year, executed),
            execution=execution(executed, full_year, rounding), raw=raw))
    return projects


@dataclass
class Budget:
    initial: Decimal
    full_year: Decimal
    executed: Decimal                # 基本支出 + 项目支出
    basic: Decimal
    projects: Decimal
    carried_in: Decimal | None
    added: Decimal | None
    carried_out: Decimal | None
    income: list[tuple[str, Decimal | None]]   # 按收入性质分; 一般公共预算 computed
    execution: Execution

    @property
    def basic_share(self) -> Decimal | None:
        return ratio(self.basic, self.executed)

    @property
    def projects_share(self) -> Decimal | None:
        return ratio(self.projects, self.executed)

    @property
    def increase(self) -> Decimal:
        """全年预算数 − 年初预算数: what was added during the year."""
        return self.full_year - self.initial


INCOME_KEYS = ["政府性基金拨款", "纳入专户管理的非税收入拨款", "其他资金"]


def derive_budget(data: dict, basic: Basic, projects: list[Project], rounding: str) -> Budget:
    raw = data["预算"]
    full_year = dec(raw["全年预算数"])
    project_total = sum((p.executed for p in projects), Decimal(0))
    executed = basic.executed + project_total
    income_raw = raw.get("按收入性质分") or {}
    others = [(key, dec(income_raw.get(key))) for key in INCOME_KEYS]
    general = full_year - sum((v for _, v in others if v is not None), Decimal(0))
    return Budget(
        initial=dec(raw["年初预算数"]), full_year=full_year, executed=executed,
        basic=basic.executed, projects=project_total, carried_in=dec(raw.get("上年结转")),
        added=dec(raw.get("本年追加")), carried_out=dec(raw.get("年末结转")),
        income=[("一般公共预算", general), *others],
        execution=execution(executed, full_year, rounding))


@dataclass
class ThreePublic:
    rows: list[Columns3]          # in 附件1 order, totals computed
    present: bool


def _sum_rows(label: str, rows: list[Columns3]) -> Columns3:
    return Columns3(label, total(*(r.previous for r in rows)), total(*(r.budget for r in rows)),
                    total(*(r.final for r in rows)))


def derive_three_public(data: dict) -> ThreePublic:
    raw = data.get("三公经费") or {}
    car_buy = columns3("其中：公车购置", raw.get("公车购置"), ("三公经费", "公车购置"))
    car_run = columns3("公车运行维护", raw.get("公车运行维护"), ("三公经费", "公车运行维护"))
    abroad = columns3("2、出国经费", raw.get("出国经费"), ("三公经费", "出国经费"))
    reception = columns3("3、公务接待", raw.get("公务接待"), ("三公经费", "公务接待"))
    cars = _sum_rows("1、公务用车购置和维护经费", [car_buy, car_run])
    grand = _sum_rows("三公经费", [car_buy, car_run, abroad, reception])
    return ThreePublic(rows=[grand, cars, car_buy, car_run, abroad, reception], present=bool(raw))


@dataclass
class Procurement:
    previous: Decimal | None
    budget: Decimal | None
    goods: Decimal | None         # None: the unit gave only the year's total
    works: Decimal | None
    services: Decimal | None
    total_given: Decimal | None = None

    @property
    def split_known(self) -> bool:
        return self.goods is not None

    @property
    def total(self) -> Decimal:
        if not self.split_known:
            return self.total_given
        return self.goods + self.works + self.services


def derive_procurement(data: dict) -> Procurement | None:
    raw = data.get("政府采购")
    if raw is None:
        return None
    return Procurement(dec(raw.get("上年决算数")), dec(raw.get("本年预算数")),
                       dec(raw.get("货物")), dec(raw.get("工程")), dec(raw.get("服务")),
                       total_given=dec(raw.get("本年决算数")))


@dataclass
class Assets:
    total: Decimal
    liabilities: Decimal
    fixed: Decimal | None
    in_use: Decimal | None

    @property
    def net(self) -> Decimal:
        return self.total - self.liabilities

    @property
    def use_rate(self) -> Decimal | None:
        return ratio(self.in_use, self.fixed)


def derive_assets(data: dict) -> Assets | None:
    raw = data.get("资产")
    if raw is None:
        return None
    return Assets(dec(raw["资产总额"]), dec(raw["负债总额"]), dec(raw.get("固定资产原值")),
                  dec(raw.get("在用固定资产")))


@dataclass
class Building:
    index: int
    name: str
    approved: Decimal
    actual: Decimal
    budget: Decimal
    spent: Decimal

    @property
    def scale_rate(self) -> Decimal | None:
        return control_rate(self.actual, self.approved)

    @property
    def investment_rate(self) -> Decimal | None:
        return control_rate(self.spent, self.budget)


def control_rate(actual: Decimal, approved: Decimal) -> Decimal | None:
    """实际 ÷ 批复. 0 ÷ 0 is 100 % (nothing approved, nothing built: within control, as
    seed 004 prints it); x ÷ 0 with x > 0 has no rate (None) and the audit flags it."""
    if approved == 0:
        return Decimal(1) if actual == 0 else None
    return actual / approved


def derive_buildings(data: dict) -> list[Building]:
    return [Building(i, b["项目名称"], dec(b["批复规模"]), dec(b["实际规模"]), dec(b["预算投资"]),
                     dec(b["实际投资"])) for i, b in enumerate(data.get("楼堂馆所", []))]
