"""`make all`: every unit in worker processes, a failing unit reported while the others render,
and the summary as a table, SUMMARY.md and SUMMARY.xlsx."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal

import openpyxl
import pytest

from perfreport.commands.batch import process_unit, run_all
from tests.conftest import FIXTURES, ROOT


@pytest.fixture
def folder(tmp_path):
    """Three units: two good ones and one whose 年度 is not a number."""
    shutil.copy(FIXTURES / "complete.yaml", tmp_path / "complete.yaml")
    shutil.copy(FIXTURES / "minimal.yaml", tmp_path / "minimal.yaml")
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(text.replace("年度: 2023", "年度: 二〇二三"), encoding="utf-8")
    return tmp_path


def make_all(folder, *args):
    env = dict(os.environ, PERFREPORT_REPORTS=str(folder), COLUMNS="160")
    return subprocess.run([sys.executable, "render.py", "all", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env)


def test_one_unit_result_carries_its_figures(folder):
    result = process_unit(folder / "complete.yaml")
    assert (result.name, result.year) == ("示例县行政审批服务局", 2023)
    assert (result.full_year, result.executed) == (Decimal("1200"), Decimal("1180"))
    assert (result.score, result.grade, result.warnings, result.errors) == (Decimal("97.73"), "优", 1, 0)
    assert result.written and (folder / "complete.docx").exists()
    assert not process_unit(folder / "complete.yaml").written        # same bytes: file left alone


def test_a_failing_unit_does_not_stop_the_others(folder):
    paths = sorted(folder.glob("*.yaml"))
    seen = []
    results = run_all(paths, workers=2, progress=seen.append)
    assert [r.file.rsplit("/", 1)[-1] for r in results] == ["broken.yaml", "complete.yaml", "minimal.yaml"]
    assert len(seen) == 3
    broken = results[0]
    assert broken.failed and broken.errors == 1 and broken.year is None
    assert broken.findings[0].text().endswith("broken.yaml:5:3: 单位.年度: 应为整数，实际是“二〇二三”")
    assert not (folder / "broken.docx").exists()
    assert (folder / "complete.docx").exists() and (folder / "minimal.docx").exists()


def test_make_all_prints_progress_and_summary_and_exits_1_when_a_unit_failed(folder):
    done = make_all(folder)
    assert done.returncode == 1
    assert "生成报告" in done.stderr and "3/3" in done.stderr
    assert "单位.年度: 应为整数，实际是“二〇二三”" in done.stderr
    assert "有错误的单位：" in done.stderr and "broken.yaml" in done.stderr
    assert "示例县行政审批服务局" in done.stderr and "97.73" in done.stderr
    summary = (folder / "SUMMARY.md").read_text(encoding="utf-8").splitlines()
    assert summary[4] == "| 单位 | 年度 | 全年预算数 | 全年执行数 | 执行率 | 总分 | 等级 | 警告数 | 其中确定 | 错误数 |"
    assert summary[6].startswith("| ") and summary[6].endswith("broken.yaml |  |  |  |  |  |  | 0 | 0 | 1 |")
    assert summary[7] == "| 示例县行政审批服务局 | 2023 | 1200.00 | 1180.00 | 98.33% | 97.73 | 优 | 1 | 0 | 0 |"
    assert summary[-1] == "共 3 个单位，2 个生成了报告，1 个有错误。"


def test_summary_spreadsheet_holds_numbers(folder):
    make_all(folder)
    book = openpyxl.load_workbook(folder / "SUMMARY.xlsx")
    sheet = book["汇总"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("单位", "年度", "全年预算数", "全年执行数", "执行率", "总分", "等级", "警告数", "其中确定", "错误数", "第一条错误")
    complete = next(r for r in rows if r[0] == "示例县行政审批服务局")
    assert complete[1:] == (2023, 1200, 1180, pytest.approx(0.98333, abs=1e-5), 97.73, "优", 1, 0, 0, None)
    assert sheet["E3"].number_format == "0.00%"


def test_the_bureaus_worksheet_filters_totals_prints_and_lists_every_warning(folder):
    make_all(folder)
    book = openpyxl.load_workbook(folder / "SUMMARY.xlsx")
    sheet = book["汇总"]
    rows = list(sheet.iter_rows(values_only=True))
    # a failed unit says why in its row
    broken = next(r for r in rows if r[0] and str(r[0]).endswith("broken.yaml"))
    assert broken[-1] == f"{folder / 'broken.yaml'}:5:3: 单位.年度: 应为整数，实际是“二〇二三”"
    # filter buttons over the units; below them a 合计 that adds what the filter shows
    assert sheet.auto_filter.ref == "A1:K4"
    assert rows[4][:5] == ("合计（筛选后为所显示单位的合计）", None, "=SUBTOTAL(109,C2:C4)", "=SUBTOTAL(109,D2:D4)", None)
    assert rows[4][7:10] == ("=SUBTOTAL(109,H2:H4)", "=SUBTOTAL(109,I2:I4)", "=SUBTOTAL(109,J2:J4)")
    assert book.calculation.fullCalcOnLoad
    # A4 landscape, one page wide, the header on every page
    assert (sheet.page_setup.orientation, str(sheet.page_setup.paperSize)) == ("landscape", sheet.PAPERSIZE_A4)
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$1"
    # every warning and error of every unit, one a row
    findings = list(book["警告和错误"].iter_rows(values_only=True))
    assert findings[0] == ("单位", "级别", "程度", "规则", "位置", "说明")
    assert ("示例县行政审批服务局", "警告", "提示", "缺项", f"{folder / 'complete.yaml'}:95:5  项目[2].名称",
            "还没有填写项目“业务工作经费”的绩效指标（附件3的指标部分空着）") in findings
    assert sum(r[1] == "错误" for r in findings[1:]) == 1
    assert len(findings) - 1 == sum(r[7] + r[9] for r in rows[1:4])     # as many as the counts say
    assert book["警告和错误"].auto_filter.ref == f"A1:F{len(findings)}"


def test_a_second_run_changes_no_byte(folder):
    (folder / "broken.yaml").unlink()
    make_all(folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = make_all(folder, "--workers", "1")
    assert again.returncode == 0
    assert "0 个文档有变化" in again.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_unit_without_indicators_is_not_graded_in_the_summary(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    start, end = text.index("绩效指标:"), text.index("部门整体支出绩效情况:")
    (tmp_path / "bare.yaml").write_text((text[:start] + text[end:]).replace("文件名: minimal", "文件名: bare"),
                                        encoding="utf-8")
    result = process_unit(tmp_path / "bare.yaml")
    assert (result.score, result.grade) == (None, "未评定")
    from perfreport.commands.summary import markdown, xlsx
    # no 总分 from the 执行率 alone; and minimal.yaml does not say its 项目支出, so no 全年执行数 either
    assert "| 测试局 | 2023 | 10.00 |  | — | — | 未评定 |" in markdown([result])
    (tmp_path / "s.xlsx").write_bytes(xlsx([result]))
    row = list(openpyxl.load_workbook(tmp_path / "s.xlsx").active.iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert row[5:7] == (None, "未评定")


def test_the_summary_is_made_again_when_it_or_a_unit_changed(folder):
    (folder / "broken.yaml").unlink()
    make_all(folder)
    good = (folder / "SUMMARY.xlsx").read_bytes()
    (folder / "SUMMARY.xlsx").write_bytes(b"not a workbook")      # someone's file there: made again
    assert make_all(folder).returncode == 0
    assert (folder / "SUMMARY.xlsx").read_bytes() == good
    path = folder / "minimal.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("全称: 测试局", "全称: 测试二局"), encoding="utf-8")
    make_all(folder)
    assert "测试二局" in (folder / "SUMMARY.md").read_text(encoding="utf-8")
    names = [r[0] for r in openpyxl.load_workbook(folder / "SUMMARY.xlsx")["汇总"].iter_rows(values_only=True)]
    assert "测试二局" in names


def last_first(path, flags):
    """A task whose first unit finishes last: "a" waits until "e" is done."""
    import time
    from pathlib import Path
    from perfreport.commands.batch import UnitResult
    if path.name == "a":
        deadline = time.monotonic() + 60
        while not (Path(flags) / "e").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
    if path.name == "e":
        (Path(flags) / "e").touch()
    if path.name == "f":                # the last: "a" must have been handed on while it runs
        deadline = time.monotonic() + 20
        while not (Path(flags) / "handed a").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        if (Path(flags) / "handed a").exists():
            (Path(flags) / "f saw a handed").touch()
    return UnitResult(file=path.name)


def test_results_reach_the_sink_in_the_order_of_the_units_as_they_come(tmp_path):
    """The sink sees each result once those before it are in, never all of them at the end;
    progress sees them as they finish."""
    from pathlib import Path
    finished, handed = [], []
    names = ["a", "b", "c", "d", "e", "f"]

    def sink(result):
        handed.append((result.file, list(finished)))
        if result.file == "a":
            (tmp_path / "handed a").touch()
    returned = run_all([Path(n) for n in names], workers=2, task=last_first, options=(str(tmp_path),),
                       progress=lambda r: finished.append(r.file), sink=sink)
    assert returned is None
    # "e" and "a" finish at nearly the same moment: which of them the parent hears first is the pool's
    assert finished[:3] == ["b", "c", "d"] and sorted(finished[3:5]) == ["a", "e"] and finished[5] == "f"
    assert (tmp_path / "f saw a handed").exists()           # handed on while a later unit still ran
    assert [name for name, _ in handed] == names
    # nothing handed on before "a" came, then each as soon as it and those before it were in
    assert all("a" in seen and name in seen for name, seen in handed)
    assert handed[0][1] == finished[:finished.index("a") + 1]


def test_the_screen_lists_every_unit_up_to_forty_then_those_to_look_at(folder):
    from perfreport.commands.batch import UnitResult
    from perfreport.commands.cli import SummaryTable
    from perfreport.shared.findings import ERROR, Finding
    small = SummaryTable()
    for n in range(40):
        small.add(UnitResult(file=f"u{n}.yaml", name=f"第{n}局", year=2023))
    assert len(small.rows) == 40 and small.rich().title == "部门（单位）整体支出绩效自评汇总"
    large = SummaryTable()
    for n in range(1000):
        failed = [Finding(ERROR, "错", file=f"u{n}.yaml")] if n % 10 == 3 else []
        large.add(UnitResult(file=f"u{n}.yaml", name=f"第{n}局", year=2023, findings=failed))
    assert [cells[0] for cells, _, _ in large.rows] == [f"第{n}局" for n in range(3, 400, 10)]
    table = large.rich()
    assert table.title == "部门（单位）整体支出绩效自评汇总：有错误或“确定”警告的单位"
    assert table.caption.startswith("共 1000 个单位，其中 100 个有错误或“确定”的警告，列出前 40 个；全部单位见 ")


def test_the_bureaus_workbook_opens_in_excel_without_repair(folder):
    from openxml_audit import OpenXmlValidator, predict
    make_all(folder)
    result = OpenXmlValidator().validate(folder / "SUMMARY.xlsx")
    assert [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors] == []
    assert predict(result).prediction.value == "opens-clean"
