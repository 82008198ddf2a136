"""Comparing the mentions of one quantity across outlets, in time near-linear in the mentions.

:class:`~framing.analyses.numbers.NumbersAnalyzer` decides, within one (event, quantity)
group, which mentions *disagree* with another outlet and which pairs of mentions to list.
Two mentions agree when their stated intervals overlap, or their total intervals overlap,
or they are not *comparable* (their sentences share too little context beyond the number;
a duration is always comparable). A mention disagrees with an outlet when none of that
outlet's mentions agrees with it.

Nothing here builds a mentions-by-mentions matrix:

1. For each outlet, its intervals sorted by lower end with a running maximum of the
   upper ends answer "does any mention of this outlet overlap [lo, hi]?" for every other
   mention by one binary search (:func:`any_overlap`).
2. Only the mentions that overlap nothing of an outlet are candidates; the context check
   runs for them alone, against the *distinct* contexts of that outlet (a repeated
   sentence is scored once), in bounded chunks of sparse row products.
3. The listed pairs (at most ``limit`` per outlet pair and status, the first in the order
   of the mentions) are read off those sets (:func:`first_pairs`); the "agree as totals"
   pairs need a mention whose total differs from its stated value, and are searched from
   those mentions only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

__all__ = [
    "SMALL_GROUP",
    "GroupResult",
    "any_overlap",
    "compare_group",
    "compare_small_groups",
    "context_keys",
    "first_pairs",
]

#: Rows of one chunk of pair scores (bounds the memory of the context check).
_CHUNK = 262_144


def _eps(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The rounding tolerance of each interval (as the pairwise rule: 1e-9 of its size, at least 1e-9)."""
    return 1e-9 * np.maximum(np.abs(np.where(np.isfinite(hi), hi, lo)), 1.0)


def pair_overlap(lo_a: float, hi_a: float, lo_b: np.ndarray, hi_b: np.ndarray) -> np.ndarray:
    """Whether ``[lo_a, hi_a]`` overlaps each ``[lo_b, hi_b]``, with the pair's rounding tolerance."""
    eps = np.maximum(_eps(np.array([lo_a]), np.array([hi_a]))[0], _eps(lo_b, hi_b))
    return (lo_a <= hi_b + eps) & (lo_b <= hi_a + eps)


def any_overlap(lo_o: np.ndarray, hi_o: np.ndarray, lo_q: np.ndarray, hi_q: np.ndarray) -> np.ndarray:
    """For each query interval ``[lo_q, hi_q]``, whether some interval ``[lo_o, hi_o]`` overlaps it.

    Exactly the pairwise rule (closed intervals, tolerance ``max`` of the two intervals'
    :func:`_eps`), in O((n + m) log n): a strict query (the query's own tolerance) and a
    loose one (the largest tolerance) bracket the answer; the rare query between them is
    checked pair by pair.

    >>> any_overlap(np.array([1.0, 10.0]), np.array([2.0, 12.0]), np.array([3.0, 11.0, 0.0]), np.array([4.0, 11.0, 1.0]))
    array([False,  True,  True])
    """
    out = np.zeros(len(lo_q), dtype=bool)
    if not len(lo_o) or not len(lo_q):
        return out
    order = np.argsort(lo_o, kind="stable")
    s_lo = lo_o[order]
    run_hi = np.fmax.accumulate(hi_o[order])
    e_o = _eps(lo_o, hi_o)
    e_q = _eps(lo_q, hi_q)

    def query(E: np.ndarray) -> np.ndarray:
        k = np.searchsorted(s_lo, hi_q + E, side="right")
        got = np.zeros(len(lo_q), dtype=bool)
        has = k > 0
        got[has] = lo_q[has] <= run_hi[k[has] - 1] + E[has]
        return got

    strict = query(e_q)
    loose = query(np.maximum(e_q, e_o.max()))
    out[:] = strict
    for q in np.flatnonzero(loose & ~strict):
        out[q] = bool(pair_overlap(lo_q[q], hi_q[q], lo_o, hi_o).any())
    return out


