"""A signed report named by the reference it was signed under, while its site has another now
(docs/format.md, "Reports name their site by id"): the laptop's import finds the site by the
report's `site_id` or the site's provisional reference, keeps the hash it was signed with, and
never looks past a reference that names a site."""
from __future__ import annotations

import copy
import uuid

from safeland_core.records import revision_hash
from safeland_core.validation import SiteFacts, validate_document

OLD, NEW = "BS/CHA/CMAA/60222", "BS/CHA/CMAA/60999"


def _signed(doc: dict, reference: str, site_id: str | None) -> dict:
    """The demo's first draft on its first site, signed under `reference` (hash over it)."""
    first = doc["sites"][0]["reference"]
    rep = copy.deepcopy(next(r for r in doc["reports"] if r["site_reference"] == first))
    rep.update(id=str(uuid.uuid4()), site_reference=reference, status="SIGNED", revision=1,
               prev_hash=None, signed_at="2025-06-01T10:00:00+00:00")
    rep.pop("site_id", None)
    rep["hash"] = revision_hash(rep, None)
    if site_id is not None:
        rep["site_id"] = site_id
    return rep


def _doc(site: dict, report: dict) -> dict:
    return {"format": "safeland/1", "sites": [site], "reports": [report]}


def _none(*_args: object) -> SiteFacts | None:
    return None


def test_a_renamed_site_found_by_the_reports_site_id(demo_doc):
    site = dict(copy.deepcopy(demo_doc["sites"][0]), reference=NEW, id=str(uuid.uuid4()))
    report = _signed(demo_doc, OLD, site["id"])
    checked = validate_document(_doc(site, report), _none, site_alias=lambda *_: None)
    assert checked.ok, checked.issues
    assert checked.reports[0].site_reference == NEW  # filed on the site as it is called now
    assert checked.signed_under == {0: OLD}  # and its revision keeps what was signed
    assert checked.reports[0].hash == report["hash"]

    # Without site_alias (HQ's import), as before: the reference names no site.
    plain = validate_document(_doc(site, report), _none)
    assert [i.code for i in plain.issues if i.severity == "error"] == ["site_unknown"]


def test_a_confirmed_site_found_by_its_provisional_reference(demo_doc):
    prov = "PROV-DU5-3F9A2C1B"
    site = dict(copy.deepcopy(demo_doc["sites"][0]), reference=NEW, provisional_reference=prov)
    report = _signed(demo_doc, prov, None)  # an older file: no site_id
    checked = validate_document(_doc(site, report), _none, site_alias=lambda *_: None)
    assert checked.ok, checked.issues
    assert (checked.reports[0].site_reference, checked.signed_under) == (NEW, {0: prov})


def test_a_saved_site_found_through_site_alias(demo_doc):
    report = _signed(demo_doc, OLD, "some-site-id")
    asked = []

    def alias(ref: str, site_id: str | None) -> str | None:
        asked.append((ref, site_id))
        return NEW

    def known(ref: str, *_exclude: object) -> SiteFacts | None:
        return SiteFacts(None, 0.0) if ref == NEW else None

    checked = validate_document({"format": "safeland/1", "reports": [report]}, known,
                                site_alias=alias)
    assert checked.ok, checked.issues
    assert asked == [(OLD, "some-site-id")]
    assert (checked.reports[0].site_reference, checked.signed_under) == (NEW, {0: OLD})


def test_a_reference_that_names_a_site_is_never_looked_past(demo_doc):
    """The site the reference names wins over the site_id (a hand-edited file), and a report
    changed after signing is still refused, whichever site it is filed on."""
    site = copy.deepcopy(demo_doc["sites"][0])
    other = dict(copy.deepcopy(demo_doc["sites"][1]), id=str(uuid.uuid4()))
    report = _signed(demo_doc, site["reference"], other["id"])
    checked = validate_document({"format": "safeland/1", "sites": [site, other],
                                 "reports": [report]}, _none, site_alias=lambda *_: NEW)
    assert checked.ok, checked.issues
    assert (checked.reports[0].site_reference, checked.signed_under) == (site["reference"], {})

    moved = dict(copy.deepcopy(site), reference=NEW, id=str(uuid.uuid4()))
    tampered = dict(_signed(demo_doc, OLD, moved["id"]), personnel=40)
    checked = validate_document(_doc(moved, tampered), _none, site_alias=lambda *_: None)
    assert [i.code for i in checked.issues if i.severity == "error"] == ["hash_mismatch"]
