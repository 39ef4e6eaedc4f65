"""The polygon sketch: the hazardous area to a stated scale, with its benchmark, numbered
turning and intermediate points, evidence points, the approach from the reference point,
a north arrow and a scale bar. Black and white only: symbols differ by shape, the area by
hatching.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPolygonF

from .canvas import BLACK, WHITE, Canvas
from .labels import Bi

if TYPE_CHECKING:
    from .data import SheetData, SheetPoint

M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON_EQ = 111_320.0
NICE = (1.0, 2.0, 2.5, 5.0)


def nice_at_least(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ value."""
    k = math.floor(math.log10(value))
    for base in NICE + (10.0,):
        if base * 10 ** k >= value * (1 - 1e-9):
            return base * 10 ** k
    return 10 ** (k + 1)


def nice_at_most(value: float) -> float:
    k = math.floor(math.log10(value))
    best = 10 ** k
    for base in NICE:
        if base * 10 ** k <= value:
            best = base * 10 ** k
    return best


def symbol(cv: Canvas, p: QPainter, kind: str, c: QPointF) -> None:
    """Draw one point symbol centred on c. kind is a PointType value."""
    r = cv.mm(1.1)
    p.setPen(cv.pen(0.25))
    if kind in ("START", "TURNING", "END"):
        p.setBrush(QBrush(BLACK))
        p.drawEllipse(c, r, r)
    elif kind == "INTERMEDIATE":
        p.setBrush(QBrush(WHITE))
        p.drawEllipse(c, r, r)
    elif kind == "BENCHMARK":
        p.setBrush(QBrush(BLACK))
        s = r * 1.5
        p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - s), QPointF(c.x() + s, c.y() + s * 0.75),
                                 QPointF(c.x() - s, c.y() + s * 0.75)]))
    elif kind == "REFERENCE":
        p.setBrush(QBrush(WHITE))
        p.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
    elif kind == "EVIDENCE":
        p.setPen(cv.pen(0.45))
        s = r * 1.2
        p.drawLine(QLineF(c.x() - s, c.y() - s, c.x() + s, c.y() + s))
        p.drawLine(QLineF(c.x() - s, c.y() + s, c.x() + s, c.y() - s))
    p.setBrush(Qt.BrushStyle.NoBrush)


def area_swatch(cv: Canvas, p: QPainter, rect: QRectF) -> None:
    """The hazardous-area fill as the legend shows it."""
    cv.fill(p, rect, "diag", 1.0)
    p.setPen(cv.pen(0.4))
    p.drawRect(rect)


