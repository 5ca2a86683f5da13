"""A report changed by hand in Word or WPS is never overwritten silently (perfreport/
fingerprint.py): its words no longer give the digest it carries."""
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from perfreport.docx_read import Package
from perfreport.fingerprint import CUSTOM_PART, edited, stored_digest, text_digest

ROOT = Path(__file__).resolve().parent.parent
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def body(*paragraphs: str) -> bytes:
    return f'<w:document {W}><w:body>{"".join(paragraphs)}</w:body></w:document>'.encode()


def test_the_digest_is_of_the_words_not_of_the_markup():
    plain = body('<w:p><w:r><w:t>基本支出181.26万元</w:t></w:r></w:p>', '<w:p><w:r><w:t>运转正常。</w:t></w:r></w:p>')
    resaved = body('<w:p w:rsidR="00A1"><w:r><w:rPr><w:b/></w:rPr><w:t>基本支出</w:t></w:r>'
                   '<w:r><w:t xml:space="preserve">181.26万元</w:t></w:r></w:p>',
                   '<w:p/>', '<w:p><w:r><w:br w:type="page"/><w:t>运转正常。</w:t></w:r></w:p>')
    corrected = body('<w:p><w:r><w:t>基本支出191.26万元</w:t></w:r></w:p>', '<w:p><w:r><w:t>运转正常。</w:t></w:r></w:p>')
    assert text_digest(plain) == text_digest(resaved) != text_digest(corrected)


def docx_with(data: bytes, old: str, new: str) -> bytes:
    """The report with words of its body replaced, as Word saves an officer's correction."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/document.xml":
                assert old.encode() in part
                part = part.replace(old.encode(), new.encode())
            target.writestr(info, part)
    return out.getvalue()


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "render.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={"PERFREPORT_REPORTS": str(cwd), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def unit(tmp_path):
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal.yaml", tmp_path / "minimal.yaml")
    assert run(tmp_path, "report", "minimal").returncode == 0
    return tmp_path


def test_every_report_carries_the_digest_of_its_words(unit):
    package = Package((unit / "minimal.docx").read_bytes(), "minimal.docx")
    assert stored_digest(package.read(CUSTOM_PART)) == text_digest(package.read("word/document.xml"))
    assert not edited(package)


def test_an_edited_report_is_not_overwritten_until_asked_and_then_kept(unit):
    report = unit / "minimal.docx"
    report.write_bytes(docx_with(report.read_bytes(), "运转正常。", "运转良好。"))
    hand_made = report.read_bytes()
    yaml_file = unit / "minimal.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("全年预算数: 10}", "全年预算数: 12}"),
                         encoding="utf-8")
    refused = run(unit, "report", "minimal")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1] == (
        "minimal.docx: 生成之后被手工改过（在 Word 或 WPS 中），没有覆盖它。手工的改动要写进 minimal.yaml，"
        "下次生成时才不会丢；写好后运行 python render.py report minimal --keep-copy：改过的文档先另存为 "
        "minimal.手改-<日期-时间>.docx，再生成新的报告")
    assert report.read_bytes() == hand_made
    check = run(unit, "check")
    assert check.returncode == 1 and "生成之后被手工改过" in check.stderr and "已过期" not in check.stderr
    batch = run(unit, "all")
    assert batch.returncode == 1 and report.read_bytes() == hand_made
    kept = run(unit, "report", "minimal", "--keep-copy")
    assert kept.returncode == 0, kept.stderr
    copies = sorted(unit.glob("minimal.手改-*.docx"))
    assert len(copies) == 1 and re.fullmatch(r"minimal\.手改-\d{8}-\d{6}\.docx", copies[0].name)
    assert copies[0].read_bytes() == hand_made
    assert f"手工改过的报告已另存为 {copies[0].name}" in kept.stdout + kept.stderr
    assert run(unit, "check").returncode == 0


def test_a_stale_report_is_told_from_an_edited_one(unit):
    yaml_file = unit / "minimal.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("运转正常。", "运转良好。"), encoding="utf-8")
    check = run(unit, "check")
    assert check.returncode == 1 and "已过期：它不是 minimal.yaml 和当前模板生成的结果" in check.stderr
    assert run(unit, "report", "minimal").returncode == 0          # not edited: replaced as usual


@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")
def test_a_report_only_opened_and_saved_again_is_not_edited(unit):
    out = unit / "resaved"
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    str(unit / "minimal.docx")], capture_output=True, timeout=180, check=True)
    resaved = (out / "minimal.docx").read_bytes()
    assert resaved != (unit / "minimal.docx").read_bytes()
    assert not edited(Package(resaved, "minimal.docx"))
