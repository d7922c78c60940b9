"""Why a preview cannot be shown: one message per item, never an exception in the window."""

from __future__ import annotations

from stacdesk.core.common.message import QT_TRANSLATE_NOOP


class PreviewError(Exception):
    """A preview failed for a reason the user can read (``str(error)`` is the message)."""


WOULD_READ = QT_TRANSLATE_NOOP("Previews", "%1: a preview would read %2")
WHOLE_FILE = QT_TRANSLATE_NOOP("Previews", "the whole file")
OUTSIDE_VIEW = QT_TRANSLATE_NOOP("Previews", "the data is outside the view")


class OutsideView(PreviewError):
    """The item's data is not in the view: nothing to draw, and nothing wrong with the item (a
    mosaic leaves it out without naming it)."""

    def __init__(self) -> None:
        super().__init__(OUTSIDE_VIEW())

    def __reduce__(self) -> tuple[type, tuple[()]]:
        return type(self), ()  # from the reading process, as it was raised there


class NeedsWholeFile(PreviewError):
    """The preview would have to read the whole file: offered as an explicit choice, never
    started silently (a striped TIFF without overviews, or a server without Range requests)."""

    def __init__(self, reason: str, size: int | None) -> None:
        self.reason = reason
        self.size = size
        amount = human_bytes(size) if size is not None else WHOLE_FILE()
        super().__init__(WOULD_READ(reason, amount))

    def __reduce__(self) -> tuple[type, tuple[str, int | None]]:
        return type(self), (self.reason, self.size)  # from the reading process


def human_bytes(size: int) -> str:
    """``800 MB``-style sizes for messages (decimal units, as servers and file managers say)."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit in ("bytes", "kB") else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"  # pragma: no cover - the loop returns at GB
