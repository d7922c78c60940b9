"""tests/RELIABILITY.md stays current: every reliability test is in its table, every test the
table names exists and computes its row's numbers (``ledger.record``), and no row lost data."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.reliability.ledger import REFERENCE, Counts, record, table_rows

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
TABLE = TESTS / "RELIABILITY.md"


def defined_tests(path: Path) -> set[str]:
    return set(re.findall(r"^(?:async )?def (test_\w+)\(", path.read_text(), re.MULTILINE))


def calls_record(path: Path, name: str) -> bool:
    """Whether test ``name`` of ``path`` calls ``record`` itself, or through a function of its
    module that does (as the search faults' shared check)."""
    tree = ast.parse(path.read_text())
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}

    def called(node: ast.AST) -> set[str]:
        return {
            c.func.id
            for c in ast.walk(node)
            if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
        }

    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in functions:
            continue
        seen.add(current)
        names = called(functions[current])
        if "record" in names:
            return True
        todo.extend(names)
    return False


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


def test_every_test_the_table_names_records_its_numbers() -> None:
    silent = [
        f"{path}::{name}"
        for path, name in REFERENCE.findall(TABLE.read_text())
        if (REPO / path).is_file() and not calls_record(REPO / path, name)
    ]
    assert not silent, f"these tests do not compute their row (ledger.record): {silent}"


def test_every_row_names_a_test_once_and_has_numbers() -> None:
    rows = table_rows()  # asserts Tried, Survived and Data lost are numbers
    body = [
        line
        for line in TABLE.read_text().splitlines()
        if line.startswith("| ") and not line.startswith("| Case |")
    ]
    assert len(rows) == len(body), "a row of the table names no test"
    named = [test for row in rows for test in row.tests]
    assert len(named) == len(set(named)), "a test is named by two rows"


def test_no_data_lost_in_any_row() -> None:
    rows = [line for line in TABLE.read_text().splitlines() if REFERENCE.search(line)]
    assert rows
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[4] == "0", row  # the "Data lost" column
    assert all(row.counts.lost == 0 for row in table_rows())


class FakeNode:
    """What ``record`` reads of a pytest item: where it is and its id."""

    def __init__(self, name: str, nodeid: str) -> None:
        self.path = REPO / "tests" / "reliability" / "test_reliability_table.py"
        self.originalname, self.name, self.nodeid = name, name, nodeid


class FakeRequest:
    def __init__(self, node: FakeNode, session_items: list[FakeNode]) -> None:
        self.node = node
        self.session = type("Session", (), {"items": session_items})()


def test_record_compares_the_sum_of_a_rows_tests_with_the_row(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A row of two tests: each alone may not exceed it; the last one makes the sum exact."""
    import tests.reliability.ledger as ledger

    ref = "tests/reliability/test_reliability_table.py::"
    table = tmp_path / "RELIABILITY.md"
    table.write_text(
        "| Case | What | Tried | Survived | Data lost | Test |\n|---|---|---|---|---|---|\n"
        f"| Pair | two | 3 | 3 (fine) | 0 | `{ref}test_a`, `{ref}test_b` |\n"
    )
    monkeypatch.setattr(ledger, "TABLE", table)
    monkeypatch.setattr(ledger, "_recorded", {})
    a, b = FakeNode("test_a", "a"), FakeNode("test_b", "b")
    record(FakeRequest(a, [a, b]), tried=2, survived=2, lost=0)  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match="says Counts"):
        record(FakeRequest(b, [a, b]), tried=2, survived=2, lost=0)  # type: ignore[arg-type]
    record(FakeRequest(b, [a, b]), tried=1, survived=1, lost=0)  # type: ignore[arg-type]
    assert ledger._recorded["Pair"] == {"a": Counts(2, 2, 0), "b": Counts(1, 1, 0)}
    monkeypatch.setattr(ledger, "_recorded", {})
    with pytest.raises(AssertionError, match="so far"):  # more than the row, b not run yet
        record(FakeRequest(a, [a, b]), tried=4, survived=4, lost=0)  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match="says Counts"):  # data lost where the row says 0
        record(FakeRequest(a, [a]), tried=3, survived=3, lost=1)  # type: ignore[arg-type]
