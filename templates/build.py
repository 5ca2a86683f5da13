"""Writes templates/report.docx, the docxtpl template of the whole report.

The template is generated, not edited in Word: tags typed in Word get split across runs
and curly quotes (TOOLING.md), and a generated file can be reviewed as this source.
`python templates/build.py` rewrites it; tests/document/test_render.py (test_committed_template_is_what_the_generator_writes) checks that the committed
file is exactly what this script produces.

Layout (GB/T 9704-2012 as offices apply it): A4, margins 37/35/28/26 mm, 22 lines of
28 characters, title 2号方正小标宋简体, body 3号仿宋_GB2312, headings 黑体 / 楷体_GB2312 /
仿宋 bold / 仿宋 in Word's built-in heading 1–4 styles (so Word's navigation pane, a table of
contents, pandoc and mammoth see them), Latin and digits in Times New Roman, page numbers
"— n —" in 4号宋体 one character in from the edge, odd pages right and even pages left,
the cover unnumbered and the body starting at 1.

Every element written by hand goes where the Open XML schema wants it (perfreport/document/ooxml.py):
Word repairs a file whose property elements stand out of order.
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
from docx.text.paragraph import Paragraph as DocxParagraph

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from perfreport.document.docx_zip import normalise  # noqa: E402
from perfreport.document.ooxml import element, insert_ordered  # noqa: E402
from perfreport.document.report_docx import CORE, SUBJECT  # noqa: E402
from perfreport.layout import basic_data  # noqa: E402
from perfreport.layout.indicators import CELL_PADDING_MM, FORM_WIDTHS  # noqa: E402
from perfreport.layout.type import FORM_PT  # noqa: E402

OUTPUT = HERE / "report.docx"

LATIN = "Times New Roman"
FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "方正小标宋简体"
LINE_PITCH = Pt(28.95)          # 22 lines in the 225 mm 版心
AFTER_TABLE = 4                 # pt between a table's bottom line and the note or signature under it


# ------------------------------------------------------------------ fonts and styles

def _child(parent, tag: str, first: bool = False):
    element_ = parent.find(qn(tag))
    if element_ is None:
        element_ = OxmlElement(tag)
        parent.insert(0, element_) if first else parent.append(element_)
    return element_


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


# The four heading levels are Word's own heading 1–4 (shown as 标题 1–4 in Chinese Word),
# restyled: programs that read a document's outline know them by these names.
HEADINGS = {1: ("Heading 1", HEITI, False), 2: ("Heading 2", KAITI, False), 3: ("Heading 3", FANGSONG, True),
            4: ("Heading 4", FANGSONG, False)}
POINTS = {2: "要点 2", 3: "要点 3", 4: "要点 4"}     # points: run-in headings, a style a level


def paragraph_style(doc, name: str, east_asia: str, size: float, *, bold=False, align=None,
                    indent=True, outline: int | None = None, exact=True, keep_next=False,
                    latin: str = LATIN, space_before: float = 0, based_on: str | None = None):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[based_on] if based_on else None
    style.hidden = False
    style.unhide_when_used = False
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = None
    set_rpr_fonts(style.element.get_or_add_rPr(), east_asia, latin)
    fmt = style.paragraph_format
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(0)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.first_line_indent = Pt(size * 2) if indent else Pt(0)
    fmt.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.keep_with_next = keep_next
    fmt.keep_together = keep_next          # a heading is never split either
    fmt.widow_control = True
    ppr = style.element.get_or_add_pPr()
    if not exact:                          # forms and titles keep their own line height
        insert_ordered(ppr, element("w:snapToGrid", val="0"))
    if outline is not None:
        insert_ordered(ppr, element("w:outlineLvl", val=str(outline)))
    else:
        for level in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(level)
    return style


def define_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    set_fonts(normal.element, FANGSONG)
    paragraph_style(doc, "Normal", FANGSONG, 16)
    paragraph_style(doc, "公文标题", XIAOBIAOSONG, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
                    exact=False)
    for level, (name, font, bold) in HEADINGS.items():
        paragraph_style(doc, name, font, 16, bold=bold, outline=level - 1, keep_next=True)
    # "附件1" and the form's title "2023年度…": the digits in the line's own 黑体 / 小标宋
    # (GB/T 9704 §7.3.7), not in Times beside them
    # A point, "1.标题。正文……", is one body paragraph whose heading runs into its text. Its
    # style is based on that level's heading (so Word's navigation pane and pandoc list it as
    # a heading of the level) and looks like the body: not kept with the next paragraph, so a
    # run of long points never moves as one block; the heading's own look is set on its run.
    for level, name in POINTS.items():
        paragraph_style(doc, name, FANGSONG, 16, outline=level - 1, based_on=HEADINGS[level][0])
    paragraph_style(doc, "附件标记", HEITI, 16, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, latin=HEITI)
    paragraph_style(doc, "表格标题", XIAOBIAOSONG, 18, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
                    exact=False, latin=XIAOBIAOSONG)
    paragraph_style(doc, "表格文字", FANGSONG, FORM_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
                    exact=False)
    # the lines above and under a form (单位：万元, 说明, 备注, the signature) are 五号 as the
    # table's text; the first line under a table stands a little off its bottom line
    # (AFTER_TABLE, set where a paragraph follows a table)
    paragraph_style(doc, "表格说明", FANGSONG, FORM_PT, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False,
                    exact=False)
    paragraph_style(doc, "签字栏", FANGSONG, FORM_PT, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False,
                    exact=False, space_before=AFTER_TABLE)
    # 4号半角宋体阿拉伯数字 (GB/T 9704 §7.5): the digits too in 宋体
    paragraph_style(doc, "页码", SONGTI, 14, indent=False, exact=False, latin=SONGTI)
    # carries a section break, or stands between two tables so they stay two: 1 pt high
    paragraph_style(doc, "分节", FANGSONG, 1, indent=False, exact=False)
    # docDefaults: the fallback for anything without a style (fields, a table's runs)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    set_rpr_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), FANGSONG)
    no_theme_fonts(doc.styles.element)


def no_theme_fonts(styles) -> None:
    """No style names a theme font: python-docx's default styles (Title, heading 5–9, the
    table styles…) point at the theme's Calibri / Cambria, which WPS reports as 缺失字体.
    Each gets the fonts the theme slot stood for here: Times New Roman and 宋体."""
    for fonts in styles.iter(qn("w:rFonts")):
        themed = [a for a in fonts.attrib if a.lower().endswith("theme")]
        for attribute in themed:
            slot = attribute[len(qn("w:")):-len("theme")].lower()
            del fonts.attrib[attribute]
            name = {"ascii": "ascii", "hansi": "hAnsi", "eastasia": "eastAsia", "cs": "cs"}[slot]
            if fonts.get(qn(f"w:{name}")) is None:
                fonts.set(qn(f"w:{name}"), SONGTI if name == "eastAsia" else LATIN)


def plain_theme(doc) -> None:
    """The theme's major and minor fonts (what a theme-font reference would resolve to) are
    Times New Roman and 宋体, not Calibri / Cambria: nothing here refers to them, but a style a
    user adds in Word or WPS may."""
    from lxml import etree
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    part = doc.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for scheme in root.iter(f"{a}majorFont", f"{a}minorFont"):
        scheme.find(f"{a}latin").set("typeface", LATIN)
        scheme.find(f"{a}ea").set("typeface", SONGTI)
        scheme.find(f"{a}cs").set("typeface", LATIN)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ------------------------------------------------------------------ page setup

PAGE_NUMBER_SIZE = 14            # 4号
ONE_CHARACTER = Pt(PAGE_NUMBER_SIZE)   # 居右空一字 / 居左空一字 (GB/T 9704 §7.5)


def setup_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = insert_ordered(sect_pr, OxmlElement("w:docGrid"))
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
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = ONE_CHARACTER
    else:
        paragraph.paragraph_format.left_indent = ONE_CHARACTER
    page_number_runs(paragraph)


def page_number_runs(paragraph) -> None:
    """"— n —": every run of it, the field's too, in 宋体 whatever the slot (the digits would
    otherwise take the Latin slot's font)."""
    paragraph.add_run("— ")
    field_run(paragraph, "PAGE")
    paragraph.add_run(" —")
    for run in paragraph.runs:
        set_rpr_fonts(run._r.get_or_add_rPr(), SONGTI, SONGTI)


