"""Typesetting details of issue 22 read from the rendered documents: the fonts of page numbers
and 附件 lines, no theme fonts, the lines under forms, the list of attachments kept whole,
points as run-in headings (what Word, pandoc and mammoth see), the unit's own tables (decimals,
merged heads, one page), and 附件1's money block repeating its head row."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import mammoth
import pytest
from docx import Document
from lxml import etree

from perfreport.document.report_docx import render
from perfreport.layout.own_tables import TableText, padded_rows, plain_heads, table_xml, text_mm
from tests.conftest import FIXTURES, ROOT, run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def complete_bytes():
    report, _ = run(FIXTURES / "complete.yaml")
    return render(report)


@pytest.fixture(scope="module")
def complete(complete_bytes):
    return Document(io.BytesIO(complete_bytes))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def fonts(rpr) -> dict:
    found = rpr.find(W + "rFonts") if rpr is not None else None
    return {} if found is None else {k[len(W):]: v for k, v in found.attrib.items()}


def style_fonts(document, name):
    return fonts(document.styles[name].element.find(W + "rPr"))


# ------------------------------------------------------------------ 1. digits in the line's font

def test_page_number_digits_are_in_songti(complete_bytes, complete):
    assert style_fonts(complete, "页码") == {"ascii": "宋体", "hAnsi": "宋体", "cs": "宋体", "eastAsia": "宋体"}
    for name in ("word/footer1.xml", "word/footer2.xml", "word/footer3.xml", "word/footer4.xml"):
        footer = etree.fromstring(part(complete_bytes, name).encode("utf-8"))
        runs = list(footer.iter(W + "r"))
        if not runs:
            continue
        assert [r for r in runs if r.find(W + "instrText") is not None], name        # the PAGE field
        for r in runs:
            assert fonts(r.find(W + "rPr"))["ascii"] == "宋体" and fonts(r.find(W + "rPr"))["hAnsi"] == "宋体"


def test_attachment_mark_and_title_digits_in_their_own_font(complete):
    assert style_fonts(complete, "附件标记")["ascii"] == "黑体" == style_fonts(complete, "附件标记")["hAnsi"]
    assert style_fonts(complete, "表格标题")["ascii"] == "方正小标宋简体" == style_fonts(complete, "表格标题")["hAnsi"]
    marks = [p for p in complete.paragraphs if re.fullmatch(r"附件\d", p.text)]
    assert marks and all(p.style.name == "附件标记" and not fonts(p.runs[0]._r.rPr) for p in marks)


# ------------------------------------------------------------------ 2. no theme fonts

def test_no_style_names_a_theme_font(complete_bytes):
    for name in ("word/styles.xml", "word/numbering.xml", "word/settings.xml"):
        assert not re.search(r'[Tt]heme="', part(complete_bytes, name)), name
    styles = etree.fromstring(part(complete_bytes, "word/styles.xml").encode("utf-8"))
    assert all(f.get(W + "ascii") for f in styles.iter(W + "rFonts"))          # a named font in each
    theme = part(complete_bytes, "word/theme/theme1.xml")
    assert "Calibri" not in theme and "Cambria" not in theme
    assert re.findall(r'<a:latin typeface="([^"]*)"', theme) == ["Times New Roman"] * 2
    assert re.findall(r'<a:ea typeface="([^"]*)"', theme) == ["宋体"] * 2


# ------------------------------------------------------------------ 3. the lines under forms

def test_notes_and_signature_are_wuhao_and_stand_off_the_table(complete):
    for name in ("表格说明", "签字栏", "表格文字"):
        assert complete.styles[name].font.size.pt == 10.5, name
    body = complete.element.body
    signatures = [p for p in complete.paragraphs if p.text.startswith("填表人：")]
    assert len(signatures) >= 3
    for paragraph in signatures:
        before = paragraph._p.getprevious()
        space = paragraph.paragraph_format.space_before
        space = paragraph.style.paragraph_format.space_before if space is None else space
        if before.tag == W + "tbl":                          # straight under a table: 4 pt off it
            assert space.pt == 4
        else:                                                # under a note: the note is off the table
            note = next(p for p in complete.paragraphs if p._p is before)
            assert note.style.name == "表格说明" and note.text.startswith(("说明", "备注"))
            assert note.paragraph_format.space_before.pt == 4 and space.pt == 0
            assert note._p.getprevious().tag == W + "tbl"
    assert body is not None
    unit_line = next(p for p in complete.paragraphs if p.text == "单位：万元")
    assert unit_line.style.name == "表格说明" and unit_line.alignment == 2          # right


# ------------------------------------------------------------------ 4. the list of attachments

def test_the_list_of_attachments_keeps_whole_and_with_section_ten(complete):
    paragraphs = complete.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "报告需要以下附件：")
    ten = next(i for i, p in enumerate(paragraphs) if p.text.startswith("十、"))
    items = []
    for p in paragraphs[start + 1:]:
        if not re.match(r"\d、", p.text):
            break
        items.append(p)
    assert len(items) >= 3
    chain = paragraphs[ten:start + 1] + items[:-1]       # 十's heading and text, the blank, the list
    assert all(kept(p) for p in chain), [p.text for p in chain if not kept(p)]
    assert not kept(items[-1])
    # only the body's last paragraph keeps so: the text before section 十 does not
    assert not kept(paragraphs[ten - 1])


def kept(paragraph) -> bool:
    """keep-with-next as Word reads it: the paragraph's own, else its style's."""
    own = paragraph.paragraph_format.keep_with_next
    return bool(paragraph.style.paragraph_format.keep_with_next if own is None else own)


# ------------------------------------------------------------------ 5. points: run-in headings

POINT = "（1）首席数据官制度。明确19个部门分管副职为首席数据官。"


def test_a_point_is_a_heading_of_its_level_for_word(complete):
    point = next(p for p in complete.paragraphs if p.text == POINT)
    style = point.style
    level = style.element.find(f"{W}pPr/{W}outlineLvl")
    assert style.name == "要点 4" and level is not None and level.get(W + "val") == "3"
    assert style.base_style.name == "Heading 4"
    # it looks like the body: 3号, indented, not kept with the next, no heading look of its own
    normal = complete.styles["Normal"]
    assert style.font.size == normal.font.size and style.font.bold is False
    assert style.paragraph_format.first_line_indent == normal.paragraph_format.first_line_indent
    assert style.paragraph_format.keep_with_next is False and style.paragraph_format.keep_together is False
    assert style_fonts(complete, "要点 4")["eastAsia"] == "仿宋_GB2312"


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_sees_a_point_as_a_heading(complete_bytes, tmp_path):
    path = tmp_path / "complete.docx"
    path.write_bytes(complete_bytes)
    done = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", str(path)], capture_output=True, text=True,
                          timeout=60, check=True)
    lines = [line for line in done.stdout.splitlines() if POINT in line]
    assert lines and lines[0].startswith("#### " + POINT)


def test_mammoth_sees_a_point_as_a_paragraph_unless_told_its_style(complete_bytes):
    plain = mammoth.convert_to_html(io.BytesIO(complete_bytes)).value
    assert f"<p>{POINT}</p>" in plain
    mapped = mammoth.convert_to_html(io.BytesIO(complete_bytes), style_map="p[style-name='要点 4'] => h4:fresh").value
    assert f"<h4>{POINT}</h4>" in mapped


# ------------------------------------------------------------------ 6. the unit's own tables

def table(columns, *rows, unit="万元"):
    return TableText(title="", unit=unit, columns=list(columns), rows=[list(r) for r in rows])


def test_a_column_of_figures_is_padded_to_its_most_decimals():
    t = table(["预算项目", "本年可用指标", "差额"], ["工资福利支出", "264.75", "0"], ["对个人和家庭补助", "", "—"],
              ["合 计", "716.9", "-168.8"])
    assert padded_rows(t) == [["工资福利支出", "264.75", "0.00"], ["对个人和家庭补助", "", "—"],
                              ["合 计", "716.90", "-168.80"]]


def test_whole_numbers_stay_whole_where_they_count():
    t = table(["费用项目", "预算", "结余"], ["公务接待", "5.0", "4"], ["合计", "5.00", "4"])
    assert padded_rows(t) == [["公务接待", "5.00", "4.00"], ["合计", "5.00", "4.00"]]       # money: padded
    counts = table(["股室", "人数", "经费"], ["人秘股", "3", "1.5"], ["合计", "12", "6.25"])
    assert padded_rows(counts) == [["人秘股", "3", "1.50"], ["合计", "12", "6.25"]]
    years = table(["年度", "决算数"], ["2019", "0.41"], ["2020", "1"])
    assert padded_rows(years) == [["2019", "0.41"], ["2020", "1.00"]]
    no_money = table(["项目", "件数", "办结率", "满意度"], ["审批", "120", "98.5%", "4"], ["服务", "30", "100%", "5"],
                     unit="")
    assert padded_rows(no_money) == [["审批", "120", "98.5%", "4"], ["服务", "30", "100.0%", "5"]]
    mixed = table(["项目", "说明"], ["甲", "1.5"], ["乙", "见附表"])                         # text: as typed
    assert padded_rows(mixed) == [["甲", "1.5"], ["乙", "见附表"]]


def parsed(markup):
    return etree.fromstring(f'<w:body xmlns:w="{W[1:-1]}">{markup}</w:body>')


def cell_texts(row):
    return ["".join(t.text or "" for t in c.iter(W + "t")) for c in row.findall(W + "tc")]


def test_equal_adjacent_heads_are_one_cell():
    t = table(["项目", "预算金额", "预算金额", "决算金额"], ["甲", "1.00", "2.00", "3.00"])
    header = parsed(table_xml(t)).find(W + "tbl").findall(W + "tr")[0]
    assert cell_texts(header) == ["项目", "预算金额", "决算金额"]
    assert header.findall(W + "tc")[1].find(f"{W}tcPr/{W}gridSpan").get(W + "val") == "2"


def test_a_head_does_not_repeat_the_unit_line():
    assert plain_heads(table(["预算项目", "合计（单位：万元）", "金额（万元）", "人数（人）"])) == [
        "预算项目", "合计", "金额", "人数（人）"]
    assert plain_heads(table(["预算项目", "合计（单位：万元）"], unit="元")) == ["预算项目", "合计（单位：万元）"]


def keeps(row):
    return all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(W + "p"))


def test_a_short_table_keeps_on_one_page_a_long_one_repeats_its_head():
    short = parsed(table_xml(table(["项目", "金额"], *[[f"项{i}", "1.00"] for i in range(10)]))).find(W + "tbl")
    rows = short.findall(W + "tr")
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    assert all(keeps(r) for r in rows[:-1]) and not keeps(rows[-1])
    long = parsed(table_xml(table(["项目", "金额"], *[[f"项{i}", "1.00"] for i in range(11)]))).find(W + "tbl")
    rows = long.findall(W + "tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None and keeps(rows[0])
    assert not any(keeps(r) for r in rows[1:])


def test_the_rendered_wugang_tables_print_one_number_of_decimals():
    document = Document(str(ROOT / "reports" / "wugang.docx"))
    three_public = next(t for t in document.tables if t.rows[0].cells[0].text == "费用项目"
                        and len(t.columns) == 7)
    first = [c.text for c in three_public.rows[2].cells]
    assert first == ["公务接待", "5.00", "0.00", "1.00", "0.00", "4.00", "0.00"]
    heads = [c.text for t in document.tables for c in t.rows[0].cells]
    assert "合计（单位：万元）" not in heads and "合计" in heads


# ------------------------------------------------------------------ 7. 附件1

def test_form_one_is_three_tables_the_money_block_heading_repeats(complete):
    tables = complete.tables
    start = next(i for i, t in enumerate(tables) if t.rows[0].cells[0].text == "预算单位名称"
                 and t.rows[1].cells[0].text.startswith("财政供养"))
    staffing, money, buildings = tables[start:start + 3]
    head = money.rows[0]
    assert [c.text for c in head.cells][0] == "经费控制情况（万元）"
    assert head._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert buildings.rows[0].cells[0].text.startswith("楼堂馆所控制情况")
    assert len(money.columns) == 4 == len(staffing.columns)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler-utils not installed")
def test_every_page_of_a_long_form_one_has_its_money_heading(tmp_path):
    from perfreport.document.pdf import convert
    from tests.big_unit import write_big_unit
    from tests.layout.test_pagination import page_lines
    report, _ = run(write_big_unit(tmp_path / "big.yaml"))
    docx = tmp_path / "big.docx"
    docx.write_bytes(render(report))
    [pdf] = convert([docx], tmp_path / "pdf")
    pages = page_lines(pdf)
    first = next(i for i, lines in enumerate(pages) if lines and lines[0] == "附件1")
    end = next(i for i, lines in enumerate(pages) if i > first and lines and lines[0].startswith("附件"))
    assert end - first >= 2                                     # the form runs over pages
    for lines in pages[first + 1:end]:
        assert lines[0].startswith("经费控制情况") or lines[0].startswith("2022年决算数"), lines[:2]
    # no money label is broken inside brackets, none is left at a page's foot alone
    assert "附件1" not in pages[first - 1][-1:]
