"""A report changed by hand in Word or WPS is never overwritten silently (perfreport/
fingerprint.py): its words no longer give the record it carries, in any part a person can
type into; and a report that carries no record, or a damaged one, is not overwritten either."""
import errno
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from perfreport.document.docx_read import Package
from perfreport.document.fingerprint import COVERS, CUSTOM_PART, PROPERTY_BODY, edited, stored_record, text_digest, verdict

ROOT = Path(__file__).resolve().parents[2]
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
    record = stored_record(package)
    assert sorted(record) == sorted(COVERS)
    assert record[PROPERTY_BODY] == text_digest(package.read("word/document.xml"))
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
        "minimal.docx: 生成之后被手工改过（在 Word 或 WPS 中改了正文），没有覆盖它。手工的改动要写进 minimal.yaml，"
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


# ------------------------------------------------------------------ issue 20: every part, every record

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PARTS = "word/_rels/document.xml.rels"


def repackaged(data: bytes, drop: tuple[str, ...] = (), edit=None, **added: bytes) -> bytes:
    """The report's zip with parts dropped, edited (edit(name, bytes) -> bytes) or added
    (word__comments_xml= names word/comments.xml), as another program would save it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            part = source.read(info)
            target.writestr(info.filename, edit(info.filename, part) if edit else part)
        for name, part in added.items():
            target.writestr(name.replace("__", "/").replace("_xml", ".xml"), part)
    return out.getvalue()


def linked(data: bytes, kind: str, target: str, part: bytes) -> bytes:
    """A new part linked from the body as Word links a comments part or a header."""
    def edit(name, xml):
        if name == PARTS:
            return xml.replace(b"</Relationships>", f'<Relationship Id="rIdNew" Type="{REL}{kind}" '
                                                    f'Target="{target}"/></Relationships>'.encode())
        return xml
    return repackaged(data, edit=edit, **{"word__" + target.replace(".xml", "_xml"): part})


def replaced(data: bytes, part_name: str, old: bytes, new: bytes) -> bytes:
    def edit(name, xml):
        if name == part_name:
            assert old in xml, (part_name, old)
            return xml.replace(old, new)
        return xml
    return repackaged(data, edit=edit)


COMMENTS = (f'<w:comments {W}><w:comment w:id="0" w:author="李会计"><w:p><w:r><w:t>这个数请再核一下</w:t>'
            f'</w:r></w:p></w:comment></w:comments>').encode()
FOOTNOTES = (f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>数据来源：2023年决算</w:t></w:r></w:p>'
             f'</w:footnote></w:footnotes>').encode()
HEADER = f'<w:hdr {W}><w:p><w:r><w:t>内部资料 注意保存</w:t></w:r></w:p></w:hdr>'.encode()
TEXT_BOX = ('<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>待定</w:t>'
            '</w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>'
            '<w:t>待定</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r></w:p></w:body>').encode()


def hand_changes(report: bytes) -> dict[str, tuple[bytes, str]]:
    """Each way a person changes a report in Word, and what the refusal says was changed."""
    return {
        "a review comment": (linked(report, "comments", "comments.xml", COMMENTS), "批注"),
        "a footnote": (linked(report, "footnotes", "footnotes.xml", FOOTNOTES), "脚注尾注"),
        "a header of their own": (linked(report, "header", "header9.xml", HEADER), "页眉页脚"),
        "a line typed into a footer": (replaced(report, "word/footer1.xml", b"</w:ftr>",
                                                "<w:p><w:r><w:t>报县财政局</w:t></w:r></w:p></w:ftr>".encode()),
                                       "页眉页脚"),
        "a text box in the body": (replaced(report, "word/document.xml", b"</w:body>", TEXT_BOX), "正文"),
        "the title in 文件 > 属性": (replaced(report, "docProps/core.xml", "自评报告</dc:title>".encode(),
                                            "自评报告（修改稿）</dc:title>".encode()), "文档属性"),
    }


def test_every_part_a_person_types_into_is_in_the_record(unit):
    report = (unit / "minimal.docx").read_bytes()
    for how, (changed, part) in hand_changes(report).items():
        judged = verdict(Package(changed, "m.docx"))
        assert (judged.unknown, judged.changed) == ("", [part]), how


def render_over(unit: Path, report: bytes) -> subprocess.CompletedProcess:
    """minimal.docx replaced by `report`, the unit changed since: render it again."""
    (unit / "minimal.docx").write_bytes(report)
    yaml_file = unit / "minimal.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("运转正常。", "运转良好。"), encoding="utf-8")
    return run(unit, "report", "minimal")


@pytest.mark.parametrize("how", ["a review comment", "a line typed into a footer", "a footnote"])
def test_a_report_with_a_comment_or_a_footer_line_is_not_overwritten(unit, how):
    report = unit / "minimal.docx"
    changed, part = hand_changes(report.read_bytes())[how]
    refused = render_over(unit, changed)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1].startswith(
        f"minimal.docx: 生成之后被手工改过（在 Word 或 WPS 中改了{part}），没有覆盖它。")
    assert report.read_bytes() == changed
    check = run(unit, "check")
    assert check.returncode == 1 and f"改了{part}" in check.stderr


def damaged_records(report: bytes) -> dict[str, tuple[bytes, str]]:
    """A record missing or damaged, the words all as written."""
    custom = zipfile.ZipFile(io.BytesIO(report)).read(CUSTOM_PART)
    digest = re.search(rb"<vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>", custom).group(1)

    def with_custom(xml: bytes) -> bytes:
        return repackaged(report, drop=(CUSTOM_PART,), docProps__custom_xml=xml)
    other = ('<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
             'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
             '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="审核人"><vt:lpwstr>'
             '王</vt:lpwstr></property></Properties>').encode()
    return {
        "custom.xml deleted": (repackaged(report, drop=(CUSTOM_PART,)), "没有本工具的生成记录"),
        "other properties only": (with_custom(other), "没有本工具的生成记录"),
        "not well-formed": (with_custom(custom[:-20]), "生成记录已损坏"),
        "upper-case digest": (with_custom(custom.replace(digest, digest.upper())), "生成记录已损坏"),
        "short digest": (with_custom(custom.replace(digest, digest[:40])), "生成记录已损坏"),
        "empty digest": (with_custom(custom.replace(digest, b"")), "生成记录已损坏"),
        "not hex": (with_custom(custom.replace(digest, b"z" * 64)), "生成记录已损坏"),
    }


@pytest.mark.parametrize("case", ["custom.xml deleted", "other properties only", "not well-formed",
                                  "upper-case digest", "short digest", "empty digest", "not hex"])
def test_a_report_whose_record_is_missing_or_damaged_is_not_overwritten(unit, case):
    report = unit / "minimal.docx"
    damaged, why = damaged_records(report.read_bytes())[case]
    refused = render_over(unit, damaged)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1] == (
        f"minimal.docx: 无法确认它生成之后没有被手工改过（{why}），没有覆盖它。它可能是旧版本生成的，也可能被改过；"
        "先打开看看，把要保留的改动写进 minimal.yaml，然后运行 python render.py report minimal --keep-copy："
        "改过的文档先另存为 minimal.手改-<日期-时间>.docx，再生成新的报告")
    assert report.read_bytes() == damaged
    assert run(unit, "all").returncode == 1 and report.read_bytes() == damaged
    check = run(unit, "check")
    assert check.returncode == 1 and f"无法确认它生成之后没有被手工改过（{why}）" in check.stderr
    kept = run(unit, "report", "minimal", "--keep-copy")
    assert kept.returncode == 0, kept.stderr
    copy, = unit.glob("minimal.手改-*.docx")
    assert copy.read_bytes() == damaged and "运转良好。" in run(unit, "dump", "minimal.docx").stdout


def body_only_record(report: bytes) -> bytes:
    """The report as the toolkit wrote it before the record covered more than the body."""
    custom = zipfile.ZipFile(io.BytesIO(report)).read(CUSTOM_PART)
    body = re.search(rb'<property[^>]*name="perfreport-words-sha256">.*?</property>', custom).group(0)
    legacy = re.sub(rb"<property .*</property>", body, custom)
    return repackaged(report, drop=(CUSTOM_PART,), docProps__custom_xml=legacy)


def test_a_report_of_the_body_only_record_is_judged_on_the_rest_against_what_is_written_now(unit):
    report = unit / "minimal.docx"
    legacy = body_only_record(report.read_bytes())
    assert stored_record(Package(legacy, "m.docx")) == {PROPERTY_BODY: text_digest(
        zipfile.ZipFile(io.BytesIO(legacy)).read("word/document.xml"))}
    yaml_file = unit / "minimal.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    report.write_bytes(linked(legacy, "comments", "comments.xml", COMMENTS))
    yaml_file.write_text(text.replace("运转正常。", "运转良好。"), encoding="utf-8")
    refused = run(unit, "report", "minimal")
    assert refused.returncode == 1 and "改了批注" in refused.stderr
    report.write_bytes(legacy)                       # as written then, untouched: replaced
    done = run(unit, "report", "minimal")
    assert done.returncode == 0, done.stderr
    assert sorted(stored_record(Package(report.read_bytes(), "m.docx"))) == sorted(COVERS)


# ------------------------------------------------------------------ --keep-copy when the new report cannot be written

def edited_unit(unit: Path) -> bytes:
    """minimal.docx corrected by hand and minimal.yaml changed since: a render must keep a copy."""
    report = unit / "minimal.docx"
    report.write_bytes(docx_with(report.read_bytes(), "运转正常。", "运转良好。"))
    yaml_file = unit / "minimal.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("全年预算数: 10}", "全年预算数: 12}"),
                         encoding="utf-8")
    return report.read_bytes()


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a file system of its own, to be filled up (a tmpfs: needs root)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (not root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(path: Path) -> None:
    """The disk full to the last block."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(handle, b"\0" * 4096):
            pass
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(handle)


