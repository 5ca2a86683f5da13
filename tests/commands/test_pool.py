"""The worker pool of `all` and `check` (issue 20). An interrupted run (Ctrl-C, SIGTERM, to the
parent alone or to the whole process group) ends at once with 130, one line and nothing
half-written; a worker lost outright (SIGKILL, the OOM killer) costs only the unit it was
working on, and the others keep their results. The tests measure no speed: a run must only
have ended within a generous time of the signal."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from perfreport.commands.batch import UnitResult, process_unit, run_all
from perfreport.shared.findings import WARNING, Finding
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")

INTERRUPTED = "已中断：没有写出不完整的文件"
LOST = ("处理这个单位的进程意外终止（可能是内存不足）。其他单位照常处理；"
        "可以关闭别的程序后再运行一次，仍然这样时请把这个文件报告给维护人员")
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


# ------------------------------------------------------------------ helpers

def processes() -> dict[int, tuple[str, int, int]]:
    """pid → (state, parent pid, process group) of every process alive or a zombie."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            found[int(entry.name)] = (fields[0], int(fields[1]), int(fields[2]))
    return found


def living(pids) -> list[int]:
    table = processes()
    return [p for p in pids if p in table and table[p][0] != "Z"]


def group(pgid: int) -> list[int]:
    return [p for p, (state, _, g) in processes().items() if g == pgid and state != "Z"]


def children(pid: int) -> list[int]:
    return [p for p, (state, parent, _) in processes().items() if parent == pid and state != "Z"]


def cpu_ticks(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])             # utime + stime


def until(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"not within {seconds} s: {what}")


def bulky(path: Path, keep_copy: bool = False) -> UnitResult:
    """What `all` does to a unit, and a warning of megabytes besides: a worker stopped while it
    sent such a result once left the pipe the workers shared half-written, and the run hung."""
    from perfreport.commands import batch
    return _with_bulk(batch.real_process_unit(path, keep_copy))


def bulky_check(path: Path, strict: bool = False) -> UnitResult:
    from perfreport.commands import batch
    return _with_bulk(batch.real_check_unit(path, strict))


def _with_bulk(result: UnitResult) -> UnitResult:
    result.findings.append(Finding(WARNING, "长" * 1_000_000, file=result.file))
    return result


# the command line, with every unit's result made bulky
BULKY = """
import sys
from perfreport.commands import batch
from tests.commands import test_pool
batch.real_process_unit, batch.real_check_unit = batch.process_unit, batch.check_unit
batch.process_unit, batch.check_unit = test_pool.bulky, test_pool.bulky_check
from perfreport.commands.cli import main
sys.exit(main(sys.argv[1:]))
"""


