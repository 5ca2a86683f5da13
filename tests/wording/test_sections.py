import pytest

from perfreport.wording.sections import numbered, sections, title_lines
from perfreport.derive.narrative import blocks_from


def texts(section):
    return [p.number + p.title + p.text for p in section.paragraphs]


def body(unit, name, *edits):
    report, findings = unit(name, *edits)
    return sections(report), report, findings


def test_ten_sections_in_order(unit):
    parts, _, _ = body(unit, "complete")
    assert [s.number + s.title for s in parts] == [
        "一、部门（单位）基本情况", "二、一般公共预算支出情况", "三、政府性基金预算支出情况",
        "四、国有资本经营预算支出情况", "五、社会保险基金预算支出情况", "六、部门整体支出绩效情况",
        "七、存在的问题及原因分析", "八、下一步改进措施", "九、部门整体支出绩效自评结果拟应用和公开情况",
        "十、其他需要说明的情况"]


def test_headings_are_numbered_by_level():
    blocks = blocks_from([{"标题": "甲", "内容": [{"标题": "乙", "内容": [{"标题": "丙"}, "段落"]}, {"标题": "丁"}]},
                          {"标题": "戊", "正文": "同段文字"}], ("六",), level=2)
    # a heading over nothing, with run-in text, is a point: its title ends in a stop
    assert [(p.kind, p.number, p.title or p.text) for p in numbered(blocks)] == [
        ("heading", "（一）", "甲"), ("heading", "1.", "乙"), ("heading", "（1）", "丙"),
        ("text", "", "段落"), ("heading", "2.", "丁"), ("point", "（二）", "戊。")]


def test_a_unit_table_prints_its_cells_as_typed():
    from decimal import Decimal as D
    [paragraph] = numbered(blocks_from([{"表格": {"列": ["a", "b"], "行": [["x", D("280.50")], ["y", None]]}}],
                                       ("x",), level=2))
    assert paragraph.table.rows == [["x", "280.50"], ["y", ""]]


FUND_SECTIONS = [(2, "政府性基金预算支出", "政府性基金"), (3, "国有资本经营预算支出", "国有资本经营"),
                 (4, "社会保险基金预算支出", "社会保险基金")]
TENTH = "部门整体支出绩效自评结果拟应用和公开情况: [按规定公开。]\n"


@pytest.mark.parametrize("index, key, name", FUND_SECTIONS)
def test_a_fund_section_unsaid_prints_only_its_heading(unit, index, key, name):
    # minimal.yaml says nothing of 三–五: nothing is said for the unit, and 缺项 asks
    parts, _, findings = body(unit, "minimal")
    assert parts[index].title == key.replace("预算支出", "预算支出情况") and texts(parts[index]) == []
    assert [f.message for f in findings if f.path == key] == [
        f"还没有填写第{'三四五'[index - 2]}节“{parts[index].title}”的内容：有没有{name}预算支出"
        f"（有的写“说明”和“表格”，没有的写 {key}: 无）"]


@pytest.mark.parametrize("index, key, name", FUND_SECTIONS)
@pytest.mark.parametrize("blank", ["{}", "{说明: []}", '""', "[]", "", "{说明: [], 表格: }"])
def test_a_fund_section_left_blank_is_unknown_too(unit, index, key, name, blank):
    parts, _, findings = body(unit, "minimal", (TENTH, TENTH + f"{key}: {blank}\n"))
    assert texts(parts[index]) == []
    assert [f.rule for f in findings if f.path == key] == ["缺项"]


@pytest.mark.parametrize("index, key, name", FUND_SECTIONS)
def test_a_fund_section_the_unit_says_it_has_none_of(unit, index, key, name):
    parts, _, findings = body(unit, "minimal", (TENTH, TENTH + f"{key}: 无\n"))
    assert texts(parts[index]) == [f"2023年度本单位无{name}预算支出。"]
    assert [f for f in findings if f.path == key] == []


@pytest.mark.parametrize("index, key, name", FUND_SECTIONS)
def test_a_fund_section_in_words_only_has_no_attachment(unit, index, key, name):
    # writing only text is allowed: no table, so no 附件 and no "详见附件"
    parts, report, findings = body(unit, "minimal", (TENTH, TENTH + f"{key}:\n  说明: [本年{name}支出用于信息化改造。]\n"))
    assert texts(parts[index]) == [f"本年{name}支出用于信息化改造。"]
    assert [a.kind for a in report.attachments] == ["basic_data", "overall"]
    assert [f for f in findings if f.path == key] == []


