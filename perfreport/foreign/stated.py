"""Figures a report states only in its words, read into their fields: the staffing counts of
section 一 (“行政编制人数6人，事业编制人数16人”), the budget's totals of section 二 (“本年支出合计
658.73万元，其中：基本支出446.15万元”), and the projects a sentence names (“项目支出主要包括窗口考核
经费项目、热线工作经费项目”).

A field is filled only where the forms do not give it and the words state it once: a figure
stated twice with two values is left blank (check lists it, the audit quotes both). The words stay
in 原文, so the report still prints them and the audit finds them agreeing with the field they
filled. The labels are the audit's (audit/vocabulary.py), so what is read here is what the audit
would check; each figure read is said in `notes`, with the words it came from."""
from __future__ import annotations

import re
from decimal import Decimal

from perfreport.audit.statements import normalize
from perfreport.audit.vocabulary import ASPECT_WORDS, BUDGET, EARLY, LEFT, SPENT, UNIT_TOTALS
from perfreport.foreign.forms import Figure
from perfreport.unitfile.load import format_path

# ------------------------------------------------------------------ 人员编制

# 人员编制 as units write it (“单位行政编制人数6人，事业编制人数16人,工勤编制0人。实有人数20人，
# 其中在职20人，退休0人。”; “本部门编制数12人，在职人数12人……离退休人数1人，其中离休人员0人”)
STAFF_WORDS = {
    "编制数": r"(?<![政业勤员])编制(?:数|人数|总数)?(?:合计|共)?(\d+)[名人]",    # not 行政编制, 事业编制…
    "行政编制": r"行政编制(?:人数|数)?(\d+)[名人]",
    "事业编制": r"事业编制(?:人数|数)?(\d+)[名人]",
    "工勤编制": r"工勤(?:人员)?编制(?:人数|数)?(\d+)[名人]",
    "实有人数": r"实有人数(?:共)?(\d+)[名人]",
    "在职人数": r"在职(?:在岗在编职工|工作人员|人员|人数|职工)?(\d+)[名人]",
    # not 离退休人数, which counts both; but 离退休0人 says each is 0
    "退休人数": r"(?<!离)退休(?:人员|人数)?(\d+)[名人]|离退休(?:人员|人数)?(0)[名人]",
    "离休人数": r"(?<!离退)离休(?:人员|人数)?(\d+)[名人]|离退休(?:人员|人数)?(0)[名人]",
    "编外人数": r"(?:临聘人员|编外聘用|编外人员|编外长期聘用人员)(\d+)[名人]",
}


def staffing(unit: dict, origins: dict, notes: list[str]) -> None:
    staff = unit.get("人员编制") if isinstance(unit.get("人员编制"), dict) else {}
    words = list(own_paragraphs(unit, ("人员编制", "机构设置")))
    for key, pattern in STAFF_WORDS.items():
        if key in staff:
            continue
        found = [(next(g for g in m.groups() if g is not None), path, m.group())
                 for path, text in words for m in re.finditer(pattern, text.replace(" ", ""))]
        if len({value for value, _, _ in found}) == 1:
            value, path, said = found[0]
            staff = unit.setdefault("人员编制", {})
            staff[key] = Figure(value)
            _note(notes, origins, ("人员编制", key), value, "人", path, said)


def own_paragraphs(unit: dict, parts: tuple[str, ...]):
    """(path, text) of each paragraph of the unit's own words under `parts`' 原文."""
    for part in parts:
        own = unit.get(part, {}).get("原文") if isinstance(unit.get(part), dict) else None
        for i, item in enumerate(own or []):
            if isinstance(item, str):
                yield format_path((part, "原文", i)), item


# ------------------------------------------------------------------ 预算 and 基本支出

