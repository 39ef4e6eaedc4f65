"""Sync's small key/value facts (sync_state: the pull cursor, the skipped sites, seq_base, the
last sync): one writer. Thread: the thread that owns the session."""
from __future__ import annotations

from sqlalchemy.orm import Session

from safeland_core.store_guard import writer

from ..models import SyncState


@writer
def put_state(s: Session, key: str, value: str) -> None:
    """Set one key (insert or overwrite)."""
    row = s.get(SyncState, key)
    if row is None:
        s.add(SyncState(key=key, value=value))
    else:
        row.value = value


@writer
def drop_state(s: Session, key: str) -> None:
    """Forget one key (nothing if absent)."""
    row = s.get(SyncState, key)
    if row is not None:
        s.delete(row)
