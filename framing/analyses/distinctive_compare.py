"""The comparisons of distinctive terms: every outlet of an event against the other
outlets of the event, on whole arrays.

:func:`compare_units` takes the unit counts of
:func:`framing.analyses.distinctive_features._unit_counts` (one row per outlet in an
event), tests every term each row uses (:mod:`framing.analyses.distinctive_stats`: the
exact test on articles within an event, the stratified one corpus-wide), computes the
split-half null of every row, and keeps each row's top-k terms by z with their
Benjamini-Hochberg q, among the ranked terms and among those listed apart.
"""

from __future__ import annotations

import itertools

import numpy as np

from .distinctive_features import _UnitCounts
from .distinctive_stats import hypergeom_test, presence_log_odds, stratified_test

__all__ = ["compare_units"]


#: Nonzero counts compared together in :func:`compare_units`, about
#: (whole events; small enough for the CPU cache) ...
_GROUP_NNZ = 1 << 16
#: ... and events, about (bounds the dense events x terms array of a group).
_GROUP_EVENTS = 32
#: Most cells of one padded (outlets x terms) array in :func:`_rank_rows`.
_PAD_CELLS = 1 << 20


def _length_chunks(lengths: np.ndarray, cells: int):
    """``(start, stop)`` slices of rows sorted by ascending length whose padded size
    (rows x the longest) stays within ``cells`` (at least one row each)."""
    s, n = 0, len(lengths)
    while s < n:
        size = np.arange(1, n - s + 1) * lengths[s:]
        e = s + max(1, int(np.searchsorted(size, cells, side="right")))
        yield s, e
        s = e


