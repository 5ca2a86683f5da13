"""Was a report changed by hand since we wrote it?

Each report carries, in its custom document properties (docProps/custom.xml, which Word,
WPS and LibreOffice keep when they save), a digest of its text: every paragraph's words in
order. Opening and saving a document rewrites all its XML (Word's rsids, runs split or
joined, LibreOffice's own markup) but not its words; an officer's correction changes them.
So a report whose words no longer give the digest it carries was edited, and is not
overwritten: the correction belongs in the unit's YAML, or it is lost at the next render.
"""
from __future__ import annotations

import hashlib
import re
from typing import Iterable, Iterator
from xml.parsers import expat

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CUSTOM_PART = "docProps/custom.xml"
PROPERTY = "perfreport-text-sha256"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


class TextDigest:
    """The digest of a body's words, fed with its XML in pieces as it is written or read.
    Words only: each paragraph that has any, in order, with its line breaks and tabs. Empty
    paragraphs and page breaks are layout (LibreOffice turns a paragraph that only breaks the
    page into a break at the end of the paragraph before), and so is every attribute."""

    def __init__(self):
        self._hash = hashlib.sha256()
        self._in_text = 0
        self._paragraph: list[str] = []
        self._parser = expat.ParserCreate(namespace_separator=" ")
        self._parser.buffer_text = True
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._characters

    def _start(self, name: str, attributes) -> None:
        if name == T:
            self._in_text += 1
        elif name == TAB:
            self._paragraph.append("\t")
        elif name in (BR, CR) and attributes.get(TYPE) not in ("page", "column"):
            self._paragraph.append("\n")

    def _end(self, name: str) -> None:
        if name == T:
            self._in_text -= 1
        elif name == P:
            text = "".join(self._paragraph).strip("\n")
            self._paragraph = []
            if text:
                self._hash.update(text.encode("utf-8") + b"\x00")

    def _characters(self, data: str) -> None:
        if self._in_text:
            self._paragraph.append(data)

    def feed(self, data: bytes, final: bool = False) -> None:
        self._parser.Parse(data, final)

    def passing(self, pieces: Iterable[bytes]) -> Iterator[bytes]:
        """The pieces unchanged, read on their way into the package."""
        for piece in pieces:
            self.feed(piece)
            yield piece
        self.feed(b"", final=True)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


T, TAB, BR, CR, P, TYPE = (f"{W} t", f"{W} tab", f"{W} br", f"{W} cr", f"{W} p", f"{W} type")


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
    except (DocxError, expat.ExpatError):
        return True
