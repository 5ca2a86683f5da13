from decimal import Decimal

import pytest

from perfreport.shared.errors import LoadError
from perfreport.unitfile.load import format_path, load


def write(tmp_path, text, name="x.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_money_is_decimal_from_its_source_text(tmp_path):
    loaded = load(write(tmp_path, "a: 0.1\nb: 0.2\nc: 179.20\n"))
    assert loaded.data["a"] + loaded.data["b"] == Decimal("0.3")
    assert str(loaded.data["c"]) == "179.20"


def test_positions_are_one_based_lines_and_columns(tmp_path):
    loaded = load(write(tmp_path, "单位:\n  全称: 甲\n项目:\n  - 名称: 乙\n    分值: 5\n"))
    assert loaded.where(("单位", "全称")) == (2, 3)
    assert loaded.where(("项目", 0, "分值")) == (5, 5)
    assert loaded.where(("项目", 0)) == (4, 5)
    # a path that does not exist falls back to its nearest parent
    assert loaded.where(("项目", 0, "没有")) == (4, 5)


def test_format_path_counts_list_items_from_one():
    assert format_path(("项目", 1, "绩效指标", 2, "分值")) == "项目[2].绩效指标[3].分值"


def test_all_duplicate_keys_are_reported_in_one_run(tmp_path):
    with pytest.raises(LoadError) as caught:
        load(write(tmp_path, "a: 1\na: 2\nb:\n  c: 1\n  c: 2\n"), "x.yaml")
    assert [f.text() for f in caught.value.findings] == [
        "x.yaml:2:1: a: 键“a”重复（第 1 行已经有了）。YAML 只会保留其中一个值；请删除或合并重复的键",
        "x.yaml:5:3: b.c: 键“c”重复（第 4 行已经有了）。YAML 只会保留其中一个值；请删除或合并重复的键",
    ]


@pytest.mark.parametrize("text", ["a: yes", "a: off", "a: On", "a: 0x1F", "a: 1:20:30",
                                  "a: 2024-01-05", "a: .inf", "a: -.inf", "a: .NaN"])
def test_yaml_11_surprises_are_errors(tmp_path, text):
    with pytest.raises(LoadError) as caught:
        load(write(tmp_path, text + "\n"))
    assert caught.value.findings[0].line == 1
    assert caught.value.findings[0].hint


@pytest.mark.parametrize("text,value", [("a: true", True), ("a: '010'", "010"), ("a: \"no\"", "no"),
                                        ("a: 10", 10), ("a: '2024-01-05'", "2024-01-05"),
                                        ("a: |\n  两行\n  文字\n", "两行\n文字\n")])
def test_plain_values_that_mean_what_they_say_are_kept(tmp_path, text, value):
    assert load(write(tmp_path, text + "\n")).data["a"] == value


@pytest.mark.parametrize("text", ["b: 1\na:\n", "b: 1\na: ~\n", "b: 1\na: {}\n", "b: 1\na: []\n",
                                  "b: 1\na:\n  c:\n  d: {}\n", "b: 1\na:\n  - c:\n    d:\n"])
def test_a_key_left_blank_counts_as_not_filled(tmp_path, text):
    loaded = load(write(tmp_path, text))
    assert loaded.data == {"b": 1}
    assert ("a",) in loaded.blank_paths
    assert loaded.where(("a",)) == (2, 1)


def test_table_cells_keep_their_blanks(tmp_path):
    loaded = load(write(tmp_path, "行:\n  - [甲, ~, 3]\n  - [~, ~, ~]\n"))
    assert loaded.data == {"行": [["甲", None, 3], [None, None, None]]}


def test_quoted_numbers_stay_text(tmp_path):
    assert load(write(tmp_path, "a: '179.2'\n")).data["a"] == "179.2"


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load(path).data == {"a": 1}


def test_utf16_is_refused_with_a_way_out(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("a: 1\n".encode("utf-16"))
    with pytest.raises(LoadError) as caught:
        load(path, "x.yaml")
    assert caught.value.findings[0].text() == "x.yaml: 文件是 UTF-16 编码。请在编辑器中“另存为”UTF-8 编码"


def test_missing_file(tmp_path):
    with pytest.raises(LoadError) as caught:
        load(tmp_path / "nope.yaml", "reports/nope.yaml")
    assert caught.value.findings[0].text() == "reports/nope.yaml: 文件不存在"


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = write(tmp_path, "a: '" + "x" * (3 * 1024 * 1024) + "'\n")
    with pytest.raises(LoadError) as caught:
        load(path, "x.yaml")
    assert "超过上限 2 MB" in caught.value.findings[0].message


def test_top_level_must_be_a_mapping(tmp_path):
    with pytest.raises(LoadError) as caught:
        load(write(tmp_path, "- a\n- b\n"), "x.yaml")
    assert caught.value.findings[0].text() == (
        "x.yaml:1:1: 文件的最外层应是“键: 值”的映射。请参照 reports/ 下的示例，以“单位:”等键开头")


def test_non_text_keys_are_errors(tmp_path):
    with pytest.raises(LoadError) as caught:
        load(write(tmp_path, "[a]: 1\n"), "x.yaml")
    assert caught.value.findings[0].message == "键必须是一段文字"


def test_custom_tags_are_refused(tmp_path):
    with pytest.raises(LoadError) as caught:
        load(write(tmp_path, "a: !!python/object:os.system ls\n"), "x.yaml")
    assert "不支持的 YAML 标签" in caught.value.findings[0].message
