"""One poisoned record must not stop a laptop's sync (issue 10, finding 1).

A report whose site reference holds a NUL character (which `safeland import` once let through)
made every push to a PostgreSQL HQ a 500 (psycopg.DataError), so `safeland sync` exited 3 for
good and nothing queued after it ever arrived. Now HQ parks that one record, refused with
`bad_text`, and applies the rest; the laptop's next reports arrive. Both backends (hq_url).
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from tests.helpers.synchq import demo_sites, enroll, hq_reports, import_sites, outbox

pytestmark = pytest.mark.slow  # a real laptop syncs with the real safeland command


def _poison_first_queued(db, text: str) -> str:
    """Put `text` into the site reference of the first queued report, re-hashed so that the
    record is honest (as an older build, whose import accepted it, signed and queued it: today's
    rules refuse such text, so the hash is made as that build made it, and the row is written
    with plain sqlite3, as that build's store wrote it). Returns the record id."""
    import hashlib
    import sqlite3

    from safeland_core.records import signed_content

    con = sqlite3.connect(db.path)
    try:
        record_id, payload = con.execute(
            "SELECT record_id, payload FROM outbox ORDER BY seq LIMIT 1").fetchone()
        rec = json.loads(payload)
        signed = signed_content(rec)  # the clean record, normalised as it was signed
        signed["site_reference"] += text
        rec["site_reference"] += text
        canon = json.dumps(signed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        rec["hash"] = hashlib.sha256(((rec.get("prev_hash") or "") + "\n" + canon).encode()).hexdigest()
        with con:
            con.execute("UPDATE outbox SET payload = ? WHERE record_id = ?",
                        (json.dumps(rec, ensure_ascii=False), record_id))
    finally:
        con.close()
    return record_id


@pytest.mark.parametrize("poison", ["\x00", "\x00tail"], ids=["nul_at_end", "nul_inside"])
def test_a_poisoned_record_is_parked_and_the_next_reports_arrive(db, hq, hq_db, safeland, poison):
    from app.domain import demo
    from app.sync.api import refused_records
    from hq.models import Receipt

    demo.fill(db)  # 90 signed reports queued, 10 drafts
    import_sites(hq_db, demo_sites("DU4"))
    enroll(db, hq_db, hq.url, unit="DU4")
    poisoned = _poison_first_queued(db, poison)

    r = safeland("sync")
    assert r.code == 1, r  # refused records, not "HQ unreachable" (3)
    assert "refused 1 report" in r.err, r
    counts = outbox(db)
    assert (counts.pending, counts.applied, counts.refused) == (0, 89, 1)
    [refused] = refused_records(db)
    assert refused.record_id == poisoned
    assert refused.code == "bad_text" and "site_reference" in refused.reason
    assert "\x00" not in refused.reason  # the reason shows the NUL escaped, never raw
    with hq_db.session() as s:
        parked = s.execute(select(Receipt.code, Receipt.parked_record)
                           .where(Receipt.status == "REFUSED")).all()
    assert len(parked) == 1 and parked[0][0] == refused.code
    assert parked[0][1]["site_reference"].endswith(poison)  # kept as sent, for HQ to look at
    assert sum(hq_reports(hq_db).values()) == 89

    # The laptop goes on: the drafts signed now are queued after the poisoned one and arrive.
    assert safeland("sign", "--all").code == 0
    r = safeland("sync")
    assert r.code == 1, r  # the poisoned report is still parked until amended
    assert "1 report refused by HQ" in r.err or "still parked" in r.err, r
    counts = outbox(db)
    assert (counts.pending, counts.applied, counts.refused) == (0, 99, 1)
    assert sum(hq_reports(hq_db).values()) == 99
    status = json.loads(safeland("status", "--json").out)
    assert status["refused"] == 1 and status["signed_waiting"] == 0
    with hq_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Receipt)) == 100
