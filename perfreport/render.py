"""Report -> .docx bytes through docxtpl, then checked: a render that does not parse back
is an error, never a file."""
from __future__ import annotations

import datetime
import io
from xml.sax.saxutils import escape
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError
from lxml import etree

from .derive import Report
from .docx_zip import normalise
from .errors import RenderError
from .findings import ERROR, Finding
from .tables import subdoc_table
from .view import context

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "report.docx"
XML_PARTS = ("word/document.xml", "word/styles.xml", "word/settings.xml", "docProps/core.xml")


class _CompilingOnce(Environment):
    """docxtpl hands the template's XML to from_string on every render; the XML is the same
    each time, so compile it once per process (make all renders many units per worker)."""

    def __init__(self, **options):
        super().__init__(**options)
        self._compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) > 16:          # bounded: a few parts of one template
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


_ENVIRONMENT: Environment | None = None


def jinja_environment() -> Environment:
    # autoescape: a value like "预算 <select> 与 R&D" must print as typed, not vanish.
    # StrictUndefined: a missing value is an error, never an empty cell.
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        _ENVIRONMENT = _CompilingOnce(autoescape=True, undefined=StrictUndefined)
    return _ENVIRONMENT


def render(report: Report, template: Path = TEMPLATE, source: str = "") -> bytes:
    tpl = DocxTemplate(str(template))
    try:
        values = context(report, lambda *args: subdoc_table(tpl, *args))
        tpl.render(values, jinja_environment(), autoescape=True)
    except TemplateError as exc:
        raise RenderError([Finding(ERROR, f"模板渲染失败：{exc}", file=source,
                                   hint="这是模板或程序的问题，请报告给维护人员")]) from exc
    finish_sections(tpl.docx, values["fund_forms"])
    buffer = io.BytesIO()
    tpl.save(buffer)
    data = normalise(buffer.getvalue(), replace={"docProps/core.xml": core_properties(report)})
    check_output(data, source)
    return data


CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>{title}</dc:title><dc:subject>部门（单位）整体支出绩效自评报告</dc:subject>\
<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>\
<dcterms:created xsi:type="dcterms:W3CDTF">{day}T00:00:00Z</dcterms:created>\
<dcterms:modified xsi:type="dcterms:W3CDTF">{day}T00:00:00Z</dcterms:modified></cp:coreProperties>"""


def core_properties(report: Report) -> bytes:
    """docProps/core.xml written whole: title and author from the data, dates from 填报日期
    (else 1 January after the year), never from the clock, so the same data gives the same
    bytes. Written here because python-docx puts some of these elements in a wrong namespace."""
    unit = report.unit
    day = unit.report_date or datetime.date(unit.year + 1, 1, 1)
    return CORE.format(title=escape(f"{unit.year}年度{unit.name}单位整体支出绩效自评报告"),
                       author=escape(unit.preparer or unit.name), day=day.isoformat()).encode("utf-8")


def finish_sections(document, fund_forms: list[dict]) -> None:
    """The last section's properties sit at the very end of the body, outside every loop of
    the template: turn that section to landscape when the last form on it is landscape."""
    if fund_forms and fund_forms[-1]["landscape"]:
        section = document.sections[-1]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def check_output(data: bytes, source: str = "") -> None:
    """Strict XML parse of the main parts, and a reopen with python-docx."""
    import zipfile
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in XML_PARTS:
                etree.fromstring(archive.read(name))
        docx.Document(io.BytesIO(data))
    except Exception as exc:  # any failure here means a damaged document: never write it
        raise RenderError([Finding(ERROR, f"生成的文档无法通过自检（{type(exc).__name__}: {exc}）",
                                   file=source, hint="没有写出任何文件；请报告给维护人员")]) from exc
