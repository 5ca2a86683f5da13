"""A Word report read as blocks (perfreport/foreign/docx_source.py): tables as grids with their
merges resolved, soft line breaks kept in cells, runs split anywhere joined, bold leads seen."""
import docx

from perfreport.foreign.docx_source import Para, Table, read_blocks
from tests.foreign.typed import bold, split_runs, table


def blocks_of(tmp_path, build):
    d = docx.Document()
    build(d)
    path = tmp_path / "typed.docx"
    d.save(path)
    return read_blocks(path, path.name)


def test_merged_cells_are_one_cell_at_every_position_they_cover(tmp_path):
    [t] = blocks_of(tmp_path, lambda d: table(d, [["财政供养人员情况（人）", "编制数", "在职人数"],
                                                  ["", "18", "17"],
                                                  ["预算单位名称", "示例局", ""]],
                                              merges=[(0, 0, 1, 0), (2, 1, 2, 2)]))
    assert isinstance(t, Table)
    grid = t.grid
    label = grid.at(0, 0)
    assert grid.at(1, 0) is label and (label.rowspan, label.colspan) == (2, 1)
    name = grid.at(2, 1)
    assert grid.at(2, 2) is name and (name.rowspan, name.colspan) == (1, 2) and name.text == "示例局"
    assert [c.text for c in grid.distinct(1)] == ["财政供养人员情况（人）", "18", "17"]
    assert grid.find("财政供养人员情况") is label and grid.find("在职") is grid.at(0, 2)


def test_a_soft_break_in_a_cell_is_a_line_and_split_runs_join(tmp_path):
    blocks = blocks_of(tmp_path, lambda d: (table(d, [["年度\n预算\n申请", "年初预算数"]]),
                                            split_runs(d, "核定编制数合计18名，实有人数18人。", at=2)))
    t, p = blocks
    assert t.grid.at(0, 0).text == "年度\n预算\n申请"
    assert isinstance(p, Para) and p.text == "核定编制数合计18名，实有人数18人。" and p.number == 1


def test_a_bold_title_at_the_head_of_a_paragraph_is_its_lead(tmp_path):
    def build(d):
        bold(d, "一、部门（单位）基本情况")
        p = d.add_paragraph()
        p.add_run("1.强化").bold = True
        p.add_run("使命担当。").bold = True
        p.add_run("全年办件量稳步增长。")
        d.add_paragraph("Heading", style="Heading 2")
    heading, point, styled = blocks_of(tmp_path, build)
    assert heading.bold and heading.bold_lead == "一、部门（单位）基本情况" and heading.level is None
    assert not point.bold and point.bold_lead == "1.强化使命担当。"
    assert styled.level == 2 and styled.style == "heading 2"          # Word's own name of the style
