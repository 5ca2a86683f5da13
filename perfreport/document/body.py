"""The document body as docxtpl renders it, streamed in pieces instead of held whole.

docxtpl's render() joins the whole rendered body into one string, parses it into an lxml
tree (with recover=True, which quietly repairs broken XML) and lets python-docx serialise
the tree again. A unit with 500 一级项目 has a 16.5 MB body, which that holds three times
over: 480 MB. Here docxtpl's own steps run on pieces of the body as Jinja yields them:
patch_xml makes the Jinja source, and every piece gets the finishing render_xml_part gives
the whole (undo the line breaks before paragraphs, resolve_listing). Not docxtpl's undoing of
its `{_{` escapes: they are for a template's author, ours uses none, and applied to the
rendered text it would turn a unit's own "{_{ 1 }_}" into "{{ 1 }}".
Memory stays flat, and the pieces are checked strictly on their way out (report_docx.well_formed)
instead of being repaired. tests/document/test_body.py checks that the pieces join to exactly what
docxtpl's build_xml makes.

docxtpl's other two steps do nothing for this template: fix_tables adds grid columns for
`{%tc` column loops and fix_docpr_ids renumbers pictures; the template has neither (the
same test checks that).
"""
from __future__ import annotations

import copy
import hashlib
import re
from pathlib import Path
from typing import Iterator

import docxtpl
from docxtpl import DocxTemplate
from jinja2 import Environment
from lxml import etree

from perfreport.shared.errors import ReportError
from perfreport.document.write import write_atomic

PARAGRAPH_END = "</w:p>"
# Characters gathered before a piece is finished. A piece ends just after a paragraph's
# end: each finishing step matches within one paragraph, so none spans that point.
PIECE = 1 << 18


def body_source(tpl: DocxTemplate, cache: str | None = None) -> str:
    """The Jinja source of the body: render_xml_part's first step on patch_xml's output."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched_body(tpl, cache))


def patched_body(tpl: DocxTemplate, cache: str | None) -> str:
    """docxtpl's patch_xml of the template's body. Its regular expressions take a
    fourteenth of a `make report`, and give the same for the same template: the result is
    kept in the folder `cache` under the digest of the template file and docxtpl's
    version, with its own digest on the first line so a damaged copy is not used."""
    if cache is None:
        return tpl.patch_xml(tpl.get_xml())
    key = hashlib.sha1(Path(tpl.template_file).read_bytes() + docxtpl.__version__.encode()).hexdigest()
    path = Path(cache) / f"__perfreport_body_{key}.xml"
    try:
        digest, _, xml = path.read_text(encoding="utf-8").partition("\n")
        if digest == hashlib.sha1(xml.encode("utf-8")).hexdigest():
            return xml
    except (OSError, UnicodeDecodeError):
        pass
    xml = tpl.patch_xml(tpl.get_xml())
    try:
        write_atomic(path, (hashlib.sha1(xml.encode("utf-8")).hexdigest() + "\n" + xml).encode("utf-8"))
    except ReportError:                 # a cache that cannot be written is simply not kept
        pass
    return xml


# resolve_listing turns a tab, a line feed, \a or \f typed inside a run's text into Word's
# own elements, and leaves every other paragraph as it was: a piece with none of them in its
# text is left alone without its per-run regular expressions (half the time of a large body)
LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\x07\x0c]")


def finish(tpl: DocxTemplate, xml: str) -> str:
    """render_xml_part's steps after Jinja, on whole paragraphs."""
    # as re.sub(r"\n<w:p([ >])", r"<w:p\1", xml), without a template expanded per paragraph
    xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
    return resolve_listing(tpl, xml)


def resolve_listing(tpl: DocxTemplate, xml: str) -> str:
    """docxtpl's resolve_listing, run on the paragraphs that need it only: it rewrites each
    paragraph (<w:p …>…</w:p>, never nested in a body) on its own, and one whose runs hold
    no tab, line feed, \a or \f comes out as it went in."""
    out, done = [], 0
    for match in LISTING.finditer(xml):
        if match.start() < done:
            continue                                   # in a paragraph already resolved
        start = max(xml.rfind("<w:p>", done, match.start()), xml.rfind("<w:p ", done, match.start()))
        end = xml.find("</w:p>", match.end())
        if start < 0 or end < 0:                       # not within a paragraph: as docxtpl leaves it
            continue
        end += len("</w:p>")
        out += [xml[done:start], tpl.resolve_listing(xml[start:end])]
        done = end
    return "".join(out) + xml[done:] if out else xml


def body_pieces(tpl: DocxTemplate, values: dict, env: Environment) -> Iterator[str]:
    """The rendered <w:body> element, piece by piece."""
    # the patched body is kept beside Jinja's compiled code, in its private per-user folder
    template = env.from_string(body_source(tpl, getattr(env.bytecode_cache, "directory", None)))
    tpl.current_rendering_part = tpl.docx._part      # as render_xml_part sets it
    held: list[str] = []
    size = 0
    for text in template.generate(values):
        held.append(text)
        size += len(text)
        if size < PIECE:
            continue
        joined = "".join(held)
        cut = joined.rfind(PARAGRAPH_END)
        if cut < 0:                                   # one long paragraph: keep gathering
            held, size = [joined], len(joined)
            continue
        cut += len(PARAGRAPH_END)
        yield finish(tpl, joined[:cut])
        held, size = [joined[cut:]], len(joined) - cut
    yield finish(tpl, "".join(held))


def document_xml(tpl: DocxTemplate, pieces: Iterator[str]) -> Iterator[bytes]:
    """word/document.xml: the <w:document> element as python-docx writes it, with the
    rendered body in place of the template's."""
    root = tpl.docx.element
    shell = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=root.nsmap)
    for child in root:
        shell.append(etree.Element(child.tag) if child is root.body else copy.deepcopy(child))
    marker = f"<{root.body.prefix}:body/>".encode()
    head, tail = etree.tostring(shell, encoding="UTF-8", standalone=True).split(marker)
    yield head
    for piece in pieces:
        yield piece.encode("utf-8")
    yield tail
