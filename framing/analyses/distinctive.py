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
from scipy import stats as _st

from .._log import logger
from .._validation import check_number
from ..corpus import Corpus
from ..stats import MIN_COUNT, benjamini_hochberg, log_odds_dirichlet
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
    """Token positions with their feature column (unigram or kept phrase), article and sentence."""

    def __init__(self, corpus: Corpus, *, max_n: int, min_phrase_count: int) -> None:
        arts = corpus.articles
        ids = [corpus.token_ids(a) for a in arts]
        # corpus.term_counts() fixes the vocabulary (and caches the ids)
        _, terms = corpus.term_counts()
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
            # bigrams: only positions where both words may be a phrase edge
            i2 = np.flatnonzero(same & ok_at[:-1] & ok_at[1:])
            bi_code = flat[i2] * V + flat[i2 + 1]
            bi_uniq, bi_inv, bi_cnt = np.unique(bi_code, return_inverse=True, return_counts=True)
            bi_ok = bi_cnt >= min_phrase_count
            tri = None
            if max_n >= 3 and len(flat) > 2 and float(V) ** 3 < 9e18:
                i3 = np.flatnonzero(same[:-1] & same[1:] & ok_at[:-2] & ok_at[2:])
                tri_code = (flat[i3] * V + flat[i3 + 1]) * V + flat[i3 + 2]
                # a trigram is frequent only if each of its words is: prefilter on unigram counts
                uni = np.bincount(flat, minlength=V)
                i3 = i3[(uni[flat[i3]] >= min_phrase_count) & (uni[flat[i3 + 1]] >= min_phrase_count)
                        & (uni[flat[i3 + 2]] >= min_phrase_count)]
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
        self.col = np.concatenate(pos_col)
        idx = np.concatenate(pos_idx)
        art_start = np.r_[0, np.cumsum(lens)[:-1]] if len(lens) else np.zeros(0, dtype=np.int64)
        self.art = art[idx]
        self.tok = idx - art_start[self.art]  # token index inside its article
        self.sent = sent[idx]
        self.labels = np.asarray(labels, dtype=object)
        self.ngram = np.asarray(ngram, dtype=np.int64)
        self.n_features = len(labels)
        self.n_unigram_tokens = len(flat)

    def matrix(self, rows: np.ndarray, n_rows: int) -> sp.csr_matrix:
        """Sum the positions into a (n_rows x features) count matrix, rows given per position (-1: skip)."""
        ok = rows >= 0
        m = sp.csr_matrix(
            (np.ones(int(ok.sum()), dtype=np.float64), (rows[ok], self.col[ok])), shape=(n_rows, self.n_features)
        )
        m.sum_duplicates()
        return m


