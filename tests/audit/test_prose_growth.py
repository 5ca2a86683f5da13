"""The prose audit reads a paragraph in time linear in its length (issue 20): the clause
around a figure, the subject named before it, what the words before it say (a change,
another year, a part of the unit), the figure before a share, and whether a stated figure is
one of a subject's figures, are all looked up rather than found by reading again from the
sentence's start or by going through every figure.

These tests pin that the lookups give the same findings as the straightforward reading they
replace: each piece is swapped back for its plain version (below, as the code was) and the
findings compared, on generated paragraphs, small enough to run quickly. No timing here."""
import random
import re
from decimal import Decimal

import pytest

from perfreport.audit import prose, statements, vocabulary
from perfreport.audit.statements import CHANGE, CLAUSE_BREAK, OTHER_YEAR, GrowingSearch
from tests.conftest import FIXTURES, run


# ------------------------------------------------------------------ the plain versions
# As the code read before issue 20, where the reading changed: the figures of a sentence
# (_read_mentions, whole), the clause and the subject before a position, the figure before a
# share, whether a figure or a share agrees with one of a subject's, a subject's figures, and
# the excerpt's opening quotation marks.

def plain_read_mentions(vocab, year, sentence):
    text = sentence.text
    found = list(vocab.mention.finditer(text))
    inner = [(m.end("label"), m.start("number")) for m in found]
    sentence.marks = [mark for mark in sentence.marks if not any(a <= mark[0] < b for a, b in inner)]
    changes = [m.start() for m in CHANGE.finditer(text)]
    whole_change = bool(found) and bool(changes) and changes[0] < found[0].start()
    context_aspect = None
    for match in found:
        label, start = match.group("label"), match.start()
        term = vocab.terms[label]
        number = match.start("number")
        if term.subject is None:
            if not prose._starts_word(text, start, prose.CLAUSE_HEAD):
                continue
            subject, aspect = sentence.subject_before(start, with_aspects=True) or vocab.unit, term.aspect
            if subject.source and not subject.values(aspect):
                subject = vocab.unit
        else:
            if term.bounded and not prose._starts_word(text, start, prose.WORD_START):
                continue
            if term.scope and (sentence.subject_before(start) is None
                               or sentence.subject_before(start).name != term.scope):
                continue
            subject = term.subject
            if term.kind:           # a count by kind: the posts' or the people's, as the total before it
                totals = [t.staff for _, e, t in sentence.marks if t.staff and e <= start]
                total = totals[-1] if totals else ""
                kinds = vocab.staff_kinds[term.kind]
                subject = kinds.get(total) or (None if total or term.bare else kinds["编制"])
                if subject is None:
                    continue
            aspect = vocab.aspect_of(match.group("aspect")) or term.aspect
            if aspect is None and context_aspect is not None and subject.values(context_aspect):
                aspect = context_aspect
        q = statements.quantity(match.group("number"), "人" if match.group("unit") == "名" else match.group("unit"))
        if q is None or q.kind != subject.kind:
            continue
        clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
        before = text[clause_start:start]
        other_year = any(m.group(1) is None or int(m.group(1)) != year for m in OTHER_YEAR.finditer(before))
        checked = not (whole_change or CHANGE.search(text, clause_start, number) or other_year
                       or (subject.kind == "count" or subject is vocab.unit) and prose.PART_OF_UNIT.search(before)
                       or statements.APPROXIMATE.match(text, match.end()))
        mention = prose.Mention(sentence.excerpt(start, match.end()), q, subject, aspect, start, match.end(), checked)
        sentence.mentions.append(mention)
        if aspect is not None:
            context_aspect = aspect


def plain_clause(self, start, end):
    head = max((m.end() for m in CLAUSE_BREAK.finditer(self.text, 0, start)), default=0)
    tail = CLAUSE_BREAK.search(self.text, end)
    return head, tail.start() if tail else len(self.text)


def plain_subject_before(self, position, with_aspects=False):
    prior = [t for s, e, t in self.marks
             if e <= position and not t.scope and not (with_aspects and t.subject.plain and not t.subject.source)]
    return prior[-1].subject if prior else None


