"""A small SpreadsheetML (.xlsx) writer that takes rows as they come.

The bureau's summary of a province is tens of thousands of rows. openpyxl holds every cell as
an object until it saves (about 11 µs a cell, and memory that grows with the rows); here each
row is written as XML the moment it is appended, into a temporary file that stays in memory
while small, and the package is put together from those files at the end. What it writes is
what the summary needs and no more: text, numbers, formulas, a handful of fixed styles,
column widths, a frozen header row, an autofilter, and the print setup (A4 landscape, one
page wide, the header row on every page, a title above and page numbers below).

Text goes to the shared-strings part, as Excel writes it (inline strings Excel would move
there at the first save, rewriting the file): each string is given the next number as it
comes and written out at once, so no table of strings grows in memory; a string that comes
twice is there twice, which the format allows.

The same rows give the same bytes: no clock, fixed zip entries (docx_zip.py)."""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO, Iterable, Iterator
from xml.sax.saxutils import escape

from perfreport.document.docx_zip import package_into

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Excel's own limits: longer text is cut (Excel would "repair" the file and drop it), and a
# sheet holds so many rows (the last one says how many were left out)
MAX_TEXT = 32767
MAX_ROWS = 1048576

# A cell that begins with one of these is a formula to Excel and WPS (=HYPERLINK(…), @SUM…,
# cmd|' /C calc'!A0); text is written as text, and shown with Excel's quote prefix
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# characters XML 1.0 cannot hold at all: shown as <U+XXXX>, as findings.visible does
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# The styles, each an entry of cellXfs in styles.xml (and again with the quote prefix):
# (number format id, bold, wrapped, centred). 2 and 10 are Excel's built-in 0.00 and 0.00%.
STYLES = {
    "": (0, False, False, False),
    "header": (0, True, True, True),
    "wrap": (0, False, True, False),
    "money": (2, False, False, False),
    "percent": (10, False, False, False),
    "bold": (0, True, False, False),
    "bold money": (2, True, False, False),
}
_INDEX = {}
for _name, _style in STYLES.items():
    _INDEX[_name, False] = len(_INDEX)
for _name, _style in STYLES.items():
    _INDEX[_name, True] = len(_INDEX)           # the same, with the quote prefix: text typed as a formula


@dataclass(frozen=True)
class Formula:
    """A cell worked out by the spreadsheet (fullCalcOnLoad: when the file is opened)."""
    text: str                       # without the leading =


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    value = _NOT_XML.sub(lambda m: f"<U+{ord(m.group()):04X}>", value)
    if len(value) > MAX_TEXT:
        value = value[:MAX_TEXT - 1] + "…"
    return escape(value)


