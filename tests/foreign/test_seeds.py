"""The five seed reports typed in Word as their units typed them (tests/foreign/seed_docx.py) come
in as units that carry as much of their seed as the units written by hand in reports/ do:
measured as the seed measure does (tests/seeds/fidelity.py: every number of the seed found in the
report, and the share of its sentences found verbatim), on the report made from the import.

Measured when written (imported / by hand): 000 numbers 29/29 / 29/29, sentences 0.964 / 0.938;
001 19/19 / 19/19, 0.996 / 0.969; 002 39/40 / 37/40, 0.951 / 0.945; 003 20/22 / 20/22, 0.924 /
0.919; 004 39/46 / 39/46, 0.970 / 0.966. The floors below are those figures, rounded down."""
import sys

import pytest
import yaml

from perfreport.commands.pipeline import examine
from perfreport.document.report_docx import render
from perfreport.foreign.read import read_document
from perfreport.foreign.unit_text import unit_text
from tests.conftest import ROOT
from tests.foreign.seed_docx import seed_path, typed_seed

sys.path.insert(0, str(ROOT / "tests" / "seeds"))
import fidelity  # noqa: E402  the seed measure

def carried(number: str, report) -> tuple[list[str], float]:
    """The seed's numbers found in the report, and the share of its sentences found verbatim
    (tests/seeds/fidelity.py's measure)."""
    seed = seed_path(number).read_text(encoding="utf-8")
    raw = fidelity.docx_text(str(report))
    in_report = set(fidelity.numbers(raw))
    hit = [n for n in fidelity.numbers(fidelity.NOISE.sub("", seed)) if n in in_report or n.rstrip("%") in in_report]
    sentences = fidelity.sentences(seed)
    text = fidelity.norm(raw)
    return hit, sum(len(s) for s in sentences if s in text) / sum(len(s) for s in sentences)


FLOORS = {"000": (29, 0.964), "001": (19, 0.996), "002": (39, 0.951), "003": (20, 0.924), "004": (39, 0.969)}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    out = {}
    for number in FLOORS:
        document = typed_seed(number, folder / f"{number}.docx")
        found = read_document(document, document.name)
        text = unit_text(found.unit, document.name, found.left)
        path = folder / f"{number}.yaml"
        path.write_text(text, encoding="utf-8")
        checked = examine(path, shown=path.name)
        report = folder / f"{number}-report.docx"
        report.write_bytes(render(checked.report))
        out[number] = (found, yaml.safe_load(text), checked, report)
    return out


@pytest.mark.parametrize("number", sorted(FLOORS))
def test_a_typed_seed_comes_in_carrying_its_figures_and_sentences(imported, number):
    found, unit, checked, report = imported[number]
    assert not [f for f in checked.findings if f.is_error]
    hit, share = carried(number, report)
    numbers, sentence_floor = FLOORS[number]
    assert len(hit) >= numbers and share >= sentence_floor, (len(hit), share)


def test_what_each_seed_states_lands_in_its_field(imported):
    dongkou = imported["000"][1]
    assert dongkou["单位"]["全称"] == "洞口县行政审批服务局" and dongkou["单位"]["年度"] == 2022   # from the title
    assert len(dongkou["职责"]) == 8 and dongkou["设置"]["职责编号"] == "1、"
    # stated only in its words (“行政编制人数6人，事业编制人数16人,工勤编制0人。实有人数20人，其中在职20人，退休0人。”)
    assert {k: v for k, v in dongkou["人员编制"].items() if k != "原文"} == {
        "行政编制": 6, "事业编制": 16, "工勤编制": 0, "实有人数": 20, "在职人数": 20, "退休人数": 0}
    # “本单位五政务性基金预算支出”: the seed's typo (五 for 无) is the unit's words, kept as they are
    assert dongkou["政府性基金预算支出"] == {"说明": ["本单位五政务性基金预算支出"]}
    assert "国有资本经营预算支出" in dongkou          # "4、 国有资本经营预算支出情况": a section typed as 4、
    hengshan = imported["003"][1]
    assert hengshan["单位"]["全称"] == "衡山县行政审批服务局"          # only the duties' lead names it
    assert {k: v for k, v in hengshan["人员编制"].items() if k != "原文"} == {   # 附件1 has none: its words give them
        "编制数": 14, "行政编制": 3, "事业编制": 10, "工勤编制": 1, "在职人数": 14, "退休人数": 0, "编外人数": 25}
    assert hengshan["项目"][0]["名称"] == "大综窗标准化改革" and hengshan["项目"][0]["全年执行数"] == 390
    yueyanglou = imported["004"][1]                                   # its forms first, the report as 附件4
    assert yueyanglou["三公经费"]["合计"] == {"本年预算数": 0.2, "本年决算数": 0.13}
    assert yueyanglou["总分"] == 98                                   # its 总分 label is a picture
    assert yueyanglou["预算"]["年初预算数"] == 1388.56
    assert "部门整体支出绩效情况" in yueyanglou and len(yueyanglou["职责"]) >= 11
    left = imported["004"][0].left
    assert any("没有写项目名称" in line for line in left)              # the blank 附件3 template: said, not made a project


# The same typed seeds exported to PDF by LibreOffice, as a unit uploads its report: measured
# when written (numbers, sentences) 000 29/29 0.968, 001 19/19 0.996, 002 40/40 0.953, 003 19/22
# 0.924, 004 39/46 0.946 — a PDF carries the seeds as well as their Word files do.
PDF_FLOORS = {"000": (29, 0.967), "001": (19, 0.995), "002": (40, 0.952), "003": (19, 0.923), "004": (39, 0.945)}


@pytest.fixture(scope="module")
def imported_pdfs(tmp_path_factory):
    import subprocess
    folder = tmp_path_factory.mktemp("seed_pdfs")
    documents = [typed_seed(number, folder / f"{number}.docx") for number in PDF_FLOORS]
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, documents)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = {}
    for number in PDF_FLOORS:
        pdf = folder / f"{number}.pdf"
        found = read_document(pdf, pdf.name)
        path = folder / f"{number}.yaml"
        path.write_text(unit_text(found.unit, pdf.name, found.left), encoding="utf-8")
        checked = examine(path, shown=path.name)
        report = folder / f"{number}-report.docx"
        report.write_bytes(render(checked.report))
        out[number] = (checked, report)
    return out


@pytest.mark.parametrize("number", sorted(PDF_FLOORS))
def test_a_typed_seed_exported_to_pdf_comes_in_as_well(imported_pdfs, number):
    checked, report = imported_pdfs[number]
    assert not [f for f in checked.findings if f.is_error]
    hit, share = carried(number, report)
    numbers, sentence_floor = PDF_FLOORS[number]
    assert len(hit) >= numbers and share >= sentence_floor, (len(hit), share)
