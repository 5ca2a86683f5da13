"""One shape for every message the tool gives a user: where, what, and how bad."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

ERROR = "错误"      # no report can be made from this data
WARNING = "警告"    # a report can be made, but a reviewer must see this

# How sure a warning is, most sure first (as published checkers of budget documents grade
# theirs): the figures contradict each other; a reading of the unit's words that may be
# wrong; something for a reviewer to look at. An error is always 确定.
CERTAIN, SUSPECTED, NOTE = "确定", "疑似", "提示"
LEVELS = (CERTAIN, SUSPECTED, NOTE)


# What a message must not carry as it is: control characters (an escape sequence in a key or
# a file name would retitle the terminal, clear it, or forge a line) and the invisible ones
# (zero-width spaces, bidirectional overrides that reorder what a reviewer reads). Tab stays.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u206f\ufeff\ufff9-\ufffb]")


def visible(text: str) -> str:
    """`text` on one line with nothing hidden: line breaks as ⏎, every control or invisible
    character as <U+XXXX>."""
    text = text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎")
    return _HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def invisible(text: str) -> list[str]:
    """The invisible characters in `text` (format characters, U+200B and kin), as U+XXXX."""
    return [f"U+{ord(c):04X}" for c in dict.fromkeys(text) if unicodedata.category(c) == "Cf"]


@dataclass(frozen=True)
class Finding:
    severity: str
    message: str
    file: str = ""
    line: int | None = None          # 1-based
    column: int | None = None        # 1-based
    path: str = ""                   # 字段路径, e.g. 项目[2].绩效指标[3].分值
    rule: str = ""                   # name of the audit rule, empty for load/validation problems
    stated: Any = None               # the value the unit typed, when a rule compares
    computed: Any = None             # the value the rule computed
    hint: str = ""                   # what to type instead
    level: str = ""                  # 确定 | 疑似 | 提示 (LEVELS); '' for a warning of no rule

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def certainty(self) -> str:
        """The level the finding is shown and filtered at: an error, and a warning not graded
        (a loading or validation problem), is 确定: no filter hides what was not graded."""
        return CERTAIN if self.is_error or not self.level else self.level

    def at_least(self, level: str) -> bool:
        """Whether the finding is `level` or surer (check --level 疑似 shows 确定 and 疑似)."""
        return LEVELS.index(self.certainty) <= LEVELS.index(level)

    def location(self) -> str:
        parts = [self.file or "<输入>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def text(self) -> str:
        """The plain one-line form: file:line:col: 字段路径: 警告（程度·规则）：说明。提示. A message
        about no file (a command given the wrong thing) has no place to name; a value typed
        with a line break is shown on the one line, its breaks as ⏎, and a control or invisible
        character as <U+XXXX> (visible)."""
        head = self.location() if self.file or self.line is not None else ""
        if self.path:
            head += f": {self.path}" if head else self.path
        body = self.message
        if self.severity == WARNING:
            graded = f"{self.level}·{self.rule}" if self.level and self.rule else self.rule
            body = f"{WARNING}（{graded}）：{body}" if graded else f"{WARNING}：{body}"
        elif self.rule:
            body = f"{ERROR}（{self.rule}）：{body}"
        if self.hint:
            body += f"。{self.hint}"
        return visible(f"{head}: {body}" if head else body)


@dataclass
class FindingList:
    items: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.items.append(finding)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if not f.is_error]
