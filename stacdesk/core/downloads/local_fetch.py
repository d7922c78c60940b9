"""Copy an asset that is a file of a local catalog (on this disk or a network share) into the
download folder, through the same ``.part`` / progress / verify path as a web download.

Why a root: a catalog's word is never enough to read a local file (a remote server could say
``file:///home/me/.ssh/id_rsa``). Only the code that read the catalog knows it was local; it
tells the engine that catalog's folder (``DownloadEngine.set_local_roots``), the job keeps it,
and a file is copied only when its real path (symlinks followed) lies below that folder and the
item does not say it came from a web or cloud server. Everything else is refused, as before.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from stacdesk.core.downloads.assets import self_href
from stacdesk.core.downloads.fetching import (
    SourceError,
    TransferThread,
    TransientError,
    part_size,
)

PIECE_SIZE = 1024 * 1024
REFUSED = (
    "Local file hrefs are not downloaded unless the item comes from a local catalog and the "
    "file lies in that catalog's folder"
)
_REMOTE_SCHEMES = frozenset({"http", "https", "s3", "gs", "az", "ftp"})


def is_local_href(href: str) -> bool:
    """A ``file:`` URL or a plain path (``/x``, ``x/y``, ``C:\\x``)."""
    scheme = urlsplit(href).scheme.lower()
    return scheme == "file" or len(scheme) <= 1


def _path_of(href: str, root: Path) -> Path:
    """The path an href names; relative ones are relative to the catalog's folder."""
    parts = urlsplit(href)
    if parts.scheme.lower() == "file":
        if parts.netloc not in ("", "localhost"):
            raise SourceError(f"{REFUSED} (a file on another host: {href})")
        from urllib.request import url2pathname  # http.client and email: not at start

        path = Path(url2pathname(unquote(parts.path)))
    else:
        path = Path(href)
    return path if path.is_absolute() else root / path


def confined_path(href: str, root: str | Path) -> Path:
    """The real file ``href`` names, when it lies below ``root``; SourceError otherwise."""
    if not root:
        raise SourceError(f"{REFUSED} ({href})")
    base = Path(root).resolve()
    try:
        path = _path_of(href, base).resolve()
    except (OSError, ValueError) as exc:  # a NUL byte, a loop of symlinks …
        raise SourceError(f"{REFUSED} ({href}: {exc})") from exc
    if not path.is_relative_to(base):
        raise SourceError(f"{REFUSED}; this one is outside {base} ({href})")
    return path


def trusted_root(item: dict[str, Any], hrefs: Iterable[str], roots: Iterable[Path]) -> str:
    """The local catalog folder the asset's local ``hrefs`` may be copied from, or "" (refused).

    An item whose self link is a web or cloud URL came from a server, whatever file it names."""
    local = [href for href in hrefs if is_local_href(href)]
    if not local:  # the common case, checked first: bulk adds call this for every asset
        return ""
    own = self_href(item)
    if own is not None and urlsplit(own).scheme.lower() in _REMOTE_SCHEMES:
        return ""
    for root in roots:
        for href in local:
            try:
                confined_path(href, root)
            except SourceError:
                continue
            return str(root)
    return ""


def source_validator(path: Path) -> str:
    """What proves the source is unchanged between two attempts (size and modification time)."""
    stat = path.stat()
    return f"local:{stat.st_size}:{stat.st_mtime_ns}"


class LocalFetcher:
    """Blocking: ``fetch`` runs in the transfer's thread, like the HTTP and S3 fetchers."""

    def fetch(self, href: str, root: str, transfer: TransferThread) -> None:
        path = confined_path(href, root)
        try:
            source = open(path, "rb")  # noqa: SIM115 - closed below, after the size is known
        except FileNotFoundError:
            raise SourceError(f"The file is missing from the local catalog ({path})") from None
        except IsADirectoryError:
            raise SourceError(f"The href names a folder, not a file ({path})") from None
        except PermissionError:
            raise SourceError(f"No permission to read {path}") from None
        except OSError as exc:  # a network share that went away may come back
            raise TransientError(f"Could not read {path}: {exc.strerror or exc}") from exc
        with source:
            self._copy(source, path, transfer)

    @staticmethod
    def _copy(source: Any, path: Path, transfer: TransferThread) -> None:
        try:
            total = os.fstat(source.fileno()).st_size
            validator = source_validator(path)
            offset, note = part_size(transfer.part), ""
            if offset and (transfer.validator != validator or offset > total):
                offset, note = 0, "Restarted from 0: the local file changed since the last try."
            transfer.began(offset, total, validator, note)
            source.seek(offset)
            with transfer.writing(offset) as write:
                while piece := source.read(PIECE_SIZE):
                    write(piece)
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.EISDIR):
                raise SourceError(f"Could not read {path}: {exc.strerror or exc}") from exc
            raise TransientError(f"Could not read {path}: {exc.strerror or exc}") from exc
