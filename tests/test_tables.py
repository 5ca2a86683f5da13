"""Sizing of the variable tables: which ones need a landscape page."""
from __future__ import annotations

from perfreport.derive.narrative import Table
from perfreport.tables import (CELL_PADDING_MM, CJK_MM, LATIN_MM, PORTRAIT_TEXT_MM,
                               column_need_mm, needs_landscape)


def table(columns, *rows):
    return Table(title="", unit="万元", columns=list(columns), rows=[list(r) for r in rows])


def test_a_column_needs_four_characters_or_its_longest_figure():
    assert column_need_mm(["项目", "信息化改造工程"]) == 4 * CJK_MM + CELL_PADDING_MM
    assert column_need_mm(["执行数", "12345678901.25"]) == 14 * LATIN_MM + CELL_PADDING_MM


def test_three_columns_stay_portrait():
    assert not needs_landscape(table(["项目", "预算数", "执行数"], ["信息化改造", "100", "100"]))


def test_eight_columns_fit_nine_do_not():
    # 8 × (4 × 3.7 + 3.8) = 148.8 mm ≤ 156; nine columns need 167.4 mm
    assert 8 * column_need_mm([]) <= PORTRAIT_TEXT_MM < 9 * column_need_mm([])
    assert not needs_landscape(table([f"列{i}" for i in range(8)]))
    assert needs_landscape(table([f"列{i}" for i in range(9)]))


def test_long_figures_widen_a_table():
    narrow = table(["项目", "金额", "备注"], ["甲", "1", "无"])
    assert not needs_landscape(narrow)
    wide = table(["项目", "金额", "备注", "说明", "合计"],
                 ["甲", "1234567890123456789.00", "1234567890123456789.00",
                  "1234567890123456789.00", "1"])
    assert needs_landscape(wide)
