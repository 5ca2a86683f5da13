"""Every audit rule, each made to fire by one edit of a fixture, with the exact message, the
line, and the values computed by hand; and none firing on the consistent complete fixture."""
from decimal import Decimal as D
from pathlib import Path

import pytest

from perfreport.audit import rule_names

BASE = ["complete.yaml:95:5: 项目[2].名称: 警告（提示·缺项）：还没有填写项目“业务工作经费”的绩效指标（附件3的指标部分空着）"]


def new(findings, rule=None):
    return [f.text() for f in findings if f.text() not in BASE and (rule is None or f.rule == rule)]


def test_complete_fixture_has_only_its_known_warning(unit):
    _, findings = unit("complete")
    assert [f.text() for f in findings] == BASE


def test_every_rule_has_a_test_here():
    from pathlib import Path
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.glob("test_*.py")))
    for name in rule_names():
        assert f"·{name}）" in source or f'"{name}"' in source, f"no test for audit rule {name}"


# ------------------------------------------------------------------ figures

def test_a_changed_project_amount_shows_in_every_stated_figure_built_on_it(unit):
    # 730 − 50 − 10 = 670 against the stated 620; 300.25 + 99.75 + 730 + 100 − 400 … = 830 projects;
    # 附件3: 执行率 730 / 700 > 100 % scores the full 10 (not 9.71) + 90
    _, findings = unit("complete", ("    全年执行数: 680", "    全年执行数: 730"))
    assert new(findings) == [
        "complete.yaml:50:23: 预算.按支出性质分.项目支出: 警告（确定·数字核对）：项目支出填的是 780.00 万元，"
        "而各项目全年执行数之和 = 830.00 万元，两者不一致",
        "complete.yaml:79:5: 项目[1].全年执行数: 警告（确定·执行率）：执行数 730.00 万元超过全年预算数 700.00 万元（执行率 104.29%）",
        "complete.yaml:80:38: 项目[1].当年财政拨款.全年执行数: 警告（确定·数字核对）：当年财政拨款全年执行数填的是 620.00 万元，"
        "而项目全年执行数 − 上年结转资金 − 其他资金 = 670.00 万元，两者不一致",
        "complete.yaml:94:5: 项目[1].总分: 警告（确定·数字核对）：总分填的是 99.71 分，而执行率得分 + 各指标得分 = 100.00 分，两者不一致",
    ]


def test_carry_out_added_to_available_funds_seed_002(unit):
    # 1000 + 50 + 150 = 1200 available; 1220 stated; then 1220 − 1180 = 40 left, 1220 − 140 = 1080 general
    _, findings = unit("complete", ("  全年预算数: 1200", "  全年预算数: 1220"))
    assert new(findings)[:2] == [
        "complete.yaml:45:3: 预算.全年预算数: 警告（确定·数字核对）：全年预算数填的是 1220.00 万元，"
        "而年初预算数 + 上年结转 + 本年追加 = 1200.00 万元，两者不一致。年末结转不应计入可用资金",
        "complete.yaml:48:3: 预算.年末结转: 警告（确定·数字核对）：年末结转填的是 20.00 万元，而全年预算数 − 全年执行数 = 40.00 万元，两者不一致",
    ]


def test_a_remainder_below_zero(unit):
    _, findings = unit("minimal", ("预算: {年初预算数: 10, 全年预算数: 10}",
                                   "预算: {年初预算数: 10, 全年预算数: 10, 按收入性质分: {其他资金: 12}}"))
    assert new(findings, "算出为负") == [
        "minimal.yaml:11:28: 预算.按收入性质分.一般公共预算: 警告（确定·算出为负）：一般公共预算按 全年预算数 − 其他收入来源 "
        "算出为 -2.00 万元，各部分之和超过了合计"]


def test_project_sources_exceeding_the_project(unit):
    _, findings = unit("minimal", ("基本支出:", "项目:\n  - {名称: 甲, 年初预算数: 5, 全年预算数: 5, 全年执行数: 5, "
                                              "其他资金: {全年执行数: 6}}\n基本支出:"))
    assert new(findings, "算出为负") == [
        "minimal.yaml:13:5: 项目[1].当年财政拨款.全年执行数: 警告（确定·算出为负）：当年财政拨款全年执行数按 "
        "项目全年执行数 − 上年结转资金 − 其他资金 算出为 -1.00 万元，各部分之和超过了合计"]