def plain_share_part(sentence, position):
    text = sentence.text
    for m in reversed(sentence.mentions):
        if m.end <= position:
            if text[m.end:position].strip("，,、") == "":
                aspect = m.aspect or prose.SPENT
                # the values it stood for: m.subject.values(aspect) or m.values
                return m.subject, aspect, aspect if m.subject.values(aspect) else m.aspect
            break
    for start, end, term in reversed(sentence.marks):
        if end == position and term.subject is not None:
            return term.subject, prose.SPENT, prose.SPENT
    return None


def plain_figure_agrees(m, unit, allowed=Decimal(0)):
    return any(prose._agrees(m.quantity, v, unit, allowed) for _, v in m.values)


def plain_share_mismatch(q, subject, of, bases, allowed=Decimal(0)):
    shares = [(pv, bw, bv, pv / bv) for _, pv in subject.values(of) for bw, bv in bases if bv]
    if not shares or any(prose._percent_agrees(q, share, allowed) for *_, share in shares):
        return None
    return shares[0]


def plain_add(self, aspect, what, value):
    if value is None:
        return
    value = Decimal(value)
    known = self.figures.setdefault(aspect, [])
    if all(v != value for _, v in known):
        known.append((what, value))


def plain_values(self, aspect):
    if aspect is not None:
        return self.figures.get(aspect, [])
    found = []
    for a in vocabulary.THIS_YEAR:
        found += [f for f in self.figures.get(a, []) if all(f[1] != v for _, v in found)]
    return found


def plain_original(self, start, end):
    if start >= end:
        return ""
    head = self.origin[start]
    while head > 0 and self.source[head - 1] in statements.OPENING:
        head -= 1
    return self.source[head:self.origin[end - 1] + 1]


class PlainSearch:
    """GrowingSearch as the code asked it: the whole stretch scanned at each question."""

    def __init__(self, pattern, string, pos, reach, accept=None):
        self.pattern, self.string, self.pos = pattern, string, pos
        self.accept = accept or (lambda m: True)

    def found(self, end):
        return any(self.accept(m) for m in self.pattern.finditer(self.string, self.pos, end))


def plain_agrees_any(q, ordered, unit):
    return any(prose._agrees(q, v, unit) for v in ordered)


def plain_share_agrees(q, parts, bases):
    return any(prose._percent_agrees(q, pv / bv) for pv in parts for _, bv in bases if bv)


@pytest.fixture
def plain(monkeypatch):
    """Run the audit with the reading as it was before."""
    def swap():
        monkeypatch.setattr(prose, "_read_mentions", plain_read_mentions)
        monkeypatch.setattr(prose, "_share_part", plain_share_part)
        monkeypatch.setattr(prose, "_figure_agrees", plain_figure_agrees)
        monkeypatch.setattr(prose, "_share_mismatch", plain_share_mismatch)
        monkeypatch.setattr(prose.Sentence, "clause", plain_clause)
        monkeypatch.setattr(prose.Sentence, "subject_before", plain_subject_before)
        monkeypatch.setattr(vocabulary.Subject, "add", plain_add)
        monkeypatch.setattr(vocabulary.Subject, "values", plain_values)
        monkeypatch.setattr(statements.Normalized, "original", plain_original)
    return swap


def both_ways(path, plain):
    """The findings' texts as the audit gives them, and as the plain reading gives them."""
    fast = [f.text() for f in run(path)[1]]
    plain()
    return fast, [f.text() for f in run(path)[1]]


# ------------------------------------------------------------------ paragraphs to read

# pieces of the sentences units write, the complete fixture's subjects among them; joined at
# random they make every reading the rules have: a label and its figure, an aspect word of the
# sentence's subject, a scoped label, a share, a rate, a score, a grade, a claim of keeping
# within budget, a change, another year, a part of the unit, a bound, quotation marks
LABELS = ["基本支出", "项目支出", "人员经费", "公用经费", "办公经费", "“三公”经费", "公务接待费", "政府采购", "货物",
          "工程", "服务", "资产总额", "负债总额", "净资产", "固定资产原值", "在用固定资产", "编制数", "行政编制", "在职",
          "实有人数", "行政", "事业人员", "工勤编制", "编外人员", "退休", "上年结转", "本年追加", "政务大厅运行维护", "政务大厅运行维护项目", "业务工作经费",
          "全年预算", "年初预算", "总支出", "年末结转", "整体支出", "实际支出", "支出", "结余", "预算", "决算数"]
