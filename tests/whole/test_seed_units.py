"""The five seed reports as units in reports/: each renders, carries its seed's figures and
sentences, and shows the seed's real defects as warnings.

What the rendered report does not carry from its seed is listed here, each with its reason;
anything else missing fails the test, and so does a listed item that comes back.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
import pytest

from perfreport.document.report_docx import render
from tests.conftest import ROOT, run

SEEDS = Path(__file__).parents[1] / "seeds"
sys.path.insert(0, str(SEEDS))
import fidelity  # noqa: E402  the measure from shared/tools, copied unchanged

UNITS = {"dongkou": "000", "kaifu": "001", "wugang": "002", "hengshan": "003", "yueyanglou": "004"}

OLD_OUTLINE = "the seed's own outline heading or title; the ten-section outline generates its own"
BROKEN_NUMBER = "the seed's broken numbering (DOMAIN: 000 breaks it after 三); the generator renumbers"
WRONG_FIGURE = "a figure the seed computed wrongly; the report prints what the data computes"
TYPO = "a typing error of the seed the generated text does not repeat"
FORM_LABEL = "a label of the seed's blank form template; the unit filled nothing there"
TWO_DECIMALS = "DOMAIN: rates print with 2 decimals (97.50%)"
COLUMN_DECIMALS = "issue 22: a column of figures in a unit's table prints with one number of decimals, padded"
MONEY_DECIMALS = "issue 12: money in the forms prints with two decimals, as 决算 tables print it (180.00)"
DUTIES_FIRST = ("issue 21: the duties print as the seed's （一）（二）…, section 一's first subsections (the seed's "
                "（一）部门主要职责 would share their numbering); the subsections after them number on")

MISSING_NUMBERS = {
    "dongkou": {},
    "kaifu": {},
    "wugang": {"716.9": COLUMN_DECIMALS + " (716.90)", "5.0": COLUMN_DECIMALS + " (5.00)",
               "168.8": COLUMN_DECIMALS + " (-168.80)"},
    "hengshan": {"390": MONEY_DECIMALS + " (附件3's 全年执行数)", "97.5%": TWO_DECIMALS},
    "yueyanglou": {"100.39%": WRONG_FIGURE + " (执行率 ÷ 年初预算数; 100.00%)",
                   "0.2": MONEY_DECIMALS, "1118": MONEY_DECIMALS, "180": MONEY_DECIMALS, "3.9": MONEY_DECIMALS,
                   "32.4": MONEY_DECIMALS, "938": MONEY_DECIMALS},
}

MISSING_SENTENCES = {
    "dongkou": {
        "(一)机构、人员构成": OLD_OUTLINE,
        "(二)单位主要职责": OLD_OUTLINE,
        "6根据《行政许可法》规定,推进相对集中行政许可权改革工作,依法依规依程序审批相对集中的行政审批事项,"
        "并承担相应的法律责任": BROKEN_NUMBER + " ('6' without '、')",
        "洞口县行政审批服务局本级及二级单位2022年度一般公共预算财政拨款基本支出年初结转和结余0万元,"
        "本年收入0万元,本年支出0万元,年末结转和结余0万元":
            "DOMAIN: 000 copies the 基本支出 paragraph into 项目支出; the report says 无项目支出",
        "本单位五政务性基金预算支出": TYPO + " (五 for 无; the standard sentence is generated)",
        "4、国有资本经营预算支出情况": BROKEN_NUMBER,
        "5、社会保险基金预算支出情况": BROKEN_NUMBER,
        "6、本单位五社会保险基金预算支出": BROKEN_NUMBER,
        "7、部门整体支出绩效情况": BROKEN_NUMBER,
        "(1)\"放管服\"改革工作": BROKEN_NUMBER,
        "1、年初预算车补、绩效考核奖等没足额预算": BROKEN_NUMBER + " (points under （三） are 1.)",
        "2、专项经费下达不及时,导致支出不及时": BROKEN_NUMBER,
        "五、进措施和有关建议": BROKEN_NUMBER,
        "1.部门整体支出绩效评价基础数据表": OLD_OUTLINE + " (the attachment list is generated: 1、)",
        "2.部门整体支出绩效自评表": OLD_OUTLINE,
        "3.项目支出绩效自评表(一个项目支出一张表)": OLD_OUTLINE,
    },
    "kaifu": {
        "部门整体支出概况": OLD_OUTLINE,
        "本部门的主要职责:(一)贯彻落实国家、省、市有关行政审批服务方面的方针政策和法律、法规、规章":
            "the duties, run into one paragraph in the seed, are the numbered list of 第一节",
        "部门整体支出使用及管理情况": OLD_OUTLINE,
        "五、需要说明的问题": OLD_OUTLINE,
    },
    "wugang": {
        "2020年武冈市行政审批服务局整体支出": OLD_OUTLINE,
        "合计(单位:万元)": "a table's head that repeats its 单位：万元 line is printed 合计",
        "(一)机构、人员构成": OLD_OUTLINE,
        "(二)单位主要职责及任务": OLD_OUTLINE,
        "(三)部门内部控制及厉行节约制度建设情况": OLD_OUTLINE + " (kept as （四） after the generated ones)",
        "二、部门整体支出规模及使用方向、内容": OLD_OUTLINE,
        "(一)2020年预算规模情况": OLD_OUTLINE + " (kept as （四）)",
        "(二)年度预算收支决算情况": OLD_OUTLINE + " (kept as （五）)",
        "三、绩效评价情况": OLD_OUTLINE,
        "四、整体支出使用管理情况": OLD_OUTLINE,
        "(一)基本支出使用管理情况": OLD_OUTLINE + " (its text is under （一）基本支出情况)",
        "(二)\"三公\"经费使用管理情况": OLD_OUTLINE + " (its text is under the generated 三公 heading)",
        "五、部门整体支出绩效评价": OLD_OUTLINE,
        "(一)经济效益评价": OLD_OUTLINE + " (kept as （三）)",
        "(二)效率性评价和有效性评价": OLD_OUTLINE + " (kept as （四）)",
        "1、夯实基础,营造便民服务环境": BROKEN_NUMBER + " (1、 → 1.)",
        "2、健全制度,优化便民服务规程": BROKEN_NUMBER,
        "3、放权赋权,推动便民服务提速": BROKEN_NUMBER,
        "六、有关建议及下步工作": OLD_OUTLINE,
        "1.细化预算编制工作,认真做好预算的编制": OLD_OUTLINE + " (points directly under a section are （一）)",
        "2.加强财务管理,严格财务审核": OLD_OUTLINE,
        "3.持续抓好\"三公\"经费控制管理": OLD_OUTLINE,
    },
    "hengshan": {
        "2022年度部门整体支出绩效自评报告": OLD_OUTLINE + " (a title without the unit's name; 设置.报告标题 gives its second line)",
        "一、单位基本情况": OLD_OUTLINE,
        "(一)部门主要职责": OLD_OUTLINE,
        "(二)人员编制情况": DUTIES_FIRST + " (（八）人员编制情况)",
        "二、预算支出及绩效情况": OLD_OUTLINE,
        "(一)部门预决算情况": OLD_OUTLINE,
        "1.部门预算情况": OLD_OUTLINE,
        "2.部门决算情况(含年中预算追加情况)": OLD_OUTLINE,
        "3.\"三公\"经费执行情况": OLD_OUTLINE,
        "4.政府采购执行情况": OLD_OUTLINE,
        "5.资产管理情况": OLD_OUTLINE,
        "(二)资金使用及绩效情况": OLD_OUTLINE,
        "1.整体绩效目标完成情况": OLD_OUTLINE,
        "2.项目绩效目标完成情况": OLD_OUTLINE,
        "三、存在的问题及改进措施": OLD_OUTLINE,
        "四、其他需要说明的情况": OLD_OUTLINE,
        "2022年度预算支出绩效自评表": OLD_OUTLINE + " (the form's title is 项目支出绩效自评表)",
    },
    "yueyanglou": {
        "2023年度预算单位整体支出绩效评价基础数据表": OLD_OUTLINE + " (DOMAIN: 部门整体支出…)",
        "3、区级专项资金(一个专项一行)": FORM_LABEL,
        "4、上级转移支付(一个专项一行)": FORM_LABEL,
        "(2022年完工项目)": "the seed's stale year; the form prints (2023年完工项目)",
        "2023年度预算单位整体支出绩效自评表": OLD_OUTLINE + " (DOMAIN: 部门整体支出…)",
        "项目资金(万元)": FORM_LABEL,
        "如,业务工作经费,运行维护经费,其他事业发展类资金...各一张表": FORM_LABEL,
        "单位负责人签字:填表人:联系电话:填报日期:": FORM_LABEL,
        "部门(单位)名称:(盖章)": "the cover prints the unit's name between 名称： and （盖章）",
        "一、单位基本情况": OLD_OUTLINE,
        "(一)内设机构设置": OLD_OUTLINE,
        "4、政府性基金预算支出情况表": "the unit has no such funds: no 附件4",
        "5、国有资本经营预算支出情况表": "the unit has no such funds: no 附件5",
        "6、社会保险基金预算支出情况表": "the unit has no such funds: no 附件6",
    },
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed_units")
    out = {}
    for unit in UNITS:
        report, findings = run(ROOT / "reports" / f"{unit}.yaml")
        path = folder / f"{unit}.docx"
        path.write_bytes(render(report))
        out[unit] = (report, findings, path)
    return out


def seed_text(unit: str) -> str:
    [path] = SEEDS.glob(f"{UNITS[unit]}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("unit", UNITS)
def test_committed_report_is_what_the_yaml_renders(unit, rendered):
    assert (ROOT / "reports" / f"{unit}.docx").read_bytes() == rendered[unit][2].read_bytes()


@pytest.mark.parametrize("unit", UNITS)
def test_every_seed_figure_is_carried_or_listed(unit, rendered):
    raw = fidelity.docx_text(str(rendered[unit][2]))
    in_report = set(fidelity.numbers(raw))
    seed_numbers = fidelity.numbers(fidelity.NOISE.sub("", seed_text(unit)))
    missing = {n for n in seed_numbers if n not in in_report and n.rstrip("%") not in in_report}
    assert missing == set(MISSING_NUMBERS[unit])


@pytest.mark.parametrize("unit", UNITS)
def test_every_seed_sentence_is_carried_or_listed(unit, rendered):
    text = fidelity.norm(fidelity.docx_text(str(rendered[unit][2])))
    missing = {s for s in fidelity.sentences(seed_text(unit)) if s not in text}
    assert missing == set(MISSING_SENTENCES[unit])


def document(rendered, unit):
    return docx.Document(str(rendered[unit][2]))


def paragraphs(rendered, unit):
    return [p.text for p in document(rendered, unit).paragraphs]


def row(table, first):
    cells = []
    for tc in next(r for r in table.rows if r.cells[0].text == first)._tr.tc_lst:
        text = "".join(t.text or "" for t in tc.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
        if not cells or text != cells[-1]:
            cells.append(text)
    return cells


def test_yueyanglou_forms(rendered):
    doc = document(rendered, "yueyanglou")
    # its money block, then its indicators: two pages, a table each (19 indicators)
    overall = list(doc.tables[3].rows) + list(doc.tables[4].rows) + list(doc.tables[5].rows)
    assert [c.text for c in doc.tables[5].rows[0].cells][:2] == ["绩效\n指标", "一级指标"]
    texts = "|".join(c.text for r in overall for c in r.cells)
    assert "年度资金总额|1388.56|1393.97|1393.97|10.00|100.00%|10.00" in texts
    assert "|总分|100.00|98.00|等级：优" in texts     # 总分 spans six cells
    assert "群众满意率|≧100%|99%|10.00|9.00" in texts
    assert "其中：一般公共预算：1393.97|其中：基本支出：253.31" in texts     # as the unit's 决算 states them
    basic = doc.tables[1]                 # 附件1's money block (after its staffing block)
    assert row(basic, "1、业务工作经费") == ["1、业务工作经费", "870.66", "180.00", "231.76"]
    assert row(basic, "政府采购金额") == ["政府采购金额", "193.68", "1115.29", "583.46"]


def test_wugang_budget_tables_in_section_two(rendered):
    body = paragraphs(rendered, "wugang")
    two, six = body.index("二、一般公共预算支出情况"), body.index("六、部门整体支出绩效情况")
    assert "（四）2020年预算规模情况" in body[two:six]
    assert "（1）年初总收支预算情况" in body[two:six]
    # the unit's own words, as typed, its 665.12 included (it adds the carry-out; the audit says so in issue 15)
    assert any(t.startswith("从上表可以反映：我局2020年全年可用预算资金665.12万元") for t in body[two:six])
    assert "（1）指导、协调、推进全市行政审批制度改革工作。" in body


def test_dongkou_narrative_renumbered(rendered):
    body = paragraphs(rendered, "dongkou")
    six = body.index("六、部门整体支出绩效情况")
    assert body[six + 1] == "（一）“放管服”改革工作"
    assert body[six + 2].startswith("1.积极贯彻落实“揭榜竞优”改革任务。5月，")
    assert "2022年度本单位无政府性基金预算支出。" in body
    assert "2022年度本单位无项目支出。" in body          # 项目支出 0, as its 决算 states
    assert "1、指导、协调、推进全县行政审批制度改革工作;" in body
    # section 九 is empty in the seed: nothing invented there
    nine = body.index("九、部门整体支出绩效自评结果拟应用和公开情况")
    assert body[nine + 1] == "十、其他需要说明的情况"


def test_kaifu_and_hengshan_distinctive_sentences(rendered):
    kaifu = paragraphs(rendered, "kaifu")
    assert "本年支出合计658.73万元，其中：基本支出446.15万元，占67.73%；项目支出212.58万元，占32.27%。" in kaifu
    assert any(t.startswith("（十二）有关职责分工与区数据资源中心的有关职责分工。") for t in kaifu)     # as the 三定 text numbers it
    assert kaifu[5:7] == ["2019年度长沙市开福区行政审批服务局", "部门整体支出绩效评价报告"]     # its own title
    hengshan = paragraphs(rendered, "hengshan")
    assert any("净资产554.07万元" in t for t in hengshan)            # as the unit wrote it


def test_kaifu_states_no_budget_and_prints_none(rendered):
    """The seed gives spending only: 年初/全年预算数 blank, no rate, and no 100% made up."""
    doc = document(rendered, "kaifu")
    overall = "|".join(c.text for r in doc.tables[3].rows for c in r.cells)
    assert "年度资金总额|||658.73|10.00|||" in overall              # no rate: blank, not —
    basic = doc.tables[1]
    assert row(basic, "项目支出") == ["项目支出", "", "212.58"]          # (equal neighbours shown once)
    assert row(basic, "1、窗口考核经费") == ["1、窗口考核经费", ""]       # blank cells, shown once


# Each unit's warnings, by rule: the real defects of its seed (see the YAML comments), and
# what its seed does not state (缺项).
WARNINGS = {
    "dongkou": ["缺项"] * 9 + ["用词", "用词"] + ["缺项"] * 2,
    "kaifu": ["缺项"] * 21 + ["用词"] + ["缺项"] * 2,
    "wugang": ["缺项"] * 3 + ["执行率", "数字核对", "缺项", "正文数字"] + ["缺项"] * 6
              + ["表格合计", "正文数字", "预算表述", "正文得分", "用词", "缺项", "缺项"],
    "hengshan": ["缺项"] * 4 + ["数字核对", "执行率", "缺项", "数字核对", "正文数字", "缺项"] + ["权重合计"] * 3
                + ["偏差原因", "无法复核", "无法复核", "偏差原因", "偏差原因", "无法复核", "偏差原因"] + ["无法复核"] * 4
                + ["数字核对"] + ["缺项"] * 5 + ["数字核对", "用词", "缺项"],
    "yueyanglou": ["缺项"] * 3 + ["偏差原因", "得分复核", "偏差原因", "得分复核", "用词"],
}
# The disagreements between what a seed states and what its parts give
DISAGREEMENTS = {
    "wugang": ["预算.年末结转"],
    "hengshan": ["预算.年初预算数", "预算.按支出性质分.项目支出", "项目[1].总分", "资产.净资产"],
}


@pytest.mark.parametrize("unit", UNITS)
def test_warnings_are_the_seed_defects(unit, rendered):
    _, findings, _ = rendered[unit]
    assert not [f for f in findings if f.is_error]
    assert [f.rule for f in findings] == WARNINGS[unit]
    assert [f.path for f in findings if f.rule == "数字核对"] == DISAGREEMENTS.get(unit, [])


@pytest.mark.parametrize("name", ["dongkou", "hengshan", "kaifu", "wugang"])
def test_a_seed_without_its_own_indicators_is_not_graded(rendered, name):
    """These seeds have no 附件2 of their own: the form is the standard blank one (every 二级
    on a blank line, never a 不适用 nobody wrote) and says 未评定, with no 总分 made up from
    the 执行率 alone."""
    tables = ["|".join(c.text for r in t.rows for c in r.cells) for t in document(rendered, name).tables]
    overall = next(t for t in tables if "|总分|" in t)                      # 附件2, before any 附件3
    assert "不适用" not in overall and "满意度\n指标\n（10分）" in overall and "效益指标\n（30分）" in overall
    weight = "100" if name == "hengshan" else "100.00"       # hengshan's scores are whole points (向下取整)
    assert overall.endswith(f"|总分|{weight}||等级：\n未评定")                # 总分 spans six cells
