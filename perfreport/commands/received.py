"""`perfreport audit`: the bureau's audit of a report it received (a Word report typed by hand),
with no unit file written: the report is read as `import` reads it, checked by the same rules
in the same words as `check`, and each finding said where the report states what it is about
(the section and paragraph, or the form, row and column), not at a line of a YAML file.
"""
from __future__ import annotations

import dataclasses
import json
import re
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfreport.commands.pipeline import examine
from perfreport.foreign.read import read_document
from perfreport.foreign.unit_text import unit_text
from perfreport.shared.errors import ReportError
from perfreport.shared.findings import ERROR, Finding

RECEIVED = (".docx", ".xlsx", ".pdf", ".doc", ".wps")      # what a folder of received reports holds
LAST_PART = re.compile(r"(\.[^.\[]+|\[\d+\])$")


@dataclass
class Received:
    """One received report: its name, the unit it is of, and the findings, each with its place."""
    file: str
    unit: str = ""
    findings: list[tuple[Finding, str]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.is_error for f, _ in self.findings)

    @property
    def warnings(self) -> int:
        return sum(not f.is_error for f, _ in self.findings)


def audit_received(path: Path, shown: str) -> Received:
    """Read, check, locate. A file that cannot be read is one finding (an error) naming it."""
    try:
        draft = read_document(path, shown)
    except ReportError as refused:
        return Received(shown, findings=[(f, "") for f in refused.findings])
    with tempfile.TemporaryDirectory(prefix="perfreport-audit-") as folder:
        unit_file = Path(folder) / "received.yaml"
        unit_file.write_text(unit_text(draft.unit, shown, draft.left, draft.stated), encoding="utf-8")
        try:
            findings = examine(unit_file, shown=shown).findings
        except ReportError as refused:      # the report lacks what a unit must state (its name, its year)
            findings = refused.findings
    located = [(f, place(f.path, draft.origins)) for f in findings]
    located += [(Finding("警告", f"未能读入：{text}", file=shown, rule="读入"), "") for text in draft.left]
    return Received(shown, draft.unit.get("单位", {}).get("全称", ""), located)


def place(path: str, origins: dict) -> str:
    """Where the report states the field at `path`, or the nearest field above it that it states;
    '' for a field the report does not state at all (a 缺项)."""
    while path:
        if path in origins:
            return origins[path]
        trimmed = LAST_PART.sub("", path)
        if trimmed == path:
            break
        path = trimmed
    return origins.get(path, "")


def located(received: Received, finding: Finding, where: str) -> Finding:
    """As check says it, the place in the report instead of the line in a file; no hint on how
    to write the unit file (the bureau reads the report, not YAML)."""
    return dataclasses.replace(finding, file=received.file, line=None, column=None, hint="",
                               path=where or (f"（报告里没有：{finding.path}）" if finding.path else ""))


def as_json(results: list[Received]) -> str:
    rows = [{"file": r.file, "unit": r.unit, "where": where, "field": f.path, "severity": f.severity,
             "level": f.certainty, "rule": f.rule, "message": f.message,
             "stated": _plain(f.stated), "computed": _plain(f.computed)}
            for r in results for f, where in r.findings]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def _plain(value):
    if value is None or isinstance(value, (int, float, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def xlsx(results: list[Received]) -> bytes:
    """One row per finding, for a bureau's worksheet: the file, the unit, 错误/警告, 程度, rule, place, field, words."""
    import io

    from perfreport.commands.summary import plain
    from perfreport.document.spreadsheet import Book
    book = Book("审核结果")
    columns = ["文件", "单位", "级别", "程度", "规则", "位置", "字段", "说明"]
    sheet = book.sheet("审核结果", [28, 30, 6, 6, 12, 40, 30, 90], "审核结果")
    sheet.append(columns, ["header"] * len(columns))
    for r in results:
        for f, where in r.findings:
            sheet.append([plain(r.file), plain(r.unit) or None, f.severity, f.certainty, f.rule or None,
                          plain(where) or None, plain(f.path) or None, plain(f.message)],
                         ["", "", "", "", "", "", "", "wrap"])       # a unit's words are never a formula
    sheet.filter_over(len(columns), sheet.rows)
    out = io.BytesIO()
    book.write_to(out)
    return out.getvalue()


def received_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in RECEIVED and not p.name.startswith(("~$", ".")))


__all__ = ["Received", "audit_received", "place", "located", "as_json", "xlsx", "received_files", "ERROR"]
