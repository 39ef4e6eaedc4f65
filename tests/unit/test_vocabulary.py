"""The vocabulary catalogue (safeland_core/labels.py), read without Qt, as HQ reads it.

Every controlled value has one English and one Khmer label; the translation files agree with
each other wherever they translate the same English words (docs/vocabulary.md).
"""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from safeland_core import labels as vocab_labels
from safeland_core.labels import HQ_REVIEW_STATES, LISTS, TS_PATH, catalogue, label_en, label_km

ROOT = Path(__file__).resolve().parents[2]
TS_FILES = {"window": ROOT / "app" / "i18n" / "ui_km.ts", "sheet": ROOT / "app" / "i18n" / "sheets_km.ts",
            "vocabulary": TS_PATH}

def _messages(path: Path) -> list[tuple[str, str, str, str | None]]:
    """(context, source, Khmer, type) of every message of a Qt Linguist file."""
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out.append((context.findtext("name") or "", message.findtext("source") or "",
                        "".join(translation.itertext()).strip(), translation.get("type")))
    return out


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_code_of_every_list_has_an_english_and_a_khmer_label(name):
    enum, entries = LISTS[name]
    expected = {m.value for m in enum}
    if name == "report_status":
        expected |= HQ_REVIEW_STATES  # HQ's review states, named here for HQ's pages
    assert set(entries) == expected, "a code missing from the catalogue, or a stale one"
    for code in entries:
        assert label_en(code) == entries[code] and entries[code].strip(), code
        assert label_km(code) != label_en(code), f"{name}.{code} has no Khmer"


def test_a_code_in_two_lists_has_one_label():
    seen: dict[str, str] = {}
    for _, entries in LISTS.values():
        for code, en in entries.items():
            assert seen.setdefault(code, en) == en, f"{code}: {seen[code]!r} and {en!r}"


def test_two_codes_never_share_an_english_label():
    """A reader could not tell them apart (and Qt would give them one Khmer)."""
    by_label: dict[str, str] = {}
    for _, entries in LISTS.values():
        for code, en in entries.items():
            assert by_label.setdefault(en, code) == code, f"{en!r}: {by_label[en]} and {code}"


def test_the_khmer_file_holds_exactly_the_catalogue_all_finished():
    messages = _messages(TS_PATH)
    sources = [src for _, src, _, _ in messages]
    assert {ctx for ctx, *_ in messages} == {"Vocab"}
    assert sorted(sources) == sorted({e.en for e in catalogue()}), "regenerate: docs/vocabulary.md"
    assert not [src for _, src, km, kind in messages if not km or kind], "unfinished or obsolete"
    assert TS_PATH.with_suffix(".qm").stat().st_size > 1000


def test_catalogue_rows_and_unknown_codes():
    rows = {(e.list, e.code): e for e in catalogue()}
    assert rows["disposal", "DESTROYED_AT_DEMOLITION_SITE"].km == "បំផ្លាញនៅកន្លែងកម្ទេច"
    assert rows["activity", "EOD_SPOT_TASK"] == ("activity", "EOD_SPOT_TASK", "EOD spot task",
                                                 "ការកម្ទេចគ្រាប់តាមការហៅ")
    assert rows["report_status", "REJECTED"].en == "Rejected by HQ"
    assert len(rows) == sum(len(entries) for _, entries in LISTS.values())
    # An enum member reads like its code; a code HQ added later reads as itself in both languages.
    from safeland_core.vocab import Activity
    assert label_km(Activity.CLEARANCE) == label_km("CLEARANCE") == "ការបោសសម្អាត"
    assert label_en("NEW_FROM_HQ") == label_km("NEW_FROM_HQ") == "NEW_FROM_HQ"
    assert label_en(None) == ""


def test_khmer_reading_follows_what_lrelease_compiles(tmp_path):
    ts = tmp_path / "x.ts"
    ts.write_text("""<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="km_KH">
<context><name>Vocab</name>
<message><source>A</source><translation>ក</translation></message>
<message><source>B</source><translation type="unfinished"></translation></message>
<message><source>C</source><translation type="vanished">គ</translation></message>
</context><context><name>Other</name>
<message><source>D</source><translation>ឃ</translation></message></context></TS>""",
                  encoding="utf-8")
    assert vocab_labels.khmer_table.__wrapped__(ts) == {"A": "ក"}


def test_one_english_word_has_one_khmer_word_in_every_file():
    """Screen, sheet and vocabulary never translate the same English two ways (issue 9)."""
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for where, path in TS_FILES.items():
        for ctx, src, km, kind in _messages(path):
            if not km or kind:
                continue
            first = seen.setdefault(src, (f"{where}/{ctx}", km))
            if first[1] != km:
                clashes.append(f"{src!r}: {first[0]} {first[1]} vs {where}/{ctx} {km}")
    assert not clashes, "\n".join(clashes)


def test_the_catalogue_needs_no_qt():
    """HQ installs without Qt: importing the catalogue and reading Khmer loads no Qt module."""
    code = ("import sys; from safeland_core.labels import label_km; label_km('UXO'); "
            "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
