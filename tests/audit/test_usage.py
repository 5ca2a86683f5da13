"""用词 (perfreport/audit/usage.py): the wrong words of the list, found in every text the unit
wrote, each as one 提示 at its line; the right words, and words right in another sense, left alone."""
import pytest

from perfreport.audit.usage import WRONG, wrong_words
from tests.audit.test_rules import BASE


@pytest.mark.parametrize("text, found", [
    ("进一步建立建全财务管理制度", [("建立建全", "建立健全")]),
    ("规范台帐管理，做到帐实相符，及时记帐、报帐", [("台帐", "台账"), ("帐实", "账实"), ("记帐", "记账"), ("报帐", "报账")]),
    ("截止到目前，全县各级", [("截止到目前", "截至目前")]),                     # seed 000
    ("截止目前我县办件数为", [("截止目前", "截至目前")]),                       # seed 000, 004
    ("截止到2019年12月底", [("截止到2019年", "截至2019年")]),                  # seed 001
    ("其它政务新媒体14天更新一次", [("其它", "其他")]),                          # seed 003
    ("资金拔付及时，签定合同3份，按排专人负责，既使", [("拔付", "拨付"), ("签定合同", "签订合同"), ("按排", "安排"), ("既使", "即使")]),
    ("效果不尽人意，我们将再接再励", [("不尽人意", "不尽如人意"), ("再接再励", "再接再厉")]),
])
def test_each_wrong_word_is_found_with_what_it_should_be(text, found):
    assert [(typed, right) for typed, right, _ in wrong_words(text)] == found


@pytest.mark.parametrize("text", [
    "建立健全财务管理制度，规范台账管理，做到账实相符",
    "截至目前，全县各级；报名截止日期为6月30日；申报于6月底截止",
    "购置帐篷20顶、蚊帐50顶",
    "其他资金10万元；不尽如人意；再接再厉；已经部署；即使；作为；安排；拨付；签订",
])
def test_right_words_and_words_right_in_another_sense_are_left_alone(text):
    assert list(wrong_words(text)) == []


def test_every_entry_says_why():
    assert all(w.why and w.right for w in WRONG)


def test_wrong_words_anywhere_in_the_unit_s_words_are_each_one_note_at_their_line(unit):
    _, findings = unit("complete", ("  - 无\n", "  - 进一步建立建全财务管理制度，规范台帐管理。\n"),
                       ("      - 制订了财务管理、国有资产管理等制度。", "      - 制订了财务管理、国有资产管理等制度，截止目前运转正常。"),
                       ("实际完成情况: 大厅全年正常运行，无安全事故。", "实际完成情况: 大厅全年正常运行，其它无安全事故。"))
    found = [f.text() for f in findings if f.rule == "用词"]
    assert found == [
        "complete.yaml:41:9: 基本情况补充[1].内容[1]: 警告（提示·用词）：“截止目前”应写作“截至目前”："
        "到某一时间为止用“截至”；“截止”是停止，用在时间之后（“报名于6月底截止”）",
        "complete.yaml:86:7: 项目[1].年度总体目标.实际完成情况: 警告（提示·用词）：“其它”应写作“其他”：“其他”可以指人也可以指事物，公文统一用“其他”",
        "complete.yaml:195:5: 其他需要说明的情况[1]: 警告（提示·用词）：“建立建全”应写作“建立健全”：“健全”是完备，“建全”不是词",
        "complete.yaml:195:5: 其他需要说明的情况[1]: 警告（提示·用词）：“台帐”应写作“台账”：与钱财有关的“账”不写作“帐”（《第一批异形词整理表》）",
    ]
    assert all(f.level == "提示" for f in findings if f.rule == "用词")
    assert [f.text() for f in findings if f.rule != "用词"] == BASE


def test_the_committed_units_words_that_the_list_finds():
    """What the list finds in the five committed units: the seeds' own 截止 and 其它."""
    from pathlib import Path
    from perfreport.commands.pipeline import examine
    root = Path(__file__).resolve().parents[2] / "reports"
    found = {}
    for path in sorted(root.glob("*.yaml")):
        checked = examine(path, shown=path.name)
        found[path.stem] = [f.stated for f in checked.findings if f.rule == "用词"]
    assert found == {"dongkou": ["截止到目前", "截止目前"], "hengshan": ["其它"], "kaifu": ["截止到2019年"],
                     "wugang": ["截止目前"], "yueyanglou": ["截止目前"]}
