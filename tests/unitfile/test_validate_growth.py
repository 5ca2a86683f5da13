"""Validation with many errors is linear (issue 20): Cerberus sorts its error lists after
every error it adds, which for a file of tens of thousands of errors is quadratic;
perfreport.unitfile.validate keeps them in order as they grow instead (_SortedErrors). These tests pin
that the errors, and so the findings, come out exactly as stock Cerberus gives them, in the
same order, on files with many errors of every kind. No timing here."""
import random
from pathlib import Path

import pytest
from cerberus import Validator

from perfreport.unitfile import validate as validate_module
from perfreport.shared.errors import LoadError
from perfreport.unitfile.load import load
from perfreport.unitfile.validate import UnitValidator, _SortedErrors, check
from tests.conftest import FIXTURES


class Stock(Validator):
    """UnitValidator's types, Cerberus' own error lists (sorted after every error)."""
    types_mapping = UnitValidator.types_mapping


def leaves(validator):
    return [(e.document_path, e.schema_path, e.code, e.value) for e in validator.errors]


def both_ways(path, monkeypatch):
    loaded = load(path, path.name)
    ours = check(loaded)
    kept = validate_module.make_validator
    with monkeypatch.context() as patch:
        patch.setattr(validate_module, "UnitValidator", Stock)
        stock = check(loaded)
        assert type(kept(validate_module.load_schema())) is Stock
    return [f.text() for f in ours], [f.text() for f in stock]


def many_errors(count: int, rng: random.Random) -> str:
    """The minimal unit with `count` mistakes of every kind the schema finds, in random order
    through the file: unknown keys (at the top, in 单位, in projects), wrong types, values out
    of range or not allowed, a required field missing or blank, 正文 without its 标题."""
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    unit_keys = "".join(f"  未知{i}: {i}\n" for i in range(count // 4))
    text = text.replace("  年度: 2023\n", "  年度: 2023\n" + unit_keys)
    projects = []
    for i in range(count):
        kind = rng.randrange(7)
        if kind == 0:
            projects.append(f"  - {{名称: 项目{i}, 全年执行数: {i}万元}}")
        elif kind == 1:
            projects.append(f"  - {{全年执行数: {i}}}")
        elif kind == 2:
            projects.append(f"  - {{名称: 项目{i}, 未知: 1, 用途: [列表]}}")
        elif kind == 3:
            projects.append(f"  - {{名称: 项目{i}, 年初预算数: -{i + 1}}}")
        elif kind == 4:
            projects.append(f"  - {{名称: 项目{i}, 绩效指标: [{{二级指标: 数量{i}, 三级指标: x, 分值: 一}}]}}")
        elif kind == 5:
            projects.append(f"  - {{名称: \"\", 上年结转资金: {{全年执行数: x}}}}")
        else:
            projects.append(f"  - 项目{i}")
    words = "".join(f"  - {{正文: 段落{i}}}\n" if i % 3 else f"  - {{标题: {i}, 内容: 段落}}\n" for i in range(count // 4))
    text = text.replace("下一步改进措施: [继续保持。]\n", "下一步改进措施:\n" + words)
    top = "".join(f"顶层未知{i}: 1\n" for i in range(count // 4))
    return text + "项目:\n" + "\n".join(projects) + "\n" + top


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_many_errors_come_out_as_stock_cerberus_gives_them(tmp_path, monkeypatch, seed):
    path = tmp_path / "minimal.yaml"
    path.write_text(many_errors(300, random.Random(seed)), encoding="utf-8")
    ours, stock = both_ways(path, monkeypatch)
    assert ours == stock
    assert len(ours) > 450


def test_the_raw_errors_and_their_order_are_cerberus_own(tmp_path):
    path = tmp_path / "minimal.yaml"
    path.write_text(many_errors(200, random.Random(4)), encoding="utf-8")
    data = load(path, path.name).data
    schema = validate_module.load_schema()
    ours = validate_module.make_validator(schema)
    stock = Stock(ours.schema, rules_set_registry=ours.rules_set_registry,
                  error_handler=validate_module._Collect)
    assert not ours.validate(data) and not stock.validate(data)
    assert leaves(ours) == leaves(stock)
    # every list the errors went into is the kind kept in order as it grows
    assert isinstance(ours._errors, _SortedErrors)
    nodes = [ours.document_error_tree, ours.schema_error_tree]
    while nodes:
        node = nodes.pop()
        assert isinstance(node.errors, _SortedErrors)
        nodes += node.descendants.values()


def test_every_bad_input_validates_as_with_stock_cerberus(monkeypatch):
    checked = 0
    for path in sorted(Path(__file__).parents[1].glob("bad_inputs/*.yaml")):
        try:
            load(path, path.name)
        except LoadError:
            continue
        ours, stock = both_ways(path, monkeypatch)
        assert ours == stock, path.name
        checked += 1
    assert checked > 5


def test_a_sorted_error_list_sorts_as_a_stable_sort_does():
    rng = random.Random(5)

    class Item:
        def __init__(self, key, n):
            self.key, self.n = key, n

        def __lt__(self, other):
            return self.key < other.key

    for _ in range(200):
        items = [Item(rng.randrange(6), n) for n in range(rng.randrange(30))]
        kept, plain = _SortedErrors(), []
        for item in items:
            for chunk in (kept, plain):
                chunk.append(item)
            if rng.random() < 0.4:
                kept.sort()
                plain.sort()
        kept.sort()
        plain.sort()
        assert [i.n for i in kept] == [i.n for i in plain]
