"""Reading a .docx someone else may have made, within limits.

`render.py dump` runs as git's textconv on other people's commits, `make check` reads the
committed reports, and the output of `make report` is looked at before it is replaced: each
reads a file it did not write. So a .docx is read only when it is a regular file of bounded
size, as a zip of a bounded number of entries, each part inflated only when its declared size
is within a limit, never encrypted or compressed in a way we cannot check, and parsed without
entities, network or unbounded depth.

The declared size is only a claim: a 2 MB zip can declare 1 KB for a part that inflates to
2 GB, and zipfile's read() of a whole part asks zlib for up to a gigabyte at once before it
cuts the result to the declared size. So a part is inflated here, a megabyte at a time, and
the bytes that actually come out are counted: a part that inflates past its declared size,
short of it, or to bytes that fail their CRC is refused, and so is a package whose parts
together would inflate past MAX_TOTAL_BYTES.
"""
from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Iterator

from lxml import etree

from perfreport.shared.errors import ReportError
from perfreport.shared.findings import ERROR, Finding
from perfreport.unitfile.load import read_regular

DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

MB = 1024 * 1024
MAX_FILE_BYTES = 64 * MB                 # a report of 500 一级项目 is about 2 MB
MAX_ENTRIES = 1000                        # ours have 17
MAX_PART_BYTES = 128 * MB                 # the body of 2000 一级项目 is 70 MB inflated
MAX_TOTAL_BYTES = 256 * MB                # every part one reading inflates, together
CHUNK = MB                                # what is inflated (and held) at a time
MAX_HELD_TAGS = 1_000_000                 # the largest table of 2000 一级项目 has 190 000
COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, …, file name length, extra field length
# no entities, no network, libxml2's depth limit
SAFE_PARSING = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class DocxError(ReportError):
    """A file that is not a Word document we can read safely."""


WORD = "Word（.docx）文档"


def _refused(shown: str, why: str, what: str = WORD) -> DocxError:
    return DocxError([Finding(ERROR, f"不是完好的 {what}：{why}", file=shown)])


def read_file(path: Path, shown: str) -> bytes:
    return read_regular(path, shown, MAX_FILE_BYTES, what="Word（.docx）文档")


