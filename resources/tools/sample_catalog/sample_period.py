"""When scenes are acquired: the sample's time range and repeat-cycle time slots.

Why: every mission draws its acquisition times from its real repeat cycle inside one shared
period, and ERA5's monthly series (and its quicklooks) covers a fixed set of months.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable

UTC = dt.UTC
T_START = dt.datetime(2023, 1, 1, tzinfo=UTC)
T_END = dt.datetime(2025, 6, 30, 23, 59, 59, tzinfo=UTC)
ERA5_MONTHS = [(y, m) for y in (2023, 2024) for m in range(1, 13)]  # an + fc -> 48 items


def pick_time_slot(
    rng: random.Random, first: dt.datetime, repeat: dt.timedelta, ok: Callable[[dt.datetime], bool]
) -> dt.datetime | None:
    """A random repeat-cycle acquisition ``first + k * repeat`` inside the sample period."""
    k0 = math.ceil((T_START - first) / repeat)
    k1 = math.floor((T_END - first) / repeat)
    for _ in range(40):
        t = first + rng.randint(k0, k1) * repeat
        if T_START <= t <= T_END and ok(t):
            return t
    return None
