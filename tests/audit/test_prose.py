"""The unit's own words against its figures (perfreport/audit/prose.py): amounts and counts
(正文数字), shares and rates (正文比率), scores and grades (正文得分), claims to have kept
within budget (预算表述). A page of consistent words covering every shape fires nothing;
each planted inconsistency gives exactly one warning, at the paragraph's line, with both values."""
import pytest

from perfreport.audit.context import LEVEL

from tests.audit.test_rules import BASE

RULES = ("正文数字", "正文比率", "正文得分", "预算表述", "表格合计")

# Every figure here is the complete fixture's, written the ways units write them; the last
# paragraph holds what must be left alone: a change, another year, another's money, a part of
# the unit, a bound.
WORDS = """  - 2023年年初预算1000万元，全年预算1200万元，其中上年结转50万元，本年追加150万元；全年支出1180万元，其中：基本支出400万元，占总支出的33.90%；项目支出780万元，占66.10%。预算执行率为98.33%，年末结转20万元。
  - 基本支出中，人员经费300.25万元，公用经费99.75万元，其中办公经费11.5万元。
  - “三公”经费预算1.7万元，实际支出1.53万元，结余0.17万元，结余率10%；其中公务接待费0.13万元，公务用车运行维护费1.4万元，因公出国（境）费0万元。
  - 政府采购支出66.36万元，其中：货物10万元，工程0万元，服务56.36万元，控制在预算以内。
  - 年末资产总额1,190.97万元，负债总额636.9万元，净资产554.07万元；固定资产原值800万元，在用固定资产760万元，资产使用率95%。
  - 单位编制数18人，其中行政编制6人、事业编制10人、工勤编制2人；实有人数19人，其中在职17人，退休2人；编外人员25人，编制控制率94.44%。
  - 政务大厅运行维护项目年初预算600万元，全年预算700万元，实际支出680万元，执行率97.14%，自评得分99.71分，评价等级为优。
  - 部门整体支出绩效自评得分97.73分，等级为优；支出总额控制在预算总额以内。
  - 较上年增加基本支出10万元，2022年项目支出500万元，信息化项目支出50万元，本级机构仅有编制6名，约400万元，采购1万余元。我局全年新增了事业编制2人，临聘人员3人。
"""
AT = ("  - 无\n", WORDS)           # 其他需要说明的情况, the last section: no line above it moves


def new_words(findings, rule=None):
    return [f.text() for f in findings if f.text() not in BASE and (rule is None or f.rule == rule)]


def words(findings):
    return [f.text() for f in findings if f.rule in RULES]


def test_consistent_words_fire_nothing(unit):
    _, findings = unit("complete", AT)
    assert [f.text() for f in findings] == BASE


