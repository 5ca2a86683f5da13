from decimal import Decimal as D

from perfreport.derive.narrative import blocks_from, walk


def test_blocks_keep_their_level_path_and_typed_values():
    raw = [{"标题": "甲", "内容": [{"标题": "乙", "内容": [{"标题": "丙"}, "段落"]}, {"标题": "丁"}]},
           {"标题": "戊", "正文": "同段文字"}, {"表格": {"列": ["a", "b"], "行": [["x", D("280.50")], ["y", None]]}}]
    blocks = blocks_from(raw, ("六",), level=2)
    assert [(b.kind, b.level, b.title or b.text) for b in walk(blocks)] == [
        ("heading", 2, "甲"), ("heading", 3, "乙"), ("heading", 4, "丙"), ("text", 0, "段落"),
        ("heading", 3, "丁"), ("heading", 2, "戊"), ("table", 2, "")]
    assert blocks[1].text == "同段文字"
    assert list(walk(blocks))[2].path == ("六", 0, "内容", 0, "内容", 0)
    # a table keeps what was typed: the number, with its two decimals, and the empty cell
    assert blocks[2].table.rows == [["x", D("280.50")], ["y", None]]
    assert blocks[2].table.path == ("六", 2, "表格")


def test_numbering_typed_before_a_title_is_taken_off_and_kept_aside():
    [block] = blocks_from([{"标题": "（四）绩效目标设定情况"}], ("六",), level=2)
    assert (block.title, block.typed_number) == ("绩效目标设定情况", "（四）")
    [block] = blocks_from([{"标题": "2023年预算规模情况"}], ("六",), level=2)
    assert (block.title, block.typed_number) == ("2023年预算规模情况", "")


def test_a_block_with_neither_title_nor_table_is_marked_for_the_audit():
    [block] = blocks_from([{"正文": "孤立的正文"}], ("六",), level=2)
    assert block.kind == "invalid"
