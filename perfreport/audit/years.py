"""The two years against each other: what this year's forms give as 上年 (附件1's 上年决算数, and
上年结转) must be what last year's unit printed as its 决算 (年末结转), line by line; said at the
line, with both values and the file of last year. Without last year's unit there is nothing to
compare, and nothing is said."""
from __future__ import annotations

from perfreport.derive.next_year import final_figures, previous_given
from perfreport.shared.formats import money
from perfreport.audit.context import Context, rule


@rule("上年数")
def last_year(ctx: Context):
    if ctx.previous is None:
        return
    was = final_figures(ctx.previous.report)
    year = ctx.previous.report.unit.year
    for key, (path, label, given) in previous_given(ctx.report).items():
        if key in was and was[key] != given:
            what = "年末结转" if key == ("上年结转",) else "决算数"
            yield ctx.warn(path, f"{label}填的是 {money(given)} 万元，而 {year} 年度的单位（{ctx.previous.shown}）"
                                 f"印的{what}是 {money(was[key])} 万元", stated=given, computed=was[key],
                           hint="上年的数应与上年报告的决算一致：核对是哪一个写错了")
