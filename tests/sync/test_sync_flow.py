"""The ordinary day: enrol, sync, see the counts; one refused report among good ones; sites
pulled and updated; the token never shows. All against a real HQ over HTTP."""
from __future__ import annotations

import json

import pytest

from tests.helpers.synchq import (
    assert_exactly_once,
    demo_sites,
    hq_reports,
    import_sites,
    new_code,
    outbox,
    signed_revisions,
)


@pytest.mark.slow
def test_enroll_sync_status_through_the_cli(db, db_path, hq, hq_db, safeland, tmp_path):
    from app.domain import demo

    demo.fill(db)
    import_sites(hq_db, demo_sites("DU4"))
    code = new_code(hq_db, unit="DU4", name="DU4 team laptop")

    r = safeland("enroll", "--hq", hq.url, "--code", code)
    assert r.code == 0, r
    assert "Enrolled" in r.out
    before = json.loads(safeland("status", "--json").out)
    assert before["signed_waiting"] == 90 and before["last_sync"] is None

    r = safeland("sync")
    assert r.code == 0, r
    assert "90 reports sent" in r.out
    after = json.loads(safeland("status", "--json").out)
    assert (after["signed_waiting"], after["synced"], after["refused"]) == (0, 90, 0)
    assert after["last_sync"] and after["last_sync"].endswith("Z")
    assert_exactly_once(db, hq_db)

    # The sites HQ assigned are now HQ's on the laptop.
    from app.domain.queries import list_sites

    assert {s.owner for s in list_sites(db)} == {"HQ"}

    # The same code cannot enrol a second laptop.
    r = safeland("enroll", "--hq", hq.url, "--code", code, db=tmp_path / "other.db")
    assert r.code == 1 and "enrollment code" in r.err

    # A second sync has nothing to send and still succeeds.
    r = safeland("sync")
    assert r.code == 0, r
    assert "0 reports sent" in r.out


@pytest.mark.slow
def test_token_never_in_logs_or_exports(enrolled, hq, hq_db, safeland, tmp_path, caplog):
    import os
    import subprocess
    import sys

    from app.models import DeviceProfile
    from app.sync.api import run_sync

    with enrolled.session() as s:
        token = s.get(DeviceProfile, 1).device_token
    assert token and len(token) >= 32
    with caplog.at_level("DEBUG"):
        assert run_sync(enrolled).ok
    export = tmp_path / "out.json"
    assert safeland("export", "-o", str(export)).code == 0
    hq_export = tmp_path / "hq.json"
    url = hq_db.engine.url.render_as_string(hide_password=False)
    subprocess.run([sys.executable, "-m", "hq.cli", "--database-url", url, "export", "-o", str(hq_export)],
                   check=True, capture_output=True, env=dict(os.environ))
    log_file = os.environ["SAFELAND_LOG"]
    texts = [caplog.text, export.read_text(), hq_export.read_text(),
             open(log_file).read() if os.path.exists(log_file) else ""]
    assert all(token not in t for t in texts)
    assert len(json.loads(hq_export.read_text())["reports"]) == 90


@pytest.mark.slow
def test_one_refused_report_never_blocks_the_rest(db, hq, hq_db, safeland):
    """Reports on a site HQ assigned to another unit are refused and parked, with HQ's reason,
    on both sides; every other report goes through, and the next sync is clean."""
    from app.domain import demo
    from app.sync.api import refused_records
    from tests.helpers.synchq import enroll

    demo.fill(db)
    other = "BS/SHA/CMAA/48822"  # no reports on it in the demo
    moved = "BS/CHA/CMAA/40117"  # Heng Dara's DU2 team: 18 signed reports
    import_sites(hq_db, demo_sites("DU4", {moved: "DU2", other: "DU2"}))
    enroll(db, hq_db, hq.url, unit="DU4")

    r = safeland("sync")
    assert r.code == 1, r
    assert "refused 18 reports" in r.err
    counts = outbox(db)
    assert (counts.pending, counts.applied, counts.refused) == (0, 72, 18)
    refused = refused_records(db)
    assert len(refused) == 18
    assert all(x.code == "site_not_in_unit" and moved in x.reason and x.site_reference == moved
               for x in refused)
    assert_exactly_once(db, hq_db)
    assert sum(hq_reports(hq_db).values()) == 72

    # Nothing new to send, but 18 refused reports are still parked: not "the outbox is empty".
    r = safeland("sync")
    assert r.code == 1, r
    assert "18 reports refused by HQ are still parked" in r.err
    assert json.loads(safeland("status", "--json").out)["refused"] == 18


def test_parked_refusals_from_an_earlier_run_are_not_a_clean_sync(db, hq, hq_db):
    """A run that sends nothing new still says refused (exit 1) while refused reports wait to
    be amended; once each is amended and sent, the run is ok again."""
    from app.domain import demo, services
    from app.domain.queries import get_report
    from app.sync.api import refused_records, run_sync
    from tests.helpers.synchq import enroll

    demo.fill(db)
    moved = "BS/CHA/CMAA/40117"
    import_sites(hq_db, demo_sites("DU4", {moved: "DU2"}))
    enroll(db, hq_db, hq.url, unit="DU4")
    first = run_sync(db)
    assert first.kind == "refused" and first.refused == 18 and first.parked == 18
    second = run_sync(db)
    assert (second.ok, second.kind, second.refused, second.parked) == (False, "refused", 0, 18)
    assert "18 reports refused by HQ are still parked" in second.message
    for one in refused_records(db):
        rep = get_report(db, one.record_id).model_dump(mode="json")
        rep["site_reference"] = "BS/CHA/CMAA/71408"
        services.amend(db, one.record_id, rep, "wrong site picked", accept_warnings=True)
    third = run_sync(db)
    assert third.ok and third.kind == "ok" and third.pushed == 18 and third.parked == 0, third.message
    assert_exactly_once(db, hq_db)