def test_execution_over_budget(unit):
    _, findings = unit("minimal", ("  人员经费: {全年执行数: 8}", "  人员经费: {全年执行数: 9}"),
                       ("预算: {年初预算数: 10, 全年预算数: 10}", "预算: {年初预算数: 10, 全年预算数: 10, 按支出性质分: {项目支出: 0}}"))
    assert new(findings, "执行率") == [
        "minimal.yaml:11:17: 预算.全年预算数: 警告（确定·执行率）：全年执行数 11.00 万元超过全年预算数 10.00 万元，执行率 110.00%"]


def test_spending_against_a_budget_of_zero_scores_nothing(unit):
    report, findings = unit("minimal", ("预算: {年初预算数: 10, 全年预算数: 10}", "预算: {年初预算数: 0, 全年预算数: 0, 全年执行数: 10}"))
    assert new(findings, "执行率") == [
        "minimal.yaml:11:16: 预算.全年预算数: 警告（确定·执行率）：全年预算数为 0，却有支出 10.00 万元：执行率无法计算，预算执行率不得分"]
    assert report.budget.execution.rate is None and report.budget.execution.score is None
    assert report.overall.total.value == D(90)          # 50 + 30 + 10, and nothing for 执行率


def test_fund_income_without_its_section_and_the_reverse(unit):
    # a unit that says it has no such funds while its income has them: the contradiction is
    # at the line that says "none"
    _, findings = unit("minimal", ("预算: {年初预算数: 10, 全年预算数: 10}",
                                   "预算: {年初预算数: 10, 全年预算数: 10, 按收入性质分: {政府性基金拨款: 3}}\n"
                                   "政府性基金预算支出: 无"))
    assert new(findings, "收支对应") == [
        "minimal.yaml:12:1: 政府性基金预算支出: 警告（确定·收支对应）：写了没有政府性基金预算支出，按收入性质分却有政府性基金拨款 "
        "3.00 万元。请在第三节写明这笔政府性基金的支出（“政府性基金预算支出”的说明和表格），或核对政府性基金拨款"]
    _, findings = unit("complete", ("    政府性基金拨款: 100\n", ""))
    assert new(findings, "收支对应") == [
        "complete.yaml:139:1: 政府性基金预算支出: 警告（确定·收支对应）：有政府性基金预算支出，按收入性质分却没有政府性基金拨款。"
        "请在预算.按收入性质分中填写政府性基金拨款"]


def test_fund_income_with_the_section_unsaid_is_listed_not_contradicted(unit):
    # a page cut off after the forms says nothing of section 三: nothing contradicts the
    # income, and 缺项 asks for the section
    _, findings = unit("minimal", ("预算: {年初预算数: 10, 全年预算数: 10}",
                                   "预算: {年初预算数: 10, 全年预算数: 10, 按收入性质分: {政府性基金拨款: 3}}"))
    assert new(findings, "收支对应") == []
    assert [f.text() for f in findings if f.path == "政府性基金预算支出"] == [
        "minimal.yaml:16:1: 政府性基金预算支出: 警告（提示·缺项）：还没有填写第三节“政府性基金预算支出情况”的内容："
        "有没有政府性基金预算支出（有的写“说明”和“表格”，没有的写 政府性基金预算支出: 无）"]


def test_duplicate_project_names(unit):
    _, findings = unit("complete", ("  - 名称: 业务工作经费", "  - 名称: 政务大厅运行维护"))
    assert new(findings, "项目名称重复") == [
        "complete.yaml:95:5: 项目[2].名称: 警告（确定·项目名称重复）：项目名称与第 1 个项目相同。一个一级项目只写一次"]


def test_three_public_over_budget(unit):
    _, findings = unit("complete", ("公务接待: {上年决算数: 0.3, 本年预算数: 0.2, 本年决算数: 0.13}",
                                    "公务接待: {上年决算数: 0.3, 本年预算数: 0.2, 本年决算数: 0.25}"))
    assert new(findings, "三公经费") == [
        "complete.yaml:107:34: 三公经费.公务接待.本年决算数: 警告（确定·三公经费）：公务接待决算数 0.25 万元超过预算数 0.20 万元"]


