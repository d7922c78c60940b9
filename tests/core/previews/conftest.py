"""One file server with Range support for the module's previews, and the COGs it serves (made
once per session: writing a 33 MB COG with overviews takes a second)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.core.previews.tiffs import Tiff, lonlat_cog, polar_cog, utm_cog
from tests.servers.flaky_files import FlakyFileServer


@pytest.fixture(scope="session")
def utm() -> Tiff:
    return utm_cog()


@pytest.fixture(scope="session")
def lonlat() -> Tiff:
    return lonlat_cog()


@pytest.fixture(scope="session")
def polar() -> Tiff:
    return polar_cog()


@pytest.fixture
def files() -> Iterator[FlakyFileServer]:
    """A fresh server per test: GDAL caches what it learnt about a URL, so URLs never repeat."""
    with FlakyFileServer() as server:
        yield server
