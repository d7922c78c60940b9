"""Numbers, sizes and times as the window's locale writes them (``QLocale()``, which
``translation.install`` sets to the chosen or the system's language).

A Czech window writes "1 234 567" and "1,4 MiB", an American one "1,234,567" and "1.4 MiB". Times
stay in UTC (STAC's) and say so; the date is the locale's short one with the full year and the
time keeps its seconds (acquisitions a few seconds apart are told apart). The core writes the
same values in English for the command line (``stacdesk.core.results.item_details``).
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, QTimeZone

from stacdesk.core.results.item_details import ValueFormats

_FORMATS: dict[str, str] = {}  # locale name → date and time format


def readable_c_locale() -> None:
    """Under the C locale (no language: LANG=C, a bare container) Qt writes 3000 where English
    readers, and the command line, write 3,000: keep its other rules, with the separator."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C and locale.numberOptions():
        locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
        QLocale.setDefault(locale)


def number(value: float) -> str:
    """A count with the locale's thousands separator; a measurement with six significant
    digits and the locale's decimal separator."""
    if isinstance(value, int):
        return QLocale().toString(value)
    if not math.isfinite(value):
        return str(value)
    return QLocale().toString(float(value), "g", 6)


def degrees(*values: float, width: int = 9) -> list[str]:
    """Coordinates with four decimals (about 10 m) and the locale's decimal separator, padded
    to ``width`` so a readout that follows the mouse does not jump."""
    return [QLocale().toString(float(value), "f", 4).rjust(width) for value in values]


def size(value: Any) -> str:
    """Bytes in binary units ("1,4 MiB"); empty for anything that is not a byte count."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return ""
    if value < 0:
        return ""
    iec = QLocale.DataSizeFormat.DataSizeIecFormat
    return QLocale().formattedDataSize(int(value), 1, iec)


def date_time_format(locale: QLocale | None = None) -> str:
    """The locale's short date (with the year in full) and time with seconds."""
    locale = locale or QLocale()
    known = _FORMATS.get(locale.name())  # the result list asks at every paint
    if known is not None:
        return known
    day = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in day:
        day = day.replace("yy", "yyyy")
    time = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if "ss" not in time:
        time = time.replace("mm", "mm:ss")
    _FORMATS[locale.name()] = f"{day} {time}"
    return _FORMATS[locale.name()]


def date_time(epoch: float) -> str:
    """A UTC time as the locale writes it, "UTC" after it; empty when it is no time."""
    if not math.isfinite(epoch):
        return ""
    when = QDateTime.fromMSecsSinceEpoch(round(epoch * 1000), QTimeZone.utc())
    if not when.isValid():
        return ""
    return QLocale().toString(when, date_time_format()) + " UTC"


def formats() -> ValueFormats:
    """The item details' value formats in the window's locale."""
    return ValueFormats(number=number, size=size, date_time=date_time)