def test_staff_over_authorized(unit):
    _, findings = unit("complete", ("  在职人数: 17", "  在职人数: 20"))
    assert new(findings) == ["complete.yaml:33:3: 人员编制.在职人数: 警告（确定·控制率）：在职人数 20 人超过编制数 18 人（控制率 111.11%）"]


def test_staff_without_authorized_posts(unit):
    report, findings = unit("minimal", ("{行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}", "{编制数: 0, 在职人数: 2}"))
    assert new(findings, "控制率") == [
        "minimal.yaml:10:16: 人员编制.在职人数: 警告（确定·控制率）：编制数为 0，却有在职人员：控制率无法计算。请核对编制数"]
    assert report.staffing.control_rate is None


def test_buildings_over_approved(unit):
    _, findings = unit("complete", ("实际投资: 190", "实际投资: 210"))
    assert new(findings) == ["complete.yaml:127:56: 楼堂馆所[1].实际投资: 警告（确定·楼堂馆所）：投资概算控制率 105.00%，超过 100%"]


def test_impossible_report_date(unit):
    _, findings = unit("complete", ("填报日期: 2024年5月29日", "填报日期: 2023年2月29日"))
    assert new(findings, "填报日期") == [
        "complete.yaml:12:3: 单位.填报日期: 错误（填报日期）：“2023年2月29日”不是实际存在的日期。请核对月份和日子，如“2024年5月29日”"]
    _, findings = unit("complete", ("填报日期: 2024年5月29日", "填报日期: 2024年2月29日"))    # a leap year
    assert not new(findings, "填报日期")


# ------------------------------------------------------------------ indicator tables

def test_weights_seed_003(unit):
    _, findings = unit("complete", ("三级指标: 调研股室数量, 年度指标值: ≥50个, 实际完成值: 60个, 分值: 10, 得分: 10",
                                    "三级指标: 调研股室数量, 年度指标值: ≥50个, 实际完成值: 60个, 分值: 21, 得分: 21"))
    assert new(findings, "权重合计") == [
        "complete.yaml:160:1: 绩效指标: 警告（确定·权重合计）：部门整体支出绩效自评表中产出指标的分值合计为 61.00，应为 50.00",
        "complete.yaml:160:1: 绩效指标: 警告（确定·权重合计）：部门整体支出绩效自评表的分值合计（含预算执行率 10.00 分）为 111.00，应为 100.00",
    ]


def test_score_above_weight(unit):
    _, findings = unit("complete", ("实际完成值: 893个, 分值: 20, 得分: 20}", "实际完成值: 893个, 分值: 20, 得分: 25}"))
    assert new(findings, "指标分值") == ["complete.yaml:161:68: 绩效指标[1].得分: 警告（确定·指标分值）：得分 25.00 超过分值 20.00"]


def test_not_applicable_row_with_points(unit):
    _, findings = unit("complete", ("三级指标: 不适用}", "三级指标: 不适用, 分值: 5}"))
    assert new(findings, "指标分值") == ["complete.yaml:166:31: 绩效指标[6].分值: 警告（确定·指标分值）：“不适用”的指标不应有分值和得分"]


def test_score_contradicting_target_and_actual(unit):
    _, findings = unit("complete", ("实际完成值: 99%, 分值: 10, 得分: 9.9", "实际完成值: 99%, 分值: 10, 得分: 9.5"))
    assert new(findings, "得分复核") == [
        "complete.yaml:169:70: 绩效指标[9].得分: 警告（确定·得分复核）：得分 9.50 与指标值“≧100%”、实际完成值“99%”不符，按公式应为 9.90"]


def test_qualitative_score_outside_its_band(unit):
    _, findings = unit("complete", ("分值: 20, 得分: 18, 定性评价: 达成", "分值: 20, 得分: 18, 定性评价: 部分达成"))
    assert new(findings) == [
        "complete.yaml:168:70: 绩效指标[8].得分: 警告（确定·得分复核）：定性评价为“部分达成”，得分应在 12.00–16.00 之间，实际为 18.00"]


