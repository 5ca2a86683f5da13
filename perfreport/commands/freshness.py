"""Is what is committed in reports/ what the data and the current templates give now?
`make check` asks this of each unit's .docx, so a reviewer can trust the documents without
rendering them again, and tells a report edited by hand from one that is only out of date.
(The summary is not committed: it is made from the units by `make all`, see README.)"""
from __future__ import annotations

import os
from pathlib import Path

from perfreport.document.docx_read import read_file
from perfreport.shared.errors import ReportError
from perfreport.shared.findings import ERROR, Finding
from perfreport.shared.invocation import how
from perfreport.commands.pipeline import REPORTS, shown_path


def in_reports(path: Path) -> bool:
    return Path(os.path.realpath(path)).parent == Path(os.path.realpath(REPORTS))


def report_missing(path: Path) -> bool:
    """No reports/<unit>.docx yet: a new unit, checked before its first report is made."""
    return not os.path.lexists(path.with_suffix(".docx"))


def stale_document(path: Path, document: bytes) -> Finding | None:
    """The finding when reports/<unit>.docx is missing or not `document`, what <unit>.yaml
    gives now (the record of what each was made from aside: pipeline.same_report); else None."""
    committed = path.with_suffix(".docx")
    hint = f"运行 {how('report', path.stem)}，把 .yaml 和 .docx 一起提交"
    if not os.path.lexists(committed):      # a broken or looped link is read, and said so, below
        return Finding(ERROR, f"没有 {shown_path(committed)}：报告还没有生成", file=shown_path(path), hint=hint)
    try:
        on_disk = read_file(committed, shown_path(committed))
    except ReportError as exc:          # not a regular file, or far too large: not ours
        return exc.findings[0]
    from perfreport.commands.pipeline import same_report
    if not same_report(on_disk, document):
        from perfreport.commands.pipeline import hand_edited, hand_edited_finding
        try:
            judged = hand_edited(on_disk, committed, document)
            if not judged.unchanged:
                return hand_edited_finding(committed, path, judged)
        except ReportError:             # not a package at all: replaced by something else
            pass
        return Finding(ERROR, f"{shown_path(committed)} 已过期：它不是 {path.name} 和当前模板生成的结果",
                       file=shown_path(path), hint=hint)
    return None
