"""Open the rendered .docx and check what a reviewer would: layout, fonts, order, figures."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from perfreport.document.report_docx import TEMPLATE, render
from tests.conftest import FIXTURES, ROOT, edited, run


def rendered(path: Path) -> docx.Document:
    report, _ = run(path)
    return docx.Document(io.BytesIO(render(report)))


@pytest.fixture(scope="module")
def complete():
    return rendered(FIXTURES / "complete.yaml")


@pytest.fixture(scope="module")
def minimal():
    return rendered(FIXTURES / "minimal.yaml")


def texts(document, style=None):
    return [p.text for p in document.paragraphs if style is None or p.style.name == style]


def test_page_is_a4_with_gbt9704_margins(complete):
    section = complete.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)]
    assert margins == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"


@pytest.mark.parametrize("style,font,size", [
    ("Normal", "仿宋_GB2312", 16), ("公文标题", "方正小标宋简体", 22), ("Heading 1", "黑体", 16),
    ("Heading 2", "楷体_GB2312", 16), ("Heading 3", "仿宋_GB2312", 16), ("Heading 4", "仿宋_GB2312", 16),
    ("表格文字", "仿宋_GB2312", 10.5), ("页码", "宋体", 14)])
def test_each_style_sets_its_east_asian_font(complete, style, font, size):
    element = complete.styles[style].element
    fonts = element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == font
    # digits in Times New Roman, but a page number's in 宋体 (GB/T 9704 §7.5)
    assert fonts.get(qn("w:ascii")) == ("宋体" if style == "页码" else "Times New Roman")
    assert not [a for a in fonts.attrib if a.lower().endswith("theme")]
    assert complete.styles[style].font.size.pt == size


def test_document_defaults_use_chinese_fonts(complete):
    # runs without a style (inside subdocuments, fields) fall back to these
    rpr = complete.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert not [a for a in fonts.attrib if a.lower().endswith("theme")]
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_heading_styles_are_words_own_heading_1_to_4(complete):
    """Word's built-in heading 1–4 (标题 1–4 in Chinese Word), restyled: each with its outline
    level, kept with what follows, never split, level 3 bold, no theme colour."""
    for level in (1, 2, 3, 4):
        style = complete.styles[f"Heading {level}"]
        assert style.element.get(qn("w:styleId")) == f"Heading{level}"
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
        assert style.paragraph_format.keep_with_next is True and style.paragraph_format.keep_together is True
        assert style.font.color.rgb is None and style.hidden is False
        assert style.font.bold is (level == 3)


def test_ten_sections_in_order(complete):
    assert texts(complete, "Heading 1") == [
        "一、部门（单位）基本情况", "二、一般公共预算支出情况", "三、政府性基金预算支出情况",
        "四、国有资本经营预算支出情况", "五、社会保险基金预算支出情况", "六、部门整体支出绩效情况",
        "七、存在的问题及原因分析", "八、下一步改进措施", "九、部门整体支出绩效自评结果拟应用和公开情况",
        "十、其他需要说明的情况"]


def test_opening_stands_between_title_and_section_one(complete, minimal):
    body = texts(complete)
    one = body.index("一、部门（单位）基本情况")
    assert body[one - 1] == "根据县财政局关于开展2023年度部门整体支出绩效自评的通知要求，现将我局自评情况报告如下："
    assert body[one - 3:one - 1] == ["单位整体支出绩效自评报告", ""]
    body = texts(minimal)
    one = body.index("一、部门（单位）基本情况")
    assert body[one - 2:one] == ["单位整体支出绩效自评报告", ""]


def test_narrative_hierarchy_keeps_levels_and_run_in_text(complete):
    body = texts(complete)
    # a heading over more of the outline is a heading; its run-in text is the paragraph under it
    assert "（一）聚焦主职主责" in texts(complete, "Heading 2")
    assert body[body.index("（一）聚焦主职主责") + 1] == "全年办件量稳步增长。"
    assert "1.强化使命担当" in texts(complete, "Heading 3")
    # a point (a heading over nothing, with run-in text) is one paragraph led by its heading,
    # in its level's run-in heading style (based on heading 4, set as the body)
    point = next(p for p in complete.paragraphs if p.text.startswith("（1）首席数据官制度"))
    assert point.text == "（1）首席数据官制度。明确19个部门分管副职为首席数据官。"
    assert point.style.name == "要点 4" and point.style.base_style.name == "Heading 4"
    assert not point.paragraph_format.keep_with_next
    assert point.runs[0].text == "（1）首席数据官制度。" and point.runs[0].font.bold is not True


def test_what_is_kept_with_what_follows(complete, minimal):
    keep = {p.text for p in complete.paragraphs if p.paragraph_format.keep_with_next}
    assert "示例县行政审批服务局的主要职责是：" in keep                  # a lead-in ending in ：
    assert "报告需要以下附件：" in keep and "1、部门整体支出绩效评价基础数据表" in keep
    assert "5、国有资本经营预算支出情况表" not in keep                    # the list's last item
    assert "全年共收到锦旗17面、表扬信65份。" not in keep


def test_sections_a_unit_left_unsaid_print_only_their_heading(minimal):
    # minimal.yaml says nothing of 三–五 or 十: no "本单位无……", no "无"
    body = texts(minimal)
    assert not [t for t in body if "本单位无" in t]
    for heading, after in (("三、政府性基金预算支出情况", "四、国有资本经营预算支出情况"),
                           ("四、国有资本经营预算支出情况", "五、社会保险基金预算支出情况"),
                           ("五、社会保险基金预算支出情况", "六、部门整体支出绩效情况"),
                           ("十、其他需要说明的情况", "报告需要以下附件：")):
        assert [t for t in body[body.index(heading) + 1:] if t][0] == after


def test_sections_the_unit_says_are_empty_print_the_standard_sentence(tmp_path):
    tenth = "部门整体支出绩效自评结果拟应用和公开情况: [按规定公开。]\n"
    said = (tenth + "政府性基金预算支出: 无\n国有资本经营预算支出: 无\n社会保险基金预算支出: 无\n"
            "其他需要说明的情况: 无\n")
    body = texts(rendered(edited("minimal", tmp_path, (tenth, said))))
    for sentence in ("2023年度本单位无政府性基金预算支出。", "2023年度本单位无国有资本经营预算支出。",
                     "2023年度本单位无社会保险基金预算支出。"):
        assert sentence in body
    assert body[body.index("十、其他需要说明的情况") + 1] == "无"


def test_attachment_list_and_pages_follow_the_unit(complete, minimal):
    # 附件N on the first line, the title on the third (GB/T 9704 §7.3.7)
    assert texts(complete, "附件标记") == ["附件1", "", "附件2", "", "附件3", "", "附件3", "", "附件4", "", "附件5", ""]
    assert texts(minimal, "附件标记") == ["附件1", "", "附件2", ""]
    body = texts(minimal)
    start = body.index("报告需要以下附件：")
    assert body[start + 1:start + 3] == ["1、部门整体支出绩效评价基础数据表", "2、部门整体支出绩效自评表"]
    for p in complete.paragraphs:
        if p.style.name == "附件标记" and p.text:
            assert p.paragraph_format.page_break_before
    body = texts(complete)
    assert body[body.index("附件1") + 2] == "2023年度部门整体支出绩效评价基础数据表"


def cell_texts(row):
    out = []
    for tc in row._tr.tc_lst:
        out.append("".join(t.text or "" for t in tc.iter(qn("w:t"))))
    return out


def find_row(table, first):
    for row in table.rows:
        cells = cell_texts(row)
        if first in cells:
            return cells
    raise AssertionError(f"no row with {first!r}")


def overall_table(document):
    """附件2: its money block and its indicator block (a table a page, each opened by the
    header row), as one list of rows."""
    from types import SimpleNamespace
    tables = document.tables
    top = next(i for i, t in enumerate(tables) if cell_texts(t.rows[1])[0] == "年度预算申请")
    assert cell_texts(tables[top + 1].rows[0])[:2] == ["绩效指标", "一级指标"]
    pages = []
    for table in tables[top + 1:]:
        if cell_texts(table.rows[0])[:2] != ["绩效指标", "一级指标"]:
            break
        pages.append(table)
    return SimpleNamespace(rows=list(tables[top].rows) + [r for t in pages for r in t.rows], pages=pages)


def test_figures_land_in_their_cells(complete):
    table = overall_table(complete)
    assert find_row(table, "年度资金总额")[1:] == ["年度资金总额", "1000.00", "1200.00", "1180.00", "10.00", "98.33%",
                                                "9.83"]
    assert find_row(table, "总分") == ["总分", "100.00", "97.73", "等级：优"]
    assert find_row(table, "调研股室数量")[3:] == ["调研股室数量", "≥50个", "60个", "10.00", "10.00", ""]
    assert find_row(table, "按收入性质分：")[1:] == ["按收入性质分：", "按支出性质分："]
    assert find_row(table, "其中：一般公共预算：1060.00")[1:] == ["其中：一般公共预算：1060.00", "其中：基本支出：400.00"]
    basic = basic_table(complete)
    assert find_row(basic, "三公经费") == ["三公经费", "1.50", "1.70", "1.53"]
    assert find_row(basic, "1、政务大厅运行维护") == ["1、政务大厅运行维护", "500.00", "600.00", "680.00"]
    assert find_row(basic, "政府采购金额") == ["政府采购金额", "193.68", "300.00", "66.36"]
    project = next(t for t in complete.tables if "政务大厅运行维护" in cell_texts(t.rows[0]))
    assert find_row(project, "其中：当年财政拨款")[1:5] == ["其中：当年财政拨款", "600.00", "640.00", "620.00"]


def basic_table(document):
    """附件1: its staffing, money and buildings tables (the money block a table of its own,
    whose header row repeats), as one list of rows."""
    from types import SimpleNamespace
    tables = document.tables
    top = next(i for i, t in enumerate(tables) if cell_texts(t.rows[0])[0] == "预算单位名称"
               and "财政供养人员情况（人）" in cell_texts(t.rows[1]))
    assert cell_texts(tables[top + 1].rows[0])[0] == "经费控制情况（万元）"
    return SimpleNamespace(rows=[r for t in tables[top:top + 3] for r in t.rows])


def test_a_stated_figure_is_printed_as_stated_where_its_parts_disagree(tmp_path):
    """衡山县 states 总支出 821.17 and 项目支出 639.91, and lists projects of 390: the forms
    print its figures, and the rate follows the stated 全年执行数."""
    document = rendered(edited("complete", tmp_path, ("  全年执行数: 1180\n", "  全年执行数: 1190.5\n")))
    assert find_row(overall_table(document), "年度资金总额")[1:] == [
        "年度资金总额", "1000.00", "1200.00", "1190.50", "10.00", "99.21%", "9.92"]


BARE = "单位:\n  全称: 测试局\n  年度: 2023\n"


def test_a_unit_that_knows_nothing_else_prints_blank_cells_on_every_form(tmp_path):
    path = tmp_path / "bare.yaml"
    path.write_text(BARE, encoding="utf-8")
    document = rendered(path)
    basic, overall = basic_table(document), overall_table(document)
    assert find_row(basic, "财政供养人员情况（人）") == ["财政供养人员情况（人）", "编制数", "2023年实际在职人数", "控制率"]
    staff = cell_texts(basic.rows[2])
    assert staff[1:] == ["", "", ""]                                   # no 0 people, no rate
    for label in ("三公经费", "3、公务接待", "项目支出", "公用经费", "政府采购金额", "部门基本支出预算调整"):
        assert find_row(basic, label)[1:] == ["", "", ""], label
    rows = [cell_texts(r) for r in basic.rows]
    buildings = rows[next(i for i, r in enumerate(rows) if "批复规模（m²）" in r) + 1]
    assert buildings[1:] == [""] * 6                                   # no 0 │ 0 │ 100.00%
    assert find_row(overall, "年度资金总额")[1:] == ["年度资金总额", "", "", "", "10.00", "", ""]   # no rate: blank
    assert find_row(overall, "其中：一般公共预算：")[1:] == ["其中：一般公共预算：", "其中：基本支出："]
    assert find_row(overall, "总分") == ["总分", "100.00", "", "等级：未评定"]
    text = "\n".join(texts(document))
    assert "0.00" not in text and "100.00%" not in text
    assert "核定编制数" not in text and "预算执行率" not in text


def test_a_project_form_with_nothing_known_but_its_indicator_prints_blank_cells(tmp_path):
    path = tmp_path / "bare.yaml"
    path.write_text(BARE + "项目:\n  - 名称: 甲项目\n    绩效指标:\n      - {二级指标: 数量指标, 三级指标: 办件数}\n",
                    encoding="utf-8")
    document = rendered(path)
    tables = document.tables
    top = next(i for i, t in enumerate(tables) if "甲项目" in cell_texts(t.rows[0]))
    from types import SimpleNamespace
    project = SimpleNamespace(rows=list(tables[top].rows) + list(tables[top + 1].rows))
    assert find_row(project, "年度资金总额")[1:] == ["年度资金总额", "", "", "", "10.00", "", ""]
    for label in ("其中：当年财政拨款", "上年结转资金", "其他资金"):
        assert find_row(project, label)[1:5] == [label, "", "", ""], label
    assert find_row(project, "办件数")[3:] == ["办件数", "", "", "", "", ""]
    assert find_row(project, "总分") == ["总分", "100.00", "", "等级：未评定"]


LEVEL2_ALL = ["数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
              "可持续影响指标", "服务对象满意度指标"]


def form_tables(document, first_cell_text):
    """A form's money block and its indicator table (the table after it), found by a text of
    the money block's first row."""
    tables = document.tables
    top = next(i for i, t in enumerate(tables) if first_cell_text in cell_texts(t.rows[0])
               and len(t.rows) > 1 and cell_texts(t.rows[1])[0] in ("年度预算申请", "主管部门"))
    assert cell_texts(tables[top + 1].rows[0])[:2] == ["绩效指标", "一级指标"]
    return tables[top], tables[top + 1]


