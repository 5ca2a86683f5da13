"""Identity, duties, structure and staffing (section 一 and the form headers)."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfreport.shared.numbering import split_typed_number
from perfreport.shared.numbers import ratio
from perfreport.derive.figures import Figure, add


@dataclass
class Unit:
    name: str
    year: int
    file_name: str = ""
    department: str = ""
    preparer: str = ""
    phone: str = ""
    head: str = ""
    date: str = ""
    report_title: str = ""        # the second title line: 单位整体支出绩效自评报告 or the unit's own

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
class Duty:
    text: str
    path: tuple
    typed_number: str = ""        # numbering the unit typed before the text, taken off


@dataclass
class Structure:
    internal: list[str] = field(default_factory=list)
    subordinate: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def known(self) -> bool:
        return bool(self.internal or self.subordinate or self.note)


STAFF_PATH = ("人员编制",)
ACTUAL_BY_KIND = ("行政实有", "事业实有", "工勤实有")


@dataclass
class Staffing:
    authorized: Figure                   # 编制数: given, or 行政 + 事业 + 工勤 编制
    administrative: int | None = None
    public_institution: int | None = None
    worker: int | None = None
    in_service: int | None = None        # 年末实际在职人数
    # 实有人数: given, or 行政 + 事业 + 工勤 实有. Units state the people they have by the same
    # kinds as their posts (实有人数28人，其中行政20人……); the two breakdowns differ whenever a
    # post is vacant, so the 实有 one is its own figures, not the 编制 ones
    actual: Figure = field(default_factory=lambda: Figure("实有人数", path=STAFF_PATH + ("实有人数",), unit="人"))
    actual_administrative: int | None = None
    actual_public_institution: int | None = None
    actual_worker: int | None = None
    retired: int | None = None
    left_office: int | None = None       # 离休
    external: int | None = None          # 编外

    @property
    def split_known(self) -> bool:
        return None not in (self.administrative, self.public_institution, self.worker)

    @property
    def actual_split_known(self) -> bool:
        return None not in (self.actual_administrative, self.actual_public_institution, self.actual_worker)

    @property
    def control_rate(self) -> Decimal | None:
        """控制率 = 实际在职人数 ÷ 编制数; None when either is not known or nothing is authorized."""
        return ratio(self.in_service, self.authorized.value)


def derive_unit(data: dict, default_title: str) -> Unit:
    unit = data["单位"]
    return Unit(
        name=unit["全称"], year=unit["年度"], file_name=unit.get("文件名", ""),
        department=unit.get("主管部门", ""), preparer=unit.get("填表人", ""), phone=unit.get("联系电话", ""),
        head=unit.get("单位负责人", ""), date=unit.get("填报日期", ""),
        report_title=(data.get("设置") or {}).get("报告标题") or default_title)


def derive_duties(data: dict) -> list[Duty]:
    duties = []
    for i, text in enumerate(data.get("职责") or []):
        number, rest = split_typed_number(text)
        duties.append(Duty(text=rest, path=("职责", i), typed_number=number))
    return duties


def derive_structure(data: dict) -> Structure:
    raw = data.get("机构设置") or {}
    return Structure(internal=list(raw.get("内设机构", [])),
                     subordinate=list(raw.get("二级机构", [])), note=raw.get("说明", ""))


def derive_staffing(data: dict) -> Staffing:
    raw = data.get("人员编制") or {}
    parts = [raw.get(k) for k in ("行政编制", "事业编制", "工勤编制")]
    present = [raw.get(k) for k in ACTUAL_BY_KIND]
    return Staffing(
        authorized=Figure("编制数", given=raw.get("编制数"), derived=add(*parts), path=STAFF_PATH + ("编制数",),
                          formula="行政编制 + 事业编制 + 工勤编制", unit="人"),
        administrative=parts[0], public_institution=parts[1], worker=parts[2],
        actual=Figure("实有人数", given=raw.get("实有人数"), derived=add(*present), path=STAFF_PATH + ("实有人数",),
                      formula=" + ".join(ACTUAL_BY_KIND), unit="人"),
        actual_administrative=present[0], actual_public_institution=present[1], actual_worker=present[2],
        in_service=raw.get("在职人数"), retired=raw.get("退休人数"),
        left_office=raw.get("离休人数"), external=raw.get("编外人数"))
