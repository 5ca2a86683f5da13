"""`perfreport history`: a unit's years side by side, from the units in reports/ of its 全称 and
the chain of 设置.上年单位; a figure a year does not state is a blank cell, never 0."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def cli(*args, reports: Path):
    env = dict(os.environ, PERFREPORT_REPORTS=str(reports))
    env.pop("MAKELEVEL", None)
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=env)


def test_a_units_years_side_by_side(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(ROOT / "reports" / "yueyanglou.yaml", reports / "yueyanglou.yaml")
    assert cli("new", "yll2024", "--from", "yueyanglou", reports=reports).returncode == 0
    # 2025 renamed since (another 全称): found through 设置.上年单位
    assert cli("new", "yll2025", "--from", "yll2024", reports=reports).returncode == 0
    text = (reports / "yll2025.yaml").read_text(encoding="utf-8")
    (reports / "yll2025.yaml").write_text(text.replace("全称: 岳阳市岳阳楼区行政审批服务局", "全称: 岳阳楼区政务服务局"),
                                          encoding="utf-8")
    for asked in ("yueyanglou", "yll2025"):
        done = cli("history", asked, reports=reports)
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[2] == "|  | 2023 年度 | 2024 年度 | 2025 年度 |", asked
        assert "| 全年执行数（万元） | 1393.97 |  |  |" in lines          # the years to come: blank, not 0
        assert "| 执行率 | 100.00% |  |  |" in lines
        assert "| “三公”经费决算（万元） | 0.13 |  |  |" in lines
        assert "| 总分 | 98.00 |  |  |" in lines and "| 等级 | 优 | 未评定 | 未评定 |" in lines