FIGURES = ["400万元", "1.53万元", "1,190.97万元", "17人", "6名", "56360元", "0.12亿元", "0万元", "780万元", "50万元",
           "25人", "99.75万元", "1180万元", "1200万元", "680万元", "700万元", "20万元", "10万元", "1.7万元"]
WORDS = ["，", "，", "、", ",", "：", "其中", "为", "共计", "本级", "及", "局机关", "较上年增加", "减少", "2022年",
         "2023年", "上年", "约", "以上", "左右", "占", "占总支出的", "33.90%", "66.10%", "98.33%", "95%", "100%",
         "执行率为", "结余率", "资产使用率", "编制控制率", "自评得分", "99.71分", "97.73分", "90分", "等级为优",
         "评价等级为良", "控制在预算以内", "未超预算", "在预算范围以内", "“", "”", " ", "新增了", "年", "的"]


def paragraph(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(3, 60)):
        roll = rng.random()
        if roll < 0.35:
            out.append(rng.choice(LABELS) + rng.choice(["", "", "为", "的", "预算", "实际支出"]) + rng.choice(FIGURES))
        elif roll < 0.4:        # a share: of the figure before it (through commas), or of a label
            out.append(rng.choice(["，", "", "，，", "、", rng.choice(LABELS)]) + "占"
                       + rng.choice(["", "总支出的", "基本支出", "全年预算的"])
                       + rng.choice(["33.90%", "66.10%", "50%", "100%", "0%", "3%"]))
        elif roll < 0.45:
            out.append(rng.choice(FIGURES))
        elif roll < 0.97:
            out.append(rng.choice(WORDS))
        else:
            out.append(rng.choice(["。", "；"]))
    return "".join(out)


def with_paragraphs(tmp_path, paragraphs: list[str]):
    """The complete fixture with these paragraphs, and a project that spent more than its
    budget (so that a claim of keeping within it can be wrong)."""
    text = (FIXTURES / "complete.yaml").read_text(encoding="utf-8")
    assert "其他需要说明的情况:\n  - 无\n" in text and "    全年执行数: 680" in text
    text = text.replace("    全年执行数: 680", "    全年执行数: 730", 1)
    words = "".join(f"  - \"{p}\"\n" for p in paragraphs)
    path = tmp_path / "complete.yaml"
    path.write_text(text.replace("其他需要说明的情况:\n  - 无\n", "其他需要说明的情况:\n" + words), encoding="utf-8")
    return path


def test_random_paragraphs_read_as_the_plain_reading_reads_them(tmp_path, plain):
    rng = random.Random(20)
    paragraphs = [paragraph(rng) for _ in range(400)]
    fast, slow = both_ways(with_paragraphs(tmp_path, paragraphs), plain)
    assert fast == slow
    rules = {t.split("警告（")[1].split("）")[0].split("·")[-1] for t in fast if "警告（" in t}
    assert {"正文数字", "正文比率", "正文得分", "预算表述"} <= rules      # the paragraphs reach every rule


def test_one_long_sentence_of_everything_reads_the_same(tmp_path, plain):
    """Every piece of every paragraph in one sentence, with commas and without."""
    rng = random.Random(7)
    pieces = [paragraph(rng).replace("。", "，").replace("；", "，") for _ in range(60)]
    fast, slow = both_ways(with_paragraphs(tmp_path, ["".join(pieces), "".join(pieces).replace("，", "")]), plain)
    assert fast == slow
    assert len(fast) > 100


@pytest.mark.parametrize("shape, count, warned", [("paragraph", 300, 300), ("clause", 300, 300), ("mixed", 20, 160),
                                                  ("sentences", 200, 200), ("carried", 300, 1)])
def test_the_benchmarks_units_read_the_same(tmp_path, plain, shape, count, warned):
    from bench import growth
    fast, slow = both_ways(growth.write_unit(tmp_path, shape, count), plain)
    assert fast == slow
    assert sum("·正文" in t for t in fast) == warned


# ------------------------------------------------------------------ the pieces

