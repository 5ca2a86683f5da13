"""A figure the report prints: what the unit stated (given), what its parts give (derived),
or neither (not known).

The forms print the given figure when there is one: it comes from the unit's 决算 and is
what the finance system holds, even when the unit's own parts do not add up to it (that
disagreement is what a reviewer looks for, and the audit reports it). Without a given
figure the derived one is printed; without either the cell stays blank.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

Number = Decimal | int


@dataclass(frozen=True)
class Figure:
    label: str                       # as the form or the sentence names it: 全年执行数
    given: Number | None = None      # as the unit typed it
    derived: Number | None = None    # from its parts; None when a part is not known
    path: tuple | None = None        # where it is (or would be) given in the unit file
    formula: str = ""                # how it is derived, for messages: 基本支出 + 项目支出
    unit: str = "万元"

    @property
    def value(self) -> Number | None:
        """What the report prints and computes with."""
        return self.given if self.given is not None else self.derived

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def source(self) -> str:
        return "given" if self.given is not None else "derived" if self.derived is not None else ""

    @property
    def disagrees(self) -> bool:
        return self.given is not None and self.derived is not None and self.given != self.derived


def add(*values: Number | None) -> Number | None:
    """The sum when every value is known; None (not known) otherwise."""
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0)) if any(isinstance(v, Decimal) for v in values) else sum(values)


def add_all(values: Iterable[Number | None]) -> Number | None:
    """add() over a collection; an empty collection has no known sum."""
    values = list(values)
    return add(*values) if values else None


def add_present(values: Iterable[Number | None]) -> Decimal | None:
    """The sum of the values given, for the lines of 附件1 where a blank line is a line with
    nothing spent (as the forms are filled in); None when no line was given at all."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def subtract(whole: Number | None, *parts: Number | None) -> Number | None:
    if whole is None or any(p is None for p in parts):
        return None
    return whole - sum(parts, Decimal(0))
