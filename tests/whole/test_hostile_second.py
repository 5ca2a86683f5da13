"""Hardening, second pass: what a red-team pass of 246 hostile inputs found (issue 14). Each case
ends in one Chinese line naming the file (and line and field where there is one), exit code
1 (2 for usage), nothing written outside the named output, nothing replaced that is not a
report of ours, no process left behind, no traceback, no hang."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.whole.test_hostile import MINIMAL, cli, refused, unit_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ------------------------------------------------------------------ 1. --output

@pytest.fixture
def unit(tmp_path):
    return unit_file(tmp_path, MINIMAL)


def test_output_onto_the_units_own_file_is_refused(unit):
    before = unit.read_bytes()
    refused(cli("report", str(unit), "-o", str(unit)), "不是 .docx")
    assert unit.read_bytes() == before
    copy = unit.with_suffix(".docx")
    copy.symlink_to(unit)                       # the unit's file under a .docx name
    refused(cli("report", str(unit), "-o", str(copy)), f"输出文件 {copy} 就是单位的数据文件，不会覆盖它")
    assert unit.read_bytes() == before


@pytest.mark.parametrize("target", ["/dev/null", "/dev/stdout", "x.txt"])
def test_output_that_is_not_a_docx_is_refused(unit, target):
    refused(cli("report", str(unit), "-o", target), f"输出文件 {target} 不是 .docx。报告只写到以 .docx 结尾的文件")
    assert Path("/dev/null").is_char_device()


def test_output_onto_a_folder_or_someone_elses_document_is_refused(unit, tmp_path):
    (tmp_path / "folder.docx").mkdir()
    theirs = tmp_path / "theirs.docx"
    with zipfile.ZipFile(theirs, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("docProps/core.xml", "<cp:coreProperties><dc:title>会议纪要</dc:title></cp:coreProperties>")
    before = theirs.read_bytes()
    for target in (tmp_path / "folder.docx", theirs):
        done = refused(cli("report", str(unit), "-o", str(target)),
                       f"{target.name} 已经存在，而且不是本工具生成的报告，不会覆盖它。请换一个输出路径，或先把它移走")
        assert len(done.splitlines()) == 1
    assert theirs.read_bytes() == before and (tmp_path / "folder.docx").is_dir()


def test_output_onto_a_report_of_ours_replaces_it(unit, tmp_path):
    target = tmp_path / "ours.docx"
    assert cli("report", str(unit), "-o", str(target)).returncode == 0
    unit.write_text(MINIMAL.replace("负责测试。", "负责复核。"), encoding="utf-8")
    assert cli("report", str(unit), "-o", str(target)).returncode == 0
    assert "负责复核。" in cli("dump", str(target)).stdout


# ------------------------------------------------------------------ 2. dump reads within limits

def docx(path: Path, document: str | None = None, **parts: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if document is not None:
            archive.writestr("word/document.xml", f'<w:document xmlns:w="{W}">{document}</w:document>')
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/"), data)
    return path


def patch_central_directory(path: Path, name: str, **fields: int) -> None:
    """Set a central-directory and local-header field of one entry (flags, method)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    offsets = {"flags": 6, "method": 8}
    local = info.header_offset
    central = data.find(b"PK\x01\x02")          # the one entry's record in the central directory
    for field, value in fields.items():
        data[local + offsets[field]:local + offsets[field] + 2] = value.to_bytes(2, "little")
        data[central + offsets[field] + 2:central + offsets[field] + 4] = value.to_bytes(2, "little")
    path.write_bytes(bytes(data))


def dumped(path: Path):
    return cli("dump", str(path))


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):
                stream.write(chunk)
    assert bomb.stat().st_size < 1 << 20          # a few hundred KB that inflate to 200 MB
    refused(dumped(bomb), "bomb.docx: 不是完好的 Word（.docx）文档：word/document.xml 解压后有 200 MB，超过上限 128 MB")


@pytest.mark.parametrize("case,message", [
    ("no body", "word/document.xml 里没有正文（w:body）"),
    ("encrypted", "word/document.xml 是加密的"),
    ("method 99", "word/document.xml 用了不支持的压缩方式（99）"),
])
def test_damaged_documents_end_in_one_line(tmp_path, case, message):
    path = docx(tmp_path / "x.docx", "" if case == "no body" else "<w:body/>")
    if case == "encrypted":
        patch_central_directory(path, "word/document.xml", flags=1)
    if case == "method 99":
        patch_central_directory(path, "word/document.xml", method=99)
    done = dumped(path)
    refused(done, f"x.docx: 不是完好的 Word（.docx）文档：{message}")
    assert len(done.stderr.splitlines()) == 1


def test_entities_are_not_expanded(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", '<!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
                                              f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>'
                                              '</w:body></w:document>')
    done = dumped(path)
    assert done.returncode == 0 and "aaaa" not in done.stdout


