"""Is what is committed in reports/ what the data and the current templates give now?
`make check` asks this of each unit's .docx and of the summary, so a reviewer can trust
the documents without rendering them again."""
from __future__ import annotations

from pathlib import Path

from .batch import UnitResult
from .docx_read import read_file
from .errors import ReportError
from .findings import ERROR, Finding
from .pipeline import REPORTS, shown_path
from .summary import SUMMARY_FILES


def in_reports(path: Path) -> bool:
    return path.resolve().parent == REPORTS.resolve()


def stale_document(path: Path, document: bytes) -> Finding | None:
    """The finding when reports/<unit>.docx is missing or not `document`, what <unit>.yaml
    gives now; else None."""
    committed = path.with_suffix(".docx")
    hint = f"运行 make report UNIT={path.stem}，把 .yaml 和 .docx 一起提交"
    if not committed.exists():
        return Finding(ERROR, f"没有 {shown_path(committed)}：报告还没有生成", file=shown_path(path), hint=hint)
    try:
        on_disk = read_file(committed, shown_path(committed))
    except ReportError as exc:          # not a regular file, or far too large: not ours
        return exc.findings[0]
    if on_disk != document:
        return Finding(ERROR, f"{shown_path(committed)} 已过期：它不是 {path.name} 和当前模板生成的结果",
                       file=shown_path(path), hint=hint)
    return None


def stale_summaries(results: list[UnitResult]) -> list[Finding]:
    """A committed reports/SUMMARY.md or .xlsx that no longer matches the units."""
    findings = []
    for name, make in SUMMARY_FILES.items():
        path = REPORTS / name
        if path.is_file() and path.read_bytes() != make(results):
            findings.append(Finding(ERROR, "已过期：汇总与各单位现在的数据不符", file=shown_path(path),
                                    hint="运行 make all 重新生成汇总，并一起提交"))
    return findings
