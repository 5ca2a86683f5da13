"""Was a report changed by hand since we wrote it?

Each report carries, in its custom document properties (docProps/custom.xml, which Word,
WPS and LibreOffice keep when they save), the record of what a person can read and type into:
a digest of the words of the body (text boxes included), of the headers and footers, of the
footnotes and endnotes, of the review comments, and of the document properties (title,
subject, keywords, comments). Opening and saving a document rewrites all its XML (Word's rsids,
runs split or joined, LibreOffice's own markup, footers merged or renumbered, page numbers
updated) but not those words; an officer's correction, a comment or a line typed into a
footer changes them.

A report is replaced only when it is provably the toolkit's own unchanged output: every part
of the record is there, well-formed, and matches the words. A report whose words changed was
edited; one with no record, or a damaged one, cannot be told from an edited one; neither is
overwritten (pipeline.py refuses, or sets it aside under --keep-copy). A report written when
the record held the body alone (it names only PROPERTY_BODY) is judged on the body by its
record and on the rest against what the toolkit writes now: a comment or footer text that the
toolkit does not write is a change.
"""
from __future__ import annotations

import hashlib
import html
import re
import zlib
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from perfreport.document.docx_read import DocxError, Package

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"

# The record's parts: property name -> what it covers, as a message names it. A new property
# name for each new way of reading the words (the body's is the one reports carried first).
PROPERTY_BODY = "perfreport-words-sha256"
PROPERTY_MARGINS = "perfreport-margins-sha256"
PROPERTY_NOTES = "perfreport-notes-sha256"
PROPERTY_COMMENTS = "perfreport-comments-sha256"
PROPERTY_PROPERTIES = "perfreport-properties-sha256"
COVERS = {PROPERTY_BODY: "正文", PROPERTY_MARGINS: "页眉页脚", PROPERTY_NOTES: "脚注尾注",
          PROPERTY_COMMENTS: "批注", PROPERTY_PROPERTIES: "文档属性"}
DIGEST = re.compile(r"[0-9a-f]{64}")


# The words of a body: the text of its w:t runs, in order, joined. Runs split or joined,
# paragraphs broken or merged, tabs and page breaks are layout: Word, WPS and LibreOffice
# rewrite them when they save, an officer's correction changes the words. One regular
# expression in C over the body (70 MB in a tenth of a second), no parser calling back per
# element (a second for 500 projects). Text boxes are runs of the body too.
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


# ------------------------------------------------------------------ the parts around the body

def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def part_words(root, fields: bool = True) -> str:
    """The words of a header, footer, notes or comments part, as Word shows them once: the
    text of its w:t runs in order, without what only one of two alternatives holds
    (mc:Fallback repeats a text box for old readers) and, unless `fields`, without the
    results of fields (a page number is the field's, updated by every program that saves;
    the words around it are the officer's)."""
    words = []
    stack: list[str] = []            # the complex fields open here: "code" or "result"
    for node in root.iter(_w("t"), _w("fldChar"), f"{{{MC}}}Fallback", _w("fldSimple")):
        if node.tag == _w("fldChar"):
            kind = node.get(_w("fldCharType"))
            if kind == "begin":
                stack.append("code")
            elif kind == "separate" and stack:
                stack[-1] = "result"
            elif kind == "end" and stack:
                stack.pop()
            continue
        if node.tag != _w("t") or _inside(node, f"{{{MC}}}Fallback"):
            continue
        if not fields and ("result" in stack or _inside(node, _w("fldSimple"))):
            continue
        words.append(node.text or "")
    return "".join(words)


def _inside(node, tag: str) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def margin_words(parts) -> str:
    """Headers and footers: the distinct texts of their parts, page numbers aside, sorted.
    Programs that save merge footers that say the same (LibreOffice writes one where a
    report has a portrait and a landscape one), create empty ones, and renumber them; a
    person's line in a footer is a text no part had."""
    texts = {re.sub(r"\s+", "", part_words(parts.xml(name), fields=False))
             for _, name in parts.related("header", "footer")}
    return "\n".join(sorted(text for text in texts if text))


def note_words(parts) -> str:
    return "\n".join(part_words(parts.xml(name)) for _, name in parts.related("footnotes", "endnotes"))


def comment_words(parts) -> str:
    return "\n".join(part_words(parts.xml(name)) for _, name in parts.related("comments"))


# Word: 文件 > 信息 > 属性. The author and the last to save change with whoever saves.
TYPED_PROPERTIES = (("dc", "title"), ("dc", "subject"), ("cp", "keywords"), ("dc", "description"),
                    ("cp", "category"), ("cp", "contentStatus"))
