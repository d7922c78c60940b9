"""Build the download engine from the user's settings and the open connection's credentials.

Settings (``[downloads]`` in settings.ini): ``folder``, ``template``, ``max_concurrent``,
``per_host``. Credentials come from the workspace's current connection at request time; its host
list decides which hosts get them, so a download from another host never carries them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from stacdesk.core.downloads.engine import DownloadEngine, EngineSettings
from stacdesk.core.downloads.layout import DEFAULT_TEMPLATE
from stacdesk.core.downloads.preferences import (
    CONCURRENCY_RANGE,
    PER_HOST_RANGE,
    DownloadPreferences,
    check_template,
)
from stacdesk.core.downloads.source_choice import SourceChoice
from stacdesk.core.downloads.store import JobStore
from stacdesk.core.workspace.state import Workspace


def _int(settings: QSettings, key: str, default: int, low: int, high: int) -> int:
    try:
        value = int(settings.value(key, default))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return min(high, max(low, value))


def engine_settings(settings: QSettings, folder: Path | None = None) -> EngineSettings:
    """Limits from the settings file; bad values fall back to the defaults."""
    template = str(settings.value("downloads/template", DEFAULT_TEMPLATE) or DEFAULT_TEMPLATE)
    try:
        check_template(template)
    except ValueError:
        template = DEFAULT_TEMPLATE
    saved_folder = str(settings.value("downloads/folder", "") or "")
    return EngineSettings(
        folder=Path(saved_folder) if saved_folder else folder,
        template=template,
        max_concurrent=_int(settings, "downloads/max_concurrent", 4, *CONCURRENCY_RANGE),
        per_host=_int(settings, "downloads/per_host", 2, *PER_HOST_RANGE),
    )


def save_preferences(settings: QSettings, prefs: DownloadPreferences) -> None:
    """Remember checked download settings (read back by ``engine_settings``)."""
    settings.setValue("downloads/folder", str(prefs.folder))
    settings.setValue("downloads/template", prefs.template)
    settings.setValue("downloads/max_concurrent", prefs.max_concurrent)
    settings.setValue("downloads/per_host", prefs.per_host)


def make_engine(
    settings: QSettings, workspace: Workspace, folder: Path | None = None
) -> DownloadEngine:
    """The engine over the queue in the user data folder."""

    def credentials(url: str) -> dict[str, str]:
        auth: Any = workspace.auth
        return dict(auth.headers_for(url)) if hasattr(auth, "headers_for") else {}

    def sign(href: str, collection: str) -> str:
        auth: Any = workspace.auth
        return auth.sign_href(href, collection) if hasattr(auth, "sign_href") else href

    def lacks_credentials(url: str) -> bool:
        """A source wanting a login the user has not stored (several catalogs searched)."""
        auth: Any = workspace.auth
        return bool(auth.lacks_credentials(url)) if hasattr(auth, "lacks_credentials") else False

    return DownloadEngine(
        JobStore.default(),
        engine_settings(settings, folder),
        credentials=credentials,
        sign_href=sign,
        local_roots=workspace.local_folders,
        choice=SourceChoice(lacks_credentials=lacks_credentials),
    )