def assert_blank_indicator_form(money, indicators):
    """The standard blank form (seed 004's empty 附件3): 50 / 30 / 10, every 二级 on a blank
    line, 一级 and 二级 merged as the filled form merges them, no 总分 and no grade."""
    rows = [r for r in indicators.rows[1:] if len(r._tr.tc_lst) == 9]
    assert [cell_texts(r)[1] for r in rows] == ["产出指标（50分）", "", "", "", "效益指标（30分）", "", "", "",
                                                "满意度指标（10分）"]
    assert [cell_texts(r)[2] for r in rows] == LEVEL2_ALL
    for r in rows:                                   # 三级, 指标值, 完成值, 分值, 得分, 偏差: blank
        assert cell_texts(r)[3:] == [""] * 6, cell_texts(r)
    assert [(vmerge(r._tr.tc_lst[1]), vmerge(r._tr.tc_lst[2])) for r in rows] == [
        ("restart", "restart"), ("continue", "restart"), ("continue", "restart"), ("continue", "restart"),
        ("restart", "restart"), ("continue", "restart"), ("continue", "restart"), ("continue", "restart"),
        ("restart", "restart")]
    assert cell_texts(indicators.rows[-1]) in (["总分", "100.00", "", "等级：未评定"], ["总分", "100", "", "等级：未评定"])
    text = "|".join(c for t in (money, indicators) for r in t.rows for c in cell_texts(r))
    assert "不适用" not in text and "None" not in text