PLANTED = [
    # amounts: the aspect comes from the words (全年支出… 其中：基本支出 is spending)
    ("基本支出400万元", "基本支出410万元", 195,
     "正文数字", "正文写“基本支出410万元”，数据中基本支出的支出为 400.00 万元"),
    ("年末结转20万元", "年末结转30万元", 195, "正文数字", "正文写“年末结转30万元”，数据中部门整体支出的结余为 20.00 万元"),
    ("其中办公经费11.5万元", "其中办公经费13万元", 196,
     "正文数字", "正文写“办公经费13万元”，数据中办公经费为 12.00 万元（办公经费本年预算数）、11.50 万元（办公经费本年决算数）"),
    # an aspect word alone is of the sentence's subject: “三公”经费
    ("实际支出1.53万元", "实际支出1.63万元", 197, "正文数字", "正文写“实际支出1.63万元”，数据中“三公”经费的支出为 1.53 万元"),
    ("结余0.17万元", "结余0.27万元", 197, "正文数字", "正文写“结余0.27万元”，数据中“三公”经费的结余为 0.17 万元"),
    ("因公出国（境）费0万元", "因公出国（境）费1万元", 197,
     "正文数字", "正文写“因公出国（境）费1万元”，数据中因公出国（境）费为 0.00 万元"),
    ("货物10万元", "货物12万元", 198, "正文数字", "正文写“货物12万元”，数据中政府采购中的货物为 10.00 万元"),
    ("1,190.97万元", "1,191.97万元", 199, "正文数字", "正文写“资产总额1,191.97万元”，数据中资产总额为 1190.97 万元"),
    ("在职17人", "在职18人", 200, "正文数字", "正文写“在职18人”，数据中在职人数为 17 人"),
    ("编外人员25人", "编外人员20人", 200, "正文数字", "正文写“编外人员20人”，数据中编外人数为 25 人"),
    ("实际支出680万元", "实际支出690万元", 201,
     "正文数字", "正文写“实际支出690万元”，数据中项目“政务大厅运行维护”的支出为 680.00 万元"),
    # 元 and 亿元 are read in 万元
    ("全年支出1180万元", "全年支出11900000元", 195,
     "正文数字", "正文写“全年支出11900000元”，数据中部门整体支出的支出为 1180.00 万元"),
    # shares: of the whole named, or of the unit's total on the part's side
    ("占总支出的33.90%", "占总支出的43.90%", 195,
     "正文比率", "正文写“占总支出的43.90%”，按数据应为 33.90%（基本支出 400.00 万元 ÷ 全年执行数 1180.00 万元）"),
    ("占66.10%", "占60%", 195, "正文比率", "正文写“占60%”，按数据应为 66.10%（项目支出 780.00 万元 ÷ 全年执行数 1180.00 万元）"),
    # rates
    ("预算执行率为98.33%", "预算执行率为96%", 195,
     "正文比率", "正文写“预算执行率为96%”，按数据部门整体支出执行率为 98.33%（全年执行数 1180.00 万元 ÷ 全年预算数 1200.00 万元）"),
    ("执行率97.14%", "执行率97.5%", 201, "正文比率",
     "正文写“执行率97.5%”，按数据项目“政务大厅运行维护”执行率为 97.14%（全年执行数 680.00 万元 ÷ 全年预算数 700.00 万元）"),
    ("结余率10%", "结余率15%", 197, "正文比率",
     "正文写“结余率15%”，按数据“三公”经费结余率为 10.00%（（“三公”经费本年预算数 1.70 万元 − “三公”经费本年决算数 1.53 万元）"
     "÷ “三公”经费本年预算数 1.70 万元）"),
    ("资产使用率95%", "资产使用率96%", 199,
     "正文比率", "正文写“资产使用率96%”，按数据资产使用率为 95.00%（在用固定资产 760.00 万元 ÷ 固定资产原值 800.00 万元）"),
    ("编制控制率94.44%", "编制控制率90%", 200,
     "正文比率", "正文写“编制控制率90%”，按数据编制控制率为 94.44%（在职人数 17 人 ÷ 编制数 18 人）"),
    # scores and grades: a project's when the sentence names one, else 附件2's
    ("自评得分99.71分", "自评得分95分", 201,
     "正文得分", "正文写“自评得分95分”，项目“政务大厅运行维护”的绩效自评表的总分为 99.71 分"),
    ("评价等级为优", "评价等级为良", 201,
     "正文得分", "正文写“评价等级为良”，项目“政务大厅运行维护”的绩效自评表的总分 99.71 分对应的等级是“优”"),
    ("自评得分97.73分", "自评得分90分", 202,
     "正文得分", "正文写“绩效自评得分90分”，附件2（部门整体支出绩效自评表）的总分为 97.73 分"),
    ("等级为优；", "等级为良；", 202,
     "正文得分", "正文写“等级为良”，附件2（部门整体支出绩效自评表）的总分 97.73 分对应的等级是“优”"),
]


@pytest.mark.parametrize("old, typed, line, rule, message", PLANTED, ids=[p[1] for p in PLANTED])
def test_one_planted_inconsistency_gives_one_warning_with_both_values(unit, old, typed, line, rule, message):
    _, findings = unit("complete", AT, (old, typed))
    found = words(findings)
    assert len(found) == 1, found
    assert found[0].startswith(f"complete.yaml:{line}:5: 其他需要说明的情况[{line - 194}]: 警告（{LEVEL[rule]}·{rule}）：{message}。")


def test_prose_may_state_the_initial_budget_of_basic_spending(unit):
    edits = [("  年初预算数: 400", "  年初预算数: 380"), ("  年初预算数: 1000", "  年初预算数: 980"),
             ("  - 全年共收到锦旗17面、表扬信65份。", "  - 年初预算基本支出380万元，共收到锦旗17面。")]
    _, findings = unit("complete", *edits)
    assert not new_words(findings, "正文数字")


def test_prose_figure_differing_from_data(unit):
    _, findings = unit("complete", ("  - 全年共收到锦旗17面、表扬信65份。", "  - 全年基本支出为410万元，共收到锦旗17面。"))
    assert new_words(findings) == [
        "complete.yaml:183:5: 部门整体支出绩效情况[2]: 警告（疑似·正文数字）：正文写“基本支出为410万元”，数据中基本支出为 400.00 万元。"
        "正文中的数字应与数据一致：数据有误请改数据，正文有误请改正文"]


