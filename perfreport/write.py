"""Write a file so that it is either the old file or the complete new one, never half."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ReportError
from .findings import ERROR, Finding


def write_atomic(path: Path, data: bytes, exclusive: bool = False) -> None:
    """`exclusive`: fail rather than replace an existing file (os.link refuses to overwrite,
    so two `make new` runs for one unit cannot both win)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ReportError([Finding(ERROR, f"无法在 {path.parent} 写文件（{exc.strerror}）")]) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        if exclusive:
            os.link(temporary, path)
            Path(temporary).unlink()
        else:
            os.replace(temporary, path)
    except FileExistsError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ReportError([Finding(ERROR, f"{path} 已经存在，不会覆盖")]) from exc
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ReportError([Finding(ERROR, f"无法写入 {path}（{exc.strerror}）")]) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
