"""Each file in bad_inputs/ is one mistake an officer can make; its .expected file holds the
exit code and the exact messages (file:line:column) the command prints for it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((Path(__file__).parents[1] / "bad_inputs").glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_input_gives_its_exact_message(case: Path):
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    code = int(expected[0].removeprefix("exit: "))
    result = subprocess.run([sys.executable, "render.py", "check", str(case.relative_to(ROOT))],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stderr.splitlines() == expected[1:]
    assert result.returncode == code
    assert "Traceback" not in result.stderr


def test_every_case_has_an_expectation():
    assert len(CASES) >= 20
    for case in CASES:
        assert case.with_suffix(".expected").exists(), case.name