CORE_NS = {"dc": "http://purl.org/dc/elements/1.1/",
           "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}


def property_words(parts) -> str:
    if "docProps/core.xml" not in parts:
        return ""
    root = parts.xml("docProps/core.xml")
    lines = []
    for prefix, name in TYPED_PROPERTIES:
        node = root.find(f"{{{CORE_NS[prefix]}}}{name}")
        text = (node.text or "").strip() if node is not None else ""
        if text:
            lines.append(f"{name}={text}")
    return "\n".join(lines)


SECTION_WORDS = {PROPERTY_MARGINS: margin_words, PROPERTY_NOTES: note_words,
                 PROPERTY_COMMENTS: comment_words, PROPERTY_PROPERTIES: property_words}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Written(Package):
    """The parts of a package being written (name -> bytes), read as a Package reads a file:
    the record is made from the same reading that checks it."""

    def __init__(self, parts: dict, shown: str = "<生成中的文档>"):
        self.shown = shown
        self.parts = parts
        self.inflated = 0
        self._relationships = {}

    def __contains__(self, name: str) -> bool:
        return name in self.parts

    def chunks(self, name: str) -> Iterator[bytes]:
        yield self.parts[name]


def section_digests(parts) -> dict[str, str]:
    """The record of every part but the body (whose words are digested as it streams)."""
    return {name: _sha256(words(parts)) for name, words in SECTION_WORDS.items()}


# ------------------------------------------------------------------ writing the record

# What a report was made from (issue 26), beside the words' record: a digest of its inputs
# (the unit file's text and the toolkit's identity: its source, template, outlines,
# shared/toolkit.py), and a digest of every other part as written (name, CRC-32, size). A
# report whose parts are still those and whose inputs are today's is what the toolkit would
# make now: `all` leaves it, `check` finds it current, without rendering it again. Any
# program that saves the file rewrites its parts, and then the report is judged as before
# (rendered again, and compared). Not part of COVERS: the words' verdict never reads them.
PROPERTY_INPUTS = "perfreport-inputs-sha256"
PROPERTY_PARTS = "perfreport-parts-sha256"
MADE_FROM = (PROPERTY_INPUTS, PROPERTY_PARTS)


class PartsDigest:
    """The digest of a package's parts but the custom properties: each part's name, CRC-32
    and size, in name order. Fed with the parts as they are written (the body streams)."""

    def __init__(self):
        self._parts: dict[str, tuple[int, int]] = {}

    def add(self, name: str, crc: int, size: int) -> None:
        self._parts[name] = (crc & 0xFFFFFFFF, size)

    def passing(self, name: str, content):
        """`content` (bytes, or bytes in pieces) as it goes into the package, counted."""
        if isinstance(content, bytes):
            self.add(name, zlib.crc32(content), len(content))
            return content
        return self._pieces(name, content)

    def _pieces(self, name: str, pieces: Iterable[bytes]) -> Iterator[bytes]:
        crc, size = 0, 0
        for piece in pieces:
            crc, size = zlib.crc32(piece, crc), size + len(piece)
            yield piece
        self.add(name, crc, size)

    def hexdigest(self) -> str:
        lines = "".join(f"{name}\0{crc:08x}\0{size}\n" for name, (crc, size) in sorted(self._parts.items()))
        return _sha256(lines)


def _property(pid: int, name: str, digest: str) -> str:
    return (f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
            f'<vt:lpwstr>{digest}</vt:lpwstr></property>')


def custom_xml(digests: dict[str, str]) -> bytes:
    """docProps/custom.xml holding `digests` (property name -> digest), in the fixed order."""
    names = [name for name in (*COVERS, *MADE_FROM) if name in digests]
    properties = "".join(_property(pid, name, digests[name]) for pid, name in enumerate(names, start=2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT}">{properties}</Properties>').encode("utf-8")


def custom_properties(body: TextDigest, sections: dict[str, str], inputs: str = "",
                      parts: PartsDigest | None = None) -> Iterator[bytes]:
    """docProps/custom.xml, made when it is written: after word/document.xml has passed
    through `body` (and every other part through `parts`; the package puts this part last)."""
    digests = {PROPERTY_BODY: body.hexdigest(), **sections}
    if inputs and parts is not None:
        digests.update({PROPERTY_INPUTS: inputs, PROPERTY_PARTS: parts.hexdigest()})
    yield custom_xml(digests)


def with_custom_part(content_types: bytes, package_rels: bytes) -> tuple[bytes, bytes]:
    """[Content_Types].xml and _rels/.rels that name docProps/custom.xml."""
    override = f'<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_TYPE}"/>'.encode()
    relation = f'<Relationship Id="rIdPerfreport" Type="{CUSTOM_REL}" Target="{CUSTOM_PART}"/>'.encode()
    return (content_types.replace(b"</Types>", override + b"</Types>"),
            package_rels.replace(b"</Relationships>", relation + b"</Relationships>"))


# ------------------------------------------------------------------ reading it back

class Damaged(Exception):
    """The record cannot be read: the why, as a message says it."""


def stored_record(parts) -> dict[str, str]:
    """Property name -> digest, for the record's parts the report carries. Raises Damaged
    when there is no record, or a part of it is not a digest as we write them."""
    if CUSTOM_PART not in parts:
        raise Damaged("没有本工具的生成记录")
    try:
        root = parts.xml(CUSTOM_PART)
    except DocxError:
        raise Damaged("生成记录已损坏") from None
    record = {}
    for node in root.iter(f"{{{CUSTOM_NS}}}property"):
        name = node.get("name")
        if name not in COVERS:
            continue
        value = node.find(f"{{{VT}}}lpwstr")
        digest = (value.text or "") if value is not None else ""
        if name in record or not DIGEST.fullmatch(digest):
            raise Damaged("生成记录已损坏")
        record[name] = digest
    if PROPERTY_BODY not in record:
        raise Damaged("没有本工具的生成记录" if not record else "生成记录已损坏")
    return record


@dataclass
class Verdict:
    """What a report's record says of it. `unknown`: why it cannot be told (no record, a
    damaged one, words that cannot be read); `changed`: what was changed by hand."""
    unknown: str = ""
    changed: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not self.unknown and not self.changed


def verdict(parts, fresh=None) -> Verdict:
    """Is `parts` (a docx_read.Package) a report of ours as written? `fresh`: what the
    toolkit writes now, to judge the parts a report of before the full record does not
    record; without it, those are unknown."""
    try:
        record = stored_record(parts)
    except Damaged as why:
        return Verdict(unknown=str(why))
    changed = []
    try:
        if text_digest(parts.read("word/document.xml")) != record[PROPERTY_BODY]:
            changed.append(COVERS[PROPERTY_BODY])
        for name, words in SECTION_WORDS.items():
            if name in record:
                differs = _sha256(words(parts)) != record[name]
            elif fresh is not None:
                differs = words(parts) != words(fresh)
            else:
                return Verdict(unknown="生成记录不完整")
            if differs:
                changed.append(COVERS[name])
    except (DocxError, UnicodeDecodeError):
        return Verdict(unknown="它的文字无法读出")
    return Verdict(changed=changed)


def edited(parts) -> bool:
    """True when a report is not provably ours as written."""
    return not verdict(parts).unchanged


# ------------------------------------------------------------------ what a report was made from

RECORDED = re.compile(r'<property [^>]*\bname="([^"]+)"><vt:lpwstr>([^<]*)</vt:lpwstr></property>')


def made_from(parts) -> str:
    """The inputs digest a report (a docx_read.Package) records, when it is still exactly as
    the toolkit wrote it: every part there with the CRC-32 and size recorded (and each part
    inflating to them), and its custom properties as the toolkit writes them (a property a
    person added in Word, 文件 > 属性, is a change). '' otherwise: no record (a report of an
    older version), another program saved it, or it is damaged."""
    try:
        if CUSTOM_PART not in parts:
            return ""
        written = parts.read(CUSTOM_PART)
        digests = dict(RECORDED.findall(written.decode("utf-8")))
        if not all(name in digests for name in MADE_FROM) or custom_xml(digests) != written:
            return ""
        found = PartsDigest()
        for name, info in parts.infos.items():
            if name != CUSTOM_PART:
                for _ in parts.chunks(name):      # inflated, to the CRC the directory gives
                    pass
                found.add(name, info.CRC, info.file_size)
    except (DocxError, UnicodeDecodeError):
        return ""
    return digests[PROPERTY_INPUTS] if found.hexdigest() == digests[PROPERTY_PARTS] else ""


def same_but_record(old: bytes, new: bytes) -> bool:
    """Two packages with the same parts (names in order, CRC-32, sizes) and the same custom
    properties once the record of what they were made from is taken out of both."""
    import io
    import zipfile
    try:
        with zipfile.ZipFile(io.BytesIO(old)) as a, zipfile.ZipFile(io.BytesIO(new)) as b:
            first, second = a.infolist(), b.infolist()
            if [i.filename for i in first] != [i.filename for i in second]:
                return False
            for x, y in zip(first, second):
                if x.filename != CUSTOM_PART and (x.CRC, x.file_size, x.compress_size) != (y.CRC, y.file_size, y.compress_size):
                    return False
            if CUSTOM_PART not in a.namelist():
                return True
            custom = a.getinfo(CUSTOM_PART)
            if custom.file_size > 65536 or b.getinfo(CUSTOM_PART).file_size > 65536:
                return False
            return _record_aside(a.read(CUSTOM_PART)) == _record_aside(b.read(CUSTOM_PART))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, KeyError, zlib.error, EOFError):
        return False


def _record_aside(written: bytes) -> bytes:
    """The custom properties as written without the inputs record; what is not ours as is."""
    try:
        digests = dict(RECORDED.findall(written.decode("utf-8")))
    except UnicodeDecodeError:
        return written
    if custom_xml(digests) != written:
        return written
    return custom_xml({name: value for name, value in digests.items() if name not in MADE_FROM})