def _lower_bound(sorted_rows: np.ndarray, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per entry, the first column of ``sorted_rows[rows]`` (ascending) not below ``values``:
    a binary search on all entries at once."""
    width = sorted_rows.shape[1]
    lo: np.ndarray = np.zeros(len(rows), dtype=np.int64)
    hi: np.ndarray = np.full(len(rows), width, dtype=np.int64)
    for _ in range(width.bit_length()):
        mid = (lo + hi) // 2
        right = sorted_rows[rows, np.minimum(mid, width - 1)] < values
        active = lo < hi
        lo = np.where(active & right, mid + 1, lo)
        hi = np.where(active & ~right, mid, hi)
    return lo


def compare_units(
    W: _UnitCounts, row_event: np.ndarray, ranked: np.ndarray, strata=None, *, top_k: int, prior_scale: float
):
    """Compare each row (an outlet in an event) of ``W`` with the other rows of its event.

    ``W`` holds the unit counts of :func:`_unit_counts`, rows grouped by event
    (``row_event``, nondecreasing); ``ranked`` says per stored entry whether the term
    is ranked (else it is listed apart, see :func:`excluded_terms`). Events are taken
    in groups of about ``_GROUP_NNZ`` nonzero counts (and about ``_GROUP_EVENTS``
    events at most), so that the arrays of a group stay in the CPU cache.

    Returns the per-row null statistics ``(n_terms, null_z95, null_z99, null_max)``
    and the top-k ranked and the top-k excluded terms of every row, each as a dict
    of columns (``row``, ``col``, ``count``, ``z``, ``q``, ``delta``,
    ``count_other``, ``p_value``), rows in order and z descending. ``strata``: the
    expected articles and the trials per stored entry, summed over events
    (:func:`framing.analyses.distinctive_stats.strata_moments`), for a corpus-wide comparison stratified by event.
    """
    indptr = W.tokens.indptr
    ev_first = np.flatnonzero(np.r_[True, row_event[1:] != row_event[:-1]])  # first row of each event
    # an event costs its share of either limit, whichever is larger; a group ends where
    # the running cost passes a whole number
    ev_nnz = np.diff(indptr[np.r_[ev_first, len(row_event)]])
    cost = np.maximum(ev_nnz / _GROUP_NNZ, 1 / _GROUP_EVENTS)
    group = np.floor(np.cumsum(cost) - cost)
    bounds = np.r_[ev_first[np.r_[True, group[1:] != group[:-1]]], len(row_event)].tolist()
    event = np.cumsum(np.r_[0, row_event[1:] != row_event[:-1]])  # 0, 1, ... per row
    lookup = np.zeros(W.tokens.shape[1], dtype=np.int64)
    nulls: list[tuple] = []
    tops: tuple[list[dict], list[dict]] = ([], [])
    for s, e in itertools.pairwise(bounds):
        lo, hi = indptr[s], indptr[e]
        sl = slice(lo, hi)
        null, found = _compare_rows(
            indptr[s : e + 1] - lo,
            W.tokens.indices[sl],
            W.tokens.data[sl],
            W.docs.data[sl],
            W.halves.data[sl],
            W.n_docs[s:e],
            W.n_half[s:e],
            ranked[sl],
            event[s:e] - event[s],
            lookup,
            None if strata is None else (strata[0][sl], strata[1][sl]),
            top_k=top_k,
            prior_scale=prior_scale,
        )
        nulls.append(null)
        for out, top in zip(tops, found):
            top["row"] += s
            out.append(top)
    null = tuple(np.concatenate(x) for x in zip(*nulls))
    return null, tuple({k: np.concatenate([t[k] for t in ts]) for k in ts[0]} for ts in tops)


def _compare_rows(
    indptr,
    cols,
    y,
    d,
    halves,
    n_docs,
    n_half,
    ranked,
    row_event,
    lookup,
    strata=None,
    *,
    top_k: int,
    prior_scale: float,
):
    """:func:`compare_units` on the rows of some whole events, given as CSR arrays.

    The test counts articles (:func:`framing.analyses.distinctive_stats.hypergeom_test`):
    ``d`` of the outlet's ``n_docs`` articles use the term, against the event's. Only
    the nonzero counts are tested: an outlet's absent terms are never reported, and
    its BH family and null are over the terms it uses. ``y`` are the token counts,
    ``halves`` the articles of each split half using the term (``half0 + half1 << 32``)
    out of ``n_half`` (rows x 2); ``row_event`` numbers the events 0, 1, ...;
    ``lookup`` is a zero array over all features (used, and left zero).
    """
    n_rows = len(indptr) - 1
    m = np.diff(indptr)
    row = np.repeat(np.arange(n_rows), m)
    ev = row_event[row]
    # the terms used here, numbered 0, 1, ... (through a lookup table over all features)
    lookup[cols] = 1
    used = np.flatnonzero(lookup)
    lookup[used] = np.arange(len(used))
    local = lookup[cols]
    lookup[used] = 0
    y, d = y.astype(float), d.astype(float)
    # each event's articles and tokens using each term, per entry
    key = ev * len(used) + local
    size = (int(row_event[-1]) + 1) * len(used)
    K_all = np.bincount(key, weights=d, minlength=size)  # (every entry uses its term: d >= 1)
    K = K_all[key]
    T = np.bincount(key, weights=y, minlength=size)[key]
    N = np.bincount(row_event, weights=n_docs.astype(float))[ev]
    n = n_docs[row].astype(float)
    # within an event: the exact test; corpus-wide over events: the stratified one
    z, p = hypergeom_test(d, n, K, N) if strata is None else stratified_test(d, *strata)
    delta = presence_log_odds(d, n, K, N, prior_scale)
    # split-half null: the same test between the two halves of the outlet's articles
    h0 = (halves & 0xFFFFFFFF).astype(float)
    h1 = (halves >> 32).astype(float)
    n0, n1 = n_half[:, 0].astype(float), n_half[:, 1].astype(float)
    ok_null = (n0 > 0) & (n1 > 0)
    zn, _ = hypergeom_test(h0, n0[row], h0 + h1, (n0 + n1)[row])
    # the ranking: z, then (among equal z: one article per outlet gives z = 0 for all)
    # the share of articles and the count, as tiny tie-breakers; only terms whose share
    # of articles is higher in the outlet than in the others (delta > 0)
    rank_key = np.where(delta > 0, z + 1e-9 * np.tanh(delta) + 1e-10 * np.tanh(np.log1p(y)), -np.inf)
    # the BH family of an outlet is every term of its event (corpus-wide: of the corpus),
    # not only the terms it uses: those are selected by the data (a word of one article
    # is always "used" by the outlet that wrote it), the others count with p = 1
    family = np.count_nonzero(K_all.reshape(-1, len(used)), axis=1)[row_event]
    found = _rank_rows(indptr, cols, rank_key, p, np.abs(zn), ok_null, ranked, family, top_k)
    q95, q99, mx = found[0]
    tops = []
    for top, q in found[1:]:
        tops.append(
            {
                "row": row[top],
                "col": cols[top].astype(np.int64),
                "count": y[top],
                "z": z[top],
                "q": q,
                "delta": delta[top],
                "count_other": T[top] - y[top],
                "p_value": p[top],
            }
        )
    return (m, q95, q99, mx), tuple(tops)


def _rank_rows(indptr, w, z, p, azn, ok_null, ranked, family, top_k: int):
    """Per row: split-half null percentiles, and the top-k terms by the ranking key
    ``z`` (-inf: not a candidate) with their BH q, among the ``ranked`` entries and
    among the others.

    The rows' nonzeros (columns ``w``) are laid out as padded (rows x terms)
    arrays, rows of similar length together, so that sorting and the BH step-up
    run on whole rows. Returns the 95th and 99th percentiles and the maximum of the
    null ``|z|`` of each row, then for the ranked and for the excluded terms the
    nonzero indices of the top terms (rows in order, z descending) and their q. The
    BH family of a row has ``family`` terms (every term of its event, ranked or not;
    those it does not use count with p = 1).
    """
    k = top_k
    m = np.diff(indptr)
    q95, q99, mx = (np.full(len(m), np.nan) for _ in range(3))
    by_length = np.argsort(m, kind="stable")
    by_length = by_length[m[by_length] > 0]
    tops: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])
    qs: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])
    for s, e in _length_chunks(m[by_length], _PAD_CELLS):
        rows = by_length[s:e]
        mr = m[rows]
        L = int(mr[-1])
        valid = np.arange(L) < mr[:, None]
        nz = np.where(valid, indptr[rows, None] + np.arange(L), 0)
        # split-half null: linear-interpolated percentiles of |z| (as numpy.percentile)
        ok = ok_null[rows]
        if ok.any():
            AZ = np.where(valid, azn[nz], np.inf)[ok]
            AZ.sort(axis=1)
            kk, r, out_rows = mr[ok], np.arange(int(ok.sum())), rows[ok]
            for level, dest in ((0.95, q95), (0.99, q99)):
                pos = (kk - 1) * level
                lo = np.floor(pos).astype(np.int64)
                hi = np.minimum(lo + 1, kk - 1)
                dest[out_rows] = AZ[r, lo] + (AZ[r, hi] - AZ[r, lo]) * (pos - lo)
            mx[out_rows] = AZ[r, kk - 1]
        # Benjamini-Hochberg over each row's terms: the step-up on sorted p; a top term's
        # q is read at its p's place (tied p have the same q)
        P = np.where(valid, p[nz], np.inf)
        P.sort(axis=1)
        fam = family[rows][:, None]  # the family's size (its terms the row does not use have p = 1)
        Q = np.minimum.accumulate((P * (fam / np.arange(1, L + 1)))[:, ::-1], axis=1)[:, ::-1]
        for cls, rank_this in enumerate((ranked[nz], ~ranked[nz])):
            # top-k by the key ``z`` (-inf: not a candidate); ties at the cut are broken
            # by the term's column (the earlier term in the corpus first)
            Z = z[nz]
            Z[~valid | ~rank_this] = -np.inf
            if k < L:
                thr = -np.partition(-Z, k - 1, axis=1)[:, k - 1]
                cand = (thr[:, None] <= Z) & (-np.inf < Z)
            else:
                cand = -np.inf < Z
            rr, cc = np.nonzero(cand)
            top = nz[rr, cc]
            o = np.lexsort((w[top], -z[top], rr))
            rr, top = rr[o], top[o]
            keep = np.arange(len(rr)) - np.searchsorted(rr, rr) < k
            rr, top = rr[keep], top[keep]
            tops[cls].append(top)
            qs[cls].append(np.clip(Q[rr, _lower_bound(P, rr, p[top])], 0, 1))
    out: list[tuple] = [(q95, q99, mx)]
    for cls in range(2):
        top = np.concatenate(tops[cls]) if tops[cls] else np.zeros(0, dtype=np.int64)
        q = np.concatenate(qs[cls]) if qs[cls] else np.zeros(0)
        order = np.argsort(np.searchsorted(indptr, top, side="right"), kind="stable")  # rows in order
        out.append((top[order], q[order]))
    return out
