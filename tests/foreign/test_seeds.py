"""The five seed reports typed in Word as their units typed them (tests/foreign/seed_docx.py) come
in as units that carry as much of their seed as the units written by hand in reports/ do:
measured as the seed measure does (tests/seeds/fidelity.py: every number of the seed found in the
report, and the share of its sentences found verbatim), on the report made from the import.

Measured (imported / by hand): 000 numbers 29/29 / 29/29, sentences 0.964 / 0.938; 001 19/19 /
19/19, 0.969 / 0.969; 002 40/40 / 37/40, 0.943 / 0.945; 003 20/22 / 20/22, 0.918 / 0.919; 004
39/46 / 39/46, 0.970 / 0.966. The floors below are those figures, rounded down. (001–003 carried
more when their words stayed unsorted in 引言 and 支出情况补充, printed as typed under the unit's own
headings; placed in their sections, as the hand-made units place them, their headings are the
outline's, and only the headings are lost: tests/seeds/fidelity.py counts a heading as a sentence.)

And check lists for each what its seed lacks: what it lists for the hand-made unit, but for the
figures the hand-made units took from outside the seed's words (SUPPLIED_BY_HAND)."""
import sys
from decimal import Decimal

import pytest
import yaml

from perfreport.audit.completeness import missing
from perfreport.commands.pipeline import examine
from perfreport.document.report_docx import render
from perfreport.foreign.read import read_document
from perfreport.foreign.unit_text import unit_text
from tests.conftest import ROOT
from tests.foreign.seed_docx import seed_path, typed_seed

sys.path.insert(0, str(ROOT / "tests" / "seeds"))
import fidelity  # noqa: E402  the seed measure

def carried(number: str, report) -> tuple[list[str], float]:
    """The seed's numbers found in the report, and the share of its sentences found verbatim
    (tests/seeds/fidelity.py's measure)."""
    seed = seed_path(number).read_text(encoding="utf-8")
    raw = fidelity.docx_text(str(report))
    in_report = set(fidelity.numbers(raw))
    hit = [n for n in fidelity.numbers(fidelity.NOISE.sub("", seed)) if n in in_report or n.rstrip("%") in in_report]
    sentences = fidelity.sentences(seed)
    text = fidelity.norm(raw)
    return hit, sum(len(s) for s in sentences if s in text) / sum(len(s) for s in sentences)


FLOORS = {"000": (29, 0.964), "001": (19, 0.969), "002": (40, 0.943), "003": (20, 0.918), "004": (39, 0.969)}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    out = {}
    for number in FLOORS:
        document = typed_seed(number, folder / f"{number}.docx")
        found = read_document(document, document.name)
        text = unit_text(found.unit, document.name, found.left)
        path = folder / f"{number}.yaml"
        path.write_text(text, encoding="utf-8")
        checked = examine(path, shown=path.name)
        report = folder / f"{number}-report.docx"
        report.write_bytes(render(checked.report))
        out[number] = (found, yaml.safe_load(text), checked, report)
    return out


@pytest.mark.parametrize("number", sorted(FLOORS))
def test_a_typed_seed_comes_in_carrying_its_figures_and_sentences(imported, number):
    found, unit, checked, report = imported[number]
    assert not [f for f in checked.findings if f.is_error]
    hit, share = carried(number, report)
    numbers, sentence_floor = FLOORS[number]
    assert len(hit) >= numbers and share >= sentence_floor, (len(hit), share)