@pytest.mark.parametrize("index, key, name", FUND_SECTIONS)
def test_a_fund_section_with_its_table(unit, index, key, name):
    table = f"{key}:\n  说明: [见附表。]\n  表格:\n    列: [项目, 执行数]\n    行:\n      - [甲, 1]\n"
    parts, report, _ = body(unit, "minimal", (TENTH, TENTH + table))
    assert texts(parts[index]) == ["见附表。", f"详见附件3《2023年度{name}预算支出情况表》。"]
    assert [a.kind for a in report.attachments] == ["basic_data", "overall", "fund"]


def test_the_tenth_section_in_its_three_states(unit):
    parts, _, findings = body(unit, "minimal")
    assert texts(parts[9]) == []
    assert [f.message for f in findings if f.path == "其他需要说明的情况"] == [
        "还没有填写第十节“其他需要说明的情况”的内容（没有要说明的写 其他需要说明的情况: 无）"]
    parts, _, findings = body(unit, "minimal", (TENTH, TENTH + "其他需要说明的情况: 无\n"))
    assert texts(parts[9]) == ["无"] and not [f for f in findings if f.path == "其他需要说明的情况"]
    parts, _, findings = body(unit, "minimal", (TENTH, TENTH + "其他需要说明的情况: [本年机构改革，职能有调整。]\n"))
    assert texts(parts[9]) == ["本年机构改革，职能有调整。"]


def test_none_is_refused_where_the_outline_has_no_sentence_for_it(unit):
    import pytest as _pytest
    from perfreport.shared.errors import ReportError
    with _pytest.raises(ReportError) as caught:
        body(unit, "minimal", (TENTH, TENTH.replace("[按规定公开。]", "无")))
    assert "应为列表" in caught.value.findings[0].message
    with _pytest.raises(ReportError) as caught:
        body(unit, "minimal", (TENTH, TENTH + "政府性基金预算支出: 没有\n"))
    assert caught.value.findings[0].message == "这里写“无”（没有），或写说明和表格；“没有”不是这两种写法"


def test_a_blank_required_section_prints_nothing_invented(unit):
    parts, _, _ = body(unit, "minimal", ("部门整体支出绩效自评结果拟应用和公开情况: [按规定公开。]\n", ""))
    assert texts(parts[8]) == []


def test_the_none_sentence_is_the_units_even_against_its_own_income(unit):
    # the unit said 无: that is printed, as it said it, and the audit holds it against the income
    parts, _, findings = body(unit, "minimal", ("预算: {年初预算数: 10, 全年预算数: 10}",
                                                "预算: {年初预算数: 10, 全年预算数: 10, 按收入性质分: {政府性基金拨款: 3}}"),
                              (TENTH, TENTH + "政府性基金预算支出: 无\n"))
    assert texts(parts[2]) == ["2023年度本单位无政府性基金预算支出。"]
    assert [f.rule for f in findings if f.path == "政府性基金预算支出"] == ["收支对应"]


def test_section_two_sentences_use_the_figures_with_two_decimals(unit):
    parts, _, _ = body(unit, "complete")
    assert texts(parts[1])[:4] == [
        "2023年年初预算1000.00万元，全年预算1200.00万元，较年初预算增加200.00万元；其中一般公共预算1060.00万元，"
        "政府性基金拨款100.00万元，纳入专户管理的非税收入拨款30.50万元，其他资金9.50万元；全年支出合计1180.00万元，"
        "预算执行率98.33%。其中：基本支出400.00万元，占33.90%；项目支出780.00万元，占66.10%。",
        "（一）基本支出情况",
        "2023年基本支出400.00万元，其中：人员经费300.25万元，占基本支出的75.06%，主要包括：基本工资、津贴补贴、奖金；"
        "公用经费（商品和服务支出）99.75万元，占基本支出的24.94%，主要包括：办公费、印刷费、水费、电费。",
        "（二）项目支出情况",
    ]


