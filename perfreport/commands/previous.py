"""Last year's unit of a unit, for the audit that checks the two years against each other: the
one 设置.上年单位 names (a unit in reports/, or a file's path, relative to the unit's own folder),
else the unit in reports/ of the same 全称 and the year before. It is loaded, validated and
derived, not audited; a unit named but not readable is said once, as a warning, and the audit
goes on without it."""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from perfreport.derive import Report, derive
from perfreport.shared.errors import ReportError
from perfreport.shared.findings import WARNING, Finding
from perfreport.shared.outline import load_outline
from perfreport.unitfile.load import Loaded, load
from perfreport.unitfile.schema import load_schema
from perfreport.unitfile.validate import chosen_outline, validate

SETTING = ("设置", "上年单位")
HEAD_BYTES = 4096        # 单位 comes first in a unit file: its 全称 and 年度 are in its first lines
NAME = re.compile(r"^\s+全称:\s*['\"]?(.+?)['\"]?\s*(?:#.*)?$", re.M)
NAMED = re.compile(r"^\s+上年单位:\s*['\"]?(.+?)['\"]?\s*(?:#.*)?$", re.M)
YEAR = re.compile(r"^\s+年度:\s*(\d{4})\s*(?:#.*)?$", re.M)


@dataclass(frozen=True)
class Previous:
    report: Report
    shown: str           # as messages name it: reports/hengshan2022.yaml


_index: dict[str, tuple[float, dict, dict]] = {}        # folder -> (its mtime, (全称, 年度) -> path, path -> 上年单位)
_derived: dict[tuple, Report] = {}                       # (path, mtime_ns, size) -> its report
# Folders whose index holds for the whole of a run over them (`all`, `check`: pin). Their
# mtime changes with every report written there, and reading the first lines of every unit
# again after each one made a run over n units cost n² reads (a tenth of a second a unit at
# 1000); a run takes its units as they were when it started.
_pinned: set[str] = set()


def pin(folder: Path) -> None:
    """From now on in this process, the folder's units are those it has now: read once."""
    _index.pop(str(folder), None)
    _pinned.add(str(folder))


def unpin(folder: Path) -> None:
    _pinned.discard(str(folder))
    _index.pop(str(folder), None)


def _units_by_name_and_year(folder: Path) -> dict[tuple[str, int], Path]:
    """(全称, 年度) of every unit in the folder, from the first lines of each file: made once a
    process, and again when the folder changes (a unit added)."""
    try:
        stamp = folder.stat().st_mtime
    except OSError:
        return {}
    cached = _index.get(str(folder))
    if cached and (cached[0] == stamp or str(folder) in _pinned):
        return cached[1]
    found, named = _read_heads(folder)
    _index[str(folder)] = (stamp, found, named)
    return found


def _read_heads(folder: Path) -> tuple[dict[tuple[str, int], Path], dict[Path, str]]:
    found: dict[tuple[str, int], Path] = {}
    named: dict[Path, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                continue            # a pipe or a device would block the read: not a unit (check says so)
            with open(path, "rb") as handle:
                head = handle.read(HEAD_BYTES).decode("utf-8", errors="ignore")
        except OSError:
            continue
        name, year, before = NAME.search(head), YEAR.search(head), NAMED.search(head)
        if name and year:
            found.setdefault((name.group(1).strip(), int(year.group(1))), path)
        if before:
            named[path] = before.group(1).strip()
    return found, named


def successors(path: Path, reports: Path) -> list[Path]:
    """The units in the folder whose 设置.上年单位 names the unit at `path` (its next years, renamed or not)."""
    _units_by_name_and_year(reports)
    named = _index.get(str(reports), (0, {}, {}))[2]
    out = []
    for later, name in named.items():
        target = (reports / f"{name}.yaml" if not name.endswith((".yaml", ".yml"))
                  else Path(name) if Path(name).is_absolute() else later.parent / name)
        if os.path.realpath(target) == os.path.realpath(path):
            out.append(later)
    return out


def _derived_report(path: Path, shown: str) -> Report:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _derived:
        loaded = load(path, shown)
        outline = chosen_outline(loaded)
        validate(loaded, load_schema(outline_path=outline))
        _derived[key] = derive(loaded.data, load_outline(outline))
    return _derived[key]


def located(data: dict, path: Path, reports: Path) -> tuple[Path | None, str]:
    """Where last year's unit of the unit at `path` is, and the name 设置.上年单位 gives ('' when
    it is found by its 全称 and year instead)."""
    unit = data.get("单位") or {}
    named = (data.get("设置") or {}).get("上年单位")
    if named:
        candidate = Path(named)
        if not named.endswith((".yaml", ".yml")):
            return reports / f"{named}.yaml", named
        return (candidate if candidate.is_absolute() else path.parent / candidate), named
    try:
        year = int(unit.get("年度"))
    except (TypeError, ValueError):
        return None, ""
    candidate = _units_by_name_and_year(reports).get((str(unit.get("全称", "")).strip(), year - 1))
    if candidate is None or os.path.realpath(candidate) == os.path.realpath(path):
        return None, ""
    return candidate, ""


def same_unit(name: str, reports: Path) -> list[Path]:
    """Every unit in the folder with this 全称, whatever its year."""
    return [p for (full, _), p in _units_by_name_and_year(reports).items() if full == name]


def derived_report(path: Path, shown: str) -> Report:
    """The unit at `path`, loaded, validated and derived (not audited), once a process."""
    return _derived_report(path, shown)


def previous_of(loaded: Loaded, path: Path, reports: Path, shown_path) -> tuple[Previous | None, list[Finding]]:
    """Last year's unit of the unit at `path`, and what is to be said of it (a unit named and
    not there, or not readable)."""
    candidate, named = located(loaded.data, path, reports)
    if candidate is None:
        return None, []
    shown = shown_path(candidate)
    line, column = loaded.where(SETTING) or (None, None)

    def said(why: str, hint: str) -> list[Finding]:
        return [Finding(WARNING, f"设置.上年单位 写的是“{named}”，{why}；这一次没有与上年核对", file=loaded.file,
                        line=line, column=column, path="设置.上年单位", rule="上年数", hint=hint)] if named else []

    if not candidate.is_file():
        return None, said(f"但 {shown} 不存在", "写 reports/ 下的单位名，或 .yaml 文件的路径（相对于本文件所在的文件夹）")
    try:
        return Previous(_derived_report(candidate, shown), shown), []
    except ReportError as refused:
        return None, said(f"但 {shown} 读不了（{refused.findings[0].message}）", f"先运行 check {shown} 改正它")
