"""`perfreport history UNIT...`: a unit's years side by side, for the bureau: 全年预算数, 全年执行数,
执行率, “三公”经费, 总分 and 等级, one column a year, from the units in reports/ of the same 全称 and
the chain of 设置.上年单位 (a unit renamed since). A figure a year does not state is a blank cell."""
from __future__ import annotations

import os
from pathlib import Path

from perfreport.commands.previous import derived_report, located, same_unit, successors
from perfreport.derive import Report
from perfreport.shared.formats import money, percent, score
from perfreport.unitfile.load import load

MAX_YEARS = 50          # a chain of 上年单位 that goes round is cut here


def years_of(path: Path, reports: Path, shown_path) -> list[tuple[Path, Report]]:
    """The unit at `path` and its other years, oldest first: back through 设置.上年单位, forward
    through the units that name it so, and the folder's units of the same 全称; one unit a year
    (the first found)."""
    first = derived_report(path, shown_path(path))
    found: dict[int, tuple[Path, Report]] = {first.unit.year: (path, first)}
    seen = {os.path.realpath(path)}
    queue = [path]
    year_of = {path: first.unit.year}
    while queue and len(seen) < MAX_YEARS:
        here = queue.pop()
        data = load(here, shown_path(here)).data
        before, _ = located(data, here, reports)
        candidates = (([before] if before is not None else []) + successors(here, reports)
                      + same_unit(found[year_of[here]][1].unit.name, reports))
        for candidate in candidates:
            if not candidate.is_file() or os.path.realpath(candidate) in seen:
                continue
            seen.add(os.path.realpath(candidate))
            try:
                report = derived_report(candidate, shown_path(candidate))
            except Exception:        # a year that does not read is left out (check says why)
                continue
            if report.unit.year not in found:
                found[report.unit.year] = (candidate, report)
                year_of[candidate] = report.unit.year
                queue.append(candidate)
    return [found[year] for year in sorted(found)]


ROWS = (
    ("全年预算数（万元）", lambda r: money(r.budget.full_year.value)),
    ("全年执行数（万元）", lambda r: money(r.budget.executed.value)),
    ("执行率", lambda r: percent(r.budget.execution.rate) if r.budget.execution.rate is not None else ""),
    ("“三公”经费决算（万元）", lambda r: money(r.three_public.line("三公经费").final.value) if r.three_public.present else ""),
    ("总分", lambda r: score(r.overall.total.value, r.rounding) if r.overall.total.known else ""),
    ("等级", lambda r: r.overall.grade),
)


def history_table(years: list[tuple[Path, Report]], shown_path) -> str:
    """A Markdown table: a row a figure, a column a year; the files under it."""
    name = years[-1][1].unit.name
    head = ["", *(f"{report.unit.year} 年度" for _, report in years)]
    lines = [f"{name}：{years[0][1].unit.year}–{years[-1][1].unit.year} 年度" if len(years) > 1 else f"{name}：{years[0][1].unit.year} 年度",
             "", "| " + " | ".join(head) + " |", "| " + " | ".join(["---"] * len(head)) + " |"]
    for label, value in ROWS:
        lines.append("| " + " | ".join([label, *(value(report) or "" for _, report in years)]) + " |")
    lines += ["", "来自：" + "、".join(shown_path(path) for path, _ in years)]
    return "\n".join(lines)
