"""Writes templates/report.docx, the docxtpl template of the whole report.

The template is generated, not edited in Word: tags typed in Word get split across runs
and curly quotes (TOOLING.md), and a generated file can be reviewed as this source.
`python templates/build.py` rewrites it; tests/test_template.py checks that the committed
file is exactly what this script produces.

Layout (GB/T 9704-2012 as offices apply it): A4, margins 37/35/28/26 mm, 22 lines of
28 characters, title 2号方正小标宋简体, body 3号仿宋_GB2312, headings 黑体 / 楷体_GB2312 /
仿宋 bold / 仿宋, Latin and digits in Times New Roman, page numbers "— n —" in 4号宋体,
odd pages right and even pages left.
"""
from __future__ import annotations

import copy
import sys
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from perfreport.docx_zip import normalise  # noqa: E402
from perfreport.render import CORE  # noqa: E402

OUTPUT = HERE / "report.docx"

LATIN = "Times New Roman"
FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "方正小标宋简体"
LINE_PITCH = Pt(28.95)          # 22 lines in the 225 mm 版心


# ------------------------------------------------------------------ fonts and styles

def _child(parent, tag: str, first: bool = False):
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.insert(0, element) if first else parent.append(element)
    return element


def set_rpr_fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    """Set all four font slots and the east-Asian language on one w:rPr; drop theme fonts,
    which would override the named fonts."""
    fonts = _child(rpr, "w:rFonts", first=True)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):   # asciiTheme … and cstheme
            del fonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{slot}"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def set_fonts(rpr_owner, east_asia: str) -> None:
    """For a style or a run (anything with get_or_add_rPr)."""
    set_rpr_fonts(rpr_owner.get_or_add_rPr(), east_asia)


def paragraph_style(doc, name: str, east_asia: str, size: float, *, bold=False, align=None,
                    indent=True, outline: int | None = None, exact=True, keep_next=False):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = None
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = None
    set_fonts(style.element, east_asia)
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.first_line_indent = Pt(size * 2) if indent else Pt(0)
    fmt.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    if not exact:
        snap = OxmlElement("w:snapToGrid")   # forms and titles keep their own line height
        snap.set(qn("w:val"), "0")
        style.element.get_or_add_pPr().append(snap)
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        ppr.append(level)
    return style


def define_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    set_fonts(normal.element, FANGSONG)
    paragraph_style(doc, "Normal", FANGSONG, 16)
    paragraph_style(doc, "公文标题", XIAOBIAOSONG, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
                    exact=False)
    paragraph_style(doc, "一级标题", HEITI, 16, outline=0, keep_next=True)
    paragraph_style(doc, "二级标题", KAITI, 16, outline=1, keep_next=True)
    paragraph_style(doc, "三级标题", FANGSONG, 16, bold=True, outline=2, keep_next=True)
    paragraph_style(doc, "四级标题", FANGSONG, 16, outline=3)
    paragraph_style(doc, "附件标记", HEITI, 16, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False)
    paragraph_style(doc, "表格标题", XIAOBIAOSONG, 18, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
                    exact=False)
    paragraph_style(doc, "表格文字", FANGSONG, 10.5, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
                    exact=False)
    paragraph_style(doc, "表格说明", FANGSONG, 12, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False,
                    exact=False)
    paragraph_style(doc, "签字栏", FANGSONG, 10.5, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False,
                    exact=False)
    paragraph_style(doc, "页码", SONGTI, 14, indent=False, exact=False)
    # carries a section break only: 1 pt high, so it never pushes a page over
    paragraph_style(doc, "分节", FANGSONG, 1, indent=False, exact=False)
    # docDefaults: the fallback for anything without a style (subdocument runs, fields)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    set_rpr_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), FANGSONG)


# ------------------------------------------------------------------ page setup

def setup_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    # Lines only: 28.95 pt pitch gives the 22 lines. A character grid is left out on
    # purpose: LibreOffice spreads 3号 text to half the line with it, and 16 pt characters
    # in 156 mm already give the 28 per line.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")
    doc.settings.odd_and_even_pages_header_footer = True
    page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    section.start_type = WD_SECTION.NEW_PAGE


def page_number(footer, align) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "页码"
    paragraph.alignment = align
    paragraph.add_run("— ")
    field_run(paragraph, "PAGE")
    paragraph.add_run(" —")


def field_run(paragraph, instruction: str) -> None:
    """A Word field (python-docx has no field API): begin, instruction, separate, 1, end."""
    def char(kind):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    paragraph.add_run("1")
    char("end")


# ------------------------------------------------------------------ text helpers

