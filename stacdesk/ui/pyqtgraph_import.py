"""pyqtgraph imported without its copy of every name in PySide6's QtCore, QtGui and QtWidgets.

Why: at import, ``pyqtgraph.Qt`` copies each name of those three modules into three empty modules
of its own. PySide6 makes a class (and its Python enums) when it is first asked for, so that copy
makes all ~750 classes and ~640 enums: about 0.1 s of the start, for classes the window never
uses. Here pyqtgraph's three modules are in place before it is imported, each handing out
PySide6's own object when a name is first read (a module ``__getattr__``, PEP 562), and PySide6's
modules list no names while pyqtgraph is imported, so the copy has nothing to do. pyqtgraph reads
``QtCore.QPointF`` through the same modules as before and gets the same classes.

It relies on pyqtgraph's ``Qt/QtCore``, ``Qt/QtGui`` and ``Qt/QtWidgets`` being empty packages
that only the copy fills (pyqtgraph 0.13 and 0.14); ``tests/ui/test_pyqtgraph_import.py`` fails
if that changes.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

QT_MODULES = (QtCore, QtGui, QtWidgets)


def import_pyqtgraph() -> None:
    """Import pyqtgraph with lazily forwarding Qt modules; nothing if it is already imported."""
    if "pyqtgraph" in sys.modules:
        return
    listings: dict[types.ModuleType, Callable[[], list[str]]] = {}
    try:
        for real in QT_MODULES:
            sys.modules[_shim_name(real)] = _forwarding_module(real)
            listings[real] = real.__dir__
            real.__dir__ = _no_names  # type: ignore[method-assign]
        import pyqtgraph  # noqa: F401
    finally:
        for real, listing in listings.items():
            real.__dir__ = listing  # type: ignore[method-assign]


def _shim_name(real: types.ModuleType) -> str:
    return "pyqtgraph.Qt." + real.__name__.rpartition(".")[2]


def _no_names() -> list[str]:
    return []


def _forwarding_module(real: types.ModuleType) -> types.ModuleType:
    """A module that answers every name it does not hold with ``real``'s, and keeps it."""
    shim = types.ModuleType(_shim_name(real), real.__doc__)

    def forward(name: str) -> object:
        value = getattr(real, name)
        setattr(shim, name, value)  # kept: later reads are plain lookups, as after the copy
        return value

    def listing() -> list[str]:
        return sorted(set(dir(real)) | set(vars(shim)))

    shim.__getattr__ = forward  # type: ignore[method-assign]
    shim.__dir__ = listing  # type: ignore[method-assign]
    return shim
