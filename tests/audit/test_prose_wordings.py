"""The prose readers on the wordings officers use that the first reader missed (issue 25):
numbers in Chinese numerals, a qualifier in front of a subject (实际基本支出), a project's fund
sources (上年结转资金, 其他资金: 附件3, not the unit's). Each kind both ways: the
wrong figure gives one warning at the paragraph's line with both values, and the same
sentence with the right figure is left alone."""
import pytest

from tests.audit.test_prose import AT, WORDS, new_words


def planted(old: str, typed: str):
    assert WORDS.count(old) == 1, old
    return AT[0], WORDS.replace(old, typed)


FUNDED = "政务大厅运行维护项目年初预算600万元，全年预算700万元，"

CONSISTENT = [
    # Chinese numerals for counts and amounts
    ("单位编制数18人", "单位编制数十八人"),
    ("在职17人，退休2人", "在职十七人，退休两人"),
    ("编外人员25人", "编外人员二十五名"),
    ("其中办公经费11.5万元", "其中办公经费十一点五万元"),
    ("结余率10%", "结余率百分之十"),
    # a qualifier in front of the subject
    ("其中：基本支出400万元", "其中：实际基本支出400万元"),
    ("公用经费99.75万元", "实际公用经费99.75万元"),
    ("政务大厅运行维护项目年初预算600万元", "全年实际政务大厅运行维护项目680万元，政务大厅运行维护项目年初预算600万元"),
    # a project's fund sources, as its 附件3 has them (当年财政拨款 640/620, 上年结转资金 50, 其他资金 10)
    (FUNDED, FUNDED + "其中当年财政拨款640万元，上年结转资金50万元，其他资金10万元，"),
    (FUNDED, FUNDED + "实际支出680万元，其中财政拨款620万元、上年结转50万元、其他资金10万元，"),
    (FUNDED, "政务大厅运行维护项目上年结转资金50万元，其他资金10万元；" + FUNDED),
    (FUNDED, "政务大厅运行维护的上年结转资金50万元；" + FUNDED),
    # of no project: the unit's 上年结转 (50); a 其他资金 of no project is not a figure it holds
    (FUNDED, "上年结转资金50万元，其他资金3万元；" + FUNDED),
]


@pytest.mark.parametrize("old, typed", CONSISTENT)
def test_a_consistent_wording_is_left_alone(unit, old, typed):
    _, findings = unit("complete", planted(old, typed))
    assert new_words(findings) == []


INCONSISTENT = [
    ("单位编制数18人", "单位编制数十九人", 200, "正文写“编制数十九人”，数据中编制数为 18 人"),
    ("在职17人", "在职十六人", 200, "正文写“在职十六人”，数据中在职人数为 17 人"),
    ("编外人员25人", "编外人员二十名", 200, "正文写“编外人员二十名”，数据中编外人数为 25 人"),
    ("公务接待费0.13万元", "公务接待费一万元", 197, "正文写“公务接待费一万元”，数据中公务接待费为 0.20 万元（公务接待费本年预算数）、0.13 万元（公务接待费本年决算数）"),
    ("结余率10%", "结余率百分之二十", 197, "正文写“结余率百分之二十”，"),
    # 500 is 基本支出's budget (全年预算 1200 − the project's 700) and 700 the project's: a
    # sentence about spending is held to what was spent
    ("其中：基本支出400万元", "其中：实际基本支出500万元", 195, "正文写“实际基本支出500万元”，数据中基本支出的支出为 400.00 万元"),
    ("公用经费99.75万元", "实际公用经费100万元", 196, "正文写“实际公用经费100万元”，数据中公用经费的支出为 99.75 万元"),
    ("政务大厅运行维护项目年初预算600万元", "全年实际政务大厅运行维护项目700万元，政务大厅运行维护项目年初预算600万元", 201,
     "正文写“全年实际政务大厅运行维护项目700万元”，数据中项目“政务大厅运行维护”的支出为 680.00 万元"),
    # a project's fund sources against its 附件3: 40 was the unit's 上年结转 (50) or another's
    (FUNDED, "政务大厅运行维护项目上年结转资金40万元；" + FUNDED, 201,
     "正文写“上年结转资金40万元”，数据中项目“政务大厅运行维护”的上年结转资金为 0.00 万元（年初预算数）、50.00 万元（全年预算数）"),
    (FUNDED, FUNDED + "其中当年财政拨款640万元，上年结转资金50万元，其他资金12万元，", 201,
     "正文写“其他资金12万元”，数据中项目“政务大厅运行维护”的其他资金的预算为 0.00 万元（年初预算数）、10.00 万元（全年预算数）"),
    (FUNDED, FUNDED + "实际支出680万元，其中财政拨款640万元、上年结转50万元、其他资金10万元，", 201,
     "正文写“财政拨款640万元”，数据中项目“政务大厅运行维护”的当年财政拨款的支出为 620.00 万元"),
]


@pytest.mark.parametrize("old, typed, line, message", INCONSISTENT)
def test_an_inconsistent_wording_gives_one_warning_at_its_line(unit, old, typed, line, message):
    _, findings = unit("complete", planted(old, typed))
    found = new_words(findings)
    assert len(found) == 1, found
    assert found[0].startswith(f"complete.yaml:{line}:")
    assert message in found[0]
