"""The data model itself: every field is described for officers and used by the program."""
from pathlib import Path

from perfreport.shared.outline import load_outline
from perfreport.unitfile.schema import load_schema, walk_fields

ROOT = Path(__file__).resolve().parents[2]


def program_text() -> str:
    sources = list((ROOT / "perfreport").rglob("*.py")) + list((ROOT / "templates").rglob("*.py"))
    return "\n".join(p.read_text(encoding="utf-8") for p in sources)


def test_every_field_has_a_chinese_description():
    # list items ("[]") are described by their list
    missing = ["/".join(f.path) for f in walk_fields() if not f.description and f.path[-1] != "[]"]
    assert missing == []


def test_every_field_is_used_by_the_derivation_or_templates():
    code = program_text()
    # the sections' words are read through the outline, which declares them
    outline = load_outline()
    declared = set(outline.text_keys) | {part.key for part in outline.funds}
    unused = sorted({f.path[-1] for f in walk_fields() if f.path[-1] != "[]"
                     and f'"{f.path[-1]}"' not in code and f.path[0] not in declared})
    assert unused == []


def test_the_outlines_fields_are_in_the_schema_with_descriptions():
    fields = load_schema().fields
    assert fields["部门整体支出绩效情况"]["meta"]["description"] == (
        "第六节“部门整体支出绩效情况”的内容。完整的报告必须有这一部分。")
    # 无 is the unit's word for "nothing here", and only where the outline has a sentence for it
    assert fields["其他需要说明的情况"]["meta"]["description"] == (
        "第十节“其他需要说明的情况”的内容；没有要写的就写“无”（报告印“无”）。不写则这一节只印标题，审核列入“缺项”。")
    assert fields["其他需要说明的情况"]["type"] == ["string", "list"] and fields["其他需要说明的情况"]["regex"] == "无"
    assert fields["政府性基金预算支出"]["type"] == ["string", "dict"] and fields["政府性基金预算支出"]["regex"] == "无"
    assert "regex" not in fields["存在的问题及原因分析"]
    # words alone are a statement: the table is not required
    assert not fields["政府性基金预算支出"]["schema"]["表格"].get("required")
    assert list(fields)[:3] == ["单位", "设置", "引言"]


def test_walk_covers_nested_and_recursive_fields():
    paths = {"/".join(f.path) for f in walk_fields()}
    assert "项目/[]/绩效指标/[]/偏差原因分析及改进措施" in paths
    assert "部门整体支出绩效情况/[]/内容" in paths
    assert "基本支出/公用经费/办公经费/本年决算数" in paths


def test_definitions_are_registered_for_recursion():
    schema = load_schema()
    assert schema.definitions["文字块"]["schema"]["内容"]["schema"] == "文字块"


def test_schema_yaml_is_a_legal_cerberus_schema():
    # a run skips Cerberus' check of its own rules (validate.make_validator); this is where it happens
    from perfreport.unitfile.validate import make_validator
    validator = make_validator(load_schema(), check_rules=True)     # raises SchemaError if not
    assert type(validator.schema).__name__ == "DefinitionSchema"
    assert validator.validate({}) is False
    assert "单位" in {error.document_path[0] for error in validator.errors}


def test_no_rule_normalises_so_a_run_may_skip_cerberus_normalisation():
    # validate.check validates with normalize=False: a rule that fills in, converts or drops a
    # value would be skipped silently there, so none may be written (in any outline's schema)
    from perfreport.shared.outline import outline_files
    normalising = {"default", "default_setter", "coerce", "rename", "rename_handler", "purge_unknown",
                   "purge_readonly", "readonly"}

    def rules(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from rules(value)
        elif isinstance(node, list):
            for value in node:
                yield from rules(value)

    for outline in outline_files().values():
        schema = load_schema(outline_path=outline)
        found = set(rules(schema.fields)) | set(rules(schema.definitions))
        assert "schema" in found and "type" in found
        assert found & normalising == set(), outline
