"""The site sheet, laid out and painted through Qt's print system.

One layout code path for files and printers: `paint_sheet(data, device)` takes any
QPagedPaintDevice, a QPdfWriter (`write_pdf`, the `safeland sheet` command) or the QPrinter of
the print preview (app/ui/print_sheet.py). Everything is measured first (text laid out once with
the device's own metrics), then paginated, then painted, so "page N of M" is known on every page.

Thread: the one that owns the QGuiApplication (Qt's font and text layout are GUI-thread tools).
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QLineF, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontDatabase,
    QGlyphRun,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintEngine,
    QPainter,
    QPdfWriter,
)

from safeland_core.gcpause import collector_paused

from ..qt_fonts import load_khmer_font
from . import pdftext
from .canvas import BLACK, SHADE, ZEBRA, Canvas, Text
from .labels import Bi, labels
from .pyside_guard import guard as _guard_pyside
from .sketch import Sketch, area_swatch, symbol

if TYPE_CHECKING:  # the data side (SQLAlchemy, pydantic) is imported when a sheet is gathered
    from ..db import Database
    from .data import SheetData

log = logging.getLogger(__name__)

PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 14.0  # office printers print 4-6 mm from the edge; 14 mm leaves room and a hole punch
PDF_DPI = 300

# Fills of the land-release figures (black and white: the pattern says which is which).
RELEASE_FILLS = {"cleared": "solid", "reduced": "cross", "cancelled": "horiz", "remaining": "none"}

# Assets in the daily log: the codes teams write on paper (the key under the title spells them out).
ASSET_SHORT = {"MANUAL": "Manual", "MDD": "MDD", "MDR": "MDR", "MECHANICAL": "Mech.", "EOD": "EOD"}

Painter = Callable[[QPainter, float, float], None]  # draw at (x, y) top-left
# A table row placed on its page: top, the row, its number, its shared cells' merged runs, its
# own cells' runs and Khmer cells (with their offsets in the row).
Placed = tuple[float, "Row", int, list[QGlyphRun], list[tuple[QGlyphRun, float]],
               list[tuple[Text, float]]]


@dataclass
class Block:
    """A piece of the flow that is never split across pages."""

    height: float
    draw: Painter


@dataclass
class Column:
    header: str
    weight: float  # share of the table's width
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


@dataclass
class Row:
    cells: list[Text]
    height: float
    bold: bool = False
    total: bool = False
    # The first `own` cells are this row's alone (the log's date): each is drawn as its own run.
    # The others may be the same as other rows' (the log's team, activity, figures): they are
    # drawn as one glyph run per face, made once for every row that has the same cells.
    own: int = 0


@dataclass
class Table:
    """A table that flows over pages: its title and column headers repeat on each page."""

    title: Bi
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    note: Text | None = None  # a key under the title, printed with the first part only
    empty: str = ""


def ensure_app() -> QGuiApplication:
    """The running application, or a windowless one (offscreen when no platform is set).

    A QApplication rather than a bare QGuiApplication, so that a process which prints a sheet
    first can still open widgets (the print preview, tests) afterwards."""
    _guard_pyside()
    app = QGuiApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app  # type: ignore[return-value]


def prepare() -> None:
    """Start what every sheet needs once per process: the application, the bundled Khmer face,
    the labels in both languages. Optional: the first sheet does it otherwise. Call on the thread
    that will paint, with no other thread importing modules (PySide6's start-up walks
    sys.modules)."""
    ensure_app()
    load_khmer_font()
    labels()
    QFontDatabase.families()


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if abs(value - round(value)) < 0.05 else f"{value:,.1f}"
    return f"{text} {unit}".strip()


class SheetLayout:
    """Measures the sheet for one device and paints it page by page."""

    def __init__(self, data: SheetData, device: QPagedPaintDevice):
        self.d = data
        self.device = device
        self.cv = Canvas(device)
        self.L = labels()
        rect = device.pageLayout().paintRectPixels(int(round(self.cv.px_per_mm * 25.4)))
        self.width = float(rect.width())
        self.page_h = float(rect.height())
        mm = self.cv.mm
        self.gap = mm(3.5)
        self.header = self._header_block()
        self.footer_h = mm(7)
        self.top = self.header.height + mm(3)
        self.bottom = self.page_h - self.footer_h
        self.pages: list[list[tuple[float, Painter]]] = []
        self._widths: dict[int, list[float]] = {}
        self._footer_left = self.t(f"Safeland · {data.reference} · {self.L['printed_on'].en} "
                                   f"{data.printed_on.strftime('%Y-%m-%d %H:%M')}", 7,
                                   self.width * 0.55)  # the same on every page

    # --- small helpers --------------------------------------------------------------------

    def bi(self, key: str, sep: str = " / ") -> str:
        return self.L[key].both(sep)

    def vocab(self, value: str | None, sep: str = " / ") -> str:
        if not value:
            return "–"
        return self.L[value].both(sep) if value in self.L else value

    def t(self, text: str, size: float, width: float, bold: bool = False, italic: bool = False,
          align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> Text:
        return self.cv.text(text, self.cv.font(size, bold, italic), width, align)

    # --- header and footer (every page) --------------------------------------------------

    def _header_block(self) -> Block:
        cv, d, mm, w = self.cv, self.d, self.cv.mm, self.width
        title = self.t(self.bi("title"), 11, w * 0.55, bold=True)
        ref = self.t(d.reference, 13, w * 0.45, bold=True, align=Qt.AlignmentFlag.AlignRight)
        name = self.t(d.name, 10, w, bold=True)
        if d.all_sent:
            hq = self.bi("all_sent")
        else:
            hq = (f"{self.bi('not_all_sent')} — "
                  f"{self.L['drafts_waiting'].arg(d.drafts, d.pending).both()}")
        as_of = d.data_as_of.isoformat() if d.data_as_of else self.bi("no_reports_date")
        cells = [
            [("operator", d.operator, 1), ("unit", d.unit or "–", 1),
             ("hazard_type", self.vocab(d.hazard_type), 1), ("status", self.vocab(d.status), 1)],
            [("printed_on", d.printed_on.strftime("%Y-%m-%d %H:%M"), 1), ("data_as_of", as_of, 1),
             ("hq", hq, 2)],
        ]
        grid: list[tuple[float, list[tuple[float, float, Text, Text, bool]]]] = []
        for line in cells:
            x, laid, height = 0.0, [], 0.0
            for key, value, span in line:
                cw = w / 4 * span
                lab = self.t(self.bi(key), 6.5, cw - mm(2))
                val = self.t(value, 8.5, cw - mm(2), bold=True)
                height = max(height, lab.height + val.height + mm(1.4))
                laid.append((x, cw, lab, val, key == "hq" and not d.all_sent))
                x += cw
            grid.append((height, laid))
        top_h = max(title.height, ref.height)
        total = top_h + name.height + mm(1.5) + sum(h for h, _ in grid)

        def draw(p: QPainter, x0: float, y0: float) -> None:
            title.draw(p, x0, y0 + (top_h - title.height))
            ref.draw(p, x0 + w * 0.55, y0)
            y = y0 + top_h
            name.draw(p, x0, y)
            y += name.height + mm(1.5)
            for height, laid in grid:
                for x, cw, lab, val, alarm in laid:
                    box = QRectF(x0 + x, y, cw, height)
                    p.setPen(cv.pen(0.9 if alarm else 0.2))
                    p.drawRect(box.adjusted(mm(0.45), mm(0.45), -mm(0.45), -mm(0.45)) if alarm else box)
                    lab.draw(p, x0 + x + mm(1), y + mm(0.5))
                    val.draw(p, x0 + x + mm(1), y + mm(0.7) + lab.height)
                y += height

        return Block(total, draw)

    def _footer(self, p: QPainter, page: int, pages: int) -> None:
        cv, mm = self.cv, self.cv.mm
        y = self.page_h - self.footer_h + mm(2)
        p.setPen(cv.pen(0.2))
        p.drawLine(QLineF(0, y - mm(1), self.width, y - mm(1)))
        left = self._footer_left
        right = self.t(self.L["page"].arg(page, pages).both(), 7.5, self.width * 0.45, bold=True,
                       align=Qt.AlignmentFlag.AlignRight)
        left.draw(p, 0, y)
        right.draw(p, self.width * 0.55, y)

    # --- page 1 parts ----------------------------------------------------------------------

    def _section_title(self, text: str, width: float | None = None) -> Text:
        return self.t(text, 9.5, width or self.width, bold=True)

    def _title_block(self, text: str) -> Block:
        t = self._section_title(text)
        mm = self.cv.mm

        def draw(p: QPainter, x: float, y: float) -> None:
            t.draw(p, x, y)
            p.setPen(self.cv.pen(0.35))
            p.drawLine(QLineF(x, y + t.height + mm(0.3), x + self.width, y + t.height + mm(0.3)))

        return Block(t.height + mm(1.2), draw)

    def _location_block(self) -> Block:
        mm, w = self.cv.mm, self.width
        by_level = {pl.level: pl for pl in self.d.places}
        cw = w / 4
        cells = []
        for level in ("province", "district", "commune", "village"):
            pl = by_level.get(level)
            lab = self.t(self.bi(level), 6.5, cw - mm(2))
            if pl:
                km = self.t(pl.name_kh, 10, cw - mm(2))
                en = self.t(f"{pl.name_en}  ({pl.code})", 8.5, cw - mm(2), bold=True)
            else:
                km = self.t("", 10, cw - mm(2))
                en = self.t(self.bi("not_recorded"), 7.5, cw - mm(2), italic=True)
            cells.append((lab, km, en))
        h = max(a.height + b.height + c.height for a, b, c in cells) + mm(1.5)

        def draw(p: QPainter, x0: float, y0: float) -> None:
            p.setPen(self.cv.pen(0.2))
            for i, (lab, km, en) in enumerate(cells):
                x = x0 + i * cw
                p.drawRect(QRectF(x, y0, cw, h))
                lab.draw(p, x + mm(1), y0 + mm(0.5))
                km.draw(p, x + mm(1), y0 + mm(0.5) + lab.height)
                en.draw(p, x + mm(1), y0 + mm(0.5) + lab.height + km.height)

        return Block(h, draw)

    def _sketch_and_release(self) -> Block:
        cv, mm, w, d = self.cv, self.cv.mm, self.width, self.d
        left_w = w * 0.56
        right_x = left_w + mm(4)
        right_w = w - right_x
        box_h = mm(96)
        sketch_title = self._section_title(self.bi("sketch"), left_w)
        release_title = self._section_title(self.bi("release"), right_w)
        tt = d.totals
        rows = [("area", tt.area_m2, None), ("cleared", tt.cleared_m2, "cleared"),
                ("reduced", tt.reduced_m2, "reduced"), ("cancelled", tt.cancelled_m2, "cancelled"),
                ("remaining", tt.remaining_m2, "remaining")]
        swatch = mm(3.5)
        label_w = right_w * 0.56 - swatch - mm(2)
        laid_rows = []
        for key, value, fill in rows:
            lab = self.t(self.bi(key), 7.5, label_w, bold=key in ("area", "remaining"))
            val = self.t(_num(value, "m²") + (f"\n{value / 10_000:,.2f} ha" if value else ""), 8,
                         right_w * 0.44 - mm(1), bold=True, align=Qt.AlignmentFlag.AlignRight)
            laid_rows.append((lab, val, fill, max(lab.height, val.height) + mm(1)))
        pct = tt.percent_released
        pct_text = (f"{self.bi('released')}: {pct:.1f} %" if pct is not None else self.bi("area_unknown"))
        pct_t = self.t(pct_text, 9 if pct is not None else 7.5, right_w, bold=True)
        stats = self.t(
            f"{self.L['reports_days'].arg(tt.reports, tt.days_worked).both()}\n"
            f"{self.bi('teams')}: {', '.join(tt.teams) or '–'}", 7, right_w)
        legend_items = [("TURNING", "1"), ("INTERMEDIATE", "3"), ("BENCHMARK", "BM"),
                        ("REFERENCE", "RP"), ("EVIDENCE", "E1")]
        legend = [(kind, lbl, self.t(f"{lbl}  {self.vocab(kind)}", 6.8, right_w - mm(7)))
                  for kind, lbl in legend_items]
        area_leg = self.t(self.bi("hazard_area"), 6.8, right_w - mm(7))
        legend_title = self.t(self.bi("legend"), 7.5, right_w, bold=True)
        sketch = Sketch(d, self.L)

        def draw(p: QPainter, x0: float, y0: float) -> None:
            sketch_title.draw(p, x0, y0)
            release_title.draw(p, x0 + right_x, y0)
            p.setPen(cv.pen(0.35))
            th = max(sketch_title.height, release_title.height)
            p.drawLine(QLineF(x0, y0 + th + mm(0.3), x0 + left_w, y0 + th + mm(0.3)))
            p.drawLine(QLineF(x0 + right_x, y0 + th + mm(0.3), x0 + w, y0 + th + mm(0.3)))
            top = y0 + th + mm(1.5)
            sketch.draw(cv, p, QRectF(x0, top, left_w, box_h))
            # Land release: figures with their pattern, then the bar.
            x, y = x0 + right_x, top
            for lab, val, fill, h in laid_rows:
                if fill:
                    sw = QRectF(x, y + mm(0.4), swatch, swatch)
                    cv.fill(p, sw, RELEASE_FILLS[fill], 0.8)
                    p.setPen(cv.pen(0.2))
                    p.drawRect(sw)
                lab.draw(p, x + swatch + mm(1.5), y)
                val.draw(p, x + right_w * 0.56, y)
                y += h
                p.setPen(cv.pen(0.1))
                p.drawLine(QLineF(x, y - mm(0.5), x + right_w, y - mm(0.5)))
            y += mm(1)
            pct_t.draw(p, x, y)
            y += pct_t.height + mm(0.8)
            if pct is not None and tt.area_m2:
                bar = QRectF(x, y, right_w, mm(6))
                left = bar.left()
                for key, value in (("cleared", tt.cleared_m2), ("reduced", tt.reduced_m2),
                                   ("cancelled", tt.cancelled_m2)):
                    part = min(value / tt.area_m2, 1.0) * bar.width()
                    part = min(part, bar.right() - left)
                    if part > 0:
                        seg = QRectF(left, bar.top(), part, bar.height())
                        cv.fill(p, seg, RELEASE_FILLS[key], 0.8)
                        p.setPen(cv.pen(0.15))
                        p.drawRect(seg)
                        left += part
                p.setPen(cv.pen(0.4))
                p.drawRect(bar)
                # Tick marks every 25 %: the bar reads without the number.
                for q in (0.25, 0.5, 0.75):
                    tx = bar.left() + q * bar.width()
                    p.drawLine(QLineF(tx, bar.bottom(), tx, bar.bottom() + mm(1)))
                y = bar.bottom() + mm(2.5)
            stats.draw(p, x, y)
            y += stats.height + mm(2.5)
            # The sketch's key.
            legend_title.draw(p, x, y)
            y += legend_title.height + mm(0.5)
            sw = QRectF(x + mm(0.5), y + mm(0.3), mm(4.5), mm(3))
            area_swatch(cv, p, sw)
            area_leg.draw(p, x + mm(7), y)
            y += max(area_leg.height, mm(3.6)) + mm(0.4)
            for kind, _lbl, text in legend:
                symbol(cv, p, kind, QPointF(x + mm(2.75), y + text.height / 2))
                text.draw(p, x + mm(7), y)
                y += text.height + mm(0.4)

        height = max(sketch_title.height, release_title.height) + mm(1.5) + box_h
        return Block(height, draw)

    # --- tables ----------------------------------------------------------------------------

    def _cells(self, table: Table, values: list[str], bold: bool = False,
               italic: bool = False, size: float = 7.5) -> Row:
        cv = self.cv
        font = cv.font(size, bold, italic)
        pad = cv.mm(1.6)
        cells = [cv.text(value, font, cw - pad, col.align)
                 for col, cw, value in zip(table.columns, self._col_widths(table), values)]
        return Row(cells, max(c.height for c in cells) + cv.mm(1.0), bold=bold)

    def _col_widths(self, table: Table) -> list[float]:
        key = id(table.columns)
        widths = self._widths.get(key)
        if widths is None:
            total = sum(c.weight for c in table.columns)
            widths = self._widths[key] = [self.width * c.weight / total for c in table.columns]
        return widths

    def _points_table(self) -> Table:
        right = Qt.AlignmentFlag.AlignRight
        # UTM beside latitude and longitude: teams read zone, easting and northing off their GPS
        # and maps (safeland_core.utm, through PROJ). Widths for "Reference point / ..." on two
        # lines at most and "48N 712345 1520345" on one.
        tb = Table(self.L["points"], [
            Column(self.bi("type", "\n"), 2.7), Column(self.bi("number", "\n"), 0.7),
            Column(self.bi("latitude", "\n"), 1.5, right), Column(self.bi("longitude", "\n"), 1.5, right),
            Column(self.bi("utm", "\n"), 2.5, right),
            Column(self.bi("bearing", "\n"), 1.1, right), Column(self.bi("distance", "\n"), 1.2, right)],
            empty=self.bi("no_points"))
        for pt in self.d.points:
            tb.rows.append(self._cells(tb, [
                self.vocab(pt.type), pt.label, f"{pt.lat:.6f}", f"{pt.lon:.6f}", pt.utm,
                f"{pt.bearing_deg:g}" if pt.bearing_deg is not None else "",
                _num(pt.distance_m) if pt.distance_m is not None else ""]))
        return tb

    def _devices_table(self) -> Table:
        right = Qt.AlignmentFlag.AlignRight
        # Widths (of 182 mm on A4) so that each category's full name in both languages (up to
        # 57 mm at 7.5 pt), the catalogue's models (28 mm) and "1,377 × Destroyed at demolition
        # site / ..." (74 mm) stay on one line: a device is one row.
        tb = Table(self.L["devices"], [
            Column(self.bi("category", "\n"), 3.2), Column(self.bi("model", "\n"), 1.7),
            Column(self.bi("quantity", "\n"), 0.9, right), Column(self.bi("disposal", "\n"), 4.2)],
            empty=self.bi("none_found"))
        for dev in self.d.devices:
            ways = "\n".join(f"{q:,} × {self.vocab(way)}" for way, q in dev.disposals)
            tb.rows.append(self._cells(tb, [self.vocab(dev.category), dev.model, f"{dev.quantity:,}", ways]))
        if self.d.devices:
            row = self._cells(tb, [self.bi("total"), "", f"{self.d.totals.devices_total:,}", ""], bold=True)
            row.total = True
            tb.rows.append(row)
        return tb

    def _log_table(self) -> Table:
        right = Qt.AlignmentFlag.AlignRight
        tb = Table(self.L["log"], [
            Column(self.bi("date", "\n"), 1.7), Column(self.bi("team", "\n"), 3.4),
            Column(self.bi("activity", "\n"), 2.2), Column(self.bi("assets", "\n"), 1.8),
            Column(self.bi("cleared_m2", "\n"), 1.5, right), Column(self.bi("reduced_m2", "\n"), 1.5, right),
            Column(self.bi("cancelled_m2", "\n"), 1.5, right),
            Column(self.bi("devices_col", "\n"), 1.3, right),
            Column(self.bi("signed_col", "\n"), 1.4), Column(self.bi("revision", "\n"), 0.7, right)],
            empty=self.bi("no_reports"))
        used = sorted({r.activity for r in self.d.log} | {a for r in self.d.log for a in r.assets}
                      | {r.status for r in self.d.log})
        if used:
            key = " · ".join(
                f"{ASSET_SHORT[k]} = {self.L[k].both()}"
                if k in ASSET_SHORT and ASSET_SHORT[k] != self.L[k].en
                else f"{self.L[k].en} = {self.L[k].km}" for k in used if k in self.L)
            tb.note = self.t(f"{self.bi('legend')}: {key}", 6.5, self.width)
        # Everything but the date repeats from row to row (two teams, a few figures): the cells
        # after the date are laid out once per distinct set of values and shared by its rows.
        cv = self.cv
        widths, pad = self._col_widths(tb), cv.mm(1.6)
        date_col, date_w = tb.columns[0], widths[0] - pad
        rests: dict[tuple, tuple[list[Text], float]] = {}
        sums = [0.0, 0.0, 0.0, 0]
        for r in self.d.log:
            draft = r.status == "DRAFT"
            font = cv.font(7.5, False, draft)
            key = (r.team, r.activity, r.assets, r.cleared_m2, r.reduced_m2, r.cancelled_m2,
                   r.devices, r.status, r.revision)
            rest = rests.get(key)
            if rest is None:
                status = self.L[r.status].en if r.status in self.L else r.status
                values = [
                    r.team, self.L[r.activity].en if r.activity in self.L else r.activity,
                    ", ".join(ASSET_SHORT.get(a, a) for a in r.assets),
                    _num(r.cleared_m2), _num(r.reduced_m2), _num(r.cancelled_m2), f"{r.devices:,}",
                    status.upper() if draft else status, str(r.revision) if r.revision else "–"]
                cells = [cv.text(value, font, cw - pad, col.align)
                         for col, cw, value in zip(tb.columns[1:], widths[1:], values)]
                rest = rests[key] = (cells, max(c.height for c in cells))
            date = cv.text(r.date.isoformat(), font, date_w, date_col.align)
            tb.rows.append(Row([date, *rest[0]], max(date.height, rest[1]) + cv.mm(1.0), own=1))
            sums[0] += r.cleared_m2
            sums[1] += r.reduced_m2
            sums[2] += r.cancelled_m2
            sums[3] += r.devices
        if self.d.log:
            row = self._cells(tb, [self.bi("total"), "", "", "", _num(sums[0]), _num(sums[1]),
                                   _num(sums[2]), f"{sums[3]:,}", "", ""], bold=True)
            row.total = True
            tb.rows.append(row)
        return tb

    def _signatures(self) -> Block:
        cv, mm, w = self.cv, self.cv.mm, self.width
        title = self._section_title(self.bi("signatures"))
        boxes = [("team_leader", 0.4), ("qa_officer", 0.4), ("date", 0.2)]
        box_h = mm(24)
        laid = []
        x = 0.0
        for key, share in boxes:
            bw = w * share
            head = self.t(self.bi(key), 8, bw - mm(2), bold=True)
            lines = ([self.t("", 6.5, bw)] if key == "date" else
                     [self.t(self.bi("name"), 6.5, bw), self.t(self.bi("signature"), 6.5, bw)])
            laid.append((x, bw, head, lines))
            x += bw

        def draw(p: QPainter, x0: float, y0: float) -> None:
            title.draw(p, x0, y0)
            top = y0 + title.height + mm(1)
            for x, bw, head, lines in laid:
                box = QRectF(x0 + x, top, bw, box_h)
                p.setPen(cv.pen(0.3))
                p.drawRect(box)
                head.draw(p, box.left() + mm(1), box.top() + mm(0.6))
                for i, lab in enumerate(lines):
                    ly = box.top() + (mm(17) if len(lines) == 1 else mm(10) + i * mm(7))
                    lab.draw(p, box.left() + mm(1), ly - lab.height)
                    p.setPen(cv.pen(0.15, Qt.PenStyle.DotLine))
                    p.drawLine(QLineF(box.left() + mm(1), ly, box.right() - mm(1), ly))

        return Block(title.height + mm(1) + box_h, draw)

    # --- pagination ------------------------------------------------------------------------

    def _new_page(self) -> float:
        self.pages.append([])
        return self.top

    def _place_block(self, y: float, block: Block) -> float:
        if y + block.height > self.bottom and y > self.top:
            y = self._new_page()
        self.pages[-1].append((y, block.draw))
        return y + block.height + self.gap

    def _place_table(self, y: float, tb: Table) -> float:
        mm, cv = self.cv.mm, self.cv
        widths = self._col_widths(tb)
        header_cells = [self.t(c.header, 6.8, cw - mm(1.6), bold=True, align=c.align)
                        for c, cw in zip(tb.columns, widths)]
        header_h = max(h.height for h in header_cells) + mm(1.2)
        titles = [self._section_title(tb.title.both()),
                  self._section_title(f"{tb.title.both()} ({self.L['continued'].both()})")]
        rows = tb.rows or [Row([self.t(tb.empty, 7.5, self.width - mm(2), italic=True)], mm(6))]
        # The column heads' Latin runs as one run per face (as the rows' shared cells), drawn on
        # every page: 14 runs a page fewer on the log's pages, the same glyphs at the same places.
        head_x, x = [], 0.0
        for cw in widths:
            head_x.append(x + mm(0.8))
            x += cw
        header_latin = _merge(list(zip(header_cells, head_x)))

        def head_painter(title: Text, note: Text | None) -> Painter:
            def draw(p: QPainter, x0: float, y0: float) -> None:
                title.draw(p, x0, y0)
                y1 = y0 + title.height + mm(0.5)
                if note is not None:
                    note.draw(p, x0, y1)
                    y1 += note.height + mm(0.5)
                if not tb.rows:
                    return
                p.fillRect(QRectF(x0, y1, self.width, header_h), SHADE)
                p.setPen(cv.pen(0.2))
                p.drawRect(QRectF(x0, y1, self.width, header_h))
                at = QPointF(x0, y1 + mm(0.6))
                for run in header_latin:
                    p.drawGlyphRun(at, run)
                x = x0
                for cell, cw in zip(header_cells, widths):
                    for run, said in cell.runs:  # the Khmer runs, each known to the text layer
                        if said is not None:
                            cv.spoken.append(said)
                            p.drawGlyphRun(QPointF(x + mm(0.8), y1 + mm(0.6)), run)
                    x += cw
                    p.drawLine(QLineF(x, y1, x, y1 + header_h))
            return draw

        if not tb.rows:
            def empty_painter(row: Row) -> Painter:
                def draw(p: QPainter, x0: float, y0: float) -> None:
                    row.cells[0].draw(p, x0 + mm(1), y0 + mm(0.8))
                return draw

            first_row = rows[0]
            note = tb.note
            head_h = titles[0].height + mm(0.5) + (note.height + mm(0.5) if note else 0)
            if y + head_h + first_row.height > self.bottom and y > self.top:
                y = self._new_page()
            self.pages[-1].append((y, head_painter(titles[0], note)))
            y += head_h
            self.pages[-1].append((y, empty_painter(first_row)))
            return y + first_row.height + self.gap

        pad_x, pad_y = mm(0.8), mm(0.5)
        offsets = [sum(widths[:i]) for i in range(len(widths))]
        thin, heavy = cv.pen(0.12), cv.pen(0.5)

        # A row's cells are drawn as glyph runs (Row.own): its own cells each as its run, the
        # others merged, one run per face for every row with the same cells; a cell with Khmer
        # through Text.draw, which records its Khmer runs for the text layer.
        kinds: dict[int, int] = {}
        merged_runs: dict[tuple[int, ...], list[QGlyphRun]] = {}
        # What a row's cells after its own ones come to (their part of the merged runs' key,
        # their Khmer cells), by those cells: the same for every row that shares them.
        tails: dict[tuple[int, ...], tuple[list[tuple[int, Text]], list[int],
                                           list[tuple[Text, float]]]] = {}

        def sort_cells(cells: list[Text], first: int, own: int
                       ) -> tuple[list[tuple[int, Text]], list[int], list[tuple[Text, float]]]:
            """(cells drawn in the merged runs, their key, cells drawn through Text.draw)."""
            shared: list[tuple[int, Text]] = []
            key: list[int] = []
            khmer: list[tuple[Text, float]] = []
            for i, cell in enumerate(cells, first):
                kind = kinds.get(id(cell))
                if kind is None:
                    kind = kinds[id(cell)] = _cell_kind(cell)
                if kind == _LATIN:
                    if not (i < own and len(cell.runs) == 1):
                        shared.append((i, cell))
                        key += (i, id(cell))
                elif kind == _KHMER:
                    khmer.append((cell, offsets[i] + pad_x))
            return shared, key, khmer

        def place(y: float, row: Row, n: int) -> Placed:
            own: list[tuple[QGlyphRun, float]] = []
            shared: list[tuple[int, Text]] = []
            cells: list[tuple[Text, float]] = []
            key: list[int] = []
            k = row.own
            for i, cell in enumerate(row.cells[:k]):
                kind = kinds.get(id(cell))
                if kind is None:
                    kind = kinds[id(cell)] = _cell_kind(cell)
                if kind == _LATIN and len(cell.runs) == 1:
                    own.append((cell.runs[0][0], offsets[i] + pad_x))
            if len(own) < k:  # an own cell of several runs or with Khmer: drawn as the others
                part = sort_cells(row.cells[:k], 0, k)
                shared, key, cells = list(part[0]), list(part[1]), list(part[2])
            rest = row.cells[k:]
            tail_key = (k, *map(id, rest))
            tail = tails.get(tail_key)
            if tail is None:
                tail = tails[tail_key] = sort_cells(rest, k, k)
            if not key and not cells:  # the usual row (each own cell one run): the tail's lists
                shared, key, cells = tail
            else:
                shared += tail[0]
                key += tail[1]
                cells += tail[2]
            merged = merged_runs.get(tuple(key))
            if merged is None:
                merged = merged_runs[tuple(key)] = _merge([(cell, offsets[i] + pad_x)
                                                           for i, cell in shared])
            return y, row, n, merged, own, cells

        def segment_painter(placed: list[Placed], edges: list[tuple[float, bool]]) -> Painter:
            """One page's part of the table: each row's shading and text, then the rules (a line
            under every row, the heavy one above the total being the row's own, and the column
            lines from the header down), drawn after every row's shading so none hides a line."""
            top = edges[0][0]

            def draw(p: QPainter, x0: float, _y0: float) -> None:
                for y0, row, n, merged, own, cells in placed:
                    if row.total:
                        p.setPen(heavy)
                        p.drawLine(QLineF(x0, y0, x0 + self.width, y0))
                    elif n % 2:
                        p.fillRect(QRectF(x0, y0, self.width, row.height), ZEBRA)
                    p.setPen(BLACK)
                    y = y0 + pad_y
                    at = QPointF(x0, y)
                    for run in merged:
                        p.drawGlyphRun(at, run)
                    for run, dx in own:
                        p.drawGlyphRun(QPointF(x0 + dx, y), run)
                    for cell, dx in cells:
                        cell.draw(p, x0 + dx, y)
                bottom = edges[-1][0]
                lines = [QLineF(x0, y, x0 + self.width, y) for y, total in edges if not total]
                lines.extend(QLineF(x0 + off, top, x0 + off, bottom) for off in offsets)
                lines.append(QLineF(x0 + self.width, top, x0 + self.width, bottom))
                p.setPen(thin)
                p.drawLines(lines)
            return draw

        first = True
        edges: list[tuple[float, bool]] = []
        placed: list[Placed] = []
        for n, row in enumerate(rows):
            note = tb.note if first else None
            head_h = (titles[0 if first else 1].height + mm(0.5)
                      + (note.height + mm(0.5) if note else 0) + header_h)
            starts = first or y + row.height > self.bottom
            if starts:
                if edges:
                    self.pages[-1].append((0.0, segment_painter(placed, edges)))
                # A head never sits alone at the bottom: it goes with at least one row.
                if y + head_h + row.height > self.bottom and y > self.top:
                    y = self._new_page()
                self.pages[-1].append((y, head_painter(titles[0 if first else 1], note)))
                y += head_h
                edges, placed = [(y, False)], []
                first = False
            placed.append(place(y, row, n))
            if row.total:
                edges[-1] = (edges[-1][0], True)
            y += row.height
            edges.append((y, False))
        self.pages[-1].append((0.0, segment_painter(placed, edges)))
        return y + self.gap

    def paginate(self) -> int:
        y = self._new_page()
        y = self._place_block(y, self._title_block(self.bi("location")))
        y = self._place_block(y, self._location_block())
        y = self._place_block(y, self._sketch_and_release())
        for table in (self._points_table(), self._devices_table(), self._log_table()):
            y = self._place_table(y, table)
        self._place_block(y, self._signatures())
        return len(self.pages)

    def paint(self, painter: QPainter, new_page: Callable[[], bool]) -> None:
        total = len(self.pages)
        for n, items in enumerate(self.pages, 1):
            if n > 1:
                new_page()
                self.cv.start_page()
            self.header.draw(painter, 0, 0)
            painter.setPen(self.cv.pen(0.6))
            hy = self.header.height + self.cv.mm(1.2)
            painter.drawLine(QLineF(0, hy, self.width, hy))
            for y, draw in items:
                draw(painter, 0, y)
            self._footer(painter, n, total)


