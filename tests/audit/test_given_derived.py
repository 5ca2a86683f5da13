"""Every figure a unit may state beside its parts, three ways: stated and agreeing (the
complete fixture states them all), stated and disagreeing (printed as stated, one warning at
its line with both values), and not stated (derived from the parts)."""
from decimal import Decimal as D

import pytest

# (label, the line that states it in complete.yaml, a disagreeing line, where it is, what the
# parts give, how to reach the figure in the model, the line without it)
PAIRS = [
    ("全年执行数", "  全年执行数: 1180\n", "  全年执行数: 1190\n", "预算.全年执行数", "1180",
     lambda r: r.budget.executed, ""),
    ("按支出性质分的基本支出", "{基本支出: 400, 项目支出: 780}", "{基本支出: 410, 项目支出: 780}",
     "预算.按支出性质分.基本支出", "400", lambda r: r.budget.basic, "{项目支出: 780}"),
    ("按支出性质分的项目支出", "{基本支出: 400, 项目支出: 780}", "{基本支出: 400, 项目支出: 790}",
     "预算.按支出性质分.项目支出", "780", lambda r: r.budget.projects, "{基本支出: 400}"),
    ("一般公共预算", "    一般公共预算: 1060\n", "    一般公共预算: 1050\n", "预算.按收入性质分.一般公共预算", "1060",
     lambda r: r.budget.income[0], ""),
    ("年初预算数", "  年初预算数: 1000\n", "  年初预算数: 1010\n", "预算.年初预算数", "1000", lambda r: r.budget.initial, ""),
    ("全年预算数", "  全年预算数: 1200\n", "  全年预算数: 1220\n", "预算.全年预算数", "1200", lambda r: r.budget.full_year, ""),
    ("年末结转", "  年末结转: 20\n", "  年末结转: 25\n", "预算.年末结转", "20", lambda r: r.budget.carried_out, ""),
    ("基本支出合计", "  全年执行数: 400\n", "  全年执行数: 401\n", "基本支出.全年执行数", "400", lambda r: r.basic.total, ""),
    ("编制数", "  编制数: 18\n", "  编制数: 19\n", "人员编制.编制数", "18", lambda r: r.staffing.authorized, ""),
    ("当年财政拨款", "当年财政拨款: {年初预算数: 600, 全年预算数: 640, 全年执行数: 620}",
     "当年财政拨款: {年初预算数: 600, 全年预算数: 640, 全年执行数: 630}", "项目[1].当年财政拨款.全年执行数", "620",
     lambda r: r.projects[0].sources[0].executed, "当年财政拨款: {年初预算数: 600, 全年预算数: 640}"),
    ("三公经费合计", "  合计: {上年决算数: 1.5, 本年预算数: 1.7, 本年决算数: 1.53}\n",
     "  合计: {上年决算数: 1.5, 本年预算数: 1.7, 本年决算数: 1.6}\n", "三公经费.合计.本年决算数", "1.53",
     lambda r: r.three_public.rows[0].final, "  合计: {上年决算数: 1.5, 本年预算数: 1.7}\n"),
    ("公务用车购置和维护经费", "  公务用车购置和维护经费: {上年决算数: 1.2, 本年预算数: 1.5, 本年决算数: 1.4}\n",
     "  公务用车购置和维护经费: {上年决算数: 1.2, 本年预算数: 1.6, 本年决算数: 1.4}\n",
     "三公经费.公务用车购置和维护经费.本年预算数", "1.5", lambda r: r.three_public.rows[1].budget,
     "  公务用车购置和维护经费: {上年决算数: 1.2, 本年决算数: 1.4}\n"),
    ("政府采购", "  本年决算数: 66.36\n", "  本年决算数: 70\n", "政府采购.本年决算数", "66.36",
     lambda r: r.procurement.total, ""),
    ("净资产", "  净资产: 554.07\n", "  净资产: 550\n", "资产.净资产", "554.07", lambda r: r.assets.net, ""),
    ("附件2总分", "\n总分: 97.73\n", "\n总分: 96\n", "总分", "97.73", lambda r: r.overall.total, "\n"),
    ("附件3总分", "    总分: 99.71\n", "    总分: 95\n", "项目[1].总分", "99.71", lambda r: r.project_tables[0].total, ""),
]
IDS = [p[0] for p in PAIRS]


@pytest.mark.parametrize("label,stated,other,path,parts,figure,without", PAIRS, ids=IDS)
def test_stated_and_agreeing(unit, label, stated, other, path, parts, figure, without):
    report, findings = unit("complete")
    assert figure(report).source == "given" and figure(report).value == D(parts)
    assert not [f for f in findings if f.rule == "数字核对"]


@pytest.mark.parametrize("label,stated,other,path,parts,figure,without", PAIRS, ids=IDS)
def test_stated_and_disagreeing_prints_the_stated_figure_and_warns_at_its_line(unit, label, stated, other, path,
                                                                                parts, figure, without):
    report, findings = unit("complete", (stated, other))
    given = figure(report).given
    assert figure(report).value == given != D(parts)
    [finding] = [f for f in findings if f.rule == "数字核对" and f.path == path]
    assert (finding.stated, finding.computed) == (given, D(parts))
    assert "两者不一致" in finding.message and finding.line is not None


@pytest.mark.parametrize("label,stated,other,path,parts,figure,without", PAIRS, ids=IDS)
def test_not_stated_is_derived_from_its_parts(unit, label, stated, other, path, parts, figure, without):
    report, findings = unit("complete", (stated, without))
    assert figure(report).given is None
    assert figure(report).source == "derived" and figure(report).value == D(parts)
    assert not [f for f in findings if f.rule == "数字核对"]


def test_the_exact_message_of_a_disagreement_seed_003(unit):
    """衡山县: 总支出 821.17 stated, its parts give other sums; the message quotes both and the line."""
    _, findings = unit("complete", ("  全年执行数: 1180\n", "  全年执行数: 1190\n"))
    assert [f.text() for f in findings if f.path == "预算.全年执行数"] == [
        "complete.yaml:49:3: 预算.全年执行数: 警告（确定·数字核对）：全年执行数填的是 1190.00 万元，"
        "而基本支出 + 项目支出 = 1180.00 万元，两者不一致"]


def test_neither_stated_nor_derivable_is_not_known(unit):
    report, _ = unit("minimal", ("  人员经费: {全年执行数: 8}\n  公用经费: {全年执行数: 2}\n", "  人员经费: {全年执行数: 8}\n"))
    assert report.basic.total.value is None          # 公用经费 not known: no sum
    assert report.budget.executed.value is None and report.budget.execution.rate is None
    assert report.budget.execution.score is None
