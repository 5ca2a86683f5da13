"""Input a text editor allows but no officer means: each ends in a Chinese message with
file, line and field where there is one, exit code 1, no traceback, and no file touched."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def cli(*args, reports: Path | None = None):
    env = dict(os.environ)
    if reports is not None:
        env["PERFREPORT_REPORTS"] = str(reports)
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=env)


def refused(result, *messages):
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for message in messages:
        assert message in result.stderr
    return result.stderr


def unit_file(folder: Path, text: str, name: str = "minimal") -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["../x", "../../etc/passwd", "/etc/passwd", "a b", "新单位", "x;rm -rf ~",
                                  "$(id)", "`id`", "x|y", "X", ""])
def test_unit_names_that_are_not_plain_file_names(tmp_path, name):
    (tmp_path / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    refused(cli("report", name, reports=tmp_path), f"单位名“{name}”不合规则")
    assert sorted(tmp_path.iterdir()) == before


def test_missing_file_and_folder_in_place_of_a_file(tmp_path):
    refused(cli("check", str(tmp_path / "nosuch.yaml")), "nosuch.yaml: 文件不存在")
    (tmp_path / "x.yaml").mkdir()
    refused(cli("check", str(tmp_path / "x.yaml")), "x.yaml: 这是一个文件夹，不是 YAML 文件")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path):
    path = unit_file(tmp_path, MINIMAL)
    path.chmod(0)
    refused(cli("check", str(path)), "无法读取文件（Permission denied）")


def test_file_over_the_size_limit(tmp_path):
    path = unit_file(tmp_path, MINIMAL + "# " + "填" * 1_000_000 + "\n")
    refused(cli("check", str(path)), "超过上限 2 MB")


@pytest.mark.parametrize("text", ["a: " + "[" * 100_000 + "]" * 100_000 + "\n",
                                  "a: " + "{b: " * 50_000 + "1" + "}" * 50_000 + "\n",
                                  "- " * 100_000 + "x\n"])
def test_deep_nesting_is_refused_not_crashed(tmp_path, text):
    path = unit_file(tmp_path, text)
    result = cli("check", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr      # 139 would be a crash
    assert "嵌套" in result.stderr or "YAML 格式错误" in result.stderr


def test_control_character_typed_as_an_escape(tmp_path):
    path = unit_file(tmp_path, MINIMAL.replace("[运转正常。]", '["运转\\x0b正常。"]'))
    refused(cli("report", str(path)), "minimal.yaml:20:14: 部门整体支出绩效情况[1]: 文字中有 Word 文档不允许的控制字符（U+000B）")
    assert not path.with_suffix(".docx").exists()


def test_impossible_date(tmp_path):
    path = unit_file(tmp_path, MINIMAL.replace("  年度: 2023\n", "  年度: 2023\n  填报日期: 2024年2月30日\n"))
    refused(cli("report", str(path)), "minimal.yaml:6:3: 单位.填报日期: 错误（填报日期）：“2024年2月30日”不是实际存在的日期")
    assert not path.with_suffix(".docx").exists()


def test_negative_money(tmp_path):
    path = unit_file(tmp_path, MINIMAL.replace("预算: {年初预算数: 10,", "预算: {年初预算数: -10,"))
    refused(cli("check", str(path)), "minimal.yaml:11:6: 预算.年初预算数: 不能小于 0，实际是 -10")


@pytest.mark.parametrize("value", [".nan", "-.inf", ".Inf"])
def test_nan_and_infinity(tmp_path, value):
    path = unit_file(tmp_path, MINIMAL.replace("全年预算数: 10}", f"全年预算数: {value}}}"))
    refused(cli("check", str(path)), f"“{value}”不是一个有限的数字")


def test_template_syntax_in_prose_prints_literally(tmp_path):
    words = "{{ 7*7 }}与{% for x in y %}循环{% endfor %}{#注释#}"
    path = unit_file(tmp_path, MINIMAL.replace("[运转正常。]", f"['{words}']"))
    done = cli("report", str(path))
    assert done.returncode == 0, done.stderr
    text = cli("dump", str(path.with_suffix(".docx"))).stdout
    assert words in text and "49" not in text


def test_very_long_text_renders_whole(tmp_path):
    long = "长" * 200_000
    path = unit_file(tmp_path, MINIMAL.replace("[运转正常。]", f"[{long}]"))
    assert cli("report", str(path)).returncode == 0
    assert long in cli("dump", str(path.with_suffix(".docx"))).stdout
