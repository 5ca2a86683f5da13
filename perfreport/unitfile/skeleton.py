"""`make new UNIT=x`: a blank unit file with every field of schema.yaml, each preceded by
its Chinese description, ready to fill in a text editor.

Blank keys count as not filled in (load.drop_blanks), so the officer fills what the unit
has and leaves the rest; `make check` then names each required field still blank.
"""
from __future__ import annotations

from perfreport.shared.outline import default_name, outline_files
from perfreport.unitfile.schema import Schema, load_schema, types_of

SCHEMA_LINE = "# yaml-language-server: $schema=../schema.json"
INDENT = "  "


def _remarks(rules: dict) -> str:
    """What the description does not say: required, allowed values, either-or fields."""
    parts = []
    if rules.get("required"):
        parts.append("必填" if not rules.get("excludes") else "必填，或改填“" + _names(rules["excludes"]) + "”")
    elif rules.get("excludes"):
        parts.append("与“" + _names(rules["excludes"]) + "”二选一")
    if rules.get("allowed"):
        parts.append("只能填：" + "、".join(map(str, rules["allowed"])))
    return "（" + "；".join(parts) + "）" if parts else ""


def _names(value) -> str:
    return "、".join(value) if isinstance(value, list) else str(value)


class _Writer:
    def __init__(self, schema: Schema, unit: str, values: dict):
        self.schema = schema
        self.unit = unit
        self.values = values        # top-level (section, key) -> what is written after it
        self.lines: list[str] = []

    def comment(self, indent: str, rules: dict) -> None:
        description = (rules.get("meta") or {}).get("description", "")
        self.lines.append(f"{indent}# {description}{_remarks(rules)}")
        item = rules.get("schema") if "list" in types_of(rules) else None
        if isinstance(item, str) and item == "文字块":
            self.lines.append(f"{indent}# 写法：一段一行“- 文字”；带标题的一层写“- 标题: …”，下面“内容:”再分段。"
                              "编号由程序生成。")
        elif isinstance(item, dict) and item.get("type") == "string":
            self.lines.append(f"{indent}# 写法：一项一行“- 文字”。")
        elif "list" in types_of(rules) and isinstance(item, dict) and item.get("type") == "list":
            self.lines.append(f"{indent}# 写法：一行一个列表，如“- [甲, 1.5, 2]”；空格子写 ~。")

    def field(self, name: str, rules: dict, indent: str, prefix: str = "", section: str = "") -> None:
        """One field; `prefix` is '- ' for the first field of a list item; `section`: the
        top-level key it is under, when it is one level down."""
        value = self.values.get((section, name), "") if indent == INDENT else ""
        inner = rules.get("schema")
        lead = indent[:-2] + prefix if prefix else indent
        self.lines.append(f"{lead}{name}:{' ' + value if value else ''}")
        if "list" in types_of(rules):
            item = self.schema.definitions[inner] if isinstance(inner, str) else inner
            if isinstance(item, dict) and isinstance(item.get("schema"), dict) and item.get("type") == "dict":
                self.mapping(item["schema"], indent + INDENT + INDENT, list_item=True)
        elif isinstance(inner, dict):
            self.mapping(inner, indent + INDENT, section=name if not indent else "")

    def mapping(self, fields: dict, indent: str, list_item: bool = False, section: str = "") -> None:
        for position, (name, rules) in enumerate(fields.items()):
            first_of_item = list_item and position == 0
            self.comment(indent[:-2] if first_of_item else indent, rules)
            self.field(name, rules, indent, prefix="- " if first_of_item else "", section=section)


def skeleton(unit: str, schema: Schema | None = None, outline: str | None = None) -> str:
    """The text of reports/<unit>.yaml before anything is filled in; `outline`: the name of
    the outline it is for (its sections' fields, and 设置.提纲 filled in unless the default)."""
    values = {("单位", "文件名"): unit}
    if outline and outline != default_name():
        values[("设置", "提纲")] = outline
    schema = schema or load_schema(outline_path=outline_files()[outline or default_name()])
    writer = _Writer(schema, unit, values)
    lines = writer.lines
    lines += [SCHEMA_LINE,
              f"# {unit}：部门（单位）整体支出绩效自评数据。按每个字段上面的说明填写；用不到的字段留空或删去。",
              "# 金额一律以万元为单位、只写数字。决算里有的合计照决算填写；没填的由分项算出，两者都有时须一致。",
              "# 占比、执行率及其得分、等级由程序计算。不知道的留空：报告里印成空白，make check 的“缺项”会列出来。",
              f"# 填好后运行 make check 查看还缺什么，再运行 make report UNIT={unit} 生成报告。"]
    for name, rules in writer.schema.fields.items():
        lines.append("")
        writer.comment("", rules)
        writer.field(name, rules, "")
    return "\n".join(lines) + "\n"
