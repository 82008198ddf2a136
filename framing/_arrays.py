"""Array helpers shared by the corpus and the analyses (private)."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

__all__ = ["unique_hashed", "search_within"]


def unique_hashed(values: np.ndarray, *, return_index: bool = False, return_counts: bool = False) -> tuple:
    """``np.unique(values, return_index=..., return_inverse=True, return_counts=...)`` by hashing.

    :func:`pandas.factorize` finds the distinct values in one pass (numbering them in order
    of first appearance) and only those are sorted: many times faster than sorting millions
    of integer codes. Returns ``(unique, [index,] inverse[, counts])`` as NumPy does.

    >>> [x.tolist() for x in unique_hashed(np.array([7, 3, 7, 5]), return_index=True, return_counts=True)]
    [[3, 5, 7], [1, 3, 0], [2, 0, 2, 1], [1, 1, 2]]
    """
    codes, uniq = pd.factorize(values)
    order = np.argsort(uniq, kind="stable")
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[order] = np.arange(len(uniq))
    out: list[np.ndarray] = [uniq[order]]
    if return_index:  # a new code first appears where it exceeds every code before it
        first = np.flatnonzero(np.r_[True, codes[1:] > np.maximum.accumulate(codes)[:-1]]) if len(codes) else codes
        out.append(first[order])
    out.append(rank[codes])
    if return_counts:
        out.append(np.bincount(codes, minlength=len(uniq))[order])
    return tuple(out)


def search_within(
    indptr: np.ndarray,
    values: np.ndarray,
    group: np.ndarray,
    queries: np.ndarray,
    side: Literal["left", "right"] = "left",
) -> np.ndarray:
    """``np.searchsorted(values[indptr[g]:indptr[g + 1]], q, side)`` for each query ``q`` of group
    ``g`` (``group``, ``queries``: parallel arrays), all in one search.

    ``values`` holds the sorted non-negative values of each group one group after another
    (e.g. the sentence starts of every article); the groups are moved apart by a stride
    larger than any value or query, so one sorted array serves every group. Returns the
    place within the group.

    >>> search_within(np.array([0, 2, 4]), np.array([0, 5, 0, 9]), np.array([1, 0]), np.array([6, 6]))
    array([1, 2])
    """
    stride = int(max(values.max(initial=0), queries.max(initial=0))) + 1
    shifted = values + np.repeat(np.arange(len(indptr) - 1, dtype=np.int64) * stride, np.diff(indptr))
    return np.searchsorted(shifted, queries + group * stride, side=side) - indptr[group]
