"""`perfreport import`, as an officer runs it: a report typed in Word comes in as a new unit in
reports/, checked there and then; an existing unit is never overwritten; a file that is not a
report we can read ends in one Chinese message naming it, exit code 1, and nothing written."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT
from tests.foreign.typed import typed_report


def cli(*args, reports: Path):
    env = dict(os.environ, PERFREPORT_REPORTS=str(reports))
    env.pop("MAKELEVEL", None)
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=env)


def test_a_typed_report_comes_in_as_a_new_unit_and_is_checked(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    source = typed_report(tmp_path / "去年的报告.docx")
    done = cli("import", str(source), "xinhua", reports=reports)
    assert done.returncode == 0, done.stderr
    text = (reports / "xinhua.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema.json\n# 由 perfreport import 从 去年的报告.docx 读入的草稿")
    assert "单位:\n  全称: 示例县行政审批服务局\n  文件名: xinhua\n  年度: 2023\n" in text
    assert "xinhua.yaml:" in done.stderr and "还没有填写第八节“下一步改进措施”的内容" in done.stderr    # what `check` says
    assert "写出 " in done.stderr and "xinhua.yaml（" in done.stderr and "1 处内容未能放入（见文件末尾的注释）" in done.stderr
    again = cli("import", str(source), "xinhua", reports=reports)
    assert again.returncode == 1 and "xinhua.yaml 已经存在，不会覆盖" in again.stderr
    assert (reports / "xinhua.yaml").read_text(encoding="utf-8") == text
    checked = cli("check", "xinhua", reports=reports)
    assert checked.returncode == 0, checked.stderr


def test_a_file_name_that_is_no_unit_name_asks_for_one(tmp_path):
    source = typed_report(tmp_path / "去年的报告.docx")
    done = cli("import", str(source), reports=tmp_path)
    assert done.returncode == 1
    assert f"报告的文件名“去年的报告.docx”不能直接做单位名。请给出单位名" in done.stderr
    assert f"import {source} xinhua" in done.stderr
    assert list(tmp_path.glob("*.yaml")) == []


def test_output_to_a_path_never_replaces_a_file(tmp_path):
    source = typed_report(tmp_path / "report.docx")
    target = tmp_path / "draft.yaml"
    target.write_text("手写的\n", encoding="utf-8")
    done = cli("import", str(source), "-o", str(target), reports=tmp_path)
    assert done.returncode == 1 and "draft.yaml 已经存在，不会覆盖" in done.stderr
    assert target.read_text(encoding="utf-8") == "手写的\n"
    fresh = cli("import", str(source), "-o", str(tmp_path / "other.yaml"), reports=tmp_path)
    assert fresh.returncode == 0, fresh.stderr
    assert "  文件名: other\n" in (tmp_path / "other.yaml").read_text(encoding="utf-8")


def refused(done, message: str, folder: Path) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert message in done.stderr, done.stderr
    assert list(folder.glob("*.yaml")) == []


def test_files_that_are_not_reports_we_read_are_refused_with_one_message(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    refused(cli("import", str(tmp_path / "old.doc"), "a", reports=reports),
            "old.doc: 这是Word 97–2003 文档（.doc），读不了这种旧格式。请在 Word 或 WPS 里“另存为” .docx", reports)
    (tmp_path / "forms.xlsx").write_bytes(b"PK")
    refused(cli("import", str(tmp_path / "forms.xlsx"), "a", reports=reports),
            "forms.xlsx: 不是完好的 Excel 工作簿（.xlsx）：不是 zip 格式", reports)
    (tmp_path / "sealed.pdf").write_bytes(b"%PDF-1.7")
    refused(cli("import", str(tmp_path / "sealed.pdf"), "a", reports=reports),
            "sealed.pdf: 不是能读的 PDF：无法解析（PdfminerException），文件可能已损坏", reports)
    (tmp_path / "fake.docx").write_text("not a zip", encoding="utf-8")
    refused(cli("import", str(tmp_path / "fake.docx"), "a", reports=reports),
            "fake.docx: 不是完好的 Word（.docx）文档：不是 zip 格式", reports)
    refused(cli("import", str(tmp_path / "none.docx"), "a", reports=reports), "none.docx: 文件不存在", reports)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            for _ in range(200):
                stream.write(b"\0" * (1 << 20))
    refused(cli("import", str(bomb), "a", reports=reports),
            "bomb.docx: 不是完好的 Word（.docx）文档：word/document.xml 解压后有 200 MB，超过上限 128 MB", reports)
    entity = tmp_path / "entity.docx"
    with zipfile.ZipFile(entity, "w") as archive:
        archive.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         '<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>')
    done = cli("import", str(entity), "a", reports=reports)
    assert "root:" not in done.stdout + done.stderr + "".join(p.read_text() for p in reports.glob("*.yaml"))


def test_a_report_that_does_not_say_whose_it_is_is_kept_and_the_fields_named(tmp_path):
    import docx
    d = docx.Document()
    d.add_paragraph("一、部门（单位）基本情况")
    d.add_paragraph("本单位是县政府工作部门。")
    source = tmp_path / "bare.docx"
    d.save(source)
    done = cli("import", str(source), "bare", reports=tmp_path)
    assert done.returncode == 1
    assert "bare.yaml:6:1: 单位.全称: 缺少必填字段“全称”" in done.stderr and "单位.年度: 缺少必填字段“年度”" in done.stderr
    assert "原报告没有写出上面这些必填的内容，请补上后运行" in done.stderr
    assert "本单位是县政府工作部门。" in (tmp_path / "bare.yaml").read_text(encoding="utf-8")


def test_forms_kept_in_a_workbook_come_in_with_the_report(tmp_path):
    from tests.foreign.typed import typed_workbook
    source = typed_report(tmp_path / "report.docx")
    book = typed_workbook(tmp_path / "附表.xlsx", one_sheet=True)
    done = cli("import", str(book), "forms", reports=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "forms.yaml").read_text(encoding="utf-8")
    assert "  编制数: 18\n" in text and "总分: 99.73\n" in text and "职责" not in text
    assert "forms.yaml:4:1: 职责: 警告（提示·缺项）：还没有填写主要职责（第一节）" in done.stderr      # check: what forms do not hold
    both = cli("import", str(source), "both", "--forms", str(book), reports=tmp_path)
    assert both.returncode == 0, both.stderr
    assert "职责:\n- 负责全县行政审批制度改革工作。\n" in (tmp_path / "both.yaml").read_text(encoding="utf-8")
