"""Hardening, third pass (issue 20): `dump` runs as git's textconv on other people's commits,
so the .docx it reads is hostile. (1) A part's declared size is only a claim: what inflates
is counted, a chunk at a time, under a memory cap. (2) Text Word shows is never left out of
the dump, wherever the file puts it; what cannot be shown is named."""
from __future__ import annotations

import re
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.whole.test_hostile import refused
from tests.whole.test_hostile_second import W, docx, dumped

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


# ------------------------------------------------------------------ 2. no text hides from the dump

NAMESPACES = (f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
              'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
              'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
              'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
              'xmlns:x="urn:example:unknown"')
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def r(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def p(text: str) -> str:
    return f"<w:p>{r(text)}</w:p>"


def tc(content: str, properties: str = "") -> str:
    return f"<w:tc>{properties}{content}</w:tc>"


def text_box(text: str) -> str:
    return f"<w:txbxContent>{p(text)}</w:txbxContent>"


def field(code: str, result: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{code}</w:instrText>'
            f'</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{r(result)}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


HIDDEN_BODY = "".join([
    p("正文开头"),
    f'<w:customXml w:element="a">{p("自定义XML段落")}</w:customXml>',
    f'<w:customXml w:element="b"><w:tbl><w:tr>{tc(p("自定义XML表格"))}</w:tr></w:tbl></w:customXml>',
    "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>",
    tc(p("外格") + f"<w:tbl><w:tr>{tc(p('嵌套表格里的字'))}{tc(p('嵌套第二格'))}</w:tr></w:tbl>"),
    f"<w:sdt><w:sdtPr/><w:sdtContent>{tc(p('控件包着的格'))}</w:sdtContent></w:sdt>",
    f'<w:customXml w:element="c">{tc(p("自定义XML格"))}</w:customXml>',
    tc(f"<w:sdt><w:sdtContent>{p('格内控件段落')}</w:sdtContent></w:sdt>"),
    "</w:tr>",
    f"<w:sdt><w:sdtContent><w:tr>{tc(p('控件包着的行'))}</w:tr></w:sdtContent></w:sdt>",
    f'<w:customXml w:element="d"><w:tr>{tc(p("自定义XML行"))}</w:tr></w:customXml>',
    "<w:tr>" + tc(p("合并格上"), '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>') + "</w:tr>",
    "<w:tr>" + tc(p("续格里藏的字"), "<w:tcPr><w:vMerge/></w:tcPr>") + "</w:tr>",
    "</w:tbl>",
    "<w:p>",
    f"<w:ins>{r('插入的字')}</w:ins>",
    "<w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del>",
    f"<w:moveFrom>{r('移走的字')}</w:moveFrom>",
    f"<w:moveTo>{r('移来的字')}</w:moveTo>",
    f'<w:smartTag w:element="place">{r("智能标记")}</w:smartTag>',
    f'<w:hyperlink r:id="rLink">{r("超链接文字")}</w:hyperlink>',
    f'<w:fldSimple w:instr=" DOCPROPERTY 单位 ">{r("简单域结果")}</w:fldSimple>',
    field(" REF 书签 ", "复杂域结果"),
    "<m:oMath><m:r><m:t>公式文字</m:t></m:r></m:oMath>",
    f"<x:unknown>{r('未知元素里的字')}</x:unknown>",
    '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r>',
    '<w:r><w:commentReference w:id="0"/></w:r>',
    "</w:p>",
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
    f'<wps:wsp><wps:txbx>{text_box("文本框里的字")}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
    f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{text_box("文本框里的字")}</v:textbox>'
    "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
    f"<w:p><w:r><w:pict><v:shape><v:textbox>{text_box('旧式文本框')}</v:textbox></v:shape></w:pict></w:r></w:p>",
    '<w:p><w:r><w:drawing><wp:inline><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rImage"/>'
    "</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
    '<w:p><w:r><w:object><o:OLEObject r:id="rOle"/></w:object></w:r></w:p>',
    '<w:altChunk r:id="rChunk"/>',
    f"<x:unknown>{p('未知元素里的段落')}</x:unknown>",
    '<w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r>'
    "</w:rubyBase></w:ruby></w:r></w:p>",
    "<w:sectPr/>",
])
HIDDEN_PARTS = {
    "word/header1.xml": f"<w:hdr {NAMESPACES}>{p('页眉文字')}</w:hdr>",
    "word/footer1.xml": f"<w:ftr {NAMESPACES}><w:p>{r('页脚文字 第 ')}{field(' PAGE ', '7')}{r(' 页')}</w:p></w:ftr>",
    "word/footnotes.xml": f'<w:footnotes {NAMESPACES}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
                          f'</w:r></w:p></w:footnote><w:footnote w:id="1">{p("脚注文字")}</w:footnote></w:footnotes>',
    "word/endnotes.xml": f'<w:endnotes {NAMESPACES}><w:endnote w:id="1">{p("尾注文字")}</w:endnote></w:endnotes>',
    "word/comments.xml": f'<w:comments {NAMESPACES}><w:comment w:id="0" w:author="审稿人">{p("批注文字")}</w:comment>'
                         "</w:comments>",
}
HIDDEN_RELATIONSHIPS = [("rHeader", "header", "header1.xml"), ("rFooter", "footer", "footer1.xml"),
                        ("rNotes", "footnotes", "footnotes.xml"), ("rEnd", "endnotes", "endnotes.xml"),
                        ("rComments", "comments", "comments.xml"), ("rImage", "image", "media/image1.png"),
                        ("rOle", "oleObject", "embeddings/oleObject1.bin"), ("rChunk", "aFChunk", "afchunk.mht")]


def hidden_document(path: Path) -> Path:
    rels = "".join(f'<Relationship Id="{rid}" Type="{RELATIONSHIP}{kind}" Target="{target}"/>'
                   for rid, kind, target in HIDDEN_RELATIONSHIPS)
    rels += f'<Relationship Id="rLink" Type="{RELATIONSHIP}hyperlink" Target="https://example.com/" TargetMode="External"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:document {NAMESPACES}><w:body>{HIDDEN_BODY}</w:body></w:document>")
        archive.writestr("word/_rels/document.xml.rels",
                         f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
                         "</Relationships>")
        for name, xml in HIDDEN_PARTS.items():
            archive.writestr(name, xml)
        archive.writestr("word/media/image1.png", b"\x89PNG")
    return path


HIDDEN_TEXT = ["正文开头", "自定义XML段落", "自定义XML表格", "外格", "嵌套表格里的字", "嵌套第二格", "控件包着的格",
               "自定义XML格", "格内控件段落", "控件包着的行", "自定义XML行", "合并格上", "续格里藏的字", "插入的字",
               "删除的字", "移走的字", "移来的字", "智能标记", "超链接文字", "简单域结果", "复杂域结果", "公式文字",
               "未知元素里的字", "文本框里的字", "旧式文本框", "未知元素里的段落", "zhù", "页眉文字", "页脚文字",
               "脚注文字", "尾注文字", "批注文字"]


def test_text_word_shows_is_in_the_dump_exactly_once_wherever_it_is(tmp_path):
    done = dumped(hidden_document(tmp_path / "hidden.docx"))
    assert done.returncode == 0, done.stderr
    assert {text: done.stdout.count(text) for text in HIDDEN_TEXT} == {text: 1 for text in HIDDEN_TEXT}


def test_where_the_text_was_hidden_reads_in_the_dump(tmp_path):
    lines = dumped(hidden_document(tmp_path / "hidden.docx")).stdout.splitlines()
    assert lines == [
        "════════ 第 1 节：纵向 ════════",
        "正文开头",
        "自定义XML段落",
        "│ 自定义XML表格 │",
        "│ 外格 / | 嵌套表格里的字 | 嵌套第二格 | │ 控件包着的格 │ 自定义XML格 │ 格内控件段落 │",
        "│ 控件包着的行 │",
        "│ 自定义XML行 │",
        "│ 合并格上 │",
        "│ ↑ 续格里藏的字 │",
        "插入的字〔删除：删除的字〕〔移走：移走的字〕移来的字智能标记超链接文字简单域结果复杂域结果公式文字未知元素里的字"
        "〔脚注1〕〔尾注1〕〔批注0〕",
        "〔文本框〕 文本框里的字",
        "〔文本框〕 旧式文本框",
        "（此处嵌入了另一个文件 word/media/image1.png，无法显示）",
        "（此处嵌入了另一个文件 word/embeddings/oleObject1.bin，无法显示）",
        "（此处嵌入了另一个文件 word/afchunk.mht，无法显示）",
        "未知元素里的段落",
        "注（zhù）",
        "════════ 页眉：word/header1.xml ════════",
        "页眉文字",
        "════════ 页脚：word/footer1.xml ════════",
        "页脚文字 第 〔页码〕 页",
        "════════ 脚注：word/footnotes.xml ════════",
        "〔脚注1〕 脚注文字",
        "════════ 尾注：word/endnotes.xml ════════",
        "〔尾注1〕 尾注文字",
        "════════ 批注：word/comments.xml ════════",
        "〔批注0，审稿人〕 批注文字",
    ]


def small_document(path: Path, body: str, **parts: str) -> Path:
    """A document of `body` (and parts linked from it by their kind: footer="<w:ftr…>")."""
    names = {kind: f"{kind}1.xml" if kind in ("header", "footer") else f"{kind}.xml" for kind in parts}
    rels = "".join(f'<Relationship Id="r{kind}" Type="{RELATIONSHIP}{kind}" Target="{names[kind]}"/>' for kind in parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>")
        archive.writestr("word/_rels/document.xml.rels",
                         f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
                         "</Relationships>")
        for kind, xml in parts.items():
            archive.writestr(f"word/{names[kind]}", xml)
    return path


def test_a_text_box_an_older_word_would_show_differently_shows_both(tmp_path):
    differing = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
                 f'{text_box("新版 Word 显示的字")}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>'
                 f'{text_box("旧版 Word 显示的字")}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    # a Choice that needs a namespace Word does not know: Word takes the Fallback
    unknown = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="x"><w:t>Word 不认识的分支</w:t></mc:Choice>'
               "<mc:Fallback><w:t>Word 显示的分支</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>")
    lines = dumped(small_document(tmp_path / "x.docx", differing + unknown)).stdout.splitlines()
    assert lines[1:] == ["〔文本框〕 新版 Word 显示的字", "〔文本框〕 旧版 Word 显示的字", "Word 显示的分支Word 不认识的分支"]


def test_a_page_number_is_named_and_any_other_text_in_its_field_still_shows(tmp_path):
    footer = (f"<w:ftr {NAMESPACES}><w:p>{field(' PAGE ', '12')}{r(' / ')}{field(' NUMPAGES ', '藏在总页数里的字')}"
              f'<w:fldSimple w:instr="SECTIONPAGES"><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p></w:ftr>')
    lines = dumped(small_document(tmp_path / "x.docx", p("正文"), footer=footer)).stdout.splitlines()
    assert lines[2:] == ["════════ 页脚：word/footer1.xml ════════", "〔页码〕 / 〔总页数：藏在总页数里的字〕〔本节页数〕"]


def test_a_line_break_inside_a_text_cannot_forge_a_line_of_the_dump(tmp_path):
    lines = dumped(small_document(tmp_path / "x.docx", p("甲&#10;════════ 第 2 节：横向 ════════&#13;乙"))).stdout
    assert lines.splitlines()[1:] == ["甲 ════════ 第 2 节：横向 ════════ 乙"]


def test_a_separator_note_with_text_is_shown_and_an_empty_one_is_not(tmp_path):
    notes = (f'<w:footnotes {NAMESPACES}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
             '</w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0">'
             f'{p("分隔线里的字")}</w:footnote><w:footnote w:id="2">{p("第一段")}{p("第二段")}</w:footnote></w:footnotes>')
    lines = dumped(small_document(tmp_path / "x.docx", p("正文"), footnotes=notes)).stdout.splitlines()
    assert lines[2:] == ["════════ 脚注：word/footnotes.xml ════════", "〔脚注续页分隔线〕 分隔线里的字",
                         "〔脚注2〕 第一段", "第二段"]


def test_a_paragraph_of_millions_of_tags_is_refused_within_a_memory_cap(tmp_path):
    # 12 MB of <w:r/> in one paragraph: 2 million elements, 260 MB once parsed
    body = f"<w:document xmlns:w='{W}'><w:body><w:p>".encode() + b"<w:r/>" * 2_000_000 + b"</w:p></w:body></w:document>"
    path = raw_zip(tmp_path / "tags.docx", [honest("word/document.xml", body)])
    assert path.stat().st_size < 1 << 20
    done = capped(path, 384)
    refused(done, f"tags.docx: {REFUSED}word/document.xml 里有一个段落或表格超过 100 万个 XML 标签，超过上限")
    assert len(done.stderr.splitlines()) == 1


def test_the_parts_together_are_bounded(tmp_path):
    # each footer honest and under the limit of a part, 300 MB of them together
    footer = b"<w:ftr xmlns:w='" + W.encode() + b"'/>" + b" " * (100 << 20)
    rels = ("<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>" +
            "".join(f"<Relationship Id='r{i}' Type='http://schemas.openxmlformats.org/officeDocument/2006/"
                    f"relationships/footer' Target='footer{i}.xml'/>" for i in range(3)) + "</Relationships>")
    entries = [honest("word/document.xml", BODY), honest("word/_rels/document.xml.rels", rels.encode())]
    entries += [honest(f"word/footer{i}.xml", footer) for i in range(3)]
    done = capped(raw_zip(tmp_path / "many.docx", entries))
    refused(done, f"many.docx: {REFUSED}各部分解压后合计超过上限 256 MB")


# Elements in any order and nesting, valid or not: each text in a text element shows once,
# unless it is inside properties (which Word never shows).
VOCABULARY = ["w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc", "w:tcPr", "w:vMerge", "w:sdt", "w:sdtContent", "w:sdtPr",
              "w:customXml", "w:ins", "w:del", "w:moveFrom", "w:delText", "w:hyperlink", "w:fldSimple", "w:fldChar",
              "w:instrText", "w:br", "w:tab", "w:drawing", "w:pict", "w:object", "w:txbxContent", "w:ruby", "w:rt",
              "w:rubyBase", "w:pPr", "w:sectPr", "w:footnoteReference", "m:oMath", "m:t", "x:unknown", "w:smartTag",
              "w:rPr", "mc:AlternateContent", "mc:Choice", "mc:Fallback", "w:altChunk"]
ATTRIBUTES = ['w:fldCharType="begin"', 'w:fldCharType="separate"', 'w:fldCharType="end"', 'w:instr="PAGE"',
              'w:val="continue"', 'Requires="wps"', 'Requires="x"']
PROPERTIES = {f"{{{W}}}{name}" for name in ("pPr", "rPr", "tcPr", "sectPr", "sdtPr")}
TEXT_ELEMENTS = (f"{{{W}}}t", f"{{{W}}}delText", "{http://schemas.openxmlformats.org/officeDocument/2006/math}t")


def random_tree(chance, count, depth=0) -> str:
    if depth > 6 or chance.random() < 0.25:
        return f"甲{next(count)}乙"
    tag, attributes = chance.choice(VOCABULARY), " ".join(chance.sample(ATTRIBUTES, chance.randint(0, 1)))
    return f"<{tag} {attributes}>" + "".join(random_tree(chance, count, depth + 1)
                                             for _ in range(chance.randint(0, 4))) + f"</{tag}>"


def test_text_shows_once_however_the_elements_around_it_are_nested(tmp_path):
    import itertools
    import random

    from lxml import etree

    from perfreport.document.dump import dump_bytes
    chance, count = random.Random(20), itertools.count()
    for case in range(300):
        xml = (f"<w:document {NAMESPACES}><w:body>" +
               "".join(random_tree(chance, count) for _ in range(chance.randint(1, 4))) + "</w:body></w:document>")
        shown = [text for node in etree.fromstring(xml.encode()).iter(*TEXT_ELEMENTS)
                 if not any(a.tag in PROPERTIES or a.tag in TEXT_ELEMENTS for a in node.iterancestors())
                 for text in re.findall(r"甲\d+乙", "".join(node.itertext()))]
        path = tmp_path / f"{case}.docx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", xml)
        dump = dump_bytes(path.read_bytes())
        assert [text for text in shown if dump.count(text) != 1] == [], xml