def para(doc, text: str = "", style: str = "Normal", bold: bool | None = None):
    paragraph = doc.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        if bold is not None:
            run.bold = bold
    return paragraph


def tag(doc, text: str):
    """A paragraph holding only a {%p %} tag; docxtpl removes it when rendering."""
    return para(doc, text)


def page_break(doc):
    paragraph = doc.add_paragraph(style="Normal")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    return paragraph


# ------------------------------------------------------------------ tables

class Grid:
    """A table on a fixed column grid (mm), rows built cell spec by cell spec."""

    def __init__(self, doc, widths_mm: list[float]):
        self.widths = widths_mm
        self.table = doc.add_table(rows=0, cols=len(widths_mm))
        self.table.style = doc.styles["Table Grid"]
        self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self.table.autofit = False
        for column, width in zip(self.table.columns, widths_mm):
            column.width = Mm(width)
        tbl_pr = self.table._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            m = OxmlElement(f"w:{side}")
            m.set(qn("w:w"), "57")      # 1 mm: forms are tight
            m.set(qn("w:type"), "dxa")
            margins.append(m)
        tbl_pr.append(margins)

    def row(self, *cells, header: bool = False):
        """cells: (text, span) or (text, span, options) with options a dict of
        vmerge ('restart' | 'continue' | a Jinja expression), align ('left'), bold."""
        row = self.table.add_row()
        if header:
            tr_pr = row._tr.get_or_add_trPr()
            element = OxmlElement("w:tblHeader")
            tr_pr.append(element)
        no_split = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(no_split)
        row.height = Mm(7)                      # at least: text never touches the lines
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        position = 0
        vertical = []   # applied last: python-docx resolves a 'continue' cell to the one above
        specs = [c if isinstance(c, tuple) else (c, 1) for c in cells]
        for spec in specs:
            text, span = spec[0], spec[1]
            options = spec[2] if len(spec) > 2 else {}
            cell = row.cells[position]
            if span > 1:
                cell = cell.merge(row.cells[position + span - 1])
            cell.width = Mm(sum(self.widths[position:position + span]))
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.style = "表格文字"
            if options.get("align") == "left":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            if text:
                run = paragraph.add_run(text)
                if options.get("bold"):
                    run.bold = True
            if options.get("vmerge"):
                vertical.append((cell, options["vmerge"]))
            position += span
        for cell, value in vertical:
            merge = OxmlElement("w:vMerge")
            merge.set(qn("w:val"), value)
            cell._tc.get_or_add_tcPr().append(merge)
        return row

    def loop(self, statement: str):
        """A row holding only {%tr … %}; docxtpl removes the row itself."""
        return self.row((statement, len(self.widths)))


def signature(doc):
    para(doc, "填表人：{{ unit.preparer }}　联系电话：{{ unit.phone }}　"
              "单位负责人签字：{{ unit.head }}　填报日期：{{ unit.date }}", "签字栏")


def attachment_heading(doc, number_expr: str, title_expr: str, unit_line: bool = True):
    """`unit_line`: False for 附件4–6, whose tables print their own unit."""
    mark = para(doc, f"附件{number_expr}", "附件标记")
    mark.paragraph_format.page_break_before = True
    para(doc, title_expr, "表格标题")
    if unit_line:
        para(doc, "单位：万元", "表格说明").alignment = WD_ALIGN_PARAGRAPH.RIGHT


# ------------------------------------------------------------------ the report body

def title_lines(doc):
    """The title as the outline writes it (templates/outline.yaml), a line a paragraph."""
    tag(doc, "{%p for line in title %}")
    para(doc, "{{ line }}", "公文标题")
    tag(doc, "{%p endfor %}")