def test_what_each_seed_states_lands_in_its_field(imported):
    dongkou = imported["000"][1]
    assert dongkou["单位"]["全称"] == "洞口县行政审批服务局" and dongkou["单位"]["年度"] == 2022   # from the title
    assert len(dongkou["职责"]) == 8 and dongkou["设置"]["职责编号"] == "1、"
    # stated only in its words (“行政编制人数6人，事业编制人数16人,工勤编制0人。实有人数20人，其中在职20人，退休0人。”)
    assert {k: v for k, v in dongkou["人员编制"].items() if k != "原文"} == {
        "行政编制": 6, "事业编制": 16, "工勤编制": 0, "实有人数": 20, "在职人数": 20, "退休人数": 0}
    # “本单位五政务性基金预算支出”: the seed's typo (五 for 无) is the unit's words, kept as they are
    assert dongkou["政府性基金预算支出"] == {"说明": ["本单位五政务性基金预算支出"]}
    assert "国有资本经营预算支出" in dongkou          # "4、 国有资本经营预算支出情况": a section typed as 4、
    hengshan = imported["003"][1]
    assert hengshan["单位"]["全称"] == "衡山县行政审批服务局"          # only the duties' lead names it
    assert {k: v for k, v in hengshan["人员编制"].items() if k != "原文"} == {   # 附件1 has none: its words give them
        "编制数": 14, "行政编制": 3, "事业编制": 10, "工勤编制": 1, "在职人数": 14, "退休人数": 0, "离休人数": 0,
        "编外人数": 25}                                               # “离退休 0 人”: each is 0
    assert hengshan["单位"]["主管部门"] == "衡山县人民政府"            # its 附件3, whose 实施单位 it is
    assert hengshan["基本支出"]["年初预算数"] == 164.2                  # “……其中：基本支出164.2万元”
    assert hengshan["下一步改进措施"][0].startswith("改进措施：")        # “三、存在的问题及改进措施”, split
    assert len(hengshan["职责"]) == 6 and "政务公开（政府信息公开、办事公开）" in hengshan["职责"][0]   # one duty, two lines
    kaifu = imported["001"][1]                                        # its headings typed bold, without numbers
    assert len(kaifu["职责"]) == 12 and kaifu["设置"]["职责编号"] == "（一）"   # listed inside a paragraph
    assert kaifu["机构设置"]["原文"][0].startswith("本部门由1个行政单位")
    assert kaifu["预算"]["全年执行数"] == 658.73 and kaifu["基本支出"]["全年执行数"] == 446.15
    assert [p["名称"] for p in kaifu["项目"]][-1] == "集中办公及政务公开经费"
    assert [b["标题"] for b in kaifu["部门整体支出绩效情况"]] == ["部门整体支出组织实施情况", "部门整体支出绩效情况"]
    wugang = imported["002"][1]
    assert wugang["单位"]["填报日期"] == "2021年9月15日"                 # its closing signature
    assert wugang["下一步改进措施"][-1] != "2021年9月15日"
    assert hengshan["项目"][0]["名称"] == "大综窗标准化改革" and hengshan["项目"][0]["全年执行数"] == 390
    yueyanglou = imported["004"][1]                                   # its forms first, the report as 附件4
    assert yueyanglou["绩效指标"][8] == {"二级指标": "成本指标", "三级指标": "单位支出预算执行率", "年度指标值": "≤100%",
                                    "实际完成值": "100.39%", "分值": 10, "得分": 9}
    assert yueyanglou["三公经费"]["合计"] == {"本年预算数": 0.2, "本年决算数": 0.13}
    assert yueyanglou["总分"] == 98                                   # its 总分 label is a picture
    assert yueyanglou["预算"]["年初预算数"] == 1388.56
    assert "部门整体支出绩效情况" in yueyanglou and len(yueyanglou["职责"]) >= 11
    left = imported["004"][0].left
    assert any("没有写项目名称" in line for line in left)              # the blank 附件3 template: said, not made a project


UNITS = {"000": "dongkou", "001": "kaifu", "002": "wugang", "003": "hengshan", "004": "yueyanglou"}
# what a hand-made unit states that its seed does not: the authors' knowledge or judgement, which
# check therefore lists for the imported unit and not for the hand-made one
SUPPLIED_BY_HAND = {
    # 主管部门: no seed but 003 names it (its 附件3); the hand-made units know it
    "000": {"主管部门（附件3的主管部门）",
            # the seed states 本年收入 0 (the year's appropriations: 年初预算 + 追加); by hand read as 年初预算数
            "年初预算数（附件2和第二节；也可以填各部分，由 基本支出年初预算数 + 各项目年初预算数 算出）",
            "全年预算数（附件2和第二节；也可以填各部分，由 年初预算数 + 上年结转 + 本年追加 算出）"},
    # “五、需要说明的问题” is one sentence of problems and measures: by hand cut in two
    "001": {"主管部门（附件3的主管部门）", "第八节“下一步改进措施”的内容"},
    "002": {"主管部门（附件3的主管部门）",
            # from tables the seed text shows flattened, a cell a line (工资福利支出 264.75 as 人员经费; 决算金额 合计)
            "人员经费和公用经费的全年执行数（第二节基本支出的分项）",
            "全年执行数（附件2和第二节；也可以填各部分，由 基本支出 + 项目支出 算出）",
            # the seed has no section on problems: by hand one sentence of its 经济效益评价
            "第七节“存在的问题及原因分析”的内容"},
    "003": set(),
    "004": {"主管部门（附件3的主管部门）"},     # its 附件3 leaves 主管部门 blank
}


@pytest.mark.parametrize("number", sorted(UNITS))
def test_check_lists_what_the_seed_lacks(imported, number):
    _, _, checked, _ = imported[number]
    by_hand = examine(ROOT / "reports" / f"{UNITS[number]}.yaml", shown=UNITS[number])
    lacking = sorted(what for _, what in missing(checked.report))
    expected = sorted({what for _, what in missing(by_hand.report)} | SUPPLIED_BY_HAND[number])
    assert lacking == expected


