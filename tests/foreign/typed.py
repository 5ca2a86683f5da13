"""Word documents built the way officers type them (python-docx, no styles of ours): headings
as bold Normal paragraphs with typed numbers, forms as Word tables with real merges and typed
units, labels spread over lines, runs split at digits."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK


def bold(document, text: str):
    p = document.add_paragraph()
    p.add_run(text).bold = True
    return p


def split_runs(document, text: str, at: int = 3):
    """A paragraph whose runs are cut every `at` characters, as Word leaves them after edits."""
    p = document.add_paragraph()
    for i in range(0, len(text), at):
        p.add_run(text[i:i + at])
    return p


def table(document, rows: list[list[str]], merges: list[tuple[int, int, int, int]] = ()):
    """rows of cell texts (a "\\n" in a text is a soft line break); merges: (row, col, row2, col2)."""
    t = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    t.style = document.styles["Table Grid"]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                run = t.cell(r, c).paragraphs[0].add_run()
                for i, line in enumerate(text.split("\n")):
                    if i:
                        run.add_break(WD_BREAK.LINE)
                    run.add_text(line)
    for r1, c1, r2, c2 in merges:
        keep = t.cell(r1, c1).text
        merged = t.cell(r1, c1).merge(t.cell(r2, c2))
        for paragraph in merged.paragraphs[1:]:          # python-docx joins the texts: keep the first
            paragraph._element.getparent().remove(paragraph._element)
        if merged.text != keep:
            merged.paragraphs[0].text = keep
    return t


def typed_report(path: Path) -> Path:
    """A small unit's report as typed: title, numbered bold headings, duties 1、…, 附件1–3."""
    d = docx.Document()
    bold(d, "2023年度示例县行政审批服务局")
    bold(d, "部门整体支出绩效自评报告")
    d.add_paragraph("根据县财政局的通知要求，现将我局自评情况报告如下：")
    bold(d, "一、部门（单位）基本情况")
    bold(d, "（一）主要职责")
    d.add_paragraph("示例县行政审批服务局的主要职责是：")
    d.add_paragraph("1、负责全县行政审批制度改革工作。")
    d.add_paragraph("2、负责政务服务中心的管理。")
    bold(d, "（二）机构设置")
    d.add_paragraph("局机关内设综合办公室、审批股2个股室。")
    bold(d, "（三）人员编制情况")
    split_runs(d, "核定编制数合计18名，实有人数18人，在职18人。")
    bold(d, "二、一般公共预算支出情况")
    d.add_paragraph("2023年全年预算1200万元，全年支出1180万元。")
    bold(d, "（一）基本支出情况")
    d.add_paragraph("2023年基本支出400万元。")
    bold(d, "三、政府性基金预算支出情况")
    d.add_paragraph("2023年度本单位无政府性基金预算支出。")
    bold(d, "六、部门整体支出绩效情况")
    bold(d, "（一）聚焦主职主责")
    p = d.add_paragraph()
    p.add_run("1.强化使命担当。").bold = True
    p.add_run("全年办件量稳步增长。")
    d.add_paragraph("全年共收到锦旗17面。")
    bold(d, "七、存在的问题及原因分析")
    d.add_paragraph("好差评系统可办事项覆盖率低。")
    bold(d, "十一、附录")
    d.add_paragraph("这一节不在提纲里。")
    d.add_paragraph("附件1")
    bold(d, "2023年度部门整体支出绩效评价基础数据表")
    table(d, *FORM_ONE)
    d.add_paragraph(SIGNATURE)
    d.add_paragraph("附件2")
    table(d, *FORM_TWO)
    d.save(path)
    return path


