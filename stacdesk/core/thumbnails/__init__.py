"""Thumbnails: fetched a few at a time, decoded off the GUI thread, cached on disk.

Knows no catalog, search or credentials store: headers and signing are handed in as functions.
"""
