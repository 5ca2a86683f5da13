"""A table as a grid of cells, whatever it came from (a Word table, later a worksheet or a PDF's
table): every position of the grid holds the cell that covers it, so a merged cell is found
from any of the positions it spans, and a label is found by its text however it was typed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(eq=False)
class Cell:
    text: str                   # as typed, line breaks kept
    row: int                    # where it starts, 0-based
    col: int
    rowspan: int = 1
    colspan: int = 1

    @property
    def key(self) -> str:
        return label_key(self.text)


@dataclass
class Grid:
    rows: list[list[Cell]] = field(default_factory=list)
    where: str = ""             # 第3个表格: said in messages and comments

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def at(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def distinct(self, row: int) -> list[Cell]:
        """The cells of a row once each, left to right (a merged cell once)."""
        seen: list[Cell] = []
        for cell in self.rows[row]:
            if not seen or seen[-1] is not cell:
                seen.append(cell)
        return seen

    def after(self, cell: Cell, row: int | None = None) -> list[Cell]:
        """The distinct cells right of `cell` on its (or the given) row."""
        row = cell.row if row is None else row
        return [c for c in self.distinct(row) if c.col >= cell.col + cell.colspan]

    def find(self, *keys: str) -> Cell | None:
        """The first cell (row by row) whose label is one of `keys` or starts with one."""
        for r in range(len(self.rows)):
            for cell in self.distinct(r):
                k = cell.key
                if k and any(k == key or k.startswith(key) for key in keys):
                    return cell
        return None

    def holds(self, *keys: str) -> bool:
        return self.find(*keys) is not None


# ------------------------------------------------------------------ text as people type it

FULL_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)} |
                           {"．": ".", "－": "-", "，": ",", "％": "%", "＋": "+"})
SPACES = re.compile(r"[\s\u3000\u00a0]+")


def label_key(text: str) -> str:
    """A label as compared: no spaces or line breaks (labels are typed spread out, "预 算 数"),
    full-width digits as ASCII, compatibility forms folded ("（" stays: it is what forms print)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("(", "（").replace(")", "）")
    return SPACES.sub("", text)


UNIT_WORDS = re.compile(r"(万元|元|人|名|个|m²|㎡|平方米)$")
NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")
BLANKS = {"", "/", "／", "-", "—", "——", "--", "无数据"}


def number_text(text: str) -> str | None:
    """A cell's figure as the unit typed it, without what people type around it ("692.4万元",
    "１２", "1,234.5", " 18 "); None for a blank cell ("", "/", "—") or one that holds no figure."""
    t = SPACES.sub("", (text or "").translate(FULL_WIDTH))
    if t in BLANKS:
        return None
    t = UNIT_WORDS.sub("", t).replace(",", "")
    return t if NUMBER.match(t) else None


def plain_text(text: str) -> str:
    """A cell's words: lines joined (a cell's lines are where the column was too narrow), spaces
    between CJK characters taken out, blank marks as nothing."""
    lines = [line.strip() for line in (text or "").split("\n")]
    joined = ""
    for line in lines:
        if not line:
            continue
        if joined and (_latin(joined[-1]) and _latin(line[0])):
            joined += " "
        joined += line
    joined = re.sub(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f])", "", joined)
    return "" if joined in BLANKS else joined


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()