def context_keys(W: sp.csr_matrix, *more: sp.csr_matrix) -> np.ndarray:
    """An integer per row of ``W``, equal for rows with the same context (same columns and weights
    in ``W`` and in each matrix of ``more``)."""
    M = sp.hstack([W, *more], format="csr", dtype=np.float32) if more else W
    M.sort_indices()
    ind, data, ptr = M.indices, M.data, M.indptr
    keys = [ind[a:b].tobytes() + data[a:b].tobytes() for a, b in zip(ptr[:-1].tolist(), ptr[1:].tolist())]
    _, inv = np.unique(np.array(keys, dtype=object), return_inverse=True)
    return inv.astype(np.int64)


@dataclass
class GroupResult:
    """What :func:`compare_group` finds: rows that disagree, and the pairs to list."""

    disagrees: np.ndarray  # bool per row of the group
    conflicts: dict[tuple[int, int], list[tuple[int, int]]]  # (outlet a, outlet b) -> pairs (row a, row b)
    restated: dict[tuple[int, int], list[tuple[int, int]]]


class _Context:
    """The "same fact" rule between rows (see :mod:`framing.analyses.numbers`, "Like with like").

    Two rows are comparable when their sentences share context weight at least ``context`` of
    the smaller row mass (and above zero), and do not name different years (both name years,
    none in common). A row of a topic story (``strict``) needs more: its near context (the
    words around the number) shares a concept with the other's, and when both have names near
    the number, the names of one are all among the other's ("in Odessa, Texas" and "in El
    Paso, Texas" are two facts), and when both say which things they count (``qual``,
    :func:`~framing.analyses.number_context.qualifiers`: "eight *felony* counts", "five counts
    *of tax fraud*"), they share a word of it. A row marked ``never`` is comparable with none (the caller
    marks money with no counted thing in a topic story). ``parts`` is a
    :class:`~framing.analyses.number_context.ContextParts`.
    """

    def __init__(
        self,
        parts,
        keys: np.ndarray,
        context: float,
        strict: np.ndarray | None = None,
        never: np.ndarray | None = None,
        qual: sp.csr_matrix | None = None,
    ) -> None:
        self.W, self.mass, self.keys, self.context = parts.W, parts.mass, keys, context
        self.L, self.LN, self.Y = parts.near, parts.near_names, parts.years
        n = self.W.shape[0]
        self.strict = np.zeros(n, dtype=bool) if strict is None else np.asarray(strict, dtype=bool)
        self.has_year = np.diff(self.Y.indptr) > 0
        self.n_names = np.diff(self.LN.indptr)
        self.has_name = self.n_names > 0
        self.never = np.zeros(n, dtype=bool) if never is None else np.asarray(never, dtype=bool)
        self.any_strict = bool(self.strict.any())
        self.any_year = bool(self.has_year.any())
        self.Q = qual if qual is not None else sp.csr_matrix((n, 1), dtype=np.float32)
        self.has_qual = np.diff(self.Q.indptr) > 0

    def _rule(self, a, b, shared, m, years, near, names, quals=None) -> np.ndarray:
        """The rule on aligned arrays (``a``, ``b`` global rows; the shared weights given)."""
        ok = (shared >= self.context * m) & (shared > 0) & ~self.never[a] & ~self.never[b]
        if years is not None:
            ok &= ~(self.has_year[a] & self.has_year[b] & (years == 0))
        if near is not None:
            st = self.strict[a] | self.strict[b]
            fewer = np.minimum(self.n_names[a], self.n_names[b])
            clash = self.has_name[a] & self.has_name[b] & (names < fewer)
            if quals is not None:
                clash |= self.has_qual[a] & self.has_qual[b] & (quals == 0)
            ok &= ~st | ((near > 0) & ~clash)
        return ok

    def comparable(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Whether global rows ``a[k]`` and ``b[k]`` tell the same fact (durations aside)."""
        from .fact_features import rowdot

        out = np.zeros(len(a), dtype=bool)
        for s in range(0, len(a), _CHUNK):
            aa, bb = a[s : s + _CHUNK], b[s : s + _CHUNK]
            shared = rowdot(self.W, aa, bb).astype(np.float64)
            m = np.maximum(np.minimum(self.mass[aa], self.mass[bb]), 1e-9)
            years = rowdot(self.Y, aa, bb) if self.any_year else None
            near = names = quals = None
            if self.any_strict:
                near, names, quals = rowdot(self.L, aa, bb), rowdot(self.LN, aa, bb), rowdot(self.Q, aa, bb)
            out[s : s + _CHUNK] = self._rule(aa, bb, shared, m, years, near, names, quals)
        return out

    def all_comparable(self, cand: np.ndarray, members: np.ndarray) -> np.ndarray:
        """For each global row in ``cand``: comparable with every global row of ``members``."""
        ck, cand_rep = np.unique(self.keys[cand], return_index=True)
        _, mem_rep = np.unique(self.keys[members], return_index=True)
        ok = np.ones(len(ck), dtype=bool)
        a_rows, b_rows = cand[cand_rep], members[mem_rep]
        # most candidates fail on one of the first members: score blocks of growing size on the survivors
        lo, width = 0, 8
        while lo < len(b_rows):
            alive = np.flatnonzero(ok)
            if not len(alive):
                break
            blk = b_rows[lo : lo + width]
            per = max(1, _CHUNK // len(blk))
            for s in range(0, len(alive), per):
                part = alive[s : s + per]
                ar = a_rows[part]
                A = np.repeat(ar, len(blk))
                B = np.tile(blk, len(ar))

                def prod(M, ar=ar, blk=blk):
                    return (M[ar] @ M[blk].T).toarray().astype(np.float64).ravel()

                shared = prod(self.W)
                m = np.maximum(np.minimum(self.mass[A], self.mass[B]), 1e-9)
                years = prod(self.Y) if self.any_year else None
                near = names = quals = None
                if self.any_strict:
                    near, names, quals = prod(self.L), prod(self.LN), prod(self.Q)
                good = self._rule(A, B, shared, m, years, near, names, quals).reshape(len(ar), len(blk))
                ok[part] = good.all(axis=1)
            lo, width = lo + width, width * 4
        return ok[np.searchsorted(ck, self.keys[cand])]


def first_pairs(
    a_rows: np.ndarray, b_rows: np.ndarray, x: np.ndarray, y: np.ndarray, limit: int
) -> list[tuple[int, int]]:
    """The first ``limit`` pairs (r, c), r in ``a_rows``, c in ``b_rows`` (both sorted), in
    lexicographic order, such that r is in ``x`` or c is in ``y`` (both sorted).

    >>> first_pairs(np.array([0, 2, 4]), np.array([1, 3]), np.array([4]), np.array([3]), 3)
    [(0, 3), (2, 3), (4, 1)]
    """
    xs = set(x.tolist())
    rows = sorted(xs | (set(a_rows[:limit].tolist()) if len(y) else set()))
    out: list[tuple[int, int]] = []
    for r in rows:
        pool = b_rows if r in xs else y
        out.extend((r, int(c)) for c in pool[: limit - len(out)].tolist())
        if len(out) >= limit:
            break
    return out


def compare_group(
    rows: np.ndarray,
    code: np.ndarray,
    slo: np.ndarray,
    shi: np.ndarray,
    tlo: np.ndarray,
    thi: np.ndarray,
    duration: np.ndarray,
    ctx: _Context,
    limit: int,
) -> GroupResult:
    """Compare the mentions of one (event, quantity) group.

    Parameters
    ----------
    rows:
        Global row of each mention (into the context matrix).
    code:
        Outlet of each mention, numbered in order of first appearance.
    slo, shi, tlo, thi:
        Stated and total intervals.
    duration:
        Whether each mention is a duration (always comparable).
    ctx:
        The context rule.
    limit:
        Pairs listed per outlet pair and status.
    """
    n = len(rows)
    k = int(code.max()) + 1
    order = np.argsort(code, kind="stable")
    bounds = np.searchsorted(code[order], np.arange(k + 1))
    members = [order[bounds[c] : bounds[c + 1]] for c in range(k)]
    disagrees = np.zeros(n, dtype=bool)
    dis_with: list[np.ndarray] = []  # per outlet: local rows (sorted) of other outlets disagreeing with it
    for c in range(k):
        m = members[c]
        others = np.flatnonzero(code != c)
        ov = any_overlap(slo[m], shi[m], slo[others], shi[others])
        rest = others[~ov]
        ov2 = any_overlap(tlo[m], thi[m], tlo[rest], thi[rest])
        cand = rest[~ov2]
        if len(cand):
            ok = duration[cand].copy()
            todo = ~ok
            if todo.any():
                ok[todo] = ctx.all_comparable(rows[cand[todo]], rows[m])
            cand = cand[ok]
        dis_with.append(cand)
        disagrees[cand] = True
    conflicts: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for c in range(k):
        for a in np.unique(code[dis_with[c]]).tolist():
            lo, hi = (a, c) if a < c else (c, a)
            if (lo, hi) in conflicts:
                continue
            x = dis_with[hi][code[dis_with[hi]] == lo]  # rows of lo disagreeing with hi
            y = dis_with[lo][code[dis_with[lo]] == hi]
            conflicts[(lo, hi)] = first_pairs(members[lo], members[hi], x, y, limit)
    return GroupResult(
        disagrees, conflicts, _restated_pairs(rows, code, slo, shi, tlo, thi, duration, ctx, members, limit)
    )


def _restated_pairs(rows, code, slo, shi, tlo, thi, duration, ctx, members, limit):
    """Pairs stated differently but equal as totals ("2,000" and "1,000 from each side"), comparable.

    At least one of the two has a total other than its stated interval; for each such row
    (rows alike in intervals and context searched once) the first ``limit`` partners of
    each other outlet are kept, which holds the first ``limit`` pairs of every outlet pair.
    """
    special = np.flatnonzero((tlo != slo) | (thi != shi))
    found: dict[tuple[int, int], set[tuple[int, int]]] = {}
    if not len(special):
        return {}
    sig = np.stack(
        [
            slo[special],
            shi[special],
            tlo[special],
            thi[special],
            ctx.keys[rows[special]],
            duration[special],
            code[special],
        ],
        axis=1,
    )
    _, rep_of, inv = np.unique(sig, axis=0, return_index=True, return_inverse=True)
    inv = inv.ravel()
    k = len(members)
    for u, first in enumerate(rep_of.tolist()):
        p = int(special[first])
        same = special[inv == u]  # rows with the same signature: the same partners
        for c in range(k):
            if c == code[p]:
                continue
            m = members[c]
            mask = pair_overlap(tlo[p], thi[p], tlo[m], thi[m]) & ~pair_overlap(slo[p], shi[p], slo[m], shi[m])
            js = m[mask]
            if not len(js):
                continue
            p_first = code[p] < c
            good = np.zeros(len(js), dtype=bool)
            # comparable[rr, cc] is the context rule or rr a duration; rr is the row of the earlier outlet
            dur_rr = np.full(len(js), bool(duration[p])) if p_first else duration[js]
            good[dur_rr] = True
            todo = np.flatnonzero(~dur_rr)
            for s in range(0, len(todo), 64):
                t = todo[s : s + 64]
                good[t] = ctx.comparable(np.full(len(t), rows[p]), rows[js[t]])
                if good[: t[-1] + 1].sum() >= limit:
                    break
            keep = js[good][:limit]
            key = (int(code[p]), c) if p_first else (c, int(code[p]))
            bucket = found.setdefault(key, set())
            for q in same[:limit].tolist() if p_first else same.tolist()[:limit]:
                for j in keep.tolist():
                    bucket.add((q, j) if p_first else (j, q))
    return {key: sorted(v)[:limit] for key, v in found.items()}


#: Groups up to this many mentions are compared together, pair by pair in one vectorised pass.
SMALL_GROUP = 48


def compare_small_groups(
    groups: list[np.ndarray],
    code: np.ndarray,
    slo: np.ndarray,
    shi: np.ndarray,
    tlo: np.ndarray,
    thi: np.ndarray,
    duration: np.ndarray,
    ctx: _Context,
    limit: int,
) -> tuple[np.ndarray, list[GroupResult]]:
    """:func:`compare_group` for many small groups at once (every pair of each group, in one pass).

    ``groups`` hold global rows; ``code`` and the intervals are global arrays (``code`` numbers
    the outlets within each group). Returns the global ``disagrees`` flags of these rows and a
    :class:`GroupResult` per group whose pairs are positions within the group.
    """
    n_rows = len(code)
    disagrees = np.zeros(n_rows, dtype=bool)
    results = [GroupResult(np.zeros(0, dtype=bool), {}, {}) for _ in groups]
    if not groups:
        return disagrees, results
    sizes = np.array([len(g) for g in groups], dtype=np.int64)
    rows = np.concatenate(groups)
    off = np.r_[0, np.cumsum(sizes)[:-1]]
    n_pairs = sizes**2
    gid = np.repeat(np.arange(len(groups)), n_pairs)
    t = np.arange(int(n_pairs.sum())) - np.repeat(np.r_[0, np.cumsum(n_pairs)[:-1]], n_pairs)
    s = sizes[gid]
    la, lb = t // s, t % s  # positions within the group
    a, b = rows[off[gid] + la], rows[off[gid] + lb]
    keep = code[a] != code[b]
    gid, la, lb, a, b = gid[keep], la[keep], lb[keep], a[keep], b[keep]
    e_s = _eps(slo, shi)
    e_t = _eps(tlo, thi)
    eps = np.maximum(e_s[a], e_s[b])
    stated = (slo[a] <= shi[b] + eps) & (slo[b] <= shi[a] + eps)
    eps = np.maximum(e_t[a], e_t[b])
    total = (tlo[a] <= thi[b] + eps) & (tlo[b] <= thi[a] + eps)
    comparable = duration[a].copy()
    todo = np.flatnonzero(~stated & ~comparable)
    comparable[todo] = ctx.comparable(a[todo], b[todo])
    agree = stated | total | ~comparable
    restated = ~stated & total & comparable
    # a row disagrees with an outlet when none of that outlet's rows agrees with it
    n_out = int(code.max()) + 1
    key = a * n_out + code[b]
    uniq_key, key_of = np.unique(key, return_inverse=True)
    key_of = key_of.ravel()
    dis_key = np.bincount(key_of, weights=agree, minlength=len(uniq_key)) == 0
    disagrees[uniq_key[dis_key] // n_out] = True
    d_ab = dis_key[key_of]
    pos = np.searchsorted(uniq_key, b * n_out + code[a])
    d_ba = dis_key[pos]  # every (b, outlet of a) key exists: the pair (b, a) is there too
    conflict = ~agree & (d_ab | d_ba)
    fwd = code[a] < code[b]
    for kind, cand in ((0, conflict & fwd), (1, restated & fwd)):
        k = np.flatnonzero(cand)
        if not len(k):
            continue
        ca, cb = code[a[k]], code[b[k]]
        o = np.lexsort((lb[k], la[k], cb, ca, gid[k]))
        k, ca, cb = k[o], ca[o], cb[o]
        grp = gid[k] * n_out * n_out + ca * n_out + cb
        start = np.r_[0, np.flatnonzero(grp[1:] != grp[:-1]) + 1]
        rank = np.arange(len(k)) - np.repeat(start, np.diff(np.r_[start, len(k)]))
        top = rank < limit
        for g, x, y, i, j in zip(
            gid[k][top].tolist(), ca[top].tolist(), cb[top].tolist(), la[k][top].tolist(), lb[k][top].tolist()
        ):
            found = results[g].conflicts if kind == 0 else results[g].restated
            found.setdefault((x, y), []).append((i, j))
    return disagrees, results
