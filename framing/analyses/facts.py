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
from ..tables import EVENT, OUTLET, TableSpec, evidence_table
from ..tables import Column as C
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


def _rowdot(X: sp.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 16_384) -> np.ndarray:
    """``X[i] · X[j]`` for each pair, in chunks."""
    out = np.zeros(len(i), dtype=np.float32)
    for s in range(0, len(i), chunk):
        a, b = X[i[s : s + chunk]], X[j[s : s + chunk]]
        out[s : s + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


#: Units aligned together (whole events; a larger event is one batch on its own).
_BATCH_UNITS = 4_000
#: Cells of a dense similarity block (rows x units) in the candidate search of a large event.
_DENSE_CELLS = 4_000_000
#: Blocks filled above this share take the dense top-k path (a sort of the stored entries costs more).
_DENSE_FILL = 0.03
#: Candidate pairs below both cosines (stems, words) and without a shared quote get no
#: character score: with a word cosine under 0.05 a link would need a character cosine
#: near 0.35-0.65 from words the units do not share.
_PREFILTER_STEM = 0.15
_PREFILTER_WORD = 0.05


def _rows(X: sp.csr_matrix) -> np.ndarray:
    """The row of each stored entry of a CSR matrix."""
    return np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))


def _event_df(X: sp.csr_matrix, ev: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per stored entry of canonical CSR ``X``: the number of rows *of the same event* holding its
    column (document frequency per event), and an event-keyed column id.

    Rows of one event are contiguous; a CSC copy has each column's rows sorted, so the
    (column, event) runs give the frequencies in O(nnz), without sorting.
    """
    if X.nnz == 0:
        z = np.zeros(0, dtype=np.int64)
        return z, z
    C = X.tocsc()
    C.sort_indices()
    col = np.repeat(np.arange(C.shape[1]), np.diff(C.indptr))
    e = ev[C.indices]
    boundary = np.ones(len(e), dtype=bool)
    boundary[1:] = (e[1:] != e[:-1]) | (col[1:] != col[:-1])
    run = np.cumsum(boundary) - 1
    df_run = np.bincount(run)
    pos = sp.csc_matrix((np.arange(1, len(e) + 1, dtype=np.float64), C.indices, C.indptr), shape=C.shape).tocsr()
    pos.sort_indices()
    perm = pos.data.astype(np.int64) - 1
    return df_run[run[perm]], run[perm]


def _filter(X: sp.csr_matrix, keep: np.ndarray) -> sp.csr_matrix:
    """``X`` with only the stored entries where ``keep`` (order kept)."""
    indptr = np.r_[0, np.cumsum(np.bincount(_rows(X)[keep], minlength=X.shape[0]))]
    return sp.csr_matrix((X.data[keep], X.indices[keep], indptr), shape=X.shape)


def _tfidf(counts: sp.csr_matrix, ev: np.ndarray, n_of_unit: np.ndarray, *, max_df: float | None = None,
           keyed: bool = False):
    """Sublinear TF times smoothed IDF learned per event (``ev``), rows L2-normalised.

    With ``keyed=True`` also returns an event-keyed column id per stored entry (so a
    product of two such matrices never pairs rows of different events).
    """
    X = sp.csr_matrix(counts, dtype=np.float32, copy=True)
    X.sum_duplicates()
    df, keys = _event_df(X, ev)
    n = n_of_unit[_rows(X)]
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    if max_df is not None:
        idf[df > np.maximum(3.0, max_df * n)] = 0.0
    X.data = ((1.0 + np.log(X.data)) * idf).astype(np.float32)
    keep = X.data != 0
    if not keep.all():
        X = _filter(X, keep)
        keys = keys[keep]
    rows = _rows(X)
    norms = np.sqrt(np.bincount(rows, weights=X.data.astype(np.float64) ** 2, minlength=X.shape[0]))
    norms[norms == 0] = 1.0
    X.data = (X.data / norms[rows]).astype(np.float32)
    return (X, keys) if keyed else X


def _capitalised(text: str, starts: np.ndarray) -> np.ndarray:
    """Whether the character at each offset is upper case."""
    if not len(starts):
        return np.zeros(0, dtype=bool)
    try:
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # lone surrogates
        return np.array([text[a:a + 1].isupper() for a in starts.tolist()], dtype=bool)
    c = cps[starts]
    up = (c >= 65) & (c <= 90)
    for k in np.flatnonzero(c >= 128).tolist():
        up[k] = chr(int(c[k])).isupper()
    return up


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
    tables = (
        TableSpec(
            "facts",
            "One row per fact and outlet of the event: does the outlet carry the fact, and where?",
            (
                EVENT,
                C("fact_id", "str", "`<event>:F001`..., facts carried by most outlets first"),
                C("summary", "str", "the most central unit of the fact (at most 160 characters)"),
                OUTLET,
                C("covered", "bool", "the outlet carries the fact"),
                C("position", "str", "`headline`, `lead`, `body`, or empty when omitted"),
                C("sentence", "str", "the outlet's unit for the fact, empty when omitted"),
                C("article_id", "str", "the article holding the unit"),
                C("sentence_index", "int", "its sentence (-1 for headlines and omissions)"),
                C("start", "int", "character offset of the unit (-1 for headlines and omissions)"),
                C("end", "int", "character offset just after the unit"),
                C("n_outlets", "int", "outlets carrying the fact"),
                C("n_outlets_event", "int", "outlets in the event"),
                C("unique", "bool", "only one outlet of a multi-outlet event carries the fact"),
                C("common", "bool", "more than half of the other outlets carry it (and at least 2 do)"),
                C("similarity", "float", "the unit's mean link score inside the fact (0 for singletons)"),
            ),
            keys=("event", "fact_id", "outlet"),
            evidence="facts_evidence",
        ),
        TableSpec(
            "coverage",
            "One row per event and outlet (and event `all`): how many of the event's facts the outlet carries.",
            (
                EVENT,
                OUTLET,
                C("n_facts_event", "int", "facts in the event"),
                C("n_covered", "int", "facts the outlet carries"),
                C("share_covered", "float", "`n_covered / n_facts_event`"),
                C("n_unique", "int", "facts only this outlet carries"),
                C("n_omitted_common", "int", "common facts the outlet leaves out"),
                C("share_low", "float", "lower end of the Wilson 95% interval of share_covered"),
                C("share_high", "float", "upper end of that interval"),
                C("n_articles", "int", "the outlet's articles in the event"),
                C("n_outlets_event", "int", "outlets in the event"),
                C("n_shared_facts", "int", "facts carried by 2 or more outlets"),
                C("n_shared_covered", "int", "shared facts the outlet carries"),
            ),
            keys=("event", "outlet"),
            evidence="facts_evidence",
        ),
        evidence_table("facts_evidence", "facts", (C("fact_id", "str", "the fact"),)),
    )

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
            kept = np.flatnonzero(keep)
            for s, e, si in zip(starts[kept].tolist(), ends[kept].tolist(), sent_of_unit[kept].tolist()):
                while e > s and text[e - 1].isspace():
                    e -= 1
                units.append(("lead" if si < lead else "body", si, s, e, text[s:e]))
            nu = new_index[tok_u]
            tmask = nu >= 0
            tok_unit_parts.append(nu[tmask])
            tok_id_parts.append(ids[tmask])
            # names: capitalised tokens
            tok_name_parts.append(_capitalised(text, doc.tok_starts)[tmask])
            if "\"" in text or "“" in text or "«" in text or "„" in text:
                inq = np.zeros(doc.n_tokens, dtype=bool)
                for m in _QUOTE_RE.finditer(text):
                    a, b = np.searchsorted(doc.tok_starts, [m.start(1), m.end(1)])
                    inq[a:b] = True
                tok_quote_parts.append(inq[tmask])
            else:
                tok_quote_parts.append(np.zeros(int(tmask.sum()), dtype=bool))
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
        if not per_event:
            return self._empty(corpus)
        # vocabulary: corpus terms then title-only terms (negative ids -> V + k)
        extra_terms = sorted(extra, key=lambda t: -extra[t])
        all_terms = list(terms) + extra_terms
        stop = _stop_words()
        content = np.array([(t not in stop) and (len(t) > 1 or t.isdigit()) for t in all_terms], dtype=bool)
        isnum = np.array([t[:1].isdigit() for t in all_terms], dtype=bool)
        stems, stem_id = np.unique(np.array([t[:6] if t[:1].isalpha() else t for t in all_terms] or [""],
                                            dtype=object), return_inverse=True)
        w2c = self._char_matrix(all_terms, content)
        # ---- stack all units, events in sorted order; align events in batches (events never mix)
        events = sorted(per_event)
        unit_rows: list[tuple] = []
        ev_of_unit, art_of_unit, tu, ti, tn, tq = [], [], [], [], [], []
        outlets_of_event: list[list[str]] = []
        n_units, n_arts = 0, 0
        for e_idx, event in enumerate(events):
            items = per_event[event]
            outlets_of_event.append(sorted({a.outlet for a, _, _ in items}))
            for art, units, (u, ids, names, quotes) in items:
                ids = np.where(ids < 0, V + (-2 - ids), ids)
                tu.append(u + n_units)
                ti.append(ids)
                tn.append(names)
                tq.append(quotes)
                for pos, si, s, e, text in units:
                    unit_rows.append((art.id, art.outlet, pos, si, s, e, text))
                ev_of_unit.append(np.full(len(units), e_idx, dtype=np.int64))
                art_of_unit.append(np.full(len(units), n_arts, dtype=np.int64))
                n_units += len(units)
                n_arts += 1
        ev_of_unit = np.concatenate(ev_of_unit)
        art_of_unit = np.concatenate(art_of_unit)
        tu, ti, tn, tq = (np.concatenate(x) for x in (tu, ti, tn, tq))
        n_out_event = np.array([len(o) for o in outlets_of_event], dtype=np.int64)
        labels = np.arange(n_units)
        score_sum = np.zeros(n_units)
        # batches of whole events, about _BATCH_UNITS units each
        ev_first = np.searchsorted(ev_of_unit, np.arange(len(events) + 1))
        tok_first = np.searchsorted(tu, ev_first)
        b0 = 0
        while b0 < len(events):
            b1 = b0 + 1
            while b1 < len(events) and ev_first[b1 + 1] - ev_first[b0] <= _BATCH_UNITS:
                b1 += 1
            u0, u1 = ev_first[b0], ev_first[b1]
            t0, t1 = tok_first[b0], tok_first[b1]
            multi = n_out_event[ev_of_unit[u0:u1]] >= 2
            if multi.any() and u1 - u0 >= 2:
                lab, ss = self._align(
                    u1 - u0, tu[t0:t1] - u0, ti[t0:t1], tn[t0:t1], tq[t0:t1], art_of_unit[u0:u1],
                    ev_of_unit[u0:u1] - b0, multi, (content, isnum), stem_id, len(stems), w2c,
                )
                labels[u0:u1] = lab + u0
                score_sum[u0:u1] = ss
            b0 = b1
        facts = self._facts_rows(events, outlets_of_event, unit_rows, ev_of_unit, labels, score_sum)
        coverage = self._coverage(corpus, facts)
        ev = facts[facts["covered"].to_numpy() & (facts["sentence_index"].to_numpy() >= 0)]
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

    def _top_k_sparse(self, S, s: int, floor: float, art_of_unit: np.ndarray, active: np.ndarray):
        """Each row's ``top_k`` nearest other-article units (stem cosine >= ``floor``) from a COO block."""
        keep = (S.data >= floor) & (art_of_unit[S.row + s] != art_of_unit[S.col]) & active[S.row + s]
        r, c, v = S.row[keep] + s, S.col[keep], S.data[keep]
        if not len(r):
            return r, c
        o = np.lexsort((-v, r))
        r, c = r[o], c[o]
        starts = np.r_[0, np.flatnonzero(r[1:] != r[:-1]) + 1]
        rank = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
        return r[rank < self.top_k], c[rank < self.top_k]

    def _top_k_dense(self, D: np.ndarray, s: int, floor: float, art_of_unit: np.ndarray, active: np.ndarray):
        """:meth:`_top_k_sparse` for a block that is mostly filled (large events), on a dense array."""
        rows = np.arange(s, s + D.shape[0])
        D[(D < floor) | (D <= 0) | (art_of_unit[rows][:, None] == art_of_unit[None, :]) | ~active[rows][:, None]] = -1.0
        k = min(self.top_k, D.shape[1])
        idx = np.argpartition(-D, k - 1, axis=1)[:, :k] if k < D.shape[1] else np.tile(np.arange(D.shape[1]), (len(D), 1))
        ok = np.take_along_axis(D, idx, axis=1) >= 0
        return np.repeat(rows, k).reshape(len(D), k)[ok], idx[ok]

    def _align(self, n, tu, ti, tn, tq, art_of_unit, ev, active, masks, stem_id, n_stems, w2c):
        """Labels (connected, split components) and link score sums of ``n`` units of whole events.

        ``ev`` numbers the event of each unit inside this batch; every document
        frequency is counted per event (:func:`_event_df`), and the candidate search uses
        event-keyed columns, so events never mix. Units of events with one outlet
        (``active`` False) are not linked.
        """
        content, isnum = masks
        nterms = len(content)
        n_ev = int(ev.max()) + 1
        n_of_unit = np.bincount(ev, minlength=n_ev)[ev].astype(np.float32)
        cmask = content[ti]
        cu, ci = tu[cmask], ti[cmask]
        # word unigrams + bigrams of consecutive content tokens in a unit
        uni = sp.csr_matrix((np.ones(len(cu), np.float32), (cu, ci)), shape=(n, nterms))
        uni.sum_duplicates()
        same = cu[1:] == cu[:-1]
        bcode = ci[:-1][same].astype(np.int64) * nterms + ci[1:][same]
        if len(bcode):
            bval, binv = np.unique(bcode, return_inverse=True)
            bi = sp.csr_matrix((np.ones(len(binv), np.float32), (cu[:-1][same], binv)), shape=(n, len(bval)))
            bi.sum_duplicates()
        else:
            bi = sp.csr_matrix((n, 1), dtype=np.float32)
        Xw = _tfidf(sp.hstack([uni, bi], format="csr"), ev, n_of_unit)
        Bb = bi.copy()
        Bb.data[:] = 1.0
        bdf, _ = _event_df(Bb, ev)
        Bb.data[bdf > np.maximum(3.0, 0.1 * n_of_unit[_rows(Bb)])] = 0.0
        Bb.eliminate_zeros()
        Xc = _tfidf(uni @ w2c, ev, n_of_unit)
        S0 = sp.csr_matrix((np.ones(len(cu), np.float32), (cu, stem_id[ci])), shape=(n, n_stems))
        S0.sum_duplicates()
        Xs, skeys = _tfidf(S0, ev, n_of_unit, max_df=self.max_df, keyed=True)
        # anchors: names and numbers (specific to few units), quote n-grams
        anc = (tn & cmask) | isnum[ti]
        A = sp.csr_matrix((np.ones(int(anc.sum()), np.float32), (tu[anc], ti[anc])), shape=(n, nterms))
        A.sum_duplicates()
        A.data[:] = 1.0
        adf, _ = _event_df(A, ev)
        A.data[adf > np.maximum(3.0, 0.1 * n_of_unit[_rows(A)])] = 0.0
        A.eliminate_zeros()
        q = self.quote_ngram
        Q = sp.csr_matrix((n, 1), dtype=np.float32)
        if tq.any() and len(tq) >= q:
            # runs of quoted tokens inside one unit -> n-grams of token ids (keyed by event)
            ok = tq[: len(tq) - q + 1].copy()
            for d in range(1, q):
                ok &= tq[d : len(tq) - q + 1 + d] & (tu[d : len(tu) - q + 1 + d] == tu[: len(tu) - q + 1])
            starts = np.flatnonzero(ok)
            if len(starts):
                h = ev[tu[starts]].astype(np.uint64)
                for d in range(q):
                    h = h * np.uint64(1_000_003) + ti[starts + d].astype(np.uint64)
                qv, qinv = np.unique(h, return_inverse=True)
                Q = sp.csr_matrix((np.ones(len(qinv), np.float32), (tu[starts], qinv)), shape=(n, len(qv)))
                Q.sum_duplicates()
                Q.data[:] = 1.0
        # ---- candidate pairs: chunked sparse product of event-keyed stem vectors, thresholded
        floor = min(0.05, self.threshold * 0.5)
        Xk = sp.csr_matrix((Xs.data, skeys, Xs.indptr), shape=(n, int(skeys.max()) + 1 if len(skeys) else 1))
        XkT = Xk.T.tocsr()
        QT = Q.T.tocsr()
        pi, pj = [], []
        chunk = max(1, min(2000, _DENSE_CELLS // max(n, 1)))
        for s in range(0, n, chunk):
            S = Xk[s : s + chunk] @ XkT
            if S.nnz > _DENSE_FILL * S.shape[0] * S.shape[1]:
                r, c = self._top_k_dense(S.toarray(), s, floor, art_of_unit, active)
            else:
                r, c = self._top_k_sparse(S.tocoo(), s, floor, art_of_unit, active)
            r, c = np.minimum(r, c), np.maximum(r, c)
            if Q.nnz:
                SQ = (Q[s : s + chunk] @ QT).tocoo()
                kq = (SQ.row + s < SQ.col) & (art_of_unit[SQ.row + s] != art_of_unit[SQ.col]) & active[SQ.row + s]
                r = np.concatenate([r, SQ.row[kq] + s])
                c = np.concatenate([c, SQ.col[kq]])
            pi.append(r)
            pj.append(c)
        pi, pj = np.concatenate(pi).astype(np.int64), np.concatenate(pj).astype(np.int64)
        labels = np.arange(n)
        score_sum = np.zeros(n)
        if not len(pi):
            return labels, score_sum
        code = np.unique(pi * n + pj)
        pi, pj = code // n, code % n
        # ---- scores: cheap ones first; the character cosine only where a link is possible
        wsim = _rowdot(Xw, pi, pj)
        anchors = _rowdot(A, pi, pj) + _rowdot(Bb, pi, pj)
        quotes = _rowdot(Q, pi, pj) if Q.nnz else np.zeros(len(pi), np.float32)
        stem = _rowdot(Xs, pi, pj)
        csim = np.zeros(len(pi), dtype=np.float32)
        need = (stem >= _PREFILTER_STEM) | (wsim >= _PREFILTER_WORD) | (quotes >= 1)
        csim[need] = _rowdot(Xc, pi[need], pj[need])
        sim = 0.5 * wsim + 0.5 * csim
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
        from scipy.sparse.csgraph import connected_components

        G = sp.csr_matrix((np.ones(len(pi)), (pi, pj)), shape=(n, n))
        _, roots = connected_components(G, directed=False)
        labels = self._split_components(roots, pi, pj, score)
        return labels, score_sum

    def _split_components(self, roots, pi, pj, score):
        """Average-linkage split of components with more than two units.

        A component whose units are all linked to each other is never split (every
        merge height is at most the cut), so only the others go through scipy.
        """
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import squareform

        labels = roots.copy()
        comp_size = np.bincount(roots, minlength=len(roots))
        edge_root = roots[pi]
        n_edges = np.bincount(edge_root, minlength=len(comp_size))
        cut = 1.0 - self.threshold * 0.6
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
                logger.warning("facts: a cluster of %d units was not split (too large)", len(members))
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

    def _facts_rows(self, events, outlets_of_event, unit_rows, ev_of_unit, labels, score_sum) -> pd.DataFrame:
        """The ``facts`` table of all events at once (one row per fact and outlet of its event)."""
        n = len(unit_rows)
        if n == 0:
            return pd.DataFrame(columns=COLUMNS + EXTRA_COLUMNS)
        art_id, outlet, position, sidx, start, end, text = (list(x) for x in zip(*unit_rows))
        all_outlets = sorted({o for os_ in outlets_of_event for o in os_})
        o_code = {o: k for k, o in enumerate(all_outlets)}
        n_o = len(all_outlets)
        oc = np.fromiter((o_code[o] for o in outlet), dtype=np.int64, count=n)
        pos_rank = np.fromiter((_POS_RANK[p] for p in position), dtype=np.int64, count=n)
        # compact labels 0..F-1
        lab_u, lab = np.unique(labels, return_inverse=True)
        F = len(lab_u)
        order_u = np.arange(n)
        size = np.bincount(lab, minlength=F)
        centrality = score_sum / np.maximum(size[lab] - 1, 1)
        fact_ev = np.zeros(F, dtype=np.int64)
        fact_ev[lab] = ev_of_unit
        first = np.full(F, n, dtype=np.int64)
        np.minimum.at(first, lab, order_u)
        lo_key = np.unique(lab * n_o + oc)
        n_outlets = np.bincount(lo_key // n_o, minlength=F)
        # fact order within each event: most outlets first, then first appearance
        forder = np.lexsort((first, -n_outlets, fact_ev))
        ev_sorted = fact_ev[forder]
        ev_start = np.searchsorted(ev_sorted, np.arange(len(events) + 1))
        rank = np.arange(F) - ev_start[ev_sorted]
        n_facts_ev = np.diff(ev_start)
        fact_id = np.empty(F, dtype=object)
        names = []
        for e_idx, event in enumerate(events):
            width = max(3, len(str(n_facts_ev[e_idx])))
            names.append((f"{event}:F", width))
        fact_id[forder] = [f"{names[e][0]}{k + 1:0{names[e][1]}d}" for e, k in zip(ev_sorted.tolist(), rank.tolist())]
        # summary: the most central unit (ties: earliest)
        o = np.lexsort((order_u, -centrality, lab))
        firsts = o[np.r_[True, lab[o][1:] != lab[o][:-1]]]
        summary = np.empty(F, dtype=object)
        summary[lab[firsts]] = [t if len(t) <= 160 else t[:159].rstrip() + "…" for t in (text[i] for i in firsts)]
        # the best unit of each (fact, outlet): headline first, then lead, then most central, earliest
        o = np.lexsort((order_u, -centrality, pos_rank, oc, lab))
        k = lab[o] * n_o + oc[o]
        best = o[np.r_[True, k[1:] != k[:-1]]]
        best_key = lab[best] * n_o + oc[best]  # sorted
        # the grid: facts in order x outlets of their event (sorted by name)
        ev_outs = [np.array([o_code[x] for x in os_], dtype=np.int64) for os_ in outlets_of_event]
        cnt = n_out_event = np.array([len(x) for x in ev_outs], dtype=np.int64)
        reps = cnt[ev_sorted]
        g_fact = np.repeat(forder, reps)
        ev_out_flat = np.concatenate(ev_outs)
        ev_out_start = np.r_[0, np.cumsum(cnt)[:-1]]
        within = np.arange(len(g_fact)) - np.repeat(np.r_[0, np.cumsum(reps)[:-1]], reps)
        g_out = ev_out_flat[np.repeat(ev_out_start[ev_sorted], reps) + within]
        gkey = g_fact * n_o + g_out
        p = np.searchsorted(best_key, gkey)
        p = np.minimum(p, len(best_key) - 1)
        covered = best_key[p] == gkey
        u = np.where(covered, best[p], -1)
        cu = u[covered]
        m = len(g_fact)

        def pick(vals, fill, dtype=object):
            out = np.full(m, fill, dtype=dtype)
            arr = np.asarray(vals, dtype=dtype) if dtype is not object else np.array(vals, dtype=object)
            out[covered] = arr[cu]
            return out

        g_ev = fact_ev[g_fact]
        nof = n_outlets[g_fact]
        noe = n_out_event[g_ev]
        others = np.maximum(noe - 1, 1)
        carried_by_others = nof - covered.astype(int)
        sim = np.zeros(m)
        sim[covered] = centrality[cu]
        ev_names = np.array(events, dtype=object)
        out = pd.DataFrame({
            "event": ev_names[g_ev],
            "fact_id": fact_id[g_fact],
            "summary": summary[g_fact],
            "outlet": np.array(all_outlets, dtype=object)[g_out],
            "covered": covered,
            "position": pick(position, ""),
            "sentence": pick(text, ""),
            "article_id": pick(art_id, ""),
            "sentence_index": pick(sidx, -1, np.int64),
            "start": pick(start, -1, np.int64),
            "end": pick(end, -1, np.int64),
            "n_outlets": nof.astype(np.int64),
            "n_outlets_event": noe.astype(np.int64),
            "unique": (nof == 1) & (noe >= 2),
            "common": (carried_by_others / others > 0.5) & (nof >= 2),
            "similarity": np.round(sim.astype(float), 4),
        })
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
