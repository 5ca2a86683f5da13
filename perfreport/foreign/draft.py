"""A typed report's blocks made into a draft unit: the forms' figures into their fields, the
sections' words into their blocks, the unit's name, year and signature line from where the
report states them. Nothing is invented: a blank cell or a section the report leaves out stays
out of the unit, so `check` lists it; what cannot be placed is kept in `left`, saying where it
stood, and written as comments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from perfreport.foreign import forms, stated
from perfreport.foreign.docx_source import Block, Para, Table
from perfreport.foreign.forms import Read, kind_of
from perfreport.foreign.grid import Grid, plain_text
from perfreport.foreign.sections import Heading, Line, Section, blocks, names_section, read_line, section_of, typed_level
from perfreport.shared.numbering import split_typed_number
from perfreport.unitfile.load import format_path

YEAR = re.compile(r"((?:19|20)\d\d)\s*年度?(?!\d|\s*\d|月)")
DEFAULT_TITLE = "单位整体支出绩效自评报告"
COVER_NAME = re.compile(r"^部门[（(]单位[)）]名称[:：](.+?)[（(]盖章[)）]?$")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
SIGNATURE = re.compile(r"填表人[:：](?P<who>.*?)联系电话[:：](?P<phone>.*?)单位负责人(?:签字)?[:：](?P<head>.*?)"
                       r"填报日期[:：](?P<date>.*)$")
ATTACHMENT = re.compile(r"^附件\s*\d+[:：]?$")
TITLE_SUFFIX = re.compile(r"(部门[（(]单位[)）]|部门|单位)?(整体支出|整体)?(绩效)?(自评|评价)?报告$|(部门|单位)?整体支出")
REPORT_TITLE = re.compile(r"(整体支出|支出)?绩效(自评|评价)报告$")
FORM_TITLE = re.compile(r"^((19|20)\d\d\s*年度?)?.{0,30}(绩效评价基础数据表|绩效自评表|预算支出情况表)$")
TAIL_OPENERS = ("报告需要以下附件", "附件：", "附件:")
FUND_SECTIONS = ("政府性基金预算支出", "国有资本经营预算支出", "社会保险基金预算支出")
NONE_SENTENCE = re.compile(r"^(\d{4}年度?)?本单位无.*。?$")

# section 二's subsections by their titles: where the unit's own words for each are kept
BUDGET_PARTS = (("基本支出", ("基本支出", "原文")), ("项目支出", ("项目支出原文",)),
                ("三公", ("三公经费", "原文")), ("政府采购", ("政府采购", "原文")), ("资产", ("资产", "原文")))


@dataclass
class Draft:
    unit: dict
    left: list[str] = field(default_factory=list)
    origins: dict = field(default_factory=dict)      # a field's path -> where the document states it
    stated: list[str] = field(default_factory=list)  # the figures read from the words (foreign/stated.py)


def draft(document: list[Block], shown: str) -> Draft:
    body, form_tables, tail = _split(document)
    unit: dict = {}
    left: list[str] = []
    head, sections = _sections(body)
    _front(head, unit, left)
    _closing(sections, unit)
    shared = {s.key for s in sections if s.key and sum(t.key == s.key for t in sections) > 1}
    for section in sections:
        _section(section, unit, left, titled=section.key in shared)
    read = Read()
    _forms(form_tables, read)
    for p in tail:
        _signature(p.text, read, p.number)
        year = YEAR.search(p.text) if FORM_TITLE.match(p.text.strip()) else None
        if year and "年度" not in unit.get("单位", {}):      # forms alone (a workbook): the year of their titles
            unit.setdefault("单位", {})["年度"] = int(year.group(1))
    origins: dict = {}
    _merge(unit, origins, read)
    _body_places(unit, head, sections, origins)
    _department_of_projects(unit, origins)
    notes: list[str] = []
    stated.staffing(unit, origins, notes)
    stated.budget(unit, origins, notes)
    stated.projects(unit, origins, notes)
    rounding = forms.rounding_of(read.execution)
    if rounding:
        unit.setdefault("设置", {})["得分取整"] = rounding
    left.extend(read.left)
    return Draft(_ordered(unit), left, origins, notes)


# ------------------------------------------------------------------ where the body ends

def _split(document: list[Block]) -> tuple[list[Block], list[Table], list[Para]]:
    """The body (title to the last section), the tables of the forms, and the paragraphs around
    the forms (titles, notes, signature lines). The forms usually follow the body, but may stand
    before it (seed 004 sends its forms first and the report as 附件4): a report title or a 一级
    heading of the outline after the forms returns to the body."""
    body: list[Block] = []
    tables: list[Table] = []
    tail: list[Para] = []
    in_forms = False
    for block in document:
        if isinstance(block, Table):
            if kind_of(block.grid) is not None or in_forms:
                in_forms = True
                tables.append(block)
            else:
                body.append(block)
            continue
        text = block.text.strip()
        if text.startswith(TAIL_OPENERS) or ATTACHMENT.match(text) or FORM_TITLE.match(text):
            in_forms = True
        elif in_forms and (REPORT_TITLE.search(text) and len(text) <= 60 or _opens_section(block)):
            in_forms = False
        (tail if in_forms else body).append(block)
    return body, tables, tail


def _opens_section(p: Para) -> bool:
    line = read_line(p)
    return line.heading is not None and line.heading.level == 1 and section_of(line.heading.title) is not None


# ------------------------------------------------------------------ the body

def _sections(body: list[Block]) -> tuple[list[Block], list[Section]]:
    """The body cut into its sections. A heading opens a section when it is a 一级 heading, or
    when it names a section of the outline in full whatever its typed number (seed 000 numbers
    四 to 七 as “4、”…“7、”); a 一级 heading that names no section, inside a section, is one of
    its subsections (seed 004's “一、部门职责” under “一、单位基本情况”)."""
    head: list[Block] = []
    sections: list[Section] = []
    for block in body:
        if isinstance(block, Table):
            if sections:
                sections[-1].lines.append(Line(Para("", 0), table=block))    # the unit's own table, in its place
            continue
        line = read_line(block)
        h = line.heading
        key = section_of(h.title) if h is not None else None
        number = _ordinal(h.number) if h is not None and h.level == 1 else None
        behind = number is not None and sections and ((_ordinal(sections[-1].heading.number) or 0) >= number or
                                                      key is None and _part_of(sections[-1].key, h.title))
        renamed = h is not None and names_section(h.title) and (not sections or sections[-1].key != key)
        if h is not None and (h.level == 1 and (key is not None or not sections or not behind) or renamed):
            h.level = 1
            sections.append(Section(key, h))
        elif sections:
            if h is not None and h.level == 1:      # numbered as if a section, but not after the one it is in
                h.level = 2
            sections[-1].lines.append(line)
        else:
            head.append(block)
    return head, sections


PART_WORDS = {"基本情况": ("职责", "机构", "人员", "编制"),
              "一般公共预算": ("基本支出", "项目支出", "三公", "政府采购", "资产")}


def _part_of(section: str | None, title: str) -> bool:
    """A title that names a part of `section` (“二、机构设置” typed under “一、单位基本情况”)."""
    return any(word in title for word in PART_WORDS.get(section or "", ()))


CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _ordinal(number: str) -> int | None:
    """一、 -> 1, 十一、 -> 11; None for anything else."""
    digits = number.strip().rstrip("、．.")
    if not digits or any(c not in CHINESE_DIGITS and c != "十" for c in digits):
        return None
    if "十" in digits:
        tens, _, ones = digits.partition("十")
        return (CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + (CHINESE_DIGITS.get(ones, 0) if ones else 0)
    return CHINESE_DIGITS[digits] if len(digits) == 1 else None


def _front(head: list[Block], unit: dict, left: list[str]) -> None:
    titles: list[str] = []
    opening: list[str] = []
    for p in head:
        text = p.text.strip()
        if not text:
            continue
        cover = COVER_NAME.match(text.replace(" ", ""))
        if cover:
            unit.setdefault("单位", {})["全称"] = cover.group(1).strip()
            continue
        if DATE.match(text.replace(" ", "")) or text.replace("\u3000", "").replace(" ", "") == "年月日":
            continue
        if p.style == "公文标题" or REPORT_TITLE.search(text) and len(text) <= 60 or text in titles or (not opening and not titles and len(text) <= 40
                                                            and not text.endswith("。")):
            if text not in titles:
                titles.append(text)
            continue
        opening.append(text)
    title = "".join(titles)
    year = YEAR.search(title)
    if year:
        unit.setdefault("单位", {})["年度"] = int(year.group(1))
    unit["_title"] = title
    if opening:
        unit["引言"] = opening


ORGAN = re.compile(r"^[^，,。；;：:、]{2,30}(局|委员会|委|办公室|办|中心|院|所|站|馆|队|政府|部|厅|单位)$")


def _closing(sections: list[Section], unit: dict) -> None:
    """The unit's name and the date typed at the end of the last section (“武冈市行政审批服务局
    / 2021年9月15日”, seed 002) are the report's signature: the date is its 填报日期, and neither
    is words of that section (the report prints its own signature)."""
    if not sections:
        return
    lines = sections[-1].lines
    typed = [i for i, line in enumerate(lines) if line.table is None and line.para.text.strip()]
    if len(typed) < 2:
        return
    name, date = (lines[i].para.text.strip().replace(" ", "") for i in typed[-2:])
    if DATE.match(date) and ORGAN.match(name):
        unit.setdefault("单位", {}).setdefault("填报日期", date)
        del lines[typed[-1]], lines[typed[-2]]


def _section(section: Section, unit: dict, left: list[str], titled: bool = False) -> None:
    """`titled`: the unit's outline has more than one section mapped onto this one (seed 001's
    组织实施情况 and 绩效情况, both 第六节): each keeps its title, as a block heading its words."""
    key = section.key
    lines = section.lines
    where = f"“{section.heading.title}”"
    if key is None:
        text = "；".join(l.para.text.strip() for l in lines if l.para.text.strip())
        left.append(f"第{section.heading.para.number}段起的一节{where}对应不到标准提纲的任何一节，未读入" +
                    (f"：{text[:60]}…" if text else ""))
        return
    if key == "基本情况":
        _basic_info(lines, unit, left)
    elif key == "一般公共预算":
        _general_budget(lines, unit)
    elif key in FUND_SECTIONS:
        texts = [l.para.text.strip() for l in lines if l.para.text.strip()]
        if len(texts) == 1 and NONE_SENTENCE.match(texts[0]):
            unit[key] = "无"
        elif texts:
            unit[key] = {"说明": texts}
    else:
        if key == "存在的问题及原因分析" and re.search(r"措施|建议", section.heading.title):
            lines = _measures_apart(lines, unit)
        found = blocks(lines, base=1)
        if found and titled and key not in ("基本情况", "一般公共预算"):
            found = [{"标题": section.heading.title, "内容": found}]
        if found:
            unit.setdefault(key, []).extend(found)


DUTY_OWNER = re.compile(r"^(.{4,40}?)的(主要职责|职能职责|职责)")
DUTY_LEAD = re.compile(r"(主要职责|职能职责|职责)(是|为|如下)?[:：]$")
DUTY_STYLES = {"1.": "1.", "1、": "1、", "（1）": "（1）", "(1)": "（1）", "（一）": "（一）", "(一)": "（一）"}


def _duty_style(number: str) -> str | None:
    n = number.strip()
    if re.fullmatch(r"\d+\.", n) or re.fullmatch(r"\d+．", n):
        return "1."
    if re.fullmatch(r"\d+、", n):
        return "1、"
    if re.fullmatch(r"[（(]\d+[)）]", n):
        return "（1）"
    if re.fullmatch(r"[（(][一二三四五六七八九十]+[)）]", n):
        return "（一）"
    return None


INLINE_DUTIES = re.compile(r"(?P<lead>[^。]{0,40}?(?:主要职责|职能职责|职责)(?:是|为|如下)?[:：])(?=\s*[（(]一[)）])")
INLINE_ITEM = re.compile(r"[（(][一二三四五六七八九十]{1,3}[)）]")


def _inline_duties(lines: list[Line]) -> list[Line]:
    """A paragraph that runs from its first sentences into the duties, listed in it as
    “本部门的主要职责：（一）……（二）……” (seed 001): cut into the sentences before, the lead,
    and a paragraph per duty, as if typed one to a line."""
    out: list[Line] = []
    for line in lines:
        text = line.para.text.strip()
        found = INLINE_DUTIES.search(text) if line.table is None and line.heading is None else None
        if found is None or len(INLINE_ITEM.findall(text[found.end():])) < 2:
            out.append(line)
            continue
        before, lead, rest = text[:found.start("lead")].strip(), found.group("lead").strip(), text[found.end():]
        starts = [m.start() for m in INLINE_ITEM.finditer(rest)]
        pieces = [before, lead] + [rest[a:b].strip() for a, b in zip(starts, [*starts[1:], len(rest)])]
        out.extend(Line(replace(line.para, text=piece)) for piece in pieces if piece)
    return out


# sentences of an untitled paragraph of section 一, by what they speak of: the words of 机构设置
# or of 人员编制 (seed 001 states both, and its duties, in one paragraph under no subheading)
SPEAKS_OF = ((("人员编制", "原文"), re.compile(r"编制|在职|实有人数|退休|编外|聘用人员")),
             (("机构设置", "原文"), re.compile(r"内设|二级机构|科室|股室|下设|由.{0,12}组成")))


def _placed_by_sentence(text: str, unit: dict) -> bool:
    """Each sentence of the paragraph into the part it speaks of, when every one speaks of one."""
    sentences = [m.group() for m in re.finditer(r"[^。]+。?", text) if m.group().strip()]
    places = []
    for sentence in sentences:
        spoken = [path for path, words in SPEAKS_OF if words.search(sentence)]
        if not spoken:
            return False
        places.append(spoken[0])
    grouped: dict = {}
    for path, sentence in zip(places, sentences):
        grouped.setdefault(path, []).append(sentence)
    for path, said in grouped.items():
        _own(unit, path, ["".join(said)])
    return True


def _basic_info(lines: list[Line], unit: dict, left: list[str]) -> None:
    lines = _duties_as_text(_inline_duties(lines))
    titled = {h.title for h, _ in _subsections(lines, level=2) if h is not None}
    by_sentence = not any("机构" in t or "人员" in t or "编制" in t for t in titled)
    duties: list[str] = []
    supplement: list = []
    styles: list[str] = []
    for heading, body in _subsections(lines, level=2):
        title = heading.title if heading else ""
        if heading is None or "职责" in title:
            rest = []
            in_list = heading is not None
            for line in body:
                text = line.para.text.strip()
                if line.table is None and not text:
                    continue
                if line.table is None and DUTY_LEAD.search(text) and len(text) <= 60:
                    in_list = True
                    named = DUTY_OWNER.match(text)      # “衡山县行政审批服务局的主要职责是：” names the unit
                    if named:
                        unit.setdefault("_named", named.group(1))
                    continue
                number, duty = split_typed_number(text)
                if in_list and not number and duties:      # “6根据《行政许可法》…”: the next number, typed without 、
                    typed = re.match(rf"^{len(duties) + 1}(?=[^\d.．、])", text)
                    if typed:
                        number, duty = typed.group(), text[typed.end():]
                if (in_list and not number and duties and line.table is None and line.heading is None
                        and not duties[-1].endswith("。")):
                    duties[-1] += duty.strip()      # a duty typed over two paragraphs (seed 003's （一）)
                    continue
                if in_list and line.table is None and line.heading is None and (number or not duties):
                    style = _duty_style(number) if number else None
                    if style:
                        styles.append(style)
                    duties.append(duty.strip())
                else:
                    in_list = False
                    if not (by_sentence and heading is None and line.table is None and line.heading is None
                            and _placed_by_sentence(text, unit)):
                        rest.append(line)
            if rest:
                supplement.extend(blocks(rest, base=2))
            continue
        inner = blocks(body, base=2)
        if "机构" in title:
            _own(unit, ("机构设置", "原文"), inner)
        elif "人员" in title or "编制" in title:
            _own(unit, ("人员编制", "原文"), inner)
        else:
            supplement.append(_item(heading, inner))
    if duties:
        unit["职责"] = duties
        if styles and all(s == styles[0] for s in styles) and styles[0] != "1.":
            unit.setdefault("设置", {})["职责编号"] = styles[0]
    if supplement:
        unit["基本情况补充"] = supplement


def _item(heading: Heading, inner: list) -> dict:
    item: dict = {"标题": heading.title}
    if heading.text:
        item["正文"] = heading.text
    if inner:
        item["内容"] = inner
    return item


def _duties_as_text(lines: list[Line]) -> list[Line]:
    """After a lead such as "……的主要职责是：", the numbered paragraphs that follow are the quoted
    duties, not headings, however they are numbered ((一) in seeds 001, 003, 004), as long as they
    carry no heading style and read as sentences."""
    out, in_list, last = [], False, ""
    for line in lines:
        text = line.para.text.strip()
        if line.table is None and DUTY_LEAD.search(text) and len(text) <= 60 or (
                line.heading is not None and "职责" in line.heading.title and not line.heading.text):
            in_list = True
        elif line.heading is not None and in_list:
            p = line.para
            if p.level is None and text.endswith(("。", "；", ";", "，", "、")):
                line = Line(p)
            else:
                in_list = False
        elif text and line.heading is None and not split_typed_number(text)[0]:
            in_list = in_list and last and not last.endswith("。")      # a duty going on in the next paragraph
        if text:
            last = text
        out.append(line)
    return out


def _subsections(lines: list[Line], level: int) -> list[tuple[Heading | None, list[Line]]]:
    """The lines of a section cut at its headings of `level`; (None, lines) for those before the first."""
    out: list[tuple[Heading | None, list[Line]]] = [(None, [])]
    for line in lines:
        h = line.heading
        if h is not None and h.level == level:
            out.append((h, []))
        else:
            out[-1][1].append(line)
    return [(h, body) for h, body in out if h is not None or body]


def _general_budget(lines: list[Line], unit: dict) -> None:
    supplement: list = []
    for heading, body in _subsections(lines, level=2):
        inner = blocks(body, base=2)
        if heading is None:
            _own(unit, ("预算", "原文"), inner)
            continue
        path = next((p for word, p in BUDGET_PARTS if word in heading.title), None)
        elsewhere = section_of(heading.title)
        if path is None and elsewhere not in (None, "基本情况", "一般公共预算"):
            # “二、预算支出及绩效情况”'s “(二)资金使用及绩效情况” (seed 003): 第六节's words
            unit.setdefault(elsewhere, []).extend(inner)
            continue
        if path is None and _parts_within(heading, body, unit):
            continue
        if path is None:
            supplement.append(_item(heading, inner))
            continue
        if heading.text:
            inner = [heading.text, *inner]
        # the sentence this toolkit writes for a unit without projects is its own, not the unit's words
        if path == ("项目支出原文",) and len(inner) == 1 and isinstance(inner[0], str) and NONE_SENTENCE.match(inner[0]):
            continue
        _own(unit, path, inner)
    if supplement:
        unit["支出情况补充"] = supplement


MEASURES_LEAD = re.compile(r"^(下一步|下步)?(改进|整改)?(措施|建议|工作(打算|计划|方向))[:：]")


def _measures_apart(lines: list[Line], unit: dict) -> list[Line]:
    """“三、存在的问题及改进措施” (seed 003) holds two sections of the outline: from the paragraph
    led by “改进措施：” or a heading naming them on, the words are 第八节's."""
    for i, line in enumerate(lines):
        text = line.para.text.strip()
        title = line.heading.title if line.heading is not None else ""
        if line.table is None and (MEASURES_LEAD.match(text) or title and section_of(title) == "下一步改进措施"):
            found = blocks(lines[i:], base=1)
            if found:
                unit.setdefault("下一步改进措施", []).extend(found)
            return lines[:i]
    return lines


def _parts_within(heading: Heading, body: list[Line], unit: dict) -> bool:
    """A subsection that holds the parts one level down (seed 003's “(一)部门预决算情况”: 1.部门预算
    情况 … 3.“三公”经费执行情况 4.政府采购执行情况 5.资产管理情况): each part's words where the
    unit file holds them, the budget's and the accounts' (预算, 决算) as the lead's. False, and
    nothing placed, when none of its subsections is a part."""
    parts = _subsections(body, level=3)
    if not any(h is not None and any(word in h.title for word, _ in BUDGET_PARTS) for h, _ in parts):
        return False
    for sub, inner_lines in parts:
        inner = blocks(inner_lines, base=3)
        if sub is not None and sub.text:
            inner = [sub.text, *inner]
        path = next((p for word, p in BUDGET_PARTS if sub is not None and word in sub.title), None)
        if path is None and (sub is None or re.search(r"预算|决算", sub.title)):
            path = ("预算", "原文")
        if path is None:
            unit.setdefault("支出情况补充", []).append(_item(sub, inner))
        else:
            _own(unit, path, inner)
    return True


def _own(unit: dict, path: tuple, words: list) -> None:
    if not words:
        return
    node = unit
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node.setdefault(path[-1], []).extend(words)


def _department_of_projects(unit: dict, origins: dict) -> None:
    """附件3 of a project the unit carries out itself (实施单位 its own name) names the unit's
    主管部门 (seed 003): the unit's, when the report states it nowhere else and its forms agree."""
    own = unit.get("单位", {})
    name = own.get("全称") or unit.get("_named")      # the title's, or the duties' lead's (seed 003)
    if own.get("主管部门") or not name:
        return
    named = {(i, p.get("主管部门")) for i, p in enumerate(unit.get("项目") or [])
             if isinstance(p, dict) and p.get("主管部门") and p.get("实施单位") == name}
    if len({department for _, department in named}) == 1:
        i, department = min(named)
        unit.setdefault("单位", {})["主管部门"] = department
        place = origins.get(format_path(("项目", i, "主管部门")))
        if place:
            origins["单位.主管部门"] = place


def _body_places(unit: dict, head: list[Block], sections: list[Section], origins: dict) -> None:
    """Where each of the body's words stands in the document, by the path it has in the unit:
    the words are the paragraphs' own, so each is found by its text ("“六、部门整体支出绩效情况”
    第3段"); said with the findings of `audit`."""
    spots: list[tuple[str, str]] = []            # (a paragraph's text, where it stands)
    for k, p in enumerate((b for b in head if isinstance(b, Para) and b.text.strip()), start=1):
        spots.append((p.text.strip(), f"正文前第{k}段{_page(p)}"))
    for section in sections:
        title = f"“{section.heading.para.text.strip()}”"
        spots.append((section.heading.para.text.strip(), title))
        k = 0
        for line in section.lines:
            if line.table is not None:
                k += 1
                spots.append(("", f"{title}下第{k}段（表格）"))
            elif line.para.text.strip():
                k += 1
                spots.append((line.para.text.strip(), f"{title}下第{k}段{_page(line.para)}"))
        if section.key and section.key not in ("基本情况", "一般公共预算"):
            origins.setdefault(section.key, title + _page(section.heading.para))
    exact = {}
    for text, where in spots:
        exact.setdefault(text, where)

    def walk(value, path: tuple) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "表格":         # a table stands under the words before it
                    above = next((origins[n] for n in _prefixes(path) if n in origins), "")
                    if above:
                        origins.setdefault(format_path((*path, key)), f"{above}之后的表格")
                    continue
                walk(inner, (*path, key))
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                walk(inner, (*path, i))
        elif isinstance(value, str) and value and not isinstance(value, forms.Figure):
            name = format_path(path)
            if name in origins:
                return
            where = exact.get(value) or (next((w for text, w in spots if value in text), None)
                                         if len(value) >= 4 else None)
            if where:
                origins[name] = where
                parent = format_path(path[:-1]) if len(path) > 1 else ""
                if parent and parent not in origins:
                    origins[parent] = where

    walk({k: v for k, v in unit.items() if k not in ("单位", "设置")}, ())


def _page(p: Para | None) -> str:
    """（第3页） for a paragraph of a PDF, which is read by its pages."""
    return f"（第{p.page}页）" if p is not None and p.page else ""


def _form_page(grid: Grid) -> str:
    found = re.match(r"第(\d+)页", grid.where)
    return f"（第{found.group(1)}页起）" if found else ""


def _prefixes(path: tuple):
    """The dotted names of a path and of each path above it, nearest first."""
    for end in range(len(path), 0, -1):
        yield format_path(path[:end])


# ------------------------------------------------------------------ the forms

def _forms(tables: list[Table], read: Read) -> None:
    current = None                 # the form whose indicator pages follow
    for table in tables:
        grid = table.grid
        kind = kind_of(grid)
        if kind == "basic_data":
            read.fields.form = f"附件1{_form_page(grid)}"
            forms.read_basic_data(grid, read)
            current = None
        elif kind == "overall":
            current = forms.Sink(read.fields.target, f"附件2{_form_page(grid)}", read.fields.origins)
            forms.read_top(grid, current, read, overall=True)
            forms.read_indicators(grid, current)
        elif kind == "project":
            current = forms.Sink({}, "附件3")
            forms.read_top(grid, current, read, overall=False)
            name = current.target.get("名称")
            if name:                   # said with its findings: 附件3“政务大厅运行维护”第5行
                current.form = f"附件3“{name}”{_form_page(grid)}"
                current.origins = {k: v.replace("附件3", current.form, 1) for k, v in current.origins.items()}
            forms.read_indicators(grid, current)
            if name:
                read.project_forms.append(current)
            else:                      # a form left blank (seed 004 sends the empty template): no project to make
                filled = sorted(k for k in current.origins if k not in ("绩效指标",))
                read.left.append(f"附件3（{grid.where}）没有写项目名称，未读入" +
                                 (f"（表里填了：{'、'.join(filled[:6])}）" if filled else "（整张表是空白的）"))
        elif kind == "indicators" and current is not None:
            forms.read_indicators(grid, current)
        else:
            read.left.append(f"{grid.where}：不是附件1–3 的表格，未读入")
            continue
        sink = current if current is not None else read.fields
        sink.rows_before += len(grid.rows)      # a form set as several tables (its pages) counts on
    for sink in (read.fields, *read.project_forms):
        if not sink.target.get("绩效指标"):
            sink.target.pop("绩效指标", None)


def _signature(text: str, read: Read, number: int) -> None:
    m = SIGNATURE.search(text.replace(" ", "").replace("\u3000", ""))
    if not m:
        return
    for key, group in (("填表人", "who"), ("联系电话", "phone"), ("单位负责人", "head"), ("填报日期", "date")):
        value = m.group(group).strip()
        if value and not (key == "填报日期" and not DATE.match(value)):
            read.fields.put(("单位", key), value, f"（第{number}段签字栏）")


def _merge(unit: dict, origins: dict, read: Read) -> None:
    """The forms' fields beside the body's: a field the body set is kept (the forms do not set
    the same ones), projects from 附件1's rows joined with their 附件3 by name, and the place of
    every value in `origins` by the path it has in the unit."""
    for key, value in read.fields.target.items():
        if isinstance(value, dict) and isinstance(unit.get(key), dict):
            for inner, v in value.items():
                unit[key].setdefault(inner, v)
        else:
            unit.setdefault(key, value)
    for path, where in read.fields.origins.items():
        origins.setdefault(path, where)
    projects = [forms.Sink(dict(p.target), p.form, dict(p.origins)) for p in read.projects]
    for form in read.project_forms:
        match = next((p for p in projects if p.target.get("名称") == form.target.get("名称")), None)
        if match is None:
            projects.append(form)
            continue
        for k, v in form.target.items():
            match.target.setdefault(k, v)
        for k, v in form.origins.items():
            match.origins.setdefault(k, v)
    if projects:
        unit["项目"] = [p.target for p in projects]
        for i, p in enumerate(projects):
            for path, where in p.origins.items():
                origins[f"{format_path(('项目', i))}.{path}"] = where
    unit.pop("_projects_none", None)


ORDER = ("单位", "设置", "引言", "职责", "机构设置", "人员编制", "基本情况补充", "预算", "基本支出", "项目", "项目支出",
         "项目支出原文", "三公经费", "政府采购", "部门基本支出预算调整", "资产", "楼堂馆所", "厉行节约保障措施",
         "支出情况补充", "政府性基金预算支出", "国有资本经营预算支出", "社会保险基金预算支出", "年度总体目标", "绩效指标",
         "总分", "部门整体支出绩效情况", "存在的问题及原因分析", "下一步改进措施", "部门整体支出绩效自评结果拟应用和公开情况",
         "其他需要说明的情况")
UNIT_ORDER = ("全称", "文件名", "主管部门", "年度", "填表人", "联系电话", "单位负责人", "填报日期")


def _ordered(unit: dict) -> dict:
    title = unit.pop("_title", "")
    named = unit.pop("_named", "")
    name = unit.get("单位", {}).get("全称", "")
    if title:
        rest = YEAR.sub("", title, count=1).strip()
        if name:
            rest = rest.replace(name, "", 1).strip()
        else:                       # the title names the unit: 2022年度洞口县行政审批服务局整体支出绩效自评报告
            suffix = TITLE_SUFFIX.search(rest)
            if suffix and suffix.start() > 0:
                unit.setdefault("单位", {})["全称"] = rest[:suffix.start()]
                rest = rest[suffix.start():]
        if rest and rest != DEFAULT_TITLE and REPORT_TITLE.search(rest):
            unit.setdefault("设置", {})["报告标题"] = rest
    if named and not unit.get("单位", {}).get("全称"):        # only the duties' lead names the unit (seed 003)
        unit.setdefault("单位", {})["全称"] = named
    out = {key: unit[key] for key in ORDER if key in unit}
    if "单位" in out:
        out["单位"] = {k: out["单位"][k] for k in UNIT_ORDER if k in out["单位"]}
    return out
