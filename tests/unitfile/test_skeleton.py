"""`make new`: the blank unit file has every field with its description, validates once filled,
and never replaces an existing unit."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from perfreport.unitfile.load import load
from perfreport.unitfile.schema import types_of, walk_fields
from perfreport.unitfile.skeleton import SCHEMA_LINE, skeleton
from perfreport.unitfile.validate import check
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    path = tmp_path_factory.mktemp("new") / "xinhua.yaml"
    path.write_text(skeleton("xinhua"), encoding="utf-8")
    return path


def expected_paths() -> list[tuple]:
    """Every field of the schema, list items as index 0, except inside 文字块 (free text the
    officer writes) and table rows."""
    fields = list(walk_fields())
    free = [f.path for f in fields if "list" in types_of(f.rules) and f.rules.get("schema") == "文字块"]
    free += [f.path for f in fields if f.path[-1] == "行"]
    paths = []
    for f in fields:
        if any(f.path[:len(p) + 1] == p + ("[]",) for p in free):
            continue
        paths.append(tuple(0 if part == "[]" else part for part in f.path))
    return paths


def test_every_field_is_there_blank_under_its_description(blank):
    loaded = load(blank)
    lines = blank.read_text(encoding="utf-8").splitlines()
    assert loaded.data == {"单位": {"文件名": "xinhua"}}
    for path in expected_paths():
        if path in (("单位", "文件名"), ("单位",)):
            continue
        assert path in loaded.blank_paths, path
        line = loaded.key_positions[path][0]
        comment = lines[line - 2].strip()
        description = next(f.description for f in walk_fields()
                           if tuple(0 if p == "[]" else p for p in f.path) == path)
        if not comment.startswith(f"# {description}"):      # a second comment line says how to write lists
            comment = lines[line - 3].strip()
        assert comment.startswith(f"# {description}"), path


def test_first_line_tells_the_editor_where_the_schema_is(blank):
    assert blank.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


def test_required_fields_and_choices_are_marked(blank):
    text = blank.read_text(encoding="utf-8")
    assert "# 预算单位全称，如“衡山县行政审批服务局”。（必填）\n  全称:\n" in text
    assert "# 核定的行政编制数（人）。\n  行政编制:\n" in text            # blank is allowed: not known
    assert "（只能填：保留两位小数、保留一位小数、四舍五入取整、向下取整）\n  得分取整:\n" in text
    assert "  # 一级项目名称。（必填）\n  - 名称:\n    # 项目的主管部门" in text


def test_blank_file_names_each_required_field_at_its_line(blank):
    texts = [f.text() for f in check(load(blank, "reports/xinhua.yaml"))]
    assert texts[0] == "reports/xinhua.yaml:10:3: 单位.全称: 必填字段“全称”没有填写。应填写：预算单位全称，如“衡山县行政审批服务局”。"
    # only what no report can exist without; `make check` lists the rest as 缺项 (tests/audit)
    assert [t.split(": ")[1] for t in texts] == ["单位.全称", "单位.年度"]


def value_at(data, path):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def test_filled_with_a_real_units_values_it_validates(blank, tmp_path):
    """Fill each blank leaf of the skeleton, in place, with yueyanglou's value at that path."""
    real = load(ROOT / "reports" / "yueyanglou.yaml").data
    loaded = load(blank)
    lines = blank.read_text(encoding="utf-8").splitlines()
    leaves = [p for p in loaded.blank_paths if not any(q[:len(p)] == p and q != p for q in loaded.blank_paths)]
    filled = 0
    for path in leaves:
        value = value_at(real, path)
        if value is None:
            continue
        line = loaded.key_positions[path][0] - 1
        assert lines[line].endswith(":"), lines[line]
        lines[line] += " " + json.dumps(value, ensure_ascii=False, default=float)
        filled += 1
    assert filled > 40
    path = tmp_path / "yueyanglou.yaml"
    path.write_text("\n".join(lines).replace("文件名: xinhua", "文件名: yueyanglou"), encoding="utf-8")
    assert check(load(path)) == []
    assert value_at(load(path).data, ("预算", "全年预算数")) == Decimal("1393.97")


def cli(*args, reports):
    env = dict(os.environ, PERFREPORT_REPORTS=str(reports))
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env=env)


