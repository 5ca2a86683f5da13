"""The body of a typed report placed into the unit's blocks: headings found by a Word heading
style or by the numbering typed before them (一、 （一） 1、 （1）), each 一级 heading matched to a
section of the outline by its words, and the paragraphs under it put where the unit file holds
that section's words. Typed numbering is taken off (the report numbers its headings itself); a
paragraph led by a numbered title ("1.标题。正文…") becomes a heading with its run-in text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfreport.foreign.docx_source import Para, Table
from perfreport.foreign.grid import plain_text
from perfreport.shared.numbering import split_typed_number

LEVEL_OF_NUMBER = (
    (re.compile(r"^[一二三四五六七八九十]{1,3}[、．.]"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]"), 2),
    (re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))"), 3),
    (re.compile(r"^[（(]\d{1,2}[）)]"), 4),
    (re.compile(r"^[①-⑳]"), 4),
)
UNIT_LINE = re.compile(r"^[（(]?单位[:：](.+?)[)）]?$")   # "单位：万元" over a table
TITLE_MAX = 40                   # a heading is short; a longer numbered line is a paragraph


def typed_level(text: str) -> int | None:
    for pattern, level in LEVEL_OF_NUMBER:
        if pattern.match(text.strip()):
            return level
    return None


# the sections of the standard outline by the words of their titles, the older outlines'
# titles (seeds 001–003) mapped onto them as reports/ maps them
SECTION_WORDS = (
    ("基本情况", ("基本情况", "基本概况", "单位概况", "部门概况", "支出概况")),
    ("一般公共预算", ("一般公共预算", "预决算情况", "预算支出及绩效", "支出管理及使用", "预算执行情况", "支出规模",
                    "使用方向", "使用管理情况", "使用及管理情况")),
    ("政府性基金预算支出", ("政府性基金",)),
    ("国有资本经营预算支出", ("国有资本",)),
    ("社会保险基金预算支出", ("社会保险基金",)),
    ("部门整体支出绩效情况", ("绩效情况", "绩效评价", "绩效目标完成", "履职效能", "绩效分析", "组织实施情况")),
    ("存在的问题及原因分析", ("问题",)),
    ("下一步改进措施", ("改进措施", "整改措施", "建议", "措施", "下步工作")),
    ("部门整体支出绩效自评结果拟应用和公开情况", ("结果拟应用", "应用和公开", "结果应用", "公开情况")),
    ("其他需要说明的情况", ("其他需要说明", "其他说明")),
)


FULL_TITLES = ("部门（单位）基本情况", "一般公共预算支出情况", "政府性基金预算支出情况", "国有资本经营预算支出情况",
               "社会保险基金预算支出情况", "部门整体支出绩效情况", "存在的问题及原因分析", "下一步改进措施",
               "部门整体支出绩效自评结果拟应用和公开情况", "其他需要说明的情况")


def names_section(title: str) -> bool:
    """The title is a section's own, as the outline words it (a heading typed at the wrong level)."""
    plain = title.strip().rstrip("：:")
    return any(plain == full or plain.endswith(full) and len(plain) - len(full) <= 4 for full in FULL_TITLES)


def section_of(title: str) -> str | None:
    for key, words in SECTION_WORDS:
        if any(word in title for word in words):
            return key
    return None


@dataclass
class Heading:
    level: int
    title: str
    text: str = ""               # run-in text after the title, on the same paragraph
    number: str = ""             # as typed
    para: Para | None = None


@dataclass
class Line:
    """One paragraph of the body, read: a heading (with its level) or text."""
    para: Para
    heading: Heading | None = None
    table: "Table | None" = None     # a table of the unit's own standing among the paragraphs


YEAR_AFTER = re.compile(r"^\s*\d{1,2}\.(?=(19|20)\d\d年)")
STYLED_NUMBER = re.compile(r"^\s*(\d{1,2}\.|[（(]\d{1,2}[)）])")   # a styled heading's number, a year after it or not


