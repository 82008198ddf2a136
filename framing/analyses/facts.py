"""Facts and coverage: what each outlet includes, leaves out, and alone reports.

Within each event, every article is cut into *units* (its headline and its
sentences, or clauses with ``unit="clause"``). Units from different articles that
carry the same information in different words are aligned into one *fact*:

1. **Features** per event: TF-IDF of content words and of content-word bigrams, and
   TF-IDF of character n-grams (``char_wb``, 3-5) that catches inflections and
   spelling variants ("exchange"/"exchanged", "Zelensky"/"Zelenskyy"). The character
   n-grams of each word are computed once per vocabulary word with scikit-learn's
   ``CountVectorizer(analyzer="char_wb")`` and summed per unit (a sparse product), which
   is what ``char_wb`` does over whitespace-split words, without re-reading the text.
   IDF weights are learned per event, so words every article of the event uses
   ("Russia", "talks") weigh little.
2. **Anchors**: names (capitalised words), numbers and quoted words that two units
   share. A pair of units is linked when their similarity (mean of the word and
   character cosines) reaches ``threshold`` *and* they share a specific anchor, or when
   the similarity alone reaches ``threshold + strong_margin``, or when they share a
   quoted passage of ``quote_ngram`` words.
3. **Candidates, not all pairs**: candidate pairs come from a chunked sparse product of
   word-stem TF-IDF vectors with frequent stems dropped (``max_df``) and a floor, so
   the cost grows with the number of similar pairs, not with the square of the event.
   Each unit keeps its best match in each other article.
4. **Clusters**: connected components of the kept links, each split again by average
   linkage (cut at ``threshold * 0.6`` mean similarity) so that chains of weak links do
   not merge unrelated sentences.

Each fact keeps its sentence from each outlet. A fact is *unique* when a single
outlet of a multi-outlet event carries it, and *common* when more than half of the
other outlets carry it; an outlet *omits* a common fact when it does not carry it.
Placement (headline, lead, body) is kept, since putting a fact first is framing too.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._log import logger
from .._validation import check_number, check_option
from ..corpus import Corpus
from ..stats import wilson_interval
from ..text import tokenize
from .base import ALL_EVENTS, Analyzer, make_evidence

__all__ = ["FactCoverageAnalyzer", "COLUMNS", "COVERAGE_COLUMNS"]

#: Public columns of ``facts`` (more follow them).
COLUMNS = ["event", "fact_id", "summary", "outlet", "covered", "position", "sentence"]
EXTRA_COLUMNS = ["article_id", "sentence_index", "start", "end", "n_outlets", "n_outlets_event", "unique",
                 "common", "similarity"]
#: Columns of ``coverage``.
COVERAGE_COLUMNS = ["event", "outlet", "n_facts_event", "n_covered", "share_covered", "n_unique",
                    "n_omitted_common", "share_low", "share_high", "n_articles", "n_outlets_event",
                    "n_shared_facts", "n_shared_covered"]

POSITIONS = ("headline", "lead", "body")
_POS_RANK = {"headline": 0, "lead": 1, "body": 2}
_QUOTE_RE = re.compile(r"[“\"«„]([^“”\"«»„\n]{8,600})[”\"»“]")
_CLAUSE_RE = re.compile(r"(?:[;:]\s+|\s[—–]\s|\s-\s|,\s+(?=(?:but|while|although|though|whereas|which|who|after|"
                        r"before|as|when|because)\b))")


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "mr", "mrs", "ms", "according", "also", "would",
                                            "will", "could", "s"}


def _tfidf(counts: sp.csr_matrix, *, max_df: float | None = None) -> sp.csr_matrix:
    """Sublinear TF times smoothed IDF (learned on these rows), rows L2-normalised."""
    X = counts.tocsr().astype(np.float32)
    X.sum_duplicates()
    n = X.shape[0]
    df = np.bincount(X.indices, minlength=X.shape[1]).astype(np.float32)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    if max_df is not None:
        idf[df > max(3.0, max_df * n)] = 0.0
    X.data = (1.0 + np.log(X.data)) * idf[X.indices]
    X.eliminate_zeros()
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms).dot(X))


def _rowdot(X: sp.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    """``X[i] · X[j]`` for each pair, in chunks."""
    out = np.zeros(len(i), dtype=np.float32)
    for s in range(0, len(i), chunk):
        a, b = X[i[s : s + chunk]], X[j[s : s + chunk]]
        out[s : s + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.p = np.arange(n)

    def find(self, x: int) -> int:
        p = self.p
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


class FactCoverageAnalyzer(Analyzer):
    """Align sentences across the outlets of each event into facts, and measure coverage.

    Parameters
    ----------
    threshold:
        Similarity (mean of word and character TF-IDF cosines, 0-1) at which two
        units that share a name, number or quote are the same fact (default 0.3).
    strong_margin:
        Units this much above ``threshold`` are linked without a shared anchor
        (default 0.15).
    unit:
        ``"sentence"`` (default) or ``"clause"`` (sentences also cut at ";", ":",
        dashes and ", but/while/which ...").
    min_words:
        Units with fewer word tokens are ignored (crossheads, captions; default 5).
    lead_sentences:
        Sentences of the body that count as the lead (default 3).
    quote_ngram:
        Two units sharing this many consecutive quoted words are the same fact
        (default 4).
    max_df:
        Word stems in more than this share of an event's units are not used to
        find candidate pairs (default 0.2).
    top_k:
        Candidate neighbours kept per unit (by word-stem cosine) before scoring
        (default 25); bounds the work per unit in large events.
    headlines:
        Count article titles as units with position ``"headline"`` (default True;
        titles that framing guessed from the text are skipped).

    Tables
    ------
    facts
        One row per fact and outlet of its event: event, fact_id, summary, outlet,
        covered, position, sentence, then article_id, sentence_index, start, end
        (the outlet's unit; -1 for headlines and omissions), n_outlets (outlets
        carrying the fact), n_outlets_event, unique, common, similarity (the
        unit's mean link score inside the fact).
    coverage
        One row per event and outlet, plus event ``"all"``: n_facts_event, n_covered,
        share_covered, n_unique, n_omitted_common, share_low/share_high (Wilson 95 %),
        n_articles, n_outlets_event, n_shared_facts (facts carried by 2+ outlets) and
        n_shared_covered.
    facts_evidence
        Evidence rows (key column ``fact_id``) for each covered body unit.

    Examples
    --------
    >>> from framing import load_corpus
    >>> c = load_corpus([
    ...   {"id": "a", "outlet": "A", "event": "e", "title": "",
    ...    "text": "Kyiv and Moscow agreed to swap 1,000 prisoners on Friday. The mayor of Lviv opened a bakery."},
    ...   {"id": "b", "outlet": "B", "event": "e", "title": "",
    ...    "text": "Moscow and Kyiv agreed on Friday to exchange 1,000 prisoners. It rained in Odesa all day long."}])
    >>> facts = FactCoverageAnalyzer().fit_transform(c)["facts"]
    >>> shared = facts[facts["n_outlets"] == 2]
    >>> sorted(shared["outlet"]), bool(shared["covered"].all())
    (['A', 'B'], True)
    >>> int(facts.loc[facts["covered"], "unique"].sum())
    2
    """

    name = "facts"
    tables = ("facts", "coverage", "facts_evidence")

    def __init__(
        self,
        *,
        threshold: float = 0.2,
        strong_margin: float = 0.15,
        unit: str = "sentence",
        min_words: int = 5,
        lead_sentences: int = 3,
        quote_ngram: int = 4,
        max_df: float = 0.2,
        top_k: int = 25,
        headlines: bool = True,
    ) -> None:
        self.threshold = threshold
        self.strong_margin = strong_margin
        self.unit = unit
        self.min_words = min_words
        self.lead_sentences = lead_sentences
        self.quote_ngram = quote_ngram
        self.max_df = max_df
        self.top_k = top_k
        self.headlines = headlines

    # ------------------------------------------------------------------ parameters
    def _check(self) -> None:
        owner = type(self).__name__
        check_number("threshold", self.threshold, owner=owner, low=0, high=1, low_inclusive=False)
        check_number("strong_margin", self.strong_margin, owner=owner, low=0, high=1)
        check_option("unit", self.unit, ("sentence", "clause"), owner=owner)
        check_number("min_words", self.min_words, owner=owner, low=1, integer=True)
        check_number("lead_sentences", self.lead_sentences, owner=owner, low=0, integer=True)
        check_number("quote_ngram", self.quote_ngram, owner=owner, low=2, integer=True)
        check_number("max_df", self.max_df, owner=owner, low=0, high=1, low_inclusive=False)
        check_number("top_k", self.top_k, owner=owner, low=1, integer=True)

    def _fit(self, corpus: Corpus) -> None:
        self._check()

    # ------------------------------------------------------------------ units
    def _article_units(self, corpus: Corpus, art, term_id: dict[str, int], extra: dict[str, int]):
        """Units of one article: list of (position, sentence_index, start, end, text) and token arrays."""
        doc = corpus.document(art)
        ids = corpus.token_ids(art)
        units: list[tuple[str, int, int, int, str]] = []
        tok_unit_parts, tok_id_parts, tok_name_parts, tok_quote_parts = [], [], [], []
        base = 0
        text = doc.text
        if self.headlines and art.title and art.title.strip() and "title" not in art.guessed:
            toks, ts, te = tokenize(art.title)
            if len(toks) >= self.min_words:
                tid = np.array([term_id.get(t, -1) if t in term_id else extra.setdefault(t, -2 - len(extra))
                                for t in toks], dtype=np.int64)
                units.append(("headline", -1, 0, len(art.title), art.title))
                tok_unit_parts.append(np.zeros(len(toks), dtype=np.int64))
                tok_id_parts.append(tid)
                caps = np.array([art.title[a:a + 1].isupper() for a in ts.tolist()], dtype=bool)
                # title case: only words capitalised mid-title that are not usually capitalised count
                tok_name_parts.append(caps & ~(np.array([t.isalpha() for t in toks]) & _is_title_case(art.title)))
                tok_quote_parts.append(np.zeros(len(toks), dtype=bool))
                base = 1
        if doc.n_tokens and doc.n_sentences:
            if self.unit == "clause":
                cuts = [m.end() for m in _CLAUSE_RE.finditer(text)]
                starts = np.unique(np.concatenate([doc.sent_starts, np.asarray(cuts, dtype=np.int64)]))
            else:
                starts = doc.sent_starts
            tok_u = np.searchsorted(starts, doc.tok_starts, side="right") - 1
            np.clip(tok_u, 0, None, out=tok_u)
            n_u = len(starts)
            counts = np.bincount(tok_u, minlength=n_u)
            sent_of_unit = np.searchsorted(doc.sent_starts, starts, side="right") - 1
            sent_end = doc.sent_ends[np.clip(sent_of_unit, 0, None)]
            nxt = np.append(starts[1:], len(text))
            ends = np.minimum(sent_end, nxt)
            keep = counts >= self.min_words
            new_index = np.full(n_u, -1, dtype=np.int64)
            new_index[keep] = np.arange(int(keep.sum())) + base
            lead = self.lead_sentences
            for u in np.flatnonzero(keep).tolist():
                s, e = int(starts[u]), int(ends[u])
                while e > s and text[e - 1].isspace():
                    e -= 1
                si = int(sent_of_unit[u])
                units.append(("lead" if si < lead else "body", si, s, e, text[s:e]))
            tmask = new_index[tok_u] >= 0
            tok_unit_parts.append(new_index[tok_u][tmask])
            tok_id_parts.append(ids[tmask])
            # names: capitalised tokens (not at the start of a sentence unless not a stop word)
            first = np.array([text[a:a + 1].isupper() for a in doc.tok_starts[tmask].tolist()], dtype=bool)
            tok_name_parts.append(first)
            inq = np.zeros(doc.n_tokens, dtype=bool)
            for m in _QUOTE_RE.finditer(text):
                a, b = np.searchsorted(doc.tok_starts, [m.start(1), m.end(1)])
                inq[a:b] = True
            tok_quote_parts.append(inq[tmask])
        if not units:
            return [], None
        cat = np.concatenate
        return units, (cat(tok_unit_parts), cat(tok_id_parts), cat(tok_name_parts), cat(tok_quote_parts))

    # ------------------------------------------------------------------ transform
    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        self._check()
        if len(corpus) == 0:
            return self._empty(corpus)
        _, terms = corpus.term_counts()
        term_id = {t: i for i, t in enumerate(terms)}
        V = len(terms)
        extra: dict[str, int] = {}
        per_event: dict[str, list] = {}
        for art in corpus:
            units, arrays = self._article_units(corpus, art, term_id, extra)
            if not units:
                continue
            event = art.event if art.event is not None else ALL_EVENTS
            per_event.setdefault(event, []).append((art, units, arrays))
        # vocabulary: corpus terms then title-only terms (negative ids -> V + k)
        extra_terms = sorted(extra, key=lambda t: -extra[t])
        all_terms = list(terms) + extra_terms
        stop = _stop_words()
        content = np.array([(t not in stop) and (len(t) > 1 or t.isdigit()) for t in all_terms], dtype=bool)
        isnum = np.array([t[:1].isdigit() for t in all_terms], dtype=bool)
        stems, stem_id = np.unique(np.array([t[:6] if t[:1].isalpha() else t for t in all_terms] or [""],
                                            dtype=object), return_inverse=True)
        w2c = self._char_matrix(all_terms, content)
        rows_facts: list[pd.DataFrame] = []
        for event in sorted(per_event):
            rows_facts.append(self._event(event, per_event[event], V, (content, isnum), stem_id, len(stems), w2c))
        facts = pd.concat(rows_facts, ignore_index=True) if rows_facts else pd.DataFrame(columns=COLUMNS + EXTRA_COLUMNS)
        coverage = self._coverage(corpus, facts)
        ev = facts[facts["covered"] & (facts["sentence_index"] >= 0)]
        hits = pd.DataFrame({
            "fact_id": ev["fact_id"].to_numpy(), "article_id": ev["article_id"].to_numpy(),
            "sentence_index": ev["sentence_index"].to_numpy(), "start": ev["start"].to_numpy(),
            "end": ev["end"].to_numpy(), "match": ev["sentence"].to_numpy(),
        })
        return {"facts": facts, "coverage": coverage, "facts_evidence": make_evidence(corpus, hits, ["fact_id"])}

    def _empty(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        return {
            "facts": pd.DataFrame(columns=COLUMNS + EXTRA_COLUMNS),
            "coverage": pd.DataFrame(columns=COVERAGE_COLUMNS),
            "facts_evidence": make_evidence(corpus, None, ["fact_id"]),
        }

    @staticmethod
    def _char_matrix(all_terms: list[str], content: np.ndarray) -> sp.csr_matrix:
        """Character n-gram counts (char_wb, 3-5) of each content term: terms × n-grams."""
        from sklearn.feature_extraction.text import CountVectorizer

        idx = np.flatnonzero(content)
        cv = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False, dtype=np.float32)
        if len(idx) == 0:
            return sp.csr_matrix((len(all_terms), 1), dtype=np.float32)
        m = cv.fit_transform([all_terms[i] for i in idx]).tocoo()
        return sp.csr_matrix((m.data, (idx[m.row], m.col)), shape=(len(all_terms), m.shape[1]))

    def _event(self, event, items, V, content, stem_id, n_stems, w2c) -> pd.DataFrame:
        # ---- stack the units of the event
        unit_rows, tu, ti, tn, tq, art_of_unit = [], [], [], [], [], []
        offset = 0
        outlets_event = sorted({a.outlet for a, _, _ in items})
        for k, (art, units, (u, ids, names, quotes)) in enumerate(items):
            ids = np.where(ids < 0, V + (-2 - ids), ids)
            tu.append(u + offset)
            ti.append(ids)
            tn.append(names)
            tq.append(quotes)
            for pos, si, s, e, text in units:
                unit_rows.append((art.id, art.outlet, pos, si, s, e, text))
            art_of_unit.extend([k] * len(units))
            offset += len(units)
        n = offset
        tu, ti, tn, tq = (np.concatenate(x) for x in (tu, ti, tn, tq))
        art_of_unit = np.asarray(art_of_unit)
        units = pd.DataFrame(unit_rows, columns=["article_id", "outlet", "position", "sentence_index", "start", "end",
                                                 "text"])
        labels = np.arange(n)
        score_sum = np.zeros(n)
        if len({a.outlet for a, _, _ in items}) >= 2 and n >= 2:
            labels, score_sum = self._align(n, tu, ti, tn, tq, art_of_unit, content, stem_id, n_stems, w2c)
        return self._facts_rows(event, units, labels, score_sum, outlets_event)

    def _align(self, n, tu, ti, tn, tq, art_of_unit, masks, stem_id, n_stems, w2c):
        content, isnum = masks
        nterms = len(content)
        ones = np.ones(len(tu), dtype=np.float32)
        cmask = content[ti]
        cu, ci = tu[cmask], ti[cmask]
        # word unigrams + bigrams of consecutive content tokens in a unit
        uni = sp.csr_matrix((np.ones(len(cu), np.float32), (cu, ci)), shape=(n, nterms))
        same = cu[1:] == cu[:-1]
        bcode = ci[:-1][same].astype(np.int64) * nterms + ci[1:][same]
        if len(bcode):
            bval, binv = np.unique(bcode, return_inverse=True)
            bi = sp.csr_matrix((np.ones(len(binv), np.float32), (cu[:-1][same], binv)), shape=(n, len(bval)))
        else:
            bi = sp.csr_matrix((n, 1), dtype=np.float32)
        Xw = _tfidf(sp.hstack([uni, bi], format="csr"))
        Bb = bi.tocsr(copy=True)
        Bb.sum_duplicates()
        Bb.data[:] = 1.0
        bdf = np.bincount(Bb.indices, minlength=Bb.shape[1])
        Bb = sp.csr_matrix(Bb @ sp.diags((bdf <= max(3, 0.1 * n)).astype(np.float32)))
        Xc = _tfidf(uni @ w2c)
        Xs = _tfidf(sp.csr_matrix((np.ones(len(cu), np.float32), (cu, stem_id[ci])), shape=(n, n_stems)),
                    max_df=self.max_df)
        # anchors: names and numbers (specific to few units), quote n-grams
        anc_tok = tn & cmask
        num_tok = isnum[ti]
        A = sp.csr_matrix((ones[anc_tok | num_tok], (tu[anc_tok | num_tok], ti[anc_tok | num_tok])), shape=(n, nterms))
        A.data[:] = 1.0
        A.sum_duplicates()
        A.data[:] = 1.0
        adf = np.bincount(A.indices, minlength=nterms)
        A = A @ sp.diags((adf <= max(3, 0.1 * n)).astype(np.float32))
        A = sp.csr_matrix(A)
        A.eliminate_zeros()
        q = self.quote_ngram
        qcodes, qunits = [], []
        if tq.any():
            # runs of quoted tokens inside one unit -> n-grams of token ids
            ok = tq[: len(tq) - q + 1].copy() if len(tq) >= q else np.zeros(0, bool)
            for d in range(1, q):
                if len(ok):
                    ok &= tq[d : len(tq) - q + 1 + d] & (tu[d : len(tu) - q + 1 + d] == tu[: len(tu) - q + 1])
            starts = np.flatnonzero(ok)
            if len(starts):
                h = np.zeros(len(starts), dtype=np.uint64)
                for d in range(q):
                    h = h * np.uint64(1_000_003) + ti[starts + d].astype(np.uint64)
                qcodes, qunits = h, tu[starts]
        if len(qcodes):
            qv, qinv = np.unique(qcodes, return_inverse=True)
            Q = sp.csr_matrix((np.ones(len(qinv), np.float32), (qunits, qinv)), shape=(n, len(qv)))
            Q.data[:] = 1.0
        else:
            Q = sp.csr_matrix((n, 1), dtype=np.float32)
        # ---- candidate pairs: chunked sparse product of stem vectors, thresholded
        floor = min(0.05, self.threshold * 0.5)
        XsT = Xs.T.tocsr()
        QT = Q.T.tocsr()
        pi, pj = [], []
        chunk = 2000
        for s in range(0, n, chunk):
            S = (Xs[s : s + chunk] @ XsT).tocoo()
            keep = (S.data >= floor) & (S.row + s != S.col) & (art_of_unit[S.row + s] != art_of_unit[S.col])
            r, c, v = S.row[keep] + s, S.col[keep], S.data[keep]
            # each unit keeps its top_k nearest candidates (by stem cosine)
            if len(r):
                o = np.lexsort((-v, r))
                r, c = r[o], c[o]
                starts = np.r_[0, np.flatnonzero(r[1:] != r[:-1]) + 1]
                rank = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
                r, c = r[rank < self.top_k], c[rank < self.top_k]
                r, c = np.minimum(r, c), np.maximum(r, c)
            SQ = (Q[s : s + chunk] @ QT).tocoo()
            kq = SQ.row + s < SQ.col
            r = np.concatenate([r, SQ.row[kq] + s])
            c = np.concatenate([c, SQ.col[kq]])
            diff = art_of_unit[r] != art_of_unit[c]
            pi.append(r[diff])
            pj.append(c[diff])
        pi, pj = np.concatenate(pi), np.concatenate(pj)
        if len(pi):
            code = np.unique(pi.astype(np.int64) * n + pj)
            pi, pj = code // n, code % n
        labels = np.arange(n)
        score_sum = np.zeros(n)
        if not len(pi):
            return labels, score_sum
        sim = 0.5 * _rowdot(Xw, pi, pj) + 0.5 * _rowdot(Xc, pi, pj)
        anchors = _rowdot(A, pi, pj) + _rowdot(Bb, pi, pj)
        quotes = _rowdot(Q, pi, pj)
        thr = self.threshold
        link = ((sim >= thr) & (anchors >= 1)) | (sim >= thr + self.strong_margin) | ((quotes >= 1) & (sim >= 0.5 * thr))
        score = np.where(quotes >= 1, np.maximum(sim, thr), sim)
        pi, pj, score = pi[link], pj[link], score[link]
        if not len(pi):
            return labels, score_sum
        # keep each unit's best link per other article (both directions)
        keep = np.zeros(len(pi), dtype=bool)
        for a, b in ((pi, pj), (pj, pi)):
            order = np.lexsort((-score, art_of_unit[b], a))
            key = a[order] * (art_of_unit.max() + 1) + art_of_unit[b[order]]
            first = np.ones(len(order), dtype=bool)
            first[1:] = key[1:] != key[:-1]
            keep[order[first]] = True
        pi, pj, score = pi[keep], pj[keep], score[keep]
        np.add.at(score_sum, pi, score)
        np.add.at(score_sum, pj, score)
        uf = _UnionFind(n)
        for a, b in zip(pi.tolist(), pj.tolist()):
            uf.union(a, b)
        roots = np.array([uf.find(x) for x in range(n)])
        labels = self._split_components(roots, pi, pj, score)
        return labels, score_sum

    def _split_components(self, roots, pi, pj, score):
        """Average-linkage split of components with more than two units."""
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import squareform

        labels = roots.copy()
        comp_size = np.bincount(roots, minlength=len(roots))
        big = np.flatnonzero(comp_size > 2)
        if not len(big):
            return labels
        next_label = len(roots)
        cut = 1.0 - self.threshold * 0.6
        edge_root = roots[pi]
        for r in big.tolist():
            members = np.flatnonzero(roots == r)
            if len(members) > 3000:
                logger.warning("facts: a cluster of %d units was not split (too large)", len(members))
                continue
            pos = {m: k for k, m in enumerate(members.tolist())}
            sel = edge_root == r
            D = np.ones((len(members), len(members)))
            a = np.array([pos[x] for x in pi[sel].tolist()], dtype=np.int64)
            b = np.array([pos[x] for x in pj[sel].tolist()], dtype=np.int64)
            D[a, b] = D[b, a] = np.clip(1.0 - score[sel], 0.0, 1.0)
            np.fill_diagonal(D, 0.0)
            Z = linkage(squareform(D, checks=False), method="average")
            sub = fcluster(Z, t=cut, criterion="distance")
            for c in np.unique(sub):
                idx = members[sub == c]
                labels[idx] = next_label
                next_label += 1
        return labels

    def _facts_rows(self, event, units: pd.DataFrame, labels, score_sum, outlets_event) -> pd.DataFrame:
        n_out_event = len(outlets_event)
        units = units.copy()
        units["label"] = labels
        fact_size = np.bincount(labels)
        units["centrality"] = score_sum / np.maximum(fact_size[labels] - 1, 1)
        units["pos_rank"] = units["position"].map(_POS_RANK)
        units["order"] = np.arange(len(units))
        # outlets per fact
        n_outlets = units.groupby("label")["outlet"].nunique()
        units["n_outlets"] = units["label"].map(n_outlets)
        # number facts: most outlets first, then first appearance
        first = units.groupby("label")["order"].min()
        order = pd.DataFrame({"n": n_outlets, "first": first}).sort_values(["n", "first"], ascending=[False, True])
        width = max(3, len(str(len(order))))
        fact_ids = {lab: f"{event}:F{k + 1:0{width}d}" for k, lab in enumerate(order.index)}
        units["fact_id"] = units["label"].map(fact_ids)
        # summary: the most central unit (ties: earliest)
        central = units.sort_values(["label", "centrality", "order"], ascending=[True, False, True]) \
            .drop_duplicates("label").set_index("label")["text"]
        summary = central.map(lambda t: t if len(t) <= 160 else t[:159].rstrip() + "…")
        units["summary"] = units["label"].map(summary)
        best = units.sort_values(["label", "outlet", "pos_rank", "centrality", "order"],
                                 ascending=[True, True, True, False, True]).drop_duplicates(["label", "outlet"])
        grid = pd.MultiIndex.from_product([order.index, outlets_event], names=["label", "outlet"]).to_frame(index=False)
        out = grid.merge(best.drop(columns=["n_outlets", "summary", "fact_id"]), on=["label", "outlet"], how="left")
        covered = out["text"].notna().to_numpy()
        out["covered"] = covered
        out["fact_id"] = out["label"].map(fact_ids)
        out["summary"] = out["label"].map(summary)
        out["n_outlets"] = out["label"].map(n_outlets).astype(int)
        out["n_outlets_event"] = n_out_event
        out["unique"] = (out["n_outlets"] == 1) & (n_out_event >= 2)
        others = np.maximum(n_out_event - 1, 1)
        carried_by_others = out["n_outlets"] - covered.astype(int)
        out["common"] = (carried_by_others / others > 0.5) & (out["n_outlets"] >= 2)
        out["event"] = event
        out["position"] = out["position"].fillna("")
        out["sentence"] = out["text"].fillna("")
        out["article_id"] = out["article_id"].fillna("")
        for c in ("sentence_index", "start", "end"):
            out[c] = out[c].fillna(-1).astype(int)
        out["similarity"] = out["centrality"].fillna(0.0).astype(float).round(4)
        return out[COLUMNS + EXTRA_COLUMNS]

    def _coverage(self, corpus: Corpus, facts: pd.DataFrame) -> pd.DataFrame:
        if facts.empty:
            return pd.DataFrame(columns=COVERAGE_COLUMNS)
        arts = pd.DataFrame({"event": [a.event if a.event is not None else ALL_EVENTS for a in corpus],
                             "outlet": [a.outlet for a in corpus]})
        n_articles = arts.groupby(["event", "outlet"]).size().rename("n_articles")
        f = facts.assign(
            uniq=facts["covered"] & facts["unique"],
            omitted_common=~facts["covered"] & facts["common"],
            shared=facts["n_outlets"] >= 2,
            shared_cov=facts["covered"] & (facts["n_outlets"] >= 2),
        )
        g = f.groupby(["event", "outlet"], sort=True)
        cov = pd.DataFrame({
            "n_facts_event": g.size(),
            "n_covered": g["covered"].sum(),
            "n_unique": g["uniq"].sum(),
            "n_omitted_common": g["omitted_common"].sum(),
            "n_outlets_event": g["n_outlets_event"].first(),
            "n_shared_facts": g["shared"].sum(),
            "n_shared_covered": g["shared_cov"].sum(),
        }).reset_index()
        cov = cov.merge(n_articles.reset_index(), on=["event", "outlet"], how="left")
        allrows = cov.groupby("outlet", sort=True)[["n_facts_event", "n_covered", "n_unique", "n_omitted_common",
                                                    "n_articles", "n_shared_facts", "n_shared_covered"]].sum()
        allrows = allrows.reset_index()
        allrows["event"] = ALL_EVENTS
        allrows["n_outlets_event"] = cov["outlet"].nunique()
        cov = pd.concat([cov, allrows], ignore_index=True)
        for c in ("n_facts_event", "n_covered", "n_unique", "n_omitted_common", "n_articles", "n_outlets_event",
                  "n_shared_facts", "n_shared_covered"):
            cov[c] = cov[c].fillna(0).astype(int)
        cov["share_covered"] = cov["n_covered"] / cov["n_facts_event"].where(cov["n_facts_event"] > 0)
        lo, hi = wilson_interval(cov["n_covered"].to_numpy(), cov["n_facts_event"].to_numpy())
        cov["share_low"], cov["share_high"] = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
        return cov[COVERAGE_COLUMNS]


def _is_title_case(title: str) -> bool:
    words = [w for w in title.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) > 0.6
