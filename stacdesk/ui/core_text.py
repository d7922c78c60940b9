"""The core's sentences in the window's language (see ``stacdesk.core.common.message``).

A ``Message`` is looked up with ``QCoreApplication.translate`` under its phrase's context (the
count picks Czech's plural form); numbers are written by the window's ``QLocale`` (a Czech count
has a space between thousands). A phrase with no translation — English, or a language that has
not translated it yet — keeps its English text, singular or plural as the count asks. Any other
string (a file name, a server's own words) is shown as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from stacdesk.core.common.message import Message, fill
from stacdesk.ui.locale_format import number

UNTRANSLATED = "stacdesk:untranslated"  # a context with no translations: Qt's plain rendering


def shown(text: object) -> str:
    """``text`` as the window shows it: a core ``Message`` translated, anything else as is."""
    if not isinstance(text, Message):
        return "" if text is None else str(text)
    phrase, n = text.phrase, -1 if text.n is None else text.n
    translated = QCoreApplication.translate(phrase.context, phrase.text, phrase.singular, n)
    if translated == QCoreApplication.translate(UNTRANSLATED, phrase.text, phrase.singular, n):
        translated = QCoreApplication.translate(UNTRANSLATED, phrase.english(text.n), None, n)
    return fill(translated, text.args, None, shown, number)


def arg(template: str, *args: object) -> str:
    """A translated ``tr()`` template with ``%1``… filled in one pass: core messages shown in
    the window's language, numbers by the locale."""
    return fill(template, args, None, shown, number)
