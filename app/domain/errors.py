"""The refusals every writer raises (services and the store alike): which field and why.

`Invalid` carries errors and nothing was written; `NeedsConfirmation` carries warnings the user
has not yet accepted. Both are `ServiceError`, which the UI and the CLI show field by field.
"""
from __future__ import annotations

from safeland_core.validation import Issue


class ServiceError(Exception):
    """A refusal the user can act on. `issues` say which field and why."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(str(i) for i in issues))


class Invalid(ServiceError):
    pass


class NeedsConfirmation(ServiceError):
    """Only warnings: call again with accept_warnings=True once the user confirmed."""


def refuse(code: str, message: str, loc: tuple = ()) -> Invalid:
    """One error as an `Invalid` to raise."""
    return Invalid([Issue(loc, code, message)])