def field_run(paragraph, instruction: str) -> None:
    """A Word field (python-docx has no field API): begin, instruction, separate, 1, end."""
    def char(kind):
        run = paragraph.add_run()
        run._r.append(element("w:fldChar", fldCharType=kind))
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


def keep_with_next(paragraph):
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


# ------------------------------------------------------------------ tables

class Grid:
    """A table on a fixed column grid (mm), rows built cell spec by cell spec."""

    def __init__(self, doc, widths_mm: list[float]):
        self.widths = widths_mm
        self.table = doc.add_table(rows=0, cols=len(widths_mm))
        self.table.style = doc.styles["Table Grid"]
        self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self.table.autofit = False          # writes w:tblLayout fixed
        for column, width in zip(self.table.columns, widths_mm):
            column.width = Mm(width)
        margins = OxmlElement("w:tblCellMar")     # a line of text never touches the borders
        for side, mm in (("top", 0.5), ("left", CELL_PADDING_MM), ("bottom", 0.5), ("right", CELL_PADDING_MM)):
            margins.append(element(f"w:{side}", w=str(round(mm * 56.7)), type="dxa"))
        insert_ordered(self.table._tbl.tblPr, margins)

    def row(self, *cells, header: bool = False):
        """cells: (text, span) or (text, span, options) with options a dict of
        vmerge ('restart' | 'continue' | a Jinja expression), align ('left' | 'right'),
        bold, vertical (a label set top to bottom). `header`: the row repeats at the top of
        every page the table runs onto."""
        row = self.table.add_row()
        row.height = Mm(6)                      # at least: with the cell margins, text never touches the lines
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        tr_pr = row._tr.get_or_add_trPr()
        insert_ordered(tr_pr, OxmlElement("w:cantSplit"))      # a row never breaks across pages
        if header:
            insert_ordered(tr_pr, OxmlElement("w:tblHeader"))
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
            elif options.get("align") == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if text:
                run = paragraph.add_run(text)
                if options.get("bold"):
                    run.bold = True
            if options.get("vmerge"):
                vertical.append((cell, options["vmerge"]))
            position += span
        for cell, value in vertical:
            cell._tc.get_or_add_tcPr().get_or_add_vMerge().set(qn("w:val"), value)
        return row

    def loop(self, statement: str):
        """A row holding only {%tr … %}; docxtpl removes the row itself."""
        return self.row((statement, len(self.widths)))


