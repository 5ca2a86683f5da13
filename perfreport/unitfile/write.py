"""A unit written as the file people edit: keys in the given order, CJK as it is, one line a
text however long, and every figure digit for digit as it was given (716.90 stays 716.90, which
a float would print as 716.9)."""
from __future__ import annotations

from decimal import Decimal

import yaml


class UnitDumper(yaml.SafeDumper):
    pass


def number(dumper: yaml.SafeDumper, value):
    """A figure as its digits: an int or a float to YAML, written as typed."""
    text = str(value)
    return dumper.represent_scalar("tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int", text)


UnitDumper.add_representer(Decimal, number)


def unit_yaml(unit: dict, dumper: type[yaml.SafeDumper] = UnitDumper) -> str:
    return yaml.dump(unit, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
