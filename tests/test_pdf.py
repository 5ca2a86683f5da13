"""PDF previews: every unit in one LibreOffice run, and a failed run leaves the old PDFs alone.
LibreOffice itself is replaced by a stand-in here; test_render converts a real report."""
from __future__ import annotations

from pathlib import Path

import pytest

from perfreport import pdf
from perfreport.errors import ReportError


@pytest.fixture
def soffice_calls(monkeypatch):
    """A stand-in for soffice that writes '%PDF <name>' for each document, except those
    listed in calls.fail."""
    class Calls(list):
        fail: set[str] = set()

    calls = Calls()
    calls_fail = calls.fail = set()

    def fake_run(command, **kwargs):
        calls.append(command)
        outdir = Path(command[command.index("--outdir") + 1])
        for document in command[command.index("--outdir") + 2:]:
            if Path(document).stem not in calls_fail:
                (outdir / (Path(document).stem + ".pdf")).write_text(f"%PDF {Path(document).stem}")

    monkeypatch.setattr(pdf, "soffice", lambda: "soffice")
    monkeypatch.setattr(pdf.subprocess, "run", fake_run)
    return calls


def documents(folder: Path, *names: str) -> list[Path]:
    paths = [folder / f"{n}.docx" for n in names]
    for p in paths:
        p.write_bytes(b"docx")
    return paths


def test_every_document_in_one_run(tmp_path, soffice_calls):
    made = pdf.convert(documents(tmp_path, "a", "b", "c"), tmp_path / "out")
    assert len(soffice_calls) == 1
    assert [p.name for p in made] == ["a.pdf", "b.pdf", "c.pdf"]
    assert (tmp_path / "out" / "b.pdf").read_text() == "%PDF b"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.pdf", "b.pdf", "c.pdf"]


def test_a_failed_run_keeps_the_previous_pdfs(tmp_path, soffice_calls):
    out = tmp_path / "out"
    pdf.convert(documents(tmp_path, "a", "b"), out)
    soffice_calls.fail.add("b")
    (out / "a.pdf").write_text("%PDF old a")
    with pytest.raises(ReportError) as caught:
        pdf.convert(documents(tmp_path, "a", "b"), out)
    assert [f.message for f in caught.value.findings] == ["LibreOffice 没有生成 b.pdf"]
    assert (out / "a.pdf").read_text() == "%PDF old a"         # not replaced by the half run
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "b.pdf"]
