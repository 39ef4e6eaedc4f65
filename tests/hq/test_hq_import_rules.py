"""`safeland-hq import` applies the rules' second pass as `safeland import` does (issue 10): text
PostgreSQL cannot store is refused by rule, not answered with a crash; bounded JSON; a BOM is
fine; signed reports carry their hash; strict numbers; sites among HQ's sites. Runs on SQLite and,
with SAFELAND_TEST_PG_URL, on PostgreSQL."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers.synchq import ROOT

pytestmark = pytest.mark.slow  # each case runs the real safeland-hq import in a subprocess

R = 4


def hq_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hq.cli", "--database-url", url, *args],
                          cwd=ROOT, capture_output=True, text=True, env=dict(os.environ), timeout=120)


def _write(tmp_path, doc, name="doc.json", prefix=b"") -> str:
    path = tmp_path / name
    path.write_bytes(prefix + json.dumps(doc).encode("ascii"))  # \u escapes kept as such
    return str(path)


def _refused(hq_url, path, *expected: str) -> None:
    r = hq_cli(hq_url, "import", path)
    assert r.returncode == 1, (r.stdout, r.stderr)
    for words in expected:
        assert words in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and "Unexpected" not in r.stderr
    exported = hq_cli(hq_url, "export", "-o", "-")
    assert exported.returncode == 0, exported.stderr
    doc = json.loads(exported.stdout)
    assert doc["sites"] == [] and doc["reports"] == []


def test_nul_and_lone_surrogates_are_refused_by_rule(hq_url, tmp_path, demo_doc):
    doc = json.loads(json.dumps(demo_doc))
    doc["sites"][1]["reference"] = "BS/CHA\u0000/1"
    doc["reports"][R]["site_reference"] = "BS/\ud800"
    doc["reports"][R + 1]["notes"] = "\u0000"
    _refused(hq_url, _write(tmp_path, doc), "sites[1].reference: contains a NUL character",
             f"reports[{R}].site_reference: contains a lone surrogate",
             f"reports[{R + 1}].notes: contains a NUL character", "Nothing was written")


def test_deep_nesting_is_refused_plainly(hq_url, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "safeland/1", "reports": [' + "[" * 50_000 + "]" * 50_000 + "]}",
                    encoding="utf-8")
    _refused(hq_url, str(path), "nested deeper than 20 levels")


def test_a_400_digit_revision_is_refused_plainly(hq_url, tmp_path, demo_doc):
    demo_doc["reports"][R]["revision"] = 1
    text = json.dumps(demo_doc).replace('"revision": 1', '"revision": ' + "7" * 400, 1)
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    _refused(hq_url, str(path), "an integer longer than 20 digits")
    # Within the digits but beyond a PostgreSQL integer: a rule, not a database error.
    demo_doc["reports"][R]["revision"] = 10 ** 12
    _refused(hq_url, _write(tmp_path, demo_doc, "large.json"), f"reports[{R}].revision:")


def test_a_byte_order_mark_is_ignored(hq_url, tmp_path, demo_doc):
    r = hq_cli(hq_url, "import", _write(tmp_path, demo_doc, prefix=b"\xef\xbb\xbf"))
    assert r.returncode == 0, r.stderr
    assert "5 sites created" in r.stdout and "100 reports created" in r.stdout


def test_strict_numbers_and_signed_reports_need_their_hash(hq_url, tmp_path, demo_doc):
    demo_doc["reports"][R]["personnel"] = "7"
    demo_doc["reports"][R + 1]["personnel"] = True
    demo_doc["reports"][R + 2].update(status="SIGNED", revision=1, hash=None)
    _refused(hq_url, _write(tmp_path, demo_doc), f"reports[{R}].personnel: expected a number, got text",
             f"reports[{R + 1}].personnel: expected a number, got a boolean",
             f"reports[{R + 2}].hash: a SIGNED report must carry the hash")


def test_sites_are_checked_among_hqs_sites(hq_url, tmp_path, demo_doc):
    assert hq_cli(hq_url, "import", _write(tmp_path, demo_doc)).returncode == 0
    twin = json.loads(json.dumps(demo_doc["sites"][3]))
    twin.pop("id", None)
    twin["reference"] = "BS/CHA/CMAA/99999"
    r = hq_cli(hq_url, "import", _write(tmp_path, {"format": "safeland/1", "sites": [twin]}, "twin.json"))
    assert r.returncode == 0, r.stderr  # HQ's import takes warnings and prints them
    assert (f"warning: sites[0].points: the polygon overlaps site '{demo_doc['sites'][3]['reference']}'"
            in r.stderr)
    similar = dict(twin, reference=demo_doc["sites"][0]["reference"].lower(), points=[])
    r = hq_cli(hq_url, "import", _write(tmp_path, {"format": "safeland/1", "sites": [similar]}, "sim.json"))
    assert r.returncode == 1 and "sites[0].reference: reference" in r.stderr, r.stderr
    assert "only by spaces or case" in r.stderr
