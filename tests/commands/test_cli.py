"""The command as a user runs it: exit codes, messages on stderr, help for every option."""
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from perfreport.commands.cli import COMMANDS, Output, build_parser
from perfreport.shared.findings import ERROR, Finding

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_every_option_and_command_has_help():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, sub in subparsers.choices.items():
        assert sub.description, name
        for action in sub._actions:
            assert action.help, f"{name} {action.dest}"
    for choice in subparsers._choices_actions:
        assert choice.help
    assert set(subparsers.choices) == set(COMMANDS)          # every command runs something


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "check" in result.stdout and "退出码" in result.stdout


def test_check_passes_with_warnings_and_strict_fails():
    plain = run("check", "hengshan")
    assert plain.returncode == 0
    assert "reports/hengshan.yaml：通过（33 条警告）" in plain.stderr
    strict = run("check", "--strict", "hengshan")
    assert strict.returncode == 1


def test_check_level_lists_that_level_and_surer_and_says_how_many_it_left_out():
    every = run("check", "hengshan").stderr.splitlines()
    levels = [line.split("警告（")[1].split("·")[0] for line in every if "警告（" in line]
    assert (levels.count("确定"), levels.count("疑似"), levels.count("提示")) == (8, 1, 24)
    certain = run("check", "--level", "确定", "hengshan")
    shown = [line for line in certain.stderr.splitlines() if "警告（" in line]
    assert shown == [line for line in every if "警告（确定·" in line]
    assert certain.stderr.splitlines()[-1] == ("reports/hengshan.yaml：通过（8 条“确定”的警告；"
                                               "另有 25 条程度较低的未列出，去掉 --level 可看全部）")
    suspected = run("check", "--level", "疑似", "hengshan").stderr.splitlines()
    assert sum("警告（" in line for line in suspected) == 9
    assert "（9 条“疑似”及以上的警告；另有 24 条" in suspected[-1]
    assert run("check", "--level", "提示", "hengshan").stderr.splitlines() == every
    wrong = run("check", "--level", "很确定", "hengshan")
    assert wrong.returncode == 2 and "--level 不能是“很确定”，可选：确定、疑似、提示" in wrong.stderr


def test_under_strict_only_the_warnings_shown_fail():
    # kaifu's warnings are all 提示 (缺项, 用词): none is a contradiction of figures
    assert run("check", "--strict", "kaifu").returncode == 1
    quiet = run("check", "--strict", "--level", "确定", "kaifu")
    assert quiet.returncode == 0, quiet.stderr
    assert run("check", "--strict", "--level", "提示", "kaifu").returncode == 1
    failed = run("check", "--strict", "--level", "确定", "hengshan")
    assert failed.returncode == 1
    assert "reports/hengshan.yaml：未通过（--strict：8 条“确定”的警告；" in failed.stderr


def test_piped_output_is_plain_text():
    result = run("check", "hengshan")
    assert "\x1b[" not in result.stderr
    assert all(line.startswith("reports/hengshan.yaml") for line in result.stderr.splitlines())


def test_unknown_unit_names_the_known_ones():
    result = run("check", "nosuchunit")
    assert result.returncode == 1
    assert result.stderr.startswith("没有这个单位：reports/nosuchunit.yaml。已有的单位：")


def test_bad_unit_name_is_refused():
    result = run("check", "../etc/passwd")
    assert result.returncode == 1
    assert "单位名“../etc/passwd”不合规则" in result.stderr


def test_check_without_arguments_checks_every_unit():
    result = run("check")
    assert result.returncode == 0
    units = sorted(p.stem for p in (ROOT / "reports").glob("*.yaml"))
    for name in units:
        assert f"reports/{name}.yaml：通过" in result.stderr


def run_in(reports, *args):
    env = dict(os.environ, PERFREPORT_REPORTS=str(reports))
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)


def test_check_fails_naming_the_unit_whose_committed_docx_is_stale(tmp_path):
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal.yaml", tmp_path / "minimal.yaml")
    missing = run_in(tmp_path, "check")
    assert missing.returncode == 1
    assert f"minimal.yaml: 没有 {tmp_path / 'minimal.docx'}：报告还没有生成。运行 python render.py report minimal" in missing.stderr
    assert run_in(tmp_path, "report", "minimal").returncode == 0
    assert run_in(tmp_path, "check").returncode == 0
    yaml_file = tmp_path / "minimal.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("运转正常。", "运转良好。"), encoding="utf-8")
    stale = run_in(tmp_path, "check")
    assert stale.returncode == 1
    assert f"{tmp_path / 'minimal.docx'} 已过期：它不是 minimal.yaml 和当前模板生成的结果" in stale.stderr


def test_rendering_in_separate_processes_gives_the_same_bytes(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"{seed}.docx"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "render.py", "report", "tests/fixtures/complete.yaml", "-o", str(target)],
                       cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_the_summary_is_not_a_committed_file_that_report_leaves_stale(tmp_path):
    """The summary is made by `all` and not committed (.gitignore): rendering one unit leaves
    check passing, and two units committed at once never conflict on it."""
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal.yaml", tmp_path / "minimal.yaml")
    assert run_in(tmp_path, "all").returncode == 0
    assert (tmp_path / "SUMMARY.md").exists() and (tmp_path / "SUMMARY.xlsx").exists()
    yaml_file = tmp_path / "minimal.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("全年预算数: 10}", "全年预算数: 12}"),
                         encoding="utf-8")
    assert run_in(tmp_path, "report", "minimal").returncode == 0
    assert run_in(tmp_path, "check").returncode == 0
    ignored = subprocess.run(["git", "check-ignore", "reports/SUMMARY.md", "reports/SUMMARY.xlsx"], cwd=ROOT,
                             capture_output=True, text=True)
    assert ignored.stdout.split() == ["reports/SUMMARY.md", "reports/SUMMARY.xlsx"]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_findings_are_plain_lines_when_piped_and_coloured_in_a_terminal(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    finding = Finding(ERROR, "合计与各项之和不符", file="reports/x.yaml", line=12, column=5, path="预算.合计",
                      rule="合计")
    piped, terminal = io.StringIO(), Terminal()
    for stream in (piped, terminal):
        Output(stream).finding(finding)
        Output(stream).say("已生成 reports/x.docx", "green")
    assert piped.getvalue() == f"{finding.text()}\n已生成 reports/x.docx\n"
    assert "\x1b[1;31m错误\x1b[0m" in terminal.getvalue()
    assert "\x1b[32m已生成 reports/x.docx\x1b[0m" in terminal.getvalue()
