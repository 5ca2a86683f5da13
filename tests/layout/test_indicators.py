"""The indicator block on its pages (perfreport/layout/indicators.py): widths from the
content, rows dealt onto pages that each fit and read on their own, 总分 with the last rows."""
from __future__ import annotations

import re

from perfreport.layout.indicators import (BLOCK_HEIGHT_MM, FILL, PORTRAIT_TEXT_MM, _row_height, block_widths,
                                          block_xml, header_mm, merges, plan, row_mm)

REASON = "受疫情影响部分线下服务暂停，导致办件量未达预期；下一步将加强线上渠道建设，提升网办比例。"


def rows(count: int, reason_every: int = 0, level1: str = "产出指标\n（50分）") -> list[dict]:
    return [{"level1": level1, "level2": ["数量指标", "质量指标", "时效指标", "成本指标"][n * 4 // count],
             "name": f"第{n + 1}项政务服务事项网上可办率", "target": "≥95%", "actual": "98%", "weight": "5.00",
             "score": "5.00", "deviation": REASON if reason_every and n % reason_every == 0 else ""}
            for n in range(count)]


def test_widths_fill_the_text_block_and_give_a_reason_room():
    without = block_widths(rows(8))
    with_reasons = block_widths(rows(8, reason_every=2))
    assert round(sum(without), 0) == PORTRAIT_TEXT_MM == round(sum(with_reasons), 0)
    assert with_reasons[8] > without[8] and with_reasons[8] >= 7 * 3.7     # seven characters a line at least
    assert without[3] > with_reasons[3]                                    # 三级指标 gives what the reasons take


def test_every_planned_page_fits_and_the_last_holds_the_total():
    many = rows(60, reason_every=3)
    widths = block_widths(many)
    pages = plan(many, widths, first_page_used_mm=100)
    assert len(pages) > 2 and [p.last for p in pages] == [False] * (len(pages) - 1) + [True]
    assert [r for p in pages for r in p.rows] == many                      # every row once, in order
    for number, page in enumerate(pages):
        used = (100 if number == 0 else 0) + header_mm(widths) + sum(_row_height(r, widths) for r in page.rows)
        assert used <= BLOCK_HEIGHT_MM * FILL
    assert pages[-1].rows                                                  # 总分 never alone under a header


def test_a_page_opens_its_groups_again():
    many = rows(60)
    pages = plan(many, block_widths(many), first_page_used_mm=100)
    for page in pages:
        assert merges(page.rows)[0] == (True, True)
    assert merges(rows(4)) == [(True, True), (False, True), (False, True), (False, True)]


def test_the_xml_is_a_table_a_page_with_its_header_and_the_total_on_the_last():
    view = {"rows": rows(60), "weight_total": "100.00", "score_total": "98.00", "grade_cell": "等级：优"}
    pages = block_xml(view, "自评得分", first_page_used_mm=100)
    assert len(pages) > 2
    for number, xml in enumerate(pages):
        assert xml.count("<w:tbl>") == 1 and ("<w:pageBreakBefore/>" in xml) == (number > 0)
        assert "一级指标" in xml and ">绩效</w:t><w:br/><w:t xml:space=\"preserve\">指标" in xml
        # the page's first row shows its group's label (a restart cell holding the text)
        first_row = xml.split("</w:tr>")[1]
        assert first_row.count('<w:vMerge w:val="restart"/>') == 2 and "（50分）" in first_row
        assert ("总分" in xml) == (number == len(pages) - 1)
    assert not re.search(r"<w:tblHeader/>", "".join(pages))               # no header merged into a body


def test_a_short_row_under_a_tall_label_is_measured_at_the_labels_height():
    # 满意度 on three lines over one row of one line: the page keeps room for the label
    assert row_mm([("满意度\n指标\n（10分）", 17.8)]) > row_mm([("群众满意率", 30)])


def test_widths_measure_each_text_once_however_many_rows(monkeypatch):
    # every split of the page is tried with every row: each row's two texts are measured once,
    # not once a split through a cache that thousands of rows outgrow (bench (4): the cost of a
    # row grew by a quarter from 500 to 2000 rows)
    from perfreport.layout import indicators
    many = [dict(row, name=f"{row['name']}（{n}）", deviation=f"{REASON}（{n}）")
            for n, row in enumerate(rows(5000))]
    expected = block_widths(many[:40])
    measured = []
    real = indicators.token_widths
    monkeypatch.setattr(indicators, "token_widths", lambda text: measured.append(text) or real(text))
    assert block_widths(many[:40]) == expected
    assert len(measured) == 80
    measured.clear()
    block_widths(many)
    assert len(measured) == 10000


def test_widths_are_those_of_trying_every_row_at_every_split(monkeypatch):
    # rows that stay whole lines at every split are counted once (block_widths): the split
    # chosen is the one found by measuring every row at every split
    import random
    from perfreport.layout import indicators
    pieces = ["办件", "数量", "政务服务事项", "网上可办率≥95%", "2023", "受疫情影响部分线下服务暂停",
              "下一步将加强线上渠道建设", "\n", "A", "2023年全县政务服务事项网上可办率达到百分之九十五以上"]
    chosen = random.Random(26)
    blocks = [[dict(row, name="".join(chosen.choices(pieces, k=chosen.randint(1, 9))),
                    deviation="".join(chosen.choices(pieces, k=chosen.randint(0, 12))) if chosen.random() < 0.4 else "")
               for row in rows(chosen.randint(1, 30))] for _ in range(100)]
    # and names about a line long, each whole at some splits and broken at others
    blocks += [[dict(row, name="字" * chosen.randint(1, 12), deviation="字" * chosen.choice([0, 0, 3, 7, 8, 9, 14]))
                for row in rows(chosen.randint(1, 5))] for _ in range(100)]
    found = [block_widths(block) for block in blocks]
    set_aside = []
    real = indicators.unbroken
    monkeypatch.setattr(indicators, "unbroken", lambda *args: set_aside.append(real(*args)) or False)
    assert [block_widths(block) for block in blocks] == found
    assert 0 < sum(set_aside) < len(set_aside)          # both kinds of row were there
    assert len({tuple(widths) for widths in found}) > 5
