"""The one thing UI actions may say to the window: a line of status text.

Actions (export, downloads, saved searches…) take a ``ShowStatus`` instead of the main window, so
they need not import it and can be built and tested with any callable; the window decides where
the text goes (its status label, or a message that fades after a while).
"""

from __future__ import annotations

from collections.abc import Callable

ShowStatus = Callable[[str], None]
"""Shows one line of status text (a result, or why nothing happened)."""
