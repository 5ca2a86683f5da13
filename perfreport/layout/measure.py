"""How wide text is on the page: the one measure every table of the report is sized with.

A CJK character is one em of the forms' type size and a digit or Latin letter about half of one
(layout/type.py); a cell holds a line when the line, its padding either side and a little to
spare fit its width. The page's text width is the A4 sheet less GB/T 9704's side margins.
"""
from __future__ import annotations

import re

from perfreport.layout.type import CJK_MM, LATIN_MM

PORTRAIT_TEXT_MM = 156          # 210 mm less the 28 and 26 mm side margins
LANDSCAPE_TEXT_MM = 243         # 297 mm less the same side margins
TWIPS_PER_MM = 56.7

FORM_PADDING_MM = 1.0           # a form cell's left and right margin (the template's tblCellMar)
SPARE_MM = 0.9                  # glyphs round up, and a line that exactly fits may still wrap
MONEY_SAMPLE = "1393.97"        # the widest figure a column of money holds on one line: 7 digits
RATE_SAMPLE = "100.00%"
UNBREAKABLE = re.compile(r"[0-9A-Za-z.,%+\-/()（）]+")      # a figure: Word never breaks inside one


def text_mm(line: str) -> float:
    """The width of one line of text, in mm, at the forms' type size."""
    return sum(LATIN_MM if ord(ch) < 0x2E80 else CJK_MM for ch in line)


def fits(*lines: str) -> float:
    """The width in mm a form cell needs to hold each of `lines` (each may hold line breaks)
    on one line, with its padding either side and a little to spare."""
    return max(text_mm(line) for text in lines for line in text.split("\n")) + 2 * FORM_PADDING_MM + SPARE_MM


def line_room(width_mm: float) -> float:
    """What one line of a form cell `width_mm` wide may hold: fits()'s inverse."""
    return width_mm - 2 * FORM_PADDING_MM - SPARE_MM
