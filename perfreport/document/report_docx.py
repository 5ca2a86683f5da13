"""Report -> .docx bytes through docxtpl's template machinery, then checked: a render
that does not parse back is an error, never a file.

The body is rendered in pieces straight into the zip (body.py); every other part is
serialised as python-docx saves it and the package is written once, in a fixed form
(docx_zip.py). python-docx's PackageWriter steps are private; requirements.txt pins it."""
from __future__ import annotations

import datetime
import hashlib
import io
import zipfile
from html import escape
from pathlib import Path
from xml.parsers import expat

from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docx.opc.pkgwriter import PackageWriter
from docxtpl import DocxTemplate
from jinja2 import Environment, FileSystemBytecodeCache, StrictUndefined, TemplateError

from perfreport.document.body import body_pieces, document_xml
from perfreport.derive import Report
from perfreport.document.docx_zip import package
from perfreport.shared.errors import RenderError
from perfreport.shared.findings import ERROR, Finding
from perfreport.shared.toolkit import cache_folder   # the toolkit's folder: also what `all` and `check` reuse
from perfreport.document.fingerprint import (CUSTOM_PART, PartsDigest, TextDigest, Written, custom_properties,
                                             section_digests, with_custom_part)
from perfreport.wording import context, title_lines

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "report.docx"
DOCUMENT = "word/document.xml"
TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
CORE_PART = "docProps/core.xml"


class _CompilingOnce(Environment):
    """docxtpl hands the template's XML to from_string on every render; the XML is the same
    each time, so compile it once per process (make all renders many units per worker),
    and keep the compiled code between processes in Jinja's bytecode cache when there is
    one (a `make report` is one process, and compiling the body is a tenth of its time).
    The cache is checked against the source, so a changed template is compiled afresh."""

    def __init__(self, **options):
        super().__init__(**options)
        self._compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) > 16:          # bounded: a few parts of one template
                self._compiled.clear()
            self._compiled[source] = self.template_class.from_code(
                self, self._code(source), self.make_globals(None), None)
        return self._compiled[source]

    def _code(self, source: str):
        cache = self.bytecode_cache
        if cache is None:
            return self.compile(source)
        # one entry per part (body, footers), named by its source
        bucket = cache.get_bucket(self, hashlib.sha1(source.encode("utf-8")).hexdigest(), None, source)
        if bucket.code is None:
            bucket.code = self.compile(source)
            try:
                cache.set_bucket(bucket)
            except OSError:                       # a full or read-only disk: just no cache
                pass
        return bucket.code


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    folder = cache_folder()
    try:
        return FileSystemBytecodeCache(directory=str(folder) if folder else None, pattern="__perfreport_%s.cache")
    except (OSError, RuntimeError):
        return None


_ENVIRONMENT: Environment | None = None


def jinja_environment() -> Environment:
    # autoescape: a value like "预算 <select> 与 R&D" must print as typed, not vanish.
    # StrictUndefined: a missing value is an error, never an empty cell.
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        _ENVIRONMENT = _CompilingOnce(autoescape=True, undefined=StrictUndefined,
                                      bytecode_cache=_bytecode_cache())
    return _ENVIRONMENT


def render(report: Report, template: Path = TEMPLATE, source: str = "", inputs: str = "") -> bytes:
    """`inputs`: the digest of what the report is made from (pipeline.inputs_digest), kept in
    its properties with the digest of its parts, so a later run knows it need not render it
    again (fingerprint.made_from)."""
    prepared = _prepared(template)
    tpl = prepared.tpl
    try:
        values = context(report)
        environment = jinja_environment()
        parts = dict(prepared.parts)
        parts.update(headers_and_footers(prepared, values, environment))
        words = TextDigest()             # the words' digest, kept in the report (fingerprint.py)
        parts[DOCUMENT] = words.passing(well_formed(document_xml(tpl, body_pieces(tpl, values, environment))))
        parts[CORE_PART] = core_properties(report)
        parts[TYPES], parts[PACKAGE_RELS] = with_custom_part(parts[TYPES], parts[PACKAGE_RELS])
        recorded = PartsDigest() if inputs else None
        if recorded is not None:
            parts = {name: recorded.passing(name, content) for name, content in parts.items()}
        parts[CUSTOM_PART] = custom_properties(words, section_digests(Written(parts)), inputs, recorded)
        data = package(parts)
    except TemplateError as exc:
        raise RenderError([Finding(ERROR, f"模板渲染失败：{exc}", file=source,
                                   hint="这是模板或程序的问题，请报告给维护人员")]) from exc
    except expat.ExpatError as exc:     # the body, parsed on its way into the package
        raise RenderError([self_check_failed(exc, source)]) from exc
    check_output(data, source)
    return data


