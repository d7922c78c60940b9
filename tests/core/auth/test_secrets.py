"""Secrets live in the keyring only, move with a renamed connection, and never reach the log."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import keyring
import pytest

from stacdesk.core.auth import AuthSettings
from stacdesk.core.auth.secrets import (
    MemorySecrets,
    SecretStore,
    SecretStoreError,
    redact,
    remember_secret,
)
from stacdesk.core.catalogs.connections import PRESETS, Connection, ConnectionBook
from tests.servers.auth_doubles import MemoryKeyring


def test_book_keeps_secrets_in_the_keyring_only(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    book = ConnectionBook(tmp_path / "connections.json")
    conn = Connection(
        "Mine", "https://stac.example.org/", auth=AuthSettings("basic", username="ana")
    )
    book.put(conn, {"password": "pa55-word-XYZ", "token": "unused-token"})
    text = (tmp_path / "connections.json").read_text()
    assert "pa55-word-XYZ" not in text and "unused-token" not in text
    assert json.loads(text)["connections"][0]["auth"] == {"kind": "basic", "username": "ana"}
    assert memory_keyring.entries == {("stacdesk", "password@Mine"): "pa55-word-XYZ"}

    reopened = ConnectionBook(tmp_path / "connections.json")
    assert reopened.find("Mine") == conn
    # switching to a bearer token forgets the password; an empty value keeps what is stored
    bearer = Connection("Mine", conn.url, auth=AuthSettings("bearer"))
    reopened.put(bearer, {"token": "tok-123456"}, old_name="Mine")
    reopened.put(bearer, {"token": ""}, old_name="Mine")
    assert memory_keyring.entries == {("stacdesk", "token@Mine"): "tok-123456"}
    reopened.put(Connection("Renamed", conn.url, auth=AuthSettings("bearer")), old_name="Mine")
    assert memory_keyring.entries == {("stacdesk", "token@Renamed"): "tok-123456"}
    assert reopened.find("Mine") is None
    reopened.remove("Renamed")
    assert memory_keyring.entries == {}


def test_presets_can_be_edited_hidden_and_restored(tmp_path: Path) -> None:
    book = ConnectionBook(tmp_path / "c.json")
    preset = PRESETS[1]
    edited = Connection(preset.name, preset.url, auth=AuthSettings("api_key", header_name="X-Key"))
    book.put(edited, {"api_key": "k-secret-1"})
    assert book.find(preset.name) == edited
    assert [c.name for c in book.all()].count(preset.name) == 1
    book.remove(preset.name)
    assert book.find(preset.name) is None
    book.restore_presets()
    assert book.find(preset.name) == preset
    with pytest.raises(ValueError, match="header"):
        book.put(Connection("x", "https://a", auth=AuthSettings("api_key")))
    with pytest.raises(ValueError, match="http"):
        book.put(Connection("x", "ftp://a"))
    with pytest.raises(ValueError, match="exists"):
        book.put(Connection(PRESETS[0].name, "https://b"), old_name="other")


def test_a_broken_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text("{not json")
    book = ConnectionBook(path)
    assert book.custom == [] and (tmp_path / "c.json.broken").exists()


def test_no_keyring_gives_a_clear_message() -> None:
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(SecretStoreError, match="No system keyring"):
        SecretStore().set("c", "password", "x-secret-y")


def test_without_a_keyring_connections_are_still_saved_and_removed(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A connection without a secret never asks the keyring; one with a secret is removed
    anyway, with a note that its secret could not be erased."""
    from keyring.backends import fail

    book = ConnectionBook(tmp_path / "c.json")
    book.put(Connection("Locked", "https://locked.example.org", auth=AuthSettings("bearer")), {
        "token": "tok-kept-987"
    })  # fmt: skip
    keyring.set_keyring(fail.Keyring())
    plain = book.put(Connection("Plain", "https://plain.example.org/stac"))
    added = book.add_url("https://typed.example.org/v1")
    assert book.remove(plain.name) is None and book.remove(added.name) is None
    assert book.remove(PRESETS[0].name) is None
    note = book.remove("Locked")
    assert note is not None and "could not be erased" in note and "No system keyring" in note
    reopened = ConnectionBook(tmp_path / "c.json")
    for name in (plain.name, added.name, PRESETS[0].name, "Locked"):
        assert reopened.find(name) is None
    assert memory_keyring.entries == {("stacdesk", "token@Locked"): "tok-kept-987"}


def test_an_invalid_connection_is_explained_without_an_exception_name(tmp_path: Path) -> None:
    from stacdesk.core.common.errors import describe_error

    with pytest.raises(ValueError) as caught:
        ConnectionBook(tmp_path / "c.json").put(Connection("x", "stac.example.org"))
    assert describe_error(caught.value).startswith("A STAC API URL starts with http")


def test_remembered_secrets_are_redacted_from_every_log_record(
    caplog: pytest.LogCaptureFixture,
) -> None:
    remember_secret("Sup3rS3cret")
    MemorySecrets({"token": "AnotherSecret42"})
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("pystac_client").debug("Headers: %s", {"Authorization": "Sup3rS3cret"})
        logging.getLogger("x").info("token=AnotherSecret42 and more")
    assert "Sup3rS3cret" not in caplog.text and "AnotherSecret42" not in caplog.text
    assert caplog.text.count("***") == 2
    assert redact("a Sup3rS3cret b") == "a *** b"
