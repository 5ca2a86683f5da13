from decimal import Decimal as D

from perfreport.derive.budget import control_rate, execution


def test_execution_divides_by_full_year_budget_not_initial(unit):
    report, _ = unit("complete")
    # 执行 = 300.25 + 99.75 + 680 + 100 = 1180 ; 全年预算 1200
    assert report.budget.executed == D("1180")
    assert report.budget.execution.rate == D(1180) / D(1200)
    assert report.budget.execution.score == D("9.83")


def test_seed_004_rate_is_100_percent():
    # 1393.97 ÷ 1393.97, where seed 004 divided by 年初预算数 1388.56 and printed 100.39%
    assert execution(D("1393.97"), D("1393.97"), "保留两位小数").rate == 1


def test_seed_003_project_score_rounds_down():
    assert execution(D(390), D(400), "向下取整").score == D(9)


def test_zero_budget_has_no_rate_and_full_score():
    result = execution(D(0), D(0), "保留两位小数")
    assert result.rate is None and result.score == D("10.00")


def test_shares_and_split(unit):
    report, _ = unit("complete")
    assert report.budget.basic == D(400) and report.budget.projects == D(780)
    assert report.budget.basic_share == D(400) / D(1180)
    assert report.basic.personnel == D("300.25") and report.basic.public == D("99.75")


def test_general_budget_is_the_remainder_of_income(unit):
    report, _ = unit("complete")
    assert report.budget.income[0] == ("一般公共预算", D("1060.0"))


def test_project_current_year_funds_are_the_remainder(unit):
    report, _ = unit("complete")
    current = report.projects[0].sources[0]
    assert (current.label, current.initial, current.full_year, current.executed) == (
        "当年财政拨款", D(600), D(640), D(620))


def test_three_public_totals(unit):
    report, _ = unit("complete")
    grand, cars = report.three_public.rows[:2]
    assert (grand.previous, grand.budget, grand.final) == (D("1.5"), D("1.7"), D("1.53"))
    assert (cars.previous, cars.budget, cars.final) == (D("1.2"), D("1.5"), D("1.4"))


def test_procurement_and_assets(unit):
    report, _ = unit("complete")
    assert report.procurement.total == D("66.36")
    assert report.assets.net == D("554.07")
    assert report.assets.use_rate == D("0.95")


def test_control_rate_defines_zero_over_zero():
    assert control_rate(D(0), D(0)) == 1
    assert control_rate(D(5), D(0)) is None
    assert control_rate(D(980), D(1000)) == D("0.98")
