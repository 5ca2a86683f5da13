"""Reading figures out of the unit's words (perfreport/audit/statements.py)."""
from decimal import Decimal as D

import pytest

from perfreport.audit.statements import chinese_value, normalize, quantity, sentences


def test_quotes_and_spaces_go_but_a_quote_keeps_its_place():
    norm = normalize("2022年\"三公\" 经费预算数０万元，因公出国（境） 费0万元")
    assert norm.text == "2022年三公经费预算数0万元，因公出国(境)费0万元"
    start = norm.text.index("三公")
    assert norm.original(start, norm.text.index("0万元") + 3) == "\"三公\" 经费预算数０万元"


@pytest.mark.parametrize("number, unit, value, tolerance, kind", [
    ("179.2", "万元", "179.2", "0.05", "money"),
    ("1,190.97", "万元", "1190.97", "0.005", "money"),
    ("1.68", "亿元", "16800", "50", "money"),
    ("56360", "元", "5.636", "0.00005", "money"),
    ("22.07", "%", "0.2207", "0.00005", "percent"),
    ("14", "人", "14", "0.5", "count"),
])
def test_a_typed_number_in_the_models_unit(number, unit, value, tolerance, kind):
    q = quantity(number, unit)
    assert (q.value, q.tolerance, q.kind) == (D(value), D(tolerance), kind)


def test_sentences_end_at_full_stops_semicolons_and_lines():
    assert [s for _, s in sentences("甲1万元；乙2万元。丙\n丁！")] == ["甲1万元", "乙2万元", "丙", "丁"]


@pytest.mark.parametrize("numeral, value", [
    ("十二", "12"), ("十", "10"), ("二十", "20"), ("一百零五", "105"), ("两千三百", "2300"),
    ("二〇二三", "2023"), ("三点五", "3.5"), ("十一点五", "11.5"), ("十十", None), ("二三十", None), ("百一千", None),
])
def test_chinese_numerals_read_as_people_write_them(numeral, value):
    assert chinese_value(numeral) == value


@pytest.mark.parametrize("text, read", [
    ("编制数十二人", "编制数12人"), ("在职两名", "在职2名"), ("结余三点五万元", "结余3.5万元"), ("执行率百分之九十五", "执行率95%"),
    # words, not numbers
    ("三公经费", "三公经费"), ("一般公共预算", "一般公共预算"), ("十三五规划", "十三五规划"), ("第三名", "第三名"),
    ("数十人", "数十人"), ("几百万元", "几百万元"), ("一元化管理", "一元化管理"), ("二〇二三年", "二〇二三年"),
])
def test_chinese_numbers_before_a_unit_become_digits_and_quote_as_typed(text, read):
    norm = normalize(text)
    assert norm.text == read
    assert norm.original(0, len(norm.text)) == text
