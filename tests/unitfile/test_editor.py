"""The editor and `make check` agree (README: 编辑器): the real yaml-language-server (npm), driven
over LSP as VS Code drives it, with the project's settings (.vscode/settings.json: schema.json,
YAML 1.1), shows problems on exactly the lines where `check` reports errors — for the blank
unit `new` writes (under each outline), every bad input in tests/bad_inputs/, every unit in
reports/, and one of them that chose the four-part outline (设置.提纲: 四部分). What the editor
cannot see is listed here with the reason, and in the README."""
import json
import os
import shutil
from pathlib import Path

import pytest

from perfreport.shared.errors import ReportError
from perfreport.commands.pipeline import examine
from perfreport.unitfile.skeleton import skeleton
from tests.unitfile import lsp
from tests.shared.test_outline import third_outline  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[2]
if not lsp.available():
    if os.environ.get("CI"):
        raise RuntimeError("yaml-language-server is not installed (.venv/node): make installs it with npm")
    pytest.skip("yaml-language-server not installed (make installs it with npm)", allow_module_level=True)

# what the editor cannot see, as the README says
UNSEEN = {
    "gbk_encoding.yaml": "编辑器按 UTF-8 读取 GBK 文件，看到的是乱码，不知道文件的编码不对",
    "nan_value.yaml": "“.nan”在编辑器看来是一个数字",
    "yaml_bomb.yaml": "编辑器不限制别名展开后的大小",
}
# a YAML syntax error: the editor also says what the half-read file then lacks
SYNTAX = {"fullwidth_colon.yaml", "tab_indent.yaml", "deep_nesting.yaml"}
# units of the other outline: one schema.json serves every outline
FOUR_PART = {"hengshan_four_part.yaml", "xinhua_four_part.yaml"}


def four_part_hengshan() -> str:
    """reports/hengshan.yaml as a unit that chose the four-part outline."""
    text = (ROOT / "reports" / "hengshan.yaml").read_text(encoding="utf-8")
    return (text.replace("  文件名: hengshan\n", "  文件名: hengshan_four_part\n")
            .replace("\n设置:\n", "\n设置:\n  提纲: 四部分\n", 1))


def check_lines(path: Path) -> set:
    try:
        findings = examine(path).findings
    except ReportError as exc:
        findings = exc.findings
    return {f.line or 1 for f in findings if f.is_error}


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    shutil.copy(ROOT / "schema.json", root / "schema.json")
    units = root / "reports"
    units.mkdir()
    files = [ROOT / "reports" / p.name for p in sorted((ROOT / "reports").glob("*.yaml"))]
    files += sorted((ROOT / "tests" / "bad_inputs").glob("*.yaml"))
    for source in files:
        shutil.copy(source, units / source.name)
    (units / "xinhua.yaml").write_text(skeleton("xinhua"), encoding="utf-8")
    (units / "xinhua_four_part.yaml").write_text(skeleton("xinhua_four_part", outline="四部分"), encoding="utf-8")
    (units / "hengshan_four_part.yaml").write_text(four_part_hengshan(), encoding="utf-8")
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    yaml_settings = {key.split(".", 1)[1]: value for key, value in settings.items() if key.startswith("yaml.")}
    yaml_settings["schemas"] = {(root / "schema.json").as_uri(): "reports/*.yaml"}
    server = lsp.LanguageServer(root, {"yaml": yaml_settings}, locale="zh-cn")
    try:
        problems = server.problems_of(sorted(units.glob("*.yaml")))
    finally:
        server.close()
    return units, problems


def cases():
    return ([p.name for p in sorted((ROOT / "reports").glob("*.yaml"))] + ["xinhua.yaml"] + sorted(FOUR_PART)
            + [p.name for p in sorted((ROOT / "tests" / "bad_inputs").glob("*.yaml"))])


@pytest.mark.parametrize("name", cases())
def test_the_editor_shows_problems_where_check_reports_errors(editor, name):
    units, problems = editor
    ours = check_lines(units / name)
    theirs = {d["range"]["start"]["line"] + 1 for d in problems[name]}
    if name in UNSEEN:
        assert ours, name                         # check sees it; the editor cannot (see UNSEEN)
    elif name in SYNTAX:
        assert ours and ours <= theirs
    else:
        assert theirs == ours


