"""Rules on the figures the unit states in its own words: amounts and counts (正文数字),
shares and rates (正文比率), scores and grades (正文得分), and claims to have kept within
budget (预算表述). Each compares what a sentence says with the model; every mismatch is one
warning at the line of the text, quoting the unit's words and the model's figure.

A sentence is read as a reviewer reads it: a label names a subject (基本支出, a project,
“三公”经费); words after it or alone at the head of a clause name an aspect (预算, 实际支出,
结余) of the sentence's subject; a clause about a change (较上年增加…) or another year says
nothing about this year's amount and is left alone. The reading is linear in the length of
the text: one pattern over every label, once per sentence.
"""
from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from perfreport.derive import Block, Report
from perfreport.unitfile.load import format_path
from perfreport.shared.numbers import HUNDRED
from perfreport.shared.formats import count, money, percent, score
from perfreport.audit.context import Context, rule
from perfreport.shared.findings import SUSPECTED
from perfreport.audit.statements import (APPROXIMATE, CHANGE, CHANGE_REACH, CLAUSE_BREAK, NUMBER, OTHER_YEAR, OTHER_YEAR_REACH,
                         GrowingSearch, Normalized, Quantity, normalize, quantity, sentences)
from perfreport.audit.vocabulary import EARLY, LAST_YEAR, LEFT, SPENT, BUDGET, Subject, Term, Vocabulary, build

# what may stand before a label for it to start a word: 2022年基本支出, 其中：基本支出,
# 本局基本支出 — but not 信息化项目支出 (a project's name, not the unit's 项目支出)
WORD_START = set("，,、:;()年度末初底的和及与中本全该我局位门级县市区镇乡委厅办有为是其")
# what may stand between a project's name and a fund word (…运行维护项目上年结转资金): LABEL_TAIL
LABEL_TAIL_BEFORE = re.compile(r"(?:项目)?(?:经费|资金)?(?:的)?$")
# an aspect word alone (实际支出, 结余) must open a clause
CLAUSE_HEAD = set("，,、:;(年度中")

ASPECT_WORDS_SHOWN = {EARLY: "的年初预算", BUDGET: "的预算", SPENT: "的支出", LAST_YEAR: "的上年决算",
                      LEFT: "的结余", None: ""}
# the figures are the whole 部门's: a clause about one part of it (本级机构仅有编制6名) is not
PART_OF_UNIT = re.compile(r"(?<!及)本级(?!及)|局机关|机关本级|二级机构|二级单位|下属单位|所属单位")
PART_OF_UNIT_REACH = 5
# a word before a label that says the figure is what was spent (实际基本支出400万元, 全年实际
# 公用经费…): the label starts a word after it, and the figure is the subject's spending
SPENT_QUALIFIER = re.compile(r"(?:全年|当年|本年|年度)?(?:实际(?:发生|完成|使用)?|决算)$")
SPENT_QUALIFIER_REACH = 6          # its longest match and a look-ahead past it, at most: see GrowingSearch
NOT_CLAUSE_BREAK = re.compile(r"[^，,、]")
FIGURE_HINT = "正文中的数字应与数据一致：数据有误请改数据，正文有误请改正文"


@dataclass
class Mention:
    """A figure the unit states for a subject: 基本支出181.26万元."""
    excerpt: str                  # the unit's own characters
    quantity: Quantity
    subject: Subject
    aspect: str | None
    start: int                    # in the sentence
    end: int
    checked: bool = True          # False: a change, another year's figure or a bound (left alone)

    @property
    def values(self) -> list[tuple[str, Decimal]]:
        found = self.subject.values(self.aspect)
        return found or (self.subject.values(None) if self.aspect is None else [])