def test_a_stated_figure_is_the_one_the_sentence_gives(unit):
    parts, _, _ = body(unit, "complete", ("  全年执行数: 1180\n", "  全年执行数: 1190.5\n"))
    assert "全年支出合计1190.50万元，预算执行率99.21%" in texts(parts[1])[0]


def test_clauses_of_figures_not_known_are_left_out(unit):
    # no budget at all, spending stated: no 0, no rate, no "与年初预算一致"
    parts, _, _ = body(unit, "minimal", ("预算: {年初预算数: 10, 全年预算数: 10}", "预算: {全年执行数: 10}"))
    assert texts(parts[1])[0] == "2023年全年支出合计10.00万元。其中：基本支出10.00万元，占100.00%。"
    # no staffing counts at all: no subsection, not "核定编制数合计0名"
    parts, _, _ = body(unit, "minimal", ("人员编制: {行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}\n", ""))
    assert [p.title for p in parts[0].paragraphs if p.kind == "heading"] == ["主要职责", "机构设置"]
    # only the total and the staff: no split, no invented parts
    parts, _, _ = body(unit, "minimal", ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}", "{编制数: 2}"))
    assert texts(parts[0])[-1] == "核定编制数合计2名。"


def test_supplementary_blocks_continue_the_numbering(unit):
    parts, _, _ = body(unit, "complete")
    headings = [p.number + p.title for p in parts[0].paragraphs if p.kind == "heading"]
    assert headings == ["（一）主要职责", "（二）机构设置", "（三）人员编制情况", "（四）内部控制制度建设情况"]


def test_funds_section_refers_to_its_attachment(unit):
    parts, report, _ = body(unit, "complete")
    assert texts(parts[2])[-1] == "详见附件4《2023年度政府性基金预算支出情况表》。"
    assert [(a.number, a.listed) for a in report.attachments] == [
        (1, "部门整体支出绩效评价基础数据表"), (2, "部门整体支出绩效自评表"),
        (3, "项目支出绩效自评表（一个一级项目支出一张表）"), (4, "政府性基金预算支出情况表"),
        (5, "国有资本经营预算支出情况表")]


def test_own_words_replace_the_generated_sentences(unit):
    parts, _, findings = body(
        unit, "minimal",
        ("人员编制: {行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}",
         "人员编制: {行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2, 原文: [本局编制2人，在职2人。]}"),
        ("预算: {年初预算数: 10, 全年预算数: 10}",
         "预算: {年初预算数: 10, 全年预算数: 10, 原文: [本年收支均为10万元。]}"),
        ("  公用经费: {全年执行数: 2}\n",
         "  公用经费: {全年执行数: 2}\n  原文: [基本支出9万元，全部用于人员和日常运转。]\n"))
    one, two = texts(parts[0]), texts(parts[1])
    assert one[-2:] == ["（三）人员编制情况", "本局编制2人，在职2人。"]
    assert two[:3] == ["本年收支均为10万元。", "（一）基本支出情况", "基本支出9万元，全部用于人员和日常运转。"]
    # the amount in the unit's words is checked against the data (基本支出 is 10)
    [finding] = [f for f in findings if f.rule == "正文数字"]
    assert (finding.path, finding.line) == ("基本支出.原文[1]", 15)
    assert finding.stated == 9 and finding.computed == 10


def test_duties_can_be_numbered_as_in_the_sanding_plan(unit):
    two_duties = ("  - 负责测试。", "  - 负责测试。\n  - 负责复核。")
    parts, _, _ = body(unit, "minimal", ("职责:", "设置: {职责编号: （1）}\n职责:"), two_duties)
    assert texts(parts[0])[2:4] == ["（1）负责测试。", "（2）负责复核。"]
    parts, _, _ = body(unit, "minimal", two_duties)
    assert texts(parts[0])[2:4] == ["1.负责测试。", "2.负责复核。"]
    # a number typed before a duty does not print twice
    parts, _, _ = body(unit, "minimal", ("  - 负责测试。", "  - 1.负责测试。"))
    assert texts(parts[0])[2] == "1.负责测试。"


