"""Make the Khmer of a sheet's PDF extract as written: ActualText for each run of the Khmer face.

Why: Qt's PDF writer (QPdfEngine) embeds each glyph with a ToUnicode map built from the font's
character map, which is right for Latin and wrong for shaped Khmer. A cluster such as ន្លឹ is
drawn with glyphs that no character maps to (the subscript ្ល, the ligature តា), so they extract
as nothing, and a vowel written before its consonant (េ in ខេត្ត) extracts before it. pdftotext gave
"សនឹ កទី ង" for "សន្លឹកទីតាំង". Qt has the code for the fix, disabled ("#### implement actual text
for complex languages", `#if 0` in qpdf.cpp's drawTextItem). The PDF standard's answer is a
marked-content span, `/Span << /ActualText (text) >> BDC ... EMC`, around the glyphs: readers
that honour it (poppler's pdftotext and every poppler viewer, Acrobat, Chromium) extract,
search and copy the text as written, and the page looks exactly as before.

How: `app.sheets.canvas` draws text glyph run by glyph run and records, per page and in drawing
order, the characters of every run drawn in the bundled Khmer face. Qt writes each run as one
text object (`BT /Fn size Tf ... Tm`, one `x y Td <glyph> Tj` line per glyph, `ET`; a
synthesized bold repeats the glyphs inside its own empty ActualText span). This module reads the
PDF Qt wrote, finds the text objects set in the Khmer font on each page, checks that there are as
many as runs were recorded, wraps each one's glyphs (the first pass only, so spans never nest) in
an ActualText span with the recorded characters, and writes the file again with a new
cross-reference table. It only reads what Qt itself writes (one xref section, Flate content
streams whose length is an indirect object); anything else, or a count that does not match, leaves
the file as Qt wrote it and says so in the log: a sheet is never lost for its text layer.

Readers that ignore ActualText (pypdf, pdf.js in Firefox, Apple Preview) still read Qt's
glyph map, as before. Regular expressions over Qt's own output, and ISA-L's deflate (`isal`, the
zlib format at several times zlib's speed) for its content streams.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from isal import isal_zlib as deflate

log = logging.getLogger(__name__)

KHMER_BASE_FONT = b"NotoSansKhmer"  # the PostScript name of the bundled face starts so

_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])\s{0,2}")
_OBJ_HEAD = re.compile(rb"(\d+) 0 obj\s")
# Compression of the rewritten content streams (every page's: the header's Khmer is on each).
# Measured on the five-year sheet (81 pages, 7.8 MB of content): zlib level 3 took 35 ms and
# gave 700 KB; ISA-L level 1 takes 7 ms for 679 KB, and inflates Qt's streams in half zlib's time.
LEVEL = 1

_GLYPH = re.compile(rb"<([0-9A-Fa-f]{1,4})> Tj\n")
_RANGE = re.compile(rb"^<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]{4})> [<\[]", re.M)
_CHAR = re.compile(rb"^<([0-9A-Fa-f]{4})> <[0-9A-Fa-f]+>$", re.M)


class NotQtPdf(ValueError):
    """The file is not laid out as Qt's PDF writer lays it out; it is left unchanged."""


Said = str | tuple[str, tuple[int, ...]]  # a run's characters, or (characters, glyphs drawn)