def test_units_that_differ(unit):
    _, findings = unit("complete", ("实际完成值: 60个", "实际完成值: 60次"))
    assert new(findings) == [
        "complete.yaml:162:45: 绩效指标[2].实际完成值: 警告（提示·得分复核）：实际完成值“60次”与年度指标值“≥50个”的单位不同，无法复核得分"]


def test_missing_deviation_reason_seed_004(unit):
    _, findings = unit("complete", ("得分: 9.9, 偏差原因分析及改进措施: 个别群众对排队时间不满意；增设自助终端。}", "得分: 9.9}"))
    assert new(findings) == [
        "complete.yaml:169:5: 绩效指标[9].偏差原因分析及改进措施: 警告（提示·偏差原因）：得分 9.90 低于分值 10.00，必须填写偏差原因分析及改进措施"]


# ------------------------------------------------------------------ the unit's words

def test_too_deep_heading_and_bad_table(unit):
    _, findings = unit("complete", ("          - 标题: 首席数据官制度\n",
                                    "          - 标题: 首席数据官制度\n            内容: [{标题: 第四层}]\n"),
                       ("        - [政府性基金, 100]", "        - [政府性基金]"))
    assert [f.text() for f in findings if f.is_error] == [
        "complete.yaml:138:11: 支出情况补充[1].表格.行[2]: 错误（文字结构）：这一行有 1 格，表头有 2 列",
        "complete.yaml:181:19: 部门整体支出绩效情况[1].内容[1].内容[2].内容[1].标题: 错误（文字结构）：标题层级过深："
        "这一层在“（1）”之下，报告的标题最多分到“（1）”这一层。把更深的内容写成段落",
    ]


def test_own_words_under_a_generated_heading_have_one_level_less(unit):
    # 基本支出.原文 sits under the generated （一）基本支出情况: its headings are 1. and （1）,
    # so its third level is one too many; the same depth in 预算.原文 (a section opening) is fine
    deep = "[{标题: 甲, 内容: [{标题: 乙, 内容: [{标题: 丙}]}]}]"
    _, findings = unit("minimal", ("  公用经费: {全年执行数: 2}\n", f"  公用经费: {{全年执行数: 2}}\n  原文: {deep}\n"))
    assert new(findings, "文字结构") == [
        "minimal.yaml:15:35: 基本支出.原文[1].内容[1].内容[1].标题: 错误（文字结构）：标题层级过深：这一层在“（1）”之下，"
        "报告的标题最多分到“（1）”这一层。把更深的内容写成段落"]
    _, findings = unit("minimal", ("预算: {年初预算数: 10, 全年预算数: 10}",
                                   f"预算: {{年初预算数: 10, 全年预算数: 10, 原文: {deep}}}"))
    assert not new(findings, "文字结构")


def test_typed_numbering_is_taken_off_and_reported_at_its_line(unit):
    report, findings = unit("complete", ("  - 标题: 聚焦主职主责", "  - 标题: （一）聚焦主职主责"),
                            ("      - 标题: 优化流程再造", "      - 标题: 2.优化流程再造"),
                            ("  - 负责全县行政审批制度改革工作。", "  - 1、负责全县行政审批制度改革工作。"))
    assert new(findings) == [
        "complete.yaml:19:5: 职责[1]: 警告（提示·手写编号）：职责开头手写了编号“1、”，生成时已去掉。编号由程序生成（样式见“设置.职责编号”）；请在文件中删去它",
        "complete.yaml:174:5: 部门整体支出绩效情况[1].标题: 警告（提示·手写编号）：标题开头手写了编号“（一）”，生成时已去掉。"
        "编号由程序按层级生成；请在文件中删去它",
        "complete.yaml:182:9: 部门整体支出绩效情况[1].内容[2].标题: 警告（提示·手写编号）：标题开头手写了编号“2.”，生成时已去掉。"
        "编号由程序按层级生成；请在文件中删去它",
    ]
    titles = [b.title for b in report.all_blocks() if b.kind == "heading"]
    assert "聚焦主职主责" in titles and "优化流程再造" in titles
    assert report.duties[0].text == "负责全县行政审批制度改革工作。"


# ------------------------------------------------------------------ what a complete report lacks

