"""argparse speaking Chinese: its usage line, help headings and error messages.

argparse writes its own words in English ("usage:", "the following arguments are
required"); the users of this tool read Chinese. The messages are those of Python 3.11's
argparse; one it does not know is shown as it is, after the Chinese lead-in.
"""
from __future__ import annotations

import argparse
import re
import sys

TYPE_NAMES = {"int": "整数", "float": "数字"}


def _quoted(text: str) -> str:
    """'frob' (argparse's repr) -> “frob”."""
    return f"“{text[1:-1]}”" if len(text) >= 2 and text[0] == text[-1] == "'" else f"“{text}”"


def _choices(text: str) -> str:
    return "、".join(part.strip().strip("'") for part in text.split(","))


def _name(argument: str) -> str:
    """An option or argument as the subject of a Chinese sentence: --workers takes a space."""
    return f"{argument} " if argument.isascii() else argument


# (argparse's message, its Chinese form); tried in order, the first that matches is used
MESSAGES = [
    (r"the following arguments are required: (.+)", lambda m: "缺少" + (f" {m[1]}" if m[1].isascii() else m[1])),
    (r"unrecognized arguments: (.+)", lambda m: f"不认识的参数：{m[1]}"),
    (r"argument (.+?): invalid choice: (.+) \(choose from (.+)\)",
     lambda m: f"{_name(m[1])}不能是{_quoted(m[2])}，可选：{_choices(m[3])}"),
    (r"argument (.+?): invalid (\w+) value: (.+)",
     lambda m: f"{_name(m[1])}要写{TYPE_NAMES.get(m[2], m[2])}，不能是{_quoted(m[3])}"),
    (r"argument (.+?): expected one argument", lambda m: f"{_name(m[1])}后面要写一个值"),
    (r"argument (.+?): ignored explicit argument (.+)", lambda m: f"{_name(m[1])}不带值，多写了{_quoted(m[2])}"),
    (r"ambiguous option: (.+?) could match (.+)", lambda m: f"{_name(m[1])}不明确，可能是：{_choices(m[2])}"),
]


def translated(message: str) -> str:
    for pattern, chinese in MESSAGES:
        match = re.fullmatch(pattern, message)
        if match:
            return chinese(match)
    return message


class ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法：")


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words are Chinese; its subcommands are made alike."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示这段说明并退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：用法错误：{translated(message)}（加 -h 看说明）\n")