def test_a_page_size_that_is_not_a_number_and_a_folder_named_docx(tmp_path):
    odd = docx(tmp_path / "odd.docx", '<w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p>'
                                     '<w:sectPr><w:pgSz w:w="abc" w:h="16838"/></w:sectPr></w:body>')
    done = dumped(odd)
    assert done.returncode == 0 and "正文" in done.stdout
    (tmp_path / "folder.docx").mkdir()
    refused(dumped(tmp_path / "folder.docx"), "folder.docx: 这是一个文件夹，不是 Word（.docx）文档")


def test_text_in_a_content_control_is_in_the_dump(tmp_path):
    path = docx(tmp_path / "sdt.docx", '<w:body><w:sdt><w:sdtContent><w:p><w:r><w:t>控件里的字</w:t></w:r></w:p>'
                                       '</w:sdtContent></w:sdt><w:p><w:sdt><w:sdtContent><w:r><w:t>段内控件</w:t></w:r>'
                                       '</w:sdtContent></w:sdt></w:p></w:body>')
    done = dumped(path)
    assert done.returncode == 0
    assert done.stdout.splitlines()[1:] == ["控件里的字", "段内控件"]


# ------------------------------------------------------------------ 3. the audit stays linear

def test_the_prose_rules_compile_the_same_patterns_however_many_labels(tmp_path, monkeypatch):
    """Patterns per unit, not per label or per text (one pattern a label thrashed re's cache)."""
    import re
    from tests.conftest import run

    def compiled_for(count):
        lines = ["单位:\n  全称: 测试局\n  年度: 2023\n项目:"] + [f"  - {{名称: 项目{i}号, 全年执行数: {i}}}"
                                                              for i in range(count)]
        lines += ["部门整体支出绩效情况:"] + [f"  - 项目{i % count}号支出{i}万元。" for i in range(2 * count)]
        path = tmp_path / f"big{count}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        compiled = []
        real = re.compile
        monkeypatch.setattr(re, "compile", lambda *a, **k: compiled.append(a) or real(*a, **k))
        _, findings = run(path)
        monkeypatch.undo()
        assert sum(f.rule == "正文数字" for f in findings) == count     # 项目i号支出i万元 is right for i < count
        return len(compiled)

    compiled_for(10)        # once a process: fnmatch's outline glob, compiled on the first run alone
    assert compiled_for(300) == compiled_for(600) <= 3


# ------------------------------------------------------------------ 4. files that are not files

@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_unit_or_report_that_is_a_device_is_refused(tmp_path):
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    refused(cli("check", str(tmp_path / "zero.yaml")), "zero.yaml: 这不是普通文件（设备、管道或套接字），不是 YAML 文件")
    (tmp_path / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "minimal.docx").symlink_to("/dev/zero")
    done = cli("check", reports=tmp_path)
    refused(done, "minimal.docx: 这不是普通文件（设备、管道或套接字），不是 Word（.docx）文档")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_never_hangs_check(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    os.mkfifo(tmp_path / "minimal.docx")
    done = cli("check", reports=tmp_path)                  # subprocess.run's 120 s timeout would fail it
    refused(done, "pipe.yaml: 这不是普通文件（设备、管道或套接字），不是 YAML 文件",
            "minimal.docx: 这不是普通文件（设备、管道或套接字），不是 Word（.docx）文档")


# ------------------------------------------------------------------ 5. the summary

def test_a_name_cannot_become_a_formula_or_a_row_of_the_summary():
    import openpyxl

    from perfreport.commands.batch import UnitResult
    from perfreport.commands.summary import markdown, xlsx
    results = [UnitResult(file="a.yaml", name='=HYPERLINK("http://x"&D3,"点击")', year=2023),
               UnitResult(file="b.yaml", name="@SUM(1)", year=2023),
               UnitResult(file="c.yaml", name="甲局\n| 伪造 | 行 |", year=2023)]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx(results))).active
    for row in (2, 3):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type == "s" and cell.quotePrefix, cell.value      # text, shown as typed
    lines = markdown(results).splitlines()
    assert "| 甲局 \\| 伪造 \\| 行 \\| | 2023 |" in "\n".join(lines)
    assert sum(line.startswith("| ") for line in lines) == 2 + 3          # header, rule, three units


# ------------------------------------------------------------------ 6. values

@pytest.mark.parametrize("value,message", [
    ("123456789012345678901234567", "数字“12345678901234567890…”有 27 位，大得不合情理"),
    ("1.0e+309", "数字“1.0e+309”大得或小得不合情理"),
    ("1.0e+999999999", "数字“1.0e+999999999”大得或小得不合情理"),
    ("1.0e-999999999", "数字“1.0e-999999999”大得或小得不合情理"),
    ("9" * 4400, "有 4400 位，大得不合情理"),
    ("!!int 二〇二二", "无法把“二〇二二”读成整数"),
    ("!!int 821.02", "无法把“821.02”读成整数"),
    ("!!int", "无法把“”读成整数"),
    ('"\\ud800"', "文字中有无效的字符（U+D800）"),
    ("12345678901", "预算.全年执行数: 不能大于 1000000000，实际是 12345678901"),
])
def test_values_that_broke_the_tool_end_in_one_located_line(tmp_path, value, message):
    path = unit_file(tmp_path, MINIMAL.replace("预算: {年初预算数: 10, 全年预算数: 10}",
                                               f"预算:\n  全年执行数: {value}\n  全年预算数: 10"))
    done = refused(cli("check", str(path)), message)
    assert "minimal.yaml:12:" in done


