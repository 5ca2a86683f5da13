"""load → validate → derive → audit → render → write: the one way a unit file becomes a
report. `examine` stops after the audit (make check, the tests), `make_report` goes on to the
document and, given a target, writes it; every command and the batch go through these."""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from perfreport.audit import audit
from perfreport.derive import Report, derive
from perfreport.shared.errors import AuditError, HandEditedError, LoadError, UsageError
from perfreport.shared.findings import ERROR, Finding
from perfreport.shared.invocation import how
from perfreport.unitfile.load import Loaded, load
from perfreport.shared.outline import load_outline
from perfreport.unitfile.schema import load_schema
from perfreport.unitfile.validate import chosen_outline, validate

ROOT = Path(__file__).resolve().parents[2]
# PERFREPORT_REPORTS: another folder of units (tests, benchmarks, a finance bureau's own set)
REPORTS = Path(os.environ.get("PERFREPORT_REPORTS") or ROOT / "reports")
UNIT_NAME = re.compile(r"[a-z][a-z0-9_-]{0,63}")


@dataclass
class Checked:
    loaded: Loaded
    report: Report
    findings: list[Finding] = field(default_factory=list)
    outline: Path | None = None     # the outline it was read against

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


@dataclass
class Made:
    checked: Checked
    document: bytes                 # the .docx
    written: bool = False           # the target changed on disk
    kept: Path | None = None        # where a report edited by hand was moved before it was replaced
    on_disk: bytes | None = None    # what the target holds now: `document`, or the report left in place


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
                                  f"可以用 {how('new')} 新建一个")])
    return path


def shown_path(path: Path) -> str:
    """reports/x.yaml rather than an absolute path, when the file is in this project."""
    # os.path.realpath, not Path.resolve: a symlink to itself is a name to show, not a
    # RuntimeError, and a working folder that was deleted is no reason to fail
    try:
        return str(Path(os.path.realpath(path)).relative_to(os.path.realpath(os.getcwd())))
    except (ValueError, OSError):
        return str(path)


def examine(path: Path, outline: Path | None = None, shown: str | None = None) -> Checked:
    """load → (the unit's outline) → validate → derive → audit. Raises LoadError /
    ValidationError; the audit's findings, errors among them, are returned. `outline`: a file
    that overrides the unit's own choice (设置.提纲); `shown`: the file's name in messages."""
    from perfreport.commands.previous import previous_of
    loaded = load(path, shown or shown_path(path))
    outline = outline or chosen_outline(loaded)
    validate(loaded, load_schema(outline_path=outline))
    report = derive(loaded.data, load_outline(outline))
    previous, said = previous_of(loaded, Path(path), REPORTS, shown_path)
    findings = audit(loaded, report, previous) + said
    findings.sort(key=lambda f: (not f.is_error, f.line or 0, f.column or 0))
    return Checked(loaded, report, findings, outline)


def check_file(path: Path, strict: bool = False, outline: Path | None = None) -> Checked:
    """examine, and an AuditError when the audit found errors (or warnings, when strict)."""
    checked = examine(path, outline)
    if checked.errors or (strict and checked.warnings):
        refused = AuditError(checked.findings)
        refused.checked = checked           # what was found, for the results reused next time (reuse.py)
        raise refused
    return checked


def inputs_digest(checked: Checked) -> str:
    """What a unit's report is made from, as one digest: the toolkit (its source, template,
    outlines: shared/toolkit.py), the unit file's text and the outline it was read against
    (a file given with --outline is not the toolkit's). The report keeps it (fingerprint.py)."""
    import hashlib
    from perfreport.shared.toolkit import identity
    outline = checked.outline or chosen_outline(checked.loaded)
    try:
        outline_text = outline.read_bytes()
    except OSError:
        outline_text = b""
    return hashlib.sha256(f"{identity()}\0{checked.loaded.digest}\0".encode() + outline_text).hexdigest()


def recorded_current(data: bytes | None, inputs: str, shown: str) -> bool:
    """True when the report `data` says it was made from `inputs` and is still exactly as
    written (fingerprint.made_from): it need not be rendered again to know what it holds."""
    if data is None:
        return False
    from perfreport.document.docx_read import DocxError, Package
    from perfreport.document.fingerprint import made_from
    try:
        return made_from(Package(data, shown)) == inputs
    except DocxError:
        return False


def same_report(old: bytes | None, new: bytes) -> bool:
    """`old` holds what `new` holds, the record of what it was made from aside (a report of
    an older version has none; one made before a change of the toolkit that did not change
    it has another): such a report is current, and is not written again."""
    if old is None:
        return False
    if old == new:
        return True
    from perfreport.document.fingerprint import same_but_record
    return same_but_record(old, new)


