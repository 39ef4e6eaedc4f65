"""Talking to HQ over HTTP (httpx): bounded retries with exponential backoff and full jitter,
Retry-After honoured on 429 and 503, answers checked before they count, the clock compared.

Success is only HQ's explicit JSON answer of the expected shape: a captive portal's "200 OK"
login page fails validation and is reported as "not HQ", never taken as applied.
Thread: the sync worker; one HQClient per run.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import logging
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from safeland_core.protocol import API_PREFIX, MAX_BATCH_RECORDS, ErrorAnswer

from . import errors

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("safeland.sync")

M = TypeVar("M", bound=BaseModel)

SKEW_WARN_SECONDS = 600  # warn when the laptop's clock is more than 10 minutes off HQ's


def device_now() -> dt.datetime:
    """The laptop's clock (a function, so tests can set it days wrong)."""
    return dt.datetime.now(dt.UTC)


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass
class RetryPolicy:
    """How hard to try. Defaults suit a slow rural link; environment variables let tests and
    field staff shorten them (SAFELAND_SYNC_ATTEMPTS, SAFELAND_SYNC_BACKOFF, SAFELAND_SYNC_TIMEOUT)."""

    attempts: int = 5
    base: float = 1.0  # seconds; the n-th retry waits uniform(0, min(cap, base * 2**n))
    cap: float = 30.0
    max_retry_after: float = 120.0  # a longer Retry-After ends the run ("try later")
    timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    rand: Callable[[], float] = random.random

    @classmethod
    def from_env(cls) -> RetryPolicy:
        return cls(attempts=max(1, int(_env_float("SAFELAND_SYNC_ATTEMPTS", 5))),
                   base=_env_float("SAFELAND_SYNC_BACKOFF", 1.0),
                   timeout=_env_float("SAFELAND_SYNC_TIMEOUT", 60.0))

    def backoff(self, attempt: int) -> float:
        return self.rand() * min(self.cap, self.base * (2 ** attempt))


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


