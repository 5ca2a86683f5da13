"""The forms 附件1–3 read from grids of cells by their labels, wherever the cells stand: a
label found by its text (typed with spaces, over several lines, full-width), its figures by the
column whose head names them, merged cells from any position they cover. A cell the form leaves
blank stays out of the unit (blank is "not known"); what cannot be placed is said in `left`,
with the table and row it stood in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from perfreport.forms.basic_data import LINES, PUBLIC_ITEMS, THREE_PUBLIC
from perfreport.forms.indicators import GROUP_OF
from perfreport.foreign.grid import Grid, label_key, number_text, plain_text
from perfreport.unitfile.load import format_path

LEADING_NUMBER = re.compile(r"^(其中[:：]|[（(]?[0-9一二三四五六七八九十]+[)）]?[、.．]?)+")


def line_name(text: str) -> str:
    """A row label without its typed numbering or 其中：, as compared ("1、公务接待" -> "公务接待")."""
    key = label_key(text).rstrip(":：")
    return LEADING_NUMBER.sub("", key) or key


class Figure(str):
    """A figure as the unit typed it ("5.00", "180"): written into the unit file as that number,
    digit for digit, so the report prints it as given."""


def figure(text: str) -> Figure | None:
    """A cell's figure, or None when the cell is blank or holds no figure."""
    t = number_text(text)
    if t is None:
        return None
    try:
        Decimal(t)
    except InvalidOperation:
        return None
    return Figure(t.lstrip("+"))


@dataclass
class Sink:
    """Where a form's cells go: a unit's fields (附件1, 附件2) or one project's (附件3), with the
    place in the document each value came from, by its path (said with the audit's findings)."""
    target: dict
    form: str                                         # 附件1, 附件2, 附件3“政务大厅运行维护”
    origins: dict = field(default_factory=dict)       # 人员编制.编制数 -> 附件1第3行“编制数”栏
    rows_before: int = 0                              # the form's rows in its tables before this one (its pages)

    def put(self, path: tuple, value, where: str = "") -> None:
        if value is None or value == "" or value == {}:
            return
        node = self.target
        for key in path[:-1]:
            node = node.setdefault(key, {})
        if path[-1] in node:
            return                                    # the first the document states is kept
        node[path[-1]] = value
        self.origins[format_path(path)] = f"{self.form}{where}"

    def at(self, r: int, label: str = "", column: str = "") -> str:
        return f"第{self.rows_before + r + 1}行" + (f"“{label}”" if label else "") + (f"“{column}”栏" if column else "")


@dataclass
class Read:
    """What the forms gave: the unit's fields, 附件1's project rows, each 附件3, and what could not be placed."""
    fields: Sink = field(default_factory=lambda: Sink({}, "附件1"))
    projects: list = field(default_factory=list)          # Sinks of 附件1's project rows
    project_forms: list = field(default_factory=list)     # Sinks of 附件3, one per project
    left: list = field(default_factory=list)
    execution: list = field(default_factory=list)         # (全年预算数, 全年执行数, 分值, 得分) as printed


# ------------------------------------------------------------------ which form a table is

def kind_of(grid: Grid) -> str | None:
    if grid.holds("经费控制情况", "财政供养人员情况", "楼堂馆所控制情况", "厉行节约保障措施", "三公经费"):
        return "basic_data"
    if grid.holds("项目支出名称", "项目名称"):
        return "project"
    if grid.holds("预算单位名称", "年度资金总额", "年度总体目标"):
        return "overall"
    if grid.holds("一级指标"):
        return "indicators"            # a page of the indicator block of the form before it
    return None


# ------------------------------------------------------------------ 附件1

BASIC_BY_NAME = {line_name(line.label): line for line in LINES.values()}
MONEY_COLUMNS = ("上年决算数", "本年预算数", "本年决算数")
TEMPLATE_ROW = re.compile(r"[（(]一个.{0,8}一[行张][)）]")


def _money_heads(grid: Grid, row: int) -> dict[int, str] | None:
    """The columns of 附件1's money block by their heads (2022年决算数 | 2023年预算数 | 2023年决算数)."""
    heads = {}
    final = [c for c in grid.distinct(row) if "决算" in c.key]
    for cell in grid.distinct(row):
        if "预算" in cell.key and "决算" not in cell.key and cell.col > 0:
            heads[cell.col] = "本年预算数"
        elif cell in final:
            heads[cell.col] = "上年决算数" if len(final) > 1 and cell is final[0] else "本年决算数"
    return heads if "本年决算数" in heads.values() else None