# The same typed seeds exported to PDF by LibreOffice, as a unit uploads its report: measured
# (numbers, sentences) 000 29/29 0.964, 001 19/19 0.969, 002 40/40 0.941, 003 19/22 0.918, 004
# 39/46 0.946 — a PDF carries the seeds as well as their Word files do, and check lists for it
# what it lists for the Word file. (000 read 0.968 while a short line ending a duty's first line
# ended its paragraph: “6根据《行政许可法》…” then kept the 6 its Word file loses as a number.)
PDF_FLOORS = {"000": (29, 0.964), "001": (19, 0.969), "002": (40, 0.941), "003": (19, 0.918), "004": (39, 0.945)}


@pytest.fixture(scope="module")
def imported_pdfs(tmp_path_factory):
    import subprocess
    folder = tmp_path_factory.mktemp("seed_pdfs")
    documents = [typed_seed(number, folder / f"{number}.docx") for number in PDF_FLOORS]
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, documents)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = {}
    for number in PDF_FLOORS:
        pdf = folder / f"{number}.pdf"
        found = read_document(pdf, pdf.name)
        path = folder / f"{number}.yaml"
        path.write_text(unit_text(found.unit, pdf.name, found.left), encoding="utf-8")
        checked = examine(path, shown=path.name)
        report = folder / f"{number}-report.docx"
        report.write_bytes(render(checked.report))
        out[number] = (checked, report)
    return out


@pytest.mark.parametrize("number", sorted(PDF_FLOORS))
def test_a_typed_seed_exported_to_pdf_comes_in_as_well(imported_pdfs, number):
    checked, report = imported_pdfs[number]
    assert not [f for f in checked.findings if f.is_error]
    hit, share = carried(number, report)
    numbers, sentence_floor = PDF_FLOORS[number]
    assert len(hit) >= numbers and share >= sentence_floor, (len(hit), share)
    by_hand = examine(ROOT / "reports" / f"{UNITS[number]}.yaml", shown=UNITS[number])     # and lacks what its seed lacks
    assert sorted(what for _, what in missing(checked.report)) == sorted(
        {what for _, what in missing(by_hand.report)} | SUPPLIED_BY_HAND[number])


def test_what_a_pdf_page_broke_is_one_again(imported_pdfs):
    # a row that ran over a page: “1、行政审批” at the foot of one page, “事项当天办结率” atop the next
    yueyanglou = imported_pdfs["004"][0].loaded.data
    row = next(r for r in yueyanglou["绩效指标"] if "当天办结率" in r["三级指标"])
    assert row == {"二级指标": "质量指标", "三级指标": "1、行政审批事项当天办结率", "年度指标值": "≧100%",
                   "实际完成值": "100%", "分值": 4, "得分": 4}
    # a form whose head (8 columns) is on one page and the rest (9 columns) on the next
    hengshan = imported_pdfs["003"][0].loaded.data
    assert hengshan["项目"][0]["全年执行数"] == 390 and "绩效指标" not in hengshan
    # a line a few characters short, a figure too long for its end gone to the next (“在职人数12 / 人”)
    kaifu = imported_pdfs["001"][0].loaded.data
    assert kaifu["人员编制"]["在职人数"] == 12
    assert kaifu["预算"]["按支出性质分"]["项目支出"] == Decimal("212.58")
    # and a numbered heading after a full line is a heading still (“…相差0万元 / （二）“三公”经费使用管理情况”)
    wugang = imported_pdfs["002"][0].loaded.data
    assert not any("（二）“三公”" in p for p in wugang["基本支出"]["原文"] if isinstance(p, str))


# Seeds 003 and 004 with their forms kept in a workbook (tests/foreign/seed_docx.py: one sheet a
# form, real merges, figures as numbers shown with their typed decimals) and the report without
# them, imported together as `perfreport import 报告.docx --forms 附表.xlsx` reads them.
@pytest.mark.parametrize("number", ["003", "004"])
def test_a_seed_with_its_forms_in_a_workbook_comes_in_as_well(tmp_path, number):
    document = typed_seed(number, tmp_path / f"{number}.docx", forms_to=tmp_path / f"{number}.xlsx")
    book = tmp_path / f"{number}.xlsx"
    alone = read_document(document, document.name)
    found = read_document(document, document.name, [(book, book.name)])
    path = tmp_path / f"{number}.yaml"
    path.write_text(unit_text(found.unit, document.name, found.left, found.stated), encoding="utf-8")
    checked = examine(path, shown=path.name)
    assert not [f for f in checked.findings if f.is_error]
    assert "项目" not in alone.unit and found.unit["项目"][0]["名称"]       # the forms are the workbook's
    by_hand = examine(ROOT / "reports" / f"{UNITS[number]}.yaml", shown=UNITS[number])
    assert sorted(what for _, what in missing(checked.report)) == sorted(
        {what for _, what in missing(by_hand.report)} | SUPPLIED_BY_HAND[number])
