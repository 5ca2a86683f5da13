"""`make all`: every unit checked and rendered in worker processes; one failing unit never
stops the others. Each worker returns a plain UnitResult (picklable, no documents), and the
parent prints the progress, the findings and the summary."""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from multiprocessing.connection import wait
from typing import Callable, Iterable

from perfreport.shared.errors import AuditError, LoadError, ReportError, ValidationError
from perfreport.shared.findings import CERTAIN, ERROR, Finding
from perfreport.commands.pipeline import inputs_digest, make_report, recorded_current, shown_path, usable_target
from perfreport.document.write import clean_leftovers


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
    unmade: bool = False                   # check: no .docx yet (stale holds what to say of it)
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
    def certain(self) -> int:
        """Warnings whose figures contradict each other (程度 确定), the summary's 其中确定."""
        return sum(not f.is_error and f.certainty == CERTAIN for f in self.findings)

    @property
    def failed(self) -> bool:
        return self.errors > 0 or self.refused


def process_unit(path: Path, keep_copy: bool = False, force: bool = False) -> UnitResult:
    """load → validate → derive → audit → render → write for one unit, in a worker. What an
    earlier run found for the same unit is reused (reuse.py), unless `force`."""
    from perfreport.commands import reuse
    file = shown_path(path)
    target = path.with_suffix(".docx")
    key = reuse.key_of(path)              # under --force too: what it finds is kept for the next run
    try:
        entry = reuse.lookup(path, key) if key is not None and not force else None
        if entry is not None and entry.kind != reuse.PASSED:
            usable_target(target, path)         # as a render would: a target not ours is said first
            return reuse.result_of(entry)
        if entry is not None and reuse.report_unchanged(entry, target):
            return reuse.result_of(entry)
        made = make_report(path, target=target, keep_copy=keep_copy, force=force)
        result = UnitResult.of(file, made.checked)
        result.written = made.written
        result.kept = shown_path(made.kept) if made.kept else ""
        reuse.store(path, key, reuse.PASSED, result, made.checked, made.on_disk)
        return result
    except AuditError as exc:
        result = UnitResult(file=file, findings=list(exc.findings))
        reuse.store(path, key, reuse.REFUSED, UnitResult.of(file, exc.checked), exc.checked)
        return result
    except (LoadError, ValidationError) as exc:
        result = UnitResult(file=file, findings=list(exc.findings))
        reuse.store(path, key, reuse.UNREAD, result)
        return result
    except ReportError as exc:
        return UnitResult(file=file, findings=list(exc.findings))
    except Exception as exc:  # a defect of ours must not stop the other units
        return UnitResult(file=file, findings=[_internal(file, exc)])


def check_unit(path: Path, strict: bool = False, force: bool = False) -> UnitResult:
    """`make check` for one unit, in a worker: load → validate → derive → audit, and for a
    unit in reports/ whether its committed .docx is what the unit gives now: known from the
    report's own record of what it was made from, else by rendering it in memory to compare.
    What an earlier run found for the same unit is reused (reuse.py), unless `force`."""
    from perfreport.commands import reuse
    from perfreport.commands.freshness import in_reports, report_missing, stale_document
    from perfreport.commands.pipeline import check_file
    file = shown_path(path)
    key = reuse.key_of(path)
    try:
        entry = reuse.lookup(path, key) if key is not None and not force else None
        if entry is not None:
            reused = _checked_again(entry, path, strict)
            if reused is not None:
                return reused
        if in_reports(path):
            checked = check_file(path, strict=strict)
            result = UnitResult.of(file, checked)
            committed = _committed(path)
            inputs = inputs_digest(checked)
            if not force and recorded_current(committed, inputs, shown_path(path.with_suffix(".docx"))):
                result.stale = None
            else:
                from perfreport.document.report_docx import render
                document = render(checked.report, source=checked.loaded.file, inputs=inputs)
                result.stale = stale_document(path, document)
            result.unmade = report_missing(path)
            reuse.store(path, key, reuse.PASSED, result, checked,
                        committed if result.stale is None and committed is not None else None)
        else:
            checked = check_file(path, strict=strict)
            result = UnitResult.of(file, checked)
            reuse.store(path, key, reuse.PASSED, result, checked)
        return result
    except AuditError as exc:           # errors, or under --strict warnings
        checked = exc.checked
        reuse.store(path, key, reuse.REFUSED if checked.errors else reuse.PASSED, UnitResult.of(file, checked), checked)
        return UnitResult(file=file, findings=list(exc.findings), refused=True)
    except (LoadError, ValidationError) as exc:
        result = UnitResult(file=file, findings=list(exc.findings))
        reuse.store(path, key, reuse.UNREAD, result)
        return result
    except ReportError as exc:
        return UnitResult(file=file, findings=list(exc.findings))
    except Exception as exc:  # a defect of ours must not stop the other units
        return UnitResult(file=file, findings=[_internal(file, exc)])


