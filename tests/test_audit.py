"""Every audit rule, each triggered by one edit of the complete fixture, against hand-computed values."""
from decimal import Decimal as D

from perfreport.audit import rule_names

BASE = ["complete.yaml:86:5: 项目[2].名称: 警告（缺少附件）：项目“业务工作经费”没有绩效指标，"
        "不会生成它的项目支出绩效自评表。每个一级项目支出一张表"]


def new(findings):
    return [f.text() for f in findings if f.text() not in BASE]


def test_complete_fixture_has_only_its_known_warning(unit):
    _, findings = unit("complete")
    assert [f.text() for f in findings] == BASE


def test_every_rule_has_a_test_here():
    source = open(__file__, encoding="utf-8").read()
    for name in rule_names():
        assert f"（{name}）" in source, f"no test for audit rule {name}"


def test_execution_over_budget(unit):
    _, findings = unit("complete", ("全年执行数: 680", "全年执行数: 730"))
    assert new(findings) == [
        "complete.yaml:42:3: 预算.全年预算数: 警告（执行率）：全年支出 1230 万元（基本支出 + 项目支出）超过全年预算数 1200 万元，执行率 102.50%",
        "complete.yaml:45:3: 预算.年末结转: 警告（预算调整）：年末结转 20 万元不等于 全年预算数 − 全年支出 = -30 万元",
        "complete.yaml:72:5: 项目[1].全年执行数: 警告（执行率）：执行数 730 万元超过全年预算数 700 万元（执行率 104.29%）",
    ]


def test_income_parts_exceeding_the_budget(unit):
    _, findings = unit("complete", ("    其他资金: 9.5", "    其他资金: 1100"))
    assert new(findings) == ["complete.yaml:46:3: 预算.按收入性质分: 警告（收入合计）：按收入性质分的各项之和超过全年预算数 1200 万元（一般公共预算算出为 -30.5 万元）"]


def test_carry_out_added_to_available_funds_seed_002(unit):
    _, findings = unit("complete", ("  全年预算数: 1200", "  全年预算数: 1220"))
    texts = new(findings)
    assert "complete.yaml:42:3: 预算.全年预算数: 警告（预算调整）：全年预算数 1220 万元不等于 年初预算 + 上年结转 + 本年追加 = 1200 万元。年末结转不应计入可用资金" in texts


def test_initial_budget_parts(unit):
    _, findings = unit("complete", ("  年初预算数: 400", "  年初预算数: 410"))
    assert new(findings) == ["complete.yaml:41:3: 预算.年初预算数: 警告（年初预算分项）：年初预算数 1000 万元不等于 基本支出年初预算 410 + 各项目年初预算之和 = 1010 万元"]


def test_basic_without_split(unit):
    report, findings = unit("minimal", ("  人员经费: {全年执行数: 8}\n  公用经费: {全年执行数: 2}\n", "  全年执行数: 10\n"))
    assert report.budget.basic == D(10)
    assert new(findings) == ["minimal.yaml:13:3: 基本支出.全年执行数: 警告（基本支出分项）：基本支出只有合计，没有分人员经费和公用经费。标准提纲要求分别写明人员经费和公用经费及其内容"]


def test_project_sources_exceeding_the_project(unit):
    _, findings = unit("complete", ("其他资金: {年初预算数: 0, 全年预算数: 10, 全年执行数: 10}",
                                    "其他资金: {年初预算数: 0, 全年预算数: 700, 全年执行数: 10}"))
    assert new(findings) == ["complete.yaml:71:5: 项目[1].全年预算数: 警告（项目资金来源）：上年结转资金与其他资金之和超过项目的全年预算数（当年财政拨款算出为 -50 万元）"]


def test_duplicate_project_names(unit):
    _, findings = unit("complete", ("  - 名称: 业务工作经费", "  - 名称: 政务大厅运行维护"))
    assert "complete.yaml:86:5: 项目[2].名称: 警告（项目名称重复）：项目名称与第 1 个项目相同。一个一级项目只写一次" in [f.text() for f in findings]


def test_three_public_over_budget(unit):
    _, findings = unit("complete", ("公务接待: {上年决算数: 0.3, 本年预算数: 0.2, 本年决算数: 0.13}",
                                    "公务接待: {上年决算数: 0.3, 本年预算数: 0.2, 本年决算数: 0.25}"))
    assert new(findings) == ["complete.yaml:96:34: 三公经费.公务接待.本年决算数: 警告（三公经费）：公务接待决算数 0.25 万元超过预算数 0.2 万元"]


