"""The registry of rules and what a rule works with: the model, and where things are."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from perfreport.derive import Report
from perfreport.derive.figures import Figure
from perfreport.shared.findings import ERROR, LEVELS, WARNING, Finding
from perfreport.unitfile.load import Loaded, format_path
from perfreport.unitfile.schema import allowed_keys, load_schema
from perfreport.shared.formats import count, money, score

RULES: list[tuple[str, Callable]] = []
LEVEL: dict[str, str] = {}          # rule -> how sure its warnings are (findings.LEVELS)


def rule(name: str, level: str):
    """Register a rule; `level` is its warnings' (a warning may say otherwise: ctx.warn(level=…))."""
    if level not in LEVELS:
        raise ValueError(f"rule {name}: level {level!r} is not one of {LEVELS}")

    def register(function):
        RULES.append((name, function))
        LEVEL[name] = level
        return function
    return register


@dataclass
class Context:
    loaded: Loaded
    report: Report
    rule: str = ""
    previous: object = None     # last year's unit (commands/previous.Previous: .report, .shown), when known

    def finding(self, severity: str, path: tuple, message: str, stated=None, computed=None,
                hint: str = "", at: tuple | None = None, level: str = "") -> Finding:
        """`at`: where in the file to point, when not `path` itself (a key still to be written)."""
        line, column = self.loaded.where(path if at is None else at) or (None, None)
        return Finding(severity, message, file=self.loaded.file, line=line, column=column,
                       path=format_path(path), rule=self.rule, stated=stated, computed=computed,
                       hint=hint, level=level or LEVEL.get(self.rule, ""))

    def warn(self, path, message, stated=None, computed=None, hint="", at=None, level="") -> Finding:
        return self.finding(WARNING, path, message, stated, computed, hint, at, level)

    @property
    def money_tolerance(self):
        """设置.金额容差 (万元): a difference of amounts up to it is not reported."""
        return self.report.tolerance.money

    @property
    def rate_tolerance(self):
        """设置.比率容差 (百分点), as a fraction."""
        return self.report.tolerance.rate

    def nearest(self, path: tuple) -> tuple:
        """The key nearest to where `path` would be written, when it is not in the file: the
        one before it in the schema's order among the keys its mapping holds (else the one
        after it), so a message about 三公经费 points at the lines around where it belongs,
        not at the file's first line."""
        keys, values = self.loaded.key_positions, self.loaded.positions
        schema = load_schema()
        for depth in range(len(path), 0, -1):
            if path[:depth] in keys or path[:depth] in values:
                return path[:depth]
            parent, key = path[:depth - 1], path[depth - 1]
            if parent and parent not in keys and parent not in values:
                continue
            order = allowed_keys(schema, parent)
            if key not in order:
                continue
            here = order.index(key)
            present = [k for k in order if parent + (k,) in keys]
            before = [k for k in present if order.index(k) < here]
            after = [k for k in present if order.index(k) > here]
            if before or after:
                return parent + ((before[-1],) if before else (after[0],))
        return path

    def error(self, path, message, stated=None, computed=None, hint="") -> Finding:
        return self.finding(ERROR, path, message, stated, computed, hint)

    def shown(self, figure: Figure, value) -> str:
        """A figure's value with its unit, as a message quotes it: 821.17 万元, 14 人, 96.00 分."""
        if figure.unit == "万元":
            return f"{money(value)} 万元"
        if figure.unit == "分":
            return f"{score(value, self.report.rounding)} 分"
        return f"{count(value)} {figure.unit}"
