"""Where passwords and tokens live: the OS keyring, and nowhere else.

Why: settings files, the result database and the log are plain files a user may share or attach to
a bug report. Secrets therefore go only to ``keyring`` (one entry per connection and field), and
every secret this process has seen is redacted from log records, because libraries log request
headers at DEBUG level (pystac-client logs ``Authorization`` verbatim).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import MutableMapping
from typing import Protocol

from stacdesk.core.common.errors import CatalogError

SERVICE = "stacdesk"
SECRET_FIELDS = ("password", "token", "api_key", "refresh_token", "client_secret")
REDACTED = "***"
_MIN_REDACTED_LENGTH = 4  # shorter strings would blank out ordinary words in the log


class SecretStoreError(CatalogError):
    """The keyring is missing or refused: the message says what to do, never the secret."""


class ConnectionSecrets(Protocol):
    """The secrets of one connection, by field name (``password``, ``refresh_token``…)."""

    def get(self, field: str) -> str | None: ...

    def set(self, field: str, value: str) -> None: ...


# ---------------------------------------------------------------- log redaction

_known: set[str] = set()
_known_lock = threading.Lock()
_installed = False


def remember_secret(value: str | None) -> None:
    """Redact ``value`` from every log record from now on."""
    if value and len(value) >= _MIN_REDACTED_LENGTH:
        with _known_lock:
            _known.add(value)
    install_log_redaction()


def redact(text: str) -> str:
    """``text`` with every remembered secret replaced by ``***`` (longest first)."""
    with _known_lock:
        known = sorted(_known, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def install_log_redaction() -> None:
    """Wrap the log record factory once, so no handler (file, console, pytest) sees a secret."""
    global _installed
    with _known_lock:
        if _installed:
            return
        _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = previous(*args, **kwargs)  # type: ignore[arg-type]
        if _known:
            try:
                message = record.getMessage()
            except Exception:  # a broken format string is the logger's problem, not ours
                return record
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, ()
        return record

    logging.setLogRecordFactory(factory)


# ---------------------------------------------------------------- stores


def _entry(connection: str, field: str) -> str:
    return f"{field}@{connection}"


class SecretStore:
    """The keyring entries of all connections (service ``stacdesk``)."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        install_log_redaction()

    def get(self, connection: str, field: str) -> str | None:
        import keyring.errors  # on first use: its backends take ~0.1 s to import at start-up

        try:
            value = keyring.get_password(self.service, _entry(connection, field))
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(_keyring_problem(exc)) from None
        remember_secret(value)
        return value

    def set(self, connection: str, field: str, value: str) -> None:
        remember_secret(value)
        import keyring.errors

        try:
            keyring.set_password(self.service, _entry(connection, field), value)
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(_keyring_problem(exc)) from None

    def delete(self, connection: str, field: str) -> None:
        import keyring.errors

        try:
            keyring.delete_password(self.service, _entry(connection, field))
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: nothing to delete
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(_keyring_problem(exc)) from None

    def delete_all(self, connection: str) -> None:
        for field in SECRET_FIELDS:
            self.delete(connection, field)

    def rename(self, old: str, new: str) -> None:
        """Move a connection's secrets when it is renamed."""
        if old == new:
            return
        for field in SECRET_FIELDS:
            value = self.get(old, field)
            if value is not None:
                self.set(new, field, value)
                self.delete(old, field)

    def for_connection(self, connection: str) -> KeyringSecrets:
        return KeyringSecrets(self, connection)


class KeyringSecrets:
    """One connection's view of the keyring; a rotated refresh token is written straight back."""

    def __init__(self, store: SecretStore, connection: str) -> None:
        self._store = store
        self.connection = connection

    def get(self, field: str) -> str | None:
        return self._store.get(self.connection, field)

    def set(self, field: str, value: str) -> None:
        self._store.set(self.connection, field, value)


class MemorySecrets:
    """Secrets typed in a dialog and not saved yet (testing a connection before saving it).

    A refresh token rotated during the test replaces the typed one here, so the dialog saves the
    token that still works instead of the one the server just retired.
    """

    def __init__(self, values: MutableMapping[str, str] | None = None) -> None:
        self.values: MutableMapping[str, str] = values if values is not None else {}
        for value in self.values.values():
            remember_secret(value)

    def get(self, field: str) -> str | None:
        return self.values.get(field) or None

    def set(self, field: str, value: str) -> None:
        remember_secret(value)
        self.values[field] = value


def _keyring_problem(exc: Exception) -> str:
    import keyring.errors

    name = type(exc).__name__
    if isinstance(exc, keyring.errors.NoKeyringError):
        return (
            "No system keyring is available to keep passwords and tokens safely. Install and "
            "unlock one (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager)."
        )
    return f"The system keyring refused the request ({name}); unlock it and try again."
