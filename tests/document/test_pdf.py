"""PDF previews: every unit in one LibreOffice run, and a failed run leaves the old PDFs alone.
LibreOffice itself is replaced by a stand-in here; test_render converts a real report."""
from __future__ import annotations

from pathlib import Path

import pytest

from perfreport.document import pdf
from perfreport.shared.errors import ReportError


MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
               b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.fixture
def soffice_calls(monkeypatch):
    """A stand-in for soffice that writes a one-page PDF for each document, except those
    listed in calls.fail (nothing) and calls.truncated (the first 14 bytes)."""
    class Calls(list):
        fail: set[str] = set()

    calls = Calls()
    calls.fail, calls.truncated = set(), set()

    class FakeOffice:
        def __init__(self, command, **kwargs):
            calls.append((command, kwargs))
            self.pid = 0
            outdir = Path(command[command.index("--outdir") + 1])
            for document in command[command.index("--outdir") + 2:]:
                stem = Path(document).stem
                if stem not in calls.fail:
                    (outdir / f"{stem}.pdf").write_bytes(MINIMAL_PDF[:14] if stem in calls.truncated else MINIMAL_PDF)

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(pdf, "soffice", lambda: "soffice")
    monkeypatch.setattr(pdf.subprocess, "Popen", FakeOffice)
    return calls


def documents(folder: Path, *names: str) -> list[Path]:
    """Real (if tiny) Word documents: a zip holding word/document.xml."""
    import zipfile
    paths = [folder / f"{n}.docx" for n in names]
    for p in paths:
        with zipfile.ZipFile(p, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
    return paths


def test_every_document_in_one_run(tmp_path, soffice_calls):
    made = pdf.convert(documents(tmp_path, "a", "b", "c"), tmp_path / "out")
    assert len(soffice_calls) == 1
    assert [p.name for p in made] == ["a.pdf", "b.pdf", "c.pdf"]
    assert (tmp_path / "out" / "b.pdf").read_bytes() == MINIMAL_PDF
    assert soffice_calls[0][1]["start_new_session"] is True         # its own process group, killed whole
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.pdf", "b.pdf", "c.pdf"]


def test_a_failed_run_keeps_the_previous_pdfs(tmp_path, soffice_calls):
    out = tmp_path / "out"
    pdf.convert(documents(tmp_path, "a", "b"), out)
    soffice_calls.fail.add("b")
    (out / "a.pdf").write_bytes(b"%PDF old a")
    with pytest.raises(ReportError) as caught:
        pdf.convert(documents(tmp_path, "a", "b"), out)
    assert [f.message for f in caught.value.findings] == ["LibreOffice 没有生成 b.pdf"]
    assert (out / "a.pdf").read_bytes() == b"%PDF old a"         # not replaced by the half run
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "b.pdf"]


def test_a_truncated_pdf_is_not_made(tmp_path, soffice_calls):
    soffice_calls.truncated.add("a")
    with pytest.raises(ReportError) as caught:
        pdf.convert(documents(tmp_path, "a"), tmp_path / "out")
    assert [f.message for f in caught.value.findings] == ["LibreOffice 没有生成 a.pdf"]


def test_only_a_word_document_goes_to_libreoffice(tmp_path, soffice_calls):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    with pytest.raises(ReportError) as caught:
        pdf.convert([empty, folder], tmp_path / "out")
    assert [f.text() for f in caught.value.findings] == [
        f"{empty}: 不是完好的 Word（.docx）文档：不是 zip 格式",
        f"{folder}: 这是一个文件夹，不是 Word（.docx）文档"]
    assert soffice_calls == []


def test_an_outdir_that_is_a_file(tmp_path, soffice_calls):
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(ReportError) as caught:
        pdf.convert(documents(tmp_path, "a"), tmp_path / "out")
    assert [f.text() for f in caught.value.findings] == [f"{tmp_path / 'out'} 不是文件夹。--outdir 请给一个文件夹"]


def test_on_its_time_limit_the_whole_office_is_killed(tmp_path, monkeypatch):
    """soffice runs as oosplash -> soffice.bin: a stand-in that starts a child and sleeps;
    on the time limit both are gone."""
    import os
    import subprocess
    import sys
    import time
    script = tmp_path / "office.py"
    marker = tmp_path / "child.pid"
    script.write_text("import subprocess, sys, time\n"
                      "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
                      f"open({str(marker)!r}, 'w').write(str(child.pid))\n"
                      "time.sleep(60)\n")
    monkeypatch.setattr(pdf, "TIMEOUT_SECONDS", 3)
    real_popen = subprocess.Popen
    monkeypatch.setattr(pdf, "soffice", lambda: sys.executable)
    monkeypatch.setattr(pdf.subprocess, "Popen", lambda command, **kw: real_popen([sys.executable, str(script)], **kw))
    with pytest.raises(ReportError) as caught:
        pdf.convert(documents(tmp_path, "a"), tmp_path / "out")
    assert caught.value.findings[0].message == "LibreOffice 超过 3 秒仍未完成转换"
    child = int(marker.read_text())
    for _ in range(50):            # killed with its group; wait for the kernel to reap it
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"process {child} is still running")
