"""schema.yaml and the outline -> Cerberus rules, and walks over its fields (descriptions,
skeletons, JSON Schema).

The fields that hold the unit's words for the outline's sections (部门整体支出绩效情况,
政府性基金预算支出 …) are not in schema.yaml: the outline declares them (templates/outline*.yaml)
and `outline_fields` turns them into rules here, so a section is declared in one place. Which
outline is the unit's (设置.提纲), so there is one schema per outline; the choices of 设置.提纲
are filled in from the outline files, as a new file is a new choice.

schema.yaml has a `definitions` section of named rule sets. A field that says
`schema: <name>` gets the definition merged in (the field's own meta and flags win). Only
list items keep the name as a reference, resolved by Cerberus from its rules-set
registry: that is what lets 文字块 contain 文字块.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import yaml

from perfreport.shared.numbering import chinese_number
from perfreport.shared.outline import GENERATED, NONE_WORD, OUTLINE_FILE, Outline, default_name, load_outline, outline_files

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.yaml"


@dataclass(frozen=True)
class Schema:
    fields: dict            # top-level Cerberus schema, definitions merged in
    definitions: dict       # name -> expanded rule set (for the Cerberus registry)
    outline: str = ""       # the name of the outline whose fields are merged in


def _expand(rules: dict, definitions: dict) -> dict:
    """Merge named definitions into one field's rules, recursively."""
    rules = copy.deepcopy(rules)
    reference = rules.get("schema")
    is_list = "list" in types_of(rules)
    if isinstance(reference, str) and not is_list:
        merged = copy.deepcopy(definitions[reference])
        own = {k: v for k, v in rules.items() if k != "schema"}
        merged.update(own)
        rules = merged
    inner = rules.get("schema")
    if isinstance(inner, dict):
        if is_list:
            rules["schema"] = _expand(inner, definitions)
        else:
            rules["schema"] = {name: _expand(sub, definitions) for name, sub in inner.items()}
    return rules


def outline_fields(outline: Outline) -> dict:
    """The rules of the fields the outline reads, with descriptions from its titles."""
    fields = {}
    if outline.opening:
        fields[outline.opening] = {
            "type": "list", "schema": {"type": "string", "empty": False},
            "meta": {"description": "报告开头、第一节之前的引言段落（可选），如“按照……要求，现将……报告如下：”；"
                                    "其中的金额由审核与数据核对。"}}
    for number, part in outline.parts():
        title = outline.sections[number - 1].title
        where = f"第{chinese_number(number)}节“{title}”"
        if part.kind in GENERATED and part.supplement:
            fields[part.supplement] = {"type": "list", "schema": "文字块", "meta": {
                "description": f"{where}中，程序生成的内容之后单位补充的段落、小标题或表格（可选）。"}}
        elif part.kind == "text":
            heading = f"（{part.heading}）" if part.heading else ""
            if part.empty:         # the unit may say there is nothing: 无
                fields[part.key] = {"type": ["string", "list"], "regex": NONE_WORD, "schema": "文字块", "meta": {
                    "description": f"{where}的内容{heading}；没有要写的就写“{NONE_WORD}”（报告印“{part.empty}”）。"
                                   f"不写则这一节只印标题，审核列入“缺项”。"}}
            else:
                required = "完整的报告必须有这一部分。" if part.required else ""
                fields[part.key] = {"type": "list", "schema": "文字块",
                                    "meta": {"description": f"{where}的内容{heading}。{required}"}}
        elif part.kind == "fund" and part.empty:
            fields[part.key] = {"type": ["string", "dict"], "regex": NONE_WORD, "schema": "其他预算", "meta": {
                "description": f"{part.name}预算支出：有的写说明和表格；没有的写“{NONE_WORD}”，{where}印"
                               f"“{part.empty.format(year='<年度>')}”。不写则这一节只印标题，审核列入“缺项”。"}}
        elif part.kind == "fund":   # an outline with no sentence for "none": the unit's words only
            fields[part.key] = {"schema": "其他预算", "meta": {
                "description": f"{part.name}预算支出：有的写说明和表格；不写则{where}不提它。"}}
    return fields


def outline_choice() -> dict:
    """The rules of 设置.提纲: one of the outline files' names."""
    named = {name: load_outline(path) for name, path in outline_files().items()}
    described = "；".join(f"“{name}”（{o.description}）" if o.description else f"“{name}”"
                         for name, o in named.items())
    return {"type": "string", "allowed": list(named), "meta": {"description":
            f"报告用哪一种提纲（有哪些节、顺序、各节的内容从哪里来、有哪些附件）；不写则用“{default_name()}”。"
            f"可选：{described}。各节的文字写在同样的键下，换提纲不用改写。"}}


