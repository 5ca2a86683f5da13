"""The audit's held-out check (issue 15): inconsistencies planted one at a time in a copy of a
real unit in reports/, each of which must give exactly one new warning, of the rule named, at
the line named. The test suite never reads these: they are how we see that the rules read
words as units write them, not as our fixtures do. `make planted`.

planted.txt: one plant a line, `unit | words in the file | what they become | rule | line`
(\n stands for a line break).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perfreport.commands.pipeline import examine  # noqa: E402


def findings(path: Path) -> list[tuple[int, str, str]]:
    return [(f.line, f.rule, f.message) for f in examine(path, shown=path.name).findings]


def main() -> int:
    plants = [[part.replace("\\n", "\n") for part in line.split(" | ")] for line in (Path(__file__).parent / "planted.txt").read_text(encoding="utf-8")
              .splitlines() if line.strip() and not line.startswith("#")]
    base: dict[str, list] = {}
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        for unit, old, new, rule, line in plants:
            source = ROOT / "reports" / f"{unit}.yaml"
            base.setdefault(unit, findings(source))
            text = source.read_text(encoding="utf-8")
            if text.count(old) != 1:
                print(f"✗ {unit}: “{old}” 在文件中出现 {text.count(old)} 次，应恰好 1 次")
                failed += 1
                continue
            copy = Path(folder) / f"{unit}.yaml"
            copy.write_text(text.replace(old, new), encoding="utf-8")
            extra = [f for f in findings(copy) if f not in base[unit]]
            ok = len(extra) == 1 and extra[0][1] == rule and extra[0][0] == int(line)
            failed += not ok
            shown = "；".join(f"{n}行 {r}：{m}" for n, r, m in extra) or "没有警告"
            print(f"{'✓' if ok else '✗'} {unit}: “{old}” → “{new}”：{shown}")
    print(f"{len(plants) - failed}/{len(plants)} 处植入恰好得到一条应有的警告")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
