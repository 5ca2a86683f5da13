"""The command line: thin. Turns ReportError into Chinese messages and exit code 1.

Each command imports what only it needs when it runs: `make report` is one process per
unit, and its start-up is most of its time (docs/benchmark.md)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from perfreport.commands.argparse_zh import ChineseParser
from perfreport.shared.errors import ReportError, UsageError
from perfreport.shared.findings import ERROR, LEVELS, Finding, visible
from perfreport.shared.invocation import how, program
from perfreport.commands.pipeline import (REPORTS, UNIT_NAME, all_units, check_file, make_report, new_unit_path, shown_path,
                                         unit_path)
from perfreport.document.write import clean_leftovers, write_atomic

STYLE = {"错误": "bold red", "警告": "yellow"}


class Output:
    """Findings to stderr: coloured in a terminal through rich, one plain line each when
    piped (rich would print the same plain line, but costs its import)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self._console = None

    @property
    def console(self):
        if self._console is None:
            from rich.console import Console
            self._console = Console(file=self.stream, soft_wrap=True, highlight=False)
        return self._console

    def _coloured(self) -> bool:
        return self.stream.isatty()

    def finding(self, finding: Finding) -> None:
        text = finding.text()
        if not self._coloured():
            print(text, file=self.stream)
            return
        from rich.text import Text
        line = Text(text)
        severity = "错误" if finding.is_error else "警告"
        start = line.plain.find(severity)
        if start >= 0:
            line.stylize(STYLE[severity], start, start + len(severity))
        self.console.print(line)

    def say(self, message: str, style: str = "") -> None:
        message = visible(message)          # it may quote a file name: no escape reaches the terminal
        if not self._coloured():
            print(message, file=self.stream)
            return
        from rich.text import Text
        self.console.print(Text(message, style=style))


def outline_name(text: str) -> str:
    """An outline a unit may choose (templates/outline*.yaml), by its name."""
    from perfreport.shared.outline import outline_files
    if text not in outline_files():
        raise argparse.ArgumentTypeError(f"没有名为“{text}”的提纲；可选：{'、'.join(outline_files())}")
    return text


def outline_file(text: str) -> Path:
    """An outline by its name, or any outline file (one being written, not yet in templates/)."""
    from perfreport.shared.outline import outline_files
    if text in outline_files():
        return outline_files()[text]
    path = Path(text)
    if not path.is_file():
        what = f"没有提纲文件 {text}" if text.endswith((".yaml", ".yml")) or "/" in text else f"没有名为“{text}”的提纲"
        raise argparse.ArgumentTypeError(f"{what}；可选的提纲：{'、'.join(outline_files())}，或一个提纲文件的路径")
    return path