def test_staff_over_authorized(unit):
    _, findings = unit("complete", ("  在职人数: 17", "  在职人数: 20"))
    assert new(findings) == ["complete.yaml:30:3: 人员编制.在职人数: 警告（控制率）：在职人数 20 人超过编制数 18 人（控制率 111.11%）"]


def test_staffing_total_without_split(unit):
    report, findings = unit("minimal", ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}",
                                        "{编制数: 2, 在职人数: 2}"))
    assert report.staffing.authorized == 2 and report.staffing.control_rate == 1
    assert new(findings) == ["minimal.yaml:10:8: 人员编制.编制数: 警告（编制分项）：只填了编制总数，没有分行政编制、事业编制、"
                             "工勤编制。知道分项时请改填“行政编制”“事业编制”“工勤编制”，编制数由程序计算"]


def test_buildings_over_approved(unit):
    _, findings = unit("complete", ("实际投资: 190", "实际投资: 210"))
    assert new(findings) == ["complete.yaml:114:56: 楼堂馆所[1].实际投资: 警告（楼堂馆所）：投资概算控制率 105.00%，超过 100%"]


def test_missing_structure(unit):
    _, findings = unit("minimal", ("  内设机构: [办公室]\n", "  说明: ''\n"))
    assert new(findings) == ["minimal.yaml:8:1: 机构设置: 警告（机构设置）：没有填写内设机构和二级机构。第一节将缺少“机构设置”"]


def test_missing_overall_form(unit):
    text_edit = ("年度总体目标: {预期目标: 正常运转, 实际完成情况: 正常运转}\n", "")
    _, findings = unit("minimal", text_edit)
    assert new(findings) == ["minimal.yaml:1:1: 年度总体目标: 警告（缺少附件）：没有部门整体的年度总体目标（附件2）"]


def test_weights_seed_003(unit):
    _, findings = unit("complete", ("三级指标: 调研股室数量, 年度指标值: ≥50个, 实际完成值: 60个, 分值: 10, 得分: 10",
                                    "三级指标: 调研股室数量, 年度指标值: ≥50个, 实际完成值: 60个, 分值: 21, 得分: 21"))
    assert new(findings) == [
        "complete.yaml:147:1: 绩效指标: 警告（权重合计）：部门整体支出绩效自评表中产出指标的分值合计为 61，应为 50",
        "complete.yaml:147:1: 绩效指标: 警告（权重合计）：部门整体支出绩效自评表的分值合计（含预算执行率 10 分）为 111，应为 100",
    ]


def test_score_above_weight_and_missing_score(unit):
    _, findings = unit("complete", ("实际完成值: 893个, 分值: 20, 得分: 20}", "实际完成值: 893个, 分值: 20, 得分: 25}"),
                       ("实际完成值: 60个, 分值: 10, 得分: 10}", "实际完成值: 60个, 分值: 10}"))
    texts = [f.text() for f in findings]
    assert texts[0] == "complete.yaml:149:5: 绩效指标[2]: 错误（指标分值）：指标“调研股室数量”缺少得分。总分无法计算"
    assert "complete.yaml:148:68: 绩效指标[1].得分: 警告（指标分值）：得分 25 超过分值 20" in texts


def test_not_applicable_row_with_points(unit):
    _, findings = unit("complete", ("三级指标: 不适用}", "三级指标: 不适用, 分值: 5}"))
    assert "complete.yaml:153:31: 绩效指标[6].分值: 警告（指标分值）：“不适用”的指标不应有分值和得分" in [f.text() for f in findings]


def test_score_contradicting_target_and_actual(unit):
    _, findings = unit("complete", ("实际完成值: 99%, 分值: 10, 得分: 9.9", "实际完成值: 99%, 分值: 10, 得分: 9.5"))
    assert new(findings) == ["complete.yaml:156:70: 绩效指标[9].得分: 警告（得分复核）：得分 9.5 与指标值“≧100%”、实际完成值“99%”不符，按公式应为 9.9"]


def test_qualitative_score_outside_its_band(unit):
    _, findings = unit("complete", ("分值: 20, 得分: 18, 定性评价: 达成", "分值: 20, 得分: 18, 定性评价: 部分达成"))
    assert new(findings) == ["complete.yaml:155:70: 绩效指标[8].得分: 警告（得分复核）：定性评价为“部分达成”，得分应在 12–16 之间，实际为 18"]


def test_units_that_differ(unit):
    _, findings = unit("complete", ("实际完成值: 60个", "实际完成值: 60次"))
    assert new(findings) == ["complete.yaml:149:45: 绩效指标[2].实际完成值: 警告（得分复核）：实际完成值“60次”与年度指标值“≥50个”的单位不同，无法复核得分"]


