"""The real-data tier: real providers' recorded STAC data, when it lies beside the checkout.

Why: the generated catalogs prove the logic; real items, thumbnails and recorded server answers
prove the app copes with what providers really publish (their extensions, quirks and odd values).
That data is not part of the project: it sits in ``<shared>/stac-data`` (``$STACDESK_SHARED``
points elsewhere), and every test here skips with the reason when it is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.servers.catalog import real_data_dir, real_data_missing


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``<shared>/stac-data`` (``real/``, ``cassettes/``); skips the test when it is absent."""
    reason = real_data_missing()
    if reason is not None:
        pytest.skip(reason)
    return real_data_dir()


@pytest.fixture(autouse=True)
def _needs_shared_data(shared_data: Path) -> None:
    """Every test of the tier needs the data, whether or not it asks for the fixture."""