def test_new_writes_the_skeleton_and_refuses_to_overwrite(tmp_path):
    made = cli("new", "xinhua", reports=tmp_path)
    assert made.returncode == 0, made.stderr
    written = (tmp_path / "xinhua.yaml").read_text(encoding="utf-8")
    assert written == skeleton("xinhua")
    (tmp_path / "xinhua.yaml").write_text("单位: 已经填了\n", encoding="utf-8")
    again = cli("new", "xinhua", reports=tmp_path)
    assert again.returncode == 1
    assert "xinhua.yaml 已经存在，不会覆盖" in again.stderr
    assert (tmp_path / "xinhua.yaml").read_text(encoding="utf-8") == "单位: 已经填了\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xinhua.yaml"]


@pytest.mark.parametrize("name", ["../x", "/tmp/x", "新单位", "a b", "x;rm", "X"])
def test_new_refuses_a_name_that_is_not_a_plain_file_name(tmp_path, name):
    result = cli("new", name, reports=tmp_path)
    assert result.returncode == 1
    assert f"单位名“{name}”不合规则" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_readmes_new_unit_steps_run_as_written(tmp_path):
    # README 新建一个单位: new, check of that unit, report — no step fails for want of the next
    assert cli("new", "xinhua", reports=tmp_path).returncode == 0
    path = tmp_path / "xinhua.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  全称:\n", "  全称: 新华乡人民政府\n", 1).replace("  年度:\n", "  年度: 2023\n", 1),
                    encoding="utf-8")
    checked = cli("check", "xinhua", reports=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.splitlines()[-1].endswith("；报告还没有生成，下一步运行 python render.py report xinhua")
    made = cli("report", "xinhua", reports=tmp_path)
    assert made.returncode == 0, made.stderr
    assert cli("check", "xinhua", reports=tmp_path).returncode == 0
    # over the whole folder a unit without its report is one not committed whole
    (tmp_path / "xinhua.docx").unlink()
    assert cli("check", reports=tmp_path).returncode == 1


def test_new_writes_the_skeleton_of_the_outline_it_is_given(tmp_path):
    made = cli("new", "xinhua", "--outline", "四部分", reports=tmp_path)
    assert made.returncode == 0, made.stderr
    written = (tmp_path / "xinhua.yaml").read_text(encoding="utf-8")
    assert written == skeleton("xinhua", outline="四部分")
    assert "\n设置:\n" in written and "\n  提纲: 四部分\n" in written
    # its sections' fields say where they print under that outline
    assert ("# 第三节“存在的问题及改进措施”的内容（改进措施）。完整的报告必须有这一部分。\n# 写法：一段一行“- 文字”；"
            "带标题的一层写“- 标题: …”，下面“内容:”再分段。编号由程序生成。\n下一步改进措施:\n") in written
    loaded = load(tmp_path / "xinhua.yaml")
    assert loaded.data["设置"] == {"提纲": "四部分"}
    # the standard outline is the one a unit that names none gets: its skeleton leaves 提纲 blank
    assert "\n  提纲:\n" in skeleton("xinhua") and skeleton("xinhua", outline="十节") == skeleton("xinhua")
    unknown = cli("new", "other", "--outline", "五部分", reports=tmp_path)
    assert unknown.returncode == 2 and "没有名为“五部分”的提纲；可选：十节、四部分" in unknown.stderr
    assert not (tmp_path / "other.yaml").exists()


def test_a_four_part_skeleton_filled_in_checks_under_its_outline(tmp_path):
    assert cli("new", "xinhua", "--outline", "四部分", reports=tmp_path).returncode == 0
    path = tmp_path / "xinhua.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  全称:\n", "  全称: 新华乡人民政府\n", 1).replace("  年度:\n", "  年度: 2023\n", 1),
                    encoding="utf-8")
    checked = cli("check", "xinhua", reports=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert cli("report", "xinhua", reports=tmp_path).returncode == 0
    from perfreport.document.dump import dump_bytes
    headings = [line for line in dump_bytes((tmp_path / "xinhua.docx").read_bytes()).splitlines()
                if line.startswith("## ")]
    assert headings[1] == "## 二、预算支出及绩效情况" and len(headings) == 4
