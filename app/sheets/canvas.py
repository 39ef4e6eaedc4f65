"""Drawing helpers shared by the sheet's parts: millimetres to device pixels, the two-script font,
wrapped text laid out once (measured, then drawn), and black-and-white fill patterns.

Works on any QPagedPaintDevice (QPdfWriter for files, QPrinter for the print dialog), so the
sheet has one layout code path. Thread: GUI (or the thread that owns the QGuiApplication).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QPagedPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)

from ..qt_fonts import load_khmer_font

# Latin faces tried in order; Khmer glyphs always come from the bundled Noto Sans Khmer.
LATIN_FAMILIES = ("Noto Sans", "DejaVu Sans", "Arial", "Helvetica", "Liberation Sans", "Segoe UI")

BLACK = QColor(0, 0, 0)
WHITE = QColor(255, 255, 255)
SHADE = QColor(225, 225, 225)  # table headers: prints as a light even grey in black and white
ZEBRA = QColor(244, 244, 244)


@dataclass
class Text:
    """A laid-out block of text: measure once, draw at any position."""

    layout: QTextLayout
    width: float
    height: float

    def draw(self, p: QPainter, x: float, y: float) -> None:
        self.layout.draw(p, QPointF(x, y))


class Canvas:
    """Units, fonts and text for one paint device."""

    def __init__(self, device: QPagedPaintDevice) -> None:
        self.device = device
        dpi = device.resolution() if hasattr(device, "resolution") else device.logicalDpiX()
        self.px_per_mm = dpi / 25.4
        khmer = load_khmer_font()
        available = set(QFontDatabase.families())
        latin = next((f for f in LATIN_FAMILIES if f in available), None)
        self.families = [latin, khmer] if latin else [khmer]
        self._fonts: dict[tuple[float, bool, bool], QFont] = {}

    def mm(self, value: float) -> float:
        return value * self.px_per_mm

    def font(self, size_pt: float, bold: bool = False, italic: bool = False) -> QFont:
        key = (size_pt, bold, italic)
        f = self._fonts.get(key)
        if f is None:
            f = QFont()
            f.setFamilies(self.families)
            f.setPointSizeF(size_pt)
            f.setBold(bold)
            f.setItalic(italic)
            # Kerning and hinting off: identical widths on screen preview and in the PDF.
            f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            self._fonts[key] = f
        return f

    def text(self, text: str, font: QFont, width: float,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> Text:
        """Lay out `text` in `width` device pixels: wraps at spaces, and inside a word only when
        one word is wider than the column (a long team name), so nothing runs past its cell."""
        layout = QTextLayout(text.replace("\n", "\u2028"), font, self.device)
        opt = QTextOption(align)
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(opt)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 1.0))
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return Text(layout, width, y)

    def pen(self, width_mm: float = 0.2, style: Qt.PenStyle = Qt.PenStyle.SolidLine,
            color: QColor = BLACK) -> QPen:
        pen = QPen(color)
        pen.setWidthF(self.mm(width_mm))
        pen.setStyle(style)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        return pen

    # --- black-and-white fills: meaning by pattern, never by colour -------------------------

    def fill(self, p: QPainter, shape: QRectF | QPainterPath, kind: str,
             spacing_mm: float = 1.2) -> None:
        """Fill a rectangle or path with 'solid', 'diag' (lines /), 'cross' (lines / and \\),
        'horiz' or nothing ('none'), clipped to the shape."""
        path = shape if isinstance(shape, QPainterPath) else _rect_path(shape)
        if kind == "none":
            return
        if kind == "solid":
            p.fillPath(path, QBrush(BLACK))
            return
        p.save()
        p.setClipPath(path, Qt.ClipOperation.IntersectClip)
        p.setPen(self.pen(0.15))
        box = path.boundingRect()
        step = self.mm(spacing_mm)
        if kind == "horiz":
            y = box.top() + step / 2
            while y < box.bottom():
                p.drawLine(QLineF(box.left(), y, box.right(), y))
                y += step
        else:
            h = box.height()
            for d in ((1, -1) if kind == "cross" else (1,)):
                t = -h
                while t <= box.width():
                    x = box.left() + t
                    if d == 1:  # "/" lines
                        p.drawLine(QLineF(x, box.bottom(), x + h, box.top()))
                    else:  # "\" lines
                        p.drawLine(QLineF(x, box.top(), x + h, box.bottom()))
                    t += step
        p.restore()


def _rect_path(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    path.addRect(rect)
    return path