@dataclass
class Sentence:
    """One sentence and what it states. A sentence may be a whole paragraph (a unit that
    writes only commas): every question below about a position in it (the clause around it,
    the subject named last before it) is answered from indexes made once, never by reading
    the sentence again from its start."""
    block: Block
    norm: Normalized
    offset: int                   # where the sentence starts in norm.text
    text: str
    marks: list[tuple[int, int, Term]]        # every label naming a subject, in order
    mentions: list[Mention] = field(default_factory=list)
    carried: Subject | None = None            # the last subject of the sentences before, in this text
    vocab: Vocabulary | None = None

    def __post_init__(self):
        self._breaks: list[int] | None = None         # made when first asked: most sentences never are
        self._marks_index: tuple | None = None
        self._staff_index: tuple | None = None
        self.mention_ends: list[int] = []
        self.commas_end: dict[int, int] = {}

    @property
    def breaks(self) -> list[int]:
        """Where the sentence's commas are."""
        if self._breaks is None:
            self._breaks = [m.start() for m in CLAUSE_BREAK.finditer(self.text)]
        return self._breaks

    def index_marks(self) -> None:
        """The marks changed: their index is made again when next asked."""
        self._marks_index = None
        self._staff_index = None

    def staff_total_before(self, position: int) -> str:
        """What the staffing total named last before `position` counts (编制, 实有, 人员), or
        '' when none is: a count by kind after it is a part of it (实有人数28人，其中行政20人)."""
        if self._staff_index is None:
            totals = [(end, term.staff) for _, end, term in self.marks if term.staff]
            self._staff_index = [end for end, _ in totals], [staff for _, staff in totals]
        ends, staff = self._staff_index
        k = bisect_right(ends, position)
        return staff[k - 1] if k else ""

    @property
    def marks_index(self) -> tuple[list[int], list, list, list]:
        """For subject_before: the marks' ends (increasing: the marks do not overlap), and the
        subject of the last mark of each kind up to each."""
        if self._marks_index is None:
            ends, last_subject, last_with_aspects, last_owner = [], [], [], []
            last = with_aspects = owner = None
            for _, end, term in self.marks:
                # 项目…其中当年财政拨款…，上年结转资金…，其他资金…，实际支出…: the fund words are
                # the project's, and what follows them is still about the project
                if term.fund and owner is not None:
                    pass
                elif not term.scope:
                    last = term.subject
                    if not (term.subject.plain and not term.subject.source):
                        with_aspects = term.subject
                if not term.fund:
                    owner = term.subject if term.subject.funds else None
                ends.append(end)
                last_subject.append(last)
                last_with_aspects.append(with_aspects)
                last_owner.append(owner)
            self._marks_index = ends, last_subject, last_with_aspects, last_owner
        return self._marks_index

    def excerpt(self, start: int, end: int) -> str:
        return self.norm.original(self.offset + start, self.offset + end)

    def clause_start(self, position: int) -> int:
        """Where the clause holding `position` starts: just after the last comma before it."""
        k = bisect_left(self.breaks, position)
        return self.breaks[k - 1] + 1 if k else 0

    def clause_end(self, position: int) -> int:
        """The first comma at or after `position` (the end of the sentence when none)."""
        k = bisect_left(self.breaks, position)
        return self.breaks[k] if k < len(self.breaks) else len(self.text)

    def commas_after(self, position: int) -> int:
        """Where the run of commas (none or more) that starts at `position` ends; kept, as
        every share after one figure asks it of the same run."""
        end = self.commas_end.get(position)
        if end is None:
            other = NOT_CLAUSE_BREAK.search(self.text, position)
            end = self.commas_end[position] = other.start() if other else len(self.text)
        return end

    def last_mention_before(self, position: int) -> Mention | None:
        """The last figure that ends at or before `position`."""
        k = bisect_right(self.mention_ends, position)
        return self.mentions[k - 1] if k else None

    def mark_ending_at(self, position: int) -> Term | None:
        """The label that ends at `position`, if one does (at most one: marks do not overlap)."""
        ends = self.marks_index[0]
        k = bisect_left(ends, position)
        return self.marks[k][2] if k < len(ends) and ends[k] == position else None

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause (between commas) around a stretch of the sentence, to quote it whole."""
        return self.clause_start(start), self.clause_end(end)

    def subject_before(self, position: int, with_aspects: bool = False) -> Subject | None:
        """The subject named last before `position`. with_aspects: only one whose figures
        differ by aspect (an aspect word 实际支出 is not of 上年结转 or of 在职人数)."""
        ends, last_subject, last_with_aspects, _ = self.marks_index
        k = bisect_right(ends, position)
        if not k:
            return None
        return (last_with_aspects if with_aspects else last_subject)[k - 1]

    def project_before(self, position: int) -> Subject | None:
        """The project whose fund sources a word at `position` names: the last subject named
        before it, fund words left out, when that is a project."""
        ends, *_, last_owner = self.marks_index
        k = bisect_right(ends, position)
        return last_owner[k - 1] if k else None


def _subject_of(term: Term | None) -> Subject | None:
    return term.subject if term is not None else None


def _starts_word(text: str, position: int, allowed: set) -> bool:
    return position == 0 or text[position - 1] in allowed or text[position - 1].isdigit()


class _Clause:
    """What the words of one clause before a figure say of it, for the figures of the clause
    in order: each question reads only what the one before had not (statements.GrowingSearch).
    Each search is set up when first asked (most clauses have one figure)."""
    __slots__ = ("sentence", "start", "year", "searches", "words")

    def __init__(self, sentence: Sentence, start: int, year: int):
        self.sentence, self.start, self.year = sentence, start, year
        self.searches: dict[str, GrowingSearch] = {}
        self.words: str | None = None

    def _words(self, name: str, pattern: re.Pattern, reach: int, accept=None) -> GrowingSearch:
        """A search of the clause's words as a string of their own (nothing before them seen)."""
        if name not in self.searches:
            if self.words is None:
                self.words = self.sentence.text[self.start:self.sentence.clause_end(self.start)]
            self.searches[name] = GrowingSearch(pattern, self.words, 0, reach, accept)
        return self.searches[name]

    def change(self, number: int) -> bool:
        """As CHANGE.search(text, start, number)."""
        if "change" not in self.searches:
            self.searches["change"] = GrowingSearch(CHANGE, self.sentence.text, self.start, CHANGE_REACH)
        return self.searches["change"].found(number)

    def other_year(self, start: int) -> bool:
        """Whether the words up to `start` name a year other than the report's."""
        year = self.year
        return self._words("other_year", OTHER_YEAR, OTHER_YEAR_REACH,
                           lambda m: m.group(1) is None or int(m.group(1)) != year).found(start - self.start)

    def part_of_unit(self, start: int) -> bool:
        return self._words("part_of_unit", PART_OF_UNIT, PART_OF_UNIT_REACH).found(start - self.start)


