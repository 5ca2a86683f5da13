import pytest

from perfreport.shared.errors import ValidationError
from perfreport.unitfile.load import load
from perfreport.unitfile.validate import check, type_hint, validate
from tests.conftest import FIXTURES, edited


def test_complete_fixture_is_valid():
    assert check(load(FIXTURES / "complete.yaml")) == []


def test_every_problem_is_reported_in_one_run(tmp_path):
    path = edited("minimal", tmp_path, ("  年度: 2023", "  年度: 二〇二三"),
                  ("行政编制: 1", "行政编制: 1人"), ("  内设机构: [办公室]", "  内设: [办公室]"))
    texts = [f.text() for f in check(load(path, "reports/minimal.yaml"))]
    assert texts == [
        "reports/minimal.yaml:5:3: 单位.年度: 应为整数，实际是“二〇二三”",
        "reports/minimal.yaml:9:3: 机构设置.内设: 未知字段“内设”（程序不会使用它，数据会丢失）。您是否想写“内设机构”？",
        "reports/minimal.yaml:10:8: 人员编制.行政编制: 应为整数，实际是“1人”。只写数字：1（单位“人”已由表格给出）",
    ]


def test_required_field_left_blank_is_named_at_its_own_line(tmp_path):
    path = edited("minimal", tmp_path, ("  全称: 测试局", "  全称:"))
    assert [f.text() for f in check(load(path, "m.yaml"))] == [
        "m.yaml:2:3: 单位.全称: 必填字段“全称”没有填写。应填写：预算单位全称，如“衡山县行政审批服务局”。"]


def test_optional_field_left_blank_is_not_an_error(tmp_path):
    path = edited("minimal", tmp_path, ("  年度: 2023", "  年度: 2023\n  填表人:\n  联系电话:"))
    assert check(load(path, "m.yaml")) == []


def test_validate_raises_with_all_findings(tmp_path):
    path = edited("minimal", tmp_path, ("  年度: 2023", "  年度: 1999"))
    with pytest.raises(ValidationError) as caught:
        validate(load(path, "m.yaml"))
    assert [f.text() for f in caught.value.findings] == ["m.yaml:5:3: 单位.年度: 不能小于 2000，实际是 1999"]


def test_unknown_key_deep_in_a_list_names_its_item(tmp_path):
    path = edited("complete", tmp_path, ("实际完成值: 893项, 分值: 20", "实际完成值: 893项, 分数: 20"))
    texts = [f.text() for f in check(load(path, "c.yaml"))]
    assert "c.yaml:88:62: 项目[1].绩效指标[1].分数: 未知字段“分数”（程序不会使用它，数据会丢失）。您是否想写“分值”？" in texts


def test_allowed_values_suggest_the_nearest(tmp_path):
    path = edited("minimal", tmp_path, ("二级指标: 社会效益指标", "二级指标: 社会效益"))
    [finding] = check(load(path, "m.yaml"))
    assert finding.path == "绩效指标[2].二级指标"
    assert finding.hint == "您是否想写“社会效益指标”？"


def test_a_total_may_stand_beside_its_parts(tmp_path):
    """The 决算 states 基本支出 and its split: both are kept (the audit compares them)."""
    path = edited("minimal", tmp_path, ("基本支出:\n", "基本支出:\n  全年执行数: 10\n"))
    assert check(load(path, "m.yaml")) == []


def test_negative_money_is_refused(tmp_path):
    path = edited("minimal", tmp_path, ("{全年执行数: 2}", "{全年执行数: -2}"))
    [finding] = check(load(path, "m.yaml"))
    assert finding.message == "不能小于 0，实际是 -2"


def test_paragraph_block_needs_a_heading_for_its_children(tmp_path):
    path = edited("minimal", tmp_path, ("下一步改进措施: [继续保持。]", "下一步改进措施: [{正文: 继续保持。}]"))
    [finding] = check(load(path, "m.yaml"))
    assert finding.message == "填写了“正文”就必须同时填写“标题”"


@pytest.mark.parametrize("value,expected,hint", [
    ("179.2万元", ["money"], "只写数字：179.2（单位“万元”已由表格给出）"),
    ("１７９.２", ["money"], "请用半角数字：179.2"),
    ("97.5%", ["money"], "只写数字 97.5；百分比由程序计算，不用填写"),
    ("1,393.97", ["money"], "不要写千分位逗号：1393.97"),
    ("—", ["money"], "没有的金额请写 0，或删除这一行"),
    ("名称：值", ["dict"], "键和值之间请用半角冒号加空格“: ”"),
    ("文字", ["list"], "每项单独一行，以“- ”开头"),
])
def test_type_hints(value, expected, hint):
    assert type_hint(value, expected) == hint


def test_true_is_not_a_number_of_people(tmp_path):
    # found by tests/whole/test_properties.py: Cerberus took true for the integer 1
    path = edited("minimal", tmp_path, ("在职人数: 2", "在职人数: true"))
    assert [f.text() for f in check(load(path, "m.yaml"))] == ["m.yaml:10:35: 人员编制.在职人数: 应为整数，实际是“true”（YAML 里的是/否）"]
