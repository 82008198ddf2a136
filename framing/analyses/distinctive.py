"""Distinctive terms: the words and phrases each outlet uses more than the others, per event.

For every event, each outlet is compared with the other outlets covering the same
event, and corpus-wide (event ``"all"``) with all other outlets, on unigrams and
multi-word phrases ("special military operation"), computed on whole sparse arrays.

* **Terms.** Unigrams are every normalised token (:meth:`Corpus.term_counts`);
  phrases are the bigrams and trigrams inside one sentence that occur at least
  ``min_phrase_count`` times in the corpus and neither start nor end with a function
  word; a bigram whose every occurrence is inside a kept trigram is left out (it would
  repeat the trigram) (:mod:`framing.analyses.distinctive_features`).
* **Test.** The unit is the article: of an outlet's ``n`` articles in the event, how
  many use the term, against the event's other articles; a two-sided exact
  (hypergeometric) test, valid at any sample size, with ``z`` its normal deviate and
  ``delta`` the log-odds ratio of the share of articles using the term, shrunk by a
  Beta prior of ``prior_scale`` pseudo-articles centred on the event
  (:mod:`framing.analyses.distinctive_stats`, which says why tokens are not the unit:
  news is bursty, and token counts called every term distinctive). Benjamini-Hochberg
  q over all terms of each outlet-event comparison. ``count`` and ``count_other``
  stay occurrence counts.
* **Ranking.** By ``z`` (ties, as when every outlet has one article, by the share of
  articles and the count), among the terms whose share of articles is higher in the
  outlet. Function words, one-letter words ("u s" of "U.S."), numbers, and each
  outlet's boilerplate (a phrase in most of its articles on several events and almost
  nowhere else, or words in sentences it repeats word for word across stories) stay
  out of the ranking (``exclude=True``) and are listed apart in
  ``distinctive_excluded`` with why (:mod:`framing.analyses.distinctive_exclude`).
* **Calibration.** A split-half null: each outlet's articles in an event are split
  at random (fixed ``seed``) into two halves, and the same test is computed
  between the halves. The 95th and 99th percentiles of ``|z|`` over the terms show
  how large a z-score arises by chance for that outlet and event
  (``null_z95``, ``null_z99``). With fewer than ``null_min_articles`` articles the
  split is by sentences instead (``null_unit == "sentences"``; each half of an
  article counts as an article).

Only the ``top_k`` terms with the highest z per outlet and event are kept, so the
table stays small; ``too_little_data`` flags terms counted fewer than
``min_count`` times in the outlet. An outlet with one article in an event cannot
show a habit: its terms are listed with z = 0 and q = 1.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._log import logger
from .._validation import check_number
from ..corpus import Corpus
from ..stats import MIN_COUNT
from .base import ALL_EVENTS, Analyzer, make_evidence
from .distinctive_exclude import _in_sorted, boilerplate_terms, excluded_terms
from .distinctive_features import FUNCTION_WORDS, _Features, _unit_counts, _UnitCounts
from .distinctive_stats import hypergeom_test, presence_log_odds, strata_moments, stratified_test
from .distinctive_tables import (
    COLUMNS,
    DISTINCTIVE,
    DISTINCTIVE_EVIDENCE,
    DISTINCTIVE_EXCLUDED,
    DISTINCTIVE_NULL,
    EXCLUDED_COLUMNS,
    NULL_COLUMNS,
)

__all__ = ["DistinctiveTermsAnalyzer", "COLUMNS", "NULL_COLUMNS", "EXCLUDED_COLUMNS", "FUNCTION_WORDS"]


#: Nonzero counts compared together in :meth:`DistinctiveTermsAnalyzer._compare`, about
#: (whole events; small enough for the CPU cache) ...
_GROUP_NNZ = 1 << 16
#: ... and events, about (bounds the dense events x terms array of a group).
_GROUP_EVENTS = 32
#: Most cells of one padded (outlets x terms) array in :meth:`DistinctiveTermsAnalyzer._rank_rows`.
_PAD_CELLS = 1 << 20
#: Positions looked at together when finding the evidence.
_EVIDENCE_CHUNK = 1 << 18


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


class DistinctiveTermsAnalyzer(Analyzer):
    """Words and phrases each outlet uses distinctively, against the other outlets of the same event.

    Parameters
    ----------
    max_n:
        Longest phrase (1: unigrams only, 2: + bigrams, 3: + trigrams).
    min_phrase_count:
        Least corpus count of a bigram or trigram to be a term.
    top_k:
        Terms kept per outlet and event (the highest z).
    prior_scale:
        Pseudo-articles of the Beta prior that shrinks ``delta`` towards the event's
        share of articles using the term.
    corpus_wide:
        Also compare each outlet with all others across the corpus (event ``"all"``).
    alpha:
        False discovery rate used for ``beyond_null`` (q below alpha and z above the
        split-half 95th percentile).
    min_count:
        Terms counted fewer times in the outlet are flagged ``too_little_data``.
    null_min_articles:
        Split-half null by articles when an outlet has at least this many articles
        in the event, by sentences otherwise.
    seed:
        Seed of the random split-half null.
    evidence_top, evidence_per_term:
        The ``distinctive_evidence`` table holds up to ``evidence_per_term``
        sentences for each of the ``evidence_top`` highest terms of every outlet
        and event (0: no evidence).
    exclude:
        Keep function words, one-letter words, numbers and boilerplate out of the
        ranking and list them apart in ``distinctive_excluded`` (False: rank all).
    boilerplate_share:
        Least share of an outlet's articles a phrase is in to be its boilerplate
        (with the other conditions of
        :func:`framing.analyses.distinctive_exclude.boilerplate_terms`).

    Examples
    --------
    >>> from framing import load_corpus
    >>> c = load_corpus([{"id": str(i), "outlet": o, "event": "e", "text": t} for i, (o, t) in enumerate([
    ...     ("A", "The special military operation goes on. The special military operation."),
    ...     ("B", "The invasion goes on. The invasion continues."),
    ...     ("A", "Officials said the special military operation would last.")])])
    >>> d = DistinctiveTermsAnalyzer(min_phrase_count=2).fit_transform(c)["distinctive"]
    >>> "special military operation" in set(d[(d.event == "e") & (d.outlet == "A")]["term"].head(5))
    True
    """

    name = "distinctive"
    tables = (DISTINCTIVE, DISTINCTIVE_EXCLUDED, DISTINCTIVE_NULL, DISTINCTIVE_EVIDENCE)

    def __init__(
        self,
        *,
        max_n: int = 3,
        min_phrase_count: int = 3,
        top_k: int = 25,
        prior_scale: float = 1.0,
        corpus_wide: bool = True,
        alpha: float = 0.05,
        min_count: int = MIN_COUNT,
        null_min_articles: int = 4,
        seed: int = 0,
        evidence_top: int = 5,
        evidence_per_term: int = 3,
        exclude: bool = True,
        boilerplate_share: float = 0.5,
    ) -> None:
        self.max_n = max_n
        self.min_phrase_count = min_phrase_count
        self.top_k = top_k
        self.prior_scale = prior_scale
        self.corpus_wide = corpus_wide
        self.alpha = alpha
        self.min_count = min_count
        self.null_min_articles = null_min_articles
        self.seed = seed
        self.evidence_top = evidence_top
        self.evidence_per_term = evidence_per_term
        self.exclude = exclude
        self.boilerplate_share = boilerplate_share

    def _fit(self, corpus: Corpus) -> None:
        owner = type(self).__name__
        check_number("max_n", self.max_n, owner=owner, low=1, high=3, integer=True)
        check_number("min_phrase_count", self.min_phrase_count, owner=owner, low=1, integer=True)
        check_number("top_k", self.top_k, owner=owner, low=1, integer=True)
        check_number("prior_scale", self.prior_scale, owner=owner, low=0, low_inclusive=False)
        check_number("alpha", self.alpha, owner=owner, low=0, high=1, low_inclusive=False)
        check_number("min_count", self.min_count, owner=owner, low=0, integer=True)
        check_number("null_min_articles", self.null_min_articles, owner=owner, low=2, integer=True)
        check_number("seed", self.seed, owner=owner, low=0, integer=True)
        check_number("evidence_top", self.evidence_top, owner=owner, low=0, integer=True)
        check_number("evidence_per_term", self.evidence_per_term, owner=owner, low=1, integer=True)
        check_number("boilerplate_share", self.boilerplate_share, owner=owner, low=0, high=1, low_inclusive=False)
        for flag in ("corpus_wide", "exclude"):
            if not isinstance(getattr(self, flag), bool):
                from ..errors import ParameterError

                raise ParameterError(
                    f"The {flag!r} parameter of {owner} must be True or False. Got {getattr(self, flag)!r} instead."
                )
        if not isinstance(self.corpus_wide, bool):
            from ..errors import ParameterError

            raise ParameterError(
                f"The 'corpus_wide' parameter of {owner} must be True or False. Got {self.corpus_wide!r} instead."
            )

    # -- the comparisons: all outlets of all events, on whole arrays ---------------------
    def _compare(self, W: _UnitCounts, row_event: np.ndarray, ranked: np.ndarray, strata=None):
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
        (:func:`_strata_moments`), for a corpus-wide comparison stratified by event.
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
            null, found = self._compare_rows(
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
            )
            nulls.append(null)
            for out, top in zip(tops, found):
                top["row"] += s
                out.append(top)
        null = tuple(np.concatenate(x) for x in zip(*nulls))
        return null, tuple({k: np.concatenate([t[k] for t in ts]) for k in ts[0]} for ts in tops)

    def _compare_rows(self, indptr, cols, y, d, halves, n_docs, n_half, ranked, row_event, lookup, strata=None):
        """:meth:`_compare` on the rows of some whole events, given as CSR arrays.

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
        delta = presence_log_odds(d, n, K, N, self.prior_scale)
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
        found = self._rank_rows(indptr, cols, rank_key, p, np.abs(zn), ok_null, ranked, family)
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

    def _rank_rows(self, indptr, w, z, p, azn, ok_null, ranked, family):
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
        k = self.top_k
        m = np.diff(indptr)
        q95, q99, mx = (np.full(len(m), np.nan) for _ in range(3))
        by_length = np.argsort(m, kind="stable")
        by_length = by_length[m[by_length] > 0]
        tops, qs = ([], []), ([], [])
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
                for level, out in ((0.95, q95), (0.99, q99)):
                    pos = (kk - 1) * level
                    lo = np.floor(pos).astype(np.int64)
                    hi = np.minimum(lo + 1, kk - 1)
                    out[out_rows] = AZ[r, lo] + (AZ[r, hi] - AZ[r, lo]) * (pos - lo)
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
        out = [(q95, q99, mx)]
        for cls in range(2):
            top = np.concatenate(tops[cls]) if tops[cls] else np.zeros(0, dtype=np.int64)
            q = np.concatenate(qs[cls]) if qs[cls] else np.zeros(0)
            order = np.argsort(np.searchsorted(indptr, top, side="right"), kind="stable")  # rows in order
            out.append((top[order], q[order]))
        return out

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        empty = {
            "distinctive": pd.DataFrame(columns=COLUMNS),
            "distinctive_null": pd.DataFrame(columns=NULL_COLUMNS),
            "distinctive_evidence": make_evidence(corpus, None, ["term"]),
            "distinctive_excluded": pd.DataFrame(columns=EXCLUDED_COLUMNS),
        }
        arts = corpus.articles
        if len(arts) == 0:
            return empty
        F = _Features(corpus, max_n=self.max_n, min_phrase_count=self.min_phrase_count)
        if F.n_features == 0:
            return empty
        events = corpus.event_labels()
        outlets = np.asarray([a.outlet for a in arts], dtype=object)
        article_ids = np.asarray([a.id for a in arts], dtype=object)
        rng = np.random.default_rng(self.seed)
        levels = []
        if corpus.has_events or any(e != ALL_EVENTS for e in events):
            levels.append("events")
        if self.corpus_wide or not levels:
            levels.append("all")
        parts: list[pd.DataFrame] = []
        null_parts: list[pd.DataFrame] = []
        evidence_parts: list[pd.DataFrame] = []
        excluded_parts: list[pd.DataFrame] = []
        fixed = excluded_terms(F.labels, F.ngram) if self.exclude else np.full(F.n_features, "", dtype=object)
        boiler = None
        strata = None
        for level in levels:
            ev_of_art = events if level == "events" else np.full(len(arts), ALL_EVENTS, dtype=object)
            keep_art = ev_of_art != ALL_EVENTS if level == "events" else np.ones(len(arts), dtype=bool)
            # units: (event, outlet) pairs in sorted order, from the codes of each
            ev_code, ev_uniq = pd.factorize(ev_of_art, sort=True)
            out_code, out_uniq = pd.factorize(outlets, sort=True)
            pair_uniq, unit_code = np.unique(ev_code * len(out_uniq) + out_code, return_inverse=True)
            unit_code = np.where(keep_art, unit_code.ravel(), -1)
            n_units = len(pair_uniq)
            # halves for the split-half null: by articles when enough, else by sentences
            arts_per_unit = np.bincount(unit_code[unit_code >= 0], minlength=n_units)
            by_articles = arts_per_unit >= self.null_min_articles
            art_half = np.zeros(len(arts), dtype=np.int64)
            if by_articles.any():
                members_of = np.argsort(unit_code, kind="stable")
                ub = np.searchsorted(unit_code[members_of], np.arange(n_units + 1))
                for u in np.flatnonzero(by_articles).tolist():
                    perm = rng.permutation(members_of[ub[u] : ub[u + 1]])
                    art_half[perm[: len(perm) // 2]] = 1
            sent_half = rng.integers(0, 2, size=max(F.n_sentences, 1))[: F.n_sentences]
            sent_unit = unit_code[F.sent_art]
            sent_half = np.where(by_articles[np.maximum(sent_unit, 0)], art_half[F.sent_art], sent_half)
            A2 = F.half_counts(sent_half)
            half_rows = np.bincount(2 * F.sent_art + sent_half, minlength=2 * len(arts)) > 0
            W = _unit_counts(A2, unit_code, n_units, half_rows)
            del A2
            ev_labels = np.asarray(ev_uniq, dtype=object)[pair_uniq // len(out_uniq)]
            out_labels = np.asarray(out_uniq, dtype=object)[pair_uniq % len(out_uniq)]
            unit_outlet = pair_uniq % len(out_uniq)
            if boiler is None:  # the outlets' boilerplate, from their articles across the corpus
                by_outlet = sp.csr_matrix(
                    (np.ones(n_units, dtype=np.int64), (unit_outlet, np.arange(n_units))),
                    shape=(len(out_uniq), n_units),
                )
                in_unit = W.docs.copy()
                in_unit.data[:] = 1
                boiler = (
                    boilerplate_terms(
                        F,
                        out_code,
                        ev_code,
                        len(out_uniq),
                        by_outlet @ W.docs,
                        by_outlet @ in_unit,
                        by_outlet @ W.tokens,
                        share=self.boilerplate_share,
                    )
                    if self.exclude and level == "events"
                    else np.zeros(0, dtype=np.int64)
                )
            # compared: the units of events with two outlets or more and any term
            unit_event = pair_uniq // len(out_uniq)
            units_of_event = np.bincount(unit_event)
            for e in np.flatnonzero(units_of_event == 1).tolist():
                logger.info("distinctive: event %r has a single outlet; nothing to compare", ev_uniq[e])
            terms_of_event = np.bincount(unit_event, weights=np.diff(W.tokens.indptr))
            us = np.flatnonzero((units_of_event >= 2)[unit_event] & (terms_of_event > 0)[unit_event])
            if len(us) == 0:
                continue
            Wc = W if len(us) == n_units else W.rows(us)  # (a copy only when some units are left out)
            moments = None
            if level == "events" and keep_art.all():  # every article in an event: the corpus-wide
                strata = (W, unit_event, unit_outlet)  # comparison is stratified by event
            elif level == "all" and strata is not None:
                moments = strata_moments(*strata, Wc, unit_outlet[us])
            entry_unit = us[np.repeat(np.arange(len(us)), np.diff(Wc.tokens.indptr))]
            entry_col = Wc.tokens.indices.astype(np.int64)
            reason = fixed[entry_col]
            is_boiler = _in_sorted(unit_outlet[entry_unit] * np.int64(F.n_features) + entry_col, boiler)
            reason = np.where(is_boiler & (reason == ""), "boilerplate", reason)
            (n_terms, q95, q99, mx), (top, top_x) = self._compare(Wc, unit_event[us], reason == "", moments)
            null_parts.append(
                pd.DataFrame(
                    {
                        "event": ev_labels[us],
                        "outlet": out_labels[us],
                        "null_unit": np.where(by_articles[us], "articles", "sentences").astype(object),
                        "n_articles": arts_per_unit[us].astype(np.int64),
                        "n_terms": n_terms.astype(np.int64),
                        "null_z95": q95,
                        "null_z99": q99,
                        "null_max": mx,
                    }
                )
            )
            for found, out in ((top, parts), (top_x, excluded_parts)):
                if len(found["row"]) == 0:
                    continue
                u, c = us[found["row"]], found["col"]
                lt = pd.DataFrame(
                    {
                        "event": ev_labels[u],
                        "outlet": out_labels[u],
                        "term": F.labels[c],
                        "count": found["count"].astype(np.int64),
                        "z": found["z"],
                        "q": found["q"],
                        "ngram": F.ngram[c],
                        "delta": found["delta"],
                        "count_other": found["count_other"].astype(np.int64),
                        "p_value": found["p_value"],
                        "null_z95": q95[found["row"]],
                        "null_z99": q99[found["row"]],
                    }
                )
                if out is excluded_parts:
                    lt["excluded"] = np.where(
                        _in_sorted(unit_outlet[u] * np.int64(F.n_features) + c, boiler) & (fixed[c] == ""),
                        "boilerplate",
                        fixed[c],
                    )
                else:
                    evidence_parts.append(self._evidence(F, lt, u, c, sent_unit, n_units, article_ids))
                out.append(lt)
        excluded = self._finish(excluded_parts, EXCLUDED_COLUMNS)
        if not parts:
            if null_parts:
                empty["distinctive_null"] = pd.concat(null_parts, ignore_index=True)[NULL_COLUMNS]
            empty["distinctive_excluded"] = excluded
            return empty
        table = self._finish(parts, COLUMNS)
        null = pd.concat(null_parts, ignore_index=True)[NULL_COLUMNS]
        small = int(table["too_little_data"].sum())
        if small:
            logger.info(
                "distinctive: %d of %d kept terms are counted fewer than %d times in their outlet",
                small,
                len(table),
                self.min_count,
            )
        ev_parts = [e for e in evidence_parts if len(e)]
        hits = pd.concat(ev_parts, ignore_index=True) if ev_parts else None
        evidence = make_evidence(corpus, hits, ["term"])
        if hits is not None and len(evidence):
            evidence["event"] = hits["event"].to_numpy()  # corpus-wide rows keep event "all"
        return {
            "distinctive": table,
            "distinctive_null": null,
            "distinctive_evidence": evidence,
            "distinctive_excluded": excluded,
        }

    def _finish(self, parts: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
        """The rows of ``parts`` with ``beyond_null`` and ``too_little_data``, in ``columns``."""
        if not parts:
            return pd.DataFrame(columns=columns)
        table = pd.concat(parts, ignore_index=True)
        table["beyond_null"] = (table["q"] < self.alpha) & (table["z"] > table["null_z95"].fillna(np.inf))
        table["too_little_data"] = table["count"] < self.min_count
        return table[columns]

    def _evidence(
        self,
        F: _Features,
        rows: pd.DataFrame,
        units: np.ndarray,
        cols: np.ndarray,
        sent_unit: np.ndarray,
        n_units: int,
        article_ids: np.ndarray,
    ) -> pd.DataFrame:
        """Up to ``evidence_per_term`` occurrences (first in the text) of the top
        ``evidence_top`` terms of each outlet and event, as hits for :func:`make_evidence`.

        ``rows`` is the level's table (``units`` ascending, z descending within each
        unit), ``cols`` the feature column of each row and ``sent_unit`` the unit of
        each sentence (-1: none).
        """
        out_cols = ["article_id", "event", "term", "sentence_index", "start", "end"]
        if self.evidence_top == 0 or len(rows) == 0:
            return pd.DataFrame(columns=out_cols)
        rank = np.arange(len(units)) - np.searchsorted(units, units)  # place in the unit's rows
        sel = np.flatnonzero(rank < self.evidence_top)
        want_unit, want_col = units[sel], cols[sel]
        # the occurrences of the wanted (unit, column) pairs, in chunks of positions (rows
        # of F.matrix): a hashed filter first (which units want some column equal to each
        # column modulo 256), then an exact lookup of the few positions that pass
        M = F.matrix
        row_unit = np.tile(sent_unit, F.n_blocks)
        hashed = np.zeros((n_units + 1, 256), dtype=bool)  # (row -1, for no unit, stays empty)
        hashed[want_unit, want_col % 256] = True
        want = pd.Index(want_unit * np.int64(F.n_features) + want_col)
        chunk_rows = np.searchsorted(M.indptr, np.arange(0, M.nnz, _EVIDENCE_CHUNK), side="right") - 1
        row_bounds = np.r_[np.unique(chunk_rows), M.shape[0]].tolist()
        found_pos, found_which = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for r0, r1 in itertools.pairwise(row_bounds):
            lo, hi = M.indptr[r0], M.indptr[r1]
            unit = np.repeat(row_unit[r0:r1], np.diff(M.indptr[r0 : r1 + 1]))
            col = M.indices[lo:hi]
            hit = np.flatnonzero(hashed.ravel()[unit * 256 + (col & 255)])
            which = want.get_indexer(unit[hit] * np.int64(F.n_features) + col[hit])
            found_pos.append(hit[which >= 0] + lo)
            found_which.append(which[which >= 0])
        pos, which = np.concatenate(found_pos), np.concatenate(found_which)
        if len(pos) == 0:
            return pd.DataFrame(columns=out_cols)
        # the first occurrences in the text: a term's positions are in corpus order
        order = np.argsort(which, kind="stable")
        pos, which = pos[order], which[order]
        first = np.r_[True, which[1:] != which[:-1]]
        start_of = np.maximum.accumulate(np.where(first, np.arange(len(which)), 0))
        ok = np.arange(len(which)) - start_of < self.evidence_per_term
        pos, which = pos[ok], which[ok]
        sent = (np.searchsorted(M.indptr, pos, side="right") - 1) % F.n_sentences
        art = F.sent_art[sent]
        tok = F.first_token(pos)  # the first and last token of each occurrence, in the corpus
        starts = F.tokens.starts[tok]
        ends = F.tokens.ends[tok + F.ngram[M.indices[pos]] - 1]
        src = sel[which]
        return pd.DataFrame(
            {
                "article_id": article_ids[art],
                "event": rows["event"].to_numpy()[src],
                "term": rows["term"].to_numpy()[src],
                "sentence_index": sent - F.sent_first[art],
                "start": starts,
                "end": ends,
            }
        )