def outline_option(command) -> None:
    command.add_argument("--outline", type=outline_file, default=None, metavar="提纲",
                         help="不按单位自己选的提纲（设置.提纲），而按这一份生成：提纲的名字（如 四部分）"
                              "或提纲文件的路径")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog=program(),
        description="部门（单位）整体支出绩效自评报告：从 reports/<单位>.yaml 生成 Word 文档，并核对每个数字。",
        epilog="退出码：0 成功；1 数据有错误（或 --strict 下有警告）；2 命令用法错误。")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    check = commands.add_parser(
        "check", help="校验并审核单位数据（不生成文档）",
        description="读取、校验并审核一个或全部单位的数据，列出全部错误和警告，不生成文档；"
                    "reports/ 下的单位还要核对提交的 .docx 是否就是数据和当前模板生成的结果。")
    check.add_argument("units", nargs="*", metavar="UNIT",
                       help="单位名（如 hengshan）或 YAML 文件路径；不写则检查 reports/ 下的全部单位")
    check.add_argument("--strict", action="store_true", help="有警告也按失败处理（退出码 1）")
    check.add_argument("--level", choices=LEVELS, metavar="程度",
                       help="只列出这一程度及更确定的警告：确定（数字互相矛盾）、疑似（对文字的理解可能有误）、"
                            "提示（值得看一眼）；错误总是列出。加 --strict 时只有列出的警告算失败")
    check.add_argument("--workers", type=int, metavar="N", help="同时检查的进程数；默认等于 CPU 核数")
    check.add_argument("--force", action="store_true",
                       help="全部重新审核、重新生成来核对 .docx（不用上一次运行的结果，也不信报告里的生成记录）")
    outline_option(check)

    report = commands.add_parser(
        "report", help="校验、审核并生成一个单位的 Word 报告",
        description="校验、审核一个单位的数据并生成完整的自评报告（.docx）。有错误时不写任何文件；"
                    "警告照常打印，报告照常生成。")
    report.add_argument("unit", metavar="UNIT", help="单位名（如 hengshan）或 YAML 文件路径")
    report.add_argument("-o", "--output", metavar="PATH", type=Path,
                        help="输出文件路径；默认是 YAML 旁边的同名 .docx（reports/hengshan.docx）")
    report.add_argument("--strict", action="store_true", help="有警告也不生成（退出码 1）")
    report.add_argument("--keep-copy", action="store_true",
                        help="报告在生成后被手工改过时，先把它另存为 <单位>.手改-<日期-时间>.docx，再生成新的"
                             "（不加时不会覆盖手工改过的报告）")
    outline_option(report)

    pdf = commands.add_parser(
        "pdf", help="把单位的 .docx 转成 PDF 预览（需要 LibreOffice）",
        description="用 LibreOffice 把 reports/<单位>.docx 转成 PDF（先运行 report 生成 .docx）；"
                    "多个单位在同一次 LibreOffice 运行中转换。")
    pdf.add_argument("units", nargs="*", metavar="UNIT", help="单位名或 .docx 路径；不写则转换 reports/ 下的全部单位")
    pdf.add_argument("--outdir", type=Path, metavar="DIR", help="PDF 放在哪里；默认与 .docx 同一文件夹")

    new = commands.add_parser(
        "new", help="新建一个单位：写出带说明的空白 reports/<单位>.yaml",
        description="写出 reports/<单位>.yaml：每个字段上面有中文说明，按说明填写即可。已有的单位不会被覆盖。")
    new.add_argument("unit", metavar="UNIT", help="新单位的名称（文件名），如 xinhua：小写字母开头，只用小写字母、数字、-、_")
    new.add_argument("--outline", type=outline_name, default=None, metavar="提纲",
                     help="单位用的提纲的名字（如 四部分），写进“设置.提纲”，空白文件按它列出各节的字段；"
                          "不写则用标准的十节提纲")
    new.add_argument("--from", dest="last_year", metavar="LASTYEAR",
                     help="从去年的单位生成今年的：去年的单位名（如 xinhua2023）或 .yaml 文件的路径；"
                          "职责、机构、编制、项目和指标带过来，上年决算数按去年的决算数填好，今年的数字和文字留空")

    imported = commands.add_parser(
        "import", help="把已有的报告（Word .docx 或 PDF，附表可以在 .xlsx 里）读成一个单位：写出 reports/<单位>.yaml 草稿",
        description="读入一份已有的自评报告（如去年在 Word 里打的），把附件1–3 的数字填进各自的字段，正文按节放入，"
                    "写出一个单位文件草稿；原文没有写的留空，由 check 列出。已有的单位不会被覆盖；读入失败时不写任何文件。")
    imported.add_argument("document", type=Path, metavar="FILE", help="报告文件（.docx 或 .pdf），或只有附表的工作簿（.xlsx）")
    imported.add_argument("unit", nargs="?", metavar="UNIT",
                          help="新单位的名称（文件名），如 xinhua；不写则用报告的文件名（须是小写字母、数字、-、_）")
    imported.add_argument("-o", "--output", type=Path, metavar="PATH",
                          help="写到这个 .yaml 文件（而不是 reports/<单位>.yaml）；已有的文件不会被覆盖")
    imported.add_argument("--forms", type=Path, action="append", default=[], metavar="WORKBOOK",
                          help="附表放在 Excel 工作簿（.xlsx）里的，一并读入（可以给几个）；报告里也有的表以报告为准")

    received = commands.add_parser(
        "audit", help="审核收到的报告（.docx、.pdf、.xlsx，或一个文件夹的报告），不用写 YAML",
        description="按 check 的规则审核别人交来的报告：报告照 import 的读法读入（不写任何文件），"
                    "每条警告和错误说明在报告的哪一节哪一段、哪张表哪一行哪一栏。给一个文件夹则审核其中全部报告。")
    received.add_argument("documents", nargs="+", type=Path, metavar="FILE",
                          help="报告文件（.docx、.pdf、.xlsx），或放报告的文件夹")
    received.add_argument("--format", choices=("text", "json"), default="text",
                          help="text：一条一行（默认）；json：每条一个对象，给别的程序读")
    received.add_argument("--xlsx", type=Path, metavar="PATH",
                          help="另把全部审核结果写成一个电子表格（每条一行），如 审核结果.xlsx")
    received.add_argument("--strict", action="store_true", help="有警告也按失败处理（退出码 1）")

    history = commands.add_parser(
        "history", help="列出一个单位各年度的主要数字（全年预算数、执行数、执行率、“三公”经费、总分、等级）",
        description="从 reports/ 里全称相同的单位、以及“设置.上年单位”一年年往前接起来的单位，列出各年度的主要数字，"
                    "一列一年；哪一年没有写的数字留空。")
    history.add_argument("units", nargs="+", metavar="UNIT", help="单位名或 .yaml 路径（任何一年的都可以）")

    schema = commands.add_parser(
        "schema", help="由 schema.yaml 重新生成 schema.json（编辑器的补全和提示用）",
        description="把 schema.yaml 转成 JSON Schema，写到 schema.json；改了 schema.yaml 之后运行。")
    schema.add_argument("--output", type=Path, metavar="PATH",
                        help="输出文件；默认是项目根目录的 schema.json")

    dump = commands.add_parser(
        "dump", help="把 .docx 报告打印成结构化文字（git diff 用）",
        description="按正文顺序打印报告：标题带 # 标记，表格一行一行、格子之间用 │ 分开，分页和分节单独一行。"
                    "git-setup 把它登记为 git 查看 .docx 差异的方式。")
    dump.add_argument("document", type=Path, metavar="FILE.docx", help="要打印的 Word 文档")

    setup = commands.add_parser(
        "git-setup", help="让 git diff 以文字显示 .docx 报告、按字比较中文、在差异里标出所在的节（每个克隆运行一次）",
        description="在当前 git 仓库里登记：.docx 报告用本工具的 dump 转成文字再比较；YAML 和报告的改动按字显示"
                    "（git diff --word-diff）；每段差异的标题行写出所在的节。路径里有空格也可以。")

    preview = commands.add_parser(
        "preview", help="生成报告的 PDF 并把每页转成 PNG，放在 build/preview/<单位>/（需要 LibreOffice 和 Poppler）",
        description="先把 reports/<单位>.docx 转成 PDF，再用 pdftoppm 把每页转成 60 dpi 的 PNG。")
    preview.add_argument("unit", metavar="UNIT", help="单位名，如 hengshan")

    commands.add_parser("warm", help="预先编译本程序和模板（安装时运行一次，第一次生成报告就和以后一样快）",
                        description="编译 perfreport 的字节码，并把模板的编译结果放在虚拟环境旁边的 perfreport-cache 里。")
    commands.add_parser("template", help="重新生成 templates/report.docx（改了 templates/build.py 之后）",
                        description="运行 templates/build.py，按 GB/T 9704 的版式重新生成 Word 模板。")
    tests = commands.add_parser("test", help="运行全部测试（需要 requirements-dev.txt 里的包）",
                                description="运行 pytest；后面的参数原样交给 pytest，如 test -k prose。")
    tests.add_argument("pytest_args", nargs=argparse.REMAINDER, metavar="…", help="交给 pytest 的参数")
    commands.add_parser("bench", help="性能测试（结果写在 docs/benchmark.md）",
                        description="单个单位与 docxtpl 基线之比、批量吞吐、项目数增长、峰值内存。")
    commands.add_parser("planted", help="审核的植入检查：在真实单位的副本里逐处植入不一致，每处应恰好一条警告",
                        description="读 bench/planted.txt，逐条植入并审核。")

    every = commands.add_parser(
        "all", help="校验、审核并生成全部单位的报告，写出汇总表",
        description="并行处理 reports/ 下的全部单位：有错误的单位报告错误、不生成文档，其他单位照常生成。"
                    "汇总表打印在屏幕上，并写到 reports/SUMMARY.md 和 reports/SUMMARY.xlsx。"
                    "有任何单位出错时退出码为 1。")
    every.add_argument("--workers", type=int, metavar="N", help="同时处理的进程数；默认等于 CPU 核数")
    every.add_argument("--keep-copy", action="store_true",
                       help="手工改过的报告先另存为 <单位>.手改-<日期-时间>.docx，再生成新的（不加时跳过这些单位并报错）")
    every.add_argument("--force", action="store_true",
                       help="全部重新生成（不用上一次运行的结果：没有变化的单位平时不再生成）")
    return parser


