"""`perfreport audit`: the bureau checks a report it received, with no unit file written: the
same rules and words as `check`, each finding at its place in the report (section and paragraph,
or form, row and column), JSON and a worksheet for many files, the exit code of `check`."""
import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import ROOT
from tests.foreign.typed import typed_report


def cli(*args, cwd=ROOT):
    env = dict(os.environ)
    env.pop("MAKELEVEL", None)
    return subprocess.run([sys.executable, str(ROOT / "render.py"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


def test_a_received_report_is_audited_where_it_states_each_figure(tmp_path):
    report = tmp_path / "衡山.docx"
    report.write_bytes((ROOT / "reports" / "hengshan.docx").read_bytes())
    before = sorted(p.name for p in tmp_path.iterdir())
    done = cli("audit", str(report))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    shown = str(report)
    # a sentence of the unit's prose against the forms, at its paragraph
    assert (f"{shown}: “二、一般公共预算支出情况”下第1段: 警告（疑似·正文数字）：正文写“项目支出15万元”，"
            "数据中项目支出的年初预算为 400.00 万元") in lines
    # a figure of a form, at its row and column
    assert (f"{shown}: 附件2第3行“年度资金总额”“全年预算数”栏: 警告（确定·执行率）：全年执行数 821.17 万元超过全年预算数 "
            "821.02 万元，执行率 100.02%") in lines
    assert any(l.startswith(f"{shown}: 附件3“大综窗标准化改革”第13行“完成时效”: 警告（提示·偏差原因）：得分 14 低于分值 15") for l in lines)
    # what the report does not state at all
    assert f"{shown}: （报告里没有：单位.填表人）: 警告（提示·缺项）：还没有填写填表人（各附表的签字栏）" in lines
    assert not any("单位.主管部门" in l for l in lines)     # its 附件3 names it, and 实施单位 is the unit
    assert lines[-1] == f"{shown}：0 个错误，32 条警告"
    assert sorted(p.name for p in tmp_path.iterdir()) == before           # nothing written
    assert not list((ROOT / "reports").glob("衡山*"))


def test_a_folder_of_reports_gives_json_and_one_worksheet_row_per_finding(tmp_path):
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    typed_report(folder / "示例县.docx")
    (folder / "yueyanglou.docx").write_bytes((ROOT / "reports" / "yueyanglou.docx").read_bytes())
    (folder / "损坏的.docx").write_text("不是 zip", encoding="utf-8")
    (folder / "~$示例县.docx").write_bytes(b"lock file of Word")
    sheet = tmp_path / "审核结果.xlsx"
    done = cli("audit", str(folder), "--format", "json", "--xlsx", str(sheet))
    assert done.returncode == 1, done.stderr                 # the damaged file is an error
    rows = json.loads(done.stdout)
    files = {Path(r["file"]).name for r in rows}
    assert files == {"示例县.docx", "yueyanglou.docx", "损坏的.docx"}
    broken = [r for r in rows if r["file"].endswith("损坏的.docx")]
    assert broken == [{"file": broken[0]["file"], "unit": "", "where": "", "field": "", "severity": "错误", "level": "确定",
                       "rule": "", "message": "不是完好的 Word（.docx）文档：不是 zip 格式", "stated": None, "computed": None}]
    satisfaction = [r for r in rows if r["rule"] == "得分复核" and r["file"].endswith("yueyanglou.docx")]
    assert {r["level"] for r in satisfaction} == {"确定"}
    assert {r["where"] for r in satisfaction} == {"附件2第20行“单位支出预算执行率”“得分”栏", "附件2第27行“群众满意率”“得分”栏"}
    typed = [r for r in rows if r["file"].endswith("示例县.docx")]
    assert typed and all(r["unit"] == "示例县行政审批服务局" for r in typed)
    assert any(r["rule"] == "读入" and "“附录”对应不到标准提纲" in r["message"] for r in typed)
    book = load_workbook(sheet)
    cells = list(book["审核结果"].iter_rows(values_only=True))
    assert cells[0] == ("文件", "单位", "级别", "程度", "规则", "位置", "字段", "说明")
    assert len(cells) == 1 + len(rows)


def test_a_warning_fails_only_under_strict(tmp_path):
    report = tmp_path / "y.docx"
    report.write_bytes((ROOT / "reports" / "yueyanglou.docx").read_bytes())
    assert cli("audit", str(report)).returncode == 0
    assert cli("audit", str(report), "--strict").returncode == 1
    empty = tmp_path / "空"
    empty.mkdir()
    done = cli("audit", str(empty))
    assert done.returncode == 1 and "里没有报告（.docx、.pdf、.xlsx）" in done.stderr
