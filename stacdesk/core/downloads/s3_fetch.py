"""Fetch ``s3://bucket/key`` hrefs with obstore: anonymous by default, requester-pays with the
user's AWS credentials (environment), and custom S3 endpoints (Copernicus Data Space's
``eodata``, MinIO …). A private object refused to an anonymous read is asked for again, signed,
when the user has credentials in the environment (``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY``).

Resume uses a byte range plus ``If-Match`` on the ETag seen first: a changed object fails the
precondition and the download restarts from 0.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from stacdesk.core.downloads.fetching import (
    SourceError,
    TransferThread,
    TransientError,
    part_size,
)

if TYPE_CHECKING:  # obstore is imported by the transfer that first reads a bucket
    from obstore.store import S3Store

# The least obstore gathers before handing a piece over (its default, 10 MiB, would be held in
# memory, and lost if the process is killed).
PIECE_SIZE = 64 * 1024


def s3_options(item: dict[str, Any], asset: dict[str, Any]) -> dict[str, Any]:
    """Requester-pays / region / endpoint from the STAC storage extension (v1 and v2 fields)."""
    options: dict[str, Any] = {}
    props = item.get("properties") if isinstance(item.get("properties"), dict) else {}
    for source in (props, asset):
        if source.get("storage:requester_pays") is True:
            options["requester_pays"] = True
        if isinstance(source.get("storage:region"), str):
            options["region"] = source["storage:region"]
    schemes = item.get("storage:schemes") or props.get("storage:schemes")
    refs = asset.get("storage:refs")
    if isinstance(schemes, dict) and isinstance(refs, list):
        for ref in refs:
            scheme = schemes.get(ref)
            if not isinstance(scheme, dict):
                continue
            if scheme.get("requester_pays") is True:
                options["requester_pays"] = True
            if isinstance(scheme.get("region"), str):
                options["region"] = scheme["region"]
            platform = scheme.get("platform")
            if (
                isinstance(platform, str)
                and "amazonaws.com" not in platform
                and "{" not in platform
            ):
                options["endpoint"] = platform
    return options


def split_s3(href: str) -> tuple[str, str]:
    parts = urlsplit(href)
    if parts.scheme != "s3" or not parts.netloc or not parts.path.strip("/"):
        raise SourceError(f"Not an s3://bucket/key href: {href}")
    return parts.netloc, parts.path.lstrip("/")


class S3Fetcher:
    """One obstore S3Store per (bucket, options), reused across downloads. Blocking: ``fetch``
    runs in the transfer's thread (see ``TransferThread``)."""

    def __init__(self, idle_timeout: float = 60, connect_timeout: float = 20) -> None:
        self.idle_timeout = idle_timeout
        self.connect_timeout = connect_timeout
        self._stores: dict[tuple[Any, ...], S3Store] = {}

    def store(self, bucket: str, options: dict[str, Any], signed: bool = False) -> S3Store:
        endpoint = options.get("endpoint")
        requester_pays = bool(options.get("requester_pays"))
        key = (bucket, endpoint, requester_pays, options.get("region"), signed)
        if key not in self._stores:
            from obstore.store import S3Store

            config: dict[str, Any] = {"region": options.get("region") or "us-west-2"}
            if endpoint:
                config["endpoint"] = endpoint
            if requester_pays:
                config["request_payer"] = True
            elif not signed:
                config["skip_signature"] = True  # anonymous: public buckets need no credentials
            client = {
                "allow_http": bool(endpoint and endpoint.startswith("http://")),
                "connect_timeout": timedelta(seconds=self.connect_timeout),
                "read_timeout": timedelta(seconds=self.idle_timeout),
            }
            self._stores[key] = S3Store(
                bucket,
                client_options=client,  # type: ignore[arg-type]
                retry_config={"max_retries": 0, "retry_timeout": timedelta(seconds=1)},  # type: ignore[typeddict-item]
                **config,
            )
        return self._stores[key]

    def fetch(self, href: str, options: dict[str, Any], transfer: TransferThread) -> None:
        bucket, key = split_s3(href)
        try:
            self._fetch(bucket, key, options, transfer, signed=False)
        except AnonymousRefused:
            if not has_credentials():
                raise
            self._fetch(bucket, key, options, transfer, signed=True)  # a private object

    def _fetch(
        self,
        bucket: str,
        key: str,
        options: dict[str, Any],
        transfer: TransferThread,
        signed: bool,
    ) -> None:
        import obstore
        from obstore.exceptions import (
            BaseError,
            NotFoundError,
            PermissionDeniedError,
            PreconditionError,
            UnauthenticatedError,
        )

        store = self.store(bucket, options, signed)
        offset = part_size(transfer.part)
        note = ""
        get_options: dict[str, Any] = {}
        if offset and transfer.validator:
            get_options = {"range": {"offset": offset}, "if_match": transfer.validator}
        elif offset:
            offset, note = 0, "Restarted from 0: the object has no ETag to resume safely."
        try:
            try:
                result = obstore.get(store, key, options=get_options or None)  # type: ignore[arg-type]
            except PreconditionError:
                offset, note = 0, "Restarted from 0: the object changed in the bucket."
                result = obstore.get(store, key)
            meta = result.meta
            transfer.began(offset, int(meta["size"]), meta.get("e_tag"), note)
            with transfer.writing(offset) as write:
                for piece in result.stream(min_chunk_size=PIECE_SIZE):
                    write(piece)
        except (NotFoundError, FileNotFoundError) as exc:  # obstore raises either
            raise SourceError(f"Not found in bucket {bucket}: {key}") from exc
        except (PermissionDeniedError, UnauthenticatedError, PermissionError) as exc:
            if options.get("requester_pays"):
                hint = "requester-pays bucket: AWS credentials are needed"
            elif signed:
                hint = "your AWS credentials do not give access to it"
            else:
                hint = "the bucket is not public; AWS credentials may give access"
            anonymous = not signed and not options.get("requester_pays")
            refused = AnonymousRefused if anonymous else SourceError
            raise refused(f"Access denied by S3 ({hint})") from exc
        except (BaseError, ConnectionError, TimeoutError) as exc:
            raise TransientError(f"S3 error: {_first_line(exc)}") from exc


class AnonymousRefused(SourceError):
    """An anonymous read was refused: worth one signed try if the user has credentials."""


def has_credentials() -> bool:
    return bool(os.environ.get("AWS_ACCESS_KEY_ID") and os.environ.get("AWS_SECRET_ACCESS_KEY"))


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
