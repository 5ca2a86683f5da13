from decimal import Decimal as D

import pytest

import datetime as dt

from perfreport.derive.scoring import Measure, assess, parse_date, parse_measure


@pytest.mark.parametrize("text,measure", [
    ("≥500个", Measure("ge", D(500), "个")), ("≧100%", Measure("ge", D(100), "%")),
    ("≤100%", Measure("le", D(100), "%")), ("≦ 100 %", Measure("le", D(100), "%")),
    ("=100%", Measure("eq", D(100), "%")), ("＝100%", Measure("eq", D(100), "%")),
    (">=3次", Measure("ge", D(3), "次")), ("893个", Measure(None, D(893), "个")),
    ("100.39%", Measure(None, D("100.39"), "%")),
])
def test_parse_measure(text, measure):
    assert parse_measure(text) == measure


@pytest.mark.parametrize("text", ["出台", "按时完成", "", None, "影响情况"])
def test_qualitative_targets_have_no_measure(text):
    assert parse_measure(text) is None


def row(target, actual, weight=10, **extra):
    return {"二级指标": "数量指标", "三级指标": "x", "年度指标值": target, "实际完成值": actual, "分值": weight, **extra}


def test_positive_target_scores_the_share_reached():
    a = assess(row("≥100个", "90个"), "保留两位小数")
    assert (a.kind, a.achievement, a.expected, a.met) == ("quantitative", D("0.9"), D("9.00"), False)


def test_positive_target_caps_at_full_score():
    assert assess(row("≥500个", "893个"), "保留两位小数").expected == D("10.00")


def test_reverse_target_seed_004_cost_indicator():
    # ≤100%, actual 100.39%: 10 × 100/100.39 = 9.961… ; seed 004 wrote 9 (向下取整)
    assert assess(row("≤100%", "100.39%"), "向下取整").expected == D(9)
    assert assess(row("≤100%", "100.39%"), "保留两位小数").expected == D("9.96")


def test_reverse_target_met_below():
    assert assess(row("≤100%", "97.14%"), "保留两位小数").expected == D("10.00")


def test_equal_target_penalises_both_directions():
    assert assess(row("=100%", "80%"), "保留两位小数").expected == D("8.00")
    assert assess(row("=100%", "125%"), "保留两位小数").expected == D("8.00")


def test_missing_operator_is_read_as_positive_and_marked():
    a = assess(row("100%", "97.5%"), "保留两位小数")
    assert a.operator == "ge" and a.operator_assumed and a.expected == D("9.75")


def test_units_must_match():
    assert assess(row("≥5个", "5次"), "保留两位小数").unit_mismatch


def test_qualitative_band():
    a = assess(row("出台", "已出台", 定性评价="部分达成"), "保留两位小数")
    assert (a.kind, a.band, a.met) == ("qualitative", (D("0.6"), D("0.8")), True)    # the words say it was


def test_not_applicable():
    assert assess({"二级指标": "经济效益指标", "三级指标": "不适用"}, "保留两位小数").kind == "not_applicable"


@pytest.mark.parametrize("text,measure", [
    ("＞95%", Measure("gt", D(95), "%")), (">95%", Measure("gt", D(95), "%")), ("＜5次", Measure("lt", D(5), "次")),
    ("<5次", Measure("lt", D(5), "次")), ("≥1,000个", Measure("ge", D(1000), "个")),
    ("不低于95%", Measure("ge", D(95), "%")), ("不超过100万元", Measure("le", D(100), "万元")),
    ("95%-100%", Measure(None, D(95), "%", high=D(100))), ("95%~100%", Measure(None, D(95), "%", high=D(100))),
    ("95-100%", Measure(None, D(95), "%", high=D(100))), ("0.98", Measure(None, D("0.98"), "")),
    ("95%以上", Measure("ge", D(95), "%")), ("80%及以上", Measure("ge", D(80), "%")),
    ("3天以内", Measure("le", D(3), "天")), ("5次以下", Measure("le", D(5), "次")),
])
def test_targets_as_people_write_them(text, measure):
    assert parse_measure(text) == measure


