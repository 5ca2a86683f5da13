"""The commands that stand for the Makefile's other targets, so that a machine without make
(Windows) has every one of them: git-setup, preview, template, test, bench, planted."""
from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from perfreport.shared.errors import ReportError, UsageError
from perfreport.shared.findings import ERROR, Finding
from perfreport.commands.pipeline import ROOT

# A UTF-8 character as one word (git's regex runs on bytes, in any locale), numbers with their
# decimals as one word, Latin words whole: a changed figure or character shows alone.
WORD_REGEX = b"[0-9]+([.,][0-9]+)*|[A-Za-z_]+|[\xc0-\xff][\x80-\xbf]+|[^[:space:]]"
# the hunk header: the top-level key of a unit file; the part heading of a report (dump)
YAML_SECTION = rb"^([^ #-][^:]*):"
REPORT_SECTION = "^(## .*|═+ .*)$".encode("utf-8")     # ══ 第 n 节 ══ marks a section break
CONFIG_NAME = "perfreport.config"


def sh_word(path: str, windows: bool) -> str:
    """One word for the sh git runs textconv with (`sh -c '<textconv> "$@"'`; Git for Windows
    has its own sh): in single quotes sh expands nothing, not $, `, \\ or a newline, and a '
    is closed, escaped and reopened. On Windows forward slashes, which Git's sh reads as
    C:/…; elsewhere a backslash is part of a name and stays."""
    if windows:
        path = path.replace("\\", "/")
    return "'" + path.replace("'", "'\\''") + "'"


CONFIG_ESCAPES = {b"\\": b"\\\\", b'"': b'\\"', b"\n": b"\\n", b"\t": b"\\t", b"\b": b"\\b"}


def _config_string(value: bytes) -> bytes:
    """A value as git-config reads it back byte for byte: in quotes, with the escapes it knows
    for \\ " newline tab backspace; inside quotes git keeps every other byte but NUL as it is
    (git_setup reads the value back to be sure)."""
    return b'"' + re.sub(rb'[\\"\n\t\b]', lambda found: CONFIG_ESCAPES[found[0]], value) + b'"'


def textconv_command(python: str, script: Path | str, windows: bool | None = None) -> bytes:
    """`'<python>' '<render.py>' dump`, as the bytes of the paths (a POSIX name need not be
    UTF-8). A NUL ends a value in git's config, so a path holding one cannot be written."""
    windows = os.name == "nt" if windows is None else windows
    for path in (python, str(script)):
        if "\0" in path:
            raise ReportError([Finding(ERROR, f"路径里有 NUL 字符，git 的设置文件写不下：{path!r}",
                                       hint="请把 Python 和本项目放在名字普通的文件夹里，再运行 git-setup")])
    return os.fsencode(f"{sh_word(python, windows)} {sh_word(str(script), windows)} dump")


def git_config_text(python: str, script: Path | str, windows: bool | None = None) -> bytes:
    lines = [b'[diff "perfreport-docx"]',
             b"\ttextconv = " + _config_string(textconv_command(python, script, windows)),
             b"\tcachetextconv = true",
             b"\twordRegex = " + _config_string(WORD_REGEX),
             b"\txfuncname = " + _config_string(REPORT_SECTION),
             b'[diff "perfreport-yaml"]',
             b"\twordRegex = " + _config_string(WORD_REGEX),
             b"\txfuncname = " + _config_string(YAML_SECTION)]
    return b"\n".join(lines) + b"\n"


TEXTCONV_KEY = "diff.perfreport-docx.textconv"
# a path where the reports are; the project's .gitattributes gives every *.docx the driver
PROBE_PATH = "reports/perfreport-git-setup.docx"
PROBE_TEXT = "perfreport git-setup 自检"
PROBE_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             f'<w:body><w:p><w:r><w:t>{PROBE_TEXT}</w:t></w:r></w:p></w:body></w:document>')


def _output(data: bytes) -> str:
    return data.decode("utf-8", "replace").strip()


def _line(data: bytes) -> Path:
    """A path git printed: everything but the one newline after it (a name may end in spaces
    or hold a newline of its own)."""
    return Path(os.fsdecode(data[:-1] if data.endswith(b"\n") else data))


