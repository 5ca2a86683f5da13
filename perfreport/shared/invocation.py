"""How the user started us, so that a hint names a command they can type: `make report
UNIT=x` under make, `perfreport report x` from the console command (Windows has no make),
`python render.py report x` or `python -m perfreport report x` when run so."""
from __future__ import annotations

import os
import sys
from pathlib import Path

# make targets, for the commands that have one
MAKE = {"report": "make report UNIT={unit}", "new": "make new UNIT={unit}", "pdf": "make pdf UNIT={unit}",
        "all": "make all", "check": "make check", "git-setup": "make git-setup", "schema": "make schema",
        "template": "make template", "test": "make test", "preview": "make preview UNIT={unit}"}


def program(argv0: str | None = None) -> str:
    path = Path(argv0 if argv0 is not None else (sys.argv[0] if sys.argv else ""))
    if path.name == "render.py":
        return "python render.py"
    if path.name == "__main__.py" and path.parent.name == "perfreport":
        return "python -m perfreport"
    return "perfreport"


def how(command: str, unit: str = "…", environ=None, argv0: str | None = None, keep_copy: bool = False) -> str:
    """The command line that runs `command` (for `unit`) the way the user runs us."""
    environ = os.environ if environ is None else environ
    if environ.get("MAKELEVEL") and command in MAKE:
        return MAKE[command].format(unit=unit) + (" KEEP_COPY=1" if keep_copy else "")
    program_ = program(argv0)
    needs_unit = command in ("report", "new", "pdf", "preview")
    line = f"{program_} {command} {unit}" if needs_unit else f"{program_} {command}"
    return line + (" --keep-copy" if keep_copy else "")
