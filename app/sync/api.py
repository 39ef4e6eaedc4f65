"""What the desktop app (and `safeland sync`) call: Qt-free, run from a worker thread.

    run_sync(db, progress=None, cancelled=None) -> SyncOutcome
    refused_records(db) -> list[RefusedRecord]
    hq_reachable(db, timeout=3.0) -> bool
    enroll(db, hq_url, code) -> Enrollment

`run_sync` pushes then pulls and never raises for a sync failure: it returns a SyncOutcome whose
`kind` sorts the failure (offline, auth, refused, server, not_enrolled, interrupted) and whose
`message` is one plain sentence for the team leader. Nothing local is deleted; entries change
state only from HQ's explicit answer. Thread: any thread but the GUI's; one run at a time per
database.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.db import Database
from app.domain.queries import open_refusal
from app.models import DeviceProfile, OutboxEntry
from app.store.state import drop_state, put_state
from safeland_core.protocol import Enrollment, EnrollRequest, Health

from . import errors
from .outbox import Limits, pending_count, push_all
from .pull import CURSOR_KEY, pull_all, skipped_sites
from .reviews import REVIEW_CURSOR_KEY, pull_reviews
from .transport import HQClient, RetryPolicy, skew_warning

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("safeland.sync")

KINDS = ("ok", "offline", "auth", "refused", "server", "not_enrolled", "interrupted")


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # "push", "pull" (sites) or "reviews" (HQ's decisions)
    done: int
    total: int


@dataclass
class SyncOutcome:
    ok: bool
    kind: str
    message: str
    pushed: int = 0  # records HQ applied in this run (reports and sites)
    sites_sent: int = 0  # of them, sites found in the field (HQ holds them to confirm)
    refused: int = 0  # records HQ refused in this run (parked with its reason)
    pulled_sites: int = 0
    waiting: int = 0  # entries still PENDING after the run
    warnings: list[str] = field(default_factory=list)
    clock_skew_seconds: float | None = None
    requests: int = 0  # HTTP exchanges with HQ, retries included
    detail: str = ""  # for the log, not the screen
    parked: int = 0  # refused reports (this run or earlier) not yet amended, after the run
    skipped_sites: list[str] = field(default_factory=list)  # HQ sites this laptop could not use
    reviews: int = 0  # HQ's review decisions pulled in this run
    # Reports whose status HQ's decisions set in this run: report id -> ACCEPTED/RETURNED/REJECTED
    decided: dict[str, str] = field(default_factory=dict)

    @property
    def reports_sent(self) -> int:
        return self.pushed - self.sites_sent

    def decided_count(self, decision: str) -> int:
        """Reports this run's decisions left ACCEPTED (or RETURNED, or REJECTED)."""
        return sum(1 for d in self.decided.values() if d == decision)


@dataclass(frozen=True)
class RefusedRecord:
    record_id: str
    revision: int
    code: str | None
    reason: str | None
    site_reference: str | None
    date: str | None


def _device(db: Database) -> tuple[str, str, str] | None:
    with db.session() as s:
        p = s.get(DeviceProfile, 1)
        if p is None or not (p.hq_url and p.device_id and p.device_token):
            return None
        return p.hq_url, p.device_id, p.device_token


def _set_state(db: Database, key: str, value: str) -> None:
    with db.session(write=True) as s:
        put_state(s, key, value)


