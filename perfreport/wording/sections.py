"""The report's body in words: the title, the sections of the outline with their generated
sentences, the unit's own blocks numbered by level.

Every figure comes from the model and is written by formats.py, so section 二 and the forms
can never disagree. A figure that is not known leaves its clause out; a part with nothing
known leaves its subsection out (the audit lists what is missing).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from perfreport.derive.narrative import DEEPEST_LEVEL, SECTION_OPENING, Block, Table
from perfreport.shared.numbering import SUBSECTION_STYLE, heading_number, list_number
from perfreport.shared.numbers import ratio
from perfreport.shared.outline import NONE, STATED, Part
from perfreport.layout.own_tables import TableText
from perfreport.shared.formats import as_typed, money, percent

if TYPE_CHECKING:
    from perfreport.derive import Report


def table_text(table: Table, default_unit: str = "") -> TableText:
    return TableText(title=table.title, unit=table.unit or default_unit, columns=list(table.columns),
                     rows=[[as_typed(c) for c in row] for row in table.rows])


@dataclass
class Paragraph:
    kind: str                # 'heading' | 'point' | 'text' | 'item' | 'table'
    level: int = 0           # a heading's or point's level: 2 （一）, 3 1., 4 （1）
    number: str = ""
    title: str = ""
    text: str = ""           # paragraph text, or a point's text after its heading
    table: TableText | None = None


@dataclass
class Section:
    number: str              # 一、
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)


def title_lines(report: "Report") -> list[str]:
    unit = report.unit
    return [line.format(year=unit.year, name=unit.name, report_title=unit.report_title)
            for line in report.outline.title]


RUN_IN_END = tuple("。！？；：.!?;:")


def run_in(title: str) -> str:
    """A point's heading as it runs into its text: ended by a full stop if the unit's title
    has no stop of its own (“（1）首席数据官制度。明确……”, not “……制度明确……”)."""
    return title if title.rstrip().endswith(RUN_IN_END) else title.rstrip() + "。"


def numbered(blocks: list[Block], start: int = 1) -> list[Paragraph]:
    """The unit's blocks as paragraphs; headings at one level are numbered from `start`,
    their children from 1. A level deeper than the outline has is printed as the deepest
    (the audit refuses it before anything is rendered)."""
    out: list[Paragraph] = []
    counter = start - 1
    for block in blocks:
        if block.kind == "text":
            out.append(Paragraph("text", text=block.text))
        elif block.kind == "heading":
            counter += 1
            level = min(block.level, DEEPEST_LEVEL)
            number = heading_number(level, counter)
            if block.children or not block.text:
                # a heading over more of the outline is a heading; its run-in text, if any,
                # is the first paragraph under it
                out.append(Paragraph("heading", level=level, number=number, title=block.title))
                if block.text:
                    out.append(Paragraph("text", text=block.text))
            else:                 # a point: “1.标题。正文…”, one body paragraph
                out.append(Paragraph("point", level=level, number=number, title=run_in(block.title), text=block.text))
            if block.table is not None:
                out.append(Paragraph("table", table=table_text(block.table)))
            out.extend(numbered(block.children))
        elif block.kind == "table":
            out.append(Paragraph("table", table=table_text(block.table)))
    return out


class Builder:
    """Collects one section's (or one part's) paragraphs; numbers its subsections at
    `level` and the unit's blocks on after them."""

    def __init__(self, report: "Report", level: int = 2):
        self.report = report
        self.level = level
        self.paragraphs: list[Paragraph] = []
        self.count = 0

    def heading(self, title: str, text: str = "") -> None:
        self.count += 1
        self.paragraphs.append(Paragraph("heading", level=self.level,
                                         number=heading_number(self.level, self.count), title=title, text=text))

    def text(self, text: str) -> None:
        if text:
            self.paragraphs.append(Paragraph("text", text=text))

    def item(self, number: str, text: str) -> None:
        self.paragraphs.append(Paragraph("item", number=number, text=text))

    def blocks(self, blocks: list[Block]) -> None:
        """The unit's own blocks at this level, numbered on after the generated subsections."""
        flat = numbered(blocks, start=self.count + 1)
        self.count += sum(1 for b in blocks if b.kind == "heading")      # headings and points alike
        self.paragraphs.extend(flat)

    def subsection(self, title: str, *own: str) -> bool:
        """A generated subsection, with the unit's own words at `own` when it wrote them;
        True when the generated sentence is still to be written."""
        self.heading(title)
        return not self.own_words(*own)

    def own_words(self, *path: str) -> bool:
        """The unit's own 原文 in place of a generated sentence; True if there is one. Words
        that open a section number on as subsections, the others sit under the heading."""
        blocks = self.report.blocks(*path)
        if not blocks:
            return False
        if tuple(path) == SECTION_OPENING:
            self.blocks(blocks)
        else:
            self.paragraphs.extend(numbered(blocks))
        return True


