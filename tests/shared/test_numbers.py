from decimal import Decimal as D

import pytest

from perfreport.shared.numbers import grade, ratio, round_score


def test_ratio_of_zero_whole_is_none():
    assert ratio(5, 0) is None
    assert ratio(0, 0) is None
    assert ratio(None, 4) is None and ratio(4, None) is None
    assert ratio(1, 4) == D("0.25")


@pytest.mark.parametrize("mode,expected", [("保留两位小数", "9.75"), ("保留一位小数", "9.8"),
                                           ("四舍五入取整", "10"), ("向下取整", "9")])
def test_rounding_modes(mode, expected):
    assert str(round_score(D("9.75"), mode)) == expected


@pytest.mark.parametrize("score,expected", [(100, "优"), (90, "优"), (D("89.99"), "良"), (80, "良"),
                                            (D("79.9"), "中"), (60, "中"), (D("59.99"), "差")])
def test_grade_bands(score, expected):
    assert grade(D(score)) == expected
