import pytest

from perfreport.shared.numbering import chinese_number, heading_number


@pytest.mark.parametrize("n,text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")])
def test_chinese_number(n, text):
    assert chinese_number(n) == text


def test_heading_numbers_by_level():
    assert [heading_number(level, 2) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]


def test_no_level_five():
    with pytest.raises(ValueError):
        heading_number(5, 1)


def test_quoted_list_styles():
    from perfreport.shared.numbering import LIST_STYLES, list_number
    # （一）: the 三定 text's own style, printed as section 一's subsections (wording.sections)
    assert [list_number(style, 11) for style in LIST_STYLES] == ["11.", "11、", "（11）", "（十一）"]


def test_typed_numbers_are_recognised_and_years_and_decimals_are_not():
    from perfreport.shared.numbering import split_typed_number
    assert [split_typed_number(t)[0] for t in ("（四）绩效目标", "(1)制定", "1.强化", "1、夯实", "①甲", "十二、x",
                                               "１．全角")] == ["（四）", "(1)", "1.", "1、", "①", "十二、", "１．"]
    for text in ("2023年预算", "1.5亿元投资", "一是强化", "（一）"):
        assert split_typed_number(text) == ("", text)
