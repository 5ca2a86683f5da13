"""The streamed body is exactly what docxtpl's own build_xml makes, however it is cut."""
from __future__ import annotations

import re

import pytest
from docxtpl import DocxTemplate

from perfreport.document import body
from perfreport.commands.pipeline import check_file
from perfreport.document.report_docx import TEMPLATE, jinja_environment
from perfreport.wording import context
from tests.conftest import FIXTURES, ROOT

UNITS = [ROOT / "reports" / f"{name}.yaml" for name in ("hengshan", "wugang", "yueyanglou")]
UNITS.append(FIXTURES / "complete.yaml")        # narrative tables, a wide form


def prepared(path):
    tpl = DocxTemplate(str(TEMPLATE))
    tpl.render_init()
    values = context(check_file(path).report)
    return tpl, values


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.stem)
@pytest.mark.parametrize("piece", [body.PIECE, 1, 700])
def test_pieces_join_to_docxtpls_body(path, piece, monkeypatch):
    monkeypatch.setattr(body, "PIECE", piece)
    tpl, values = prepared(path)
    expected = tpl.build_xml(values, jinja_environment())
    pieces = list(body.body_pieces(tpl, values, jinja_environment()))
    assert "".join(pieces) == expected
    if piece == 1:           # cut at the last paragraph end of every text Jinja yields
        assert len(pieces) > 100
        assert all(p.endswith("</w:p>") for p in pieces[:-1])


def test_the_finishing_steps_are_exercised():
    """A line break in a value becomes <w:br/> (resolve_listing), so the equality above
    covers docxtpl's finishing, not only plain text."""
    tpl, values = prepared(FIXTURES / "complete.yaml")
    xml = "".join(body.body_pieces(tpl, values, jinja_environment()))
    assert "项目</w:t><w:br/>" in xml
    assert "\n<w:p" not in xml


def test_the_template_needs_none_of_docxtpls_tree_fixes():
    """fix_tables only acts on `{%tc` column loops and fix_docpr_ids on pictures; render()
    also renders footnotes, which the template does not have."""
    source = DocxTemplate(str(TEMPLATE))
    source.render_init()
    xml = source.get_xml()
    assert not re.search(r"\{%-?\s*tc\b", xml)
    assert "docPr" not in xml and "<w:drawing" not in xml
    assert not any("footnotes" in str(part.partname) for part in source.docx.part.package.parts)


def test_a_large_body_is_never_held_whole(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import units
    monkeypatch.setattr(body, "PIECE", 4096)
    tpl, values = prepared(units.with_projects(tmp_path, 40))
    pieces = list(body.body_pieces(tpl, values, jinja_environment()))
    assert len(pieces) > 100
    # a piece is at most about PIECE, or one page of a form's indicator block (written whole:
    # it is bounded by what a page holds, not by the unit's size)
    page = 48 * 1024
    assert max(len(p) for p in pieces) < page
    assert sum(len(p) > 3 * 4096 for p in pieces) <= 3 * 40      # a few pages a form, 40 forms


def test_the_patched_body_is_kept_and_taken_from_the_cache(tmp_path, monkeypatch):
    tpl, _ = prepared(FIXTURES / "minimal.yaml")
    fresh = tpl.patch_xml(tpl.get_xml())
    assert body.patched_body(tpl, str(tmp_path)) == fresh
    [kept] = tmp_path.iterdir()
    assert kept.name.startswith("__perfreport_body_")
    monkeypatch.setattr(tpl, "patch_xml", lambda xml: pytest.fail("patched again"))
    assert body.patched_body(tpl, str(tmp_path)) == fresh


def test_a_damaged_cache_copy_is_not_used(tmp_path):
    tpl, _ = prepared(FIXTURES / "minimal.yaml")
    fresh = body.patched_body(tpl, str(tmp_path))
    [kept] = tmp_path.iterdir()
    kept.write_text(kept.read_text(encoding="utf-8").replace("{%", "{#", 1), encoding="utf-8")
    assert body.patched_body(tpl, str(tmp_path)) == fresh
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    assert body.patched_body(tpl, str(blocked / "cache")) == fresh           # cannot be written
    assert blocked.read_text(encoding="utf-8").startswith("a file")
