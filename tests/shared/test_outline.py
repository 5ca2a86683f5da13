"""The outline is data: templates/outline.yaml declares the standard ten sections, and one more
declaration (seed 003's older four-part outline) renders the same unit differently, with no
change of code."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

from perfreport.document.dump import dump_bytes
from perfreport.shared.errors import ValidationError
from perfreport.shared.outline import OUTLINE_FILE, OutlineError, load_outline, parse
from perfreport.document.report_docx import render
from tests.conftest import FIXTURES, ROOT, run

FOUR_PART = ROOT / "templates" / "outline_four_part.yaml"
SEEDS = Path(__file__).parents[1] / "seeds"


def test_the_standard_outline():
    outline = load_outline()
    assert [s.title for s in outline.sections][:2] == ["部门（单位）基本情况", "一般公共预算支出情况"]
    assert len(outline.sections) == 10
    assert [p.key for p in outline.funds] == ["政府性基金预算支出", "国有资本经营预算支出", "社会保险基金预算支出"]
    assert outline.text_keys == ["引言", "基本情况补充", "支出情况补充", "部门整体支出绩效情况", "存在的问题及原因分析",
                                 "下一步改进措施", "部门整体支出绩效自评结果拟应用和公开情况", "其他需要说明的情况"]
    assert outline.section_of("其他需要说明的情况") == 10 and outline.section_of("政府性基金预算支出") == 3


def _raw(**changes):
    raw = yaml.safe_load(OUTLINE_FILE.read_text(encoding="utf-8"))
    raw.update(changes)
    return raw


@pytest.mark.parametrize("changes,message", [
    ({"attachments": [{"form": "overall", "title": "x"}, {"form": "basic_data", "title": "y"}]}, "in that order"),
    ({"attachments": [{"form": "overall", "title": "x"}]}, "always prints"),
    ({"sections": [{"title": "甲", "parts": [{"text": "A"}, {"text": "A"}]}]}, "read by two parts"),
    ({"sections": [{"title": "甲", "parts": [{"generated": "budget"}]}]}, "unknown generated part"),
    ({"sections": [{"title": "甲", "parts": [{"text": "A", "fund": "B", "name": "x"}]}]}, "exactly one of"),
    ({"sections": [{"title": "甲", "parts": [{"fund": "B"}]}]}, "needs a name"),
])
def test_an_outline_that_does_not_describe_a_report_is_refused(changes, message):
    with pytest.raises(OutlineError, match=message):
        parse(_raw(**changes))


@pytest.fixture(scope="module")
def four_part():
    report, findings = run(ROOT / "reports" / "hengshan.yaml", outline=FOUR_PART)
    return report, findings, dump_bytes(render(report)).splitlines()


def test_the_same_unit_under_the_four_part_outline(four_part):
    _, _, lines = four_part
    headings = [line for line in lines if line.startswith(("## ", "### ", "#### "))]
    assert [h for h in headings if h.startswith("## ")] == [
        "## 一、单位基本情况", "## 二、预算支出及绩效情况", "## 三、存在的问题及改进措施", "## 四、其他需要说明的情况"]
    two = headings.index("## 二、预算支出及绩效情况")
    assert headings[two + 1:two + 4] == ["### （一）部门预决算情况", "#### 1.基本支出情况", "#### 2.项目支出情况"]
    assert "### （二）资金使用及绩效情况" in headings and "#### 1.整体绩效目标完成情况" in headings
    # the parts of one section number on; a part with its own heading is a subsection
    assert headings[-1] == "## 四、其他需要说明的情况"
    assert "### （五）改进措施" in headings
    # its title: one line, as seed 003's, and its 附件3 under the outline's title for it
    assert lines[1] == "# 2022年度部门整体支出绩效自评报告"
    assert "2022年度预算支出绩效自评表" in lines


def test_the_four_part_outline_carries_more_of_seed_003(four_part, tmp_path):
    sys.path.insert(0, str(SEEDS))
    import fidelity
    seed = fidelity.sentences(next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8"))
    report, _, _ = four_part
    (tmp_path / "h.docx").write_bytes(render(report))
    under_four = fidelity.norm(fidelity.docx_text(str(tmp_path / "h.docx")))
    under_ten = fidelity.norm(fidelity.docx_text(str(ROOT / "reports" / "hengshan.docx")))
    found = [s for s in seed if s in under_four]
    assert "二、预算支出及绩效情况" in found and "三、存在的问题及改进措施" in found
    assert len(found) > len([s for s in seed if s in under_ten])


def test_the_audit_follows_the_outline(four_part, tmp_path):
    report, findings, _ = four_part
    # the same figures and the same disagreements as under the standard outline
    assert sorted(f.path for f in findings if f.rule == "数字核对") == [
        "资产.净资产", "项目[1].总分", "预算.年初预算数", "预算.按支出性质分.项目支出"]
    # own words under a part's subsection start two levels down: a second level of headings there is too deep
    unit = (ROOT / "reports" / "hengshan.yaml").read_text(encoding="utf-8").replace(
        "  原文:\n    - 2022年度政府采购支出", "  原文:\n    - {标题: 甲, 内容: [{标题: 乙}]}\n    - 2022年度政府采购支出")
    path = tmp_path / "hengshan.yaml"
    path.write_text(unit, encoding="utf-8")
    _, standard = run(path)
    _, four = run(path, outline=FOUR_PART)
    assert [f.rule for f in standard if f.is_error] == []
    assert [(f.rule, f.path) for f in four if f.is_error] == [("文字结构", "政府采购.原文[1].内容[1].标题")]


def test_the_command_takes_an_outline(tmp_path):
    import subprocess
    target = tmp_path / "h.docx"
    done = subprocess.run([sys.executable, "render.py", "report", "hengshan", "--outline", str(FOUR_PART), "-o",
                           str(target)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "## 二、预算支出及绩效情况" in dump_bytes(target.read_bytes())
    missing = subprocess.run([sys.executable, "render.py", "check", "hengshan", "--outline", "no.yaml"], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "没有提纲文件 no.yaml；可选的提纲：十节、四部分，或一个提纲文件的路径" in missing.stderr
    # an outline of templates/ by its name, as a unit names it
    by_name = subprocess.run([sys.executable, "render.py", "report", "hengshan", "--outline", "四部分", "-o",
                              str(target)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert by_name.returncode == 0, by_name.stderr
    unknown = subprocess.run([sys.executable, "render.py", "check", "hengshan", "--outline", "五部分"], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 2 and "没有名为“五部分”的提纲；可选的提纲：十节、四部分" in unknown.stderr


# ---------------------------------------------------------------- a unit chooses its outline

def four_part_unit(folder: Path, name: str = "hengfour") -> Path:
    """reports/hengshan.yaml as a unit that chose the four-part outline (设置.提纲: 四部分)."""
    text = (ROOT / "reports" / "hengshan.yaml").read_text(encoding="utf-8")
    path = folder / f"{name}.yaml"
    path.write_text(text.replace("  文件名: hengshan\n", f"  文件名: {name}\n")
                    .replace("\n设置:\n", "\n设置:\n  提纲: 四部分\n", 1), encoding="utf-8")
    return path


def cli_in(folder: Path, *args):
    import os
    import subprocess
    env = dict(os.environ, PERFREPORT_REPORTS=str(folder), COLUMNS="200")
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=env)


FOUR_PART_SECTIONS = ["## 一、单位基本情况", "## 二、预算支出及绩效情况", "## 三、存在的问题及改进措施",
                      "## 四、其他需要说明的情况"]


def test_a_unit_renders_under_the_outline_it_chose(tmp_path, four_part):
    path = four_part_unit(tmp_path)
    report, findings = run(path)
    assert report.outline.name == "四部分" and report.outline == load_outline(FOUR_PART)
    lines = dump_bytes(render(report)).splitlines()
    assert [line for line in lines if line.startswith("## ")] == FOUR_PART_SECTIONS
    assert lines[1] == "# 2022年度部门整体支出绩效自评报告"
    # the same as the same unit given the outline on the command line (its lines one down)
    assert lines == four_part[2]
    assert [(f.path, f.message) for f in findings] == [(f.path, f.message) for f in four_part[1]]


def test_all_and_check_use_each_units_own_outline(tmp_path):
    four_part_unit(tmp_path)
    shutil.copy(ROOT / "reports" / "kaifu.yaml", tmp_path / "kaifu.yaml")
    done = cli_in(tmp_path, "all")
    assert done.returncode == 0, done.stderr
    assert "2 个单位通过（2 个文档有变化），0 个有错误" in done.stderr
    summary = (tmp_path / "SUMMARY.md").read_text(encoding="utf-8")
    assert "衡山县行政审批服务局" in summary and "长沙市开福区行政审批服务局" in summary
    four = [line for line in dump_bytes((tmp_path / "hengfour.docx").read_bytes()).splitlines()
            if line.startswith("## ")]
    ten = [line for line in dump_bytes((tmp_path / "kaifu.docx").read_bytes()).splitlines() if line.startswith("## ")]
    assert four == FOUR_PART_SECTIONS and len(ten) == 10
    # the committed report is what the unit's own outline gives: fresh
    checked = cli_in(tmp_path, "check")
    assert checked.returncode == 0, checked.stderr
    assert "hengfour.yaml：通过" in checked.stderr and "kaifu.yaml：通过" in checked.stderr
    # a report of the other outline, put in its place, is not
    made = cli_in(tmp_path, "report", "hengfour", "--outline", "十节")
    assert made.returncode == 0, made.stderr
    stale = cli_in(tmp_path, "check")
    assert stale.returncode == 1
    assert f"{tmp_path / 'hengfour.docx'} 已过期：它不是 hengfour.yaml 和当前模板生成的结果" in stale.stderr
    # given on the command line, another outline is checked without the committed reports
    other = cli_in(tmp_path, "check", "--outline", "十节")
    assert other.returncode == 0, other.stderr
    assert "hengfour.yaml：通过" in other.stderr


def test_an_unknown_outline_is_one_error_at_its_line(tmp_path):
    path = four_part_unit(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("提纲: 四部分", "提纲: 旧提纲"), encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        run(path)
    assert [f.text() for f in raised.value.findings] == [
        "hengfour.yaml:11:3: 设置.提纲: 没有名为“旧提纲”的提纲；可选的提纲：十节（templates/outline.yaml）、"
        "四部分（templates/outline_four_part.yaml）。不写“提纲”则用“十节”"]


def test_none_for_a_fund_is_refused_by_the_outline_that_has_no_sentence_for_it(tmp_path):
    path = four_part_unit(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "政府性基金预算支出: 无\n", encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        run(path)
    finding, = raised.value.findings
    assert finding.message == "应为“键: 值”的映射，实际是“无”"
    assert finding.hint.startswith("提纲“四部分”的这一部分不能写“无”，没有就删去这一行。")
    # under the standard outline 无 says the unit has none
    ten = tmp_path / "ten.yaml"
    ten.write_text(path.read_text(encoding="utf-8").replace("  提纲: 四部分\n", ""), encoding="utf-8")
    assert "政府性基金预算支出" in run(ten)[0].said_none


@pytest.fixture
def third_outline(tmp_path, monkeypatch):
    """One more outline in templates/, whose last section reads a key of its own (其他情况说明)."""
    from perfreport.shared import outline as outline_module
    from perfreport.unitfile import schema
    from perfreport.unitfile import schema_json
    from perfreport.unitfile import validate
    raw = yaml.safe_load(FOUR_PART.read_text(encoding="utf-8"))
    raw["name"] = "测试提纲"
    raw["sections"][-1]["parts"][-1] = {"text": "其他情况说明"}
    path = tmp_path / "outline_test.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    named = {**outline_module.outline_files(), "测试提纲": path}
    for module in (schema, validate, schema_json):
        monkeypatch.setattr(module, "outline_files", lambda: named)
    schema.load_schema.cache_clear()        # the choices of 设置.提纲 are made with the schema
    yield path
    schema.load_schema.cache_clear()


def test_a_key_of_another_outlines_sections_says_whose_it_is(tmp_path, third_outline):
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    chose = tmp_path / "minimal.yaml"
    chose.write_text(minimal.replace("  年度: 2023\n", "  年度: 2023\n设置: {提纲: 测试提纲}\n")
                     + "其他需要说明的情况: [无。]\n", encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        run(chose)
    assert [f.text() for f in raised.value.findings] == [
        "minimal.yaml:25:1: 其他需要说明的情况: 未知字段“其他需要说明的情况”（程序不会使用它，数据会丢失）。"
        "“其他需要说明的情况”是提纲“十节”、“四部分”的一部分，本单位用的是提纲“测试提纲”（设置.提纲）；"
        "要用这一部分，请在“设置.提纲”写 十节"]
    # and the other way round: the standard outline's unit with the third outline's key
    left = tmp_path / "left.yaml"
    left.write_text(minimal.replace("文件名: minimal", "文件名: left") + "其他情况说明: [无。]\n", encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        run(left)
    assert raised.value.findings[0].hint == ("“其他情况说明”是提纲“测试提纲”的一部分，本单位用的是提纲“十节”"
                                             "（设置.提纲）；要用这一部分，请在“设置.提纲”写 测试提纲")