def units_or_none() -> list[Path]:
    """Every unit in reports/; a run over none is a mistake to say, not a silent success."""
    paths = all_units()
    if not paths:
        folder = shown_path(REPORTS)
        raise UsageError([Finding(ERROR, f"{REPORTS if folder == '.' else folder} 下没有单位（.yaml 文件）",
                                  hint=f"可以用 {how('new')} 新建一个")])
    return paths


def run_every(args, out: Output) -> int:
    # imported here: a single report should not pay for the batch machinery at start-up
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from perfreport.commands.batch import process_unit, run_all
    from perfreport.commands.summary import Summary
    paths = units_or_none()
    summary, table, run = Summary(), SummaryTable(), RunCounts()

    def done(result) -> None:            # in the order of the units, each as soon as it can be
        summary.add(result)
        table.add(result)
        run.add(result)
        if result.kept:
            out.say(f"{result.file}：手工改过的报告已另存为 {result.kept}", "yellow")

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=out.console, transient=False) as bar:
        task = bar.add_task("生成报告", total=len(paths))

        def advance(result) -> None:
            for finding in result.findings:
                if finding.is_error:
                    out.finding(finding)
            bar.advance(task)

        run_all(paths, workers=args.workers, progress=advance, task=process_unit,
                options=(args.keep_copy, args.force), sink=done)
    out.console.print(table.rich())
    summary.write(REPORTS)              # not made again when it would be the same (summary.py)
    from perfreport.commands.reuse import prune
    prune()
    out.say(f"汇总已写到 {shown_path(REPORTS / 'SUMMARY.md')} 和 {shown_path(REPORTS / 'SUMMARY.xlsx')}；"
            f"{run.units - run.failed} 个单位通过（{run.written} 个文档有变化），{run.failed} 个有错误",
            "red" if run.failed else "green")
    if run.failed:
        more = f"等 {run.failed} 个" if run.failed > len(run.failed_files) else ""
        out.say("有错误的单位：" + "、".join(run.failed_files) + more, "red")
    return 1 if run.failed else 0


