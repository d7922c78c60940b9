"""The window's translations (issue #22): every ``tr()`` string and every core phrase has its
Czech translation, the shipped .qm is compiled from the .ts as it stands, and the window starts
in Czech under a Czech locale, the core's counts and errors included."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "resources" / "tools" / "make_translations.py"
TS = REPO / "resources" / "translations" / "stacdesk_cs.ts"


def make_translations():
    spec = importlib.util.spec_from_file_location("make_translations", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_string_is_translated_and_the_shipped_files_are_current(tmp_path: Path) -> None:
    tool = make_translations()
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    report = tool.update(fresh, ("-target-language", "cs"))
    text = fresh.read_text(encoding="utf-8")
    unfinished = text.count('type="unfinished"')
    assert unfinished == 0, f"{unfinished} strings wait for a Czech translation:\n{report}"
    assert text == TS.read_text(encoding="utf-8"), "run resources/tools/make_translations.py"
    qm = tmp_path / "stacdesk_cs.qm"
    tool.release(fresh, qm)
    assert qm.read_bytes() == TS.with_suffix(".qm").read_bytes(), "the .qm is older than the .ts"


def test_the_window_starts_in_czech_under_a_czech_locale(tmp_path: Path) -> None:
    script = """
import asyncio, qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from stacdesk.config import app_paths
from stacdesk.core.catalogs.connections import ConnectionBook
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.main_window import MainWindow
from stacdesk.ui.translation import install
app = QApplication([])
print("language", install(app))
asyncio.set_event_loop(qasync.QEventLoop(app))
paths = app_paths()
settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
window = MainWindow(Workspace(ConnectionBook(paths.connections_file)), settings)
print("menus", [a.text() for a in window.menuBar().actions()])
print("button", window.search_panel.search_button.text())
from stacdesk.core.common.errors import describe_error
from stacdesk.core.search.session import RESULTS
from stacdesk.ui.core_text import shown
from stacdesk.ui.locale_format import date_time, size
print("counts", " | ".join(shown(RESULTS(n=n)) for n in (1, 3, 5, 12345)))
print("error", shown(describe_error(TimeoutError())))
print("formats", date_time(1714557600.0), size(1500000))
# why a control is off, for a server that declares nothing beyond item search
from stacdesk.core.query.capabilities import Capabilities
window.workspace.options.capabilities = Capabilities()
window.search_panel.filters.refresh()
print("offers", window.search_panel.filters.capabilities_label.text())
print("why not", window.search_panel.filters.sort_reason.text())
# why a search found nothing: its dates are after the collection's last
from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.extent import empty_reasons
old = CollectionInfo("old", "Old", temporal=("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"))
late = SearchQuery(datetime="2030-01-01T00:00:00Z/2030-02-01T00:00:00Z")
window.search_panel.empty_hint.show_reasons(empty_reasons(late, [old]))
print("empty", window.search_panel.empty_hint.label.text())
# a typed area the parser refuses, and the mouse's coordinates under the map
panel = window.map_panel
panel.aoi_field.edit.setText("1, 2, 3")
panel.aoi_field.apply()
print("aoi", panel.message.toolTip())
panel.aoi_field.edit.setText("10, 95, 20, 96")
panel.aoi_field.apply()
print("aoi", panel.message.toolTip())
panel.aoi_field.edit.setText("12.1, 48.6, 18.9, 51.1")
panel.aoi_field.apply()
print("area", window.search_panel.aoi_label.text())
panel._on_mouse_moved(14.5, 50.25)
print("readout", " ".join(panel.coordinates.text().split()))
from stacdesk.core.export.writers import FORMATS
print("format", shown(FORMATS["csv"]))
window.workspace.close()
"""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "STACDESK_HOME": str(tmp_path / "home"),
        "LANG": "cs_CZ.UTF-8",
        "LC_ALL": "cs_CZ.UTF-8",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "language cs" in done.stdout
    assert "'&Soubor'" in done.stdout and "'&Hledání'" in done.stdout
    assert "button Hledat" in done.stdout
    # the core's sentences, in Czech with its three plural forms and the locale's numbers
    counts = "1 výsledek | 3 výsledky | 5 výsledků | 12\u00a0345 výsledků"
    assert f"counts {counts}" in done.stdout
    assert "error Server neodpověděl včas." in done.stdout
    assert "formats 01.05.2024 10:00:00 UTC 1,4 MiB" in done.stdout
    # what the core says about capabilities, empty searches and typed areas; the readout
    assert "offers Tento katalog nabízí: jen základní hledání položek." in done.stdout
    assert "why not Tento server neuvádí podporu řazení (item-search#sort)" in done.stdout
    assert (
        "empty Žádné výsledky. Data leží mimo časové rozpětí kolekcí (2020-01-01 – 2021-01-01)."
        in done.stdout
    )
    assert (
        "aoi Oblast nezměněna: Čekají se 4 čísla (západ, jih, východ, sever) nebo 2 "
        "(délka, šířka), zadáno: 3." in done.stdout
    )
    assert "aoi Oblast nezměněna: Zeměpisná šířka 95 je mimo rozsah (−90…90)." in done.stdout
    assert "readout délka 14,5000 šířka 50,2500" in done.stdout
    assert "area obdélník 12,1000; 48,6000; 18,9000; 51,1000" in done.stdout
    assert "format Tabulka CSV" in done.stdout