_EMPTY, _LATIN, _KHMER = range(3)


def _cell_kind(cell: Text) -> int:
    """How a table cell is drawn (`_place_table`): not at all, as glyph runs (none of them in
    the Khmer face), or through Text.draw (a run in the Khmer face, recorded for the text layer)."""
    if not cell.runs:
        return _EMPTY
    return _KHMER if any(said is not None for _, said in cell.runs) else _LATIN


def _merge(cells: list[tuple[Text, float]]) -> list[QGlyphRun]:
    """The glyph runs of several cells as one run per face, each glyph at its own place; runs
    of the Khmer face (those that say what they show) are left out, for the caller to draw."""
    faces: list[tuple[object, list[int], list[QPointF]]] = []
    for cell, dx in cells:
        for run, said in cell.runs:
            if said is not None:
                continue
            raw = run.rawFont()
            face = next((f for f in faces if f[0] == raw), None)
            if face is None:
                face = (raw, [], [])
                faces.append(face)
            face[1].extend(run.glyphIndexes())
            face[2].extend(QPointF(pt.x() + dx, pt.y()) for pt in run.positions())
    out = []
    for raw, glyphs, positions in faces:
        run = QGlyphRun()
        run.setRawFont(raw)
        run.setGlyphIndexes(glyphs)
        run.setPositions(positions)
        out.append(run)
    return out