class RunCounts:
    """What `all` says at the end, counted as the results pass: not the results themselves."""
    NAMED = 100                 # the failed units named in the last line; the rest are counted

    def __init__(self):
        self.units = self.failed = self.written = 0
        self.failed_files: list[str] = []

    def add(self, result) -> None:
        self.units += 1
        self.written += result.written
        if result.failed:
            self.failed += 1
            if len(self.failed_files) < self.NAMED:
                self.failed_files.append(result.file)


class SummaryTable:
    """The summary on the screen. Up to ROWS units, every one (as SUMMARY.md); a province is
    for the workbook, and the screen lists the units to look at first, those with errors or
    with warnings 确定, up to ROWS of them, and says where the rest are."""
    ROWS = 40

    def __init__(self):
        self.units = self.flagged = 0
        self.rows: list[tuple[list[str], bool, bool]] = []      # (cells, failed, to look at)

    def add(self, result) -> None:
        from perfreport.commands.summary import row_texts
        self.units += 1
        look = result.failed or result.certain > 0
        self.flagged += look
        if self.units == self.ROWS + 1:          # from here on, only those to look at
            self.rows = [r for r in self.rows if r[2]]
        if self.units <= self.ROWS or (look and len(self.rows) < self.ROWS):
            self.rows.append((row_texts(result), result.failed, look))

    def rich(self):
        from rich.table import Table

        from perfreport.commands.summary import COLUMNS, NOTE, TITLE
        if self.units <= self.ROWS:
            title, caption = TITLE, NOTE
        else:
            title = f"{TITLE}：有错误或“确定”警告的单位"
            listed = f"，列出前 {self.ROWS} 个" if self.flagged > self.ROWS else ""
            caption = (f"共 {self.units} 个单位，其中 {self.flagged} 个有错误或“确定”的警告{listed}；"
                       f"全部单位见 {shown_path(REPORTS / 'SUMMARY.xlsx')} 和 {shown_path(REPORTS / 'SUMMARY.md')}。"
                       + NOTE)
        table = Table(title=title, caption=caption)
        for index, column in enumerate(COLUMNS):
            table.add_column(column, justify="left" if index == 0 else "right", no_wrap=index > 0,
                             min_width=16 if index == 0 else None)
        for cells, failed, _ in self.rows:
            table.add_row(*cells, style="red" if failed else None)
        return table


