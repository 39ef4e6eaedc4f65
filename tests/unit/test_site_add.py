"""`safeland site add FILE`: a site found in the field, proposed to HQ (issue 12, point 4).
Run in process through app.cli.main, as a user types it; messages name the record and field."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

SITE = {"name": "Phnom Kulen stream bank", "hazard_type": "SHA", "contamination": ["AP_MINE"],
        "province_code": "17", "district_code": "1701",
        "points": [{"type": "TURNING", "seq": 1, "lat": 13.60, "lon": 104.0},
                   {"type": "TURNING", "seq": 2, "bearing_deg": 90, "distance_m": 120},
                   {"type": "TURNING", "seq": 3, "bearing_deg": 180, "distance_m": 80},
                   {"type": "TURNING", "seq": 4, "bearing_deg": 270, "distance_m": 120}]}


@pytest.fixture
def laptop(db):
    from app.domain import services

    services.save_profile(db, "CMAC", "DU5", "DU5-EOD-1", "Keo Sarath")
    return db


def _run(db_path, tmp_path, doc, *extra: str) -> int:
    from app.cli import main

    path = tmp_path / "sites.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return main(["--db", str(db_path), "site", "add", str(path), *extra])


def _sites(db):
    from app.models import Site

    with db.session() as s:
        return [(r.reference, r.owner, r.proposal_state, r.provisional_reference, r.unit)
                for r in s.scalars(select(Site))]


def test_site_add_proposes_the_site_and_queues_it(laptop, db_path, tmp_path, capsys):
    from app.models import OutboxEntry

    code = _run(db_path, tmp_path, {"format": "safeland/1", "sites": [SITE]})
    out = capsys.readouterr().out
    assert code == 0, out
    [(reference, owner, state, provisional, unit)] = _sites(laptop)
    assert reference.startswith("PROV-DU5-") and reference in out and "proposed to HQ" in out
    assert (owner, state, provisional, unit) == ("DEVICE", "PROPOSED", reference, "DU5")
    with laptop.session() as s:
        [entry] = s.scalars(select(OutboxEntry))
        assert (entry.record_type, entry.revision, entry.state) == ("site", 1, "PENDING")
        assert entry.payload["reference"] == reference
        assert entry.payload["proposal_state"] == "PROPOSED"
        assert entry.payload["area_m2"] > 9000  # worked out from the polygon, about 120 x 80 m


@pytest.mark.parametrize(("change", "expected"), [
    ({"points": SITE["points"][:2]}, "sites[0].points: "),
    ({"province_code": "99"}, "sites[0].province_code: '99' is not a province code"),
    ({"hazard_type": "MAYBE"}, "sites[0].hazard_type: 'MAYBE' is not one of"),
    ({"name": ""}, "sites[0].name: "),
    ({"reference": "BS/CHA/CMAA/99999"}, "sites[0].reference: a site found in the field gets "
                                         "its provisional reference from this laptop"),
    ({"unit": "DU2"}, "sites[0].unit: 'DU2' is not this laptop's unit (DU5)"),
    ({"points": [{"type": "TURNING", "seq": 1, "lat": 20.0, "lon": 104.0}] + SITE["points"][1:]},
     "sites[0].points[0].lat: (20.00000, 104.00000) lies outside Cambodia"),
])
def test_site_add_refuses_bad_input_naming_the_field(laptop, db_path, tmp_path, capsys,
                                                     change, expected):
    code = _run(db_path, tmp_path, {"format": "safeland/1", "sites": [dict(SITE, **change)]})
    err = capsys.readouterr().err
    assert code == 1
    assert expected in err and "Nothing was written." in err
    assert _sites(laptop) == []


def test_site_add_all_or_nothing(laptop, db_path, tmp_path, capsys):
    bad = dict(SITE, name="Second site", contamination=[])
    code = _run(db_path, tmp_path, {"format": "safeland/1", "sites": [SITE, bad]})
    assert code == 1 and "sites[1].contamination: " in capsys.readouterr().err
    assert _sites(laptop) == []


def test_site_add_overlap_needs_confirmation(laptop, db_path, tmp_path, capsys):
    assert _run(db_path, tmp_path, {"format": "safeland/1", "sites": [SITE]}) == 0
    again = dict(SITE, name="The same field, found twice")
    assert _run(db_path, tmp_path, {"format": "safeland/1", "sites": [again]}) == 1
    err = capsys.readouterr().err
    assert "warning: sites[0].points: the polygon overlaps site 'PROV-DU5-" in err
    assert "--accept-warnings" in err
    assert _run(db_path, tmp_path, {"format": "safeland/1", "sites": [again]},
                "--accept-warnings") == 0
    assert len(_sites(laptop)) == 2


def test_site_add_needs_a_set_up_laptop_and_a_safeland_file(db, db_path, tmp_path, capsys):
    assert _run(db_path, tmp_path, {"format": "safeland/1", "sites": [SITE]}) == 1
    assert "operator: set up this laptop first" in capsys.readouterr().err
    assert _run(db_path, tmp_path, {"sites": [SITE]}) == 1
    assert "format: expected a JSON object" in capsys.readouterr().err


def test_a_proposed_site_is_not_changed_until_hq_answers(laptop):
    from app.domain import services
    from app.domain.errors import Invalid
    from app.domain.proposals import propose_sites
    from app.domain.queries import get_site

    [sid], _ = propose_sites(laptop, {"format": "safeland/1", "sites": [SITE]})
    site = get_site(laptop, sid)
    assert site is not None and site.proposal_state == "PROPOSED"
    data = site.model_dump(mode="json", exclude={"owner", "created_at", "updated_at"})
    with pytest.raises(Invalid) as caught:
        services.save_site(laptop, dict(data, name="renamed"))
    assert caught.value.issues[0].code == "site_proposed"
    # Nor proposed again while HQ holds it.
    with pytest.raises(Invalid) as caught:
        propose_sites(laptop, {"format": "safeland/1", "sites": [dict(SITE, id=sid)]})
    assert "sites[0].id: site PROV-DU5-" in str(caught.value)


def test_provisional_reference_cannot_look_national():
    from app.domain.proposals import provisional_reference

    ref = provisional_reference("DU 5 / north", "CMAC", "3f9a2c1b-0000-4000-8000-000000000000")
    assert ref == "PROV-DU-5-NORTH-3F9A2C1B"
    assert provisional_reference(None, "HALO Trust", "3f9a2c1b-0000-4000-8000-000000000000") \
        == "PROV-HALO-TRUST-3F9A2C1B"
    assert "/" not in ref and len(provisional_reference("U" * 300, "x", "3f9a2c1b-0000-4000-8000-"
                                                                      "000000000000")) <= 64
