"""The CLI's layout rule: each command is one module (with, when it grows, parts of its own named
``<command>_<part>.py``) that imports only ``cli.shared``, ``cli.sources`` and its own parts of
the CLI, never another command nor the entry, so commands can be added and removed alone and the
entry can load them lazily."""

from __future__ import annotations

import ast
from pathlib import Path

import stacdesk.cli

CLI = Path(stacdesk.cli.__file__).parent
SHARED = {"stacdesk.cli.shared", "stacdesk.cli.sources"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_commands_import_only_the_shared_modules_of_the_cli() -> None:
    commands = [p for p in CLI.glob("*.py") if p.stem not in ("__init__", "__main__", "shared")]
    assert {p.stem for p in commands} >= {"search", "collections", "download", "sources"}
    for path in commands:
        cli_imports = {
            name
            for name in _imports(path)
            if name == "stacdesk.cli" or name.startswith("stacdesk.cli.")
        }
        stem = path.stem.split("_")[0]  # a part of a command shares the command's other parts
        command = stem if (CLI / f"{stem}.py").exists() else path.stem
        own_parts = f"stacdesk.cli.{command}_"
        allowed = {name for name in cli_imports if name.startswith(own_parts)}
        stray = {name for name in cli_imports if name.rpartition(".")[0] not in SHARED} - SHARED
        stray -= allowed
        assert not stray, f"{path.name} imports {sorted(stray)}"


def test_the_entry_imports_no_command_at_module_level() -> None:
    """``stacdesk`` without a command (the window) imports only the entry."""
    tree = ast.parse((CLI / "__init__.py").read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    names = {getattr(n, "module", None) or "" for n in top}
    assert not any(name.startswith("stacdesk") for name in names), names
