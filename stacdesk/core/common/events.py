"""A tiny observer so core objects can announce changes without knowing who listens (Qt or not).

Why not psygnal (evaluated): every event is emitted on the asyncio loop's thread, which qasync
makes the Qt thread (download threads already post there with call_soon_threadsafe), so its
queued cross-thread delivery buys nothing; subscribers would read the same, while it adds a
compiled dependency, holds bound-method slots weakly and wraps slot errors in EmitLoopError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, ParamSpec

P = ParamSpec("P")


class Event(Generic[P]):
    """A list of callbacks called in order; the UI wraps these in Qt signals or calls widgets."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[P, object]] = []

    def connect(self, callback: Callable[P, object]) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[P, object]) -> None:
        self._callbacks.remove(callback)

    def emit(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for callback in list(self._callbacks):
            callback(*args, **kwargs)
