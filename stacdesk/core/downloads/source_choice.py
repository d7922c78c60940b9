"""Which of a file's hrefs to try first, when several catalogs serve the same file.

A product found in several catalogs downloads from the best source: first one that can be
fetched with what the user has (no credentials needed, or stored ones), then the host measured
faster on this run's finished transfers, then the catalogs' order. The others stay behind it
as fallbacks (``attempts``): a refusal, a missing file or bytes that fail the check move on.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence

from stacdesk.core.downloads.host_queue import host_key

SMOOTHING = 0.3  # weight of the newest transfer in a host's moving average
MIN_MEASURED_BYTES = 256 * 1024  # smaller files say more about latency than about speed


class HostSpeeds:
    """Bytes per second per host, a moving average over the transfers finished so far."""

    def __init__(self) -> None:
        self._speeds: dict[str, float] = {}

    def record(self, href: str, size: int, seconds: float) -> None:
        if size < MIN_MEASURED_BYTES or seconds <= 0:
            return
        host, speed = host_key(href), size / seconds
        before = self._speeds.get(host)
        self._speeds[host] = speed if before is None else before + SMOOTHING * (speed - before)

    def of(self, href: str) -> float | None:
        return self._speeds.get(host_key(href))


class SourceChoice:
    """Orders a job's hrefs; ``lacks_credentials(href)`` says a source needs a login the user
    has not stored (those go last, still tried: the catalog may have been wrong)."""

    def __init__(
        self,
        speeds: HostSpeeds | None = None,
        lacks_credentials: Callable[[str], bool] = lambda href: False,
    ) -> None:
        self.speeds = speeds or HostSpeeds()
        self.lacks_credentials = lacks_credentials

    def order(self, hrefs: Sequence[str]) -> list[str]:
        """Usable before blocked; measured faster before slower (a host not measured yet counts
        as the median of those that were); then as the catalogs list them."""
        measured = [s for s in (self.speeds.of(h) for h in hrefs) if s is not None]
        typical = statistics.median(measured) if measured else 0.0

        def rank(pair: tuple[int, str]) -> tuple[bool, float, int]:
            position, href = pair
            speed = self.speeds.of(href)
            return (self.lacks_credentials(href), -(typical if speed is None else speed), position)

        return [href for _, href in sorted(enumerate(hrefs), key=rank)]