def keep_row_with_next(row):
    """A form's last row stays on the page of what follows it (its notes and signature line),
    so the signature never stands alone on a page."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            keep_with_next(paragraph)
    return row


def between_tables(doc):
    """Two tables with nothing between them are one table to Word: a 1 pt paragraph keeps
    them two, so the second one's header row can repeat on the pages it runs onto."""
    return keep_with_next(para(doc, style="分节"))


def signature(doc):
    """The signature line under a form. Its style stands it AFTER_TABLE off the table above;
    when a note (说明, 备注: 表格说明) stands between, the note takes that space instead."""
    line = para(doc, "填表人：{{ unit.preparer }}　联系电话：{{ unit.phone }}　"
                     "单位负责人签字：{{ unit.head }}　填报日期：{{ unit.date }}", "签字栏")
    before = line._p.getprevious()
    style = before.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if before is not None and before.tag == qn("w:p") else None
    if style is not None and style.get(qn("w:val")) == "表格说明":
        DocxParagraph(before, line._parent).paragraph_format.space_before = Pt(AFTER_TABLE)
        line.paragraph_format.space_before = Pt(0)


def attachment_heading(doc, number_expr: str, title_expr: str, unit_line: bool = True):
    """附件N on the first line, flush left in 黑体; the title on the third (GB/T 9704 §7.3.7).
    `unit_line`: the forms whose every figure is in 万元 say so above the table."""
    mark = keep_with_next(para(doc, f"附件{number_expr}", "附件标记"))
    mark.paragraph_format.page_break_before = True
    keep_with_next(para(doc, style="附件标记"))
    keep_with_next(para(doc, title_expr, "表格标题"))
    if unit_line:
        keep_with_next(para(doc, "单位：万元", "表格说明")).alignment = WD_ALIGN_PARAGRAPH.RIGHT


