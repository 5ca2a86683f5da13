"""Reading a .docx someone else may have made, within limits.

`render.py dump` runs as git's textconv on other people's commits, `make check` reads the
committed reports, and the output of `make report` is looked at before it is replaced: each
reads a file it did not write. So a .docx is read only when it is a regular file of bounded
size, as a zip of a bounded number of entries, each part inflated only when its declared size
is within a limit (a 1 MB zip bomb declares its gigabyte), never encrypted or compressed in a
way zipfile cannot check, and parsed without entities, network or unbounded depth.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from .errors import ReportError
from .findings import ERROR, Finding
from .load import read_regular

RELS = "word/_rels/document.xml.rels"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

MAX_FILE_BYTES = 64 * 1024 * 1024        # a report of 500 一级项目 is about 2 MB
MAX_ENTRIES = 1000                        # ours have 15
MAX_PART_BYTES = 128 * 1024 * 1024        # the largest body we make is 16.5 MB inflated
COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class DocxError(ReportError):
    """A file that is not a Word document we can read safely."""


def _refused(shown: str, why: str) -> DocxError:
    return DocxError([Finding(ERROR, f"不是完好的 Word（.docx）文档：{why}", file=shown)])


def read_file(path: Path, shown: str) -> bytes:
    return read_regular(path, shown, MAX_FILE_BYTES, what="Word（.docx）文档")


class Package:
    """The parts of a .docx, each read on demand and within the limits."""

    def __init__(self, data: bytes, shown: str):
        self.shown = shown
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            raise _refused(shown, "不是 zip 格式") from None
        if len(infos) > MAX_ENTRIES:
            raise _refused(shown, f"有 {len(infos)} 个部分，超过上限 {MAX_ENTRIES}")
        self.infos = {info.filename: info for info in infos}

    def __contains__(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        info = self.infos.get(name)
        if info is None:
            raise _refused(self.shown, f"缺少 {name}")
        if info.flag_bits & 0x1:
            raise _refused(self.shown, f"{name} 是加密的")
        if info.compress_type not in COMPRESSIONS:
            raise _refused(self.shown, f"{name} 用了不支持的压缩方式（{info.compress_type}）")
        if info.file_size > MAX_PART_BYTES:
            raise _refused(self.shown, f"{name} 解压后有 {info.file_size // (1024 * 1024)} MB，超过上限 "
                                       f"{MAX_PART_BYTES // (1024 * 1024)} MB")
        try:
            return self.archive.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
            raise _refused(self.shown, f"{name} 无法解压（已损坏）") from None

    def related(self, *kinds: str) -> list[tuple[str, str]]:
        """The parts word/document.xml links to with a relationship of one of `kinds`
        (header, footer, footnotes, endnotes, comments), as (kind, part name) in the order the
        relationships file lists them. Word shows only what is linked, so an unlinked part is
        not text of the document; a link outside the package (TargetMode="External") or to a
        part that is absent is left out."""
        if RELS not in self:
            return []
        found = []
        for relation in self.xml(RELS).iter(f"{{{PACKAGE_RELS}}}Relationship"):
            kind = (relation.get("Type") or "").rsplit("/", 1)[-1]
            if kind not in kinds or relation.get("TargetMode") == "External":
                continue
            target = relation.get("Target") or ""
            name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else "word/" + target)
            if name in self and (kind, name) not in found:
                found.append((kind, name))
        return found

    def xml(self, name: str):
        """A part as an element tree: no entities, no network, libxml2's depth limit."""
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            return etree.fromstring(self.read(name), parser)
        except etree.XMLSyntaxError as exc:
            raise _refused(self.shown, f"{name} 不是完好的 XML（第 {exc.lineno} 行）") from None
