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

from .._log import logger
from .._validation import check_number
from ..corpus import Corpus
from ..stats import MIN_COUNT, log_odds_from_totals
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


class _Features:
    """Every term occurrence of the corpus, built once: unigram, bigram and trigram positions.

    Positions are kept in three blocks (unigrams, kept bigrams, kept trigrams), each in
    token order, with their feature column, article, sentence and token index, so that
    a count matrix of any grouping of articles is one sparse product (:meth:`counts`)
    and needs no sorting.
    """

    def __init__(self, corpus: Corpus, *, max_n: int, min_phrase_count: int) -> None:
        arts = corpus.articles
        ids = [corpus.token_ids(a) for a in arts]
        vocab = corpus.vocabulary()  # fixes the vocabulary (ids are cached)
        terms = [""] * len(vocab)
        for t, i in vocab.items():
            terms[i] = t
        V = len(terms)
        docs = [corpus.document(a) for a in arts]
        lens = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(ids))
        flat = np.concatenate(ids) if len(ids) else np.zeros(0, dtype=np.int64)
        art = np.repeat(np.arange(len(arts), dtype=np.int64), lens)
        n_sent = np.fromiter((d.n_sentences for d in docs), dtype=np.int64, count=len(docs))
        sent_off = np.r_[0, np.cumsum(n_sent)[:-1]] if len(docs) else np.zeros(0, dtype=np.int64)
        sent = (
            np.concatenate([d.tok_sent for d in docs]).astype(np.int64) + np.repeat(sent_off, lens)
            if len(docs)
            else np.zeros(0, dtype=np.int64)
        )
        self.terms = list(terms)
        self.n_articles = len(arts)
        self.n_sentences = int(n_sent.sum())
        pos_col = [flat]
        pos_idx = [np.arange(len(flat), dtype=np.int64)]
        labels = list(terms)
        ngram = [1] * V
        if max_n >= 2 and len(flat) > 1:
            stop = np.zeros(V, dtype=bool)
            has_alpha = np.zeros(V, dtype=bool)
            for i, t in enumerate(terms):
                stop[i] = t in FUNCTION_WORDS
                has_alpha[i] = any(ch.isalpha() for ch in t)
            edge_ok = has_alpha & ~stop
            ok_at = edge_ok[flat]
            same = (sent[1:] == sent[:-1]) & (art[1:] == art[:-1])
            uni = np.bincount(flat, minlength=V)
            frequent = uni >= min_phrase_count
            ok_freq = ok_at & frequent[flat]
            # bigrams: only positions where both words may be a phrase edge (and each word is
            # frequent enough: a bigram is never more frequent than its words)
            i2 = np.flatnonzero(same & ok_freq[:-1] & ok_freq[1:])
            bi_code = flat[i2] * V + flat[i2 + 1]
            bi_uniq, bi_inv, bi_cnt = np.unique(bi_code, return_inverse=True, return_counts=True)
            bi_ok = bi_cnt >= min_phrase_count
            tri = None
            if max_n >= 3 and len(flat) > 2 and float(V) ** 3 < 9e18:
                # a trigram is frequent only if each of its words is: prefilter on unigram counts
                i3 = np.flatnonzero(
                    same[:-1] & same[1:] & ok_freq[:-2] & ok_freq[2:] & frequent[flat[1:-1]]
                )
                tri_code = (flat[i3] * V + flat[i3 + 1]) * V + flat[i3 + 2]
                tri_uniq, tri_inv, tri_cnt = np.unique(tri_code, return_inverse=True, return_counts=True)
                tri_ok = tri_cnt >= min_phrase_count
                if tri_ok.any():
                    # a bigram always inside one kept trigram (same count) repeats it: drop it
                    t1, t2, t3 = tri_uniq // (V * V), (tri_uniq // V) % V, tri_uniq % V
                    for code in (t1 * V + t2, t2 * V + t3):
                        j = np.searchsorted(bi_uniq, code[tri_ok])
                        j = np.minimum(j, max(len(bi_uniq) - 1, 0))
                        hit = (len(bi_uniq) > 0) & (bi_uniq[j] == code[tri_ok]) if len(bi_uniq) else np.zeros(len(j), bool)
                        same_count = hit & (bi_cnt[j] == tri_cnt[tri_ok])
                        bi_ok[j[same_count]] = False
                tri = (tri_ok, tri_inv, i3, tri_uniq)
            keep_bi = np.flatnonzero(bi_ok)
            bi_col = np.full(len(bi_uniq), -1, dtype=np.int64)
            bi_col[keep_bi] = V + np.arange(len(keep_bi))
            col = bi_col[bi_inv]
            sel = col >= 0
            pos_col.append(col[sel])
            pos_idx.append(i2[sel])
            labels.extend(f"{terms[c // V]} {terms[c % V]}" for c in bi_uniq[keep_bi].tolist())
            ngram.extend([2] * len(keep_bi))
            if tri is not None:
                tri_ok, tri_inv, i3, tri_uniq = tri
                keep_tri = np.flatnonzero(tri_ok)
                base = V + len(keep_bi)
                tri_col = np.full(len(tri_uniq), -1, dtype=np.int64)
                tri_col[keep_tri] = base + np.arange(len(keep_tri))
                col = tri_col[tri_inv]
                sel = col >= 0
                pos_col.append(col[sel])
                pos_idx.append(i3[sel])
                for c in tri_uniq[keep_tri].tolist():
                    labels.append(f"{terms[c // (V * V)]} {terms[(c // V) % V]} {terms[c % V]}")
                ngram.extend([3] * len(keep_tri))
        self.n_blocks = len(pos_col)
        self.col = np.concatenate(pos_col)
        idx = np.concatenate(pos_idx)
        art_start = np.r_[0, np.cumsum(lens)[:-1]] if len(lens) else np.zeros(0, dtype=np.int64)
        self.art = art[idx]
        self.tok = idx - art_start[self.art]  # token index inside its article
        self.sent = sent[idx]
        # rows of the block-stacked article matrix: block * n_articles + article (ascending)
        block = np.repeat(np.arange(len(pos_col), dtype=np.int64), [len(x) for x in pos_col])
        row = block * len(arts) + self.art
        self.indptr = np.r_[0, np.cumsum(np.bincount(row, minlength=len(pos_col) * len(arts)))]
        self.labels = np.asarray(labels, dtype=object)
        self.ngram = np.asarray(ngram, dtype=np.int64)
        self.n_features = len(labels)
        self.n_unigram_tokens = len(flat)

    def counts(self, art_unit: np.ndarray, n_units: int, half: np.ndarray) -> sp.csr_matrix:
        """(units x features) counts with both split halves in one int64: ``half0 + half1 << 32``.

        ``art_unit`` gives the unit of each article (-1: left out), ``half`` the half
        (0 or 1) of each position. The sum over the articles of a unit is one sparse
        product with the block-stacked article matrix (duplicates are summed there),
        so no index is ever sorted.
        """
        data = np.where(half == 1, np.int64(1) << np.int64(32), np.int64(1))
        n_art = self.n_articles
        A = sp.csr_matrix((data, self.col, self.indptr), shape=(self.n_blocks * n_art, self.n_features))
        r = np.tile(art_unit, self.n_blocks)
        c = np.arange(self.n_blocks * n_art)
        ok = r >= 0
        P = sp.csr_matrix((np.ones(int(ok.sum()), dtype=np.int64), (r[ok], c[ok])), shape=(n_units, self.n_blocks * n_art))
        return P @ A


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
    tables = ("distinctive", "distinctive_null", "distinctive_evidence")

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

    # -- one event: the outlets' nonzero counts, on whole arrays ----------------------
    def _event_stats(self, w, y, y0, row, n_rows, background, acc):
        """z, delta, p, count_other and the split-half null |z| of each nonzero count.

        ``w``, ``y`` and ``y0``: column, count and half-0 count of every nonzero
        (outlet, term) count of one event, outlets in order (``row``: 0..n_rows-1).
        The comparison is :func:`framing.stats.log_odds_from_totals` (the log-odds of
        :func:`framing.stats.log_odds_dirichlet`) on the
        nonzero counts only: an outlet's absent terms have z < 0 and are never
        reported, and its BH family and null are over the terms it uses.
        """
        np.add.at(acc, w, y)
        T = acc[w]  # the event's count of each term
        acc[w] = 0.0
        n = float(y.sum())
        # prior: background frequencies of the event's terms, total weight prior_scale * n
        S = float((background[w] * (y / T)).sum())  # sum of background over the event's terms
        a = background[w] * (self.prior_scale * n / S)
        a0 = self.prior_scale * n
        n_u = np.bincount(row, weights=y, minlength=n_rows)
        n0 = np.bincount(row, weights=y0, minlength=n_rows)
        other = T - y
        delta, z = log_odds_from_totals(y, n_u[row], other, (n - n_u)[row], a, a0)
        y1 = y - y0
        _, zn = log_odds_from_totals(y0, n0[row], y1, (n_u - n0)[row], a, a0)
        p = 2.0 * _sc.ndtr(-np.abs(z))
        ok_null = (n0 > 0) & (n_u - n0 > 0)
        return delta, z, p, other, np.abs(zn), ok_null

    def _event_rows(self, z, p, azn, ok_null, row, n_rows, k, w):
        """Per outlet: null percentiles, BH q, and the top-k terms by z (as nonzero indices).

        The outlets' nonzero counts are laid out as a padded (outlets x terms) array so
        that sorting and the BH step-up run on whole rows.
        """
        m = np.bincount(row, minlength=n_rows)
        first = np.r_[0, np.cumsum(m)[:-1]]
        j = np.arange(len(row)) - first[row]
        L = int(m.max()) if len(m) else 0
        q95 = np.full(n_rows, np.nan)
        q99 = np.full(n_rows, np.nan)
        mx = np.full(n_rows, np.nan)
        q_nz = np.full(len(row), np.nan)
        top = np.zeros(0, dtype=np.int64)
        if L == 0:
            return q95, q99, mx, q_nz, top, m
        # split-half null: linear-interpolated percentiles of |z| (as numpy.percentile)
        ok = ok_null & (m > 0)
        if ok.any():
            AZ = np.full((n_rows, L), np.inf)
            AZ[row, j] = azn
            AZ = np.sort(AZ[ok], axis=1)
            kk = m[ok]
            r = np.arange(len(AZ))
            for level, out in ((0.95, q95), (0.99, q99)):
                pos = (kk - 1) * level
                lo = np.floor(pos).astype(np.int64)
                hi = np.minimum(lo + 1, kk - 1)
                out[ok] = AZ[r, lo] + (AZ[r, hi] - AZ[r, lo]) * (pos - lo)
            mx[ok] = AZ[r, kk - 1]
        # Benjamini-Hochberg over each outlet's terms (the step-up on sorted rows)
        P = np.full((n_rows, L), np.inf)
        P[row, j] = p
        order = np.argsort(P, axis=1)  # ties in p get the same q whatever their order
        ranked = np.take_along_axis(P, order, axis=1) * (m[:, None] / np.arange(1, L + 1)[None, :])
        ranked = np.minimum.accumulate(ranked[:, ::-1], axis=1)[:, ::-1]
        Q = np.empty_like(ranked)
        np.put_along_axis(Q, order, np.clip(ranked, 0, 1), axis=1)
        q_nz = Q[row, j]
        # top-k by z among the terms an outlet uses more than the others (z > 0); ties in z
        # at the cut are broken by the term's column (the earlier term in the corpus first)
        Z = np.full((n_rows, L), -np.inf)
        Z[row, j] = np.where(z > 0, z, -np.inf)
        if L > k:
            thr = -np.partition(-Z, k - 1, axis=1)[:, k - 1]
            mask = (Z >= thr[:, None]) & np.isfinite(Z)
        else:
            mask = np.isfinite(Z)
        rr, cc = np.nonzero(mask)
        nz = first[rr] + cc
        o = np.lexsort((w[nz], -z[nz], rr))
        rr, nz = rr[o], nz[o]
        start = np.searchsorted(rr, rr, side="left")
        top = nz[np.arange(len(rr)) - start < k]  # nonzero index, rows in outlet order, z descending
        return q95, q99, mx, q_nz, top, m

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
        background = np.bincount(F.col, minlength=F.n_features).astype(float)
        events = np.asarray([a.event if a.event is not None else ALL_EVENTS for a in arts], dtype=object)
        outlets = np.asarray([a.outlet for a in arts], dtype=object)
        rng = np.random.default_rng(self.seed)
        levels = []
        if corpus.has_events or any(e != ALL_EVENTS for e in events):
            levels.append("events")
        if self.corpus_wide or not levels:
            levels.append("all")
        parts: list[pd.DataFrame] = []
        null_out: list[tuple] = []
        null_parts: list[pd.DataFrame] = []
        evidence_parts: list[pd.DataFrame] = []
        acc = np.zeros(F.n_features)
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
            sent_half = rng.integers(0, 2, size=max(F.n_sentences, 1))
            art_by_articles = by_articles[np.maximum(unit_code, 0)]
            pos_half = np.where(art_by_articles[F.art], art_half[F.art], sent_half[F.sent])
            W = F.counts(unit_code, n_units, pos_half)
            ev_labels = np.asarray(ev_uniq, dtype=object)[pair_uniq // len(out_uniq)]
            out_labels = np.asarray(out_uniq, dtype=object)[pair_uniq % len(out_uniq)]
            bounds = np.flatnonzero(np.r_[True, ev_labels[1:] != ev_labels[:-1], True])
            w_all = W.indices.astype(np.int64)
            y_all = W.data.astype(np.int64)
            y0_all = (y_all & 0xFFFFFFFF).astype(float)
            y_all = y0_all + (y_all >> 32).astype(float)
            level_parts: list[tuple] = []
            for s, e in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
                ev = ev_labels[s]
                if e - s < 2:
                    logger.info("distinctive: event %r has a single outlet; nothing to compare", ev)
                    continue
                lo, hi = int(W.indptr[s]), int(W.indptr[e])
                if hi == lo:
                    continue
                n_rows = e - s
                row = np.repeat(np.arange(n_rows), np.diff(W.indptr[s : e + 1]))
                w, y, y0 = w_all[lo:hi], y_all[lo:hi], y0_all[lo:hi]
                delta, z, p, other, azn, ok_null = self._event_stats(w, y, y0, row, n_rows, background, acc)
                # bound memory of the padded arrays: outlets in chunks of rows
                L = int(np.diff(W.indptr[s : e + 1]).max())
                step = max(1, min(n_rows, 4_000_000 // max(L, 1)))
                for c0 in range(0, n_rows, step):
                    c1 = min(n_rows, c0 + step)
                    a, b = int(W.indptr[s + c0]) - lo, int(W.indptr[s + c1]) - lo
                    q95, q99, mx, q, top, n_terms = self._event_rows(
                        z[a:b], p[a:b], azn[a:b], ok_null[c0:c1], row[a:b] - c0, c1 - c0, self.top_k, w[a:b]
                    )
                    us = np.arange(s + c0, s + c1)
                    null_out.append((us, n_terms, q95, q99, mx))
                    if len(top) == 0:
                        continue
                    t = a + top
                    u = s + row[t]
                    c = w[t]
                    level_parts.append((u, c, y[t], z[t], q[top], delta[t], other[t], p[t],
                                        q95[row[t] - c0], q99[row[t] - c0]))
            if null_out:
                us, n_terms, q95, q99, mx = (np.concatenate(x) for x in zip(*null_out))
                null_parts.append(pd.DataFrame({
                    "event": ev_labels[us], "outlet": out_labels[us],
                    "null_unit": np.where(by_articles[us], "articles", "sentences").astype(object),
                    "n_articles": arts_per_unit[us].astype(np.int64), "n_terms": n_terms.astype(np.int64),
                    "null_z95": q95, "null_z99": q99, "null_max": mx,
                }))
                null_out = []
            if level_parts:
                u, c, y, z, q, delta, other, p, q95, q99 = (np.concatenate(x) for x in zip(*level_parts))
                lt = pd.DataFrame({
                    "event": ev_labels[u], "outlet": out_labels[u], "term": F.labels[c],
                    "count": y.astype(np.int64), "z": z, "q": q, "ngram": F.ngram[c],
                    "delta": delta, "count_other": other.astype(np.int64), "p_value": p,
                    "null_z95": q95, "null_z99": q99, "_unit": u.astype(np.int64), "_col": c,
                })
                parts.append(lt)
                evidence_parts.append(self._evidence(corpus, F, lt, unit_code))
        if not parts:
            if null_parts:
                empty["distinctive_null"] = pd.concat(null_parts, ignore_index=True)[NULL_COLUMNS]
            return empty
        table = pd.concat(parts, ignore_index=True)
        table = table.drop(columns=["_unit", "_col"])
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

    def _evidence(self, corpus: Corpus, F: _Features, rows: pd.DataFrame, unit_code: np.ndarray) -> pd.DataFrame:
        """Up to ``evidence_per_term`` occurrences (first in the text) of the top
        ``evidence_top`` terms of each outlet and event."""
        cols = ["article_id", "event", "term", "start", "end"]
        if self.evidence_top == 0 or len(rows) == 0:
            return pd.DataFrame(columns=cols)
        units = rows["_unit"].to_numpy()
        rank = pd.Series(units).groupby(units, sort=False).cumcount().to_numpy()  # rows are in z order per unit
        sel = np.flatnonzero(rank < self.evidence_top)
        want_unit, want_col = units[sel], rows["_col"].to_numpy()[sel]
        # candidate positions: the wanted columns (a boolean lookup) in articles of a unit
        colmask = np.zeros(F.n_features, dtype=bool)
        colmask[want_col] = True
        pos = np.flatnonzero(colmask[F.col])
        pu = unit_code[F.art[pos]]
        pos, pu = pos[pu >= 0], pu[pu >= 0]
        want = pd.Index(want_unit * np.int64(F.n_features) + want_col)
        which = want.get_indexer(pu * np.int64(F.n_features) + F.col[pos])
        keep = which >= 0
        pos, which = pos[keep], which[keep]
        if len(pos) == 0:
            return pd.DataFrame(columns=cols)
        # first occurrences in corpus order (positions are in token order within each n-gram block)
        order = np.lexsort((pos, which))
        pos, which = pos[order], which[order]
        first = np.r_[True, which[1:] != which[:-1]]
        start_of = np.maximum.accumulate(np.where(first, np.arange(len(which)), 0))
        ok = np.arange(len(which)) - start_of < self.evidence_per_term
        pos, which = pos[ok], which[ok]
        arts = corpus.articles
        a_idx, t_idx, c_idx = F.art[pos], F.tok[pos], F.col[pos]
        starts = np.empty(len(pos), dtype=np.int64)
        ends = np.empty(len(pos), dtype=np.int64)
        last = t_idx + F.ngram[c_idx] - 1
        o = np.argsort(a_idx, kind="stable")
        b = np.flatnonzero(np.r_[True, a_idx[o][1:] != a_idx[o][:-1], True])
        for s0, e0 in zip(b[:-1].tolist(), b[1:].tolist()):
            r = o[s0:e0]
            doc = corpus.document(arts[int(a_idx[r[0]])])
            starts[r] = doc.tok_starts[t_idx[r]]
            ends[r] = doc.tok_ends[last[r]]
        ids = np.asarray([a.id for a in arts], dtype=object)[a_idx]
        src = sel[which]
        return pd.DataFrame({
            "article_id": ids, "event": rows["event"].to_numpy()[src], "term": rows["term"].to_numpy()[src],
            "start": starts, "end": ends,
        })
