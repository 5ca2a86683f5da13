"""Check loaded data against schema.yaml; every problem at once, in Chinese, with its line.

Cerberus reports document paths; the loader kept the line/column of each path, so
each problem is located in the file. Messages are written here rather than through
Cerberus' message table because most of them need the offending value to give a hint
(a number typed with its unit, full-width digits, a full-width colon).
"""
from __future__ import annotations

import difflib
import re
from bisect import insort
import unicodedata
from decimal import Decimal
from pathlib import Path

from perfreport.unitfile.quick_cerberus import import_cerberus

import_cerberus()
from cerberus import TypeDefinition, Validator, errors as cerr  # noqa: E402
from cerberus.schema import RulesSetRegistry, UnvalidatedSchema  # noqa: E402

from perfreport.shared.errors import ValidationError  # noqa: E402
from perfreport.shared.findings import ERROR, Finding  # noqa: E402
from perfreport.unitfile.load import Loaded, format_path  # noqa: E402
from perfreport.shared.outline import NONE_WORD, OUTLINE_FILE, outline_files  # noqa: E402
from perfreport.unitfile.schema import (Schema, allowed_keys, description_at, load_schema, outlines_with_field, rules_at,  # noqa: E402
                     types_of)

TYPE_NAMES = {
    "string": "文字", "money": "数字", "integer": "整数", "dict": "“键: 值”的映射",
    "list": "列表（每项一行，以“- ”开头）", "boolean": "true 或 false",
}


class _SortedErrors(cerr.ErrorList):
    """An error list kept in order as it grows. Cerberus sorts its lists after every error
    it adds (Validator._error, ErrorTreeNode.add): with thousands of errors (a file of 40 000
    projects each with a typo) that is quadratic, hours for the largest files. Here sort()
    places each error appended since the last sort by bisection, after any equal to it, which
    is where a stable sort of the whole list puts it: the same order, in O(log n) comparisons
    an error. A list sorted some other way (arguments) is sorted as list.sort does."""

    def __init__(self, *args):
        super().__init__(*args)
        self.sorted_to = 0              # the errors before it are in order

    def sort(self, *args, **kwargs):
        if args or kwargs or self.sorted_to > len(self):
            super().sort(*args, **kwargs)
        else:
            added = self[self.sorted_to:]
            del self[self.sorted_to:]
            for error in added:
                if self and error < self[-1]:
                    insort(self, error)
                else:                   # most come in order: one comparison
                    self.append(error)
        self.sorted_to = len(self)


def _tree_add(node, error):
    """cerberus.errors.ErrorTreeNode.add (Cerberus 1.3.8, requirements.txt), its new nodes'
    lists kept in order as they grow (_SortedErrors)."""
    error_path = node._path_of_(error)
    key = error_path[node.depth]
    if key not in node.descendants:
        node[key] = _TreeNode(error_path, node)
    child = node[key]
    if len(error_path) == node.depth + 1:
        child.errors.append(error)
        child.errors.sort()
        if error.is_group_error:
            for child_error in error.child_errors:
                node.tree_root.add(child_error)
    else:
        child.add(error)


class _TreeNode(cerr.ErrorTreeNode):
    __slots__ = ()

    def __init__(self, path, parent_node):
        super().__init__(path, parent_node)
        self.errors = _SortedErrors()

    add = _tree_add


class _TreeRoot:
    """cerberus.errors.ErrorTree.add, with _TreeNode for its nodes."""

    def __init__(self):
        super().__init__()
        self.errors = _SortedErrors()

    def add(self, error):
        if not self._path_of_(error):
            self.errors.append(error)
            self.errors.sort()
        else:
            _tree_add(self, error)


class _DocumentTree(_TreeRoot, cerr.DocumentErrorTree):
    pass


class _SchemaTree(_TreeRoot, cerr.SchemaErrorTree):
    pass


class UnitValidator(Validator):
    """Cerberus with the money type: int or Decimal (the loader never makes floats); its
    error lists are kept in order as they grow (_SortedErrors), not sorted at every error."""
    types_mapping = Validator.types_mapping.copy()
    types_mapping["money"] = TypeDefinition("money", (int, Decimal), (bool,))
    # Cerberus counts true as the integer 1 (bool is an int in Python): 在职人数: true is a mistake
    types_mapping["integer"] = TypeDefinition("integer", (int,), (bool,))

    def _error(self, *args):
        # every error comes through here; at the first since the validation began (its lists
        # and trees new and empty), they become the kind kept in order as they grow
        if not isinstance(self._errors, _SortedErrors):
            self._errors = _SortedErrors(self._errors)
            self._errors.sorted_to = len(self._errors)          # Cerberus keeps it sorted
            if not self.document_error_tree.descendants and not self.document_error_tree.errors:
                self.document_error_tree = _DocumentTree()
            if not self.schema_error_tree.descendants and not self.schema_error_tree.errors:
                self.schema_error_tree = _SchemaTree()
        super()._error(*args)


