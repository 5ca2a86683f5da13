"""Indicator scores from targets and actual values, read as people write them (DOMAIN.md,
"Figures and rules").

A target is a comparison with a number and a unit ("≥500个", "＞95%", "≦100%", "=100%",
"≥1,000个", "不低于95%", "95%以上", "≥95%以上", "≤5%（含）", "3个工作日内"), perhaps after the
indicator's name typed again ("满意度≥90%", "完成率100%"), a range ("95%-100%", "95%~100%"), a deadline or a date ("12月底前",
"2023年"), a qualitative aim ("出台", "按时完成"), or something with no measure at all ("万元",
"影响情况") that no actual value can be checked against. An actual value is read the same way,
and a qualitative one may say the aim was missed ("未出台", "部分完成").

正向 (≥, >): 分值 × min(实际/目标, 1); 反向 (≤, <): 分值 × min(目标/实际, 1); 等于: the smaller
of the two shares; a range: full inside it, the share to its nearer end outside. A strict
comparison not met at its bound (95% against "＞95%") is missed, whatever the share.
Qualitative rows: the unit chooses a band (达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 % of
分值) and its words must agree with it.
"""
from __future__ import annotations

import calendar
import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from perfreport.shared.numbers import round_score

ONE = Decimal(1)
HUNDRED = Decimal(100)

# After NFKC (full width ＞＝＜ become ASCII); ≧ ≦ are not full-width forms and are mapped here
SYMBOLS = [(">=", "ge"), ("≥", "ge"), ("≧", "ge"), ("<=", "le"), ("≤", "le"), ("≦", "le"),
           (">", "gt"), ("<", "lt"), ("=", "eq")]
WORDS = [("不低于", "ge"), ("不少于", "ge"), ("大于等于", "ge"), ("达到", "ge"), ("至少", "ge"), ("达", "ge"),
         ("不高于", "le"), ("不超过", "le"), ("不多于", "le"), ("小于等于", "le"), ("控制在", "le"),
         ("高于", "gt"), ("大于", "gt"), ("超过", "gt"), ("低于", "lt"), ("小于", "lt"), ("少于", "lt"),
         ("等于", "eq")]
# after the number: 95%以上 is ≥ 95% (以上 takes the number in, as statistics read it)
SUFFIXES = [("及以上", "ge"), ("或以上", "ge"), ("以上", "ge"), ("及以下", "le"), ("或以下", "le"), ("以下", "le"),
            ("以内", "le"), ("之内", "le"), ("内", "le")]           # 3个工作日内, 30天内: at most
# (含) after a bound says it is taken in, as ≥ and ≤ already do; (不含) makes it strict
INCLUSIVE = re.compile(r"\((?:含|包含|含本数)\)$")
EXCLUSIVE = re.compile(r"\((?:不含|不包含|不含本数)\)$")
STRICT = {"ge": "gt", "le": "lt"}
# after an actual's number, a word saying it was reached: 100%完成 is 100%
REACHED = ("已完成", "完成", "达成", "达标", "到位", "实现")
# a name in front of the comparison: 满意度≥90%, 按时完成率≥95%, 完成率100% — the indicator's own
# name typed again. A name is words without digits, directly before an operator or, for a rate
# or a degree (…率, …度), before the number.
NAMED = re.compile(r"^[^\d≥≧≤≦<>=]{1,20}?(?=[≥≧≤≦<>=]|不低于|不少于|不高于|不超过|不多于|大于|小于|高于|低于|等于|达到|控制在|达(?=\d))")
NAMED_RATE = re.compile(r"^[^\d≥≧≤≦<>=]{0,19}[率度](?:为|是|:)?(?=\d)")
OPERATOR_SYMBOL = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "eq": "="}
NUMBER = r"[0-9]+(?:\.[0-9]+)?"
MEASURE = re.compile(rf"^({NUMBER})\s*([^0-9]*)$")
RANGE = re.compile(rf"^({NUMBER})([^0-9\-~～—–至到]{{0,3}})(?:-|~|～|—|–|至|到)({NUMBER})([^0-9]*)$")
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
DEADLINE = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日|底|末|中旬|上旬|下旬)?(?:前|以前|之前)?(?:完成)?$")
YEAR = re.compile(r"^(\d{4})年(?:底|末|内|度)?(?:前|以前|之前)?(?:完成)?$")

# a qualitative aim, and an actual that says it was missed or only partly reached
AIMS = ("出台", "完成", "达标", "实现", "建成", "建立", "提升", "提高", "降低", "减少", "增加", "按时", "及时", "合格",
        "有效", "改善", "推进", "落实", "保障", "到位", "正常", "健全", "规范", "通过", "上线", "运行")