def test_prose_figure_in_the_opening(unit):
    _, findings = unit("complete", ("  - 根据县财政局关于开展2023年度部门整体支出绩效自评的通知要求，现将我局自评情况报告如下：",
                                    "  - 全年项目支出为99万元，现将我局自评情况报告如下："))
    assert new_words(findings, "正文数字") == [
        "complete.yaml:198:5: 引言[1]: 警告（疑似·正文数字）：正文写“项目支出为99万元”，数据中项目支出为 600.00 万元（各项目年初预算数之和）、"
        "800.00 万元（各项目全年预算数之和）、780.00 万元（按支出性质分的项目支出）。正文中的数字应与数据一致：数据有误请改数据，正文有误请改正文"]


LEFT_ALONE = [
    "较上年增加基本支出30万元。",              # a change
    "基本支出比上年减少20万元，项目支出增加5万元。",
    "2022年基本支出380万元。",                 # another year
    "上年基本支出380万元。",
    "信息化项目支出50万元。",                  # a project's money, not the unit's 项目支出
    "本级机构仅有编制6名。",                   # a part of the unit
    "基本支出约410万元。",                     # a bound or a guess
    "基本支出400多万元，项目支出780余万元。",
    "服务56.66万元。",                         # 服务 is 政府采购's only after 政府采购
    "我局全年新增了事业编制2人，临聘人员3人。",  # a sentence of changes
    "评价得分为满分。", "群众满意率达到98%。", "评价结果为良好的社会效益。",
    "基本支出未控制在预算以内。",
]


@pytest.mark.parametrize("sentence", LEFT_ALONE)
def test_what_is_not_this_years_amount_is_left_alone(unit, sentence):
    _, findings = unit("complete", ("  - 无\n", f"  - {sentence}\n"))
    assert words(findings) == []


def test_a_unit_over_budget_that_says_it_kept_within_it(unit):
    _, findings = unit("complete", AT, ("  全年执行数: 1180\n", "  全年执行数: 1250\n"))
    claims = [f.text() for f in findings if f.rule == "预算表述"]
    assert claims == [
        "complete.yaml:202:5: 其他需要说明的情况[8]: 警告（疑似·预算表述）：正文写“支出总额控制在预算总额以内”，"
        "但全年执行数 1250.00 万元超过全年预算数 1200.00 万元（执行率 104.17%）。请核对数据，或改写这句话，说明超出预算的原因"]


def test_a_claim_about_three_public_is_checked_against_three_public(unit):
    # the unit as a whole is over budget; its “三公”经费 are not
    text = "  - “三公”经费总体控制较好，未超本年预算。\n"
    _, findings = unit("complete", ("  - 无\n", text), ("  全年执行数: 1180\n", "  全年执行数: 1250\n"))
    assert [f for f in findings if f.rule == "预算表述"] == []
    _, findings = unit("complete", ("  - 无\n", text),
                       ("公务接待: {上年决算数: 0.3, 本年预算数: 0.2, 本年决算数: 0.13}",
                        "公务接待: {上年决算数: 0.3, 本年预算数: 0.2, 本年决算数: 0.33}"),
                       ("合计: {上年决算数: 1.5, 本年预算数: 1.7, 本年决算数: 1.53}",
                        "合计: {上年决算数: 1.5, 本年预算数: 1.7, 本年决算数: 1.73}"))
    assert [f.text() for f in findings if f.rule == "预算表述"] == [
        "complete.yaml:195:5: 其他需要说明的情况[1]: 警告（疑似·预算表述）：正文写“未超本年预算”，但“三公”经费本年决算数 1.73 万元"
        "超过“三公”经费本年预算数 1.70 万元（执行率 101.76%）。请核对数据，或改写这句话，说明超出预算的原因"]


def test_a_score_stated_for_a_form_that_is_not_assessed(tmp_path):
    from tests.conftest import run
    path = tmp_path / "bare.yaml"
    path.write_text("单位:\n  全称: 测试局\n  年度: 2023\n部门整体支出绩效情况:\n  - 本局2023年度评价得分为90分，等级为优。\n",
                    encoding="utf-8")
    _, findings = run(path)
    assert words(findings) == [
        "bare.yaml:5:5: 部门整体支出绩效情况[1]: 警告（疑似·正文得分）：正文写“评价得分为90分”，而附件2（部门整体支出绩效自评表）"
        "未评定，没有总分。单位自评表上的总分请填在“总分”；也可以在绩效指标中填写各指标的分值和得分，由程序算出；"
        "都没有的，请删去正文中的得分",
        "bare.yaml:5:5: 部门整体支出绩效情况[1]: 警告（疑似·正文得分）：正文写“等级为优”，而附件2（部门整体支出绩效自评表）"
        "未评定，没有等级。等级由总分决定：单位自评表上的总分请填在“总分”；也可以在绩效指标中填写各指标的分值和得分；"
        "都没有的，请删去正文中的等级"]


