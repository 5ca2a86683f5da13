from decimal import Decimal as D


def test_staffing(unit):
    report, _ = unit("complete")
    assert report.staffing.authorized == 18
    assert report.staffing.control_rate == D(17) / D(18)
    assert report.unit.previous_year == 2022