MISSED = ("未", "没有", "尚未", "无法", "不能", "未能", "不到", "不达", "不合格", "失败", "滞后", "延期", "推迟")
PARTLY = ("部分", "基本", "大部分", "部分完成", "基本完成")

BANDS = {  # 定性评价 -> (lowest, highest) share of 分值
    "达成": (Decimal("0.8"), ONE),
    "部分达成": (Decimal("0.6"), Decimal("0.8")),
    "未达成": (Decimal(0), Decimal("0.6")),
}


@dataclass(frozen=True)
class Measure:
    operator: str | None       # 'ge' | 'gt' | 'le' | 'lt' | 'eq' | None (none written)
    number: Decimal
    unit: str
    high: Decimal | None = None          # a range: number .. high

    @property
    def percent(self) -> bool:
        return self.unit == "%"


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("\u3000", "")
    return THOUSANDS.sub("", text)


def _opens_with(text: str, prefix: str) -> bool:
    """Whether `text` opens with the operator `prefix`: 达 only before a number (达95%, not 达标率)."""
    return text.startswith(prefix) and (prefix != "达" or text[1:2].isdigit())


@functools.lru_cache(maxsize=8192)
def parse_measure(text: str | None) -> Measure | None:
    """'≥500个' -> Measure('ge', 500, '个'); '95%-100%' -> a range; '出台' -> None.
    Kept for each text (a Measure cannot be changed): every row's target and actual are read
    for its score, its audit and its form, and units write the same few again and again
    (≥95%, 100%)."""
    if not text:
        return None
    text = normalised(text)
    opened = any(_opens_with(text, prefix) for prefix, _ in WORDS + SYMBOLS)
    named = None if opened else NAMED.match(text) or NAMED_RATE.match(text)
    if named:
        text = text[named.end():]
    operator = None
    for prefix, name in WORDS + SYMBOLS:
        if _opens_with(text, prefix):
            operator, text = name, text[len(prefix):]
            break
    ranged = RANGE.match(text)
    if ranged and operator is None:
        low, low_unit, high, unit = ranged.groups()
        unit = unit.strip() or low_unit
        try:
            return Measure(None, Decimal(low), unit, high=Decimal(high))
        except InvalidOperation:
            return None
    match = MEASURE.match(text)
    if not match:
        return None
    number, unit = match.groups()
    unit = unit.strip()
    strict = bool(EXCLUSIVE.search(unit))
    unit = EXCLUSIVE.sub("", INCLUSIVE.sub("", unit))
    for word in REACHED:
        if unit.endswith(word) and len(unit) > len(word):       # 100%完成; 完成 alone is no unit
            unit = unit[:-len(word)]
            break
    for suffix, name in SUFFIXES:
        # 95%以上 is ≥; ≥95%以上 says it twice, and the bound is the same
        if unit.endswith(suffix) and (operator is None or operator == name) and unit != suffix:
            operator, unit = name, unit[:-len(suffix)]
            break
    if strict and operator in STRICT:
        operator = STRICT[operator]
    if DEADLINE.match(match.group(0)) or YEAR.match(match.group(0)):
        return None               # 12月底前, 2023年: a date, not a quantity
    return Measure(operator, Decimal(number), unit)


def parse_date(text: str | None, year: int | None = None) -> datetime.date | None:
    """'12月底前' -> the last day of December; '2023年6月30日前' -> that day; '2023年' -> its last day."""
    if not text:
        return None
    text = normalised(text)
    match = DEADLINE.match(text)
    if match:
        given_year, month, day = match.groups()
        chosen = int(given_year) if given_year else year
        if chosen is None or not 1 <= int(month) <= 12:
            return None
        last = calendar.monthrange(chosen, int(month))[1]
        return datetime.date(chosen, int(month), min(int(day), last) if day else last)
    match = YEAR.match(text)
    if match:
        return datetime.date(int(match.group(1)), 12, 31)
    return None


def says_missed(text: str) -> str:
    """'missed', 'partly' or '' for what an actual value says of its aim."""
    text = normalised(text or "")
    if any(text.startswith(word) or word in text[:4] for word in MISSED):
        return "missed"
    if any(text.startswith(word) for word in PARTLY):
        return "partly"
    return ""


