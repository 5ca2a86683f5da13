"""Named consistency rules over the model of one unit's report.

错误: no correct report can be made (the text cannot be laid out); the render stops.
警告: the report can be made but holds an inconsistency, or lacks something, a reviewer
must see; it is printed, and `--strict` turns it into a failure.

Each rule is a function registered with @rule(name) in one of the modules below; it reads
the model (never the raw file or the rendered text) and yields findings through `ctx`,
which turns a path in the file into file:line:column with the loader's positions.
"""
from __future__ import annotations

from perfreport.derive import Report
from perfreport.shared.findings import Finding
from perfreport.unitfile.load import Loaded, collector_paused
from perfreport.audit.context import RULES, Context, rule
from perfreport.audit import figures, indicators, completeness, text, prose, table_totals, years, usage  # noqa: E402,F401  registers the rules, in this order


def audit(loaded: Loaded, report: Report, previous=None) -> list[Finding]:
    """`previous`: last year's unit (its .report and .shown), for the rules that compare the years."""
    findings: list[Finding] = []
    try:
        with collector_paused():            # load.collector_paused: thousands of findings are many objects
            for name, function in RULES:
                findings.extend(function(Context(loaded, report, rule=name, previous=previous)))
    finally:
        # the sentences read for this unit go with its audit: kept, they were let go in the
        # next unit's (a worker of `all` audits hundreds), which paid for freeing them
        prose.forget()
    findings.sort(key=lambda f: (not f.is_error, f.line or 0, f.column or 0))
    return findings


def rule_names() -> list[str]:
    return [name for name, _ in RULES]


__all__ = ["audit", "rule_names", "rule", "Context"]