def run_dump(args, out: Output) -> int:
    from perfreport.document.dump import dump          # reads the file within limits; a damaged one is a message
    sys.stdout.buffer.write(dump(args.document).encode("utf-8"))
    return 0


def run_schema(args, out: Output) -> int:
    from perfreport.unitfile.schema_json import SCHEMA_JSON, json_schema_text
    target = args.output or SCHEMA_JSON
    write_atomic(target, json_schema_text().encode("utf-8"))
    out.say(f"已生成 {shown_path(target)}", "green")
    return 0


def run_new(args, out: Output) -> int:
    from perfreport.unitfile.skeleton import skeleton
    if args.last_year is not None:
        return run_next_year(args, out)
    path = new_unit_path(args.unit)
    write_atomic(path, skeleton(args.unit, outline=args.outline).encode("utf-8"), exclusive=True)
    out.say(f"已生成 {shown_path(path)}：按注释填写，然后运行 {how('check')} 和 {how('report', args.unit)}", "green")
    return 0


def run_next_year(args, out: Output) -> int:
    """Next year's unit from last year's (derive/next_year.py): last year's must check without
    errors; the new file is written whole, only where no file is, then checked as `check` does."""
    from perfreport.commands.pipeline import examine
    from perfreport.derive.next_year import next_year
    from perfreport.unitfile.skeleton import SCHEMA_LINE
    from perfreport.unitfile.write import unit_yaml
    if args.outline is not None:
        raise UsageError([Finding(ERROR, "--from 和 --outline 不能同时用：今年的单位沿用去年的提纲",
                                  hint="要换提纲，生成后改“设置.提纲”")])
    source = unit_path(args.last_year)
    target = new_unit_path(args.unit)
    if os.path.realpath(source) == os.path.realpath(target):
        raise UsageError([Finding(ERROR, "今年的单位不能和去年的是同一个文件", hint="换一个单位名，如 xinhua2024")])
    last = examine(source, shown=shown_path(source))
    # a unit kept under another name since (文件名 no longer its file's): the new file has its own
    errors = [f for f in last.findings if f.is_error and f.rule != "文件名"]
    if errors:
        for finding in errors:
            out.finding(finding)
        out.say(f"{shown_path(source)} 还有错误，请先改正再从它生成下一年的单位", "red")
        return 1
    year = int(last.loaded.data["单位"]["年度"])
    carried = next_year(last.loaded.data, last.report, target.stem)
    # where last year's is, for the audit of the two years: its name in reports/, else its path from here
    same_folder = os.path.realpath(source.parent) == os.path.realpath(REPORTS) and UNIT_NAME.fullmatch(source.stem)
    if same_folder:
        where = source.stem
    else:
        try:
            where = os.path.relpath(source, target.parent)
        except ValueError:          # Windows: another drive has no relative path
            where = str(source.resolve())
    carried["设置"] = {**carried.get("设置", {}), "上年单位": where}
    carried = {k: carried[k] for k in ("单位", "设置")} | {k: v for k, v in carried.items() if k not in ("单位", "设置")}
    head = [SCHEMA_LINE,
            f"# 由 {program()} new {target.stem} --from {shown_path(source)} 从 {year} 年度的单位生成（{year + 1} 年度）：",
            "# 职责、机构、编制数、项目和绩效指标（名称、分值、指标值）照去年带过来，年份已顺延；上年决算数按去年的决算数填好。",
            "# 今年的预算和决算、实际完成值和得分、各节的文字、填报日期都要重新填写：make check 会逐项列出。"]
    write_atomic(target, ("\n".join(head) + "\n" + unit_yaml(carried)).encode("utf-8"), exclusive=True)
    findings = examine(target, shown=shown_path(target)).findings
    lacking = [f for f in findings if f.rule == "缺项"]
    in_reports = os.path.realpath(target.parent) == os.path.realpath(REPORTS)
    check = f"make check UNIT={target.stem}" if os.environ.get("MAKELEVEL") and in_reports else f"{program()} check {shown_path(target)}"
    out.say(f"已从 {shown_path(source)} 生成 {shown_path(target)}（{year + 1} 年度）：还有 {len(lacking)} 项要填写，"
            f"运行 {check} 查看", "green")
    return 0


