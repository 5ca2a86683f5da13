"""附件1 on the page: the grid of its three tables and where its labels break.

The staffing and money blocks have a label column and three columns of figures; each figure
column is as wide as its widest head line ("2023年决算数") or figure needs, and the labels take the
rest, broken where the words end (break_label). The buildings block has six columns as wide as
their heads ("投资概算", "（万元）"); its label column again takes the rest. templates/build.py sets
the form on these grids; wording/forms.py breaks the money block's labels with break_label.
"""
from __future__ import annotations

import math

from perfreport.layout.measure import MONEY_SAMPLE, PORTRAIT_TEXT_MM, UNBREAKABLE, fits, line_room, text_mm


def _up(mm: float) -> float:
    """Rounded up to a tenth of a millimetre, so a measured width never comes out short."""
    return math.ceil(mm * 10 - 1e-9) / 10


# the staffing and money blocks: 编制数 | 在职人数 | 控制率, 上年决算数 | 本年预算数 | 本年决算数
FIGURE_MM = _up(fits("2023年决算数", "2023年实际", "在职人数", MONEY_SAMPLE))
LABEL_MM = round(PORTRAIT_TEXT_MM - 3 * FIGURE_MM, 1)
TOP_WIDTHS = [LABEL_MM] + [FIGURE_MM] * 3
LABEL_LINE_MM = line_room(LABEL_MM)          # what a money block label may hold on one line

# the buildings block: 批复规模 | 实际规模 | 规模控制率 | 预算投资 | 实际投资 | 投资概算控制率, each as
# wide as its heads need, but never so wide that the label column cannot hold "楼堂馆所控制情况"
# (at 小四 the six heads and the label together are a hair wider than the page: the heads give)
BUILDING_LABEL_NEED_MM = fits("楼堂馆所控制情况", "厉行节约保障措施")
BUILDING_MM = min(_up(fits("投资概算", "控制率", "（万元）", MONEY_SAMPLE)),
                  math.floor((PORTRAIT_TEXT_MM - BUILDING_LABEL_NEED_MM) / 6 * 10) / 10)
BUILDING_WIDTHS = [round(PORTRAIT_TEXT_MM - 6 * BUILDING_MM, 1)] + [BUILDING_MM] * 6


OPENING, CLOSING = "（(〔【《“", "）)〕】》”"
NO_LINE_START = CLOSING + "，。、；：！？"


def break_label(label: str, line_mm: float = LABEL_LINE_MM) -> str:
    """A label too long for one line, broken where Word would break it but never inside
    brackets ("（二期）" stays whole), inside a figure, or before a closing mark or a comma:
    each line as full as it can be, and a bracketed part that does not fit on the line goes to
    the next one whole. A label with no such place to break is left to Word."""
    lines, line, breaks, depth = [], "", [], 0
    for ch in label:
        if ch in NO_LINE_START or (UNBREAKABLE.fullmatch(ch) and line and UNBREAKABLE.fullmatch(line[-1])):
            breaks = [b for b in breaks if b != len(line)]
        if text_mm(line + ch) > line_mm and breaks:
            cut = breaks[-1]
            lines.append(line[:cut])
            line, breaks = line[cut:], [b - cut for b in breaks if b > cut]
        if ch in OPENING and depth == 0 and line:
            breaks.append(len(line))
        line += ch
        depth = max(depth + (ch in OPENING) - (ch in CLOSING), 0)
        if depth == 0 and ch not in OPENING:
            breaks.append(len(line))
    lines.append(line)
    return "\n".join(lines)