def test_an_empty_overall_form_is_the_standard_blank_form(tmp_path):
    from tests.derive.test_indicators import MINIMAL_INDICATORS
    document = rendered(edited("minimal", tmp_path, (MINIMAL_INDICATORS, "")))
    money, indicators = form_tables(document, "预算单位名称")
    assert_blank_indicator_form(money, indicators)
    # minimal states no 全年执行数: no rate, its cells blank (not —, not 0)
    assert find_row(money, "年度资金总额")[1:] == ["年度资金总额", "10.00", "10.00", "", "10.00", "", ""]


def test_an_empty_project_form_is_the_standard_blank_form(complete):
    money, indicators = form_tables(complete, "业务工作经费")
    assert_blank_indicator_form(money, indicators)
    assert find_row(money, "年度资金总额")[1:] == ["年度资金总额", "0.00", "100.00", "100.00", "10.00", "100.00%",
                                                "10.00"]


def test_a_bare_unit_prints_the_blank_form_with_no_rate(tmp_path):
    path = tmp_path / "bare.yaml"
    path.write_text(BARE, encoding="utf-8")
    money, indicators = form_tables(rendered(path), "预算单位名称")
    assert_blank_indicator_form(money, indicators)


def test_a_rate_of_a_zero_budget_is_a_dash_and_an_unknown_one_blank(tmp_path):
    """— says the unit's figures give a 全年预算数 of 0 (no rate can be had); a rate its
    figures do not give at all is a blank cell, like every other figure not known."""
    document = rendered(edited("minimal", tmp_path, ("全年预算数: 10}", "全年预算数: 0, 全年执行数: 0}")))
    money, _ = form_tables(document, "预算单位名称")
    assert find_row(money, "年度资金总额")[1:] == ["年度资金总额", "10.00", "0.00", "0.00", "10.00", "—", ""]