def start(command: str, folder: Path, *args: str, bulky: bool = False) -> subprocess.Popen:
    """The tool in its own process group, as a terminal runs it. With --force: every run does
    every unit again, however many reports and results the runs interrupted before it left
    (without, each run of `many` is shorter than the last, and one ended before its signal)."""
    env = dict(os.environ, PERFREPORT_REPORTS=str(folder), COLUMNS="160")
    program = ["-c", BULKY] if bulky else ["render.py"]
    return subprocess.Popen([sys.executable, *program, command, "--workers", "2", "--force", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def ended(process: subprocess.Popen, seconds: float = 20) -> str:
    """What the process said, once it has ended (within `seconds`); its group is gone too."""
    try:
        _, err = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"still running {seconds} s after the signal")
    until(lambda: not group(process.pid), 20, f"processes left in the group: {group(process.pid)}")
    return err


def workers_of(process: subprocess.Popen, count: int = 2) -> list[int]:
    return until(lambda: len(children(process.pid)) >= count and children(process.pid), 60,
                 "the workers to start")


def untouched(folder: Path) -> None:
    """Nothing half-written: every report is a whole .docx, no temporary file, no summary."""
    assert not list(folder.glob(".*.tmp"))
    assert not (folder / "SUMMARY.md").exists() and not (folder / "SUMMARY.xlsx").exists()
    for docx in folder.glob("*.docx"):
        with zipfile.ZipFile(docx) as archive:
            assert archive.testzip() is None and "word/document.xml" in archive.namelist(), docx


def quietly_interrupted(err: str, returncode: int) -> None:
    assert returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.rstrip().endswith(INTERRUPTED) and err.count(INTERRUPTED) == 1, err


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """400 small units: a run takes far longer than the 3 s the signals wait, and the workers
    go back to the pool often (where a signal once left one holding its queue)."""
    folder = tmp_path_factory.mktemp("many")
    for n in range(400):
        (folder / f"u{n:03d}.yaml").write_text(MINIMAL.replace("文件名: minimal", f"文件名: u{n:03d}"),
                                                encoding="utf-8")
    return folder


# ------------------------------------------------------------------ 1. interrupted runs

@pytest.mark.parametrize("delay", [0, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 1.7, 2.3, 3.0])
def test_sigterm_to_the_group_ends_all_at_once(many, delay):
    """`kill -TERM -PGID`: the parent and every worker get it at the same moment, from the
    workers' start on; their results are megabytes, so it often finds one sending."""
    process = start("all", many, bulky=True)
    workers_of(process)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGTERM)
    quietly_interrupted(ended(process), process.returncode)
    untouched(many)


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("command", ["all", "check"])
def test_a_signal_to_the_group_or_to_the_parent_alone(many, command, sent):
    for to_group in (True, False):
        process = start(command, many)
        workers_of(process)
        time.sleep(1)
        (os.killpg if to_group else os.kill)(process.pid, sent)
        err = ended(process)
        quietly_interrupted(err, process.returncode)
        if command == "check":                 # check prints each unit's lines as it is done, whole
            *lines, last = err.strip().splitlines()
            assert last == INTERRUPTED and all(line.startswith(str(many / "u")) for line in lines), err
        untouched(many)


def test_ctrl_c_pressed_again_and_again_while_it_stops(many):
    """An impatient user: Ctrl-C, and more of them and a SIGTERM while the run cleans up and
    says so. The first one counts; the others change nothing."""
    process = start("all", many, bulky=True)
    workers_of(process)
    time.sleep(1)
    for sent in [signal.SIGINT] * 6 + [signal.SIGTERM] * 2:
        try:
            os.killpg(process.pid, sent)
        except ProcessLookupError:
            break
        time.sleep(0.01)
    quietly_interrupted(ended(process), process.returncode)
    untouched(many)


def test_workers_of_a_parent_killed_outright_end(many):
    """A worker whose parent is gone (SIGKILL) finishes its unit and ends: its pipe is closed."""
    process = start("all", many)
    pids = workers_of(process)
    time.sleep(1)
    process.kill()
    process.communicate(timeout=20)
    until(lambda: not living(pids), 60, f"workers left behind: {living(pids)}")


# ------------------------------------------------------------------ 2. a worker lost

def doomed(path: Path, victim: str, size: int) -> UnitResult:
    """A unit's task that, for the unit named `victim`, kills its own worker outright (as the
    OOM killer would) in the middle of writing its report; every other unit gets a result with
    a warning of `size` characters."""
    if path.stem == victim:
        (path.parent / f".{path.stem}.docx.{os.getpid()}.half.tmp").write_bytes(b"PK half")
        os.kill(os.getpid(), signal.SIGKILL)
    return UnitResult(file=path.name, name=f"{path.stem}局", findings=[Finding(WARNING, "长" * size, file=path.name)])


HARNESS = """
import json, multiprocessing, sys
from pathlib import Path
from perfreport.commands.batch import run_all
from tests.commands.test_pool import doomed
method, victim, size, *names = sys.argv[1:]
seen = []
results = run_all([Path(n) for n in names], workers=2, task=doomed, options=(victim, int(size)),
                  progress=lambda r: seen.append(r.file), context=multiprocessing.get_context(method))
print(json.dumps({"seen": sorted(seen), "left": len(multiprocessing.active_children()),
                  "results": [[r.file, r.name, r.failed, [f.text() if len(f.text()) < 300 else len(f.message)
                                                         for f in r.findings]] for r in results]}))
"""


