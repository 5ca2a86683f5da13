from decimal import Decimal as D

from perfreport.derive.budget import control_rate, execution
from perfreport.shared.numbers import ratio


def test_execution_divides_by_full_year_budget_not_initial(unit):
    report, _ = unit("complete")
    # 执行 = 300.25 + 99.75 + 680 + 100 = 1180 ; 全年预算 1200
    assert report.budget.executed.value == D("1180") and report.budget.executed.derived == D("1180")
    assert report.budget.execution.rate == D(1180) / D(1200)
    assert report.budget.execution.score == D("9.83")


def test_seed_004_rate_is_100_percent():
    # 1393.97 ÷ 1393.97, where seed 004 divided by 年初预算数 1388.56 and printed 100.39%
    assert execution(D("1393.97"), D("1393.97"), "保留两位小数").rate == 1


def test_seed_003_project_score_rounds_down():
    assert execution(D(390), D(400), "向下取整").score == D(9)


def test_no_rate_and_no_score_without_a_budget():
    """全年预算数 0 or not known: no rate, and 执行率 scores nothing (never the full 10)."""
    for executed, full_year in ((D(0), D(0)), (D(10), D(0)), (D(10), None), (None, D(10))):
        result = execution(executed, full_year, "保留两位小数")
        assert result.rate is None and result.score is None


def test_shares_and_split(unit):
    report, _ = unit("complete")
    assert report.budget.basic.value == D(400) and report.budget.projects.value == D(780)
    assert report.budget.basic_share == D(400) / D(1180)
    assert report.basic.personnel == D("300.25") and report.basic.public == D("99.75")
    assert report.basic.total.derived == D(400)


def test_general_budget_is_the_remainder_of_income(unit):
    report, _ = unit("complete")
    general = report.budget.income[0]
    assert (general.label, general.derived) == ("一般公共预算", D("1060.0"))


def test_general_budget_is_not_known_without_an_income_split(unit):
    report, _ = unit("minimal")
    assert report.budget.income[0].value is None


def test_full_year_budget_from_initial_and_additions(unit):
    report, _ = unit("complete", ("  全年预算数: 1200\n", ""))
    assert report.budget.full_year.value == D(1200)          # 1000 + 50 + 150
    report, _ = unit("minimal", ("预算: {年初预算数: 10, 全年预算数: 10}", "预算: {年初预算数: 10}"))
    assert report.budget.full_year.value is None              # nothing says it changed


def test_projects_total_needs_every_project_amount(unit):
    report, _ = unit("complete", ("    全年执行数: 100\n", ""), ("{基本支出: 400, 项目支出: 780}", "{基本支出: 400}"))
    assert report.budget.projects.value is None
    assert report.budget.executed.value == D(1180)            # still stated


def test_project_current_year_funds_are_the_remainder(unit):
    report, _ = unit("complete")
    current = report.projects[0].sources[0]
    assert (current.label, *(f.derived for f in current.figures)) == ("当年财政拨款", D(600), D(640), D(620))
    # a project that states no source at all: its 当年财政拨款 is not known, its rows are blank
    assert [f.value for s in report.projects[1].sources for f in s.figures] == [None] * 9
    # one that states a source: the source it leaves out has none of the money
    report, _ = unit("complete", ("    其他资金: {年初预算数: 0, 全年预算数: 10, 全年执行数: 10}\n", ""),
                     ("    当年财政拨款: {年初预算数: 600, 全年预算数: 640, 全年执行数: 620}\n", ""))
    assert [f.value for f in report.projects[0].sources[0].figures] == [D(600), D(650), D(630)]


def test_three_public_totals(unit):
    report, _ = unit("complete", ("  合计: {上年决算数: 1.5, 本年预算数: 1.7, 本年决算数: 1.53}\n", ""))
    grand, cars = report.three_public.rows[:2]
    assert [f.value for f in grand.figures] == [D("1.5"), D("1.7"), D("1.53")]
    assert [f.derived for f in cars.figures] == [D("1.2"), D("1.5"), D("1.4")]


def test_three_public_lines_left_blank_count_as_nothing(unit):
    """As the forms are filled in (seed 004 gives only 公务接待): its total is that line."""
    report, _ = unit("minimal", ("年度总体目标:", "三公经费:\n  公务接待: {本年预算数: 0.2, 本年决算数: 0.13}\n年度总体目标:"))
    grand, cars = report.three_public.rows[:2]
    assert [f.value for f in grand.figures] == [None, D("0.2"), D("0.13")]
    assert [f.value for f in cars.figures] == [None, None, None]


def test_procurement_and_assets(unit):
    report, _ = unit("complete")
    assert report.procurement.total.derived == D("66.36")
    assert report.assets.net.derived == D("554.07")
    assert report.assets.use_rate == D("0.95")


def test_zero_over_zero_is_no_rate_for_every_rate():
    # one definition (numbers.ratio): a building with nothing approved and nothing built has
    # no rate, as a unit with no posts and nobody in them, and as a budget of 0 spent 0
    assert control_rate(D(0), D(0)) is None
    assert ratio(D(0), D(0)) is None
    assert control_rate(D(5), D(0)) is None
    assert control_rate(D(980), D(1000)) == D("0.98")
    assert control_rate(None, D(1000)) is None


# ------------------------------------------------------------------ stated totals (issue 21)

def test_the_project_line_given_without_projects(unit):
    # the form gives 项目支出's three columns and no project row: nothing is invented for them
    report, findings = unit("forms_only")
    line = report.budget.project_line
    assert [f.given for f in line.figures] == [D("874.20"), D("308.17"), D("1025.20")]
    assert [f.derived for f in line.figures] == [None, None, None]
    # 按支出性质分's 项目支出 and so 全年执行数 follow from it
    assert report.budget.projects.source == "derived" and report.budget.projects.value == D("1025.20")
    assert report.budget.executed.derived == D("1925.67")
    assert report.projects == [] and not [f for f in findings if f.rule == "数字核对"]


def test_the_project_line_derived_from_the_projects(unit):
    report, _ = unit("complete")
    line = report.budget.project_line
    assert [f.source for f in line.figures] == ["derived", "derived", "derived"]
    assert line.final.value == report.budget.projects.value == D(780)
    assert line.budget.value == sum((p.initial for p in report.projects), D(0))


def test_the_split_totals_given_and_derived(unit):
    report, _ = unit("forms_only")
    assert report.budget.income_total.given == D("1925.67") and report.budget.income_total.derived is None
    assert report.budget.spending_total.given == D("1925.67")
    assert report.budget.spending_total.derived == D("900.47") + D("1025.20")
    # a 合计 alone states no source: 一般公共预算 is not made the remainder of it
    assert report.budget.income[0].value is None