def test_keep_copy_on_a_full_disk_moves_nothing_and_says_so(unit, full_disk):
    for name in ("minimal.yaml", "minimal.docx"):
        shutil.copy(unit / name, full_disk / name)
    hand_made = edited_unit(full_disk)
    fill(full_disk / "filler")
    refused = run(full_disk, "report", "minimal", "--keep-copy")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1] == (
        f"无法写入 {full_disk / 'minimal.docx'}（No space left on device）。原来的 minimal.docx（手工改过的）仍在原处，没有动")
    assert (full_disk / "minimal.docx").read_bytes() == hand_made
    assert not list(full_disk.glob("minimal.手改-*")) and not list(full_disk.glob(".*.tmp"))


def in_process(unit: Path):
    from perfreport.shared.errors import ReportError
    from perfreport.commands.pipeline import make_report
    with pytest.raises(ReportError) as refused:
        make_report(unit / "minimal.yaml", target=unit / "minimal.docx", keep_copy=True)
    return refused.value.findings[0].text()


def test_keep_copy_undoes_the_move_when_the_new_report_cannot_take_its_place(unit, monkeypatch):
    hand_made = edited_unit(unit)

    def no_space(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr("perfreport.document.write.os.replace", no_space)
    assert in_process(unit) == (f"无法写入 {unit / 'minimal.docx'}（No space left on device）。"
                                "原来的 minimal.docx（手工改过的）仍在原处，没有动")
    assert (unit / "minimal.docx").read_bytes() == hand_made and not list(unit.glob("minimal.手改-*"))

    def no_links(source, target):                   # FAT, exFAT: the copy is made by a rename
        raise OSError(errno.EPERM, "Operation not permitted")
    monkeypatch.setattr("perfreport.document.write.os.link", no_links)
    assert in_process(unit).endswith("原来的 minimal.docx（手工改过的）仍在原处，没有动")
    assert (unit / "minimal.docx").read_bytes() == hand_made and not list(unit.glob("minimal.手改-*"))

    renames, real_rename = [], os.rename

    def rename_once(source, target):                # the move aside works, putting it back does not
        if renames:
            raise OSError(errno.EIO, "Input/output error")
        renames.append(target)
        real_rename(source, target)
    monkeypatch.setattr("perfreport.document.write.os.rename", rename_once)
    message = in_process(unit)
    copy, = unit.glob("minimal.手改-*.docx")
    assert message.endswith(f"原来的 minimal.docx（手工改过的）已移到 {copy}，请从那里找回")
    assert copy.read_bytes() == hand_made


def test_keep_copy_in_a_read_only_folder_is_a_message(unit, full_disk):
    for name in ("minimal.yaml", "minimal.docx"):
        shutil.copy(unit / name, full_disk / name)
    hand_made = edited_unit(full_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(full_disk)], check=True)
    for command in (("report", "minimal", "--keep-copy"), ("all", "--keep-copy")):
        refused = run(full_disk, *command)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
        assert (f"无法在 {full_disk} 写文件（Read-only file system）。原来的 minimal.docx（手工改过的）仍在原处，没有动"
                in refused.stderr.splitlines()), refused.stderr
        assert (full_disk / "minimal.docx").read_bytes() == hand_made


