import pytest

from perfreport.numbering import chinese_number, heading_number


@pytest.mark.parametrize("n,text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")])
def test_chinese_number(n, text):
    assert chinese_number(n) == text


def test_heading_numbers_by_level():
    assert [heading_number(level, 2) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]


def test_no_level_five():
    with pytest.raises(ValueError):
        heading_number(5, 1)


def test_quoted_list_styles():
    from perfreport.numbering import LIST_STYLES, list_number
    assert [list_number(style, 11) for style in LIST_STYLES] == ["11.", "11、", "（十一）", "（11）"]
