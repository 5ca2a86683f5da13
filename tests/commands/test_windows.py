"""What a Windows PC meets, tested here where it can be: paths and URLs on PureWindowsPath,
LibreOffice where its installer puts it, hints for the user's system, a report open in
Word, drives without hard links, a GBK console, and hints that name the command typed."""
import errno
import os
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from perfreport.shared.errors import ReportError
from perfreport.shared.invocation import how, program
from perfreport.unitfile.load import utf8_hint
from perfreport.document.pdf import install_hint, profile_option, soffice, soffice_candidates
from perfreport.document.write import write_atomic

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = {"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)",
           "LOCALAPPDATA": r"C:\Users\张三\AppData\Local"}


def test_libreoffice_gets_a_real_url_for_a_windows_profile_folder():
    profile = PureWindowsPath(r"C:\Users\张 三\AppData\Local\Temp\lo-profile-x1")
    assert profile_option(profile) == ("-env:UserInstallation=file:///C:/Users/%E5%BC%A0%20%E4%B8%89/AppData/"
                                       "Local/Temp/lo-profile-x1")


def test_soffice_is_found_where_the_windows_installer_puts_it():
    assert soffice_candidates("win32", WINDOWS) == [
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
        r"C:\Users\张三\AppData\Local\Programs\LibreOffice\program\soffice.exe"]
    found = soffice("win32", WINDOWS, which=lambda name: None,
                    exists=lambda p: p == r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
    assert found == r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"


def test_soffice_on_a_mac_and_on_path():
    assert soffice("darwin", {"HOME": "/Users/li"}, which=lambda name: None,
                   exists=lambda p: p.startswith("/Applications/")) == "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    assert soffice("linux", {}, which=lambda name: "/usr/bin/soffice") == "/usr/bin/soffice"


@pytest.mark.parametrize("platform, hint", [
    ("win32", "请从 https://zh-cn.libreoffice.org/ 下载安装 LibreOffice（安装在默认位置即可找到）"),
    ("darwin", "请安装：brew install --cask libreoffice（或从 https://zh-cn.libreoffice.org/ 下载）"),
    ("linux", "请安装：apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-gkai00mp "
              "fonts-arphic-gbsn00lp"),
])
def test_a_missing_libreoffice_names_the_way_to_install_it_here(platform, hint):
    assert install_hint(platform) == hint
    with pytest.raises(ReportError) as error:
        soffice(platform, {}, which=lambda name: None, exists=lambda p: False)
    assert error.value.findings[0].text() == f"找不到 LibreOffice（soffice）。{hint}"


def test_a_gbk_file_is_converted_with_notepad_on_windows_and_iconv_elsewhere():
    assert utf8_hint("reports/x.yaml", "win32").startswith("请转换为 UTF-8：用记事本打开，“另存为”时把“编码”选为 UTF-8")
    assert "iconv" not in utf8_hint("reports/x.yaml", "win32")
    assert utf8_hint("reports/x.yaml", "linux").startswith("请转换为 UTF-8：iconv -f GB18030 -t UTF-8 reports/x.yaml")


def test_a_report_open_in_word_is_a_message_and_the_old_file_stays(tmp_path, monkeypatch):
    target = tmp_path / "x.docx"
    target.write_bytes(b"old")

    def in_use(source, destination):
        raise PermissionError(errno.EACCES, "另一个程序正在使用此文件，进程无法访问。")
    monkeypatch.setattr(os, "replace", in_use)
    with pytest.raises(ReportError) as error:
        write_atomic(target, b"new")
    assert error.value.findings[0].text() == (
        f"无法写入 {target}：文件正被 Word 或 WPS 打开，或者没有写入权限。请在 Word / WPS 中关闭这个文件后再运行；"
        "仍不行时检查文件夹的权限")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["x.docx"]


def test_a_drive_without_hard_links_still_gets_its_new_file_never_over_another(tmp_path, monkeypatch):
    def no_links(source, destination):
        raise OSError(errno.EPERM, "Operation not permitted")
    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "xinhua.yaml"
    write_atomic(target, "单位: {}\n".encode(), exclusive=True)
    assert target.read_text(encoding="utf-8") == "单位: {}\n"
    with pytest.raises(ReportError) as error:
        write_atomic(target, b"other", exclusive=True)
    assert error.value.findings[0].text() == f"{target} 已经存在，不会覆盖"
    assert target.read_text(encoding="utf-8") == "单位: {}\n" and len(list(tmp_path.iterdir())) == 1


def test_a_gbk_console_shows_what_it_can_and_never_fails(tmp_path):
    unit = tmp_path / "c.yaml"
    unit.write_text("单位:\n  全称: 测试局\n  年度: \"二〇二三😀\"\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "render.py", "check", str(unit)], cwd=ROOT, capture_output=True,
                            env=dict(os.environ, PYTHONIOENCODING="gbk"), timeout=60)
    assert result.returncode == 1
    assert result.stderr.decode("gbk") == f"{unit}:3:3: 单位.年度: 应为整数，实际是“二〇二三?”\n"


@pytest.mark.parametrize("environ, argv0, said", [
    ({"MAKELEVEL": "1"}, "/x/.venv/bin/perfreport", "make report UNIT=hengshan"),
    ({}, r"C:\proj\.venv\Scripts\perfreport.exe", "perfreport report hengshan"),
    ({}, "render.py", "python render.py report hengshan"),
    ({}, "/x/perfreport/__main__.py", "python -m perfreport report hengshan"),
])
def test_hints_name_the_command_the_user_typed(environ, argv0, said):
    assert how("report", "hengshan", environ=environ, argv0=argv0) == said
    assert how("report", "hengshan", environ=environ, argv0=argv0, keep_copy=True).startswith(said)
    assert program(r"C:\proj\.venv\Scripts\perfreport.exe") == "perfreport"
