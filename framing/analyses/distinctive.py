"""Distinctive terms: the words and phrases each outlet uses more than the others, per event.

For every event, each outlet is compared with the other outlets covering the same
event, and corpus-wide (event ``"all"``) with all other outlets, with the
log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi and Quinn
(2008) (:func:`framing.stats.log_odds_dirichlet`), on unigrams and multi-word
phrases ("special military operation"), computed on whole sparse arrays.

* **Terms.** Unigrams are every normalised token (:meth:`Corpus.term_counts`);
  frequent words are *not* dropped: in same-event corpora the shared frequent
  words are the point. Phrases are the bigrams and trigrams inside one sentence
  that occur at least ``min_phrase_count`` times in the corpus and neither start
  nor end with a function word; a bigram whose every occurrence is inside a kept
  trigram is left out (it would repeat the trigram).
* **Prior.** The background frequencies are the corpus-wide counts; the prior's
  total weight is ``prior_scale`` times the number of words compared (so the
  prior counts as much as the data at ``prior_scale=1``).
* **Significance.** Two-sided p-values from the z-scores; Benjamini-Hochberg q
  over all terms of each outlet-event comparison.
* **Calibration.** A split-half null: each outlet's articles in an event are split
  at random (fixed ``seed``) into two halves, and the same statistic is computed
  between the halves. The 95th and 99th percentiles of ``|z|`` over the terms show
  how large a z-score arises by chance for that outlet and event
  (``null_z95``, ``null_z99``). With fewer than ``null_min_articles`` articles the
  split is by sentences instead (``null_unit == "sentences"``), which is less
  conservative (topics cluster within articles).

Only the ``top_k`` terms with the highest z per outlet and event are kept, so the
table stays small; ``too_little_data`` flags terms counted fewer than
``min_count`` times in the outlet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import special as _sc

from .._arrays import unique_hashed
from .._log import logger
from .._validation import check_number
from ..corpus import Corpus
from ..stats import MIN_COUNT, log_odds_from_totals
from ..tables import EVENT, OUTLET, TableSpec, evidence_table
from ..tables import Column as C
from .base import ALL_EVENTS, Analyzer, make_evidence

__all__ = ["DistinctiveTermsAnalyzer", "COLUMNS", "NULL_COLUMNS", "FUNCTION_WORDS"]

#: Columns of the ``distinctive`` table (the first six are the public contract).
COLUMNS = [
    "event",
    "outlet",
    "term",
    "count",
    "z",
    "q",
    "ngram",
    "delta",
    "count_other",
    "p_value",
    "null_z95",
    "null_z99",
    "beyond_null",
    "too_little_data",
]
#: Columns of the ``distinctive_null`` table.
NULL_COLUMNS = ["event", "outlet", "null_unit", "n_articles", "n_terms", "null_z95", "null_z99", "null_max"]

#: Function words a phrase may not start or end with (phrases only: unigrams are never dropped).
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet for of in on at to from by with without as into onto upon over under
    about above after before between through during against among within along across behind beyond
    is are was were be been being am has have had having do does did will would shall should can could
    may might must it its it's this that these those there here he she they we i you him her them us me
    his hers their theirs our ours my your who whom whose which what when where why how than then also
    not no if while because although though since until unless whether all any both each few more most
    other some such only own same very just s t said says say told""".split()
)


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
    lo = np.zeros(len(rows), dtype=np.int64)
    hi = np.full(len(rows), width, dtype=np.int64)
    for _ in range(width.bit_length()):
        mid = (lo + hi) // 2
        right = sorted_rows[rows, np.minimum(mid, width - 1)] < values
        active = lo < hi
        lo = np.where(active & right, mid + 1, lo)
        hi = np.where(active & ~right, mid, hi)
    return lo


