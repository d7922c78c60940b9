"""The architecture as import-linter contracts (pyproject.toml): the core never imports Qt, the
window and the command line sit above the core, and the core's concept packages are layered."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONTRACTS = (
    "The core never imports Qt",
    "The window and the command line sit above the core",
    "The core's concepts are layered",
    "Catalogs, results and exports do not know each other",
    "The leaf concepts do not know each other",
)


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    for contract in CONTRACTS:  # each one named, so a contract deleted from pyproject fails here
        assert f"{contract} KEPT" in result.stdout, result.stdout