def _committed(path: Path) -> bytes | None:
    """reports/<unit>.docx as it is, when it is a file we can read (else the comparison says why)."""
    from perfreport.document.docx_read import read_file
    committed = path.with_suffix(".docx")
    try:
        return read_file(committed, shown_path(committed)) if os.path.lexists(committed) else None
    except ReportError:
        return None


def _checked_again(entry, path: Path, strict: bool) -> UnitResult | None:
    """What `check` says of a unit from an earlier run's entry, as the full check would say
    it; None when the committed report must be looked at again (it changed since)."""
    from perfreport.commands import reuse
    from perfreport.commands.freshness import in_reports, report_missing, stale_document
    result = reuse.result_of(entry)
    if entry.kind == reuse.UNREAD:
        return result
    if entry.kind == reuse.REFUSED or (strict and result.warnings):
        return UnitResult(file=result.file, findings=list(result.findings), refused=True)
    if not in_reports(path):
        return result
    if report_missing(path):
        result.stale, result.unmade = stale_document(path, b""), True
        return result
    return result if reuse.report_unchanged(entry, path.with_suffix(".docx")) else None


def run_all(paths: list[Path], workers: int | None = None,
            progress: Callable[[UnitResult], None] = lambda r: None, keep_copy: bool = False,
            task: Callable[..., UnitResult] | None = None, options: tuple = (), context=None,
            sink: Callable[[UnitResult], None] | None = None) -> list[UnitResult] | None:
    """Every unit, in parallel. `progress` sees each result as it comes; `sink` sees them in
    the order of `paths`, each as soon as those before it are in, and none is kept (a
    province's results are never all in memory). Without a sink the results are returned, in
    the order of `paths`. `task`: what is done to each unit (process_unit for `make all`,
    check_unit for `make check`), with `options`; a top-level function, for a worker started as
    a new interpreter (spawn, as on Windows) finds it by name. `context`: the multiprocessing
    start method, by default the platform's."""
    task, options = (task, options) if task is not None else (process_unit, (keep_copy,))
    from perfreport.commands import previous
    from perfreport.commands.pipeline import REPORTS
    collected: list[UnitResult] = []
    ordered = _InOrder(sink or collected.append)
    workers = max(1, min(workers or os.cpu_count() or 1, len(paths) or 1))
    if workers == 1:
        previous.pin(REPORTS)           # the units as they are now, for the whole run (previous.py)
        try:
            for index, path in enumerate(paths):
                ordered.put(index, _reported(task(path, *options), progress))
        finally:
            previous.unpin(REPORTS)
    else:
        _Pool(context or multiprocessing.get_context(), task, options, workers).run(paths, progress, ordered)
    return None if sink is not None else collected


class _InOrder:
    """Results that finish out of order, handed on in order: one that finishes early waits
    here until those before it are in (with a few workers, a few results at most)."""

    def __init__(self, sink: Callable[[UnitResult], None]):
        self.sink, self.next, self.early = sink, 0, {}

    def put(self, index: int, result: UnitResult) -> None:
        self.early[index] = result
        while self.next in self.early:
            self.sink(self.early.pop(self.next))
            self.next += 1


# How long the workers, asked to stop (SIGTERM), have to end before they are killed outright. A
# stopped worker removes its temporary file at once; one still in C code (an fsync, lxml) gets a
# moment to return to Python, where the signal is acted on.
STOP_SECONDS = 5.0