def read_basic_data(grid: Grid, out: Read) -> None:
    sink = out.fields
    heads: dict[int, str] | None = None
    in_projects = False
    for r in range(len(grid.rows)):
        cells = grid.distinct(r)
        if not cells:
            continue
        first = cells[0]
        name = line_name(first.text)
        label = plain_text(first.text)
        found = _money_heads(grid, r)
        if found:
            heads = found
            continue
        if first.key.startswith("预算单位名称") and len(cells) > 1:
            sink.put(("单位", "全称"), plain_text(cells[1].text), sink.at(r, "预算单位名称"))
            continue
        if "编制数" in [c.key for c in cells]:
            labels = {c.col: c.key for c in cells}
            for cell in grid.distinct(r + 1) if r + 1 < len(grid.rows) else []:
                head = labels.get(cell.col, "")
                if head == "编制数":
                    sink.put(("人员编制", "编制数"), figure(cell.text), sink.at(r + 1, column="编制数"))
                elif "在职人数" in head:
                    sink.put(("人员编制", "在职人数"), figure(cell.text), sink.at(r + 1, column="在职人数"))
            continue
        if first.key.startswith("厉行节约保障措施"):
            sink.put(("厉行节约保障措施",), plain_text(" ".join(c.text for c in cells[1:])), sink.at(r, label))
            continue
        if first.key.startswith("楼堂馆所控制情况"):
            _building(grid, r, out)
            continue
        if heads is None or first.rowspan > 1 and first.row != r:
            continue
        values = {heads[c.col]: figure(c.text) for c in cells if c.col in heads}
        line = BASIC_BY_NAME.get(name)
        if name == "项目支出":
            in_projects = True
            _three(sink, ("项目支出",), values, r, label)
        elif name == "公用经费":
            in_projects = False
            for key, column in (("上年决算数", "上年决算数"), ("年初预算数", "本年预算数"), ("全年执行数", "本年决算数")):
                sink.put(("基本支出", "公用经费", key), values.get(column), sink.at(r, label, column))
        elif line is not None:
            in_projects = False
            _three(sink, line.path, values, r, label)
        elif name.startswith("政府采购"):
            in_projects = False
            _three(sink, ("政府采购",), values, r, label)
        elif name == "部门基本支出预算调整":
            _three(sink, ("部门基本支出预算调整",), values, r, label)
        elif in_projects and TEMPLATE_ROW.search(label) and not any(v is not None for v in values.values()):
            # the blank form's own guidance ("3、区级专项资金(一个专项一行)"), left as it came
            out.left.append(f"附件1（{grid.where}）第{r + 1}行“{label}”：空白表的提示行，没有数字，未读入")
        elif in_projects and name:
            project = Sink({}, sink.form)
            project.put(("名称",), plain_text(LEADING_NUMBER.sub("", first.text.strip()) or first.text), project.at(r, label))
            for key, column in (("上年决算数", "上年决算数"), ("年初预算数", "本年预算数"), ("全年执行数", "本年决算数")):
                project.put((key,), values.get(column), project.at(r, label, column))
            out.projects.append(project)
        elif name:
            out.left.append(f"附件1（{grid.where}）第{r + 1}行“{label}”：附件1 没有这一行，未读入")


def _three(sink: Sink, path: tuple, values: dict, r: int, label: str) -> None:
    for column in MONEY_COLUMNS:
        sink.put((*path, column), values.get(column), sink.at(r, label, column))


BUILDING_HEADS = {"批复规模": "批复规模", "实际规模": "实际规模", "预算投资": "预算投资", "实际投资": "实际投资"}


def _building(grid: Grid, r: int, out: Read) -> None:
    """楼堂馆所: the head row names the columns; the rows under it (its label merged down them)
    are the buildings, each row's figures under its heads. The form has no column for a
    building's name, so a row with figures is said, not invented a name."""
    heads = {}
    for cell in grid.distinct(r)[1:]:
        for word, key in BUILDING_HEADS.items():
            if cell.key.startswith(word):
                heads[cell.col] = key
    label = grid.distinct(r)[0]
    for row in range(r + 1, label.row + label.rowspan):
        values = {heads[c.col]: figure(c.text) for c in grid.distinct(row) if c.col in heads}
        if any(v is not None for v in values.values()):
            out.left.append(f"附件1（{grid.where}）第{row + 1}行：楼堂馆所的一行有数字，但表里没有项目名称，请在“楼堂馆所”下填写"
                            f"（{'，'.join(f'{k}{v}' for k, v in values.items() if v is not None)}）")


