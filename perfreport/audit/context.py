"""The registry of rules and what a rule works with: the model, and where things are."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..derive import Report
from ..derive.figures import Figure
from ..findings import ERROR, WARNING, Finding
from ..load import Loaded, format_path
from ..wording.formats import count, money, score

RULES: list[tuple[str, Callable]] = []


def rule(name: str):
    def register(function):
        RULES.append((name, function))
        return function
    return register


@dataclass
class Context:
    loaded: Loaded
    report: Report
    rule: str = ""

    def finding(self, severity: str, path: tuple, message: str, stated=None, computed=None,
                hint: str = "") -> Finding:
        line, column = self.loaded.where(path) or (None, None)
        return Finding(severity, message, file=self.loaded.file, line=line, column=column,
                       path=format_path(path), rule=self.rule, stated=stated, computed=computed,
                       hint=hint)

    def warn(self, path, message, stated=None, computed=None, hint="") -> Finding:
        return self.finding(WARNING, path, message, stated, computed, hint)

    def error(self, path, message, stated=None, computed=None, hint="") -> Finding:
        return self.finding(ERROR, path, message, stated, computed, hint)

    def shown(self, figure: Figure, value) -> str:
        """A figure's value with its unit, as a message quotes it: 821.17 万元, 14 人, 96.00 分."""
        if figure.unit == "万元":
            return f"{money(value)} 万元"
        if figure.unit == "分":
            return f"{score(value, self.report.rounding)} 分"
        return f"{count(value)} {figure.unit}"
