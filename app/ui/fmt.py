"""Numbers, areas and dates for display, in the chosen language's QLocale (QLocale.setDefault
is set by i18n.Languages). Thread: GUI.
"""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return QLocale().toString(float(value), "f", decimals)


def area(value_m2: float | None) -> str:
    """m² as stored; hectares beside it when the area is large enough to read better so."""
    if value_m2 is None:
        return "—"
    text = QCoreApplication.translate("Format", "%1 m²").replace("%1", number(value_m2))
    if value_m2 >= 10_000:
        ha = QCoreApplication.translate("Format", "%1 ha").replace("%1", number(value_m2 / 10_000, 2))
        text += f" ({ha})"
    return text


def date(value: dt.date | None) -> str:
    if value is None:
        return "—"
    # Day first with four-digit years in both languages (Khmer's short format, 6/6/25, is
    # ambiguous on a report).
    return QLocale().toString(QDate(value.year, value.month, value.day), DATE_FORMAT)


def long_date(value: dt.date | None) -> str:
    if value is None:
        return "—"
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.LongFormat)


DATE_FORMAT = "dd/MM/yyyy"
DATETIME_FORMAT = "dd/MM/yyyy HH:mm"


def datetime(value: dt.datetime | str | None) -> str:
    """A stored UTC time, shown in local time: `dd/MM/yyyy HH:mm` (24 hours) in both languages,
    like every date of the window (docs/ui.md, "Dates")."""
    if value is None:
        return QCoreApplication.translate("Format", "never")
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone()
    qdt = QDateTime(QDate(local.year, local.month, local.day),
                    QTime(local.hour, local.minute, local.second))
    return QLocale().toString(qdt, DATETIME_FORMAT)


_KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


_INT_TEXT = re.compile(r"[+-]?\d+")
_DECIMAL_TEXT = re.compile(r"[+-]?(\d+\.\d*|\.\d+)")


def parse_number_text(text: str) -> int | float | str | None:
    """What the user typed in a number field, ready for the schema: Khmer digits become ASCII,
    thousands separators and spaces go; an empty field is None; a number becomes an int or a
    float (the schema takes numbers only, never text). Anything else is passed on as typed so
    the schema can say it is wrong."""
    cleaned = text.translate(_KHMER_DIGITS).replace(",", "").replace(" ", "").replace("\u00a0", "").strip()
    if _INT_TEXT.fullmatch(cleaned):
        return int(cleaned)
    if _DECIMAL_TEXT.fullmatch(cleaned):
        return float(cleaned)
    return cleaned or None


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


ALIGN_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
