"""表格合计 is linear in the table (issue 20): a table's rows are read once, not once per
column, and the columns each 合计 column adds are found in one pass. The rule gives the same
findings as the plain reading it replaces (below, as the code was), on generated tables of
every shape the rule reads: totals down and across, 小计 and 合计, 其中 rows and columns,
money available and left over, a total above its parts. No timing here."""
import random
from decimal import Decimal

from perfreport.audit.context import Context
from perfreport.derive import Table
from perfreport.audit.table_totals import (AVAILABLE, LEFT_OVER, SUBTOTAL, TOTAL, _added_columns, _compare, as_typed,
                                     label, number, table_totals, tolerance)
from tests.conftest import FIXTURES


# ------------------------------------------------------------------ as the code was

def plain_parts_rows(table: Table) -> dict[int, str]:
    """Rows that are not parts of a total: 其中 lines, and money left over in a table of money
    available (why: the reason a message gives)."""
    labels = [label(row) for row in table.rows]
    available = any(AVAILABLE.match(x) for x in labels)
    excluded = {}
    for r, text in enumerate(labels):
        if text.startswith("其中"):
            excluded[r] = "其中"
        elif available and LEFT_OVER.search(text) and not TOTAL.search(text):
            excluded[r] = "left_over"
    return excluded


def plain_column_totals(table: Table, c: int, excluded: dict[int, str]):
    """(total row, its value, the sum of what it adds) for every total row of column c that
    does not add up."""
    since_any: list[Decimal | None] = []      # parts since the last total of any kind
    since_grand: list[Decimal | None] = []    # parts since the last 合计/总计
    head: tuple[int, Decimal] | None = None   # a total above its parts
    for r, row in enumerate(table.rows):
        value = number(row[c]) if c < len(row) else None
        text = label(row)
        if TOTAL.search(text):
            if not since_any and not since_grand and head is None:
                if value is not None:
                    head = (r, value)
                continue
            if head is not None:
                yield from _compare(head[0], head[1], [since_any])
                head = None
            elif value is not None:
                candidates = [since_any] if SUBTOTAL.search(text) else [since_grand, since_any]
                yield from _compare(r, value, candidates)
            since_any = []
            if not SUBTOTAL.search(text):
                since_grand = []
            continue
        if r in excluded:
            continue
        since_any.append(value)
        since_grand.append(value)
    if head is not None:
        yield from _compare(head[0], head[1], [since_any])


def plain_table_totals(ctx: Context):
    for table in ctx.report.tables:
        if not table.rows or any(len(row) != len(table.columns) for row in table.rows):
            continue                  # 文字结构 says so; its sums cannot be read
        excluded = plain_parts_rows(table)
        added = _added_columns(table)
        problems: dict[int, list[str]] = {}
        for c in added:
            for r, value, parts in plain_column_totals(table, c, excluded):
                problems.setdefault(r, []).append(
                    f"“{table.columns[c]}”列填 {as_typed(table.rows[r][c])}，它合计的各行之和为 {parts:f}")
        for c, header in enumerate(table.columns):
            if not TOTAL.search(str(header)) or c not in added:
                continue
            left = [k for k in added if k < c and not str(table.columns[k]).startswith("其中")]
            previous_total = [k for k in left if TOTAL.search(str(table.columns[k]))]
            if previous_total:
                left = [k for k in left if k > previous_total[-1]]
            for r, row in enumerate(table.rows):
                value = number(row[c])
                parts = [number(row[k]) for k in left]
                if value is None or all(p is None for p in parts):
                    continue
                total = sum((p or 0 for p in parts), Decimal(0))
                if abs(total - value) > tolerance(value):
                    problems.setdefault(r, []).append(
                        f"“{header}”列填 {as_typed(row[c])}，这一行左边各列之和为 {total:f}")
        for r in sorted(problems):
            left_over = [table.rows[k][0] for k, why in excluded.items() if why == "left_over"]
            note = (f"（“{'”“'.join(map(str, left_over))}”是年末剩下的钱，不是可用的钱，不计入）"
                    if left_over and any("各行之和" in p for p in problems[r]) else "")
            name = label(table.rows[r]) or f"第 {r + 1} 行"
            yield ctx.warn(table.path + ("行", r), f"表格“{name}”这一行不等于它合计的数：{'；'.join(problems[r])}{note}",
                           hint="请核对表格中的合计、小计，或它们所加的各项")


# ------------------------------------------------------------------ tables to read

ROW_NAMES = ["上年结转", "年初预算", "本年追加", "本年结转", "年末结余", "其中：办公费", "小计", "合计", "总 计", "小 计",
             "工资福利支出", "商品和服务支出", "", "合计（本年结转）"]
COLUMN_NAMES = ["项目", "年初", "全年", "合计", "其中：工资", "小计", "执行率", "金额", "总计", "决算"]


def cell(rng: random.Random):
    return rng.choice(["1", "2", "3", "5", "10", "0", "", "1.5", "12.30", 7, Decimal("2.5"), None, "—", "3%"])


def quoted(value) -> str:
    if value is None:
        return "null"
    return f'"{value}"' if isinstance(value, str) else str(value)


def table_yaml(rng: random.Random) -> str:
    columns = [rng.choice(COLUMN_NAMES) for _ in range(rng.randint(1, 7))]
    rows = [[rng.choice(ROW_NAMES)] + [cell(rng) for _ in columns[1:]] for _ in range(rng.randint(1, 12))]
    lines = "".join("          - [" + ", ".join(quoted(c) for c in row) + "]\n" for row in rows)
    return ("  - 表格:\n      单位: 万元\n      列: [" + ", ".join(quoted(c) for c in columns) + "]\n"
            "      行:\n" + lines)


def test_random_tables_add_up_as_the_plain_reading_adds_them(tmp_path):
    rng = random.Random(20)
    text = (FIXTURES / "complete.yaml").read_text(encoding="utf-8")
    assert "其他需要说明的情况:\n  - 无\n" in text
    path = tmp_path / "complete.yaml"
    path.write_text(text.replace("其他需要说明的情况:\n  - 无\n",
                                 "其他需要说明的情况:\n" + "".join(table_yaml(rng) for _ in range(300))), encoding="utf-8")
    from perfreport.commands.pipeline import examine
    checked = examine(path, shown=path.name)
    ctx = Context(checked.loaded, checked.report, rule="表格合计")
    fast = [f.text() for f in table_totals(ctx)]
    assert fast == [f.text() for f in plain_table_totals(ctx)]
    assert len(fast) > 50 and any("年末剩下的钱" in t for t in fast) and any("左边各列之和" in t for t in fast)


def test_the_benchmarks_tables_add_up_the_same(tmp_path):
    from bench import growth
    from perfreport.commands.pipeline import examine
    for shape, count in (("table", 200), ("wide", 300)):
        path = growth.write_unit(tmp_path, shape, count)
        checked = examine(path, shown=path.name)
        ctx = Context(checked.loaded, checked.report, rule="表格合计")
        fast = [f.text() for f in table_totals(ctx)]
        assert fast and fast == [f.text() for f in plain_table_totals(ctx)]