def _phrases(flat: np.ndarray, same: np.ndarray, terms: list[str], frequent: np.ndarray, *,
             max_n: int, min_phrase_count: int) -> list[tuple]:
    """The kept bigrams and trigrams of the corpus, from its token ids.

    ``flat`` holds the token ids of the whole corpus, ``same`` whether each token and
    the next are in one sentence, ``frequent`` whether each term is counted at least
    ``min_phrase_count`` times. Returns one block per phrase length (2, then 3):
    ``(counts, labels, phrase, start)``, the corpus count and label of each kept phrase,
    and the phrase and first token of each of its occurrences (in corpus order).
    """
    V = len(terms)
    if max_n < 2 or len(flat) < 2:
        return []
    stop = np.zeros(V, dtype=bool)
    has_alpha = np.zeros(V, dtype=bool)
    for i, t in enumerate(terms):
        stop[i] = t in FUNCTION_WORDS
        has_alpha[i] = any(ch.isalpha() for ch in t)
    ok_freq = (has_alpha & ~stop & frequent)[flat]
    # bigrams: only positions where both words may be a phrase edge (and each word is
    # frequent enough: a bigram is never more frequent than its words)
    i2 = np.flatnonzero(same & ok_freq[:-1] & ok_freq[1:])
    bi_uniq, bi_inv, bi_cnt = unique_hashed(flat[i2] * V + flat[i2 + 1], return_counts=True)
    bi_ok = bi_cnt >= min_phrase_count
    found = [(bi_uniq, bi_inv, bi_cnt, bi_ok, i2)]
    if max_n >= 3 and len(flat) > 2 and float(V) ** 3 < 9e18:
        # a trigram is frequent only if each of its words is: prefilter on unigram counts
        i3 = np.flatnonzero(same[:-1] & same[1:] & ok_freq[:-2] & ok_freq[2:] & frequent[flat[1:-1]])
        tri_uniq, tri_inv, tri_cnt = unique_hashed((flat[i3] * V + flat[i3 + 1]) * V + flat[i3 + 2],
                                                   return_counts=True)
        tri_ok = tri_cnt >= min_phrase_count
        if tri_ok.any() and len(bi_uniq):
            # a bigram always inside one kept trigram (same count) repeats it: drop it
            t1, t2, t3 = tri_uniq // (V * V), (tri_uniq // V) % V, tri_uniq % V
            for code in (t1 * V + t2, t2 * V + t3):
                j = np.minimum(np.searchsorted(bi_uniq, code[tri_ok]), len(bi_uniq) - 1)
                same_count = (bi_uniq[j] == code[tri_ok]) & (bi_cnt[j] == tri_cnt[tri_ok])
                bi_ok[j[same_count]] = False
        found.append((tri_uniq, tri_inv, tri_cnt, tri_ok, i3))
    blocks = []
    for n, (uniq, inv, cnt, ok, start) in enumerate(found, start=2):
        keep = np.flatnonzero(ok)
        index = np.full(len(uniq), -1, dtype=np.int64)
        index[keep] = np.arange(len(keep))
        phrase = index[inv]
        sel = phrase >= 0
        words = [(uniq[keep] // V ** (n - 1 - i)) % V for i in range(n)]
        labels = [" ".join(terms[w] for w in ws) for ws in zip(*(x.tolist() for x in words))]
        blocks.append((cnt[keep], labels, phrase[sel], start[sel]))
    return blocks


class _Features:
    """Every term occurrence ("position") of the corpus, built once from the cached token ids.

    Positions come in blocks (unigrams, kept bigrams, kept trigrams), each in corpus
    order. :attr:`matrix` has one row per (block, sentence) and one stored entry per
    position (its feature column, count 1), so that the counts of any grouping of
    sentences are one sparse product (:meth:`counts`) and need no sorting.
    """

    def __init__(self, corpus: Corpus, *, max_n: int, min_phrase_count: int) -> None:
        arts = corpus.articles
        tokens = corpus.flat_tokens()
        vocab = corpus.vocabulary()  # fixes the vocabulary (ids are cached)
        terms = [""] * len(vocab)
        for t, i in vocab.items():
            terms[i] = t
        #: The corpus's flat token table (offsets of every token).
        self.tokens = tokens
        sents = corpus.flat_sentences()
        n_art = len(arts)
        lens = np.diff(tokens.indptr)
        n_sent = np.diff(sents.indptr)
        self.n_articles = n_art
        self.n_sentences = n_s = int(sents.indptr[-1])
        self.n_tokens = int(tokens.indptr[-1])
        #: First sentence of each article; the article of each sentence.
        self.sent_first = sents.indptr[:-1]
        self.sent_art = np.repeat(np.arange(n_art), n_sent)
        flat = tokens.ids  # (shared with the corpus: read only)
        sent = tokens.sent.astype(np.int64)  # sentence in its article (a copy: changed below)
        same = sent[1:] == sent[:-1]  # the next token is in the same sentence (of the same article)
        same[tokens.indptr[1:-1] - 1] = False  # (nor across articles)
        sent += np.repeat(self.sent_first, lens)  # now the sentence in the corpus
        uni = np.bincount(flat, minlength=len(terms))
        blocks = _phrases(flat, same, terms, uni >= min_phrase_count, max_n=max_n, min_phrase_count=min_phrase_count)
        pos_col, counts, labels, ngram = [flat], [uni], list(terms), [1] * len(terms)
        for n, (count, label, phrase, _) in enumerate(blocks, start=2):
            pos_col.append(phrase + len(labels))
            counts.append(count)
            labels.extend(label)
            ngram.extend([n] * len(label))
        self.labels = np.asarray(labels, dtype=object)
        self.ngram = np.asarray(ngram, dtype=np.int64)
        self.n_features = len(labels)
        #: Corpus count of each feature.
        self.corpus_counts = np.concatenate(counts).astype(float)
        self.n_blocks = len(pos_col)
        #: First token of each bigram and trigram position (positions after the unigrams).
        self.ngram_start = np.concatenate([b[3] for b in blocks]) if blocks else np.zeros(0, dtype=np.int64)
        # positions per (block, sentence) row: each block is in corpus order, so its rows ascend
        per_row = [np.bincount(sent, minlength=n_s)] + [np.bincount(sent[b[3]], minlength=n_s) for b in blocks]
        indptr = np.r_[0, np.cumsum(np.concatenate(per_row))]
        del flat, sent, same, blocks  # free the token arrays before the largest ones are made
        col = np.concatenate(pos_col, dtype=np.int32, casting="same_kind")
        del pos_col
        self.matrix = sp.csr_matrix(
            (np.ones(len(col), dtype=np.int64), col, indptr), shape=(len(indptr) - 1, self.n_features)
        )

    def first_token(self, pos: np.ndarray) -> np.ndarray:
        """The corpus token index at which each position (a stored entry of :attr:`matrix`) starts."""
        tok = pos.copy()
        phrase = pos >= self.n_tokens
        tok[phrase] = self.ngram_start[pos[phrase] - self.n_tokens]
        return tok

    def counts(self, sent_unit: np.ndarray, n_units: int, sent_half: np.ndarray) -> sp.csr_matrix:
        """(units x features) counts with both split halves in one int64: ``half0 + half1 << 32``.

        ``sent_unit`` gives the unit of each sentence (-1: left out), ``sent_half`` its
        half (0 or 1). The sum over the sentences of a unit is one sparse product with
        :attr:`matrix` (duplicates are summed there).
        """
        weight = np.where(sent_half == 1, np.int64(1) << np.int64(32), np.int64(1))
        keep = np.flatnonzero(sent_unit >= 0)
        cols = (np.arange(self.n_blocks)[:, None] * self.n_sentences + keep[None, :]).ravel()
        P = sp.csr_matrix(
            (np.tile(weight[keep], self.n_blocks), (np.tile(sent_unit[keep], self.n_blocks), cols)),
            shape=(n_units, self.matrix.shape[0]),
        )
        return P @ self.matrix


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
        Weight of the informative prior, as a multiple of the number of words
        compared.
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
    tables = (
        TableSpec(
            "distinctive",
            "One row per event, outlet and term among the outlet's most distinctive terms (log-odds, informative Dirichlet prior).",
            (
                EVENT,
                OUTLET,
                C("term", "str", "the word or phrase (folded tokens joined by spaces)"),
                C("count", "int", "its count in the outlet (in the event)"),
                C("z", "float", "z-score of the log-odds difference (outlet minus the others)"),
                C("q", "float", "Benjamini-Hochberg q"),
                C("ngram", "int", "1, 2 or 3"),
                C("delta", "float", "the log-odds difference"),
                C("count_other", "int", "its count in the other outlets of the event"),
                C("p_value", "float", "two-sided p from z"),
                C("null_z95", "float", "95th percentile of abs(z) under the split-half null"),
                C("null_z99", "float", "99th percentile of abs(z) under the split-half null"),
                C("beyond_null", "bool", "`q < 0.05` and `z > null_z95`"),
                C("too_little_data", "bool", "`count < 5`"),
            ),
            keys=("event", "outlet", "term"),
            evidence="distinctive_evidence",
        ),
        TableSpec(
            "distinctive_null",
            "One row per event and outlet: the split-half null distribution of z.",
            (
                EVENT,
                OUTLET,
                C("null_unit", "str", "`articles` or `sentences`: what was split in halves"),
                C("n_articles", "int", "the outlet's articles in the event"),
                C("n_terms", "int", "terms compared"),
                C("null_z95", "float", "95th percentile of abs(z) under the null"),
                C("null_z99", "float", "99th percentile"),
                C("null_max", "float", "largest abs(z) under the null"),
            ),
            keys=("event", "outlet"),
            kind="detail",
        ),
        evidence_table("distinctive_evidence", "distinctive", (C("term", "str", "the term"),)),
    )

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
        if not isinstance(self.corpus_wide, bool):
            from ..errors import ParameterError

            raise ParameterError(f"The 'corpus_wide' parameter of {owner} must be True or False. Got {self.corpus_wide!r} instead.")

    # -- the comparisons: all outlets of all events, on whole arrays ---------------------
    def _compare(self, W: sp.csr_matrix, row_event: np.ndarray, background: np.ndarray):
        """Compare each row (an outlet in an event) of ``W`` with the other rows of its event.

        ``W`` holds the counts of :meth:`_Features.counts`, rows grouped by event
        (``row_event``, nondecreasing). Events are taken in groups of about
        ``_GROUP_NNZ`` nonzero counts (and about ``_GROUP_EVENTS`` events at most), so
        that the arrays of a group stay in the CPU cache.

        Returns the per-row null statistics ``(n_terms, null_z95, null_z99, null_max)``
        and the top-k terms of every row as a dict of columns (``row``, ``col``,
        ``count``, ``z``, ``q``, ``delta``, ``count_other``, ``p_value``), rows in
        order and z descending.
        """
        ev_first = np.flatnonzero(np.r_[True, row_event[1:] != row_event[:-1]])  # first row of each event
        # an event costs its share of either limit, whichever is larger; a group ends where
        # the running cost passes a whole number
        ev_nnz = np.diff(W.indptr[np.r_[ev_first, len(row_event)]])
        cost = np.maximum(ev_nnz / _GROUP_NNZ, 1 / _GROUP_EVENTS)
        group = np.floor(np.cumsum(cost) - cost)
        bounds = np.r_[ev_first[np.r_[True, group[1:] != group[:-1]]], len(row_event)].tolist()
        event = np.cumsum(np.r_[0, row_event[1:] != row_event[:-1]])  # 0, 1, ... per row
        lookup = np.zeros(W.shape[1], dtype=np.int64)
        nulls, tops = [], []
        for s, e in zip(bounds[:-1], bounds[1:]):
            lo, hi = W.indptr[s], W.indptr[e]
            null, top = self._compare_rows(
                W.indptr[s : e + 1] - lo, W.indices[lo:hi], W.data[lo:hi], event[s:e] - event[s], background, lookup
            )
            top["row"] += s
            nulls.append(null)
            tops.append(top)
        null = tuple(np.concatenate(x) for x in zip(*nulls))
        return null, {k: np.concatenate([t[k] for t in tops]) for k in tops[0]}

    def _compare_rows(self, indptr, cols, data, row_event, background, lookup):
        """:meth:`_compare` on the rows of some whole events, given as CSR arrays.

        The comparison is :func:`framing.stats.log_odds_from_totals` (the log-odds of
        :func:`framing.stats.log_odds_dirichlet`) on the nonzero counts only: an
        outlet's absent terms have z < 0 and are never reported, and its BH family and
        null are over the terms it uses. ``row_event`` numbers the events 0, 1, ...;
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
        y0 = (data & 0xFFFFFFFF).astype(float)
        y = y0 + (data >> 32).astype(float)
        # each event's count of each term, as a dense (events x terms used) array
        key = ev * len(used) + local
        E = np.bincount(key, weights=y, minlength=(int(row_event[-1]) + 1) * len(used))
        T = E[key]
        # prior: background frequencies of the event's terms, total weight prior_scale * n
        bg = background[cols]
        S = np.bincount(ev, weights=bg * (y / T))  # the background summed over each event's terms
        n_u = np.bincount(row, weights=y, minlength=n_rows)
        n0 = np.bincount(row, weights=y0, minlength=n_rows)
        n = np.bincount(row_event, weights=n_u)
        a = bg * (self.prior_scale * n / S)[ev]
        a0 = (self.prior_scale * n)[ev]
        other = T - y
        delta, z = log_odds_from_totals(y, n_u[row], other, (n[row_event] - n_u)[row], a, a0)
        _, zn = log_odds_from_totals(y0, n0[row], y - y0, (n_u - n0)[row], a, a0)
        p = 2.0 * _sc.ndtr(-np.abs(z))
        ok_null = (n0 > 0) & (n_u - n0 > 0)
        q95, q99, mx, top, q = self._rank_rows(indptr, cols, z, p, np.abs(zn), ok_null)
        rows = {"row": row[top], "col": cols[top].astype(np.int64), "count": y[top], "z": z[top], "q": q,
                "delta": delta[top], "count_other": other[top], "p_value": p[top]}
        return (m, q95, q99, mx), rows

    def _rank_rows(self, indptr, w, z, p, azn, ok_null):
        """Per row: split-half null percentiles, and the top-k terms by z with their BH q.

        The rows' nonzeros (columns ``w``) are laid out as padded (rows x terms)
        arrays, rows of similar length together, so that sorting and the BH step-up
        run on whole rows. Returns the 95th and 99th percentiles and the maximum of the
        null ``|z|`` of each row, the nonzero indices of the top terms (rows in order,
        z descending) and their q.
        """
        k = self.top_k
        m = np.diff(indptr)
        q95, q99, mx = (np.full(len(m), np.nan) for _ in range(3))
        by_length = np.argsort(m, kind="stable")
        by_length = by_length[m[by_length] > 0]
        tops, qs = [], []
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
            # top-k by z among the terms a row uses more than the others (z > 0); ties in z
            # at the cut are broken by the term's column (the earlier term in the corpus first)
            Z = z[nz]
            Z[~valid | (Z <= 0)] = -np.inf
            if L > k:
                thr = -np.partition(-Z, k - 1, axis=1)[:, k - 1]
                cand = (Z >= thr[:, None]) & (Z > -np.inf)
            else:
                cand = Z > -np.inf
            rr, cc = np.nonzero(cand)
            top = nz[rr, cc]
            o = np.lexsort((w[top], -z[top], rr))
            rr, top = rr[o], top[o]
            keep = np.arange(len(rr)) - np.searchsorted(rr, rr) < k
            rr, top = rr[keep], top[keep]
            # Benjamini-Hochberg over each row's terms: the step-up on sorted p; a top term's
            # q is read at its p's place (tied p have the same q)
            P = np.where(valid, p[nz], np.inf)
            P.sort(axis=1)
            Q = np.minimum.accumulate((P * (mr[:, None] / np.arange(1, L + 1)))[:, ::-1], axis=1)[:, ::-1]
            tops.append(top)
            qs.append(np.clip(Q[rr, _lower_bound(P, rr, p[top])], 0, 1))
        top = np.concatenate(tops) if tops else np.zeros(0, dtype=np.int64)
        q = np.concatenate(qs) if qs else np.zeros(0)
        order = np.argsort(np.searchsorted(indptr, top, side="right"), kind="stable")  # rows in order
        return q95, q99, mx, top[order], q[order]

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        empty = {
            "distinctive": pd.DataFrame(columns=COLUMNS),
            "distinctive_null": pd.DataFrame(columns=NULL_COLUMNS),
            "distinctive_evidence": make_evidence(corpus, None, ["term"]),
        }
        arts = corpus.articles
        if len(arts) == 0:
            return empty
        F = _Features(corpus, max_n=self.max_n, min_phrase_count=self.min_phrase_count)
        if F.n_features == 0:
            return empty
        background = F.corpus_counts
        events = np.asarray([a.event if a.event is not None else ALL_EVENTS for a in arts], dtype=object)
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
            W = F.counts(sent_unit, n_units, sent_half)
            ev_labels = np.asarray(ev_uniq, dtype=object)[pair_uniq // len(out_uniq)]
            out_labels = np.asarray(out_uniq, dtype=object)[pair_uniq % len(out_uniq)]
            # compared: the units of events with two outlets or more and any term
            unit_event = pair_uniq // len(out_uniq)
            units_of_event = np.bincount(unit_event)
            for e in np.flatnonzero(units_of_event == 1).tolist():
                logger.info("distinctive: event %r has a single outlet; nothing to compare", ev_uniq[e])
            terms_of_event = np.bincount(unit_event, weights=np.diff(W.indptr))
            us = np.flatnonzero((units_of_event >= 2)[unit_event] & (terms_of_event > 0)[unit_event])
            if len(us) == 0:
                continue
            Wc = W if len(us) == n_units else W[us]  # (a copy only when some units are left out)
            (n_terms, q95, q99, mx), top = self._compare(Wc, unit_event[us], background)
            null_parts.append(pd.DataFrame({
                "event": ev_labels[us], "outlet": out_labels[us],
                "null_unit": np.where(by_articles[us], "articles", "sentences").astype(object),
                "n_articles": arts_per_unit[us].astype(np.int64), "n_terms": n_terms.astype(np.int64),
                "null_z95": q95, "null_z99": q99, "null_max": mx,
            }))
            if len(top["row"]) == 0:
                continue
            u, c = us[top["row"]], top["col"]
            lt = pd.DataFrame({
                "event": ev_labels[u], "outlet": out_labels[u], "term": F.labels[c],
                "count": top["count"].astype(np.int64), "z": top["z"], "q": top["q"], "ngram": F.ngram[c],
                "delta": top["delta"], "count_other": top["count_other"].astype(np.int64), "p_value": top["p_value"],
                "null_z95": q95[top["row"]], "null_z99": q99[top["row"]],
            })
            parts.append(lt)
            evidence_parts.append(self._evidence(F, lt, u, c, sent_unit, n_units, article_ids))
        if not parts:
            if null_parts:
                empty["distinctive_null"] = pd.concat(null_parts, ignore_index=True)[NULL_COLUMNS]
            return empty
        table = pd.concat(parts, ignore_index=True)
        table["beyond_null"] = (table["q"] < self.alpha) & (table["z"] > table["null_z95"].fillna(np.inf))
        table["too_little_data"] = table["count"] < self.min_count
        null = pd.concat(null_parts, ignore_index=True)[NULL_COLUMNS]
        small = int(table["too_little_data"].sum())
        if small:
            logger.info("distinctive: %d of %d kept terms are counted fewer than %d times in their outlet", small, len(table), self.min_count)
        ev_parts = [e for e in evidence_parts if len(e)]
        hits = pd.concat(ev_parts, ignore_index=True) if ev_parts else None
        evidence = make_evidence(corpus, hits, ["term"])
        if hits is not None and len(evidence):
            evidence["event"] = hits["event"].to_numpy()  # corpus-wide rows keep event "all"
        return {"distinctive": table[COLUMNS], "distinctive_null": null, "distinctive_evidence": evidence}

    def _evidence(self, F: _Features, rows: pd.DataFrame, units: np.ndarray, cols: np.ndarray,
                  sent_unit: np.ndarray, n_units: int, article_ids: np.ndarray) -> pd.DataFrame:
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
        for r0, r1 in zip(row_bounds[:-1], row_bounds[1:]):
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
        return pd.DataFrame({
            "article_id": article_ids[art], "event": rows["event"].to_numpy()[src],
            "term": rows["term"].to_numpy()[src], "sentence_index": sent - F.sent_first[art],
            "start": starts, "end": ends,
        })