class _Stopped(BaseException):
    """SIGTERM in a worker: not an Exception, so no `except Exception` of a task mistakes it
    for a unit's failure; write_atomic removes its temporary file on the way out."""


class _Worker:
    """One worker process and its own pipe. Nothing is shared between workers (no queue, no
    lock), so a worker killed at any moment leaves nothing the others or the parent wait on:
    its pipe ends (EOF) and its sentinel fires."""

    def __init__(self, context, task, options: tuple, others: list["_Worker"]):
        self.conn, self.there = context.Pipe()
        self.unit: int | None = None       # the index of the unit it is working on
        # a forked child holds a copy of every pipe end the parent has open; it closes the
        # parent's ends (its own and the other workers'), or a worker would never see the
        # parent go (EOF comes only when every copy of the other end is closed)
        forked = context.get_start_method() == "fork"
        inherited = tuple(w.conn for w in others) + (self.conn,) if forked else ()
        self.process = context.Process(target=_serve, args=(self.there, task, options, inherited, forked),
                                       daemon=True)

    def start(self) -> None:
        try:
            with signals_deferred():       # the child sets its own handlers before it takes any
                self.process.start()
        finally:
            self.there.close()

    def give(self, index: int, path: Path) -> None:
        self.unit = index
        try:
            self.conn.send(path)
        except OSError:
            pass            # it has just died: its sentinel says so, and the unit is reported lost

    def take(self) -> UnitResult | None:
        """Its result, or None when it died before sending a whole one."""
        try:
            if self.conn.poll():
                return self.conn.recv()
        except Exception:   # EOF, or EOF in the middle of a result: it died sending it
            pass
        return None

    def end(self, seconds: float = STOP_SECONDS) -> bool:
        """Make sure the process has ended and is reaped; True when it had to be killed."""
        self.conn.close()
        if self.process.pid is None:        # never started (interrupted while starting)
            return False
        self.process.join(seconds)
        killed = self.process.exitcode is None
        if killed:
            self.process.kill()
            self.process.join()
        self.process.close()
        return killed


class _Pool:
    """A few workers, each given one unit at a time. The parent waits on every busy worker's
    pipe and process sentinel at once: a result is taken as it comes, and a worker that dies
    with a unit (killed, out of memory) costs that unit alone; a new worker takes the rest."""

    def __init__(self, context, task, options: tuple, size: int):
        self.context, self.task, self.options, self.size = context, task, options, size
        self.workers: list[_Worker] = []

    def run(self, paths: list[Path], progress: Callable[[UnitResult], None], ordered: "_InOrder") -> None:
        waiting = deque(range(len(paths)))
        try:
            while waiting and len(self.workers) < self.size:
                self._start(waiting, paths)
            while busy := [w for w in self.workers if w.unit is not None]:
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
                for worker in busy:
                    if worker.conn not in ready and worker.process.sentinel not in ready:
                        continue
                    done, result = worker.unit, worker.take()
                    worker.unit = None
                    if result is None or worker.process.sentinel in ready:
                        self._retire(worker, paths[done])
                        if waiting:
                            self._start(waiting, paths)
                    elif waiting:               # the next unit before the progress is printed
                        index = waiting.popleft()
                        worker.give(index, paths[index])
                    ordered.put(done, _reported(result if result is not None else _lost(paths[done]), progress))
            self._close()
        except BaseException:
            with _signals_ignored():        # a second Ctrl-C must not cut the cleanup short
                self._abandon(paths)
            raise

    def _start(self, waiting: deque, paths: list[Path]) -> None:
        worker = _Worker(self.context, self.task, self.options, self.workers)
        self.workers.append(worker)         # before it starts: an interrupt then still stops it
        worker.start()
        index = waiting.popleft()
        worker.give(index, paths[index])

    def _retire(self, worker: _Worker, path: Path) -> None:
        """A worker that died (or sent what is not a result): reaped, and the temporary file of
        a write it was killed in removed now rather than at the next run."""
        self.workers.remove(worker)
        worker.process.kill()
        worker.end()
        clean_leftovers(path.parent)

    def _close(self) -> None:
        """Every unit done: each idle worker is told to stop, and ends at once."""
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        while self.workers:
            self.workers.pop().end()

    def _abandon(self, paths: list[Path]) -> None:
        """Interrupted: no more units are given; the workers are stopped (SIGTERM: a write under
        way removes its temporary file), those that do not end in time are killed, and the
        temporary files of killed ones removed."""
        # every folder a unit is in: a worker stopped in the moment between making its
        # temporary file and guarding it (under load, that moment is hit) leaves one behind too
        folders = {path.parent for path in paths}
        for worker in self.workers:
            if worker.process.pid is not None and worker.process.exitcode is None:
                worker.process.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        while self.workers:
            self.workers.pop().end(max(0.0, deadline - time.monotonic()))
        for folder in folders:          # the workers are all gone: what is left of theirs is leftover
            clean_leftovers(folder)


