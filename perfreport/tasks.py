"""The commands that stand for the Makefile's other targets, so that a machine without make
(Windows) has every one of them: git-setup, preview, template, test, bench, planted."""
from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import ReportError, UsageError
from .findings import ERROR, Finding
from .pipeline import ROOT

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


def git_setup(cwd: Path | None = None) -> Path:
    """Write the diff drivers to .git/perfreport.config (bytes: the word regex holds byte
    ranges no command line can carry on Windows) and include it from the clone's config."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    try:
        found = git("rev-parse", "--git-dir")
    except FileNotFoundError:
        raise UsageError([Finding(ERROR, "找不到 git", hint="请先安装 Git（Windows：https://git-scm.com/）")]) from None
    if found.returncode != 0:
        raise UsageError([Finding(ERROR, "这里不是 git 仓库", hint="请在项目的文件夹（git clone 下来的）里运行")])
    git_dir = Path(found.stdout.strip())
    if not git_dir.is_absolute():
        git_dir = (Path(cwd or ".") / git_dir).resolve()
    config = git_dir / CONFIG_NAME
    from .write import write_atomic
    write_atomic(config, git_config_text(sys.executable, ROOT / "render.py"))
    included = git("config", "--local", "--get-all", "include.path").stdout.split()
    if CONFIG_NAME not in included:
        git("config", "--local", "--add", "include.path", CONFIG_NAME)
    return config


def preview(pdf: Path, folder: Path) -> list[Path]:
    """Each page of a PDF as a PNG (60 dpi) in `folder`, which is emptied first."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        hint = ("请安装 Poppler（Windows：https://github.com/oschwartz10612/poppler-windows ，把 bin 加入 PATH）"
                if sys.platform.startswith("win") else "请安装：apt-get install poppler-utils（macOS：brew install poppler）")
        raise ReportError([Finding(ERROR, "找不到 pdftoppm（Poppler），无法把 PDF 转成图片", hint=hint)])
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    subprocess.run([tool, "-png", "-r", "60", str(pdf), str(folder / "page")], check=True)
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
    from .pipeline import check_file
    from .render import cache_folder, render
    made = []
    if compileall.compile_dir(str(ROOT / "perfreport"), quiet=1, workers=1):
        made.append("perfreport 的字节码")
    render(check_file(ROOT / "tests" / "fixtures" / "complete.yaml").report)
    folder = cache_folder()
    made.append(f"模板的编译结果（{folder}）" if folder else "模板的编译结果（临时文件夹）")
    return made