def test_a_stated_score_with_no_indicators_names_the_field_that_carries_it(tmp_path):
    """Issue 21: the unit's 自评表 had a score, its file has no indicators: the place for the
    score is 总分 (附件2's) or 项目[n].总分 (a project's 附件3), named in the hint; filled in, the
    sentence agrees and nothing fires."""
    from tests.conftest import run
    path = tmp_path / "bare.yaml"
    text = ("单位:\n  全称: 测试局\n  年度: 2023\n项目:\n  - 名称: 政务大厅运行维护\n    全年执行数: 5\n"
            "  - 名称: 业务工作经费\n    全年执行数: 5\n部门整体支出绩效情况:\n  - 本局2023年度综合评分为97分。\n"
            "  - 业务工作经费项目自评得分为95分。\n")
    path.write_text(text, encoding="utf-8")
    _, findings = run(path)
    assert words(findings) == [
        "bare.yaml:10:5: 部门整体支出绩效情况[1]: 警告（疑似·正文得分）：正文写“综合评分为97分”，而附件2（部门整体支出绩效自评表）"
        "未评定，没有总分。单位自评表上的总分请填在“总分”；也可以在绩效指标中填写各指标的分值和得分，由程序算出；"
        "都没有的，请删去正文中的得分",
        "bare.yaml:11:5: 部门整体支出绩效情况[2]: 警告（疑似·正文得分）：正文写“自评得分为95分”，而项目“业务工作经费”的绩效自评表"
        "未评定，没有总分。单位自评表上的总分请填在“项目[2].总分”；也可以在绩效指标中填写各指标的分值和得分，由程序算出；"
        "都没有的，请删去正文中的得分"]
    path.write_text(text.replace("    全年执行数: 5\n部门", "    全年执行数: 5\n    总分: 95\n总分: 97\n部门"),
                    encoding="utf-8")
    _, findings = run(path)
    assert words(findings) == []


def test_a_figure_the_model_does_not_know_is_not_checked(tmp_path):
    from tests.conftest import run
    path = tmp_path / "bare.yaml"
    path.write_text("单位:\n  全称: 测试局\n  年度: 2023\n部门整体支出绩效情况:\n"
                    "  - 基本支出410万元，占总支出的40%，在职12人，执行率90%，资产使用率90%。\n", encoding="utf-8")
    _, findings = run(path)
    assert words(findings) == []


def test_the_seed_units_say_what_a_reviewer_would(tmp_path):
    """wugang: 665.12 available where 613.53 is (its 小计 adds the year-end balance), within
    budget at 116.85 %, a score of 90 for a form it did not fill."""
    from pathlib import Path
    from tests.conftest import run
    _, findings = run(Path("reports/wugang.yaml"))
    texts = [f.text() for f in findings if f.rule in RULES]
    assert [t.split("：", 1)[0] for t in texts] == [
        "wugang.yaml:87:11: 基本支出.原文[3].内容[2]: 警告（疑似·正文数字）",
        "wugang.yaml:178:23: 支出情况补充[1].内容[1].内容[2].内容[2].表格.行[5]: 警告（确定·表格合计）",
        "wugang.yaml:179:17: 支出情况补充[1].内容[1].内容[2].内容[3]: 警告（疑似·正文数字）",
        "wugang.yaml:235:5: 部门整体支出绩效情况[4].内容[2]: 警告（疑似·预算表述）",
        "wugang.yaml:238:5: 部门整体支出绩效情况[4].内容[4]: 警告（疑似·正文得分）"]
    assert "正文写“全年可用预算资金665.12万元”，数据中部门整体支出的预算为 613.53 万元（全年预算数）" in texts[2]


