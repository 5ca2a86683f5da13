"""git-setup in any clone (issue 20): the textconv command is one sh git runs, so no path in it
may be expanded by sh (a clone under a folder named $(id>pwned.txt) must not run id), the
config file must give git back every byte of it, and git-setup says 已设置 only once git itself
has been seen to use the driver: not when config.lock stopped the include, not in a
`git worktree` whose config lives in the main clone."""
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfreport.shared.errors import ReportError
from perfreport.commands.tasks import WORD_REGEX, git_config_text, git_setup
from tests.commands.test_git import ENV, commit, git, new_repo, tool

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="no git")
HAS_SH = shutil.which("sh") is not None
OLD, NEW = ROOT / "reports" / "hengshan.docx", ROOT / "reports" / "kaifu.docx"
OLD_TITLE, NEW_TITLE = "# 2022年度衡山县行政审批服务局", "# 2019年度长沙市开福区行政审批服务局"

# what sh would expand or split in double quotes, and what git's config file must escape
NASTY = {"space": "县 财政局", "newline": "县\n财政局", "home": "a$HOME", "backslash": "a\\b",
         "command": "a$(id>pwned.txt)b", "backticks": "a`id>pwned.txt`b", "single quote": "O'Brien",
         "double quote": 'a"b', "chinese": "衡山县财政局", "tab": "a\tb", "all at once": "$(id>pwned.txt)'`id`\"\\ \n中"}


def pwned(*places: Path) -> list[Path]:
    return [found for place in places for found in place.rglob("pwned*")]


def config_value(config: Path, key: str) -> bytes:
    done = subprocess.run(["git", "config", "-f", str(config), "-z", "--get", key], capture_output=True, env=ENV)
    assert done.returncode == 0, done.stderr
    return done.stdout[:-1]


def clone_with_the_tool(path: Path) -> Path:
    """The project as cloned into `path`: git-setup runs from the clone, with its own render.py."""
    repo = new_repo(path)
    shutil.copytree(ROOT / "perfreport", repo / "perfreport", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "render.py", repo / "render.py")
    (repo / "reports").mkdir()
    shutil.copy(OLD, repo / "reports" / "a.docx")
    git(repo, "add", ".gitattributes", "reports")
    git(repo, "commit", "-q", "-m", "first")
    return repo


def assert_the_diffs_are_text(repo: Path) -> None:
    shutil.copy(NEW, repo / "reports" / "a.docx")
    diff = git(repo, "diff", "reports/a.docx").stdout.decode("utf-8")
    assert f"-{OLD_TITLE}\n" in diff and f"+{NEW_TITLE}\n" in diff, diff
    git(repo, "commit", "-q", "-am", "second")
    log = git(repo, "log", "-p", "--", "reports/a.docx").stdout.decode("utf-8")
    assert f"-{OLD_TITLE}\n" in log and f"+{NEW_TITLE}\n" in log, log
    assert "Binary files" not in log


@pytest.mark.skipif(not HAS_SH, reason="git runs textconv through sh")
@pytest.mark.parametrize("name", NASTY.values(), ids=NASTY.keys())
def test_git_setup_in_a_clone_whose_path_sh_would_expand(tmp_path, name):
    repo = clone_with_the_tool(tmp_path / name / "perfreport")
    done = tool(repo, "git-setup", root=repo)
    assert done.returncode == 0, done.stderr
    assert "已设置" in done.stderr and "Traceback" not in done.stderr
    assert_the_diffs_are_text(repo)
    assert not pwned(tmp_path, Path.cwd(), ROOT)
    # run again: the include is not added twice
    assert tool(repo, "git-setup", root=repo).returncode == 0
    assert git(repo, "config", "--local", "--get-all", "include.path").stdout == b"perfreport.config\n"


@pytest.mark.skipif(os.name == "nt" or not HAS_SH, reason="a sh script stands for python")
def test_the_python_path_is_quoted_as_well(tmp_path, monkeypatch):
    """sys.executable is the other path in the command (C:/Program Files/... on Windows)."""
    folder = tmp_path / NASTY["all at once"] / "Program Files"
    folder.mkdir(parents=True)
    python = folder / "python"
    python.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} \"$@\"\n", encoding="utf-8")
    python.chmod(0o755)
    repo = new_repo(tmp_path / "repo")
    (repo / "reports").mkdir()
    shutil.copy(OLD, repo / "reports" / "a.docx")
    commit(repo, "first")
    for key in ("HOME", "GIT_CONFIG_NOSYSTEM", "LC_ALL"):
        monkeypatch.setenv(key, ENV[key])
    monkeypatch.setattr(sys, "executable", str(python))
    git_setup(repo)
    assert_the_diffs_are_text(repo)
    assert not pwned(tmp_path, Path.cwd(), ROOT)