def run_history(args, out: Output) -> int:
    from perfreport.commands.history import history_table, years_of
    tables = [history_table(years_of(unit_path(unit), REPORTS, shown_path), shown_path) for unit in args.units]
    sys.stdout.write("\n\n".join(tables) + "\n")
    return 0


def run_import(args, out: Output) -> int:
    """A report typed elsewhere as a draft unit: read (within limits; a file we cannot read writes
    nothing), written whole and only where no file is, then checked as `check` checks it."""
    from perfreport.commands.pipeline import examine
    from perfreport.foreign.read import read_document
    from perfreport.foreign.unit_text import unit_text
    if args.output is not None:
        target = args.output
        if target.suffix not in (".yaml", ".yml"):
            raise UsageError([Finding(ERROR, f"-o 要给一个 .yaml 文件，而不是 {target}",
                                      hint="如 -o reports/xinhua.yaml")])
        if os.path.lexists(target):
            raise UsageError([Finding(ERROR, f"{shown_path(target)} 已经存在，不会覆盖", hint="换一个文件名")])
    else:
        name = args.unit or args.document.stem
        if args.unit is None and not UNIT_NAME.fullmatch(name):
            line = (f"make import FILE={args.document} UNIT=xinhua" if os.environ.get("MAKELEVEL")
                    else f"{program()} import {args.document} xinhua")
            raise UsageError([Finding(ERROR, f"报告的文件名“{args.document.name}”不能直接做单位名",
                                      hint=f"请给出单位名（小写字母开头，只用小写字母、数字、-、_），如 {line}")])
        target = new_unit_path(name)
    shown = shown_path(args.document)
    found = read_document(args.document, shown, [(f, shown_path(f)) for f in args.forms])
    stem = target.stem
    if UNIT_NAME.fullmatch(stem):
        found.unit.setdefault("单位", {})["文件名"] = stem
        found.unit["单位"] = {"全称": found.unit["单位"].pop("全称", None), "文件名": stem, **found.unit["单位"]}
        if found.unit["单位"]["全称"] is None:
            del found.unit["单位"]["全称"]
    text = unit_text(found.unit, args.document.name, found.left, found.stated).encode("utf-8")
    write_atomic(target, text, exclusive=True)
    # checked as `check` checks it: the officer sees at once what the report did not state
    try:
        findings = examine(target, shown=shown_path(target)).findings
    except ReportError as refused:          # the file as written does not validate: said at its lines
        findings = refused.findings
    for finding in findings:
        out.finding(finding)
    in_reports = os.path.realpath(target.parent) == os.path.realpath(REPORTS)
    check = f"make check UNIT={stem}" if os.environ.get("MAKELEVEL") and in_reports else f"{program()} check {shown_path(target)}"
    left = f"，{len(found.left)} 处内容未能放入（见文件末尾的注释）" if found.left else ""
    errors = sum(f.is_error for f in findings)
    if errors:
        # a report that does not say whose or which year it is: the draft is kept, the fields are named
        out.say(f"已读入 {shown}，写出 {shown_path(target)}（{errors} 个错误{left}）：原报告没有写出上面这些必填的内容，"
                f"请补上后运行 {check}", "red")
        return 1
    out.say(f"已读入 {shown}，写出 {shown_path(target)}（{len(findings)} 条警告{left}）：核对、补全后运行 "
            f"{check} 和 {how('report', stem if in_reports else shown_path(target))}", "green")
    return 0


def run_audit(args, out: Output) -> int:
    """Each received report read and checked in memory; findings at their places in the report."""
    from perfreport.commands.received import as_json, audit_received, located, received_files, xlsx
    files: list[Path] = []
    for given in args.documents:
        if given.is_dir():
            found = received_files(given)
            if not found:
                raise UsageError([Finding(ERROR, f"{shown_path(given)} 里没有报告（.docx、.pdf、.xlsx）")])
            files += found
        else:
            files.append(given)
    results = [audit_received(path, shown_path(path)) for path in files]
    if args.format == "json":
        sys.stdout.write(as_json(results))
    else:
        for result in results:
            for finding, where in result.findings:
                out.finding(located(result, finding, where))
            said = f"{result.file}：{result.errors} 个错误，{result.warnings} 条警告"
            out.say(said, "red" if result.errors else "green")
    if args.xlsx is not None:
        write_atomic(args.xlsx, xlsx(results))
        out.say(f"审核结果已写到 {shown_path(args.xlsx)}（{sum(len(r.findings) for r in results)} 行）", "green")
    failed = sum(1 for r in results if r.errors or (args.strict and r.warnings))
    return 1 if failed else 0


