"""Align the units of whole events into facts: candidates, scores, links, clusters, carriers.

:func:`align` takes the tokens of the units of one batch of whole events (token ->
unit, concept) and returns

* a fact label per unit: connected components of the kept links, each split again by
  average linkage so that chains of weak links do not merge unrelated sentences;
* each unit's summed link score (its centrality in its fact);
* *carriers*: for candidate pairs (u, v) of different articles, how much of the smaller
  unit the other one holds (the IDF mass of their shared concepts over the smaller
  unit's mass), so that an outlet whose sentence carries a fact inside a longer sentence,
  or with loaded words added, is found to carry it although the two units were not linked.

Steps, each a function: :func:`features` (TF-IDF per event), :func:`candidates` (units sharing one of
their most specific concepts, linear in the size of an event), :func:`score_pairs`,
:func:`link`, :func:`split_components`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .._log import logger
from .fact_facets import Facets, find_facets
from .fact_features import event_df, rowdot, rowdots, rows_of, tfidf

__all__ = ["AlignParams", "align"]

#: Concepts per unit used to find candidates: its most specific ones (highest TF-IDF); the
#: cost of the search then grows with the event, not with the frequency of its common words.
_PRUNE = 16
#: Neighbours each unit is paired with in a long posting list (see :func:`_posting_pairs`).
_WINDOW = 25
#: Score bins per unit in :func:`_top_k_pairs` (only the pairs of one bin per unit are sorted).
_BINS = 64


@dataclass(frozen=True)
class AlignParams:
    threshold: float
    strong_margin: float
    quote_ngram: int
    max_df: float
    top_k: int


@dataclass
class Features:
    Xw: sp.csr_matrix  # concept unigrams + bigrams, TF-IDF, L2
    Xu: sp.csr_matrix  # concept unigrams, TF-IDF, L2
    Xs: sp.csr_matrix  # concept unigrams with frequent ones dropped (candidate search)
    skeys: np.ndarray
    Y: sp.csr_matrix  # sqrt(IDF) of each concept present (shared IDF mass by a product)
    mass: np.ndarray  # IDF mass of each unit
    A: sp.csr_matrix  # specific anchors: names, numbers, rare concept bigrams
    Q: sp.csr_matrix  # quoted n-grams
    A_full: sp.csr_matrix  # every anchor of each unit (columns as A)
    bigrams: np.ndarray  # code c1 * n_concepts + c2 of each bigram column of A (after the concepts)


def features(n, tu, tc, tn, tq, ev, isnum, n_concepts, quote_ngram, max_df, art_of_unit) -> Features:
    """TF-IDF features per event of ``n`` units from their tokens' concepts ``tc`` (-1: none).

    A concept is frequent (left out of the candidate search) in more than ``max_df`` of the
    event's units and in more than two units per article of the event (a fact every
    article tells in its headline and lead is not frequent).
    """
    n_ev = int(ev.max()) + 1 if n else 1
    n_of_unit = np.bincount(ev, minlength=n_ev)[ev].astype(np.float32)
    keep = tc >= 0
    cu, ci = tu[keep], tc[keep]
    uni = sp.csr_matrix((np.ones(len(cu), np.float32), (cu, ci)), shape=(n, n_concepts))
    uni.sum_duplicates()
    same = (cu[1:] == cu[:-1]) & (ci[1:] != ci[:-1])
    bcode = ci[:-1][same].astype(np.int64) * n_concepts + ci[1:][same]
    if len(bcode):
        bval, binv = np.unique(bcode, return_inverse=True)
        bi = sp.csr_matrix((np.ones(len(binv), np.float32), (cu[:-1][same], binv)), shape=(n, len(bval)))
        bi.sum_duplicates()
    else:
        bi = sp.csr_matrix((n, 1), dtype=np.float32)
        bval = np.zeros(1, dtype=np.int64)
    Xw = tfidf(sp.hstack([uni, bi], format="csr"), ev, n_of_unit)
    Xu = tfidf(uni, ev, n_of_unit)
    first_art = np.r_[True, (ev[1:] != ev[:-1]) | (art_of_unit[1:] != art_of_unit[:-1])]
    n_art = np.bincount(ev, weights=first_art, minlength=n_ev)[ev]
    Xs, skeys = tfidf(uni, ev, n_of_unit, max_df=max_df, keyed=True, floor=np.maximum(3.0, 2.0 * n_art))
    W = tfidf(uni, ev, n_of_unit, binary=True, normalise=False)
    mass = np.asarray(W.sum(axis=1)).ravel()
    Y = W.copy()
    Y.data = np.sqrt(Y.data)
    # anchors: names and numbers specific to few units of the event, and rare concept bigrams
    anc = keep & (tn | isnum[np.maximum(tc, 0)])
    A = _binary(sp.csr_matrix((np.ones(int(anc.sum()), np.float32), (tu[anc], tc[anc])), shape=(n, n_concepts)))
    A = sp.hstack([A, _binary(bi)], format="csr")
    A_full = A.copy()
    adf, _ = event_df(A, ev)
    A.data[adf > np.maximum(3.0, 0.1 * n_of_unit[rows_of(A)])] = 0.0
    A.eliminate_zeros()
    Q = _quote_ngrams(n, tu, tc, tq, ev, quote_ngram)
    return Features(Xw, Xu, Xs, skeys, Y, mass, A, Q, A_full, bval)


def _binary(X: sp.csr_matrix) -> sp.csr_matrix:
    X = sp.csr_matrix(X, dtype=np.float32, copy=True)
    X.sum_duplicates()
    X.data[:] = 1.0
    return X


def _quote_ngrams(n, tu, tc, tq, ev, q) -> sp.csr_matrix:
    """Runs of ``q`` quoted tokens inside one unit, hashed with their event (a unit x n-gram matrix)."""
    Q = sp.csr_matrix((n, 1), dtype=np.float32)
    if not tq.any() or len(tq) < q:
        return Q
    ok = tq[: len(tq) - q + 1].copy()
    for d in range(1, q):
        ok &= tq[d : len(tq) - q + 1 + d] & (tu[d : len(tu) - q + 1 + d] == tu[: len(tu) - q + 1])
    starts = np.flatnonzero(ok)
    if not len(starts):
        return Q
    h = ev[tu[starts]].astype(np.uint64)
    for d in range(q):
        h = h * np.uint64(1_000_003) + (tc[starts + d] + 2).astype(np.uint64)
    _, qinv = np.unique(h, return_inverse=True)
    return _binary(sp.csr_matrix((np.ones(len(qinv), np.float32), (tu[starts], qinv)), shape=(n, int(qinv.max()) + 1)))


def _top_entries(X: sp.csr_matrix, m: int) -> np.ndarray:
    """Mask of the stored entries that are among the ``m`` largest of their row."""
    rows = rows_of(X)
    o = np.lexsort((-X.data, rows))
    rank = np.empty(len(o), dtype=np.int64)
    rank[o] = np.arange(len(o)) - X.indptr[rows[o]]
    return rank < m


def _posting_pairs(rows: np.ndarray, keys: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows that share a key, each row paired with the next ``window`` rows of its key's list.

    A key held by at most ``window + 1`` rows pairs all of them; a longer list (a concept
    thousands of sentences of one large event share) pairs neighbours only, which still
    connects them, so the cost grows with the number of entries, not with the square of a list.
    """
    o = np.lexsort((rows, keys))
    rows, keys = rows[o], keys[o]
    start = np.r_[0, np.flatnonzero(keys[1:] != keys[:-1]) + 1] if len(keys) else np.zeros(0, np.int64)
    length = np.diff(np.r_[start, len(keys)])
    remaining = np.repeat(length, length) - (np.arange(len(keys)) - np.repeat(start, length)) - 1
    idx = np.flatnonzero(remaining > 0)
    pi, pj = [], []
    d = 1
    while len(idx) and d <= window:
        pi.append(rows[idx])
        pj.append(rows[idx + d])
        d += 1
        idx = idx[remaining[idx] >= d]
    if not pi:
        z = np.zeros(0, dtype=np.int64)
        return z, z
    return np.concatenate(pi), np.concatenate(pj)