def _outside_qualifiers(marks: list, found: list[re.Match]) -> list:
    """The marks not inside a figure's qualifier: a label there (政务大厅运行维护项目全年预算700万元:
    全年预算 is the project's) names no subject of its own. The qualifiers, one a match, follow
    one another without overlapping: the one a mark may be in is the last that starts at or
    before it."""
    if not marks or not found:
        return marks
    starts = [m.end("label") for m in found]
    ends = [m.start("number") for m in found]

    def inside(position: int) -> bool:
        k = bisect_right(starts, position) - 1
        return k >= 0 and position < ends[k]

    return [mark for mark in marks if not inside(mark[0])]


def _staff_kind(vocab: Vocabulary, sentence: Sentence, term: Term, start: int) -> Subject | None:
    """Whose count by kind a figure is: the posts' after 编制数 (核定编制30名，其中行政编制20名), the
    people's after 实有人数 (实有人数28人，其中行政20人 or 其中行政编制20人: the officers' words for
    the people in 行政 posts). After another count (在职17人，其中行政…) it is neither of the
    model's, and not read; with no total before it, 行政编制 is the posts' and a bare 行政 not read."""
    total = sentence.staff_total_before(start)
    subjects = vocab.staff_kinds[term.kind]
    if total in subjects:
        return subjects[total]
    if total or term.bare:
        return None
    return subjects["编制"]