SIGNATURE = "填表人：张三    联系电话：0734-1234567    单位负责人签字：李四    填报日期：2024年5月29日"
FORM_ONE = ([["预算单位名称", "示例县行政审批服务局", "", ""],
              ["财政供养人员情况（人）", "编制数", "2023年实际\n在职人数", "控制率"],
              ["", "１８", "18人", "100%"],
              ["经费控制情况（万元）", "2022年决算数", "2023年预算数", "2023年决算数"],
              ["三公经费", "1.5", "1.7", "1.53万元"],
              ["1、公务用车购置和维护经费", "1.2", "1.5", "1.4"],
              ["2、出国经费", "/", "", "—"],
              ["3、公 务 接 待", "0.3", "0.2", "0.13"],
              ["项目支出", "500", "600", "680"],
              ["1、政务大厅运行维护", "500", "600", "680"],
              ["公用经费", "88.1", "90", "99.75"],
              ["政府采购金额", "193.68", "300", "66.36"],
              ["厉行节约保障措施", "严格执行公务接待标准。", "", ""]],
            [(0, 1, 0, 3), (1, 0, 2, 0), (12, 1, 12, 3)])
FORM_TWO = ([["预算单位名称", "", "", "示例县行政审批服务局", "", "", "", "", ""],
              ["年度\n预算\n申请", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
              ["", "年度资金总额", "", "1000", "1200", "1180", "10", "98.33%", "9.83"],
              ["年度\n总体\n目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
              ["", "优化营商环境。", "", "", "", "全面完成。", "", "", ""],
              ["绩效\n指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
              ["", "产出指标\n（50分）", "数量指标", "组织审批事项数", "≥500个", "893个", "50", "50", ""],
              ["", "效益指标\n（30分）", "社会效益\n指标", "便民服务覆盖率", "≧100%", "100%", "30", "30", ""],
              ["", "满意度\n指标", "服务对象\n满意度\n指标", "群众满意率", "≧100%", "99%", "10", "9.9", "个别群众不满意"],
              ["总分", "", "", "", "", "", "100", "99.73", "等级：优"]],
            [(0, 0, 0, 2), (0, 3, 0, 8), (1, 0, 2, 0), (1, 1, 1, 2), (2, 1, 2, 2), (3, 0, 4, 0), (3, 1, 3, 4),
             (3, 5, 3, 8), (4, 1, 4, 4), (4, 5, 4, 8), (5, 0, 8, 0), (9, 0, 9, 5)])


def typed_workbook(path: Path, one_sheet: bool = False) -> Path:
    """The same forms kept in a workbook as units keep them: one sheet per form (or all on one
    sheet, one under the other), a title row merged across each, real merges, figures as numbers
    with the number formats people give them (money 0.00, a rate as a percentage)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    book = Workbook()
    sheets = [book.active] if one_sheet else [book.active, book.create_sheet("附件2")]
    sheets[0].title = "基础数据表" if not one_sheet else "附表"
    top = 1
    for n, ((rows, merges), title) in enumerate(((FORM_ONE, "2023年度部门整体支出绩效评价基础数据表"),
                                                (FORM_TWO, "2023年度部门整体支出绩效自评表"))):
        sheet = sheets[0] if one_sheet else sheets[n]
        if not one_sheet:
            top = 1
        width = max(len(r) for r in rows)
        sheet.cell(row=top, column=1, value=title)
        sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=width)
        for r, cells in enumerate(rows, start=top + 1):
            for c, text in enumerate(cells, start=1):
                if not text:
                    continue
                cell = sheet.cell(row=r, column=c)
                plain = text.replace("\n", "")
                try:
                    number = float(plain)
                except ValueError:
                    number = None
                if plain.endswith("%") and plain[:-1].replace(".", "").isdigit():
                    cell.value = float(plain[:-1]) / 100
                    cell.number_format = "0.00%" if "." in plain else "0%"
                elif number is not None and n == 0 and c > 1:
                    cell.value = number
                    cell.number_format = "0.00" if "." in plain else "0"
                elif number is not None:
                    cell.value = number
                else:
                    cell.value = text
        for r1, c1, r2, c2 in merges:
            sheet.merge_cells(start_row=top + 1 + r1, start_column=c1 + 1, end_row=top + 1 + r2, end_column=c2 + 1)
        top += len(rows) + 1
        if n == 0:
            sheet.cell(row=top, column=1, value=SIGNATURE)
            top += 2
        for c in range(1, width + 1):
            sheet.column_dimensions[get_column_letter(c)].width = 16
    book.save(path)
    return path
