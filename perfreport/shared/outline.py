"""The report's outline, declared once (templates/outline.yaml): the title, the sections in
order with where each takes its content from and what it says when that is empty, and the
attachments. derive, wording, audit, skeleton and schema_json read it; nothing else lists
sections, so another outline is another file, not another code path.

The outlines a unit may choose (设置.提纲) are the files templates/outline*.yaml, each known
by its `name:`; templates/outline.yaml is the one a unit that chooses none gets."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

OUTLINE_FILE = Path(__file__).resolve().parents[2] / "templates" / "outline.yaml"
OUTLINE_FILES = "outline*.yaml"     # in templates/: every outline a unit may choose

GENERATED = ("basic_info", "general_budget")

# What a unit writes for a part that has nothing, where the outline has a sentence for that
# (`empty`): `政府性基金预算支出: 无`. Only then does the sentence print; a part left out, or
# left blank, is not known, and the report says nothing for the unit (DEVELOPERS: unknown is
# not none).
NONE_WORD = "无"

# A part's state, as the unit left it
STATED, NONE, UNKNOWN = "stated", "none", "unknown"
FORMS = ("basic_data", "overall", "project", "fund")   # the order of the forms in the template


@dataclass(frozen=True)
class Part:
    """One source of a section's content."""
    kind: str                 # 'basic_info' | 'general_budget' | 'fund' | 'text'
    key: str = ""             # the data key of a 'text' or 'fund' part
    supplement: str = ""      # a generated part's data key for the unit's own extra blocks
    heading: str = ""         # the part is a subsection of its own under this title
    empty: str = ""           # printed when the unit says the part has nothing (NONE_WORD); {year} filled in
    required: bool = False    # a complete report has it: the audit lists it when blank
    name: str = ""            # a fund's name in sentences and titles (政府性基金)
    income: str = ""          # a fund's line in 按收入性质分, which must agree with the section

    @property
    def data_keys(self) -> tuple[str, ...]:
        """The top-level keys of a unit file this part reads."""
        return tuple(k for k in (self.key, self.supplement) if k)


@dataclass(frozen=True)
class Section:
    title: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Form:
    kind: str                 # one of FORMS
    title: str                # the form's title after "<年>年度"; {name} for a fund
    listed: str = ""          # how 报告需要以下附件 names it, when not the title


@dataclass(frozen=True)
class Outline:
    name: str                 # what a unit writes in 设置.提纲 to choose it
    title: tuple[str, ...]    # title lines with {year} {name} {report_title}
    report_title: str         # the default; a unit may set 设置.报告标题
    opening: str              # data key of the paragraphs before section 一
    sections: tuple[Section, ...]
    forms: tuple[Form, ...]
    description: str = ""     # one line on it, for the editor and the blank unit file

    def parts(self, kind: str | None = None):
        """(section number, part) for every part, in order; only `kind` when given."""
        for number, section in enumerate(self.sections, start=1):
            for part in section.parts:
                if kind is None or part.kind == kind:
                    yield number, part

    @property
    def funds(self) -> list[Part]:
        return [part for _, part in self.parts("fund")]

    @property
    def text_keys(self) -> list[str]:
        """Data keys holding the unit's own blocks, in outline order (opening first)."""
        keys = [self.opening]
        for _, part in self.parts():
            keys += [part.supplement] if part.kind in GENERATED else []
            keys += [part.key] if part.kind == "text" else []
        return [k for k in keys if k]

    def section_of(self, key: str) -> int:
        """The section number a data key's content prints in (0: none)."""
        return next((n for n, p in self.parts() if key in p.data_keys), 0)


class OutlineError(ValueError):
    """An outline file that does not describe a report (a mistake of the maintainers)."""


def _part(raw: dict, where: str) -> Part:
    kinds = [k for k in ("generated", "fund", "text") if k in raw]
    if len(kinds) != 1:
        raise OutlineError(f"{where}: a part is exactly one of generated, fund, text")
    kind = raw["generated"] if kinds[0] == "generated" else kinds[0]
    if kinds[0] == "generated" and kind not in GENERATED:
        raise OutlineError(f"{where}: unknown generated part {kind!r}")
    key = raw.get(kinds[0], "") if kinds[0] != "generated" else ""
    if kinds[0] == "fund" and not raw.get("name"):
        raise OutlineError(f"{where}: a fund part needs a name")
    return Part(kind=kind, key=key, supplement=raw.get("supplement", ""), heading=raw.get("heading", ""),
                empty=raw.get("empty", ""), required=bool(raw.get("required")), name=raw.get("name", ""),
                income=raw.get("income", ""))


def parse(raw: dict, where: str = "outline") -> Outline:
    sections = tuple(
        Section(title=s["title"], parts=tuple(_part(p, f"{where}: {s['title']}") for p in s["parts"]))
        for s in raw["sections"])
    forms = tuple(Form(kind=f["form"], title=f["title"], listed=f.get("listed", "")) for f in raw["attachments"])
    kinds = [f.kind for f in forms]
    if any(k not in FORMS for k in kinds) or kinds != sorted(kinds, key=FORMS.index):
        raise OutlineError(f"{where}: attachments must be among {FORMS}, in that order (the template's)")
    if not {"basic_data", "overall"} <= set(kinds):
        raise OutlineError(f"{where}: the template always prints 附件1 (basic_data) and 附件2 (overall)")
    outline = Outline(name=raw["name"], title=tuple(raw["title"]), report_title=raw["report_title"],
                      opening=raw.get("opening", ""), sections=sections, forms=forms,
                      description=raw.get("description", ""))
    keys = [k for _, p in outline.parts() for k in p.data_keys] + [outline.opening]
    if len(keys) != len(set(keys)):
        raise OutlineError(f"{where}: a data key is read by two parts")
    return outline


@lru_cache(maxsize=None)
def load_outline(path: Path = OUTLINE_FILE) -> Outline:
    # ours and trusted, like schema.yaml: libyaml when present
    raw = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return parse(raw, str(path))


@lru_cache(maxsize=None)
def outline_files() -> dict[str, Path]:
    """name -> file of every outline a unit may choose, the default first. A file name may be
    anything English; the unit names an outline by the `name:` it declares, in Chinese like
    the rest of its file."""
    files = [OUTLINE_FILE] + sorted(p for p in OUTLINE_FILE.parent.glob(OUTLINE_FILES) if p != OUTLINE_FILE)
    named: dict[str, Path] = {}
    for path in files:
        name = load_outline(path).name
        if name in named:
            raise OutlineError(f"{path}: the name {name!r} is already {named[name]}'s")
        named[name] = path
    return named


def default_name() -> str:
    return load_outline(OUTLINE_FILE).name
