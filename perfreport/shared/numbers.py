"""Arithmetic on money, rates and scores: Decimal throughout, no 0.1 + 0.2 artefacts.
Their printed forms are wording.formats' business."""
from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)

ROUNDING_MODES = {
    # 设置.得分取整 -> (quantum, rounding)
    "保留两位小数": (Decimal("0.01"), ROUND_HALF_UP),
    "保留一位小数": (Decimal("0.1"), ROUND_HALF_UP),
    "四舍五入取整": (Decimal("1"), ROUND_HALF_UP),
    "向下取整": (Decimal("1"), ROUND_FLOOR),
}
DEFAULT_ROUNDING = "保留两位小数"


def dec(value) -> Decimal | None:
    """int/Decimal/None -> Decimal/None (the loader never produces floats)."""
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(value)


def ratio(part, whole) -> Decimal | None:
    """part / whole: every rate of the report (执行率, 控制率, shares) is this one division.
    When whole is 0 there is no rate (None, printed —), for 0 ÷ 0 too: nothing budgeted and
    nothing spent, no posts and nobody in them, nothing approved and nothing built measure
    nothing, and a rate of 100 % would claim full marks for it. x ÷ 0 with x > 0 is the audit's
    to flag."""
    part, whole = dec(part), dec(whole)
    if part is None or whole is None or whole == 0:
        return None
    return part / whole


RATE_QUANTUM = Decimal("0.0001")        # a rate as the forms print it: 97.14 %


def as_printed(rate: Decimal) -> Decimal:
    """A rate to the digits the forms print (two decimals of a per cent): what is scored from
    it is what a reader computes from the page."""
    return rate.quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)


def round_score(value: Decimal, mode: str = DEFAULT_ROUNDING) -> Decimal:
    quantum, rounding = ROUNDING_MODES[mode]
    return value.quantize(quantum, rounding=rounding)


def grade(total_score: Decimal) -> str:
    if total_score >= 90:
        return "优"
    if total_score >= 80:
        return "良"
    if total_score >= 60:
        return "中"
    return "差"
