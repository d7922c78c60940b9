"""Build the download engine from the user's settings and the open connection's credentials.

Settings (``[downloads]`` in settings.ini): ``folder``, ``template``, ``max_concurrent``,
``per_host``. Credentials come from the workspace's current connection at request time; its host
list decides which hosts get them, so a download from another host never carries them.
"""

from __future__ import annotations

from collections.abc import Callable
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
    settings: QSettings,
    workspace: Workspace,
    folder: Path | None = None,
    store: JobStore | None = None,
) -> DownloadEngine:
    """The engine over the queue in the user data folder (``store``: that queue, already open)."""

    return DownloadEngine(
        store or JobStore.default(),
        engine_settings(settings, folder),
        credentials=_auth_call(workspace, "headers_for", lambda url: {}),
        sign_href=_auth_call(workspace, "sign_href", lambda href, collection: href),
        local_roots=workspace.local_folders,
        renew_credentials=_auth_call(workspace, "refused", lambda url, refused: False),
        choice=SourceChoice(_auth_call(workspace, "lacks_credentials", lambda url: False)),
    )


def _auth_call(workspace: Workspace, name: str, default: Callable[..., Any]) -> Callable[..., Any]:
    """``workspace.auth.<name>`` as the workspace has it at each call (the open catalog's
    credentials, or every searched catalog's), else ``default``: headers for a URL, a signed
    href, a renewed token after a 401, whether a source lacks a stored login."""

    def call(*args: Any) -> Any:
        method = getattr(workspace.auth, name, None)
        return method(*args) if method is not None else default(*args)

    return call
