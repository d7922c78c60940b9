"""What the user may set for downloads (folder, layout template, limits), checked before it is
used, with a message that says what is wrong.

Why a check beyond ``Layout``: ``Layout`` must never fail on hostile *values* (item ids, keys),
so it quietly turns a ``..`` segment into ``_``; a *template* typed by the user that tries to
leave the download folder is a mistake worth telling them about instead of silently rewriting.
"""

from __future__ import annotations

import os
import string
import tempfile
from dataclasses import dataclass
from pathlib import Path

from stacdesk.core.downloads.layout import DEFAULT_TEMPLATE, FIELDS, Layout

# Bounds the settings file and the Settings dialog share.
CONCURRENCY_RANGE = (1, 32)
PER_HOST_RANGE = (1, 16)

# An item to show what a template makes of it.
EXAMPLE = {
    "collection": "sentinel-2-l2a",
    "item_id": "S2B_33UWR_20240501_0_L2A",
    "asset_key": "B04",
    "filename": "B04.tif",
}


class PreferenceError(ValueError):
    """A setting that can't be used; the message is for the user."""


@dataclass(frozen=True)
class DownloadPreferences:
    folder: Path
    template: str = DEFAULT_TEMPLATE
    max_concurrent: int = 4
    per_host: int = 2


def check_template(template: str) -> Layout:
    """The layout for ``template``, or PreferenceError saying why it can't be used."""
    template = template.strip()
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:  # an unmatched brace
        raise PreferenceError(f"The template is not well formed: {exc}.") from None
    unknown = sorted(fields - FIELDS)
    if unknown:
        known = ", ".join("{" + f + "}" for f in sorted(FIELDS))
        raise PreferenceError(
            f"Unknown field {', '.join('{' + f + '}' for f in unknown)} in the template; "
            f"use {known}."
        )
    if not template.startswith("{dest}/"):
        raise PreferenceError("The template must start with {dest}/ (the download folder).")
    if "{filename}" not in template:
        raise PreferenceError("The template must contain {filename}.")
    if "\\" in template:
        raise PreferenceError("Use / between folders in the template, not \\.")
    for segment in template.split("/")[1:]:
        if segment.strip() in ("", ".", ".."):
            raise PreferenceError(
                f"The template must stay inside the download folder: {segment.strip() or '//'!r}"
                " is not a folder name."
            )
        if "{dest}" in segment:
            raise PreferenceError("{dest} may only begin the template.")
    try:
        return Layout(template)
    except ValueError as exc:
        raise PreferenceError(str(exc)) from None


def example_path(template: str, folder: Path) -> Path:
    """Where ``EXAMPLE``'s asset would land (raises PreferenceError for a bad template)."""
    layout = check_template(template)
    return layout.path(folder, **EXAMPLE)


def check_folder(folder: Path | str) -> Path:
    """The folder, created if missing, once a file can be written there; else PreferenceError."""
    text = str(folder).strip()
    if not text:
        raise PreferenceError("Choose a download folder.")
    path = Path(os.path.expanduser(text))
    if not path.is_absolute():
        raise PreferenceError(f"The download folder must be a full path, not {text!r}.")
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path, prefix=".stacdesk-write-test-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise PreferenceError(f"Can't write in {path}: {reason}.") from None
    return path


def check_limit(name: str, value: int, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if not low <= value <= high:
        raise PreferenceError(f"{name} must be between {low} and {high}.")
    return value


def check_preferences(
    folder: Path | str, template: str, max_concurrent: int, per_host: int
) -> DownloadPreferences:
    """All download settings at once, the first problem raised."""
    check_template(template)
    return DownloadPreferences(
        folder=check_folder(folder),
        template=template.strip(),
        max_concurrent=check_limit("Downloads at once", max_concurrent, CONCURRENCY_RANGE),
        per_host=check_limit("Downloads per server", per_host, PER_HOST_RANGE),
    )
