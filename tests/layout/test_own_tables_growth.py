"""A table of many columns or rows is written in time linear in its cells (issue 20): the
columns' needs and wishes are added up once, not once a column, and the rows are joined once.
The widths and the XML are the same as the plain computation's (below, as the code was)."""
import random

from perfreport.layout import own_tables as tables
from perfreport.layout.own_tables import CELL_PADDING_MM, TableText, column_need_mm, column_widths, table_xml, text_mm


def plain_widths(table: TableText, text_width_mm: float) -> list[float]:
    columns = tables._columns(table)
    need = [column_need_mm(values) for values in columns]
    spare = text_width_mm - sum(need)
    if spare < 0:
        return [n * text_width_mm / sum(need) for n in need]
    wish = [max(0.0, max(text_mm(v) for v in values) + CELL_PADDING_MM - n) for values, n in zip(columns, need)]
    if sum(wish) == 0:
        wish = [1.0] * len(need)
    return [n + spare * w / sum(wish) for n, w in zip(need, wish)]


def random_table(rng: random.Random, columns: int, rows: int) -> TableText:
    words = ["1", "12.50", "合计", "预算金额（基本支出）", "预算金额（项目支出）", "工资福利支出", "", "1,190.97", "说明文字较长的一格"]
    names = [rng.choice(words) or "列" for _ in range(columns)]
    return TableText("表", "万元", names, [[rng.choice(words) for _ in range(columns)] for _ in range(rows)])


def test_widths_are_the_plain_computations_for_narrow_and_wide_tables():
    rng = random.Random(3)
    for columns in (1, 2, 3, 8, 40, 300):
        for width in (tables.PORTRAIT_TEXT_MM, tables.LANDSCAPE_TEXT_MM, 10.0):
            table = random_table(rng, columns, rng.randint(0, 5))
            assert column_widths(table, width) == plain_widths(table, width)


def test_a_tables_rows_are_written_in_order_each_whole():
    rng = random.Random(4)
    table = random_table(rng, 4, 500)
    xml = str(table_xml(table))
    widths = [round(mm * tables.TWIPS_PER_MM) for mm in column_widths(table, tables.PORTRAIT_TEXT_MM)]
    rows = "".join(tables._row("".join(tables._cell(w, v) for w, v in zip(widths, values)))
                   for values in tables.padded_rows(table))
    assert xml.endswith(tables._header_rows(tables.plain_heads(table), widths, keep=True) + rows + "</w:tbl>")
    assert xml.count("<w:tr>") == 500 + xml.count("<w:tblHeader/>")