def _number(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else ""
    return repr(value) if isinstance(value, float) else str(value)


class Strings:
    """The shared strings of a workbook, numbered as they come, written to a temporary file."""

    def __init__(self):
        self.count = 0
        self._data: BinaryIO = tempfile.SpooledTemporaryFile(max_size=256 * 1024)

    def add(self, value: str) -> int:
        space = ' xml:space="preserve"' if value != value.strip() else ""
        self._data.write(f"<si><t{space}>{_text(value)}</t></si>".encode("utf-8"))
        self.count += 1
        return self.count - 1

    def xml(self) -> Iterator[bytes]:
        yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<sst xmlns="{MAIN}" count="{self.count}" uniqueCount="{self.count}">').encode("utf-8")
        self._data.seek(0)
        while chunk := self._data.read(1 << 16):
            yield chunk
        self._data.close()
        yield b"</sst>"


class Sheet:
    """One worksheet. `widths`: the columns' widths in characters; `title`: printed above
    every page."""

    def __init__(self, name: str, widths: list[float], title: str = "", strings: Strings | None = None):
        self.name, self.widths, self.title = name, widths, title
        self.strings = strings if strings is not None else Strings()
        self.rows = 0
        self.left_out = 0               # rows beyond Excel's limit
        self.filter: str | None = None
        self._data: BinaryIO = tempfile.SpooledTemporaryFile(max_size=256 * 1024)

    def append(self, values: Iterable, styles: Iterable[str] = ()) -> int:
        """Write one row now; returns its number. `styles`: one name of STYLES per cell."""
        if self.rows + 1 >= MAX_ROWS:
            self.left_out += 1
            return self.rows
        self.rows += 1
        row = self.rows
        cells = []
        for column, (value, style) in enumerate(_padded(values, styles), start=1):
            if value is None or value == "":
                if style:
                    cells.append(f'<c r="{column_letter(column)}{row}" s="{_INDEX[style, False]}"/>')
                continue
            where = f"{column_letter(column)}{row}"
            if isinstance(value, Formula):
                cells.append(f'<c r="{where}" s="{_INDEX[style, False]}"><f>{_text(value.text)}</f></c>')
            elif isinstance(value, str):
                quoted = value.startswith(FORMULA_START)
                cells.append(f'<c r="{where}" s="{_INDEX[style, quoted]}" t="s"><v>{self.strings.add(value)}</v></c>')
            else:
                number = _number(value)
                if number:
                    cells.append(f'<c r="{where}" s="{_INDEX[style, False]}"><v>{number}</v></c>')
        self._data.write(f'<row r="{row}">{"".join(cells)}</row>'.encode("utf-8"))
        return row

    def filter_over(self, columns: int, last_row: int) -> None:
        """Filter buttons on the header row, over rows 2…last_row."""
        self.filter = f"A1:{column_letter(columns)}{max(last_row, 1)}"

    def close(self) -> None:
        """No more rows: those beyond Excel's limit are counted in a last one."""
        if self.left_out:
            said = self.strings.add(f"另有 {self.left_out} 行超出 Excel 的行数上限，没有列出")
            self._data.write(f'<row r="{self.rows + 1}"><c r="A{self.rows + 1}" t="s"><v>{said}</v></c></row>'
                             .encode("utf-8"))
            self.left_out = 0

    def xml(self) -> Iterator[bytes]:
        """The worksheet part, in chunks: the rows are read back from the temporary file."""
        cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                       for i, w in enumerate(self.widths, start=1))
        yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
               f'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
               f'<sheetViews><sheetView workbookViewId="0">'
               f'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
               f'<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
               f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>').encode("utf-8")
        self._data.seek(0)
        while chunk := self._data.read(1 << 16):
            yield chunk
        self._data.close()
        tail = "</sheetData>"
        if self.filter:
            tail += f'<autoFilter ref="{self.filter}"/>'
        tail += ('<printOptions horizontalCentered="1"/>'
                 '<pageMargins left="0.5" right="0.5" top="1" bottom="1" header="0.5" footer="0.5"/>'
                 '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
                 '<headerFooter>'
                 + (f'<oddHeader>{_text("&C" + self.title.replace("&", "&&"))}</oddHeader>' if self.title else "")
                 + f'<oddFooter>{_text("&C第 &P 页，共 &N 页")}</oddFooter></headerFooter></worksheet>')
        yield tail.encode("utf-8")


def _padded(values: Iterable, styles: Iterable[str]):
    styles = list(styles)
    for index, value in enumerate(values):
        yield value, styles[index] if index < len(styles) else ""


