"""A measured figure, its baseline and target, and how a set of them is reported."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Figure:
    """One benchmark result. ``ratio`` is value / baseline; ``met`` compares against ``target``.

    ``goal`` says which way is good: ``"max"`` (ratio or value must stay at or below the
    target) or ``"min"`` (at or above it, e.g. throughput). ``on`` says whether the target applies
    to the ratio or to the value itself (P4's 16 ms, P7's 1 MiB).
    """

    id: str
    name: str
    unit: str
    samples: list[float]
    baseline_samples: list[float] = field(default_factory=list)
    baseline_name: str = ""
    target: float | None = None
    goal: str = "max"
    on: str = "ratio"
    notes: str = ""
    measured: str = ""  # when and on what this figure was measured (kept when runs are merged)

    @property
    def value(self) -> float:
        return statistics.median(self.samples)

    @property
    def baseline(self) -> float | None:
        return statistics.median(self.baseline_samples) if self.baseline_samples else None

    @property
    def ratio(self) -> float | None:
        base = self.baseline
        return self.value / base if base else None

    @property
    def runs(self) -> list[float]:
        """What the target is compared with, one per run: the value, or the ratio to the
        baseline measured beside it in the same round (its median when the counts differ)."""
        if self.on != "ratio":
            return list(self.samples)
        if len(self.baseline_samples) == len(self.samples):
            return [s / b for s, b in zip(self.samples, self.baseline_samples, strict=True) if b]
        base = self.baseline
        return [s / base for s in self.samples] if base else []

    @property
    def worst(self) -> float | None:
        """The run furthest from the target's side."""
        runs = self.runs
        if not runs:
            return None
        return max(runs) if self.goal == "max" else min(runs)

    @property
    def met(self) -> bool | None:
        """Met only when every run meets the target, not the median."""
        worst = self.worst
        if self.target is None or worst is None:
            return None
        return worst <= self.target if self.goal == "max" else worst >= self.target

    def target_text(self) -> str:
        if self.target is None:
            return "—"
        sign = "≤" if self.goal == "max" else "≥"
        return f"{sign} {self.target:g}{'×' if self.on == 'ratio' else ' ' + self.unit}"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(
            value=self.value,
            baseline=self.baseline,
            ratio=self.ratio,
            worst=self.worst,
            met=self.met,
        )
        return data


def spread(samples: Sequence[float]) -> str:
    if not samples:
        return ""
    return f"{min(samples):.4g}–{max(samples):.4g}"


def repeat(times: int, measure: Callable[[], float]) -> list[float]:
    return [measure() for _ in range(times)]


def markdown_table(figures: Sequence[Figure]) -> str:
    rows = [
        "| id | measure | value (median, min–max) | baseline | ratio | worst run | target | met "
        "| measured |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        base = f"{f.baseline:.4g} {f.unit} ({f.baseline_name})" if f.baseline is not None else "—"
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        worst = f.worst
        if worst is None or f.target is None:
            worst_text = "—"
        else:
            worst_text = f"{worst:.2f}×" if f.on == "ratio" else f"{worst:.4g} {f.unit}"
        met = {True: "yes", False: "**no**", None: "—"}[f.met]
        rows.append(
            f"| {f.id} | {f.name} | {f.value:.4g} {f.unit} ({spread(f.samples)}) | {base} "
            f"| {ratio} | {worst_text} | {f.target_text()} | {met} | {f.measured or '—'} |"
        )
    return "\n".join(rows)
