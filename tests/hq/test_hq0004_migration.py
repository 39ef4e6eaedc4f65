"""Migration hq0004 (the reports' figure columns): an HQ database at hq0003 holding reports
(tests/hq/national_data.py's, in their review states) is upgraded the way HQ upgrades it
(open_hq). Each revision's columns then hold what its record says, as the writer fills them for
new revisions, and the national totals are the hand-counted ones, equal to what the records'
JSON sums to before the upgrade. SQLite, and PostgreSQL when SAFELAND_TEST_PG_URL is set."""
from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.helpers.synchq import BACKENDS, PG_ENV
from tests.hq import national_data as nd

SITES = {nd.S71408: ("DU4", {"province_code": "17", "contamination": ["AP_MINE"]}),
         nd.S60222: ("DU5", {"province_code": "16", "contamination": ["CLUSTER", "UXO"]})}

md = sa.MetaData()
SITES_T = sa.Table("sites", md, sa.Column("id", sa.String(36)), sa.Column("reference", sa.String),
                   sa.Column("operator", sa.String), sa.Column("unit", sa.String),
                   sa.Column("record", sa.JSON), sa.Column("area_m2", sa.Float),
                   sa.Column("change_no", sa.BigInteger), sa.Column("updated_at", sa.DateTime))
REPORTS_T = sa.Table("reports", md, sa.Column("record_id", sa.String),
                     sa.Column("revision", sa.Integer), sa.Column("site_reference", sa.String),
                     sa.Column("record", sa.JSON), sa.Column("hash", sa.String),
                     sa.Column("status", sa.String), sa.Column("source", sa.String),
                     sa.Column("received_at", sa.DateTime))


@pytest.fixture(params=BACKENDS)
def empty_url(request, tmp_path) -> Iterator[str]:
    """An empty database (no schema at all): SQLite file or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old-hq.db'}"
        return
    import psycopg

    base = os.environ[PG_ENV]
    schema = "t_" + uuid.uuid4().hex[:16]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _final_state(n: int) -> str:
    """The review state each revision of nd.REVISIONS ends in (no decision: RECEIVED)."""
    return nd.REVISIONS[n][2] or "RECEIVED"


def _json_sums(conn: sa.Connection) -> dict[str, tuple[float, float, float]]:
    """Each state's three areas summed from the records' JSON (as HQ read them before hq0004)."""
    if conn.dialect.name == "sqlite":
        def area(k: str) -> str:
            return f"sum(json_extract(record, '$.{k}'))"
    else:
        def area(k: str) -> str:
            return f"sum((record ->> '{k}')::float)"
    q = (f"SELECT status, {area('area_cancelled_m2')}, {area('area_reduced_m2')}, "
         f"{area('area_cleared_m2')} FROM reports GROUP BY status")
    return {r[0]: (float(r[1]), float(r[2]), float(r[3])) for r in conn.execute(sa.text(q))}


def test_upgrading_fills_the_figures_and_keeps_the_totals(empty_url):
    from alembic import command

    from hq.db import alembic_config, make_engine, open_hq
    from hq.models import Report
    from hq.store import report_figures
    from hq.totals import TotalsFilter, compute

    engine = make_engine(empty_url)
    command.upgrade(alembic_config(engine), "hq0003")
    now = dt.datetime(2026, 1, 20, 8, 0)
    with engine.begin() as conn:
        for n, (ref, (unit, record)) in enumerate(SITES.items()):
            conn.execute(SITES_T.insert().values(
                id=str(uuid.UUID(int=900 + n)), reference=ref, operator="CMAC", unit=unit,
                record={"reference": ref, **record}, area_m2=None, change_no=n + 1,
                updated_at=now))
        conn.execute(REPORTS_T.insert(), [
            {"record_id": rec["id"], "revision": rec["revision"],
             "site_reference": rec["site_reference"], "record": rec, "hash": rec["hash"],
             "status": _final_state(n), "source": "import", "received_at": now}
            for n, (_, rec, _) in enumerate(nd.REVISIONS)])
        before = _json_sums(conn)
    engine.dispose()

    db = open_hq(empty_url)  # HQ's own upgrade, to head
    try:
        with db.session() as s:
            rows = {(r.record_id, r.revision): r for r in s.scalars(sa.select(Report))}
            after = {st: tuple(float(x) for x in v) for st, *v in s.execute(
                sa.select(Report.status, sa.func.sum(Report.area_cancelled_m2),
                          sa.func.sum(Report.area_reduced_m2),
                          sa.func.sum(Report.area_cleared_m2)).group_by(Report.status))}
        assert len(rows) == len(nd.REVISIONS) == 9
        for _, rec, _ in nd.REVISIONS:
            row = rows[(rec["id"], rec["revision"])]
            # What the migration filled is what the writer fills for a new revision.
            got = {k: getattr(row, k) for k in report_figures(rec)}
            assert got == report_figures(rec)
            assert row.report_date == dt.date.fromisoformat(rec["date"])
            assert (row.activity, row.team, row.area_cleared_m2) == (
                rec["activity"], rec["team"], rec["area_cleared_m2"])
            assert row.items == (rec["items"] or None)  # devices found; none: NULL
            assert row.record == rec  # the signed record itself untouched
        assert after == before  # every state's land, from the columns, as the JSON sums it

        # The national figures: tests/hq/test_totals.py's hand counts.
        t = compute(db, TotalsFilter(), ["province"])
        assert (t.total.reports, t.total.cancelled_m2, t.total.reduced_m2, t.total.cleared_m2,
                t.total.days_worked, t.total.cluster_m2) == (5, 20000, 3000, 2400, 4, 20500)
        assert (t.total.devices_found, t.total.devices_destroyed) == (6, 5)
        assert (t.received.reports, t.received.cleared_m2) == (2, 1050)
        assert {r.key: (r.counted.reports, r.counted.released_m2) for r in t.rows} == {
            ("16",): (2, 20500), ("17",): (3, 4900)}
        by_month = compute(db, TotalsFilter(date_from=dt.date(2025, 6, 1)), ["month"])
        assert {r.key: (r.counted.reports, r.counted.days_worked, r.counted.released_m2)
                for r in by_month.rows} == {("2025-06",): (3, 3, 21400), ("2026-01",): (0, 0, 0)}
    finally:
        db.close()


def test_a_record_without_a_figure_leaves_its_column_empty():
    """A figure the record lacks or holds as something else is NULL (None), never 0 or a guess;
    the totals count it as nothing, as they did reading the JSON."""
    from hq.store import report_figures

    assert report_figures({"date": "2025-13-40", "team": 7, "area_cleared_m2": "12",
                           "area_reduced_m2": True, "items": []}) == {
        "report_date": None, "activity": None, "team": None, "area_cancelled_m2": None,
        "area_reduced_m2": None, "area_cleared_m2": None, "items": None}
    assert report_figures({"date": "2025-06-04", "activity": "CLEARANCE", "team": "T1",
                           "area_cleared_m2": 12, "area_reduced_m2": 0.5,
                           "area_cancelled_m2": 0})["report_date"] == dt.date(2025, 6, 4)
