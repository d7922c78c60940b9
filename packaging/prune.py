"""Leave out the Qt plugins stacdesk never loads, and the libraries only they needed.

PyInstaller's PySide6 hooks collect every plugin of the modules in use: embedded-device platforms
(eglfs, linuxfb, vnc), touch and evdev input, the GTK 3 theme (which drags cairo, pango, gdk-pixbuf
and friends in from the build machine although GTK itself is not bundled). Removing a plugin from
the Analysis leaves its dependencies behind, so ``prune`` also drops every library that only the
removed files needed. Used by stacdesk.spec at build time; plain Python, no PyInstaller import at
module level so the logic can be read on its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# Bundle paths (as PyInstaller names them, with "/") of plugins and data stacdesk does not use.
UNUSED_QT_PARTS = (
    "PySide6/Qt/translations/",  # Qt's own dialog translations; the app is English-only
    "PySide6/Qt/qml/",
    "PySide6/Qt/plugins/qmltooling/",
    "PySide6/Qt/plugins/designer/",
    "PySide6/Qt/plugins/sqldrivers/",
    "PySide6/Qt/plugins/egldeviceintegrations/",
    "PySide6/Qt/plugins/generic/",  # evdev / tuio input for framebuffer devices
    "PySide6/Qt/plugins/platforms/libqeglfs",
    "PySide6/Qt/plugins/platforms/libqlinuxfb",
    "PySide6/Qt/plugins/platforms/libqvnc",
    "PySide6/Qt/plugins/platforms/libqminimalegl",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay",
    "PySide6/Qt/plugins/platformthemes/libqgtk3",
)

# Loaded with dlopen() by the parts we keep, so no import table shows that they are needed.
ALWAYS_KEEP = ("libdbus-1", "libxkbcommon", "libxcb", "libX11", "libfontconfig", "libfreetype")

Entry = tuple[str, str, str]  # (name in the bundle, source path, kind)


def is_unused(dest: str) -> bool:
    dest = dest.replace("\\", "/")
    return any(part in dest for part in UNUSED_QT_PARTS)


def _closure(
    paths: Iterable[str], imports_of: Callable[[str], Iterable[tuple[str, str | None]]]
) -> set[str]:
    """Every library the given files load, directly or through other libraries (real paths)."""
    seen: set[str] = set()
    todo = [os.path.realpath(p) for p in paths]
    while todo:
        path = todo.pop()
        for _name, resolved in imports_of(path):
            if resolved:
                real = os.path.realpath(resolved)
                if real not in seen:
                    seen.add(real)
                    todo.append(real)
    return seen


def prune(
    binaries: list[Entry],
    datas: list[Entry],
    imports_of: Callable[[str], Iterable[tuple[str, str | None]]],
) -> tuple[list[Entry], list[Entry], list[str]]:
    """The binaries and datas without unused Qt parts and their orphaned libraries.

    ``imports_of(path)`` lists the (name, resolved path) libraries a binary links to
    (PyInstaller's ``bindepend.get_imports``). Returns the kept lists and the dropped bundle names.
    """
    files = [e for e in binaries if e[2] != "SYMLINK"]
    dropped = [e for e in files if is_unused(e[0])]
    kept = [e for e in files if not is_unused(e[0])]
    needed_by_dropped = _closure((e[1] for e in dropped), imports_of)
    # What the remaining files need, starting from those the removed ones did not need (a library
    # that only a removed plugin pulled in must not keep its own dependencies alive).
    roots = [e[1] for e in kept if os.path.realpath(e[1]) not in needed_by_dropped]
    needed_by_kept = _closure(roots, imports_of)
    orphans = {
        path
        for path in needed_by_dropped - needed_by_kept
        if not PurePosixPath(path).name.startswith(ALWAYS_KEEP)
    }
    removed = [e[0] for e in dropped] + [e[0] for e in kept if os.path.realpath(e[1]) in orphans]
    removed += [e[0] for e in datas if is_unused(e[0])]
    removed_names = set(removed)
    gone = {name.replace("\\", "/") for name in removed}

    def keep(entry: Entry) -> bool:
        if entry[0] in removed_names:
            return False
        # PyInstaller's top-level symlinks point at a bundled file (relative bundle path).
        return not (entry[2] == "SYMLINK" and entry[1].replace("\\", "/") in gone)

    dangling = [e[0] for e in [*binaries, *datas] if e[2] == "SYMLINK" and not keep(e)]
    return (
        [e for e in binaries if keep(e)],
        [e for e in datas if keep(e)],
        removed + dangling,
    )