def read_line(p: Para) -> Line:
    """A paragraph read as a heading when it is one for sure: a heading or run-in style, a bold
    title it starts with, or a short numbered line of its own. A numbered paragraph that runs on
    in plain type stays a paragraph, its words as typed (numbering and all), so nothing is lost."""
    text = p.text.strip()
    number, rest = split_typed_number(text)
    if not number and (p.level and p.level >= 3 or YEAR_AFTER.match(text)):
        styled = STYLED_NUMBER.match(text)          # "1.2020年度…": a 1. before a year, not 1.2020
        if styled and text[styled.end():].strip():
            number, rest = styled.group(1), text[styled.end():]
    level = p.level if p.level and p.level <= 4 else None
    if level is None and number:
        level = typed_level(f"{number}题")      # the number alone: "1." before a year is one too
    if level is None and not number and p.bold and _bare_title(text):
        level = 1       # a bold line naming a section, typed without a number (seed 001's 部门整体支出概况)
    if level is None:
        return Line(p)
    title, run_in = (rest if number else text).strip(), ""
    if p.level is None or p.point:      # typed, or a run-in style: the title is what is bold
        lead = p.bold_lead.strip()
        if lead and len(re.findall(r"[\u4e00-\u9fff]", lead)) < 2:
            lead = ""                   # only the number is bold (a PDF whose bold CJK is synthetic)
        if lead and len(lead) < len(text) and text.startswith(lead):
            _, lead_rest = split_typed_number(lead)
            title, run_in = (lead_rest if number else lead).strip(), text[len(lead):].strip()
        elif p.point:
            stop = title.find("。")
            if 0 <= stop < len(title) - 1:
                title, run_in = title[:stop + 1], title[stop + 1:].strip()
        elif level > 1 and (len(title) > TITLE_MAX or title.rstrip("。").count("。") or
                            (title.endswith("。") and not p.bold)):
            return Line(p)              # a numbered paragraph in plain type: kept as typed
    return Line(p, Heading(level, title, run_in, number, p))


def _bare_title(text: str) -> bool:
    """Short, without a figure or any punctuation, and in the words of a section of the outline;
    not the report's title (…部门整体支出绩效评价报告, which holds a section's words)."""
    return (len(text) <= 20 and not re.search(r"[\d。；;，,：:、！？]", text) and not text.endswith("报告")
            and section_of(text) is not None)


# ------------------------------------------------------------------ blocks of a section

def blocks(lines: list[Line], base: int, places: dict | None = None, where=None) -> list:
    """The unit file's 文字块 of a run of lines whose headings are deeper than `base`: each
    heading a {标题, 正文?, 内容?} holding what follows it up to the next heading as deep.
    `places`, when given, gets each block's path in the list (as (0, '内容', 2)) -> where(line)."""
    out: list = []
    stack: list[tuple[int, list, tuple]] = [(base, out, ())]

    def add(item, line: Line) -> tuple:
        _, here, prefix = stack[-1]
        path = (*prefix, len(here))
        here.append(item)
        if places is not None and where is not None:
            places[path] = where(line)
        return path

    for line in lines:
        h = line.heading
        if line.table is not None:
            table = table_block(line.table)
            here = stack[-1][1]
            if here and isinstance(here[-1], str) and UNIT_LINE.match(here[-1]):
                table = {"单位": UNIT_LINE.match(here.pop()).group(1).strip(), **table}
            add({"表格": table}, line)
            continue
        if h is None:
            if line.para.text.strip():
                add(line.para.text.strip(), line)
            continue
        while len(stack) > 1 and stack[-1][0] >= h.level:
            stack.pop()
        block: dict = {"标题": h.title}
        if h.text:
            block["正文"] = h.text
        path = add(block, line)
        if h.text:          # a run-in heading holds its paragraph: what follows is beside it
            continue
        children: list = []
        block["内容"] = children
        stack.append((h.level, children, (*path, "内容")))
    return _tidy(out)


def table_block(table: Table) -> dict:
    """A table of the unit's own as the unit file writes one: its first row the columns, or its
    first two when heads are merged over sub-heads (预算金额 over 基本支出 | 项目支出, as the report
    sets 预算金额（基本支出）, 预算金额（项目支出））; cells as typed."""
    grid = table.grid
    width = grid.width
    if not grid.rows or not width:
        return {"列": [""], "行": []}

    def text(r, c):
        cell = grid.at(r, c)
        return cell_text(cell.text) if cell is not None else ""

    first = [grid.at(0, c) for c in range(width)]
    two = len(grid.rows) > 1 and any(c is not None and c.colspan > 1 for c in first)
    if two:
        columns = []
        for c in range(width):
            top, sub = first[c], grid.at(1, c)
            if top is not None and top.colspan > 1 and sub is not None and sub is not top:
                columns.append(f"{text(0, c)}（{text(1, c)}）")
            else:
                columns.append(text(0, c))
        start = 2
    else:
        columns, start = [text(0, c) for c in range(width)], 1
    rows = [[text(r, c) or None for c in range(width)] for r in range(start, len(grid.rows))]
    return {"列": columns, "行": [r for r in rows if any(r)]}


def cell_text(text: str) -> str:
    """A cell of the unit's own table as typed: its lines joined, spaces kept ("合 计")."""
    return "".join(line.strip() for line in (text or "").split("\n"))


def _tidy(items: list) -> list:
    for item in items:
        if isinstance(item, dict):
            if item.get("内容"):
                _tidy(item["内容"])
            else:
                item.pop("内容", None)
    return items


@dataclass
class Section:
    key: str | None
    heading: Heading
    lines: list[Line] = field(default_factory=list)