def test_a_second_level_left_out_of_a_filled_form_is_a_blank_row(complete):
    rows = {cell_texts(r)[2]: cell_texts(r) for r in overall_table(complete).rows
            if len(r._tr.tc_lst) == 9 and cell_texts(r)[2]}
    assert rows["生态效益指标"][3:] == [""] * 6                        # not given: blank, not 不适用
    assert rows["经济效益指标"][3:] == ["不适用", "", "", "", "", ""]    # the unit wrote 不适用: kept
    _, indicators = form_tables(complete, "政务大厅运行维护")
    project = {cell_texts(r)[2]: cell_texts(r) for r in indicators.rows[1:] if len(r._tr.tc_lst) == 9}
    for level2 in ("经济效益指标", "生态效益指标", "可持续影响指标"):
        assert project[level2][3:] == [""] * 6, level2
    assert "不适用" not in "|".join(c for r in indicators.rows for c in cell_texts(r))
    assert cell_texts(indicators.rows[1])[1] == "产出指标（50分）"


def test_blank_building_row_and_stated_staff_without_split(tmp_path):
    document = rendered(edited("minimal", tmp_path, ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}",
                                                     "{编制数: 2, 在职人数: 2}")))
    assert cell_texts(basic_table(document).rows[2])[1:] == ["2", "2", "100.00%"]


