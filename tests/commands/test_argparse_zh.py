"""argparse's own words are Chinese: usage line, help headings, each kind of usage error."""
import pytest

from perfreport.commands.argparse_zh import translated
from perfreport.commands.cli import main


@pytest.mark.parametrize("args,message", [
    ([], "perfreport：用法错误：缺少命令（加 -h 看说明）"),
    (["frob"], "perfreport：用法错误：命令不能是“frob”，可选：check、report、pdf、new、import、audit、history、schema、dump、git-setup、preview、warm、template、test、bench、planted、all（加 -h 看说明）"),
    (["report"], "perfreport report：用法错误：缺少 UNIT（加 -h 看说明）"),
    (["report", "-rf"], "perfreport report：用法错误：缺少 UNIT（加 -h 看说明）"),
    (["report", "x", "-o"], "perfreport report：用法错误：-o/--output 后面要写一个值（加 -h 看说明）"),
    (["report", "x", "-z"], "perfreport：用法错误：不认识的参数：-z（加 -h 看说明）"),
    (["all", "--workers", "x"], "perfreport all：用法错误：--workers 要写整数，不能是“x”（加 -h 看说明）"),
    (["check", "--strict=1"], "perfreport check：用法错误：--strict 不带值，多写了“1”（加 -h 看说明）"),
])
def test_usage_errors_are_chinese_with_exit_code_2(capsys, args, message):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    lines = capsys.readouterr().err.splitlines()      # the usage may wrap; the message is last
    usage, said = lines[0], lines[-1]
    assert usage.startswith("用法：perfreport")
    assert said == message


def test_help_has_no_english_headings(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("用法：perfreport report [-h] [-o PATH] [--strict] [--keep-copy] [--outline 提纲]")
    assert "参数:\n  UNIT" in text and "选项:\n  -h, --help            显示这段说明并退出" in text
    for english in ("usage", "positional arguments", "options:", "show this help"):
        assert english not in text


def test_an_unknown_message_is_shown_as_it_is():
    assert translated("something new in a later Python") == "something new in a later Python"


def test_ambiguous_option():
    assert translated("ambiguous option: --s could match --strict, --summary") == "--s 不明确，可能是：--strict、--summary"