def test_a_rate_after_assets_or_people_is_the_units(unit):
    # 在用固定资产 has no 执行率: the rate is the unit's (1180 ÷ 1200)
    _, findings = unit("complete", ("  - 无\n", "  - 在用固定资产760万元，在职17人，预算执行率为96%。\n"))
    assert words(findings) == [
        "complete.yaml:195:5: 其他需要说明的情况[1]: 警告（疑似·正文比率）：正文写“预算执行率为96%”，按数据部门整体支出执行率为 "
        "98.33%（全年执行数 1180.00 万元 ÷ 全年预算数 1200.00 万元）。比率由数据算出，请改为与数据一致，或删去这个百分比"]


def test_a_budget_word_after_a_project_is_the_projects(unit):
    _, findings = unit("complete", AT, ("全年预算700万元", "全年预算750万元"))
    assert words(findings) == [
        "complete.yaml:201:5: 其他需要说明的情况[7]: 警告（疑似·正文数字）：正文写“全年预算750万元”，数据中项目“政务大厅运行维护”的预算为 "
        "600.00 万元（年初预算数）、700.00 万元（全年预算数）。正文中的数字应与数据一致：数据有误请改数据，正文有误请改正文"]


# ------------------------------------------------------------------ 实有 by kind (issue 21)

STAFF_BY_KIND = ("人员编制: {行政编制: 1, 事业编制: 1, 工勤编制: 0, 在职人数: 2}\n",
                 "人员编制:\n  编制数: 30\n  行政编制: 20\n  事业编制: 8\n  工勤编制: 2\n  实有人数: 28\n"
                 "  行政实有: 20\n  事业实有: 6\n  工勤实有: 2\n  原文:\n"
                 "    - 核定编制30名，其中行政编制20名、事业编制8名、工勤编制2名；实有人数28人，其中行政20人、事业6人、工勤2人。\n"
                 "    - 实有人数28人，其中行政编制20人、事业编制6人、工勤编制2人。\n")


def test_the_people_by_kind_are_read_as_the_people_not_the_posts(unit):
    """Issue 21: both breakdowns in the unit's words, the people's after 实有人数 (with or
    without 编制 in their labels): each read against its own figures, nothing fires."""
    _, findings = unit("minimal", STAFF_BY_KIND)
    assert words(findings) == []


def test_a_wrong_count_of_the_people_by_kind_gives_one_warning_at_its_line(unit):
    _, findings = unit("minimal", STAFF_BY_KIND, ("其中行政20人、事业6人", "其中行政20人、事业7人"))
    assert words(findings) == [
        "minimal.yaml:20:7: 人员编制.原文[1]: 警告（疑似·正文数字）：正文写“事业7人”，数据中事业实有人数为 6 人。"
        "正文中的数字应与数据一致：数据有误请改数据，正文有误请改正文"]
    # the posts by kind are still the posts': 事业编制 is 8, whatever the people are
    _, findings = unit("minimal", STAFF_BY_KIND, ("事业编制8名", "事业编制6名"))
    assert words(findings) == [
        "minimal.yaml:20:7: 人员编制.原文[1]: 警告（疑似·正文数字）：正文写“事业编制6名”，数据中事业编制为 8 人。"
        "正文中的数字应与数据一致：数据有误请改数据，正文有误请改正文"]


def test_counts_by_kind_with_no_total_to_tell_whose(unit):
    # after 在职 a count by kind is neither the posts' nor the people's of the model: not read;
    # a bare 行政 with no total before it says nothing of which; 行政编制 alone is the posts'
    edits = [STAFF_BY_KIND, ("    - 实有人数28人，其中行政编制20人、事业编制6人、工勤编制2人。\n",
                             "    - 在职27人，其中行政编制19人。\n    - 行政5人。\n    - 行政编制21名。\n")]
    _, findings = unit("minimal", *edits)
    assert words(findings) == [
        "minimal.yaml:23:7: 人员编制.原文[4]: 警告（疑似·正文数字）：正文写“行政编制21名”，数据中行政编制为 20 人。"
        "正文中的数字应与数据一致：数据有误请改数据，正文有误请改正文"]


def test_people_by_kind_not_in_the_data_are_not_checked(unit):
    # a unit that has not filled 行政实有…: its 实有 breakdown is not read against the posts
    _, findings = unit("minimal", STAFF_BY_KIND, ("  行政实有: 20\n  事业实有: 6\n  工勤实有: 2\n", ""))
    assert words(findings) == []


def test_an_audit_lets_its_sentences_go(unit):
    # kept until the next unit's audit, they were freed there (a worker of `all` audits hundreds)
    from perfreport.audit import prose
    from perfreport.audit.prose import read
    report, findings = unit("complete")
    assert findings and prose._cache == (None, None)
    assert read(report) and prose._cache[0]() is report      # read once for all the rules of one audit
