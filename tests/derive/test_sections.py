def texts(section):
    return [p.number + p.title + p.text for p in section.paragraphs]


def test_ten_sections_in_order(unit):
    report, _ = unit("complete")
    assert [s.number + s.title for s in report.sections] == [
        "一、部门（单位）基本情况", "二、一般公共预算支出情况", "三、政府性基金预算支出情况",
        "四、国有资本经营预算支出情况", "五、社会保险基金预算支出情况", "六、部门整体支出绩效情况",
        "七、存在的问题及原因分析", "八、下一步改进措施", "九、部门整体支出绩效自评结果拟应用和公开情况",
        "十、其他需要说明的情况"]


def test_empty_sections_get_the_standard_sentence(unit):
    report, _ = unit("minimal")
    assert texts(report.sections[2]) == ["2023年度本单位无政府性基金预算支出。"]
    assert texts(report.sections[3]) == ["2023年度本单位无国有资本经营预算支出。"]
    assert texts(report.sections[4]) == ["2023年度本单位无社会保险基金预算支出。"]
    assert texts(report.sections[9]) == ["无"]


def test_section_two_sentences_use_the_derived_figures(unit):
    report, _ = unit("complete")
    assert texts(report.sections[1])[:4] == [
        "2023年年初预算1000万元，全年预算1200万元，较年初预算增加200万元；其中一般公共预算1060万元，"
        "政府性基金拨款100万元，纳入专户管理的非税收入拨款30.5万元，其他资金9.5万元；全年支出合计1180万元，"
        "预算执行率98.33%。其中：基本支出400万元，占33.90%；项目支出780万元，占66.10%。",
        "（一）基本支出情况",
        "2023年基本支出400万元，其中：人员经费300.25万元，占基本支出的75.06%，主要包括：基本工资、津贴补贴、奖金；"
        "公用经费（商品和服务支出）99.75万元，占基本支出的24.94%，主要包括：办公费、印刷费、水费、电费。",
        "（二）项目支出情况",
    ]


def test_supplementary_blocks_continue_the_numbering(unit):
    report, _ = unit("complete")
    headings = [p.number + p.title for p in report.sections[0].paragraphs if p.kind == "heading"]
    assert headings == ["（一）主要职责", "（二）机构设置", "（三）人员编制情况", "（四）内部控制制度建设情况"]


def test_funds_section_refers_to_its_attachment(unit):
    report, _ = unit("complete")
    assert texts(report.sections[2])[-1] == "详见附件4《2023年度政府性基金预算支出情况表》。"
    assert [(a.number, a.title) for a in report.attachments] == [
        (1, "部门整体支出绩效评价基础数据表"), (2, "部门整体支出绩效自评表"),
        (3, "项目支出绩效自评表（一个一级项目支出一张表）"), (4, "政府性基金预算支出情况表"),
        (5, "国有资本经营预算支出情况表")]


def test_own_words_replace_the_generated_sentences(unit):
    report, findings = unit(
        "minimal",
        ("人员编制: {行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}",
         "人员编制: {行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2, 原文: [本局编制2人，在职2人。]}"),
        ("预算: {年初预算数: 10, 全年预算数: 10}",
         "预算: {年初预算数: 10, 全年预算数: 10, 原文: [本年收支均为10万元。]}"),
        ("  公用经费: {全年执行数: 2}\n",
         "  公用经费: {全年执行数: 2}\n  原文: [基本支出9万元，全部用于人员和日常运转。]\n"))
    one, two = texts(report.sections[0]), texts(report.sections[1])
    assert one[-2:] == ["（三）人员编制情况", "本局编制2人，在职2人。"]
    assert two[:3] == ["本年收支均为10万元。", "（一）基本支出情况", "基本支出9万元，全部用于人员和日常运转。"]
    # the amount in the unit's words is checked against the data (基本支出 is 10)
    [finding] = [f for f in findings if f.rule == "正文数字"]
    assert (finding.path, finding.line) == ("基本支出.原文[1]", 15)
    assert finding.stated == 9 and finding.computed == 10


def test_duties_can_be_numbered_as_in_the_sanding_plan(unit):
    two_duties = ("  - 负责测试。", "  - 负责测试。\n  - 负责复核。")
    report, _ = unit("minimal", ("职责:", "设置: {职责编号: （一）}\n职责:"), two_duties)
    assert texts(report.sections[0])[2:4] == ["（一）负责测试。", "（二）负责复核。"]
    default, _ = unit("minimal", two_duties)
    assert texts(default.sections[0])[2:4] == ["1.负责测试。", "2.负责复核。"]


def test_procurement_total_without_split(unit):
    split, _ = unit("complete")
    assert "2023年度政府采购支出66.36万元，其中：货物10万元，工程0万元，服务56.36万元。" in texts(split.sections[1])
    total, _ = unit("complete", ("  货物: 10\n  工程: 0\n  服务: 56.36\n", "  本年决算数: 66.36\n"))
    assert str(total.procurement.total) == "66.36"
    assert "2023年度政府采购支出66.36万元。" in texts(total.sections[1])