@pytest.mark.skipif(not HAS_SH, reason="the value is read back through sh")
def test_the_config_gives_git_and_sh_back_every_byte(tmp_path):
    config = tmp_path / "perfreport.config"
    for name in [*NASTY.values(), "a\rb", "a\x01b\x7f", "a\bb", "end\\"]:
        python, script = f"/opt/{name}/python", f"/srv/{name}/render.py"
        config.write_bytes(git_config_text(python, Path(script), windows=False))
        textconv = config_value(config, "diff.perfreport-docx.textconv")
        # git runs `sh -c '<textconv> "$@"'`: printf stands in for python to show the words sh made
        words = subprocess.run(["sh", "-c", "printf '%s\\0' " + textconv.decode("utf-8") + ' "$@"', "sh", "FILE"],
                               capture_output=True, check=True).stdout
        assert words.split(b"\0") == [python.encode(), script.encode(), b"dump", b"FILE", b""], name
    assert config_value(config, "diff.perfreport-docx.wordRegex") == WORD_REGEX
    assert config_value(config, "diff.perfreport-yaml.wordRegex") == WORD_REGEX


def test_on_windows_the_paths_are_forward_slashed_and_quoted_for_gits_sh(tmp_path):
    config = tmp_path / "perfreport.config"
    config.write_bytes(git_config_text("C:\\Program Files\\Python311\\python.exe",
                                       "D:\\县 财政局\\O'Brien\\render.py", windows=True))
    assert config_value(config, "diff.perfreport-docx.textconv") == (
        "'C:/Program Files/Python311/python.exe' 'D:/县 财政局/O'\\''Brien/render.py' dump".encode("utf-8"))


def test_a_path_git_cannot_carry_is_refused():
    with pytest.raises(ReportError) as refused:
        git_config_text("/opt/a\0b/python", Path("/srv/render.py"), windows=False)
    text = refused.value.findings[0].text()
    assert "NUL" in text and "/opt/a" in text


def test_a_config_lock_is_a_message_and_changes_nothing(tmp_path):
    repo = clone_with_the_tool(tmp_path / "repo")
    lock = repo / ".git" / "config.lock"
    lock.write_bytes(b"")
    before = (repo / ".git" / "config").read_bytes()
    done = tool(repo, "git-setup", root=repo)
    assert done.returncode == 1
    assert ".git/config.lock 存在：另一个 git 正在运行，或上次异常退出" in done.stderr
    assert "确认没有 git 在运行后删除它再试" in done.stderr
    assert "已设置" not in done.stderr and "Traceback" not in done.stderr
    assert (repo / ".git" / "config").read_bytes() == before
    assert not (repo / ".git" / "perfreport.config").exists()
    # once it is gone, git-setup works
    lock.unlink()
    assert tool(repo, "git-setup", root=repo).returncode == 0
    assert_the_diffs_are_text(repo)


def test_a_config_lock_does_not_matter_once_the_include_is_there(tmp_path):
    repo = clone_with_the_tool(tmp_path / "repo")
    assert tool(repo, "git-setup", root=repo).returncode == 0
    (repo / ".git" / "config.lock").write_bytes(b"")
    again = tool(repo, "git-setup", root=repo)
    assert again.returncode == 0, again.stderr
    assert_the_diffs_are_text(repo)


@pytest.mark.skipif(not HAS_SH, reason="git runs textconv through sh")
def test_in_a_git_worktree_the_driver_is_active_there_and_in_the_main_clone(tmp_path):
    main = clone_with_the_tool(tmp_path / "main")
    work = tmp_path / "县 工作区"
    git(main, "worktree", "add", "-q", "-b", "other", str(work))
    done = tool(work, "git-setup", root=main)
    assert done.returncode == 0, done.stderr
    # written where the common config includes it from, not into .git/worktrees/<name>
    assert (main / ".git" / "perfreport.config").is_file()
    assert not list((main / ".git" / "worktrees").rglob("perfreport.config"))
    assert_the_diffs_are_text(work)
    git(main, "checkout", "-q", "main")
    assert_the_diffs_are_text(main)


def test_a_textconv_set_after_the_include_is_named(tmp_path):
    repo = clone_with_the_tool(tmp_path / "repo")
    assert tool(repo, "git-setup", root=repo).returncode == 0
    git(repo, "config", "--local", "diff.perfreport-docx.textconv", "cat")
    done = tool(repo, "git-setup", root=repo)
    assert done.returncode == 1
    assert "diff.perfreport-docx.textconv" in done.stderr and ".git/config" in done.stderr
    assert "已设置" not in done.stderr and "Traceback" not in done.stderr


def test_an_attribute_that_hides_the_driver_is_named(tmp_path):
    repo = clone_with_the_tool(tmp_path / "repo")
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "attributes").write_text("*.docx -diff\n", encoding="utf-8")
    done = tool(repo, "git-setup", root=repo)
    assert done.returncode == 1
    assert "diff=perfreport-docx" in done.stderr and "info/attributes" in done.stderr
    assert "已设置" not in done.stderr and "Traceback" not in done.stderr


def test_a_textconv_that_does_not_dump_is_a_message(tmp_path, monkeypatch):
    repo = clone_with_the_tool(tmp_path / "repo")
    for key in ("HOME", "GIT_CONFIG_NOSYSTEM", "LC_ALL"):
        monkeypatch.setenv(key, ENV[key])
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no such python"))
    with pytest.raises(ReportError) as failed:
        git_setup(repo)
    text = failed.value.findings[0].text()
    assert "没有把 .docx 转成文字" in text and "no such python" in text