def test_missing_deviation_reason_seed_004(unit):
    _, findings = unit("complete", ("得分: 9.9, 偏差原因分析及改进措施: 个别群众对排队时间不满意；增设自助终端。}", "得分: 9.9}"))
    assert new(findings) == ["complete.yaml:156:5: 绩效指标[9].偏差原因分析及改进措施: 警告（偏差原因）：得分 9.9 低于分值 10，必须填写偏差原因分析及改进措施"]


def test_too_deep_heading_and_bad_table(unit):
    _, findings = unit("complete", ("          - 标题: 首席数据官制度\n",
                                    "          - 标题: 首席数据官制度\n            内容: [{标题: 第四层}]\n"),
                       ("        - [政府性基金, 100]", "        - [政府性基金]"))
    texts = [f.text() for f in findings if f.is_error]
    assert texts == [
        "complete.yaml:125:11: 支出情况补充[1].表格.行[2]: 错误（文字结构）：这一行有 1 格，表头有 2 列",
        "complete.yaml:166:19: 部门整体支出绩效情况[1].内容[1].内容[2].内容[1].标题: 错误（文字结构）：标题层级过深（第 4 层）；最多三层：（一）、1.、（1）。把更深的内容写成段落",
    ]


def test_prose_may_state_the_initial_budget_of_basic_spending(unit):
    edits = [("  年初预算数: 400", "  年初预算数: 380"),
             ("  - 全年共收到锦旗17面、表扬信65份。", "  - 年初预算基本支出380万元，共收到锦旗17面。")]
    _, findings = unit("complete", *edits)
    assert not [f for f in findings if f.rule == "正文数字"]


def test_prose_figure_differing_from_data(unit):
    _, findings = unit("complete", ("  - 全年共收到锦旗17面、表扬信65份。", "  - 全年基本支出为410万元，共收到锦旗17面。"))
    assert new(findings) == ["complete.yaml:168:5: 部门整体支出绩效情况[2]: 警告（正文数字）：正文写“基本支出为410万元”，数据中基本支出为 400 万元。正文中的金额请与数据一致，或删去由程序生成的数字"]


def test_prose_figure_in_the_opening(unit):
    _, findings = unit("complete", ("  - 根据县财政局关于开展2023年度部门整体支出绩效自评的通知要求，现将我局自评情况报告如下：",
                                    "  - 全年项目支出为99万元，现将我局自评情况报告如下："))
    assert [f.text() for f in findings if f.rule == "正文数字"] == [
        "complete.yaml:183:5: 引言[1]: 警告（正文数字）：正文写“项目支出为99万元”，数据中项目支出为 780 万元。"
        "正文中的金额请与数据一致，或删去由程序生成的数字"]


def test_own_words_under_a_generated_heading_have_one_level_less(unit):
    # 基本支出.原文 sits under the generated （一）基本支出情况: its headings are 1. and （1）,
    # so its third level counts as the 4th; the same depth in 预算.原文 (a section opening) is fine
    deep = "[{标题: 甲, 内容: [{标题: 乙, 内容: [{标题: 丙}]}]}]"
    _, findings = unit("minimal", ("  公用经费: {全年执行数: 2}\n", f"  公用经费: {{全年执行数: 2}}\n  原文: {deep}\n"))
    assert [f.text() for f in findings if f.rule == "文字结构"] == [
        "minimal.yaml:15:35: 基本支出.原文[1].内容[1].内容[1].标题: 错误（文字结构）：标题层级过深（第 4 层）；"
        "最多三层：（一）、1.、（1）。把更深的内容写成段落"]
    _, findings = unit("minimal", ("预算: {年初预算数: 10, 全年预算数: 10}",
                                   f"预算: {{年初预算数: 10, 全年预算数: 10, 原文: {deep}}}"))
    assert not [f for f in findings if f.rule == "文字结构"]


def test_impossible_report_date(unit):
    _, findings = unit("complete", ("填报日期: 2024年5月29日", "填报日期: 2023年2月29日"))
    assert [f.text() for f in findings if f.rule == "填报日期"] == [
        "complete.yaml:11:3: 单位.填报日期: 错误（填报日期）：“2023年2月29日”不是实际存在的日期。请核对月份和日子，如“2024年5月29日”"]
    _, findings = unit("complete", ("填报日期: 2024年5月29日", "填报日期: 2024年2月29日"))    # a leap year
    assert not [f for f in findings if f.rule == "填报日期"]
