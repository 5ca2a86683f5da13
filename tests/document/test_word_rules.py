"""What programs other than ours make of a report: Word's rules (the Open XML SDK's schema and
app checks, ported as openxml-audit) accept every file without repair, and readers that map
headings by style (mammoth, pandoc) see the outline."""
from __future__ import annotations

import io
import shutil
import subprocess

import mammoth
import pytest
from openxml_audit import OpenXmlValidator, predict

from perfreport.document.report_docx import render
from tests.conftest import FIXTURES, ROOT, edited, run
from tests.document.test_render import NARROW_FUND, WIDE_TABLE

UNITS = sorted((ROOT / "reports").glob("*.yaml"))


def audited(path):
    result = OpenXmlValidator().validate(path)
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors], predict(result)


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    """The fixtures rendered: every field, the fewest fields, and a wide landscape 附件4."""
    folder = tmp_path_factory.mktemp("word_rules")
    made = {}
    for name, source in (("complete", FIXTURES / "complete.yaml"), ("minimal", FIXTURES / "minimal.yaml"),
                         ("wide", edited("complete", folder, (NARROW_FUND, WIDE_TABLE)))):
        report, _ = run(source)
        made[name] = folder / f"{name}.docx"
        made[name].write_bytes(render(report))
    return made


@pytest.mark.parametrize("unit", UNITS, ids=lambda p: p.stem)
def test_word_opens_every_report_without_repair(unit):
    errors, verdict = audited(unit.with_suffix(".docx"))
    assert errors == []
    assert verdict.prediction.value == "opens-clean", verdict.basis


@pytest.mark.parametrize("name", ["complete", "minimal", "wide"])
def test_word_opens_every_fixture_without_repair(fixtures, name):
    errors, verdict = audited(fixtures[name])
    assert errors == []
    assert verdict.prediction.value == "opens-clean", verdict.basis


def test_the_template_carries_no_part_of_python_docxs_own_document():
    import zipfile
    with zipfile.ZipFile(ROOT / "reports" / "hengshan.docx") as archive:
        names = set(archive.namelist())
        app = archive.read("docProps/app.xml").decode("utf-8")
    assert not {"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml", "customXml/item1.xml"} & names
    assert "<Application>perfreport</Application>" in app


HEADINGS = ["一、部门（单位）基本情况", "（一）主要职责", "（二）机构设置", "（三）人员编制情况", "（四）内部控制制度建设情况",
            "二、一般公共预算支出情况", "（一）基本支出情况"]


def test_mammoth_reads_the_headings_by_level(fixtures):
    html = mammoth.convert_to_html(io.BytesIO(fixtures["complete"].read_bytes())).value
    assert "<h1>一、部门（单位）基本情况</h1>" in html
    assert "<h2>（一）主要职责</h2>" in html
    assert "<h3>1.强化使命担当</h3>" in html
    assert "<h1>十、其他需要说明的情况</h1>" in html
    # a point whose heading runs into its text is a paragraph, its heading in bold (level 3)
    assert "<p><strong>（1）首席数据官制度</strong>明确19个部门分管副职为首席数据官。</p>" not in html


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (.ci/run installs it)")
def test_pandoc_reads_the_outline(fixtures):
    done = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", str(fixtures["complete"])], capture_output=True,
                          text=True, timeout=60, check=True)
    headings = [line for line in done.stdout.splitlines() if line.startswith("#")]
    assert headings[:len(HEADINGS)] == ["# " + HEADINGS[0], "## " + HEADINGS[1], "## " + HEADINGS[2],
                                       "## " + HEADINGS[3], "## " + HEADINGS[4], "# " + HEADINGS[5],
                                       "## " + HEADINGS[6]]
    assert "### 1.强化使命担当" in headings