class _Collect(cerr.BaseErrorHandler):
    """Keeps Cerberus' errors flat: leaves only, group errors opened."""

    def __call__(self, errors):
        self.leaves = list(_flatten(errors))
        return self.leaves

    def __iter__(self):
        return iter(getattr(self, "leaves", []))


def _flatten(errors):
    for error in errors:
        if error.is_group_error:
            yield from _flatten(error.child_errors)
        else:
            yield error


def make_validator(schema: Schema, check_rules: bool = False) -> UnitValidator:
    """Cerberus checks a rules set against its own meta-schema before use, which costs more
    than validating a unit; schema.yaml is fixed and test_schema checks it that way
    (check_rules=True), so a run skips it."""
    registry = RulesSetRegistry()
    for name, rules in schema.definitions.items():
        registry.add(name, rules)
    fields = schema.fields if check_rules else UnvalidatedSchema(schema.fields)
    return UnitValidator(fields, rules_set_registry=registry, error_handler=_Collect)


# ---------------------------------------------------------------- messages

NUMBER_WITH_UNIT = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*(万元|元|万|%|％|个|人|次|分|平方米|㎡|m²)\s*$")


def type_hint(value, expected: list[str]) -> str:
    """What to type instead, for a value of the wrong type."""
    if isinstance(value, str):
        text = value.strip()
        if {"money", "integer"} & set(expected):
            normalised = unicodedata.normalize("NFKC", text)
            if normalised != text and re.fullmatch(r"[-+]?\d+(\.\d+)?", normalised):
                return f"请用半角数字：{normalised}"
            match = NUMBER_WITH_UNIT.match(normalised)
            if match:
                number, unit = match.groups()
                if unit in ("%", "％"):
                    return f"只写数字 {number}；百分比由程序计算，不用填写"
                if unit == "元":
                    return "金额以万元为单位，只写数字（如 179.2）"
                return f"只写数字：{number}（单位“{unit}”已由表格给出）"
            if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", normalised):
                return f"不要写千分位逗号：{normalised.replace(',', '')}"
            if normalised in ("", "-", "—", "/", "无"):
                return "没有的金额请写 0，或删除这一行"
        if "dict" in expected and "：" in text:
            return "键和值之间请用半角冒号加空格“: ”"
        if "dict" in expected:
            return "下面一行缩进后再写各项“键: 值”"
        if "list" in expected:
            return "每项单独一行，以“- ”开头"
    if isinstance(value, Decimal) and "integer" in expected:
        return "人数、年度等请写整数"
    if isinstance(value, (int, Decimal)) and "string" in expected:
        return f"文字请加引号：\"{value}\""
    if isinstance(value, bool) and "string" in expected:
        return "文字请加引号"
    return ""


def _present_keys(document: dict, path: tuple) -> set:
    node = document
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return set()
    return set(node) if isinstance(node, dict) else set()


