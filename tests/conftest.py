"""Helpers: load a fixture with a few textual edits, run the pipeline on it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT))

from perfreport.commands.pipeline import examine  # noqa: E402


def edited(name: str, tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """Copy fixtures/<name>.yaml with each (old, new) replaced once; fail if old is absent."""
    text = (FIXTURES / f"{name}.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"edit target not in fixture: {old!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path, **options):
    """load -> validate -> derive -> audit; returns (report, findings)."""
    checked = examine(path, shown=path.name, **options)
    return checked.report, checked.findings


@pytest.fixture
def unit(tmp_path):
    """unit('complete', (old, new), ...) -> (report, findings)."""
    def make(name: str, *edits):
        return run(edited(name, tmp_path, *edits))
    return make


@pytest.fixture(autouse=True)
def not_under_make(monkeypatch):
    """`make test` runs the tests under make: hints would then say `make …` (invocation.py).
    The tests see the tool as run by hand, whoever runs them."""
    monkeypatch.delenv("MAKELEVEL", raising=False)
    monkeypatch.delenv("MAKEFLAGS", raising=False)
