"""Growth with a unit's size, per stage (issue 20): how long load, validate, derive, audit and
render take for units made larger and larger in one direction, up to the file's limits
(load.MAX_FILE_BYTES 2 MB, load.MAX_VALUES values built).

Each unit is the minimal one (tests/fixtures/minimal.yaml) with one part made big (SHAPES):
one paragraph of N amounts, each in its own clause (`paragraph`) or all in one (`clause`);
N runs of every kind of statement the prose audit reads in one sentence (`mixed`); N
paragraphs (`sentences`); N one-line 一级项目 (`projects`, a 缺项 warning each); N projects
each with its own 上年结转资金 and a paragraph naming them (`carried`); N keys the schema
does not know (`unknown`, an error each); a table of N rows (`table`) or N columns (`wide`);
N rows of 绩效指标 (`indicators`).

Each stage is timed in CPU seconds of this process (other work on the machine weighs on it
less than on the clock), beside a baseline measured in the same run: libyaml composing the
same text. A stage is linear when its time grows as N does: `bench` gives, for each stage,
k in t ∝ N^k between the two largest sizes (make bench, docs/benchmark.md).

    .venv/bin/python bench/growth.py paragraph 1000 4000 16000
    .venv/bin/python bench/growth.py projects 1000 10000 40000 --stages load,validate,derive,audit
    .venv/bin/python bench/growth.py bench [--quick]
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
NARRATIVE = "部门整体支出绩效情况: [运转正常。]"
AMOUNT = "支出12.34万元，"
STAGES = ("load", "validate", "derive", "audit", "render")


def _minimal(name: str, budget: str = "预算: {年初预算数: 10, 全年预算数: 10, 全年执行数: 10}") -> str:
    """The minimal unit named `name`, by default with a known 全年执行数 (10 万元) that no
    generated amount agrees with: every amount stated in the unit's words is a warning."""
    text = MINIMAL.read_text(encoding="utf-8").replace("文件名: minimal", f"文件名: {name}")
    assert "预算: {年初预算数: 10, 全年预算数: 10}" in text and NARRATIVE in text
    return text.replace("预算: {年初预算数: 10, 全年预算数: 10}", budget)


def _words(name: str, paragraph: str, budget: str | None = None) -> str:
    return (_minimal(name, budget) if budget else _minimal(name)).replace(NARRATIVE, f"部门整体支出绩效情况:\n  - {paragraph}运转正常。")


def paragraph_text(count: int, amount: str = AMOUNT) -> str:
    """One paragraph, one sentence, of `count` amounts, each in its own clause."""
    return _words("paragraph", amount * count)


def clause_text(count: int) -> str:
    """One clause of `count` amounts: no comma between them (年 lets 支出 open a figure)."""
    return _words("clause", "年支出12.34万元" * count)


# every kind of statement the prose audit reads, in one clause-separated run: labels, aspect
# words of the sentence's subject, a scoped label, shares, rates, scores, grades, a claim of
# staying within budget, a change and another year (left alone), quotation marks
MIXED = ("整体支出控制在预算以内，基本支出8.5万元，实际支出9万元，占总支出的85%，“三公”经费预算1万元，结余0.5万元，执行率为90%，"
         "政府采购支出2万元，其中：货物1万元，自评得分95分，评价等级为良，控制在预算以内，较上年增加基本支出1万元，"
         "2022年项目支出5万元，在职3人，")


def mixed_text(count: int) -> str:
    """One sentence of `count` runs of MIXED; the unit spent more than its budget (预算表述)."""
    return _words("mixed", MIXED * count, "预算: {年初预算数: 10, 全年预算数: 10, 全年执行数: 12}")


def sentences_text(count: int) -> str:
    """`count` paragraphs of one short sentence each."""
    text = _minimal("sentences")
    return text.replace(NARRATIVE, "部门整体支出绩效情况:\n" + "".join(
        f"  - 基本支出{i % 97}.5万元。\n" for i in range(count)))


def projects_text(count: int) -> str:
    """`count` 一级项目, one line each, nothing but a name: a 缺项 warning each."""
    return _minimal("projects", "预算: {年初预算数: 10, 全年预算数: 10}") + "项目:\n" + "".join(
        f"  - 名称: 项目{i + 1}\n" for i in range(count))


