"""`safeland amend REPORT_ID --reason TEXT FILE` (issue 12, point 3): the window's amendment from
the command line, through the same service, so the same rules and the same messages naming the
field; exit status 0 / 1 (refused, nothing written) / 2 (usage)."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select


def _signed_and_draft(db) -> tuple[str, str]:
    from app.models import Report

    with db.session() as s:
        signed = s.scalar(select(Report.id).where(Report.status == "SIGNED").order_by(Report.date))
        draft = s.scalar(select(Report.id).where(Report.status == "DRAFT"))
    return signed, draft


def _file(tmp_path, db, report_id: str, name: str = "amend.json", **changes) -> str:
    from app.domain.queries import get_report

    rec = get_report(db, report_id).model_dump(mode="json")
    rec.update(changes)
    path = tmp_path / name
    path.write_text(json.dumps({"format": "safeland/1", "reports": [rec]}, ensure_ascii=False),
                    encoding="utf-8")
    return str(path)


def run(capsys, db_path, *args: str) -> tuple[int, str, str]:
    from app.cli import main

    code = main(["--db", str(db_path), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_amend_from_a_file_makes_the_next_revision(demo_db, db_path, tmp_path, capsys):
    from app.domain.queries import get_report, report_history, status_counts

    rid, _ = _signed_and_draft(demo_db)
    path = _file(tmp_path, demo_db, rid, notes="Lane 3 depth measured: 30 cm.")
    code, out, err = run(capsys, db_path, "amend", rid, "--reason", "depth added", path)
    assert code == 0, err
    assert f"Amended report {rid}: revision 2 signed and queued for HQ." in out
    rep = get_report(demo_db, rid)
    assert rep.revision == 2 and rep.status == "SIGNED" and rep.amend_reason == "depth added"
    assert rep.notes == "Lane 3 depth measured: 30 cm."
    history = report_history(demo_db, rid)
    assert [h.revision for h in history] == [1, 2] and history[1].prev_hash == history[0].hash
    assert status_counts(demo_db).waiting == 90  # the same report, waiting again: not 91

    # The same file again changes nothing: refused, exit 1.
    code, _, err = run(capsys, db_path, "amend", rid, "--reason", "again", path)
    assert code == 1 and "the amendment changes nothing" in err and "Nothing was written" in err


def test_an_export_serves_as_the_file(demo_db, db_path, tmp_path, capsys):
    """A whole `safeland export`, one report edited: amend picks that report by its id."""
    from app.domain.queries import get_report
    from app.domain.transfer import export_document

    rid, _ = _signed_and_draft(demo_db)
    doc = export_document(demo_db)
    for rec in doc["reports"]:
        if rec["id"] == rid:
            rec["personnel"] = rec["personnel"] + 1
    path = tmp_path / "all.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, db_path, "amend", rid, "--reason", "one more deminer", str(path))
    assert code == 0, err
    assert get_report(demo_db, rid).revision == 2


@pytest.mark.parametrize(("changes", "expected"), [
    ({"personnel": 0}, "reports[0].personnel: "),
    ({"hours_worked": 30}, "reports[0].hours_worked: "),
    ({"site_reference": "BS/CHA/NOPE/1"}, "reports[0].site_reference: "),
    ({"date": "2999-01-01"}, "reports[0].date: the date 2999-01-01 is in the future"),
])
def test_bad_fields_are_named_and_nothing_is_written(demo_db, db_path, tmp_path, capsys, changes,
                                                     expected):
    from app.domain.queries import report_history

    rid, _ = _signed_and_draft(demo_db)
    path = _file(tmp_path, demo_db, rid, **changes)
    code, _, err = run(capsys, db_path, "amend", rid, "--reason", "fix", path)
    assert code == 1, err
    assert expected in err and "Nothing was written." in err and "Traceback" not in err
    assert len(report_history(demo_db, rid)) == 1


def test_refusals_of_the_report_itself(demo_db, db_path, tmp_path, capsys):
    rid, draft = _signed_and_draft(demo_db)
    path = _file(tmp_path, demo_db, draft, notes="x")
    code, _, err = run(capsys, db_path, "amend", draft, "--reason", "fix", path)
    assert code == 1 and "a draft is edited directly; only signed reports are amended" in err

    unknown = "00000000-0000-4000-8000-000000000000"
    nowhere = _file(tmp_path, demo_db, rid, "nowhere.json", id=unknown, notes="x")
    code, _, err = run(capsys, db_path, "amend", unknown, "--reason", "fix", nowhere)
    assert code == 1 and f"no report {unknown}" in err and "Nothing was written." in err

    other = _file(tmp_path, demo_db, rid, "other.json", notes="y")
    code, _, err = run(capsys, db_path, "amend", draft, "--reason", "fix", other)
    assert code == 1 and f"reports[0].id: the file's report is {rid}, not {draft}" in err


def test_usage_and_unreadable_files(demo_db, db_path, tmp_path, capsys):
    rid, _ = _signed_and_draft(demo_db)
    path = _file(tmp_path, demo_db, rid, notes="z")
    code, _, err = run(capsys, db_path, "amend", rid, "--reason", "   ", path)
    assert code == 2 and "--reason: say why the report is amended" in err
    code, _, err = run(capsys, db_path, "amend", "not-an-id", "--reason", "fix", path)
    assert code == 2 and "is not a report id" in err
    with pytest.raises(SystemExit) as e:
        run(capsys, db_path, "amend", rid, path)  # no --reason at all
    assert e.value.code == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, db_path, "amend", rid, "--reason", "fix", str(bad))
    assert code == 1 and "Traceback" not in err
    bad.write_text(json.dumps({"format": "other", "reports": []}), encoding="utf-8")
    code, _, err = run(capsys, db_path, "amend", rid, "--reason", "fix", str(bad))
    assert code == 1 and "not a safeland/1 document" in err


@pytest.mark.slow
def test_amend_as_a_user_runs_it(demo_db, tmp_path, safeland):
    rid, _ = _signed_and_draft(demo_db)
    path = _file(tmp_path, demo_db, rid, notes="checked again")
    r = safeland("amend", rid, "--reason", "checked again", path)
    assert r.code == 0, r
    assert "revision 2" in r.out
    r = safeland("amend", rid, "--reason", "checked again", path)
    assert r.code == 1 and "changes nothing" in r.err