def vmerge(tc):
    element = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
    return None if element is None else (element.get(qn("w:val")) or "continue")


def test_indicator_cells_merge_by_level(complete):
    table = overall_table(complete)
    rows = [r for r in table.rows if len(r._tr.tc_lst) == 9 and cell_texts(r)[3] not in ("三级指标",)]
    structure = [(vmerge(r._tr.tc_lst[1]), vmerge(r._tr.tc_lst[2]), cell_texts(r)[3]) for r in rows]
    assert structure == [
        ("restart", "restart", "组织审批事项数"), ("continue", "continue", "调研股室数量"),
        ("continue", "restart", "当天办结率"), ("continue", "restart", "按时完成各项任务"),
        ("continue", "restart", "单位支出预算执行率"), ("restart", "restart", "不适用"),   # the unit's own
        ("continue", "restart", "便民服务中心指导覆盖率"), ("continue", "restart", ""),    # 生态效益: not given
        ("continue", "restart", "《工作专班工作规则》"), ("restart", "restart", "群众满意率")]
    # the label is printed once, on its restart cell, broken onto two lines
    level1 = [cell_texts(r)[1] for r in rows]
    assert level1 == ["产出指标（50分）", "", "", "", "", "效益指标（30分）", "", "", "", "满意度指标（10分）"]
    assert len(rows[0]._tr.tc_lst[1].findall(".//" + qn("w:br"))) == 1


def test_prose_with_markup_characters_survives(complete):
    assert "2.负责“12345”政府服务热线 & <政务公开> 的“统筹”工作。" in texts(complete)


def test_narrative_table_is_inserted(complete):
    table = next(t for t in complete.tables if cell_texts(t.rows[0]) == ["预算项目", "合计"])
    assert [cell_texts(r) for r in table.rows[1:]] == [["财政拨款", "1060"], ["政府性基金", "100"]]


def test_committed_template_is_what_the_generator_writes():
    sys.path.insert(0, str(ROOT / "templates"))
    import build
    assert build.build() == TEMPLATE.read_bytes(), "run: python templates/build.py"


def test_rendering_is_byte_identical():
    report, _ = run(FIXTURES / "complete.yaml")
    assert render(report) == render(report)


@pytest.mark.parametrize("unit", sorted(FIXTURES.glob("*.yaml")) + sorted((ROOT / "reports").glob("*.yaml")),
                         ids=lambda path: path.stem)
def test_rendered_xml_parses_strictly(unit):
    # with namespaces, every part: a run checks the body without them (report_docx.well_formed),
    # as its element names and prefixes are the template's and the layout's, which these cover
    report, _ = run(unit)
    from lxml import etree
    with zipfile.ZipFile(io.BytesIO(render(report))) as archive:
        names = archive.namelist()
        for name in names:
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))          # an unbound prefix raises here
    assert {"word/footer1.xml", "word/footer2.xml", "docProps/core.xml"} <= set(names)


@pytest.mark.parametrize("part", ["word/document.xml", "docProps/core.xml", "word/footer2.xml"])
def test_self_check_refuses_a_damaged_part(part):
    from perfreport.document.docx_zip import normalise
    from perfreport.shared.errors import RenderError
    from perfreport.document.report_docx import check_output
    report, _ = run(FIXTURES / "minimal.yaml")
    good = render(report)
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        text = archive.read(part)
    damaged = normalise(good, replace={part: text.replace(b"</", b"<\x01/", 1)})
    with pytest.raises(RenderError, match="生成的文档无法通过自检"):
        check_output(damaged, "x.yaml", body=True)
    check_output(good, "x.yaml", body=True)


@pytest.mark.parametrize("damage", ["<w:p><w:r><w:t>A & B</w:t></w:r></w:p>",      # an unescaped &
                                    "<w:p><w:r><w:t>\x01</w:t></w:r></w:p>",         # a character XML forbids
                                    "<w:p><w:r><w:t>半段</w:t></w:p>"])               # an element left open
def test_a_body_that_does_not_parse_is_refused_as_it_is_written(monkeypatch, damage):
    # render() checks the body on its way into the package (well_formed), not by reading it back
    from perfreport.document import report_docx
    from perfreport.shared.errors import RenderError
    report, _ = run(FIXTURES / "minimal.yaml")
    made = report_docx.body_pieces

    def damaged(*args):
        pieces = list(made(*args))
        return [pieces[0].replace("</w:p>", "</w:p>" + damage, 1)] + pieces[1:]

    monkeypatch.setattr(report_docx, "body_pieces", damaged)
    with pytest.raises(RenderError, match="生成的文档无法通过自检（ExpatError"):
        render(report)


