"""Tables the unit typed (in its words and 附件4–6): a row or column named 合计, 小计 or
总计 is the sum of what it totals (表格合计).

Down a column, a total row adds the rows since the last total (a 合计 after 小计 rows adds
them all); a total in the first row adds the rows below it. Rows that are “其中” lines are
part of the row above, not of the total. In a table of money available (年初预算, 上年结转,
本年追加), a row of money left over (本年结转, 年末结余) is not available money: wugang's
seed adds it into 小计 and prints 665.12 for the 613.53 it had. Across a row, a column
named 合计 adds the numeric columns to its left. Columns of rates, shares and ranks are
not added.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from perfreport.derive import Table
from perfreport.shared.formats import as_typed
from perfreport.audit.context import Context, rule
from perfreport.shared.findings import CERTAIN

TOTAL = re.compile(r"合\s*计|小\s*计|总\s*计")
SUBTOTAL = re.compile(r"小\s*计")
NOT_ADDED = re.compile(r"率|%|％|占比|比例|比重|排名|名次|序号|编号|年份|单价|标准")
NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
AVAILABLE = re.compile(r"^(?:年初预算|年初结转|上年结转|上年结余|本年追加|追加|本年收入|财政拨款|预算收入|可用)")
LEFT_OVER = re.compile(r"年末结转|本年结转|年末结余|本年结余|结转下年|结余结转")


def number(cell) -> Decimal | None:
    if isinstance(cell, (Decimal, int)) and not isinstance(cell, bool):
        return Decimal(cell)
    if isinstance(cell, str):
        text = cell.strip().replace(" ", "")
        if NUMBER.fullmatch(text):
            try:
                return Decimal(text.replace(",", ""))
            except InvalidOperation:
                return None
    return None


def label(row: list) -> str:
    """The row's words (its cells that are not numbers), spaces taken out: 合 计 reads 合计."""
    return "".join(re.sub(r"\s+", "", str(c)) for c in row if c is not None and number(c) is None)


def tolerance(total: Decimal, allowed: Decimal = Decimal(0)) -> Decimal:
    """Half a unit of the total's last digit (716.9 stands for 716.85–716.95), or what the
    unit allows (设置.金额容差) when that is more."""
    return max(Decimal(1).scaleb(total.as_tuple().exponent) / 2, allowed)


def _added_columns(table: Table) -> list[int]:
    columns = []
    for c, header in enumerate(table.columns):
        cells = [row[c] for row in table.rows if c < len(row)]
        if NOT_ADDED.search(str(header)) or any(isinstance(x, str) and "%" in x for x in cells):
            continue
        if any(number(x) is not None for x in cells):
            columns.append(c)
    return columns


def _parts_rows(labels: list[str]) -> dict[int, str]:
    """Rows that are not parts of a total: 其中 lines, and money left over in a table of money
    available (why: the reason a message gives)."""
    available = any(AVAILABLE.match(x) for x in labels)
    excluded = {}
    for r, text in enumerate(labels):
        if text.startswith("其中"):
            excluded[r] = "其中"
        elif available and LEFT_OVER.search(text) and not TOTAL.search(text):
            excluded[r] = "left_over"
    return excluded


def _column_totals(table: Table, c: int, excluded: dict[int, str], totals: list[str],
                   allowed: Decimal = Decimal(0)):
    """(total row, its value, the sum of what it adds) for every total row of column c that
    does not add up. totals[r]: "小计" or "合计" for a total row, "" for the others (the rows'
    words are read once for every column)."""
    since_any: list[Decimal | None] = []      # parts since the last total of any kind
    since_grand: list[Decimal | None] = []    # parts since the last 合计/总计
    head: tuple[int, Decimal] | None = None   # a total above its parts
    for r, row in enumerate(table.rows):
        value = number(row[c]) if c < len(row) else None
        if totals[r]:
            if not since_any and not since_grand and head is None:
                if value is not None:
                    head = (r, value)
                continue
            if head is not None:
                yield from _compare(head[0], head[1], [since_any], allowed)
                head = None
            elif value is not None:
                candidates = [since_any] if totals[r] == "小计" else [since_grand, since_any]
                yield from _compare(r, value, candidates, allowed)
            since_any = []
            if totals[r] != "小计":
                since_grand = []
            continue
        if r in excluded:
            continue
        since_any.append(value)
        since_grand.append(value)
    if head is not None:
        yield from _compare(head[0], head[1], [since_any], allowed)


def _compare(r: int, value: Decimal, candidates: list[list], allowed: Decimal = Decimal(0)):
    sums = [sum((v or 0 for v in parts), Decimal(0)) for parts in candidates
            if any(v is not None for v in parts)]
    if sums and all(abs(s - value) > tolerance(value, allowed) for s in sums):
        yield r, value, sums[0]


def _row_total_columns(table: Table, added: list[int]) -> list[tuple[int, list[int]]]:
    """(a 合计 column, the columns it adds) for each added column named 合计: the added
    columns to its left, since the last 合计 among them, 其中 columns left out. One pass over
    the columns, however many totals a row has."""
    found, since = [], []
    added_set = set(added)
    for c, header in enumerate(table.columns):
        if c not in added_set:
            continue
        total = bool(TOTAL.search(str(header)))
        if total:
            found.append((c, list(since)))
        if not str(header).startswith("其中"):      # a 其中 column is part of another, never added
            if total:
                since = []
            else:
                since.append(c)
    return found


@rule("表格合计", CERTAIN)
def table_totals(ctx: Context):
    for table in ctx.report.tables:
        if not table.rows or any(len(row) != len(table.columns) for row in table.rows):
            continue                  # 文字结构 says so; its sums cannot be read
        labels = [label(row) for row in table.rows]
        totals = ["" if not TOTAL.search(text) else "小计" if SUBTOTAL.search(text) else "合计" for text in labels]
        excluded = _parts_rows(labels)
        added = _added_columns(table)
        problems: dict[int, list[str]] = {}
        for c in added:
            for r, value, parts in _column_totals(table, c, excluded, totals, ctx.money_tolerance):
                problems.setdefault(r, []).append(
                    f"“{table.columns[c]}”列填 {as_typed(table.rows[r][c])}，它合计的各行之和为 {parts:f}")
        for c, left in _row_total_columns(table, added):
            header = table.columns[c]
            for r, row in enumerate(table.rows):
                value = number(row[c])
                parts = [number(row[k]) for k in left]
                if value is None or all(p is None for p in parts):
                    continue
                total = sum((p or 0 for p in parts), Decimal(0))
                if abs(total - value) > tolerance(value, ctx.money_tolerance):
                    problems.setdefault(r, []).append(
                        f"“{header}”列填 {as_typed(row[c])}，这一行左边各列之和为 {total:f}")
        left_over = [table.rows[k][0] for k, why in excluded.items() if why == "left_over"]
        # the same for every row it is given to: made once
        why_not = f"（“{'”“'.join(map(str, left_over))}”是年末剩下的钱，不是可用的钱，不计入）" if left_over else ""
        for r in sorted(problems):
            note = why_not if any("各行之和" in p for p in problems[r]) else ""
            name = labels[r] or f"第 {r + 1} 行"
            yield ctx.warn(table.path + ("行", r), f"表格“{name}”这一行不等于它合计的数：{'；'.join(problems[r])}{note}",
                           hint="请核对表格中的合计、小计，或它们所加的各项")
