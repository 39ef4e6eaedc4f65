"""Sessions of HQ's web pages: signed, expiring, HTTP-only cookies; CSRF tokens; a rate limit
on signing in.

The cookie holds {"u": user id, "v": the user's session_version, "c": the CSRF token}, signed
with itsdangerous (HMAC-SHA1 over the payload and a timestamp; refused after SESSION_SECONDS).
Nothing secret is in it: the signature makes it unforgeable, the expiry makes a stolen one
short-lived, and the session version ends every session of a user who is disabled or whose
password is reset. Visitors who are not signed in get a cookie with a CSRF token only, so the
sign-in form is protected too.

The secret comes from SAFELAND_HQ_SESSION_SECRET; without it HQ makes a random one at start
(sessions then end when HQ restarts, and several workers would not share it: set it in
production). SAFELAND_HQ_SECURE_COOKIES=1 marks the cookies Secure (behind a TLS proxy).
"""
from __future__ import annotations

import hmac
import logging
import os
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

log = logging.getLogger("safeland.hq.auth")

COOKIE = "safeland_hq_session"
LANG_COOKIE = "safeland_hq_lang"
SESSION_SECONDS = 8 * 3600  # one working day; then sign in again
ENV_SECRET = "SAFELAND_HQ_SESSION_SECRET"
ENV_SECURE = "SAFELAND_HQ_SECURE_COOKIES"
SALT = "safeland-hq-session/1"


def secure_cookies() -> bool:
    return os.environ.get(ENV_SECURE, "").strip().lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class Session:
    user_id: int | None
    version: int | None
    csrf: str

    def payload(self) -> dict[str, Any]:
        return {"u": self.user_id, "v": self.version, "c": self.csrf}


class Sessions:
    """Makes and reads session cookies. One per app; safe from any thread."""

    def __init__(self, secret: str | None = None, max_age: int = SESSION_SECONDS):
        secret = secret or os.environ.get(ENV_SECRET)
        if not secret:
            secret = secrets.token_urlsafe(32)
            log.warning("%s is not set: sessions end when HQ restarts (set it in production)",
                        ENV_SECRET)
        elif len(secret) < 16:
            raise ValueError(f"{ENV_SECRET} must have at least 16 characters")
        self.max_age = max_age
        self.serializer = URLSafeTimedSerializer(secret, salt=SALT)

    def new(self, user_id: int | None = None, version: int | None = None) -> Session:
        """A fresh session with a fresh CSRF token (signing in makes a new one: no fixation)."""
        return Session(user_id, version, secrets.token_urlsafe(24))

    def dump(self, session: Session) -> str:
        return self.serializer.dumps(session.payload())

    def load(self, cookie: str | None) -> Session | None:
        """The session in a cookie, or None if it is missing, forged, altered or expired."""
        if not cookie or len(cookie) > 1000:
            return None
        try:
            data = self.serializer.loads(cookie, max_age=self.max_age)
        except BadSignature:  # SignatureExpired is a BadSignature too
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        user, version = data.get("u"), data.get("v")
        if user is not None and not (isinstance(user, int) and isinstance(version, int)):
            return None
        return Session(user, version, data["c"])


def csrf_ok(session: Session | None, token: str | None) -> bool:
    return bool(session and token and hmac.compare_digest(session.csrf, token))


class SignInLimiter:
    """Failed sign-ins per username and per client address in a sliding window; beyond the
    limit every attempt (right password or not) is refused until the window has passed. In
    memory, per process: a restart forgets it, which only helps someone who can restart HQ."""

    def __init__(self, per_user: int = 5, per_address: int = 20, window: float = 900.0):
        self.per_user, self.per_address, self.window = per_user, per_address, window
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _keys(self, username: str, address: str) -> list[tuple[str, int]]:
        return [("u:" + username.strip().lower()[:64], self.per_user),
                ("a:" + address, self.per_address)]

    def wait(self, username: str, address: str) -> float:
        """Seconds until a sign-in may be tried again (0: now)."""
        now = time.monotonic()
        longest = 0.0
        with self._lock:
            for key, limit in self._keys(username, address):
                q = self._fails.get(key)
                if not q:
                    continue
                while q and q[0] <= now - self.window:
                    q.popleft()
                if len(q) >= limit:
                    longest = max(longest, q[0] + self.window - now)
        return longest

    def failed(self, username: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._fails) > 100_000:  # a flood of made-up usernames: forget the oldest
                self._fails.clear()
            for key, _limit in self._keys(username, address):
                self._fails.setdefault(key, deque()).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._fails.pop("u:" + username.strip().lower()[:64], None)