def run_sync(db: Database, progress: Callable[[SyncProgress], None] | None = None,
             cancelled: Callable[[], bool] | None = None, *, policy: RetryPolicy | None = None,
             limits: Limits | None = None,
             transport: httpx.BaseTransport | None = None) -> SyncOutcome:
    """Push every waiting report, then pull this unit's sites. Never raises for sync failures."""
    report = progress or (lambda _p: None)
    stop = cancelled or (lambda: False)
    device = _device(db)
    if device is None:
        err = errors.not_enrolled()
        return SyncOutcome(False, err.kind, err.message, waiting=pending_count(db))
    hq_url, device_id, token = device
    out = SyncOutcome(False, "ok", "")
    client = HQClient(hq_url, token, policy or RetryPolicy.from_env(), transport=transport)
    try:
        for answer, batch in push_all(db, client, device_id, limits or Limits.from_env(),
                                      lambda d, t: report(SyncProgress("push", d, t)), stop):
            sent = [r.seq for r in answer.results if r.status == "APPLIED"]
            out.pushed += len(sent)
            out.sites_sent += sum(1 for seq in sent if seq in batch.site_seqs)
            out.refused += sum(1 for r in answer.results if r.status == "REFUSED")
        out.pulled_sites = pull_all(db, client, lambda d, t: report(SyncProgress("pull", d, t)), stop)
        applied = pull_reviews(db, client, lambda d, t: report(SyncProgress("reviews", d, t)),
                               stop)
        out.reviews, out.decided = applied.decisions, dict(applied.changed)
        _set_state(db, "last_sync", dt.datetime.now(dt.UTC).replace(microsecond=0)
                   .isoformat().replace("+00:00", "Z"))
    except errors.SyncError as exc:
        out.kind, out.message, out.detail = exc.kind, exc.message, exc.detail
    except OperationalError as exc:
        err = errors.local_db(str(exc).splitlines()[0])
        out.kind, out.message, out.detail = err.kind, err.message, err.detail
    finally:
        client.close()
    out.clock_skew_seconds = client.clock_skew
    out.requests = client.traffic.requests
    warning = skew_warning(client.clock_skew)
    if warning:
        out.warnings.append(warning)
        log.warning("clock skew: laptop is %+.0f s from HQ", client.clock_skew)
    try:
        skipped = skipped_sites(db)
    except OperationalError:
        skipped = {}
    if skipped:
        out.skipped_sites = [f"{ref}: {why}" for ref, why in sorted(skipped.items())]
        out.warnings.append(
            f"{len(skipped)} site{'s' if len(skipped) != 1 else ''} from HQ could not be used on "
            f"this laptop and will be fetched again at the next sync: "
            + ", ".join(sorted(skipped)[:10]) + (" ..." if len(skipped) > 10 else ""))
    try:
        out.waiting = pending_count(db)
        parked = parked_count(db)
    except OperationalError:
        out.waiting, parked = -1, 0
    out.parked = parked
    if out.kind == "ok":
        if out.refused:
            out.kind = "refused"
            out.message = (f"HQ refused {out.refused} report{'s' if out.refused != 1 else ''}; "
                           "each is kept here with HQ's reason. Amend them and sync again. "
                           f"{out.pushed} sent, {out.pulled_sites} sites updated.")
            if parked > out.refused:
                out.message += f" {parked} refused reports are waiting to be amended in all."
        elif parked:
            # DESIGN: exit 0 only when the outbox is empty; refused reports not yet amended are
            # still there, parked, so the run is not a clean success.
            out.kind = "refused"
            out.message = (f"Sync done ({out.pushed} sent, {out.pulled_sites} sites updated), but "
                           f"{parked} report{'s' if parked != 1 else ''} refused by HQ "
                           f"{'are' if parked != 1 else 'is'} still parked here with HQ's reason. "
                           "Amend them and sync again. Nothing was lost.")
        else:
            out.ok = out.waiting == 0
            out.message = (f"Sync complete: {out.reports_sent} report{'s' if out.reports_sent != 1 else ''} "
                           f"sent, {out.pulled_sites} site{'s' if out.pulled_sites != 1 else ''} "
                           "updated from HQ.")
            if out.sites_sent:
                out.message += (f" {out.sites_sent} new site{'s' if out.sites_sent != 1 else ''} "
                                "sent for HQ to confirm.")
            if out.waiting:  # signed while we were syncing: they go next time
                out.message += f" {out.waiting} signed since will go next time."
    if out.decided and out.kind in ("ok", "refused"):
        out.message += " " + decisions_sentence(out)
    log.info("sync finished: %s (pushed %d, refused %d, pulled %d, waiting %d) %s",
             out.kind, out.pushed, out.refused, out.pulled_sites, out.waiting, out.detail[:300])
    return out