# ------------------------------------------------------------------ 附件2 and 附件3

FUNDS = {"年初预算数": "年初预算数", "全年预算数": "全年预算数", "全年执行数": "全年执行数"}
SOURCES = ("当年财政拨款", "上年结转资金", "其他资金")


def read_top(grid: Grid, sink: Sink, out: Read, overall: bool) -> None:
    """The top part of 附件2 (overall: the unit's 预算 and 年度总体目标) or of one 附件3 (the
    project's name rows, its funds and their sources, its 年度总体目标)."""
    funds = ("预算",) if overall else ()
    heads: dict[int, str] = {}
    scoring: dict[int, str] = {}
    for r in range(len(grid.rows)):
        cells = grid.distinct(r)
        keys = [c.key for c in cells]
        found = {c.col: FUNDS[k] for c in cells for k in FUNDS if c.key.startswith(k)}
        if len(found) >= 2:
            heads = found
            scoring = {c.col: k for c in cells for k in ("分值", "执行率", "得分") if c.key.endswith(k)}
            continue
        for i, cell in enumerate(cells[:-1]):
            k, value = cell.key, plain_text(cells[i + 1].text)
            if not overall and (k.startswith("项目支出名称") or k == "项目名称"):
                sink.put(("名称",), value, sink.at(r, plain_text(cell.text)))
            elif not overall and k in ("主管部门", "实施单位"):
                sink.put((k,), value, sink.at(r, k))
            elif overall and k.startswith("预算单位名称"):
                sink.put(("单位", "全称"), value, sink.at(r, "预算单位名称"))
        if heads:
            label = next((c for c in cells if c.key.startswith(("年度资金总额", "资金总额", *SOURCES))), None) or \
                next((c for c in cells if 0 < c.col < min(heads)), None) or cells[0]
            name = line_name(label.text)
            # the cells right of the label, in order, under the heads in order: the same as by
            # column in a well-made grid, and right where a row has a cell more or less than its head
            order = sorted({**heads, **scoring}.items())
            after = [c for c in cells if c.col > label.col]
            by_head = dict(zip((k for _, k in order), after))
            values = {k: figure(by_head[k].text) if k in by_head else None for k in heads.values()}
            if name.startswith(("年度资金总额", "资金总额")):
                printed = {k: number_text(by_head[k].text) if k in by_head else None for k in ("分值", "执行率", "得分")}
                out.execution.append((values.get("全年预算数"), values.get("全年执行数"), printed.get("分值"),
                                      printed.get("得分")))
                for key, value in values.items():
                    sink.put((*funds, key), value, sink.at(r, "年度资金总额", key))
                continue
            source = next((s for s in SOURCES if name.startswith(s)), None)
            if source and not overall:
                for key, value in values.items():
                    sink.put((source, key), value, sink.at(r, source, key))
                continue
        if overall:
            for cell in cells:
                _nature(cell.text, sink, sink.at(r, plain_text(cell.text).split("：")[-2] if "：" in cell.text else ""))
        if "预期目标" in keys and "实际完成情况" in keys and r + 1 < len(grid.rows):
            below = {c.col: c for c in grid.distinct(r + 1)}
            for word in ("预期目标", "实际完成情况"):
                col = cells[keys.index(word)].col
                if col in below:
                    sink.put(("年度总体目标", word), plain_text(below[col].text), sink.at(r + 1, word))


NATURE = re.compile(r"^(其中[:：])?(一般公共预算|政府性基金拨款|纳入专户管理的非税收入拨款|其他资金|基本支出|项目支出)[:：](.*)$")


def _nature(text: str, sink: Sink, where: str) -> None:
    """附件2's 按收入性质分 / 按支出性质分 lines, typed as "其中：一般公共预算：1393.97"."""
    m = NATURE.match(label_key(text))
    if not m:
        return
    block = "按支出性质分" if m.group(2) in ("基本支出", "项目支出") else "按收入性质分"
    sink.put(("预算", block, m.group(2)), figure(m.group(3)), where)


