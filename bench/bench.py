"""`make bench`: the figures docs/benchmark.md keeps, measured on this machine, as a user meets
them. No timing is asserted in the test suite (these machines are noisy).

(1) `all` over the real mix: every unit in reports/ in rotation, 1000 units, each run from
    nothing (no report written, no result kept: a full run; medians of three runs, with min
    and max), its CPU per unit, and the peak memory; then, in the same run and as ratios to
    that full run, what the next runs cost: `all` with nothing changed, `check`, `all` after
    one unit changed, and `check` on another machine (no results kept, only the reports' own
    records of what they were made from).
(2) the full run's CPU per unit against a bare docxtpl process (below).
(3) one unit as a process against a bare docxtpl process rendering a comparable plain
    template (the same paragraphs and tables as the unit's report, each a plain placeholder):
    warm (the second run on), first run after install (caches and bytecode made by `warm`,
    as make and the README's Windows steps do), and with nothing made before (for the record).
(4) one unit with 10 / 100 / 500 / 2000 一级项目, paragraphs of prose, rows of 绩效指标, each
    its own text (bench/units.py): the cost of each added one in each stretch, from the units'
    own CPU (load to render, the four sizes in turn, the least of seven rounds each, or of as
    many as 30 s hold), and how far
    apart those costs are (flat: the dearest within 20% of the cheapest); and 2000 projects as
    a whole process against the baseline of (3) (the 5 s set when the baseline took 0.32 s).
(5) peak resident memory of every process above.
(7) streaming: the peak memory of the parent process alone (the workers are the same at any
    count) over a full `all` of 100 units and of 10 000 (--quick: 2000), and their ratio.
(6) growth with a unit's size up to the file's limits, per stage (bench/growth.py): ten kinds
    of unit each made large in one direction (one paragraph of 100 000 amounts, 48 000
    projects, 96 000 unknown keys, a table of 48 000 columns…) at a sixteenth, a quarter and
    all of the largest size; each stage's CPU seconds beside libyaml composing the same text,
    and how each grows between the last two sizes (t ∝ N^k: linear is k = 1).

`python bench/bench.py --quick` runs a smaller set (200 units, two runs) while working on it.
"""
from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from growth import LINEAR_K  # noqa: E402
import units  # noqa: E402

PYTHON = sys.executable
UNIT = ROOT / "reports" / "yueyanglou.yaml"
TARGETS = {"all": 20.0, "no_change": 0.05, "per_unit_cpu": 0.15, "ratio": 1.5, "projects2000": 15.0, "rss_mb": 200.0,
           "growth_k": LINEAR_K, "flat": 1.2, "parent_memory": 1.2}

# the parent's own peak memory, written where PERFREPORT_BENCH_PEAK says when it ends (its
# workers, forked from it, leave by os._exit and write nothing)
PARENT_PEAK = """
import os, resource, runpy, sys
parent = os.getpid()
sys.argv = sys.argv[1:]
sys.path.insert(0, os.path.dirname(os.path.abspath(sys.argv[0])))
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    if os.getpid() == parent:
        with open(os.environ["PERFREPORT_BENCH_PEAK"], "w") as out:
            out.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
"""

BASELINE = """
import json, sys
from docxtpl import DocxTemplate
from jinja2 import Environment
tpl = DocxTemplate(sys.argv[1])
tpl.render(json.load(open(sys.argv[2], encoding="utf-8")), Environment(autoescape=True), autoescape=True)
tpl.save(sys.argv[3])
"""


def timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the process and the children it waited for) of one run."""
    seconds, rss, _ = timed_cpu(command, env)
    return seconds, rss


def timed_cpu(command: list[str], env: dict | None = None) -> tuple[float, float, float]:
    """(seconds, peak RSS in MB, CPU seconds of the process and the workers it waited for)."""
    with tempfile.TemporaryFile() as said:            # a pipe would fill with check's warnings
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=said)
        _, status, usage = os.wait4(process.pid, 0)
        cpu = usage.ru_utime + usage.ru_stime
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            said.seek(0)
            raise SystemExit(f"failed: {' '.join(command)}\n{said.read().decode()}")
    return seconds, usage.ru_maxrss / 1024, cpu


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}（{min(values):.2f}–{max(values):.2f}）"


def plain_template(folder: Path) -> tuple[Path, Path]:
    """A template as plain as docxtpl's examples with the unit's volume: one paragraph with one
    placeholder for each paragraph of its report, one table with a placeholder in each cell
    for each of its tables; and the context that fills it with the report's own words."""
    from docx import Document
    report = folder / "unit.docx"
    subprocess.run([PYTHON, "render.py", "report", str(UNIT), "-o", str(report)], cwd=ROOT, check=True,
                   capture_output=True)
    source, template = Document(str(report)), Document()
    paragraphs, tables = [], []
    for block in source.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            template.add_paragraph(f"{{{{ p[{len(paragraphs)}] }}}}")
            paragraphs.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            rows = [[("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")))
                     for cell in row.iterchildren() if cell.tag.endswith("}tc")]
                    for row in block.iterchildren() if row.tag.endswith("}tr")]
            width = max(len(r) for r in rows)
            table = template.add_table(rows=len(rows), cols=width)
            for r, row in enumerate(rows):
                for c in range(width):
                    table.cell(r, c).text = f"{{{{ t[{len(tables)}][{r}][{c}] }}}}"
            tables.append([row + [""] * (width - len(row)) for row in rows])
    path, context = folder / "plain.docx", folder / "plain.json"
    template.save(str(path))
    context.write_text(json.dumps({"p": paragraphs, "t": tables}, ensure_ascii=False), encoding="utf-8")
    return path, context


def forget_what_install_made() -> None:
    from perfreport.document.report_docx import cache_folder
    folder = cache_folder()
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    for cache in (ROOT / "perfreport").rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)


# Units' own work, load to render, in CPU seconds: for each unit the least of a few runs, the
# units taken in turn (a slow spell of the machine falls on every size alike), in a process of
# their own after one run of each that imports and prepares what every run uses. Not in the
# bench's own process: a process forked from one that has grown counts that size in its own
# peak (ru_maxrss)
UNITS_CPU = """
import json, sys
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/bench"]
import growth
import time
runs, seconds = int(sys.argv[2]), float(sys.argv[3])
paths = [Path(p) for p in sys.argv[4:]]
for path in paths:
    growth.time_stages(path)
best = [float("inf")] * len(paths)
done, start = 0, time.monotonic()
while done < runs or time.monotonic() - start < seconds:
    for i, path in enumerate(paths):
        best[i] = min(best[i], sum(v for k, v in growth.time_stages(path).items() if k in growth.STAGES))
    done += 1
print(json.dumps({"best": best, "rounds": done}))
"""


