"""`make all`: every unit checked and rendered in worker processes; one failing unit never
stops the others. Each worker returns a plain UnitResult (picklable, no documents), and the
parent prints the progress, the findings and the summary."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

from .errors import AuditError, ReportError
from .findings import ERROR, Finding
from .pipeline import make_report, shown_path


@dataclass
class UnitResult:
    file: str                              # reports/x.yaml as shown to the user
    name: str = ""                         # 单位全称, when the file got that far
    year: int | None = None
    full_year: Decimal | None = None       # 全年预算数, None when not known
    executed: Decimal | None = None        # 全年执行数
    rate: Decimal | None = None            # 执行率
    score: Decimal | None = None           # 总分 (附件2), None when it is not known (未评定)
    grade: str = ""
    findings: list[Finding] = field(default_factory=list)
    written: bool = False                  # the .docx changed on disk
    kept: str = ""                         # a report edited by hand, moved aside (--keep-copy)
    stale: Finding | None = None           # check: the committed .docx is not what the unit gives
    refused: bool = False                  # --strict: its warnings count as failure

    @classmethod
    def of(cls, file: str, checked) -> "UnitResult":
        """The summary row of a unit that passed the checks."""
        report = checked.report
        return cls(file=file, name=report.unit.name, year=report.unit.year, full_year=report.budget.full_year.value,
                   executed=report.budget.executed.value, rate=report.budget.execution.rate,
                   score=report.overall.total.value, grade=report.overall.grade, findings=checked.findings)

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(not f.is_error for f in self.findings)

    @property
    def failed(self) -> bool:
        return self.errors > 0 or self.refused


def process_unit(path: Path, keep_copy: bool = False) -> UnitResult:
    """load → validate → derive → audit → render → write for one unit, in a worker."""
    file = shown_path(path)
    try:
        made = make_report(path, target=path.with_suffix(".docx"), keep_copy=keep_copy)
        result = UnitResult.of(file, made.checked)
        result.written = made.written
        result.kept = shown_path(made.kept) if made.kept else ""
        return result
    except ReportError as exc:
        return UnitResult(file=file, findings=list(exc.findings))
    except Exception as exc:  # a defect of ours must not stop the other units
        return UnitResult(file=file, findings=[_internal(file, exc)])


def check_unit(path: Path, strict: bool = False) -> UnitResult:
    """`make check` for one unit, in a worker: load → validate → derive → audit, and for a
    unit in reports/ a render in memory, to compare with its committed .docx."""
    from .freshness import in_reports, stale_document
    from .pipeline import check_file
    file = shown_path(path)
    try:
        if in_reports(path):
            made = make_report(path, strict=strict)
            result = UnitResult.of(file, made.checked)
            result.stale = stale_document(path, made.document)
        else:
            result = UnitResult.of(file, check_file(path, strict=strict))
        return result
    except AuditError as exc:           # errors, or under --strict warnings
        return UnitResult(file=file, findings=list(exc.findings), refused=True)
    except ReportError as exc:
        return UnitResult(file=file, findings=list(exc.findings))
    except Exception as exc:  # a defect of ours must not stop the other units
        return UnitResult(file=file, findings=[_internal(file, exc)])


def run_all(paths: list[Path], workers: int | None = None,
            progress: Callable[[UnitResult], None] = lambda r: None, keep_copy: bool = False,
            task: Callable[..., UnitResult] | None = None, options: tuple = ()) -> list[UnitResult]:
    """Every unit, in parallel; results in the order of `paths`. `task`: what is done to each
    unit (process_unit for `make all`, check_unit for `make check`), with `options`."""
    task, options = (task, options) if task is not None else (process_unit, (keep_copy,))
    workers = max(1, min(workers or os.cpu_count() or 1, len(paths) or 1))
    if workers == 1:
        return [_reported(task(p, *options), progress) for p in paths]
    results: dict[Path, UnitResult] = {}
    # the workers leave Ctrl-C to this process, which stops the pool (a unit being written is
    # finished, atomically) and says so once, without a traceback from every worker
    with ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts) as pool:
        futures = {pool.submit(task, p, *options): p for p in paths}
        try:
            for future in as_completed(futures):
                path = futures[future]
                try:
                    result = future.result()
                except Exception as exc:      # the worker itself died (killed, out of memory)
                    result = UnitResult(file=shown_path(path), findings=[_internal(shown_path(path), exc)])
                results[path] = _reported(result, progress)
        except KeyboardInterrupt:
            pool.shutdown(wait=True, cancel_futures=True)     # units not begun are not begun
            raise
    return [results[p] for p in paths]


def _ignore_interrupts() -> None:
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _internal(file: str, exc: BaseException) -> Finding:
    return Finding(ERROR, f"程序内部错误（{type(exc).__name__}: {exc}）", file=file,
                   hint="其他单位不受影响；请把这个文件报告给维护人员")


def _reported(result: UnitResult, progress: Callable[[UnitResult], None]) -> UnitResult:
    progress(result)
    return result


def failed_units(results: Iterable[UnitResult]) -> list[UnitResult]:
    return [r for r in results if r.failed]
