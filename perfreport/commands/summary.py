"""The summary of `make all`: one row per unit, as a terminal table, as reports/SUMMARY.md
and as reports/SUMMARY.xlsx, the finance bureau's worksheet: filter buttons, a 合计 row that
follows the filter, a failed unit's first error in its row, A4 landscape one page wide, and
a second sheet with every warning and error of every unit.

Both files hold no time stamp, so they change only when a unit's figures do. They are made
from the units and not committed (README: 团队协作).

They are made as the results come (Summary.add), each row written out at once: the parent
of a run over a province holds no unit's result once its row is written, so its memory does
not grow with the units (docs/benchmark.md)."""
from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

from perfreport.commands.batch import UnitResult
from perfreport.document.spreadsheet import FORMULA_START, Book, Formula
from perfreport.shared.findings import visible
from perfreport.shared.formats import money, percent

COLUMNS = ["单位", "年度", "全年预算数", "全年执行数", "执行率", "总分", "等级", "警告数", "其中确定", "错误数"]
TITLE = "部门（单位）整体支出绩效自评汇总"
NOTE = ("金额单位：万元。执行率 = 全年执行数 ÷ 全年预算数；总分、等级取自附件2，附件2 没有填绩效指标的单位“未评定”。"
        "警告数中“确定”的是数字互相矛盾的，其余是“疑似”（对文字的理解可能有误）和“提示”。有错误的单位没有生成报告。")


def plain(text: str) -> str:
    """A unit's own text on one line, nothing hidden: a line break in 全称 would forge a row of
    the summary, a control character in a file name stop the workbook being written (Excel
    cannot hold it) or drive the terminal."""
    return visible(" ".join(text.split())) if text else text


def row_texts(result: UnitResult) -> list[str]:
    """One unit as the printed cells; a unit that failed before its figures shows blanks."""
    has_figures = result.year is not None
    score = "" if not has_figures else "—" if result.score is None else money(result.score)
    return [plain(result.name) or plain(result.file), str(result.year or ""),
            money(result.full_year) if has_figures else "", money(result.executed) if has_figures else "",
            percent(result.rate) if has_figures else "", score,
            result.grade, str(result.warnings), str(result.certain), str(result.errors)]


SHEET_COLUMNS = COLUMNS + ["第一条错误"]
FINDING_COLUMNS = ["单位", "级别", "程度", "规则", "位置", "说明"]
SUMMARY_STYLES = ["", "", "money", "money", "percent", "money", "", "", "", "", "wrap"]
TOTAL = "合计（筛选后为所显示单位的合计）"


def _number(value):
    return float(value) if value is not None else None


def _first_error(result: UnitResult) -> str | None:
    error = next((f for f in result.findings if f.is_error), None)
    return plain(error.text()) if error else None


def _markdown_row(result: UnitResult) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in row_texts(result)) + " |\n"


class Summary:
    """The summary of one run, taken as the results come, in the order of the units: `add`
    each, then `write(folder)` to put the two files in place (or `markdown_bytes()`,
    `xlsx_bytes()`).

    Each result is kept only as its pickle, in a temporary file that leaves memory once it is
    large, and the digest of those pickles says whether the files would be those of the last
    run: a run in which nothing changed makes neither (1000 units and 20 000 warnings are a
    second of rows to write); otherwise the files are made from the kept results at the end."""

    def __init__(self):
        from perfreport.shared.toolkit import identity
        self.units = self.failed = 0
        # what the files are made of, and the toolkit that makes them: the same digest, the same files
        self._digest = hashlib.sha256(identity().encode())
        self._results = tempfile.SpooledTemporaryFile(max_size=256 * 1024)
        self._files: _Files | None = None

    def add(self, r: UnitResult) -> None:
        import dataclasses
        import pickle
        self.units += 1
        self.failed += r.failed
        # what this run did to the file (written, moved aside) is not in the summary
        data = pickle.dumps(dataclasses.replace(r, written=False, kept=""), protocol=pickle.HIGHEST_PROTOCOL)
        self._digest.update(len(data).to_bytes(8, "little") + data)
        self._results.write(len(data).to_bytes(8, "little") + data)

    def _kept(self):
        import pickle
        self._results.seek(0)
        while size := self._results.read(8):
            yield pickle.loads(self._results.read(int.from_bytes(size, "little")))

    def _made(self) -> "_Files":
        """The two files' contents, made once from the kept results."""
        if self._files is None:
            self._files = _Files()
            for result in self._kept():
                self._files.add(result)
            self._files.finish()
            self._results.close()
        return self._files

    @property
    def digest(self) -> str:
        return self._digest.hexdigest()

    def markdown_bytes(self) -> bytes:
        out = io.BytesIO()
        self._made().write_markdown(out)
        return out.getvalue()

    def xlsx_bytes(self) -> bytes:
        out = io.BytesIO()
        self._made().write_xlsx(out)
        return out.getvalue()

    def write(self, folder: Path) -> bool:
        """SUMMARY.md and SUMMARY.xlsx in `folder`, unless they are those an earlier run made
        of the same results (the note beside the venv says so): then nothing is made or
        written. Returns whether they were written."""
        from perfreport.commands.batch import signals_deferred
        from perfreport.document.write import write_atomic
        made_from = self.digest
        if _noted(folder) == [made_from] + _on_disk(folder):
            return False
        files = self._made()
        with signals_deferred():            # the two files are of one run: an interrupt waits for both
            write_atomic(folder / "SUMMARY.md", files.write_markdown)
            write_atomic(folder / "SUMMARY.xlsx", files.write_xlsx)
        _remember(folder, made_from)
        return True