def cli(*args):
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_report_command_writes_the_document(tmp_path):
    target = tmp_path / "out.docx"
    result = cli("report", str(FIXTURES / "complete.yaml"), "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert f"已生成 {target}（1 条警告）" in result.stderr
    written = texts(docx.Document(str(target)))
    assert written[5:7] == ["2023年度示例县行政审批服务局", "单位整体支出绩效自评报告"]


def test_failed_render_leaves_the_previous_output_untouched(tmp_path):
    bad = edited("minimal", tmp_path, ("  年度: 2023", "  年度: 二〇二三"))
    target = tmp_path / "minimal.docx"
    target.write_bytes(b"previous report")
    result = cli("report", str(bad))
    assert result.returncode == 1
    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_strict_report_with_warnings_writes_nothing(tmp_path):
    target = tmp_path / "x.docx"
    result = cli("report", "hengshan", "--strict", "--output", str(target))
    assert result.returncode == 1
    assert not target.exists()


@pytest.mark.skipif(shutil.which("soffice") is None and not os.environ.get("CI"),
                    reason="LibreOffice not installed (CI installs it)")
def test_pdf_preview_uses_cjk_fonts(tmp_path):
    # with a wide 附件4, so the PDF shows the landscape page too
    report, _ = run(edited("complete", tmp_path, (NARROW_FUND, WIDE_TABLE)))
    source = tmp_path / "complete.docx"
    source.write_bytes(render(report))
    result = cli("pdf", str(source), "--outdir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "complete.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 8
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)],
                           capture_output=True, text=True).stdout
    assert sizes.count("841.89 x 595.304") == 1          # 附件4 landscape
    assert sizes.count("595.304 x 841.89") == pages - 1
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSansCJK" in fonts            # 黑体 headings
    assert "GBZenKai" in fonts               # 楷体_GB2312
    assert "Bousung" in fonts or "NotoSerifCJK" in fonts   # 仿宋_GB2312 body
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "2023年度部门整体支出绩效自评表" in text.replace(" ", "")
    assert "—1—" in text.replace(" ", "") and "—10—" in text.replace(" ", "")


WIDE_TABLE = """    列: [项目, 上年结转, 年初预算数, 调整预算数, 全年预算数, 全年执行数, 执行率, 年末结转, 结余, 备注]
    行:
      - [信息化改造, 12.34, 100.00, 20.50, 120.50, 118.75, 98.55%, 1.75, 0.00, 无]
"""
NARROW_FUND = """    列: [项目, 预算数, 执行数]
    行:
      - [信息化改造, 100, 100]
"""
LAST_FUND = """    列: [项目, 执行数]
    行:
      - [资本金注入, 0]
"""


def orientations(document):
    return ["landscape" if s.page_width > s.page_height else "portrait" for s in document.sections]


def test_a_wide_form_gets_a_landscape_page_between_portrait_ones(tmp_path):
    document = rendered(edited("complete", tmp_path, (NARROW_FUND, WIDE_TABLE)))
    # the cover, the report and 附件1–3, 附件4 alone on landscape, 附件5 back on portrait
    assert orientations(document) == ["portrait", "portrait", "landscape", "portrait"]
    landscape = document.sections[2]
    assert (landscape.page_width.mm, landscape.page_height.mm) == pytest.approx((297, 210), abs=0.1)
    assert (landscape.left_margin.mm, landscape.right_margin.mm) == pytest.approx((28, 26), abs=0.1)
    wide = document.tables[-2]
    assert len(wide.columns) == 10
    assert sum(c.width.mm for c in wide.columns) == pytest.approx(243, abs=0.5)
    narrow = document.tables[-1]
    assert sum(c.width.mm for c in narrow.columns) == pytest.approx(156, abs=0.5)
    for section in document.sections[1:]:   # every section after the cover is numbered, and runs on
        assert section._sectPr.find(qn("w:pgNumType")) is None
    for section in (document.sections[1], document.sections[3]):
        assert section.footer.paragraphs[0].text.startswith("— ")
        assert section.even_page_footer.paragraphs[0].text.startswith("— ")


