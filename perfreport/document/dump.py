"""`render.py dump FILE.docx`: a report as structured text, for reading diffs in git.

Registered as git's textconv for *.docx (`make git-setup`), so `git diff` and `git log -p`
show which sentence, figure or table row changed. The text follows the body in order:
headings marked # to #####, paragraphs as they read, one table row per line with its cells
separated by │ (a merged cell shown once; ↑ where a cell continues the one above), and a
line at each page break and each change of section (orientation). After the body come the
headers, footers, footnotes, endnotes and comments, each under a line naming it.

The file is someone else's commit, so a diff must not be able to hide text from the reviewer:
every element is walked, and one this module does not know is shown for the text it holds,
never dropped. Only what is known to hold no text is skipped (properties, bookmarks, field
codes). What cannot be shown as text (an embedded file, a picture) is named in its place.
The body is parsed a paragraph or table at a time (docx_read.Package.top_level), so a large
report is never held whole.
"""
from __future__ import annotations

import re
from pathlib import Path

from perfreport.document.docx_read import DOCUMENT, Package, _refused, read_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
VML = "urn:schemas-microsoft-com:vml"

# heading style -> marker: Word's built-in heading 1–4 (templates/build.py), and the custom
# names of reports made before them, so that `git log -p` reads old commits the same way
MARKS = {"公文标题": "#", "heading 1": "##", "heading 2": "###", "heading 3": "####", "heading 4": "#####",
         "一级标题": "##", "二级标题": "###", "三级标题": "####", "四级标题": "#####"}
PAGE_BREAK = "──────── 分页 ────────"
TEXT_BOX = "〔文本框〕 "

# the parts shown after the body, in this order, each under "════════ 页脚：word/footer1.xml ════════"
STORIES = {"header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注", "comments": "批注"}
NOTE_TYPES = {"separator": "分隔线", "continuationSeparator": "续页分隔线", "continuationNotice": "续页提示"}

# Fields Word works out anew on every page: their last result is whatever page Word last
# laid out, so showing it would make a diff of noise. Shown by name instead, with the result
# too when it is anything but a page number (so no text can hide in one).
PAGE_FIELDS = {"PAGE": "页码", "NUMPAGES": "总页数", "SECTIONPAGES": "本节页数"}
PAGE_NUMBER = re.compile(r"[\s\d０-９ivxlcdmIVXLCDM一二三四五六七八九十百千零〇—–-]*")

# Namespaces of the mc:Choice branches Word 2010 and later take (wps: text boxes and shapes).
KNOWN = {"http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
         "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
         "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
         "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
         "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
         "http://schemas.microsoft.com/office/word/2010/wordml",
         "http://schemas.microsoft.com/office/word/2012/wordml",
         "http://schemas.microsoft.com/office/drawing/2010/main",
         "http://schemas.microsoft.com/office/drawing/2014/chartex",
         "http://schemas.microsoft.com/office/drawing/2016/ink",
         "http://schemas.microsoft.com/office/drawing/2017/model3d",
         MATH}

# control characters (a line feed inside w:t) would break a line of the dump, or forge one
LINE_SAFE = {code: " " for code in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029) if code != 0x09}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


P, RUN, T, TBL, TR, TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
PPR, RPR, SECT_PR, TC_PR = _w("pPr"), _w("rPr"), _w("sectPr"), _w("tcPr")
STYLE_PATH, BREAK_BEFORE_PATH, VMERGE = f"{PPR}/{_w('pStyle')}", f"{PPR}/{_w('pageBreakBefore')}", _w("vMerge")
VAL = _w("val")
ALTERNATE, CHOICE, FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
TEXTS = {T, _w("delText"), f"{{{MATH}}}t", f"{{{DRAWING}}}t"}
# elements known to hold no text Word shows: skipped without a look inside
SKIP = {PPR, RPR, _w("sdtPr"), _w("sdtEndPr"), _w("tblPr"), _w("trPr"), TC_PR, _w("tblGrid"),
        _w("tblPrEx"), SECT_PR, _w("fldData"), _w("rubyPr"), _w("delInstrText"), _w("bookmarkStart"),
        _w("bookmarkEnd"), _w("proofErr"), _w("lastRenderedPageBreak"), _w("commentRangeStart"),
        _w("commentRangeEnd"), _w("permStart"), _w("permEnd"), _w("footnoteRef"), _w("endnoteRef"),
        _w("annotationRef"), _w("separator"), _w("continuationSeparator"), _w("softHyphen"),
        f"{{{MATH}}}rPr", f"{{{MATH}}}ctrlPr"}
