"""Where each asset lands: a path template and names made safe for every file system.

Item ids, asset keys and hrefs come from remote catalogs, so each is treated as hostile: no value
can add a folder level, climb out with ``..``, start at a root or a home (``/``, ``C:``, ``~``),
carry NUL or control characters, hit a Windows device name (``CON``, ``LPT1.txt``) or exceed
file-name limits. Every path is checked to stay inside the download folder after resolving.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import posixpath
import re
import string
import unicodedata
from collections.abc import Set as AbstractSet
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEFAULT_TEMPLATE = "{dest}/{collection}/{item_id}/{filename}"
FIELDS = frozenset({"dest", "collection", "item_id", "asset_key", "filename"})
MAX_NAME_BYTES = 180  # below the 255-byte limit, leaving room for ".part" and a "-2" suffix

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
# A name that needs no change (ASCII letters, digits, "_-. ", no dot or space at either end, not
# over the limit): most ids, keys and file names, taken as they are (a bulk add makes ~10 a file)
_PLAIN = re.compile(rf"[A-Za-z0-9_-](?:[A-Za-z0-9_. -]{{0,{MAX_NAME_BYTES - 2}}}[A-Za-z0-9_-])?")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in "123456789¹²³"}
    | {f"LPT{i}" for i in "123456789¹²³"}
)


class UnsafePathError(ValueError):
    """A rendered path would leave the download folder (a template mistake, never input)."""


def safe_name(value: str, fallback: str = "_") -> str:
    """One path component from untrusted text: no separators, traversal or reserved names."""
    if (
        type(value) is str
        and _PLAIN.fullmatch(value)
        and value.split(".", 1)[0].rstrip(" ").upper() not in _RESERVED
    ):
        return value
    text = unicodedata.normalize("NFC", str(value))
    text = _FORBIDDEN.sub("_", text)
    text = text.strip(" .")  # Windows drops trailing dots/spaces; leading dots hide files
    if text.startswith("~"):
        text = "_" + text[1:]
    if not text:
        text = fallback
    stem = text.split(".", 1)[0].rstrip(" ")
    if stem.upper() in _RESERVED:
        text = "_" + text
    return _shorten(text)


def _shorten(name: str) -> str:
    """Cut overlong names, keeping the extension and a hash so cut names stay distinct."""
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 16:
        stem, ext = name, ""
    suffix = f"-{digest}" + (f".{ext}" if ext else "")
    budget = MAX_NAME_BYTES - len(suffix.encode())
    cut = stem.encode()[:budget].decode(errors="ignore")
    return cut + suffix


def filename_for(href: str, asset_key: str, media_type: str | None = None) -> str:
    """The file name an asset gets: the href's last path segment, else the asset key."""
    path = unquote(urlsplit(href).path) if "://" in href else href.split("?", 1)[0]
    base = posixpath.basename(path.replace("\\", "/"))
    if base in ("", ".", ".."):
        base = asset_key
        ext = mimetypes.guess_extension((media_type or "").split(";", 1)[0].strip()) or ""
        if ext and not base.endswith(ext):
            base += ext
    return safe_name(base, fallback=safe_name(asset_key, "asset"))


class Layout:
    """Renders the destination of an asset from a template such as ``DEFAULT_TEMPLATE``."""

    def __init__(self, template: str = DEFAULT_TEMPLATE) -> None:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        unknown = fields - FIELDS
        if unknown:
            raise ValueError(f"unknown fields in download template: {', '.join(sorted(unknown))}")
        if not template.startswith("{dest}/") or "{filename}" not in template:
            raise ValueError("the download template must start with {dest}/ and use {filename}")
        self.template = template
        self._segments = template.split("/")[1:]
        self._roots: dict[str, str] = {}

    def path(
        self, dest: Path, collection: str, item_id: str, asset_key: str, filename: str
    ) -> Path:
        """The final file path, inside ``dest`` whatever the values contain."""
        return Path(self.path_text(dest, collection, item_id, asset_key, filename))

    def path_text(
        self, dest: Path, collection: str, item_id: str, asset_key: str, filename: str
    ) -> str:
        """``path`` as a string (a bulk add makes one per file: no pathlib parsing)."""
        values = {
            "collection": safe_name(collection or "no-collection"),
            "item_id": safe_name(item_id, "item"),
            "asset_key": safe_name(asset_key, "asset"),
            "filename": safe_name(filename, "asset"),
        }
        parts = [safe_name(segment.format(dest="", **values)) for segment in self._segments]
        # Every part is one sanitised name (no separator, "." or ".."), so a lexical check is
        # enough once the root is resolved; symlinks inside the folder are the user's own.
        if any(part in ("", ".", "..") or "/" in part or "\\" in part for part in parts):
            raise UnsafePathError(f"unsafe path parts {parts!r}")
        return os.path.join(self._root(dest), *parts)

    def _root(self, dest: Path) -> str:
        key = str(dest)
        if key not in self._roots:
            self._roots[key] = str(dest.resolve())
        return self._roots[key]


def path_key(path: Path | str) -> str:
    """How paths are compared for clashes: case-insensitively, as on macOS and Windows."""
    return str(path).casefold()


def unique_text(path: str, taken: AbstractSet[str], asset_key: str) -> str:
    """``unique_path`` for a string path; the usual case, a free name, without pathlib."""
    if path_key(path) not in taken and not os.path.exists(path):
        return path
    return str(unique_path(Path(path), taken, asset_key))


def unique_path(path: Path, taken: AbstractSet[str], asset_key: str) -> Path:
    """``path`` or a variant no other download uses (``taken`` holds ``path_key`` values) and
    no existing file has: first ``name-<asset_key>.ext``, then ``name-2.ext``, ``name-3.ext`` …"""

    def free(candidate: Path) -> bool:
        return path_key(candidate) not in taken and not candidate.exists()

    if free(path):
        return path
    stem, suffix = _split_ext(path.name)
    key = safe_name(asset_key, "asset")
    candidates = [f"{stem}-{key}{suffix}"] + [f"{stem}-{n}{suffix}" for n in range(2, 10_000)]
    for name in candidates:
        candidate = path.with_name(_shorten(name))
        if free(candidate):
            return candidate
    raise UnsafePathError(f"no free file name for {path}")


_PACKED = frozenset({".gz", ".zip", ".bz2", ".xz", ".zst", ".z", ".lz4"})


def _split_ext(name: str) -> tuple[str, str]:
    """Split off the extension, counting double ones like ``.tar.gz`` / ``.SAFE.zip``."""
    path = Path(name)
    suffixes = path.suffixes[-2:]
    if len(suffixes) == 2 and suffixes[1].lower() in _PACKED and len(suffixes[0]) <= 6:
        ext = "".join(suffixes)
    else:
        ext = path.suffix
    return name[: len(name) - len(ext)], ext
