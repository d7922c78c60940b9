"""Guards the PySide6 pin: 6.10+ on Python 3.11 drops references to True/None on every signal
emit or null return, until the interpreter dies with 'bool_dealloc' / 'none_dealloc'."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(int)


def test_signals_and_null_returns_keep_singleton_refcounts(qapp) -> None:
    emitter = _Emitter()
    emitter.fired.connect(lambda _value: None)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        emitter.fired.emit(1)
        emitter.parent()
    assert sys.getrefcount(True) >= true_before
    assert sys.getrefcount(None) >= none_before
