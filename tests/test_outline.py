"""The outline is data: templates/outline.yaml declares the standard ten sections, and one more
declaration (seed 003's older four-part outline) renders the same unit differently, with no
change of code."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from perfreport.dump import dump_bytes
from perfreport.outline import OUTLINE_FILE, OutlineError, load_outline, parse
from perfreport.render import render
from tests.conftest import ROOT, run

FOUR_PART = ROOT / "templates" / "outline_four_part.yaml"
SEEDS = Path(__file__).parent / "seeds"


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
