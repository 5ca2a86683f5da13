from decimal import Decimal as D

import pytest

from perfreport.shared.formats import as_typed, count, money, percent, score


@pytest.mark.parametrize("value,text", [
    (D("179.20"), "179.20"), (D("179.2"), "179.20"), (400, "400.00"), (D("0.1") + D("0.2"), "0.30"),
    (D("1393.97"), "1393.97"), (D("0.2"), "0.20"), (0, "0.00"), (D("-30.5"), "-30.50"), (D("-0.00"), "0.00"),
    (None, "")])
def test_money_has_two_decimals_as_final_accounts_print_it(value, text):
    assert money(value) == text


def test_money_never_drops_a_digit_the_unit_typed():
    assert money(D("0.125")) == "0.125"


@pytest.mark.parametrize("value,rounding,text", [
    (D("9.83"), "保留两位小数", "9.83"), (10, "保留两位小数", "10.00"), (D(9), "向下取整", "9"),
    (D("9.5"), "向下取整", "9.5"), (D("9.5"), "保留一位小数", "9.5"), (None, "保留两位小数", "")])
def test_scores_take_the_decimals_of_the_rounding_setting(value, rounding, text):
    assert score(value, rounding) == text


def test_percent_has_two_decimals_and_a_dash_for_no_rate():
    assert percent(D("0.975")) == "97.50%"
    assert percent(D("1393.97") / D("1393.97")) == "100.00%"
    assert percent(None) == "—"


def test_a_unit_table_cell_prints_as_typed():
    assert [as_typed(v) for v in (D("120.50"), 36, D("5.0"), "甲", None)] == ["120.50", "36", "5.0", "甲", ""]
    assert count(None) == "" and count(0) == "0"
