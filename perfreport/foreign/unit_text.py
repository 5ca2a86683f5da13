"""A draft unit written as the unit file people edit: the schema line, a head comment saying
where it came from, the fields in the form's order, figures digit for digit as the report gave
them, and what could not be placed as comments at the end, each saying where it stood."""
from __future__ import annotations

from perfreport.foreign.forms import Figure
from perfreport.unitfile.skeleton import SCHEMA_LINE
from perfreport.unitfile.write import UnitDumper, number, unit_yaml


class _Dumper(UnitDumper):
    pass


_Dumper.add_representer(Figure, number)      # a figure of the forms, as the unit typed it


def unit_text(unit: dict, source: str, left: list[str], stated: list[str] = ()) -> str:
    """`stated`: the figures read from the words (foreign/stated.py), said at the head for the
    officer to check, as nothing in a table vouches for them."""
    head = [SCHEMA_LINE,
            f"# 由 perfreport import 从 {source} 读入的草稿：表格里的数字照原样填入，正文按节放入；",
            "# 原文没有写的留空（make check 会列出），请核对后再生成报告。"]
    if stated:
        head.append("# 下面这些数字原文只写在文字里，是从那句话读出的，请逐一核对：")
        head += [f"# - {' '.join(line.split())}" for line in stated]
    body = unit_yaml(unit, _Dumper)
    tail = []
    if left:
        tail = ["", "# 以下内容没有放进单位文件（每条先说它在原文档中的位置），请按需要填到相应的地方："]
        tail += [f"# - {' '.join(line.split())}" for line in left]
    return "\n".join(head) + "\n" + body + ("\n".join(tail) + "\n" if tail else "")