def paint_sheet(data: SheetData, device: QPagedPaintDevice) -> int:
    """Lay out and paint the sheet on a QPdfWriter or a QPrinter; returns the page count.

    A QPrinter printing to a PDF file (the print dialog's "Print to File (PDF)") gets the
    Khmer text layer too (app.sheets.pdftext), once Qt has finished the file."""
    layout, engine = _paint(data, device)
    output = getattr(device, "outputFileName", None)  # QPrinter only
    # Printed to a PDF file, not previewed (the preview paints the same printer, on its own engine).
    if output is not None and output() and engine == QPaintEngine.Type.Pdf:
        pdftext.add_actual_text_file(output(), layout.cv.pages, layout.cv.glyph_text)
    return len(layout.pages)


def _paint(data: SheetData, device: QPagedPaintDevice) -> tuple[SheetLayout, QPaintEngine.Type]:
    with collector_paused():
        return _paint_now(data, device)


def _paint_now(data: SheetData, device: QPagedPaintDevice) -> tuple[SheetLayout, QPaintEngine.Type]:
    _guard_pyside()
    layout = SheetLayout(data, device)
    layout.paginate()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot start painting on the output (is the file writable?)")
    engine = painter.paintEngine().type()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        layout.paint(painter, device.newPage)
    finally:
        painter.end()
    return layout, engine