@dataclass
class BatchPacer:
    """Sizes push batches by the answer times HQ gives, so a request never comes near the
    client's timeout on a healthy HQ, however many laptops sync at once (a busy HQ answers each
    batch later; the next batch is then smaller) or however slow the link (the upload and the
    answer are inside the time measured).

    The goal is an answer within `share` of the timeout (10 s of 60). The first batch is
    `first` records (a probe: a poor link or a queue at HQ shows itself on 100 records, not on
    500); each answer sets the next size to what would take the goal at the rate just seen, at
    most doubling and never above the ceiling (the caps of the protocol or of Limits). A
    timeout quarters the size. Thread: the sync worker, with its HQClient."""

    ceiling: int = MAX_BATCH_RECORDS
    timeout: float = 60.0
    share: float = 1 / 6
    first: int = 100
    records: int = 0
    answers: list[tuple[int, float]] = field(default_factory=list)  # (records, seconds) seen

    def __post_init__(self) -> None:
        self.records = self.records or min(self.first, self.ceiling)

    @property
    def goal(self) -> float:
        return self.timeout * self.share

    def size(self, ceiling: int) -> int:
        """Records for the next batch, under `ceiling` (the run's Limits)."""
        return max(1, min(self.records, ceiling, self.ceiling))

    def answered(self, records: int, seconds: float) -> None:
        self.answers.append((records, seconds))
        if records <= 0:
            return
        per = max(seconds, 1e-3) / records
        ideal = int(self.goal / per)
        self.records = max(1, min(ideal, 2 * max(records, self.records), self.ceiling))

    def timed_out(self) -> None:
        self.records = max(1, self.records // 4)


@dataclass
class Traffic:
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0


@dataclass
class HQClient:
    base_url: str
    token: str | None = None
    policy: RetryPolicy = field(default_factory=RetryPolicy.from_env)
    transport: httpx.BaseTransport | None = None
    clock_skew: float | None = None  # seconds the laptop is ahead of HQ (negative: behind)
    traffic: Traffic = field(default_factory=Traffic)
    pacer: BatchPacer | None = None
    last_seconds: float = 0.0  # how long the last successful exchange took, retries excluded

    def __post_init__(self) -> None:
        if self.pacer is None:
            self.pacer = BatchPacer(timeout=self.policy.timeout)
        import httpx  # here, not at the top: the window starts without it (about 0.1 s)

        self.base_url = self.base_url.rstrip("/")
        headers = {"User-Agent": "safeland-sync/1", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        self._http = httpx.Client(base_url=self.base_url + API_PREFIX, headers=headers,
                                  timeout=httpx.Timeout(self.policy.timeout, connect=10.0),
                                  transport=self.transport, follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HQClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one exchange, retried -----------------------------------------------------------------

    def call(self, method: str, path: str, expect: type[M], *, content: bytes | None = None,
             headers: dict[str, str] | None = None, params: dict[str, Any] | None = None,
             attempts: int | None = None) -> M:
        """Send a request until HQ gives a well-formed answer of type `expect`, retrying what
        may pass (no connection, 5xx, 429/503 after Retry-After, a page that is not HQ's)."""
        from httpx import HTTPError, TimeoutException  # imported with the client

        attempts = attempts or self.policy.attempts
        last: errors.SyncError | None = None
        for attempt in range(attempts):
            wait: float | None = None
            started = time.monotonic()
            try:
                resp = self._http.request(method, path, content=content, headers=headers,
                                          params=params)
            except HTTPError as exc:  # no route, refused, reset, timed out, cut mid-answer
                if isinstance(exc, TimeoutException) and self.pacer is not None:
                    self.pacer.timed_out()
                last = errors.offline(self.base_url, f"{type(exc).__name__}: {exc}")
                log.info("HQ %s %s: %s (attempt %d of %d)", method, path, type(exc).__name__,
                         attempt + 1, attempts)
            else:
                self._count(resp, content)
                self._check_clock(resp)
                status = resp.status_code
                if status == 200:
                    try:
                        if "json" not in resp.headers.get("content-type", ""):
                            raise ValueError(f"content-type {resp.headers.get('content-type')!r}")
                        answer = expect.model_validate(resp.json())
                        self.last_seconds = time.monotonic() - started
                        return answer
                    except (ValueError, ValidationError) as exc:
                        last = errors.not_hq(self.base_url, f"200 but not HQ's answer: {exc}"[:500])
                        log.warning("HQ %s %s answered 200 with something that is not HQ's "
                                    "answer (attempt %d of %d)", method, path, attempt + 1, attempts)
                elif status in (401, 403):
                    raise errors.auth(_error_text(resp))
                elif status in (429, 503) or status >= 500 or status in (408, 409):
                    last = errors.server(status, _error_text(resp))
                    if status in (429, 503):
                        wait = retry_after(resp.headers.get("retry-after"))
                        if wait is not None and wait > self.policy.max_retry_after:
                            raise errors.SyncError(errors.SERVER, f"HQ is busy and asked to wait "
                                                   f"{wait / 60:.0f} minutes. Nothing was lost; "
                                                   "sync again later.", _error_text(resp))
                    log.info("HQ %s %s: HTTP %d (attempt %d of %d)", method, path, status,
                             attempt + 1, attempts)
                else:  # another 4xx: HQ understood and said no; retrying changes nothing
                    conflict = _seq_conflict(resp)
                    if conflict is not None:
                        raise errors.SeqConflict(conflict, _error_text(resp))
                    raise errors.SyncError(errors.SERVER, f"HQ refused the request (error {status}): "
                                           f"{_error_text(resp)}. Nothing was lost.", resp.text[:500])
            if attempt + 1 < attempts:
                pause = self.policy.backoff(attempt)
                if wait is not None:
                    pause = max(wait, pause)
                self.policy.sleep(pause)
        assert last is not None
        raise last

    def _count(self, resp: httpx.Response, content: bytes | None) -> None:
        self.traffic.requests += 1
        self.traffic.bytes_sent += len(content or b"")
        # As on the wire: a gzipped answer counts its compressed bytes (headers excluded).
        self.traffic.bytes_received += resp.num_bytes_downloaded

    def _check_clock(self, resp: httpx.Response) -> None:
        date = resp.headers.get("date")
        if not date:
            return
        try:
            hq_time = email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError):
            return
        if hq_time.tzinfo is None:
            hq_time = hq_time.replace(tzinfo=dt.UTC)
        self.clock_skew = (device_now() - hq_time).total_seconds()


def _seq_conflict(resp: httpx.Response) -> int | None:
    """HQ's highest seq when the answer is HQ's `seq_conflict` error, else None."""
    try:
        err = ErrorAnswer.model_validate(resp.json()).error
    except (ValueError, ValidationError):
        return None
    if err.code == "seq_conflict" and err.highest_seq is not None and err.highest_seq >= 0:
        return err.highest_seq
    return None


def _error_text(resp: httpx.Response) -> str:
    """HQ's own error message when the body is HQ's JSON error, else the status line."""
    try:
        err = resp.json().get("error", {})
        if isinstance(err, dict) and err.get("message"):
            return str(err["message"])[:300]
    except (ValueError, AttributeError):
        pass
    return f"HTTP {resp.status_code}"


def skew_warning(skew: float | None) -> str | None:
    """A plain sentence when the laptop's clock is far from HQ's, else None."""
    if skew is None or abs(skew) <= SKEW_WARN_SECONDS:
        return None
    amount = abs(skew)
    if amount >= 2 * 86400:
        text = f"{amount / 86400:.0f} days"
    elif amount >= 2 * 3600:
        text = f"{amount / 3600:.0f} hours"
    else:
        text = f"{amount / 60:.0f} minutes"
    side = "ahead of" if skew > 0 else "behind"
    return (f"This laptop's clock is {text} {side} HQ's clock. Reports keep the dates you typed "
            "and HQ records when it received them, but please set the clock right in the "
            "system settings.")
