"""Verify downloads against ``file:checksum``: a hex multihash (varint code, length, digest).

Why a parser of our own: the codes STAC catalogs use are few (sha2-256 almost always), and the
``multihash`` packages on PyPI pull in more than this needs. Unknown codes are reported, not
guessed, so the engine falls back to a size check and says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HashFactory = Callable[[], "hashlib._Hash"]


def _blake2(kind: str, size: int) -> HashFactory:
    def make() -> hashlib._Hash:
        return hashlib.new(kind, digest_size=size)

    return make


def _named(name: str) -> HashFactory | None:
    if name not in hashlib.algorithms_available:
        return None

    def make() -> hashlib._Hash:
        return hashlib.new(name)

    return make


# multicodec table entries for the hash functions hashlib provides.
_CODES: dict[int, tuple[str, str]] = {
    0x11: ("sha1", "sha1"),
    0x12: ("sha2-256", "sha256"),
    0x13: ("sha2-512", "sha512"),
    0x14: ("sha3-512", "sha3_512"),
    0x15: ("sha3-384", "sha3_384"),
    0x16: ("sha3-256", "sha3_256"),
    0x17: ("sha3-224", "sha3_224"),
    0x20: ("sha2-384", "sha384"),
    0x1013: ("sha2-224", "sha224"),
    0xD5: ("md5", "md5"),
}


class ChecksumError(ValueError):
    """The ``file:checksum`` value can't be used (malformed or an unknown hash function)."""


@dataclass(frozen=True)
class Checksum:
    name: str  # multihash name, e.g. "sha2-256"
    digest: bytes
    factory: HashFactory

    def new(self) -> hashlib._Hash:
        return self.factory()

    def matches(self, digest: bytes) -> bool:
        return digest == self.digest


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ChecksumError("truncated multihash")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def _factory(code: int) -> tuple[str, HashFactory | None]:
    if code in _CODES:
        name, hashlib_name = _CODES[code]
        return name, _named(hashlib_name)
    if 0xB201 <= code <= 0xB240:  # blake2b-8 … blake2b-512 (digest bits = 8 × index)
        return f"blake2b-{(code - 0xB200) * 8}", _blake2("blake2b", code - 0xB200)
    if 0xB241 <= code <= 0xB260:  # blake2s-8 … blake2s-256
        return f"blake2s-{(code - 0xB240) * 8}", _blake2("blake2s", code - 0xB240)
    return f"0x{code:x}", None


def parse_multihash(text: str) -> Checksum:
    """Parse a hex multihash; raises ChecksumError when malformed or not computable here."""
    try:
        data = bytes.fromhex(text.strip())
    except (ValueError, AttributeError) as exc:
        raise ChecksumError(f"file:checksum is not hex: {text!r}") from exc
    code, pos = _varint(data, 0)
    length, pos = _varint(data, pos)
    digest = data[pos:]
    name, factory = _factory(code)
    if factory is None:
        raise ChecksumError(f"unsupported hash function {name} in file:checksum")
    if len(digest) != length:
        raise ChecksumError(f"file:checksum digest is {len(digest)} bytes, header says {length}")
    if factory().digest_size != length:
        raise ChecksumError(f"file:checksum {name} digest should not be {length} bytes")
    return Checksum(name, digest, factory)


def multihash_hex(name: str, digest: bytes) -> str:
    """The hex multihash of a digest (tests and the catalog writer use it)."""
    code = next((c for c, (n, _) in _CODES.items() if n == name), None)
    if code is None and name.startswith(("blake2b-", "blake2s-")):
        base = 0xB200 if name.startswith("blake2b") else 0xB240
        code = base + int(name.split("-")[1]) // 8
    if code is None:
        raise ChecksumError(f"unknown hash function {name}")

    def varint(n: int) -> bytes:
        out = bytearray()
        while True:
            byte, n = n & 0x7F, n >> 7
            out.append(byte | (0x80 if n else 0))
            if not n:
                return bytes(out)

    return (varint(code) + varint(len(digest)) + digest).hex()


def file_digest(path: Path, checksum: Checksum, block: int = 1 << 20) -> bytes:
    """Hash a file (blocking: run it in a worker thread; hashlib releases the GIL)."""
    hasher = checksum.new()
    with open(path, "rb") as f:
        while chunk := f.read(block):
            hasher.update(chunk)
    return hasher.digest()
