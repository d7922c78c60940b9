"""Ratio benchmarks: each figure is measured beside a baseline in the same run.

Run: ``uv run python -m benchmarks``.
"""
