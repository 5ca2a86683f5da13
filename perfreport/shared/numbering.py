"""Generated numbering: 一、 （一） 1. （1）. A unit never types a number into a heading."""
from __future__ import annotations

import re

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 99 -> 九十九 (enough for any outline)."""
    if not 1 <= n <= 99:
        raise ValueError(f"numbering supports 1..99, got {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    head = "" if tens == 1 else DIGITS[tens]
    return head + "十" + (DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    """Level 1 一、  level 2 （一）  level 3 1.  level 4 （1）."""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"no numbering below level 4, got {level}")


# The duty list is quoted from the unit's 三定方案 or 职能 document, whose own numbering is
# part of the quote; these are the styles such documents use. Most number （一）（二）, the
# subsection style: such a list cannot stand under the heading （一）主要职责 (two levels never
# share a numbering style), so it is section 一's own list of subsections (wording.sections).
SUBSECTION_STYLE = "（一）"
LIST_STYLES = ("1.", "1、", "（1）", SUBSECTION_STYLE)


def list_number(style: str, n: int) -> str:
    """The n-th number of a quoted list in one of LIST_STYLES."""
    if style == "1.":
        return f"{n}."
    if style == "1、":
        return f"{n}、"
    if style == "（1）":
        return f"（{n}）"
    if style == SUBSECTION_STYLE:
        return heading_number(2, n)
    raise ValueError(f"unknown list style {style!r}")


# Numbering typed at the head of a heading or a duty, as people paste it from last year's
# Word file: 一、 （一） (一) 1. 1、 1． （1） (1) ① …; printed as typed it would stand beside
# the generated number (“（四）（四）…”). A decimal (1.5亿元) or a year (2023年) is not one.
TYPED_NUMBER = re.compile(
    r"^\s*(?:"
    r"[一二三四五六七八九十]{1,3}[、．.]"
    r"|[（(][一二三四五六七八九十]{1,3}[）)][、．.]?"
    r"|\d{1,2}(?:[、．]|\.(?!\d))"
    r"|[（(]\d{1,2}[）)][、．.]?"
    r"|[①-⑳]"
    r")\s*")


def split_typed_number(text: str) -> tuple[str, str]:
    """(the typed number, the rest): ('（四）', '绩效目标设定情况'); ('', text) when none.
    Text that would be left empty keeps its number (a heading that is only “（一）” is the
    unit's to fix, and the audit says it is blank)."""
    match = TYPED_NUMBER.match(text or "")
    if not match or not text[match.end():].strip():
        return "", text
    return match.group().strip(), text[match.end():]
