"""All exceptions the tool raises on purpose, under one base class.

The CLI turns a ReportError into its findings on stderr and exit code 1; anything else
escaping is a bug in this tool.
"""
from __future__ import annotations

from perfreport.shared.findings import Finding


class ReportError(Exception):
    """A problem the user can fix; carries one or more findings."""

    def __init__(self, findings: list[Finding]):
        self.findings = list(findings)
        super().__init__("\n".join(f.text() for f in self.findings))


class LoadError(ReportError):
    """The file cannot be read as YAML data (encoding, syntax, YAML 1.1 traps, limits)."""


class ValidationError(ReportError):
    """The data does not match schema.yaml."""


class AuditError(ReportError):
    """The audit found errors (or warnings under --strict)."""


class RenderError(ReportError):
    """The template could not be rendered or its output failed its own checks."""


class UsageError(ReportError):
    """The command line asks for something impossible (unknown unit, bad path)."""


class HandEditedError(UsageError):
    """The report to be replaced was changed by hand since it was written."""