REFERENCES = {_w("footnoteReference"): "脚注", _w("endnoteReference"): "尾注", _w("commentReference"): "批注"}
# handled elements that hold nothing in a file Word opens
LEAVES = {_w(name) for name in ("tab", "ptab", "br", "cr", "noBreakHyphen", "sym", "fldChar", "instrText",
                                "footnoteReference", "endnoteReference", "commentReference", "altChunk", "subDoc")}
LEAVES.add(f"{{{VML}}}textpath")
ROOTS = (_w("body"), _w("hdr"), _w("ftr"))
NOTES = (_w("footnote"), _w("endnote"), _w("comment"))


class Styles:
    """Style id -> name, and which paragraph styles start a new page."""

    def __init__(self, package: Package | None = None):
        self.names: dict[str, str] = {}
        self.break_before: set[str] = set()
        if package is None:
            return
        for style in package.elements("word/styles.xml", _w("style")):
            style_id = style.get(_w("styleId"))
            name = style.find(_w("name"))
            self.names[style_id] = name.get(_w("val")) if name is not None else style_id
            if style.find(BREAK_BEFORE_PATH) is not None:
                self.break_before.add(style_id)


def _orientation(sect_pr) -> str:
    size = sect_pr.find(_w("pgSz")) if sect_pr is not None else None
    if size is None:
        return "纵向"
    if size.get(_w("orient")) == "landscape":
        return "横向"
    try:
        return "横向" if int(size.get(_w("w"), 0)) > int(size.get(_w("h"), 0)) else "纵向"
    except ValueError:              # a size that is not a number: no orientation to tell
        return "纵向"


def _section_line(number: int, sect_pr) -> str:
    return f"════════ 第 {number} 节：{_orientation(sect_pr)} ════════"


def _plain_text(element) -> str:
    return "".join("".join(node.itertext()) for node in element.iter(*TEXTS))


def _not_branches(alternate) -> list:
    """What an mc:AlternateContent holds besides its branches, where nothing else belongs."""
    return [child for child in alternate if child.tag not in (CHOICE, FALLBACK)]