def _read_mentions(vocab: Vocabulary, year: int, sentence: Sentence) -> None:
    text = sentence.text
    found = list(vocab.mention.finditer(text))
    sentence.marks = _outside_qualifiers(sentence.marks, found)
    sentence.index_marks()
    changes = [m.start() for m in CHANGE.finditer(text)]
    # a sentence that opens with a change (我局全年新增了事业编制2人，临聘工作人员21人) lists changes
    whole_change = bool(found) and bool(changes) and changes[0] < found[0].start()
    context_aspect = None
    clause = None
    for match in found:
        label, start = match.group("label"), match.start()
        term = vocab.terms[label]
        number = match.start("number")
        project = sentence.project_before(start) if term.fund else None
        if project is not None:
            # 政务大厅运行维护项目…其中上年结转资金50万元: the project's 附件3, not the unit's;
            # directly after the project's name too (政务大厅运行维护项目上年结转资金50万元)
            named = LABEL_TAIL_BEFORE.search(text, 0, start)
            if not (_starts_word(text, start, WORD_START)
                    or _subject_of(sentence.mark_ending_at(named.start())) is project):
                continue
            subject = project.funds[term.fund]
            aspect = vocab.aspect_of(match.group("aspect"))
            if aspect is None and context_aspect is not None and subject.values(context_aspect):
                aspect = context_aspect
        elif term.subject is None and term.fund:
            continue                    # 其他资金 of no project: not a figure the report holds
        elif term.subject is None:
            if not _starts_word(text, start, CLAUSE_HEAD):
                continue
            subject, aspect = sentence.subject_before(start, with_aspects=True) or vocab.unit, term.aspect
            if subject.source and not subject.values(aspect):
                subject = vocab.unit
        else:
            qualifier = SPENT_QUALIFIER.search(text, max(0, start - SPENT_QUALIFIER_REACH), start)
            if qualifier is not None and not _starts_word(text, qualifier.start(), WORD_START | CLAUSE_HEAD):
                qualifier = None
            if term.bounded and qualifier is None and not _starts_word(text, start, WORD_START):
                continue
            if term.scope and (sentence.subject_before(start) is None
                               or sentence.subject_before(start).name != term.scope):
                continue
            subject = term.subject
            if term.kind:
                subject = _staff_kind(vocab, sentence, term, start)
                if subject is None:
                    continue
            aspect = vocab.aspect_of(match.group("aspect")) or term.aspect
            if qualifier is not None and aspect is None and not subject.plain:
                aspect, start = SPENT, qualifier.start()        # quoted from the qualifier on
            if aspect is None and context_aspect is not None and subject.values(context_aspect):
                aspect = context_aspect
        q = quantity(match.group("number"), "人" if match.group("unit") == "名" else match.group("unit"))
        if q is None or q.kind != subject.kind:
            continue
        clause_start = sentence.clause_start(start)
        if clause is None or clause.start != clause_start:
            # the words before the figure, from the clause's start: a figure's label starts
            # at or before the clause's comma, so they are all within the clause
            clause = _Clause(sentence, clause_start, year)
        # as CHANGE.search(text, clause_start, number), the years and PART_OF_UNIT of
        # text[clause_start:start] (the words before the label)
        other_year = clause.other_year(start)
        checked = not (whole_change or clause.change(number) or other_year
                       or (subject.kind == "count" or subject is vocab.unit) and clause.part_of_unit(start)
                       or APPROXIMATE.match(text, match.end()))
        mention = Mention(sentence.excerpt(start, match.end()), q, subject, aspect, start, match.end(), checked)
        sentence.mentions.append(mention)
        if aspect is not None:
            context_aspect = aspect
    sentence.mention_ends = [m.end for m in sentence.mentions]      # increasing, as the matches


def _last_subject(marks: list) -> Subject | None:
    """The subject a sentence leaves to the next (政务大厅运行维护项目…其他资金10万元；实际支出680万元):
    its last label's, a scoped one (货物) and a project's fund words left out."""
    last = owner = None
    for _, _, term in marks:
        if term.fund and owner is not None:
            continue
        if not term.scope:
            last = term.subject
        if not term.fund:
            owner = term.subject if term.subject.funds else None
    return last


_cache: tuple = (None, None)


def forget() -> None:
    """Let the last unit's sentences go (audit() calls it when its rules are done)."""
    global _cache
    _cache = (None, None)


