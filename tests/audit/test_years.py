"""The two years against each other (perfreport/audit/years.py): next year's unit carried from
this year's (derive/next_year.py) agrees with it; each 上年 figure planted wrong gives exactly one
warning, at its line, with both values and last year's file; last year's unit is found by
设置.上年单位 or, in reports/, by its 全称 and year; one named and missing is said once."""
from decimal import Decimal
from pathlib import Path

import pytest

from perfreport.commands import previous
from perfreport.commands.pipeline import examine
from perfreport.derive.next_year import next_year
from perfreport.unitfile.load import format_path
from perfreport.unitfile.write import unit_yaml
from tests.conftest import ROOT


def next_years(unit: str, folder: Path, setting=True) -> tuple[Path, dict]:
    last = folder / f"{unit}.yaml"
    last.write_text((ROOT / "reports" / f"{unit}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    checked = examine(last)
    data = next_year(checked.loaded.data, checked.report, f"{unit}-next")
    if setting:
        data["设置"] = {**data.get("设置", {}), "上年单位": str(last)}
    return folder / f"{unit}-next.yaml", data


def year_findings(path: Path, data: dict):
    path.write_text(unit_yaml(data), encoding="utf-8")
    return [f for f in examine(path).findings if f.rule == "上年数"]


# (unit, path of a 上年 figure in next year's file, what it names)
PLANTED = [
    ("yueyanglou", ("三公经费", "公务接待", "上年决算数"), "“三公”经费“3、公务接待”的上年决算数"),
    ("yueyanglou", ("项目", 1, "上年决算数"), "项目“运行维护经费”的上年决算数"),
    ("yueyanglou", ("基本支出", "公用经费", "上年决算数"), "公用经费的上年决算数"),
    ("yueyanglou", ("基本支出", "公用经费", "办公经费", "上年决算数"), "公用经费“办公经费”的上年决算数"),
    ("yueyanglou", ("政府采购", "上年决算数"), "政府采购的上年决算数"),
    ("wugang", ("预算", "上年结转"), "上年结转"),
    ("kaifu", ("项目支出", "上年决算数"), "项目支出的上年决算数"),
]


def test_next_year_as_carried_agrees_with_last_year(tmp_path):
    for unit in ("yueyanglou", "wugang", "kaifu", "hengshan", "dongkou"):
        path, data = next_years(unit, tmp_path)
        assert year_findings(path, data) == [], unit


@pytest.mark.parametrize("unit, where, label", PLANTED)
def test_a_wrong_last_year_figure_is_said_once_at_its_line(tmp_path, unit, where, label):
    path, data = next_years(unit, tmp_path)
    node = data
    for key in where[:-1]:
        node = node[key]
    was = node[where[-1]]
    node[where[-1]] = was + Decimal("1.5")
    found = year_findings(path, data)
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    assert f.path == format_path(where)
    assert path.read_text(encoding="utf-8").splitlines()[f.line - 1].strip().startswith(where[-1] + ":")
    what = "年末结转" if where[-1] == "上年结转" else "决算数"
    assert f.message == (f"{label}填的是 {was + Decimal('1.5'):.2f} 万元，而 {data['单位']['年度'] - 1} 年度的单位"
                         f"（{tmp_path / (unit + '.yaml')}）印的{what}是 {was:.2f} 万元")


def test_last_year_is_found_in_reports_by_its_name_and_year(tmp_path, monkeypatch):
    path, data = next_years("yueyanglou", tmp_path, setting=False)
    monkeypatch.setattr("perfreport.commands.pipeline.REPORTS", tmp_path)
    data["政府采购"]["上年决算数"] = Decimal("1")
    assert [f.path for f in year_findings(path, data)] == ["政府采购.上年决算数"]
    data["单位"]["全称"] = "另一个单位"                  # another unit's year before is not this one's
    assert year_findings(path, data) == []


def test_last_year_named_and_not_there_is_said_once(tmp_path):
    path, data = next_years("yueyanglou", tmp_path)
    data["设置"]["上年单位"] = "no-such-unit"
    found = year_findings(path, data)
    assert len(found) == 1 and found[0].path == "设置.上年单位"
    assert found[0].message.startswith("设置.上年单位 写的是“no-such-unit”，但 ") and "不存在；这一次没有与上年核对" in found[0].message
    previous._derived.clear()


def test_a_change_from_last_year_worth_a_word_is_asked_for(tmp_path):
    path, data = next_years("yueyanglou", tmp_path)
    data["三公经费"]["公务接待"]["本年决算数"] = Decimal("0.30")       # 0.13 → 0.30: +130.77%
    data["政府采购"]["本年决算数"] = Decimal("600")                     # 583.46 → 600: +2.83%, no word needed

    def changes():
        path.write_text(unit_yaml(data), encoding="utf-8")
        return [f for f in examine(path).findings if f.rule == "上年变动"]

    found = changes()
    assert len(found) == 1 and found[0].path == "三公经费.公务接待.本年决算数"
    assert found[0].message == (f"“三公”经费“3、公务接待”的决算比 2023 年度（{tmp_path / 'yueyanglou.yaml'}）"
                                "增加 130.77%（0.13 万元 → 0.30 万元），超过 30%，报告的文字里没有说明")
    assert path.read_text(encoding="utf-8").splitlines()[found[0].line - 1].strip() == "本年决算数: 0.30"
    data["设置"]["变动提示比例"] = 200                                   # the unit's own threshold
    assert changes() == []
    del data["设置"]["变动提示比例"]
    # a word on it, anywhere in the unit's text: 公务接待费 and a change, in one sentence
    data["三公经费"]["原文"] = ["2024年公务接待费较上年增加0.17万元，主要是接待省市检查。"]
    assert changes() == []
    data["三公经费"]["原文"] = ["2024年公务接待费0.30万元。全年执行数较上年有所增加。"]   # not on this line
    assert len(changes()) == 1


def test_the_units_words_on_last_year_are_checked_against_it(tmp_path):
    path, data = next_years("yueyanglou", tmp_path)
    data["三公经费"]["公务接待"]["本年决算数"] = Decimal("0.30")       # 0.13 → 0.30

    def said(sentence):
        data["三公经费"]["原文"] = [sentence]
        path.write_text(unit_yaml(data), encoding="utf-8")
        return [f.message for f in examine(path).findings if f.rule == "上年表述"]

    shown = f"2023 年度的单位（{tmp_path / 'yueyanglou.yaml'}）"
    assert said("公务接待费0.30万元，较上年增加0.17万元，增长130.8%。") == []
    assert said("公务接待费较上年增长50%。") == [
        f"正文写“较上年增长50%”，按{shown}应为增加 130.77%（0.13 万元 → 0.30 万元）"]
    assert said("公务接待费比2023年减少0.17万元。") == [
        f"正文写“比2023年减少0.17万元”，按{shown}应为增加 0.17 万元（0.13 万元 → 0.30 万元）"]
    assert said("公务接待费上年为0.31万元。") == [f"正文写“上年为0.31万元”，按{shown}应为0.13 万元"]
    assert said("公务接待费上年为0.13万元，今年有所增加。") == []


def test_without_last_years_unit_the_words_are_checked_against_the_forms_own_previous_column(tmp_path):
    # seed 002's own sentence, consistent with its 附件1 (公务接待 0.41 → 1.00): silent
    wugang = examine(ROOT / "reports" / "wugang.yaml")
    assert [f for f in wugang.findings if f.rule == "上年表述"] == []
    text = (ROOT / "reports" / "wugang.yaml").read_text(encoding="utf-8")
    planted = tmp_path / "wugang.yaml"
    planted.write_text(text.replace("增加金额为0.59万元", "增加金额为0.69万元"),
                       encoding="utf-8")
    found = [f for f in examine(planted).findings if f.rule == "上年表述"]
    assert [f.message for f in found] == [
        "正文写“较上年有所增加，增加金额为0.69万元”，按附件1 的上年决算数应为增加 0.59 万元（0.41 万元 → 1.00 万元）"]
    assert "增加金额为0.69万元" in planted.read_text(encoding="utf-8").splitlines()[found[0].line - 1]


def test_the_tolerances_widen_the_words_on_last_year_too(tmp_path):
    """0.59 万元 typed 0.69: off by 0.1, within 设置.金额容差 0.1 and beyond 0.05."""
    text = (ROOT / "reports" / "wugang.yaml").read_text(encoding="utf-8").replace("增加金额为0.59万元", "增加金额为0.69万元")
    for allowed, said in (("0.1", 0), ("0.05", 1)):
        planted = tmp_path / "wugang.yaml"
        planted.write_text(text.replace("\n设置:\n", f"\n设置:\n  金额容差: {allowed}\n", 1), encoding="utf-8")
        assert "金额容差" in planted.read_text(encoding="utf-8")
        assert len([f for f in examine(planted).findings if f.rule == "上年表述"]) == said, allowed
