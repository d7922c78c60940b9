"""How a preview reaches a file: a GDAL path plus the options that carry the caller's
credentials, and a first small request that says how big the file is and whether ranges work.

Why here and not in GDAL alone: GDAL's errors say little ("HTTP response code: 403"); the probe
turns the common failures into a message per item before any tile is read, and gives the file
size the not-cloud-optimised refusal quotes. Credentials are the same hooks downloads and
thumbnails use: ``headers_for(url)`` (host-scoped, so nothing is sent to another host) and
``sign(url)`` (Planetary Computer). Redirects are followed here one hop at a time, asking
``headers_for`` again, and GDAL is handed the final URL.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.common.placeholder_hosts import placeholder_problem
from stacdesk.core.previews.errors import PreviewError

if TYPE_CHECKING:  # imported where a probe is made: the reading process never probes
    import httpx

NOT_THERE = QT_TRANSLATE_NOOP("Previews", "the file is not there (HTTP 404)")
REFUSED = QT_TRANSLATE_NOOP("Previews", "access refused (HTTP %1) to %2")
UNREACHABLE = QT_TRANSLATE_NOOP("Previews", "cannot reach %1: %2")
ANSWERED = QT_TRANSLATE_NOOP("Previews", "the server answered HTTP %1")
NOT_TIFF = QT_TRANSLATE_NOOP(
    "Previews", "not a GeoTIFF: the file does not start like a TIFF (or JPEG 2000)"
)

HeadersFor = Callable[[str], Mapping[str, str]]
TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")  # classic and BigTIFF
JP2_MAGIC = (b"\x00\x00\x00\x0c", b"\xffO\xffQ")  # a JP2 signature box, a bare codestream
Signer = Callable[[str], str]
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class S3Options:
    """Where ``s3://`` hrefs live: a custom endpoint (``http://host:port`` for MinIO, moto,
    Copernicus ``eodata``), the region, who pays, and whether to sign (with the AWS keys in the
    environment) or read anonymously."""

    endpoint: str | None = None
    region: str | None = None
    requester_pays: bool = False
    signed: bool = False


@dataclass(frozen=True)
class Access:
    """The caller's credentials hooks and S3 options; plain functions run in the worker."""

    headers_for: HeadersFor | None = None
    sign: Signer | None = None
    s3: S3Options = field(default_factory=S3Options)
    timeout: float = 30.0
    local_root: Path | None = None  # local files are read only below a local catalog's folder


@dataclass(frozen=True)
class Source:
    """One file as GDAL opens it: ``path`` and the ``options`` for ``rasterio.Env``; ``size``
    in bytes and whether the server answers byte ranges (from the probe)."""

    href: str
    path: str
    options: dict[str, str]
    size: int | None
    ranges: bool
    url: str = ""  # the final HTTP(S) URL, for reading a whole file when asked to
    version: str = ""  # what changes with the file's content (mtime and size, ETag …)


def _headers(access: Access, url: str) -> dict[str, str]:
    return dict(access.headers_for(url)) if access.headers_for is not None else {}


def _base_options(access: Access) -> dict[str, str]:
    return {
        "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",  # no directory listing per file
        "GDAL_HTTP_TIMEOUT": str(int(access.timeout)),
        "GDAL_HTTP_MAX_RETRY": "1",
        "GDAL_HTTP_RETRY_DELAY": "0.5",
        "GDAL_HTTP_MERGE_CONSECUTIVE_RANGES": "YES",
        "VSI_CACHE": "TRUE",
    }


def _s3_options(s3: S3Options) -> dict[str, str]:
    options = {"AWS_REGION": s3.region or "us-west-2"}
    if s3.endpoint:
        parts = urlsplit(s3.endpoint if "://" in s3.endpoint else f"https://{s3.endpoint}")
        options["AWS_S3_ENDPOINT"] = parts.netloc
        options["AWS_HTTPS"] = "NO" if parts.scheme == "http" else "YES"
        options["AWS_VIRTUAL_HOSTING"] = "FALSE"
    if s3.requester_pays:
        options["AWS_REQUEST_PAYER"] = "requester"
    if not s3.signed:
        options["AWS_NO_SIGN_REQUEST"] = "YES"
    return options


def open_source(href: str, access: Access) -> Source:
    """Probe ``href`` (blocking: run it in a worker) and say how GDAL opens it."""
    scheme = urlsplit(href).scheme.lower()
    if scheme in ("http", "https"):
        return _probe_http(href, access)
    if scheme == "s3":
        return _probe_s3(href, access)
    if scheme == "file" or len(scheme) <= 1:
        path = Path(url2pathname(urlsplit(href).path) if scheme == "file" else href)
        root = access.local_root
        if root is not None and not path.is_absolute():
            path = root / path  # relative to the local catalog's folder, as downloads read it
        if root is None or not path.resolve().is_relative_to(root.resolve()):
            raise PreviewError("local files are previewed only for a local catalog, in its folder")
        try:
            stat = path.stat()
        except OSError as error:
            raise PreviewError(f"cannot read {path}: {error.strerror or error}") from None
        version = f"{stat.st_mtime_ns}:{stat.st_size}"
        return Source(href, str(path), _base_options(access), stat.st_size, True, "", version)
    raise PreviewError(f"cannot preview {scheme}:// hrefs")


