"""Indicator tables (附件2 and each 附件3): rows in form order, weights, totals.

The rows are flat, in the form's order, each naming its 一级 and 二级; how they merge on
the page (a group's label over its rows, restarted on every page) is the layout's
(perfreport/layout/indicators.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from perfreport.shared.numbers import dec, grade
from perfreport.derive.scoring import Assessment, assess
from perfreport.derive.budget import Execution
from perfreport.derive.figures import Figure
from perfreport.forms.indicators import BENEFIT, GROUP_OF, GROUPS, SATISFACTION

# 一级指标 -> its 二级指标, in form order, and their weights: declared in forms/indicators.py
LEVELS = [(group.key, list(group.parts)) for group in GROUPS]
LEVEL1_OF = GROUP_OF
BASE_WEIGHTS = {group.key: group.weight for group in GROUPS}
NOT_APPLICABLE = "不适用"
# A form without a single indicator of the unit's own scores only its 执行率 (10 of 100
# points): a grade from that would read 差 for a unit nobody assessed.
UNGRADED = "未评定"
# The 分值 column of the 总分 row: the form's own figure (10 for 执行率 + 50 + 30 + 10)
FORM_WEIGHT_TOTAL = Decimal(100)


@dataclass
class IndicatorRow:
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: Decimal | None
    score: Decimal | None
    deviation: str
    assessment: Assessment
    path: tuple | None              # None for a row the tool added: the blank line of an empty 二级

    @property
    def not_applicable(self) -> bool:
        """The unit itself wrote 三级指标: 不适用 (a blank row the tool adds says nothing)."""
        return self.path is not None and self.name == NOT_APPLICABLE

    @property
    def counts(self) -> bool:
        """A row of the unit's own that applies: only these carry weight and points."""
        return self.path is not None and not self.not_applicable


@dataclass
class Goal:
    """年度总体目标: both texts, blank when the unit gave none (the audit says so)."""
    expected: str = ""
    achieved: str = ""

    @classmethod
    def from_data(cls, raw: dict | None) -> "Goal":
        raw = raw or {}
        return cls(expected=raw.get("预期目标", ""), achieved=raw.get("实际完成情况", ""))


@dataclass
class IndicatorTable:
    rows: list[IndicatorRow]
    weights: dict[str, Decimal]            # 一级 -> its weight (满意度's 10 may move to 效益)
    execution: Execution
    path: tuple                            # where the indicator list is in the data
    total: Figure                          # 总分: as the unit states it, or 执行率得分 + every 得分
    goal: Goal = field(default_factory=Goal)

    @property
    def weight_sum(self) -> Decimal:
        """分值 column added up: 执行率 10 + every indicator's 分值 (the form prints 100). A
        不适用 row counts for nothing, whatever the unit typed in it, nor does a blank row."""
        return self.execution.weight + sum((r.weight or 0 for r in self.rows if r.counts), Decimal(0))

    @property
    def assessed(self) -> bool:
        """True when the unit entered at least one indicator that applies."""
        return any(r.counts for r in self.rows)

    @property
    def grade(self) -> str:
        """From the 总分 printed; 未评定 when there is none (no indicator of the unit's own, or
        a 得分 not known)."""
        return grade(self.total.value) if self.total.known else UNGRADED

    def level_weight_sum(self, level1: str) -> Decimal:
        return sum((r.weight or 0 for r in self.rows if r.level1 == level1 and r.counts), Decimal(0))


def derived_total(rows: list[IndicatorRow], execution: Execution) -> Decimal | None:
    """执行率得分 + the unit's 得分 of every indicator that applies. Not known when the unit
    gave no indicator of its own (the form is not assessed) or left a 得分 blank. A 执行率
    without a rate scores nothing."""
    applying = [r for r in rows if r.counts]
    if not applying or any(r.score is None for r in applying):
        return None
    return (execution.score or Decimal(0)) + sum((r.score for r in applying), Decimal(0))


def weights_for(raw_rows: list[dict]) -> dict[str, Decimal]:
    """50 / 30 / 10; a unit that gave indicators but no 满意度 one gives those 10 to 效益.
    A form with no row of the unit's at all is the standard blank form: 50 / 30 / 10, its
    满意度 block blank like the rest (moving the 10 would be a choice nobody made)."""
    weights = dict(BASE_WEIGHTS)
    if not raw_rows:
        return weights
    has_satisfaction = any(LEVEL1_OF[r["二级指标"]] == SATISFACTION and r.get("三级指标") != NOT_APPLICABLE
                           for r in raw_rows)
    if not has_satisfaction:
        weights[BENEFIT] += weights[SATISFACTION]
        weights[SATISFACTION] = Decimal(0)
    return weights


def _row(raw: dict, path: tuple | None, rounding: str, year: int | None = None) -> IndicatorRow:
    return IndicatorRow(
        level1=LEVEL1_OF[raw["二级指标"]], level2=raw["二级指标"], name=raw["三级指标"],
        target=raw.get("年度指标值", ""), actual=raw.get("实际完成值", ""),
        weight=dec(raw.get("分值")), score=dec(raw.get("得分")),
        deviation=raw.get("偏差原因分析及改进措施", ""), assessment=assess(raw, rounding, year), path=path)


def blank_row(level1: str, level2: str) -> IndicatorRow:
    """The line the form keeps for a 二级 the unit gave no row for: every cell blank. Not
    不适用: that is the unit's to say, and it said nothing."""
    return IndicatorRow(level1=level1, level2=level2, name="", target="", actual="", weight=None, score=None,
                        deviation="", assessment=Assessment(kind="blank"), path=None)


def build_table(raw_rows: list[dict], path: tuple, execution: Execution, rounding: str,
                goal: dict | None = None, total=None, total_path: tuple = (), year: int | None = None) -> IndicatorTable:
    raw_rows = raw_rows or []
    weights = weights_for(raw_rows)
    by_level2: dict[str, list[IndicatorRow]] = {}
    for i, raw in enumerate(raw_rows):
        by_level2.setdefault(raw["二级指标"], []).append(_row(raw, path + (i,), rounding, year))
    rows: list[IndicatorRow] = []
    for level1, level2s in LEVELS:
        if level1 == SATISFACTION and weights[level1] == 0 and not any(l2 in by_level2 for l2 in level2s):
            continue   # its weight went to 效益: no empty 满意度 block
        group: list[IndicatorRow] = []
        for level2 in level2s:
            group.extend(by_level2.get(level2) or [blank_row(level1, level2)])
        rows.extend(group)
    return IndicatorTable(
        rows=rows, weights=weights, execution=execution, path=path, goal=Goal.from_data(goal),
        total=Figure("总分", given=dec(total), derived=derived_total(rows, execution), path=total_path,
                     formula="执行率得分 + 各指标得分", unit="分"))