@pytest.mark.parametrize("text", ["12月底前", "2023年", "万元", "影响情况"])
def test_dates_and_unmeasured_targets_are_no_quantity(text):
    assert parse_measure(text) is None


def test_a_strict_target_is_missed_at_its_bound():
    a = assess(row("＞95%", "95%"), "保留两位小数")
    assert (a.operator, a.met, a.expected) == ("gt", False, None)
    assert assess(row(">95%", "96%"), "保留两位小数").met is True
    assert assess(row("<5次", "5次"), "保留两位小数").met is False


def test_a_range_is_met_inside_and_scored_to_its_nearer_end_outside():
    assert assess(row("95%-100%", "97%"), "保留两位小数").expected == D("10.00")
    a = assess(row("95%~100%", "90%"), "保留两位小数")
    assert (a.met, a.expected) == (False, D("9.47"))          # 10 × 90/95


def test_thousands_separators():
    assert assess(row("≥1,000个", "1,200个"), "保留两位小数").met is True


def test_percent_against_a_fraction_says_the_units_differ():
    a = assess(row("≥95%", "0.98"), "保留两位小数")
    assert (a.unit_mismatch, a.expected) == ("percent_fraction", None)


def test_deadlines_are_compared_as_dates():
    assert parse_date("12月底前", 2023) == dt.date(2023, 12, 31)
    assert parse_date("2023年6月30日前") == dt.date(2023, 6, 30)
    assert assess(row("11月底前", "12月底前"), "保留两位小数", 2023).met is False
    assert assess(row("12月底前", "11月底前"), "保留两位小数", 2023).met is True
    assert assess(row("12月底前", "按时完成"), "保留两位小数", 2023).met is True
    assert assess(row("12月底前", "未完成"), "保留两位小数", 2023).met is False


@pytest.mark.parametrize("actual,said,met", [("已出台", "", True), ("未出台", "missed", False),
                                             ("部分完成", "partly", None), ("尚未完成", "missed", False)])
def test_a_qualitative_actual_that_says_it_missed(actual, said, met):
    a = assess(row("出台", actual), "保留两位小数")
    assert (a.kind, a.said) == ("qualitative", said)
    assert a.met is met or (met is None and a.met is not True)


@pytest.mark.parametrize("target,actual,why", [("万元", "100%", "no measure"), ("影响情况", "100%", "no measure"),
                                               ("≥95%", "良好", "no actual"), ("≥95%", "", "no actual")])
def test_a_row_that_cannot_be_verified_says_why(target, actual, why):
    a = assess(row(target, actual), "保留两位小数")
    assert (a.kind, a.why) == ("unverifiable", why)


@pytest.mark.parametrize("text, operator, number, unit", [
    ("满意度≥90%", "ge", "90", "%"), ("按时完成率≥95%", "ge", "95", "%"), ("完成率100%", None, "100", "%"),
    ("群众满意度达95%以上", "ge", "95", "%"), ("达标率≥90%", "ge", "90", "%"), ("到达率≥90%", "ge", "90", "%"),
    ("≥95%以上", "ge", "95", "%"), ("≤5%（含）", "le", "5", "%"), ("≥95%（不含）", "gt", "95", "%"),
    ("不低于90%", "ge", "90", "%"), ("满意度不低于90%", "ge", "90", "%"), ("达100%", "ge", "100", "%"),
    ("3个工作日内", "le", "3", "个工作日"), ("30天内", "le", "30", "天"), ("100%完成", None, "100", "%"),
])
def test_targets_with_a_name_in_front_or_a_word_after(text, operator, number, unit):
    m = parse_measure(text)
    assert (m.operator, m.number, m.unit) == (operator, D(number), unit)


@pytest.mark.parametrize("text", ["达标", "提升10%", "2023年内", "以上", "完成"])
def test_words_that_are_still_no_measure(text):
    assert parse_measure(text) is None