def make_report(path: Path, target: Path | None = None, strict: bool = False,
                outline: Path | None = None, keep_copy: bool = False, force: bool = False) -> Made:
    """A unit file -> its checked report as a .docx; written to `target` (atomically, and
    only when its bytes changed) when one is given. Nothing is written on any error, and a
    report that is not provably the toolkit's own unchanged output (edited by hand, or with
    no record or a damaged one, fingerprint.py) is never replaced: unless `keep_copy`, which
    moves it aside as the new one takes its place (the copy is named in `made.kept`). A target
    that records being made from exactly these inputs and is unchanged since is left as it
    is, not rendered again, unless `force`."""
    from perfreport.document.report_docx import render          # the document machinery, only for the commands that render
    from perfreport.document.write import write_atomic
    previous = usable_target(target, path) if target is not None else None
    checked = check_file(path, strict, outline)
    inputs = inputs_digest(checked)
    if not force and recorded_current(previous, inputs, shown_path(target) if target is not None else ""):
        return Made(checked, previous, on_disk=previous)
    made = Made(checked, render(checked.report, source=checked.loaded.file, inputs=inputs), on_disk=previous)
    if target is not None and not same_report(previous, made.document):
        keep_as = None
        if previous is not None:
            judged = hand_edited(previous, target, made.document)
            if not judged.unchanged:
                if not keep_copy:
                    raise HandEditedError([hand_edited_finding(target, path, judged)])
                keep_as = copy_name(target)
        write_atomic(target, made.document, keep_as=keep_as)
        made.kept = keep_as
        made.written = True
        made.on_disk = made.document
    return made


def hand_edited(data: bytes, target: Path, fresh: bytes | None = None):
    """The fingerprint's verdict on the report `data` found at `target` (`fresh`: what the
    toolkit writes now, for a report whose record covers only its body)."""
    from perfreport.document.docx_read import Package
    from perfreport.document.fingerprint import verdict
    shown = shown_path(target)
    return verdict(Package(data, shown), Package(fresh, shown) if fresh is not None else None)


def copy_name(target: Path, now: datetime.datetime | None = None) -> Path:
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return target.with_name(f"{target.stem}.手改-{stamp}{target.suffix}")


def hand_edited_finding(target: Path, source: Path, judged) -> Finding:
    """Why a report is not replaced, and what to do: an edited one's changes belong in the
    YAML; one that cannot be told from an edited one is to be looked at first."""
    keep = (f"{how('report', source.stem, keep_copy=True)}：改过的文档先另存为 "
            f"{target.stem}.手改-<日期-时间>.docx，再生成新的报告")
    if judged.unknown:
        return Finding(ERROR, f"无法确认它生成之后没有被手工改过（{judged.unknown}），没有覆盖它",
                       file=shown_path(target),
                       hint=f"它可能是旧版本生成的，也可能被改过；先打开看看，把要保留的改动写进 "
                            f"{shown_path(source)}，然后运行 {keep}")
    return Finding(ERROR, f"生成之后被手工改过（在 Word 或 WPS 中改了{'、'.join(judged.changed)}），没有覆盖它",
                   file=shown_path(target),
                   hint=f"手工的改动要写进 {shown_path(source)}，下次生成时才不会丢；写好后运行 {keep}")


def usable_target(target: Path, source: Path) -> bytes | None:
    """Where a report may be written: a .docx path that is absent, or a regular file that is
    a report of ours (its bytes are returned, to leave it alone when nothing changed). Never
    the unit's own file, a folder, a device (/dev/null), a pipe, or someone else's document."""
    from perfreport.document.docx_read import DocxError, Package, read_file
    from perfreport.document.report_docx import SUBJECT
    shown = shown_path(target)
    if target.suffix.lower() != ".docx":
        raise UsageError([Finding(ERROR, f"输出文件 {shown} 不是 .docx", hint="报告只写到以 .docx 结尾的文件")])
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise UsageError([Finding(ERROR, f"输出文件 {shown} 就是单位的数据文件，不会覆盖它")])
    if not target.exists() and not target.is_symlink():
        return None
    if not target.exists():             # a link to nothing, or to itself: nothing of ours to replace
        raise UsageError([Finding(ERROR, f"{shown} 是一个指不到文件的符号链接（断开的，或最终指向它自己），不会覆盖它",
                                  hint="请删除这个链接，或让它指向真正的文件")])
    try:
        data = read_file(target, shown)
        core = Package(data, shown).read("docProps/core.xml")
    except (LoadError, DocxError) as exc:
        raise UsageError([Finding(ERROR, f"{shown} 已经存在，而且不是本工具生成的报告，不会覆盖它",
                                  hint="请换一个输出路径，或先把它移走")]) from exc
    if f"<dc:subject>{SUBJECT}</dc:subject>".encode("utf-8") not in core:
        raise UsageError([Finding(ERROR, f"{shown} 已经存在，而且不是本工具生成的报告，不会覆盖它",
                                  hint="请换一个输出路径，或先把它移走")])
    return data


def all_units() -> list[Path]:
    return sorted(REPORTS.glob("*.yaml"))