class _Prepared:
    """The template as opened once in a process: docxtpl's object, never rendered into (so
    it serves every unit), and every part but the body serialised as python-docx saves it.
    Opening the template and serialising its parts was 25 ms of each unit's 85 (a worker of
    `make all` renders hundreds); a unit's own parts, the body and the headers and footers,
    are made from it afresh."""

    def __init__(self, template: Path):
        self.tpl = DocxTemplate(str(template))
        self.tpl.render_init()
        self.parts = other_parts(self.tpl)
        # the zip name of each header and footer part, by its relationship from the body
        self.names = {relation: part.partname.lstrip("/")
                      for kind in (self.tpl.HEADER_URI, self.tpl.FOOTER_URI)
                      for relation, part in self.tpl.get_headers_footers(kind)}


_PREPARED: dict[tuple, _Prepared] = {}


def _prepared(template: Path) -> _Prepared:
    """The template prepared once a process, again when its file changes (`make template`)."""
    try:
        stat = Path(template).stat()
        key = (str(Path(template).resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return _Prepared(template)          # docxtpl says what is wrong with it
    if key not in _PREPARED:
        _PREPARED.clear()
        _PREPARED[key] = _Prepared(template)
    return _PREPARED[key]


def headers_and_footers(prepared: _Prepared, values: dict, environment: Environment) -> dict[str, bytes]:
    """The headers and footers rendered, as docxtpl's render() makes them after the body and
    python-docx then writes them (parsed into a part, serialised again), without touching
    the prepared template. This template's core properties are replaced whole, and it has
    no footnotes."""
    tpl, made = prepared.tpl, {}
    for kind in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for relation, xml in tpl.build_headers_footers_xml(values, kind, environment):
            made[prepared.names[relation]] = serialize_part_xml(parse_xml(xml))
    return made


class _Collected:
    """Stands in for python-docx's zip writer: keeps each part's bytes by name."""

    def __init__(self):
        self.parts: dict[str, bytes] = {}

    def write(self, uri, blob: bytes) -> None:
        self.parts[uri.membername] = blob


def other_parts(tpl: DocxTemplate) -> dict[str, bytes]:
    """Every part of the package but the body, serialised the way python-docx saves
    (its PackageWriter steps, into a dict rather than a zip)."""
    package_ = tpl.docx.part.package
    collected = _Collected()
    PackageWriter._write_content_types_stream(collected, package_.parts)
    PackageWriter._write_pkg_rels(collected, package_.rels)
    PackageWriter._write_parts(collected, package_.parts)
    del collected.parts[DOCUMENT]
    return collected.parts


SUBJECT = "部门（单位）整体支出绩效自评报告"     # every report of ours says so: what we may replace
CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>\
<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>\
<dcterms:created xsi:type="dcterms:W3CDTF">{day}T00:00:00Z</dcterms:created>\
<dcterms:modified xsi:type="dcterms:W3CDTF">{day}T00:00:00Z</dcterms:modified></cp:coreProperties>"""


def core_properties(report: Report) -> bytes:
    """docProps/core.xml written whole: title and author from the data, dates from 填报日期
    (else 1 January after the year), never from the clock, so the same data gives the same
    bytes. Written here because python-docx puts some of these elements in a wrong namespace."""
    unit = report.unit
    day = unit.report_date or datetime.date(unit.year + 1, 1, 1)
    return CORE.format(subject=SUBJECT, title=escape("".join(title_lines(report)), quote=False),
                       author=escape(unit.preparer or unit.name, quote=False), day=day.isoformat()).encode("utf-8")


def well_formed(pieces):
    """The body's pieces unchanged, parsed strictly on their way into the package (an
    ExpatError at the first fault: render() then writes nothing). expat without handlers,
    a C parser fed a piece at a time, so a large body is never held whole nor read back.
    Without namespace processing, which doubles expat's time (a second of a unit with 2000
    projects): what the data brings into the body is text and attribute values, which this
    checks (escaping, characters XML forbids); the names of elements and their prefixes are
    the template's and the layout code's, the same for every unit, and
    tests/document/test_render.py parses every part of rendered documents with namespaces."""
    parser = expat.ParserCreate()
    for piece in pieces:
        parser.Parse(piece, False)
        yield piece
    parser.Parse(b"", True)


def check_output(data: bytes, source: str = "", body: bool = False) -> None:
    """Every part made from the data must parse strictly: the core properties, the headers
    and footers (Jinja renders them too), the custom properties, and with `body` the body
    (render() checks it as it is written: well_formed). The other parts are the template's
    as python-docx writes them (tests/document/test_render.py parses every part of a rendered
    document). expat with namespaces and no handlers: a C parser that reads a part as a
    stream, so a large part is never held as a tree."""
    checked = (CORE_PART, CUSTOM_PART, DOCUMENT) if body else (CORE_PART, CUSTOM_PART)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name in checked or name.startswith(("word/header", "word/footer")):
                    with archive.open(name) as stream:
                        expat.ParserCreate(namespace_separator=" ").ParseFile(stream)
    except Exception as exc:  # any failure here means a damaged document: never write it
        raise RenderError([self_check_failed(exc, source)]) from exc


def self_check_failed(exc: Exception, source: str) -> Finding:
    return Finding(ERROR, f"生成的文档无法通过自检（{type(exc).__name__}: {exc}）",
                   file=source, hint="没有写出任何文件；请报告给维护人员")