def carried_text(count: int) -> str:
    """`count` projects, each with its own 上年结转资金 (a figure of the 上年结转 subject: it has
    `count` of them), and a paragraph naming 上年结转 `count` // 10 times, each time with one of
    them, and once with none (a warning quoting them all)."""
    words = "".join(f"上年结转{i + 1}万元，" for i in range(count // 10)) + "上年结转0.5万元，"
    text = _minimal("carried", "预算: {年初预算数: 10, 全年预算数: 10}").replace(
        NARRATIVE, f"部门整体支出绩效情况:\n  - {words}运转正常。")
    return text + "项目:\n" + "".join(
        f"  - {{名称: 项目{i + 1}, 上年结转资金: {{全年执行数: {i + 1}}}}}\n" for i in range(count))


def unknown_text(count: int) -> str:
    """`count` keys the schema does not know, in one mapping: an error each (validate)."""
    return _minimal("unknown").replace("单位:\n", "单位:\n" + "".join(f"  未知{i}: 1\n" for i in range(count)))


def table_text(count: int) -> str:
    """A table of the unit's own of about `count` rows: money available (上年结转) and left over
    (本年结转) at its head, then in fours two rows, a 小计 that is wrong and a 合计 (表格合计)."""
    rows = "        - [上年结转, \"1\", \"2\"]\n        - [本年结转, \"1\", \"2\"]\n" + "".join(
        f"        - [收入{i}, \"1\", \"2\"]\n        - [支出{i}, \"1\", \"2\"]\n"
        "        - [小计, \"3\", \"5\"]\n        - [合计, \"2\", \"4\"]\n" for i in range(count // 4))
    return _minimal("table").replace(NARRATIVE, "部门整体支出绩效情况:\n  - 表格:\n      单位: 万元\n"
                                     "      列: [项目, 年初, 全年]\n      行:\n" + rows)


def wide_text(count: int) -> str:
    """A table of `count` columns, every fifth a 合计 (so many totals across a row)."""
    columns = ", ".join("合计" if c % 5 == 4 else f"列{c}" for c in range(count))
    cells = ", ".join("\"9\"" if c % 5 == 4 else "\"1\"" for c in range(count))
    return _minimal("wide").replace(NARRATIVE, "部门整体支出绩效情况:\n  - 表格:\n      单位: 万元\n"
                                    f"      列: [{columns}]\n      行:\n        - [{cells}]\n")


def indicators_text(count: int) -> str:
    """`count` rows in 附件2's 绩效指标, each one scored wrong (得分复核, 偏差原因)."""
    text = _minimal("indicators")
    head = text.index("绩效指标:\n")
    tail = text.index("部门整体支出绩效情况")
    rows = "".join(f"  - {{二级指标: 数量指标, 三级指标: 指标{i}, 年度指标值: ≥10件, 实际完成值: 9件, 分值: 1, 得分: 1}}\n"
                   for i in range(count))
    return text[:head] + "绩效指标:\n" + rows + text[tail:]


SHAPES = {"paragraph": paragraph_text, "clause": clause_text, "mixed": mixed_text, "sentences": sentences_text,
          "projects": projects_text, "carried": carried_text, "unknown": unknown_text, "table": table_text,
          "wide": wide_text, "indicators": indicators_text}


def write_unit(folder: Path, shape: str, count: int) -> Path:
    """The unit of this shape and size, as <folder>/<shape>.yaml."""
    path = folder / f"{shape}.yaml"         # 文件名 must be the file's own name (rule 文件名)
    path.write_text(SHAPES[shape](count), encoding="utf-8")
    return path


def time_stages(path: Path, stages=STAGES) -> dict[str, float]:
    """Seconds of each stage of one run, and of the baseline (libyaml compose of the text)."""
    import yaml
    from perfreport.audit import audit
    from perfreport.derive import derive
    from perfreport.unitfile.load import load
    from perfreport.shared.outline import load_outline
    from perfreport.unitfile.schema import load_schema
    from perfreport.unitfile.validate import check
    schema, outline = load_schema(), load_outline()
    text = path.read_text(encoding="utf-8")
    times: dict[str, float] = {}
    composed = []
    for _ in range(5):                  # the baseline is short: the least of a few, against noise
        start = time.process_time()
        yaml.compose(text, Loader=yaml.CSafeLoader)
        composed.append(time.process_time() - start)
    times["compose"] = min(composed)
    start = time.process_time()
    loaded = load(path, path.name)
    times["load"] = time.process_time() - start
    if "validate" in stages:
        start = time.process_time()
        problems = check(loaded, schema)
        times["validate"] = time.process_time() - start
        if problems:                    # no report from it: the errors are what was measured
            times["findings"] = len(problems)
            return times
    start = time.process_time()
    report = derive(loaded.data, outline)
    times["derive"] = time.process_time() - start
    if "audit" in stages:
        start = time.process_time()
        findings = audit(loaded, report)
        times["audit"] = time.process_time() - start
        times["findings"] = len(findings)
    if "render" in stages:
        from perfreport.document.report_docx import render
        start = time.process_time()
        render(report, source=path.name)
        times["render"] = time.process_time() - start
    return times


def measure(shape: str, counts, stages=STAGES, runs: int = 3, pick=statistics.median) -> list[dict]:
    """For each size, the median (or `pick`) of `runs` runs of each stage (each run measures
    its own baseline)."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            path = write_unit(Path(folder), shape, count)
            samples = [time_stages(path, stages) for _ in range(runs)]
            row = {"count": count, "bytes": path.stat().st_size}
            for key in samples[0]:              # every sample has the same stages
                row[key] = pick([s[key] for s in samples])
            rows.append(row)
    return rows


STAGE_NAMES = {"compose": "基线 compose", "load": "读取 load", "validate": "校验 validate", "derive": "计算 derive",
               "audit": "审核 audit", "render": "生成 render"}

# For `make bench`: each shape at three sizes, a sixteenth, a quarter and all of what the limits
# allow (MAX_FILE_BYTES 2 MB, MAX_VALUES 100 000 values built)
BENCH = {"paragraph": 100_000, "clause": 100_000, "mixed": 5_500, "sentences": 64_000, "projects": 48_000,
         "carried": 24_000, "unknown": 96_000, "table": 24_000, "wide": 48_000, "indicators": 14_000}
# below this a stage's time is mostly noise: no growth figure from it
NOISE = 0.05
# Between sizes four times apart a quadratic stage gives k = 2, a linear one 1; what the
# collector and the caches add as memory grows, and the machine's noise on the least of two
# runs, stay within this
LINEAR_K = 1.4


def sizes(largest: int, quick: bool = False) -> list[int]:
    top = largest // 16 if quick else largest
    return [top // 16, top // 4, top]


def exponent(rows: list[dict], stage: str) -> float | None:
    """How a stage's time grows between the last two sizes: t ∝ N^k; 1 is linear, 2 quadratic."""
    (a, b) = rows[-2], rows[-1]
    if stage not in a or stage not in b or min(a[stage], b[stage]) < NOISE:
        return None
    return math.log(b[stage] / a[stage]) / math.log(b["count"] / a["count"])


def table(shape: str, rows: list[dict], with_shape: bool = False) -> str:
    """Markdown rows: size, the baseline and each stage's CPU seconds, the findings."""
    out = []
    for row in rows:
        cells = ([shape] if with_shape else []) + [str(row["count"]), f"{row['bytes'] / 1024:.0f}"]
        cells += [f"{row[s]:.3f}" if s in row else "—" for s in ("compose",) + STAGES]
        cells.append(str(int(row.get("findings", 0))))
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def table_head(with_shape: bool = False) -> str:
    head = (["单位"] if with_shape else []) + ["N", "KB"] + [STAGE_NAMES[s] for s in ("compose",) + STAGES] + ["条数"]
    return "| " + " | ".join(head) + " |\n|" + " --- |" * len(head)


def bench(quick: bool = False, runs: int = 2) -> tuple[str, bool]:
    """Every shape at its three sizes, the least of `runs` runs: the seconds table, the growth
    table, and whether every stage grew linearly (k ≤ LINEAR_K)."""
    seconds, growth, linear = [table_head(True)], [], True
    growth.append("| 单位 | " + " | ".join(STAGE_NAMES[s] for s in ("compose",) + STAGES) + " |")
    growth.append("|" + " --- |" * (len(STAGES) + 2))
    for shape, largest in BENCH.items():
        rows = measure(shape, sizes(largest, quick), runs=runs, pick=min)
        seconds.append(table(shape, rows, with_shape=True))
        ks = {s: exponent(rows, s) for s in ("compose",) + STAGES}
        linear = linear and all(k is None or k <= LINEAR_K for s, k in ks.items() if s != "compose")
        growth.append(f"| {shape} | " + " | ".join("—" if k is None else f"{k:.2f}" for k in ks.values()) + " |")
        print(seconds[-1], file=sys.stderr, flush=True)     # progress, for a long run
    return "\n".join(seconds) + "\n\n" + "\n".join(growth), linear


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shape", choices=sorted(SHAPES) + ["bench"])
    parser.add_argument("counts", type=int, nargs="*")
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="bench: sizes a sixteenth of the full ones")
    parser.add_argument("--json", action="store_true", help="the measurements as JSON, one row a size")
    options = parser.parse_args()
    if options.shape == "bench":
        text, linear = bench(options.quick)
        print(text)
        print(f"\n线性（每一步 k ≤ {LINEAR_K}）：{'是' if linear else '否'}")
        return 0
    rows = measure(options.shape, options.counts, tuple(options.stages.split(",")), options.runs)
    if options.json:
        import json
        print(json.dumps(rows))
        return 0
    print(table_head())
    print(table(options.shape, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