def message_for(error, schema: Schema, document: dict | None = None, present: dict | None = None) -> tuple[str, str]:
    """(说明, 提示) for one Cerberus leaf error. present: the keys of each mapping, by its
    path, as far as known (kept by check between errors: one mapping may have thousands)."""
    code, value, constraint = error.code, error.value, error.constraint
    field = error.document_path[-1] if error.document_path else ""
    if code == cerr.UNKNOWN_FIELD.code:
        parent = tuple(error.document_path[:-1])
        choices = allowed_keys(schema, parent)
        present = {} if present is None else present
        if parent not in present:
            present[parent] = _present_keys(document or {}, parent)
        # a key already in this mapping is not what the officer meant to type
        free = [c for c in choices if c not in present[parent]]
        close = difflib.get_close_matches(str(field), free, n=1, cutoff=0.4)
        hint = f"您是否想写“{close[0]}”？" if close else (
            f"这里可以写：{'、'.join(choices)}" if choices else "")
        # a section of another outline: the unit chose (or left) the wrong outline, not mistyped
        others = outlines_with_field(str(field)) if not parent else []
        if others and schema.outline:
            chosen = "、".join(f"“{o}”" for o in others)
            hint = (f"“{field}”是提纲{chosen}的一部分，本单位用的是提纲“{schema.outline}”（设置.提纲）；"
                    f"要用这一部分，请在“设置.提纲”写 {others[0]}")
        return f"未知字段“{field}”（程序不会使用它，数据会丢失）", hint
    if code == cerr.REQUIRED_FIELD.code:
        description = description_at(schema, tuple(error.document_path))
        return f"缺少必填字段“{field}”", f"应填写：{description}" if description else ""
    if code == cerr.NOT_NULLABLE.code:
        return "没有填写内容", "请填写，或删除这一行"
    if code == cerr.BAD_TYPE.code:
        expected = constraint if isinstance(constraint, list) else [constraint]
        names = "或".join(TYPE_NAMES.get(t, t) for t in expected)
        shown = f"“{value}”" if not isinstance(value, (dict, list, bool)) else (
            f"“{str(value).lower()}”（YAML 里的是/否）" if isinstance(value, bool) else
            "映射" if isinstance(value, dict) else "列表")
        hint = type_hint(value, expected)
        if value == NONE_WORD and len(error.document_path) == 1 and schema.outline:
            # 无 where another outline has a sentence for it (十节's funds), but this one has none
            hint = (f"提纲“{schema.outline}”的这一部分不能写“{NONE_WORD}”，没有就删去这一行。"
                    + description_at(schema, tuple(error.document_path)))
        return f"应为{names}，实际是{shown}", hint
    if code == cerr.EMPTY_NOT_ALLOWED.code:
        return "不能为空", "请填写内容，或删除这一行"
    if code == cerr.MIN_LENGTH.code:
        return f"至少要有 {constraint} 项", ""
    if code == cerr.MIN_VALUE.code:
        return f"不能小于 {constraint}，实际是 {value}", ""
    if code == cerr.MAX_VALUE.code:
        return f"不能大于 {constraint}，实际是 {value}", ""
    if code == cerr.UNALLOWED_VALUE.code:
        close = difflib.get_close_matches(str(value), [str(c) for c in constraint], n=1, cutoff=0.3)
        hint = f"您是否想写“{close[0]}”？" if close else ""
        return f"“{value}”不是可选值；可选：{'、'.join(map(str, constraint))}", hint
    if code == cerr.REGEX_MISMATCH.code and constraint == NONE_WORD:
        # a section's one word for "nothing here"; anything else in its place is a list or a mapping
        kind = "各段文字（每段一行“- 文字”）" if "list" in types_of(rules_at(schema, tuple(error.document_path)) or {}) \
            else "说明和表格"
        return f"这里写“{NONE_WORD}”（没有），或写{kind}；“{value}”不是这两种写法", \
            description_at(schema, tuple(error.document_path))
    if code == cerr.REGEX_MISMATCH.code:
        return f"“{value}”格式不对", description_at(schema, tuple(error.document_path))
    if code == cerr.EXCLUDES_FIELD.code:
        others = "、".join(constraint) if isinstance(constraint, list) else str(constraint)
        return f"“{field}”与“{others}”不能同时填写", "有了分项，合计由程序计算"
    if code == cerr.DEPENDENCIES_FIELD.code:
        needed = "、".join(constraint) if isinstance(constraint, (list, tuple)) else str(constraint)
        return f"填写了“{field}”就必须同时填写“{needed}”", ""
    return f"不符合规则 {error.rule}（{constraint}）", ""


def check(loaded: Loaded, schema: Schema | None = None) -> list[Finding]:
    """All schema problems of one unit, sorted by position in the file."""
    schema = schema or load_schema()
    validator = make_validator(schema)
    # without Cerberus' normalisation: schema.yaml has no rule that normalises (default,
    # coerce, rename, purge; test_schema keeps it so), and what validation reads of the
    # document is its own; normalising walked every mapping first, a third of the time
    if validator.validate(loaded.data, normalize=False):
        return []
    findings, present = [], {}
    for error in validator.errors:
        path = tuple(error.document_path)
        message, hint = message_for(error, schema, loaded.data, present)
        where_path = path[:-1] if error.code == cerr.REQUIRED_FIELD.code else path
        if error.code == cerr.REQUIRED_FIELD.code and path in loaded.blank_paths:
            message, where_path = f"必填字段“{path[-1]}”没有填写", path
        line, column = loaded.where(where_path) or (None, None)
        findings.append(Finding(ERROR, message, file=loaded.file, line=line, column=column,
                                path=format_path(path), hint=hint))
    findings.sort(key=lambda f: (f.line or 0, f.column or 0, f.path))
    return _unique(findings)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for finding in findings:
        key = (finding.line, finding.column, finding.path, finding.message)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def chosen_outline(loaded: Loaded) -> Path:
    """The outline file the unit chose in 设置.提纲, or the default when it chose none. The
    schema it is validated against depends on it, so it is read first; a name that is no
    outline stops here, as every other rule would be the wrong outline's. A 设置 or 提纲 of
    the wrong kind is left to the validation, which says so in its usual words."""
    settings = loaded.data.get("设置")
    name = settings.get("提纲") if isinstance(settings, dict) else None
    if not isinstance(name, str):
        return OUTLINE_FILE
    named = outline_files()
    if name in named:
        return named[name]
    line, column = loaded.where(("设置", "提纲")) or (None, None)
    # the files as the project names them (templates/…), wherever the command runs
    choices = "、".join(f"{n}（{p.relative_to(OUTLINE_FILE.parent.parent).as_posix()}）" for n, p in named.items())
    close = difflib.get_close_matches(name, list(named), n=1, cutoff=0.3)
    raise ValidationError([Finding(
        ERROR, f"没有名为“{name}”的提纲；可选的提纲：{choices}", file=loaded.file, line=line, column=column,
        path="设置.提纲", hint=(f"您是否想写“{close[0]}”？" if close else "") +
        f"不写“提纲”则用“{next(iter(named))}”")])


def validate(loaded: Loaded, schema: Schema | None = None) -> None:
    findings = check(loaded, schema)
    if findings:
        raise ValidationError(findings)
