"""The tables whose columns vary: their sizing, which ones need a landscape page, and the
WordprocessingML they are written as (header rows, merged heads, alignment)."""
from __future__ import annotations

import pytest
from lxml import etree

from perfreport.layout.own_tables import (CELL_PADDING_MM, CJK_MM, LATIN_MM, PORTRAIT_TEXT_MM, TableText, column_need_mm,
                               column_widths, header_groups, needs_landscape, table_xml)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def table(columns, *rows):
    return TableText(title="", unit="万元", columns=list(columns), rows=[list(r) for r in rows])


def parsed(markup):
    return etree.fromstring(f'<w:body xmlns:w="{W[1:-1]}">{markup}</w:body>')


def texts(element):
    return "".join(t.text or "" for t in element.iter(W + "t"))


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


def test_spare_width_goes_to_the_columns_of_running_text():
    t = table(["项目", "金额", "说明"], ["甲", "100.00", "一段很长很长很长很长很长很长很长很长的说明文字"])
    widths = column_widths(t, PORTRAIT_TEXT_MM)
    assert sum(widths) == pytest.approx(PORTRAIT_TEXT_MM)
    assert widths[1] == pytest.approx(column_need_mm(["金额", "100.00"]))       # figures: what they need
    assert widths[2] > widths[0] > widths[1] - 0.001


def test_names_that_share_a_head_are_grouped():
    assert header_groups(["费用项目", "预算金额（基本支出）", "预算金额（项目支出）", "决算金额（基本支出）", "合计（万元）"]) == [
        ("费用项目", [(0, "")]), ("预算金额", [(1, "基本支出"), (2, "项目支出")]),
        ("决算金额（基本支出）", [(3, "")]), ("合计（万元）", [(4, "")])]


def test_a_table_is_written_with_repeating_merged_header_rows():
    t = table(["费用项目", "预算金额（基本支出）", "预算金额（项目支出）"], ["公务接待", "5.00", "0"], ["合 计", "5.00", "—"])
    body = parsed(table_xml(t))
    assert [texts(p) for p in body.findall(W + "p")] == ["单位：万元"]
    rows = body.find(W + "tbl").findall(W + "tr")
    header = [r for r in rows if r.find(f"{W}trPr/{W}tblHeader") is not None]
    assert len(header) == 2 and all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    top, bottom = ([texts(c) for c in r.findall(W + "tc")] for r in header)
    assert (top, bottom) == (["费用项目", "预算金额"], ["", "基本支出", "项目支出"])
    assert header[0].find(W + "tc").find(f"{W}tcPr/{W}vMerge").get(W + "val") == "restart"
    assert header[0].findall(W + "tc")[1].find(f"{W}tcPr/{W}gridSpan").get(W + "val") == "2"
    # figures right, words left; the unit's own text as typed, XML-escaped
    cells = rows[2].findall(W + "tc")
    assert [c.find(f"{W}p/{W}pPr/{W}jc").get(W + "val") for c in cells] == ["left", "right", "right"]


def test_cell_text_is_escaped_and_keeps_its_line_breaks():
    body = parsed(table_xml(table(["项", "值"], ["R&D <甲>", "一\n二"])))
    cells = body.find(W + "tbl").findall(W + "tr")[1].findall(W + "tc")
    assert texts(cells[0]) == "R&D <甲>"
    assert len(cells[1].findall(f".//{W}br")) == 1