# ------------------------------------------------------------------ the report body

def title_lines(doc):
    """The title as the outline writes it (templates/outline.yaml), a line a paragraph."""
    tag(doc, "{%p for line in title %}")
    para(doc, "{{ line }}", "公文标题")
    tag(doc, "{%p endfor %}")


def centred(paragraph):
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    return paragraph


def cover(doc):
    """The cover is a section of its own, with no footer and page number 0: the body after
    it starts at — 1 —, and the numbers run on through the attachments. Word takes a page's
    side (单页码居右) from its number, so — 1 — is a right-hand page; LibreOffice takes it
    from the page's place in the file, so its preview shows — 1 — on the left."""
    for _ in range(5):
        para(doc)
    title_lines(doc)
    for _ in range(9):
        para(doc)
    centred(para(doc, "部门（单位）名称：{{ unit.name }}（盖章）"))
    centred(para(doc, "{{ unit.date_or_blank }}"))
    sect_pr = copy.deepcopy(doc.sections[0]._sectPr)
    for reference in sect_pr.findall(qn("w:footerReference")) + sect_pr.findall(qn("w:headerReference")):
        sect_pr.remove(reference)
    insert_ordered(sect_pr, element("w:pgNumType", start="0"))
    para(doc, style="分节")._p.get_or_add_pPr().append(sect_pr)


# How each kind of paragraph of the body is set. A heading keeps with what follows; a point
# whose heading runs into its text ("1.标题。正文…") is a body paragraph, its heading a run set
# as that level's heading, so a long point never chains itself to the next one.
RUN_IN = {2: (KAITI, False), 3: (FANGSONG, True), 4: (FANGSONG, False)}


def last_keeps(paragraph, condition: str = "last_section and loop.last"):
    """Keep-with-next only on the body's last paragraph (a Jinja condition in the value),
    which then stays on the page of the list of attachments."""
    paragraph.paragraph_format.keep_with_next = True
    paragraph._p.pPr.find(qn("w:keepNext")).set(qn("w:val"), f"{{{{ ({condition})|int }}}}")
    return paragraph


def body(doc):
    title_lines(doc)
    para(doc)
    tag(doc, "{%p for text in opening %}")
    para(doc, "{{ text }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for section in sections %}")
    tag(doc, "{%p set last_section = loop.last %}")
    tag(doc, "{%p if section.paragraphs %}")
    para(doc, "{{ section.heading }}", HEADINGS[1][0])
    tag(doc, "{%p else %}")
    # a section the unit left unsaid is its heading alone: kept with the next one, a run of
    # them (a page that stops after section 二) would move as one block and leave half a
    # page empty; it stands where it falls, as the whole of its section
    # (the last section's heading alone keeps with the list of attachments after it)
    last_keeps(para(doc, "{{ section.heading }}", HEADINGS[1][0]), "last_section")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for p in section.paragraphs %}")
    first = True
    for level in (2, 3, 4):
        tag(doc, ("{%p if" if first else "{%p elif") + f" p.kind == 'heading{level}' %}}")
        first = False
        para(doc, "{{ p.number }}{{ p.title }}", HEADINGS[level][0])
        tag(doc, f"{{%p elif p.kind == 'point{level}' %}}")
        point = doc.add_paragraph(style=POINTS[level])
        heading = point.add_run("{{ p.number }}{{ p.title }}")
        font, bold = RUN_IN[level]
        set_fonts(heading._r, font)
        heading.bold = bold
        point.add_run("{{ p.text }}")
        last_keeps(point)
    tag(doc, "{%p elif p.kind == 'item' %}")
    last_keeps(para(doc, "{{ p.number }}{{ p.text }}"))
    tag(doc, "{%p elif p.kind == 'lead' %}")
    keep_with_next(para(doc, "{{ p.text }}"))          # “……如下：” stays with what it leads into
    tag(doc, "{%p elif p.kind == 'table' %}")
    para(doc, "{{p p.table }}")
    tag(doc, "{%p else %}")
    last_keeps(para(doc, "{{ p.text }}"))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    # the list of attachments, the body's last part, is kept whole and with the last
    # paragraph of section 十 before it: it never stands alone on a page
    keep_with_next(para(doc))
    keep_with_next(para(doc, "报告需要以下附件："))
    tag(doc, "{%p for a in attachments %}")
    tag(doc, "{%p if loop.last %}")
    para(doc, "{{ a.number }}、{{ a.title }}")
    tag(doc, "{%p else %}")
    keep_with_next(para(doc, "{{ a.number }}、{{ a.title }}"))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


