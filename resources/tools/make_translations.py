"""Refresh the window's translations: ``uv run python resources/tools/make_translations.py``.

PySide6's lupdate collects every ``tr()`` string of ``stacdesk/ui``, and the core's sentences
marked ``QT_TRANSLATE_NOOP`` (``stacdesk/core/common/message.py``), into
``resources/translations/stacdesk_<lang>.ts`` (keeping the translations made so far; a new or
changed string is marked unfinished until someone translates it, in Qt Linguist or the file),
and lrelease compiles each .ts into the .qm the app loads. ``tests/ui/test_translations.py``
fails while a string is unfinished or a .qm is older than its .ts.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "resources" / "translations"
LANGUAGES = ("cs",)


MARKER = "QT_TRANSLATE_NOOP("


def sources() -> list[Path]:
    """The window's modules and the core's that mark phrases (not the marker's own module)."""
    ui = (REPO / "stacdesk" / "ui").rglob("*.py")
    core = [
        path
        for path in (REPO / "stacdesk" / "core").rglob("*.py")
        if path.name != "message.py" and MARKER in path.read_text(encoding="utf-8")
    ]
    return sorted([*ui, *core])


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (the project's environment)."""
    found = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(found) if found.exists() else f"pyside6-{name}"


def update(ts: Path, extra: tuple[str, ...] = ()) -> str:
    """lupdate into ``ts``; returns what it printed (its counts of new and unfinished)."""
    files = [str(p) for p in sources()]
    done = subprocess.run(
        [tool("lupdate"), "-no-obsolete", "-locations", "none", *extra, *files, "-ts", str(ts)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout + done.stderr


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), str(ts), "-qm", str(qm)], capture_output=True, check=True)


def main() -> int:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = TRANSLATIONS / f"stacdesk_{lang}.ts"
        print(update(ts, ("-target-language", lang)))
        release(ts, ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