def _top_k_pairs(pi, pj, score, top_k):
    """Keep a pair when it is among the ``top_k`` best of either of its units (ties: earlier pair).

    A unit in at most ``top_k`` pairs keeps all of them, so only the pairs of units with
    more are ranked. Their scores are first counted in :data:`_BINS` bins per unit: the
    pairs in bins above the bin where a unit's ``top_k``-th best falls are kept, those
    below are not, and only the pairs in that bin are sorted.
    """
    u = np.r_[pi, pj]
    deg = np.bincount(u) if len(u) else np.zeros(0, np.int64)
    keep = deg[u] <= top_k
    big = np.flatnonzero(~keep)
    if len(big):
        ub = u[big]
        sc = np.r_[score, score][big]
        # any binning that keeps the order of the scores does (equal scores share a bin)
        bins = np.minimum((np.clip(sc, 0.0, 1.0) * _BINS).astype(np.int32), _BINS - 1)
        big_units = np.flatnonzero(deg > top_k)
        cid = np.full(len(deg), -1, dtype=np.int64)
        cid[big_units] = np.arange(len(big_units))
        uc = cid[ub]
        counts = np.bincount(uc * _BINS + bins, minlength=len(big_units) * _BINS).reshape(len(big_units), _BINS)
        at_least = counts[:, ::-1].cumsum(axis=1)[:, ::-1]  # pairs of the unit in this bin or above
        cut = (at_least >= top_k).sum(axis=1) - 1  # the bin of the top_k-th best (at_least falls with the bin)
        above = (at_least - counts)[np.arange(len(big_units)), cut]  # pairs in bins above it (< top_k)
        eb = cut[uc]
        res = bins > eb
        border = np.flatnonzero(bins == eb)
        if len(border):
            ubb = ub[border]
            o = _by_group_best_first(ubb, sc[border])  # by unit, best score first
            us = ubb[o]
            first = np.r_[0, np.flatnonzero(us[1:] != us[:-1]) + 1]
            rank = np.empty(len(ubb), dtype=np.int64)
            rank[o] = np.arange(len(ubb)) - np.repeat(first, np.diff(np.r_[first, len(ubb)]))
            res[border] = rank < top_k - above[uc[border]]
        keep[big] = res
    return keep[: len(pi)] | keep[len(pi) :]


