"""The download engine's limits and timings, apart from the engine so the modules that run a
job's attempts can read them without importing the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stacdesk.core.downloads.layout import DEFAULT_TEMPLATE


@dataclass
class EngineSettings:
    """Limits and timings; the app fills them from the user's settings."""

    folder: Path | None = None  # default download folder (None: app_paths().downloads)
    template: str = DEFAULT_TEMPLATE
    max_concurrent: int = 4
    per_host: int = 2
    idle_timeout: float = 60.0
    connect_timeout: float = 20.0
    max_attempts: int = 6  # failed attempts in a row without new bytes before giving up
    backoff_base: float = 1.0
    backoff_cap: float = 60.0
    max_retry_after: float = 600.0
    progress_interval: float = 0.25
    save_interval: float = 1.0  # how often bytes_done is written while running
    extra: dict[str, Any] = field(default_factory=dict)
