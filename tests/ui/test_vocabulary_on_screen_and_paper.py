"""The same word for each controlled value on screen and on paper (issue 9, item 4).

The screen names a value through Qt's translator (app/ui/labels.py, vocab_km.qm installed by
the window's Languages); the sheet through the catalogue's Bi (app/sheets/labels.py); HQ through
the catalogue read without Qt. All three must print the same English and the same Khmer.
"""
from __future__ import annotations

from PySide6.QtCore import QTranslator

from app.sheets.labels import labels as sheet_labels
from app.ui.labels import label
from safeland_core.labels import CONTEXT, QM_PATH, catalogue, khmer_table


def test_screen_and_sheet_name_every_value_alike_in_khmer_and_english(languages):
    sheet = sheet_labels()
    assert languages.set("km") == "km"
    khmer = {e.code: (label(e.code), sheet[e.code].km, e.km) for e in catalogue()}
    languages.set("en")
    english = {e.code: (label(e.code), sheet[e.code].en, e.en) for e in catalogue()}
    differ = {code: words for code, words in {**khmer, **english}.items() if len(set(words)) > 1}
    assert not differ, differ
    assert khmer["DESTROYED_AT_DEMOLITION_SITE"][0] == "បំផ្លាញនៅកន្លែងកម្ទេច"
    assert english["EOD_SPOT_TASK"][0] == "EOD spot task"


def test_qt_translator_answers_what_the_core_reads_without_qt(qapp):
    translator = QTranslator()
    assert translator.load(str(QM_PATH))
    table = khmer_table()
    assert table and {en: translator.translate(CONTEXT, en) for en in table} == table


def test_pseudo_locale_stretches_the_vocabulary_too(languages):
    languages.set("pseudo")
    try:
        assert label("CLEARANCE").startswith("[!! ")
    finally:
        languages.set("en")
    assert label("CLEARANCE") == "Clearance"
    assert label("FROM_A_NEWER_HQ") == "FROM_A_NEWER_HQ"
