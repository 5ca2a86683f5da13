"""The indicator block of 附件2 and 附件3 on its pages.

A form with more indicators than a page holds used to run on as one table: the 一级 and 二级
labels, merged down their rows, stayed on the page where each group began, so a later page
showed rows of no visible group; a repeated header row merged into the body drew a broken
column; the 总分 row could stand alone under a repeated header. Here the rows are measured
(each cell's lines at its column's width, in a line height the block sets exactly, so Word,
WPS and LibreOffice agree) and dealt onto pages before anything is written: every page is a
table of its own, opened by the header row, its groups' labels restarted at its first row,
so each page reads on its own; 总分 and the lines under the form stay with the last rows.

Widths: every column is as wide as its widest label line or figure; 三级指标 and 偏差原因分析及
改进措施, the two columns of running text, share what the page has left in proportion to the
text each holds in this form (a form without reasons gives them a narrow column).
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from perfreport.layout.measure import (FORM_PADDING_MM as CELL_PADDING_MM, MONEY_SAMPLE, PORTRAIT_TEXT_MM, RATE_SAMPLE,
                                       SPARE_MM, TWIPS_PER_MM, fits, text_mm)
from perfreport.layout.type import CJK_MM, FORM_LINE_PT, FORM_PT, LATIN_MM

# ------------------------------------------------------------------ the grid of the form's top part
# (templates/build.py sets the name, 资金 and 目标 rows on it; the indicator block below aligns
# its outer label column with theirs)

FORM_FIXED = {
    0: fits("绩效", "指标"),                               # outer labels, set two characters a line
    1: fits("产出指标", "（50分）"),                        # 一级指标 on two lines (满意度 on three)
    2: fits("服务对象", "满意度"),                          # 二级指标, four characters a line
    4: fits("年度", "指标值", "全年", "预算数", "按时完成", MONEY_SAMPLE),
    5: fits("实际", "完成值", "全年", "执行数", "按时完成", MONEY_SAMPLE),
    6: fits("100.00"),
    7: fits(RATE_SAMPLE, "自评", "得分"),
    8: fits("偏差原因", "改进措施", "等级：优", "未评定"),
}
FORM_WIDTHS = [round(FORM_FIXED.get(i, 0), 1) for i in range(9)]
FORM_WIDTHS[3] = round(PORTRAIT_TEXT_MM - sum(FORM_WIDTHS), 1)

# ------------------------------------------------------------------ measures of the page (mm)

BLOCK_HEIGHT_MM = 297 - 37 - 35          # A4 less the GB/T 9704 top and bottom margins
LINE_MM = FORM_LINE_PT * 25.4 / 72         # the block's text on an exact line (12 pt at 五号), as the forms were set
LINE_TWIPS = round(FORM_LINE_PT * 20)
TEMPLATE_LINE_MM = 4.6 * FORM_PT / 10.5     # the template's table text, single-spaced (measured: 4.3 mm at 五号 in LibreOffice)
ROW_MIN_MM = 6.0                         # every row at least (the template's rows too)
CELL_MARGINS_MM = 1.0                    # 0.5 mm above and below the text
HEADING_MM = 31.0                        # 附件N, a blank line, the title, 单位：万元 (measured: 30.5 mm)
SIGNATURE_MM = 6.0 * FORM_PT / 10.5         # a line under a form (备注, the signature line), kept with the last rows
# What is planned of a page: the measures above are estimates (a font's line may be a little
# taller, Word and LibreOffice wrap a little differently); what is left over is the margin
# that keeps a planned page from running onto the next.
FILL = 0.96


def lines(text: str, width_mm: float, margin: bool = False) -> int:
    """The lines `text` takes in a cell `width_mm` wide, filled as a typesetter fills them:
    Chinese breaks between any two characters, a run of digits and Latin letters ("17",
    "≥95%") only as a whole, and each written line break starts a line."""
    # `margin`: free text is measured a third of a character short of the cell (fonts' glyphs
    # and kerning differ; a line the estimate just fills may not fit in LibreOffice or Word);
    # labels are set in columns made for them, broken where the words end
    return lines_of(_token_widths(text or ""), width_mm, margin)


def lines_of(parts: tuple[tuple[float, ...], ...], width_mm: float, margin: bool = False) -> int:
    """lines() of a text already measured (token_widths)."""
    room = _room(width_mm, margin)
    count = 0
    for part in parts:
        count += 1
        used = 0.0
        for width in part:
            if used and used + width > room + 1e-6:
                count += 1
                used = 0.0
            while width > room + 1e-6:             # a run longer than the line: it breaks anyway
                count += 1
                width -= room
            used += width
    return max(count, 1)


def _room(width_mm: float, margin: bool) -> float:
    return max(width_mm - 2 * CELL_PADDING_MM - SPARE_MM - (CJK_MM / 3 if margin else 0), CJK_MM)


def unbroken(parts: tuple[tuple[float, ...], ...], width_mm: float) -> bool:
    """Whether each written line of a measured text fits whole in a cell `width_mm` wide:
    then lines_of() is the number of written lines, at that width and at any wider one."""
    room = _room(width_mm, False) + 1e-6
    for part in parts:
        used = 0.0
        for width in part:              # added up as lines_of adds, so the two agree exactly
            used += width
        if used > room:
            return False
    return True


def token_widths(text: str) -> tuple[tuple[float, ...], ...]:
    """Each written line of `text` as the widths of the pieces a line may break between:
    what lines() adds up at any width."""
    return tuple(tuple(text_mm(token) for token in _TOKENS.findall(part)) for part in text.split("\n"))


# the rows of a page plan are measured at a width or two each; a header or label recurs
_token_widths = functools.lru_cache(maxsize=4096)(token_widths)


_TOKENS = re.compile(r"[\x00-\u2e7f]+|.", re.S)     # a Latin run, or one CJK character


def row_mm(texts_and_widths, line_mm: float = LINE_MM, margin: bool = False) -> float:
    tallest = max((lines(text, width, margin) for text, width in texts_and_widths), default=1)
    return max(ROW_MIN_MM, tallest * line_mm + CELL_MARGINS_MM)


# ------------------------------------------------------------------ widths of the block

COLUMNS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")
MIN_TEXT_CHARS = 5              # 三级指标 and 偏差原因: five characters a line at the least
REASON_CHARS = 7                # 偏差原因, when the form has one: a short clause a line


def block_widths(rows: list[dict], score_label: str = "自评得分") -> list[float]:
    """The block's nine columns. The outer label and 一级 / 二级 as the top part's; 指标值,
    完成值, 分值 and 得分 as wide as their header lines and their longest word (a figure or
    按时完成 never breaks; longer targets wrap); 三级指标 and 偏差原因 share the rest, split
    where the rows come out shortest."""
    def sized(key: str, *header: str) -> float:
        words = [w for r in rows for w in r[key].replace("\n", " ").split() if len(w) <= 6]
        return max(fits(*header), *(fits(w) for w in words)) if words else fits(*header)

    widths = [FORM_WIDTHS[0], FORM_WIDTHS[1], FORM_WIDTHS[2], 0.0,
              sized("target", "年度", "指标值"), sized("actual", "实际", "完成值"),
              sized("weight", "分值", "100.00"), sized("score", *score_label.replace("自评", "自评\n").split("\n")), 0.0]
    spare = PORTRAIT_TEXT_MM - sum(widths)
    least = fits("字" * MIN_TEXT_CHARS)
    reason_least = fits("字" * REASON_CHARS) if any(r["deviation"] for r in rows) else least
    # every split of the page is tried with every row's two texts: each measured once here
    # (a third of making a 附件3), not through a cache that a block of thousands of rows outgrows
    measured = [(token_widths(r["name"] or ""), token_widths(r["deviation"] or "")) for r in rows]
    steps = range(int((spare - least - reason_least) // 1) + 1)
    # a row whose two texts stay whole lines at every split (short names, no reason) is as
    # tall at each: counted once, and the splits tried on the others (most rows, most forms)
    fixed, varying = 0, []
    narrowest = spare - (reason_least + steps[-1]) if steps else 0.0
    for name, deviation in measured:
        if unbroken(name, narrowest) and unbroken(deviation, reason_least):
            fixed += max(len(name), len(deviation))
        else:
            varying.append((name, deviation))
    best = None
    for step in steps:
        reason = reason_least + step
        height = fixed + sum(max(lines_of(name, spare - reason), lines_of(deviation, reason)) for name, deviation in varying)
        if best is None or height < best[0]:
            best = (height, reason)
    # no room for both at their least (a larger type size): they share what there is alike
    reason = best[1] if best else (spare / 2 if any(r["deviation"] for r in rows) else min(least, spare / 2))
    widths[3], widths[8] = spare - reason, reason
    return [round(w, 1) for w in widths]


# ------------------------------------------------------------------ dealing the rows onto pages

@dataclass
class Page:
    rows: list[dict]
    last: bool = False


def header_mm(widths: list[float]) -> float:
    return row_mm([("偏差原因\n分析及\n改进措施", widths[8]), ("年度\n指标值", widths[4])])


def plan(rows: list[dict], widths: list[float], first_page_used_mm: float, lines_under: int = 1) -> list[Page]:
    """The rows, page by page. A page takes rows while they fit; a group's merged label must
    fit beside the group's rows on the page (a group of short rows under a three-line label
    grows to hold it); the last page keeps room for 总分 and the lines under the form, and
    holds at least one row with them."""
    room_first = BLOCK_HEIGHT_MM * FILL - first_page_used_mm - header_mm(widths)
    room_next = BLOCK_HEIGHT_MM * FILL - header_mm(widths)
    total_mm = row_mm([("等级：\n未评定", widths[8])]) + lines_under * SIGNATURE_MM
    pages: list[Page] = [Page([])]
    room = room_first
    groups = {1: [0.0, 0.0], 2: [0.0, 0.0]}      # level -> [label height, rows' height so far] on this page

    def close(level: int) -> float:
        """What the rows of a group grow by to hold its label; a 二级 group's growth is part
        of the 一级 group around it."""
        label, height = groups[level]
        groups[level] = [0.0, 0.0]
        grow = max(0.0, label - height)
        if level == 2:
            groups[1][1] += grow
        return grow

    for row in rows:
        height = _row_height(row, widths)
        before = pages[-1].rows[-1] if pages[-1].rows else None
        opens1 = before is None or row["level1"] != before["level1"]
        opens2 = opens1 or row["level2"] != before["level2"]
        grow = (close(2) if opens2 else 0.0) + (close(1) if opens1 else 0.0)
        labels = [row_mm([(row["level1"], widths[1])]) if opens1 else 0.0,
                  row_mm([(row["level2"], widths[2])]) if opens2 else 0.0]
        if pages[-1].rows and grow + max(height, *labels) > room:
            pages.append(Page([]))
            room = room_next
            groups = {1: [0.0, 0.0], 2: [0.0, 0.0]}
            labels = [row_mm([(row["level1"], widths[1])]), row_mm([(row["level2"], widths[2])])]
            opens1 = opens2 = True
        else:
            room -= grow
        for level, label in ((1, labels[0]), (2, labels[1])):
            if label:
                groups[level][0] = label
            groups[level][1] += height
        pages[-1].rows.append(row)
        room -= height
    room -= close(2) + close(1)
    if room < total_mm and len(pages[-1].rows) > 1:
        pages.append(Page([pages[-1].rows.pop()]))      # 总分 goes with a row, never alone under the header
    pages[-1].last = True
    return pages


def _row_height(row: dict, widths: list[float]) -> float:
    # the free text of 三级指标 and 偏差原因 with the margin; the other columns are sized to their words
    free = row_mm([(row["name"], widths[3]), (row["deviation"], widths[8])], margin=True)
    sized = row_mm([(row[key], widths[i + 1]) for i, key in enumerate(COLUMNS)
                    if key in ("target", "actual", "weight", "score")])
    return max(free, sized)


# ------------------------------------------------------------------ WordprocessingML

def _paragraph(text: str, align: str = "center", keep: bool = False) -> str:
    props = ('<w:pStyle w:val="表格文字"/>' + ("<w:keepNext/>" if keep else "")
             + f'<w:spacing w:line="{LINE_TWIPS}" w:lineRule="exact"/><w:jc w:val="{align}"/>')
    run = ""
    if text:
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line, quote=False)}</w:t>'
                              for line in text.split("\n"))
        run = f"<w:r>{body}</w:r>"
    return f"<w:p><w:pPr>{props}</w:pPr>{run}</w:p>"


def _cell(width_mm: float, text: str = "", *, span: int = 1, merge: str = "", align: str = "center",
          keep: bool = False) -> str:
    props = (f'<w:tcW w:w="{round(width_mm * TWIPS_PER_MM)}" w:type="dxa"/>'
             + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
             + ('<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>" if merge else "")
             + '<w:vAlign w:val="center"/>')
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_paragraph(text, align, keep)}</w:tc>"


def _row(cells: str) -> str:
    return (f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{round(ROW_MIN_MM * TWIPS_PER_MM)}" '
            f'w:hRule="atLeast"/></w:trPr>{cells}</w:tr>')


def _table(widths: list[float], rows: str) -> str:
    margins = "".join(f'<w:{side} w:w="{w}" w:type="dxa"/>' for side, w in
                      (("top", 28), ("left", 57), ("bottom", 28), ("right", 57)))
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            + "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{round(w * TWIPS_PER_MM)}"/>' for w in widths)
            + "</w:tblGrid>" + rows + "</w:tbl>")


def merges(rows: list[dict]) -> list[tuple[bool, bool]]:
    """For each row of a page, whether it opens its 一级 and its 二级 group there (the cell
    that carries the label, vMerge restart); a page's first row opens both."""
    out, before = [], None
    for row in rows:
        opens1 = before is None or before["level1"] != row["level1"]
        out.append((opens1, opens1 or before["level2"] != row["level2"]))
        before = row
    return out


