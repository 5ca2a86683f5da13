"""`make bench`: four figures, measured in one run on this machine (docs/benchmark.md keeps them).

(a) one unit end to end as a process (render.py report), against a baseline process that
    renders the same template with the same context through docxtpl alone;
(b) throughput of the `make all` engine on 200 generated units;
(c) one unit with 10, 100 and 500 一级项目 (each its own 附件3 table), end to end;
(d) peak resident memory of the processes above.
Each timing is the median of a few runs; no timing is asserted in the test suite.
"""
from __future__ import annotations

import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import units  # noqa: E402

PYTHON = sys.executable
UNIT = ROOT / "reports" / "yueyanglou.yaml"
TARGETS = {"ratio": 1.5, "throughput": 20.0, "projects500": 10.0, "rss_mb": 200.0}

# The baseline: docxtpl alone, the same template, the context of the same unit as JSON
# (plain values; the unit has no narrative tables, so no subdocuments are needed).
BASELINE = """
import json, sys
from docxtpl import DocxTemplate
from jinja2 import Environment
tpl = DocxTemplate(sys.argv[1])
tpl.render(json.load(open(sys.argv[2], encoding="utf-8")), Environment(autoescape=True), autoescape=True)
tpl.save(sys.argv[3])
"""


def timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the process and its children) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def median_of(runs: int, command: list[str], env: dict | None = None) -> tuple[float, float]:
    results = [timed(command, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def medians_side_by_side(runs: int, first: list[str], second: list[str]) -> tuple[tuple, tuple]:
    """Both commands, alternately: a slow spell of the machine hits both alike."""
    results = [(timed(first), timed(second)) for _ in range(runs)]
    return tuple((statistics.median(r[i][0] for r in results), max(r[i][1] for r in results))
                 for i in (0, 1))


def context_json(folder: Path) -> Path:
    from perfreport.pipeline import check_file
    from perfreport.view import context
    values = context(check_file(UNIT).report, lambda *args: "")
    path = folder / "context.json"
    path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return path


def main() -> int:
    # Measure the tool as it runs from its second use on: Python caches compiled modules in
    # __pycache__, unless PYTHONDONTWRITEBYTECODE is set (as on the CI machines), in which
    # case each process would compile the package from source again. The dependencies
    # were compiled by pip when installed.
    compileall.compile_dir(ROOT / "perfreport", quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    peak = 0.0
    lines = [f"机器：{platform.processor() or platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}",
             f"日期：{time.strftime('%Y-%m-%d')}"]

    # (a) one unit as a process, against docxtpl alone
    script = folder / "baseline.py"
    script.write_text(BASELINE, encoding="utf-8")
    from perfreport.render import TEMPLATE
    (ours, rss), (base, base_rss) = medians_side_by_side(
        9, [PYTHON, "render.py", "report", str(UNIT), "-o", str(folder / "ours.docx")],
        [PYTHON, str(script), str(TEMPLATE), str(context_json(folder)), str(folder / "base.docx")])
    peak = max(peak, rss, base_rss)
    memory = [f"一个单位 {rss:.0f} MB（docxtpl 基线 {base_rss:.0f} MB）"]
    ratio = ours / base
    lines.append(f"(a) 一个单位（岳阳楼区）：render.py report {ours:.2f} s，docxtpl 基线 {base:.2f} s，"
                 f"比值 {ratio:.2f}（目标 ≤ {TARGETS['ratio']}）")

    # (b) the make-all engine on 200 units
    many = folder / "many"
    many.mkdir()
    units.copies(many, 200)
    env = dict(os.environ, PERFREPORT_REPORTS=str(many))
    seconds, rss = timed([PYTHON, "render.py", "all"], env)
    peak = max(peak, rss)
    memory.append(f"make all 中最大的进程 {rss:.0f} MB")
    throughput = 200 / seconds
    lines.append(f"(b) make all，200 个单位：{seconds:.1f} s，每秒 {throughput:.1f} 个（目标 ≥ {TARGETS['throughput']:.0f}）")

    # (c) growth with the number of 一级项目
    growth = []
    for count in (10, 100, 500):
        path = units.with_projects(folder, count)
        seconds, rss = median_of(3 if count < 500 else 1,
                                 [PYTHON, "render.py", "report", str(path), "-o", str(folder / f"p{count}.docx")])
        peak = max(peak, rss)
        memory.append(f"{count} 个项目 {rss:.0f} MB")
        growth.append((count, seconds))
    per_project = [(s - growth[0][1]) / (n - growth[0][0]) for n, s in growth[1:]]
    lines.append("(c) 一级项目数与耗时：" + "；".join(f"{n} 个 {s:.2f} s" for n, s in growth) +
                 f"；每多一个项目 {per_project[0] * 1000:.1f} ms（10→100）、{per_project[1] * 1000:.1f} ms（10→500）"
                 f"（目标：线性，500 个 < {TARGETS['projects500']:.0f} s）")

    # (d) peak memory
    lines.append(f"(d) 峰值内存（每个进程的最大常驻内存）：{'；'.join(memory)}；最大 {peak:.0f} MB"
                 f"（目标 < {TARGETS['rss_mb']:.0f} MB）")
    verdicts = {"(a)": ratio <= TARGETS["ratio"], "(b)": throughput >= TARGETS["throughput"],
                "(c)": growth[-1][1] < TARGETS["projects500"], "(d)": peak < TARGETS["rss_mb"]}
    lines.append("达标：" + "，".join(f"{k} {'是' if v else '否'}" for k, v in verdicts.items()))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