def page_layout(paper: str = "A4") -> QPageLayout:
    """Portrait, the chosen paper, 14 mm margins all round."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def write_pdf(db: Database, site_reference: str, path: str | Path, paper: str = "A4") -> int:
    """Write the site sheet of `site_reference` to a PDF file; returns the number of pages.

    Raises data.SiteNotFound for an unknown reference (nothing is written), ValueError for an
    unknown paper. The file appears complete or not at all (written beside, then renamed).
    """
    from .data import gather

    layout = page_layout(paper)
    data = gather(db, site_reference)
    return write_sheet(data, path, layout)


def write_sheet(data: SheetData, path: str | Path, layout: QPageLayout | None = None) -> int:
    """Write an already gathered sheet to a PDF file (as `write_pdf`); returns the page count.

    Qt writes the PDF into memory; the Khmer text layer is added (app.sheets.pdftext); the
    file is written beside its final name and renamed, so it appears complete or not at all."""
    ensure_app()
    path = Path(path)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(layout or page_layout("A4"))
    writer.setTitle(f"Site sheet {data.reference}")
    writer.setCreator("Safeland")
    sheet, _engine = _paint(data, writer)
    del writer
    pdf = bytes(buffer.data().data())
    buffer.close()
    try:
        with collector_paused():
            pdf = pdftext.add_actual_text(pdf, sheet.cv.pages, sheet.cv.glyph_text)
    except pdftext.NotQtPdf as exc:
        log.warning("Khmer text layer not added to the sheet of %s: %s", data.reference, exc)
    part = path.with_name(path.name + ".part")
    try:
        part.write_bytes(pdf)
        part.replace(path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return len(sheet.pages)
