"""A report received as a PDF (perfreport/foreign/pdf_source.py): each committed report, exported
to PDF by `perfreport pdf` (LibreOffice), imports back to a unit whose report has the same words.
The differences, all listed: LibreOffice leaves a CJK punctuation mark that ends a line out of
the PDF's text (pdftotext reads the same), and a heading that ends in 。 and is bold only by
synthesis reads as a paragraph (a PDF carries no styles; its words are the same), and a space typed
beside CJK text is a gap in the PDF, not a character (“发布信息 642条”). A scanned PDF,
a damaged one, and one that takes too long end in one message each."""
import re
import subprocess
import sys

import pytest

from perfreport.commands.pipeline import examine
from perfreport.document.dump import dump_bytes
from perfreport.document.report_docx import render
from perfreport.foreign import child
from perfreport.foreign.read import read_document
from perfreport.foreign.unit_text import unit_text
from perfreport.shared.errors import ReportError
from tests.conftest import ROOT

UNITS = ("dongkou", "hengshan", "kaifu", "wugang", "yueyanglou")
LINE_END_MARKS = re.compile("[、；。]")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdfs")
    done = subprocess.run([sys.executable, "render.py", "pdf", *UNITS, "--outdir", str(folder)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return folder


def comparable(line: str) -> str:
    """A dump line without what a PDF cannot carry: heading marks, the punctuation marks, and a
    space typed beside CJK text (LibreOffice sets it as a gap, not as a character)."""
    return re.sub(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])", "", LINE_END_MARKS.sub("", re.sub(r"^#+ ", "", line)))


@pytest.mark.parametrize("name", UNITS)
def test_a_report_exported_to_pdf_imports_back_to_the_same_words(pdfs, name, tmp_path):
    pdf = pdfs / f"{name}.pdf"
    found = read_document(pdf, pdf.name)
    assert found.left == []
    path = tmp_path / f"{name}.yaml"
    path.write_text(unit_text(found.unit, pdf.name, found.left), encoding="utf-8")
    checked = examine(path, shown=path.name)
    assert not [f for f in checked.findings if f.is_error]
    again = dump_bytes(render(checked.report)).splitlines()
    committed = dump_bytes((ROOT / "reports" / f"{name}.docx").read_bytes()).splitlines()
    assert [comparable(l) for l in again] == [comparable(l) for l in committed]
    differing = sum(a != b for a, b in zip(again, committed))
    assert differing <= 6                   # measured: 2 to 6 lines of 137 to 271


def test_the_forms_of_a_pdf_are_read_with_their_merges(pdfs):
    found = read_document(pdfs / "hengshan.pdf", "hengshan.pdf")
    project = found.unit["项目"][0]
    assert project["名称"] == "大综窗标准化改革" and project["全年执行数"] == "390.00"
    assert project["绩效指标"][4]["二级指标"] == "经济效益指标"            # its 一级 and 二级 merged down
    assert found.unit["设置"]["得分取整"] == "向下取整"
    assert found.origins["项目[1].总分"] == "附件3“大综窗标准化改革”（第10页起）第20行“总分”“得分”栏"


def test_a_scanned_pdf_is_refused_saying_so(tmp_path):
    from PIL import Image
    scan = tmp_path / "盖章扫描.pdf"
    Image.new("RGB", (595, 842), "white").save(scan)
    with pytest.raises(ReportError) as refused:
        read_document(scan, scan.name)
    assert [f.text() for f in refused.value.findings] == [
        "盖章扫描.pdf: 不是能读的 PDF：这是扫描件（只有图片，没有文字），读不出内容；请要原始的 Word 文件，或请单位重新导出"]


def test_a_damaged_pdf_or_one_that_takes_too_long_is_refused(tmp_path, monkeypatch, pdfs):
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"<html>not a pdf</html>")
    with pytest.raises(ReportError) as refused:
        read_document(fake, fake.name)
    assert refused.value.findings[0].message == "不是能读的 PDF：文件开头不是 %PDF-，不是 PDF 格式"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    with pytest.raises(ReportError) as refused:
        read_document(broken, broken.name)
    assert refused.value.findings[0].message.startswith("不是能读的 PDF：无法解析（")
    monkeypatch.setattr(child, "TIME_LIMIT", 0.01)          # every file from others has a time limit
    for slow, what in ((pdfs / "wugang.pdf", "PDF"), (ROOT / "reports" / "wugang.docx", "Word（.docx）文档")):
        with pytest.raises(ReportError) as refused:
            read_document(slow, slow.name)
        assert [f.text() for f in refused.value.findings] == [
            f"{slow.name}: 读了 0.01 秒还没有读完，不再读它（可能已损坏或是恶意构造的{what}）"]
