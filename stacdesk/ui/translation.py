"""The window's language: the system's (its locale) or the one chosen in Settings.

English is the source language; other languages are ``resources/translations/stacdesk_<lang>.qm``
(made by ``resources/tools/make_translations.py``) plus Qt's own translations of its standard
buttons and dialogs. Dates and numbers follow the same locale. The command line stays English.
A change in Settings takes effect at the next start: widgets are built in their language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from stacdesk.resources import resource_path

LANGUAGE_SETTING = "appearance/language"  # "system" or a language code ("en", "cs")
LANGUAGES = (  # "As the system" shown through tr(); a language is named in itself
    (QT_TRANSLATE_NOOP("SettingsDialog", "As the system"), "system"),
    ("English", "en"),
    ("Čeština", "cs"),
)


def install(app: QCoreApplication, choice: str = "system") -> str:
    """Load the chosen or the system's language; returns the language in use ("en": none)."""
    locale = QLocale.system() if choice in ("", "system") else QLocale(choice)
    QLocale.setDefault(locale)
    language = locale.name().split("_")[0]
    if language == "en" or locale.language() == QLocale.Language.C:
        return "en"
    own = QTranslator(app)
    if not own.load(locale, "stacdesk", "_", str(resource_path("translations"))):
        return "en"  # not translated (yet): English, not a mix
    app.installTranslator(own)
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", qt_folder):
        app.installTranslator(qt)
    return language