class _Dumper:
    """Walks one part at a time; the state of the line being gathered lives here."""

    def __init__(self, package: Package, styles: Styles):
        self.package = package
        self.styles = styles
        self.relations: dict[str, tuple[str, str]] = {}
        self.parts: list[str] = []          # the text of the line being gathered
        self.fields: list[list] = []        # complex fields open in it: [code, result starts at]
        self.boxes: list = []               # text boxes anchored in it, shown after it
        self.page_after = False
        self.section, self.pending, self.last_section = 1, None, None     # the body's sections
        self.handlers = {
            _w("tab"): self.tab, _w("ptab"): self.tab, _w("br"): self.line_break, _w("cr"): self.space,
            _w("noBreakHyphen"): self.hyphen, _w("sym"): self.symbol,
            _w("fldChar"): self.field_char, _w("instrText"): self.field_code, _w("fldSimple"): self.simple_field,
            _w("del"): self.deleted, _w("moveFrom"): self.deleted,
            _w("footnoteReference"): self.reference, _w("endnoteReference"): self.reference,
            _w("commentReference"): self.reference,
            _w("drawing"): self.drawing, _w("pict"): self.drawing, _w("object"): self.drawing,
            _w("txbxContent"): self.boxes_append, ALTERNATE: self.alternate, _w("ruby"): self.ruby,
            _w("altChunk"): self.embedded_file, _w("subDoc"): self.embedded_file,
            f"{{{VML}}}textpath": self.text_path,
        }

    def use(self, part: str) -> None:
        self.relations = {rid: (kind, target) for rid, kind, target, _ in self.package.relationships(part)}

    # ---------------------------------------------------------------- blocks

    def blocks(self, parent, out: list[str], plain: bool) -> None:
        """Paragraphs, tables and whatever holds them. `plain`: in a table cell, a text box,
        a header or a note, where headings are not marked and pages do not break."""
        for child in parent:
            tag = child.tag
            if tag == P:
                self.paragraph(child, out, plain)
            elif tag == TBL:
                self.table(child, out)
            elif tag == SECT_PR:
                if not plain:
                    self.section_ends(child, out)
            elif tag in SKIP or not isinstance(tag, str):       # properties; comments and PIs
                continue
            elif tag == ALTERNATE:
                for branch in self.branches(child):
                    self.blocks(branch, out, plain)
                self.blocks(_not_branches(child), out, plain)
            elif tag == _w("altChunk"):
                out.append(self.embedded_message(child))
                self.blocks(child, out, plain)      # holds nothing in a file Word opens
            elif tag in TEXTS:
                self.loose(child, out)              # all of it, whatever it holds
            elif next(child.iter(P, TBL), None) is not None:
                self.blocks(child, out, plain)   # w:sdt, w:customXml, or one we do not know, around paragraphs
            else:
                self.loose(child, out)

    def paragraph(self, p, out: list[str], plain: bool) -> None:
        if plain:
            text, boxes, _ = self.gather(p)
            if text:
                out.append(text)
            self.show_boxes(boxes, out)
            return
        style_id = p.find(STYLE_PATH)
        style_id = style_id.get(_w("val")) if style_id is not None else ""
        if p.find(BREAK_BEFORE_PATH) is not None or style_id in self.styles.break_before:
            self.page_break(out)
        text, boxes, page_after = self.gather(p)
        if text:
            mark = MARKS.get(self.styles.names.get(style_id, style_id))
            out.append(f"{mark} {text}" if mark else text)
        self.show_boxes(boxes, out)
        if page_after:
            self.page_break(out)
        sect_pr = p.find(f"{PPR}/{SECT_PR}")
        if sect_pr is not None:
            self.section_ends(sect_pr, out)
            self.section += 1
            self.pending = len(out)
            out.append(_section_line(self.section, None))

    def loose(self, element, out: list[str]) -> None:
        """Text outside any paragraph (a run straight in the body): a line of its own."""
        text, boxes, _ = self.gather((element,))
        if text:
            out.append(text)
        self.show_boxes(boxes, out)

    def show_boxes(self, boxes: list, out: list[str]) -> None:
        for box in boxes:
            lines: list[str] = []
            self.blocks(box, lines, plain=True)
            out.extend(TEXT_BOX + line for line in lines)

    def gather(self, elements) -> tuple[str, list, bool]:
        """The text of inline content, the text boxes anchored in it, and whether it breaks
        the page. Lines are never gathered within one another: inline content holds no
        paragraph this walk looks at, and text boxes are shown once their line is done."""
        self.parts, self.fields, self.boxes, self.page_after = [], [], [], False
        self.content(elements)              # a field left open: its result shows as it is
        return "".join(self.parts).translate(LINE_SAFE).strip(), self.boxes, self.page_after

    # ---------------------------------------------------------------- tables

    def table(self, tbl, out: list[str]) -> None:
        for row in self.rows(tbl):
            if row.tag == TR:
                out.append("│ " + " │ ".join(self.cell(cell) for cell in self.cells(row)) + " │")
            else:
                self.blocks((row,), out, plain=True)

    def rows(self, parent):
        """The rows of a table, those in content controls (w:sdt) or custom XML included;
        anything else in it that holds text comes as it is."""
        yield from self._within(parent, TR)

    def cells(self, row):
        yield from self._within(row, TC)

    def _within(self, parent, wanted: str):
        for child in parent:
            tag = child.tag
            if tag == wanted:
                yield child
            elif tag in SKIP or not isinstance(tag, str):
                continue
            elif tag == ALTERNATE:
                for branch in self.branches(child):
                    yield from self._within(branch, wanted)
                yield from self._within(_not_branches(child), wanted)
            elif tag not in TEXTS and next(child.iter(wanted), None) is not None:
                yield from self._within(child, wanted)
            else:
                yield child

    def cell(self, tc) -> str:
        lines: list[str] = []
        if tc.tag != TC:                    # text in a row outside any cell: a cell of its own
            self.blocks((tc,), lines, plain=True)
            return " / ".join(lines).replace("│", "|")
        continues = False
        content = []
        for child in tc:                    # one pass: the properties (a merge), then the content
            if child.tag == TC_PR:
                for merge in child.iterchildren(VMERGE):
                    continues = merge.get(VAL) in (None, "continue")
            else:
                content.append(child)
        self.blocks(content, lines, plain=True)
        text = " / ".join(lines).replace("│", "|")
        if continues:
            return f"↑ {text}" if text else "↑"           # a continued cell's own text still shows
        return text

    # ---------------------------------------------------------------- inline content

    def content(self, parent) -> None:
        parts = self.parts                  # only gather() puts another list in its place
        for child in parent:
            tag = child.tag
            if tag == RUN:
                for node in child:          # the common run, a w:t after its properties, without a call
                    if node.tag == T and not len(node):
                        parts.append(node.text or "")
                    elif node.tag != RPR:
                        self.content((node,))
            elif tag in TEXTS:
                # a text holding elements (which Word would not open) shows all it holds
                parts.append("".join(child.itertext()) if len(child) else child.text or "")
            elif tag in SKIP:
                continue
            else:
                handler = self.handlers.get(tag)
                if handler is not None:
                    handler(child)
                    if tag in LEAVES and len(child):     # more inside than the schema allows: shown too
                        self.content(child)
                elif isinstance(tag, str):
                    self.content(child)      # hyperlink, smartTag, ins, sdt, or unknown: the text it holds

    def tab(self, element) -> None:
        self.parts.append("\t")

    def space(self, element) -> None:
        self.parts.append(" ")

    def hyphen(self, element) -> None:
        self.parts.append("-")

    def line_break(self, element) -> None:
        kind = element.get(_w("type"))
        if kind == "page":
            self.page_after = True
        elif kind in (None, "textWrapping"):
            self.parts.append(" ")

    def symbol(self, element) -> None:
        try:
            code = int(element.get(_w("char")) or "", 16)
        except ValueError:
            code = 0
        # a symbol font's character lies in the private use area: named rather than printed
        # (and a surrogate could not be printed at all)
        self.parts.append(chr(code) if 0x20 <= code < 0xD800 or 0xF900 <= code < 0xFFFE else "〔符号〕")

    def field_char(self, element) -> None:
        kind = element.get(_w("fldCharType"))
        if kind == "begin":
            self.fields.append([[], None])
        elif not self.fields:
            return
        elif kind == "separate":
            self.fields[-1][1] = len(self.parts)
        elif kind == "end":
            code, start = self.fields.pop()
            self.page_field("".join(code), start)

    def field_code(self, element) -> None:
        if self.fields and self.fields[-1][1] is None:
            self.fields[-1][0].append(element.text or "")

    def simple_field(self, element) -> None:
        start = len(self.parts)
        self.content(element)
        self.page_field(element.get(_w("instr")) or "", start)

    def page_field(self, code: str, start: int | None) -> None:
        """A page-number field's result replaced by its name; any other field's result is
        what Word shows, and stays."""
        words = code.split()
        name = PAGE_FIELDS.get(words[0].upper()) if words else None
        if name is None:
            return
        start = len(self.parts) if start is None or start > len(self.parts) else start
        result = "".join(self.parts[start:]).strip()
        del self.parts[start:]
        self.parts.append(f"〔{name}〕" if PAGE_NUMBER.fullmatch(result) else f"〔{name}：{result}〕")

    def deleted(self, element) -> None:
        """Tracked deletions: Word shows them struck through; here marked, never dropped."""
        start = len(self.parts)
        self.content(element)
        text = "".join(self.parts[start:])
        del self.parts[start:]
        if text.strip():
            self.parts.append(f"〔{'删除' if element.tag == _w('del') else '移走'}：{text}〕")

    def reference(self, element) -> None:
        self.parts.append(f"〔{REFERENCES[element.tag]}{element.get(_w('id'), '')}〕".translate(LINE_SAFE))

    def drawing(self, element) -> None:
        """A picture, shape, chart or embedded object: the text of its text boxes and shapes,
        and the files it shows, named."""
        for name in self.embedded(element):
            self.parts.append(f"（此处嵌入了另一个文件 {name}，无法显示）")
        self.content(element)

    def embedded(self, element) -> list[str]:
        """The parts an object shows (r:embed, r:id, r:link), links left out; once each, as
        both branches of an mc:AlternateContent name the same picture."""
        found: list[str] = []
        for node in element:
            # a text box's own pictures are named where its paragraphs are shown
            if not isinstance(node.tag, str) or node.tag == _w("txbxContent"):
                continue
            for attribute, value in node.attrib.items():
                if attribute.startswith(f"{{{R}}}"):
                    kind, target = self.relations.get(value, ("", ""))
                    if target and kind != "hyperlink" and target not in found:
                        found.append(target)
            found.extend(name for name in self.embedded(node) if name not in found)
        return found

    def embedded_file(self, element) -> None:
        self.parts.append(self.embedded_message(element))

    def embedded_message(self, element) -> str:
        _, target = self.relations.get(element.get(f"{{{R}}}id") or "", ("", ""))
        target = target.translate(LINE_SAFE)
        return f"（此处嵌入了另一个文件 {target}，无法显示）" if target else "（此处嵌入了另一个文件，无法显示）"

    def boxes_append(self, element) -> None:
        self.boxes.append(element)

    def text_path(self, element) -> None:
        self.parts.append(element.get("string") or "")        # VML WordArt: the text is an attribute

    def ruby(self, element) -> None:
        """Text with its guide (pinyin) above: the text, then the guide in brackets."""
        guides = []
        for child in element:
            if child.tag == _w("rt"):
                guides.append(child)
            else:
                self.content((child,))
        for guide in guides:
            start = len(self.parts)
            self.content(guide)
            text = "".join(self.parts[start:])
            del self.parts[start:]
            self.parts.append(f"（{text}）" if text else "")

    def alternate(self, element) -> None:
        for branch in self.branches(element):
            self.content(branch)
        self.content(_not_branches(element))

    def branches(self, element) -> list:
        """mc:AlternateContent: the branch Word takes (the first Choice whose namespaces it
        knows, else the Fallback), and any other whose text differs from it. Word writes the
        same text box twice, as a wps shape and as VML: shown once; a file that makes them
        differ shows both, so no text hides in the branch an older Word would take."""
        choices = [child for child in element if child.tag in (CHOICE, FALLBACK)]
        taken = next((choice for choice in choices if choice.tag == CHOICE and
                      all(choice.nsmap.get(prefix) in KNOWN for prefix in (choice.get("Requires") or "").split())),
                     next((choice for choice in choices if choice.tag == FALLBACK), None))
        if taken is None:                   # nothing Word would take: shown all the same
            if not choices:
                return []
            taken = choices[0]
        text = _plain_text(taken)
        return [taken] + [other for other in choices if other is not taken and _plain_text(other) not in ("", text)]

    # ---------------------------------------------------------------- the body's pages and sections

    def page_break(self, out: list[str]) -> None:
        # a new section already starts a new page
        if out and out[-1] != PAGE_BREAK and not out[-1].startswith("════"):
            out.append(PAGE_BREAK)

    def section_ends(self, sect_pr, out: list[str]) -> None:
        """A section's properties come at its end: they tell the orientation of the line that
        opened it."""
        self.last_section = sect_pr
        if self.pending is not None:
            out[self.pending] = _section_line(self.section, sect_pr)
            self.pending = None

    def body(self, out: list[str]) -> None:
        self.use(DOCUMENT)
        self.pending = len(out)             # told by the first section's properties, at its end
        out.append(_section_line(1, None))
        seen = False
        for container, child in self.package.top_level(DOCUMENT, (_w("body"),), (P, TBL)):
            seen = True
            if child is not None:
                self.blocks((child,), out, plain=False)
        if not seen:
            raise _refused(self.package.shown, "word/document.xml 里没有正文（w:body）")
        if self.pending is not None:        # no properties after the last section break
            out[self.pending] = _section_line(self.section, self.last_section)

    # ---------------------------------------------------------------- headers, footers, notes, comments

    def story(self, kind: str, name: str) -> list[str]:
        self.use(name)
        out: list[str] = []
        note: list[str] = []
        for container, child in self.package.top_level(name, ROOTS + NOTES, (P, TBL)):
            if container.tag in ROOTS:
                if child is not None:
                    self.blocks((child,), out, plain=True)
            elif child is not None:
                self.blocks((child,), note, plain=True)
            else:                           # a note or comment ends: its lines, labelled
                if note:
                    out.append(f"{self.note_label(container)} {note[0]}")
                    out.extend(note[1:])
                note = []
        return out

    @staticmethod
    def note_label(note) -> str:
        what = {"footnote": "脚注", "endnote": "尾注", "comment": "批注"}[note.tag.rsplit("}", 1)[1]]
        kind = note.get(_w("type"))
        if kind not in (None, "normal"):
            return f"〔{what}{NOTE_TYPES.get(kind, kind)}〕".translate(LINE_SAFE)
        author = note.get(_w("author"))
        return f"〔{what}{note.get(_w('id'), '')}{'，' + author if author else ''}〕".translate(LINE_SAFE)


def dump_bytes(data: bytes, shown: str = "<文档>") -> str:
    package = Package(data, shown)
    if DOCUMENT not in package:
        raise _refused(shown, f"缺少 {DOCUMENT}")
    dumper = _Dumper(package, Styles(package if "word/styles.xml" in package else None))
    lines: list[str] = []
    dumper.body(lines)
    related = package.related(*STORIES)
    for kind, name in sorted(related, key=lambda found: list(STORIES).index(found[0])):
        story = dumper.story(kind, name)
        if story:
            lines.append(f"════════ {STORIES[kind]}：{name} ════════")
            lines.extend(story)
    return "\n".join(lines) + "\n"


def dump(path: Path) -> str:
    return dump_bytes(read_file(Path(path), str(path)), str(path))