def test_a_landscape_page_keeps_its_number_where_the_other_pages_have_it(tmp_path):
    """GB/T 9704 §8: the sheet is turned to print the table, so its foot is the landscape
    page's left edge: the number stands there, its text turned (top to bottom), at the
    bottom on an odd page and at the top on an even one, one character in."""
    document = rendered(edited("complete", tmp_path, (NARROW_FUND, WIDE_TABLE)))
    landscape = document.sections[2]
    for footer, align, side in ((landscape.footer, "right", "right"), (landscape.even_page_footer, "left", "left")):
        [table] = footer._element.findall(qn("w:tbl"))
        position = table.find(f"{qn('w:tblPr')}/{qn('w:tblpPr')}")
        assert (position.get(qn("w:horzAnchor")), position.get(qn("w:vertAnchor"))) == ("page", "page")
        assert int(position.get(qn("w:tblpX"))) < 28 * 56.7                   # in the left margin
        cell = table.find(f".//{qn('w:tc')}")
        assert cell.find(f"{qn('w:tcPr')}/{qn('w:textDirection')}").get(qn("w:val")) == "tbRl"
        number = cell.find(qn("w:p"))
        assert number.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == align
        assert number.find(f"{qn('w:pPr')}/{qn('w:ind')}").get(qn(f"w:{side}")) == "280"
        assert "PAGE" in "".join(t.text for t in number.iter(qn("w:instrText")))
    # the portrait sections keep the footers of the body
    assert document.sections[3].footer.paragraphs[0].text.startswith("— ")


def test_the_cover_is_unnumbered_and_the_body_starts_at_one(complete):
    cover = complete.sections[0]._sectPr
    assert cover.find(qn("w:footerReference")) is None                     # no footer at all
    assert cover.find(qn("w:pgNumType")).get(qn("w:start")) == "0"         # so the next page is 1
    assert complete.sections[1]._sectPr.find(qn("w:pgNumType")) is None
    odd, even = complete.sections[1].footer.paragraphs[0], complete.sections[1].even_page_footer.paragraphs[0]
    # 单页码居右空一字，双页码居左空一字 (GB/T 9704 §7.5): one 4号 character in from the edge
    assert (odd.alignment, round(odd.paragraph_format.right_indent.pt)) == (WD_ALIGN_PARAGRAPH.RIGHT, 14)
    assert (even.alignment, round(even.paragraph_format.left_indent.pt)) == (WD_ALIGN_PARAGRAPH.LEFT, 14)
    # the cover's lines are centred, its name line too
    name = next(p for p in complete.paragraphs if p.text.startswith("部门（单位）名称："))
    assert name.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_a_wide_last_form_turns_the_last_section(tmp_path):
    document = rendered(edited("complete", tmp_path, (NARROW_FUND, WIDE_TABLE), (LAST_FUND, WIDE_TABLE)))
    assert orientations(document) == ["portrait", "portrait", "landscape"]


def test_narrow_forms_stay_portrait(complete):
    assert set(orientations(complete)) == {"portrait"}


def test_form_title_is_not_repeated_and_unit_defaults_to_wan_yuan(complete):
    body = texts(complete)
    assert "2023年度政府性基金预算支出情况表" in body
    assert "政府性基金预算支出情况表" not in body     # the table's own title, same words
    # a narrative table, 附件1, 2, 3, and the two fund tables (国有资本's has no 单位 of its own)
    assert body.count("单位：万元") == 6


def test_document_properties_come_from_the_data(complete, minimal):
    props = complete.core_properties
    assert props.title == "2023年度示例县行政审批服务局单位整体支出绩效自评报告"
    assert props.author == "张三"
    # python-docx looks for lastModifiedBy in a wrong namespace; Word reads this one
    xml = next(p for p in complete.part.package.parts if p.partname == "/docProps/core.xml").blob.decode()
    assert "<cp:lastModifiedBy>张三</cp:lastModifiedBy>" in xml
    assert props.created.isoformat() == props.modified.isoformat() == "2024-05-29T00:00:00+00:00"
    # no 填表人, no 填报日期: the unit's name and 1 January after the year
    assert minimal.core_properties.author == "测试局"
    assert minimal.core_properties.created.isoformat() == "2024-01-01T00:00:00+00:00"


def _environment(folder):
    from jinja2 import FileSystemBytecodeCache, StrictUndefined

    from perfreport.document.report_docx import _CompilingOnce
    return _CompilingOnce(autoescape=True, undefined=StrictUndefined,
                          bytecode_cache=FileSystemBytecodeCache(str(folder)))


def test_a_new_process_takes_the_compiled_template_from_the_bytecode_cache(tmp_path, monkeypatch):
    source = "<w:t>{{ name }}</w:t>"
    assert _environment(tmp_path).from_string(source).render(name="R&D") == "<w:t>R&amp;D</w:t>"
    assert len(list(tmp_path.iterdir())) == 1
    later = _environment(tmp_path)                   # as the next `make report` would start
    compiled = []
    monkeypatch.setattr(later, "compile", lambda *args, **kwargs: compiled.append(args))
    assert later.from_string(source).render(name="x") == "<w:t>x</w:t>"
    assert compiled == []
    monkeypatch.undo()
    assert later.from_string(source + "。").render(name="y") == "<w:t>y</w:t>。"   # a changed template


