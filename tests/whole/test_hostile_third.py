"""Hardening, third pass (issue 20): names and keys that carry formulas or terminal escapes,
names that differ only in what cannot be seen, read-only folders, links that lead nowhere,
file names that look like options, and an empty folder of units. Each ends in a Chinese
message naming the file, a non-zero exit and no traceback, and nothing is changed that the
command was not asked to change. (The hand-edit record is in test_hand_edits.py, the dump in
test_dump.py, git-setup in test_git.py, interruptions in test_pool.py.)"""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from perfreport.shared.findings import Finding, visible
from tests.conftest import FIXTURES, edited, run
from tests.whole.test_hostile import MINIMAL, cli, refused, unit_file

ESCAPES = "\x1b]0;PWNED\x07\x1b[2J"


# ------------------------------------------------------------------ what a message may carry

def test_no_message_carries_a_control_or_invisible_character():
    finding = Finding("错误", f"未知的键“{ESCAPES}”", file="a\u202eb.yaml", hint="第一行\n第二行\u200b")
    assert finding.text() == "a<U+202E>b.yaml: 未知的键“<U+001B>]0;PWNED<U+0007><U+001B>[2J”。第一行⏎第二行<U+200B>"
    assert visible("全称\t测试局") == "全称\t测试局"          # a tab is harmless, and typed on purpose


