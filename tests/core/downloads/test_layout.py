"""Hostile names from catalogs never write outside the download folder, and stay usable on
every platform."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacdesk.core.downloads.layout import (
    MAX_NAME_BYTES,
    Layout,
    filename_for,
    path_key,
    safe_name,
    unique_path,
)

HOSTILE = [
    "..",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows\\system32",
    "~/.ssh/id_rsa",
    "~root",
    "a\x00b",
    "line\nbreak\ttab",
    "CON",
    "con.txt",
    "LPT1.tif",
    "aux ",
    "trailing.",
    " spaced ",
    "",
    ".",
    "...",
    'what?*:<>|"',
    "x" * 1000,
    "é" * 300 + ".tif",
    "%2e%2e%2f",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_safe_name_is_one_harmless_component(value: str) -> None:
    name = safe_name(value)
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not any(ord(c) < 32 for c in name)
    assert not name.startswith(("~", ".", " ")) and not name.endswith((".", " "))
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "LPT1", "COM1"}
    assert len(name.encode()) <= MAX_NAME_BYTES


@pytest.mark.parametrize("item_id", HOSTILE)
@pytest.mark.parametrize("asset_key", ["../../x", "/abs", "data"])
def test_every_rendered_path_stays_inside(tmp_path: Path, item_id: str, asset_key: str) -> None:
    root = tmp_path / "downloads"
    layout = Layout()
    for href in (
        "https://h/a/../../../../etc/passwd",
        "https://h/x/..%2F..%2Fevil.tif",
        "https://h/",
        "s3://bucket/" + item_id,
        "/" + item_id,
    ):
        name = filename_for(href, asset_key, "image/tiff")
        path = layout.path(root, item_id, item_id, asset_key, name)
        assert path.resolve().is_relative_to(root.resolve())
        assert path.parent.parent.parent == root.resolve()


def test_default_template_and_custom_fields(tmp_path: Path) -> None:
    path = Layout().path(tmp_path, "sentinel-2-l2a", "S2B_1", "B04", "B04.tif")
    assert path == tmp_path.resolve() / "sentinel-2-l2a" / "S2B_1" / "B04.tif"
    flat = Layout("{dest}/{item_id}-{asset_key}-{filename}")
    assert flat.path(tmp_path, "c", "i", "k", "f.tif").name == "i-k-f.tif"


@pytest.mark.parametrize(
    "template", ["{collection}/{filename}", "{dest}/{item_id}", "{dest}/{nope}/{filename}"]
)
def test_bad_templates_are_refused(template: str) -> None:
    with pytest.raises(ValueError, match="template"):
        Layout(template)


def test_filename_from_href_or_key() -> None:
    assert filename_for("https://h/path/B04.tif?sig=abc", "B04") == "B04.tif"
    assert filename_for("https://h/path/my%20file.tif", "k") == "my file.tif"
    assert filename_for("https://h/dir/", "visual", "image/tiff; application=geotiff") in (
        "visual.tif",
        "visual.tiff",
    )
    assert filename_for("https://h/download?id=7", "metadata", "application/xml") == "download"


def test_duplicate_names_get_the_asset_key_then_a_number(tmp_path: Path) -> None:
    first = tmp_path / "item" / "data.tif"
    taken = {path_key(first)}
    second = unique_path(first, taken, "B04")
    assert second.name == "data-B04.tif"
    taken.add(path_key(second))
    third = unique_path(first, taken, "B04")
    assert third.name == "data-2.tif"
    # Case-insensitive file systems would merge DATA.TIF and data.tif.
    assert unique_path(tmp_path / "item" / "DATA.TIF", taken, "x").name == "DATA-x.TIF"
    # Existing files (a previous run's downloads) are never overwritten.
    (tmp_path / "item").mkdir()
    (tmp_path / "item" / "kept.SAFE.zip").write_bytes(b"x")
    assert unique_path(tmp_path / "item" / "kept.SAFE.zip", set(), "k").name == "kept-k.SAFE.zip"
