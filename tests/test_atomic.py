"""A failure at any stage leaves the previous report byte-identical and no temporary file
behind: load, validate, audit, render, self-check, save, an interruption while writing.
(PDF: tests/test_pdf.py; make new: tests/test_skeleton.py.)"""
from __future__ import annotations

import os

import pytest

from perfreport import cli, render, write
from tests.conftest import FIXTURES

GOOD = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def unit(tmp_path):
    """A unit with its rendered report; returns (yaml path, docx path, the docx bytes)."""
    source = tmp_path / "minimal.yaml"
    source.write_text(GOOD, encoding="utf-8")
    assert cli.main(["report", str(source)]) == 0
    target = source.with_suffix(".docx")
    return source, target, target.read_bytes()


def untouched(unit):
    source, target, before = unit
    assert target.read_bytes() == before
    assert sorted(p.name for p in source.parent.iterdir()) == ["minimal.docx", "minimal.yaml"]


@pytest.mark.parametrize("stage,edit", [
    ("load", ("  年度: 2023", "  年度: [2023")),
    ("validate", ("  年度: 2023", "  年度: 二〇二三")),
    ("audit", ("  年度: 2023", "  年度: 2023\n  填报日期: 2023年2月30日")),
])
def test_bad_data_at_each_stage_keeps_the_old_report(unit, stage, edit):
    source = unit[0]
    source.write_text(GOOD.replace(*edit), encoding="utf-8")
    assert cli.main(["report", str(source)]) == 1
    untouched(unit)


def test_template_failure_keeps_the_old_report(unit, monkeypatch):
    def broken(*args, **kwargs):
        from jinja2 import TemplateError
        raise TemplateError("injected")
    monkeypatch.setattr(render.DocxTemplate, "render", broken)
    assert cli.main(["report", str(unit[0])]) == 1
    untouched(unit)


def test_failed_self_check_keeps_the_old_report(unit, monkeypatch):
    def damaged(*args, **kwargs):
        raise ValueError("injected: the document does not reopen")
    monkeypatch.setattr(render.docx, "Document", damaged)
    assert cli.main(["report", str(unit[0])]) == 1
    untouched(unit)


def test_disk_failure_while_saving_keeps_the_old_report(unit, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(write.os, "replace", full)
    assert cli.main(["report", str(unit[0])]) == 1
    untouched(unit)


def test_interruption_while_writing_keeps_the_old_report(unit, monkeypatch):
    def interrupted(fd):
        raise KeyboardInterrupt
    monkeypatch.setattr(write.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cli.main(["report", str(unit[0])])
    untouched(unit)


def test_unwritable_folder_is_a_message(tmp_path, monkeypatch, capsys):
    source = tmp_path / "minimal.yaml"
    source.write_text(GOOD, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(write.tempfile, "mkstemp", denied)
    assert cli.main(["report", str(source)]) == 1
    assert f"无法在 {tmp_path} 写文件（Permission denied）" in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == ["minimal.yaml"]