def test_a_unit_with_only_its_name_and_year_lists_every_blank(unit, tmp_path):
    from tests.conftest import run
    path = tmp_path / "bare.yaml"
    path.write_text("单位:\n  全称: 测试局\n  年度: 2023\n", encoding="utf-8")
    report, findings = run(path)
    assert {f.rule for f in findings} == {"缺项"} and not [f for f in findings if f.is_error]
    # each at the nearest key the file has: here every absent top-level key at 单位's line
    assert [(f.line, f.path) for f in findings] == [(1, p) for p in (
        "职责", "机构设置", "人员编制.编制数", "人员编制.在职人数", "预算.年初预算数", "预算.全年预算数",
        "预算.全年执行数", "预算.按收入性质分", "基本支出.全年执行数", "基本支出.人员经费.全年执行数", "三公经费",
        "政府采购", "年度总体目标", "绩效指标", "政府性基金预算支出", "国有资本经营预算支出", "社会保险基金预算支出",
        "部门整体支出绩效情况", "存在的问题及原因分析", "下一步改进措施", "部门整体支出绩效自评结果拟应用和公开情况",
        "其他需要说明的情况")] + [(2, "单位.主管部门"), (3, "单位.填表人"), (3, "单位.联系电话"), (3, "单位.填报日期")]
    assert findings[6].text() == ("bare.yaml:1:1: 预算.全年执行数: 警告（提示·缺项）：还没有填写全年执行数（附件2和第二节；"
                                  "也可以填各部分，由 基本支出 + 项目支出 算出）")
    # the split of 编制 and of 基本支出 is asked for only once a total or a part is there
    assert not [f for f in findings if f.path in ("人员编制", "人员编制.行政编制")]


def test_missing_structure(unit):
    _, findings = unit("minimal", ("  内设机构: [办公室]\n", "  说明: ''\n"))
    assert "minimal.yaml:8:1: 机构设置: 警告（提示·缺项）：还没有填写内设机构和二级机构（第一节“机构设置”）" in new(findings)


def test_missing_overall_goal_and_an_indicator_score(unit):
    _, findings = unit("complete", ("年度总体目标:\n  预期目标: 深化“放管服”改革，优化营商环境。\n  实际完成情况: 全面完成年度目标。\n", ""),
                       ("实际完成值: 60个, 分值: 10, 得分: 10}", "实际完成值: 60个, 分值: 10}"))
    assert new(findings, "缺项") == [
        "complete.yaml:129:1: 年度总体目标: 警告（提示·缺项）：还没有填写部门整体的年度总体目标（附件2）",
        "complete.yaml:159:57: 绩效指标[2].得分: 警告（提示·缺项）：还没有填写指标“调研股室数量”的得分（总分因此无法计算）"]


def test_a_file_that_names_another(unit):
    _, findings = unit("complete", ("  文件名: complete", "  文件名: hengshan"))
    assert new(findings, "文件名") == [
        "complete.yaml:6:3: 单位.文件名: 错误（文件名）：文件名写的是“hengshan”，这个文件却是 complete.yaml。"
        "请核对是不是从别的单位复制来的；是本单位的，就把文件名改成 complete"]


# ------------------------------------------------------------------ targets as people write them

def test_a_strict_target_met_only_at_its_bound(unit):
    _, findings = unit("complete", ("三级指标: 调研股室数量, 年度指标值: ≥50个, 实际完成值: 60个",
                                    "三级指标: 调研股室数量, 年度指标值: ＞60个, 实际完成值: 60个"))
    assert new(findings, "得分复核") == [
        "complete.yaml:162:65: 绩效指标[2].得分: 警告（确定·得分复核）：实际完成值“60个”没有达到“＞60个”，得分却是满分 10.00"]


def test_a_deadline_missed_with_full_marks(unit):
    _, findings = unit("complete", ("年度指标值: 按时完成, 实际完成值: 完成", "年度指标值: 11月底前, 实际完成值: 12月底前"))
    assert new(findings, "得分复核") == [
        "complete.yaml:164:69: 绩效指标[4].得分: 警告（确定·得分复核）：实际完成值“12月底前”晚于年度指标值“11月底前”，得分却是满分 5.00"]


