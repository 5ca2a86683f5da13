"""`perfreport new UNIT --from LASTYEAR` and `make new UNIT=… FROM=…`, as an officer starts next
year's report: written only where no file is, from a unit by name or by path, refused with one
Chinese message when last year's has errors, and checked there and then."""
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


def test_next_year_starts_from_this_years_unit(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(ROOT / "reports" / "hengshan.yaml", reports / "hengshan.yaml")
    done = cli("new", "hengshan2023", "--from", "hengshan", reports=reports)
    assert done.returncode == 0, done.stderr
    text = (reports / "hengshan2023.yaml").read_text(encoding="utf-8")
    head = text.splitlines()[1]            # the command as this officer runs it (here python render.py)
    assert text.startswith("# yaml-language-server: $schema=../schema.json\n# 由 ")
    assert "new hengshan2023 --from " in head and "hengshan.yaml 从 2022 年度的单位生成（2023 年度）" in head
    assert "  文件名: hengshan2023\n  主管部门: 衡山县人民政府\n  年度: 2023\n" in text
    assert "- 名称: 大综窗标准化改革\n" in text and "  上年决算数: 390\n" in text
    assert "  职责编号: （一）\n  上年单位: hengshan\n职责:" in text     # for the audit of the two years
    assert "已从 " in done.stderr and "hengshan2023.yaml（2023 年度）：还有 " in done.stderr and " 项要填写" in done.stderr
    assert cli("check", "hengshan2023", reports=reports).returncode == 0
    again = cli("new", "hengshan2023", "--from", "hengshan", reports=reports)     # never overwritten
    assert again.returncode == 1 and "hengshan2023.yaml 已经存在，不会覆盖" in again.stderr
    assert (reports / "hengshan2023.yaml").read_text(encoding="utf-8") == text
    # a unit kept elsewhere, or renamed since: --from takes a path
    elsewhere = tmp_path / "去年" / "衡山县.yaml"
    elsewhere.parent.mkdir()
    shutil.copy(ROOT / "reports" / "hengshan.yaml", elsewhere)
    assert cli("new", "hs2023", "--from", str(elsewhere), reports=reports).returncode == 0
    assert "  上年单位: ../去年/衡山县.yaml\n" in (reports / "hs2023.yaml").read_text(encoding="utf-8")


def test_last_year_must_be_there_and_without_errors(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    missing = cli("new", "x2024", "--from", "x2023", reports=reports)
    assert missing.returncode != 0 and "没有这个单位：" in missing.stderr and "x2023.yaml" in missing.stderr
    broken = reports / "x2023.yaml"
    broken.write_text("单位:\n  全称: 测试局\n  年度: 二〇二三\n", encoding="utf-8")
    refused = cli("new", "x2024", "--from", "x2023", reports=reports)
    assert refused.returncode != 0 and "x2023.yaml:3" in refused.stderr and "年度" in refused.stderr
    assert sorted(p.name for p in reports.iterdir()) == ["x2023.yaml"]          # nothing written
    both = cli("new", "x2024", "--from", "x2023", "--outline", "四部分", reports=reports)
    assert both.returncode != 0 and "--from 和 --outline 不能同时用" in both.stderr


def test_make_new_from(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(ROOT / "reports" / "kaifu.yaml", reports / "kaifu.yaml")
    env = dict(os.environ, PERFREPORT_REPORTS=str(reports))
    done = subprocess.run(["make", "-s", "new", "UNIT=kaifu2020", "FROM=kaifu"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert "运行 make check UNIT=kaifu2020 查看" in done.stderr
    assert "  年度: 2020\n" in (reports / "kaifu2020.yaml").read_text(encoding="utf-8")
