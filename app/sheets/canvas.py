"""Drawing helpers shared by the sheet's parts: millimetres to device pixels, the two-script font,
wrapped text laid out once (measured, then drawn), and black-and-white fill patterns.

Works on any QPagedPaintDevice (QPdfWriter for files, QPrinter for the print dialog), so the
sheet has one layout code path. Thread: GUI (or the thread that owns the QGuiApplication).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGlyphRun,
    QPagedPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
    QRawFont,
    QTextCharFormat,
    QTextFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from ..qt_fonts import load_khmer_font

# Latin faces tried in order; Khmer glyphs always come from the bundled Noto Sans Khmer.
LATIN_FAMILIES = ("Noto Sans", "DejaVu Sans", "Arial", "Helvetica", "Liberation Sans", "Segoe UI")

_RUN_FLAGS = (QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
              | QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphPositions
              | QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes)
_PLAIN = re.compile(r"[0-9 ,.:/\-–]+\Z")  # figures and dates: no letter, so nothing to shape

BLACK = QColor(0, 0, 0)
WHITE = QColor(255, 255, 255)
SHADE = QColor(225, 225, 225)  # table headers: prints as a light even grey in black and white
ZEBRA = QColor(244, 244, 244)


# What a run of the Khmer face says: its characters, and its glyphs in drawing order (which
# app.sheets.pdftext matches with the glyph codes Qt wrote, to complete the font's ToUnicode map).
Spoken = tuple[str, tuple[int, ...]]


@dataclass
class Text:
    """A laid-out block of text: measured once, drawn at any position, any number of times.

    Drawn glyph run by glyph run (`QPainter.drawGlyphRun`) rather than through the layout, so
    that each run of the bundled Khmer face is known with the characters it shows: the canvas
    records them page by page, and `app.sheets.pdftext` gives them to the PDF as ActualText.
    """

    width: float  # of the column it was laid out in
    height: float
    natural_width: float  # of its widest line
    runs: list[tuple[QGlyphRun, Spoken | None]]  # (run, what it says when drawn in the Khmer face)
    canvas: Canvas

    def draw(self, p: QPainter, x: float, y: float) -> None:
        at = QPointF(x, y)
        spoken = self.canvas.spoken
        for run, said in self.runs:
            if said is not None:
                spoken.append(said)
            p.drawGlyphRun(at, run)


class Canvas:
    """Units, fonts and text for one paint device.

    `spoken` collects, page by page, what every run drawn in the bundled Khmer face says
    (its characters and glyphs), in drawing order (`start_page()` opens the next page's list):
    what `app.sheets.pdftext.add_actual_text` needs to make the PDF's Khmer extract as written."""

    def __init__(self, device: QPagedPaintDevice) -> None:
        self.device = device
        dpi = device.resolution() if hasattr(device, "resolution") else device.logicalDpiX()
        self.px_per_mm = dpi / 25.4
        self.khmer = load_khmer_font()
        available = set(QFontDatabase.families())
        self.latin = next((f for f in LATIN_FAMILIES if f in available), None)
        self.families = [self.latin, self.khmer] if self.latin else [self.khmer]
        self._fonts: dict[tuple[float, bool, bool], QFont] = {}
        self._texts: dict[tuple[str, int, float, Qt.AlignmentFlag], Text] = {}
        self._layouts: list[QTextLayout] = []
        self._plain_faces: dict[int, tuple[QRawFont, float, float] | None] = {}
        self._advances: dict[int, dict[int, float]] = {}
        self._positions: dict[tuple, QGlyphRun] = {}  # face and positions of plain texts (`_plain`)
        self._raw: dict[tuple[str, int], QRawFont] = {}
        self._has: dict[tuple[str, str], bool] = {}
        self._cmap: dict[str, int] = {}  # the Khmer face's glyph of each character
        self._fine: set[str] = set()  # characters both faces draw alike (`_isolate`)
        self._pens: dict[tuple[float, Qt.PenStyle, int], QPen] = {}
        self.pages: list[list[Spoken]] = [[]]
        self.spoken = self.pages[0]
        # Glyphs of the Khmer face that no character maps to (subscripts, ligatures, contextual
        # forms), with the characters they show, as far as the clusters tell (`_learn`).
        self.glyph_text: dict[int, str] = {}

    def start_page(self) -> None:
        """The runs drawn from now on are on the next page (the first page needs no call)."""
        self.spoken = []
        self.pages.append(self.spoken)

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
            # No Latin ligatures: "ﬁ" would extract from the PDF as one character, so a search
            # for "Confirmed" would miss it. Noto Sans Khmer shapes without `liga` (checked on
            # every name of the gazetteer and every label: the same glyphs with it off).
            f.setFeature(QFont.Tag("liga"), 0)
            self._fonts[key] = f
        return f

    def text(self, text: str, font: QFont, width: float,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> Text:
        """Lay out `text` in `width` device pixels: wraps at spaces, and inside a word only when
        one word is wider than the column (a long team name), so nothing runs past its cell.

        Laid out once per text, font, width and alignment: a table repeats the same cells
        (teams, activities, "0") on every row, and a laid-out text can be drawn anywhere."""
        key = (text, id(font), width, align)
        hit = self._texts.get(key)
        if hit is None:
            hit = self._texts[key] = (self._plain(text, font, width, align)
                                      or self._laid_out(text, font, width, align))
        return hit

    def _laid_out(self, text: str, font: QFont, width: float, align: Qt.AlignmentFlag) -> Text:
        s = text.replace("\n", "\u2028")
        layout = QTextLayout(s, font, self.device)
        opt = QTextOption(align)
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(opt)
        if not s.isascii():
            isolated = self._isolate(s)
            if isolated:
                layout.setFormats(isolated)
        layout.beginLayout()
        y = 0.0
        natural = 0.0
        lines = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 1.0))
            line.setPosition(QPointF(0, y))
            y += line.height()
            natural = max(natural, line.naturalTextWidth())
            lines.append(line)
        layout.endLayout()
        runs = self._runs(s, lines)
        self._layouts.append(layout)  # the runs' glyphs belong to it: keep it while they are drawn
        return Text(width, y, natural, runs, self)

    def _plain(self, text: str, font: QFont, width: float, align: Qt.AlignmentFlag) -> Text | None:
        """Dates and figures ("2025-06-30", "1,250", "–") without a QTextLayout: one line of the
        Latin face's glyphs at their advances, which is what the layout gives them (no letters:
        no kerning, no ligature, no shaping). None when the text is not that simple or does not
        fit on one line. Checked once per font against the layout (`_plain_face`)."""
        if not _PLAIN.match(text) or not text:
            return None
        face = self._plain_face(font)
        if face is None:
            return None
        raw, ascent, height = face
        glyphs = raw.glyphIndexesForString(text)
        known = self._advances.get(id(font))
        if known is None:
            known = self._advances[id(font)] = {}
        try:
            widths = tuple(map(known.__getitem__, glyphs))
        except KeyError:
            new = [g for g in glyphs if g not in known]
            for g, a in zip(new, raw.advancesForGlyphIndexes(new)):
                known[g] = a.x()
            widths = tuple(map(known.__getitem__, glyphs))
        natural = sum(widths)
        if natural > width:
            return None
        # Dates and most figures share their advances ("2025-06-30" and "2024-11-02" alike):
        # a run with their face and positions is built once, and each text gets a copy of it
        # with its own glyphs (half the cost of a new run set up from scratch).
        key = (id(font), width, align, widths)
        shaped = self._positions.get(key)
        if shaped is None:
            if align & Qt.AlignmentFlag.AlignRight:
                x = width - natural
            elif align & Qt.AlignmentFlag.AlignHCenter:
                x = (width - natural) / 2
            else:
                x = 0.0
            positions = []
            for w in widths:
                positions.append(QPointF(x, ascent))
                x += w
            shaped = self._positions[key] = QGlyphRun()
            shaped.setRawFont(raw)
            shaped.setPositions(positions)
        run = QGlyphRun(shaped)
        run.setGlyphIndexes(glyphs)
        return Text(width, height, natural, [(run, None)], self)

    def _plain_face(self, font: QFont) -> tuple[QRawFont, float, float] | None:
        key = id(font)
        if key in self._plain_faces:
            return self._plain_faces[key]
        sample = "0123456789 -,.:/–"
        laid = self._laid_out(sample, font, 1e6, Qt.AlignmentFlag.AlignLeft)
        face = None
        if len(laid.runs) == 1 and laid.runs[0][0].rawFont().familyName() == self.latin:
            run = laid.runs[0][0]
            raw = run.rawFont()
            glyphs = raw.glyphIndexesForString(sample)
            advances = raw.advancesForGlyphIndexes(glyphs)
            ascent = run.positions()[0].y()
            x, same = 0.0, list(run.glyphIndexes()) == list(glyphs)
            for pos, a in zip(run.positions(), advances):
                same = same and abs(pos.x() - x) < 0.01 and abs(pos.y() - ascent) < 0.01
                x += a.x()
            if same:
                face = (raw, ascent, laid.height)
        self._plain_faces[key] = face
        return face

    # --- every Khmer character in the bundled face, and known by its characters ---------------

    def _supports(self, family: str, ch: str) -> bool:
        key = (family, ch)
        hit = self._has.get(key)
        if hit is None:
            hit = self._has[key] = self._raw_font(family, 0).supportsCharacter(ord(ch))
        return hit

    def _raw_font(self, family: str, pixel_size: int) -> QRawFont:
        raw = self._raw.get((family, pixel_size))
        if raw is None:
            f = QFont(family)
            f.setPixelSize(max(pixel_size, 1))
            raw = QRawFont.fromFont(f)
            if pixel_size:
                raw.setPixelSize(pixel_size)
            self._raw[(family, pixel_size)] = raw
        return raw

    def _isolate(self, s: str) -> list[QTextLayout.FormatRange]:
        """Characters that the face of their script lacks (the "²" of "ម²" in a Khmer run: Noto
        Sans Khmer has no superscripts) are made runs of their own. Left in a run, Qt would
        draw them from a system font (Khmer OS, where installed), and the run's glyphs would
        no longer say which characters they show; alone, `_runs` draws them in the Latin
        face."""
        # Khmer letters are all in the Khmer face and ASCII letters in the Latin one; anything
        # else that both faces have is drawn right whichever script it falls in.
        fine = self._fine
        doubtful = [i for i, ch in enumerate(s) if ch not in fine and not self._is_fine(ch)]
        if not doubtful:
            return []
        script = _scripts(s)
        ranges = []
        for i in doubtful:
            ch = s[i]
            family = self.khmer if script[i] else self.latin
            if family is None or self._supports(family, ch):
                continue
            r = QTextLayout.FormatRange()
            r.start, r.length = i, 1
            fmt = QTextCharFormat()
            fmt.setProperty(QTextFormat.Property.UserProperty, i)  # never merged with a neighbour
            r.format = fmt
            ranges.append(r)
        return ranges

    def _is_fine(self, ch: str) -> bool:
        """Whether `ch` is drawn right whichever script it falls in (remembered in `_fine`)."""
        fine = (ch.isspace() or _is_khmer(ch) or ("a" <= ch.lower() <= "z")
                or (self._supports(self.khmer, ch)
                    and (self.latin is None or self._supports(self.latin, ch))))
        if fine:
            self._fine.add(ch)
        return fine

    def _runs(self, s: str, lines: list[QTextLine]) -> list[tuple[QGlyphRun, Spoken | None]]:
        flags = _RUN_FLAGS
        out: list[tuple[QGlyphRun, Spoken | None]] = []
        for line in lines:
            first, count = line.textStart(), line.textLength()
            runs = [r for r in line.glyphRuns(first, count, flags) if r.glyphIndexes()]
            starts = sorted({min(r.stringIndexes()) for r in runs if r.stringIndexes()})
            end_of_line = first + count
            for run in runs:
                idx = run.stringIndexes()
                if idx:
                    start = min(idx)
                    after = [x for x in starts if x > start]
                    chars = s[start:after[0] if after else end_of_line].rstrip("\u2028")
                else:
                    chars = ""
                family = run.rawFont().familyName()
                if family == self.khmer:
                    glyphs = tuple(run.glyphIndexes())
                    self._learn(run, s, glyphs, idx, start + len(chars))
                    out.append((run, (chars, glyphs)))
                elif family == self.latin:
                    out.append((run, None))
                else:
                    out.append(self._replace(run, chars))
        return out

    def _learn(self, run: QGlyphRun, s: str, glyphs: tuple[int, ...], idx: list[int], end: int) -> None:
        """Which characters the glyphs of a Khmer run show that the font's character map does
        not say: in each cluster (glyphs sharing a string index), the characters left once the
        mapped glyphs and the glyphs already learnt are accounted for go to the one glyph still
        unknown (ន្លឹ: ន and ឹ are mapped, so the subscript glyph is ្ល). Clusters with two
        unknown glyphs teach nothing. Only for readers that ignore ActualText."""
        if len(idx) != len(glyphs):
            return
        raw = run.rawFont()
        known = self.glyph_text
        starts = sorted(set(idx))
        for k, start in enumerate(starts):
            stop = starts[k + 1] if k + 1 < len(starts) else end
            left = list(s[start:stop])
            unknown = []
            for g, i in zip(glyphs, idx):
                if i != start:
                    continue
                said = known.get(g)
                if said is None:
                    said = self._mapped(raw, g, s[start:stop])
                if said is None:
                    unknown.append(g)
                    continue
                for ch in said:
                    if ch in left:
                        left.remove(ch)
            if len(unknown) == 1 and left and unknown[0] not in known:
                known[unknown[0]] = "".join(left)

    def _mapped(self, raw: QRawFont, glyph: int, chars: str) -> str | None:
        """The character of `chars` whose glyph in the font's character map is `glyph`."""
        for ch in chars:
            g = self._cmap.get(ch)
            if g is None:
                found = raw.glyphIndexesForString(ch)
                g = self._cmap[ch] = found[0] if len(found) == 1 else -1
            if g == glyph:
                return ch
        return None

    def _replace(self, run: QGlyphRun, chars: str) -> tuple[QGlyphRun, Spoken | None]:
        """A run Qt took from a system font: drawn again from the Latin face, or the bundled
        Khmer one, when it has every character (unshaped: these are symbols, not Khmer words)."""
        size = run.rawFont().pixelSize()
        for family in (self.latin, self.khmer):
            if not family or not chars or not all(self._supports(family, c) for c in chars):
                continue
            raw = self._raw_font(family, int(round(size)))
            glyphs = raw.glyphIndexesForString(chars)
            advances = raw.advancesForGlyphIndexes(glyphs)
            origin = run.positions()[0]
            x = origin.x()
            positions = []
            for adv in advances:
                positions.append(QPointF(x, origin.y()))
                x += adv.x()
            new = QGlyphRun()
            new.setRawFont(raw)
            new.setGlyphIndexes(glyphs)
            new.setPositions(positions)
            return new, ((chars, tuple(glyphs)) if family == self.khmer else None)
        return run, None

    def pen(self, width_mm: float = 0.2, style: Qt.PenStyle = Qt.PenStyle.SolidLine,
            color: QColor = BLACK) -> QPen:
        """A pen of this width, style and colour, made once per canvas: every page's header,
        footer and table rules ask for the same few (about 900 a five-year sheet). The painter
        copies a pen it is given, so the one made is never changed."""
        key = (width_mm, style, color.rgba())
        pen = self._pens.get(key)
        if pen is None:
            pen = QPen(color)
            pen.setWidthF(self.mm(width_mm))
            pen.setStyle(style)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            self._pens[key] = pen
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


def _is_khmer(ch: str) -> bool:
    return "\u1780" <= ch <= "\u17ff" or "\u19e0" <= ch <= "\u19ff"


def _scripts(s: str) -> list[bool]:
    """For each character, whether Qt will shape it as Khmer: Khmer letters and marks are,
    other letters and marks are not, and the rest (spaces, digits, punctuation, "²") go with
    the letter before them (the first ones with the letter after), as Unicode's script runs do."""
    strong: list[bool | None] = []
    for ch in s:
        if _is_khmer(ch):
            strong.append(True)
        elif unicodedata.category(ch)[0] in "LM":
            strong.append(False)
        else:
            strong.append(None)
    out: list[bool] = []
    last = next((k for k in strong if k is not None), False)
    for k in strong:
        if k is not None:
            last = k
        out.append(last)
    return out


def _rect_path(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    path.addRect(rect)
    return path
