"""The two steps of event grouping on sparse arrays: neighbours, then constrained linkage.

:func:`sparse_neighbours` compares each article only with the articles dated within the
window of its own date (and with the undated ones), a block of rows at a time, and keeps
each article's strongest links: memory grows with the number of articles, never with
its square.

:func:`constrained_average_linkage` is average linkage (UPGMA) on that sparse graph, with
hard constraints: two clusters merge only while the mean similarity over all pairs of
their articles (pairs not kept count as 0) is at least the threshold, the merged
cluster spans at most ``window_days`` between its first and last date, and no two of its
articles name different rounds. A chain of articles, each like the next, can therefore
never grow into a corpus-wide event: an event is at most one window long.
"""

from __future__ import annotations

import heapq
import math

import numpy as np
import scipy.sparse as sp

__all__ = ["constrained_average_linkage", "sparse_neighbours", "time_decay"]

#: Largest number of similarity entries computed at once (rows x candidate columns).
BLOCK_CELLS = 8_000_000


#: Days between two articles assumed when either is undated: an unknown gap counts as a
#: typical gap between two reports of one event (half a day; of the BASIL triplets' three
#: reports, half share the day and a third are one day apart), so that without dates,
#: where every pair is compared, chance likenesses need a little more to join.
UNDATED_DAYS = 0.5


def time_decay(days_apart: np.ndarray, half_life: float) -> np.ndarray:
    """Weight of a similarity between articles ``days_apart`` days apart (1 on the same day).

    The weight halves every ``half_life`` days (0 or inf: no decay); undated pairs (NaN)
    count as :data:`UNDATED_DAYS` apart.

    >>> time_decay(np.array([0.0, 2.0]), 2.0).tolist()
    [1.0, 0.5]
    """
    d = np.abs(np.asarray(days_apart, dtype=float))
    if not half_life or not np.isfinite(half_life):
        return np.ones_like(d)
    return np.power(0.5, np.where(np.isnan(d), UNDATED_DAYS, d) / half_life)


