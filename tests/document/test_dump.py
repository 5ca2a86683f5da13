"""`render.py dump`: the report as structured text, and git showing a report's changes with it."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from perfreport.document.dump import PAGE_BREAK, dump_bytes
from perfreport.document.report_docx import render
from tests.conftest import FIXTURES, ROOT, edited, run
from tests.document.test_render import NARROW_FUND, WIDE_TABLE


@pytest.fixture(scope="module")
def complete_text():
    report, _ = run(FIXTURES / "complete.yaml")
    return dump_bytes(render(report)).splitlines()


def test_headings_are_marked_by_level(complete_text):
    assert "## 一、部门（单位）基本情况" in complete_text
    assert "### （一）聚焦主职主责" in complete_text
    assert "（1）首席数据官制度。明确19个部门分管副职为首席数据官。" in complete_text      # a point is a paragraph
    assert "#### 1.强化使命担当" in complete_text
    assert complete_text.count("# 单位整体支出绩效自评报告") == 2          # cover and first page


def test_a_table_row_per_line_with_merged_cells_once(complete_text):
    assert "│ 总分 │ 100.00 │ 97.73 │ 等级：优 │" in complete_text                # 总分 spans six cells
    assert "│ ↑ │ 年度资金总额 │ 1000.00 │ 1200.00 │ 1180.00 │ 10.00 │ 98.33% │ 9.83 │" in complete_text
    first = complete_text.index("│ 财政供养人员情况（人） │ 编制数 │ 2023年实际 在职人数 │ 控制率 │")
    assert complete_text[first + 1].startswith("│ ↑ │ ")                  # vertically merged label


def test_page_breaks_and_sections_are_marked(tmp_path):
    report, _ = run(edited("complete", tmp_path, (NARROW_FUND, WIDE_TABLE)))
    lines = dump_bytes(render(report)).splitlines()
    assert lines[0] == "════════ 第 1 节：纵向 ════════"
    marks = [line for line in lines if line.startswith("════")]
    assert marks == ["════════ 第 1 节：纵向 ════════", "════════ 第 2 节：纵向 ════════",
                     "════════ 第 3 节：横向 ════════", "════════ 第 4 节：纵向 ════════",
                     # after the body, the footers: the page number by name, not Word's last digits
                     "════════ 页脚：word/footer1.xml ════════", "════════ 页脚：word/footer2.xml ════════",
                     "════════ 页脚：word/footer3.xml ════════", "════════ 页脚：word/footer4.xml ════════"]
    assert lines[-8:] == ["════════ 页脚：word/footer1.xml ════════", "— 〔页码〕 —",
                          "════════ 页脚：word/footer2.xml ════════", "— 〔页码〕 —",
                          "════════ 页脚：word/footer3.xml ════════", "│ — 〔页码〕 — │",
                          "════════ 页脚：word/footer4.xml ════════", "│ — 〔页码〕 — │"]
    attachment4 = lines.index("附件4")
    assert lines[attachment4 - 1] == "════════ 第 3 节：横向 ════════"
    # before 附件1–3 (a 附件3 for each of the two projects); the body after the cover, 附件4
    # and 附件5 start on a new section's page
    # 附件2's indicators run onto a second page, which opens with its header row
    assert [lines[i + 1] for i, line in enumerate(lines) if line == PAGE_BREAK] == [
        "附件1", "附件2",
        "│ 绩效 指标 │ 一级指标 │ 二级指标 │ 三级指标 │ 年度 指标值 │ 实际 完成值 │ 分值 │ 得分 │ 偏差原因 分析及 改进措施 │",
        "附件3", "附件3"]
    assert PAGE_BREAK + "\n" + PAGE_BREAK not in "\n".join(lines)


def test_the_command_prints_utf8_and_refuses_what_is_not_a_report(tmp_path):
    done = subprocess.run([sys.executable, "render.py", "dump", "reports/hengshan.docx"], cwd=ROOT,
                          capture_output=True, timeout=60)
    assert done.returncode == 0
    assert "## 二、一般公共预算支出情况" in done.stdout.decode("utf-8")
    bad = tmp_path / "x.docx"
    bad.write_text("不是文档", encoding="utf-8")
    for target, message in ((bad, f"{bad}: 不是完好的 Word（.docx）文档：不是 zip 格式"),
                            (tmp_path / "no.docx", "no.docx: 文件不存在")):
        failed = subprocess.run([sys.executable, "render.py", "dump", str(target)], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
        assert failed.returncode == 1
        assert message in failed.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_diff_shows_the_changed_figure(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args):
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                              timeout=60).stdout

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    git("config", "diff.perfreport-docx.textconv", f"{sys.executable} {ROOT / 'render.py'} dump")
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")
    before, _ = run(FIXTURES / "minimal.yaml")
    (repo / "minimal.docx").write_bytes(render(before))
    git("add", "-A")
    git("commit", "-qm", "v1")
    after, _ = run(edited("minimal", tmp_path, ("实际完成值: 2件", "实际完成值: 3件")))
    (repo / "minimal.docx").write_bytes(render(after))
    diff = git("diff", "--", "minimal.docx")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-│ ↑ │ 产出指标 （50分） │ 数量指标 │ 办件数 │ ≥1件 │ 2件 │ 50.00 │ 50.00 │  │",
                       "+│ ↑ │ 产出指标 （50分） │ 数量指标 │ 办件数 │ ≥1件 │ 3件 │ 50.00 │ 50.00 │  │"]
