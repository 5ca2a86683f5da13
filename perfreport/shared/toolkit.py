"""This installation of the toolkit: what it is made of (its identity, a digest), and the
folder beside the virtual environment where it keeps what it made once and may reuse.

The identity covers everything that shapes a report or a finding besides the unit's own
file: the package's source, the template, the outlines, schema.yaml, the version, the
Python and zlib it runs on and the packages installed beside it. Two runs of the same
identity on the same unit file give the same report and the same findings, so a report
recorded as made from that identity and that file need not be made again (issue 26). It is
deliberately wide: a changed comment costs one render of every unit, a missed change would
leave a report that no longer is what the toolkit makes."""
from __future__ import annotations

import hashlib
import os
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "perfreport"
# what, besides the package's source, makes a report: the files `make template` and
# `make schema` write from, and the unit file's rules
SHAPING = ("templates/report.docx", "schema.yaml", "pyproject.toml")
CACHE_FOLDER = "perfreport-cache"

_identity: str | None = None


def identity() -> str:
    """The toolkit's digest, made once a process (about 1 MB of files read: a few ms)."""
    global _identity
    if _identity is None:
        digest = hashlib.sha256()
        digest.update(f"{sys.version}\0{zlib.ZLIB_RUNTIME_VERSION}\0".encode())
        files = sorted(PACKAGE.rglob("*.py")) + [ROOT / name for name in SHAPING]
        files += sorted((ROOT / "templates").glob("outline*.yaml"))
        for path in files:
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"\1missing")
            digest.update(b"\0")
        # the installed packages with their versions (docxtpl-0.20.2.dist-info…), as one
        # listing of each folder they are installed in: no importlib.metadata (slow to import)
        for folder in sorted({p for p in sys.path if p.endswith("site-packages")}):
            try:
                names = sorted(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))
            except OSError:
                names = []
            digest.update(("\n".join(names) + "\0").encode())
        _identity = digest.hexdigest()
    return _identity


def cache_folder() -> Path | None:
    """Where compiled template code, docxtpl's patched body and the results of earlier runs
    are kept: beside the virtual environment (made there at install, `perfreport warm`, so a
    first run is as fast as the next); None outside one, or where it cannot be written (then
    the template code goes to Jinja's private per-user folder, and nothing is reused)."""
    if sys.prefix == sys.base_prefix:
        return None
    folder = Path(sys.prefix) / CACHE_FOLDER
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None