CARRIED, ADDED = "上年结转", "本年追加"
LABELS = {          # aspect -> how the words name it for the unit or for one of its parts
    CARRIED: ["年初结转和结余", "年初结转结余", "年初结转", "上年结转", "上年结余"],
    ADDED: ["本年追加资金", "本年追加", "追加资金", "追加预算", "追加指标"],
    EARLY: list(dict.fromkeys(UNIT_TOTALS[EARLY] + ASPECT_WORDS[EARLY])),
    BUDGET: UNIT_TOTALS[BUDGET],
    SPENT: list(dict.fromkeys(UNIT_TOTALS[SPENT] + ["本年支出", "全年执行数", "决算数", "实际支出"])),
    LEFT: UNIT_TOTALS[LEFT],
}
SUBJECTS = {"基本支出": "basic", "项目支出": "projects", "人员经费": "personnel", "日常公用经费": "public",
            "公用经费": "public"}
# another subject's money: a sentence naming it says nothing of the totals
OTHERS = re.compile(r"三公|公务|出国|接待|采购|资产|会议|培训|专项|项目(?!支出)")
# a change or a difference, not a figure of the year (较预算增加641.82万元, 与预算相差0万元)
CHANGE = re.compile(r"较|比上年|相差|增加|减少|增长|下降|节约|超出|差额|差异")
MONEY = re.compile(r"(-?\d+(?:\.\d+)?)万元")
CLAUSE = re.compile(r"[，,；;：:、]")

FIELDS = {          # (subject, aspect) -> the field the figure fills
    ("unit", EARLY): ("预算", "年初预算数"), ("unit", BUDGET): ("预算", "全年预算数"),
    ("unit", SPENT): ("预算", "全年执行数"), ("unit", LEFT): ("预算", "年末结转"),
    ("unit", CARRIED): ("预算", "上年结转"), ("unit", ADDED): ("预算", "本年追加"),
    ("basic", EARLY): ("基本支出", "年初预算数"), ("basic", SPENT): ("基本支出", "全年执行数"),
    ("projects", SPENT): ("预算", "按支出性质分", "项目支出"),
    ("personnel", SPENT): ("基本支出", "人员经费", "全年执行数"),
    ("public", SPENT): ("基本支出", "公用经费", "全年执行数"),
}
# whose figures a part's own words may give: the lead of section 二 any; 基本支出's its own and its
# two parts'; 项目支出's its own (seed 000's 项目支出 paragraph repeats 基本支出's sentence: not read)
SCOPES = {"unit": {"unit", "basic", "projects", "personnel", "public"}, "basic": {"basic", "personnel", "public"},
          "projects": {"projects"}}


def _aspect(phrase: str) -> tuple[str | None, int]:
    """The aspect the phrase's last label names, and where that label ends (-1: none)."""
    best, end, length = None, -1, 0
    for aspect, labels in LABELS.items():
        for label in labels:
            at = phrase.rfind(label)
            if at >= 0 and (at + len(label) > end or at + len(label) == end and len(label) > length):
                best, end, length = aspect, at + len(label), len(label)
    return best, end


def _subject(phrase: str) -> tuple[str | None, int]:
    best, end = None, -1
    for word, subject in SUBJECTS.items():
        at = phrase.rfind(word)
        if at >= 0 and at + len(word) > end:
            best, end = subject, at + len(word)
    return best, end


def mentions(text: str, scope: str):
    """(subject, aspect, figure as typed, the words) of each sum of money the text states for the
    unit or one of its parts. Within a sentence a part named once goes on being spoken of (基本支出
    年初结转和结余692.4万元，本年支出692.4万元), and a part named without an aspect takes the one
    the sentence spoke in (总支出821.17万元，其中：基本支出181.26万元); alone, a part's sum is its
    spending (2020年基本支出716.90万元)."""
    plain = normalize(text).text
    for sentence in re.finditer(r"[^。！？!?]+", plain):
        words = sentence.group()
        subject, aspect, start = scope, None, 0
        for money in MONEY.finditer(words):
            head = words[start:money.start()]
            start = money.end()
            cut = max((m.end() for m in CLAUSE.finditer(head)), default=0)
            phrase = head[cut:] or head
            if CHANGE.search(phrase):
                continue
            named, named_end = _subject(phrase)
            said, _ = _aspect(phrase)
            other = max((m.end() for m in OTHERS.finditer(phrase)), default=-1)
            if other > named_end:           # “三公”经费预算5万元: another's money, and what follows of it
                subject = "other"
                continue
            if named:
                subject = named
                aspect = said or aspect or SPENT
            elif said is not None:
                aspect = said
            else:
                continue            # 其中一般公共财政拨款179.2万元: where it came from, not a total
            if subject in SCOPES.get(scope, ()):
                yield subject, aspect, money.group(1), phrase + money.group()