PAGE_BREAK = ('<w:p><w:pPr><w:pStyle w:val="分节"/><w:pageBreakBefore/></w:pPr></w:p>')


def block_xml(view: dict, score_label: str, first_page_used_mm: float, lines_under: int = 1) -> list[Markup]:
    """The whole indicator block of one form: its pages, each a table opened by the header
    row; 总分 at the end, kept with the rows above it and with the `lines_under` the form
    (备注, the signature line). One piece a page: the body is written a piece at a time."""
    rows, widths = view["rows"], block_widths(view["rows"], score_label)
    out = []
    for number, page in enumerate(plan(rows, widths, first_page_used_mm, lines_under)):
        body = _row(_cell(widths[0], "绩效\n指标", merge="restart") + "".join(
            _cell(w, head) for w, head in zip(widths[1:], (
                "一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值", "分值",
                score_label.replace("自评", "自评\n"), "偏差原因\n分析及\n改进措施"))))
        for n, (row, (opens1, opens2)) in enumerate(zip(page.rows, merges(page.rows))):
            keep = page.last and n >= len(page.rows) - 1      # the last row stays with 总分
            body += _row(
                _cell(widths[0], merge="continue", keep=keep)
                + _cell(widths[1], row["level1"] if opens1 else "", merge="restart" if opens1 else "continue", keep=keep)
                + _cell(widths[2], row["level2"] if opens2 else "", merge="restart" if opens2 else "continue", keep=keep)
                + _cell(widths[3], row["name"], align="left", keep=keep)
                + _cell(widths[4], row["target"], keep=keep) + _cell(widths[5], row["actual"], keep=keep)
                + _cell(widths[6], row["weight"], align="right", keep=keep)
                + _cell(widths[7], row["score"], align="right", keep=keep)
                + _cell(widths[8], row["deviation"], align="left", keep=keep))
        if page.last:
            body += _row(_cell(sum(widths[:6]), "总分", span=6, keep=True)
                         + _cell(widths[6], view["weight_total"], align="right", keep=True)
                         + _cell(widths[7], view["score_total"], align="right", keep=True)
                         + _cell(widths[8], view["grade_cell"], keep=True))
        out.append(Markup((PAGE_BREAK if number else "") + _table(widths, body)))
    return out


# ------------------------------------------------------------------ the top part, measured

def top_part_mm(texts_by_row: list[list[tuple[str, int, int]]]) -> float:
    """The template's rows above the block, each given as (text, first column, span): their
    height at the template's line, with the heading above the form."""
    total = HEADING_MM
    for cells in texts_by_row:
        total += row_mm([(text, sum(FORM_WIDTHS[start:start + span])) for text, start, span in cells],
                        TEMPLATE_LINE_MM)
    return total + 1.0                                   # the 1 pt paragraph between the two tables