def clauses(*parts: str, sep: str = "，") -> str:
    return sep.join(p for p in parts if p)


def sentence(*parts: str, sep: str = "，") -> str:
    text = clauses(*parts, sep=sep)
    return text + "。" if text else ""


def amount(label: str, value) -> str:
    """'基本支出400.00万元', or '' when the figure is not known."""
    return f"{label}{money(value)}万元" if value is not None else ""


def people(label: str, n: int | None, word: str = "人") -> str:
    return f"{label}{n}{word}" if n is not None else ""


# ------------------------------------------------------------------ 一、基本情况

def basic_info(b: Builder, part: Part) -> None:
    _duties(b)
    _structure(b)
    _staffing(b)
    b.blocks(b.report.blocks(part.supplement))


def _duties(b: Builder) -> None:
    report = b.report
    if not report.duties:
        return
    if duty_list_is_subsections(report, b.level):
        # the 三定 text's （一）（二）… kept as it is quoted (seeds 001, 003, 004): the duties are
        # the section's first subsections, after a lead sentence and without the heading
        # （一）主要职责 that would share their numbering; 机构设置 and 人员编制情况 number on
        b.text(f"{report.unit.name}的主要职责是：")
        for duty in report.duties:
            b.count += 1
            b.item(heading_number(b.level, b.count), duty.text)
        return
    b.heading("主要职责")
    b.text(f"{report.unit.name}的主要职责是：")
    style = report.duty_style if report.duty_style != SUBSECTION_STYLE else "（1）"
    for n, duty in enumerate(report.duties, start=1):
        b.item(list_number(style, n), duty.text)


def duty_list_is_subsections(report: "Report", level: int = 2) -> bool:
    """Whether the duties print as （一）（二）…: asked for, and section 一's parts are its
    subsections (level 2). Where the outline puts them under a heading of its own the
    subsection style is taken, and the duties print as （1）（2）… (the audit says so)."""
    return report.duty_style == SUBSECTION_STYLE and level == 2


def _structure(b: Builder) -> None:
    structure, name = b.report.structure, b.report.unit.name
    own = b.report.blocks("机构设置", "原文")
    if not (structure.known or own):
        return
    b.heading("机构设置")
    parts = []
    if own:
        b.own_words("机构设置", "原文")
    else:
        if structure.internal:
            parts.append(f"{name}内设{len(structure.internal)}个股室（科室），分别为："
                         f"{'、'.join(structure.internal)}")
        if structure.subordinate:
            parts.append(f"下属二级机构{len(structure.subordinate)}个："
                         f"{'、'.join(structure.subordinate)}")
    b.text(("；".join(parts) + "。" if parts else "") + structure.note)


