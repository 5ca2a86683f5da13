"""schema.json, the editors' copy of schema.yaml: current, valid JSON Schema, accepting every
unit and refusing what Cerberus refuses."""
from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from perfreport.unitfile.load import load
from perfreport.unitfile.schema_json import SCHEMA_JSON, json_schema, json_schema_text
from perfreport.unitfile.skeleton import SCHEMA_LINE
from perfreport.unitfile.validate import check
from tests.conftest import FIXTURES, ROOT, edited
from tests.shared.test_outline import third_outline  # noqa: F401 (a fixture)

UNIT_FILES = sorted((ROOT / "reports").glob("*.yaml"))


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_JSON.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_json_is_current():
    assert SCHEMA_JSON.read_text(encoding="utf-8") == json_schema_text(), "run: make schema"


def test_descriptions_and_rules_are_carried():
    unit = json_schema()["properties"]["单位"]
    assert unit["properties"]["全称"]["description"] == "预算单位全称，如“衡山县行政审批服务局”。"
    assert unit["required"] == ["全称", "年度"]          # all else may be left blank (not known)
    # a required field is not nullable: left blank, the editor says so, as `make check` does
    assert unit["properties"]["年度"] == {"description": "自评的预算年度，如 2022。", "type": "integer",
                                          "minimum": 2000, "maximum": 2100,
                                          "errorMessage": "“年度”必须填写，应为整数：只写数字（如 2023、14），不带单位。"
                                                          "自评的预算年度，如 2022。"}
    rounding = json_schema()["properties"]["设置"]["properties"]["得分取整"]
    assert rounding["enum"] == ["保留两位小数", "保留一位小数", "四舍五入取整", "向下取整", None]


@pytest.mark.parametrize("path", UNIT_FILES + [FIXTURES / "complete.yaml", FIXTURES / "minimal.yaml"],
                         ids=lambda p: p.name)
def test_every_unit_validates(validator, path):
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(yaml.safe_load(path.read_text("utf-8")))]
    assert errors == []


@pytest.mark.parametrize("path", UNIT_FILES, ids=lambda p: p.name)
def test_every_unit_names_the_schema_on_its_first_line(path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


REFUSED = {
    "unknown key": ("  内设机构: [办公室]", "  内设: [办公室]"),
    "wrong type": ("  年度: 2023", "  年度: 二〇二三"),
    "below minimum": ("  年度: 2023", "  年度: 1999"),
    "not a choice": ("二级指标: 数量指标", "二级指标: 数量"),
    "pattern": ("  文件名: minimal", "  文件名: Minimal"),
    "negative money": ("预算: {年初预算数: 10,", "预算: {年初预算数: -10,"),
    "required missing": ("  全称: 测试局\n", ""),
    "run-in text without heading": ("[运转正常。]", "[{正文: 运转正常。}]"),
    "empty text": ("  - 负责测试。", "  - ''"),
    "row without its level": ("{二级指标: 数量指标, 三级指标: 办件数", "{三级指标: 办件数"),
}


@pytest.mark.parametrize("edit", REFUSED.values(), ids=REFUSED.keys())
def test_what_cerberus_refuses_the_editor_marks_too(validator, tmp_path, edit):
    path = edited("minimal", tmp_path, edit)
    assert check(load(path)), "Cerberus should refuse this"
    assert list(validator.iter_errors(yaml.safe_load(path.read_text("utf-8"))))


def test_a_new_blank_unit_shows_what_check_shows_its_two_required_fields(validator):
    """The blank items and tables of a new unit are no items (as check reads them); its
    全称 and 年度 must be filled (tests/unitfile/test_editor.py: the same in the real editor)."""
    from perfreport.unitfile.skeleton import skeleton
    errors = sorted(list(e.path) for e in validator.iter_errors(yaml.safe_load(skeleton("xinhua"))))
    assert errors == [["单位", "全称"], ["单位", "年度"]]


def test_one_schema_json_serves_every_outline(validator, tmp_path):
    """A unit of the four-part outline (设置.提纲: 四部分) is accepted as Cerberus accepts it;
    what that outline refuses (无 for a fund: it has no sentence for it) is refused only there."""
    from tests.shared.test_outline import four_part_unit
    four = yaml.safe_load(four_part_unit(tmp_path).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(four)) == []
    none = dict(four, 政府性基金预算支出="无")
    assert [list(e.path) for e in validator.iter_errors(none)] == [["政府性基金预算支出"]]
    ten = dict(none, 设置={k: v for k, v in four["设置"].items() if k != "提纲"})
    assert list(validator.iter_errors(ten)) == []
    assert list(validator.iter_errors(dict(ten, 设置=dict(ten["设置"], 提纲="十节")))) == []
    assert [e.message for e in validator.iter_errors(dict(ten, 设置={"提纲": "五部分"}))] == [
        "'五部分' is not one of ['十节', '四部分', None]"]
    # a section's description is its own outline's: its number and title there
    branches = [c["then"]["properties"] for c in json_schema()["allOf"] if "then" in c and "设置" in str(c["if"])]
    said = [b["下一步改进措施"]["description"] for b in branches]
    assert said == ["第八节“下一步改进措施”的内容。完整的报告必须有这一部分。",
                    "第三节“存在的问题及改进措施”的内容（改进措施）。完整的报告必须有这一部分。"]


def test_a_key_of_another_outline_is_refused_in_the_words_of_check(tmp_path, third_outline):
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    minimal = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    minimal["其他需要说明的情况"] = ["无。"]
    chose = dict(minimal, 设置={"提纲": "测试提纲"})
    found = list(jsonschema.Draft202012Validator(schema).iter_errors(chose))
    assert [list(e.path) for e in found] == [[]] and "其他需要说明的情况" in found[0].message
    assert found[0].validator == "additionalProperties"     # as a key no outline has: the editor marks the key
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(minimal)) == []
