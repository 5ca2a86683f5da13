from decimal import Decimal as D

import pytest

from perfreport.scoring import Measure, assess, parse_measure


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
    assert (a.kind, a.band, a.met) == ("qualitative", (D("0.6"), D("0.8")), False)


def test_not_applicable():
    assert assess({"二级指标": "经济效益指标", "三级指标": "不适用"}, "保留两位小数").kind == "not_applicable"
