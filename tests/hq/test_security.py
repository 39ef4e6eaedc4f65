"""Security of HQ's web pages over real HTTP (uvicorn on a random port): roles, units, CSRF,
forged and expired sessions, the sign-in rate limit, Argon2-only password storage, HTML errors
without tracebacks."""
from __future__ import annotations

import re
import time
import uuid

import httpx
import pytest
from sqlalchemy import select

from tests.helpers.synchq import demo_sites

PW = "correct horse battery staple"


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(url: str, username: str, password: str = PW) -> httpx.Client:
    c = httpx.Client(base_url=url, follow_redirects=False, timeout=30)
    r = c.post("/signin", data={"csrf": _csrf(c.get("/signin").text), "username": username,
                                "password": password})
    assert r.status_code == 303, r.text
    return c


@pytest.fixture
def arranged(hq, hq_db, demo_doc):
    """HQ with the demo's sites (60222 assigned to DU5, the rest to DU4) and reports, and one
    user of each kind."""
    from hq import users
    from hq.sites import import_document

    sites = demo_sites("DU4", {"BS/CHA/CMAA/60222": "DU5"})
    reports = demo_doc["reports"]
    for r in reports:
        r["id"] = str(uuid.uuid4())
    import_document(hq_db, {"format": "safeland/1", "sites": sites, "reports": reports})
    users.add_user(hq_db, "viewer", "viewer", PW)
    users.add_user(hq_db, "rev", "reviewer", PW)
    users.add_user(hq_db, "rev5", "reviewer", PW, unit="DU5")
    users.add_user(hq_db, "admin", "admin", PW)
    du5 = next(r["id"] for r in reports if r["site_reference"] == "BS/CHA/CMAA/60222")
    du4 = next(r["id"] for r in reports if r["site_reference"] != "BS/CHA/CMAA/60222")
    return {"du5": du5, "du4": du4}


def _decide(c: httpx.Client, rid: str, decision: str = "ACCEPTED", reason: str = "",
            revision: str = "1", csrf: str | None = None) -> httpx.Response:
    if csrf is None:
        csrf = _csrf(c.get("/reports").text)
    return c.post(f"/reports/{rid}/decision", data={"csrf": csrf, "revision": revision,
                                                     "decision": decision, "reason": reason})


def _state(hq_db, rid: str) -> str:
    from hq.models import Report

    with hq_db.session() as s:
        return s.scalar(select(Report.status).where(Report.record_id == rid))


def test_viewer_reads_but_cannot_decide(hq, hq_db, arranged):
    c = sign_in(hq.url, "viewer")
    page = c.get(f"/reports/{arranged['du4']}")
    assert page.status_code == 200 and 'id="accept"' not in page.text
    r = _decide(c, arranged["du4"])
    assert r.status_code == 403 and r.headers["content-type"].startswith("text/html")
    assert _state(hq_db, arranged["du4"]) == "RECEIVED"
    assert c.get("/devices").status_code == 403 and c.get("/users").status_code == 403


def test_unit_limited_reviewer_cannot_see_or_decide_another_units_report(hq, hq_db, arranged):
    c = sign_in(hq.url, "rev5")
    queue = c.get("/reports", params={"state": ""}).text
    rows = queue.split("<tbody>")[1]
    assert "BS/CHA/CMAA/60222" in rows
    assert not any(ref in rows for ref in ("71408", "55310", "40117", "48822"))
    assert arranged["du4"] not in queue
    other = c.get(f"/reports/{arranged['du4']}")
    missing = c.get(f"/reports/{uuid.uuid4()}")
    assert other.status_code == missing.status_code == 404
    assert other.text.count("no such page") == missing.text.count("no such page") == 1
    assert _decide(c, arranged["du4"]).status_code == 404
    assert _state(hq_db, arranged["du4"]) == "RECEIVED"
    r = _decide(c, arranged["du5"], "RETURNED", "The benchmark is missing")
    assert r.status_code == 303 and _state(hq_db, arranged["du5"]) == "RETURNED"


def test_forms_without_the_csrf_token_fail(hq, hq_db, arranged):
    c = sign_in(hq.url, "rev")
    for csrf in ("", "not-the-token"):
        r = _decide(c, arranged["du4"], csrf=csrf)
        assert r.status_code == 403 and "did not come from HQ" in r.text
    r = c.post(f"/reports/{arranged['du4']}/decision",
               data={"revision": "1", "decision": "ACCEPTED"})
    assert r.status_code == 403
    assert _state(hq_db, arranged["du4"]) == "RECEIVED"
    # Another visitor's token is not this session's.
    other = httpx.Client(base_url=hq.url)
    assert _decide(c, arranged["du4"], csrf=_csrf(other.get("/signin").text)).status_code == 403
    # Sign-in and sign-out forms are protected too.
    fresh = httpx.Client(base_url=hq.url, follow_redirects=False)
    assert fresh.post("/signin", data={"username": "rev", "password": PW}).status_code == 403
    assert c.post("/signout", data={}).status_code == 403
    assert _decide(c, arranged["du4"]).status_code == 303  # with the token it works