def test_rendering_works_when_the_bytecode_cache_cannot_be_written(tmp_path):
    environment = _environment(tmp_path / "missing")
    assert environment.from_string("{{ n }}").render(n=1) == "1"


def test_a_forms_only_unit_prints_its_stated_totals_and_nothing_else(tmp_path):
    # 附件1's 项目支出 line as stated, with no project row invented under it; the totals beside
    # 按收入性质分 / 按支出性质分 as stated
    document = rendered(FIXTURES / "forms_only.yaml")
    basic, overall = basic_table(document), document.tables[3]      # 附件1 is three tables
    rows = [cell_texts(r) for r in basic.rows]
    line = next(r for r in rows if r[0] == "项目支出")
    assert line[-3:] == ["874.20", "308.17", "1025.20"]
    assert rows[rows.index(line) + 1][0] == "公用经费"            # no project row under it
    cells = [c for r in overall.rows for c in cell_texts(r)]
    assert "按收入性质分：1925.67" in cells and "按支出性质分：1925.67" in cells
    assert "其中：基本支出：900.47" in cells and "项目支出：1025.20" in cells
    body = texts(document)
    assert not [t for t in body if "本单位无" in t or t == "无"]


def test_zero_over_zero_prints_the_same_dash_on_every_form(tmp_path):
    # one definition of 0 ÷ 0 (numbers.ratio): no posts and nobody in them, nothing approved
    # and nothing built print —, not 100.00% on one form and — on the other
    document = rendered(edited("minimal", tmp_path,
                               ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}", "{编制数: 0, 在职人数: 0}"),
                               ("部门整体支出绩效情况: [运转正常。]",
                                "部门整体支出绩效情况: [运转正常。]\n楼堂馆所:\n  - {项目名称: 无新建, 批复规模: 0, 实际规模: 0, "
                                "预算投资: 0, 实际投资: 0}")))
    assert cell_texts(basic_table(document).rows[2])[1:] == ["0", "0", "—"]
    rows = [cell_texts(r) for r in basic_table(document).rows]
    buildings = rows[next(i for i, r in enumerate(rows) if "批复规模（m²）" in r) + 1]
    assert buildings[-6:] == ["0.00", "0.00", "—", "0.00", "0.00", "—"]


def test_the_execution_score_is_computed_from_the_rate_as_printed(tmp_path):
    # 7800.00 ÷ 8000.04 = 97.49951 %, printed 97.50 %: 10 × 97.50 % = 9.75, 9.8 under 一位小数
    # (from the unprinted rate, 9.749951 would give 9.7)
    document = rendered(edited("minimal", tmp_path, ("  年度: 2023\n", "  年度: 2023\n设置:\n  得分取整: 保留一位小数\n"),
                               ("预算: {年初预算数: 10, 全年预算数: 10}", "预算: {年初预算数: 8000.04, 全年预算数: 8000.04, 全年执行数: 7800}"),
                               ("人员经费: {全年执行数: 8}", "人员经费: {全年执行数: 7798}")))
    row = find_row(overall_table(document), "年度资金总额")
    assert row[-3:] == ["10.0", "97.50%", "9.8"]


def test_the_template_prepared_once_gives_each_unit_its_own_headers_and_the_same_bytes(tmp_path):
    """The template is opened once a process and never rendered into (report_docx._Prepared):
    a unit rendered after another has its own header and footer words and exactly the bytes
    a first render in a fresh process gives; a template file replaced is prepared again."""
    from perfreport.document import report_docx
    complete, _ = run(FIXTURES / "complete.yaml")
    minimal, _ = run(FIXTURES / "minimal.yaml")
    report_docx._PREPARED.clear()
    first_minimal = render(minimal)
    report_docx._PREPARED.clear()
    render(complete)
    assert render(minimal) == first_minimal
    with zipfile.ZipFile(io.BytesIO(first_minimal)) as archive:
        footers = [archive.read(n) for n in archive.namelist() if n.startswith("word/footer")]
    assert footers and not any(b"{{" in f or b"{%" in f for f in footers)
    copy = tmp_path / "report.docx"
    shutil.copy(TEMPLATE, copy)
    assert render(minimal, template=copy) == first_minimal
    changed = tmp_path / "changed.docx"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():        # the same template, another name in its properties
            data = source.read(item)
            target.writestr(item, data.replace(b"perfreport<", b"perfreport-2<") if item.filename == "docProps/app.xml"
                            else data)
    os.replace(changed, copy)
    with zipfile.ZipFile(io.BytesIO(render(minimal, template=copy))) as archive:
        assert b"<Application>perfreport-2</Application>" in archive.read("docProps/app.xml")
