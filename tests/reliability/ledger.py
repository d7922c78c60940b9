"""The numbers of tests/RELIABILITY.md come from the tests that exercise each row.

A row's test ends with ``record(request, tried=…, survived=…, lost=…)``, computed from what it
saw (faults injected, inputs generated, results or verified bytes missing). The row must say the
same — Tried, the leading number of Survived, Data lost — so a typed number the run does not bear
out fails the test of that row, and so does a table edit without a test change. A row naming
several tests (or a parametrised one) holds their sum: it is compared when the last of them
collected in the session records; until then the sum so far must not exceed the row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "tests" / "RELIABILITY.md"
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")
LEADING = re.compile(r"\d+")


@dataclass(frozen=True)
class Counts:
    """What one test (or the sum of a row's tests) tried, survived and lost."""

    tried: int
    survived: int
    lost: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tried + other.tried, self.survived + other.survived, self.lost + other.lost
        )

    def within(self, limit: Counts) -> bool:
        return (
            self.tried <= limit.tried
            and self.survived <= limit.survived
            and self.lost <= limit.lost
        )


@dataclass(frozen=True)
class Row:
    """One row of the table: its case, its numbers and the tests (``path::name``) it names."""

    case: str
    counts: Counts
    tests: tuple[str, ...]


def table_rows(text: str | None = None) -> list[Row]:
    """Every row of RELIABILITY.md that names a test; numbers must be numbers to be read."""
    rows = []
    for line in (TABLE.read_text() if text is None else text).splitlines():
        if not line.startswith("|") or not REFERENCE.search(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        tried, survived = LEADING.match(cells[2]), LEADING.match(cells[3])
        assert tried and tried.group() == cells[2], f"Tried is not a number: {line}"
        assert survived, f"Survived does not start with a number: {line}"
        assert cells[4].isdigit(), f"Data lost is not a number: {line}"
        counts = Counts(int(cells[2]), int(survived.group()), int(cells[4]))
        tests = tuple(f"{path}::{name}" for path, name in REFERENCE.findall(cells[5]))
        rows.append(Row(cells[0], counts, tests))
    return rows


def reference(item: pytest.Item) -> str:
    """``tests/…py::test_name`` of a collected test, as the table names it (no parameters)."""
    name = getattr(item, "originalname", item.name)
    return f"{Path(item.path).relative_to(REPO).as_posix()}::{name}"


_recorded: dict[str, dict[str, Counts]] = {}  # row case → node id → counts


def record(request: pytest.FixtureRequest, *, tried: int, survived: int, lost: int) -> None:
    """Check what this test computed against its row of RELIABILITY.md (see the module)."""
    mine = Counts(tried, survived, lost)
    assert 0 <= survived <= tried and lost >= 0, mine
    ref = reference(request.node)
    rows = [r for r in table_rows() if ref in r.tests]
    assert len(rows) == 1, f"{len(rows)} rows of tests/RELIABILITY.md name {ref} (one must)"
    row = rows[0]
    done = _recorded.setdefault(row.case, {})
    done[request.node.nodeid] = mine
    total = sum(done.values(), Counts(0, 0, 0))
    collected = {reference(i) for i in request.session.items}
    expected = {i.nodeid for i in request.session.items if reference(i) in row.tests}
    where = f"tests/RELIABILITY.md, row {row.case!r}"
    if set(row.tests) <= collected and expected <= set(done):  # the whole row ran
        assert total == row.counts, f"{where} says {row.counts}, its tests computed {total}"
    else:
        assert total.within(row.counts), f"{where} says {row.counts}, its tests so far {total}"


def results_lost(got: Iterable[str], expected: Iterable[str]) -> int:
    """Results an undisturbed run has and this one lacks, plus any held twice."""
    held = Counter(got)
    return len(set(expected) - set(held)) + sum(n - 1 for n in held.values())


def bytes_lost(path: Path, source: bytes) -> int:
    """Bytes of ``source`` missing or wrong in the file at ``path`` (all of them if absent),
    plus any extra bytes the file holds."""
    if not path.is_file():
        return len(source)
    written = path.read_bytes()
    if written == source:
        return 0
    common = min(len(written), len(source))
    wrong = sum(a != b for a, b in zip(written[:common], source[:common], strict=True))
    return wrong + abs(len(written) - len(source))


def run_property(prop: Callable[..., Any], *args: Any) -> Counts:
    """Run a hypothesis property and count its runs: tried = generated inputs run (those
    ``assume`` rejected are not counted), lost = runs that failed. A failure is raised with
    hypothesis' own report, so a recorded run lost none."""
    from hypothesis.errors import UnsatisfiedAssumption

    inner = prop.hypothesis.inner_test  # type: ignore[attr-defined]
    runs = Counter[str]()

    def counted(*a: Any, **kw: Any) -> Any:
        try:
            result = inner(*a, **kw)
        except UnsatisfiedAssumption:
            raise
        except BaseException:
            runs["failed"] += 1
            raise
        runs["passed"] += 1
        return result

    prop.hypothesis.inner_test = counted  # type: ignore[attr-defined]
    try:
        prop(*args)
    finally:
        prop.hypothesis.inner_test = inner  # type: ignore[attr-defined]
    return Counts(runs["passed"] + runs["failed"], runs["passed"], runs["failed"])
