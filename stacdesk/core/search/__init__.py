"""One search run against a catalog into the result store (paging, the session, the
options a catalog offers, extents), saved searches and the search as code.

Sits above catalogs and results; knows no window state (``workspace``).
"""