def units_cpu(paths: list[Path], runs: int, seconds: float = 0.0) -> tuple[list[float], int]:
    """The least CPU of each unit, load to render, the units run in turn: `runs` rounds, and
    more until `seconds` have passed. Returns the least of each and the rounds made."""
    done = subprocess.run([PYTHON, "-c", UNITS_CPU, str(ROOT), str(runs), str(seconds), *map(str, paths)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    said = json.loads(done.stdout.splitlines()[-1])
    return said["best"], said["rounds"]


def parent_peak(folder: Path, count: int) -> tuple[float, float, float]:
    """A full `all` over `count` units of the mix, from nothing: (seconds, peak RSS of any of
    its processes, peak RSS of the parent alone), in MB."""
    from perfreport.shared.toolkit import cache_folder
    mix = folder / f"stream{count}"
    mix.mkdir()
    units.mix(mix, count)
    if cache_folder() is not None:
        shutil.rmtree(cache_folder() / "results", ignore_errors=True)
    script, said = folder / "parent_peak.py", folder / f"peak{count}.txt"
    script.write_text(PARENT_PEAK, encoding="utf-8")
    env = dict(os.environ, PERFREPORT_REPORTS=str(mix), PERFREPORT_BENCH_PEAK=str(said))
    seconds, rss = timed([PYTHON, str(script), str(ROOT / "render.py"), "all"], env)
    parent_mb = int(said.read_text()) / 1024
    shutil.rmtree(mix, ignore_errors=True)
    return seconds, rss, parent_mb


def main() -> int:
    quick = "--quick" in sys.argv
    count, runs = (200, 2) if quick else (1000, 3)
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    peaks: dict[str, float] = {}
    out = [f"- 机器：{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}；"
           f"日期：{time.strftime('%Y-%m-%d %H:%M')}"]
    verdicts = {}

    # (1) all over the real mix, each run from nothing: no report, no result kept (a full run);
    # then, in the same run, what the bureau's next runs cost, each as a ratio to that full run
    mix = folder / "mix"
    mix.mkdir()
    paths = units.mix(mix, count)
    env = dict(os.environ, PERFREPORT_REPORTS=str(mix))
    from perfreport.shared.toolkit import cache_folder
    kept = cache_folder() / "results" if cache_folder() else None
    full, cpus, again, checks, changed, cold = [], [], [], [], [], []
    for run in range(runs):
        for docx in mix.glob("*.docx"):
            docx.unlink()
        if kept is not None:
            shutil.rmtree(kept, ignore_errors=True)
        seconds, rss, cpu = timed_cpu([PYTHON, "render.py", "all"], env)
        full.append(seconds)
        cpus.append(cpu / count)
        peaks["all"] = max(peaks.get("all", 0), rss)
        again.append(timed([PYTHON, "render.py", "all"], env)[0])
        checks.append(timed([PYTHON, "render.py", "check"], env)[0])
        one = paths[run % len(paths)]
        one.write_text(one.read_text(encoding="utf-8") + f"# 改了一处 {run}\n", encoding="utf-8")
        changed.append(timed([PYTHON, "render.py", "all"], env)[0])
        if kept is not None:                  # another machine: only the reports' own records
            shutil.rmtree(kept, ignore_errors=True)
        cold.append(timed([PYTHON, "render.py", "check"], env)[0])
    rates = [count / s for s in full]
    base_full = statistics.median(full)
    verdicts["all"] = statistics.median(rates) >= TARGETS["all"]
    out.append(f"- (1) `all`，{count} 个真实单位轮换（{len(list(ROOT.glob('reports/*.yaml')))} 种），"
               f"从头生成（没有报告，没有上次的结果）：{spread(full)} s，每秒 {spread(rates)} 个，{runs} 次"
               f"（目标 ≥ {TARGETS['all']:.0f}）；每个单位 CPU {statistics.median(cpus) * 1000:.1f} ms")
    ratio = {name: statistics.median(v) / base_full for name, v in
             (("again", again), ("check", checks), ("changed", changed), ("cold", cold))}
    verdicts["no-change"] = max(ratio["again"], ratio["check"]) <= TARGETS["no_change"]
    out.append(f"  - 什么都没改，再 `all`：{spread(again)} s，与从头生成之比 {ratio['again']:.3f}"
               f"（目标 ≤ {TARGETS['no_change']}）")
    out.append(f"  - 什么都没改，`check`：{spread(checks)} s，之比 {ratio['check']:.3f}（目标 ≤ {TARGETS['no_change']}）")
    out.append(f"  - 改了一个单位，`all`：{spread(changed)} s，之比 {ratio['changed']:.3f}"
               f"（比没改时多 {statistics.median(changed) - statistics.median(again):.2f} s；"
               f"一个单位从头生成平均 {base_full / count * (os.cpu_count() or 1):.3f} s 进程时间）")
    out.append(f"  - 另一台机器（没有上次的结果，只有报告里的生成记录），`check`：{spread(cold)} s，之比 {ratio['cold']:.3f}")

    # (3) one unit as a process against bare docxtpl with a comparable plain template
    template, context = plain_template(folder)
    script = folder / "baseline.py"
    script.write_text(BASELINE, encoding="utf-8")
    ours_command = [PYTHON, "render.py", "report", str(UNIT), "-o", str(folder / "ours.docx")]
    base_command = [PYTHON, str(script), str(template), str(context), str(folder / "base.docx")]
    cold_env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    pairs, base_cpu = [], []
    ours_output = folder / "ours.docx"
    for _ in range(3 if quick else 9):                 # alternately: a slow spell hits both
        ours_output.unlink(missing_ok=True)           # a current report would be left as it is, not made
        ours_run = timed(ours_command)
        seconds, rss, cpu = timed_cpu(base_command)
        pairs.append((ours_run, (seconds, rss)))
        base_cpu.append(cpu)
    ours, base = [p[0][0] for p in pairs], [p[1][0] for p in pairs]
    peaks["one unit"] = max(p[0][1] for p in pairs)
    peaks["docxtpl"] = max(p[1][1] for p in pairs)
    first, nothing = [], []
    for _ in range(2 if quick else 5):
        forget_what_install_made()
        subprocess.run([PYTHON, "render.py", "warm"], cwd=ROOT, check=True, capture_output=True)
        ours_output.unlink(missing_ok=True)
        first.append(timed(ours_command, cold_env)[0])
        forget_what_install_made()
        ours_output.unlink(missing_ok=True)
        nothing.append(timed(ours_command, cold_env)[0])
    subprocess.run([PYTHON, "render.py", "warm"], cwd=ROOT, check=True, capture_output=True)
    b = statistics.median(base)
    ratios = {"warm": statistics.median(ours) / b, "first": statistics.median(first) / b,
              "nothing": statistics.median(nothing) / b}
    verdicts["ratio"] = max(ratios["warm"], ratios["first"]) <= TARGETS["ratio"]
    out.append(f"- (3) 一个单位（岳阳楼区）作为进程，docxtpl 基线（同样多段落和表格的朴素模板）{spread(base)} s：")
    out.append(f"  - 热（第二次起）{spread(ours)} s，比值 {ratios['warm']:.2f}")
    out.append(f"  - 安装后第一次（`warm` 已做，没有写字节码的权限）{spread(first)} s，比值 {ratios['first']:.2f}"
               f"（目标 ≤ {TARGETS['ratio']}）")
    out.append(f"  - 什么都没预先做（记录）{spread(nothing)} s，比值 {ratios['nothing']:.2f}")
    per_unit = statistics.median(cpus) / statistics.median(base_cpu)
    verdicts["per_unit_cpu"] = per_unit <= TARGETS["per_unit_cpu"]
    out.append(f"  - (1) 的从头生成每个单位 CPU {statistics.median(cpus):.4f} s，docxtpl 基线进程 CPU "
               f"{statistics.median(base_cpu):.3f} s，之比 {per_unit:.3f}（目标 ≤ {TARGETS['per_unit_cpu']}）")

    # (4) growth with the number of 一级项目, paragraphs, indicator rows: each added one costs the
    # same. Each paragraph and row its own text (bench/units.py): copies of one would measure
    # what is remembered of the first
    counts = (10, 100, 500, 2000)
    kinds = {"一级项目": units.with_projects, "段落": units.with_paragraphs, "绩效指标行": units.with_indicator_rows}
    # seven rounds at the least, and more for 30 s: a round of paragraphs or indicator rows
    # is half a second, and a slow spell of the host of a few seconds fell on all seven
    rounds, spell = (3, 0.0) if quick else (7, 30.0)
    flat = []
    for kind, make in kinds.items():
        whole = {}
        paths = {n: make(folder, n) for n in counts}
        for n, path in paths.items():
            times = []
            for _ in range(1 if quick and n == 2000 else 3):
                target = folder / f"g{n}.docx"
                target.unlink(missing_ok=True)          # a current report would be left as it is, not made
                seconds, rss = timed([PYTHON, "render.py", "report", str(path), "-o", str(target)])
                times.append(seconds)
                peaks[f"{n} 个{kind}"] = max(peaks.get(f"{n} 个{kind}", 0), rss)
            whole[n] = statistics.median(times)
        # the unit's own work, load to render (a process's start-up and the machine's noise are
        # larger than what ten paragraphs cost)
        least, made = units_cpu([paths[n] for n in counts], rounds, spell)
        cpu = dict(zip(counts, least))
        # linear: each stretch costs about the same per item
        marginal = [(cpu[b] - cpu[a]) / (b - a) * 1000 for a, b in zip(counts, counts[1:])]
        spread_of = max(marginal) / min(marginal) if min(marginal) > 0 else float("inf")
        flat.append(spread_of <= TARGETS["flat"])
        extra = ""
        if kind == "一级项目":
            # set as 5 s when the baseline took 0.32 s (2026-11-23): a ratio, so it holds on any machine
            projects_ratio = whole[2000] / b
            verdicts["projects2000"] = projects_ratio <= TARGETS["projects2000"]
            extra = (f"；2000 个整个进程 ÷ 基线 {whole[2000]:.2f} s ÷ {b:.2f} s = {projects_ratio:.1f}"
                     f"（目标 ≤ {TARGETS['projects2000']:.0f}）")
        out.append(f"- (4) {kind}：整个进程（中位数）" + "；".join(f"{n} 个 {whole[n]:.2f} s" for n in counts) +
                   f"；读取到生成的 CPU（轮流 {made} 次中最少）" + "；".join(f"{n} 个 {cpu[n]:.3f} s" for n in counts) +
                   "；每段每增加一个 " +
                   "、".join(f"{m:.3f} ms（{a}→{b_}）" for m, (a, b_) in zip(marginal, zip(counts, counts[1:]))) +
                   f"，最贵一段与最便宜一段之比 {spread_of:.2f}（目标 ≤ {TARGETS['flat']}）" + extra)
    verdicts["flat"] = all(flat)

    # (6) growth with the unit's size, per stage: its own process, as its units reach 2 MB
    command = [PYTHON, str(ROOT / "bench" / "growth.py"), "bench"] + (["--quick"] if quick else [])
    growth_out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    verdicts["linear"] = f"k ≤ {TARGETS['growth_k']}）：是" in growth_out
    out.append("- (6) 单位规模增长（`bench/growth.py`），各阶段的 CPU 秒数，与增长指数 k（t ∝ N^k，最后两个规模之间）：")
    out += ["", growth_out.rstrip(), ""]

    # (7) streaming: the parent's own memory does not grow with the units
    small, large = 100, 2000 if quick else 10000
    parent = {}
    for n in (small, large):
        seconds, rss, mb = parent_peak(folder, n)
        parent[n] = (seconds, mb)
        peaks[f"all {n} 个单位"] = rss
    grown = parent[large][1] / parent[small][1]
    verdicts["parent_memory"] = grown <= TARGETS["parent_memory"]
    out.append(f"- (7) 边处理边汇总：从头 `all`，主进程自己的峰值内存 {small} 个单位 {parent[small][1]:.0f} MB"
               f"（{parent[small][0]:.1f} s），{large} 个单位 {parent[large][1]:.0f} MB（{parent[large][0]:.1f} s），"
               f"之比 {grown:.2f}（目标 ≤ {TARGETS['parent_memory']}）")

    # (5) memory
    peak = max(peaks.values())
    verdicts["rss_mb"] = peak <= TARGETS["rss_mb"]
    out.append("- (5) 峰值常驻内存：" + "；".join(f"{k} {v:.0f} MB" for k, v in peaks.items()) +
               f"；最大 {peak:.0f} MB（目标 ≤ {TARGETS['rss_mb']:.0f} MB）")
    out.append("- 达标：" + "，".join(f"{k} {'是' if v else '否'}" for k, v in verdicts.items()))
    print("\n".join(out))
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
