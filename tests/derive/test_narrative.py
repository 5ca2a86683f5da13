from perfreport.derive.narrative import flatten


def test_headings_are_numbered_by_depth():
    blocks = [{"标题": "甲", "内容": [{"标题": "乙", "内容": [{"标题": "丙"}, "段落"]}, {"标题": "丁"}]},
              {"标题": "戊", "正文": "同段文字"}]
    flat = flatten(blocks, ("六",))
    assert [(p.kind, p.number, p.title or p.text) for p in flat] == [
        ("heading", "（一）", "甲"), ("heading", "1.", "乙"), ("heading", "（1）", "丙"),
        ("text", "", "段落"), ("heading", "2.", "丁"), ("heading", "（二）", "戊")]
    assert flat[-1].text == "同段文字"
    assert flat[2].path == ("六", 0, "内容", 0, "内容", 0)


def test_table_cells_print_money_compactly():
    flat = flatten([{"表格": {"列": ["a", "b"], "行": [["x", 280.48], ["y", None]]}}], ("x",))
    assert flat[0].kind == "table"
    assert flat[0].table.rows == [["x", "280.48"], ["y", ""]]
