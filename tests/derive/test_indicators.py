from decimal import Decimal as D


def flags(table):
    return [(r.level2, r.name, r.level1_merge, r.level2_merge) for r in table.rows]


def test_rows_follow_form_order_with_merge_flags(unit):
    report, _ = unit("complete")
    assert flags(report.overall) == [
        ("数量指标", "组织审批事项数", "restart", "restart"),
        ("数量指标", "调研股室数量", "continue", "continue"),
        ("质量指标", "当天办结率", "continue", "restart"),
        ("时效指标", "按时完成各项任务", "continue", "restart"),
        ("成本指标", "单位支出预算执行率", "continue", "restart"),
        ("经济效益指标", "不适用", "restart", "restart"),
        ("社会效益指标", "便民服务中心指导覆盖率", "continue", "restart"),
        ("生态效益指标", "不适用", "continue", "restart"),     # added: the form lists every 二级
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
    assert table.weight_total == D(100)
    # 9.83 (执行率) + 20+10+10+5+5+10+18+9.9
    assert table.score_total == D("97.73")
    assert table.grade == "优"
    assert table.rows[0].level1_label == "产出指标\n（50分）"


def test_satisfaction_weight_moves_to_benefit_when_absent(unit):
    report, _ = unit("minimal", ("  - {二级指标: 服务对象满意度指标, 三级指标: 满意率, 年度指标值: ≥90%, 实际完成值: 95%, 分值: 10, 得分: 10}\n", ""))
    assert report.overall.weights == {"产出指标": D(50), "效益指标": D(40), "满意度指标": D(0)}
    assert not any(r.level1 == "满意度指标" for r in report.overall.rows)
