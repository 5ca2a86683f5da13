"""Indicator scores from targets and actual values (DOMAIN.md, "Figures and rules").

A target carries an operator and a unit: "≥500个", "≦100%", "=100%"; or it is
qualitative ("出台", "按时完成"). 正向 (≥): 分值 × min(实际/目标, 1); 反向 (≤):
分值 × min(目标/实际, 1); 等于: 分值 × min(实际/目标, 目标/实际); qualitative: the unit
chooses a band (达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 % of 分值).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .numbers import round_score

ONE = Decimal(1)

# NFKC turns full-width ＞＝＜ into ASCII; ≧ ≦ are not full-width forms and stay.
OPERATORS = {
    "≥": "ge", "≧": "ge", ">=": "ge", ">": "ge",
    "≤": "le", "≦": "le", "<=": "le", "<": "le",
    "=": "eq",
}
OPERATOR_SYMBOL = {"ge": "≥", "le": "≤", "eq": "="}
MEASURE = re.compile(r"^(≥|≧|>=|>|≤|≦|<=|<|=)?\s*([0-9]+(?:\.[0-9]+)?)\s*([^0-9]*)$")

BANDS = {  # 定性评价 -> (lowest, highest) share of 分值
    "达成": (Decimal("0.8"), ONE),
    "部分达成": (Decimal("0.6"), Decimal("0.8")),
    "未达成": (Decimal(0), Decimal("0.6")),
}


@dataclass(frozen=True)
class Measure:
    operator: str | None     # 'ge' | 'le' | 'eq' | None (none written)
    number: Decimal
    unit: str


def parse_measure(text: str | None) -> Measure | None:
    """'≥500个' -> Measure('ge', 500, '个'); '出台' -> None (qualitative)."""
    if not text:
        return None
    normalised = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    match = MEASURE.match(normalised)
    if not match:
        return None
    symbol, number, unit = match.groups()
    return Measure(OPERATORS.get(symbol) if symbol else None, Decimal(number), unit.strip())


@dataclass(frozen=True)
class Assessment:
    kind: str                       # 'quantitative' | 'qualitative' | 'not_applicable'
    operator: str | None = None     # effective operator for quantitative rows
    operator_assumed: bool = False  # no operator written: read as ≥
    unit_mismatch: bool = False     # target and actual in different units
    achievement: Decimal | None = None   # share of 分值 earned by the formula, 0..1
    expected: Decimal | None = None      # 分值 × achievement, rounded by the unit's setting
    band: tuple[Decimal, Decimal] | None = None  # for qualitative rows with 定性评价
    verdict: str = ""                    # 定性评价 as the unit typed it
    met: bool | None = None         # target reached? None when it cannot be told


def achievement(operator: str, target: Decimal, actual: Decimal) -> Decimal:
    if operator == "ge":
        return ONE if target == 0 else min(actual / target, ONE)
    if operator == "le":
        return ONE if actual <= target else (target / actual if actual else ONE)
    if actual == target:
        return ONE
    if actual == 0 or target == 0:
        return Decimal(0)
    return min(actual / target, target / actual)


def assess(row: dict, rounding: str) -> Assessment:
    """How one indicator row should score, for comparison with the unit's 得分."""
    if row.get("三级指标") == "不适用":
        return Assessment(kind="not_applicable")
    weight = row.get("分值")
    target = parse_measure(row.get("年度指标值"))
    actual = parse_measure(row.get("实际完成值"))
    if target is not None and actual is not None:
        operator = target.operator or "ge"
        share = achievement(operator, target.number, actual.number)
        expected = round_score(weight * share, rounding) if weight is not None else None
        return Assessment(
            kind="quantitative", operator=operator, operator_assumed=target.operator is None,
            unit_mismatch=bool(target.unit and actual.unit and target.unit != actual.unit),
            achievement=share, expected=expected, met=share >= ONE)
    verdict = row.get("定性评价")
    if verdict:
        return Assessment(kind="qualitative", band=BANDS[verdict], verdict=verdict, met=verdict == "达成")
    return Assessment(kind="qualitative")