@dataclass(frozen=True)
class Assessment:
    # 'quantitative' | 'deadline' | 'qualitative' | 'not_applicable' | 'unverifiable' | 'blank' (a row
    # the tool adds for a 二级 the unit left out: nothing to assess)
    kind: str
    operator: str | None = None     # effective operator for quantitative rows
    operator_assumed: bool = False  # no operator written: read as ≥
    unit_mismatch: str = ""         # '' | 'unit' | 'percent_fraction': target and actual measured differently
    achievement: Decimal | None = None   # share of 分值 earned by the formula, 0..1
    expected: Decimal | None = None      # 分值 × achievement, rounded by the unit's setting
    band: tuple[Decimal, Decimal] | None = None  # for qualitative rows with 定性评价
    verdict: str = ""                    # 定性评价 as the unit typed it
    met: bool | None = None         # target reached? None when it cannot be told
    said: str = ""                  # what a qualitative actual says: 'missed' | 'partly' | ''
    why: str = ""                   # for an unverifiable row: 'no actual' | 'no measure'


def achievement(operator: str, target: Decimal, actual: Decimal) -> Decimal:
    if operator in ("ge", "gt"):
        return ONE if target == 0 else max(Decimal(0), min(actual / target, ONE))
    if operator in ("le", "lt"):
        return ONE if actual <= target else (target / actual if actual else ONE)
    if actual == target:
        return ONE
    if actual == 0 or target == 0:
        return Decimal(0)
    return min(actual / target, target / actual)


def _met(operator: str, target: Decimal, actual: Decimal) -> bool:
    return {"ge": actual >= target, "gt": actual > target, "le": actual <= target, "lt": actual < target,
            "eq": actual == target}[operator]


def _quantitative(target: Measure, actual: Measure, weight, rounding: str) -> Assessment:
    if target.unit != actual.unit:
        fraction = (target.percent and not actual.unit and actual.number <= 1) or (
            actual.percent and not target.unit and target.number <= 1)
        if target.unit and actual.unit or fraction:
            return Assessment(kind="quantitative", unit_mismatch="percent_fraction" if fraction else "unit")
    if target.high is not None:                    # a range
        inside = target.number <= actual.number <= target.high
        share = ONE if inside else (actual.number / target.number if actual.number < target.number
                                    else target.high / actual.number)
        return Assessment(kind="quantitative", operator="range", achievement=share, met=inside,
                          expected=round_score(weight * share, rounding) if weight is not None else None)
    operator = target.operator or "ge"
    share = achievement(operator, target.number, actual.number)
    met = _met(operator, target.number, actual.number)
    if operator in ("gt", "lt") and not met:
        share = min(share, ONE)                    # at the bound of a strict target: missed all the same
    expected = round_score(weight * share, rounding) if weight is not None and (met or share < ONE) else None
    return Assessment(kind="quantitative", operator=operator, operator_assumed=target.operator is None,
                      achievement=share, expected=expected, met=met)


def assess(row: dict, rounding: str, year: int | None = None) -> Assessment:
    """How one indicator row should score, for comparison with the unit's 得分."""
    if row.get("三级指标") == "不适用":
        return Assessment(kind="not_applicable")
    weight = row.get("分值")
    target_text, actual_text = row.get("年度指标值") or "", row.get("实际完成值") or ""
    verdict = row.get("定性评价") or ""
    if not actual_text:
        return Assessment(kind="unverifiable", why="no actual", band=BANDS.get(verdict), verdict=verdict)
    target, actual = parse_measure(target_text), parse_measure(actual_text)
    if target is not None and actual is not None:
        return _quantitative(target, actual, weight, rounding)
    deadline = parse_date(target_text, year)
    if deadline is not None:
        done = parse_date(actual_text, deadline.year)
        said = says_missed(actual_text)
        met = (done <= deadline) if done is not None else (False if said else True if _positive(actual_text) else None)
        return Assessment(kind="deadline", met=met, said=said, band=BANDS.get(verdict), verdict=verdict)
    if target is not None or not _is_aim(target_text):
        # a number the actual does not state as one ("≥95%" against "良好"), or no measure at all
        return Assessment(kind="unverifiable", why="no measure" if target is None else "no actual",
                          band=BANDS.get(verdict), verdict=verdict)
    said = says_missed(actual_text)
    met = False if said else True if _positive(actual_text) else None
    return Assessment(kind="qualitative", band=BANDS.get(verdict), verdict=verdict, met=met, said=said)


def _is_aim(text: str) -> bool:
    return any(word in normalised(text) for word in AIMS)


def _positive(text: str) -> bool:
    text = normalised(text)
    return not says_missed(text) and (text.startswith("已") or _is_aim(text) or text in ("是", "达到", "满意"))