def read(report: Report) -> list[Sentence]:
    """Every sentence of the unit's words with what it states; read once for all the rules."""
    global _cache
    ref, readings = _cache
    if ref is not None and ref() is report:
        return readings
    vocab = build(report)
    readings = []
    for block in report.all_blocks():
        for source in (block.title, block.text):
            if not source:
                continue
            norm = normalize(source)
            carried = None
            for offset, text in sentences(norm.text):
                marks = [(m.start(), m.end(), vocab.terms[m.group(0)]) for m in vocab.marks.finditer(text)]
                sentence = Sentence(block, norm, offset, text, marks, carried=carried, vocab=vocab)
                _read_mentions(vocab, report.unit.year, sentence)
                readings.append(sentence)
                carried = _last_subject(marks) or carried
    _cache = (weakref.ref(report), readings)
    return readings


def _shown(subject: Subject, value: Decimal) -> str:
    return f"{count(int(value))} 人" if subject.kind == "count" else f"{money(value)} 万元"


def _list(subject: Subject, values: list[tuple[str, Decimal]]) -> str:
    if len(values) == 1:
        return _shown(subject, values[0][1])
    return "、".join(f"{_shown(subject, v)}（{what}）" for what, v in values)


def _agrees(q: Quantity, value: Decimal, unit: str, allowed: Decimal = Decimal(0)) -> bool:
    """`allowed`: 设置.金额容差, for amounts."""
    tolerance = q.tolerance
    if q.value == q.value.to_integral_value() and q.kind in ("money", "count", "score"):
        tolerance = Decimal(0)            # 400万元 is 400.00; 0元 is nothing at all
    if unit == "元":
        tolerance = max(tolerance, Decimal("0.005"))   # the model holds 万元 to two decimals
    if q.kind == "money":
        tolerance = max(tolerance, allowed)
    return abs(q.value - value) <= tolerance


def _nearest(ordered: list, target, key=None) -> list:
    """The values of an increasing list just below and just above `target`: whether any
    value is within a distance of it, the distance growing with the difference (however
    Decimal rounds it), is whether one of these is."""
    i = bisect_left(ordered, target, key=key)
    return ordered[max(i - 1, 0):i + 1]


def _agrees_any(q: Quantity, ordered: list[Decimal], unit: str, allowed: Decimal = Decimal(0)) -> bool:
    return any(_agrees(q, v, unit, allowed) for v in _nearest(ordered, q.value))


def _figure_agrees(m: Mention, unit: str, allowed: Decimal) -> bool:
    """Whether the figure agrees with one of the model's figures for what it names (m.values,
    which are its subject's of its aspect): a subject may have thousands (上年结转)."""
    return _agrees_any(m.quantity, m.subject.sorted_values(m.aspect), unit, allowed)


@rule("正文数字", SUSPECTED)
def prose_figures(ctx: Context):
    """An amount or a count in the unit's words that is none of the model's figures for what
    it names: the seeds' 'same figure typed three ways'."""
    listed: dict[tuple[int, str | None], str] = {}     # a subject's figures as messages list them
    for sentence in read(ctx.report):
        for m in sentence.mentions:
            values = m.values
            if not m.checked or not values:
                continue
            unit = "元" if m.excerpt.endswith("元") and not m.excerpt.endswith(("万元", "亿元")) else ""
            if _figure_agrees(m, unit, ctx.money_tolerance):
                continue
            # written once a subject and aspect: every wrong figure of it quotes them all
            key = (id(m.subject), m.aspect)
            if key not in listed:
                listed[key] = _list(m.subject, values)
            yield ctx.warn(sentence.block.path,
                           f"正文写“{m.excerpt}”，数据中{m.subject.name}{'' if m.subject.plain else ASPECT_WORDS_SHOWN[m.aspect]}为 "
                           f"{listed[key]}",
                           stated=m.quantity.value, computed=values[0][1], hint=FIGURE_HINT)


# ------------------------------------------------------------------ shares and rates

SHARE = re.compile(rf"占(?P<base>[^,，。；;%\d]{{0,12}}?)(?:的)?(?:比例|比重|份额)?(?:为|是|达到|达)?(?P<number>{NUMBER})%")
RATE = re.compile(rf"(?P<what>(?:预算|资金|支出|整体|总体|部门)?执行率|结余率|(?:固定)?资产使用率|编制控制率|人员控制率|"
                  rf"编制使用率)(?:为|是|达到|达|仅|只有|:|了)*(?P<number>{NUMBER})%")


