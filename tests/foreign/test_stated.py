"""Figures a report states only in its words (perfreport/foreign/stated.py): read into their
fields where the forms give none and the words state them once; another's money, a change and
a figure stated twice with two values are not read."""
from perfreport.foreign import stated
from perfreport.foreign.forms import Figure


def read(lead=(), basic=(), projects=(), forms=None):
    unit = dict(forms or {})
    if lead:
        unit["预算"] = {**unit.get("预算", {}), "原文": list(lead)}
    if basic:
        unit["基本支出"] = {**unit.get("基本支出", {}), "原文": list(basic)}
    if projects:
        unit["项目支出原文"] = list(projects)
    origins = {"预算.原文[1]": "“二、一般公共预算支出情况”下第1段"}
    notes: list[str] = []
    stated.budget(unit, origins, notes)
    stated.projects(unit, origins, notes)
    return unit, origins, notes


def test_a_total_and_its_parts_in_one_sentence():
    # seed 001: the spending and its two parts, the parts named without an aspect
    unit, origins, notes = read(["本年支出合计658.73万元，其中：基本支出446.15万元，占67.73%；项目支出212.58万元，占32.27%。"])
    assert unit["预算"]["全年执行数"] == "658.73" and isinstance(unit["预算"]["全年执行数"], Figure)
    assert unit["基本支出"] == {"全年执行数": "446.15"}
    assert unit["预算"]["按支出性质分"] == {"项目支出": "212.58"}
    assert origins["预算.全年执行数"] == "“二、一般公共预算支出情况”下第1段"
    assert notes[0] == "预算.全年执行数: 658.73（万元），读自“本年支出合计658.73万元”，“二、一般公共预算支出情况”下第1段"


def test_the_accounts_words_of_the_final_accounts():
    # seed 000: 年初结转和结余 is last year's carry-over; 本年收入 (年初预算 + 追加) is not read
    unit, _, _ = read(["某局2022年度一般公共预算财政拨款年初结转和结余692.4万元，本年支出692.4万元，年末结转和结余0万元。"],
                      basic=["某局2022年度一般公共预算财政拨款基本支出年初结转和结余692.4万元，本年收入0万元，"
                             "本年支出692.4万元，年末结转和结余0万元。"],
                      projects=["某局2022年度一般公共预算财政拨款基本支出年初结转和结余0万元，本年收入0万元，本年支出0万元。"])
    assert unit["预算"] == {"上年结转": "692.4", "全年执行数": "692.4", "年末结转": "0", "原文": unit["预算"]["原文"]}
    # 项目支出's paragraph speaks of 基本支出 (a sentence copied from above): not read for either
    assert unit["基本支出"]["全年执行数"] == "692.4" and "年初预算数" not in unit["基本支出"]


def test_a_change_another_subject_and_a_figure_stated_twice_are_not_read():
    unit, _, notes = read(["2022年决算总收入821.02万元，较预算增加641.82万元，总支出821.17万元。",
                           "“三公”经费本年支出合计5万元，大综窗项目预算400万元。",
                           "本局预算支出280.48万元。全年可用预算资金665.12万元，其中年初预算280.48万元，本年追加资金267.62万元。"])
    assert unit["预算"]["全年执行数"] == "821.17"         # not 5 (“三公”经费's), not 641.82 (a change)
    assert "全年预算数" not in unit["预算"]                # 821.02, 280.48, 665.12: stated three ways, left blank
    assert unit["预算"]["年初预算数"] == "280.48" and unit["预算"]["本年追加"] == "267.62"
    assert not any("全年预算数" in n for n in notes)


def test_the_forms_figures_are_never_replaced():
    unit, _, notes = read(["本年支出合计658.73万元。"], forms={"预算": {"全年执行数": Figure("700")}})
    assert unit["预算"]["全年执行数"] == "700" and notes == []


def test_a_part_alone_is_its_spending_and_its_own_parts_are_read():
    unit, _, _ = read(basic=["2023年基本支出253.31万元，其中：人员经费192.89万元，主要包括：基本工资；日常公用经费60.42万元。"])
    assert unit["基本支出"] == {"全年执行数": "253.31", "人员经费": {"全年执行数": "192.89"},
                              "公用经费": {"全年执行数": "60.42"}, "原文": unit["基本支出"]["原文"]}


def test_projects_named_in_a_list_are_projects_with_their_names_only():
    unit, _, notes = read(projects=["项目支出主要包括窗口考核经费项目、热线工作经费项目、集中办公及政务公开经费项目。"])
    assert unit["项目"] == [{"名称": "窗口考核经费"}, {"名称": "热线工作经费"}, {"名称": "集中办公及政务公开经费"}]
    assert notes[-1].startswith("项目：窗口考核经费、热线工作经费、集中办公及政务公开经费（原文只列了名称")
    unit, _, _ = read(projects=["项目支出主要包括办公设备购置、网络维护等。"])   # not a list of projects
    assert "项目" not in unit


def test_staffing_counts_by_their_own_words():
    unit = {"人员编制": {"原文": ["核定某局编制数合计 14 名，行政编制数 3 名，事业编制数 10 名,工勤人员编制数 1 名。"
                                 "现有在职在岗在编职工 14 人，离退休 0 人，临聘人员 25 人。"]}}
    stated.staffing(unit, {}, [])
    assert {k: v for k, v in unit["人员编制"].items() if k != "原文"} == {
        "编制数": "14", "行政编制": "3", "事业编制": "10", "工勤编制": "1", "在职人数": "14", "退休人数": "0",
        "离休人数": "0", "编外人数": "25"}
    unit = {"人员编制": {"原文": ["本部门编制数12人，离退休人数1人，其中离休人员0人，退休人员1人。"]}}
    stated.staffing(unit, {}, [])
    assert unit["人员编制"]["退休人数"] == "1" and unit["人员编制"]["离休人数"] == "0"   # 离退休 1 is not 退休's
