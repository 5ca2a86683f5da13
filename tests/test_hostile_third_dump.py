"""Hardening, third pass (issue 20): `dump` runs as git's textconv on other people's commits,
so the .docx it reads is hostile. (1) A part's declared size is only a claim: what inflates
is counted, a chunk at a time, under a memory cap. (2) Text Word shows is never left out of
the dump, wherever the file puts it; what cannot be shown is named."""
from __future__ import annotations

import resource
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_hostile import refused
from tests.test_hostile_second import W, docx, dumped

REFUSED = "不是完好的 Word（.docx）文档："
BODY = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>'.encode()


# ------------------------------------------------------------------ 1. what inflates is counted

def zeros(megabytes: int) -> bytes:
    """Raw deflate data that inflates to `megabytes` MB of zeros, made in well under a second:
    one compressed megabyte, flushed so that it stands alone, repeated, then a final block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = compressor.compress(b"\0" * (1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + b"\x03\x00"


def deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def raw_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip written field by field: (name, deflated bytes, declared size, declared CRC-32),
    so that the directory can say what the data is not."""
    out, directory = bytearray(), bytearray()
    for name, data, size, crc in entries:
        encoded = name.encode()
        offset = len(out)
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), size)
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data
        directory += (b"PK\x01\x02" + struct.pack("<H", 20) + fields +
                      struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    out += directory + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                                   len(directory), len(out), 0)
    path.write_bytes(bytes(out))
    return path


def honest(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    return name, deflated(data), len(data), zlib.crc32(data)


def capped(path: Path, megabytes: int = 512) -> subprocess.CompletedProcess:
    """`render.py dump` with its address space capped, as a small CI runner or container is."""
    limit = megabytes * 1024 * 1024
    return subprocess.run([sys.executable, "render.py", "dump", str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))


def test_a_part_that_inflates_past_its_declared_size_is_refused_within_a_memory_cap(tmp_path):
    # 1 MB that says 1 KB and inflates to 1 GB: twice the memory the process may have
    bomb = raw_zip(tmp_path / "bomb.docx", [("word/document.xml", zeros(1024), 1024, zlib.crc32(b"\0" * 1024))])
    assert bomb.stat().st_size < 2 << 20
    done = capped(bomb)
    assert "MemoryError" not in done.stderr
    refused(done, f"bomb.docx: {REFUSED}word/document.xml 解压后超过了 zip 目录里写明的大小（1024 字节），可能是 zip 炸弹")
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("case,message", [
    ("short", "word/document.xml 解压后不足 zip 目录里写明的大小（{size} 字节），已损坏"),
    ("crc", "word/document.xml 的校验和（CRC-32）不符，已损坏"),
    ("cut", "word/document.xml 无法解压（已损坏）"),
    ("garbage", "word/document.xml 无法解压（已损坏）"),
])
def test_a_part_that_is_not_what_the_directory_says_is_refused(tmp_path, case, message):
    name, data, size, crc = honest("word/document.xml", BODY)
    if case == "short":
        size += 10
    if case == "crc":
        crc ^= 1
    if case == "cut":
        data = data[:len(data) // 2]         # the deflate data stops before its last block
    if case == "garbage":
        data = b"\xff" * len(data)           # not deflate data at all
    path = raw_zip(tmp_path / "x.docx", [(name, data, size, crc)])
    done = dumped(path)
    refused(done, f"x.docx: {REFUSED}" + message.format(size=size))
    assert len(done.stderr.splitlines()) == 1


def test_an_honest_document_still_reads(tmp_path):
    path = raw_zip(tmp_path / "ok.docx", [honest("word/document.xml", BODY)])
    done = capped(path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["════════ 第 1 节：纵向 ════════", "正文"]


def test_a_part_that_inflates_far_from_little_reads(tmp_path):
    # spaces after the body, 8 MB and 79 bytes in all: zlib has taken in the last compressed
    # bytes while the inflated ones still fill a megabyte and more
    body = BODY + b" " * ((8 << 20) + 79 - len(BODY))
    path = raw_zip(tmp_path / "spaces.docx", [honest("word/document.xml", body)])
    done = dumped(path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["════════ 第 1 节：纵向 ════════", "正文"]
