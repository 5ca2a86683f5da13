"""What the unit's words may name, and which of the model's figures each name stands for.

A *subject* is something with money or people: the unit as a whole, 基本支出, a project,
“三公”经费 and its lines, 政府采购, 资产, each staffing count. Its figures are grouped by
*aspect*, the side of the accounts a sentence speaks of:

    年初  the budget at the start of the year      预算  any budget of the year (年初 or 全年)
    实际  what was spent (决算, 执行数)             上年  last year's 决算
    结余  what was left (预算 − 实际)

A *term* is a label as units write it (quotation marks and spaces already dropped by
statements.normalize): it names a subject (基本支出), a subject's aspect (全年预算数 is the
unit's 预算), or only an aspect (实际支出, 结余), whose subject is the sentence's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from perfreport.derive import IndicatorTable, Report
from perfreport.derive.figures import Figure, subtract
from perfreport.shared.numbers import ratio
from perfreport.audit.statements import NUMBER, normalize

EARLY, BUDGET, SPENT, LAST_YEAR, LEFT = "年初", "预算", "实际", "上年", "结余"
# an aspect-free statement (基本支出181.26万元) may be any of this year's figures
THIS_YEAR = (EARLY, BUDGET, SPENT)

# The fund sources of a project's 附件3, as the units name them in a sentence about the
# project (政务大厅运行维护项目全年预算700万元，其中当年财政拨款640万元，上年结转资金50万元，
# 其他资金10万元). A word that is also a subject of its own (上年结转: the unit's) keeps it
# in a sentence about no project; the others are read only after a project's name.
FUND_WORDS = {
    "当年财政拨款": ("当年财政拨款", "本年财政拨款", "财政拨款"),
    "上年结转资金": ("上年结转资金", "上年结转", "上年结余", "上年结转结余"),
    "其他资金": ("其他资金",),
}


@dataclass
class Subject:
    name: str                                   # as a message names it: 项目支出, “三公”经费
    unit: str = "万元"                           # 万元 | 人
    figures: dict[str, list[tuple[str, Decimal]]] = field(default_factory=dict)
    limit: tuple[str, Decimal] | None = None    # what it could spend: 执行率, 结余率, 预算表述
    spent: tuple[str, Decimal] | None = None
    rate: Decimal | None = None                 # its 执行率 as the forms print it
    table: IndicatorTable | None = None         # the 自评表 whose 总分 and 等级 it has
    plain: bool = False         # one figure whatever the aspect (上年结转, 资产总额, 在职人数)
    source: bool = False        # where money comes from (一般公共预算): 本年支出 after it is the unit's
    # a project's fund sources (附件3: 当年财政拨款, 上年结转资金, 其他资金), each a subject:
    # 上年结转资金 after the project's name is the project's, not the unit's
    funds: dict[str, "Subject"] = field(default_factory=dict, repr=False, compare=False)
    _seen: dict[str, set] = field(default_factory=dict, repr=False, compare=False)
    _any_year: list | None = field(default=None, repr=False, compare=False)
    _sorted: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def kind(self) -> str:
        return "count" if self.unit == "人" else "money"

    def add(self, aspect: str, what: str, value) -> None:
        if value is None:
            return
        value = Decimal(value)
        # a set beside each list: a subject may have a figure per project (上年结转), and
        # asking the list whether it holds one already would make the vocabulary quadratic
        seen = self._seen.setdefault(aspect, set())
        if value not in seen:
            seen.add(value)
            self.figures.setdefault(aspect, []).append((what, value))
            self._any_year = None
            self._sorted.clear()

    def add_figure(self, aspect: str, figure: Figure, what: str | None = None) -> None:
        """A figure the unit gave and the one its parts give: a sentence may state either."""
        what = what or figure.label
        self.add(aspect, what, figure.given)
        self.add(aspect, f"{figure.formula}" if figure.given is not None and figure.formula else what,
                 figure.derived)

    def values(self, aspect: str | None) -> list[tuple[str, Decimal]]:
        if aspect is not None:
            return self.figures.get(aspect, [])
        if self._any_year is None:          # asked for every figure stated: made once
            found: list[tuple[str, Decimal]] = []
            held: set = set()
            for a in THIS_YEAR:
                for f in self.figures.get(a, []):      # each aspect's values are distinct already
                    if f[1] not in held:
                        found.append(f)
                for f in self.figures.get(a, []):
                    held.add(f[1])
            self._any_year = found
        return self._any_year

    def sorted_values(self, aspect: str | None) -> list[Decimal]:
        """values(aspect)'s numbers in increasing order: whether one is near a stated figure
        is then a look at its neighbours, not at every one."""
        if aspect not in self._sorted:
            self._sorted[aspect] = sorted(v for _, v in self.values(aspect))
        return self._sorted[aspect]

    def merge(self, other: "Subject") -> None:
        """A project named like a label (a project called 公用经费): either figure is right."""
        for aspect, figures in other.figures.items():
            for what, value in figures:
                self.add(aspect, what, value)


@dataclass(frozen=True)
class Term:
    subject: Subject | None       # None: an aspect word (实际支出), whose subject is the sentence's
    aspect: str | None = None     # the aspect the word itself names (全年预算数: 预算)
    scope: str = ""               # 货物, 工程, 服务: only in a sentence about 政府采购
    bounded: bool = True          # must start a word (项目支出, not 信息化项目支出)
    staff: str = ""               # a staffing total: 编制 (编制数), 实有 (实有人数), 人员 (在职, 退休…)
    kind: str = ""                # 行政, 事业, 工勤: a count by kind, of the posts or of the people
    bare: bool = False            # a kind without 编制 (行政20人): which it counts only its context says
    fund: str = ""                # a project's fund source (FUND_WORDS): after a project's name, its own


# Words that qualify a subject's figure, directly after its label, or alone at the head of a
# clause (“三公”经费预算5.00万元，实际支出1.00万元，结余4.00万元).
ASPECT_WORDS = {
    EARLY: ["年初预算数", "年初预算", "年初预算安排", "年初批复预算", "年初批复"],
    BUDGET: ["全年预算数", "全年预算", "调整后预算", "调整预算", "预算数", "预算金额", "预算总额", "预算安排",
             "预算资金", "预算支出", "预算", "可用预算资金", "可用资金", "可用指标", "预算可用指标"],
    SPENT: ["决算数", "决算金额", "决算支出", "决算", "全年执行数", "执行数", "执行金额", "实际支出", "实际使用",
            "实际发生", "实际", "本年支出", "全年支出", "支出", "支出金额", "使用"],
    LAST_YEAR: ["上年决算数", "上年决算", "上年支出"],
    LEFT: ["结余", "结余资金", "节余", "剩余"],
}
# after a label, before the aspect: 大综窗标准化改革项目预算, 办公经费支出
LABEL_TAIL = r"(?:项目)?(?:经费|资金)?"
# between the label (and its aspect) and the number
FILLER = r"(?:为|是|达到|达|共计|共|合计|总计|总额|金额|总数|人数|数|计|了|:)*"

UNIT_TOTALS = {
    EARLY: ["年初预算数", "年初预算", "年初预算安排支出", "年初预算安排收入", "年初预算安排", "年初批复预算"],
    BUDGET: ["全年预算数", "全年预算", "调整后预算", "可用预算资金", "全年可用预算资金", "全年可用资金", "可用资金",
             "预算总额", "预算总规模", "年度资金总额", "总收入", "收入合计", "收入总额", "本年收入合计", "全年收入",
             "全部收入", "预算收入", "预算支出", "收支预算"],
    SPENT: ["总支出", "支出合计", "支出总额", "本年支出合计", "全年支出", "全年执行数", "决算支出", "支出决算",
            "全部支出", "整体支出", "实际支出总额", "总体支出"],
    LEFT: ["年末结转", "年末结转结余", "年末结转和结余", "本年结转", "结转结余", "年末结余"],
}

THREE_PUBLIC_LINES = {      # by the line's key (forms/basic_data.py): how a sentence names it, and what it writes
    "三公经费": ("“三公”经费", ["三公经费", "三公经费支出"]),
    "公务用车购置和维护经费": ("公务用车购置及运行维护费", ["公务用车购置及运行维护费", "公务用车购置和运行维护费", "公务用车购置及运行费",
                      "公务用车购置和维护经费", "公务用车购置及运行维护经费", "公务用车购置及维护费", "公务用车费用",
                      "公车购置及运维费", "公车购置及运行维护费"]),
    "公车购置": ("公务用车购置费", ["公务用车购置费", "公务用车购置", "公车购置费", "公车购置", "公务车购置费"]),
    "公车运行维护": ("公务用车运行维护费", ["公务用车运行维护费", "公务用车运行费", "公车运行维护费", "公车运行维护", "公车运行费",
                   "公车运维费", "公务用车运维费"]),
    "出国经费": ("因公出国（境）费", ["因公出国(境)费", "因公出国(境)经费", "因公出国(境)费用", "因公出国费", "因公出国费用",
                  "因公出国经费", "出国经费", "出国(境)费"]),
    "公务接待": ("公务接待费", ["公务接待费", "公务接待费用", "公务接待经费", "公务接待", "接待费"]),
}

STAFF_TERMS = [             # (name in messages, Staffing attribute or a sum of them, labels, what it totals)
    ("编制数", ("authorized",), ["编制数", "核定编制", "核定编制数", "编制人数", "编制总数", "核定编制人数", "编制"], "编制"),
    ("在职人数", ("in_service",), ["在职人数", "在职人员", "在职职工", "在职工作人员", "在职在岗在编职工",
                               "在职在编人员", "在职在编人数", "在编在岗人员", "在职"], "人员"),
    ("实有人数", ("actual",), ["实有人数", "现有人数", "实有人员"], "实有"),
    ("退休人数", ("retired",), ["退休人数", "退休人员", "退休"], "人员"),
    ("离休人数", ("left_office",), ["离休人数", "离休人员", "离休"], "人员"),
    ("离退休人数", ("retired", "left_office"), ["离退休人数", "离退休人员", "离退休"], "人员"),
    ("编外人数", ("external",), ["编外人数", "编外人员", "编外长期聘用人员", "编外聘用人员", "临聘人员",
                             "临聘工作人员", "临时聘用人员", "聘用人员"], "人员"),
]

# Counts by kind. Units state them twice, for the posts (核定编制30名，其中行政编制20名) and for
# the people (实有人数28人，其中行政20人, often 其中行政编制20人 too): a count by kind is the
# posts' or the people's as the total it follows in the sentence is 编制数 or 实有人数. Alone,
# 行政编制20名 is the posts'; a bare 行政20人 says nothing of which, and is not read.
# (kind, Staffing attribute of the posts, of the people, labels with 编制, bare labels, labels with 实有)
STAFF_KINDS = [
    ("行政", "administrative", "actual_administrative", ["行政编制", "行政编制数", "行政编制人数"],
     ["行政", "行政人员"], ["行政实有", "行政实有人数", "实有行政人员"]),
    ("事业", "public_institution", "actual_public_institution", ["事业编制", "事业编制数", "事业编制人数"],
     ["事业", "事业人员"], ["事业实有", "事业实有人数", "实有事业人员"]),
    ("工勤", "worker", "actual_worker", ["工勤编制", "工勤编制数", "工勤人员编制", "工勤人员编制数", "工勤编制人数"],
     ["工勤", "工勤人员"], ["工勤实有", "工勤实有人数", "实有工勤人员"]),
]


@dataclass
class Vocabulary:
    terms: dict[str, Term]
    unit: Subject                        # the unit as a whole: 年度资金总额
    overall: Subject                     # whose score is 附件2's
    mention: re.Pattern                  # label, aspect, filler, number, unit
    marks: re.Pattern                    # every label naming a subject
    projects: dict[str, Subject]
    # kind -> {编制: the posts' subject, 实有: the people's}: STAFF_KINDS, read by context
    staff_kinds: dict[str, dict[str, Subject]] = field(default_factory=dict)

    def aspect_of(self, word: str | None) -> str | None:
        return ASPECT_OF.get(word) if word else None


ASPECT_OF = {word: aspect for aspect, words in ASPECT_WORDS.items() for word in words}


def unit_subject(report: Report) -> Subject:
    b = report.budget
    unit = Subject("部门整体支出")
    unit.add_figure(EARLY, b.initial)
    unit.add_figure(BUDGET, b.full_year)
    unit.add_figure(BUDGET, b.initial)
    unit.add_figure(SPENT, b.executed)
    unit.add_figure(LEFT, b.carried_out)
    if b.full_year.known and b.executed.known:
        unit.limit, unit.spent = ("全年预算数", b.full_year.value), ("全年执行数", b.executed.value)
    unit.rate = b.execution.rate
    unit.table = report.overall
    return unit


def _projects_sum(report: Report, attribute: str):
    values = [getattr(p, attribute) for p in report.projects]
    return sum(values, Decimal(0)) if values and None not in values else None


def budget_subjects(report: Report) -> list[tuple[Subject, list[str], dict]]:
    b, basic = report.budget, report.basic
    out = []
    s = Subject("基本支出")
    s.add(EARLY, "基本支出年初预算数", basic.initial)
    s.add(BUDGET, "基本支出年初预算数", basic.initial)
    # the year's budget for basic spending: the unit's less its projects' (when both are known)
    project_budgets = _projects_sum(report, "full_year") if report.projects else Decimal(0)
    s.add(BUDGET, "全年预算数 − 各项目全年预算数", subtract(b.full_year.value, project_budgets))
    s.add_figure(SPENT, b.basic, "按支出性质分的基本支出")
    s.add_figure(SPENT, basic.total, "基本支出全年执行数")
    out.append((s, ["基本支出", "基本支出经费"], {}))

    s = Subject("项目支出")
    s.add(EARLY, "各项目年初预算数之和", _projects_sum(report, "initial"))
    s.add(BUDGET, "各项目年初预算数之和", _projects_sum(report, "initial"))
    s.add(BUDGET, "各项目全年预算数之和", _projects_sum(report, "full_year"))
    s.add_figure(SPENT, b.projects, "按支出性质分的项目支出")
    out.append((s, ["项目支出"], {}))

    s = Subject("人员经费")
    s.add(SPENT, "人员经费", basic.personnel)
    out.append((s, ["人员经费", "人员经费支出", "人员支出"], {}))

    s = Subject("公用经费")
    s.add(EARLY, "公用经费年初预算数", basic.public_initial)
    s.add(BUDGET, "公用经费年初预算数", basic.public_initial)
    s.add(SPENT, "公用经费", basic.public)
    s.add(LAST_YEAR, "公用经费上年决算数", basic.public_previous)
    out.append((s, ["公用经费", "日常公用经费", "公用经费支出", "商品和服务支出"], {}))

    office = next((item for item in basic.public_items if item.label == "办公经费"), None)
    if office is not None:
        s = _columns3_subject("办公经费", office)
        out.append((s, ["办公经费", "办公费"], {}))

    s = Subject("上年结转", plain=True)
    for a in THIS_YEAR:
        s.add(a, "上年结转", b.carried_in)
        for p in report.projects:       # a sentence about a project's own carried-over money
            for funds in p.sources[1:2]:
                s.add(a, f"项目“{p.name}”上年结转资金", funds.executed.value)
    out.append((s, ["上年结转", "上年结转资金", "上年结余", "上年结转结余", "年初结转"], {}))

    s = Subject("本年追加", plain=True)
    for a in THIS_YEAR:
        s.add(a, "本年追加", b.added)
    out.append((s, ["本年追加", "本年追加资金", "本年追加预算", "追加预算", "年中追加", "本年追加指标"], {}))

    general = b.income_of("一般公共预算")
    if general is not None:
        s = Subject("一般公共预算", plain=True, source=True)
        for a in THIS_YEAR:
            s.add_figure(a, general)
        out.append((s, ["一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款", "一般公共预算收入"], {}))
    return out


def _columns3_subject(name: str, row) -> Subject:
    s = Subject(name)
    s.add_figure(LAST_YEAR, row.previous, f"{name}上年决算数")
    s.add_figure(BUDGET, row.budget, f"{name}本年预算数")
    s.add_figure(EARLY, row.budget, f"{name}本年预算数")
    s.add_figure(SPENT, row.final, f"{name}本年决算数")
    s.add(LEFT, f"{name}预算数 − 决算数", subtract(row.budget.value, row.final.value))
    if row.budget.known and row.final.known:
        s.limit, s.spent = (f"{name}本年预算数", row.budget.value), (f"{name}本年决算数", row.final.value)
        s.rate = ratio(row.final.value, row.budget.value)
    return s


def other_subjects(report: Report) -> list[tuple[Subject, list[str], dict]]:
    out = []
    if report.three_public.present:
        for key, (name, labels) in THREE_PUBLIC_LINES.items():
            out.append((_columns3_subject(name, report.three_public.line(key)), labels, {}))
    pr = report.procurement
    if pr is not None:
        s = Subject("政府采购")
        s.add(LAST_YEAR, "政府采购上年决算数", pr.previous)
        s.add(BUDGET, "政府采购本年预算数", pr.budget)
        s.add(EARLY, "政府采购本年预算数", pr.budget)
        s.add_figure(SPENT, pr.total)
        if pr.budget is not None and pr.total.known:
            s.limit, s.spent = ("政府采购本年预算数", pr.budget), ("政府采购本年决算数", pr.total.value)
            s.rate = ratio(pr.total.value, pr.budget)
        out.append((s, ["政府采购", "政府采购支出", "政府采购金额", "政府采购总额", "政府采购资金", "政府采购合同金额"], {}))
        for name, value in (("货物", pr.goods), ("工程", pr.works), ("服务", pr.services)):
            part = Subject(f"政府采购中的{name}", plain=True)
            for a in THIS_YEAR:
                part.add(a, f"政府采购{name}", value)
            out.append((part, [name, f"{name}类"], {"scope": "政府采购"}))
    a = report.assets
    if a is not None:
        for name, value, labels in (("资产总额", a.total, ["资产总额", "总资产"]),
                                    ("负债总额", a.liabilities, ["负债总额", "总负债", "负债"]),
                                    ("固定资产原值", a.fixed, ["固定资产原值", "固定资产账面原值", "固定资产"]),
                                    ("在用固定资产", a.in_use, ["在用资产", "在用固定资产"])):
            s = Subject(name, plain=True)
            for asp in THIS_YEAR:
                s.add(asp, name, value)
            out.append((s, labels, {}))
        s = Subject("净资产", plain=True)
        for asp in THIS_YEAR:
            s.add_figure(asp, a.net)
        out.append((s, ["净资产"], {}))
    staff = report.staffing
    for name, attributes, labels, total in STAFF_TERMS:
        figures = [getattr(staff, attr) for attr in attributes]
        values = [f.value if isinstance(f, Figure) else f for f in figures]
        known = [v for v in values if v is not None]
        s = Subject(name, unit="人", plain=True)
        if known and (len(known) == len(values) or attributes == ("retired", "left_office")):
            for asp in THIS_YEAR:
                s.add(asp, name, sum(known))
        if len(figures) == 1 and isinstance(figures[0], Figure):     # 编制数, 实有人数: as given or summed
            for asp in THIS_YEAR:
                s.add(asp, figures[0].formula or name, figures[0].derived)
        out.append((s, labels, {"staff": total}))
    return out


def staff_kind_subjects(report: Report) -> tuple[dict[str, dict[str, Subject]], list[tuple[Subject, list[str], dict]]]:
    """For each kind, the posts' subject and the people's, and the labels naming them."""
    staff = report.staffing
    kinds, out = {}, []
    for kind, posts_attr, people_attr, post_labels, bare_labels, people_labels in STAFF_KINDS:
        posts, people = Subject(f"{kind}编制", unit="人", plain=True), Subject(f"{kind}实有人数", unit="人", plain=True)
        for asp in THIS_YEAR:
            posts.add(asp, posts.name, getattr(staff, posts_attr))
            people.add(asp, people.name, getattr(staff, people_attr))
        kinds[kind] = {"编制": posts, "实有": people}
        out.append((posts, post_labels, {"kind": kind}))
        out.append((people, bare_labels, {"kind": kind, "bare": True}))
        out.append((people, people_labels, {}))
    return kinds, out


def project_subject(report: Report, project) -> Subject:
    s = Subject(f"项目“{project.name}”")
    s.add_figure(EARLY, project.amounts.initial, "年初预算数")
    s.add_figure(BUDGET, project.amounts.initial, "年初预算数")
    s.add_figure(BUDGET, project.amounts.full_year, "全年预算数")
    s.add_figure(SPENT, project.amounts.executed, "全年执行数")
    s.add(LAST_YEAR, "上年决算数", project.previous)
    s.add(LEFT, "全年预算数 − 全年执行数", subtract(project.full_year, project.executed))
    if project.full_year is not None and project.executed is not None:
        s.limit, s.spent = ("全年预算数", project.full_year), ("全年执行数", project.executed)
    s.rate = project.execution.rate
    s.table = report.project_tables.get(project.index)
    for key, funds in zip(FUND_WORDS, project.sources):
        part = Subject(f"项目“{project.name}”的{key}")
        part.add_figure(EARLY, funds.initial, "年初预算数")
        part.add_figure(BUDGET, funds.initial, "年初预算数")
        part.add_figure(BUDGET, funds.full_year, "全年预算数")
        part.add_figure(SPENT, funds.executed, "全年执行数")
        s.funds[key] = part
    return s


def _alternation(words) -> str:
    """One pattern for many words, as a trie: at each character only the words that go on
    with it are tried, so matching costs the length of the text, not the number of words
    (3000 project names). A longer word is preferred to its prefix."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, depth: int) -> str:
        chain = []
        while "" not in node and len(node) == 1:      # a run of single letters: no group
            (ch, node), = node.items()
            chain.append(re.escape(ch))
        branches = [re.escape(ch) + emit(child, depth + 1) for ch, child in node.items() if ch != ""]
        if depth > NESTING:
            raise RecursionError
        if not branches:
            return "".join(chain)
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            body = f"(?:{body})?" if len(branches) == 1 else body + "?"
        return "".join(chain) + body

    try:
        return emit(trie, 0)
    except RecursionError:       # names nested a hundred deep (甲, 甲甲, 甲甲甲…): a plain list
        return "|".join(re.escape(w) for w in words)