def _staffing(b: Builder) -> None:
    staff = b.report.staffing
    own = b.report.blocks("人员编制", "原文")
    counts = [staff.authorized.value, staff.administrative, staff.public_institution, staff.worker,
              staff.in_service, staff.actual.value, staff.actual_administrative, staff.actual_public_institution,
              staff.actual_worker, staff.retired, staff.left_office, staff.external]
    if not own and all(c is None for c in counts):
        return
    if not b.subsection("人员编制情况", "人员编制", "原文"):
        return
    split = clauses(people("行政编制", staff.administrative, "名"), people("事业编制", staff.public_institution, "名"),
                    people("工勤人员编制", staff.worker, "名"))
    if staff.authorized.known:
        posts = f"核定编制数合计{staff.authorized.value}名" + (f"，其中：{split}" if split else "")
    else:
        posts = f"核定{split}" if split else ""
    rate = staff.control_rate
    # the people by kind as units write them (实有人数28人，其中：行政20人、事业6人、工勤2人), set
    # off by 、 and closed by ； so that 在职 and 退休 after them are not read as a fourth kind
    kinds = clauses(people("行政", staff.actual_administrative), people("事业", staff.actual_public_institution),
                    people("工勤", staff.actual_worker), sep="、")
    if staff.actual.known:
        actual = f"实有人数{staff.actual.value}人" + (f"，其中：{kinds}" if kinds else "")
    else:
        actual = f"实有人员中{kinds}" if kinds else ""
    others = clauses(people("年末实际在职人数", staff.in_service),
                     people("退休", staff.retired), people("离休", staff.left_office),
                     people("编外聘用", staff.external),
                     f"编制控制率{percent(rate)}" if rate is not None else "")
    present = clauses(actual, others, sep="；" if kinds else "，")
    b.text(sentence(posts) + sentence(present))


# ------------------------------------------------------------------ 二、一般公共预算支出情况

def general_budget(b: Builder, part: Part) -> None:
    report = b.report
    if not b.own_words("预算", "原文"):
        b.text(_budget_overview(report))
    _basic(b)
    _projects(b)
    _three_public(b)
    _procurement(b)
    _assets(b)
    b.blocks(report.blocks(part.supplement))


def _budget_overview(report: "Report") -> str:
    budget, year = report.budget, report.unit.year
    change = budget.increase
    change_text = ("" if change is None else f"较年初预算增加{money(change)}万元" if change > 0 else
                   f"较年初预算减少{money(-change)}万元" if change < 0 else "与年初预算一致")
    plan = clauses(amount("年初预算", budget.initial.value), amount("全年预算", budget.full_year.value), change_text)
    income = [amount(f.label, f.value) for f in budget.income if f.value]
    spent = clauses(amount("全年支出合计", budget.executed.value),
                    f"预算执行率{percent(budget.execution.rate)}" if budget.execution.rate is not None else "")
    head = clauses(plan, f"其中{'，'.join(income)}" if len(income) > 1 else "", spent, sep="；")
    def part(figure, share) -> str:      # a share of nothing (项目支出 0) is not worth saying
        return clauses(amount(figure.label, figure.value), f"占{percent(share)}" if figure.value and share else "")

    split = clauses(part(budget.basic, budget.basic_share), part(budget.projects, budget.projects_share), sep="；")
    text = sentence(head) + (f"其中：{split}。" if split else "")
    return f"{year}年{text}" if text else ""


def _basic(b: Builder) -> None:
    report = b.report
    basic, year = report.basic, report.unit.year
    own = report.blocks("基本支出", "原文")
    if not (own or basic.total.known or basic.personnel is not None or basic.public is not None):
        return
    if not b.subsection("基本支出情况", "基本支出", "原文"):
        return
    total = basic.total.value

    def share(value) -> str:
        rate = ratio(value, total)
        return f"占基本支出的{percent(rate)}" if rate is not None else ""

    personnel = public = ""
    if basic.personnel is not None:
        personnel = clauses(amount("人员经费", basic.personnel), share(basic.personnel),
                            f"主要包括：{basic.personnel_covers.rstrip('。；;')}" if basic.personnel_covers else "")
    if basic.public is not None:
        public = clauses(amount("公用经费（商品和服务支出）", basic.public), share(basic.public),
                         f"主要包括：{basic.public_covers.rstrip('。；;')}" if basic.public_covers else "")
    split = clauses(personnel, public, sep="；")
    lead = amount(f"{year}年基本支出", total)
    b.text(sentence(lead, f"其中：{split}" if lead and split else split))


