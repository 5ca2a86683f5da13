"""Targets and actuals as they are written on real forms (issue 25): a name in front of the
comparison (满意率≥95%), a word after it (≥95%以上, ≤5%（含）), comparisons in words (不低于,
不超过, 以内, 以上), durations (3个工作日内), and an actual written “100%完成”. Before, each of
these was either not checked (无法复核) or flagged as measured in another unit. Both ways: the
consistent row is left alone, the inconsistent one is scored by the formula at its line."""
import pytest

from tests.audit.test_rules import new

ROW_93 = "年度指标值: ≥95%, 实际完成值: 98%, 分值: 10, 得分: 10"          # 群众满意率
ROW_91 = "年度指标值: ≤100%, 实际完成值: 97.14%"                          # 预算控制率, 10 points
ROW_90 = "年度指标值: =100%, 实际完成值: 100%, 分值: 10"                  # 按时办结率
ROW_88 = "年度指标值: ≥800项, 实际完成值: 893项"                          # 进驻事项数, 20 points


@pytest.mark.parametrize("old, typed", [
    (ROW_93, "年度指标值: 满意率≥95%, 实际完成值: 98%, 分值: 10, 得分: 10"),
    (ROW_93, "年度指标值: 群众满意度达95%以上, 实际完成值: 98%, 分值: 10, 得分: 10"),
    (ROW_93, "年度指标值: ≥95%以上, 实际完成值: 98%, 分值: 10, 得分: 10"),
    (ROW_93, "年度指标值: 95%以上, 实际完成值: 98%, 分值: 10, 得分: 10"),
    (ROW_93, "年度指标值: 不低于95%, 实际完成值: 98%, 分值: 10, 得分: 10"),
    (ROW_91, "年度指标值: ≤100%（含）, 实际完成值: 97.14%"),
    (ROW_91, "年度指标值: 不超过100%, 实际完成值: 97.14%"),
    (ROW_91, "年度指标值: 100%以内, 实际完成值: 97.14%"),
    (ROW_90, "年度指标值: 100%, 实际完成值: 100%完成, 分值: 10"),
    (ROW_90, "年度指标值: 完成率100%, 实际完成值: 100%, 分值: 10"),
    (ROW_88, "年度指标值: 3个工作日内, 实际完成值: 2个工作日"),
])
def test_a_target_as_officers_write_it_is_checked_and_left_alone_when_met(unit, old, typed):
    _, findings = unit("complete", (old, typed))
    assert new(findings) == []


@pytest.mark.parametrize("old, typed, line, message", [
    (ROW_93, "年度指标值: 满意率≥95%, 实际完成值: 90%, 分值: 10, 得分: 10", 93,
     "得分 10.00 与指标值“满意率≥95%”、实际完成值“90%”不符，按公式应为 9.47"),
    (ROW_93, "年度指标值: ≥99%以上, 实际完成值: 98%, 分值: 10, 得分: 10", 93,
     "得分 10.00 与指标值“≥99%以上”、实际完成值“98%”不符，按公式应为 9.90"),
    (ROW_93, "年度指标值: 不低于99%, 实际完成值: 98%, 分值: 10, 得分: 10", 93,
     "得分 10.00 与指标值“不低于99%”、实际完成值“98%”不符，按公式应为 9.90"),
    (ROW_91, "年度指标值: ≤5%（含）, 实际完成值: 8%", 91,
     "得分 10.00 与指标值“≤5%（含）”、实际完成值“8%”不符，按公式应为 6.25"),
    (ROW_90, "年度指标值: 100%, 实际完成值: 90%完成, 分值: 10", 90,
     "得分 10.00 与指标值“100%”、实际完成值“90%完成”不符，按公式应为 9.00"),
    (ROW_88, "年度指标值: 3个工作日内, 实际完成值: 5个工作日", 88,
     "得分 20.00 与指标值“3个工作日内”、实际完成值“5个工作日”不符，按公式应为 12.00"),
])
def test_a_target_not_met_is_scored_by_the_formula_at_its_line(unit, old, typed, line, message):
    _, findings = unit("complete", (old, typed))
    scores = [f for f in new(findings, "得分复核")]
    assert len(scores) == 1, new(findings)
    assert scores[0].startswith(f"complete.yaml:{line}:") and message in scores[0]
    # the only other new warning is the missing reason for the shortfall
    assert [f for f in new(findings) if f not in scores and "偏差原因" not in f] == []