INDICATOR_HEADS = (("一级指标", "一级"), ("二级指标", "二级指标"), ("三级指标", "三级指标"), ("年度指标值", "年度指标值"),
                   ("实际完成值", "实际完成值"), ("分值", "分值"), ("自评得分", "得分"), ("得分", "得分"),
                   ("偏差原因", "偏差原因分析及改进措施"))


def read_indicators(grid: Grid, sink: Sink, block: tuple = ("绩效指标",)) -> None:
    """The indicator rows of a block (or of one page of it) appended to the list at `block`, and
    its 总分 row's 得分 as 总分."""
    rows = sink.target.setdefault(block[-1], [])
    heads: dict[int, str] = {}
    last_level2 = rows[-1].get("二级指标", "") if rows else ""
    for r in range(len(grid.rows)):
        cells = grid.distinct(r)
        found = {}
        for cell in cells:
            for word, key in INDICATOR_HEADS:
                if cell.key.startswith(word) and key not in found.values():
                    found[cell.col] = key
                    break
        if "三级指标" in found.values():
            heads = found
            sink.origins.setdefault(format_path(block), f"{sink.form}{sink.at(r)}起的绩效指标")
            continue
        if not heads:
            continue
        if any(c.key.startswith("总分") or c.key == "合计" for c in cells[:2]):
            for cell in cells:
                if heads.get(cell.col) == "得分":
                    sink.put(("总分",), figure(cell.text), sink.at(r, "总分", "得分"))
            continue
        row: dict = {}
        for cell in cells:
            key = heads.get(cell.col)
            if key in (None, "一级"):
                continue
            value = figure(cell.text) if key in ("分值", "得分") else plain_text(cell.text)
            if key == "二级指标" and value:
                value = level2_name(label_key(value))
            if value:
                row[key] = value
        if not row.get("二级指标") and not row.get("三级指标") and ("得分" in row or "分值" in row):
            # figures under 分值 and 得分 with no indicator named: the 总分 row, its label a
            # picture or left out (seed 004 pastes 总分 as an image)
            if "得分" in row:
                sink.put(("总分",), row["得分"], sink.at(r, "总分", "得分"))
            continue
        if row.get("三级指标") and not row.get("二级指标") and last_level2:
            row["二级指标"] = last_level2       # typed once for its rows, the cells under it left blank
        last_level2 = row.get("二级指标") or last_level2
        if len(row) > 1 or row.get("三级指标"):
            index = len(rows)
            rows.append({k: row[k] for k in INDICATOR_ORDER if k in row})
            name = row.get("三级指标", "")
            sink.origins[format_path((*block, index))] = f"{sink.form}{sink.at(r, name)}"
            for key in row:
                sink.origins[format_path((*block, index, key))] = f"{sink.form}{sink.at(r, name, key)}"


def level2_name(typed: str) -> str:
    """A 二级 label as the form's list names it: “经济效益” is 经济效益指标, and a label whose last
    characters the cell cut off (“服务对象满意度指”) is the one name it begins; else as typed."""
    if typed in GROUP_OF:
        return typed
    if typed + "指标" in GROUP_OF:
        return typed + "指标"
    begun = [name for name in GROUP_OF if len(typed) >= 4 and name.startswith(typed)]
    return begun[0] if len(begun) == 1 else typed


INDICATOR_ORDER = ("二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")


def rounding_of(execution: list) -> str | None:
    """设置.得分取整 as the forms show it: the mode that gives every 执行率 score as printed (its
    decimals and its value, from the row's 全年预算数 and 全年执行数); None for the default or
    when the forms do not tell."""
    from perfreport.shared.numbers import DEFAULT_ROUNDING, ROUNDING_MODES, round_score
    modes = list(ROUNDING_MODES)
    seen = False
    for full_year, executed, weight, score in execution:
        if None in (full_year, executed, weight, score) or Decimal(full_year) == 0:
            continue
        seen = True
        decimals = len(score.split(".")[1]) if "." in score else 0
        raw = Decimal(weight) * min(Decimal(executed) / Decimal(full_year), Decimal(1))
        modes = [m for m in modes if -ROUNDING_MODES[m][0].as_tuple().exponent == decimals
                 and round_score(raw, m) == Decimal(score)]
    if not seen or not modes or modes[0] == DEFAULT_ROUNDING:
        return None
    return modes[0]