def _projects(b: Builder) -> None:
    report = b.report
    budget, year = report.budget, report.unit.year
    own = report.blocks("项目支出原文")
    if not (own or report.projects or budget.projects.known):
        return
    if not b.subsection("项目支出情况", "项目支出原文"):
        return
    if not report.projects:
        b.text(f"{year}年度本单位无项目支出。" if budget.projects.value == 0 else
               sentence(amount(f"{year}年项目支出", budget.projects.value)))
        return
    uses = [clauses(amount(p.name, p.executed) or p.name,
                    f"主要用于{p.purpose.rstrip('。；;')}" if p.purpose else "") for p in report.projects]
    lead = amount(f"{year}年项目支出", budget.projects.value)
    b.text(f"{lead}，其中：{'；'.join(uses)}。" if lead else f"{year}年项目支出包括：{'；'.join(uses)}。")


def _three_public(b: Builder) -> None:
    report = b.report
    if not report.three_public.present:
        return
    lines = report.three_public.line
    grand, cars, abroad, reception = lines("三公经费"), lines("公务用车购置和维护经费"), lines("出国经费"), lines("公务接待")
    if not b.subsection("“三公”经费支出情况", "三公经费", "原文"):
        return
    items = clauses(amount("因公出国（境）费", abroad.final.value),
                    amount("公务用车购置及运行维护费", cars.final.value), amount("公务接待费", reception.final.value))
    figures = clauses(amount("预算数", grand.budget.value), amount("决算数", grand.final.value))
    b.text(sentence(f"{report.unit.year}年“三公”经费{figures}", f"其中：{items}" if items else ""))


def _procurement(b: Builder) -> None:
    report = b.report
    pr = report.procurement
    if pr is None or not b.subsection("政府采购情况", "政府采购", "原文"):
        return
    split = clauses(amount("货物", pr.goods), amount("工程", pr.works), amount("服务", pr.services))
    b.text(sentence(amount(f"{report.unit.year}年度政府采购支出", pr.total.value) or
                    f"{report.unit.year}年度政府采购支出", f"其中：{split}" if split else ""))


def _assets(b: Builder) -> None:
    report = b.report
    assets = report.assets
    if assets is None or not b.subsection("资产管理情况", "资产", "原文"):
        return
    text = sentence(amount(f"{report.unit.year}年末资产总额", assets.total), amount("负债总额", assets.liabilities),
                    amount("净资产", assets.net.value))
    if assets.fixed is not None:
        rate = assets.use_rate
        text += sentence(amount("固定资产账面原值", assets.fixed), amount("在用资产", assets.in_use),
                         f"资产使用率{percent(rate)}" if rate is not None else "")
    b.text(text)


# ------------------------------------------------------------------ 三–五、其他预算; the unit's text

def fund(b: Builder, part: Part) -> None:
    """The unit's words and its table; the outline's sentence only when the unit wrote 无
    (and the audit checks that against 按收入性质分); nothing when it said nothing."""
    report = b.report
    found = next(f for f in report.funds if f.part is part)
    if found.state == NONE:
        b.text(part.empty.format(year=report.unit.year))
        return
    b.blocks(report.blocks(part.key, "说明"))
    attachment = next((a for a in report.attachments if a.fund is found), None)
    if attachment is not None:
        b.text(f"详见附件{attachment.number}《{report.unit.year}年度{attachment.title}》。")


def text(b: Builder, part: Part) -> None:
    state = b.report.state(part)
    if state == STATED:
        b.blocks(b.report.blocks(part.key))
    elif state == NONE:
        b.text(part.empty.format(year=b.report.unit.year))


BUILDERS = {"basic_info": basic_info, "general_budget": general_budget, "fund": fund, "text": text}


def sections(report: "Report") -> list[Section]:
    out = []
    for number, spec in enumerate(report.outline.sections, start=1):
        b = Builder(report)
        for part in spec.parts:
            if part.heading:
                b.heading(part.heading)
                inner = Builder(report, level=b.level + 1)
                BUILDERS[part.kind](inner, part)
                b.paragraphs.extend(inner.paragraphs)
            else:
                BUILDERS[part.kind](b, part)
        out.append(Section(number=heading_number(1, number), title=spec.title, paragraphs=b.paragraphs))
    return out


def opening(report: "Report") -> list[str]:
    return [b.text for b in report.blocks(report.outline.opening) if b.kind == "text"]