@lru_cache(maxsize=None)
def load_schema(path: Path = SCHEMA_FILE, outline_path: Path = OUTLINE_FILE) -> Schema:
    # schema.yaml is ours and trusted: libyaml reads it ten times faster when present
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    definitions_raw = raw.pop("definitions", {})
    settings = (raw.get("设置") or {}).get("schema") or {}
    if "提纲" in settings:
        choice = outline_choice()
        settings["提纲"] = {**choice, **settings["提纲"], "allowed": choice["allowed"]}
    own = outline_fields(load_outline(outline_path))
    # the opening follows 单位 and 设置, as it opens the report; the sections' words come last
    opening = {k: v for k, v in own.items() if k == load_outline(outline_path).opening}
    ordered = {}
    for name, rules in raw.items():
        ordered[name] = rules
        if name == "设置":
            ordered.update(opening)
    ordered.update({k: v for k, v in own.items() if k not in ordered})
    definitions = {name: _expand(rules, definitions_raw) for name, rules in definitions_raw.items()}
    fields = {name: _expand(rules, definitions_raw) for name, rules in ordered.items()}
    return Schema(fields=fields, definitions=definitions, outline=load_outline(outline_path).name)


def outlines_with_field(key: str) -> list[str]:
    """The outlines (by name) whose sections read a top-level key: where a key the unit's own
    outline does not know belongs."""
    return [name for name, path in outline_files().items() if key in outline_fields(load_outline(path))]


@dataclass(frozen=True)
class FieldInfo:
    path: tuple            # ('项目', '[]', '名称'): '[]' stands for "each item of the list"
    rules: dict

    @property
    def description(self) -> str:
        return (self.rules.get("meta") or {}).get("description", "")


def walk_fields(schema: Schema | None = None) -> Iterator[FieldInfo]:
    """Every field of the model once, depth first; recursive definitions are visited once."""
    schema = schema or load_schema()

    def visit(name_path: tuple, rules: dict, seen: frozenset) -> Iterator[FieldInfo]:
        yield FieldInfo(name_path, rules)
        inner = rules.get("schema")
        if "list" in types_of(rules) and inner is not None:
            if isinstance(inner, str):
                if inner in seen:
                    return
                seen = seen | {inner}
                inner = schema.definitions[inner]
            yield from visit_item(name_path + ("[]",), inner, seen)
        elif isinstance(inner, dict):
            for name, sub in inner.items():
                yield from visit(name_path + (name,), sub, seen)

    def visit_item(name_path: tuple, rules: dict, seen: frozenset) -> Iterator[FieldInfo]:
        inner = rules.get("schema")
        if isinstance(inner, dict) and "list" not in types_of(rules):
            for name, sub in inner.items():
                yield from visit(name_path + (name,), sub, seen)
        elif isinstance(inner, (dict, str)):
            yield from visit(name_path, rules, seen)

    for name, rules in schema.fields.items():
        yield from visit((name,), rules, frozenset())


def types_of(rules: dict) -> list:
    """The `type` of a rule set as a list (Cerberus allows one name or several)."""
    kind = rules.get("type", [])
    return kind if isinstance(kind, list) else [kind]


def _resolve(schema: Schema, rules: dict | str) -> dict:
    return schema.definitions[rules] if isinstance(rules, str) else rules


def rules_at(schema: Schema, path: tuple) -> dict | None:
    """The rules of the field at a document path (list indices as ints), or None."""
    rules: dict | str = {"type": "dict", "schema": schema.fields}
    for part in path:
        rules = _resolve(schema, rules)
        inner = rules.get("schema")
        if isinstance(part, int):
            if "list" not in types_of(rules) or inner is None:
                return None
            rules = inner
        else:
            if not isinstance(inner, dict) or part not in inner:
                return None
            rules = inner[part]
    return _resolve(schema, rules)


def allowed_keys(schema: Schema, path: tuple) -> list[str]:
    """The keys a mapping at a document path may hold (for 'did you mean' suggestions)."""
    rules = rules_at(schema, path)
    if rules is None or "list" in types_of(rules):
        return []
    inner = rules.get("schema")
    return list(inner) if isinstance(inner, dict) else []


def description_at(schema: Schema, path: tuple) -> str:
    rules = rules_at(schema, path)
    return ((rules or {}).get("meta") or {}).get("description", "")
