"""A unit written from a partial published page (tests/fixtures/public/xiaqiao.yaml: a
township's 2024 report whose page stops in its second part; the source is in the file's
head). Its report holds what the page says, what follows from it, and blanks: no 无, no
本单位无……, no 0, 100% or 不适用 the page does not state, and the audit warns of nothing
but what is still to fill (缺项)."""
from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml.ns import qn

from perfreport.document.report_docx import render
from tests.conftest import FIXTURES, run

PAGE = FIXTURES / "public" / "xiaqiao.yaml"


@pytest.fixture(scope="module")
def made():
    report, findings = run(PAGE)
    return report, findings, docx.Document(io.BytesIO(render(report)))


def cells(table) -> list[str]:
    out = []
    for tr in table._tbl.tr_lst:
        for tc in tr.tc_lst:
            out.append("".join(t.text or "" for t in tc.iter(qn("w:t"))).strip())
    return out


def test_the_audit_warns_only_of_what_is_still_to_fill(made):
    _, findings, _ = made
    assert findings and {f.rule for f in findings} == {"缺项"}
    assert not [f for f in findings if f.is_error]


def test_the_body_is_the_pages_words_and_what_follows_from_them(made):
    _, _, document = made
    body = [p.text for p in document.paragraphs if p.text.strip()]
    start = body.index("一、部门（单位）基本情况")
    end = body.index("报告需要以下附件：")
    generated = [t for t in body[start:end] if t in (
        "下桥镇人民政府的主要职责是：", "核定编制数合计107名。", "2024年全年支出合计2024.05万元。")]
    assert generated == ["下桥镇人民政府的主要职责是：", "核定编制数合计107名。", "2024年全年支出合计2024.05万元。"]
    # the sections the page never reached: their headings and nothing under them
    for heading in ("三、政府性基金预算支出情况", "四、国有资本经营预算支出情况", "五、社会保险基金预算支出情况",
                    "七、存在的问题及原因分析", "八、下一步改进措施", "九、部门整体支出绩效自评结果拟应用和公开情况",
                    "十、其他需要说明的情况"):
        following = body[body.index(heading) + 1]
        assert re.match("[一二三四五六七八九十]、", following) or following == "报告需要以下附件：", (heading, following)
    assert not [t for t in body if "本单位无" in t or t.strip() == "无" or "不适用" in t]
    # the page's sentence cut off where the page ends, as it stands
    cut = body.index("2.评价依据与方法")
    assert body[cut + 1].endswith("镇年度预决算资料、财务凭证……") and body[cut + 2] == "七、存在的问题及原因分析"


def test_the_forms_hold_only_stated_figures_and_the_forms_own(made):
    _, _, document = made
    numbers = {c for t in document.tables for c in cells(t) if re.fullmatch(r"[\d.,%—/-]+", c)}
    # 107 编制, 2024.05 执行 and 一般公共预算 (stated); 10.00 and 100.00 are the form's own 分值
    assert numbers == {"107", "2024.05", "10.00", "100.00"}
    words = [c for t in document.tables for c in cells(t)]
    assert not [c for c in words if c in ("不适用", "无", "0", "0.00", "100.00%", "—")]
    # 附件2 is not assessed: no 总分 得分, 等级 未评定
    indicators = cells(document.tables[4])        # after 附件1's three tables and 附件2's money block
    assert indicators[indicators.index("总分"):] == ["总分", "100.00", "", "等级：未评定"]
