"""Forms kept in a workbook (perfreport/foreign/xlsx_source.py): one sheet per form or all on one
sheet, merges resolved, figures as the sheet shows them, the same fields as the Word forms give;
a damaged or hostile workbook is refused with one message, within the same limits as a .docx."""
import zipfile

import pytest
import yaml

from perfreport.foreign.read import read_document
from perfreport.foreign.unit_text import unit_text
from perfreport.foreign.xlsx_source import _shown, read_workbook
from perfreport.shared.errors import ReportError
from tests.foreign.typed import typed_report, typed_workbook


@pytest.mark.parametrize("one_sheet", [False, True], ids=["a sheet per form", "all forms on one sheet"])
def test_a_workbook_of_forms_gives_the_forms_fields(tmp_path, one_sheet):
    book = typed_workbook(tmp_path / "附表.xlsx", one_sheet=one_sheet)
    found = read_document(book, book.name)
    unit = yaml.safe_load(unit_text(found.unit, book.name, found.left))
    assert found.left == []
    assert unit["单位"] == {"全称": "示例县行政审批服务局", "年度": 2023, "填表人": "张三", "联系电话": "0734-1234567",
                          "单位负责人": "李四", "填报日期": "2024年5月29日"}
    assert unit["人员编制"] == {"编制数": 18, "在职人数": 18}
    assert unit["三公经费"]["公务接待"] == {"上年决算数": 0.3, "本年预算数": 0.2, "本年决算数": 0.13}
    assert "出国经费" not in unit["三公经费"]
    assert unit["预算"] == {"年初预算数": 1000, "全年预算数": 1200, "全年执行数": 1180}
    assert unit["总分"] == 99.73 and len(unit["绩效指标"]) == 3
    assert unit["绩效指标"][1]["二级指标"] == "社会效益指标"          # "社会效益\n指标" in a merged cell
    assert "设置" not in unit                                      # a form's title is no report title
    text = unit_text(found.unit, book.name, found.left)
    assert "    本年决算数: 1.53\n" in text and "    上年决算数: 1.50\n" in text     # 0.00, as the sheet shows it


def test_a_report_and_its_workbook_come_in_together(tmp_path):
    report = typed_report(tmp_path / "report.docx")
    book = typed_workbook(tmp_path / "附表.xlsx")
    found = read_document(report, report.name, [(book, book.name)])
    assert found.unit["职责"] == ["负责全县行政审批制度改革工作。", "负责政务服务中心的管理。"]
    assert found.unit["三公经费"]["合计"] == {"上年决算数": "1.5", "本年预算数": "1.7", "本年决算数": "1.53"}   # the report's own


@pytest.mark.parametrize("stored, style, shown", [
    ("0.98329999999999995", ("percent", 2), "98.33%"), ("1", ("percent", 0), "100%"), ("1393.97", ("fixed", 2), "1393.97"),
    ("0.30000000000000004", ("general", None), "0.3"), ("18", ("general", None), "18"), ("1.5", ("fixed", 2), "1.50"),
])
def test_a_number_is_read_as_the_sheet_shows_it(stored, style, shown):
    assert _shown(stored, style) == shown


def test_a_damaged_or_hostile_workbook_is_refused_with_one_message(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(ReportError) as refused:
        read_workbook(fake, fake.name)
    assert [f.message for f in refused.value.findings] == ["不是完好的 Excel 工作簿（.xlsx）：不是 zip 格式"]
    empty = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ReportError) as refused:
        read_workbook(empty, empty.name)
    assert [f.message for f in refused.value.findings] == ["不是完好的 Excel 工作簿（.xlsx）：缺少 xl/workbook.xml"]
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as stream:
            for _ in range(200):
                stream.write(b" " * (1 << 20))
    with pytest.raises(ReportError) as refused:
        read_workbook(bomb, bomb.name)
    assert [f.message for f in refused.value.findings] == [
        "不是完好的 Excel 工作簿（.xlsx）：xl/sharedStrings.xml 解压后有 200 MB，超过上限 128 MB"]
    entity = tmp_path / "entity.xlsx"
    with zipfile.ZipFile(entity, "w") as archive:
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>')
    assert read_workbook(entity, entity.name) == []            # the entity is never resolved: nothing in it
