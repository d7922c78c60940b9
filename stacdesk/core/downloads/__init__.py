"""The download manager's core: jobs, their SQLite queue, safe paths, fetchers and the engine.

No Qt here: the downloads panel, the CLI and the benchmarks drive the same ``DownloadEngine``.
"""
