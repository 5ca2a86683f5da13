"""Generated units for the benchmark and the property tests: the real units under new names
(every unit in reports/, in rotation: the real mix), and units with N 一级项目, each with its
own 附件3 table, N paragraphs of prose or N rows of 绩效指标 (make bench (4)).

Every generated paragraph and row says something of its own, as a unit's do: copies of one
text would measure what is remembered of the first, not what each costs."""
from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "reports" / "yueyanglou.yaml"


def copies(folder: Path, count: int) -> list[Path]:
    """`count` copies of the model unit, each under its own file name and unit name."""
    text = MODEL.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        name = f"unit{i:04d}"
        path = folder / f"{name}.yaml"
        path.write_text(text.replace("文件名: yueyanglou", f"文件名: {name}")
                        .replace("全称: 岳阳市岳阳楼区行政审批服务局", f"全称: 第{i + 1}号行政审批服务局"),
                        encoding="utf-8")
        paths.append(path)
    return paths


def mix(folder: Path, count: int) -> list[Path]:
    """`count` units, the real ones of reports/ in rotation, each under its own file name and
    unit name (its 文件名 must be its file's: rule 文件名)."""
    import re
    models = sorted((ROOT / "reports").glob("*.yaml"))
    texts = [m.read_text(encoding="utf-8") for m in models]
    paths = []
    for i in range(count):
        model, text = models[i % len(models)], texts[i % len(models)]
        name = f"unit{i:04d}"
        text = text.replace(f"文件名: {model.stem}", f"文件名: {name}")
        text = re.sub(r"(?m)^(  全称: )(.*)$", lambda m: f"{m.group(1)}第{i + 1}号{m.group(2)}", text, count=1)
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


INDICATORS = [
    {"二级指标": "数量指标", "三级指标": "办件数量", "年度指标值": "≥100件", "实际完成值": "120件", "分值": 30, "得分": 30},
    {"二级指标": "质量指标", "三级指标": "办结率", "年度指标值": "≥95%", "实际完成值": "98%", "分值": 20, "得分": 20},
    {"二级指标": "社会效益指标", "三级指标": "便利度", "年度指标值": "提升", "实际完成值": "提升", "分值": 30, "得分": 30},
    {"二级指标": "服务对象满意度指标", "三级指标": "满意率", "年度指标值": "≥90%", "实际完成值": "95%", "分值": 10, "得分": 10},
]


def with_projects(folder: Path, count: int) -> Path:
    """The minimal test unit with `count` 一级项目 of 1 万元 each, every one with indicators."""
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8"))
    data["单位"]["文件名"] = f"projects{count}"
    data["项目"] = [{"名称": f"第{i + 1}号项目", "年初预算数": 1, "全年预算数": 1, "全年执行数": 1,
                    "用途": "日常运转", "年度总体目标": {"预期目标": "按计划完成", "实际完成情况": "已完成"},
                    "绩效指标": INDICATORS} for i in range(count)]
    data["预算"] = {"年初预算数": 10 + count, "全年预算数": 10 + count}
    path = folder / f"projects{count}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _minimal_data(name: str) -> dict:
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8"))
    data["单位"]["文件名"] = name
    return data


def _write(folder: Path, name: str, data: dict) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def with_paragraphs(folder: Path, count: int) -> Path:
    """The minimal test unit whose 部门整体支出绩效情况 is `count` paragraphs of prose, two
    sentences each with figures the audit reads (a count, rates, an amount of 万元)."""
    data = _minimal_data(f"paragraphs{count}")
    data["部门整体支出绩效情况"] = [
        f"第{i + 1}项工作：全年办理审批事项{i + 100}件，按时办结率{90 + i % 10}%，较上年提高{i % 7 + 1}个百分点。"
        f"该项工作支出{i % 50 + 1}.{i % 10}万元，群众满意度保持在95%以上。" for i in range(count)]
    return _write(folder, f"paragraphs{count}", data)


LEVEL2 = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "服务对象满意度指标")


def with_indicator_rows(folder: Path, count: int) -> Path:
    """The minimal test unit whose 附件2 has `count` rows of 绩效指标 across its groups, each
    its own indicator with its own target and result."""
    data = _minimal_data(f"indicators{count}")
    data["绩效指标"] = [{"二级指标": LEVEL2[i % len(LEVEL2)], "三级指标": f"第{i + 1}项工作完成情况",
                         "年度指标值": f"≥{i % 50 + 10}件", "实际完成值": f"{i % 50 + 12}件", "分值": 1, "得分": 1}
                        for i in range(count)]
    return _write(folder, f"indicators{count}", data)
