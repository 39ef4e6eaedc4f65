"""The window's words for disk trouble (issue 10): a full disk, a read-only database file and a
read-only folder each get their own sentence with what to do, in English and in Khmer, from a
real failure on a real database (the sorting is app.diskerrors', shared with the CLI)."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.ui.errors import DISK_FULL, READ_ONLY_FILE, READ_ONLY_FOLDER, classify, set_database_path, show_error
from tests.unit.test_disk_messages import _counts, capped, demo_file, read_only  # noqa: F401

SITE = "BS/CHA/CMAA/40117"
KINDS = {"full": DISK_FULL, "read_only_file": READ_ONLY_FILE, "read_only_folder": READ_ONLY_FOLDER}


def _draft() -> dict:
    return {"site_reference": SITE, "date": "2025-06-02", "activity": "TECHNICAL_SURVEY",
            "assets": ["MANUAL"], "team": "DU2-TS-1", "team_leader": "Heng Dara",
            "personnel": 6, "hours_worked": 7, "area_reduced_m2": 400,
            # long enough to need new pages: the file has free pages left by its migrations
            "notes": "Ground hard after the rains; " * 300}


def _failure(path: Path) -> BaseException:
    """What the window would meet: opening the database, or saving a draft in it."""
    from app.db import open_database
    from app.domain import services

    try:
        db = open_database(path)
    except Exception as exc:  # noqa: BLE001 - a read-only folder can stop the open itself
        return exc
    try:
        services.save_draft(db, _draft())
    except Exception as exc:  # noqa: BLE001 - whatever the disk gave, the window sorts it
        return exc
    finally:
        db.close()
    pytest.fail("the draft was saved on a disk that should refuse it")


@pytest.mark.parametrize("trouble", sorted(KINDS))
def test_each_kind_of_disk_trouble_has_its_own_sentence_in_both_languages(
        trouble, demo_file, languages, prompter):
    path, _new = demo_file
    before = _counts(path)
    trouble_on = (capped(path) if trouble == "full" else
                  read_only(path if trouble == "read_only_file" else path.parent))
    with trouble_on:  # sorted while the trouble lasts, as the window sorts it
        exc = _failure(path)
        english = classify(exc, path)
        languages.set("km")
        khmer = classify(exc, path)
        set_database_path(path)  # as the launcher does when it opens the database
        try:
            shown = show_error(None, exc)
        finally:
            set_database_path(None)
            languages.set("en")

    assert english.kind == KINDS[trouble], (english, exc)
    assert "Nothing was" in english.text and "Traceback" not in english.text
    if trouble == "full":
        assert "Free some space" in english.text
    else:
        assert str(path if trouble == "read_only_file" else path.parent) in english.text
        assert "Copy" in english.text
    assert khmer.kind == english.kind and khmer.text != english.text
    assert any("\u1780" <= ch <= "\u17ff" for ch in khmer.title + khmer.text)
    assert shown.kind == english.kind and prompter.asked[-1] == ("inform", khmer.title, khmer.text)
    assert _counts(path) == before  # nothing was written
