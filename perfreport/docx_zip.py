"""Byte-identical .docx files: the same content always gives the same bytes.

python-docx stamps each zip entry with the current time; rewriting the archive with a fixed
timestamp, fixed attributes and a fixed entry order removes that (TOOLING.md). Word and
LibreOffice require [Content_Types].xml first, so it stays first.
"""
from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIRST = "[Content_Types].xml"


def normalise(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """`replace`: parts whose content is given whole (name -> bytes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    entries.update(replace or {})
    names = sorted(entries, key=lambda name: (name != FIRST, name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()