def test_a_qualitative_miss_in_the_达成_band(unit):
    _, findings = unit("complete", ("年度指标值: 出台, 实际完成值: 已出台, 分值: 20, 得分: 18, 定性评价: 达成",
                                    "年度指标值: 出台, 实际完成值: 未出台, 分值: 20, 得分: 18, 定性评价: 达成"))
    assert new(findings, "得分复核") == [
        "complete.yaml:168:70: 绩效指标[8].得分: 警告（确定·得分复核）：实际完成值“未出台”没有达成年度指标值“出台”，得分却是“达成”一档"]


def test_a_partial_completion_with_full_marks(unit):
    _, findings = unit("complete", ("年度指标值: 按时完成, 实际完成值: 完成, 分值: 5, 得分: 5",
                                    "年度指标值: 按时完成, 实际完成值: 部分完成, 分值: 5, 得分: 5"))
    assert new(findings, "得分复核") == [
        "complete.yaml:164:67: 绩效指标[4].得分: 警告（确定·得分复核）：实际完成值“部分完成”只部分达成年度指标值“按时完成”，得分却是满分 5.00"]


def test_a_percentage_against_a_fraction(unit):
    _, findings = unit("complete", ("实际完成值: 99%, 分值: 10, 得分: 9.9", "实际完成值: '0.99', 分值: 10, 得分: 9.9"))
    assert new(findings, "得分复核") == [
        "complete.yaml:169:50: 绩效指标[9].实际完成值: 警告（提示·得分复核）：实际完成值“0.99”是小数，年度指标值“≧100%”是百分数，"
        "单位不同，无法复核得分。请用同一种写法，如“98%”"]


def test_a_range_scored_to_its_nearer_end(unit):
    _, findings = unit("complete", ("三级指标: 调研股室数量, 年度指标值: ≥50个, 实际完成值: 60个, 分值: 10, 得分: 10",
                                    "三级指标: 调研股室数量, 年度指标值: 70个-80个, 实际完成值: 60个, 分值: 10, 得分: 10"))
    assert new(findings, "得分复核") == [                       # 10 × 60/70
        "complete.yaml:162:68: 绩效指标[2].得分: 警告（确定·得分复核）：得分 10.00 与指标值“70个-80个”、实际完成值“60个”不符，"
        "按公式应为 8.57"]


def test_a_target_with_no_measure(unit):
    _, findings = unit("complete", ("年度指标值: 按时完成, 实际完成值: 完成", "年度指标值: 影响情况, 实际完成值: 完成"))
    assert new(findings, "无法复核") == [
        "complete.yaml:164:34: 绩效指标[4].年度指标值: 警告（提示·无法复核）：年度指标值“影响情况”没有可以衡量的标准，"
        "实际完成值“完成”无法与它比较，得分无法复核。请写明比较符、数量和单位（如“≥500个”“≤100%”），"
        "或写明要完成的事（如“出台”“按时完成”）"]


def test_a_not_applicable_row_counts_for_nothing(unit):
    report, findings = unit("complete", ("三级指标: 不适用}", "三级指标: 不适用, 分值: 5, 得分: 5}"))
    assert report.overall.weight_sum == 100 and not new(findings, "权重合计")
    assert report.overall.total.derived == D("97.73")


# ------------------------------------------------------------------ parts within wholes, dates, limits

@pytest.mark.parametrize("edit,expected", [
    (("公务接待: {上年决算数: 0.3, 本年预算数: 0.2, 本年决算数: 0.13}", "公务接待: {上年决算数: 0.3, 本年预算数: 200, 本年决算数: 130}"),
     "complete.yaml:107:34: 三公经费.公务接待.本年决算数: 警告（确定·包含关系）：“三公”经费中的公务接待 130.00 万元大于包含它的公用经费 99.75 万元"),
    (("办公经费: {上年决算数: 10, 本年预算数: 12, 本年决算数: 11.5}", "办公经费: {上年决算数: 10, 本年预算数: 12, 本年决算数: 111.5}"),
     "complete.yaml:68:34: 基本支出.公用经费.办公经费.本年决算数: 警告（确定·包含关系）：公用经费中的办公经费 111.50 万元大于包含它的公用经费 99.75 万元"),
    (("  本年决算数: 66.36\n  货物: 10\n", "  本年决算数: 1266.36\n  货物: 1210\n"),
     "complete.yaml:112:3: 政府采购.本年决算数: 警告（确定·包含关系）：政府采购 1266.36 万元大于包含它的全年执行数 1180.00 万元"),
], ids=["reception", "office", "procurement"])
def test_a_part_larger_than_its_whole(unit, edit, expected):
    _, findings = unit("complete", edit)
    assert new(findings, "包含关系") == [expected]


