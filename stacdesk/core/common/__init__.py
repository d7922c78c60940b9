"""Foundations every concept of the core uses: errors as sentences, sentences the window can
translate (``message``), events, RFC 3339 times, lenient JSON fields and bytes, plural words.

Knows no concept: nothing here imports another package of the core.
"""
