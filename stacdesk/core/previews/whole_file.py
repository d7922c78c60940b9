"""Reading a whole file into memory, only when the user asked for it and the server cannot send
parts of it (no Range requests): with the same credentials as the probe, and a hard upper limit.
A striped TIFF on a server with ranges needs no copy: GDAL reads its strips where it is."""

from __future__ import annotations

from urllib.parse import urlsplit

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.previews.access import ANSWERED, UNREACHABLE, Access, Source
from stacdesk.core.previews.errors import PreviewError, human_bytes

TOO_LARGE = QT_TRANSLATE_NOOP("Previews", "the file is too large to preview whole (%1)")

#: Beyond this even an explicit choice is refused: the preview holds the file in memory.
MAX_WHOLE_FILE = 2_000_000_000


def fetch_whole(source: Source, access: Access) -> bytes:
    """The file's bytes (blocking: run it in a worker)."""
    if source.size is not None and source.size > MAX_WHOLE_FILE:
        raise PreviewError(TOO_LARGE(human_bytes(source.size)))
    if not source.url:
        raise PreviewError("only files on web servers are read whole")
    import httpx  # here, not at import: the reading process imports this module, never calls it

    headers = dict(access.headers_for(source.url)) if access.headers_for else {}
    try:
        reply = httpx.get(source.url, headers=headers, timeout=access.timeout)
    except httpx.HTTPError as error:
        raise PreviewError(UNREACHABLE(urlsplit(source.url).netloc, str(error))) from None
    if reply.status_code != 200:
        raise PreviewError(ANSWERED(str(reply.status_code)))
    return reply.content