class Package:
    """The parts of a .docx, each read on demand and within the limits."""

    def __init__(self, data: bytes, shown: str, what: str = WORD):
        """`what` names the kind of file in messages: the same package rules hold for a workbook."""
        self.shown = shown
        self.what = what
        self.data = data
        self.inflated = 0               # bytes inflated so far, over all parts read
        self._relationships: dict[str, list[tuple[str, str, str, bool]]] = {}
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            raise _refused(shown, "不是 zip 格式", what) from None
        if len(infos) > MAX_ENTRIES:
            raise _refused(shown, f"有 {len(infos)} 个部分，超过上限 {MAX_ENTRIES}", what)
        self.infos = {info.filename: info for info in infos}

    def __contains__(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))

    def chunks(self, name: str) -> Iterator[bytes]:
        """A part's bytes as they inflate, a chunk of at most CHUNK bytes at a time, each
        counted before it is handed on: memory stays bounded whatever the zip claims."""
        info = self._checked(name)
        raw = self._compressed(info)
        crc, inflated = 0, 0
        for chunk in self._inflate(info, raw):
            inflated += len(chunk)
            if inflated > info.file_size:
                raise _refused(self.shown, f"{name} 解压后超过了 zip 目录里写明的大小（{info.file_size} 字节），"
                                           "可能是 zip 炸弹", self.what)
            self.inflated += len(chunk)
            crc = zlib.crc32(chunk, crc)
            yield chunk
        if inflated < info.file_size:
            raise _refused(self.shown, f"{name} 解压后不足 zip 目录里写明的大小（{info.file_size} 字节），已损坏", self.what)
        if crc != info.CRC:
            raise _refused(self.shown, f"{name} 的校验和（CRC-32）不符，已损坏", self.what)

    def _checked(self, name: str) -> zipfile.ZipInfo:
        info = self.infos.get(name)
        if info is None:
            raise _refused(self.shown, f"缺少 {name}", self.what)
        if info.flag_bits & 0x1:
            raise _refused(self.shown, f"{name} 是加密的", self.what)
        if info.compress_type not in COMPRESSIONS:
            raise _refused(self.shown, f"{name} 用了不支持的压缩方式（{info.compress_type}）", self.what)
        if info.file_size > MAX_PART_BYTES:
            raise _refused(self.shown, f"{name} 解压后有 {info.file_size // MB} MB，超过上限 {MAX_PART_BYTES // MB} MB", self.what)
        if self.inflated + info.file_size > MAX_TOTAL_BYTES:
            raise _refused(self.shown, f"各部分解压后合计超过上限 {MAX_TOTAL_BYTES // MB} MB", self.what)
        return info

    def _compressed(self, info: zipfile.ZipInfo) -> memoryview:
        """The part's compressed bytes, found through its local header (a view, no copy)."""
        start = info.header_offset
        try:
            signature, name_length, extra_length = LOCAL_HEADER.unpack_from(self.data, start)
        except struct.error:
            signature = b""
        if signature != b"PK\x03\x04":
            raise _refused(self.shown, f"{info.filename} 无法解压（已损坏）", self.what)
        start += LOCAL_HEADER.size + name_length + extra_length
        raw = memoryview(self.data)[start:start + info.compress_size]
        if len(raw) < info.compress_size:
            raise _refused(self.shown, f"{info.filename} 无法解压（已损坏）", self.what)
        return raw

    def _inflate(self, info: zipfile.ZipInfo, raw: memoryview) -> Iterator[bytes]:
        if info.compress_type == zipfile.ZIP_STORED:
            for start in range(0, len(raw), CHUNK):
                yield bytes(raw[start:start + CHUNK])
            return
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)          # a zip holds raw deflate data
        pending, start = b"", 0
        while not inflater.eof:
            if not pending and start < len(raw):
                pending, start = raw[start:start + CHUNK], start + CHUNK
            try:
                # at most CHUNK bytes out, whatever the input holds; zlib keeps the rest of
                # what it has inflated for the next call, even once all input is consumed
                chunk = inflater.decompress(pending, CHUNK)
            except zlib.error:
                raise _refused(self.shown, f"{info.filename} 无法解压（已损坏）", self.what) from None
            pending = inflater.unconsumed_tail
            if chunk:
                yield chunk
            elif not pending and start >= len(raw):         # no input left, nothing more out: cut short
                raise _refused(self.shown, f"{info.filename} 无法解压（已损坏）", self.what)

    def _ended(self, name: str, tags: tuple[str, ...], held: list[int]) -> Iterator:
        """Each element of `tags` as it ends, the part fed to the parser a chunk at a time.
        held[0] counts the tags fed since the caller last freed what it had (it sets it to 0):
        an element is held whole until it ends, and libxml2 spends about 130 bytes on each
        one, so 100 MB of `<w:r/>` in one paragraph would take 2.7 GB; past MAX_HELD_TAGS
        the part is refused."""
        parser = etree.XMLPullParser(events=("end",), tag=tags, **SAFE_PARSING)
        try:
            for chunk in self.chunks(name):
                held[0] += chunk.count(b"<")        # every tag starts with one; text holds &lt;
                if held[0] > MAX_HELD_TAGS:
                    raise _refused(self.shown, f"{name} 里有一个段落或表格超过 {MAX_HELD_TAGS // 10000} 万个 XML 标签，"
                                               "超过上限", self.what)
                parser.feed(chunk)
                for _, element in parser.read_events():
                    yield element
            parser.close()
            for _, element in parser.read_events():
                yield element
        except etree.XMLSyntaxError as exc:
            raise _refused(self.shown, f"{name} 不是完好的 XML（第 {exc.lineno} 行）", self.what) from None

    def elements(self, name: str, *tags: str) -> Iterator:
        """Each element of `tags` in a part, complete, as it is parsed; once the caller is done
        with it, it is freed together with what came before it. The part is never held whole."""
        held = [0]
        for element in self._ended(name, tags, held):
            yield element
            parent = element.getparent()
            element.clear()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
                del parent[0]
            held[0] = 0

    def top_level(self, name: str, containers: tuple[str, ...], blocks: tuple[str, ...]) -> Iterator:
        """(container, child) for each child of an element tagged `containers` (w:body, a
        footnote), complete and in order, as the part is parsed, then (container, None) when
        the container ends; each child is freed once the caller is done with it. A child is
        known to be complete when it is one of `blocks` (w:p, w:tbl) and has ended, or when a
        later sibling has: so any element the caller does not know still comes, in its place."""
        held = [0]
        for element in self._ended(name, (*blocks, *containers), held):
            if element.tag in containers:
                for child in element:
                    yield element, child
                yield element, None
                element.clear()
            else:
                parent = element.getparent()
                if parent is None or parent.tag not in containers:
                    continue                # a paragraph in a table cell: part of its table
                while True:
                    # clearing first: removing an element that has children costs lxml a walk
                    # over them all (it moves them to a document of their own)
                    first = parent[0]
                    yield parent, first
                    first.clear()
                    del parent[0]
                    if first is element:
                        break
            held[0] = 0

    def relationships(self, part: str = DOCUMENT) -> list[tuple[str, str, str, bool]]:
        """The relationships of a part, as (id, kind, target, external) in the order its
        relationships file lists them: kind is the last word of the type (header, image,
        hyperlink, …), target the part name inside the package, or as written when the
        relationship points outside it (TargetMode="External")."""
        if part not in self._relationships:
            folder, base = posixpath.split(part)
            rels = posixpath.join(folder, "_rels", base + ".rels")
            found = []
            if rels in self:
                for relation in self.elements(rels, f"{{{PACKAGE_RELS}}}Relationship"):
                    kind = (relation.get("Type") or "").rsplit("/", 1)[-1]
                    target = relation.get("Target") or ""
                    external = relation.get("TargetMode") == "External"
                    if not external:
                        target = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                                    else posixpath.join(folder, target))
                    found.append((relation.get("Id") or "", kind, target, external))
            self._relationships[part] = found
        return self._relationships[part]

    def related(self, *kinds: str) -> list[tuple[str, str]]:
        """The parts word/document.xml links to with a relationship of one of `kinds`
        (header, footer, footnotes, endnotes, comments), as (kind, part name) in the order the
        relationships file lists them. Word shows only what is linked, so an unlinked part is
        not text of the document; a link outside the package (TargetMode="External") or to a
        part that is absent is left out."""
        found = []
        for _, kind, name, external in self.relationships(DOCUMENT):
            if kind in kinds and not external and name in self and (kind, name) not in found:
                found.append((kind, name))
        return found

    def xml(self, name: str):
        """A part as an element tree: no entities, no network, libxml2's depth limit."""
        parser = etree.XMLParser(**SAFE_PARSING)
        try:
            return etree.fromstring(self.read(name), parser)
        except etree.XMLSyntaxError as exc:
            raise _refused(self.shown, f"{name} 不是完好的 XML（第 {exc.lineno} 行）", self.what) from None
