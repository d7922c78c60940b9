"""One lock for the Python-heavy part of turning a page into results, shared by every worker.

Why: decoding a page item by item, keying its products and building its columns hold the GIL
for tens of milliseconds a page. Several workers doing that at once (three catalogs paging, or
one page's columns beside the next page's decoding) gain nothing, since only one of them runs
Python at a time, but each is one more thread the GUI thread has to win the GIL from: every
time a Qt call hands the GIL back, the GUI thread waits for whichever thread the system wakes,
and a repaint of a few milliseconds of CPU stretched to hundreds of milliseconds of wall time
with three catalogs paging. With this lock the GUI thread contends with one such worker at
most. The network, and the compression (which releases the GIL), stay outside it.
"""

from __future__ import annotations

import threading

PAGE_WORK = threading.Lock()
