"""Write a file so that it is either the old file or the complete new one, never half.

The new bytes go to a temporary file beside the target (".<name>.<pid>.*.tmp"), which is
renamed over it. A process killed outright (SIGKILL, a power cut) leaves its temporary file
behind: `clean_leftovers` removes those of processes no longer running, at the next run, and
.gitignore keeps them out of commits.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from perfreport.shared.errors import ReportError
from perfreport.shared.findings import ERROR, Finding


def write_atomic(path: Path, data: bytes | Callable[[BinaryIO], None], exclusive: bool = False,
                 keep_as: Path | None = None) -> None:
    """`data`: the bytes, or what writes them to the file it is given (a workbook of a
    province is written as it is made, never held whole). `exclusive`: fail rather than replace an existing file (os.link refuses to overwrite,
    so two `make new` runs for one unit cannot both win). `keep_as`: the file now at `path`
    is kept under that name as the new one takes its place (a report edited by hand,
    --keep-copy). It is moved only once the new file is complete on disk, so a full disk
    moves nothing; should the last step still fail, the move is undone, or the message says
    where the old file is."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ReportError([Finding(ERROR, f"无法在 {path.parent} 写文件（{exc.strerror}）",
                                   hint=_untouched(keep_as, path))]) from exc
    moved = ""
    try:
        with os.fdopen(handle, "wb") as stream:
            if callable(data):
                data(stream)
            else:
                stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        if exclusive:
            assert not callable(data), "an exclusive write is given its bytes"
            _link_or_create(temporary, path, data)
            Path(temporary).unlink()
        else:
            if keep_as is not None:
                moved = _set_aside(path, keep_as)
            os.replace(temporary, path)
    except FileExistsError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ReportError([Finding(ERROR, f"{path} 已经存在，不会覆盖")]) from exc
    except KeptError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ReportError([exc.finding]) from None
    except PermissionError as exc:
        Path(temporary).unlink(missing_ok=True)
        old = _undone(moved, path, keep_as)
        raise ReportError([Finding(ERROR, f"无法写入 {path}：文件正被 Word 或 WPS 打开，或者没有写入权限",
                                   hint=old or "请在 Word / WPS 中关闭这个文件后再运行；仍不行时检查文件夹的权限")]) from exc
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        old = _undone(moved, path, keep_as) or _untouched(keep_as, path)
        raise ReportError([Finding(ERROR, f"无法写入 {path}（{exc.strerror}）", hint=old)]) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        _undone(moved, path, keep_as)
        raise


class KeptError(Exception):
    """The old file could not be set aside: nothing was moved."""

    def __init__(self, finding: Finding):
        self.finding = finding


def _set_aside(path: Path, copy: Path) -> str:
    """The file at `path` also (or only) at `copy`, never over another file: a hard link, so
    that `path` is never missing ("linked"); where there are none (FAT, exFAT), a rename that
    will not replace ("renamed"). Returns how, for _undone."""
    try:
        os.link(path, copy)
        return "linked"
    except FileExistsError:
        raise KeptError(Finding(ERROR, f"{copy} 已经存在，没有移动 {path.name}", hint="请过一秒再运行")) from None
    except OSError:                 # no links here (vfat says EPERM), or none allowed: try a rename
        pass
    if copy.exists():
        raise KeptError(Finding(ERROR, f"{copy} 已经存在，没有移动 {path.name}", hint="请过一秒再运行"))
    try:
        os.rename(path, copy)
    except OSError as exc:
        raise KeptError(Finding(ERROR, f"无法把 {path} 另存为 {copy.name}（{exc.strerror}）",
                                hint="请检查文件夹的权限；报告没有动")) from None
    return "renamed"


def _undone(moved: str, path: Path, copy: Path | None) -> str:
    """Put back what _set_aside did, when the new file did not take its place. Returns what
    the message should say of the old file ("" when nothing was moved)."""
    if not moved or copy is None:
        return ""
    try:
        if moved == "linked":
            copy.unlink()               # the old file never left `path`
        else:
            os.rename(copy, path)
        return f"原来的 {path.name}（手工改过的）仍在原处，没有动"
    except OSError:
        return f"原来的 {path.name}（手工改过的）已移到 {copy}，请从那里找回"


def _untouched(keep_as: Path | None, path: Path) -> str:
    return f"原来的 {path.name}（手工改过的）仍在原处，没有动" if keep_as is not None else ""


def _link_or_create(temporary: str, path: Path, data: bytes) -> None:
    """Put the new file in place only if nothing is there. A hard link does it in one step;
    where links are not supported (FAT and exFAT USB drives, some network shares) the file is
    created exclusively and written, and removed again if the write fails."""
    try:
        os.link(temporary, path)
        return
    except FileExistsError:
        raise
    except OSError:
        pass
    with open(path, "xb") as stream:
        try:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        except BaseException:
            stream.close()
            path.unlink(missing_ok=True)
            raise


LEFTOVER = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform.startswith("win"):
        return _running_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True           # someone else's, or a system that cannot tell: leave it
    return True


def _running_on_windows(pid: int, kernel32=None) -> bool:
    """Whether a process is alive, asked without touching it: on Windows os.kill(pid, 0) is
    not a question but CTRL_C_EVENT to that process group (and any other number kills it)."""
    import ctypes
    kernel32 = kernel32 or ctypes.windll.kernel32
    query_limited_information, access_denied, still_active = 0x1000, 5, 259
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:                  # denied: someone else's, alive; otherwise there is none
        return kernel32.GetLastError() == access_denied
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.pointer(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files of writes that were cut off (their process is gone)."""
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = LEFTOVER.match(entry.name)
        if match and not _running(int(match.group(1))):
            try:
                entry.unlink()
                removed.append(entry)
            except OSError:
                pass
    return removed
