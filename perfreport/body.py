"""The document body as docxtpl renders it, streamed in pieces instead of held whole.

docxtpl's render() joins the whole rendered body into one string, parses it into an lxml
tree (with recover=True, which quietly repairs broken XML) and lets python-docx serialise
the tree again. A unit with 500 一级项目 has a 16.5 MB body, which that holds three times
over: 480 MB. Here docxtpl's own steps run on pieces of the body as Jinja yields them:
patch_xml makes the Jinja source, and every piece gets the finishing render_xml_part gives
the whole (undo the line breaks before paragraphs, the `{_{` escapes, resolve_listing).
Memory stays flat, and the result is checked strictly afterwards (render.check_output)
instead of being repaired. tests/test_body.py checks that the pieces join to exactly what
docxtpl's build_xml makes.

docxtpl's other two steps do nothing for this template: fix_tables adds grid columns for
`{%tc` column loops and fix_docpr_ids renumbers pictures; the template has neither (the
same test checks that).
"""
from __future__ import annotations

import copy
import re
from typing import Iterator

from docxtpl import DocxTemplate
from jinja2 import Environment
from lxml import etree

PARAGRAPH_END = "</w:p>"
# Characters gathered before a piece is finished. A piece ends just after a paragraph's
# end: each finishing step matches within one paragraph, so none spans that point.
PIECE = 1 << 18


def body_source(tpl: DocxTemplate) -> str:
    """The Jinja source of the body: render_xml_part's first step on patch_xml's output."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))


def finish(tpl: DocxTemplate, xml: str) -> str:
    """render_xml_part's steps after Jinja, on whole paragraphs."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    return tpl.resolve_listing(xml)


def body_pieces(tpl: DocxTemplate, values: dict, env: Environment) -> Iterator[str]:
    """The rendered <w:body> element, piece by piece."""
    template = env.from_string(body_source(tpl))
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