def test_pull_brings_only_the_units_sites_and_later_changes(enrolled, hq, hq_db):
    from app.domain.queries import get_site, list_sites
    from app.models import SyncState
    from app.sync.api import run_sync

    extra = demo_sites("DU6")[:1]
    extra[0].update(reference="BS/CHA/CMAA/99901", name="Another unit's site")
    import_sites(hq_db, extra)
    first = run_sync(enrolled)
    assert first.ok and first.pulled_sites == 5
    assert "BS/CHA/CMAA/99901" not in {s.reference for s in list_sites(enrolled)}
    with enrolled.session() as s:
        cursor1 = s.get(SyncState, "pull_cursor").value

    # HQ changes one site: the next sync brings that one only.
    changed = demo_sites("DU4")[1:2]
    changed[0]["status"] = "COMPLETED"
    changed[0]["name"] = "Tram Kang rice fields (released)"
    import_sites(hq_db, changed)
    second = run_sync(enrolled)
    assert second.ok and second.pulled_sites == 1
    site = get_site(enrolled, changed[0]["reference"])
    assert site.status == "COMPLETED" and site.name.endswith("(released)") and site.owner == "HQ"
    with enrolled.session() as s:
        assert s.get(SyncState, "pull_cursor").value != cursor1

    third = run_sync(enrolled)
    assert third.ok and third.pulled_sites == 0
    assert_exactly_once(enrolled, hq_db)


def test_amending_a_refused_report_sends_the_new_revision(db, hq, hq_db):
    """A report refused for its site is amended onto a site of the unit and goes through."""
    from app.domain import demo, services
    from app.domain.queries import get_report
    from app.sync.api import refused_records, run_sync
    from tests.helpers.synchq import enroll

    demo.fill(db)
    moved = "BS/CHA/CMAA/40117"
    import_sites(hq_db, demo_sites("DU4", {moved: "DU2"}))
    enroll(db, hq_db, hq.url, unit="DU4")
    out = run_sync(db)
    assert out.kind == "refused" and out.refused == 18 and not out.ok
    one = refused_records(db)[0]
    rep = get_report(db, one.record_id).model_dump(mode="json")
    rep["site_reference"] = "BS/CHA/CMAA/71408"
    services.amend(db, one.record_id, rep, "wrong site picked", accept_warnings=True)
    again = run_sync(db)
    assert again.kind == "refused" and again.pushed == 1 and again.parked == 17  # 17 still to amend
    assert hq_reports(hq_db)[(one.record_id, 2)] == 1
    assert (one.record_id, 2) in signed_revisions(db)
    assert_exactly_once(db, hq_db)


def test_a_site_skipped_by_the_laptops_rules_is_fetched_again(enrolled, hq, hq_db, monkeypatch):
    """A site of HQ's that this laptop cannot use (here: an older laptop's stricter rules) is
    skipped with its reason, reported, and kept in sync_state; the cursor moves on, yet the next
    pull asks HQ for it again and takes it once it passes."""
    from app.domain.queries import list_sites
    from app.sync import pull
    from app.sync.api import run_sync

    extra = demo_sites("DU4")[:1]
    ref = "BS/CHA/CMAA/99902"
    extra[0].update(reference=ref, name="A site the laptop refuses at first")
    import_sites(hq_db, extra)
    real = pull.validate_site

    def stricter(record, *args, **kwargs):
        site, resolved, issues = real(record, *args, **kwargs)
        if record.get("reference") == ref:
            from safeland_core.validation import Issue

            issues = [*issues, Issue(("name",), "too_new", "this laptop does not know this site's kind")]
        return site, resolved, issues

    monkeypatch.setattr(pull, "validate_site", stricter)
    first = run_sync(enrolled)
    assert first.ok and first.pulled_sites == 5
    assert len(first.skipped_sites) == 1 and first.skipped_sites[0].startswith(ref)
    assert "does not know this site's kind" in first.skipped_sites[0]
    assert any("fetched again at the next sync" in w and ref in w for w in first.warnings)
    assert ref not in {s.reference for s in list_sites(enrolled)}

    # Still refused: asked again, still kept; nothing else changes.
    again = run_sync(enrolled)
    assert again.pulled_sites == 0 and len(again.skipped_sites) == 1

    monkeypatch.setattr(pull, "validate_site", real)  # the laptop is updated
    third = run_sync(enrolled)
    assert third.ok and third.pulled_sites == 1 and third.skipped_sites == []
    assert not any("fetched again" in w for w in third.warnings)
    site = {s.reference: s for s in list_sites(enrolled)}[ref]
    assert site.owner == "HQ"
    assert run_sync(enrolled).pulled_sites == 0
