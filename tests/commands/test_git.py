"""Git for a team (README: 团队协作): the diff drivers work from a folder with a space in its
name, Chinese diffs one character at a time with the section in each hunk header, two units
committed on two branches merge without a conflict, and a .docx conflict is resolved by
rendering the merged YAML again."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="no git")
ENV = dict(os.environ, GIT_AUTHOR_NAME="张三", GIT_AUTHOR_EMAIL="a@example.com", GIT_COMMITTER_NAME="张三",
           GIT_COMMITTER_EMAIL="a@example.com", GIT_CONFIG_NOSYSTEM="1", HOME="/nonexistent", LC_ALL="C")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, env=ENV, check=check)


def tool(cwd: Path, *args: str, root: Path = ROOT, reports: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(ENV, PERFREPORT_REPORTS=str(reports)) if reports else ENV
    return subprocess.run([sys.executable, str(root / "render.py"), *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=120)


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    shutil.copy(ROOT / ".gitattributes", path / ".gitattributes")
    return path


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def test_git_setup_from_a_folder_with_a_space_and_what_the_diffs_show(tmp_path):
    # the tool itself lives in a folder with a space: the textconv command must be quoted
    tool_root = tmp_path / "我的 项目"
    shutil.copytree(ROOT / "perfreport", tool_root / "perfreport", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "render.py", tool_root / "render.py")
    repo = new_repo(tmp_path / "县 财政局")
    shutil.copy(ROOT / "reports" / "hengshan.docx", repo / "unit.docx")
    lines = "".join(f"  - 第{i}段。\n" for i in range(5))
    (repo / "unit.yaml").write_text(f"单位:\n  全称: 测试局\n部门整体支出绩效情况:\n{lines}  - 基本支出181.26万元，运转正常。\n",
                                    encoding="utf-8")
    commit(repo, "first")
    done = tool(repo, "git-setup", root=tool_root)
    assert done.returncode == 0, done.stderr
    shutil.copy(ROOT / "reports" / "kaifu.docx", repo / "unit.docx")
    (repo / "unit.yaml").write_text(f"单位:\n  全称: 测试局\n部门整体支出绩效情况:\n{lines}  - 基本支出191.26万元，运转良好。\n",
                                    encoding="utf-8")
    report = git(repo, "diff", "unit.docx").stdout.decode("utf-8")
    assert "-# 2022年度衡山县行政审批服务局" in report and "+# 2019年度长沙市开福区行政审批服务局" in report
    words = git(repo, "diff", "--word-diff=plain", "unit.yaml").stdout.decode("utf-8")
    assert "@@ 部门整体支出绩效情况\n" in words                 # the hunk names its section
    assert "基本支出[-181.26-]{+191.26+}万元，运转[-正常-]{+良好+}。" in words
    # run twice, the include is not added twice
    assert tool(repo, "git-setup", root=tool_root).returncode == 0
    assert git(repo, "config", "--get-all", "include.path").stdout.split() == [b"perfreport.config"]


MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def unit_text(name: str, opening: str = "运转正常。", closing: str = "常态化推进。") -> str:
    text = MINIMAL.replace("文件名: minimal", f"文件名: {name}").replace("运转正常。", opening)
    return text + f"下一步改进措施:\n  - {closing}\n" if "下一步改进措施" not in text else text


def team_repo(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path / "repo")
    reports = repo / "reports"
    reports.mkdir()
    for name in ("a", "b"):
        (reports / f"{name}.yaml").write_text(unit_text(name), encoding="utf-8")
        assert tool(repo, "report", name, reports=reports).returncode == 0
    commit(repo, "two units")
    return repo


def change(repo: Path, branch: str, name: str, old: str, new: str, start: str = "main") -> None:
    git(repo, "checkout", "-q", "-b", branch, start)
    path = repo / "reports" / f"{name}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert tool(repo, "report", name, reports=repo / "reports").returncode == 0
    commit(repo, f"{name} on {branch}")


def test_two_units_committed_on_two_branches_merge_without_a_conflict(tmp_path):
    repo = team_repo(tmp_path)
    change(repo, "one", "a", "运转正常。", "运转良好。")
    change(repo, "two", "b", "运转正常。", "运转平稳。")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "one")
    merged = git(repo, "merge", "--no-edit", "two", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert tool(repo, "check", reports=repo / "reports").returncode == 0


def test_a_docx_conflict_is_resolved_by_rendering_the_merged_yaml(tmp_path):
    repo = team_repo(tmp_path)
    a = repo / "reports" / "a.yaml"
    a.write_text(unit_text("a", closing="常态化推进。") + "其他需要说明的情况:\n  - 无\n", encoding="utf-8")
    assert tool(repo, "report", "a", reports=repo / "reports").returncode == 0
    commit(repo, "room to merge")
    change(repo, "one", "a", "运转正常。", "运转良好。")                 # the same unit, different lines
    change(repo, "two", "a", "  - 无\n", "  - 本年无其他需要说明的情况。\n", start="main")
    git(repo, "checkout", "-q", "one")
    merged = git(repo, "merge", "--no-edit", "two", check=False)
    assert merged.returncode == 1
    assert "CONFLICT (content): Merge conflict in reports/a.docx" in merged.stdout.decode()
    text = a.read_text(encoding="utf-8")
    assert "运转良好。" in text and "本年无其他需要说明的情况。" in text        # the YAML merged by itself
    # README: the report is made again from the merged YAML, then added
    rendered = tool(repo, "report", "a", reports=repo / "reports")
    assert rendered.returncode == 0, rendered.stderr
    git(repo, "add", "reports/a.docx")
    git(repo, "commit", "-q", "--no-edit")
    assert tool(repo, "check", reports=repo / "reports").returncode == 0


def test_check_is_immune_to_line_endings(tmp_path):
    """A unit checked out with CRLF (Git for Windows' autocrlf, before .gitattributes) gives
    the same report, byte for byte, so check still passes."""
    for name in ("hengshan", "wugang"):
        text = (ROOT / "reports" / f"{name}.yaml").read_bytes()
        (tmp_path / f"{name}.yaml").write_bytes(text.replace(b"\n", b"\r\n"))
        shutil.copy(ROOT / "reports" / f"{name}.docx", tmp_path / f"{name}.docx")
    done = tool(tmp_path, "check", reports=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "已过期" not in done.stderr
