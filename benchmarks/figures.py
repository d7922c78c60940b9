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
    def met(self) -> bool | None:
        if self.target is None:
            return None
        measured = self.ratio if self.on == "ratio" else self.value
        if measured is None:
            return None
        return measured <= self.target if self.goal == "max" else measured >= self.target

    def target_text(self) -> str:
        if self.target is None:
            return "—"
        sign = "≤" if self.goal == "max" else "≥"
        return f"{sign} {self.target:g}{'×' if self.on == 'ratio' else ' ' + self.unit}"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(value=self.value, baseline=self.baseline, ratio=self.ratio, met=self.met)
        return data


def spread(samples: Sequence[float]) -> str:
    if not samples:
        return ""
    return f"{min(samples):.4g}–{max(samples):.4g}"


def repeat(times: int, measure: Callable[[], float]) -> list[float]:
    return [measure() for _ in range(times)]


def markdown_table(figures: Sequence[Figure]) -> str:
    rows = [
        "| id | measure | value (median, min–max) | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        base = f"{f.baseline:.4g} {f.unit} ({f.baseline_name})" if f.baseline is not None else "—"
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[f.met]
        rows.append(
            f"| {f.id} | {f.name} | {f.value:.4g} {f.unit} ({spread(f.samples)}) | {base} "
            f"| {ratio} | {f.target_text()} | {met} |"
        )
    return "\n".join(rows)
