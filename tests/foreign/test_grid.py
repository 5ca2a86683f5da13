"""Labels and figures as people type them into form cells (perfreport/foreign/grid.py)."""
import pytest

from perfreport.foreign.grid import label_key, number_text, plain_text


@pytest.mark.parametrize("typed, key", [
    ("预 算 数", "预算数"), ("年初\n预算数", "年初预算数"), ("经费控制情况(万元)", "经费控制情况（万元）"),
    ("３、公务接待", "3、公务接待"), ("\u3000三公经费\u00a0", "三公经费"),
])
def test_a_label_is_compared_without_what_typing_adds(typed, key):
    assert label_key(typed) == key


@pytest.mark.parametrize("typed, figure", [
    ("692.4", "692.4"), ("692.4万元", "692.4"), ("１８", "18"), ("18人", "18"), (" 1,234.50 ", "1234.50"),
    ("１２．５", "12.5"), ("-3", "-3"), ("0", "0"),
])
def test_a_figure_is_read_as_typed_digit_for_digit(typed, figure):
    assert number_text(typed) == figure


@pytest.mark.parametrize("blank", ["", " ", "/", "／", "—", "——", "-", "无数据", "按时完成", "100%"])
def test_a_blank_cell_or_one_without_a_figure_gives_none(blank):
    assert number_text(blank) is None


def test_a_cells_lines_join_and_cjk_spacing_goes():
    assert plain_text("产出指标\n（50分）") == "产出指标（50分）"
    assert plain_text("公 务 接 待") == "公务接待"
    assert plain_text("ISO\n9001") == "ISO 9001"
    assert plain_text("/") == ""
