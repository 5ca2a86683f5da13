"""How a number is written: the one place that turns a value into text.

Money has two decimals (120.50, 5.00, 0.20), as 决算 tables print it; scores have the
decimals of the unit's rounding setting (9.83, or 9 when it rounds to whole points);
rates are percentages with two decimals. No format drops a digit the unit typed: a figure
typed with three decimals keeps them (the tool never changes a figure a unit gave).
A value that is not known is an empty string: a blank cell, never 0.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from perfreport.shared.numbers import DEFAULT_ROUNDING, HUNDRED, ROUNDING_MODES, as_printed, dec

CENT = Decimal("0.01")


def _at_least(value: Decimal, quantum: Decimal) -> str:
    exponent = min(value.as_tuple().exponent, quantum.as_tuple().exponent)
    text = f"{value.quantize(Decimal(1).scaleb(exponent)):f}"
    return text[1:] if text.startswith("-") and not value else text      # no "-0.00"


def money(value) -> str:
    """400 -> '400.00', 179.2 -> '179.20', 0.125 -> '0.125', None -> ''."""
    value = dec(value)
    return "" if value is None else _at_least(value, CENT)


def score(value, rounding: str = DEFAULT_ROUNDING) -> str:
    """A 分值 or 得分 in the decimals of 设置.得分取整: 9.83, or 9 when scores are whole."""
    value = dec(value)
    return "" if value is None else _at_least(value, ROUNDING_MODES[rounding][0])


def percent(rate: Decimal | None) -> str:
    """0.975 -> '97.50%'; None -> '—' (no rate: its base is 0 or not known)."""
    if rate is None:
        return "—"
    return f"{(as_printed(rate) * HUNDRED).quantize(CENT):f}%"


def count(value: int | None) -> str:
    return "" if value is None else str(value)


def as_typed(value) -> str:
    """A cell of a table the unit typed, as typed: 280.50 stays 280.50, 36 stays 36."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)
