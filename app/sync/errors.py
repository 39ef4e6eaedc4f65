"""Sync failures, sorted before the user sees them (STYLE.md rule 9): each kind has its own plain
sentence, and every sentence says that nothing was lost when that is true (it always is)."""
from __future__ import annotations

OFFLINE, AUTH, REFUSED, SERVER, NOT_ENROLLED, INTERRUPTED = (
    "offline", "auth", "refused", "server", "not_enrolled", "interrupted")


class SyncError(Exception):
    """A sync run that must stop. `kind` is one of the constants above; `message` is for the user."""

    def __init__(self, kind: str, message: str, detail: str = ""):
        self.kind, self.message, self.detail = kind, message, detail
        super().__init__(message)


def offline(url: str, detail: str = "") -> SyncError:
    return SyncError(OFFLINE, f"Could not reach HQ at {url}: there is no connection, or HQ is not "
                     "answering. Nothing was lost; sync again when you have a connection.", detail)


def not_hq(url: str, detail: str = "") -> SyncError:
    return SyncError(OFFLINE, "The network answered instead of HQ (perhaps a Wi-Fi login page). "
                     "Sign in to the network in a web browser, then sync again. Nothing was lost.",
                     detail)


def auth(detail: str = "") -> SyncError:
    return SyncError(AUTH, "HQ no longer accepts this laptop (its enrollment was revoked or is "
                     "unknown). Ask HQ for a new enrollment code and run enroll again. "
                     "Nothing was lost: every report waiting is still on this laptop.", detail)


def server(status: int | str, detail: str = "") -> SyncError:
    return SyncError(SERVER, f"HQ had a problem (error {status}) and could not take the reports "
                     "now. Nothing was lost; try again later.", detail)


def not_enrolled() -> SyncError:
    return SyncError(NOT_ENROLLED, "This laptop is not enrolled with HQ yet. Ask HQ for an "
                     "enrollment code, then run: safeland enroll --hq URL --code CODE")


def local_db(detail: str = "") -> SyncError:
    return SyncError(INTERRUPTED, "The laptop's database was busy or full, so sync stopped; "
                     "nothing was changed by the interrupted step. Close other programs using "
                     "Safeland, free some disk space, and sync again.", detail)


def cancelled() -> SyncError:
    return SyncError(INTERRUPTED, "Sync was stopped before it finished. What HQ confirmed is "
                     "marked as sent; the rest is still waiting. Nothing was lost.")


class SeqConflict(SyncError):
    """HQ already holds other records under seqs this laptop is sending (a laptop restored from
    a file copy numbers from the same point as the original). Not retried as is: the client
    renumbers its waiting entries after `highest_seq` and sends them again."""

    def __init__(self, highest_seq: int, detail: str = ""):
        self.highest_seq = highest_seq
        super().__init__(SERVER, "HQ already has other reports under this laptop's numbers (was "
                         "it restored from a copy?). Nothing was lost; sync again.", detail)