def doomed_run(folder: Path, victim: str, size: int, method: str = "fork", count: int = 8) -> dict:
    names = [str(folder / f"u{n}.yaml") for n in range(count)]
    done = subprocess.run([sys.executable, "-c", HARNESS, method, victim, str(size), *names], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert not list(folder.glob(".*.tmp"))              # the killed worker's, removed at once
    return json.loads(done.stdout)


@pytest.mark.parametrize("size", [10, 2_000_000])
def test_a_worker_killed_outright_costs_only_its_unit(tmp_path, size):
    """The second unit kills its worker: a new worker takes the six after it, and the first,
    finished before, keeps its result. With results of megabytes too (they once hung the run)."""
    run = doomed_run(tmp_path, "u1", size)
    lost = str(tmp_path / "u1.yaml")
    assert run["seen"] == sorted([f"u{n}.yaml" for n in range(8) if n != 1] + [lost]) and run["left"] == 0
    assert run["results"][1] == [lost, "", True, [f"{lost}: {LOST}"]]
    for n, (file, name, failed, findings) in enumerate(run["results"]):
        if n != 1:
            said = [f"u{n}.yaml: 警告：{'长' * size}"] if size < 100 else [size]
            assert (file, name, failed, findings) == (f"u{n}.yaml", f"u{n}局", False, said)


def test_the_last_unit_killing_its_worker_ends_the_run(tmp_path):
    run = doomed_run(tmp_path, "u7", 10)
    assert [r[2] for r in run["results"]] == [False] * 7 + [True] and run["left"] == 0


def test_under_spawn_as_on_windows(tmp_path):
    """Windows starts each worker as a new interpreter: the same run there, a lost worker too."""
    run = doomed_run(tmp_path, "u2", 10, method="spawn", count=5)
    assert [r[2] for r in run["results"]] == [False, False, True, False, False]
    assert run["results"][2][3] == [f"{tmp_path / 'u2.yaml'}: {LOST}"]
    import multiprocessing
    real = tmp_path / "real"
    real.mkdir()
    for name in ("complete.yaml", "minimal.yaml"):
        shutil.copy(FIXTURES / name, real / name)
    paths = sorted(real.glob("*.yaml"))
    results = run_all(paths, workers=2, context=multiprocessing.get_context("spawn"))
    assert [(r.name, r.failed, r.written) for r in results] == [("示例县行政审批服务局", False, True),
                                                                 ("测试局", False, True)]
    assert [r.findings for r in results] == [process_unit(p).findings for p in paths]
    assert (real / "complete.docx").exists() and (real / "minimal.docx").exists()


def test_kill_9_of_the_worker_rendering_a_big_unit(tmp_path, monkeypatch):
    """`perfreport all` with one unit of 2000 projects and ten small ones: once the small ones are
    done, the one worker still busy is the big unit's; SIGKILL to it costs that unit alone."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import units
    units.with_projects(tmp_path, 2000)                              # projects2000.yaml, first in order
    for n in range(10):
        (tmp_path / f"u{n}.yaml").write_text(MINIMAL.replace("文件名: minimal", f"文件名: u{n}"), encoding="utf-8")
    process = start("all", tmp_path)
    pids = workers_of(process)
    until(lambda: len(list(tmp_path.glob("u*.docx"))) == 10, 120, "the small units")
    assert not (tmp_path / "projects2000.docx").exists(), "the big unit ended first: make it bigger"
    before = {pid: cpu_ticks(pid) for pid in pids}
    time.sleep(1)
    used = {pid: cpu_ticks(pid) - before[pid] for pid in pids}
    busy = max(pids, key=used.get)
    assert used[busy] > max(used[p] for p in pids if p != busy)      # one worker working, the other idle
    os.kill(busy, signal.SIGKILL)
    err = ended(process, 60)
    assert process.returncode == 1, err
    assert "Traceback" not in err
    assert f"{tmp_path / 'projects2000.yaml'}: {LOST}" in err
    assert "10 个单位通过（10 个文档有变化），1 个有错误" in err
    assert err.rstrip().endswith(f"有错误的单位：{tmp_path / 'projects2000.yaml'}")
    summary = (tmp_path / "SUMMARY.md").read_text(encoding="utf-8")
    assert summary.rstrip().endswith("共 11 个单位，10 个生成了报告，1 个有错误。")
    assert not (tmp_path / "projects2000.docx").exists() and not list(tmp_path.glob(".*.tmp"))

