"""Metalink 4 (RFC 5854) of the chosen assets: one ``file`` per asset with its size, checksum
and URLs, for aria2 and other download tools.

Why a module of its own: it is the one export that speaks XML and multihash; the tools verify
what they fetched against the ``file:checksum`` written here, so its mapping of hash names is
kept beside the writer.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import IO, Any
from urllib.parse import unquote, urlsplit

from stacdesk import __version__
from stacdesk.core.downloads.checksum import ChecksumError, parse_multihash
from stacdesk.core.export.asset_choice import AssetChoice

Json = dict[str, Any]
METALINK_NS = "urn:ietf:params:xml:ns:metalink"
# multihash function code → metalink (IANA) hash name; others cannot be expressed in metalink
METALINK_HASH_NAMES = {
    "sha1": "sha-1",
    "sha2-256": "sha-256",
    "sha2-384": "sha-384",
    "sha2-512": "sha-512",
    "md5": "md5",
}


def multihash_to_metalink(checksum: Any) -> tuple[str, str] | None:
    """``file:checksum`` (a hex multihash) as (metalink hash type, hex digest), if expressible."""
    if not isinstance(checksum, str):
        return None
    try:
        parsed = parse_multihash(checksum)
    except ChecksumError:
        return None
    name = METALINK_HASH_NAMES.get(parsed.name)
    return (name, parsed.digest.hex()) if name else None


_UNSAFE = re.compile(r"[^A-Za-z0-9._+=@,-]+")


def _safe(part: str) -> str:
    part = _UNSAFE.sub("_", part).strip("._") or "_"
    return part[:150]


def asset_file_name(item: Json, key: str, asset: Json) -> str:
    """``ITEM_ID/FILE``: the href's last path segment (or the asset key), made safe."""
    name = unquote(urlsplit(asset["href"]).path.rsplit("/", 1)[-1])
    return f"{_safe(str(item.get('id', 'item')))}/{_safe(name or key)}"


def _alternate_hrefs(asset: Json) -> list[str]:
    alternates = asset.get("alternate")
    if not isinstance(alternates, dict):
        return []
    return [
        a["href"]
        for a in alternates.values()
        if isinstance(a, dict) and isinstance(a.get("href"), str) and a["href"] != asset["href"]
    ]


def write_metalink(
    items: Iterable[Json], out: IO[bytes], choice: AssetChoice | None = None
) -> tuple[int, int]:
    """A Metalink 4 (RFC 5854) file: one ``file`` per asset with size, checksum and URLs."""
    choice = choice or AssetChoice()
    ET.register_namespace("", METALINK_NS)
    root = ET.Element(f"{{{METALINK_NS}}}metalink")
    ET.SubElement(root, f"{{{METALINK_NS}}}generator").text = f"stacdesk/{__version__}"
    ET.SubElement(root, f"{{{METALINK_NS}}}published").text = datetime.now(UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    count = assets = 0
    names: set[str] = set()
    for item in items:
        count += 1
        for key, asset in choice.select(item):
            name = asset_file_name(item, key, asset)
            if name in names:
                name = f"{name.rsplit('/', 1)[0]}/{_safe(key)}-{name.rsplit('/', 1)[1]}"
            names.add(name)
            element = ET.SubElement(root, f"{{{METALINK_NS}}}file", name=name)
            size = asset.get("file:size")
            if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
                ET.SubElement(element, f"{{{METALINK_NS}}}size").text = str(size)
            checksum = multihash_to_metalink(asset.get("file:checksum"))
            if checksum is not None:
                ET.SubElement(element, f"{{{METALINK_NS}}}hash", type=checksum[0]).text = checksum[
                    1
                ]
            ET.SubElement(element, f"{{{METALINK_NS}}}url", priority="1").text = asset["href"]
            for href in _alternate_hrefs(asset):
                ET.SubElement(element, f"{{{METALINK_NS}}}url", priority="2").text = href
            assets += 1
    ET.indent(root)
    out.write(ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")
    return count, assets