def candidates(F: Features, art_of_unit, active, p: AlignParams) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (i < j, different articles): units that share one of their most specific
    concepts (frequent concepts dropped, :data:`_PRUNE` per unit; long posting lists paired
    by :data:`_WINDOW` neighbours), kept when among each other's ``top_k`` by concept cosine,
    plus pairs sharing a quoted n-gram."""
    n = F.Xs.shape[0]
    floor = min(0.05, p.threshold * 0.5)
    keep = _top_entries(F.Xs, _PRUNE)
    pi, pj = _posting_pairs(rows_of(F.Xs)[keep], F.skeys[keep], _WINDOW)
    ok = (art_of_unit[pi] != art_of_unit[pj]) & active[pi]
    pi, pj = np.minimum(pi[ok], pj[ok]), np.maximum(pi[ok], pj[ok])
    if len(pi):
        code = np.unique(pi * n + pj)
        pi, pj = code // n, code % n
        cos = rowdot(F.Xs, pi, pj)
        ok = cos >= floor
        pi, pj, cos = pi[ok], pj[ok], cos[ok]
        ok = _top_k_pairs(pi, pj, cos, p.top_k)
        pi, pj = pi[ok], pj[ok]
    if F.Q.nnz:
        Qc = F.Q.tocoo()
        qi, qj = _posting_pairs(Qc.row.astype(np.int64), Qc.col.astype(np.int64), _WINDOW)
        ok = (art_of_unit[qi] != art_of_unit[qj]) & active[qi]
        if ok.any():  # quoted pairs join the others: sort them together again
            pi = np.r_[pi, np.minimum(qi[ok], qj[ok])]
            pj = np.r_[pj, np.maximum(qi[ok], qj[ok])]
            code = np.unique(pi.astype(np.int64) * n + pj)
            pi, pj = code // n, code % n
    if not len(pi):
        z = np.zeros(0, dtype=np.int64)
        return z, z
    return pi.astype(np.int64), pj.astype(np.int64)


def score_pairs(F: Features, pi, pj):
    """(similarity, anchors shared, quoted n-grams shared, shared IDF mass) of each pair."""
    d = rowdots([F.Xw, F.Xu, F.A, F.Q, F.Y], pi, pj)
    return 0.5 * d[:, 0] + 0.5 * d[:, 1], d[:, 2], d[:, 3], d[:, 4]


def link(sim, anchors, quotes, p: AlignParams) -> tuple[np.ndarray, np.ndarray]:
    """Which pairs are the same fact, and their link score."""
    thr = p.threshold
    ok = ((sim >= thr) & (anchors >= 1)) | (sim >= thr + p.strong_margin) | ((quotes >= 1) & (sim >= 0.5 * thr))
    return ok, np.where(quotes >= 1, np.maximum(sim, thr), sim)


def _by_group_best_first(group: np.ndarray, score: np.ndarray, clip: bool = True) -> np.ndarray:
    """Stable order by ``group`` (non-negative integers), then by ``score`` (clipped to [0, 1]
    with ``clip``; else non-negative), highest first; equal (group, score) keep their order.

    For float32 scores and groups below 2**31 one stable sort of an integer key (the group,
    then the bits of the score, whose order is the order of non-negative floats) does it;
    otherwise a float key (the order is the same either way).
    """
    if score.dtype == np.float32 and (not len(group) or int(group.max()) < 2**31):
        sc = (np.clip(score, np.float32(0.0), np.float32(1.0)) if clip else score) + np.float32(0.0)  # -0.0 -> 0.0
        inv = np.uint32(0xFFFFFFFF) - sc.view(np.uint32)
        return np.argsort((group.astype(np.int64) << 32) | inv.astype(np.int64), kind="stable")
    if not clip:
        return np.lexsort((-score, group))
    sc64 = np.clip(score.astype(np.float64), 0.0, 1.0)
    return np.argsort(group * 2.0 + (1.0 - sc64), kind="stable")


def _best_per_article(pi, pj, score, art_of_unit) -> np.ndarray:
    """Keep each unit's best link per other article (both directions)."""
    keep = np.zeros(len(pi), dtype=bool)
    n_art = int(art_of_unit.max()) + 1 if len(art_of_unit) else 1
    for a, b in ((pi, pj), (pj, pi)):
        group = a * n_art + art_of_unit[b]
        if score.dtype == np.float32 and bool((score >= 0).all()) and bool(np.isfinite(score).all()):
            order = _by_group_best_first(group, score, clip=False)
        else:
            order = np.lexsort((-score, art_of_unit[b], a))
        key = group[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = key[1:] != key[:-1]
        keep[order[first]] = True
    return keep


def split_components(roots, pi, pj, score, threshold) -> np.ndarray:
    """Average-linkage split of components with more than two units.

    A component whose units are all linked to each other is never split (every merge
    height is at most the cut), so only the others go through scipy.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    labels = roots.copy()
    comp_size = np.bincount(roots, minlength=len(roots))
    edge_root = roots[pi]
    n_edges = np.bincount(edge_root, minlength=len(comp_size))
    cut = 1.0 - threshold * 0.6
    complete = n_edges == comp_size * (comp_size - 1) // 2
    big = np.flatnonzero((comp_size > 2) & ~complete)
    if not len(big):
        return labels
    next_label = int(roots.max()) + 1
    order = np.argsort(roots, kind="stable")
    bounds = np.searchsorted(roots[order], np.arange(len(comp_size) + 1))
    eorder = np.argsort(edge_root, kind="stable")
    ebounds = np.searchsorted(edge_root[eorder], np.arange(len(comp_size) + 1))
    local = np.zeros(len(roots), dtype=np.int64)
    for r in big.tolist():
        members = order[bounds[r] : bounds[r + 1]]
        if len(members) > 3000:
            logger.warning(
                "facts: %d similar sentences of one event were kept as one fact (too many to "
                "compare pairwise); that event's facts are coarse. If the event is really several "
                "stories, give an event column or raise --event-threshold.",
                len(members),
            )
            continue
        local[members] = np.arange(len(members))
        sel = eorder[ebounds[r] : ebounds[r + 1]]
        D = np.ones((len(members), len(members)))
        a, b = local[pi[sel]], local[pj[sel]]
        D[a, b] = D[b, a] = np.clip(1.0 - score[sel], 0.0, 1.0)
        np.fill_diagonal(D, 0.0)
        Z = linkage(squareform(D, checks=False), method="average")
        sub = fcluster(Z, t=cut, criterion="distance")
        labels[members] = next_label + sub - 1
        next_label += int(sub.max())
    return labels


def align(
    n, tu, tc, tn, tq, art_of_unit, ev, active, isnum, n_concepts, p: AlignParams, oc=None, n_outlets=1, detail_tok=None
):
    """Labels, link score sums and carriers of ``n`` units of whole events.

    Returns
    -------
    labels, score_sum, (fact label, unit, carry score, similarity), facets, bigrams
        Carriers: from the scored pairs in both directions, the fact of one unit, the other
        unit, the share of the smaller unit's IDF mass the two share (0-1), and the pair's
        similarity; only the best carrier of each fact in each article is kept (the first
        of equal ones, in pair order). Facets (:func:`~framing.analyses.fact_facets.find_facets`,
        when ``oc``, the outlet code of each unit, is given) and the concept pair of each
        bigram anchor column (``c1 * n_concepts + c2``).
    """
    labels = np.arange(n)
    score_sum = np.zeros(n)
    z = np.zeros(0)
    F = features(n, tu, tc, tn, tq, ev, isnum, n_concepts, p.quote_ngram, p.max_df, art_of_unit)
    pi, pj = candidates(F, art_of_unit, active, p)
    if not len(pi):
        return labels, score_sum, (z.astype(np.int64), z.astype(np.int64), z, z), Facets.empty(), F.bigrams
    sim, anchors, quotes, shared = score_pairs(F, pi, pj)
    ok, score = link(sim, anchors, quotes, p)
    li, lj, ls = pi[ok], pj[ok], score[ok]
    if len(li):
        keep = _best_per_article(li, lj, ls, art_of_unit)
        li, lj, ls = li[keep], lj[keep], ls[keep]
        # summed in the order of (li, then lj), as two np.add.at would
        score_sum = np.bincount(np.r_[li, lj], weights=np.r_[ls, ls].astype(np.float64), minlength=n)
        from scipy.sparse.csgraph import connected_components

        G = sp.csr_matrix((np.ones(len(li)), (li, lj)), shape=(n, n))
        _, roots = connected_components(G, directed=False)
        labels = split_components(roots, li, lj, ls, p.threshold)
    smaller = np.maximum(np.minimum(F.mass[pi], F.mass[pj]), 1e-9)
    carry = np.clip(shared / smaller, 0.0, 1.0)
    carry = np.where(anchors >= 1, carry, carry * 0.75)  # no shared name, number or rare pair: less sure
    c_lab, c_unit, c_share = np.r_[labels[pi], labels[pj]], np.r_[pj, pi], np.r_[carry, carry]
    # only the best carrier of each fact in each article can be the best of its outlet (ties: first kept)
    key = c_lab * (int(art_of_unit.max()) + 1) + art_of_unit[c_unit]
    if c_share.dtype == np.float32 and bool((c_share >= 0).all()) and bool(np.isfinite(c_share).all()):
        o = _by_group_best_first(key, c_share, clip=False)
    else:
        o = np.lexsort((-c_share, key))
    best = np.sort(o[np.r_[True, key[o][1:] != key[o][:-1]]])
    carriers = (c_lab[best], c_unit[best], c_share[best], np.r_[sim, sim][best])
    facets = Facets.empty()
    if oc is not None:
        size = np.bincount(labels, minlength=n)
        centrality = score_sum / np.maximum(size[labels] - 1, 1)
        dt = (tc >= 0) & isnum[np.maximum(tc, 0)] if detail_tok is None else detail_tok
        facets = find_facets(labels, oc, n_outlets, ev, F.A, F.A_full, centrality, tu, tc, isnum, n_concepts, dt)
    return labels, score_sum, carriers, facets, F.bigrams
