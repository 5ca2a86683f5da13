"""附件2 and 附件3's indicator block: its groups, declared once. Each 一级指标 with its weight
and the 二级指标 in it, in the form's order, and how the form's narrow columns set each label
(four characters a line, broken where the words end). derive groups and weighs the rows by
these keys, wording prints the labels, the schema allows exactly these 二级 (a test says so).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Group:
    key: str                                  # 产出指标
    weight: Decimal                           # its 分值 on the form: 50
    parts: tuple[str, ...]                    # its 二级指标, in order
    label: str = ""                           # as the column sets it, when not the key

    @property
    def printed(self) -> str:
        return self.label or self.key


GROUPS = (
    Group("产出指标", Decimal(50), ("数量指标", "质量指标", "时效指标", "成本指标")),
    Group("效益指标", Decimal(30), ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    Group("满意度指标", Decimal(10), ("服务对象满意度指标",), label="满意度\n指标"),
)

# 二级 labels as the column sets them, where a key is longer than four characters
LEVEL2_LABELS = {"经济效益指标": "经济效益\n指标", "社会效益指标": "社会效益\n指标", "生态效益指标": "生态效益\n指标",
                 "可持续影响指标": "可持续\n影响指标", "服务对象满意度指标": "服务对象\n满意度\n指标"}

GROUP_OF = {part: group.key for group in GROUPS for part in group.parts}
SATISFACTION = "满意度指标"           # a form with indicators but none of these gives its weight to 效益
BENEFIT = "效益指标"
