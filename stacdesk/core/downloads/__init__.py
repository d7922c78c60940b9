"""The download manager's core: jobs, their SQLite queue, safe paths, fetchers and the engine.

No Qt here: the downloads panel, the CLI and the benchmarks drive the same ``DownloadEngine``
(``engine``: owns the jobs, adding and control). A job is built from an asset (``asset_jobs``),
waits its turn per host (``host_queue``), is attempted, retried and verified (``attempts``,
``finishing``) while its bytes move in a worker thread (``fetching``, ``sources`` and the
fetchers) reporting progress (``transfer_progress``). The queue's writes, a finished file's
rename and its item's JSON are the recorder thread's (``job_recorder``, ``store``,
``item_catalogs``, ``catalog_writer``), so the event loop only moves work along.
"""
