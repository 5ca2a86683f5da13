"""设置.金额容差 and 设置.比率容差 (audit/context.py): how far apart two figures may be before
the audit reports them. Off (0) they change nothing; set, a difference within them is silent
and one beyond them is reported as before, with the same words."""
from tests.audit.test_prose import AT
from tests.audit.test_tables import table

SET = ("  得分取整: 保留两位小数\n", "  得分取整: 保留两位小数\n  金额容差: 0.5\n  比率容差: 0.1\n")


def said(findings, rule):
    return [f.message for f in findings if f.rule == rule]


def test_an_amount_within_the_amount_tolerance_is_not_reported(unit):
    edit = ("  全年执行数: 1180\n", "  全年执行数: 1180.3\n")
    _, exact = unit("complete", edit)
    assert said(exact, "数字核对")[:2] == [
        "年末结转填的是 20.00 万元，而全年预算数 − 全年执行数 = 19.70 万元，两者不一致",
        "全年执行数填的是 1180.30 万元，而基本支出 + 项目支出 = 1180.00 万元，两者不一致"]
    _, tolerant = unit("complete", SET, edit)
    assert not any("万元" in m for m in said(tolerant, "数字核对"))
    beyond = ("  全年执行数: 1180\n", "  全年执行数: 1180.6\n")
    _, tolerant = unit("complete", SET, beyond)
    assert "全年执行数填的是 1180.60 万元，而基本支出 + 项目支出 = 1180.00 万元，两者不一致" in said(tolerant, "数字核对")


def test_the_unit_s_words_within_the_tolerances(unit):
    for typed, rule, within in [("基本支出400.3万元", "正文数字", True), ("基本支出400.6万元", "正文数字", False),
                                ("占总支出的33.98%", "正文比率", True), ("占总支出的34.10%", "正文比率", False)]:
        old = "基本支出400万元" if rule == "正文数字" else "占总支出的33.90%"
        _, exact = unit("complete", AT, (old, typed))
        assert len(said(exact, rule)) == 1, typed
        _, tolerant = unit("complete", SET, AT, (old, typed))
        assert len(said(tolerant, rule)) == (0 if within else 1), typed


def test_a_typed_table_within_the_amount_tolerance(unit):
    rows = ["[甲, 10, 5, 15]", "[乙, 5, 2, 7]", "[合计, 15.3, 7, 22.3]"]
    _, exact = unit("complete", table(*rows))
    assert len(said(exact, "表格合计")) == 1
    _, tolerant = unit("complete", SET, table(*rows))
    assert said(tolerant, "表格合计") == []
    rows[-1] = "[合计, 15.6, 7, 22.6]"
    _, tolerant = unit("complete", SET, table(*rows))
    assert said(tolerant, "表格合计") == [
        "表格“合计”这一行不等于它合计的数：“基本支出”列填 15.6，它合计的各行之和为 15；"
        "“合 计”列填 22.6，它合计的各行之和为 22"]


def test_a_negative_tolerance_is_refused_at_its_line(unit):
    import pytest
    from perfreport.shared.errors import ReportError
    with pytest.raises(ReportError) as refused:
        unit("complete", ("  得分取整: 保留两位小数\n", "  得分取整: 保留两位小数\n  金额容差: -1\n"))
    assert [f.text() for f in refused.value.findings] == ["complete.yaml:16:3: 设置.金额容差: 不能小于 0，实际是 -1"]