def test_a_project_larger_than_project_spending(unit):
    _, findings = unit("minimal", ("基本支出:", "项目:\n  - {名称: 甲, 全年执行数: 30}\n预算:\n  按支出性质分: {项目支出: 20}\n基本支出:"),
                       ("预算: {年初预算数: 10, 全年预算数: 10}\n", ""))
    assert new(findings, "包含关系") == [
        "minimal.yaml:12:13: 项目[1].全年执行数: 警告（确定·包含关系）：项目“甲” 30.00 万元大于包含它的项目支出 20.00 万元"]


@pytest.mark.parametrize("date,message", [
    ("2023年11月29日", "填报日期“2023年11月29日”在 2023 年度结束之前。自评报告在年度结束后填报：请核对年度 2023 和填报日期"),
    ("2029年5月29日", "填报日期“2029年5月29日”比 2023 年度晚了 6 年。请核对年度 2023 和填报日期"),
])
def test_a_report_date_before_the_year_ended_or_years_after(unit, date, message):
    _, findings = unit("complete", ("填报日期: 2024年5月29日", f"填报日期: {date}"))
    assert new(findings, "填报日期") == [f"complete.yaml:12:3: 单位.填报日期: 警告（提示·填报日期）：{message}"]


def test_a_hundred_headings_at_one_level_is_a_message_not_a_crash(unit):
    many = "\n".join(f"  - 标题: 第{i}项" for i in range(100))
    _, findings = unit("minimal", ("部门整体支出绩效情况: [运转正常。]", f"部门整体支出绩效情况:\n{many}"))
    assert [f.text() for f in findings if f.is_error] == [
        "minimal.yaml:120:5: 部门整体支出绩效情况[100].标题: 错误（文字结构）：同一层有 100 个标题，超过 99 个。"
        "请把这些标题分成几组，放到上一层标题之下"]


# ------------------------------------------------------------------ stated totals (issue 21)

def test_the_project_line_against_the_projects(unit):
    _, findings = unit("complete", ("部门基本支出预算调整:", "项目支出: {本年决算数: 700}\n部门基本支出预算调整:"))
    assert new(findings, "数字核对") == [
        "complete.yaml:117:8: 项目支出.本年决算数: 警告（确定·数字核对）：项目支出本年决算数填的是 700.00 万元，"
        "而按支出性质分的项目支出 = 780.00 万元，两者不一致"]


def test_the_project_line_against_the_split_is_said_once(unit):
    _, findings = unit("forms_only", ("按支出性质分: {合计: 1925.67, 基本支出: 900.47}",
                                      "按支出性质分: {合计: 1925.67, 基本支出: 900.47, 项目支出: 1000}"))
    # the line and the split disagree: said at the split, not again at the line
    assert [f for f in new(findings, "数字核对") if "项目支出" in f.split(":")[3]] == [
        "forms_only.yaml:9:39: 预算.按支出性质分.项目支出: 警告（确定·数字核对）：项目支出填的是 1000.00 万元，"
        "而附件1项目支出的本年决算数 = 1025.20 万元，两者不一致"]