def _failed(what: str, done: subprocess.CompletedProcess) -> ReportError:
    said = _output(done.stderr) or _output(done.stdout) or f"退出码 {done.returncode}"
    return ReportError([Finding(ERROR, f"{what}：{said}")])


def _locked(lock: Path, top: Path) -> ReportError:
    try:
        shown = lock.relative_to(top).as_posix()
    except ValueError:              # a git worktree: the config is the main clone's
        shown = str(lock)
    return ReportError([Finding(ERROR, f"{shown} 存在：另一个 git 正在运行，或上次异常退出",
                                hint="确认没有 git 在运行后删除它再试")])


def git_setup(cwd: Path | None = None) -> Path:
    """Write the diff drivers to perfreport.config (bytes: the word regex holds byte ranges no
    command line can carry on Windows) next to the config that includes it, which in a git
    worktree is the main clone's (--git-common-dir), include it, and see git use it."""
    def git(*args: str, **options) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=top, capture_output=True, **options)
    top = Path(cwd or ".")
    try:
        found = git("rev-parse", "--show-toplevel")
    except FileNotFoundError:
        raise UsageError([Finding(ERROR, "找不到 git", hint="请先安装 Git（Windows：https://git-scm.com/）")]) from None
    if found.returncode != 0:
        # git's own words too: "dubious ownership" (a clone on another user's disk) is not "no repository"
        said = _output(found.stderr)
        raise UsageError([Finding(ERROR, "这里不是 git 仓库的工作区",
                                  hint=f"请在项目的文件夹（git clone 下来的）里运行（git：{said}）")])
    top = _line(found.stdout)
    found = git("rev-parse", "--git-common-dir")
    if found.returncode != 0:
        raise _failed("git rev-parse --git-common-dir 失败", found)
    common = top / _line(found.stdout)          # relative to top, unless git printed it whole
    config, lock = common / CONFIG_NAME, common / "config.lock"
    text = git_config_text(sys.executable, ROOT / "render.py")
    found = git("config", "--local", "-z", "--get-all", "include.path")
    if found.returncode not in (0, 1):          # 1: none yet
        raise _failed("git 读不了这个仓库的设置", found)
    included = CONFIG_NAME.encode() in found.stdout.split(b"\0")
    if not included and lock.exists():          # before writing anything: nothing half done
        raise _locked(lock, top)
    from perfreport.document.write import write_atomic
    write_atomic(config, text)
    if not included:
        added = git("config", "--local", "--add", "include.path", CONFIG_NAME)
        if added.returncode != 0:
            raise _locked(lock, top) if lock.exists() else _failed(f"git 没能在设置里加上 include.path={CONFIG_NAME}", added)
    _verify(git, textconv_command(sys.executable, ROOT / "render.py"))
    return config


def _verify(git, textconv: bytes) -> None:
    """That git reads back the command written, gives a report the driver, and, running the
    command the way it does for a diff, gets the text of a document."""
    shown = textconv.decode("utf-8", "replace")
    found = git("config", "-z", "--get", TEXTCONV_KEY)
    if found.returncode == 1:
        raise ReportError([Finding(ERROR, f"git 没有读到 {CONFIG_NAME} 里的 {TEXTCONV_KEY}：include.path 没有生效")])
    if found.returncode != 0:
        raise _failed(f"git 读不出 {TEXTCONV_KEY}", found)
    if found.stdout[:-1] != textconv:
        origins = _output(git("config", "--show-origin", "--get-all", TEXTCONV_KEY).stdout).replace("\n", "；")
        raise ReportError([Finding(ERROR, f"{TEXTCONV_KEY} 被别处的设置盖过了：{origins}",
                                   hint=f"删掉不在 {CONFIG_NAME} 里的那一条，再运行 git-setup")])
    found = git("check-attr", "-z", "diff", "--", PROBE_PATH)
    if found.returncode != 0:
        raise _failed("git check-attr 失败", found)
    value = found.stdout.split(b"\0")[2].decode("utf-8", "replace") if found.stdout.count(b"\0") >= 3 else "?"
    if value != "perfreport-docx":
        raise ReportError([Finding(ERROR, f"git 不会用本工具比较 .docx：{PROBE_PATH} 的 diff 属性是 {value}",
                                   hint="仓库的 .gitattributes 应有 *.docx binary diff=perfreport-docx（本项目自带），"
                                        ".git/info/attributes 或 core.attributesFile 里的设置会盖过它")])
    with tempfile.TemporaryDirectory(prefix="perfreport-git-setup.") as temporary:
        document = Path(temporary) / "probe.docx"
        with zipfile.ZipFile(document, "w") as archive:     # the one part dump reads
            archive.writestr("word/document.xml", PROBE_XML)
        # the probe's blob goes to an object store of its own, not into the clone's
        objects = Path(temporary) / "objects"
        objects.mkdir()
        env = dict(os.environ, GIT_OBJECT_DIRECTORY=str(objects))
        found = git("hash-object", "-w", "--no-filters", str(document), env=env)
        if found.returncode != 0:
            raise _failed("git hash-object 失败", found)
        try:
            found = git("-c", "diff.perfreport-docx.cachetextconv=false", "cat-file", "--textconv",
                        f"--path={PROBE_PATH}", _output(found.stdout), env=env, timeout=120)
        except subprocess.TimeoutExpired:
            raise ReportError([Finding(ERROR, f"git 运行 {shown} 两分钟没有结束")]) from None
    if found.returncode != 0 or PROBE_TEXT not in found.stdout.decode("utf-8", "replace"):
        said = _output(found.stderr) or _output(found.stdout) or f"退出码 {found.returncode}"
        raise ReportError([Finding(ERROR, f"git 运行 {shown} 没有把 .docx 转成文字：{said}")])