def _percent_agrees(q: Quantity, rate: Decimal, allowed: Decimal = Decimal(0)) -> bool:
    """`allowed`: 设置.比率容差, as a fraction."""
    tolerance = q.tolerance
    if q.value in (0, 1):             # 100% and 0% claim the whole or nothing
        tolerance = Decimal("0.00005")
    return abs(q.value - rate) <= max(tolerance, allowed)


def _share_agrees(q: Quantity, parts: list[Decimal], bases: list[tuple[str, Decimal]],
                  allowed: Decimal = Decimal(0)) -> bool:
    """As any(_percent_agrees(q, part ÷ base)) over every part and base, for parts in
    increasing order: for one base the share moves one way with the part, so only the parts
    whose shares are nearest the stated one need a look."""
    for _, base in bases:
        if not base:
            continue
        if base > 0:
            nearest = _nearest(parts, q.value, key=lambda part: part / base)
        else:
            nearest = _nearest(parts, -q.value, key=lambda part: -(part / base))
        if any(_percent_agrees(q, part / base, allowed) for part in nearest):
            return True
    return False


def _share_mismatch(q: Quantity, subject: Subject, of: str | None, bases: list[tuple[str, Decimal]],
                    allowed: Decimal = Decimal(0)):
    """(part, base's name, base, share) of the first part and base, when no share of any
    part (the subject's values of `of`) of any base is the stated one; None when one is, or
    there is no share to compare."""
    parts = subject.values(of)
    base = next(((bw, bv) for bw, bv in bases if bv), None)
    if not parts or base is None or _share_agrees(q, subject.sorted_values(of), bases, allowed):
        return None
    (_, pv), (bw, bv) = parts[0], base
    return pv, bw, bv, pv / bv


def _share_base(vocab: Vocabulary, base: str, aspect: str) -> list[tuple[str, Decimal]]:
    """What a share is of: the whole it names (占总支出, 占基本支出), or, when it names none
    (占67.73%), the unit's total on the same side of the accounts as the part."""
    base = base.removesuffix("的")
    if not base:
        return vocab.unit.values(aspect)
    term = vocab.terms.get(base)
    if term is None:
        return []
    subject = term.subject or vocab.unit
    return subject.values(term.aspect or aspect) or subject.values(None)


def _share_part(sentence: Sentence, position: int) -> tuple[Subject, str, str | None] | None:
    """The amount a share is of: the figure just before 占 (基本支出181.26万元，占…), or the
    label (基本支出占…). Its aspect is the sentence's, 实际 when it has none. (subject,
    aspect, the aspect its values are the subject's values of)."""
    m = sentence.last_mention_before(position)
    if m is not None and sentence.commas_after(m.end) >= position:     # nothing but commas between
        aspect = m.aspect or SPENT
        return m.subject, aspect, aspect if m.subject.values(aspect) else m.aspect
    term = sentence.mark_ending_at(position)
    if term is not None and term.subject is not None:
        return term.subject, SPENT, SPENT
    return None