# ------------------------------------------------------------------ the forms

MONEY = {"align": "right"}

# the forms' grids, measured by the layout layer: 附件1's (layout/basic_data.py) and 附件2/3's top
# part (layout/indicators.py, whose indicator block aligns its outer label column with it)
F1_TOP_WIDTHS = basic_data.TOP_WIDTHS
F1_WIDTHS = basic_data.BUILDING_WIDTHS
F2_WIDTHS = FORM_WIDTHS


def form_basic_data(doc):
    """附件1 as three tables, so that the money block's heading row (上年决算数 | 本年预算数 |
    本年决算数) can repeat on every page a long list of projects runs onto (a repeated header
    must be a table's first rows): the staffing block; the money block, its label column as
    wide as the figures leave (layout/basic_data.py, labels broken where the words end by the view);
    the buildings and the frugality measures on the seven columns their heads need."""
    attachment_heading(doc, "{{ f1.number }}", "{{ f1.title }}", unit_line=False)   # rows state 人, 万元, m²
    g = Grid(doc, F1_TOP_WIDTHS)
    keep_row_with_next(g.row("预算单位名称", ("{{ unit.name }}", 3), header=True))      # the block is one piece,
    keep_row_with_next(g.row(("财政供养人员情况（人）", 1, {"vmerge": "restart"}), "编制数",   # on the page of
                             "{{ unit.year }}年实际\n在职人数", "控制率"))                     # the money block's head
    keep_row_with_next(g.row(("", 1, {"vmerge": "continue"}), ("{{ f1.authorized }}", 1, MONEY),
                             ("{{ f1.in_service }}", 1, MONEY), ("{{ f1.control_rate }}", 1, MONEY)))
    between_tables(doc)
    g = Grid(doc, F1_TOP_WIDTHS)
    keep_row_with_next(g.row("经费控制情况（万元）", "{{ unit.previous_year }}年决算数", "{{ unit.year }}年预算数",
                             "{{ unit.year }}年决算数", header=True))
    g.loop("{%tr for r in f1.money_rows %}")
    g.row(("{{ r.label }}", 1, {"align": "left"}), ("{{ r.previous }}", 1, MONEY), ("{{ r.budget }}", 1, MONEY),
          ("{{ r.final }}", 1, MONEY))
    g.loop("{%tr endfor %}")
    between_tables(doc)
    g = Grid(doc, F1_WIDTHS)
    g.row(("楼堂馆所控制情况\n（{{ unit.year }}年完工项目）", 1, {"vmerge": "restart"}), "批复规模\n（m²）",
          "实际规模\n（m²）", "规模\n控制率", "预算投资\n（万元）", "实际投资\n（万元）", "投资概算\n控制率")
    g.loop("{%tr for b in f1.buildings %}")
    g.row(("", 1, {"vmerge": "continue"}), ("{{ b.approved }}", 1, MONEY), ("{{ b.actual }}", 1, MONEY),
          ("{{ b.scale_rate }}", 1, MONEY), ("{{ b.budget }}", 1, MONEY), ("{{ b.spent }}", 1, MONEY),
          ("{{ b.investment_rate }}", 1, MONEY))
    g.loop("{%tr endfor %}")
    keep_row_with_next(g.row("厉行节约保障措施", ("{{ f1.frugality }}", 6, {"align": "left"})))
    keep_with_next(para(doc, "说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。",
                        "表格说明"))
    signature(doc)


