"""Next year's unit from this year's (perfreport/derive/next_year.py), for each of the five units:
it validates and renders; its 附件1 上年决算数 column is this year's 决算数 line by line, as the
report prints it (given, or added up from its parts); nothing that must be new comes with it; and
a unit carried twice in a row still works."""
import re
from decimal import Decimal

import pytest

from perfreport.commands.pipeline import examine
from perfreport.derive.next_year import moved_on, next_year
from perfreport.document.dump import dump_bytes
from perfreport.document.report_docx import render
from perfreport.forms.basic_data import THREE_PUBLIC
from perfreport.unitfile.write import unit_yaml
from tests.conftest import ROOT

UNITS = ["dongkou", "hengshan", "kaifu", "wugang", "yueyanglou"]
# what a new year must state anew: never carried, anywhere in the file
NEW_EVERY_YEAR = {"年初预算数", "全年预算数", "全年执行数", "本年预算数", "本年决算数", "实际完成值", "得分",
                  "偏差原因分析及改进措施", "实际完成情况", "定性评价", "填报日期", "总分", "实有人数", "在职人数",
                  "退休人数", "编外人数", "年末结转", "本年追加", "按支出性质分", "按收入性质分", "原文",
                  "部门整体支出绩效情况", "存在的问题及原因分析", "下一步改进措施", "资产", "楼堂馆所", "引言"}


def carried(path, name, folder):
    last = examine(path)
    data = next_year(last.loaded.data, last.report, name)
    target = folder / f"{name}.yaml"
    target.write_text(unit_yaml(data), encoding="utf-8")
    return last, data, examine(target)


def keys(value, found=None):
    found = set() if found is None else found
    if isinstance(value, dict):
        for k, v in value.items():
            found.add(k)
            keys(v, found)
    elif isinstance(value, list):
        for v in value:
            keys(v, found)
    return found


@pytest.mark.parametrize("unit", UNITS)
def test_next_year_carries_what_carries_over_and_nothing_else(unit, tmp_path):
    last, data, now = carried(ROOT / "reports" / f"{unit}.yaml", f"{unit}-next", tmp_path)
    assert not now.errors, [f.message for f in now.findings if f.is_error]
    assert now.report.unit.year == last.report.unit.year + 1
    assert render(now.report)[:2] == b"PK"                       # it renders
    assert data["职责"] and [d.text for d in now.report.duties] == [d.text for d in last.report.duties]
    assert not (keys(data) - {"原文"}) & (NEW_EVERY_YEAR - {"原文"})
    assert "原文" not in data.get("人员编制", {}) and "原文" not in data.get("基本支出", {})
    # 附件1's 上年 column: this year's 决算 of each line
    for line in THREE_PUBLIC:
        was = last.report.three_public.line(line.key).final.value
        if was is not None:
            assert now.report.three_public.line(line.key).previous.value == was, line.key
    for before, after in zip(last.report.projects, now.report.projects):
        assert after.name == before.name and after.previous == before.executed
        assert after.executed is None and after.initial is None
    assert len(now.report.projects) == len(last.report.projects)
    if last.report.basic.public is not None:
        assert now.report.basic.public_previous == last.report.basic.public
    for before, after in zip(last.report.basic.public_items, now.report.basic.public_items):
        if before.final.known:
            assert after.previous.value == before.final.value
    if last.report.procurement is not None and last.report.procurement.total.known:
        assert now.report.procurement.previous == last.report.procurement.total.value
    assert now.report.budget.project_line.previous.value == last.report.budget.project_line.final.value
    # the indicator rows: names, weights and targets; no actual, no score
    rows = [(r.name, r.weight, r.target) for r in last.report.overall.rows]
    assert [(r.name, r.weight, moved_on(r.target, last.report.unit.year) if r.target else r.target)
            for r in now.report.overall.rows] == [(n, w, moved_on(t, last.report.unit.year) if t else t) for n, w, t in rows]
    assert all(r.actual in (None, "") and r.score in (None, "") for r in now.report.overall.rows)
    # what is still to write is said: check lists the year's figures
    lacking = {f.message for f in now.findings if f.rule == "缺项"}
    assert any("全年执行数" in m for m in lacking) and any("填报日期" in m for m in lacking)


