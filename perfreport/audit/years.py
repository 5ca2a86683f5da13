"""The two years against each other, when last year's unit is known (commands/previous.py):

- 上年数: what this year's forms give as 上年 (附件1's 上年决算数, and 上年结转) must be what last
  year's unit printed as its 决算 (年末结转), line by line; said at the line, with both values.
- 上年变动: a line of 附件1 whose 决算 moved by more than 设置.变动提示比例 (30% unless set) from
  last year's, with no word on it in the unit's text (a sentence naming the line and a change,
  or a reason: “公务接待费较上年减少……”); said at this year's figure.
- 上年表述: what the unit's words say of last year (“较上年增长50%”, “比2022年减少0.17万元”,
  “上年为0.13万元”) against last year's unit, as many digits as typed; said at the paragraph.
  Without last year's unit, against the 上年 column of this year's 附件1 (the report's own figures).

The first two need last year's unit: without it they say nothing."""
from __future__ import annotations

import re
from decimal import Decimal

from perfreport.derive.next_year import annex_lines, final_figures, previous_given
from perfreport.shared.formats import money, percent
from perfreport.audit.context import Context, rule
from perfreport.shared.findings import CERTAIN, NOTE, SUSPECTED
from perfreport.audit.statements import NUMBER, normalize, quantity
from perfreport.audit.vocabulary import THREE_PUBLIC_LINES


@rule("上年数", CERTAIN)
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


@rule("上年变动", NOTE)
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


# ------------------------------------------------------------------ the unit's words on last year

UP, DOWN = "增长|增加|上升|提高|多", "减少|下降|降低|压减|压缩|少"
UNIT_TOTAL = ("总支出", "支出总额", "全年支出", "本年支出", "整体支出", "全年执行数", "支出合计")


def _spoken(ctx: Context) -> list[tuple[tuple, tuple[str, ...], Decimal, Decimal]]:
    """(key, names, this year's 决算, last year's) of every line whose two years are known: from
    last year's unit when there is one (and the unit's whole spending, 全年执行数), else from the
    上年 column of this year's 附件1."""
    lines = annex_lines(ctx.report)
    if ctx.previous is not None:
        before = {key: line.final for key, line in annex_lines(ctx.previous.report).items()}
    else:
        before = {key: line.previous_shown for key, line in lines.items()}
    out = []
    for key, line in lines.items():
        was = before.get(key)
        if key != ("上年结转",) and was is not None and line.final is not None and _names(key):
            out.append((key, _names(key), line.final, was))
    if ctx.previous is not None:
        now, was = ctx.report.budget.executed.value, ctx.previous.report.budget.executed.value
        if now is not None and was is not None:
            out.append((("全年执行数",), UNIT_TOTAL, now, was))
    return out


def _claims(year: int):
    last = rf"(?:上年|去年|上一年|{year - 1}年)(?:同期)?"
    number = rf"(?P<number>{NUMBER})"
    # “较上年增长10%”; “较上年有所增加，增加金额为0.59万元” (seed 002)
    return (re.compile(rf"(?:较|比){last}(?:相比)?(?:的)?(?:有所)?(?P<way>{UP}|{DOWN})了?"
                       rf"(?:[，,](?:{UP}|{DOWN})?(?:金额|额|幅度)?(?:为|是|达)?)?{number}(?P<unit>%|万元)"),
            re.compile(rf"{last}(?:为|是|决算数?为?|支出|决算支出为?|实际支出)?{number}万元"))


@rule("上年表述", SUSPECTED)
def words_on_last_year(ctx: Context):
    """“公务接待费较上年增长50%”, “比2022年减少0.17万元”, “上年为0.13万元”: checked against last
    year's unit as the audit checks this year's figures (as many digits as typed)."""
    lines = _spoken(ctx)
    if not lines:
        return
    change, level = _claims(ctx.report.unit.year)
    shown = (f"{ctx.previous.report.unit.year} 年度的单位（{ctx.previous.shown}）" if ctx.previous is not None
             else "附件1 的上年决算数")
    for block in ctx.report.all_blocks():
        text = normalize(f"{block.title}。{block.text}" if block.title else block.text)
        for sentence in SENTENCE.finditer(text.text):
            words = sentence.group()
            named = sorted(((words.rfind(n), key, now, was) for key, names, now, was in lines for n in names
                            if n and words.find(n) >= 0), key=lambda t: t[0])
            if not named:
                continue
            for pattern in (change, level):
                for m in pattern.finditer(words):
                    subject = [t for t in named if t[0] < m.start()]
                    if not subject:
                        continue
                    _, key, now, was = subject[-1]
                    q = quantity(m.group("number"), m.groupdict().get("unit") or "万元")
                    if q is None:
                        continue
                    said = text.original(sentence.start() + m.start(), sentence.start() + m.end())
                    allowed = ctx.rate_tolerance if q.kind == "percent" else ctx.money_tolerance
                    if pattern is level:
                        if abs(q.value - was) <= max(q.tolerance, allowed):
                            continue
                        right = f"{money(was)} 万元"
                    else:
                        up = re.fullmatch(UP, m.group("way")) is not None
                        moved = now - was
                        if m.group("unit") == "%":
                            if was == 0:
                                continue
                            amount = abs(moved) / was
                            right = f"{'增加' if moved > 0 else '减少'} {percent(amount)}"
                        else:
                            amount = abs(moved)
                            right = f"{'增加' if moved > 0 else '减少'} {money(amount)} 万元"
                        if (moved > 0) == up and moved != 0 and abs(q.value - amount) <= max(q.tolerance, allowed):
                            continue
                        if moved == 0:
                            right = "持平"
                        right += f"（{money(was)} 万元 → {money(now)} 万元）"
                    yield ctx.warn(block.path, f"正文写“{said}”，按{shown}应为{right}",
                                   stated=q.value, computed=was if pattern is level else now - was,
                                   hint="上年的数以上年报告的决算为准：核对这句话，或上年的单位")
