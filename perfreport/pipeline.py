"""load -> validate -> derive -> audit for one unit file; no rendering, no output."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .audit import audit
from .derive import Report, derive
from .errors import AuditError, UsageError
from .findings import ERROR, Finding
from .load import Loaded, load
from .validate import validate

ROOT = Path(__file__).resolve().parent.parent
# PERFREPORT_REPORTS: another folder of units (tests, benchmarks, a finance bureau's own set)
REPORTS = Path(os.environ.get("PERFREPORT_REPORTS") or ROOT / "reports")
UNIT_NAME = re.compile(r"[a-z][a-z0-9_-]{0,63}")


@dataclass
class Checked:
    loaded: Loaded
    report: Report
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def _checked_name(unit: str) -> str:
    if not UNIT_NAME.fullmatch(unit):
        raise UsageError([Finding(
            ERROR, f"单位名“{unit}”不合规则",
            hint="UNIT 只能用小写字母开头，由小写字母、数字、-、_ 组成，如 UNIT=hengshan")])
    return unit


def new_unit_path(unit: str) -> Path:
    """reports/<unit>.yaml for a unit that does not exist yet."""
    path = REPORTS / f"{_checked_name(unit)}.yaml"
    if path.exists():
        raise UsageError([Finding(ERROR, f"{shown_path(path)} 已经存在，不会覆盖",
                                  hint="换一个单位名，或直接编辑这个文件")])
    return path


def unit_path(unit: str) -> Path:
    """A unit name (hengshan) -> reports/hengshan.yaml; a path to a .yaml file is taken as is."""
    if unit.endswith((".yaml", ".yml")):
        return Path(unit)
    path = REPORTS / f"{_checked_name(unit)}.yaml"
    if not path.exists():
        known = sorted(p.stem for p in REPORTS.glob("*.yaml"))
        raise UsageError([Finding(ERROR, f"没有这个单位：{shown_path(path)}",
                                  hint=f"已有的单位：{'、'.join(known)}" if known else
                                  "可以用 make new UNIT=… 新建一个")])
    return path


def shown_path(path: Path) -> str:
    """reports/x.yaml rather than an absolute path, when the file is in this project."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_file(path: Path, strict: bool = False) -> Checked:
    """Raises LoadError / ValidationError; returns the audit's findings (AuditError on errors)."""
    loaded = load(path, shown_path(path))
    validate(loaded)
    report = derive(loaded.data)
    findings = audit(loaded, report)
    checked = Checked(loaded, report, findings)
    if checked.errors or (strict and checked.warnings):
        raise AuditError(findings)
    return checked


def all_units() -> list[Path]:
    return sorted(REPORTS.glob("*.yaml"))