NESTING = 100


def build(report: Report) -> Vocabulary:
    unit = unit_subject(report)
    terms: dict[str, Term] = {}
    for aspect, words in ASPECT_WORDS.items():
        for word in words:
            terms[word] = Term(None, aspect)
    for aspect, words in UNIT_TOTALS.items():
        for word in words:
            # a word that is also an aspect word (全年预算) is the unit's only when the sentence
            # names nothing else: 政务大厅运行维护项目年初预算600万元，全年预算700万元 is the project's
            if word not in terms:
                terms[word] = Term(unit, aspect)
    staff_kinds, kind_subjects = staff_kind_subjects(report)
    for subject, labels, options in budget_subjects(report) + other_subjects(report) + kind_subjects:
        for label in labels:
            terms[label] = Term(subject, scope=options.get("scope", ""), staff=options.get("staff", ""),
                                kind=options.get("kind", ""), bare=options.get("bare", False))
    for fund, words in FUND_WORDS.items():
        for word in words:
            known = terms.get(word)
            terms[word] = replace(known, fund=fund) if known is not None else Term(None, fund=fund)
    projects = {}
    for project in report.projects:
        label = normalize(project.name).text
        subject = project_subject(report, project)
        projects[label] = subject
        if label in terms and terms[label].subject is not None:
            terms[label].subject.merge(subject)
        elif label:
            terms[label] = Term(subject, bounded=False)

    aspects = _alternation(w for words in ASPECT_WORDS.values() for w in words)
    mention = re.compile(
        f"(?P<label>{_alternation(terms)}){LABEL_TAIL}(?P<aspect>{aspects})?(?P<fill>{FILLER})"
        f"(?P<number>{NUMBER})(?P<unit>亿元|万元|元|人|名)")
    marks = re.compile(_alternation(label for label, term in terms.items() if term.subject is not None))
    return Vocabulary(terms, unit, unit, mention, marks, projects, staff_kinds)
