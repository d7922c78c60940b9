"""The checks behind the Settings dialog: what a template makes of an example asset, and limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacdesk.core.downloads.preferences import (
    PreferenceError,
    check_limit,
    check_preferences,
    example_path,
)


def test_example_path_follows_the_template(tmp_path: Path) -> None:
    assert example_path("{dest}/{collection}/{item_id}/{filename}", tmp_path) == (
        tmp_path / "sentinel-2-l2a" / "S2B_33UWR_20240501_0_L2A" / "B04.tif"
    )
    assert example_path(" {dest}/{collection}:{asset_key}/{filename} ", tmp_path) == (
        tmp_path / "sentinel-2-l2a_B04" / "B04.tif"  # values are made safe, ":" included
    )


@pytest.mark.parametrize("value", [0, 33, -1])
def test_limits_out_of_range_are_refused(value: int) -> None:
    with pytest.raises(PreferenceError, match="between 1 and 32"):
        check_limit("Downloads at once", value, (1, 32))


def test_all_at_once_reports_the_first_problem_and_makes_the_folder(tmp_path: Path) -> None:
    with pytest.raises(PreferenceError, match="Downloads per server must be between 1 and 16"):
        check_preferences(tmp_path / "a", "{dest}/{filename}", 4, 17)
    prefs = check_preferences(tmp_path / "b" / "c", "{dest}/{filename}", 8, 16)
    assert prefs.folder == tmp_path / "b" / "c" and prefs.folder.is_dir()
    assert not any(prefs.folder.iterdir())  # the write test left nothing behind