def funds_rows(g: Grid, form: str, score_label: str):
    """The money block of 附件2/附件3: header, then the view's rows."""
    g.row((f"{{{{ {form}.funds_label }}}}", 1, {"vmerge": "restart"}), ("", 2), "年初\n预算数", "全年\n预算数",
          "全年\n执行数", "分值", "执行率", score_label)
    g.loop(f"{{%tr for r in {form}.funds %}}")
    g.row(("", 1, {"vmerge": "continue"}), ("{{ r.label }}", 2, {"align": "left"}), ("{{ r.initial }}", 1, MONEY),
          ("{{ r.full_year }}", 1, MONEY), ("{{ r.executed }}", 1, MONEY), ("{{ r.weight }}", 1, MONEY),
          ("{{ r.rate }}", 1, MONEY), ("{{ r.score }}", 1, MONEY))
    g.loop("{%tr endfor %}")


def goal_rows(g: Grid, form: str):
    g.row(("年度\n总体\n目标", 1, {"vmerge": "restart"}), ("预期目标", 4), ("实际完成情况", 4))
    g.row(("", 1, {"vmerge": "continue"}), (f"{{{{ {form}.goal_expected }}}}", 4, {"align": "left"}),
          (f"{{{{ {form}.goal_achieved }}}}", 4, {"align": "left"}))


def indicator_table(doc, form: str):
    """The indicator block, laid out on its pages by perfreport/layout/indicators.py: each page
    a table of its own with its header row and its groups' labels, 总分 with the last rows."""
    tag(doc, f"{{%p for page in {form}.block %}}")
    para(doc, "{{p page }}")
    tag(doc, "{%p endfor %}")


def form_overall(doc):
    attachment_heading(doc, "{{ f2.number }}", "{{ f2.title }}")
    g = Grid(doc, F2_WIDTHS)
    g.row(("预算单位名称", 3), ("{{ unit.name }}", 6), header=True)
    funds_rows(g, "f2", "得分")
    g.loop("{%tr for r in f2.split %}")
    g.row(("", 1, {"vmerge": "continue"}), ("{{ r.income }}", 4, {"align": "left"}),
          ("{{ r.spending }}", 4, {"align": "left"}))
    g.loop("{%tr endfor %}")
    goal_rows(g, "f2")
    between_tables(doc)
    indicator_table(doc, "f2")
    signature(doc)


def form_projects(doc):
    tag(doc, "{%p for f3 in project_forms %}")
    attachment_heading(doc, "{{ f3.number }}", "{{ f3.title }}")
    g = Grid(doc, F2_WIDTHS)
    g.row(("项目支出名称", 3), ("{{ f3.name }}", 6), header=True)
    # the names get the wide columns: a unit's name of up to twelve characters on one line
    g.row(("主管部门", 2), ("{{ f3.department }}", 2), ("实施单位", 2), ("{{ f3.implementer }}", 3))
    funds_rows(g, "f3", "自评得分")
    goal_rows(g, "f3")
    between_tables(doc)
    indicator_table(doc, "f3")
    keep_with_next(para(doc, "备注：每个一级项目支出一张表。", "表格说明"))
    signature(doc)
    tag(doc, "{%p endfor %}")


# GB/T 9704 §8: on a landscape page the page number stays where the other pages have it. The
# sheet is turned a quarter clockwise to print the table (its top at the binding), so the
# sheet's foot is the landscape page's left edge: the number stands there, turned with the
# text, at the bottom on an odd page (居右空一字 on the sheet) and at the top on an even one.
LANDSCAPE_FOOTERS: dict[str, str] = {}          # 'default' | 'even' -> the footer part's r:id
MM = 56.7                                         # twips