def preview(pdf: Path, folder: Path) -> list[Path]:
    """Each page of a PDF as a PNG (60 dpi) in `folder`, which is emptied first."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        hint = ("请安装 Poppler（Windows：https://github.com/oschwartz10612/poppler-windows ，把 bin 加入 PATH）"
                if sys.platform.startswith("win") else "请安装：apt-get install poppler-utils（macOS：brew install poppler）")
        raise ReportError([Finding(ERROR, "找不到 pdftoppm（Poppler），无法把 PDF 转成图片", hint=hint)])
    try:
        if folder.is_symlink() or folder.is_file():
            folder.unlink()
        elif folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    except OSError as exc:
        raise ReportError([Finding(ERROR, f"无法写文件夹 {folder}（{exc.strerror}）",
                                   hint="请检查它和上级文件夹的写入权限")]) from None
    done = subprocess.run([tool, "-png", "-r", "60", str(pdf), str(folder / "page")], capture_output=True, text=True)
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or [f"退出码 {done.returncode}"])[-1]
        raise ReportError([Finding(ERROR, f"pdftoppm 没能把 {pdf} 转成图片（{said}）", hint="请检查磁盘空间和写入权限")])
    return sorted(folder.glob("page-*.png"))


def run_script(path: Path, args: list[str] | None = None) -> int:
    """A project script (templates/build.py, bench/*.py) as `python script` would run it."""
    saved = sys.argv
    sys.argv = [str(path), *(args or [])]
    try:
        runpy.run_path(str(path), run_name="__main__")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = saved
    return 0


def run_tests(args: list[str]) -> int:
    try:
        import pytest  # noqa: F401
    except ImportError:
        raise UsageError([Finding(ERROR, "没有安装测试所需的包",
                                  hint="请运行 python -m pip install -r requirements-dev.txt")]) from None
    return subprocess.run([sys.executable, "-m", "pytest", "-q", *args], cwd=ROOT).returncode


def warm() -> list[str]:
    """What a first run would otherwise make, made now (at install and after `template`): the
    package's bytecode (read even where PYTHONDONTWRITEBYTECODE keeps Python from writing
    it), and the compiled template and docxtpl's patched body in the cache beside the
    virtual environment. Returns what was made, for the message."""
    import compileall
    from perfreport.commands.pipeline import check_file
    from perfreport.document.report_docx import cache_folder, render
    made = []
    if compileall.compile_dir(str(ROOT / "perfreport"), quiet=1, workers=1):
        made.append("perfreport 的字节码")
    render(check_file(ROOT / "tests" / "fixtures" / "complete.yaml").report)
    folder = cache_folder()
    made.append(f"模板的编译结果（{folder}）" if folder else "模板的编译结果（临时文件夹）")
    return made