@pytest.mark.parametrize("name", ["xinhua.yaml", "xinhua_four_part.yaml"])
def test_the_blank_unit_shows_its_two_required_fields_in_chinese(editor, name):
    units, problems = editor
    said = sorted((d["range"]["start"]["line"] + 1, d["message"]) for d in problems[name])
    assert [message.split("。")[0] for _, message in said] == [
        "“全称”必须填写，应为文字：数字、是/否、时间写成文字时请加引号", "“年度”必须填写，应为整数：只写数字（如 2023、14），不带单位"]


@pytest.mark.parametrize("name, message", [
    ("number_with_unit.yaml", "“全年执行数”应为数字：金额以万元为单位，只写数字（如 120.5），不带“万元”；百分比写成数字"),
    ("boolean_no.yaml", "“主管部门”应为文字：数字、是/否、时间写成文字时请加引号"),
    ("control_character.yaml", "文字里有不允许的控制字符（常见于从网页或 Word 复制的文字），请删除它"),
    ("unknown_key_typo.yaml", "属性 内设机够 不被允许。"),
    ("unknown_outline.yaml", "“提纲”只能是：十节、四部分"),
])
def test_the_common_mistakes_are_said_in_chinese(editor, name, message):
    _, problems = editor
    assert message in [d["message"] for d in problems[name]]


def test_the_vscode_task_puts_every_message_of_check_in_the_problems_panel():
    """.vscode/tasks.json: its problem matchers (JavaScript regexes, the same in Python here)
    read each line `check` prints once, with its file, line, column and severity."""
    import re
    import subprocess
    import sys
    task = json.loads((ROOT / ".vscode" / "tasks.json").read_text(encoding="utf-8"))["tasks"][0]
    matchers = [(m["severity"], re.compile(m["pattern"]["regexp"]), m["pattern"]) for m in task["problemMatcher"]]
    cases = ["reports/hengshan.yaml", "tests/bad_inputs/gbk_encoding.yaml", "tests/bad_inputs/boolean_no.yaml",
             "tests/bad_inputs/yaml_bomb.yaml"]
    seen = []
    for case in cases:
        output = subprocess.run([sys.executable, "render.py", "check", case], cwd=ROOT, capture_output=True,
                                text=True, timeout=60).stderr
        for line in output.splitlines():
            found = [(severity, match, pattern) for severity, regex, pattern in matchers
                     if (match := regex.match(line))]
            if "通过（" in line:
                assert not found
                continue
            assert len(found) == 1, line
            severity, match, pattern = found[0]
            assert match.group(pattern["file"]) == case and line.startswith(f"{case}:{match.group(pattern['line'])}:")
            assert severity == ("warning" if "警告（" in line else "error")
            seen.append((case, severity, "column" in pattern))
    assert ("reports/hengshan.yaml", "warning", True) in seen
    assert ("tests/bad_inputs/boolean_no.yaml", "error", True) in seen
    assert ("tests/bad_inputs/gbk_encoding.yaml", "error", False) in seen      # file:line: without a column


def test_a_key_of_another_outlines_sections_is_marked_on_the_line_check_names(tmp_path, third_outline):
    """With a third outline whose last section reads 其他情况说明: a unit that chose it and
    still has 其他需要说明的情况 (the other outlines' key) is marked on that key's line."""
    from perfreport.unitfile.schema_json import json_schema_text
    from tests.conftest import FIXTURES
    (tmp_path / "schema.json").write_text(json_schema_text(), encoding="utf-8")
    units = tmp_path / "reports"
    units.mkdir()
    unit = units / "minimal.yaml"
    unit.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
                    .replace("  年度: 2023\n", "  年度: 2023\n设置: {提纲: 测试提纲}\n")
                    + "其他需要说明的情况:\n  - 无。\n", encoding="utf-8")
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    yaml_settings = {key.split(".", 1)[1]: value for key, value in settings.items() if key.startswith("yaml.")}
    yaml_settings["schemas"] = {(tmp_path / "schema.json").as_uri(): "reports/*.yaml"}
    server = lsp.LanguageServer(tmp_path, {"yaml": yaml_settings}, locale="zh-cn")
    try:
        problems = server.problems_of([unit])["minimal.yaml"]
    finally:
        server.close()
    assert [(d["range"]["start"]["line"] + 1, d["message"]) for d in problems] == [
        (25, "属性 其他需要说明的情况 不被允许。")]
    assert check_lines(unit) == {25}
