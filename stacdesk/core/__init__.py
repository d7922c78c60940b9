"""The Qt-free core: catalogs, queries, paging, results. Driven by the window, the CLI and tests."""
