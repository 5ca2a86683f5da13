"""附件1's grid and label breaks (perfreport/layout/basic_data.py): measured from the forms' type
size, never narrower than what the heads and figures need, and the whole page wide."""
import os
import subprocess
import sys

from perfreport.layout import basic_data
from perfreport.layout.basic_data import LABEL_LINE_MM, break_label
from perfreport.layout.measure import MONEY_SAMPLE, PORTRAIT_TEXT_MM, fits, text_mm
from tests.conftest import ROOT


def test_labels_break_where_the_words_end():
    assert break_label("1、政务服务中心运行维护及信息化建设项目（二期）") == "1、政务服务中心运行维护及信息化建设项目\n（二期）"
    assert break_label("公用经费") == "公用经费"
    for line in break_label("12、政务服务中心运行维护及信息化建设项目1234567").split("\n"):
        assert text_mm(line) <= LABEL_LINE_MM and not line.startswith(("234", "，"))


def test_the_grids_span_the_page_and_hold_their_heads():
    assert round(sum(basic_data.TOP_WIDTHS), 1) == PORTRAIT_TEXT_MM == round(sum(basic_data.BUILDING_WIDTHS), 1)
    for head in ("2023年决算数", "在职人数", "控制率", MONEY_SAMPLE):
        assert basic_data.FIGURE_MM >= fits(head)
    for head in ("批复规模", "（m²）", "投资概算", "（万元）"):
        assert basic_data.BUILDING_MM >= fits(head)
    assert basic_data.TOP_WIDTHS == [80.1, 25.3, 25.3, 25.3]          # at 五号, as the template is built


def test_another_type_size_gives_wider_figure_columns():
    """小四 (PERFREPORT_FORM_PT=12): every measure follows the one setting."""
    script = "from perfreport.layout import basic_data as b; print(b.FIGURE_MM, b.BUILDING_MM, b.LABEL_MM)"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                          env=dict(os.environ, PERFREPORT_FORM_PT="12"))
    figure, building, label = map(float, done.stdout.split())
    assert figure > basic_data.FIGURE_MM and building > basic_data.BUILDING_MM and label < basic_data.LABEL_MM
    assert round(label + 3 * figure, 1) == PORTRAIT_TEXT_MM


def test_the_buildings_label_column_always_holds_its_label():
    for size in ("9", "10.5", "12", "14"):
        script = "from perfreport.layout import basic_data as b; print(b.BUILDING_WIDTHS[0], b.BUILDING_LABEL_NEED_MM)"
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                              env=dict(os.environ, PERFREPORT_FORM_PT=size))
        label, need = map(float, done.stdout.split())
        assert label >= need, size
