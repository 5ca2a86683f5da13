"""schema.yaml (Cerberus) -> schema.json (JSON Schema 2020-12) for editors.

Editors that use yaml-language-server (VS Code with Red Hat's YAML extension, and others) read the
`# yaml-language-server: $schema=../schema.json` first line of a unit file and offer
completion, checks and hover help in Chinese from it. Cerberus stays the validator of record;
this is a faithful translation of the rules schema.yaml uses, and a test keeps it current.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .schema import Schema, load_schema, types_of

SCHEMA_JSON = Path(__file__).resolve().parent.parent / "schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
JSON_TYPES = {"string": "string", "integer": "integer", "money": "number", "dict": "object",
              "list": "array", "boolean": "boolean"}


def _names(value) -> list:
    return value if isinstance(value, list) else [value]


def _reference(name: str) -> dict:
    return {"$ref": "#/$defs/" + quote(name)}


def _blank_allowed(field: dict) -> dict:
    """A key left blank counts as not filled in (load.drop_blanks), so null is accepted as a
    value; whether a required field is filled stays Cerberus' check."""
    kinds = field.get("type")
    if kinds is not None:
        field["type"] = [*_names(kinds), "null"]
    if "enum" in field:
        field["enum"] = [*field["enum"], None]
    return field


def _filled(name: str) -> dict:
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


def _properties(fields: dict) -> dict:
    """An object's properties, required list, either-or (excludes) and dependencies."""
    out: dict = {"type": "object", "properties": {name: _blank_allowed(convert(rules)) for name, rules in fields.items()},
                 "additionalProperties": False}
    required, conditions = [], []
    for name, rules in fields.items():
        excludes = _names(rules["excludes"]) if rules.get("excludes") else []
        if rules.get("required") and not excludes:
            required.append(name)
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


def convert(rules: dict | str) -> dict:
    """One Cerberus rule set as a JSON Schema."""
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
        out.update(_properties(inner))     # properties, required … apply to objects only
    kinds = [JSON_TYPES[t] for t in types]
    if kinds:
        out["type"] = kinds[0] if len(kinds) == 1 else kinds
    if rules.get("nullable"):
        out["type"] = _names(out.get("type", [])) + ["null"]
    if "allowed" in rules:
        out["enum"] = list(rules["allowed"])
    if "regex" in rules:
        out["pattern"] = f"^(?:{rules['regex']})$"       # Cerberus matches the whole value
    if "min" in rules:
        out["minimum"] = rules["min"]
    if "max" in rules:
        out["maximum"] = rules["max"]
    if rules.get("empty") is False:
        out["minLength" if "string" in types else "minItems"] = 1
    if "minlength" in rules:
        out["minItems" if "list" in types else "minLength"] = rules["minlength"]
    return out


def json_schema(schema: Schema | None = None) -> dict:
    schema = schema or load_schema()
    top = _properties(schema.fields)
    return {"$schema": DIALECT,
            "title": "部门（单位）整体支出绩效自评报告的单位数据",
            "description": "由 schema.yaml 生成（python render.py schema），不要手改。",
            **top,
            "$defs": {name: convert(rules) for name, rules in schema.definitions.items()}}


def json_schema_text(schema: Schema | None = None) -> str:
    return json.dumps(json_schema(schema), ensure_ascii=False, indent=2) + "\n"