class Book:
    """A workbook of sheets, written whole by `write_to` once every row is in."""

    def __init__(self, title: str):
        self.title = title
        self.sheets: list[Sheet] = []
        self.strings = Strings()

    def sheet(self, name: str, widths: list[float], title: str = "") -> Sheet:
        sheet = Sheet(name, widths, title, self.strings)
        self.sheets.append(sheet)
        return sheet

    def write_to(self, stream: BinaryIO) -> None:
        parts: dict[str, bytes | Iterable[bytes]] = {
            "[Content_Types].xml": self._content_types(),
            "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                            f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
                            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
                            f'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
                            f'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                            f'<Relationship Id="rId3" Type="{RELATIONSHIPS}/extended-properties" '
                            f'Target="docProps/app.xml"/></Relationships>').encode("utf-8"),
            "docProps/core.xml": self._core(),
            "docProps/app.xml": (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                 f'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                                 f'extended-properties"><Application>perfreport</Application></Properties>')
            .encode("utf-8"),
            "xl/workbook.xml": self._workbook(),
            "xl/_rels/workbook.xml.rels": self._workbook_rels(),
            "xl/styles.xml": styles_xml(),
            "xl/theme/theme1.xml": THEME,
        }
        for number, sheet in enumerate(self.sheets, start=1):
            parts[f"xl/worksheets/sheet{number}.xml"] = sheet.xml()
            sheet.close()
        parts["xl/sharedStrings.xml"] = self.strings.xml()
        package_into(stream, parts)

    def _content_types(self) -> bytes:
        sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                         f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                         for n in range(1, len(self.sheets) + 1))
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/styles.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                '<Override PartName="/xl/theme/theme1.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.theme+xml"/>'
                f'{sheets}'
                '<Override PartName="/docProps/core.xml" ContentType="application/'
                'vnd.openxmlformats-package.core-properties+xml"/>'
                '<Override PartName="/docProps/app.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>').encode("utf-8")

    def _core(self) -> bytes:
        # fixed dates: the file depends on its rows only
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f'<dc:title>{_text(self.title)}</dc:title><dc:creator>perfreport</dc:creator>'
                '<cp:lastModifiedBy>perfreport</cp:lastModifiedBy>'
                '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>'
                '<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>'
                '</cp:coreProperties>').encode("utf-8")

    def _workbook(self) -> bytes:
        sheets, names = [], []
        for index, sheet in enumerate(self.sheets):
            sheets.append(f'<sheet name="{_text(sheet.name)}" sheetId="{index + 1}" r:id="rId{index + 1}"/>')
            quoted = "'" + sheet.name.replace("'", "''") + "'"
            if sheet.filter:
                first, last = sheet.filter.split(":")
                absolute = "$" + re.sub(r"(\d+)", r"$\1", first) + ":$" + re.sub(r"(\d+)", r"$\1", last)
                names.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{index}" hidden="1">'
                             f'{_text(quoted)}!{absolute}</definedName>')
            names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">'
                         f'{_text(quoted)}!$1:$1</definedName>')
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><workbookPr/>'
                '<bookViews><workbookView activeTab="0"/></bookViews>'
                f'<sheets>{"".join(sheets)}</sheets><definedNames>{"".join(names)}</definedNames>'
                '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>').encode("utf-8")

    def _workbook_rels(self) -> bytes:
        count = len(self.sheets)
        sheets = "".join(f'<Relationship Id="rId{n}" Type="{RELATIONSHIPS}/worksheet" '
                         f'Target="worksheets/sheet{n}.xml"/>' for n in range(1, count + 1))
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{sheets}'
                f'<Relationship Id="rId{count + 1}" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
                f'<Relationship Id="rId{count + 2}" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
                f'<Relationship Id="rId{count + 3}" Type="{RELATIONSHIPS}/theme" Target="theme/theme1.xml"/>'
                '</Relationships>').encode("utf-8")


def styles_xml() -> bytes:
    xfs = []
    for (name, quoted), _ in sorted(_INDEX.items(), key=lambda item: item[1]):
        number, bold, wrap, centred = STYLES[name]
        attributes = f'numFmtId="{number}" fontId="{1 if bold else 0}" fillId="0" borderId="0" xfId="0"'
        attributes += ' applyNumberFormat="1"' if number else ""
        attributes += ' applyFont="1"' if bold else ""
        attributes += ' quotePrefix="1"' if quoted else ""
        if wrap or centred:
            align = ('<alignment horizontal="center" vertical="center" wrapText="1"/>' if centred
                     else '<alignment vertical="top" wrapText="1"/>')
            xfs.append(f'<xf {attributes} applyAlignment="1">{align}</xf>')
        else:
            xfs.append(f'<xf {attributes}/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<styleSheet xmlns="{MAIN}">'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>').encode("utf-8")


def _theme() -> bytes:
    """The smallest theme Excel takes without repairing: Office's colours and fonts (the
    workbook's own fonts are in styles.xml; this is what Excel asks of every workbook)."""
    colours = "".join(f'<a:{name}><a:srgbClr val="{value}"/></a:{name}>' for name, value in (
        ("dk1", "000000"), ("lt1", "FFFFFF"), ("dk2", "44546A"), ("lt2", "E7E6E6"), ("accent1", "4472C4"),
        ("accent2", "ED7D31"), ("accent3", "A5A5A5"), ("accent4", "FFC000"), ("accent5", "5B9BD5"),
        ("accent6", "70AD47"), ("hlink", "0563C1"), ("folHlink", "954F72")))
    fonts = '<a:latin typeface="{0}"/><a:ea typeface=""/><a:cs typeface=""/>'
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = '<a:ln w="{0}"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office">'
            f'<a:themeElements><a:clrScheme name="Office">{colours}</a:clrScheme>'
            '<a:fontScheme name="Office">'
            f'<a:majorFont>{fonts.format("Calibri Light")}</a:majorFont>'
            f'<a:minorFont>{fonts.format("Calibri")}</a:minorFont></a:fontScheme>'
            f'<a:fmtScheme name="Office"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
            f'<a:lnStyleLst>{line.format(6350)}{line.format(12700)}{line.format(19050)}</a:lnStyleLst>'
            f'<a:effectStyleLst>{"<a:effectStyle><a:effectLst/></a:effectStyle>" * 3}</a:effectStyleLst>'
            f'<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>'
            ).encode("utf-8")


THEME = _theme()
