from decimal import Decimal as D

import pytest

from perfreport.numbers import grade, money, percent, ratio, round_score, total


@pytest.mark.parametrize("value,text", [(D("179.20"), "179.2"), (400, "400"), (D("0.1") + D("0.2"), "0.3"),
                                        (D("1393.97"), "1393.97"), (D("0.005"), "0.01"), (0, "0"), (None, "")])
def test_money(value, text):
    assert money(value) == text


def test_percent_has_two_decimals_and_a_dash_for_no_rate():
    assert percent(D("0.975")) == "97.50%"
    assert percent(D(1393.97) / D(1393.97)) == "100.00%"
    assert percent(None) == "—"


def test_ratio_of_zero_whole_is_none():
    assert ratio(5, 0) is None
    assert ratio(0, 0) is None
    assert ratio(1, 4) == D("0.25")


def test_total_keeps_blank_when_nothing_given():
    assert total(None, None) is None
    assert total(None, D("1.1"), 2) == D("3.1")


@pytest.mark.parametrize("mode,expected", [("保留两位小数", "9.75"), ("保留一位小数", "9.8"),
                                           ("四舍五入取整", "10"), ("向下取整", "9")])
def test_rounding_modes(mode, expected):
    assert str(round_score(D("9.75"), mode)) == expected


@pytest.mark.parametrize("score,expected", [(100, "优"), (90, "优"), (D("89.99"), "良"), (80, "良"),
                                            (D("79.9"), "中"), (60, "中"), (D("59.99"), "差")])
def test_grade_bands(score, expected):
    assert grade(D(score)) == expected
