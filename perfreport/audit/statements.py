"""Reading figures out of the unit's own words: sentences, numbers with their units, and
the phrases that qualify them. Pure text; what a label means for the model is prose.py's.

The text is first normalized without moving anything a message quotes: quotation marks
and spaces are dropped (“三公”经费 and "三公" 经费 both read 三公经费), full-width digits,
brackets and per cent signs become their half-width forms. `Normalized.original(start, end)`
gives back the unit's own characters for a stretch of the normalized text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

DROPPED = set("“”\"'‘’「」『』 \t\u3000\u00a0")
OPENING = set("“\"'‘「『")
MAPPED = str.maketrans("０１２３４５６７８９（）％．：", "0123456789()%.:")


@dataclass
class Normalized:
    text: str
    source: str
    origin: list[int]          # position in `source` of each character of `text`
    # where each excerpt that starts at a position begins, its opening quotation marks taken in:
    # many excerpts may start at one clause, and a run of quotation marks is walked once
    heads: dict[int, int] = field(default_factory=dict, repr=False, compare=False)

    def original(self, start: int, end: int) -> str:
        """The unit's characters from start to end, with an opening quotation mark just before
        (“三公”经费…) so that a quoted excerpt stays balanced."""
        if start >= end:
            return ""
        head = self.heads.get(start)
        if head is None:
            head = self.origin[start]
            while head > 0 and self.source[head - 1] in OPENING:
                head -= 1
            self.heads[start] = head
        return self.source[head:self.origin[end - 1] + 1]


def normalize(source: str) -> Normalized:
    kept, origin = [], []
    for i, ch in enumerate(source):
        if ch in DROPPED:
            continue
        kept.append(ch)
        origin.append(i)
    # the same length: str.translate maps one character to one
    text = "".join(kept).translate(MAPPED)
    if CHINESE_DIGIT.search(text):
        text, origin = arabic(text, origin)
    return Normalized(text, source, origin)


# Numbers written in Chinese numerals (编制十二人, 两名, 三点五万元, 百分之九十五) are read as the
# same number in digits: only a run directly before a unit the reader knows, so 三公经费, 一般公共
# 预算, 十三五 and 第三名 stay words; 数十人 and 几百万元 are not numbers (编制数十二人 is).
CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                  "七": 7, "八": 8, "九": 9}
CHINESE_SCALES = {"十": 10, "百": 100, "千": 1000}
CHINESE_DIGIT = re.compile("[零〇一二两三四五六七八九十百千]")
_NUMERAL = "[零〇一二两三四五六七八九十百千]+(?:点[零〇一二两三四五六七八九]+)?"
CHINESE_NUMBER = re.compile(
    f"百分之(?P<share>{_NUMERAL})"
    f"|(?<![第\\d零〇一二两三四五六七八九十百千点])(?P<number>{_NUMERAL})(?=亿元|万元|元(?!化)|人|名)")
VAGUE = re.compile("[数几]")      # 数十人, 几百万元: a scale alone after 数 or 几 is no number


def chinese_value(numeral: str) -> str | None:
    """十二 → '12', 一百零五 → '105', 二〇二三 → '2023', 三点五 → '3.5'; None for what is not a
    number as people write one (十十, 百一)."""
    whole, _, fraction = numeral.partition("点")
    if not whole or any(ch not in CHINESE_DIGITS for ch in fraction):
        return None
    if not any(ch in CHINESE_SCALES for ch in whole):          # digit by digit: 二〇二三
        value = "".join(str(CHINESE_DIGITS[ch]) for ch in whole)
    else:
        total, digit, last_scale = 0, None, 10_000
        for ch in whole:
            if ch in CHINESE_DIGITS:
                if digit is not None and CHINESE_DIGITS[ch] != 0:
                    return None                                 # 二三十: two digits in a row
                digit = CHINESE_DIGITS[ch] or None
            else:
                scale = CHINESE_SCALES[ch]
                if scale >= last_scale:
                    return None
                total += (1 if digit is None else digit) * scale
                digit, last_scale = None, scale
        value = str(total + (digit or 0))
    return value + ("." + "".join(str(CHINESE_DIGITS[ch]) for ch in fraction) if fraction else "")


def arabic(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """`text` with CHINESE_NUMBER's numbers in digits, and where each character came from: a
    number's digits all point into its numeral (the first at its start, the last at its end),
    so an excerpt quotes the unit's own characters."""
    out, where, position = [], [], 0
    for match in CHINESE_NUMBER.finditer(text):
        numeral = match.group("share") or match.group("number")
        value = chinese_value(numeral)
        vague = numeral in CHINESE_SCALES and VAGUE.match(text, match.start() - 1) if match.start() else False
        if value is None or vague:
            continue
        digits = value + ("%" if match.group("share") else "")
        out.append(text[position:match.start()])
        where.extend(origin[position:match.start()])
        out.append(digits)
        where.extend([origin[match.start()]] * (len(digits) - 1) + [origin[match.end() - 1]])
        position = match.end()
    out.append(text[position:])
    where.extend(origin[position:])
    return "".join(out), where


