"""`all` and `check` do not redo what did not change (issue 26): a unit's earlier result is
reused while its file, its last year's unit, the toolkit and its report are as they were; a
report records what it was made from, so another machine need not render it to know it is
current; a report edited by hand, or made by an older version, is judged as it always was."""
from __future__ import annotations

import os
import shutil
import zipfile
import io

import pytest

from perfreport.commands import batch, reuse
from perfreport.commands.pipeline import check_file, inputs_digest
from perfreport.document import report_docx
from tests.conftest import FIXTURES


@pytest.fixture
def units(tmp_path, monkeypatch):
    """complete.yaml in a folder of its own, taken as reports/; results kept in a cache of its own."""
    for module in ("perfreport.commands.pipeline", "perfreport.commands.freshness", "perfreport.commands.reuse"):
        monkeypatch.setattr(f"{module}.REPORTS", tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setattr("perfreport.commands.reuse.cache_folder", lambda: cache)
    shutil.copy(FIXTURES / "complete.yaml", tmp_path / "complete.yaml")
    return tmp_path


@pytest.fixture
def renders(monkeypatch):
    """How many reports were rendered."""
    count = []
    real = report_docx.render

    def counted(*args, **kwargs):
        count.append(1)
        return real(*args, **kwargs)
    monkeypatch.setattr(report_docx, "render", counted)
    return count


def test_a_second_all_reuses_the_first_and_says_the_same(units, renders):
    first = batch.process_unit(units / "complete.yaml")
    assert first.written and len(renders) == 1
    again = batch.process_unit(units / "complete.yaml")
    assert len(renders) == 1 and not again.written
    assert [f.text() for f in again.findings] == [f.text() for f in first.findings]
    assert (again.name, again.score, again.warnings) == (first.name, first.score, first.warnings)
    batch.process_unit(units / "complete.yaml", force=True)           # --force renders it again
    assert len(renders) == 2


def test_a_changed_unit_is_rendered_again(units, renders):
    batch.process_unit(units / "complete.yaml")
    path = units / "complete.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("全年执行数: 1180", "全年执行数: 1170", 1), encoding="utf-8")
    again = batch.process_unit(path)
    assert len(renders) == 2 and again.written and again.executed == 1170


def test_check_after_all_reuses_and_reports_the_same_as_a_full_check(units, renders):
    batch.process_unit(units / "complete.yaml")
    reused = batch.check_unit(units / "complete.yaml")
    assert len(renders) == 1 and reused.stale is None and not reused.unmade
    full = batch.check_unit(units / "complete.yaml", force=True)
    assert len(renders) == 2 and full.stale is None
    assert [f.text() for f in reused.findings] == [f.text() for f in full.findings]
    strict = batch.check_unit(units / "complete.yaml", strict=True)     # its warning refuses it, as before
    assert strict.refused and [f.text() for f in strict.findings] == [f.text() for f in full.findings]


def test_a_report_edited_by_hand_is_judged_as_before(units, renders):
    batch.process_unit(units / "complete.yaml")
    docx = units / "complete.docx"
    edited = _with_body(docx.read_bytes(), lambda xml: xml.replace("自评", "自我评价", 1))
    docx.write_bytes(edited)
    refused = batch.process_unit(units / "complete.yaml")
    assert refused.failed and "生成之后被手工改过（在 Word 或 WPS 中改了正文）" in refused.findings[0].message
    assert docx.read_bytes() == edited                                  # not replaced
    stale = batch.check_unit(units / "complete.yaml")
    assert "生成之后被手工改过" in stale.stale.message


def test_another_machine_trusts_the_record_but_not_a_report_saved_again(units, renders, monkeypatch):
    batch.process_unit(units / "complete.yaml")
    monkeypatch.setattr("perfreport.commands.reuse.cache_folder", lambda: None)   # nothing kept here
    assert batch.check_unit(units / "complete.yaml").stale is None and len(renders) == 1
    docx = units / "complete.docx"
    # the same words, the parts written again (as Word or WPS do when they save): rendered and compared
    docx.write_bytes(_with_body(docx.read_bytes(), lambda xml: xml.replace("<w:p>", "<w:p >", 1)))
    stale = batch.check_unit(units / "complete.yaml")
    assert len(renders) == 2 and "已过期" in stale.stale.message


def test_a_report_of_an_older_version_is_current_when_it_holds_the_same(units, renders):
    checked = check_file(units / "complete.yaml")
    (units / "complete.docx").write_bytes(report_docx.render(checked.report))     # no record of its inputs
    before = (units / "complete.docx").read_bytes()
    assert batch.check_unit(units / "complete.yaml").stale is None
    assert not batch.process_unit(units / "complete.yaml").written
    assert (units / "complete.docx").read_bytes() == before
    assert inputs_digest(checked) not in before.decode("latin-1")


def test_last_years_unit_added_is_seen(units, renders):
    first = batch.check_unit(units / "complete.yaml")
    text = (units / "complete.yaml").read_text(encoding="utf-8")
    (units / "complete2022.yaml").write_text(text.replace("年度: 2023", "年度: 2022").replace(
        "文件名: complete", "文件名: complete2022"), encoding="utf-8")
    entry = reuse.lookup(units / "complete.yaml", reuse.key_of(units / "complete.yaml"))
    assert entry is None                     # the earlier result was of a unit with no last year
    batch.check_unit(units / "complete.yaml")
    entry = reuse.lookup(units / "complete.yaml", reuse.key_of(units / "complete.yaml"))
    assert first.name and entry.previous[0] == os.path.realpath(units / "complete2022.yaml")
    (units / "complete2022.yaml").unlink()
    assert reuse.lookup(units / "complete.yaml", reuse.key_of(units / "complete.yaml")) is None


def test_a_damaged_entry_is_not_reused(units, renders):
    batch.process_unit(units / "complete.yaml")
    for entry in (units / "cache" / "results").iterdir():
        entry.write_bytes(entry.read_bytes()[:40])
    again = batch.process_unit(units / "complete.yaml")
    # examined again; the report itself is known current from its own record, not rendered
    assert len(renders) == 1 and not again.written and again.warnings == 1
    assert reuse.lookup(units / "complete.yaml", reuse.key_of(units / "complete.yaml")) is not None


def _with_body(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def test_entries_of_units_that_are_gone_are_pruned_once_a_day(units):
    batch.process_unit(units / "complete.yaml")
    shutil.copy(units / "complete.yaml", units / "other.yaml")
    batch.check_unit(units / "other.yaml")
    (units / "other.yaml").unlink()
    assert reuse.prune(now=1e9) == 1 and len(list((units / "cache" / "results").glob("*.pickle"))) == 1
    (units / "complete.yaml").unlink()
    assert reuse.prune(now=1e9 + 3600) == 0          # not again the same day
    assert reuse.prune(now=1e9 + 2 * 86400) == 1


def test_a_run_reads_its_units_first_lines_once_not_after_every_report(tmp_path, monkeypatch):
    """Every report written changes the folder's mtime; the index of (全称, 年度) that finds
    last year's unit was read again after each one: n² reads over n units."""
    from perfreport.commands import previous
    for module in ("perfreport.commands.pipeline", "perfreport.commands.freshness", "perfreport.commands.reuse"):
        monkeypatch.setattr(f"{module}.REPORTS", tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setattr("perfreport.commands.reuse.cache_folder", lambda: cache)
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    paths = []
    for n in range(6):
        paths.append(tmp_path / f"u{n}.yaml")
        paths[-1].write_text(text.replace("文件名: minimal", f"文件名: u{n}"), encoding="utf-8")
    reads = []
    real = previous._read_heads
    monkeypatch.setattr(previous, "_read_heads", lambda folder: reads.append(folder) or real(folder))
    results = batch.run_all(paths, workers=1)
    assert [r.errors for r in results] == [0] * 6 and all((p.with_suffix(".docx")).exists() for p in paths)
    assert reads == [tmp_path]
    # after the run the folder is looked at again as it changes (a unit added between two commands)
    (tmp_path / "u9.yaml").write_text(text.replace("文件名: minimal", "文件名: u9"), encoding="utf-8")
    previous.same_unit("测试局", tmp_path)
    assert reads == [tmp_path, tmp_path]
