"""A report received as a PDF (as Word, WPS or LibreOffice export one, the seal and all) as the
same blocks a Word report gives: the text of its pages joined back into paragraphs (a paragraph
opens at its first-line indent and ends on a short line), its tables found by their ruling lines
(pdfplumber, on pdfminer.six) and made into grids whose merges come from the cells' own edges.
A scanned PDF has no text to read, and is refused with a message saying so.

pdfplumber is used because a text PDF's tables exist only as drawn lines around placed
characters: it finds the cells from the lines, on any platform, with no program to install (the
poppler tools give the words but not the cells). Like every file from others, it is read in a
process of its own with a time limit (foreign/child.py), bounded in size and pages.
"""
from __future__ import annotations

import re
from pathlib import Path

from perfreport.foreign.docx_source import Block, Para, Table
from perfreport.foreign.grid import Cell, Grid
from perfreport.foreign.sections import typed_level
from perfreport.shared.errors import ReportError
from perfreport.shared.findings import ERROR, Finding

MAX_PAGES = 500
PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(共\s*\d+\s*页)?$")
CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")
# what sets a heading apart in a PDF: a bold face, or 黑体 / 楷体 (GB/T 9704 sets 一级 in 黑体 and 二级 in
# 楷体 where the body is 仿宋)
BOLD = re.compile(r"bold|heavy|black|黑体|heiti|simhei|楷体|kaiti|kai|stkaiti", re.I)


def _refused(shown: str, why: str) -> ReportError:
    return ReportError([Finding(ERROR, f"不是能读的 PDF：{why}", file=shown)])


def pdf_blocks(data: bytes, shown: str) -> list[Block]:
    """The blocks of a PDF's bytes (read in a child process: foreign/child.py)."""
    if not data.startswith(b"%PDF-"):
        raise _refused(shown, "文件开头不是 %PDF-，不是 PDF 格式")
    try:
        return blocks_of(data)
    except ReportError as refused:
        raise _refused(shown, refused.findings[0].message.split("：", 1)[-1]) from None
    except Exception as exc:        # whatever pdfminer raises on a damaged file: one message
        raise _refused(shown, f"无法解析（{type(exc).__name__}），文件可能已损坏") from None


def blocks_of(data: bytes) -> list[Block]:
    import io

    import pdfplumber
    out: list[Block] = []
    tables = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise _refused("", f"有 {len(pdf.pages)} 页，超过上限 {MAX_PAGES} 页")
        if pdf.pages and not any(page.chars for page in pdf.pages):
            raise _refused("", "这是扫描件（只有图片，没有文字），读不出内容；请要原始的 Word 文件，或请单位重新导出")
        for number, page in enumerate(pdf.pages, start=1):
            found = page.find_tables()
            boxes = [t.bbox for t in found]
            items: list[tuple[float, Block]] = []
            for t in found:
                tables += 1
                table = Table(_grid([(t, page.chars, 0.0)], f"第{number}页的表格"), tables)
                table._parts = [(t, page.chars, 0.0)]
                items.append((t.bbox[1], table))
            for top, para in _paragraphs(page, boxes, number):
                items.append((top, para))
            items.sort(key=lambda item: item[0])
            for i, (_, block) in enumerate(items):
                last = out[-1] if out else None
                if i == 0 and isinstance(block, Table) and isinstance(last, Table) and _continues(last, block):
                    # one grid of both parts, the second below the first: their columns need not be
                    # the same (seed 003's form: 8 columns for its head on one page, 9 on the next)
                    t, chars, _ = block._parts[0]
                    bottom = max(part[0].bbox[3] + part[2] for part in last._parts)
                    last._parts.append((t, chars, bottom - t.bbox[1]))
                    last.grid = _grid(last._parts, last.grid.where)
                    tables -= 1
                    continue
                if (i == 0 and isinstance(block, Para) and isinstance(last, Para) and last.runs_on
                        and not block.opens_indented and last.page == number - 1):
                    last.text += block.text         # a paragraph the page broke: one paragraph again
                    last.runs_on = block.runs_on
                    last.page = number
                    continue
                out.append(block)
    for block in out:
        if isinstance(block, Table):
            del block._parts        # pdfplumber's objects: not sent back from the child process
    for i, block in enumerate(b for b in out if isinstance(b, Para)):
        block.number = i + 1
    return out


def _continues(before: Table, after: Table) -> bool:
    """A table broken by a page: the next page's table is the first thing on its page, as wide
    and where the one before stood across the page, and does not open with a form's own first row."""
    first = " ".join(c.text for c in after.grid.distinct(0)) if after.grid.rows else ""
    (t0, _, _), (t1, _, _) = before._parts[-1], after._parts[0]
    return (abs(t0.bbox[0] - t1.bbox[0]) < 2 and abs(t0.bbox[2] - t1.bbox[2]) < 2
            and t0.page.page_number != t1.page.page_number
            and not re.search("预算单位名称|项目支出名称|经费控制情况", first))


