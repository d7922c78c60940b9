"""What came back: the compact result store and what is computed over it (local filter,
order, histograms, footprints, coverage, item details, time-axis ticks).

Knows no catalog and no search: rows arrive as batches, whoever fetched them.
"""