def _rates_of(ctx: Context, sentence: Sentence, what: str, position: int) -> list[tuple[str, Decimal, str]]:
    """(what the rate is of, the rate, how it is computed) for each subject the rate the
    sentence names may be of: its own subject; else the one the text spoke of before, or the
    unit's. Empty when the model has no such rate."""
    report = ctx.report
    if "资产" in what:
        a = report.assets
        if a is None or a.use_rate is None:
            return []
        return [("资产使用率", a.use_rate, f"在用固定资产 {money(a.in_use)} 万元 ÷ 固定资产原值 {money(a.fixed)} 万元")]
    if "编制" in what or "人员控制" in what:
        staff = report.staffing
        if staff.control_rate is None:
            return []
        return [("编制控制率", staff.control_rate,
                 f"在职人数 {staff.in_service} 人 ÷ 编制数 {staff.authorized.value} 人")]
    own = sentence.subject_before(position, with_aspects=True)     # not 在用资产 or 在职人数
    candidates = [own] if own is not None else [c for c in (sentence.carried, sentence.vocab.unit) if c]
    found = []
    for subject in candidates:
        if subject.limit is None or subject.spent is None or not subject.limit[1]:
            continue
        (limit_name, limit), (spent_name, spent) = subject.limit, subject.spent
        if what == "结余率":
            found.append((f"{subject.name}结余率", (limit - spent) / limit,
                          f"（{limit_name} {money(limit)} 万元 − {spent_name} {money(spent)} 万元）÷ "
                          f"{limit_name} {money(limit)} 万元"))
        else:
            rate = subject.rate if subject.rate is not None else spent / limit
            found.append((f"{subject.name}执行率", rate,
                          f"{spent_name} {money(spent)} 万元 ÷ {limit_name} {money(limit)} 万元"))
    return found


@rule("正文比率", SUSPECTED)
def prose_rates(ctx: Context):
    """A share (占总支出的22.07%) or a rate (执行率, 结余率, 资产使用率, 编制控制率) the unit typed that
    its figures do not give (占比 are computed, never typed: DOMAIN)."""
    for sentence in read(ctx.report):
        vocab: Vocabulary = sentence.vocab
        for match in SHARE.finditer(sentence.text):
            q = quantity(match.group("number"), "%")
            part = _share_part(sentence, match.start())
            if q is None or part is None:
                continue
            subject, aspect, of = part
            mismatch = _share_mismatch(q, subject, of, _share_base(vocab, match.group("base"), aspect),
                                       ctx.rate_tolerance)
            if mismatch is None:
                continue
            pv, bw, bv, share = mismatch
            yield ctx.warn(sentence.block.path,
                           f"正文写“{sentence.excerpt(match.start(), match.end())}”，按数据应为 {percent(share)}"
                           f"（{subject.name} {money(pv)} 万元 ÷ {bw} {money(bv)} 万元）",
                           stated=q.value * HUNDRED, computed=share * HUNDRED,
                           hint="占比由数据算出，请改为与数据一致，或删去这个百分比")
        for match in RATE.finditer(sentence.text):
            q = quantity(match.group("number"), "%")
            found = _rates_of(ctx, sentence, match.group("what"), match.start())
            if q is None or not found or any(_percent_agrees(q, rate, ctx.rate_tolerance) for _, rate, _ in found):
                continue
            name, rate, how = found[0]
            yield ctx.warn(sentence.block.path,
                           f"正文写“{sentence.excerpt(match.start(), match.end())}”，按数据{name}为 {percent(rate)}（{how}）",
                           stated=q.value * HUNDRED, computed=rate * HUNDRED,
                           hint="比率由数据算出，请改为与数据一致，或删去这个百分比")


# ------------------------------------------------------------------ scores and grades

SCORE = re.compile(rf"(?P<what>绩效自评得分|自评得分|评价得分|绩效得分|综合得分|综合评分|自评评分|绩效评分|总得分|自评总分|"
                   rf"评价总分|绩效评价得分|自评分|总分)(?:为|是|达到|达|共|:|了|计)*(?P<number>{NUMBER})分")
GRADE = re.compile(r"(?:(?:评价|自评|考核|绩效)?(?:等级|等次)|(?:评价|自评|考核)结果)(?:为|是|评定为|:)*"
                   r"(?P<grade>优秀|优|良好|良|中等|中|较差|差)(?![\u4e00-\u9fff])"
                   r"|(?:评定|评价|自评|评)为(?P<grade2>优秀|优|良好|良|中等|较差)(?![\u4e00-\u9fff])")
GRADE_OF = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "较差": "差", "差": "差"}


def _scored(ctx: Context, sentence: Sentence, position: int):
    """The 自评表 a stated score is of: a project's when the sentence (or the text before it)
    names a project, else 附件2's. (table, how a message names it)."""
    subject = sentence.subject_before(position) or sentence.carried
    if subject is None or subject.table is None:
        subject = sentence.vocab.unit
    attachment = next((a.number for a in ctx.report.attachments if a.kind == "overall"), None)
    if subject is sentence.vocab.unit:
        return subject.table, f"附件{attachment}（部门整体支出绩效自评表）" if attachment else "部门整体支出绩效自评表"
    return subject.table, f"{subject.name}的绩效自评表"


