"""The ten sections: generated sentences for 一–五 and 十, the unit's blocks for 六–十.

Every figure in a generated sentence comes from the derived objects, so section 二 and
the forms can never disagree.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..numbering import heading_number, list_number
from ..numbers import money, percent, ratio
from .narrative import Paragraph, Section, flatten

if TYPE_CHECKING:
    from . import Report

TITLES = [
    "部门（单位）基本情况",
    "一般公共预算支出情况",
    "政府性基金预算支出情况",
    "国有资本经营预算支出情况",
    "社会保险基金预算支出情况",
    "部门整体支出绩效情况",
    "存在的问题及原因分析",
    "下一步改进措施",
    "部门整体支出绩效自评结果拟应用和公开情况",
    "其他需要说明的情况",
]
NARRATIVE_KEYS = {
    6: "部门整体支出绩效情况",
    7: "存在的问题及原因分析",
    8: "下一步改进措施",
    9: "部门整体支出绩效自评结果拟应用和公开情况",
    10: "其他需要说明的情况",
}


# Where a unit may put its own words (原文) in place of a generated sentence. The
# section-opening 预算.原文 sits at subsection level; the others under a generated heading.
OWN_WORDS = [("机构设置", "原文"), ("人员编制", "原文"), ("预算", "原文"), ("基本支出", "原文"),
             ("项目支出原文",), ("三公经费", "原文"), ("政府采购", "原文"), ("资产", "原文")]
SECTION_OPENING = ("预算", "原文")


def own_words_at(data: dict, path: tuple) -> list:
    """The 原文 blocks at `path` in the data, or [] when the unit wrote none."""
    node = data
    for key in path:
        node = (node or {}).get(key)
    return node or []


class _Builder:
    """Collects one section's paragraphs and numbers its generated subsections."""

    def __init__(self):
        self.paragraphs: list[Paragraph] = []
        self.count = 0

    def heading(self, title: str, text: str = "") -> None:
        self.count += 1
        self.paragraphs.append(Paragraph("heading", level=2, number=heading_number(2, self.count),
                                         title=title, text=text))

    def text(self, text: str) -> None:
        self.paragraphs.append(Paragraph("text", text=text))

    def item(self, number: str, text: str) -> None:
        self.paragraphs.append(Paragraph("item", number=number, text=text))

    def own_words(self, data: dict, *path: str) -> bool:
        """The unit's own `原文` for this part, in place of the generated sentence; True if
        there is one. The audit checks the amounts it states against the data.
        Its headings sit under the generated subsection heading (1. 2.), except for the
        words that open a section, which number on as subsections."""
        blocks = own_words_at(data, path)
        if not blocks:
            return False
        if path == SECTION_OPENING:
            self.blocks(blocks, path)
        else:
            self.paragraphs.extend(flatten(blocks, path, level=3, start=1))
        return True

    def blocks(self, blocks: list, path: tuple) -> None:
        """The unit's own blocks, numbered on after the generated subsections."""
        flat = flatten(blocks, path, level=2, start=self.count + 1)
        self.count += sum(1 for p in flat if p.kind == "heading" and p.level == 2)
        self.paragraphs.extend(flat)


def _people(n: int | None, label: str) -> str:
    return f"{label}{n}人" if n is not None else ""


def section_basic_info(report: "Report", data: dict) -> list[Paragraph]:
    b = _Builder()
    _duties(b, report, data)
    _structure(b, report, data)
    _staffing(b, report, data)
    b.blocks(data.get("基本情况补充", []), ("基本情况补充",))
    return b.paragraphs


def _duties(b: _Builder, report: "Report", data: dict) -> None:
    b.heading("主要职责")
    b.text(f"{report.unit.name}的主要职责是：")
    style = (data.get("设置") or {}).get("职责编号", "1.")
    for n, duty in enumerate(report.duties, start=1):
        b.item(list_number(style, n), duty)


def _structure(b: _Builder, report: "Report", data: dict) -> None:
    structure, name = report.structure, report.unit.name
    own = (data.get("机构设置") or {}).get("原文")
    if not (structure.internal or structure.subordinate or structure.note or own):
        return
    b.heading("机构设置")
    parts = []
    if own:
        b.own_words(data, "机构设置", "原文")
    else:
        if structure.internal:
            parts.append(f"{name}内设{len(structure.internal)}个股室（科室），分别为："
                         f"{'、'.join(structure.internal)}")
        if structure.subordinate:
            parts.append(f"下属二级机构{len(structure.subordinate)}个："
                         f"{'、'.join(structure.subordinate)}")
    sentence = "；".join(parts) + "。" if parts else ""
    if sentence or structure.note:
        b.text(sentence + structure.note)


def _staffing(b: _Builder, report: "Report", data: dict) -> None:
    staff = report.staffing
    b.heading("人员编制情况")
    if b.own_words(data, "人员编制", "原文"):
        return
    people = "，".join(x for x in [
        _people(staff.actual, "实有人数"), _people(staff.in_service, "年末实际在职人数"),
        _people(staff.retired, "退休"), _people(staff.left_office, "离休"),
        _people(staff.external, "编外聘用")] if x)
    split = (f"，其中：行政编制{staff.administrative}名，事业编制{staff.public_institution}名，"
             f"工勤人员编制{staff.worker}名" if staff.split_known else "")
    b.text(f"核定编制数合计{staff.authorized}名{split}。{people}，编制控制率{percent(staff.control_rate)}。")