class Sketch:
    """Projects a site's points to paper at a nice scale inside a box and draws them."""

    def __init__(self, data: SheetData, labels: dict[str, Bi]):
        self.data = data
        self.L = labels
        ring = data.ring
        self.lat0 = sum(pt.lat for pt in ring) / len(ring) if ring else 0.0
        self.lon0 = sum(pt.lon for pt in ring) / len(ring) if ring else 0.0
        self.kx = M_PER_DEG_LON_EQ * math.cos(math.radians(self.lat0))

    def _xy(self, pt: SheetPoint) -> tuple[float, float]:
        """Local metres east and north of the ring's centre."""
        return (pt.lon - self.lon0) * self.kx, (pt.lat - self.lat0) * M_PER_DEG_LAT

    def draw(self, cv: Canvas, p: QPainter, box: QRectF) -> None:
        p.save()
        p.setPen(cv.pen(0.3))
        p.drawRect(box)
        if not self.data.has_polygon:
            self._no_polygon(cv, p, box)
            p.restore()
            return
        pad, top_band, bottom_strip = cv.mm(7), cv.mm(11), cv.mm(11)
        area = QRectF(box.left() + pad, box.top() + top_band, box.width() - 2 * pad,
                      box.height() - top_band - pad - bottom_strip)
        ring = list(self.data.ring)
        extras = [pt for pt in self.data.points if pt.type in ("BENCHMARK", "EVIDENCE")]
        ring_xy = [self._xy(pt) for pt in ring]
        rx = [x for x, _ in ring_xy]
        ry = [y for _, y in ring_xy]
        ring_span = max(max(rx) - min(rx), max(ry) - min(ry), 1.0)
        # The reference point is often far off: include it only when it does not shrink the
        # polygon below a third of the box; otherwise an arrow at the edge points to it.
        refs = [pt for pt in self.data.points if pt.type == "REFERENCE"]
        near_refs = [pt for pt in refs if max(map(abs, self._xy(pt))) <= 1.5 * ring_span]
        far_refs = [pt for pt in refs if pt not in near_refs]
        shown = ring + extras + near_refs
        xs = [self._xy(pt)[0] for pt in shown]
        ys = [self._xy(pt)[1] for pt in shown]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
        mm_w, mm_h = area.width() / cv.px_per_mm, area.height() / cv.px_per_mm
        metres_per_mm = max(span_x / mm_w, span_y / mm_h)
        denominator = nice_at_least(metres_per_mm * 1000)
        px_per_m = cv.px_per_mm * 1000 / denominator
        centre = area.center()

        def at(pt: SheetPoint) -> QPointF:
            x, y = self._xy(pt)
            return QPointF(centre.x() + (x - cx) * px_per_m, centre.y() - (y - cy) * px_per_m)

        # The hazardous area: hatched, outlined.
        poly = QPainterPath()
        poly.addPolygon(QPolygonF([at(pt) for pt in ring]))
        poly.closeSubpath()
        cv.fill(p, poly, "diag", 1.0)
        p.setPen(cv.pen(0.5))
        p.drawPath(poly)
        # The approach: reference point -> benchmark -> first perimeter point, dashed.
        route = [pt for pt in near_refs] + [pt for pt in extras if pt.type == "BENCHMARK"] + ring[:1]
        if len(route) >= 2:
            p.setPen(cv.pen(0.25, Qt.PenStyle.DashLine))
            for a, b in zip(route, route[1:]):
                p.drawLine(QLineF(at(a), at(b)))
        ring_centre = QPointF(sum(at(pt).x() for pt in ring) / len(ring),
                              sum(at(pt).y() for pt in ring) / len(ring))
        font = cv.font(7, bold=True)
        for pt in ring + extras + near_refs:
            c = at(pt)
            symbol(cv, p, pt.type, c)
            self._label(cv, p, pt.label, c, ring_centre, font)
        for pt in far_refs:
            self._far_reference(cv, p, area, centre, pt, cx, cy)
        self._north_arrow(cv, p, QPointF(box.right() - cv.mm(7), box.top() + cv.mm(4)))
        self._scale_bar(cv, p, QPointF(box.left() + cv.mm(4), box.bottom() - cv.mm(4)),
                        denominator)
        p.restore()

    def _label(self, cv: Canvas, p: QPainter, text: str, c: QPointF, away_from: QPointF,
               font) -> None:  # noqa: ANN001
        dx, dy = c.x() - away_from.x(), c.y() - away_from.y()
        d = math.hypot(dx, dy) or 1.0
        off = cv.mm(3.0)
        t = cv.text(text, font, cv.mm(12))
        w = t.natural_width
        lx = c.x() + dx / d * off - w / 2
        ly = c.y() + dy / d * off - t.height / 2
        halo = QRectF(lx - cv.mm(0.4), ly, w + cv.mm(0.8), t.height)
        p.fillRect(halo, WHITE)
        p.setPen(cv.pen(0.2))
        t.draw(p, lx, ly)

    def _far_reference(self, cv: Canvas, p: QPainter, area: QRectF, centre: QPointF,
                       pt: SheetPoint, cx: float, cy: float) -> None:
        x, y = self._xy(pt)
        dx, dy = x - cx, y - cy
        dist = math.hypot(dx, dy)
        bearing = math.degrees(math.atan2(dx, dy)) % 360
        ux, uy = dx / dist, -dy / dist
        # Where the ray from the centre leaves the drawing area.
        scale = min((area.width() / 2) / abs(ux) if ux else 1e12,
                    (area.height() / 2) / abs(uy) if uy else 1e12)
        tip = QPointF(centre.x() + ux * scale, centre.y() + uy * scale)
        tail = QPointF(tip.x() - ux * cv.mm(8), tip.y() - uy * cv.mm(8))
        p.setPen(cv.pen(0.3))
        p.drawLine(QLineF(tail, tip))
        head = cv.mm(1.5)
        for side in (-1, 1):
            ang = math.atan2(uy, ux) + math.pi + side * 0.45
            p.drawLine(QLineF(tip, QPointF(tip.x() + head * math.cos(ang), tip.y() + head * math.sin(ang))))
        symbol(cv, p, "REFERENCE", tip)
        self._label(cv, p, pt.label, tip, centre, cv.font(7, bold=True))
        note = self.L["ref_point_off"].arg(f"{dist:,.0f}", f"{bearing:.0f}").both("\n")
        t = cv.text(note, cv.font(6), area.width() - cv.mm(12))
        t.draw(p, area.left() - cv.mm(3), area.top() - cv.mm(9.5))

    def _north_arrow(self, cv: Canvas, p: QPainter, top: QPointF) -> None:
        w, h = cv.mm(2.4), cv.mm(8)
        base = QPointF(top.x(), top.y() + h + cv.mm(3.5))
        tip = QPointF(top.x(), top.y() + cv.mm(3.5))
        left = QPolygonF([tip, QPointF(tip.x() - w, base.y()), QPointF(tip.x(), base.y() - h * 0.3)])
        right = QPolygonF([tip, QPointF(tip.x() + w, base.y()), QPointF(tip.x(), base.y() - h * 0.3)])
        p.setPen(cv.pen(0.25))
        p.setBrush(QBrush(BLACK))
        p.drawPolygon(left)
        p.setBrush(QBrush(WHITE))
        p.drawPolygon(right)
        p.setBrush(Qt.BrushStyle.NoBrush)
        label = cv.text(self.L["north"].both(" "), cv.font(8, bold=True), cv.mm(12),
                        Qt.AlignmentFlag.AlignHCenter)
        label.draw(p, top.x() - cv.mm(6), top.y() - cv.mm(1.5))

    def _scale_bar(self, cv: Canvas, p: QPainter, origin: QPointF, denominator: float) -> None:
        """Alternating black and white quarters of a round length, then 1:N."""
        metres_per_mm = denominator / 1000
        length_m = nice_at_most(35 * metres_per_mm)
        bar_w = length_m / metres_per_mm * cv.px_per_mm
        bar_h = cv.mm(1.6)
        y = origin.y() - bar_h - cv.mm(3.2)
        p.setPen(cv.pen(0.2))
        for i in range(4):
            seg = QRectF(origin.x() + i * bar_w / 4, y, bar_w / 4, bar_h)
            p.fillRect(seg, BLACK if i % 2 == 0 else WHITE)
            p.drawRect(seg)
        small = cv.font(6)
        for value, x in ((0, origin.x()), (length_m, origin.x() + bar_w)):
            t = cv.text(f"{value:g} m", small, cv.mm(14), Qt.AlignmentFlag.AlignHCenter)
            t.draw(p, x - cv.mm(7), y + bar_h + cv.mm(0.3))
        caption = (f"{self.L['scale'].both()} 1:{denominator:,.0f} "
                   f"({self.L['at_100'].both()})")
        t = cv.text(caption, small, cv.mm(70))
        t.draw(p, origin.x() + bar_w + cv.mm(5), y - cv.mm(1.0))

    def _no_polygon(self, cv: Canvas, p: QPainter, box: QRectF) -> None:
        t = cv.text(self.L["no_polygon"].both("\n"), cv.font(11, bold=True), box.width(),
                    Qt.AlignmentFlag.AlignHCenter)
        t.draw(p, box.left(), box.center().y() - t.height / 2)
