"""Cerberus without its start-up cost.

Importing cerberus asks importlib.metadata for its own version (cerberus/__init__.py), which
imports the email package and scans the installed distributions: 15–35 ms of every command,
for a version string nothing here reads. While cerberus is imported, importlib.metadata is a
stand-in that knows no distribution (cerberus then says its version is "unknown"); the real
module is untouched for everyone else, and is imported as usual by whoever needs it.
"""
from __future__ import annotations

import sys
import types


class _NotFound(Exception):
    pass


def _unknown(name: str):
    raise _NotFound(name)


def import_cerberus():
    if "cerberus" in sys.modules or "importlib.metadata" in sys.modules:
        import cerberus
        return cerberus
    stand_in = types.ModuleType("importlib.metadata")
    stand_in.PackageNotFoundError = _NotFound
    stand_in.version = _unknown
    sys.modules["importlib.metadata"] = stand_in
    try:
        import cerberus
    finally:
        del sys.modules["importlib.metadata"]
        import importlib
        if getattr(importlib, "metadata", None) is stand_in:
            del importlib.metadata
    return cerberus
