"""`render.py dump FILE.docx`: a report as structured text, for reading diffs in git.

Registered as git's textconv for *.docx (`make git-setup`), so `git diff` and `git log -p`
show which sentence, figure or table row changed. The text follows the body in order:
headings marked # to #####, paragraphs as they read, one table row per line with its cells
separated by │ (a merged cell shown once; ↑ where a cell continues the one above), and a
line at each page break and each change of section (orientation).
"""
from __future__ import annotations

from pathlib import Path

from .docx_read import Package, _refused, read_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

# heading style -> marker: Word's built-in heading 1–4 (templates/build.py), and the custom
# names of reports made before them, so that `git log -p` reads old commits the same way
MARKS = {"公文标题": "#", "heading 1": "##", "heading 2": "###", "heading 3": "####", "heading 4": "#####",
         "一级标题": "##", "二级标题": "###", "三级标题": "####", "四级标题": "#####"}
PAGE_BREAK = "──────── 分页 ────────"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


class Styles:
    """Style id -> name, and which paragraph styles start a new page."""

    def __init__(self, root):
        self.names: dict[str, str] = {}
        self.break_before: set[str] = set()
        if root is None:
            return
        for style in root.iterfind("w:style", NS):
            style_id = style.get(_w("styleId"))
            name = style.find("w:name", NS)
            self.names[style_id] = name.get(_w("val")) if name is not None else style_id
            if style.find("w:pPr/w:pageBreakBefore", NS) is not None:
                self.break_before.add(style_id)


def _text(element) -> str:
    parts = []
    for node in element.iter(_w("t"), _w("tab"), _w("br")):
        if node.tag == _w("t"):
            parts.append(node.text or "")
        elif node.tag == _w("tab"):
            parts.append("\t")
        elif node.get(_w("type")) in (None, "textWrapping"):
            parts.append(" ")
    return "".join(parts)


def _orientation(sect_pr) -> str:
    size = sect_pr.find("w:pgSz", NS) if sect_pr is not None else None
    if size is None:
        return "纵向"
    if size.get(_w("orient")) == "landscape":
        return "横向"
    try:
        return "横向" if int(size.get(_w("w"), 0)) > int(size.get(_w("h"), 0)) else "纵向"
    except ValueError:              # a size that is not a number: no orientation to tell
        return "纵向"


def _cell_text(tc) -> str:
    paragraphs = [_text(p).strip() for p in tc.iterfind("w:p", NS)]
    return " / ".join(p for p in paragraphs if p).replace("│", "|")


def _table_lines(table) -> list[str]:
    lines = []
    for tr in table.iterfind("w:tr", NS):
        cells = []
        for tc in tr.iterfind("w:tc", NS):
            merge = tc.find("w:tcPr/w:vMerge", NS)
            continues = merge is not None and merge.get(_w("val")) in (None, "continue")
            cells.append("↑" if continues else _cell_text(tc))
        lines.append("│ " + " │ ".join(cells) + " │")
    return lines


class _Dumper:
    def __init__(self, styles: Styles, sections: list):
        self.styles = styles
        self.sections = sections        # every sectPr in body order; the last is the body's own
        self.section = 0
        self.lines: list[str] = [f"════════ 第 1 节：{_orientation(sections[0])} ════════"]

    def paragraph(self, p) -> None:
        style_id = p.find("w:pPr/w:pStyle", NS)
        style_id = style_id.get(_w("val")) if style_id is not None else ""
        style = self.styles.names.get(style_id, style_id)
        if p.find("w:pPr/w:pageBreakBefore", NS) is not None or style_id in self.styles.break_before:
            self.page_break()
        text = _text(p).strip()
        if text:
            mark = MARKS.get(style)
            self.lines.append(f"{mark} {text}" if mark else text)
        if p.find(".//w:br[@w:type='page']", NS) is not None:
            self.page_break()
        if p.find("w:pPr/w:sectPr", NS) is not None:
            self.section += 1
            following = self.sections[min(self.section, len(self.sections) - 1)]
            self.lines.append(f"════════ 第 {self.section + 1} 节：{_orientation(following)} ════════")

    def page_break(self) -> None:
        # a new section already starts a new page
        if self.lines and self.lines[-1] != PAGE_BREAK and not self.lines[-1].startswith("════"):
            self.lines.append(PAGE_BREAK)


def _blocks(parent):
    """The body's paragraphs and tables in order, those inside content controls (w:sdt)
    included: Word shows their text, so the diff must too."""
    for element in parent:
        if element.tag == _w("sdt"):
            content = element.find("w:sdtContent", NS)
            if content is not None:
                yield from _blocks(content)
        elif element.tag in (_w("p"), _w("tbl")):
            yield element


def dump_bytes(data: bytes, shown: str = "<文档>") -> str:
    package = Package(data, shown)
    body = package.xml("word/document.xml").find("w:body", NS)
    if body is None:
        raise _refused(shown, "word/document.xml 里没有正文（w:body）")
    styles = Styles(package.xml("word/styles.xml") if "word/styles.xml" in package else None)
    sections = body.findall(".//w:p/w:pPr/w:sectPr", NS) + body.findall("w:sectPr", NS)
    dumper = _Dumper(styles, sections or [None])
    for element in _blocks(body):
        if element.tag == _w("p"):
            dumper.paragraph(element)
        else:
            dumper.lines.extend(_table_lines(element))
    return "\n".join(dumper.lines) + "\n"


def dump(path: Path) -> str:
    return dump_bytes(read_file(Path(path), str(path)), str(path))
