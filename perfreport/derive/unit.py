"""Identity, duties, structure and staffing (section 一 and the form headers)."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..numbers import ratio


@dataclass
class Unit:
    name: str
    file_name: str
    department: str
    year: int
    preparer: str
    phone: str
    head: str
    date: str

    @property
    def previous_year(self) -> int:
        return self.year - 1

    @property
    def report_date(self) -> datetime.date | None:
        """填报日期 as a date; None when not given or not a real day (2024年2月30日)."""
        match = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", self.date or "")
        if not match:
            return None
        try:
            return datetime.date(*map(int, match.groups()))
        except ValueError:
            return None


@dataclass
class Structure:
    internal: list[str] = field(default_factory=list)
    subordinate: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Staffing:
    administrative: int | None    # None: the unit gave only the total 编制数
    public_institution: int | None
    worker: int | None
    in_service: int
    actual: int | None
    retired: int | None
    left_office: int | None   # 离休
    external: int | None
    total: int | None = None      # 编制数 as given, when the split is unknown

    @property
    def split_known(self) -> bool:
        return self.administrative is not None

    @property
    def authorized(self) -> int:
        """编制数 = 行政 + 事业 + 工勤 编制 (or the total given without a split)."""
        if not self.split_known:
            return self.total
        return self.administrative + self.public_institution + self.worker

    @property
    def control_rate(self) -> Decimal | None:
        """控制率 = 实际在职人数 ÷ 编制数; None when nothing is authorized."""
        return ratio(self.in_service, self.authorized)


def derive_unit(data: dict) -> Unit:
    unit = data["单位"]
    return Unit(
        name=unit["全称"], file_name=unit["文件名"], department=unit["主管部门"],
        year=unit["年度"], preparer=unit.get("填表人", ""), phone=unit.get("联系电话", ""),
        head=unit.get("单位负责人", ""), date=unit.get("填报日期", ""))


def derive_structure(data: dict) -> Structure:
    raw = data.get("机构设置") or {}
    return Structure(internal=list(raw.get("内设机构", [])),
                     subordinate=list(raw.get("二级机构", [])), note=raw.get("说明", ""))


def derive_staffing(data: dict) -> Staffing:
    raw = data["人员编制"]
    return Staffing(
        administrative=raw.get("行政编制"), public_institution=raw.get("事业编制"),
        worker=raw.get("工勤编制"), total=raw.get("编制数"), in_service=raw["在职人数"], actual=raw.get("实有人数"), retired=raw.get("退休人数"),
        left_office=raw.get("离休人数"), external=raw.get("编外人数"))
