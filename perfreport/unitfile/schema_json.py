"""schema.yaml (Cerberus) -> schema.json (JSON Schema 2020-12) for editors.

Editors that use yaml-language-server (VS Code with Red Hat's YAML extension, and others) read the
`# yaml-language-server: $schema=../schema.json` first line of a unit file and offer
completion, checks and hover help in Chinese from it. Cerberus stays the validator of record;
this is a faithful translation of the rules schema.yaml uses, and a test keeps it current.

One schema.json serves every outline (templates/outline*.yaml): a top-level field whose rules
are the same under each is written once; one that differs (a section's words: its number and
title in the description, whether 无 is allowed) is written under each outline in an
`if` 设置.提纲 is that outline `then` … branch, the default's taken when no other is chosen.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from perfreport.shared.outline import outline_files
from perfreport.unitfile.schema import Schema, load_schema, types_of

SCHEMA_JSON = Path(__file__).resolve().parents[2] / "schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
JSON_TYPES = {"string": "string", "integer": "integer", "money": "number", "dict": "object",
              "list": "array", "boolean": "boolean"}


def _names(value) -> list:
    return value if isinstance(value, list) else [value]


def _reference(name: str) -> dict:
    return {"$ref": "#/$defs/" + quote(name)}


def _blank_allowed(field: dict) -> dict:
    """A key left blank counts as not filled in (load.drop_blanks), so null is accepted as a
    value of an optional field."""
    kinds = field.get("type")
    if kinds is not None:
        field["type"] = [*_names(kinds), "null"]
    if "enum" in field:
        field["enum"] = [*field["enum"], None]
    return field


def _blank_refused(name: str, field: dict) -> dict:
    """A required field left blank is a problem in the editor, as in `make check`."""
    kinds = [k for k in _names(field.get("type", [])) if k != "null"]
    kind = KIND_MESSAGES.get(kinds[0], "") if len(kinds) == 1 else ""
    field["errorMessage"] = f"“{name}”必须填写" + (f"，{kind}" if kind else "") + "。" + field.get("description", "")
    return field


# What the editor says when a value has the wrong kind (its own English or generic words
# otherwise); the same words `make check` uses (validate.TYPE_NAMES, type_hint).
KIND_MESSAGES = {
    "integer": "应为整数：只写数字（如 2023、14），不带单位",
    "number": "应为数字：金额以万元为单位，只写数字（如 120.5），不带“万元”；百分比写成数字",
    "string": "应为文字：数字、是/否、时间写成文字时请加引号",
    "array": "应为列表：每项另起一行，以“- ”开头",
    "boolean": "应为 true 或 false",
}
# a string may not hold control characters (load.py refuses them): the editor says so too
NO_CONTROL = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"


def _messages(name: str, field: dict, rules: dict) -> dict:
    kinds = [k for k in _names(field.get("type", [])) if k != "null"]
    if len(kinds) == 1 and kinds[0] in KIND_MESSAGES and "errorMessage" not in field:
        field["errorMessage"] = f"“{name}”{KIND_MESSAGES[kinds[0]]}"
    if "enum" in field:
        allowed = "、".join(str(v) for v in field["enum"] if v is not None)
        field["errorMessage"] = f"“{name}”只能是：{allowed}"
    if "pattern" in field and field["pattern"] != NO_CONTROL:
        field["patternErrorMessage"] = f"“{name}”格式不对：" + field.get("description", "")
    return field


BLANK = {"anyOf": [{"type": "null"}, {"type": "string", "pattern": "^\\s*$"}]}


# the definitions of the schema being converted, for _non_blank to look into (文字块 …)
_definitions: dict = {}


def _non_blank(rules, depth: int = 0) -> dict:
    """A value that is not blank as load.drop_blanks reads it: not null or spaces, a mapping
    with a non-blank value, a list with a non-blank item (three levels down; deeper, any
    value that is not null counts)."""
    if isinstance(rules, str):
        rules = _definitions.get(rules)
    if isinstance(rules, dict) and depth < 3:
        types, inner = types_of(rules), rules.get("schema")
        if "list" in types and inner is not None:
            return {"type": "array", "contains": _non_blank(inner, depth + 1)}
        if isinstance(inner, dict):
            return {"type": "object", "anyOf": [_filled(n, r, depth + 1) for n, r in inner.items()]}
    return {"not": BLANK}


def _filled(name: str, rules=None, depth: int = 0) -> dict:
    return {"required": [name], "properties": {name: _non_blank(rules, depth)}}


def _properties(fields: dict, always: bool = True) -> dict:
    """An object's properties, required list, either-or (excludes) and dependencies.

    `always`: the object itself must be there (the file, 单位): its required fields must be
    filled. Otherwise (a project, an indicator, a table in a list) an object left all blank
    is no object at all (load.drop_blanks, as `make check` reads it), and its required
    fields must be filled only once any of its other fields is."""
    properties = {}
    for name, rules in fields.items():
        field = _messages(name, convert(rules, always), rules) if isinstance(rules, dict) else convert(rules)
        required_here = isinstance(rules, dict) and rules.get("required") and always
        properties[name] = _blank_refused(name, field) if required_here else _blank_allowed(field)
    out: dict = {"type": "object", "properties": properties, "additionalProperties": False}
    required, conditions = [], []
    for name, rules in fields.items():
        excludes = _names(rules["excludes"]) if rules.get("excludes") else []
        if rules.get("required") and not excludes and always:
            required.append(name)
        elif rules.get("required") and not excludes:
            others = [n for n in fields if n != name]
            if others:
                refusal = _blank_refused(name, {"type": [k for k in _names(properties[name].get("type", []))
                                                         if k != "null"],
                                                "description": properties[name].get("description", "")})
                refusal.pop("description")
                conditions.append({"if": {"anyOf": [_filled(n, fields[n]) for n in others]},
                                   "then": {"required": [name], "properties": {name: refusal}}})
        elif rules.get("required"):
            # required unless one of the fields it excludes is given
            conditions.append({"anyOf": [{"required": [n]} for n in [name, *excludes]]})
        if excludes:     # not filled in together (a blank key is not filled in)
            conditions.append({"not": {"allOf": [_filled(name), {"anyOf": [_filled(n) for n in excludes]}]}})
        if rules.get("dependencies"):
            out.setdefault("dependentRequired", {})[name] = _names(rules["dependencies"])
    if required:
        out["required"] = required
    if conditions:
        out["allOf"] = conditions
    return out


def convert(rules: dict | str, always_parent: bool = False) -> dict:
    """One Cerberus rule set as a JSON Schema. `always_parent`: the mapping that holds this
    field must be there (see _properties)."""
    if isinstance(rules, str):
        return _reference(rules)
    types = types_of(rules)
    out: dict = {}
    description = (rules.get("meta") or {}).get("description")
    if description:
        out["description"] = description
    inner = rules.get("schema")
    if "list" in types and inner is not None:
        out.update(type="array", items=convert(inner))
    elif isinstance(inner, dict):
        out.update(_properties(inner, always=always_parent and bool(rules.get("required"))))  # objects only
    kinds = [JSON_TYPES[t] for t in types]
    if kinds:
        out["type"] = kinds[0] if len(kinds) == 1 else kinds
    if rules.get("nullable"):
        out["type"] = _names(out.get("type", [])) + ["null"]
    if "allowed" in rules:
        out["enum"] = list(rules["allowed"])
    if "regex" in rules:
        out["pattern"] = f"^(?:{rules['regex']})$"       # Cerberus matches the whole value
    elif types == ["string"] and "allowed" not in rules:
        out["pattern"] = NO_CONTROL
        out["patternErrorMessage"] = "文字里有不允许的控制字符（常见于从网页或 Word 复制的文字），请删除它"
    if "min" in rules:
        out["minimum"] = rules["min"]
    if "max" in rules:
        out["maximum"] = rules["max"]
    if rules.get("empty") is False:
        out["minLength" if "string" in types else "minItems"] = 1
    if "minlength" in rules:
        out["minItems" if "list" in types else "minLength"] = rules["minlength"]
    return out


def _chose(name: str, names: list[str]) -> dict:
    """The unit chose outline `name`: 设置.提纲 says so, or (the default, names[0]) no other."""
    if name != names[0]:
        # type object: a 设置 left blank (null) chose nothing, yet has no 提纲 to miss
        return {"required": ["设置"], "properties": {"设置": {
            "type": "object", "required": ["提纲"], "properties": {"提纲": {"const": name}}}}}
    return {"not": {"anyOf": [_chose(other, names) for other in names[1:]]}}


def _merged(tops: list[dict], names: list[str]) -> dict:
    """The top-level object of several outlines' schemas as one (see the module's note)."""
    first = tops[0]
    for other, name in zip(tops[1:], names[1:]):
        rest = {k: v for k, v in other.items() if k != "properties"}
        if rest != {k: v for k, v in first.items() if k != "properties"}:
            # only the sections' fields come from an outline; these are schema.yaml's
            raise ValueError(f"outline {name}: its top level differs beyond its sections' fields")
    keys = list(dict.fromkeys(k for top in tops for k in top["properties"]))
    properties, branches = {}, {name: {} for name in names}
    for key in keys:
        own = [top["properties"].get(key) for top in tops]
        if all(rules == own[0] for rules in own):
            properties[key] = own[0]
            continue
        properties[key] = {}            # allowed here; what it may hold, in the outline's branch
        for name, rules in zip(names, own):
            if rules is not None:
                branches[name][key] = rules
    conditions = []
    for top, (name, branch) in zip(tops, branches.items()):
        then: dict = {"properties": branch}
        if set(top["properties"]) != set(keys):
            # a key of other outlines only: refused as the top level refuses a key no outline
            # has, on its key's line (a `false` or `not` schema would mark the value's)
            then = {"properties": {k: branch.get(k, {}) for k in top["properties"]}, "additionalProperties": False}
        if then["properties"]:
            conditions.append({"if": _chose(name, names), "then": then})
    out = dict(first, properties=properties)
    if conditions:
        out["allOf"] = [*first.get("allOf", []), *conditions]
    return out


def json_schema(schema: Schema | None = None) -> dict:
    """The JSON Schema of one Cerberus schema; by default, of every outline's at once."""
    named = {schema.outline: schema} if schema else {
        name: load_schema(outline_path=path) for name, path in outline_files().items()}
    first = next(iter(named.values()))
    _definitions.clear()
    _definitions.update(first.definitions)
    top = _merged([_properties(s.fields, always=True) for s in named.values()], list(named))
    return {"$schema": DIALECT,
            "title": "部门（单位）整体支出绩效自评报告的单位数据",
            "description": "由 schema.yaml 和 templates/outline*.yaml 生成（python render.py schema），不要手改。",
            **top,
            "$defs": {name: convert(rules) for name, rules in first.definitions.items()}}


def json_schema_text(schema: Schema | None = None) -> str:
    return json.dumps(json_schema(schema), ensure_ascii=False, indent=2) + "\n"