def sparse_neighbours(
    X: sp.csr_matrix,
    days: np.ndarray,
    *,
    floor: float,
    window_days: int,
    half_life: float,
    max_neighbours: int,
    allowed=None,
) -> sp.csr_matrix:
    """Symmetric sparse matrix of the pairs worth linking, with their (time-weighted) similarity.

    Parameters
    ----------
    X:
        Row-normalised features (one row per article).
    days:
        Day number of each article (NaN when undated).
    floor:
        Pairs with a weighted similarity below this are dropped (count as 0 later).
    window_days:
        Dated pairs further apart than this are never compared.
    half_life:
        Similarity weighted by :func:`time_decay` of the days between the two articles.
    max_neighbours:
        Each article keeps at most this many neighbours (its strongest); a pair stays
        when either side keeps it.
    allowed:
        Optional ``allowed(rows, cols) -> bool array``: pairs it refuses are dropped
        (round ordinals).
    """
    n = X.shape[0]
    by_date = np.argsort(days, kind="stable")  # undated (NaN) last
    sorted_days = days[by_date]
    n_dated = int(np.count_nonzero(~np.isnan(days)))
    undated = by_date[n_dated:]
    rows_out, cols_out, vals_out = [], [], []
    XT = None
    lo = 0
    step = max(1, min(n, BLOCK_CELLS // max(1, n)))
    while lo < n:
        # grow the block while its candidates fit in BLOCK_CELLS
        hi = min(n, lo + max(step, 64))
        while True:
            block_rows = by_date[lo:hi]
            d_block = sorted_days[lo:hi]
            if np.isnan(d_block).any():  # undated rows are compared with every article
                cand = np.arange(n)
            else:
                a = np.searchsorted(sorted_days[:n_dated], d_block[0] - window_days, side="left")
                b = np.searchsorted(sorted_days[:n_dated], d_block[-1] + window_days, side="right")
                cand = np.concatenate([by_date[a:b], undated])
            if (hi - lo) * len(cand) <= BLOCK_CELLS or hi - lo <= 64:
                break
            hi = lo + max(64, (hi - lo) // 2)
        if len(cand) == n:  # undated rows: against every article (the transpose made once)
            if XT is None:
                XT = X.T.tocsc()
            cand = np.arange(n)
            block = (X[block_rows] @ XT).tocoo()
        else:
            block = (X[block_rows] @ X[cand].T).tocoo()
        r, c, v = block_rows[block.row], cand[block.col], block.data
        dr, dc = days[r], days[c]
        gap = np.abs(dr - dc)
        keep = (r != c) & ~(gap > window_days)  # NaN gaps (undated) are kept
        r, c, v, gap = r[keep], c[keep], v[keep], gap[keep]
        v = v * time_decay(gap, half_life)
        keep = v >= floor
        r, c, v = r[keep], c[keep], v[keep]
        if allowed is not None and len(r):
            ok = allowed(r, c)
            r, c, v = r[ok], c[ok], v[ok]
        # each row's strongest max_neighbours
        if len(r):
            order = np.lexsort((c, -v, r))
            r, c, v = r[order], c[order], v[order]
            starts = np.r_[0, np.flatnonzero(np.diff(r)) + 1]
            rank = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
            top = rank < max_neighbours
            rows_out.append(r[top])
            cols_out.append(c[top])
            vals_out.append(v[top])
        lo = hi
    if rows_out:
        r = np.concatenate(rows_out)
        c = np.concatenate(cols_out)
        v = np.concatenate(vals_out)
    else:
        r = c = np.zeros(0, dtype=np.int64)
        v = np.zeros(0)
    g = sp.coo_matrix((v, (r, c)), shape=(n, n)).tocsr()
    g.sum_duplicates()
    # symmetric: a pair kept by either side (the similarity is the same both ways)
    return g.maximum(g.T).tocsr()


def _fmin(x: float, y: float) -> float:
    """The smaller of two days, ignoring NaN (undated)."""
    return y if math.isnan(x) else x if math.isnan(y) else min(x, y)


def _fmax(x: float, y: float) -> float:
    """The larger of two days, ignoring NaN (undated)."""
    return y if math.isnan(x) else x if math.isnan(y) else max(x, y)


def constrained_average_linkage(
    graph: sp.csr_matrix,
    threshold: float,
    days: np.ndarray,
    window_days: int,
    masks: np.ndarray,
    conflicts,
    cohesion: float = 0.0,
) -> np.ndarray:
    """Cluster labels (0..k-1, in order of each cluster's first article) by average linkage.

    Two clusters merge while the mean of their pairwise similarities (pairs absent from
    ``graph`` count as 0) is at least ``threshold``, the merged cluster spans at most
    ``window_days`` days, and ``conflicts(mask_a, mask_b)`` holds for none of their pairs
    of distinct round masks. The closest pair merges first (ties: lowest article numbers).

    With ``cohesion`` > 0, two clusters of two or more articles also stay apart when
    their mean similarity to each other is below ``cohesion`` times the mean similarity
    within the looser of the two: two tight groups only loosely tied to each other are
    two events (a strike, and talks that mention it), however related.
    """
    n = graph.shape[0]
    coo = sp.triu(graph, k=1).tocoo()
    # links[a] = {b: summed similarity between clusters a and b}
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for a, b, v in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()):
        links[a][b] = v
        links[b][a] = v
    size = [1] * n
    inner = [0.0] * n  # summed similarity of the pairs within each cluster
    lo_day = [float(d) for d in days.tolist()]
    hi_day = list(lo_day)
    mask_sets: list[frozenset[int]] = [frozenset([int(m)]) if m else frozenset() for m in masks.tolist()]
    parent = list(range(n))
    heap = [(-v, a, b) for a, b, v in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()) if v >= threshold]
    heapq.heapify(heap)
    alive = [True] * n

    def compatible(a: int, b: int) -> bool:
        lo, hi = _fmin(lo_day[a], lo_day[b]), _fmax(hi_day[a], hi_day[b])
        if hi - lo > window_days:  # False when undated (NaN)
            return False
        for ma in mask_sets[a]:
            for mb in mask_sets[b]:
                if conflicts(ma, mb):
                    return False
        return True

    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        s = links[a].get(b)
        if s is None or -neg != s / (size[a] * size[b]):
            continue  # stale entry
        if not compatible(a, b):
            continue
        if cohesion and size[a] > 1 and size[b] > 1:
            within = min(inner[x] / (size[x] * (size[x] - 1) / 2) for x in (a, b))
            if -neg < cohesion * within:
                continue
        # merge the smaller into the larger (keep the lower number on ties)
        if (size[a], -a) < (size[b], -b):
            a, b = b, a
        alive[b] = False
        parent[b] = a
        la, lb = links[a], links[b]
        del la[b]
        del lb[a]
        for x, v in lb.items():
            lx = links[x]
            del lx[b]
            nv = la.get(x, 0.0) + v
            la[x] = nv
            lx[a] = nv
        links[b] = {}
        inner[a] += inner[b] + s
        size[a] += size[b]
        lo_day[a], hi_day[a] = _fmin(lo_day[a], lo_day[b]), _fmax(hi_day[a], hi_day[b])
        mask_sets[a] = mask_sets[a] | mask_sets[b]
        sa = size[a]
        for x, v in la.items():
            avg = v / (sa * size[x])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, x), max(a, x)))
    # roots
    root = np.array(parent, dtype=np.int64)
    while True:
        nxt = root[root]
        if np.array_equal(nxt, root):
            break
        root = nxt
    _, labels = np.unique(root, return_inverse=True)
    # relabel in order of first article
    first: dict[int, int] = {}
    out = np.empty(n, dtype=np.int64)
    for i, lab in enumerate(labels.tolist()):
        out[i] = first.setdefault(lab, len(first))
    return out
