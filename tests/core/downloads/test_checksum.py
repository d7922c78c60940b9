"""file:checksum multihashes: the codes STAC catalogs use, and clear errors for the rest."""

from __future__ import annotations

import hashlib

import pytest

from stacdesk.core.downloads.checksum import ChecksumError, multihash_hex, parse_multihash

DATA = b"stacdesk checksum test"


@pytest.mark.parametrize(
    ("name", "prefix", "digest"),
    [
        ("sha2-256", "1220", hashlib.sha256(DATA).digest()),
        ("sha2-512", "1340", hashlib.sha512(DATA).digest()),
        ("sha1", "1114", hashlib.sha1(DATA).digest()),
        ("md5", "d50110", hashlib.md5(DATA).digest()),
        ("blake2b-256", "a0e40220", hashlib.blake2b(DATA, digest_size=32).digest()),
        ("sha3-256", "1620", hashlib.sha3_256(DATA).digest()),
    ],
)
def test_known_multihashes(name: str, prefix: str, digest: bytes) -> None:
    text = prefix + digest.hex()
    checksum = parse_multihash(text)
    assert checksum.name == name
    hasher = checksum.new()
    hasher.update(DATA)
    assert checksum.matches(hasher.digest())
    assert multihash_hex(name, digest) == text


def test_uppercase_and_spaces_are_accepted() -> None:
    text = " 1220" + hashlib.sha256(DATA).hexdigest().upper() + " "
    assert parse_multihash(text).name == "sha2-256"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("zz12", "not hex"),
        ("12", "truncated"),
        ("1220abcd", "header says 32"),
        ("9999010203", "unsupported hash"),
        ("12040a0b0c0d", "should not be 4 bytes"),
    ],
)
def test_bad_multihashes_say_why(text: str, message: str) -> None:
    with pytest.raises(ChecksumError, match=message):
        parse_multihash(text)
