"""A site's points shown as stored (`PointsEditor.set_points(..., stored=True)`, the site page's)
are worked out without the schema, by the rule of validation.resolve_points: the table shows
exactly what the validating path shows, cell for cell, and the sketch gets the same points."""
from __future__ import annotations

import random

import pytest

from app.ui.points_editor import PointsEditor
from safeland_core.vocab import PointType


def _shown(editor: PointsEditor) -> tuple:
    table = editor.table
    cells = [[(table.item(r, c).text(), table.item(r, c).toolTip()) for c in range(1, table.columnCount())]
             for r in range(table.rowCount())]
    kinds = [table.cellWidget(r, 0).currentData() for r in range(table.rowCount())]
    resolved = [(str(getattr(p.type, "value", p.type)), p.seq, p.lat, p.lon, p.bearing_deg, p.distance_m)
                for p in editor.resolved]
    return kinds, cells, resolved


def _both(qtbot, points: list[dict], read_only: bool = True) -> tuple[tuple, tuple]:
    stored, checked = PointsEditor(), PointsEditor()
    qtbot.addWidget(stored)
    qtbot.addWidget(checked)
    stored.set_points(points, read_only=read_only, stored=True)
    checked.set_points(points, read_only=read_only)
    return _shown(stored), _shown(checked)


def _random_site(rnd: random.Random) -> list[dict]:
    lat, lon = rnd.uniform(10.5, 14.5), rnd.uniform(102.5, 107.5)
    points: list[dict] = []
    for i in range(rnd.randrange(1, 9)):
        kind = rnd.choice(list(PointType)).value
        seq = rnd.choice([None, i, i + 1])
        if points and rnd.random() < 0.5:  # measured from the point before
            p = {"type": kind, "bearing_deg": rnd.choice([rnd.uniform(0, 359.99), rnd.randrange(0, 360)]),
                 "distance_m": rnd.choice([rnd.uniform(1, 4000), rnd.randrange(1, 4000)])}
        else:
            p = {"type": kind, "lat": rnd.choice([round(lat + rnd.uniform(-0.02, 0.02), 7), 13.0, 12]),
                 "lon": round(lon + rnd.uniform(-0.02, 0.02), 7)}
        if seq is not None:
            p["seq"] = seq
        if rnd.random() < 0.03:  # now and then a value the schema refuses, at its bounds or past
            key = rnd.choice([k for k in p if k != "type"])
            p[key] = rnd.choice({"seq": [0, 10_000, 10_001, -1], "lat": [90, 90.5, -90, -91],
                                 "lon": [180, 181, -180], "bearing_deg": [0, 359.9999999, 360, -1],
                                 "distance_m": [0, 100_000, 100_001]}[key])
        points.append(p)
    return points


def test_the_demo_sites_points_show_the_same_stored_or_checked(qtbot, demo_path):
    from app.db import open_database
    from app.domain import queries

    db = open_database(demo_path)
    try:
        sites = [queries.get_site(db, s.reference) for s in queries.list_sites(db)]
    finally:
        db.close()
    measured = 0
    for site in sites:
        points = [p.model_dump(mode="json", exclude_none=True) for p in site.points]
        measured += sum("bearing_deg" in p for p in points)
        stored, checked = _both(qtbot, points)
        assert stored == checked, site.reference
    assert measured > 0  # the rule that differs between the two paths is exercised


@pytest.mark.parametrize("seed", range(4))
def test_mixed_points_show_the_same_stored_or_checked(qtbot, seed):
    rnd = random.Random(seed)
    for _ in range(60):
        points = _random_site(rnd)
        stored, checked = _both(qtbot, points, read_only=rnd.random() < 0.5)
        assert stored == checked, points


def test_points_the_rule_cannot_resolve_fall_back_to_the_schema(qtbot):
    """A measured point with no point before it, or a row the schema refuses: the stored path
    leaves it to the schema, so the "?" are where they always were."""
    for points in ([{"type": "TURNING", "bearing_deg": 90, "distance_m": 50},
                    {"type": "TURNING", "lat": 13.5, "lon": 104.2}],
                   [{"type": "TURNING", "lat": 95.0, "lon": 104.2}],
                   [{"type": "TURNING", "lat": 13.5, "lon": 104.2},
                    {"type": "TURNING", "bearing_deg": 400, "distance_m": 50}]):
        stored, checked = _both(qtbot, points)
        assert stored == checked
        assert any(text == "?" for row in stored[1] for text, _tip in row)