def test_the_figures_carried_are_the_ones_last_year_printed(tmp_path):
    last, data, now = carried(ROOT / "reports" / "yueyanglou.yaml", "yueyanglou2024", tmp_path)
    assert data["三公经费"] == {"公务接待": {"上年决算数": Decimal("0.13")}}
    assert data["政府采购"] == {"上年决算数": Decimal("583.46")}
    assert data["基本支出"]["公用经费"]["上年决算数"] == Decimal("60.42")
    assert data["基本支出"]["公用经费"]["办公经费"] == {"上年决算数": Decimal("12.17")}
    assert [(p["名称"], p["上年决算数"]) for p in data["项目"]] == [("业务工作经费", Decimal("231.76")),
                                                                 ("运行维护经费", Decimal("908.9"))]
    assert data["单位"]["年度"] == 2024 and data["单位"]["文件名"] == "yueyanglou2024" and "填报日期" not in data["单位"]
    assert data["人员编制"] == {"编制数": 18}                      # the posts; the people are counted again
    # its words on its offices count people (“现有人数共18人”): not carried; the lists of offices are
    assert "原文" not in data["机构设置"] and data["机构设置"]["内设机构"][0] == "综合办公室"
    wugang = carried(ROOT / "reports" / "wugang.yaml", "wugang2021", tmp_path)[1]
    assert wugang["预算"] == {"上年结转": Decimal("51.59")}         # this year's 年末结转
    assert "716.90" in unit_yaml(wugang) or "716.9" not in unit_yaml(wugang)   # digits as given, never a float's


def test_a_unit_carried_twice_in_a_row_still_works(tmp_path):
    _, _, first = carried(ROOT / "reports" / "hengshan.yaml", "hengshan2023", tmp_path)
    _, data, second = carried(tmp_path / "hengshan2023.yaml", "hengshan2024", tmp_path)
    assert not second.errors and second.report.unit.year == 2024
    assert [p.name for p in second.report.projects] == [p.name for p in first.report.projects]
    assert all(p.previous is None for p in second.report.projects)     # 2023 has no 决算 yet: nothing to carry


def test_the_year_moves_on_in_the_texts_carried():
    assert moved_on("2023年完成", 2023) == "2024年完成"
    assert moved_on({"a": ["较2022年增长", "到2035年"]}, 2023) == {"a": ["较2023年增长", "到2035年"]}
    assert moved_on("12345热线", 2023) == "12345热线" and moved_on(Decimal("5"), 2023) == Decimal("5")


ROW = re.compile(r"^│ (?P<label>[^│]+?) │ (?P<previous>[^│]*?) │ (?P<budget>[^│]*?) │ (?P<final>[^│]*?) │$")


def annex_one(document: bytes) -> dict[str, tuple[str, str]]:
    """附件1's money rows as the report prints them: label -> (上年决算数, 本年决算数)."""
    text = dump_bytes(document)
    start = text.index("部门整体支出绩效评价基础数据表")
    rows = {}
    for line in text[start:].splitlines():
        m = ROW.match(line.strip())
        if m and m.group("label").strip() not in rows:
            rows[m.group("label").strip()] = (m.group("previous").strip(), m.group("final").strip())
        if "绩效自评表" in line and rows:
            break
    return rows


@pytest.mark.parametrize("unit", UNITS)
def test_next_years_form_prints_this_years_final_figures_as_its_previous_ones(unit, tmp_path):
    last, _, now = carried(ROOT / "reports" / f"{unit}.yaml", f"{unit}-next", tmp_path)
    before, after = annex_one(render(last.report)), annex_one(render(now.report))
    compared = [label for label, (_, final) in before.items() if final and re.fullmatch(r"-?[\d.]+", final)]
    assert compared, unit
    for label in compared:
        assert after[label][0] == before[label][1], (label, after[label], before[label])
        assert after[label][1] == "", label                         # this year's 决算: still to fill
