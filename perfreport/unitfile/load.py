"""Read one unit's YAML file into plain Python data, remembering where each value stood.

Why not yaml.safe_load: PyYAML is YAML 1.1. It silently keeps the last of two duplicate
keys, reads `no` as False, `010` as 8, `12:30` as 750, `2024-01-05` as a date, and builds
floats (0.1 + 0.2 artefacts in money). So the file is only *composed* by PyYAML (a node
tree with line/column marks, aliases not expanded) and the values are built here:
money becomes Decimal from its source text, and every trap becomes a finding with a hint.
"""
from __future__ import annotations

import errno
import hashlib
import gc
import os
import re
import stat
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from perfreport.shared.errors import LoadError
from perfreport.shared.findings import ERROR, Finding
from perfreport.shared.invocation import how

MAX_FILE_BYTES = 2 * 1024 * 1024   # a real unit is about 50 KB
MAX_VALUES = 100_000               # bound on values built; alias bombs hit it at once
MAX_DEPTH = 40                     # real units nest about 8 levels

Path_ = tuple  # a document path: ('项目', 1, '分值')


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector held off while a stage builds its data (load, derive,
    audit). Those hold no reference cycles for it to find, yet it walks every object alive again
    and again as they grow: for a file of 48 000 projects a third of the time, and more the
    larger the file (each walk of a larger heap misses the caches more). Afterwards it runs as
    before: any cycle made meanwhile (an exception caught) is collected then."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass
