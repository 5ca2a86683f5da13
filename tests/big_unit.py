"""A unit big enough that its forms run over several pages: 40 projects of 20 indicators each,
with names and reasons as long as real ones. Written from tests/fixtures/complete.yaml, so it
validates and audits like a real unit. Used by the pagination test and to look at pages."""
from __future__ import annotations

from pathlib import Path

import yaml

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "complete.yaml"

# (二级, 分值) for 20 indicators adding up to 50 / 30 / 10 within each 一级
SHAPE = ([("数量指标", 5)] * 4 + [("质量指标", 5)] * 2 + [("时效指标", 5)] * 2 + [("成本指标", 5)] * 2
         + [("经济效益指标", 5)] * 2 + [("社会效益指标", 5)] * 2 + [("生态效益指标", 2.5)] * 2
         + [("可持续影响指标", 2.5)] * 2 + [("服务对象满意度指标", 5)] * 2)
REASON = "受疫情影响部分线下服务暂停，导致办件量未达预期；下一步将加强线上渠道建设，提升网办比例。"


def indicators(project: int) -> list[dict]:
    rows = []
    for n, (level2, weight) in enumerate(SHAPE, start=1):
        short = n % 5 == 0
        rows.append({"二级指标": level2, "三级指标": f"项目{project}第{n}项政务服务事项网上可办率",
                     "年度指标值": "≥95%", "实际完成值": "90%" if short else "98%", "分值": weight,
                     "得分": round(weight * 90 / 95, 2) if short else weight,
                     **({"偏差原因分析及改进措施": REASON} if short else {})})
    return rows


def big_unit(projects: int = 40) -> dict:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    template = data["项目"][0]
    data["项目"] = []
    for p in range(1, projects + 1):
        item = {k: v for k, v in template.items() if k not in ("绩效指标", "总分")}
        item["名称"] = f"政务服务中心第{p}期运行维护及信息化建设项目"
        item["实施单位"] = "测试县行政审批服务局政务服务中心"
        item["绩效指标"] = indicators(p)
        data["项目"].append(item)
    data["单位"]["文件名"] = "big"
    return data


def write_big_unit(path: Path, projects: int = 40) -> Path:
    path.write_text(yaml.safe_dump(big_unit(projects), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