def test_the_record_of_what_a_report_was_made_from_holds_only_while_it_is_as_written():
    """fingerprint.made_from (issue 26): the inputs digest while every part is as written and
    the custom properties are the toolkit's; '' once a part or a property changed."""
    import io
    import zipfile
    from perfreport.commands.pipeline import check_file
    from perfreport.document.docx_read import Package
    from perfreport.document.fingerprint import made_from, verdict
    from perfreport.document.report_docx import render
    from tests.conftest import FIXTURES
    report = check_file(FIXTURES / "complete.yaml").report
    inputs = "ab" * 32
    data = render(report, inputs=inputs)
    assert made_from(Package(data, "x")) == inputs and verdict(Package(data, "x")).unchanged
    assert made_from(Package(render(report), "x")) == ""          # no record: an older version's

    def changed(name, change):
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                content = source.read(info)
                target.writestr(info, change(content) if info.filename == name else content)
        return Package(out.getvalue(), "x")
    assert made_from(changed("word/styles.xml", lambda x: x.replace(b"<w:style ", b"<w:style  ", 1))) == ""
    assert made_from(changed("docProps/custom.xml", lambda x: x.replace(
        b"</Properties>", b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="9" name="\xe5\xae\xa1\xe6\xa0\xb8">'
                          b"<vt:lpwstr>x</vt:lpwstr></property></Properties>"))) == ""
    assert made_from(changed("word/styles.xml", lambda x: x)) == inputs     # rezipped, parts the same
