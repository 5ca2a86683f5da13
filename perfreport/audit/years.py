"""The two years against each other, when last year's unit is known (commands/previous.py):

- 上年数: what this year's forms give as 上年 (附件1's 上年决算数, and 上年结转) must be what last
  year's unit printed as its 决算 (年末结转), line by line; said at the line, with both values.
- 上年变动: a line of 附件1 whose 决算 moved by more than 设置.变动提示比例 (30% unless set) from
  last year's, with no word on it in the unit's text (a sentence naming the line and a change,
  or a reason: “公务接待费较上年减少……”); said at this year's figure.

Without last year's unit there is nothing to compare, and nothing is said."""
from __future__ import annotations

import re
from decimal import Decimal

from perfreport.derive.next_year import annex_lines, final_figures, previous_given
from perfreport.shared.formats import money, percent
from perfreport.audit.context import Context, rule
from perfreport.audit.statements import normalize
from perfreport.audit.vocabulary import THREE_PUBLIC_LINES


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


# how the unit's words name each line, beside its label (“三公” lines as vocabulary.py knows them)
def _names(key: tuple) -> tuple[str, ...]:
    if key[0] == "三公经费":
        return tuple(THREE_PUBLIC_LINES[key[1]][1])
    if key[0] == "项目":
        return (key[1],)
    if key == ("公用经费",):
        return ("公用经费", "商品和服务支出")
    if key[0] == "公用经费":
        return tuple(key[1].split("、"))
    return {("项目支出",): ("项目支出",), ("政府采购",): ("政府采购",),
            ("部门基本支出预算调整",): ("预算调整",)}.get(key, ())


CHANGE = re.compile(r"增加|减少|增长|下降|上升|降低|提高|压减|压缩|持平|较上年|比上年|同比|变动|变化|原因")
SENTENCE = re.compile(r"[^。；;！!？?\n]+")


def _explained(ctx: Context, names: tuple[str, ...]) -> bool:
    """A sentence of the unit's words names the line and speaks of a change or its reason."""
    names = tuple(normalize(n).text for n in names)
    for block in ctx.report.all_blocks():
        for sentence in SENTENCE.findall(normalize(f"{block.title}。{block.text}").text):
            if CHANGE.search(sentence) and any(n in sentence for n in names):
                return True
    return False


@rule("上年变动")
def unexplained_change(ctx: Context):
    if ctx.previous is None:
        return
    share = ctx.report.change_share
    before = annex_lines(ctx.previous.report)
    for key, line in annex_lines(ctx.report).items():
        was = before.get(key)
        if (key == ("上年结转",) or line.sum_of_lines or was is None or was.final is None or line.final is None
                or was.final == line.final):
            continue
        if was.final == 0:
            moved = f"从 0 增加到 {money(line.final)} 万元"
        else:
            rate = (line.final - was.final) / was.final
            if abs(rate) * 100 <= share:
                continue
            moved = f"{'增加' if rate > 0 else '减少'} {percent(abs(rate))}（{money(was.final)} 万元 → {money(line.final)} 万元）"
        if _explained(ctx, _names(key)):
            continue
        yield ctx.warn(line.final_path, f"{line.label}的决算比 {ctx.previous.report.unit.year} 年度（{ctx.previous.shown}）"
                                        f"{moved}，超过 {money(share).rstrip('0').rstrip('.')}%，报告的文字里没有说明",
                       stated=line.final, computed=was.final, at=ctx.nearest(line.final_path),
                       hint=f"在报告里写一句变动的原因（如“{_names(key)[0] if _names(key) else line.label}较上年减少……，原因是……”）；"
                            f"提示的幅度可以在“设置.变动提示比例”里改")