@rule("正文得分", SUSPECTED)
def prose_scores(ctx: Context):
    """A score (评价得分为90分) or a grade (等级为优) the unit states that its 自评表 does not
    give, or gives none of (未评定)."""
    for sentence in read(ctx.report):
        for match in SCORE.finditer(sentence.text):
            q = quantity(match.group("number"), "分")
            table, where = _scored(ctx, sentence, match.start())
            if q is None or table is None:
                continue
            typed = sentence.excerpt(match.start(), match.end())
            if not table.total.known:
                # the unit has a score to state: its place is the form's 总分, as the unit's
                # own 自评表 gives it; indicators are the longer way to it, deleting the last
                yield ctx.warn(sentence.block.path, f"正文写“{typed}”，而{where}未评定，没有总分",
                               stated=q.value,
                               hint=f"单位自评表上的总分请填在“{format_path(table.total.path)}”；"
                                    "也可以在绩效指标中填写各指标的分值和得分，由程序算出；都没有的，请删去正文中的得分")
            elif q.value != table.total.value:
                yield ctx.warn(sentence.block.path,
                               f"正文写“{typed}”，{where}的总分为 {score(table.total.value, ctx.report.rounding)} 分",
                               stated=q.value, computed=table.total.value,
                               hint="正文中的得分应与自评表的总分一致")
        for match in GRADE.finditer(sentence.text):
            typed_grade = GRADE_OF[match.group("grade") or match.group("grade2")]
            table, where = _scored(ctx, sentence, match.start())
            if table is None:
                continue
            typed = sentence.excerpt(match.start(), match.end())
            if not table.total.known:
                yield ctx.warn(sentence.block.path, f"正文写“{typed}”，而{where}未评定，没有等级",
                               hint=f"等级由总分决定：单位自评表上的总分请填在“{format_path(table.total.path)}”；"
                                    "也可以在绩效指标中填写各指标的分值和得分；都没有的，请删去正文中的等级")
            elif table.grade != typed_grade:
                yield ctx.warn(sentence.block.path,
                               f"正文写“{typed}”，{where}的总分 {score(table.total.value, ctx.report.rounding)} 分"
                               f"对应的等级是“{table.grade}”",
                               hint="等级由总分决定：优 ≥ 90，良 80–90，中 60–80，差 < 60")


# ------------------------------------------------------------------ staying within budget

WITHIN_BUDGET = re.compile(
    r"(?<!未)(?<!没有)(?<!不)(?<!没)(?:控制在|未超过|未超出|未超|没有超过|没有超出|没有超|不超过|未突破|没有突破)"
    r"[^,，。；;]{0,10}?预算"
    r"|(?<![不未])在(?:年度|年初|批复的?|本年)?预算(?:总额|范围|额度|指标|批复数)?(?:以|之)内")


@rule("预算表述", SUSPECTED)
def budget_claims(ctx: Context):
    """A sentence that says spending stayed within budget (支出总额控制在预算总额以内) beside
    figures that exceed it: the unit's, a project's, “三公”经费's or 政府采购's."""
    for sentence in read(ctx.report):
        for match in WITHIN_BUDGET.finditer(sentence.text):
            subject = sentence.subject_before(match.start(), with_aspects=True) or sentence.vocab.unit
            if subject.limit is None or subject.spent is None:
                continue
            (limit_name, limit), (spent_name, spent) = subject.limit, subject.spent
            if spent <= limit:
                continue
            rate = f"（执行率 {percent(spent / limit)}）" if limit else ""
            yield ctx.warn(sentence.block.path,
                           f"正文写“{sentence.excerpt(*sentence.clause(match.start(), match.end()))}”，但{spent_name} {money(spent)} 万元"
                           f"超过{limit_name} {money(limit)} 万元{rate}",
                           stated=spent, computed=limit,
                           hint="请核对数据，或改写这句话，说明超出预算的原因")
