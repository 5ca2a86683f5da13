"""用词: words that are wrong in these reports, in the unit's own words, as 提示.

A short list, each entry with its reason, from what the seeds and published reports get
wrong (issue 25). Only words that are wrong wherever they stand are listed: a word that is
right in another sense (截止日期, 帐篷) is not matched, so the rule never asks a unit to
change a right word. The list is in README (审核规则 › 用词).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from perfreport.audit.context import Context, rule
from perfreport.shared.findings import NOTE

# 账 is the word for accounts, 帐 for curtains (《第一批异形词整理表》, 2001: 账 is the
# recommended form of 帐 in every sense of money): 台帐, 报帐 … but not 帐篷, 蚊帐
_ACCOUNTS_BEFORE = "台报记对建挂销坏查结转入做走算"
_ACCOUNTS_AFTER = "目务户号面款簿本册表实"


@dataclass(frozen=True)
class Wrong:
    pattern: str          # a regular expression for the wrong word
    right: str            # what it should be: a template for Match.expand
    why: str


WRONG = [
    Wrong("建立建全", "建立健全", "“健全”是完备，“建全”不是词"),
    Wrong(f"(?P<a>[{_ACCOUNTS_BEFORE}])帐", r"\g<a>账", "与钱财有关的“账”不写作“帐”（《第一批异形词整理表》）"),
    Wrong(f"帐(?P<a>[{_ACCOUNTS_AFTER}])", r"账\g<a>", "与钱财有关的“账”不写作“帐”（《第一批异形词整理表》）"),
    # seeds 000, 001, 004: 截止到目前, 截止目前, 截止到2019年12月
    Wrong("截止(?P<to>到)?(?P<when>目前|当前|现在|今年|本年|年底|年末|本月|[0-9０-９]{2,4}年)", r"截至\g<when>",
          "到某一时间为止用“截至”；“截止”是停止，用在时间之后（“报名于6月底截止”）"),
    Wrong("其它", "其他", "“其他”可以指人也可以指事物，公文统一用“其他”"),
    Wrong("拔付", "拨付", "拨款的“拨”，不是拔出的“拔”"),
    Wrong("拔款", "拨款", "拨款的“拨”，不是拔出的“拔”"),
    Wrong("签定(?P<of>合同|协议|责任书)", r"签订\g<of>", "订立合同、协议用“签订”"),
    Wrong("按排", "安排", "“安排”的“安”"),
    Wrong("布署", "部署", "“部署”的“部”"),
    Wrong("既使", "即使", "表示假设让步用“即使”"),
    Wrong("以经", "已经", "“已经”的“已”"),
    Wrong("做为", "作为", "“作为”的“作”"),
    Wrong("不尽人意", "不尽如人意", "成语是“不尽如人意”"),
    Wrong("再接再励", "再接再厉", "成语是“再接再厉”（厉：磨快）"),
    Wrong("按步就班", "按部就班", "成语是“按部就班”"),
    Wrong("迫在眉捷", "迫在眉睫", "成语是“迫在眉睫”"),
]
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")


def _renamed(i: int, pattern: str) -> str:
    """The entry's own groups renamed, so that every entry's may share a name (a, to)."""
    return _NAMED_GROUP.sub(lambda m: f"(?P<w{i}_{m.group(1)}>", pattern)


PATTERN = re.compile("|".join(f"(?P<w{i}>{_renamed(i, w.pattern)})" for i, w in enumerate(WRONG)))
_ENTRY = [re.compile(w.pattern) for w in WRONG]


def wrong_words(text: str):
    """(wrong, right, why) for each wrong word of `text`, in order."""
    for match in PATTERN.finditer(text):
        i = int(match.lastgroup[1:])
        entry = WRONG[i]
        typed = match.group(0)
        yield typed, _ENTRY[i].fullmatch(typed).expand(entry.right), entry.why


def _texts(report):
    """Every text the unit wrote, with its path: the sections' words and headings, the duties,
    the structure's note, each form's goal, purpose and deviation reasons."""
    for block in report.all_blocks():
        if block.title:
            yield block.path + ("标题",), block.title
        if block.text:
            yield block.path, block.text
    for duty in report.duties:
        yield duty.path, duty.text
    if report.structure.note:
        yield ("机构设置", "说明"), report.structure.note
    tables = [report.overall, *report.project_tables.values()]
    for table in tables:
        home = table.path[:-1]
        for key, text in (("预期目标", table.goal.expected), ("实际完成情况", table.goal.achieved)):
            if text:
                yield home + ("年度总体目标", key), text
        for row in table.rows:
            if row.path is not None and row.deviation:
                yield row.path + ("偏差原因分析及改进措施",), row.deviation
    for project in report.projects:
        if project.purpose:
            yield project.path + ("用途",), project.purpose


@rule("用词", NOTE)
def wrong_usage(ctx: Context):
    for path, text in _texts(ctx.report):
        if not isinstance(text, str):
            continue
        for typed, right, why in wrong_words(text):
            yield ctx.warn(path, f"“{typed}”应写作“{right}”：{why}", stated=typed, computed=right)
