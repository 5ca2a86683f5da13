"""Typed tables add up (表格合计, perfreport/audit/table_totals.py): rows and columns named 合计,
小计 or 总计 against what they total; one warning a row, at the row's line."""
import pytest

from perfreport.audit.table_totals import number


def table(*rows, columns="[项目, 基本支出, 项目支出, 合 计]"):
    lines = "\n".join(f"        - {row}" for row in rows)
    return ("  - 无\n", f"  - 表格:\n      单位: 万元\n      列: {columns}\n      行:\n{lines}\n")


def sums(findings):
    return [f.text() for f in findings if f.rule == "表格合计"]


AVAILABLE = ["[年初预算, 400, 600, 1000]", "[其中：财政拨款, 400, 600, 1000]", "[上年结转, 0, 50, 50]",
             "[本年追加, 0, 150, 150]", "[本年结转, 0, 20, 20]", "[小 计, 400, 800, 1200]"]


def test_a_table_that_adds_up(unit):
    _, findings = unit("complete", table(*AVAILABLE))
    assert sums(findings) == []


def test_a_subtotal_that_adds_the_year_end_balance_seed_002(unit):
    rows = AVAILABLE[:-1] + ["[小 计, 400, 820, 1220]"]
    _, findings = unit("complete", table(*rows))
    assert sums(findings) == [
        "complete.yaml:204:11: 其他需要说明的情况[1].表格.行[6]: 警告（确定·表格合计）：表格“小计”这一行不等于它合计的数："
        "“项目支出”列填 820，它合计的各行之和为 800；“合 计”列填 1220，它合计的各行之和为 1200"
        "（“本年结转”是年末剩下的钱，不是可用的钱，不计入）。请核对表格中的合计、小计，或它们所加的各项"]


def test_a_row_whose_total_column_is_wrong(unit):
    rows = AVAILABLE[:3] + ["[本年追加, 0, 150, 160]"] + AVAILABLE[4:]
    _, findings = unit("complete", table(*rows))
    assert sums(findings) == [
        "complete.yaml:202:11: 其他需要说明的情况[1].表格.行[4]: 警告（确定·表格合计）：表格“本年追加”这一行不等于它合计的数："
        "“合 计”列填 160，这一行左边各列之和为 150。请核对表格中的合计、小计，或它们所加的各项",
        "complete.yaml:204:11: 其他需要说明的情况[1].表格.行[6]: 警告（确定·表格合计）：表格“小计”这一行不等于它合计的数："
        "“合 计”列填 1200，它合计的各行之和为 1210（“本年结转”是年末剩下的钱，不是可用的钱，不计入）。"
        "请核对表格中的合计、小计，或它们所加的各项"]


def test_subtotals_then_a_grand_total(unit):
    rows = ["[甲, 1, 2, 3]", "[乙, 4, 5, 9]", "[小计, 5, 7, 12]", "[丙, 10, 0, 10]", "[小计, 10, 0, 10]",
            "[合计, 15, 7, 22]"]
    _, findings = unit("complete", table(*rows))
    assert sums(findings) == []
    rows[-1] = "[合计, 15, 7, 23]"
    _, findings = unit("complete", table(*rows))
    assert [f.split("·表格合计）：")[1] for f in sums(findings)] == [
        "表格“合计”这一行不等于它合计的数：“合 计”列填 23，它合计的各行之和为 22；“合 计”列填 23，这一行左边各列之和为 22。"
        "请核对表格中的合计、小计，或它们所加的各项"]


def test_a_total_above_its_parts_and_blank_cells(unit):
    rows = ["[合计, 15.5, '', 15.5]", "[甲, 10, '', 10]", "[乙, 5.5, '', 5.5]"]
    _, findings = unit("complete", table(*rows))
    assert sums(findings) == []
    rows[0] = "[合计, 15.6, '', 15.5]"
    _, findings = unit("complete", table(*rows))
    assert [f.split("·表格合计）：")[1] for f in sums(findings)] == [
        "表格“合计”这一行不等于它合计的数：“基本支出”列填 15.6，它合计的各行之和为 15.5；“合 计”列填 15.5，"
        "这一行左边各列之和为 15.6。请核对表格中的合计、小计，或它们所加的各项"]


def test_a_total_typed_with_fewer_decimals_agrees_as_rounded(unit):
    _, findings = unit("complete", table("[工资福利支出, 264.75, 0, 264.75]", "[商品和服务支出, 452.15, 0, 452.15]",
                                         "[合 计, 716.9, 0, 716.9]"))
    assert sums(findings) == []


def test_rates_shares_and_ranks_are_not_added(unit):
    _, findings = unit("complete", table("[甲, 10, 95%, 1]", "[乙, 20, 90%, 2]", "[合计, 30, 92.5%, 3]",
                                         columns="[项目, 金额, 执行率, 排名]"))
    assert sums(findings) == []


@pytest.mark.parametrize("cell, value", [("1,190.97", "1190.97"), (" 12 ", "12"), ("-13.84", "-13.84"),
                                          ("—", None), ("95%", None), ("", None), (None, None)])
def test_what_a_cell_holds(cell, value):
    from decimal import Decimal
    assert number(cell) == (Decimal(value) if value else None)