def decisions_sentence(out: SyncOutcome) -> str:
    """"HQ returned 2 reports and accepted 1." for the command line and the log."""
    parts = []
    for decision, verb in (("RETURNED", "returned"), ("REJECTED", "rejected"),
                           ("ACCEPTED", "accepted")):
        n = out.decided_count(decision)
        if n:
            parts.append(f"{verb} {n} report{'s' if n != 1 else ''}")
    text = "HQ " + (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0])
    if out.decided_count("RETURNED"):
        text += "; amend the returned ones (safeland amend REPORT_ID --reason TEXT FILE)"
    return text + "."


def parked_count(db: Database) -> int:
    """Refused revisions not yet amended: REFUSED outbox entries with no later revision of the
    same report in the outbox (an amended one is superseded, whatever HQ answers next)."""
    with db.session() as s:
        query = select(func.count()).select_from(OutboxEntry).where(open_refusal())
        return int(s.execute(query).scalar_one())


def refused_records(db: Database) -> list[RefusedRecord]:
    """Revisions HQ refused and not yet amended, with its reason, newest first (for the list to
    amend from)."""
    with db.session() as s:
        rows = s.execute(select(OutboxEntry.record_id, OutboxEntry.revision, OutboxEntry.refusal_code,
                                OutboxEntry.refusal_reason, OutboxEntry.payload)
                         .where(open_refusal()).order_by(OutboxEntry.seq.desc())).all()
    return [RefusedRecord(rid, rev, code, reason,
                          (payload or {}).get("site_reference"), (payload or {}).get("date"))
            for rid, rev, code, reason, payload in rows]


def hq_reachable(db: Database, timeout: float = 3.0) -> bool:
    """Whether HQ answers as HQ now (one quick try, no retries). False when not enrolled."""
    with db.session() as s:
        p = s.get(DeviceProfile, 1)
        url = p.hq_url if p else None
    if not url:
        return False
    policy = RetryPolicy(attempts=1, timeout=timeout)
    try:
        with HQClient(url, None, policy) as client:
            client.call("GET", "/health", Health, attempts=1)
        return True
    except errors.SyncError:
        return False


def enroll(db: Database, hq_url: str, code: str, policy: RetryPolicy | None = None) -> Enrollment:
    """Exchange a one-time code for this laptop's device id and token, and keep them in the
    device profile. Raises SyncError (auth when HQ refuses the code)."""
    hq_url = hq_url.rstrip("/")
    body = EnrollRequest(code=code.strip()).model_dump_json().encode()
    with HQClient(hq_url, None, policy or RetryPolicy.from_env()) as client:
        try:
            got = client.call("POST", "/enroll", Enrollment, content=body,
                              headers={"Content-Type": "application/json"})
        except errors.SyncError as exc:
            if exc.kind == errors.AUTH:
                raise errors.SyncError(errors.AUTH, f"HQ refused the enrollment code: {exc.detail}",
                                       exc.detail) from None
            raise
    with db.session(write=True) as s:
        prof = s.get(DeviceProfile, 1)
        if prof is None:
            prof = DeviceProfile(id=1, operator=got.operator, unit=got.unit, language="en")
            s.add(prof)
        same_feed = (prof.hq_url == hq_url and prof.operator == got.operator
                     and prof.unit == got.unit)
        prof.operator, prof.unit = got.operator, got.unit
        prof.hq_url, prof.device_id, prof.device_token = hq_url, got.device_id, got.token
        if not same_feed:
            # Another HQ or unit: its sites start from the beginning. Only HQ's sites are
            # fetched again; reports and the outbox are untouched.
            drop_state(s, CURSOR_KEY)
            drop_state(s, REVIEW_CURSOR_KEY)
    log.info("enrolled with %s as device %s (%s/%s)", hq_url, got.device_id[:8], got.operator,
             got.unit)
    return got

