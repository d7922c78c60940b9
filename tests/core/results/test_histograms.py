"""The plots' counts: each row's bin kept, the filter's rows counted with one bincount."""

from __future__ import annotations

import numpy as np

from stacdesk.core.results.histograms import bin_rows, masked_counts


def test_binned_counts_match_numpy_histograms() -> None:
    rng = np.random.default_rng(2)
    values = rng.uniform(-5, 105, 5000)
    values[::17] = np.nan
    values[3] = 100.0  # on the last edge: counted in the last bin, as numpy does
    edges = np.linspace(0.0, 100.0, 21)
    mask = rng.random(5000) < 0.5
    bins = bin_rows(values, edges)
    finite = np.isfinite(values)
    expected, _ = np.histogram(values[finite & mask], bins=edges)
    assert masked_counts(bins, mask, 20).tolist() == expected.tolist()
    assert masked_counts(bins, None, 20).sum() == np.histogram(values[finite], bins=edges)[0].sum()
    assert bin_rows(values, edges[:1]).max() == -1
