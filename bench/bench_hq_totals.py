"""hq_totals: the national figures (hq/totals.py: `safeland-hq totals --by province --by year`)
over 200,000 reports (quick: 10,000) on PostgreSQL (bench/hq_national.py), beside one raw SQL
aggregate of the same sums over the same columns (land by method, reports, team-days, by
province and year, each report at its latest accepted revision) in the same run as the floor.
Target: ratio at most 3.

`compute` does more than the floor: the still-to-review figures apart, the grand total in its
own aggregate (team-days do not add up across groups) and the devices by category and model.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text

from bench.common import best_of, row, tmpdir
from bench.hq_national import database, fill

FLOOR_SQL = """
WITH site AS {materialized} (
  SELECT reference, {province} AS province FROM sites),
per AS (
  SELECT record_id AS rid, max(revision) AS latest,
         max(CASE WHEN status = 'ACCEPTED' THEN revision END) AS acc,
         max(CASE WHEN status = 'REJECTED' THEN revision END) AS rej
  FROM reports GROUP BY record_id)
SELECT s.province, substr({day}, 1, 4) AS year, count(*),
       count(DISTINCT r.team || '|' || {day}),
       sum(coalesce(r.area_cancelled_m2, 0)), sum(coalesce(r.area_reduced_m2, 0)),
       sum(coalesce(r.area_cleared_m2, 0))
FROM reports r
JOIN per ON per.rid = r.record_id AND r.revision = per.acc AND (per.rej IS NULL OR per.rej < per.acc)
LEFT JOIN site s ON s.reference = r.site_reference
GROUP BY 1, 2 ORDER BY 1, 2
"""


def _floor_sql(backend: str) -> str:
    """The sums read the same columns as hq/totals.py (reports' figure columns, migration
    hq0004); the province is the site record's, read once per site, as there."""
    if backend == "postgresql":
        return FLOOR_SQL.format(materialized="MATERIALIZED",
                                province="(record ->> 'province_code')",
                                day="cast(r.report_date AS varchar)")
    return FLOOR_SQL.format(materialized="", province="json_extract(record, '$.province_code')",
                            day="r.report_date")


def run(quick: bool) -> Iterable[dict]:
    from hq.db import open_hq
    from hq.totals import TotalsFilter, compute

    n = 10_000 if quick else 200_000
    url, backend, drop = database(tmpdir(), "totals")
    db = open_hq(url)
    try:
        fill(db, n)
        sql = text(_floor_sql(backend))
        floor_rows: list = []

        def floor() -> None:
            with db.engine.connect() as conn:
                floor_rows[:] = list(conn.execute(sql))

        result: list = []

        def ours() -> None:
            result[:] = [compute(db, TotalsFilter(), ["province", "year"])]

        floor()
        ours()
        t = result[0]
        # The same figures both ways, or the comparison means nothing.
        assert [(r.key, r.counted.reports, round(r.counted.released_m2)) for r in t.rows
                if r.counted.reports] == [((p, y), int(c), round(a + b + d)) for p, y, c, _, a, b, d
                                          in floor_rows]
        repeat = 3 if quick else 3
        f_s = best_of(floor, repeat)
        v_s = best_of(ours, repeat)
        yield row("hq_totals", "s", v_s, f_s, reports=n, backend=backend, groups=len(t.rows),
                  released_ha=round(t.total.released_m2 / 10_000), target_ratio=3)
    finally:
        db.close()
        drop()
