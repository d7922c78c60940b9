"""tests/RELIABILITY.md stays current: every reliability test is in its table, and every test the
table names exists."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
TABLE = TESTS / "RELIABILITY.md"
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def defined_tests(path: Path) -> set[str]:
    return set(re.findall(r"^(?:async )?def (test_\w+)\(", path.read_text(), re.MULTILINE))


def test_every_reliability_test_is_in_the_table() -> None:
    listed = {(path, name) for path, name in REFERENCE.findall(TABLE.read_text())}
    here = Path(__file__).name
    missing = [
        f"{module.relative_to(REPO).as_posix()}::{name}"
        for module in sorted((TESTS / "reliability").glob("test_*.py"))
        if module.name != here
        for name in sorted(defined_tests(module))
        if (module.relative_to(REPO).as_posix(), name) not in listed
    ]
    assert not missing, f"add these to tests/RELIABILITY.md: {missing}"


def test_every_test_the_table_names_exists() -> None:
    gone = [
        f"{path}::{name}"
        for path, name in REFERENCE.findall(TABLE.read_text())
        if not (REPO / path).is_file() or name not in defined_tests(REPO / path)
    ]
    assert not gone, f"tests/RELIABILITY.md names tests that do not exist: {gone}"


def test_no_data_lost_in_any_row() -> None:
    rows = [line for line in TABLE.read_text().splitlines() if REFERENCE.search(line)]
    assert rows
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[4] == "0", row  # the "Data lost" column