class _Files:
    """SUMMARY.md and SUMMARY.xlsx, each row written out as it is added."""

    def __init__(self):
        self.units = self.failed = 0
        self._markdown = tempfile.SpooledTemporaryFile(max_size=256 * 1024)
        self._markdown.write("\n".join([
            f"# {TITLE}", "", NOTE, "", "| " + " | ".join(COLUMNS) + " |",
            "| " + " | ".join("---" if i == 0 else "---:" for i in range(len(COLUMNS))) + " |", ""]).encode("utf-8"))
        self._book = Book(TITLE)
        self._sheet = self._book.sheet("汇总", [34, 7, 12, 12, 10, 8, 8, 7, 7, 7, 60], TITLE)
        self._sheet.append(SHEET_COLUMNS, ["header"] * len(SHEET_COLUMNS))
        self._findings = self._book.sheet("警告和错误", [30, 6, 6, 12, 44, 90], f"{TITLE}：警告和错误")
        self._findings.append(FINDING_COLUMNS, ["header"] * len(FINDING_COLUMNS))

    def add(self, r: UnitResult) -> None:
        self.units += 1
        self.failed += r.failed
        self._markdown.write(_markdown_row(r).encode("utf-8"))
        name = plain(r.name) or plain(r.file)
        self._sheet.append([name, r.year, _number(r.full_year), _number(r.executed), _number(r.rate),
                            _number(r.score), r.grade or None, r.warnings, r.certain, r.errors, _first_error(r)],
                           SUMMARY_STYLES)
        for f in r.findings:
            where = f.location() + (f"  {f.path}" if f.path else "")
            said = f.message + (f"。{f.hint}" if f.hint else "")
            self._findings.append([name, "错误" if f.is_error else "警告", f.certainty, f.rule or None, visible(where),
                                   plain(said)], ["", "", "", "", "", "wrap"])

    def finish(self) -> None:
        """The lines below the units: the count in SUMMARY.md; the 合计 and the note in the workbook."""
        self._markdown.write(f"\n共 {self.units} 个单位，{self.units - self.failed} 个生成了报告，"
                             f"{self.failed} 个有错误。\n".encode("utf-8"))
        last = self._sheet.rows
        # the filter covers the units; the 合计 row below it adds what the filter shows
        # (SUBTOTAL 109 leaves out the rows a filter hides), so a county's total is one click
        self._sheet.filter_over(len(SHEET_COLUMNS), last)
        self._sheet.append([TOTAL, None, Formula(f"SUBTOTAL(109,C2:C{last})"), Formula(f"SUBTOTAL(109,D2:D{last})"),
                            None, None, None,    # a rate of sums would mix units whose budget is not known
                            Formula(f"SUBTOTAL(109,H2:H{last})"), Formula(f"SUBTOTAL(109,I2:I{last})"),
                            Formula(f"SUBTOTAL(109,J2:J{last})")],
                           ["bold", "bold", "bold money", "bold money", "bold", "bold", "bold", "bold", "bold", "bold",
                            "bold"])
        self._sheet.append([])
        self._sheet.append([NOTE])
        self._findings.filter_over(len(FINDING_COLUMNS), self._findings.rows)

    def write_markdown(self, stream) -> None:
        self._markdown.seek(0)
        while chunk := self._markdown.read(1 << 16):
            stream.write(chunk)

    def write_xlsx(self, stream) -> None:
        """A real spreadsheet: numbers as numbers (sums and sorting work), rates as percentages."""
        self._book.write_to(stream)


def summary_of(results) -> Summary:
    summary = Summary()
    for result in results:
        summary.add(result)
    return summary


def markdown(results: list[UnitResult]) -> str:
    return summary_of(results).markdown_bytes().decode("utf-8")


def xlsx(results: list[UnitResult]) -> bytes:
    return summary_of(results).xlsx_bytes()


SUMMARY_FILES = ("SUMMARY.md", "SUMMARY.xlsx")


# ------------------------------------------------------------------ made once, while nothing changes

def _note(folder) -> "Path | None":
    from perfreport.shared.toolkit import cache_folder
    cache = cache_folder()
    if cache is None:
        return None
    return cache / f"summary-{hashlib.sha256(os.path.realpath(folder).encode()).hexdigest()[:32]}.txt"


def _file_digest(path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _on_disk(folder) -> list[str]:
    return [_file_digest(folder / name) for name in SUMMARY_FILES]


def _noted(folder) -> list[str]:
    """What the note says: the digest of the rows, and of each file as it was written ([] when none)."""
    note = _note(folder)
    try:
        lines = note.read_text(encoding="utf-8").split("\n") if note is not None else []
    except OSError:
        return []
    return lines if all(lines) else []


def _remember(folder, made_from: str) -> None:
    note = _note(folder)
    if note is None:
        return
    try:
        note.write_text("\n".join([made_from] + _on_disk(folder)), encoding="utf-8")
    except OSError:
        pass
