"""What `all` and `check` need not do again (issue 26): a unit whose file, whose last year's
unit and whose toolkit are those of an earlier run, and whose report is still the one that
run wrote or found current, gives the same findings and the same report. The earlier run's
result is kept, one small file per unit, in the toolkit's cache folder beside the virtual
environment (shared/toolkit.py); `--force` does everything again.

What a unit's findings depend on, and so what the key holds: the unit file's text; the
toolkit's identity (its source, template, outlines, schema, installed packages); how the
user runs us and where (hints name the command, messages the file as shown from the working
folder); and last year's unit, found by the unit's 全称, 年度 and 设置.上年单位 among the
folder's units (previous.py) — the unit that is found, and its text, are checked again on
every reuse, so a last year's unit added, changed or removed is seen. The report: reused
only while the bytes of reports/<unit>.docx are those the earlier run left there, so a
report edited by hand, or saved by Word, is judged as it always was.

The cache is written by the toolkit alone, in a folder of the installation (whoever can
write there can change the toolkit itself); an entry that does not read back whole is
simply not reused."""
from __future__ import annotations

import copy
import hashlib
import os
import pickle
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from perfreport.commands.pipeline import REPORTS, shown_path
from perfreport.shared.invocation import program
from perfreport.shared.toolkit import cache_folder, identity
from perfreport.unitfile.load import MAX_FILE_BYTES

FORMAT = b"perfreport-reuse-1"
FOLDER = "results"

# what an earlier run's examination of a unit came to
PASSED = "passed"            # no errors (the result has its figures and warnings)
REFUSED = "refused"          # the audit found errors (AuditError)
UNREAD = "unread"            # not loaded or not valid (LoadError, ValidationError)


@dataclass
class Entry:
    key: str
    kind: str
    result: object                                 # batch.UnitResult, as the examination left it
    located: tuple | None = None                   # (全称, 年度, 上年单位): where last year's unit is looked for
    previous: tuple | None = None                  # (its real path, its digest), or None when none was found
    docx: str = ""                                 # sha256 of reports/<unit>.docx when it was current
    source: str = ""                               # the unit file's real path (prune)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text_digest(path: Path) -> str | None:
    """The digest load gives the unit's text (UTF-8 without its BOM), or None when it is not a
    regular file of the size a unit may have: such a file is never reused."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_FILE_BYTES:
        return None
    return _digest(data[3:] if data.startswith(b"\xef\xbb\xbf") else data)


def key_of(path: Path) -> str | None:
    """The key of a unit's results now; None when it cannot be known (nothing is reused)."""
    if cache_folder() is None:
        return None
    text = _text_digest(path)
    if text is None:
        return None
    try:
        here = os.path.realpath(os.getcwd())
    except OSError:
        return None
    parts = (FORMAT.decode(), identity(), sys.platform, program(), str(bool(os.environ.get("MAKELEVEL"))), here,
             os.path.realpath(path), shown_path(path), os.path.realpath(REPORTS), text)
    return _digest("\0".join(parts).encode("utf-8"))


def _entry_path(path: Path) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    return folder / FOLDER / (_digest(os.path.realpath(path).encode("utf-8"))[:32] + ".pickle")


def _file_digest(path: Path | str) -> str | None:
    try:
        with open(path, "rb") as stream:
            return _digest(stream.read())
    except OSError:
        return None


def _previous_now(path: Path, located: tuple | None) -> tuple | None:
    """Last year's unit as previous.py would find it now, with the digest of its file."""
    from perfreport.commands.previous import located as locate
    if located is None:
        return None
    name, year, named = located
    data = {"单位": {"全称": name, "年度": year}, "设置": {"上年单位": named} if named else {}}
    candidate, _ = locate(data, Path(path), REPORTS)
    if candidate is None:
        return None
    real = os.path.realpath(candidate)
    return real, (_file_digest(real) if os.path.isfile(real) else None)


def lookup(path: Path, key: str) -> Entry | None:
    """The earlier run's entry for this unit when it holds for the unit as it is now."""
    where = _entry_path(path)
    if where is None:
        return None
    try:
        with open(where, "rb") as stream:
            if stream.read(len(FORMAT)) != FORMAT:
                return None
            entry = pickle.load(stream)
    except Exception:                # absent, cut short, of another version: not reused
        return None
    if not isinstance(entry, Entry) or entry.key != key:
        return None
    if entry.located is not None and _previous_now(path, entry.located) != entry.previous:
        return None
    return entry


def store(path: Path, key: str | None, kind: str, result, checked=None, docx: bytes | None = None) -> None:
    """Keep what the examination of `path` came to, for the next run. Only when the file
    still has the text the key was made from (it may have changed while it was examined)."""
    if key is None or key_of(path) != key:
        return
    located = previous = None
    if checked is not None:
        data = checked.loaded.data
        unit, settings = data.get("单位") or {}, data.get("设置") or {}
        if not isinstance(unit, dict) or not isinstance(settings, dict):
            return
        located = (unit.get("全称", ""), unit.get("年度"), settings.get("上年单位"))
        previous = _previous_now(path, located)
    kept = copy.copy(result)
    kept.written, kept.kept, kept.stale, kept.unmade, kept.refused = False, "", None, False, False
    entry = Entry(key, kind, kept, located, previous, _digest(docx) if docx is not None else "",
                  os.path.realpath(path))
    where = _entry_path(path)
    if where is None:
        return
    try:
        where.parent.mkdir(exist_ok=True)
        temporary = where.with_name(f".{where.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as stream:     # no fsync: an entry lost to a power cut is a render
            stream.write(FORMAT)
            pickle.dump(entry, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, where)
    except Exception:                # a full or read-only disk, a result that will not pickle: not kept
        try:
            temporary.unlink()
        except (OSError, UnboundLocalError):
            pass


def report_unchanged(entry: Entry, target: Path) -> bool:
    """reports/<unit>.docx holds exactly the bytes the earlier run found current."""
    return bool(entry.docx) and _file_digest(target) == entry.docx


def result_of(entry: Entry):
    """A fresh copy of the kept result (the caller sets what this run adds to it)."""
    return copy.copy(entry.result)


PRUNE_SECONDS = 24 * 3600


def prune(now: float | None = None) -> int:
    """At most once a day, the entries of unit files that are gone (a unit renamed or removed,
    a test's temporary folder) are removed; returns how many."""
    import time
    folder = cache_folder()
    if folder is None or not (folder / FOLDER).is_dir():
        return 0
    stamp = folder / FOLDER / ".pruned"
    now = time.time() if now is None else now
    try:
        if now - stamp.stat().st_mtime < PRUNE_SECONDS:
            return 0
    except OSError:
        pass
    removed = 0
    for where in (folder / FOLDER).glob("*.pickle"):
        try:
            with open(where, "rb") as stream:
                entry = pickle.load(stream) if stream.read(len(FORMAT)) == FORMAT else None
            if not isinstance(entry, Entry) or not os.path.exists(entry.source):
                where.unlink()
                removed += 1
        except Exception:
            try:
                where.unlink()
                removed += 1
            except OSError:
                pass
    try:
        stamp.touch()
        os.utime(stamp, (now, now))
    except OSError:
        pass
    return removed