class Loaded:
    """A unit's data and the (line, column) of each path, both 1-based."""
    data: dict
    file: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    blank_paths: set = field(default_factory=set)     # keys written with nothing after them
    digest: str = ""          # sha256 of the text read (UTF-8, no BOM): what the report is made from

    def where(self, path: Path_) -> tuple[int, int] | None:
        """Line/column for a path: its key if it has one, else its value, else its parent's."""
        path = tuple(path)
        while True:
            if path in self.key_positions:
                return self.key_positions[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return None
            path = path[:-1]


def format_path(path: Path_) -> str:
    """('项目', 1, '绩效指标', 2, '分值') -> 项目[2].绩效指标[3].分值 (1-based, as officers count)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# ---------------------------------------------------------------- reading bytes

def read_regular(path: Path, shown: str, limit: int, what: str = "文件", hint: str = "") -> bytes:
    """A file's bytes, when it is a regular file of at most `limit` bytes. What is not a
    regular file (a folder, a device such as /dev/zero behind a symlink, a FIFO that would
    block forever) is refused before it is opened; the size is known before anything is read,
    and no more than the limit is ever read (a file that grows meanwhile is refused too)."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise LoadError([Finding(ERROR, f"这是一个文件夹，不是 {what}", file=shown)])
        if not stat.S_ISREG(mode):
            raise LoadError([Finding(ERROR, f"这不是普通文件（设备、管道或套接字），不是 {what}", file=shown)])
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            data = stream.read(limit + 1) if size <= limit else b""
    except FileNotFoundError:
        raise LoadError([Finding(ERROR, "文件不存在", file=shown)]) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LoadError([Finding(ERROR, f"这是一个循环的符号链接（最终指向它自己），不是 {what}", file=shown,
                                     hint="请删除这个链接，或让它指向真正的文件")]) from None
        raise LoadError([Finding(ERROR, f"无法读取文件（{exc.strerror}）", file=shown)]) from None
    if size > limit or len(data) > limit:
        shown_size = f"{max(size, len(data)) // 1024} KB"
        raise LoadError([Finding(ERROR, f"文件有 {shown_size}，超过上限 {limit // 1024 // 1024} MB", file=shown,
                                 hint=hint)])
    return data


def _utf16_without_bom(raw: bytes) -> bool:
    """Text saved as UTF-16 with no byte-order mark: not UTF-8, but it reads as UTF-16 into
    lines of keys and values with no stray control characters."""
    if len(raw) < 4 or len(raw) % 2:
        return False
    try:
        raw.decode("utf-8")
        return False
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if ":" in text and "\n" in text and not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
            return True
    return False


def read_text(path: Path, shown: str) -> str:
    """Bytes -> str. UTF-8 (BOM allowed). Anything else is refused with a way to convert.

    GBK/GB18030 files are refused rather than decoded: reports live in git for review, and
    a repository with mixed encodings shows garbage in every diff and breaks editor
    completion; a byte sequence that fails UTF-8 is also not proof of GBK. One conversion,
    done once by the officer, avoids all of that.
    """
    raw = read_regular(path, shown, MAX_FILE_BYTES, what="YAML 文件",
                       hint="一个单位的数据通常不到 100 KB，请检查是否误粘贴了大量内容")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(raw):
        raise LoadError([Finding(ERROR, "文件是 UTF-16 编码", file=shown,
                                 hint="请在编辑器中“另存为”UTF-8 编码")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            name = "GBK/GB18030"
        except UnicodeDecodeError:
            name = "未知编码"
        raise LoadError([Finding(
            ERROR, f"文件不是 UTF-8 编码（看起来是 {name}）", file=shown, line=line,
            hint=utf8_hint(shown))])


# ---------------------------------------------------------------- parsing

FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:：#'\"]+：")


def utf8_hint(shown: str, platform: str | None = None) -> str:
    """How to turn a GB18030 file into UTF-8 with what the user's system has."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return ("请转换为 UTF-8：用记事本打开，“另存为”时把“编码”选为 UTF-8；"
                "或在 VS Code 中点右下角的编码，选“通过编码保存”→ UTF-8")
    return (f"请转换为 UTF-8：iconv -f GB18030 -t UTF-8 {shown} -o {shown}.utf8 && mv {shown}.utf8 {shown}，"
            "或在编辑器（VS Code、WPS）中“另存为”并选择 UTF-8")


def _fullwidth_colon_line(text: str, line: int) -> int | None:
    """The line near a parse error whose key ends in a full-width colon, if any."""
    lines = text.splitlines()
    candidates = [line, line + 1]
    # the line the parser was on when it gave up, and the key before it: blank and comment-only
    # lines between them are nothing to it (`机构设置：   # 原报告没有写` fails at the next key)
    number = line - 1
    while 1 <= number <= len(lines) and (not lines[number - 1].strip() or lines[number - 1].lstrip().startswith("#")):
        number -= 1
    candidates.insert(1, number)
    for number in candidates:
        if 1 <= number <= len(lines) and FULLWIDTH_KEY.match(lines[number - 1]):
            return number
    return None


def _parse_hint(text: str, line: int) -> str:
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        current = lines[line - 1]
        if "\t" in current[:len(current) - len(current.lstrip())]:
            return "YAML 的缩进只能用空格，不能用 Tab"
    return "请检查这一行及上一行的缩进、冒号和引号"


_PROBLEMS = {
    "found character '\\t' that cannot start any token": "这里有 Tab 字符；YAML 的缩进只能用空格",
    "found duplicate anchor": "锚点名称重复",
    "could not find expected ':'": "找不到键后面的冒号“: ”",
    "mapping values are not allowed here": "这里不能出现“键: 值”（冒号后的内容可能需要加引号，或缩进不对）",
    "found unacceptable character": "文件中有不允许的控制字符",
    "found undefined alias": "引用了未定义的锚点（*名称）",
    "did not find expected key": "缩进不一致：这一行与同级的键没有对齐",
    "did not find expected '-' indicator": "列表项缩进不一致：每项都应以“- ”开头并对齐",
    "found unexpected end of stream": "文件在引号或括号未闭合时就结束了",
    "while scanning a quoted scalar": "引号没有闭合",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致：这一行比同级的键缩进得多",
    "expected <block end>, but found '-'": "列表项缩进不一致",
}


def _parse_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    for english, chinese in _PROBLEMS.items():
        if problem.startswith(english) or (exc.context or "").startswith(english):
            return chinese
    return f"YAML 格式错误（{problem}）"


FAST_LOADER = getattr(yaml, "CSafeLoader", None)
BAD_ESCAPE = re.compile(r"\\U([0-9A-Fa-f]{8})")
# libyaml's composer recurses in C without a limit: tens of thousands of nested [ crash the
# process. It is used only on text whose nesting is plainly shallow; the rest goes to the
# Python loader, which stops with RecursionError (reported as 嵌套层次过深).
SHALLOW = 200
LINE_PREFIX = re.compile(r"^[ \t\-?]*", re.MULTILINE)
BRACKET = re.compile(r"[\[\]{}]")


def _plainly_shallow(text: str) -> bool:
    if max((len(m) for m in LINE_PREFIX.findall(text)), default=0) > SHALLOW:
        return False
    depth = 0
    for match in BRACKET.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > SHALLOW:
            return False
    return True


def compose(text: str, shown: str) -> yaml.Node | None:
    # libyaml composes ~10× faster; a file it refuses is parsed again by the Python loader,
    # whose error marks and messages the hints below are written for
    if FAST_LOADER is not None and _plainly_shallow(text):
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
            pass
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        colon_line = _fullwidth_colon_line(text, line or 0)
        if colon_line is not None:
            column = text.splitlines()[colon_line - 1].index("：") + 1
            raise LoadError([Finding(ERROR, "键后面用了全角冒号“：”", file=shown, line=colon_line,
                                     column=column, hint="请改为半角冒号加空格“: ”")])
        problem = _parse_problem(exc)
        hint = _parse_hint(text, line or 0)
        raise LoadError([Finding(ERROR, problem, file=shown, line=line, column=column,
                                 hint="" if "Tab" in problem else hint)])
    except yaml.YAMLError as exc:  # reader errors carry a position but no marks
        position = getattr(exc, "position", None)
        line = column = None
        if position is not None:
            line = text.count("\n", 0, position) + 1
            column = position - (text.rfind("\n", 0, position) + 1) + 1
        character = getattr(exc, "character", "")
        if isinstance(character, str) and len(character) == 1:
            character = ord(character)
        code = f"（U+{character:04X}）" if isinstance(character, int) else ""
        raise LoadError([Finding(ERROR, f"文件中有不允许的控制字符{code}", file=shown, line=line, column=column,
                                 hint="请删除这个字符（常见于从网页或 Word 复制的文字）")])
    except RecursionError:
        raise LoadError([Finding(ERROR, "嵌套层次过深，无法读取", file=shown,
                                 hint=f"正常的单位数据不超过 {MAX_DEPTH} 层")])
    except (ValueError, OverflowError) as exc:       # "\U00110000": an escape past the last character
        line = column = None
        for match in BAD_ESCAPE.finditer(text):
            if int(match.group(1), 16) > 0x10FFFF:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                break
        raise LoadError([Finding(ERROR, "文件中有无效的转义字符（超出 Unicode 的范围）", file=shown, line=line,
                                 column=column, hint="请删除它，或直接写出这个字")]) from exc


# ---------------------------------------------------------------- building values

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
OCTAL_LIKE = re.compile(r"^[-+]?0[0-9_]+$")
TRUE_FALSE = {"true", "false"}
NULLS = {"", "~", "null", "Null", "NULL"}
INTEGER = re.compile(r"^[-+]?(0[xob])?[0-9a-fA-F_:]+$")
SURROGATE = re.compile("[\ud800-\udfff]")
# No figure of a report has 20 digits or 6 decimals (schema.yaml caps money at 10⁹ 万元);
# past that, Decimal's 28 digits of precision would not hold a sum, and printing would fail
MAX_DIGITS, MAX_DECIMALS = 20, 6
STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


class _Builder:
    def __init__(self, shown: str):
        self.shown = shown
        self.findings: list[Finding] = []
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.count = 0

    def problem(self, node: yaml.Node, path: Path_, message: str, hint: str = "") -> None:
        self.findings.append(Finding(
            ERROR, message, file=self.shown, line=node.start_mark.line + 1,
            column=node.start_mark.column + 1, path=format_path(path), hint=hint))

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise LoadError([Finding(
                ERROR, f"展开后的数据超过 {MAX_VALUES} 项", file=self.shown,
                line=node.start_mark.line + 1, column=node.start_mark.column + 1,
                hint="文件可能用锚点（&）和别名（*）层层引用（YAML 炸弹）；请直接写出数据")])
        if depth > MAX_DEPTH:
            raise LoadError([Finding(
                ERROR, f"嵌套超过 {MAX_DEPTH} 层", file=self.shown,
                line=node.start_mark.line + 1, column=node.start_mark.column + 1,
                path=format_path(path[:1]), hint="正常的单位数据不超过 10 层；请检查括号是否成对")])
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in STANDARD_TAGS:
            self.problem(node, path, f"不支持的 YAML 标签 {node.tag}", "请删除以 ! 开头的标签")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.build_scalar(node, path)

    def build_mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, path, "键必须是一段文字", "不要用列表、映射或 << 合并作键")
                continue
            key = key_node.value
            hidden = XML_FORBIDDEN.search(key) or SURROGATE.search(key)
            if hidden:
                # typed as an escape ("\e[2J") a key would carry it into every message that names it
                self.problem(key_node, path, f"键里有不允许的控制字符（U+{ord(hidden.group()):04X}）",
                             "请删除这个字符，键只写表格上的中文名称")
                continue
            if key_node.tag != "tag:yaml.org,2002:str" and not key_node.style and not key:
                self.problem(key_node, path, "键不能为空")
                continue
            child = path + (key,)
            if key in result:
                first = self.key_positions[child][0]
                self.problem(key_node, child, f"键“{key}”重复（第 {first} 行已经有了）",
                             "YAML 只会保留其中一个值；请删除或合并重复的键")
                continue
            self.key_positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if "：" in key and not key_node.style:
                self.problem(key_node, child, f"键“{key}”里有全角冒号“：”",
                             "键和值之间请用半角冒号加空格“: ”")
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def build_scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        text = node.value
        surrogate = SURROGATE.search(text)
        if surrogate:
            # a "\ud800" escape: half of a character, which no file can store
            self.problem(node, path, f"文字中有无效的字符（U+{ord(surrogate.group()):04X}）", "请删除这个转义字符")
            return None
        forbidden = XML_FORBIDDEN.search(text)
        if forbidden:
            # typed as an escape ("\x01") the YAML reader lets it through; Word cannot hold it
            self.problem(node, path, f"文字中有 Word 文档不允许的控制字符（U+{ord(forbidden.group()):04X}）",
                         "请删除这个字符（常见于从网页或其他软件复制的文字）")
            return None
        if node.style:       # quoted or block scalar: always text (plain is None, or "" from libyaml)
            return text
        tag = node.tag
        if tag == "tag:yaml.org,2002:str":
            return text
        if tag == "tag:yaml.org,2002:null":
            if text not in NULLS:        # `!!null 张三`: a value the tag would throw away
                self.problem(node, path, f"“{text}”前面的 !!null 会把它变成空值", "请删去 !!null")
            return None
        if tag == "tag:yaml.org,2002:bool":
            if text.lower() in TRUE_FALSE:
                return text.lower() == "true"
            self.problem(node, path, f"“{text}”在 YAML 里会被读成是/否（布尔值）",
                         f"如果是文字请加引号写作 \"{text}\"；如果是是/否请写 true 或 false")
            return None
        if tag == "tag:yaml.org,2002:timestamp":
            self.problem(node, path, f"没有加引号的日期“{text}”会被读成日期对象",
                         "日期请写成文字，如“2024年5月29日”，或加引号 \"" + text + "\"")
            return None
        if tag == "tag:yaml.org,2002:int":
            return self.build_int(node, path, text)
        if tag == "tag:yaml.org,2002:float":
            return self.build_float(node, path, text)
        return text

    def build_int(self, node: yaml.ScalarNode, path: Path_, text: str) -> Any:
        if not INTEGER.match(text):         # `!!int 二〇二二`, `!!int 821.02`, a bare `!!int`
            self.problem(node, path, f"无法把“{text}”读成整数", "请删去 !!int，写阿拉伯数字")
            return None
        if SEXAGESIMAL.match(text):
            self.problem(node, path, f"“{text}”在 YAML 里会被读成六十进制数",
                         f"如果是时间或编号请加引号写作 \"{text}\"")
            return None
        if OCTAL_LIKE.match(text) or text.lower().startswith(("0o", "0x", "0b", "-0x", "+0x")):
            self.problem(node, path, f"以 0 开头的“{text}”在 YAML 里会被读成八进制或十六进制数",
                         f"数字请去掉前导 0；编号、电话请加引号写作 \"{text}\"")
            return None
        digits = text.replace("_", "").lstrip("+-")
        if len(digits.lstrip("0")) > MAX_DIGITS:
            self.problem(node, path, f"数字“{text[:20]}…”有 {len(digits)} 位，大得不合情理",
                         "请核对这个数；金额以万元为单位")
            return None
        return int(text.replace("_", ""))

    def build_float(self, node: yaml.ScalarNode, path: Path_, text: str) -> Any:
        if SEXAGESIMAL.match(text):
            self.problem(node, path, f"“{text}”在 YAML 里会被读成六十进制数",
                         f"请加引号写作 \"{text}\"")
            return None
        lowered = text.lower().lstrip("+-")
        if lowered in (".inf", ".nan"):
            self.problem(node, path, f"“{text}”不是一个有限的数字", "请填写实际金额或数值")
            return None
        try:
            value = Decimal(text.replace("_", ""))
        except InvalidOperation:
            self.problem(node, path, f"无法把“{text}”读成数字")
            return None
        if not value.is_finite():
            self.problem(node, path, f"“{text}”不是一个有限的数字")
            return None
        if value and (value.adjusted() >= MAX_DIGITS or value.as_tuple().exponent < -MAX_DECIMALS):
            self.problem(node, path, f"数字“{text}”大得或小得不合情理",
                         f"请核对这个数；金额以万元为单位，最多 {MAX_DECIMALS} 位小数")
            return None
        return value


def load(path: Path | str, shown: str | None = None) -> Loaded:
    """Read and build one unit file. Raises LoadError with every problem found."""
    path = Path(path)
    shown = shown or str(path)
    text = read_text(path, shown)
    with collector_paused():
        node = compose(text, shown)
        if node is None:
            raise LoadError([Finding(ERROR, "文件是空的", file=shown,
                                     hint=f"可以用 {how('new')} 生成一个带说明的空白文件")])
        builder = _Builder(shown)
        try:
            data = builder.build(node, ())
        except RecursionError:
            raise LoadError([Finding(ERROR, "嵌套层次过深，无法读取", file=shown)])
    if builder.findings:
        raise LoadError(builder.findings)
    if not isinstance(data, dict):
        raise LoadError([Finding(
            ERROR, "文件的最外层应是“键: 值”的映射", file=shown, line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            hint="键和值之间请用半角冒号加空格“: ”" if "：" in text else
            "请参照 reports/ 下的示例，以“单位:”等键开头")])
    blanks: set = set()
    with collector_paused():
        data = drop_blanks(data, (), blanks)
    return Loaded(data=data, file=shown, positions=builder.positions,
                  key_positions=builder.key_positions, blank_paths=blanks,
                  digest=hashlib.sha256(text.encode("utf-8")).hexdigest())


def _is_blank(value: Any) -> bool:
    """Nothing, an empty list or mapping, or text of spaces only (全称: "   ")."""
    return value is None or (isinstance(value, (dict, list)) and not value) or (
        isinstance(value, str) and not value.strip())


def drop_blanks(value: Any, path: Path_, blanks: set) -> Any:
    """A key with nothing after it is a field not filled in: it counts as absent, so a
    skeleton from `make new` validates once the fields that matter are filled. The same
    holds for a list item whose fields are all blank. Table cells (lists in lists) keep
    their None: an empty cell is a value there. Dropped paths go to `blanks`, so that a
    required field left blank is reported at its own line."""
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            item = drop_blanks(item, path + (key,), blanks)
            if _is_blank(item):
                blanks.add(path + (key,))
            else:
                kept[key] = item
        return kept
    if isinstance(value, list):
        items = [drop_blanks(item, path + (i,), blanks) for i, item in enumerate(value)]
        return [item for item, raw in zip(items, value) if not (isinstance(raw, dict) and not item)]
    return value