def test_forged_or_expired_session_cookie_is_refused(hq, arranged):
    from hq import auth

    c = sign_in(hq.url, "admin")
    cookie = c.cookies[auth.COOKIE]
    assert c.get("/users").status_code == 200
    sessions: auth.Sessions = hq.app.state.pages.sessions
    payload, _, sig = cookie.rpartition(".")

    def refused(value: str) -> bool:
        r = httpx.get(f"{hq.url}/users", cookies={auth.COOKIE: value}, follow_redirects=False)
        return r.status_code == 303 and r.headers["location"].startswith("/signin")

    assert refused(payload + "." + ("A" if sig[0] != "A" else "B") + sig[1:])  # altered signature
    # A cookie signed with another secret (a forger's) for the admin's own id.
    forger = auth.Sessions("a forger's own secret, not HQ's")
    real = sessions.load(cookie)
    assert real is not None and real.user_id is not None
    assert refused(forger.dump(real))
    assert refused("")
    # A well-signed cookie older than the session lifetime.
    signer = sessions.serializer.make_signer(sessions.serializer.salt)
    signer.get_timestamp = lambda: int(time.time()) - auth.SESSION_SECONDS - 60
    expired = signer.sign(sessions.serializer.dump_payload(real.payload())).decode()
    assert sessions.load(expired) is None and refused(expired)
    # The same cookie made just now is accepted: it is the age that refused it.
    signer.get_timestamp = lambda: int(time.time())
    assert not refused(signer.sign(sessions.serializer.dump_payload(real.payload())).decode())
    # The cookie is HTTP-only, same-site and expires.
    r = httpx.Client(base_url=hq.url).get("/signin")
    flags = r.headers["set-cookie"].lower()
    assert "httponly" in flags and "samesite=lax" in flags and f"max-age={auth.SESSION_SECONDS}" in flags


def test_disabling_a_user_or_resetting_the_password_ends_their_sessions(hq, hq_db, arranged):
    from hq import users

    c = sign_in(hq.url, "rev")
    assert c.get("/reports").status_code == 200
    users.reset_password(hq_db, "rev", "a brand new passphrase")
    assert c.get("/reports").status_code == 303
    c = sign_in(hq.url, "rev", "a brand new passphrase")
    users.disable_user(hq_db, "rev")
    assert c.get("/reports").status_code == 303
    r = httpx.Client(base_url=hq.url).get("/signin")
    assert "Wrong username" not in r.text


def test_sign_in_is_rate_limited_and_never_says_which_half_was_wrong(hq, arranged):
    c = httpx.Client(base_url=hq.url, follow_redirects=False)
    csrf = _csrf(c.get("/signin").text)
    wrong_user = c.post("/signin", data={"csrf": csrf, "username": "nobody", "password": PW})
    wrong_pw = c.post("/signin", data={"csrf": csrf, "username": "rev", "password": "wrong one!"})
    assert wrong_user.status_code == wrong_pw.status_code == 401

    def message(r: httpx.Response) -> str:
        return re.search(r'role="alert">([^<]+)<', r.text).group(1)

    assert message(wrong_user) == message(wrong_pw) == "Wrong username or password."
    for _ in range(4):
        assert c.post("/signin", data={"csrf": csrf, "username": "rev",
                                       "password": "wrong again"}).status_code == 401
    # Five failures: now even the right password waits.
    r = c.post("/signin", data={"csrf": csrf, "username": "rev", "password": PW})
    assert r.status_code == 429 and "Too many failed sign-ins" in r.text
    assert auth_cookie_user(hq, c) is None
    # Another officer is not locked out by it.
    sign_in(hq.url, "viewer")


def auth_cookie_user(hq, c: httpx.Client):
    from hq import auth

    s = hq.app.state.pages.sessions.load(c.cookies.get(auth.COOKIE))
    return s.user_id if s else None


def test_passwords_are_stored_as_argon2_only(hq, hq_db, arranged, caplog):
    from hq.models import AuditEvent, User

    with caplog.at_level("DEBUG"):
        c = sign_in(hq.url, "admin")
        r = c.post("/users", data={"csrf": _csrf(c.get("/users").text), "username": "kanha",
                                   "role": "reviewer", "unit": "DU4", "password": "kanha's long secret"})
        assert r.status_code == 303
        sign_in(hq.url, "kanha", "kanha's long secret")
    with hq_db.session() as s:
        rows = {u.username: u.password_hash for u in s.scalars(select(User))}
        trail = " ".join(str((a.actor, a.action, a.target, a.detail))
                         for a in s.scalars(select(AuditEvent)))
    assert all(h.startswith("$argon2id$v=19$") for h in rows.values())
    assert len(set(rows.values())) == len(rows)  # salted: the same password hashes differently
    for secret in (PW, "kanha's long secret"):
        assert all(secret not in h for h in rows.values())
        assert secret not in trail and secret not in caplog.text
    assert "user.add" in trail and "'admin', 'user.add', 'kanha'" in trail


def test_page_errors_are_html_and_the_api_stays_json(hq, arranged):
    c = sign_in(hq.url, "rev")
    for path in ("/nothing/here", f"/reports/{uuid.uuid4()}"):
        r = c.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
        assert "Traceback" not in r.text and "{" not in r.text.split("<main>")[1]
    r = c.post("/reports")  # method not allowed
    assert r.status_code == 405 and r.headers["content-type"].startswith("text/html")
    r = httpx.get(f"{hq.url}/api/v1/nothing")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = httpx.get(f"{hq.url}/api/v1/reviews")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    # "/" leads to sign-in, or to the queue once signed in.
    anon = httpx.get(f"{hq.url}/", follow_redirects=False)
    assert anon.status_code == 303 and anon.headers["location"] == "/signin"
    assert c.get("/").headers["location"] == "/reports"
    # Signing in never sends an officer to another site.
    other = httpx.Client(base_url=hq.url, follow_redirects=False)
    r = other.post("/signin", data={"csrf": _csrf(other.get("/signin").text), "username": "rev",
                                    "password": PW, "next": "//evil.example.org/"})
    assert r.headers["location"] == "/reports"