def run_pdf(args, out: Output) -> int:
    from perfreport.document.pdf import convert
    documents = [Path(u) if u.endswith(".docx") else unit_path(u).with_suffix(".docx") for u in args.units]
    documents = documents or [p.with_suffix(".docx") for p in units_or_none()]
    missing = [Finding(ERROR, f"没有 {shown_path(p)}", hint=f"请先运行 {how('report', p.stem)}（或 {how('all')}）")
               for p in documents if not os.path.lexists(p)]
    if missing or not documents:
        raise UsageError(missing or [Finding(ERROR, f"{shown_path(REPORTS)} 下没有单位")])
    outdir = args.outdir or documents[0].parent
    for pdf in convert(documents, outdir):
        out.say(f"已生成 {shown_path(pdf)}", "green")
    return 0


def run_check(args, out: Output) -> int:
    """Every unit with the same worker pool as `all`; what each says is printed in the order
    of the units, as one process would."""
    from perfreport.commands.batch import check_unit, run_all, signals_deferred
    paths = [unit_path(u) for u in args.units] if args.units else units_or_none()
    if args.outline is not None:    # not the units' own outlines: the committed reports are not of it
        return _check_in_order(paths, args, out)
    # under --level the workers do not refuse on warnings: which count is decided here, on
    # the warnings shown
    failed = 0

    def said(result) -> None:           # each unit's lines as soon as those before it are out
        nonlocal failed
        with signals_deferred():        # whole: a Ctrl-C waits for the unit's last line
            failed += not _said_of(result, args, out)

    run_all(paths, workers=args.workers, task=check_unit, options=(args.strict and not args.level, args.force),
            sink=said)
    from perfreport.commands.reuse import prune
    prune()
    return 1 if failed else 0


def _said_of(result, args, out: Output) -> bool:
    """What `check` prints of one unit; False when it did not pass."""
    if result.failed:
        for finding in result.findings:
            out.finding(finding)
        if result.stale:
            out.finding(result.stale)
        return False
    shown = _shown_warnings(result.findings, args.level)
    for finding in shown:
        out.finding(finding)
    passed = _passed(len(shown), len(result.findings) - len(shown), args.level)
    if args.strict and shown:
        out.say(f"{result.file}：未通过（--strict：{passed.removeprefix('（').removesuffix('）')}）", "red")
        return False
    # a unit named on the command line may be new: checked before its first report is
    # made (README: 新建一个单位), that is the next step, not a failure. Over all of
    # reports/ a unit without its report is one not committed whole.
    if args.units and result.unmade:
        out.say(f"{result.file}：通过{passed}；报告还没有生成，下一步运行 "
                f"{how('report', Path(result.file).stem)}", "green")
        return True
    if result.stale:
        out.finding(result.stale)
        return False
    out.say(f"{result.file}：通过{passed}", "green")
    return True


def _shown_warnings(findings: list[Finding], level: str | None) -> list[Finding]:
    """The warnings `check --level` lists: that level and surer (all of them without it)."""
    return [f for f in findings if not f.is_error and (level is None or f.at_least(level))]


def _passed(shown: int, hidden: int, level: str | None) -> str:
    """（3 条警告）, and under --level how many less certain ones were left out."""
    if not hidden:
        return f"（{shown} 条警告）"
    which = f"“{level}”" if level == LEVELS[0] else f"“{level}”及以上"
    return f"（{shown} 条{which}的警告；另有 {hidden} 条程度较低的未列出，去掉 --level 可看全部）"


def _check_in_order(paths: list[Path], args, out: Output) -> int:
    failed = 0
    for path in paths:
        try:
            checked = check_file(path, strict=args.strict and not args.level, outline=args.outline)
        except ReportError as exc:
            failed += 1
            for finding in exc.findings:
                out.finding(finding)
            continue
        shown = _shown_warnings(checked.warnings, args.level)
        for finding in shown:
            out.finding(finding)
        passed = _passed(len(shown), len(checked.warnings) - len(shown), args.level)
        if args.strict and shown:
            failed += 1
            out.say(f"{shown_path(path)}：未通过（--strict：{passed.removeprefix('（').removesuffix('）')}）", "red")
            continue
        out.say(f"{shown_path(path)}：通过{passed}", "green")
    return 1 if failed else 0