def section_general_budget(report: "Report", data: dict) -> list[Paragraph]:
    b = _Builder()
    year, budget, basic = report.unit.year, report.budget, report.basic
    change = budget.increase
    change_text = (f"较年初预算增加{money(change)}万元" if change > 0 else
                   f"较年初预算减少{money(-change)}万元" if change < 0 else "与年初预算一致")
    income = [f"{name}{money(value)}万元" for name, value in budget.income if value]
    income_text = f"其中{'，'.join(income)}；" if len(income) > 1 else ""
    if not b.own_words(data, "预算", "原文"):
        b.text(f"{year}年年初预算{money(budget.initial)}万元，全年预算{money(budget.full_year)}万元，"
               f"{change_text}；{income_text}全年支出合计{money(budget.executed)}万元，"
               f"预算执行率{percent(budget.execution.rate)}。其中：基本支出{money(budget.basic)}万元，"
               f"占{percent(budget.basic_share)}；项目支出{money(budget.projects)}万元，"
               f"占{percent(budget.projects_share)}。")
    b.heading("基本支出情况")
    if b.own_words(data, "基本支出", "原文"):
        pass
    elif basic.split_known:
        personnel = f"人员经费{money(basic.personnel)}万元，占基本支出的{percent(ratio(basic.personnel, basic.executed))}"
        if basic.personnel_covers:
            personnel += f"，主要包括：{basic.personnel_covers.rstrip('。；;')}"
        public = (f"公用经费（商品和服务支出）{money(basic.public)}万元，"
                  f"占基本支出的{percent(ratio(basic.public, basic.executed))}")
        if basic.public_covers:
            public += f"，主要包括：{basic.public_covers.rstrip('。；;')}"
        b.text(f"{year}年基本支出{money(basic.executed)}万元，其中：{personnel}；{public}。")
    else:
        b.text(f"{year}年基本支出{money(basic.executed)}万元。")
    b.heading("项目支出情况")
    if b.own_words(data, "项目支出原文"):
        pass
    elif report.projects:
        uses = []
        for p in report.projects:
            use = f"{p.name}{money(p.executed)}万元"
            if p.purpose:
                use += f"，主要用于{p.purpose.rstrip('。；;')}"
            uses.append(use)
        b.text(f"{year}年项目支出{money(budget.projects)}万元，其中：{'；'.join(uses)}。")
    else:
        b.text(f"{year}年度本单位无项目支出。")
    _three_public(b, report, data)
    _procurement_and_assets(b, report, data)
    b.blocks(data.get("支出情况补充", []), ("支出情况补充",))
    return b.paragraphs


def _three_public(b: _Builder, report: "Report", data: dict) -> None:
    if not report.three_public.present:
        return
    grand, cars, _, _, abroad, reception = report.three_public.rows
    year = report.unit.year
    b.heading("“三公”经费支出情况")
    if b.own_words(data, "三公经费", "原文"):
        return
    b.text(f"{year}年“三公”经费预算数{money(grand.budget or 0)}万元，决算数{money(grand.final or 0)}万元，"
           f"其中：因公出国（境）费{money(abroad.final or 0)}万元，"
           f"公务用车购置及运行维护费{money(cars.final or 0)}万元，公务接待费{money(reception.final or 0)}万元。")


def _procurement_and_assets(b: _Builder, report: "Report", data: dict) -> None:
    year, pr, assets = report.unit.year, report.procurement, report.assets
    if pr is not None:
        b.heading("政府采购情况")
    if pr is not None and not b.own_words(data, "政府采购", "原文"):
        split = (f"，其中：货物{money(pr.goods)}万元，工程{money(pr.works)}万元，服务{money(pr.services)}万元"
                 if pr.split_known else "")
        b.text(f"{year}年度政府采购支出{money(pr.total)}万元{split}。")
    if assets is not None:
        b.heading("资产管理情况")
    if assets is not None and not b.own_words(data, "资产", "原文"):
        text = (f"{year}年末资产总额{money(assets.total)}万元，负债总额{money(assets.liabilities)}万元，"
                f"净资产{money(assets.net)}万元。")
        if assets.fixed is not None:
            text += f"固定资产账面原值{money(assets.fixed)}万元"
            if assets.in_use is not None:
                text += f"，在用资产{money(assets.in_use)}万元，资产使用率{percent(assets.use_rate)}"
            text += "。"
        b.text(text)


def section_other_fund(report: "Report", number: int) -> list[Paragraph]:
    fund = report.other_funds[number - 3]
    b = _Builder()
    if not fund.present:
        b.text(f"{report.unit.year}年度本单位无{fund.name}预算支出。")
        return b.paragraphs
    b.blocks(fund.blocks, (fund.key, "说明"))
    attachment = next(a for a in report.attachments if a.fund is fund)
    b.text(f"详见附件{attachment.number}《{report.unit.year}年度{attachment.title}》。")
    return b.paragraphs


def build_sections(report: "Report", data: dict) -> list[Section]:
    sections = []
    for number, title in enumerate(TITLES, start=1):
        if number == 1:
            paragraphs = section_basic_info(report, data)
        elif number == 2:
            paragraphs = section_general_budget(report, data)
        elif number in (3, 4, 5):
            paragraphs = section_other_fund(report, number)
        else:
            key = NARRATIVE_KEYS[number]
            blocks = data.get(key) or []
            paragraphs = flatten(blocks, (key,)) if blocks else [Paragraph("text", text="无")]
        sections.append(Section(number=heading_number(1, number), title=title, paragraphs=paragraphs))
    return sections