LOST = "处理这个单位的进程意外终止（可能是内存不足）"


def _lost(path: Path) -> UnitResult:
    file = shown_path(path)
    return UnitResult(file=file, findings=[Finding(ERROR, LOST, file=file,
                                                   hint="其他单位照常处理；可以关闭别的程序后再运行一次，"
                                                        "仍然这样时请把这个文件报告给维护人员")])


def _serve(conn, task, options: tuple, inherited: tuple, forked: bool) -> None:
    """A worker: units from its pipe, one at a time, until told to stop or the parent is gone.
    Ctrl-C is the parent's to act on (it reaches every process of the terminal's group);
    SIGTERM ends the worker quietly, from the parent or to the whole group."""
    for other in inherited:
        other.close()
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _stop)
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
        if forked:
            _own_streams()
        from perfreport.commands import previous
        from perfreport.commands.pipeline import REPORTS
        previous.pin(REPORTS)               # a worker lives for one run: its units as they are now
        while True:
            try:
                path = conn.recv()
            except EOFError:
                break                       # the parent is gone
            if path is None:
                break
            try:
                result = task(path, *options)
            except Exception as exc:        # a defect of ours costs the unit, not the worker
                result = UnitResult(file=shown_path(path), findings=[_internal(shown_path(path), exc)])
            try:
                conn.send(result)
            except OSError:
                raise
            except Exception as exc:        # a result that cannot be pickled: nothing was sent yet
                conn.send(UnitResult(file=shown_path(path), findings=[_internal(shown_path(path), exc)]))
    except (_Stopped, OSError):
        pass
    finally:
        # no interpreter shutdown: nothing to flush, and no traceback printed for a stop
        os._exit(0)


def _stop(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)   # once: the cleanup itself is not cut short
    raise _Stopped


def _own_streams() -> None:
    """A forked worker has copies of the parent's stream objects, locks included, and a lock
    held at the fork by another thread of the parent (rich's progress bar, writing) would never
    be released here: the worker writes through new objects on the same files."""
    for name, fd in (("stdout", 1), ("stderr", 2)):
        stream = getattr(sys, name)
        try:
            setattr(sys, name, open(fd, "w", encoding=getattr(stream, "encoding", None) or "utf-8",
                                    errors="replace", buffering=1, closefd=False))
        except (OSError, ValueError):
            pass


@contextmanager
def signals_deferred():
    """SIGINT and SIGTERM held back while a worker is started: the child begins with them
    blocked (a fork copies the mask, and so does exec) and unblocks them once its own
    handlers are set; the parent gets any that came meanwhile when this block ends."""
    if not hasattr(signal, "pthread_sigmask"):       # Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def _signals_ignored():
    import threading
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in previous:
        signal.signal(s, signal.SIG_IGN)
    try:
        yield
    finally:
        for s, handler in previous.items():
            if handler is not None:
                signal.signal(s, handler)


def _internal(file: str, exc: BaseException) -> Finding:
    return Finding(ERROR, f"程序内部错误（{type(exc).__name__}: {exc}）", file=file,
                   hint="其他单位不受影响；请把这个文件报告给维护人员")


def _reported(result: UnitResult, progress: Callable[[UnitResult], None]) -> UnitResult:
    progress(result)
    return result


def failed_units(results: Iterable[UnitResult]) -> list[UnitResult]:
    return [r for r in results if r.failed]