def test_an_escape_past_the_last_character_is_located(tmp_path):
    path = unit_file(tmp_path, MINIMAL.replace("[运转正常。]", '["运转\\U00110000正常。"]'))
    refused(cli("check", str(path)), "minimal.yaml:20:17: 文件中有无效的转义字符（超出 Unicode 的范围）")


# ------------------------------------------------------------------ 7. the Makefile

@pytest.mark.parametrize("value", ["`touch ../made-by-backticks`hengshan", "$$(touch ../made-by-dollar)hengshan",
                                   'hengshan" -o "../made-by-quotes.docx', "-h"])
def test_make_hands_unit_over_as_one_argument(tmp_path, value):
    done = subprocess.run(["make", "-s", "report", f"UNIT={value}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    assert "不合规则" in done.stderr and "用法" not in done.stdout + done.stderr
    for made in ("made-by-backticks", "made-by-dollar", "made-by-quotes.docx"):
        assert not (ROOT.parent / made).exists()


# ------------------------------------------------------------------ 9. interrupted runs

def test_ctrl_c_ends_quietly_with_130(tmp_path):
    for n in range(200):
        (tmp_path / f"u{n:03d}.yaml").write_text(MINIMAL.replace("文件名: minimal", f"文件名: u{n:03d}"),
                                                  encoding="utf-8")
    env = dict(os.environ, PERFREPORT_REPORTS=str(tmp_path))
    process = subprocess.Popen([sys.executable, "render.py", "all", "--workers", "2"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(1.5)                        # started, and rendering (200 units take several seconds)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C reaches every process of the terminal's group
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err and err.rstrip().endswith("已中断：没有写出不完整的文件")
    assert not list(tmp_path.glob(".*.tmp"))


def test_leftovers_of_killed_runs_are_cleaned_at_the_next_run(tmp_path):
    (tmp_path / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    dead = tmp_path / ".minimal.docx.999999999.abcd.tmp"
    alive = tmp_path / f".minimal.docx.{os.getpid()}.abcd.tmp"
    dead.write_bytes(b"half")
    alive.write_bytes(b"being written")
    cli("check", reports=tmp_path)
    assert not dead.exists() and alive.exists()
    assert subprocess.run(["git", "check-ignore", "-q", "reports/.hengshan.docx.1.x.tmp"], cwd=ROOT).returncode == 0


# ------------------------------------------------------------------ 10. nothing changed silently

def test_a_null_tag_does_not_swallow_a_value(tmp_path):
    path = unit_file(tmp_path, MINIMAL.replace("  年度: 2023\n", "  年度: 2023\n  填表人: !!null 张三\n"))
    refused(cli("check", str(path)), "minimal.yaml:6:8: 单位.填表人: “张三”前面的 !!null 会把它变成空值。请删去 !!null")


def test_text_that_looks_like_template_escapes_prints_as_typed(tmp_path):
    path = unit_file(tmp_path, MINIMAL.replace("[运转正常。]", "['{_{ 1 }_} 与 {_% x %_}']"))
    assert cli("report", str(path)).returncode == 0
    assert "{_{ 1 }_} 与 {_% x %_}" in cli("dump", str(path.with_suffix(".docx"))).stdout


def test_a_value_with_a_line_break_is_one_line_of_message(tmp_path):
    path = unit_file(tmp_path, MINIMAL.replace("  年度: 2023", '  年度: "20\\n23"'))
    done = refused(cli("check", str(path)))
    [line] = [line for line in done.splitlines() if "单位.年度" in line]
    assert line.endswith("minimal.yaml:5:3: 单位.年度: 应为整数，实际是“20⏎23”")


def test_utf16_without_a_bom_is_named(tmp_path):
    path = tmp_path / "minimal.yaml"
    path.write_bytes(MINIMAL.encode("utf-16-le"))
    refused(cli("check", str(path)), "minimal.yaml: 文件是 UTF-16 编码。请在编辑器中“另存为”UTF-8 编码")


def test_a_name_of_spaces_is_no_name(tmp_path):
    path = unit_file(tmp_path, MINIMAL.replace("全称: 测试局", 'full: x').replace("full: x", '全称: "   "'))
    refused(cli("check", str(path)), "minimal.yaml:2:3: 单位.全称: 必填字段“全称”没有填写")


def test_a_usage_error_names_no_file(tmp_path):
    done = cli("report", "nosuchunit")
    assert done.stderr.startswith("没有这个单位：reports/nosuchunit.yaml")