def _budget_words(unit: dict):
    """(path, text, scope) of each paragraph of section 二's words that may state the totals."""
    for path, text in own_paragraphs(unit, ("预算",)):
        yield path, text, "unit"
    for path, text in own_paragraphs(unit, ("基本支出",)):
        yield path, text, "basic"
    for i, text in enumerate(unit.get("项目支出原文") or []):
        if isinstance(text, str):
            yield format_path(("项目支出原文", i)), text, "projects"

    def walk(value, path):         # 支出情况补充: titled parts of section 二 of the unit's own outline
        if isinstance(value, str):
            yield format_path(path), value, "unit"
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                yield from walk(inner, (*path, i))
        elif isinstance(value, dict):
            for key in ("正文", "内容"):
                if key in value:
                    yield from walk(value[key], (*path, key))
    yield from walk(unit.get("支出情况补充") or [], ("支出情况补充",))


def budget(unit: dict, origins: dict, notes: list[str]) -> None:
    found: dict[tuple, list[tuple[str, str, str]]] = {}
    for path, text, scope in _budget_words(unit):
        for subject, aspect, value, words in mentions(text, scope):
            field = FIELDS.get((subject, aspect))
            if field is not None:
                found.setdefault(field, []).append((value, path, words))
    for field, stated in found.items():
        if len({Decimal(v) for v, _, _ in stated}) != 1 or _given(unit, field):
            continue
        value, path, words = stated[0]
        node = unit
        for key in field[:-1]:
            node = node.setdefault(key, {})
        node[field[-1]] = Figure(value)
        _note(notes, origins, field, value, "万元", path, words)


def _given(unit: dict, field: tuple) -> bool:
    node = unit
    for key in field:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


# ------------------------------------------------------------------ 项目 named in a sentence

PROJECT_LIST = re.compile(r"项目支出(?:主要)?(?:包括|包含|有|为)[:：]?(?P<names>[^。；]+)")


def projects(unit: dict, origins: dict, notes: list[str]) -> None:
    """“项目支出主要包括窗口考核经费项目、热线工作经费项目……” names the projects when the forms
    name none: each becomes a project with its name only (its figures stay blank for check to list)."""
    if unit.get("项目"):
        return
    sources = list(own_paragraphs(unit, ("预算",))) + [
        (format_path(("项目支出原文", i)), t) for i, t in enumerate(unit.get("项目支出原文") or []) if isinstance(t, str)]
    for path, text in sources:
        found = PROJECT_LIST.search(normalize(text).text)
        if found is None:
            continue
        items = [item for item in re.split(r"、|和(?=[^、]*项目$)", found.group("names").rstrip("等")) if item]
        if len(items) >= 2 and all(item.endswith("项目") and len(item) > 2 for item in items):
            names = list(dict.fromkeys(item[:-2] for item in items))
            unit["项目"] = [{"名称": name} for name in names]
            for i in range(len(names)):
                if path in origins:
                    origins.setdefault(format_path(("项目", i, "名称")), origins[path])
            notes.append(f"项目：{'、'.join(names)}（原文只列了名称：“{found.group()[:60]}”）")
            return


def _note(notes: list[str], origins: dict, field: tuple, value: str, unit_word: str, path: str,
          words: str = "") -> None:
    name = format_path(field)
    if path in origins:
        origins[name] = origins[path]
    notes.append(f"{name}: {value}（{unit_word}）" + (f"，读自“{words}”" if words else "") +
                 (f"，{origins[path]}" if path in origins else ""))