@pytest.mark.parametrize("pattern, reach", [(CHANGE, statements.CHANGE_REACH), (OTHER_YEAR, statements.OTHER_YEAR_REACH),
                                            (prose.PART_OF_UNIT, prose.PART_OF_UNIT_REACH)])
def test_each_reach_covers_its_patterns_longest_match_and_look_ahead(pattern, reach):
    import re._parser
    longest = re._parser.parse(pattern.pattern).getwidth()[1]
    look_ahead = max((len(m.group(1)) for m in re.finditer(r"\(\?[=!]([^()]*)\)", pattern.pattern)), default=0)
    assert longest + look_ahead <= reach


def test_a_growing_search_answers_as_searching_afresh():
    rng = random.Random(1)
    letters = "较上年2023年本级及增加减少局机关比去年，"
    for pattern, reach, accept in [(CHANGE, statements.CHANGE_REACH, None),
                                   (OTHER_YEAR, statements.OTHER_YEAR_REACH, lambda m: m.group(1) != "2023"),
                                   (prose.PART_OF_UNIT, prose.PART_OF_UNIT_REACH, None)]:
        for _ in range(300):
            text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 40)))
            pos = rng.randint(0, len(text))
            ends = sorted(rng.randint(pos, len(text)) for _ in range(rng.randint(1, 8)))
            growing, plain_ = GrowingSearch(pattern, text, pos, reach, accept), PlainSearch(pattern, text, pos, reach, accept)
            assert [growing.found(e) for e in ends] == [plain_.found(e) for e in ends], (text, pos, ends)


def test_a_growing_search_never_goes_back():
    search = GrowingSearch(CHANGE, "增加", 0, statements.CHANGE_REACH)
    search.found(2)
    with pytest.raises(ValueError):
        search.found(1)


def test_a_subjects_figures_are_kept_once_in_order_however_many():
    s = vocabulary.Subject("上年结转", plain=True)
    for n in [3, 1, 3, 2, 1]:
        s.add("实际", f"第{n}个", n)
    s.add("预算", "预算", 2)
    s.add("年初", "年初", 5)
    assert s.values("实际") == [("第3个", 3), ("第1个", 1), ("第2个", 2)]
    assert s.values(None) == [("年初", 5), ("预算", 2), ("第3个", 3), ("第1个", 1)]
    assert s.sorted_values(None) == [1, 2, 3, 5]
    s.add("年初", "又一个", 0)                     # a figure added later is seen
    assert s.values(None)[1] == ("又一个", 0) and s.sorted_values(None)[0] == 0


@pytest.mark.parametrize("typed", ["1.234", "1.23", "2", "0.5", "9.995", "10", "123456789012345678901234567890.5"])
def test_a_stated_figure_agrees_with_a_near_one_as_with_any_one(typed):
    values = sorted(Decimal(v) for v in ["0", "1.23", "1.2345", "2.00", "9.99", "10.01", "-3"])
    for unit in ("", "元"):
        q = statements.quantity(typed, "万元" if unit == "" else "元")
        assert prose._agrees_any(q, values, unit) == plain_agrees_any(q, values, unit)
    for typed_share in ("50", "33.3", "0", "100", "12.34"):
        q = statements.quantity(typed_share, "%")
        for bases in ([("甲", Decimal("3.7"))], [("乙", Decimal("-2"))], [("丙", Decimal(0)), ("丁", Decimal("10"))]):
            assert prose._share_agrees(q, values, bases) == plain_share_agrees(q, values, bases)


def test_a_paragraph_is_not_read_again_from_its_start_for_each_figure(monkeypatch):
    """Behaviour, not timing: the clause breaks of a sentence are found once, however many
    figures it states (each figure's clause is then looked up)."""
    calls = []
    original = CLAUSE_BREAK.finditer

    class Counting:
        def __getattr__(self, name):
            return getattr(CLAUSE_BREAK, name)

        def finditer(self, *args):
            calls.append(args[1:])
            return original(*args)

    monkeypatch.setattr(prose, "CLAUSE_BREAK", Counting())
    sentence = prose.Sentence(None, statements.normalize("支出1万元，" * 50), 0, "支出1万元，" * 50, [])
    assert [sentence.clause_start(p) for p in (0, 6, 7, 299)] == [0, 6, 6, 294]
    assert calls == [()]
