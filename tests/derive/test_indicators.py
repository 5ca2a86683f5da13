from decimal import Decimal as D

import pytest

from perfreport.derive.indicators import LEVELS


def flags(table):
    """The rows in form order, and where each group opens on a page holding all of them."""
    from perfreport.layout.indicators import merges
    opens = merges([{"level1": r.level1, "level2": r.level2} for r in table.rows])
    return [(r.level2, r.name, *("restart" if o else "continue" for o in pair)) for r, pair in zip(table.rows, opens)]


def test_rows_follow_form_order_with_merge_flags(unit):
    report, _ = unit("complete")
    assert flags(report.overall) == [
        ("数量指标", "组织审批事项数", "restart", "restart"),
        ("数量指标", "调研股室数量", "continue", "continue"),
        ("质量指标", "当天办结率", "continue", "restart"),
        ("时效指标", "按时完成各项任务", "continue", "restart"),
        ("成本指标", "单位支出预算执行率", "continue", "restart"),
        ("经济效益指标", "不适用", "restart", "restart"),       # the unit's own 不适用
        ("社会效益指标", "便民服务中心指导覆盖率", "continue", "restart"),
        ("生态效益指标", "", "continue", "restart"),           # added: the form lists every 二级, blank
        ("可持续影响指标", "《工作专班工作规则》", "continue", "restart"),
        ("服务对象满意度指标", "群众满意率", "restart", "restart"),
    ]


def test_rows_typed_out_of_order_are_grouped(unit):
    report, _ = unit("minimal", ("  - {二级指标: 数量指标, 三级指标: 办件数",
                                 "  - {二级指标: 质量指标, 三级指标: 合格率, 年度指标值: ≥90%, 实际完成值: 95%, 分值: 0, 得分: 0}\n"
                                 "  - {二级指标: 数量指标, 三级指标: 办件数"))
    assert [r.level2 for r in report.overall.rows][:2] == ["数量指标", "质量指标"]


def test_totals_and_grade(unit):
    report, _ = unit("complete")
    table = report.overall
    assert table.weight_sum == D(100)
    # 9.83 (执行率) + 20+10+10+5+5+10+18+9.9
    assert table.total.derived == D("97.73") and table.total.given == D("97.73")
    assert table.grade == "优"


MINIMAL_INDICATORS = """绩效指标:
  - {二级指标: 数量指标, 三级指标: 办件数, 年度指标值: ≥1件, 实际完成值: 2件, 分值: 50, 得分: 50}
  - {二级指标: 社会效益指标, 三级指标: 便利度, 年度指标值: 提升, 实际完成值: 提升, 分值: 30, 得分: 30}
  - {二级指标: 服务对象满意度指标, 三级指标: 满意率, 年度指标值: ≥90%, 实际完成值: 95%, 分值: 10, 得分: 10}
"""


@pytest.mark.parametrize("indicators", ["", "绩效指标:\n  - {二级指标: 数量指标, 三级指标: 不适用}\n"],
                         ids=["none", "only not applicable"])
def test_a_form_without_indicators_is_not_graded(unit, indicators):
    """Only 执行率 would score (10 of 100): 差 would be a verdict nobody reached."""
    report, _ = unit("minimal", (MINIMAL_INDICATORS, indicators))
    table = report.overall
    assert not table.assessed
    # no 总分 is invented from the 执行率 alone: it is not known, and the form is not graded
    assert (table.weight_sum, table.total.value, table.grade) == (D(10), None, "未评定")


def test_a_stated_total_is_graded_even_without_indicators(unit):
    report, _ = unit("minimal", (MINIMAL_INDICATORS, "总分: 85\n"))
    assert (report.overall.total.value, report.overall.grade) == (D(85), "良")


def test_a_blank_score_leaves_the_total_not_known(unit):
    report, _ = unit("minimal", ("实际完成值: 2件, 分值: 50, 得分: 50}", "实际完成值: 2件, 分值: 50}"))
    assert report.overall.total.value is None and report.overall.grade == "未评定"


def test_a_low_score_is_still_graded(unit):
    report, _ = unit("minimal", ("实际完成值: 2件, 分值: 50, 得分: 50", "实际完成值: 0件, 分值: 50, 得分: 0"))
    assert report.overall.assessed and report.overall.grade == "差"


def test_satisfaction_weight_moves_to_benefit_when_absent(unit):
    report, _ = unit("minimal", ("  - {二级指标: 服务对象满意度指标, 三级指标: 满意率, 年度指标值: ≥90%, 实际完成值: 95%, 分值: 10, 得分: 10}\n", ""))
    assert report.overall.weights == {"产出指标": D(50), "效益指标": D(40), "满意度指标": D(0)}
    assert not any(r.level1 == "满意度指标" for r in report.overall.rows)


def test_a_second_level_the_unit_left_out_is_one_blank_row(unit):
    report, _ = unit("complete")
    added = [r for r in report.overall.rows if r.path is None]
    assert [r.level2 for r in added] == ["生态效益指标"]
    row = added[0]
    assert (row.name, row.target, row.actual, row.weight, row.score, row.deviation) == ("", "", "", None, None, "")
    assert not row.not_applicable and not row.counts and row.assessment.kind == "blank"
    own = next(r for r in report.overall.rows if r.level2 == "经济效益指标")
    assert own.path is not None and own.not_applicable and not own.counts


def test_a_form_with_no_row_of_the_unit_is_the_standard_blank_form(unit):
    """No indicator at all: 50 / 30 / 10 as the blank form prints them, every 二级 one blank
    row, the 满意度 block kept; nothing scores but the 执行率, and no 总分 is made up."""
    report, _ = unit("minimal", (MINIMAL_INDICATORS, ""))
    table = report.overall
    assert table.weights == {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}
    assert [(r.level1, r.level2, r.name, r.path) for r in table.rows] == [
        (l1, l2, "", None) for l1, l2s in LEVELS for l2 in l2s]
    assert [flag[2:] for flag in flags(table)] == [
        ("restart", "restart"), ("continue", "restart"), ("continue", "restart"), ("continue", "restart"),
        ("restart", "restart"), ("continue", "restart"), ("continue", "restart"), ("continue", "restart"),
        ("restart", "restart")]
    assert (table.weight_sum, table.total.value, table.grade) == (D(10), None, "未评定")
    assert all(table.level_weight_sum(l1) == 0 for l1, _ in LEVELS)


def test_a_unit_that_wrote_only_not_applicable_keeps_todays_weights(unit):
    """A row of the unit's own, even 不适用, makes the form the unit's: no 满意度 row, so its
    10 go to 效益, as for any unit without a 满意度 indicator."""
    report, _ = unit("minimal", (MINIMAL_INDICATORS, "绩效指标:\n  - {二级指标: 数量指标, 三级指标: 不适用}\n"))
    table = report.overall
    assert table.weights["效益指标"] == D(40) and not any(r.level1 == "满意度指标" for r in table.rows)
    assert [r.name for r in table.rows if r.path is not None] == ["不适用"]
    assert all(r.name == "" for r in table.rows if r.path is None)


def test_each_project_form_without_indicators_is_blank_too(unit):
    report, _ = unit("complete")
    table = report.project_tables[1]                   # 业务工作经费: no indicator given
    assert table.weights == {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}
    assert len(table.rows) == 9 and all(r.path is None and r.name == "" for r in table.rows)
    # its 执行率 is the unit's own figures' (100 ÷ 100): it stays, the 总分 does not
    assert table.execution.score == D(10) and table.total.value is None and table.grade == "未评定"
