"""The connections manager's "Test": open the catalog with what the form says, in a worker.

The secrets are the typed ones, else those the keyring holds for the connection being edited. A
test of an OpenID Connect connection spends its refresh token (providers rotate it), so the new
one is kept where the old one came from: the keyring, or the form (via ``put_back``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject

from stacdesk.core.auth import SECRET_FIELDS_BY_KIND
from stacdesk.core.auth.secrets import MemorySecrets
from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from stacdesk.core.catalogs.opening import check_connection
from stacdesk.core.common.errors import describe_error
from stacdesk.ui.core_text import arg, shown


class ConnectionTest(QObject):
    """``run`` starts a test (cancelling one still running); results go to ``show(text, ok)``,
    ``busy(True/False)`` brackets the work."""

    def __init__(
        self,
        book: ConnectionBook,
        show: Callable[[str, bool], None],
        busy: Callable[[bool], None],
        put_back: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.show = show
        self.busy = busy
        self.put_back = put_back
        self.task: asyncio.Task[None] | None = None

    def run(
        self, connection: Connection, typed: dict[str, str], editing: str | None
    ) -> asyncio.Task[None] | None:
        """Test ``connection`` with the ``typed`` secrets, the rest from ``editing``'s keyring."""
        self.cancel()
        values: dict[str, str] = {}
        from_keyring: set[str] = set()
        for field in SECRET_FIELDS_BY_KIND.get(connection.auth.kind, ()):
            if field in typed:
                values[field] = typed[field]
            elif editing is not None:
                try:
                    stored = self.book.secrets.get(editing, field)
                except Exception as exc:
                    self.show(arg(self.tr("Test failed: %1"), describe_error(exc)), False)
                    return None
                if stored is not None:
                    values[field] = stored
                    from_keyring.add(field)
        self.show(arg(self.tr("Testing %1…"), connection.url), True)
        self.busy(True)
        secrets = MemorySecrets(dict(values))
        self.task = asyncio.ensure_future(
            self._test(connection, secrets, values, from_keyring, editing)
        )
        return self.task

    async def _test(
        self,
        connection: Connection,
        secrets: MemorySecrets,
        before: dict[str, str],
        from_keyring: set[str],
        editing: str | None,
    ) -> None:
        loop = asyncio.get_running_loop()
        try:
            text = shown(await loop.run_in_executor(None, check_connection, connection, secrets))
            ok = True
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # every failure is a message next to the button
            text, ok = arg(self.tr("Test failed: %1"), describe_error(exc, connection.url)), False
        finally:
            self.busy(False)
        self._keep_rotated(secrets, before, from_keyring, editing)
        self.show(text, ok)

    def _keep_rotated(
        self,
        secrets: MemorySecrets,
        before: dict[str, str],
        from_keyring: set[str],
        editing: str | None,
    ) -> None:
        """A refresh token the test rotated replaces the spent one, wherever that came from."""
        new = secrets.get("refresh_token")
        if not new or new == before.get("refresh_token"):
            return
        if "refresh_token" in from_keyring and editing is not None:
            self.book.secrets.set(editing, "refresh_token", new)
        else:
            self.put_back(new)

    def cancel(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()
