"""`safeland-hq`: device add, import (shared rules, all or nothing), export, database URLs,
enrollment codes that expire and work once."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest
from synchq import ROOT, demo_sites, import_sites


def hq_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hq.cli", "--database-url", url, *args],
                          cwd=ROOT, capture_output=True, text=True, env=dict(os.environ), timeout=120)


def test_device_add_prints_a_one_time_code_as_json(hq_url):
    r = hq_cli(hq_url, "device", "add", "--operator", "CMAC", "--unit", "DU5", "--name",
               "DU5 EOD laptop", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["code"].replace("-", "")) == 12
    assert data["unit"] == "DU5" and data["operator"] == "CMAC"
    listed = json.loads(hq_cli(hq_url, "device", "list", "--json").stdout)
    assert [d["name"] for d in listed] == ["DU5 EOD laptop"] and not listed[0]["enrolled"]
    # The code is stored hashed: the plain code is nowhere in HQ's export.
    exported = hq_cli(hq_url, "export", "-o", "-").stdout
    assert data["code"] not in exported


def test_import_uses_the_field_rules_and_is_all_or_nothing(hq_url, tmp_path, demo_doc):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(demo_doc, ensure_ascii=False), encoding="utf-8")
    bad_doc = json.loads(json.dumps(demo_doc))
    bad_doc["reports"][3]["items"] = [{"category": "AP_MINE", "model": "PMN", "quantity": 0,
                                       "disposal": "DESTROYED_IN_SITU"}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bad_doc, ensure_ascii=False), encoding="utf-8")

    r = hq_cli(hq_url, "import", str(bad))
    assert r.returncode == 1
    assert "reports[3].items[0].quantity" in r.stderr and "Nothing was written" in r.stderr
    out = tmp_path / "empty.json"
    assert hq_cli(hq_url, "export", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text())["sites"] == []

    r = hq_cli(hq_url, "import", str(good))
    assert r.returncode == 0, r.stderr
    assert "5 sites created" in r.stdout and "100 reports created" in r.stdout
    r = hq_cli(hq_url, "import", str(good))
    assert "0 sites created" in r.stdout and "105 unchanged" in r.stdout
    assert hq_cli(hq_url, "export", "-o", str(out)).returncode == 0
    doc = json.loads(out.read_text())
    assert doc["format"] == "safeland/1"
    assert len(doc["sites"]) == 5 and len(doc["reports"]) == 100
    assert {s["reference"] for s in doc["sites"]} == {s["reference"] for s in demo_doc["sites"]}


def test_unreadable_import_file_exits_1(hq_url, tmp_path):
    f = tmp_path / "x.json"
    f.write_text("{not json", encoding="utf-8")
    r = hq_cli(hq_url, "import", str(f))
    assert r.returncode == 1 and "not valid JSON" in r.stderr


def test_database_url_from_the_environment(tmp_path):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    env = {**os.environ, "SAFELAND_HQ_DATABASE_URL": url}
    r = subprocess.run([sys.executable, "-m", "hq.cli", "device", "add", "--operator", "CMAC",
                        "--unit", "DU4", "--name", "x", "--json"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "env.db").exists()


def test_postgres_urls_go_through_psycopg3():
    from hq.db import normalise_url

    assert normalise_url("postgresql://u@h:5432/d").startswith("postgresql+psycopg://")
    assert normalise_url("postgres://u@h/d").startswith("postgresql+psycopg://")
    assert normalise_url("/srv/hq.db").startswith("sqlite:////")


def test_default_database_is_in_the_user_data_directory(monkeypatch, tmp_path):
    from hq.db import default_url

    monkeypatch.delenv("SAFELAND_HQ_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path / 'safeland-hq' / 'safeland-hq.db'}"


def test_enrollment_code_works_once_and_expires(hq, hq_db):
    from hq.devices import add_device

    _, code, _ = add_device(hq_db, "CMAC", "DU4", "one")
    first = httpx.post(f"{hq.url}/api/v1/enroll", json={"code": code.lower()})
    assert first.status_code == 200
    body = first.json()
    assert body["unit"] == "DU4" and len(body["token"]) >= 32
    again = httpx.post(f"{hq.url}/api/v1/enroll", json={"code": code})
    assert again.status_code == 403
    assert again.json()["error"]["code"] == "enrollment_code_invalid"

    _, old, _ = add_device(hq_db, "CMAC", "DU4", "two", hours=-1)
    expired = httpx.post(f"{hq.url}/api/v1/enroll", json={"code": old})
    assert expired.status_code == 403
    assert expired.json()["error"]["code"] == "enrollment_code_expired"

    # The token works for pulls; HQ keeps only its hash.
    from sqlalchemy import select

    from hq.models import Device

    pulled = httpx.get(f"{hq.url}/api/v1/sites", headers={"Authorization": f"Bearer {body['token']}"})
    assert pulled.status_code == 200 and pulled.json()["sites"] == []
    with hq_db.session() as s:
        stored = [d.token_hash for d in s.scalars(select(Device))]
    assert body["token"] not in stored


def test_a_device_may_write_only_for_its_own_unit(db, hq, hq_db):
    """The same laptop's reports on a DU5 site are refused when it is enrolled for DU4, and
    accepted once HQ assigns the site to DU4."""
    from synchq import enroll, outbox

    from app.domain import demo
    from app.sync.api import run_sync

    demo.fill(db)
    import_sites(hq_db, demo_sites("DU5"))
    enroll(db, hq_db, hq.url, unit="DU4")
    out = run_sync(db)
    assert out.kind == "refused" and out.refused == 90 and out.pushed == 0
    assert outbox(db).refused == 90


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/", "/docs"])
def test_unknown_paths_answer_json_404(hq, path):
    r = httpx.get(hq.url + path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]["code"] == "not_found"


def test_import_refuses_a_signed_report_changed_after_signing(hq_url, tmp_path, demo_doc):
    """A report carrying a hash must match it (app.domain.records.hash_matches, as `safeland
    import` checks): a tampered copy is refused with hash_mismatch, exit 1, nothing written."""
    from safeland_core.records import revision_hash

    doc = json.loads(json.dumps(demo_doc))
    signed = doc["reports"][:3]
    for rep in signed:
        rep.update(status="SIGNED", revision=1, prev_hash=None)
        rep["hash"] = revision_hash(rep, None)
    honest = tmp_path / "honest.json"
    honest.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    signed[1]["hours_worked"] = signed[1]["hours_worked"] + 1  # edited after signing
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    r = hq_cli(hq_url, "import", str(tampered))
    assert r.returncode == 1, r.stdout
    n = doc["reports"].index(signed[1])
    assert f"reports[{n}].hash: the signed report does not match its hash" in r.stderr
    assert "Nothing was written" in r.stderr
    out = tmp_path / "out.json"
    assert hq_cli(hq_url, "export", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text())["sites"] == [] and json.loads(out.read_text())["reports"] == []

    r = hq_cli(hq_url, "import", str(honest))
    assert r.returncode == 0, r.stderr
    assert "100 reports created" in r.stdout
