"""Was a report changed by hand since we wrote it?

Each report carries, in its custom document properties (docProps/custom.xml, which Word,
WPS and LibreOffice keep when they save), a digest of its words in order. Opening and saving
a document rewrites all its XML (Word's rsids, runs split or joined, LibreOffice's own
markup, page breaks moved into the paragraph before) but not its words; an officer's
correction changes them.
So a report whose words no longer give the digest it carries was edited, and is not
overwritten: the correction belongs in the unit's YAML, or it is lost at the next render.
"""
from __future__ import annotations

import hashlib
import html
import re
from typing import Iterable, Iterator

CUSTOM_PART = "docProps/custom.xml"
PROPERTY = "perfreport-words-sha256"   # a new name for each new way of reading the words
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


# The words of a body: the text of its w:t runs, in order, joined. Runs split or joined,
# paragraphs broken or merged, tabs and page breaks are layout: Word, WPS and LibreOffice
# rewrite them when they save, an officer's correction changes the words. One regular
# expression in C over the body (70 MB in a tenth of a second), no parser calling back per
# element (a second for 500 projects).
RUN_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


class TextDigest:
    """The digest of a body's words, fed with its XML in pieces as it is written or read (a
    piece ends after a paragraph, so no run is cut)."""

    def __init__(self):
        self._hash = hashlib.sha256()

    def feed(self, data: bytes | str, final: bool = False) -> None:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        words = "".join(RUN_TEXT.findall(text))
        if "&" in words:
            words = html.unescape(words)
        self._hash.update(words.encode("utf-8"))

    def passing(self, pieces: Iterable[bytes]) -> Iterator[bytes]:
        """The pieces unchanged, read on their way into the package."""
        for piece in pieces:
            self.feed(piece)
            yield piece

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def text_digest(document_xml: bytes) -> str:
    digest = TextDigest()
    digest.feed(document_xml, final=True)
    return digest.hexdigest()


CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
          'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
          '<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="' + PROPERTY + '">'
          '<vt:lpwstr>{digest}</vt:lpwstr></property></Properties>')


def custom_properties(digest: TextDigest) -> Iterator[bytes]:
    """docProps/custom.xml, made when it is written: after word/document.xml has passed
    through `digest` (the package puts this part last)."""
    yield CUSTOM.format(digest=digest.hexdigest()).encode("utf-8")


def with_custom_part(content_types: bytes, package_rels: bytes) -> tuple[bytes, bytes]:
    """[Content_Types].xml and _rels/.rels that name docProps/custom.xml."""
    override = f'<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_TYPE}"/>'.encode()
    relation = f'<Relationship Id="rIdPerfreport" Type="{CUSTOM_REL}" Target="{CUSTOM_PART}"/>'.encode()
    return (content_types.replace(b"</Types>", override + b"</Types>"),
            package_rels.replace(b"</Relationships>", relation + b"</Relationships>"))


STORED = re.compile(rb'name="' + PROPERTY.encode() + rb'"[^>]*>\s*<vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>')


def stored_digest(custom_xml: bytes | None) -> str | None:
    match = STORED.search(custom_xml or b"")
    return match.group(1).decode() if match else None


def edited(package) -> bool:
    """True when a report of ours (a docx_read.Package) no longer has the words it was
    written with, or its words cannot be read. A report written before reports carried
    their digest cannot tell: False."""
    from .docx_read import DocxError
    if CUSTOM_PART not in package:
        return False
    try:
        stored = stored_digest(package.read(CUSTOM_PART))
        if stored is None:
            return False
        return text_digest(package.read("word/document.xml")) != stored
    except (DocxError, UnicodeDecodeError):
        return True