def cover(doc):
    for _ in range(5):
        para(doc)
    title_lines(doc)
    for _ in range(9):
        para(doc)
    para(doc, "部门（单位）名称：{{ unit.name }}（盖章）", "Normal").paragraph_format.first_line_indent = Pt(0)
    p = para(doc, "{{ unit.date_or_blank }}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    page_break(doc)


def body(doc):
    title_lines(doc)
    para(doc)
    tag(doc, "{%p for text in opening %}")
    para(doc, "{{ text }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for section in sections %}")
    para(doc, "{{ section.heading }}", "一级标题")
    tag(doc, "{%p for p in section.paragraphs %}")
    # A heading may carry run-in text (正文) in the same paragraph, set in body type.
    for level, style in ((2, "二级标题"), (3, "三级标题"), (4, "四级标题")):
        tag(doc, ("{%p if" if level == 2 else "{%p elif") + f" p.kind == 'heading{level}' %}}")
        heading = doc.add_paragraph(style=style)
        heading.add_run("{{ p.number }}{{ p.title }}")
        run_in = heading.add_run("{{ p.text }}")
        run_in.bold = False
        set_fonts(run_in._r, FANGSONG)
    tag(doc, "{%p elif p.kind == 'item' %}")
    para(doc, "{{ p.number }}{{ p.text }}")
    tag(doc, "{%p elif p.kind == 'table' %}")
    para(doc, "{{p p.subdoc }}")
    tag(doc, "{%p else %}")
    para(doc, "{{ p.text }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    para(doc)
    para(doc, "报告需要以下附件：")
    tag(doc, "{%p for a in attachments %}")
    para(doc, "{{ a.number }}、{{ a.title }}")
    tag(doc, "{%p endfor %}")


# ------------------------------------------------------------------ the forms

F1_WIDTHS = [46, 18.5, 18.5, 18.5, 18, 18.5, 18]          # 156 mm
F2_WIDTHS = [10, 15, 17, 22, 17, 17, 15, 17, 26]           # 156 mm; 分值 holds "100.00" on one line


def form_basic_data(doc):
    attachment_heading(doc, "{{ f1.number }}", "{{ f1.title }}")
    g = Grid(doc, F1_WIDTHS)
    g.row("预算单位名称", ("{{ unit.name }}", 6))
    g.row(("财政供养人员情况（人）", 1, {"vmerge": "restart"}), ("编制数", 2),
          ("{{ unit.year }}年实际在职人数", 2), ("控制率", 2))
    g.row(("", 1, {"vmerge": "continue"}), ("{{ f1.authorized }}", 2), ("{{ f1.in_service }}", 2),
          ("{{ f1.control_rate }}", 2))
    g.row("经费控制情况（万元）", ("{{ unit.previous_year }}年决算数", 2), ("{{ unit.year }}年预算数", 2),
          ("{{ unit.year }}年决算数", 2))
    g.loop("{%tr for r in f1.money_rows %}")
    g.row(("{{ r.label }}", 1, {"align": "left"}), ("{{ r.previous }}", 2), ("{{ r.budget }}", 2),
          ("{{ r.final }}", 2))
    g.loop("{%tr endfor %}")
    g.row(("楼堂馆所控制情况\n（{{ unit.year }}年完工项目）", 1, {"vmerge": "restart"}), "批复规模\n（m²）",
          "实际规模\n（m²）", "规模\n控制率", "预算投资\n（万元）", "实际投资\n（万元）", "投资概算\n控制率")
    g.loop("{%tr for b in f1.buildings %}")
    g.row(("", 1, {"vmerge": "continue"}), "{{ b.approved }}", "{{ b.actual }}", "{{ b.scale_rate }}",
          "{{ b.budget }}", "{{ b.spent }}", "{{ b.investment_rate }}")
    g.loop("{%tr endfor %}")
    g.row("厉行节约保障措施", ("{{ f1.frugality }}", 6, {"align": "left"}))
    para(doc, "说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。",
         "表格说明")
    signature(doc)


def funds_rows(g: Grid, form: str, score_label: str):
    """The money block of 附件2/附件3: header, then the view's rows."""
    g.row((f"{{{{ {form}.funds_label }}}}", 1, {"vmerge": "restart"}), ("", 2), "年初预算数", "全年预算数",
          "全年执行数", "分值", "执行率", score_label)
    g.loop(f"{{%tr for r in {form}.funds %}}")
    g.row(("", 1, {"vmerge": "continue"}), ("{{ r.label }}", 2, {"align": "left"}), "{{ r.initial }}",
          "{{ r.full_year }}", "{{ r.executed }}", "{{ r.weight }}", "{{ r.rate }}", "{{ r.score }}")
    g.loop("{%tr endfor %}")


def indicator_block(g: Grid, form: str, score_label: str):
    g.row(("年度总体目标", 1, {"vmerge": "restart"}), ("预期目标", 4), ("实际完成情况", 4))
    g.row(("", 1, {"vmerge": "continue"}), (f"{{{{ {form}.goal_expected }}}}", 4, {"align": "left"}),
          (f"{{{{ {form}.goal_achieved }}}}", 4, {"align": "left"}))
    g.row(("绩效指标", 1, {"vmerge": "restart"}), "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
          "分值", score_label, "偏差原因分析及改进措施", header=False)
    g.loop(f"{{%tr for r in {form}.rows %}}")
    g.row(("", 1, {"vmerge": "continue"}), ("{{ r.level1 }}", 1, {"vmerge": "{{ r.level1_merge }}"}),
          ("{{ r.level2 }}", 1, {"vmerge": "{{ r.level2_merge }}"}), ("{{ r.name }}", 1, {"align": "left"}),
          "{{ r.target }}", "{{ r.actual }}", "{{ r.weight }}", "{{ r.score }}",
          ("{{ r.deviation }}", 1, {"align": "left"}))
    g.loop("{%tr endfor %}")
    g.row(("总分", 6), f"{{{{ {form}.weight_total }}}}", f"{{{{ {form}.score_total }}}}",
          (f"等级：{{{{ {form}.grade }}}}", 1))


def form_overall(doc):
    attachment_heading(doc, "{{ f2.number }}", "{{ f2.title }}")
    g = Grid(doc, F2_WIDTHS)
    g.row(("预算单位名称", 3), ("{{ unit.name }}", 6))
    funds_rows(g, "f2", "得分")
    g.loop("{%tr for r in f2.split %}")
    g.row(("", 1, {"vmerge": "continue"}), ("{{ r.income }}", 4, {"align": "left"}),
          ("{{ r.spending }}", 4, {"align": "left"}))
    g.loop("{%tr endfor %}")
    indicator_block(g, "f2", "得分")
    signature(doc)


def form_projects(doc):
    tag(doc, "{%p for f3 in project_forms %}")
    attachment_heading(doc, "{{ f3.number }}", "{{ f3.title }}")
    g = Grid(doc, F2_WIDTHS)
    g.row(("项目支出名称", 3), ("{{ f3.name }}", 6))
    g.row(("主管部门", 3), ("{{ f3.department }}", 2), ("实施单位", 2), ("{{ f3.implementer }}", 2))
    funds_rows(g, "f3", "自评得分")
    indicator_block(g, "f3", "自评得分")
    para(doc, "备注：每个一级项目支出一张表。", "表格说明")
    signature(doc)
    tag(doc, "{%p endfor %}")


def section_end(doc, landscape: bool) -> None:
    """A paragraph that ends a section: Word keeps a section's page setup in the last
    paragraph of the section. A copy of the body's setup, turned when landscape, so the
    footers and the continuous page numbers carry on."""
    sect_pr = copy.deepcopy(doc.sections[0]._sectPr)
    if landscape:
        size = sect_pr.find(qn("w:pgSz"))
        width, height = size.get(qn("w:w")), size.get(qn("w:h"))
        size.set(qn("w:w"), height)
        size.set(qn("w:h"), width)
        size.set(qn("w:orient"), "landscape")
    paragraph = para(doc, style="分节")
    paragraph._p.get_or_add_pPr().append(sect_pr)


def form_other_funds(doc):
    """附件4–6. A form whose table is too wide for portrait goes on a landscape page: the
    view says which orientation the section before it had when the orientation changes."""
    tag(doc, "{%p for f in fund_forms %}")
    for closing in ("portrait", "landscape"):
        tag(doc, f"{{%p if f.close_before == '{closing}' %}}")
        section_end(doc, landscape=closing == "landscape")
        tag(doc, "{%p endif %}")
    attachment_heading(doc, "{{ f.number }}", "{{ f.title }}", unit_line=False)
    para(doc, "{{p f.subdoc }}")
    signature(doc)
    tag(doc, "{%p endfor %}")


def last_section(doc) -> None:
    """The body's own section properties close the last section, after every loop of the
    template: its page turns to landscape when the last form is landscape (the view's
    `last_landscape`). Jinja in the attribute values, so the size is written once, here."""
    size = doc.sections[-1]._sectPr.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    turned = "{% if last_landscape %}"
    size.set(qn("w:w"), f"{turned}{height}{{% else %}}{width}{{% endif %}}")
    size.set(qn("w:h"), f"{turned}{width}{{% else %}}{height}{{% endif %}}")
    size.set(qn("w:orient"), f"{turned}landscape{{% else %}}portrait{{% endif %}}")


def build() -> bytes:
    doc = Document()
    define_styles(doc)
    setup_page(doc)
    body_element = doc.element.body
    for paragraph in list(body_element.iterchildren(qn("w:p"))):
        body_element.remove(paragraph)
    cover(doc)
    body(doc)
    form_basic_data(doc)
    form_overall(doc)
    form_projects(doc)
    form_other_funds(doc)
    last_section(doc)
    buffer = BytesIO()
    doc.save(buffer)
    # core.xml written whole, as rendering does: python-docx (with docxcompose loaded)
    # writes some of these elements in a wrong namespace
    core = CORE.format(title="部门（单位）整体支出绩效自评报告", author="perfreport", day="2024-01-01")
    return normalise(buffer.getvalue(), replace={"docProps/core.xml": core.encode("utf-8")})


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT.relative_to(HERE.parent)}")
