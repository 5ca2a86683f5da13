from decimal import Decimal as D


def test_staffing(unit):
    report, _ = unit("complete")
    assert report.staffing.authorized.given == report.staffing.authorized.derived == 18
    assert report.staffing.control_rate == D(17) / D(18)
    assert report.unit.previous_year == 2022


def test_staffing_total_given_beside_its_parts(unit):
    report, _ = unit("minimal", ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}",
                                 "{编制数: 3, 行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}"))
    figure = report.staffing.authorized
    assert (figure.given, figure.derived, figure.value) == (3, 2, 3)


def test_staffing_not_known(unit):
    report, _ = unit("minimal", ("人员编制: {行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}\n", ""))
    staff = report.staffing
    assert staff.authorized.value is None and staff.in_service is None and staff.control_rate is None


def test_report_title_is_the_outline_default_or_the_units_own(unit):
    report, _ = unit("minimal")
    assert report.unit.report_title == "单位整体支出绩效自评报告"
    report, _ = unit("minimal", ("职责:", "设置: {报告标题: 机关整体支出绩效评价报告}\n职责:"))
    assert report.unit.report_title == "机关整体支出绩效评价报告"


def test_typed_duty_numbers_are_taken_off(unit):
    report, _ = unit("minimal", ("  - 负责测试。", "  - （一）负责测试。"))
    assert (report.duties[0].text, report.duties[0].typed_number) == ("负责测试。", "（一）")


def test_people_by_kind_give_the_people_when_not_stated(unit):
    by_kind = ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}",
               "{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2, 行政实有: 1, 事业实有: 0, 工勤实有: 1}")
    report, findings = unit("minimal", by_kind)
    actual = report.staffing.actual
    assert (actual.given, actual.derived, actual.value, actual.source) == (None, 2, 2, "derived")
    assert not [f for f in findings if f.rule == "数字核对"]
    # one kind not known: no sum
    report, _ = unit("minimal", ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}",
                                 "{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2, 行政实有: 1, 事业实有: 0}"))
    assert report.staffing.actual.value is None


def test_people_stated_beside_their_kinds_must_agree(unit):
    report, findings = unit("minimal", ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}",
                                        "{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2, 实有人数: 3, "
                                        "行政实有: 1, 事业实有: 0, 工勤实有: 1}"))
    assert report.staffing.actual.value == 3            # printed as stated
    assert [f.text() for f in findings if f.rule == "数字核对"] == [
        "minimal.yaml:10:44: 人员编制.实有人数: 警告（确定·数字核对）：实有人数填的是 3 人，而行政实有 + 事业实有 + 工勤实有 = 2 人，两者不一致"]
