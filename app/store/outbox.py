"""The outbox: one entry per signed revision (and per proposal of a site found in the field),
waiting for HQ's explicit answer.

Rules kept here:
- an entry is made only by a freeze (revisions._freeze), in the transaction that signs, or by
  a site's proposal (sites.propose_site), in the transaction that writes the site, and starts
  PENDING; (record id, revision) is unique;
- an entry leaves PENDING once, on HQ's answer: APPLIED, or REFUSED with HQ's code and reason
  (parked, never blocking the rest). An entry no longer PENDING is never changed again.

Thread: the thread that owns the session.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from safeland_core.store_guard import writer

from ..models import OutboxEntry, utcnow


class OutboxState(StrEnum):
    PENDING = "PENDING"
    APPLIED = "APPLIED"
    REFUSED = "REFUSED"


RECORD_TYPES = ("report", "site")


@writer
def enqueue(s: Session, record_id: str, revision: int, payload: dict[str, Any],
            created_at: dt.datetime, record_type: str = "report") -> None:
    """Queue a record for HQ: a signed revision of a report (its safeland/1 record; called by
    the freeze only) or a site found in the field, proposed (record_type "site", `revision` the
    proposal's number; called by sites.propose_site only). Each in its caller's transaction."""
    if record_type not in RECORD_TYPES:
        raise ValueError(f"the outbox carries reports and sites, not {record_type!r}")
    s.add(OutboxEntry(record_type=record_type, record_id=record_id, revision=revision,
                      payload=payload, state=OutboxState.PENDING.value, created_at=created_at))


_T = OutboxEntry.core_table()
_MARK = (update(_T).where(_T.c.seq == bindparam("s"), _T.c.state == OutboxState.PENDING.value)
         .values(state=bindparam("st"), refusal_code=bindparam("c"),
                 refusal_reason=bindparam("r"), sent_at=bindparam("at")))


@writer
def mark(s: Session, answers: Iterable[tuple[int, OutboxState, str | None, str | None]],
         sent_at: dt.datetime | None = None) -> int:
    """Record HQ's answer for entries by local seq: (seq, APPLIED or REFUSED, code, reason).
    Only PENDING entries move. One executemany. Returns how many answers were given."""
    at = sent_at or utcnow()
    rows = []
    for seq, state, code, reason in answers:
        if state == OutboxState.PENDING:
            raise ValueError("an answer moves an entry out of PENDING")
        rows.append({"s": seq, "st": OutboxState(state).value, "c": code, "r": reason,
                     "at": at})
    if rows:
        s.connection().execute(_MARK, rows)
    return len(rows)
