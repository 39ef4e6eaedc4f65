"""The reports list's first page comes off the date index, statistics or not (issue 14: with
ANALYZE's statistics a join to the few sites made SQLite sort a million reports for one page)."""
from __future__ import annotations

from sqlalchemy import event

from app.domain import queries
from app.domain.queries import ReportFilter


def _plans(db, fn) -> list[str]:
    """The query plans of the statements `fn` runs on `db`."""
    seen: list[tuple[str, object]] = []

    def keep(conn, cursor, stmt, params, ctx, many) -> None:
        if stmt.lstrip().upper().startswith("SELECT"):
            seen.append((stmt, params))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    with db.engine.connect() as conn:
        return [" / ".join(str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, params))
                for stmt, params in seen]


# The statistics the bounded ANALYZE at open wrote on the bench's laptop of a million reports
# (bench/bench_million.py), five sites.
MILLION_STATS = [
    ("sites", "sqlite_autoindex_sites_1", "5 1"), ("sites", "sqlite_autoindex_sites_2", "5 1"),
    ("reports", "ix_reports_date", "1113453 251"), ("reports", "sqlite_autoindex_reports_1", "547884 1"),
    ("reports", "ix_reports_site_totals", "843336 1001 49 2 1 1 1"),
    ("reports", "ix_reports_team_date", "1068136 1001 8"),
    ("reports", "ix_reports_status_date", "1219176 501 201"),
]


def test_first_page_walks_the_date_index_with_statistics(demo_db):
    assert demo_db.optimize(force=True)
    with demo_db.engine.begin() as conn:  # the planner sees a million reports at five sites
        for tbl, idx, stat in MILLION_STATS:
            conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = ? AND idx = ?", (tbl, idx))
            conn.exec_driver_sql("INSERT INTO sqlite_stat1 VALUES (?, ?, ?)", (tbl, idx, stat))
    demo_db.engine.dispose()  # new connections read the statistics
    rows: list = []
    plans = _plans(demo_db, lambda: rows.extend(queries.page_reports(demo_db, ReportFilter())))
    assert rows and all(r.site_reference for r in rows)
    assert [r.date for r in rows] == sorted((r.date for r in rows), reverse=True)
    page = plans[-1]
    assert "SCAN sites" not in page and "USING INDEX ix_reports_date" in page, page


def test_sorting_by_site_still_orders_by_reference(demo_db):
    rows = queries.page_reports(demo_db, ReportFilter(), sort="site", descending=False, limit=500)
    refs = [r.site_reference for r in rows]
    assert len(set(refs)) > 1 and refs == sorted(refs)
    down = queries.page_reports(demo_db, ReportFilter(), sort="site", descending=True, limit=500)
    assert [r.site_reference for r in down] == sorted(refs, reverse=True)
