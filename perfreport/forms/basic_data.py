"""附件1 部门整体支出绩效评价基础数据表: its money lines, in the form's order.

Each line has a key (the model's name for it, and its field in the unit file under its
block), the label the form prints, and what the audit knows of it: the lines it adds up
(its columns derived from theirs when the unit gives none), whether it is paid as 商品和服务
支出 (so within 公用经费), and whether its 决算 may not exceed its 预算 (the 三公 lines).
Adding a line: its declaration here, its field in schema.yaml, and a test.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    key: str                      # 公务接待: the model's key, and the field under `block`
    label: str                    # 3、公务接待: as 附件1 prints it
    block: tuple[str, ...]        # where its fields are in the unit file: ('三公经费',)
    field: str = ""               # the field, when not `key` (三公经费's own line is 合计)
    parts: tuple[str, ...] = ()   # the lines it adds up
    within_public: bool = False   # paid as 商品和服务支出: within 公用经费
    capped: bool = False          # its 决算 may not exceed its 预算 (the 三公 lines)

    @property
    def path(self) -> tuple[str, ...]:
        return self.block + (self.field or self.key,)


THREE_PUBLIC_BLOCK = ("三公经费",)
PUBLIC_BLOCK = ("基本支出", "公用经费")

THREE_PUBLIC = (
    Line("三公经费", "三公经费", THREE_PUBLIC_BLOCK, field="合计", parts=("公务用车购置和维护经费", "出国经费", "公务接待")),
    Line("公务用车购置和维护经费", "1、公务用车购置和维护经费", THREE_PUBLIC_BLOCK, parts=("公车购置", "公车运行维护")),
    # 公务用车购置 is capital spending, not 商品和服务支出
    Line("公车购置", "其中：公车购置", THREE_PUBLIC_BLOCK, capped=True),
    Line("公车运行维护", "公车运行维护", THREE_PUBLIC_BLOCK, within_public=True, capped=True),
    Line("出国经费", "2、出国经费", THREE_PUBLIC_BLOCK, within_public=True, capped=True),
    Line("公务接待", "3、公务接待", THREE_PUBLIC_BLOCK, within_public=True, capped=True),
)

PUBLIC_ITEMS = (
    Line("办公经费", "其中：办公经费", PUBLIC_BLOCK, within_public=True),
    Line("水费、电费、差旅费", "水费、电费、差旅费", PUBLIC_BLOCK, within_public=True),
    Line("会议费、培训费", "会议费、培训费", PUBLIC_BLOCK, within_public=True),
)

# The form's money block in order; the lines that are not declared above are the model's own
# figures (项目支出 and its projects, 公用经费, 政府采购, 部门基本支出预算调整), printed by
# wording in these places.
ORDER = (*(line.key for line in THREE_PUBLIC), "项目支出", "projects", "公用经费",
         *(line.key for line in PUBLIC_ITEMS), "政府采购金额", "部门基本支出预算调整")

LINES = {line.key: line for line in (*THREE_PUBLIC, *PUBLIC_ITEMS)}