def test_procurement_total_and_split(unit):
    parts, _, _ = body(unit, "complete")
    assert "2023年度政府采购支出66.36万元，其中：货物10.00万元，工程0.00万元，服务56.36万元。" in texts(parts[1])
    parts, report, _ = body(unit, "complete", ("  货物: 10\n  工程: 0\n  服务: 56.36\n", ""))
    assert str(report.procurement.total.value) == "66.36"
    assert "2023年度政府采购支出66.36万元。" in texts(parts[1])


def test_the_title_takes_the_units_own_wording(unit):
    report, _ = unit("minimal")
    assert title_lines(report) == ["2023年度测试局", "单位整体支出绩效自评报告"]
    report, _ = unit("minimal", ("职责:", "设置: {报告标题: 部门整体支出绩效自评报告}\n职责:"))
    assert title_lines(report) == ["2023年度测试局", "部门整体支出绩效自评报告"]


def test_the_people_by_kind_follow_the_people(unit):
    staffed = ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}",
               "{编制数: 30, 行政编制: 20, 事业编制: 8, 工勤编制: 2, 实有人数: 28, 行政实有: 20, 事业实有: 6, 工勤实有: 2, "
               "在职人数: 28, 退休人数: 3}")
    parts, _, _ = body(unit, "minimal", staffed)
    assert texts(parts[0])[-1] == (
        "核定编制数合计30名，其中：行政编制20名，事业编制8名，工勤人员编制2名。"
        "实有人数28人，其中：行政20人、事业6人、工勤2人；年末实际在职人数28人，退休3人，编制控制率93.33%。")
    # the kinds alone: their sum is the people, printed as derived
    parts, _, _ = body(unit, "minimal", ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}",
                                         "{行政实有: 1, 事业实有: 1, 工勤实有: 0}"))
    assert texts(parts[0])[-1] == "实有人数2人，其中：行政1人、事业1人、工勤0人。"
    # some kinds only: no total invented
    parts, _, _ = body(unit, "minimal", ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}", "{行政实有: 1}"))
    assert texts(parts[0])[-1] == "实有人员中行政1人。"


def test_duties_numbered_as_subsections_open_section_one(unit):
    """Issue 21: 职责编号 （一） prints the 三定 text's numbering. The duties are then section
    一's first subsections, after a lead sentence and without the heading （一）主要职责 that
    would share their numbering; 机构设置, 人员编制情况 and the unit's own number on."""
    parts, _, findings = body(unit, "complete", ("设置:\n", "设置:\n  职责编号: （一）\n"))
    assert texts(parts[0])[:5] == [
        "示例县行政审批服务局的主要职责是：", "（一）负责全县行政审批制度改革工作。",
        "（二）负责“12345”政府服务热线 & <政务公开> 的“统筹”工作。",
        "（三）机构设置", texts(parts[0])[4]]
    headings = [p.number + p.title for p in parts[0].paragraphs if p.kind == "heading"]
    assert headings == ["（三）机构设置", "（四）人员编制情况", "（五）内部控制制度建设情况"]
    # the duties are the list, not headings: body text, as under （一）主要职责
    assert [p.kind for p in parts[0].paragraphs[:3]] == ["text", "item", "item"]
    assert not [f for f in findings if f.rule in ("职责编号", "手写编号")]


def test_duties_numbered_as_subsections_under_an_outline_that_nests_section_one(unit, tmp_path):
    from pathlib import Path
    from perfreport.commands.pipeline import examine
    from tests.conftest import edited
    outline = (Path("templates/outline.yaml").read_text(encoding="utf-8")
               .replace("{generated: basic_info, supplement: 基本情况补充}",
                        "{generated: basic_info, supplement: 基本情况补充, heading: 基本情况}"))
    (tmp_path / "outline.yaml").write_text(outline, encoding="utf-8")
    path = edited("minimal", tmp_path, ("职责:", "设置: {职责编号: （一）}\n职责:"), ("  - 负责测试。", "  - 负责测试。\n  - 负责复核。"))
    report = examine(path, outline=tmp_path / "outline.yaml").report
    # 基本情况 is （一）, 主要职责 1.: the duties cannot be （一） too; they print as （1）（2）, the audit says so
    assert texts(sections(report)[0])[:5] == ["（一）基本情况", "1.主要职责", "测试局的主要职责是：", "（1）负责测试。", "（2）负责复核。"]
