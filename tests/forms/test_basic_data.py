"""附件1's lines are declared once (perfreport/forms/basic_data.py): every declared line has
its field, every field of its blocks is a declared line, and the form prints exactly the
declared lines in order — a line added by mistake, or a field without its line, fails here."""
from __future__ import annotations

import io

import docx

from perfreport.forms.basic_data import LINES, ORDER, PUBLIC_BLOCK, PUBLIC_ITEMS, THREE_PUBLIC, THREE_PUBLIC_BLOCK
from perfreport.document.report_docx import render
from perfreport.unitfile.schema import allowed_keys, load_schema, rules_at
from tests.conftest import FIXTURES, run


def test_every_declared_line_has_its_field_and_every_field_its_line():
    schema = load_schema()
    for line in LINES.values():
        rules = rules_at(schema, line.path)
        assert rules is not None, line.path
        assert set(allowed_keys(schema, line.path)) == {"上年决算数", "本年预算数", "本年决算数"}, line.path
    three_public = [k for k in allowed_keys(schema, THREE_PUBLIC_BLOCK) if k != "原文"]
    assert three_public == [line.field or line.key for line in THREE_PUBLIC]
    public = [k for k in allowed_keys(schema, PUBLIC_BLOCK)
              if set(allowed_keys(schema, PUBLIC_BLOCK + (k,))) == {"上年决算数", "本年预算数", "本年决算数"}]
    assert public == [line.key for line in PUBLIC_ITEMS]
    # a total's parts are lines of its own block, declared after it
    for line in LINES.values():
        keys = [l.key for l in (THREE_PUBLIC if line.block == THREE_PUBLIC_BLOCK else PUBLIC_ITEMS)]
        assert all(keys.index(part) > keys.index(line.key) for part in line.parts)


def test_the_form_prints_the_declared_lines_in_order():
    report, _ = run(FIXTURES / "complete.yaml")
    document = docx.Document(io.BytesIO(render(report)))
    from tests.document.test_render import basic_table
    labels = [row.cells[0].text.replace("\n", "") for row in basic_table(document).rows]
    money = labels[labels.index("经费控制情况（万元）") + 1:labels.index("部门基本支出预算调整") + 1]
    projects = [f"{n}、{p.name}" for n, p in enumerate(report.projects, start=1)]
    expected = []
    for key in ORDER:
        expected += projects if key == "projects" else [LINES[key].label if key in LINES else key]
    assert money == expected


def test_the_model_holds_keys_and_the_audit_finds_lines_by_them():
    report, _ = run(FIXTURES / "complete.yaml")
    assert list(report.three_public.lines) == [line.key for line in THREE_PUBLIC]
    assert all("、" not in row.label and "其中" not in row.label for row in report.three_public.rows)
    assert [item.label for item in report.basic.public_items] == [line.key for line in PUBLIC_ITEMS]


def test_the_indicator_groups_are_the_schemas_choices():
    """附件2/3's groups (forms/indicators.py) and the 二级指标 the schema allows are one list."""
    from perfreport.forms.indicators import GROUPS, LEVEL2_LABELS
    schema = load_schema()
    allowed = rules_at(schema, ("绩效指标", 0, "二级指标"))["allowed"]
    assert allowed == [part for group in GROUPS for part in group.parts]
    assert sum(group.weight for group in GROUPS) == 90            # with 预算执行率's 10: the form's 100
    # every label the narrow columns print: four characters a line at the most
    for text in [g.printed for g in GROUPS] + list(LEVEL2_LABELS.values()):
        assert all(len(line) <= 4 for line in text.split("\n")), text