def run_report(args, out: Output) -> int:
    source = unit_path(args.unit)
    target = args.output or source.with_suffix(".docx")
    made = make_report(source, target=target, strict=args.strict, outline=args.outline, keep_copy=args.keep_copy)
    for finding in made.checked.warnings:
        out.finding(finding)
    if made.kept:
        out.say(f"手工改过的报告已另存为 {shown_path(made.kept)}", "yellow")
    out.say(f"已生成 {shown_path(target)}（{len(made.checked.warnings)} 条警告）", "green")
    return 0


def run_git_setup(args, out: Output) -> int:
    from perfreport.commands.tasks import git_setup
    config = str(git_setup()).replace("\n", "⏎")      # a folder's name may hold a line break
    out.say(f"已设置（{config}）并试过：git diff 会把 .docx 报告显示为文字，git diff --word-diff 按字显示中文的改动",
            "green")
    return 0


def run_preview(args, out: Output) -> int:
    from perfreport.document.pdf import convert
    from perfreport.commands.tasks import preview
    document = unit_path(args.unit).with_suffix(".docx")
    if not document.exists():
        raise UsageError([Finding(ERROR, f"没有 {shown_path(document)}", hint=f"请先运行 {how('report', args.unit)}")])
    pdf, = convert([document], document.parent)
    pages = preview(pdf, Path("build") / "preview" / document.stem)
    out.say(f"已生成 {len(pages)} 页：build/preview/{document.stem}/page-*.png", "green")
    return 0


def run_template(args, out: Output) -> int:
    from perfreport.commands.pipeline import ROOT
    from perfreport.commands.tasks import run_script, warm
    code = run_script(ROOT / "templates" / "build.py")
    if code == 0:
        warm()                  # the new template compiled now, not at the next first run
    return code


def run_warm(args, out: Output) -> int:
    from perfreport.commands.tasks import warm
    out.say("已预先编译：" + "、".join(warm()), "green")
    return 0


def run_test(args, out: Output) -> int:
    from perfreport.commands.tasks import run_tests
    return run_tests(args.pytest_args)


def run_bench(args, out: Output) -> int:
    from perfreport.commands.pipeline import ROOT
    from perfreport.commands.tasks import run_script
    return run_script(ROOT / "bench" / "bench.py")


def run_planted(args, out: Output) -> int:
    from perfreport.commands.pipeline import ROOT
    from perfreport.commands.tasks import run_script
    return run_script(ROOT / "bench" / "planted.py")


COMMANDS = {"check": run_check, "report": run_report, "pdf": run_pdf, "new": run_new, "import": run_import, "history": run_history, "audit": run_audit,
            "schema": run_schema, "dump": run_dump, "all": run_every, "git-setup": run_git_setup,
            "preview": run_preview, "template": run_template, "warm": run_warm, "test": run_test, "bench": run_bench,
            "planted": run_planted}


INTERRUPTED = 130        # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C


def _terminate(signum, frame):
    """SIGTERM ends a run as Ctrl-C does: a write under way removes its temporary file. Once:
    a second Ctrl-C (or the SIGTERM a terminal's group gets with it) while the run cleans up
    and says so must not cut that short with a traceback."""
    import signal
    for name in ("SIGINT", "SIGTERM"):
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise KeyboardInterrupt


def survive_any_console() -> None:
    """A Windows console in GBK cannot show every character a message may quote (⏎, an
    emoji typed in a value): it gets a replacement character, never an exception."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    import signal
    survive_any_console()
    out = Output()
    args = build_parser().parse_args(argv)
    if threading_main():
        # not put back on return: a signal after the first is to be ignored until the very end
        signal.signal(signal.SIGINT, _terminate)
        signal.signal(signal.SIGTERM, _terminate)
    try:
        if args.command != "dump":       # git runs dump on other people's commits: it only reads
            clean_leftovers(REPORTS)
        return COMMANDS[args.command](args, out)
    except ReportError as exc:
        for finding in exc.findings:
            out.finding(finding)
        return 1
    except KeyboardInterrupt:
        out.say("已中断：没有写出不完整的文件", "yellow")
        return INTERRUPTED


def threading_main() -> bool:
    import threading
    return threading.current_thread() is threading.main_thread()
