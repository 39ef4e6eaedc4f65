"""`safeland-hq`: device add, import (shared rules, all or nothing), export, database URLs,
enrollment codes that expire and work once."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest

from tests.helpers.synchq import ROOT, demo_sites, import_sites

pytestmark = pytest.mark.slow  # every test runs the real safeland-hq command in a subprocess


def hq_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hq.cli", "--database-url", url, *args],
                          cwd=ROOT, capture_output=True, text=True, env=dict(os.environ), timeout=120)


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_unreadable_import_file_exits_1(hq_url, tmp_path):
    f = tmp_path / "x.json"
    f.write_text("{not json", encoding="utf-8")
    r = hq_cli(hq_url, "import", str(f))
    assert r.returncode == 1 and "not valid JSON" in r.stderr


@pytest.mark.slow
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

    # A code past its time (add_device refuses hours <= 0: the clock is moved on instead).
    import datetime as dt

    from sqlalchemy import update

    from hq.models import Device as DeviceRow

    two, old, _ = add_device(hq_db, "CMAC", "DU4", "two", hours=1)
    with hq_db.session(write=True) as s:
        s.execute(update(DeviceRow).where(DeviceRow.id == two.id)
                  .values(code_expires_at=dt.datetime(2000, 1, 1)))
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
    from app.domain import demo
    from app.sync.api import run_sync
    from tests.helpers.synchq import enroll, outbox

    demo.fill(db)
    import_sites(hq_db, demo_sites("DU5"))
    enroll(db, hq_db, hq.url, unit="DU4")
    out = run_sync(db)
    assert out.kind == "refused" and out.refused == 90 and out.pushed == 0
    assert outbox(db).refused == 90


# Outside /api/v1 are the officers' pages (issue 12): "/" redirects there and their errors are
# HTML (tests/hq/test_security.py); the API's unknown paths stay JSON.
@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v1/docs", "/api/v1"])
def test_unknown_paths_answer_json_404(hq, path):
    r = httpx.get(hq.url + path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]["code"] == "not_found"


@pytest.mark.slow
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


# --- bounds: no traceback for any input (issue 10) ------------------------------------------

@pytest.mark.parametrize("hours", ["inf", "nan", "1e12", "-1", "0", "721"])
def test_device_add_refuses_expiry_hours_out_of_bounds(hq_url, hours):
    r = hq_cli(hq_url, "device", "add", "--operator", "CMAC", "--unit", "DU5", "--name", "laptop",
               f"--expires-hours={hours}")
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "--expires-hours must be a number of hours above 0 and at most 720" in r.stderr
    assert "Traceback" not in r.stderr
    assert json.loads(hq_cli(hq_url, "device", "list", "--json").stdout) == []


def test_device_add_accepts_the_longest_expiry_and_name(hq_url):
    r = hq_cli(hq_url, "device", "add", "--operator", "CMAC", "--unit", "DU5", "--name", "n" * 200,
               "--expires-hours", "720", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["name"] == "n" * 200


@pytest.mark.parametrize("field", ["--name", "--operator", "--unit"])
def test_device_add_refuses_a_name_wider_than_its_column(hq_url, field):
    args = {"--operator": "CMAC", "--unit": "DU5", "--name": "laptop", field: "x" * 201}
    r = hq_cli(hq_url, "device", "add", *[a for kv in args.items() for a in kv])
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "201 characters long; at most 200" in r.stderr and "Traceback" not in r.stderr
    r = hq_cli(hq_url, "device", "add", *[a for kv in {**args, field: "   "}.items() for a in kv])
    assert r.returncode == 2 and "required" in r.stderr and "Traceback" not in r.stderr


def test_device_add_refuses_nul_and_lone_surrogates(hq_db):
    """A command line cannot carry a NUL (the OS refuses it), so the function is called."""
    from hq.devices import add_device

    for bad in ("lap\x00top", "lap\ud800top"):
        with pytest.raises(ValueError, match="NUL|surrogate"):
            add_device(hq_db, "CMAC", "DU5", bad)


@pytest.mark.parametrize("case", ["deep_array", "deep_object", "revision_400_digits",
                                  "int_5000_digits", "nan", "nul_in_reference",
                                  "surrogate_in_reference"])
def test_import_of_hostile_json_says_what_and_writes_nothing(hq_url, tmp_path, demo_doc, case):
    doc = json.loads(json.dumps(demo_doc))
    text = json.dumps(doc)
    if case == "deep_array":
        text = "[" * 100_000 + "]" * 100_000
    elif case == "deep_object":
        text = text[:-1] + ', "extra": ' + '{"a":' * 100 + "1" + "}" * 100 + "}"
    elif case == "revision_400_digits":
        text = json.dumps(dict(doc, reports=[dict(doc["reports"][0], revision=10**399)]))
    elif case == "int_5000_digits":
        text = text[:-1] + ', "extra": ' + "9" * 5000 + "}"
    elif case == "nan":
        text = json.dumps(dict(doc, reports=[dict(doc["reports"][0], hours_worked=float("nan"))]))
    elif case == "nul_in_reference":
        doc["sites"][0]["reference"] += "\x00"
        text = json.dumps(doc)
    else:
        text = json.dumps(doc).replace(doc["sites"][0]["reference"], doc["sites"][0]["reference"]
                                       + "@@S@@", 1).replace("@@S@@", "\\ud800")
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    r = hq_cli(hq_url, "import", str(path))
    assert r.returncode == 1, (r.stdout, r.stderr[-2000:])
    assert "Traceback" not in r.stderr, r.stderr[-2000:]
    # The file's shape is refused as it is read ("not accepted", the place named); text that
    # cannot be stored is refused by the rule bad_text, field by field.
    expected = {"deep_array": "not accepted: nested deeper than 20 levels",
                "deep_object": "not accepted: extra",
                "revision_400_digits": "not accepted: reports[0].revision: an integer longer than "
                "20 digits",
                "int_5000_digits": "not accepted: an integer longer than 20 digits",
                "nan": "not accepted: NaN is not a JSON number",
                "nul_in_reference": "sites[0].reference: contains a NUL character",
                "surrogate_in_reference": "sites[0].reference: contains a lone surrogate"}[case]
    assert expected in r.stderr, r.stderr[-2000:]
    out = hq_cli(hq_url, "export", "-o", "-")
    assert json.loads(out.stdout)["sites"] == []