def _probe_http(href: str, access: Access) -> Source:
    import httpx

    url = access.sign(href) if access.sign is not None else href
    with httpx.Client(timeout=access.timeout, follow_redirects=False, verify=tls()) as client:
        for _ in range(MAX_REDIRECTS + 1):
            if (placeholder := placeholder_problem(url)) is not None:
                raise PreviewError(placeholder)
            headers = _headers(access, url)
            try:
                with client.stream("GET", url, headers={**headers, "Range": "bytes=0-3"}) as reply:
                    status = reply.status_code
                    if status in (301, 302, 303, 307, 308) and "location" in reply.headers:
                        url = urljoin(url, reply.headers["location"])
                        continue
                    ranges = status == 206
                    size = _size_of(reply.headers, ranges)
                    version = _version_of(reply.headers, size)
                    head = _first_bytes(reply, 4) if status in (200, 206) else b""
            except httpx.HTTPError as error:
                raise PreviewError(UNREACHABLE(urlsplit(url).netloc, str(error))) from None
            break
        else:
            raise PreviewError("too many redirects")
    if status in (401, 403):
        raise PreviewError(REFUSED(str(status), urlsplit(url).netloc))
    if status == 404:
        raise PreviewError(NOT_THERE())
    if status not in (200, 206):
        raise PreviewError(ANSWERED(str(status)))
    if head[:4] not in TIFF_MAGIC + JP2_MAGIC:
        raise PreviewError(NOT_TIFF())
    return Source(href, f"/vsicurl/{url}", _base_options(access), size, ranges, url, version)


@functools.cache
def tls() -> ssl.SSLContext:
    """One TLS context for every probe: making one loads the CA bundle, about 50 ms that a
    first preview would otherwise spend before its first byte (contexts are thread-safe)."""
    import httpx

    return httpx.create_ssl_context()


def gdal_options(source: Source, access: Access) -> dict[str, str]:
    """The options to open ``source`` with now: the headers are asked for again on every
    open, so an access token refreshed since the probe is the one sent."""
    options = dict(source.options)
    headers = _headers(access, source.url) if source.url else {}
    if headers:  # one per line: a value may hold commas
        options["GDAL_HTTP_HEADERS"] = "\r\n".join(f"{k}: {v}" for k, v in headers.items())
    return options


def _first_bytes(reply: httpx.Response, count: int) -> bytes:
    """The body's first bytes, without reading the rest (a server without ranges sends all)."""
    head = b""
    for chunk in reply.iter_raw(1024):
        head += chunk
        if len(head) >= count:
            break
    return head[:count]


def _version_of(headers: httpx.Headers, size: int | None) -> str:
    """The server's validators (a signed URL changes, the file behind it may not); the size
    alone when the server gives none."""
    etag = headers.get("etag", "")
    return f"{etag}|{headers.get('last-modified', '')}|{size}"


def _size_of(headers: httpx.Headers, ranges: bool) -> int | None:
    if ranges:
        total = headers.get("content-range", "").rpartition("/")[2]
        return int(total) if total.isdigit() else None
    length = headers.get("content-length", "")
    return int(length) if length.isdigit() else None


def _probe_s3(href: str, access: Access) -> Source:
    parts = urlsplit(href)
    bucket, key = parts.netloc, parts.path.lstrip("/")
    if not bucket or not key:
        raise PreviewError(f"not an s3://bucket/key href: {href}")
    import obstore
    from obstore.exceptions import BaseError
    from obstore.store import S3Store

    s3 = access.s3
    config: dict[str, object] = {"region": s3.region or "us-west-2"}
    if s3.endpoint:
        config["endpoint"] = s3.endpoint
    if s3.requester_pays:
        config["request_payer"] = True
    if not s3.signed:
        config["skip_signature"] = True
    http = bool(s3.endpoint and s3.endpoint.startswith("http://"))
    try:
        store = S3Store(bucket, config=config, client_options={"allow_http": http})  # type: ignore[arg-type]
        meta = obstore.head(store, key)
        size = int(meta["size"])
    except FileNotFoundError:  # obstore's NotFoundError is one
        raise PreviewError("the file is not there (S3: no such key)") from None
    except (BaseError, OSError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise PreviewError(f"S3 refused the request: {first}") from None
    # Signed reads: GDAL takes the keys from the environment itself (rasterio refuses them as
    # options), as obstore does for the probe.
    options = {**_base_options(access), **_s3_options(s3)}
    version = f"{meta.get('e_tag') or ''}|{meta.get('last_modified') or ''}|{size}"
    return Source(href, f"/vsis3/{bucket}/{key}", options, size, True, "", version)


def s3_options_for(item: dict[str, object], href: str) -> S3Options:
    """An item's S3 options from its storage extension fields (as downloads read them), signed
    when the user has AWS keys in the environment."""
    import os

    if not href.startswith("s3://"):
        return S3Options()  # not an S3 href: nothing to import or read

    from stacdesk.core.downloads.s3_fetch import s3_options

    assets = item.get("assets") if isinstance(item.get("assets"), dict) else {}
    asset = next(
        (a for a in assets.values() if isinstance(a, dict) and a.get("href") == href),
        {},  # type: ignore[union-attr]
    )
    options = s3_options(item, asset)
    signed = bool(os.environ.get("AWS_ACCESS_KEY_ID") and os.environ.get("AWS_SECRET_ACCESS_KEY"))
    return S3Options(
        endpoint=options.get("endpoint"),
        region=options.get("region"),
        requester_pays=bool(options.get("requester_pays")),
        signed=signed,
    )