SENTENCE = re.compile(r"[^。；;！!？?\n]+")
CLAUSE_BREAK = re.compile(r"[，,、]")


def sentences(text: str):
    """(start, sentence) for every sentence: up to 。；！？ or a line break."""
    for match in SENTENCE.finditer(text):
        yield match.start(), match.group(0)


# A number as people type it: 1,190.97 or 1190.97 or 15; not a piece of a longer number or of
# a date (2022年 is read by the year check, not as an amount).
NUMBER = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"

# unit -> (kind, scale to the model's unit)
UNITS = {"亿元": ("money", Decimal(10000)), "万元": ("money", Decimal(1)),
         "元": ("money", Decimal("0.0001")), "人": ("count", Decimal(1)), "名": ("count", Decimal(1)),
         "%": ("percent", Decimal("0.01")), "分": ("score", Decimal(1))}

# after the unit: the figure is a bound or a guess, not a statement of the amount (a word
# before it, 约 or 近, already keeps the label from reaching the number)
APPROXIMATE = re.compile(r"(?:以上|以下|以内|左右|上下|多|余|许|之多)")


@dataclass(frozen=True)
class Quantity:
    value: Decimal           # in the model's unit: 万元, 人, a fraction, 分
    tolerance: Decimal       # half a unit of the last digit typed, in the model's unit
    kind: str                # money | count | percent | score


def quantity(number: str, unit: str) -> Quantity | None:
    try:
        typed = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    kind, scale = UNITS[unit]
    last_digit = Decimal(1).scaleb(typed.as_tuple().exponent)
    return Quantity(typed * scale, last_digit * scale / 2, kind)


# Words that make a figure a change, a difference or another year's, not the amount itself
CHANGE = re.compile(r"新增|增加|减少|增长|下降|降低|压减|压缩|节约|节省|增减|相差|差额|差异|超支|"
                    r"较(?:上年|去年|上一年|预算|年初|同期|\d{4}年)|比(?:上年|去年|上一年|预算|年初|同期|\d{4}年)|"
                    r"同比|环比")
OTHER_YEAR = re.compile(r"(\d{4})年|上年|去年|上一年|前年|明年|下一年|下年")
# How far past its start a match of each looks (its longest match and any look-ahead after
# it): GrowingSearch needs it. tests/audit/test_statements.py checks these against the patterns.
CHANGE_REACH, OTHER_YEAR_REACH = 6, 5


class GrowingSearch:
    """Whether `pattern.finditer(string, pos, end)` yields a match `accept`s, asked again and
    again for an `end` that only grows (the figures of one clause, read left to right): the
    same answers as asking each time, in time linear in the stretch read, not in the stretch
    times the number of questions.

    A match starting `reach` or more before `end` is made of characters before `end`, so it
    is a match for every later end too, found in the same place by the same scan: it is
    decided once (`settled`, and the scan goes on from its end). Only the last `reach`
    characters are scanned again at each question. `reach` is the pattern's longest match
    plus its look-ahead; the pattern must not match the empty string."""
    __slots__ = ("pattern", "string", "reach", "accept", "cursor", "settled", "end")

    def __init__(self, pattern: re.Pattern, string: str, pos: int, reach: int, accept=None):
        self.pattern, self.string, self.reach = pattern, string, reach
        self.accept = accept or (lambda match: True)
        self.cursor = pos          # where the scan goes on: every match before it is decided
        self.settled = False       # a decided match was accepted
        self.end = pos

    def found(self, end: int) -> bool:
        if end < self.end:
            raise ValueError("GrowingSearch: the end must not go back")
        self.end = end
        decided = end - self.reach                     # a match starting at or before it is final
        while not self.settled:
            match = self.pattern.search(self.string, self.cursor, end)
            if match is None or match.start() > decided:
                # no match starts from the cursor up to `decided`, for this end or any later one
                self.cursor = max(self.cursor, decided + 1)
                if match is None:       # nor anywhere up to this end
                    return False
                break
            if self.accept(match):
                self.settled = True
            self.cursor = match.end()
        if self.settled:
            return True
        return any(self.accept(m) for m in self.pattern.finditer(self.string, self.cursor, end))