def test_a_file_name_with_an_escape_never_reaches_the_terminal_or_the_workbook(tmp_path):
    from openpyxl import load_workbook
    unit_file(tmp_path, MINIMAL.replace("文件名: minimal", "文件名: other"), name=f"x{ESCAPES}y")
    done = cli("all", reports=tmp_path)
    assert done.returncode == 1
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr
    assert "x<U+001B>]0;PWNED<U+0007><U+001B>[2Jy.yaml" in done.stderr
    book = load_workbook(tmp_path / "SUMMARY.xlsx")
    cells = [c.value for row in book["汇总"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any("x<U+001B>]0;PWNED<U+0007><U+001B>[2Jy.yaml" in c for c in cells)
    assert "\x1b" not in (tmp_path / "SUMMARY.md").read_text(encoding="utf-8")


def test_a_file_named_as_a_formula_is_text_in_every_cell_of_the_summary(tmp_path):
    from openpyxl import load_workbook
    unit_file(tmp_path, MINIMAL, name="=2+5")        # its 文件名 says minimal: an error that quotes the name
    done = subprocess.run([*cli_prefix(), "all"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env=env_for(tmp_path))
    assert done.returncode == 1, done.stderr
    book = load_workbook(tmp_path / "SUMMARY.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    formula = cell.data_type == "f"
                    assert formula == cell.value.startswith("=SUBTOTAL("), (sheet.title, cell.coordinate, cell.value)
    summary, findings = book["汇总"], book["警告和错误"]
    assert summary["A2"].value == "=2+5.yaml" and summary["A2"].data_type == "s"
    assert summary["K2"].value.startswith("=2+5.yaml:") and summary["K2"].data_type == "s"
    where = [row[4] for row in findings.iter_rows(min_row=2) if str(row[4].value).startswith("=")]
    assert where and all(c.data_type == "s" for c in where)


def cli_prefix() -> list[str]:
    import sys
    from tests.conftest import ROOT
    return [sys.executable, str(ROOT / "render.py")]


def env_for(folder: Path) -> dict:
    import os
    return dict(os.environ, PERFREPORT_REPORTS=str(folder))


# ------------------------------------------------------------------ names as a reader sees them

def test_project_names_that_differ_only_by_an_invisible_character_are_the_same_name(tmp_path):
    text = (FIXTURES / "complete.yaml").read_text(encoding="utf-8")
    import re
    names = re.findall(r"^  - 名称: (.+)$", text, re.M)
    assert len(names) >= 2, "complete.yaml has two projects"
    path = edited("complete", tmp_path, (f"  - 名称: {names[1]}", f"  - 名称: {names[0][:2]}\u200b{names[0][2:]}"))
    _, findings = run(path)
    said = [f.text() for f in findings if f.rule == "项目名称重复"]
    assert len(said) == 1 and said[0].endswith(
        "项目[2].名称: 警告（确定·项目名称重复）：项目名称与第 1 个项目相同（只差看不见的字符 U+200B）。一个一级项目只写一次")


# ------------------------------------------------------------------ links, dashes, empty folders

def test_a_report_that_is_a_link_to_itself_is_a_message_in_every_command(tmp_path):
    unit_file(tmp_path, MINIMAL)
    (tmp_path / "minimal.docx").symlink_to("minimal.docx")
    refused(cli("report", "minimal", reports=tmp_path),
            "minimal.docx 是一个指不到文件的符号链接（断开的，或最终指向它自己），不会覆盖它。请删除这个链接，或让它指向真正的文件")
    loop = "这是一个循环的符号链接（最终指向它自己），不是 Word（.docx）文档。请删除这个链接，或让它指向真正的文件"
    refused(cli("check", reports=tmp_path), loop)
    refused(cli("dump", str(tmp_path / "minimal.docx")), loop)
    refused(cli("pdf", reports=tmp_path), loop)
    assert (tmp_path / "minimal.docx").is_symlink()


@pytest.mark.parametrize("command", ["check", "all", "pdf"])
def test_an_empty_folder_of_units_is_said_so(tmp_path, command):
    done = refused(cli(command, reports=tmp_path), f"{tmp_path} 下没有单位（.yaml 文件）。可以用 python render.py new … 新建一个")
    assert len(done.splitlines()) == 1 and not list(tmp_path.iterdir())


@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")
def test_a_document_whose_name_starts_with_a_dash_is_converted_not_read_as_an_option(tmp_path):
    unit_file(tmp_path, MINIMAL)
    assert cli("report", "minimal", reports=tmp_path).returncode == 0
    shutil.copy(tmp_path / "minimal.docx", tmp_path / "-x.docx")
    done = subprocess.run([*cli_prefix(), "pdf", "--", "-x.docx"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env=env_for(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "-x.pdf").read_bytes().startswith(b"%PDF-")


@pytest.fixture
def read_only(tmp_path):
    """A folder of units on a file system mounted read-only (root can write anywhere else)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True).returncode:
        pytest.skip("cannot mount a file system here (not root)")
    try:
        unit_file(folder, MINIMAL)
        assert cli("report", "minimal", reports=folder).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_pdf_and_preview_into_a_read_only_folder_are_messages(read_only, tmp_path):
    before = sorted(p.name for p in read_only.iterdir())
    if shutil.which("soffice"):
        refused(cli("pdf", reports=read_only), f"无法在 {read_only} 写 PDF（Read-only file system）。请用 --outdir 指定一个可以写入的文件夹")
    elsewhere = tmp_path / "pdfs"
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        assert cli("pdf", "--outdir", str(elsewhere), reports=read_only).returncode == 0
        assert (elsewhere / "minimal.pdf").exists()
    assert sorted(p.name for p in read_only.iterdir()) == before


def test_preview_into_a_folder_that_cannot_be_written_is_a_message(tmp_path):
    from perfreport.shared.errors import ReportError
    from perfreport.commands.tasks import preview
    if shutil.which("pdftoppm") is None:
        pytest.skip("no pdftoppm")
    blocked = tmp_path / "build"
    blocked.write_text("not a folder")              # build/ is a file: nothing can go under it
    with pytest.raises(ReportError) as refused_:
        preview(tmp_path / "x.pdf", blocked / "preview" / "minimal")
    assert refused_.value.findings[0].text() == (
        f"无法写文件夹 {blocked / 'preview' / 'minimal'}（Not a directory）。请检查它和上级文件夹的写入权限")
    assert blocked.read_text() == "not a folder"


def test_a_zip_that_is_not_ours_under_a_unit_name_is_never_replaced(tmp_path):
    unit_file(tmp_path, MINIMAL)
    theirs = tmp_path / "minimal.docx"
    with zipfile.ZipFile(theirs, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    before = theirs.read_bytes()
    refused(cli("report", "minimal", "--keep-copy", reports=tmp_path), "已经存在，而且不是本工具生成的报告，不会覆盖它")
    assert theirs.read_bytes() == before and not list(tmp_path.glob("*.手改-*"))


# ------------------------------------------------------------------ a signal before main() runs

SLOW_IMPORT = """
import importlib.abc, sys, time
class Slow(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "perfreport.commands.cli":
            print("importing", flush=True)
            time.sleep(30)
        return None
sys.meta_path.insert(0, Slow())
sys.argv = ["perfreport", "check"]
from perfreport.commands.entry import main
sys.exit(main())
"""


@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_a_signal_while_the_program_is_still_importing_ends_it_quietly(signum):
    import signal
    import sys
    from tests.conftest import ROOT
    process = subprocess.Popen([sys.executable, "-c", SLOW_IMPORT], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "importing\n"
    process.send_signal(getattr(signal, signum))
    _, stderr = process.communicate(timeout=20)
    assert (process.returncode, stderr) == (130, "已中断：没有写出不完整的文件\n")
