"""Library internals the code relies on by name: each fails here, loudly, when it changes.

Why: these are not public API, so an upgrade may rename or drop them without a deprecation. The
code keeps working in a degraded way (a slower start, smaller reads) or breaks subtly (a body
read twice); a failing test names the exact place to revisit instead.
"""

from __future__ import annotations

import importlib.util

import requests


def test_httpx_still_has_the_optional_command_line_module_that_start_up_skips() -> None:
    # stacdesk.app._skip_httpx_command_line blocks this name to save ~0.2 s at start.
    assert importlib.util.find_spec("httpx._main") is not None


def test_the_async_backends_thumbnails_warm_up_are_still_where_they_are_imported() -> None:
    # ThumbnailService._new_client imports them in a worker, off the GUI thread.
    assert importlib.util.find_spec("anyio._backends._asyncio") is not None
    assert importlib.util.find_spec("httpcore._backends.anyio") is not None


def test_a_response_body_read_by_the_api_adapter_is_what_content_returns() -> None:
    # core.catalogs.api_transport.ApiAdapter reads the body itself (with a deadline) and stores it.
    response = requests.Response()
    response._content = b'{"type": "FeatureCollection"}'
    response._content_consumed = True
    assert response.content == b'{"type": "FeatureCollection"}'
    assert response.json() == {"type": "FeatureCollection"}
