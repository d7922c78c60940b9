"""The keyring round trip against a real keyring backend (keyrings.alt's file keyring in a test
folder): what the app stores, reads back in a later run, rotates and erases is what the backend
holds on disk — not only what a dict in the test remembers.
"""

from __future__ import annotations

import configparser
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from stacdesk.core.auth import AuthSettings
from stacdesk.core.auth.secrets import SecretStore
from stacdesk.core.catalogs.connections import Connection, ConnectionBook


def file_keyring(path: Path) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(path)  # type: ignore[misc]  # a test file, never the user's keyring
    return backend


@pytest.fixture
def keyring_file(tmp_path: Path, memory_keyring: object) -> Iterator[Path]:
    """A file keyring in ``tmp_path`` (set after the in-memory one, restored by it)."""
    path = tmp_path / "keyring" / "keyring_pass.cfg"
    keyring.set_keyring(file_keyring(path))
    yield path


def entries_on_disk(path: Path) -> int:
    """How many entries the keyring file holds for stacdesk (names and values are encoded)."""
    parser = configparser.RawConfigParser()
    parser.read(path)
    return len(parser.options("stacdesk")) if parser.has_section("stacdesk") else 0


def test_store_read_rotate_and_erase_through_a_real_backend(
    tmp_path: Path, keyring_file: Path
) -> None:
    book = ConnectionBook(tmp_path / "connections.json")
    oidc = AuthSettings("oidc", token_url="https://id.example/token", client_id="stacdesk")
    book.put(Connection("Lab", "https://stac.example.org/", auth=oidc), {"refresh_token": "rt-1"})
    assert "rt-1" not in (tmp_path / "connections.json").read_text()
    assert entries_on_disk(keyring_file) == 1

    # a later run: a new backend object reading the same file finds the token
    keyring.set_keyring(file_keyring(keyring_file))
    store = SecretStore()
    assert store.get("Lab", "refresh_token") == "rt-1"

    # a rotated refresh token replaces the old one on disk at once
    store.for_connection("Lab").set("refresh_token", "rt-2")
    assert file_keyring(keyring_file).get_password("stacdesk", "refresh_token@Lab") == "rt-2"

    book.put(Connection("Lab 2", "https://stac.example.org/", auth=oidc), old_name="Lab")
    again = file_keyring(keyring_file)
    assert again.get_password("stacdesk", "refresh_token@Lab") is None
    assert again.get_password("stacdesk", "refresh_token@Lab 2") == "rt-2"

    book.remove("Lab 2")
    assert file_keyring(keyring_file).get_password("stacdesk", "refresh_token@Lab 2") is None
    assert entries_on_disk(keyring_file) == 0


def test_erasing_what_was_never_stored_is_harmless(keyring_file: Path) -> None:
    store = SecretStore()
    store.delete("Nobody", "password")
    store.delete_all("Nobody")
    assert store.get("Nobody", "password") is None
