"""A report typed in Word, as officers type it (tests/foreign/typed.py), made into a draft unit
(perfreport/foreign/draft.py): every figure of the forms in its field digit for digit, blank
cells left out, the sections' words in their blocks, what has no place kept as a comment, and
a unit the checker accepts."""
import pytest
import yaml

from perfreport.commands.pipeline import examine
from perfreport.foreign.read import read_document
from perfreport.foreign.unit_text import unit_text
from tests.foreign.typed import typed_report


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("typed")
    found = read_document(typed_report(folder / "typed.docx"), "typed.docx")
    text = unit_text(found.unit, "typed.docx", found.left)
    path = folder / "typed.yaml"
    path.write_text(text, encoding="utf-8")
    return found, text, path


def test_the_forms_figures_are_in_their_fields_as_typed(typed):
    unit = yaml.safe_load(typed[1])
    assert unit["人员编制"]["编制数"] == 18 and unit["人员编制"]["在职人数"] == 18    # "１８", "18人"
    assert unit["人员编制"]["实有人数"] == 18          # from its words: “实有人数18人”, which 附件1 has no cell for
    assert unit["三公经费"]["合计"] == {"上年决算数": 1.5, "本年预算数": 1.7, "本年决算数": 1.53}   # "1.53万元"
    assert unit["三公经费"]["公务接待"] == {"上年决算数": 0.3, "本年预算数": 0.2, "本年决算数": 0.13}  # "3、公 务 接 待"
    assert "出国经费" not in unit["三公经费"]                 # "/", "", "—": not known, not 0
    assert unit["项目"] == [{"名称": "政务大厅运行维护", "上年决算数": 500, "年初预算数": 600, "全年执行数": 680}]
    assert unit["基本支出"]["公用经费"] == {"上年决算数": 88.1, "年初预算数": 90, "全年执行数": 99.75}
    assert unit["预算"]["年初预算数"] == 1000 and unit["预算"]["全年执行数"] == 1180
    assert unit["厉行节约保障措施"] == "严格执行公务接待标准。"
    assert unit["总分"] == 99.73
    assert unit["绩效指标"][2] == {"二级指标": "服务对象满意度指标", "三级指标": "群众满意率", "年度指标值": "≧100%",
                                 "实际完成值": "99%", "分值": 10, "得分": 9.9, "偏差原因分析及改进措施": "个别群众不满意"}
    assert unit["单位"] == {"全称": "示例县行政审批服务局", "年度": 2023, "填表人": "张三", "联系电话": "0734-1234567",
                          "单位负责人": "李四", "填报日期": "2024年5月29日"}


def test_figures_keep_their_digits(typed):
    text = typed[1]
    assert "本年决算数: 1.53\n" in text and "得分: 9.9\n" in text and "年初预算数: 90\n" in text


def test_the_sections_words_are_in_their_blocks_with_typed_numbers_taken_off(typed):
    unit = yaml.safe_load(typed[1])
    assert unit["职责"] == ["负责全县行政审批制度改革工作。", "负责政务服务中心的管理。"]
    assert unit["设置"] == {"职责编号": "1、", "报告标题": "部门整体支出绩效自评报告"}
    assert unit["引言"] == ["根据县财政局的通知要求，现将我局自评情况报告如下："]
    assert unit["人员编制"]["原文"] == ["核定编制数合计18名，实有人数18人，在职18人。"]     # runs split every 3 characters
    assert unit["机构设置"] == {"原文": ["局机关内设综合办公室、审批股2个股室。"]}
    assert unit["基本支出"]["原文"] == ["2023年基本支出400万元。"]
    assert unit["政府性基金预算支出"] == "无"
    assert unit["部门整体支出绩效情况"] == [{"标题": "聚焦主职主责", "内容": [
        {"标题": "强化使命担当。", "正文": "全年办件量稳步增长。"}, "全年共收到锦旗17面。"]}]


def test_what_has_no_place_is_a_comment_saying_where_it_stood(typed):
    found, text, _ = typed
    assert found.left == ["第25段起的一节“附录”对应不到标准提纲的任何一节，未读入：这一节不在提纲里。…"]
    assert text.endswith("# - 第25段起的一节“附录”对应不到标准提纲的任何一节，未读入：这一节不在提纲里。…\n")
    assert "这一节不在提纲里" not in yaml.safe_load(text).__repr__()


def test_nothing_the_report_does_not_state_is_written(typed):
    unit = yaml.safe_load(typed[1])
    for absent in ("国有资本经营预算支出", "社会保险基金预算支出", "下一步改进措施", "资产", "楼堂馆所"):
        assert absent not in unit


def test_the_draft_is_a_unit_the_checker_accepts_and_it_lists_what_is_missing(typed):
    checked = examine(typed[2], shown="typed.yaml")
    assert not [f for f in checked.findings if f.is_error]
    missing = [f.message for f in checked.findings if f.rule == "缺项"]
    assert "还没有填写第八节“下一步改进措施”的内容" in missing
    assert any(m.startswith("还没有填写第四节“国有资本经营预算支出情况”的内容") for m in missing)
    # what the typed report does state is not said to be missing
    assert not any("第三节" in m or "第六节" in m or "第七节" in m or "年度总体目标" in m for m in missing)


def test_staff_figures_come_from_the_words_only_when_they_say_each_once(tmp_path):
    import docx

    from tests.foreign.typed import bold
    d = docx.Document()
    bold(d, "2023年度示例县行政审批服务局部门整体支出绩效自评报告")
    bold(d, "一、部门（单位）基本情况")
    bold(d, "（一）人员编制情况")
    d.add_paragraph("行政编制6人，事业编制16人。在职20人，其中在职人员19人。")    # 在职 twice, two values
    path = tmp_path / "staff.docx"
    d.save(path)
    staff = read_document(path, path.name).unit["人员编制"]
    assert staff["行政编制"] == "6" and staff["事业编制"] == "16"
    assert "在职人数" not in staff                 # 20 or 19: not known, so not filled
