"""A failure at any stage leaves the previous report byte-identical and no temporary file
behind: load, validate, audit, render, self-check, save, an interruption while writing.
(PDF: tests/document/test_pdf.py; make new: tests/unitfile/test_skeleton.py.)"""
from __future__ import annotations

import os

import pytest
from jinja2 import TemplateError

from perfreport.document import body

from perfreport.commands import cli

from perfreport.document import report_docx as render

from perfreport.document import write
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


def _raise(exc: BaseException):
    def fail(*args, **kwargs):
        raise exc
    return fail


def _fails_midway(*args):
    """A body that breaks off after its first piece has gone into the zip."""
    yield "<w:body>"
    raise TemplateError("injected")


def _damaged(tpl, xml):
    """Finished pieces with a closing tag that does not match its opening one."""
    return FINISH(tpl, xml).replace("</w:p>", "</w:q>", 1)


FINISH = body.finish


@pytest.mark.parametrize("target,name,replacement", [
    (render, "body_pieces", _fails_midway),                                          # template
    (body, "finish", _damaged),                                                      # self-check
    (write.os, "replace", _raise(OSError(28, "No space left on device"))),          # save
], ids=["template", "self-check", "disk full"])
def test_failure_while_rendering_or_saving_keeps_the_old_report(unit, monkeypatch, target, name, replacement):
    changed(unit)
    monkeypatch.setattr(target, name, replacement)
    assert cli.main(["report", str(unit[0])]) == 1
    untouched(unit)


def test_interruption_while_writing_keeps_the_old_report(unit, monkeypatch, capsys):
    changed(unit)
    monkeypatch.setattr(write.os, "fsync", _raise(KeyboardInterrupt()))
    assert cli.main(["report", str(unit[0])]) == 130          # as a shell reports Ctrl-C
    assert capsys.readouterr().err.splitlines()[-1] == "已中断：没有写出不完整的文件"
    untouched(unit)


def changed(unit):
    """The unit edited, so that its report is written again (an unchanged one is left alone)."""
    unit[0].write_text(GOOD.replace("负责测试。", "负责复核。"), encoding="utf-8")


def test_unwritable_folder_is_a_message(tmp_path, monkeypatch, capsys):
    source = tmp_path / "minimal.yaml"
    source.write_text(GOOD, encoding="utf-8")

    monkeypatch.setattr(write.tempfile, "mkstemp", _raise(PermissionError(13, "Permission denied")))
    assert cli.main(["report", str(source)]) == 1
    assert f"无法在 {tmp_path} 写文件（Permission denied）" in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == ["minimal.yaml"]


class FakeKernel32:
    """Windows' process calls as write._running_on_windows makes them."""

    def __init__(self, processes: dict[int, int], denied=()):
        self.processes, self.denied, self.error, self.closed = processes, set(denied), 0, []

    def OpenProcess(self, access, inherit, pid):
        if pid in self.denied:
            self.error = 5
            return 0
        if pid not in self.processes:
            self.error = 87
            return 0
        return pid + 1000

    def GetLastError(self):
        return self.error

    def GetExitCodeProcess(self, handle, code):
        code.contents.value = self.processes[handle - 1000]
        return 1

    def CloseHandle(self, handle):
        self.closed.append(handle)


def test_leftovers_on_windows_are_told_alive_without_signalling_anyone():
    from perfreport.document.write import _running_on_windows
    kernel = FakeKernel32({10: 259, 11: 0}, denied={12})
    assert _running_on_windows(10, kernel) is True          # STILL_ACTIVE
    assert _running_on_windows(11, kernel) is False         # exited, its handle still held by someone
    assert _running_on_windows(12, kernel) is True          # another user's
    assert _running_on_windows(13, kernel) is False         # no such process
    assert kernel.closed == [1010, 1011]
