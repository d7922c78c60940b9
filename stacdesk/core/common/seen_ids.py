"""Which item ids a long search has already returned, in 8 bytes an id.

Why: a search drops items a server sends twice (pages shift while it pages), and a million
results must not grow memory by a million Python strings (~130 MiB in a set). Each id is kept as
its 64-bit hash in a sorted NumPy array, with the latest ids in a small set merged in now and
then. Two different ids sharing a 64-bit hash among a million is a chance of about 3 in 10⁸; the
price is that one of them would be taken for a repeat.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

MERGE_EVERY = 10_000  # recent ids held as Python ints (~70 bytes each) before they join the array
_MASK = (1 << 64) - 1


class SeenIds:
    """``fresh(ids)`` says which ids are new, remembering them; repeats within one call count."""

    def __init__(self) -> None:
        self._sorted = np.empty(0, dtype=np.uint64)
        self._recent: set[int] = set()

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent)

    def fresh(self, ids: Iterable[str]) -> list[bool]:
        keys = [hash(i) & _MASK for i in ids]
        if not keys:
            return []
        old = self._in_sorted(np.array(keys, dtype=np.uint64))
        answer = []
        for key, known in zip(keys, old, strict=True):
            new = not known and key not in self._recent
            if new:
                self._recent.add(key)
            answer.append(new)
        if len(self._recent) >= MERGE_EVERY:
            recent = np.sort(np.fromiter(self._recent, dtype=np.uint64, count=len(self._recent)))
            merged = np.concatenate([self._sorted, recent])  # never in both: no repeats to drop
            merged.sort(kind="stable")  # two sorted runs: a linear merge
            self._sorted = merged
            self._recent.clear()
        return answer

    def _in_sorted(self, keys: np.ndarray) -> list[bool]:
        if not len(self._sorted):
            return [False] * len(keys)
        at = np.searchsorted(self._sorted, keys).clip(0, len(self._sorted) - 1)
        return (self._sorted[at] == keys).tolist()  # type: ignore[no-any-return]