def test_a_split_total_against_its_parts_and_the_whole(unit):
    _, findings = unit("forms_only", ("按支出性质分: {合计: 1925.67,", "按支出性质分: {合计: 1900,"))
    assert new(findings, "数字核对") == [
        "forms_only.yaml:9:12: 预算.按支出性质分.合计: 警告（确定·数字核对）：按支出性质分合计填的是 1900.00 万元，"
        "而基本支出 + 项目支出 = 1925.67 万元，两者不一致"]
    assert new(findings, "收支合计") == []        # 全年执行数 is those parts: said once, above
    _, findings = unit("forms_only", ("全年执行数: 1925.67", "全年执行数: 2000"))
    assert new(findings, "收支合计") == [
        "forms_only.yaml:9:12: 预算.按支出性质分.合计: 警告（确定·收支合计）：按支出性质分合计填的是 1925.67 万元，"
        "而全年执行数为 2000.00 万元，两者不一致。按支出性质分的合计就是全年执行数，请核对"]
    _, findings = unit("forms_only", ("按收入性质分: {合计: 1925.67}", "按收入性质分: {合计: 1800}\n  全年预算数: 1925.67"))
    assert new(findings, "收支合计") == [
        "forms_only.yaml:8:12: 预算.按收入性质分.合计: 警告（确定·收支合计）：按收入性质分合计填的是 1800.00 万元，"
        "而全年预算数为 1925.67 万元，两者不一致。按收入性质分的合计就是全年预算数，请核对"]
    # its parts, when 全年预算数 is not known
    _, findings = unit("forms_only", ("按收入性质分: {合计: 1925.67}", "按收入性质分: {合计: 1925.67, 一般公共预算: 1900}"))
    assert new(findings, "数字核对") == [
        "forms_only.yaml:8:12: 预算.按收入性质分.合计: 警告（确定·数字核对）：按收入性质分合计填的是 1925.67 万元，"
        "而按收入性质分各项之和 = 1900.00 万元，两者不一致"]


def test_a_duty_typed_with_the_subsection_number_points_to_the_setting(unit):
    # 三定 texts number （一）（二）: the setting that prints them so is named, where it can
    _, findings = unit("minimal", ("  - 负责测试。", "  - （一）负责测试。"))
    assert new(findings, "手写编号") == [
        "minimal.yaml:7:5: 职责[1]: 警告（提示·手写编号）：职责开头手写了编号“（一）”，生成时已去掉。编号由程序生成；"
        "要照原文件用“（一）（二）”编号，请在“设置”中写“职责编号: （一）”，并在文件中删去手写的编号"]
    # already chosen: only the typed number to take off
    _, findings = unit("minimal", ("  - 负责测试。", "  - (一)负责测试。"), ("职责:", "设置: {职责编号: （一）}\n职责:"))
    assert new(findings, "手写编号") == [
        "minimal.yaml:8:5: 职责[1]: 警告（提示·手写编号）：职责开头手写了编号“(一)”，生成时已去掉。"
        "编号由程序生成（样式见“设置.职责编号”）；请在文件中删去它"]


def test_duty_numbering_the_outline_cannot_give(unit, tmp_path):
    from perfreport.commands.pipeline import examine
    from tests.conftest import edited
    # an outline whose section 一 stands under a heading of its own: its duties cannot be （一）
    outline = (Path("templates/outline.yaml").read_text(encoding="utf-8")
               .replace("{generated: basic_info, supplement: 基本情况补充}",
                        "{generated: basic_info, supplement: 基本情况补充, heading: 基本情况}"))
    (tmp_path / "outline.yaml").write_text(outline, encoding="utf-8")
    path = edited("minimal", tmp_path, ("职责:", "设置: {职责编号: （一）}\n职责:"))
    findings = examine(path, shown=path.name, outline=tmp_path / "outline.yaml").findings
    assert [f.text() for f in findings if f.rule == "职责编号"] == [
        "minimal.yaml:6:6: 设置.职责编号: 警告（提示·职责编号）：这份提纲把第一节的内容放在一个小标题之下，职责不能再用“（一）”编号，"
        "已印作“（1）（2）”。请改选“（1）”，或换用第一节没有小标题的提纲"]
    # more duties than （一） has words for, with the subsections after them
    duties = "".join(f"  - 负责第{n}项。\n" for n in range(98))
    _, findings = unit("minimal", ("职责:", "设置: {职责编号: （一）}\n职责:"), ("  - 负责测试。\n", duties))
    assert new(findings, "职责编号") == [
        "minimal.yaml:105:5: 职责[98]: 错误（职责编号）：职责有 98 项，用“（一）”编号时连同第一节的其他小标题超过 99 个。"
        "请改选“1.”编号，或把职责合并"]