def _dense_block(m: sp.csr_matrix, rows: np.ndarray):
    """Rows of ``m`` as a dense array over the columns used in them, and those columns."""
    sub = m[rows]
    cols = np.unique(sub.indices)
    if len(cols) == 0:
        return np.zeros((len(rows), 0)), cols
    coo = sub.tocoo()
    dense = np.zeros((len(rows), len(cols)))
    np.add.at(dense, (coo.row, np.searchsorted(cols, coo.col)), coo.data)
    return dense, cols


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

    # -- the comparison of one set of units (outlets of one event) ------------------
    def _compare(self, Y: np.ndarray, prior_freq: np.ndarray):
        """z, delta and p for each row of Y (outlets x terms) against the other rows."""
        total = Y.sum(axis=0)
        n = total.sum()
        alpha = prior_freq / prior_freq.sum() * (self.prior_scale * n)
        other = total[None, :] - Y
        delta, z = log_odds_dirichlet(Y, other, alpha)
        return delta, z, other

    def _null(self, A: np.ndarray, B: np.ndarray, prior_freq: np.ndarray):
        """Percentiles of |z| between random halves (rows: outlets)."""
        n = (A + B).sum()
        if n == 0:
            return np.full(len(A), np.nan), np.full(len(A), np.nan), np.full(len(A), np.nan), np.zeros(len(A), int)
        alpha = prior_freq / prior_freq.sum() * (self.prior_scale * n)
        _, z = log_odds_dirichlet(A, B, alpha)
        present = (A + B) > 0
        az = np.where(present, np.abs(z), np.nan)
        ok = present.any(axis=1) & (A.sum(axis=1) > 0) & (B.sum(axis=1) > 0)
        q95 = np.full(len(A), np.nan)
        q99 = np.full(len(A), np.nan)
        mx = np.full(len(A), np.nan)
        if ok.any():
            srt = np.sort(az[ok], axis=1)  # NaN (absent terms) sort last
            k = present[ok].sum(axis=1)
            r = np.arange(len(srt))
            for level, out in ((0.95, q95), (0.99, q99)):  # linear interpolation, as numpy.percentile
                pos = (k - 1) * level
                lo = np.floor(pos).astype(np.int64)
                hi = np.minimum(lo + 1, k - 1)
                out[ok] = srt[r, lo] + (srt[r, hi] - srt[r, lo]) * (pos - lo)
            mx[ok] = srt[r, k - 1]
        return q95, q99, mx, present.sum(axis=1)

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
        acc: dict[str, list[np.ndarray]] = {c: [] for c in [*COLUMNS[:12], "_unit", "_col"]}
        null_out: list[tuple] = []
        evidence_parts: list[pd.DataFrame] = []
        for level in levels:
            ev_of_art = events if level == "events" else np.full(len(arts), ALL_EVENTS, dtype=object)
            keep_art = ev_of_art != ALL_EVENTS if level == "events" else np.ones(len(arts), dtype=bool)
            units = pd.MultiIndex.from_arrays([ev_of_art, outlets])
            unit_code, unit_uniq = pd.factorize(units, sort=True)
            unit_code = np.where(keep_art, unit_code, -1)
            n_units = len(unit_uniq)
            # halves for the split-half null: by articles when enough, else by sentences
            arts_per_unit = np.bincount(unit_code[unit_code >= 0], minlength=n_units)
            by_articles = arts_per_unit >= self.null_min_articles
            art_half = np.zeros(len(arts), dtype=np.int64)
            for u in np.flatnonzero(by_articles):
                members = np.flatnonzero(unit_code == u)
                perm = rng.permutation(members)
                art_half[perm[: len(perm) // 2]] = 1
            sent_half = rng.integers(0, 2, size=max(F.n_sentences, 1))
            pos_unit = unit_code[F.art]
            pos_half = np.where(by_articles[np.maximum(pos_unit, 0)], art_half[F.art], sent_half[F.sent])
            U = F.matrix(pos_unit, n_units)
            H = F.matrix(np.where(pos_unit >= 0, pos_unit * 2 + pos_half, -1), 2 * n_units)
            ev_labels = np.asarray([u[0] for u in unit_uniq], dtype=object)
            out_labels = np.asarray([u[1] for u in unit_uniq], dtype=object)
            bounds = np.flatnonzero(np.r_[True, ev_labels[1:] != ev_labels[:-1], True])
            n_before = sum(len(x) for x in acc["term"])
            for s, e in zip(bounds[:-1], bounds[1:]):
                rows = np.arange(s, e)
                ev = ev_labels[s]
                if len(rows) < 2:
                    logger.info("distinctive: event %r has a single outlet; nothing to compare", ev)
                    continue
                self._one_event(ev, rows, out_labels, U, H, background, by_articles, arts_per_unit, F, acc, null_out)
            evidence_parts.append(self._evidence(corpus, F, acc, n_before, pos_unit, n_units))
        if not acc["term"]:
            return empty
        acc.pop("_unit")
        acc.pop("_col")
        table = pd.DataFrame({c: np.concatenate(v) for c, v in acc.items()})
        table["beyond_null"] = (table["q"] < self.alpha) & (table["z"] > table["null_z95"].fillna(np.inf))
        table["too_little_data"] = table["count"] < self.min_count
        null = pd.DataFrame(null_out, columns=NULL_COLUMNS)
        small = int(table["too_little_data"].sum())
        if small:
            logger.info("distinctive: %d of %d kept terms are counted fewer than %d times in their outlet", small, len(table), self.min_count)
        parts = [e for e in evidence_parts if len(e)]
        hits = pd.concat(parts, ignore_index=True) if parts else None
        evidence = make_evidence(corpus, hits, ["term"])
        if hits is not None and len(evidence):
            evidence["event"] = hits["event"].to_numpy()  # corpus-wide rows keep event "all"
        return {"distinctive": table[COLUMNS], "distinctive_null": null, "distinctive_evidence": evidence}

    def _evidence(self, corpus: Corpus, F: _Features, acc, n_before: int, pos_unit, n_units) -> pd.DataFrame:
        """Up to ``evidence_per_term`` sentences for the top ``evidence_top`` terms of each outlet and event."""
        cols = ["article_id", "event", "term", "start", "end"]
        if self.evidence_top == 0 or not acc["term"]:
            return pd.DataFrame(columns=cols)
        units = np.concatenate(acc["_unit"])[n_before:] if len(acc["_unit"]) else np.zeros(0, dtype=np.int64)
        fcols = np.concatenate(acc["_col"])[n_before:] if len(acc["_col"]) else np.zeros(0, dtype=np.int64)
        events = np.concatenate(acc["event"])[n_before:]
        terms = np.concatenate(acc["term"])[n_before:]
        if len(units) == 0:
            return pd.DataFrame(columns=cols)
        # rank inside each unit (rows come in z order per unit)
        rank = pd.Series(units).groupby(units).cumcount().to_numpy()
        sel = rank < self.evidence_top
        want = units[sel] * F.n_features + fcols[sel]
        # positions of the wanted feature columns first (a boolean lookup), then their units
        colmask = np.zeros(F.n_features, dtype=bool)
        colmask[fcols[sel]] = True
        pos = np.flatnonzero(colmask[F.col] & (pos_unit >= 0))
        code_all = pos_unit[pos] * F.n_features + F.col[pos]
        keep = np.isin(code_all, want)
        hit, code = pos[keep], code_all[keep]
        if len(hit) == 0:
            return pd.DataFrame(columns=cols)
        order = np.argsort(code, kind="stable")
        hit, code = hit[order], code[order]
        first = pd.Series(code).groupby(code).cumcount().to_numpy() < self.evidence_per_term
        hit, code = hit[first], code[first]
        lookup = pd.Series(np.arange(int(sel.sum())), index=want)
        row = lookup.loc[code].to_numpy()
        arts = corpus.articles
        starts, ends, ids = [], [], []
        for a, t, c in zip(F.art[hit].tolist(), F.tok[hit].tolist(), F.col[hit].tolist()):
            doc = corpus.document(arts[a])
            starts.append(int(doc.tok_starts[t]))
            ends.append(int(doc.tok_ends[t + int(F.ngram[c]) - 1]))
            ids.append(arts[a].id)
        return pd.DataFrame(
            {"article_id": ids, "event": events[sel][row], "term": terms[sel][row], "start": starts, "end": ends}
        )

    def _one_event(self, ev, rows, out_labels, U, H, background, by_articles, arts_per_unit, F, acc, null_out):
        D, cols = _dense_block(U, rows)
        if D.shape[1] == 0:
            return
        prior = background[cols]
        if self.top_k * len(rows) * 4 < D.shape[1] and D.shape[0] * D.shape[1] > 4_000_000:
            z_rows = []
            for blk in range(0, len(rows), 16):  # bound memory on corpus-wide comparisons
                d, z, o = self._compare_block(D, blk, prior)
                z_rows.append((d, z, o))
            delta = np.vstack([x[0] for x in z_rows])
            z = np.vstack([x[1] for x in z_rows])
            other = np.vstack([x[2] for x in z_rows])
        else:
            delta, z, other = self._compare(D, prior)
        p = 2 * _st.norm.sf(np.abs(z))
        hrows = np.concatenate([2 * rows, 2 * rows + 1])
        Hd = H[hrows][:, cols].toarray()
        A, B = Hd[: len(rows)], Hd[len(rows) :]
        q95, q99, mx, n_terms = self._null(A, B, prior)
        k = self.top_k
        for i, u in enumerate(rows):
            outlet = out_labels[u]
            null_out.append(
                (ev, outlet, "articles" if by_articles[u] else "sentences",
                 int(arts_per_unit[u]), int(n_terms[i]), q95[i], q99[i], mx[i])
            )
            present = D[i] > 0
            if not present.any():
                continue
            q = np.full(D.shape[1], np.nan)
            q[present] = benjamini_hochberg(p[i, present])
            cand = np.flatnonzero(present & (z[i] > 0))
            if len(cand) == 0:
                continue
            if len(cand) > k:
                cand = cand[np.argpartition(-z[i, cand], k - 1)[:k]]
            cand = cand[np.argsort(-z[i, cand], kind="stable")]
            c = cols[cand]
            m = len(cand)
            acc["event"].append(np.full(m, ev, dtype=object))
            acc["outlet"].append(np.full(m, outlet, dtype=object))
            acc["term"].append(F.labels[c])
            acc["count"].append(D[i, cand].astype(np.int64))
            acc["z"].append(z[i, cand])
            acc["q"].append(q[cand])
            acc["ngram"].append(F.ngram[c])
            acc["delta"].append(delta[i, cand])
            acc["count_other"].append(other[i, cand].astype(np.int64))
            acc["p_value"].append(p[i, cand])
            acc["null_z95"].append(np.full(m, q95[i]))
            acc["null_z99"].append(np.full(m, q99[i]))
            acc["_unit"].append(np.full(m, u, dtype=np.int64))
            acc["_col"].append(c)

    def _compare_block(self, D, start, prior):
        total = D.sum(axis=0)
        n = total.sum()
        alpha = prior / prior.sum() * (self.prior_scale * n)
        Y = D[start : start + 16]
        delta, z = log_odds_dirichlet(Y, total[None, :] - Y, alpha)
        return delta, z, total[None, :] - Y