def _grid(parts: list, where: str) -> Grid:
    """The table's cells from their edges: every distinct left or right edge a column line, every
    top or bottom a row line, so a cell spanning several is a merged cell. `parts`: (table of
    pdfplumber, its page's characters, how far down it goes) for each page a table runs over."""
    cells: list[list[float]] = []
    chars: list[dict] = []          # inside the table, each page's placed below the one before
    for k, (table, page_chars, dy) in enumerate(parts):
        x0, top, x1, bottom = table.bbox
        boxes = [[c[0], c[1] + dy, c[2], c[3] + dy] for c in table.cells if c]
        inside = [ch if not dy else {**ch, "top": ch["top"] + dy, "bottom": ch["bottom"] + dy}
                  for ch in page_chars if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1
                  and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom]
        if k:
            boxes = _row_rejoined(cells, chars, boxes, inside, top + dy)
        cells += boxes
        chars += inside
    xs = _lines([c[0] for c in cells] + [c[2] for c in cells])
    ys = _lines([c[1] for c in cells] + [c[3] for c in cells])
    width, height = len(xs) - 1, len(ys) - 1
    grid = Grid(where=where)
    if width < 1 or height < 1:
        return grid
    matrix: list[list[Cell | None]] = [[None] * width for _ in range(height)]
    texts: dict[int, list] = {}
    placed = []
    for box in cells:
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        if c1 <= c0 or r1 <= r0:
            continue
        cell = Cell("", r0, c0, rowspan=r1 - r0, colspan=c1 - c0)
        placed.append((box, cell))
        for r in range(r0, r1):
            for c in range(c0, c1):
                matrix[r][c] = cell
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for box, cell in placed:
            if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
                texts.setdefault(id(cell), []).append(ch)
                break
    for box, cell in placed:
        cell.text = _text_of(texts.get(id(cell), []))
    for r in range(height):
        grid.rows.append([matrix[r][c] or Cell("", r, c) for c in range(width)])
    return grid


def _row_rejoined(above: list[list[float]], above_chars: list[dict], boxes: list[list[float]], chars: list[dict],
                  top: float) -> list:
    """A row the page broke (Word and LibreOffice let a row run over a page): the next page's
    first row holds only the rest of one cell's words (seed 004's “1、行政审批 / 事项当天办结率”),
    and cell for cell under the last row of the page before. That row is made one again: each
    cell of the row above reaches down over the one under it. Otherwise the boxes are unchanged."""
    def holds(box, among) -> bool:
        return any(box[0] <= (ch["x0"] + ch["x1"]) / 2 <= box[2] and box[1] <= (ch["top"] + ch["bottom"]) / 2 <= box[3]
                   for ch in among)

    first = [b for b in boxes if abs(b[1] - top) < 2]
    end = max((b[3] for b in above), default=None)
    last = [b for b in above if end is not None and abs(b[3] - end) < 2]
    pairs = [(b, next((a for a in last if abs(a[0] - b[0]) < 2 and abs(a[2] - b[2]) < 2), None)) for b in first]
    written = [(b, a) for b, a in pairs if holds(b, chars)]
    if not first or any(a is None for _, a in pairs) or len(written) != 1 or not holds(written[0][1], above_chars):
        return boxes
    for b, a in pairs:
        a[3] = b[3]
    return [b for b in boxes if not any(b is f for f in first)]


def _lines(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 1.5:
            out.append(v)
    return out


def _index(lines: list[float], value: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - value))


def _lines_of(chars: list) -> list[list]:
    """Characters grouped into lines (by their tops, half a character apart at most), top to
    bottom, each line's characters left to right."""
    lines: list[list] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) < ch["size"] * 0.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _text_of(chars: list) -> str:
    """A cell's characters as its lines."""
    return "\n".join(_joined(line) for line in _lines_of(chars))


def _joined(chars: list) -> str:
    """A line's characters as typed: its space characters are the unit's own (none is guessed
    from the gaps, which LibreOffice and Word leave between CJK and digits)."""
    return "".join(ch["text"] for ch in chars).strip()


ENDS_SENTENCE = set("。！？!?；;：:”）)")


def _paragraphs(page, boxes: list, number: int) -> list[tuple[float, Para]]:
    """The page's text outside its tables, its lines joined into paragraphs."""
    def outside(ch) -> bool:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    lines = [l for l in _lines_of([ch for ch in page.chars if outside(ch)])
             if _joined(l) and not PAGE_NUMBER.match(_joined(l))]
    if not lines:
        return []
    left = min(l[0]["x0"] for l in lines)
    right = max(l[-1]["x1"] for l in lines)
    out: list[tuple[float, Para]] = []
    current: list[list] = []

    def close():
        if current:
            text = "".join(_joined(l) for l in current)
            flat = [ch for l in current for ch in l]
            bold = [bool(BOLD.search(ch.get("fontname", ""))) for ch in flat]
            lead = ""
            for ch, b in zip(flat, bold):
                if not b:
                    break
                lead += ch["text"]
            sizes = [ch["size"] for ch in flat]
            para = Para(text, 0, bold=all(bold), bold_lead=lead.strip(), size=max(sizes) if sizes else None)
            para.page = number
            para.opens_indented = current[0][0]["x0"] - left > current[0][0]["size"] * 1.2
            para.runs_on = current[-1][-1]["x1"] >= right - current[-1][-1]["size"] * 1.5
            out.append((current[0][0]["top"], para))
            current.clear()

    def bold(ch) -> bool:
        return bool(BOLD.search(ch.get("fontname", "")))

    for line in lines:
        size = line[0]["size"]
        indented = line[0]["x0"] - left > size * 1.2
        if current and (indented or abs(line[0]["size"] - current[-1][0]["size"]) > 1):
            close()
        elif current and (current[-1][-1]["x1"] < right - size * 1.5 and bold(line[0]) != bold(current[-1][-1])
                          or typed_level(_joined(line)) and line[-1]["x1"] < right - size * 1.5):
            close()         # a heading after it: bold after a line a little short, or numbered and short
        current.append(line)
        end = line[-1]["x1"]
        # a short line ends its paragraph; but not one a few characters short, ending inside a
        # sentence: a figure too long for the line's end went over to the next (“项目支出 / 212.58万元”),
        # and the next line, not indented, goes on with it
        if end < right - size * 1.5 and not (end >= right - size * 4 and line[-1]["text"] not in ENDS_SENTENCE):
            close()
    close()
    return out

