"""Byte-identical .docx files: the same content always gives the same bytes.

python-docx stamps each zip entry with the current time; writing every entry with a fixed
timestamp, fixed attributes and a fixed entry order removes that (TOOLING.md). Word and
LibreOffice require [Content_Types].xml first, so it stays first.
"""
from __future__ import annotations

import io
import zipfile
from typing import BinaryIO, Iterable, Union

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIRST = "[Content_Types].xml"

# An entry's content: its bytes, or its bytes in chunks, compressed as they come so that
# a large part (the body of a unit with hundreds of forms) is never held whole.
Content = Union[bytes, Iterable[bytes]]


# The custom properties hold the digest of the body's words, known only once the body has
# been written: they come last.
LAST = "docProps/custom.xml"


def in_order(names: Iterable[str]) -> list[str]:
    return sorted(names, key=lambda name: (name != FIRST, name == LAST, name))


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED     # zlib's default level, 6
    info.external_attr = 0o644 << 16
    info.create_system = 0
    return info


def package(entries: dict[str, Content]) -> bytes:
    """A zip of `entries` in the fixed order."""
    out = io.BytesIO()
    package_into(out, entries)
    return out.getvalue()


def package_into(out: BinaryIO, entries: dict[str, Content]) -> None:
    """The zip of `entries`, in the fixed order, written to the file `out` as it is made."""
    with zipfile.ZipFile(out, "w") as target:
        for name in in_order(entries):
            content = entries[name]
            with target.open(_entry(name), "w") as stream:
                for chunk in (content,) if isinstance(content, bytes) else content:
                    stream.write(chunk)


def normalise(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """An existing zip rewritten in the fixed form. `replace`: parts given whole (name -> bytes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries: dict[str, Content] = {info.filename: source.read(info) for info in source.infolist()}
    entries.update(replace or {})
    return package(entries)