def add_actual_text_file(path: str | Path, pages: list[list[Said]],
                         glyph_text: dict[int, str] | None = None) -> bool:
    """Rewrite the PDF at `path` in place with the Khmer runs' ActualText; True when done.

    Never raises for a PDF it cannot read: the file stays as Qt wrote it (logged)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.warning("Khmer text layer not added to %s: %s", path, exc)
        return False
    try:
        out = add_actual_text(data, pages, glyph_text)
    except NotQtPdf as exc:
        log.warning("Khmer text layer not added to %s: %s", path, exc)
        return False
    if out is not data:
        path.write_bytes(out)
    return True


def add_actual_text(pdf: bytes, pages: list[list[Said]],
                    glyph_text: dict[int, str] | None = None) -> bytes:
    """The PDF with an ActualText span on every text object of the Khmer face, page by page in
    the order of `pages` (each page: its Khmer runs in drawing order, each its characters, or
    its characters and the glyphs it drew). Returns `pdf` itself when there is no Khmer to
    mark. Raises NotQtPdf.

    With the glyphs and `glyph_text` (the characters that glyphs outside the font's character
    map show: subscripts, ligatures), the Khmer font's ToUnicode map also gets those glyphs,
    for readers that ignore ActualText: they then read every character, though a vowel written
    before its consonant still comes first."""
    if not any(pages):
        return pdf
    objects, trailer, header = _objects(pdf)
    khmer = {num for num, body in objects.items()
             if b"/Subtype /Type0" in body[:400] and b"/BaseFont /" + KHMER_BASE_FONT in body[:400]}
    kids = _page_objects(objects, trailer)
    if len(kids) != len(pages):
        raise NotQtPdf(f"{len(kids)} pages in the file, {len(pages)} painted")
    replaced: dict[int, bytes] = {}
    codes: dict[int, dict[int, int]] = {}  # font object -> glyph code in the PDF -> font's glyph
    seen: set[tuple[int, bytes, tuple[int, ...]]] = set()  # runs noted in `codes` already
    for number, (page, spoken) in enumerate(zip(kids, pages), 1):
        if not spoken:
            continue
        body = objects[page]
        contents = _ref(body, b"/Contents")
        names = _font_names(objects[_ref(body, b"/Resources")], khmer)
        stream_obj = objects[contents]
        head, raw, tail, length_obj = _stream(stream_obj)
        try:
            content = deflate.decompress(raw)
        except deflate.error as exc:
            raise NotQtPdf(f"page {number}: content stream is not Flate ({exc})") from exc
        marked, count = _mark(content, names, spoken, codes, seen) if names else (content, 0)
        if count != len(spoken):
            raise NotQtPdf(f"page {number}: {count} Khmer text objects, {len(spoken)} runs painted")
        packed = deflate.compress(marked, LEVEL)
        replaced[contents] = head + packed + tail
        if length_obj is not None:
            replaced[length_obj] = b"%d 0 obj\n%d\nendobj\n" % (length_obj, len(packed))
    if glyph_text:
        for font, by_code in codes.items():
            cmap = _to_unicode(objects, font, by_code, glyph_text)
            if cmap is not None:
                replaced[cmap[0]] = cmap[1]
    return _write(pdf[:header], objects, replaced, trailer)


@lru_cache(maxsize=4096)
def _utf16_hex(text: str) -> bytes:
    return b"FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii")


def _heads(content: bytes, names: dict[bytes, int]) -> list[re.Match[bytes]]:
    """The heads of the Khmer face's text objects ("BT", its font, its matrix), in file order.

    Found with `bytes.find` on "BT\\n/Fn " (memchr speed) and each checked in place by the
    pattern, not by a regular expression scanning the whole stream: the five-year sheet's
    81 pages hold 7.7 MB of content, 27,000 text objects, a few hundred of them Khmer, and the
    scan took 40 ms of the layer's 70 (load 7). The same heads as `finditer` (a head is "BT",
    a newline and one line, so two never overlap; tests/sheets/test_khmer_text.py compares)."""
    head = _head_pattern(tuple(sorted(names)))
    starts: list[int] = []
    for name in names:
        needle = b"BT\n/" + name + b" "
        at = content.find(needle)
        while at >= 0:
            starts.append(at)
            at = content.find(needle, at + len(needle))
    starts.sort()
    found = []
    for at in starts:
        m = head.match(content, at)
        if m is not None:
            found.append(m)
    return found


@lru_cache(maxsize=64)
def _head_pattern(names: tuple[bytes, ...]) -> re.Pattern[bytes]:
    return re.compile(rb"BT\n/(" + b"|".join(names) + rb") [^\n]*Tf [^\n]*Tm\n")


def _mark(content: bytes, names: dict[bytes, int], spoken: list[Said],
          codes: dict[int, dict[int, int]], seen: set[tuple[int, bytes, tuple[int, ...]]] | None = None,
          ) -> tuple[bytes, int]:
    """Wrap the glyphs of each Khmer text object in an ActualText span; returns the new content
    and how many Khmer text objects there were. A text object's first pass of glyphs ends where
    Qt's synthesized bold starts again ("... Tm" then its own empty span) or at ET. Notes in
    `codes` which font glyph each glyph code of the PDF stands for, where the runs say; `seen`
    (shared by a file's pages) skips a run already noted, glyph for glyph: the header's and the
    column heads' Khmer is the same on every page."""
    seen = set() if seen is None else seen
    parts: list[bytes] = []
    at = 0
    count = 0
    for m in _heads(content, names):
        start = m.end()
        end = content.find(b"ET\n", start)
        again = content.find(b" Tm\n", start, end)
        if again >= 0:
            end = content.rfind(b"\n", start, again) + 1
        if end <= start:
            raise NotQtPdf("a Khmer text object without glyphs")
        if count < len(spoken):
            said = spoken[count]
            chars, glyphs = (said, ()) if isinstance(said, str) else said
            parts += (content[at:start], b"/Span << /ActualText <", _utf16_hex(chars),
                      b"> >> BDC\n", content[start:end], b"EMC\n")
            at = end
            if glyphs:
                font = names[m.group(1)]
                key = (font, content[start:end], glyphs)
                if key not in seen:
                    seen.add(key)
                    drawn = _GLYPH.findall(content, start, end)
                    if len(drawn) == len(glyphs):
                        by_code = codes.setdefault(font, {})
                        for code, glyph in zip(drawn, glyphs):
                            by_code.setdefault(int(code, 16), glyph)
        count += 1
    parts.append(content[at:])
    return b"".join(parts), count


def _to_unicode(objects: dict[int, bytes], font: int, by_code: dict[int, int],
                glyph_text: dict[int, str]) -> tuple[int, bytes] | None:
    """The font's ToUnicode stream with the codes Qt left out, when the runs say what they show;
    None when there is nothing to add or the map is not as Qt writes it."""
    try:
        number = _ref(objects[font], b"/ToUnicode")
    except NotQtPdf:
        return None
    body = objects.get(number)
    if body is None or b"/Filter" in body[:200] or b"endcmap" not in body:
        return None
    mapped: set[int] = set()
    for first, last in _RANGE.findall(body):
        mapped.update(range(int(first, 16), int(last, 16) + 1))
    for code in _CHAR.findall(body):
        mapped.add(int(code, 16))
    extra = sorted((code, glyph_text[glyph]) for code, glyph in by_code.items()
                   if code not in mapped and glyph in glyph_text)
    if not extra:
        return None
    lines = []
    for i in range(0, len(extra), 100):  # at most 100 entries a block (the CMap format's limit)
        block = extra[i:i + 100]
        lines.append(b"%d beginbfchar\n" % len(block))
        lines += [b"<%04X> <%s>\n" % (code, text.encode("utf-16-be").hex().upper().encode())
                  for code, text in block]
        lines.append(b"endbfchar\n")
    start = body.find(b"stream\n") + len(b"stream\n")
    end = body.rfind(b"endstream")
    data = body[start:end]
    data = data.replace(b"endcmap", b"".join(lines) + b"endcmap", 1)
    head = re.sub(rb"/Length \d+", b"/Length %d" % len(data), body[:start], count=1)
    return number, head + data + body[end:]


# --- Qt's file layout ------------------------------------------------------------------------

def _objects(pdf: bytes) -> tuple[dict[int, bytes], bytes, int]:
    """Every object's bytes ("N 0 obj ... endobj\\n") by number, in file order; the trailer
    dictionary; where the first object starts (the header ends)."""
    sx = pdf.rfind(b"startxref")
    if sx < 0:
        raise NotQtPdf("no startxref")
    try:
        xref_at = int(pdf[sx + 9:sx + 40].split()[0])
    except (ValueError, IndexError) as exc:
        raise NotQtPdf("unreadable startxref") from exc
    if pdf[xref_at:xref_at + 4] != b"xref":
        raise NotQtPdf("no cross-reference table where startxref points")
    tr = pdf.find(b"trailer", xref_at)
    if tr < 0 or pdf.rfind(b"xref", 0, sx) != xref_at or b"/Prev" in pdf[tr:sx]:
        raise NotQtPdf("more than one cross-reference section")
    head = pdf[xref_at + 4:tr].split(None, 2)
    try:
        first, count = int(head[0]), int(head[1])
    except (ValueError, IndexError) as exc:
        raise NotQtPdf("unreadable cross-reference table") from exc
    entries = _XREF_ENTRY.findall(head[2] if len(head) > 2 else b"")
    if first != 0 or len(entries) != count:
        raise NotQtPdf("cross-reference table with several subsections")
    offsets = sorted((int(off), num) for num, (off, _gen, kind) in enumerate(entries) if kind == b"n")
    objects: dict[int, bytes] = {}
    for i, (off, num) in enumerate(offsets):
        end = offsets[i + 1][0] if i + 1 < len(offsets) else xref_at
        body = pdf[off:end]
        m = _OBJ_HEAD.match(body)
        if m is None or int(m.group(1)) != num:
            raise NotQtPdf(f"object {num} is not where the table says")
        objects[num] = body
    if not offsets:
        raise NotQtPdf("no objects")
    return objects, pdf[tr + 7:sx], offsets[0][0]


def _ref(body: bytes, key: bytes) -> int:
    m = re.search(re.escape(key) + rb"\s+(\d+) 0 R", body)
    if m is None:
        raise NotQtPdf(f"no {key.decode()} reference")
    return int(m.group(1))


def _page_objects(objects: dict[int, bytes], trailer: bytes) -> list[int]:
    root = objects.get(_ref(trailer, b"/Root"))
    if root is None:
        raise NotQtPdf("no catalog")
    pages = objects.get(_ref(root, b"/Pages"))
    if pages is None:
        raise NotQtPdf("no page tree")
    m = re.search(rb"/Kids\s*\[([^\]]*)\]", pages)
    if m is None:
        raise NotQtPdf("no /Kids in the page tree")
    kids = [int(n) for n in re.findall(rb"(\d+) 0 R", m.group(1))]
    if any(b"/Type /Pages" in objects.get(k, b"") for k in kids):
        raise NotQtPdf("nested page tree")
    return kids


def _font_names(resources: bytes, khmer: set[int]) -> dict[bytes, int]:
    m = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
    if m is None:
        return {}
    return {name: int(num) for name, num in re.findall(rb"/(F\d+) (\d+) 0 R", m.group(1))
            if int(num) in khmer}


def _stream(body: bytes) -> tuple[bytes, bytes, bytes, int | None]:
    """(everything up to the data, the data, everything after it, the length object or None)."""
    start = body.find(b"stream\n")
    end = body.rfind(b"endstream")
    if start < 0 or end < 0 or b"/FlateDecode" not in body[:start]:
        raise NotQtPdf("content stream not as Qt writes it")
    start += len(b"stream\n")
    data_end = end - 1 if body[end - 1:end] == b"\n" else end
    m = re.search(rb"/Length\s+(\d+)(\s+0 R)?", body[:start])
    if m is None:
        raise NotQtPdf("content stream without a length")
    if m.group(2) is None:
        raise NotQtPdf("content stream with a direct length")
    return body[:start], body[start:data_end], body[data_end:], int(m.group(1))


def _write(header: bytes, objects: dict[int, bytes], replaced: dict[int, bytes],
           trailer: bytes) -> bytes:
    out = [header]
    pos = len(header)
    offsets: dict[int, int] = {}
    for num in objects:  # file order
        body = replaced.get(num, objects[num])
        offsets[num] = pos
        out.append(body)
        pos += len(body)
    size = max(objects) + 1
    table = [b"xref\n0 %d\n" % size, b"0000000000 65535 f \n"]
    for num in range(1, size):
        if num in offsets:
            table.append(b"%010d 00000 n \n" % offsets[num])
        else:
            table.append(b"0000000000 65535 f \n")
    out.extend(table)
    out.append(b"trailer" + trailer + b"startxref\n%d\n%%%%EOF\n" % pos)
    return b"".join(out)
