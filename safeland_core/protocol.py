"""Sync protocol v1 on the wire: the documents the device and HQ exchange (pydantic v2).

Shared by the client (app/sync) and the headquarters service (hq/), so the two cannot drift.
A push batch is a self-contained JSON document (format `safeland-batch/1`): it names the device,
carries its own idempotency key (`batch_id`) and whole safeland/1 report records, so the same
file could travel on a USB stick and be applied by HQ unchanged. See docs/sync.md.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .jsonfile import find_bad_text, printable, text_problem

API_PREFIX = "/api/v1"
# Final: each is its own Literal type, as the wire models below declare their `format` fields.
BATCH_FORMAT: Final = "safeland-batch/1"
ANSWER_FORMAT: Final = "safeland-batch-answer/1"
PULL_FORMAT: Final = "safeland-pull/1"
ENROLLMENT_FORMAT: Final = "safeland-enrollment/1"
SERVICE: Final = "safeland-hq"

# Caps. The client packs batches under MAX_BATCH_RECORDS and MAX_BATCH_BYTES (uncompressed);
# HQ refuses anything above MAX_WIRE_BYTES on the wire or MAX_JSON_BYTES once decompressed.
MAX_BATCH_RECORDS = 500
MAX_BATCH_BYTES = 2_000_000
MAX_WIRE_BYTES = 4_000_000
MAX_JSON_BYTES = 8_000_000
MAX_PULL_LIMIT = 500

# Column widths at HQ (hq/models.py): what the wire may carry into them.
MAX_ID = 64          # reports.record_id, receipts.record_id, batches.batch_id
MAX_REFERENCE = 64   # sites.reference, reports.site_reference
MAX_HASH = 64        # reports.hash (a sha256 in hex)
MAX_NAME = 200       # devices.name, operator, unit
BAD_TEXT = "bad_text"  # the refusal code of a string holding a NUL or a lone surrogate


def _clean_text(value: str) -> str:
    """Refuse text no database column, file or JSON encoder takes: a NUL character (PostgreSQL
    text), a lone surrogate such as "\\ud800" (not UTF-8). Error type `bad_text`."""
    problem = text_problem(value)
    if problem:
        raise PydanticCustomError(BAD_TEXT, "{problem}", {"problem": problem})
    return value


# Text fields: each spelled out as an Annotated alias (a type checker reads no alias a function
# builds), all with the text rule of _clean_text.
Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
Ident = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID), AfterValidator(_clean_text)]
Stamp = Annotated[str, StringConstraints(min_length=0, max_length=64), AfterValidator(_clean_text)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(_clean_text)]
Name = Annotated[str, StringConstraints(min_length=0, max_length=MAX_NAME), AfterValidator(_clean_text)]
Seq = Annotated[int, Field(ge=1, le=2**53)]


class _Wire(BaseModel):
    # Unknown fields are ignored: a newer peer only adds fields.
    model_config = ConfigDict(extra="ignore")


ENTRY_TYPES = ("report", "site")


class BatchEntry(_Wire):
    """One outbox entry: the device's sequence number and its safeland/1 record: a signed report
    (`type` "report", `revision` its signed revision), or a site found in the field and proposed
    to HQ (`type` "site", `revision` the proposal's number: 1, then 2 when proposed again after
    HQ returned it). A site entry always travels ahead of the reports on that site (lower seq)."""

    seq: Seq
    type: Literal["report", "site"] = "report"
    record_id: Ident
    revision: Annotated[int, Field(ge=1, le=1_000_000)]
    record: dict[str, Any]


class Batch(_Wire):
    format: Literal["safeland-batch/1"]
    batch_id: Key  # the idempotency key: the same entries always give the same id
    device_id: Ident
    created_at: Stamp | None = None  # the device's clock: information only, never ordering
    entries: Annotated[list[BatchEntry], Field(min_length=1, max_length=MAX_BATCH_RECORDS)]

    @model_validator(mode="after")
    def _ascending(self) -> Batch:
        seqs = [e.seq for e in self.entries]
        if any(b <= a for a, b in zip(seqs, seqs[1:])):
            raise ValueError("entries must be in strictly ascending seq order")
        return self

    def fingerprint(self) -> str:
        """What the batch contains, so a reused batch_id with other content is caught."""
        canon = ";".join(f"{e.seq}:{e.record_id}:{e.revision}:{e.record.get('hash')}"
                         for e in self.entries)
        return hashlib.sha256(canon.encode("utf-8", "surrogatepass")).hexdigest()


def batch_id_for(device_id: str, entries: list[tuple[int, str, int]]) -> str:
    """Deterministic idempotency key: re-sending the same entries re-sends the same batch."""
    canon = device_id + "|" + ";".join(f"{s}:{r}:{v}" for s, r, v in entries)
    return hashlib.sha256(canon.encode()).hexdigest()[:40]


def record_problem(record: dict[str, Any]) -> tuple[str, str] | None:
    """(code, reason) when a pushed record cannot even be looked at safely: a string anywhere in
    it holds a NUL or a lone surrogate (`bad_text`), or a field HQ keeps in a column is wider
    than the column (`too_long`). HQ parks such a record, refused, and applies the rest of the
    batch; it never reaches a query or a column. None when the record may go on to validation."""
    bad = find_bad_text(record)
    if bad:
        return BAD_TEXT, f"the record cannot be stored: {bad}"
    for name, width in (("id", MAX_ID), ("site_id", MAX_ID), ("site_reference", MAX_REFERENCE),
                        ("reference", MAX_REFERENCE), ("provisional_reference", MAX_REFERENCE),
                        ("hash", MAX_HASH), ("prev_hash", MAX_HASH)):
        value = record.get(name)
        if isinstance(value, str) and len(value) > width:
            return "too_long", f"the record's {name} is over {width} characters"
    return None


def safe_text(text: str, limit: int = 2000) -> str:
    """A message HQ may store and send: NUL and lone surrogates shown as escapes, cut to
    `limit` characters (a refusal's reason may quote the record)."""
    return printable(text)[:limit]


# --- answers from HQ: lenient, the client must always be able to read what HQ says ---------

RecordStatus = Literal["APPLIED", "REFUSED"]


class RecordResult(_Wire):
    seq: int
    record_id: str
    revision: int
    status: RecordStatus
    code: str | None = None
    reason: str | None = None


class BatchAnswer(_Wire):
    format: Literal["safeland-batch-answer/1"]
    batch_id: str
    device_id: str
    highest_seq: int  # the highest sequence number HQ has applied or refused for this device
    received_at: str  # HQ's clock, ISO 8601 UTC
    results: list[RecordResult]


class EnrollRequest(_Wire):
    code: Code
    name: Name | None = None


class Enrollment(_Wire):
    format: Literal["safeland-enrollment/1"]
    device_id: str
    token: str
    operator: str
    unit: str
    name: str
    hq_time: str


class PullPage(_Wire):
    format: Literal["safeland-pull/1"]
    sites: list[dict[str, Any]]
    cursor: str  # opaque: give it back as is
    more: bool


class Health(_Wire):
    service: Literal["safeland-hq"]
    api: str
    status: str
    time: str


class ErrorBody(_Wire):
    code: str
    message: str
    highest_seq: int | None = None  # seq_conflict: HQ's highest seq answered for this device


class ErrorAnswer(_Wire):
    error: ErrorBody


# --- the pull cursor: opaque to the device, a small versioned token for HQ -------------------

def encode_cursor(change_no: int) -> str:
    raw = json.dumps({"v": 1, "sites": int(change_no)}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The change number in a cursor; raises ValueError for anything HQ did not write."""
    if not cursor:
        return 0
    if len(cursor) > 200:
        raise ValueError("cursor too long")
    pad = "=" * (-len(cursor) % 4)
    data = json.loads(base64.urlsafe_b64decode(cursor + pad))
    if not isinstance(data, dict) or data.get("v") != 1:
        raise ValueError("unknown cursor version")
    value = data.get("sites")
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**53:
        raise ValueError("bad cursor")
    return value


def utc_iso(value: dt.datetime | None = None) -> str:
    value = value or dt.datetime.now(dt.UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
