"""A site's sketch, drawn to scale with QPainter: the perimeter with numbered turning points,
the benchmark (and reference point), evidence points, a north arrow and a scale bar.

Coordinates are projected to metres on a local plane around the site (equirectangular: plenty
for areas a few hundred metres across). Thread: GUI.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from safeland_core.vocab import PERIMETER_TYPES, PointType

EARTH_M_PER_DEG = 111_320.0
NICE = (1, 2, 5)


@dataclass(frozen=True)
class SketchPoint:
    type: str
    seq: int | None
    lat: float
    lon: float


def nice_length(max_m: float) -> float:
    """The largest 1, 2 or 5 × 10^k metres not above `max_m` (a scale bar's length)."""
    if max_m <= 0:
        return 1.0
    k = 10 ** math.floor(math.log10(max_m))
    return max(n * k for n in NICE if n * k <= max_m)


class SketchWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[SketchPoint] = []
        # Set in the window's language by the page that shows the sketch (its retranslate).
        self.labels = {"north": "N", "benchmark": "BM", "reference": "RP", "empty": "",
                       "metres": "%1 m", "km": "%1 km"}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 220)

    def sizeHint(self) -> QSize:
        return QSize(420, 340)

    def set_points(self, points: list[SketchPoint]) -> None:
        self.points = [p for p in points if p.lat is not None and p.lon is not None]
        self.update()

    def perimeter(self) -> list[SketchPoint]:
        ring = [(p.seq if p.seq is not None else 10_001 + i, i, p)
                for i, p in enumerate(self.points) if p.type in {t.value for t in PERIMETER_TYPES}]
        return [p for _, _, p in sorted(ring, key=lambda t: (t[0], t[1]))]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#fbfaf5"))
        painter.setPen(QPen(QColor("#b8b4a6"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if not self.points:
            painter.setPen(QColor("#6b6b6b"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.labels["empty"])
            return
        lat0 = sum(p.lat for p in self.points) / len(self.points)
        lon0 = sum(p.lon for p in self.points) / len(self.points)
        kx = EARTH_M_PER_DEG * math.cos(math.radians(lat0))
        xy = [((p.lon - lon0) * kx, (p.lat - lat0) * EARTH_M_PER_DEG) for p in self.points]
        xs, ys = [x for x, _ in xy], [y for _, y in xy]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 10.0)
        margin = 44
        area = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin - 18)
        scale = min(area.width(), area.height()) / span  # pixels per metre, same on both axes
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

        def to_px(lat: float, lon: float) -> QPointF:
            x, y = (lon - lon0) * kx, (lat - lat0) * EARTH_M_PER_DEG
            return QPointF(area.center().x() + (x - cx) * scale, area.center().y() - (y - cy) * scale)

        self._draw_perimeter(painter, to_px)
        self._draw_markers(painter, to_px)
        self._draw_north(painter)
        self._draw_scale(painter, scale)

    def _draw_perimeter(self, painter: QPainter, to_px) -> None:  # noqa: ANN001
        ring = self.perimeter()
        if len(ring) >= 2:
            poly = QPolygonF([to_px(p.lat, p.lon) for p in ring])
            path = QPainterPath()
            path.addPolygon(poly)
            path.closeSubpath()
            painter.setPen(QPen(QColor("#b3261e"), 2))
            painter.setBrush(QBrush(QColor(179, 38, 30, 40), Qt.BrushStyle.BDiagPattern))
            painter.drawPath(path)
        font = QFont(painter.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        painter.setFont(font)
        placed: list[QPointF] = []
        for n, p in enumerate(ring, start=1):
            pt = to_px(p.lat, p.lon)
            # A closing point drawn over the start point: its label moves aside, with a leader.
            if any((pt - q).manhattanLength() < 18 for q in placed):
                moved = pt + QPointF(16, 16)
                painter.setPen(QPen(QColor("#b3261e"), 1))
                painter.drawLine(pt, moved)
                pt = moved
            placed.append(pt)
            painter.setPen(QPen(QColor("#b3261e"), 1))
            painter.setBrush(QColor("#ffffff"))
            painter.drawEllipse(pt, 9, 9)
            painter.setPen(QColor("#1f1f1f"))
            painter.drawText(QRectF(pt.x() - 9, pt.y() - 9, 18, 18), Qt.AlignmentFlag.AlignCenter,
                             str(p.seq if p.seq is not None else n))

    def _draw_markers(self, painter: QPainter, to_px) -> None:  # noqa: ANN001
        ring = [to_px(p.lat, p.lon) for p in self.perimeter()]
        centre_x = sum(q.x() for q in ring) / len(ring) if ring else 0.0
        for p in self.points:
            pt = to_px(p.lat, p.lon)
            if p.type in (PointType.BENCHMARK.value, PointType.REFERENCE.value):
                tri = QPolygonF([pt + QPointF(0, -9), pt + QPointF(8, 6), pt + QPointF(-8, 6)])
                painter.setPen(QPen(QColor("#1d4e89"), 1.5))
                benchmark = p.type == PointType.BENCHMARK.value
                painter.setBrush(QColor("#1d4e89") if benchmark else QColor("#ffffff"))
                painter.drawPolygon(tri)
                text = self.labels["benchmark" if p.type == PointType.BENCHMARK.value else "reference"]
                # the label goes on the side away from the area, so it never covers a corner
                width = painter.fontMetrics().horizontalAdvance(text)
                x = pt.x() + 11 if pt.x() >= centre_x else pt.x() - 11 - width
                painter.drawText(QPointF(x, pt.y() + 5), text)
            elif p.type == PointType.EVIDENCE.value:
                painter.setPen(QPen(QColor("#e07b00"), 2.5))
                painter.drawLine(pt + QPointF(-6, -6), pt + QPointF(6, 6))
                painter.drawLine(pt + QPointF(-6, 6), pt + QPointF(6, -6))

    def _draw_north(self, painter: QPainter) -> None:
        x, y = self.width() - 26.0, 14.0
        arrow = QPolygonF([QPointF(x, y), QPointF(x + 7, y + 22), QPointF(x, y + 17), QPointF(x - 7, y + 22)])
        painter.setPen(QPen(QColor("#1f1f1f"), 1))
        painter.setBrush(QColor("#1f1f1f"))
        painter.drawPolygon(arrow)
        painter.drawText(QRectF(x - 20, y + 22, 40, 20), Qt.AlignmentFlag.AlignCenter, self.labels["north"])

    def _draw_scale(self, painter: QPainter, px_per_m: float) -> None:
        length_m = nice_length(self.width() * 0.3 / px_per_m)
        px = length_m * px_per_m
        x, y = 14.0, self.height() - 16.0
        painter.setPen(QPen(QColor("#1f1f1f"), 2))
        painter.drawLine(QPointF(x, y), QPointF(x + px, y))
        for tick in (x, x + px / 2, x + px):
            painter.drawLine(QPointF(tick, y - 5), QPointF(tick, y))
        text = (self.labels.get("metres", "%1 m") if length_m < 1000 else self.labels.get("km", "%1 km")
                ).replace("%1", f"{length_m:g}" if length_m < 1000 else f"{length_m / 1000:g}")
        painter.drawText(QPointF(x + px + 6, y + 4), text)