def landscape_footers(doc) -> None:
    """Two footers for landscape sections, each a one-cell table floating in the left margin
    whose text runs top to bottom, holding the page number as the portrait pages do."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.parts.hdrftr import FooterPart
    for kind, align, indent in (("default", "right", "right"), ("even", "left", "left")):
        part = FooterPart.new(doc.part.package)
        LANDSCAPE_FOOTERS[kind] = doc.part.relate_to(part, RT.FOOTER)
        footer = part.element
        for child in list(footer):
            footer.remove(child)
        length, depth = round(156 * MM), round(8 * MM)       # the sheet's text width; one line
        table = parse_xml(
            f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" '
            f'w:vertAnchor="page" w:horzAnchor="page" w:tblpX="{round(20 * MM)}" w:tblpY="{round(28 * MM)}"/>'
            f'<w:tblW w:w="{depth}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblCellMar>'
            '<w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
            f'<w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="{depth}"/></w:tblGrid>'
            f'<w:tr><w:trPr><w:trHeight w:val="{length}" w:hRule="exact"/></w:trPr><w:tc><w:tcPr>'
            f'<w:tcW w:w="{depth}" w:type="dxa"/><w:textDirection w:val="tbRl"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="页码"/><w:ind w:{indent}="{round(ONE_CHARACTER.pt * 20)}"/>'
            f'<w:jc w:val="{align}"/></w:pPr></w:p></w:tc></w:tr></w:tbl>')
        footer.append(table)
        footer.append(parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="页码"/></w:pPr></w:p>'))
        number = DocxParagraph(table.find(".//" + qn("w:p")), None)
        page_number_runs(number)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def turned(sect_pr, landscape) -> None:
    """Page size and footers of a section: portrait as the body, or landscape with the footers
    of §8. `landscape` may be a Jinja condition (the last section is turned by the view)."""
    size = sect_pr.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    references = {ref.get(qn("w:type")): ref for ref in sect_pr.findall(qn("w:footerReference"))}
    if landscape is True:
        size.set(qn("w:w"), height)
        size.set(qn("w:h"), width)
        size.set(qn("w:orient"), "landscape")
        for kind, ref in references.items():
            ref.set(qn("r:id"), LANDSCAPE_FOOTERS[kind])
    elif landscape:
        cond = f"{{% if {landscape} %}}"
        size.set(qn("w:w"), f"{cond}{height}{{% else %}}{width}{{% endif %}}")
        size.set(qn("w:h"), f"{cond}{width}{{% else %}}{height}{{% endif %}}")
        size.set(qn("w:orient"), f"{cond}landscape{{% else %}}portrait{{% endif %}}")
        for kind, ref in references.items():
            ref.set(qn("r:id"), f"{cond}{LANDSCAPE_FOOTERS[kind]}{{% else %}}{ref.get(qn('r:id'))}{{% endif %}}")


def section_end(doc, landscape: bool) -> None:
    """A paragraph that ends a section: Word keeps a section's page setup in the last
    paragraph of the section. A copy of the body's setup, turned when landscape, so the
    footers and the continuous page numbers carry on."""
    sect_pr = copy.deepcopy(doc.sections[-1]._sectPr)
    turned(sect_pr, landscape)
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
    para(doc, "{{p f.table }}")
    signature(doc)
    tag(doc, "{%p endfor %}")


def last_section(doc) -> None:
    """The body's own section properties close the last section, after every loop of the
    template: its page turns to landscape when the last form is landscape (the view's
    `last_landscape`). Jinja in the attribute values, so the size is written once, here."""
    turned(doc.sections[-1]._sectPr, "last_landscape")


# What python-docx's default document carries that a report has no use for: a thumbnail of
# python-docx's own logo, custom XML, and Word 2010's stylesWithEffects (which Word checks
# against styles.xml, and finds different). The report's parts are its own.
DROPPED = ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
           "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
           "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Template>Normal.dotm</Template><Application>perfreport</Application><DocSecurity>0</DocSecurity>\
<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged><AppVersion>1.0000</AppVersion></Properties>"""


def drop_unused_parts(doc) -> None:
    for rels in (doc.part.package.rels, doc.part.rels):
        for r_id, relationship in list(rels.items()):
            if relationship.reltype in DROPPED:
                del rels[r_id]


def build() -> bytes:
    doc = Document()
    define_styles(doc)
    setup_page(doc)
    landscape_footers(doc)
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
    drop_unused_parts(doc)
    plain_theme(doc)
    buffer = BytesIO()
    doc.save(buffer)
    # core.xml written whole, as rendering does: python-docx
    # writes some of these elements in a wrong namespace; app.xml says what made the file
    core = CORE.format(subject=SUBJECT, title="部门（单位）整体支出绩效自评报告", author="perfreport", day="2024-01-01")
    return normalise(buffer.getvalue(), replace={"docProps/core.xml": core.encode("utf-8"),
                                                 "docProps/app.xml": APP.encode("utf-8")})


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT.relative_to(HERE.parent)}")
