"""Pagination as a typesetter would do it, checked on the PDF LibreOffice makes of every unit in
reports/ and of the fixtures (pdftotext page by page): no heading is the last line of a page,
and no page but the last of a part (the body, an 附件) is under a third full."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from perfreport.document.dump import dump_bytes
from perfreport.document.pdf import convert
from perfreport.document.report_docx import render
from tests.conftest import FIXTURES, ROOT, edited, run
from tests.document.test_render import NARROW_FUND, WIDE_TABLE

pytestmark = pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
    reason="LibreOffice and poppler-utils not installed (CI installs them)")

LINES_A_PAGE = 22                # GB/T 9704: 22 lines of body text
FOOTER = re.compile(r"—\d+—")


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """(name, .docx, .pdf) for every unit and fixture, converted in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("pagination")
    sources = {path.stem: path.with_suffix(".docx") for path in sorted((ROOT / "reports").glob("*.yaml"))}
    for name, source in (("complete", FIXTURES / "complete.yaml"), ("minimal", FIXTURES / "minimal.yaml"),
                         ("public-page", FIXTURES / "public" / "xiaqiao.yaml"),
                         ("forms-only", FIXTURES / "forms_only.yaml"),
                         ("wide", edited("complete", folder, (NARROW_FUND, WIDE_TABLE)))):
        report, _ = run(source)
        sources[name] = folder / f"fixture-{name}.docx"
        sources[name].write_bytes(render(report))
    pdfs = convert(list(sources.values()), folder / "pdf")
    return [(name, docx, pdf) for (name, docx), pdf in zip(sources.items(), pdfs)]


def page_lines(pdf) -> list[list[str]]:
    """Each page's lines of text, without spaces and without the page number."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    pages = []
    for number in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
        pages.append([line for line in lines if line and not FOOTER.fullmatch(line)])
    return pages


def headings(docx) -> set[str]:
    """The headings with something under them: a section the unit left unsaid is its heading
    alone, the whole of its section, and may end a page."""
    lines = dump_bytes(docx.read_bytes()).splitlines()
    return {re.sub(r"\s+", "", line.lstrip("#")) for line, after in zip(lines, lines[1:] + [""])
            if line.startswith("##") and not (after.startswith("## ") or after == "报告需要以下附件：")}


def problems(docx, pdf) -> list[str]:
    pages, titles = page_lines(pdf), headings(docx)
    found = []
    for index, lines in enumerate(pages[1:], start=1):            # the cover is a part of its own
        if lines and lines[-1] in titles:
            found.append(f"第 {index + 1} 页的最后一行是标题“{lines[-1]}”")
        following = pages[index + 1] if index + 1 < len(pages) else []
        last_of_part = not following or following[0].startswith("附件")
        if not last_of_part and len(lines) < LINES_A_PAGE / 3:
            found.append(f"第 {index + 1} 页只有 {len(lines)} 行")
    return found


def test_every_page_is_set_as_a_typesetter_would(documents):
    assert {name: problems(docx, pdf) for name, docx, pdf in documents} == {name: [] for name, _, _ in documents}


def test_the_check_finds_what_it_looks_for(documents, tmp_path):
    """The check itself, on a report whose points are headings kept with what follows (as the
    template set them before): headings at the foot of pages and near-empty pages."""
    name, docx, pdf = next(d for d in documents if d[0] == "dongkou")
    from docx import Document
    document = Document(str(docx))
    for paragraph in document.paragraphs:
        if paragraph.style.name == "要点 3" and re.match(r"^[0-9]+\.", paragraph.text):
            paragraph.style = document.styles["Heading 3"]
            paragraph.paragraph_format.keep_with_next = None      # the heading style's keep, not the point's
    broken = tmp_path / "broken.docx"
    document.save(str(broken))
    [made] = convert([broken], tmp_path)
    found = problems(broken, made)
    assert any("最后一行是标题" in p for p in found), found


# ------------------------------------------------------------------ forms over many pages

@pytest.fixture(scope="module")
def big_pages(tmp_path_factory):
    """The pages of a unit of 40 projects × 20 indicators, as text, one entry a page."""
    from tests.big_unit import write_big_unit
    folder = tmp_path_factory.mktemp("big")
    report, _ = run(write_big_unit(folder / "big.yaml"))
    source = folder / "big.docx"
    source.write_bytes(render(report))
    [pdf] = convert([source], folder / "pdf")
    return page_lines(pdf)


def check_form_pages(pages: list[list[str]], projects: int) -> None:
    """Every page of the forms' indicator blocks reads on its own."""
    row = re.compile(r"项目\d+第\d+项")                 # an indicator's name, as the cell's first line
    form_pages = [lines for lines in pages if row.search("".join(lines))]
    assert len(form_pages) >= 2 * projects                # forms of 20 indicators take several pages
    for number, lines in enumerate(form_pages):
        text = "".join(lines)
        where = f"第 {number + 1} 页（表格页）"
        assert "一级指标" in text and "偏差原因" in text, where           # the header row, on every page
        assert re.search("产出指标|效益指标|满意度", text), where              # a group label, on every page
        for label, weight in (("产出指标", "（50分）"), ("效益指标", "（30分）"), ("满意度", "（10分）")):
            assert (weight not in text) or (label in text), where       # a label never split from its weight
        if "总分" in text:
            assert "填表人" in text, where                             # the signature stays with 总分
            assert row.search(text.split("总分")[0]), where              # and 总分 with at least one row


def test_every_page_of_a_long_form_reads_on_its_own(big_pages):
    check_form_pages(big_pages, projects=40)

SIZE_SCRIPT = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/templates")
import build
from perfreport.document.pdf import convert
from perfreport.document.report_docx import render
from tests.big_unit import write_big_unit
from tests.conftest import run
from tests.layout.test_pagination import page_lines
folder = Path(sys.argv[2])
template = folder / "report.docx"
template.write_bytes(build.build())
report, _ = run(write_big_unit(folder / "big.yaml", projects=4))
source = folder / "big.docx"
source.write_bytes(render(report, template))
[pdf] = convert([source], folder / "pdf")
print(json.dumps(page_lines(pdf), ensure_ascii=False))
"""


def test_the_forms_in_another_type_size_still_read_on_every_page(tmp_path):
    """小四 (12 pt) instead of 五号 is one setting (perfreport/layout/type.py): the template
    built and the forms laid out in it, every page of the long forms still reads on its own."""
    import json
    import subprocess
    import sys
    env = dict(os.environ, PERFREPORT_FORM_PT="12")
    done = subprocess.run([sys.executable, "-c", SIZE_SCRIPT, str(ROOT), str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    check_form_pages(json.loads(done.stdout), projects=4)
