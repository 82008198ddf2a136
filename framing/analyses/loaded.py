"""Loaded language: loaded words, euphemisms, sympathetic and dehumanising framing, labels for
groups, judging attribution verbs, hedges, factives and scare quotes.

For each event and outlet (and corpus-wide, event ``"all"``) the analysis counts
the words of each category of the loaded-language lexicon
(``framing/lexicons/loaded_language.csv``), gives the rate per 1,000 words with an
exact Poisson interval, compares the outlet's rate with the other outlets of the
same event (exact conditional binomial test, Benjamini-Hochberg over the rows),
and keeps every matched sentence as evidence. The writer's own words are counted
apart from the words inside quotations (``count_writer``, ``n_words_writer``,
``per_1k_writer``, ``count_quoted``; ``in_quote`` in the evidence): a loaded word in
a quoted politician's sentence is the politician's choice, not the outlet's.
Quotations are those of the one quotation-mark scanner, :mod:`framing.quotemarks`.

Categories of the packaged lexicon:

``loaded``
    sensational, pejorative or glowing words ("snub", "slams", "brutal", "dangerous", "remarkable").
``euphemism``
    words that soften violence, lies or cuts ("collateral damage", "neutralised",
    "enhanced interrogation", "special military operation", "misspoke", "downsizing").
``sympathetic``
    framing that invites sympathy or admiration ("freedom fighters", "grieving families",
    "innocent civilians", "brave").
``delegitimising`` / ``dehumanising``
    words that deny legitimacy ("so-called", "self-proclaimed", "puppet", "sham",
    "unelected") or humanity ("vermin", "subhuman", "anchor babies", "orcs").
``label_pejorative`` / ``label_sympathetic`` / ``label_neutral``
    the labels for groups of people, by the side they take: "extremists", "illegal
    immigrants", "regime" / "undocumented immigrants", "dissidents" / "activists",
    "militants", "government". Only the first two judge; the neutral labels are the
    alternatives they are compared with.
``attribution_judging``
    reporting verbs that judge the speaker or the claim ("claimed", "insisted",
    "admitted", "confessed", "lamented", "conceded").
``attribution_neutral``
    neutral reporting verbs ("said", "told", "stated", "added", "according to"),
    the baseline against which judging verbs stand out.
``hedge`` / ``factive``
    markers of doubt ("reportedly", "allegedly") and of asserted truth
    ("revealed", "in fact").
``scare_quote``
    found by rule, not by lexicon: a quoted phrase of 1 to ``max_quote_words``
    words that nobody is reported to say (see :func:`find_scare_quotes`), such as
    children who were "deported".

:data:`WORD_CHOICE` names the categories of judging word choice (validated together).
Each span of text has one reading: a lexicon phrase inside a longer one of any category
is not counted again ("immigrants" inside "undocumented immigrants").

Each category also has a total row whose ``term`` is ``"*"`` (:data:`TOTAL_TERM`);
term rows are listed only where the count is above zero, total rows always (a
rate of 0 is a finding).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy import stats as _st

from .._arrays import search_within
from .._validation import check_number
from ..corpus import Corpus
from ..errors import ParameterError
from ..extract.scare_quotes import (
    SPEECH_VERBS,
    SPEECH_WINDOW,
    find_scare_quotes,
    inside_ranges,
    quote_candidates,
    quoted_ranges,
    scare_phrase,
)
from ..lexicons import load_lexicon
from ..matching import keep_longest_mask, lexicon_matcher
from ..quotemarks import find_quotations
from ..stats import MIN_COUNT, benjamini_hochberg, poisson_rate_interval
from ..tables import EVENT, OUTLET, TableSpec, evidence_table
from ..tables import Column as C
from ..text import fold
from .base import ALL_EVENTS, Analyzer, make_evidence

__all__ = [
    "COLUMNS",
    "SCARE_QUOTE",
    "SPEECH_VERBS",
    "SPEECH_WINDOW",
    "TOTAL_TERM",
    "WORD_CHOICE",
    "LoadedLanguageAnalyzer",
    "find_scare_quotes",
]

#: Columns of the ``loaded`` table (the first eight are the public contract; the writer's
#: own words, outside quotations, are counted apart in the last four).
COLUMNS = [
    "event",
    "outlet",
    "category",
    "term",
    "count",
    "per_1k",
    "ci_low",
    "ci_high",
    "n_words",
    "rate_other",
    "rate_ratio",
    "p_value",
    "q_value",
    "too_little_data",
    "count_writer",
    "n_words_writer",
    "per_1k_writer",
    "count_quoted",
]
#: ``term`` of the per-category total rows.
TOTAL_TERM = "*"
#: Category of the rule-based scare quotes.
SCARE_QUOTE = "scare_quote"
#: The categories of words the writer chooses that judge or colour what they name (the
#: lexicon's loaded-language word categories, validated together).
WORD_CHOICE = (
    "loaded",
    "euphemism",
    "sympathetic",
    "delegitimising",
    "dehumanising",
    "label_pejorative",
    "label_sympathetic",
)


class _Hits(NamedTuple):
    """Hits of the loaded-language analysis as parallel arrays: article (corpus place),
    character start and end, sentence index, category (place in ``categories_``), term,
    and whether the hit stands inside a quotation (someone else's words)."""

    article: np.ndarray
    start: np.ndarray
    end: np.ndarray
    sentence_index: np.ndarray
    category: np.ndarray
    term: np.ndarray
    in_quote: np.ndarray

    @classmethod
    def empty(cls) -> _Hits:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, z, z, np.zeros(0, dtype=object), np.zeros(0, dtype=bool))

    def frame(self, corpus: Corpus, categories: list[str]) -> pd.DataFrame:
        """The hits as a table for :func:`make_evidence` (article_id, category, term,
        start, end, sentence_index, match)."""
        arts = corpus.articles
        texts = [a.document_text for a in arts]
        ids = np.empty(len(arts), dtype=object)
        ids[:] = [a.id for a in arts]
        return pd.DataFrame(
            {
                "article_id": ids[self.article],
                "category": np.asarray(categories, dtype=object)[self.category],
                "term": self.term,
                "start": self.start,
                "end": self.end,
                "sentence_index": self.sentence_index,
                "match": [
                    texts[k][a:b] for k, a, b in zip(self.article.tolist(), self.start.tolist(), self.end.tolist())
                ],
            }
        )


def _binom_two_sided(k, n, p):
    """Vectorised two-sided exact binomial p-value (doubling the smaller tail)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    p = np.asarray(p, dtype=float)
    lower = _st.binom.cdf(k, n, p)
    upper = _st.binom.sf(k - 1, n, p)
    pv = np.minimum(1.0, 2 * np.minimum(lower, upper))
    return np.where((n > 0) & (p > 0) & (p < 1), pv, np.nan)


class LoadedLanguageAnalyzer(Analyzer):
    """Rates of loaded words, judging attribution, hedges, factives and scare quotes per outlet.

    Parameters
    ----------
    lexicon:
        The packaged ``"loaded_language"`` lexicon (default), a CSV path or a
        DataFrame with the columns ``category`` and ``term`` (optional:
        ``exclude``, ``source``, ``note``).
    categories:
        Which categories to measure (None: all in the lexicon, plus
        ``"scare_quote"`` when ``scare_quotes`` is True).
    scare_quotes:
        Detect scare quotes (:func:`find_scare_quotes`).
    max_quote_words:
        Longest quoted phrase counted as a scare quote.
    confidence:
        Level of the Poisson rate intervals.
    min_count:
        Rows with fewer hits are flagged ``too_little_data`` (their rates and
        intervals are imprecise).

    Examples
    --------
    >>> from framing import load_corpus
    >>> c = load_corpus([{"id": "1", "outlet": "A", "event": "e", "text": "Putin's snub. He said no."},
    ...                  {"id": "2", "outlet": "B", "event": "e", "text": "He confessed it. They met."}])
    >>> t = LoadedLanguageAnalyzer().fit_transform(c)["loaded"]
    >>> t[(t.event == "e") & (t.term != "*")][["outlet", "category", "term", "count"]].values.tolist()
    [['A', 'loaded', 'snub', 1], ['A', 'attribution_neutral', 'said', 1], ['B', 'attribution_judging', 'confessed', 1]]
    """

    name = "loaded"
    tables = (
        TableSpec(
            "loaded",
            "One row per event, outlet, category and term (and a `*` total row per category): rates per 1,000 words.",
            (
                EVENT,
                OUTLET,
                C(
                    "category",
                    "str",
                    "`loaded`, `euphemism`, `sympathetic`, `delegitimising`, `dehumanising`, "
                    "`label_pejorative`, `label_sympathetic`, `label_neutral`, `attribution_judging`, "
                    "`attribution_neutral`, `hedge`, `factive`, `scare_quote`",
                ),
                C(
                    "term",
                    "str",
                    "the lexicon term (folded), or the quoted phrase for scare quotes; `*` marks the category total",
                ),
                C("count", "int", "hits"),
                C("per_1k", "float", "`count / n_words * 1000`"),
                C("ci_low", "float", "lower end of the exact Poisson 95% interval of the rate"),
                C("ci_high", "float", "upper end of that interval"),
                C("n_words", "int", "tokens of the outlet's articles in the event"),
                C("rate_other", "float", "the same rate for the other outlets of the event together"),
                C("rate_ratio", "float", "`per_1k / rate_other`"),
                C("p_value", "float", "exact conditional test of equal rates (two-sided)"),
                C("q_value", "float", "Benjamini-Hochberg q, separately over total rows and term rows"),
                C("too_little_data", "bool", "`count < 5`"),
                C(
                    "count_writer",
                    "int",
                    "hits in the writer's own words, outside quotations (scare quotes count as the writer's)",
                ),
                C("n_words_writer", "int", "tokens of the outlet's articles in the event outside quotations"),
                C("per_1k_writer", "float", "`count_writer / n_words_writer * 1000`; NaN when every word is quoted"),
                C("count_quoted", "int", "hits inside quotations (`count - count_writer`)"),
            ),
            keys=("event", "outlet", "category", "term"),
            evidence="loaded_evidence",
        ),
        evidence_table(
            "loaded_evidence",
            "loaded",
            (C("category", "str", "the category"), C("term", "str", "the lexicon term or quoted phrase")),
            extra=(C("in_quote", "bool", "the hit stands inside a quotation (someone else's words)"),),
        ),
    )

    def __init__(
        self,
        *,
        lexicon: Any = "loaded_language",
        categories: Any = None,
        scare_quotes: bool = True,
        max_quote_words: int = 3,
        confidence: float = 0.95,
        min_count: int = MIN_COUNT,
    ) -> None:
        self.lexicon = lexicon
        self.categories = categories
        self.scare_quotes = scare_quotes
        self.max_quote_words = max_quote_words
        self.confidence = confidence
        self.min_count = min_count

    def _fit(self, corpus: Corpus) -> None:
        owner = type(self).__name__
        check_number("confidence", self.confidence, owner=owner, low=0, high=1, low_inclusive=False)
        check_number("max_quote_words", self.max_quote_words, owner=owner, low=1, integer=True)
        check_number("min_count", self.min_count, owner=owner, low=0, integer=True)
        lex = load_lexicon(self.lexicon, required=["category", "term"], owner=owner)
        if "exclude" not in lex.columns:
            lex["exclude"] = ""
        lex = lex[(lex["category"] != "") & (lex["term"] != "")]
        cats = list(dict.fromkeys(lex["category"]))
        if self.scare_quotes:
            cats.append(SCARE_QUOTE)
        if self.categories is not None:
            wanted = [self.categories] if isinstance(self.categories, str) else list(self.categories)
            unknown = sorted(set(wanted) - set(cats))
            if unknown:
                raise ParameterError(
                    f"The 'categories' parameter of {owner} names unknown categories {unknown}; available: {cats}."
                )
            cats = [c for c in cats if c in wanted]
            lex = lex[lex["category"].isin(wanted)]
        self.lexicon_ = lex.reset_index(drop=True)
        self.categories_ = cats
        # per lexicon row: its category's place in categories_ and its folded term
        self.lex_category_ = pd.Index(cats).get_indexer(self.lexicon_["category"]).astype(np.int64)
        self.lex_term_ = np.array([fold(t) for t in self.lexicon_["term"]], dtype=object)
        self.matcher_ = (
            lexicon_matcher(self.lexicon_["term"], range(len(self.lexicon_)), self.lexicon_["exclude"], owner=owner)
            if len(self.lexicon_)
            else None
        )
        # the lexicon's attribution verbs also mark a quotation as speech
        full = load_lexicon(self.lexicon, required=["category", "term"], owner=owner)
        lex_terms = full[full["category"].str.startswith("attribution")]["term"]
        self.speech_ = SPEECH_VERBS | frozenset(fold(t) for t in lex_terms if " " not in t.strip())

    def _hits(self, corpus: Corpus) -> tuple[_Hits, np.ndarray]:
        """Every hit of the lexicon and every scare quote, as arrays, sorted by article id then
        position (lexicon hits before scare quotes at the same place); and the number of
        tokens inside quotations in each article.

        Quotations are those of :func:`framing.quotemarks.find_quotations`; a scare quote is
        the writer's own word, not a quotation, so its words (and the scare quote itself)
        count as the writer's.
        """
        arts = corpus.articles
        quotes = [find_quotations(a.document_text) for a in arts]
        found = [
            (k, a, b, stop)
            for k, art in enumerate(arts)
            for a, b, stop in quote_candidates(art.document_text, quotes[k])
        ]
        scare = self._scare_hits(corpus, found) if found else _Hits.empty()
        q_art, q_lo, q_hi = quoted_ranges(quotes, set(zip(scare.article.tolist(), scare.start.tolist())))
        flat = corpus.flat_tokens()
        quoted_words = np.bincount(
            q_art,
            weights=search_within(flat.indptr, flat.starts, q_art, q_hi)
            - search_within(flat.indptr, flat.starts, q_art, q_lo),
            minlength=len(arts),
        ).astype(np.int64)
        parts = []
        if self.matcher_ is not None:
            m = self.matcher_.find_arrays(corpus)
            if len(m.article):
                row = self.matcher_.keys(m.entry).astype(np.int64)  # lexicon row of each hit
                cat = self.lex_category_[row]
                # one reading per span: a phrase inside a longer lexicon phrase of any category
                # is not counted again ("immigrants" in "undocumented immigrants")
                keep = keep_longest_mask(m.article, np.zeros_like(cat), m.token_start, m.token_end)
                art, start = m.article[keep], m.start[keep]
                parts.append(
                    _Hits(
                        art,
                        start,
                        m.end[keep],
                        m.sentence_index[keep],
                        cat[keep],
                        self.lex_term_[row[keep]],
                        inside_ranges(q_art, q_lo, q_hi, len(arts), art, start),
                    )
                )
        if SCARE_QUOTE in self.categories_ and len(scare.article):
            parts.append(scare)
        if not parts:
            return _Hits.empty(), quoted_words
        h = _Hits(*(np.concatenate(cols) for cols in zip(*parts)))
        ids = np.array([a.id for a in arts], dtype=object)
        id_rank = np.empty(len(ids), dtype=np.int64)
        id_rank[np.argsort(ids, kind="stable")] = np.arange(len(ids))
        order = np.lexsort((h.start, id_rank[h.article]))  # by article id, then position (stable)
        return _Hits(*(col[order] for col in h)), quoted_words

    def _scare_hits(self, corpus: Corpus, found: list[tuple[int, int, int, bool]]) -> _Hits:
        """The scare quotes among the quotations ``(article, start, end, ends_with_stop)``."""
        arts = corpus.articles
        k, a, b = (np.array([f[i] for f in found], dtype=np.int64) for i in range(3))
        # token span of each quotation (as find_scare_quotes finds it), for all at once
        flat = corpus.flat_tokens()
        lo = search_within(flat.indptr, flat.starts, k, a)
        hi = search_within(flat.indptr, flat.starts, k, b)
        n = hi - lo
        rows, phrases = [], []
        for i in np.flatnonzero((n >= 1) & (n <= self.max_quote_words)).tolist():
            doc = corpus.document(arts[k[i]])
            phrase = scare_phrase(
                doc,
                int(lo[i]),
                int(hi[i]),
                found[i][1:],
                max_words=self.max_quote_words,
                speech=self.speech_,
                window=SPEECH_WINDOW,
            )
            if phrase is not None:
                rows.append(i)
                phrases.append(phrase)
        row_idx = np.asarray(rows, dtype=np.int64)
        sents = corpus.flat_sentences()
        sentence = np.maximum(search_within(sents.indptr, sents.starts, k[row_idx], a[row_idx], side="right") - 1, 0)
        term = np.empty(len(row_idx), dtype=object)
        term[:] = phrases
        code = self.categories_.index(SCARE_QUOTE) if SCARE_QUOTE in self.categories_ else -1
        cat = np.full(len(row_idx), code, dtype=np.int64)
        return _Hits(k[row_idx], a[row_idx], b[row_idx], sentence, cat, term, np.zeros(len(row_idx), dtype=bool))

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        hits, quoted_words = self._hits(corpus)
        arts = corpus.articles
        if not arts:
            ev = make_evidence(corpus, None, ["category", "term"])
            ev["in_quote"] = np.zeros(0, dtype=bool)
            return {"loaded": pd.DataFrame(columns=COLUMNS), "loaded_evidence": ev}
        # Every key becomes an integer code whose order is the order of its labels, so the
        # counting, joining and sorting below run on arrays (the result is the same as
        # pandas' sorted groupby on the labels).
        art_ev, ev_labels = pd.factorize(
            np.append(corpus.event_labels(), np.array([ALL_EVENTS], dtype=object)),
            sort=True,
        )
        ALL = int(art_ev[-1])
        art_ev = art_ev[:-1]
        art_out, out_labels = pd.factorize(np.array([a.outlet for a in arts], dtype=object), sort=True)
        n_ev, n_out = len(ev_labels), len(out_labels)
        art_words = np.diff(corpus.flat_tokens().indptr)
        art_writer = art_words - quoted_words  # the writer's own words: outside quotations
        # exposure per event and outlet (+ corpus-wide); articles without an event only count in "all"
        own = art_ev != ALL
        cell_art = np.r_[art_ev[own] * n_out + art_out[own], ALL * n_out + art_out]
        cell_w = np.r_[art_words[own], art_words]
        cells = np.unique(cell_art)  # (event, outlet) cells with articles, sorted
        cell_words = np.bincount(cell_art, weights=cell_w, minlength=n_ev * n_out)[cells].astype(np.int64)
        cell_writer = np.bincount(cell_art, weights=np.r_[art_writer[own], art_writer], minlength=n_ev * n_out)[
            cells
        ].astype(np.int64)
        ev_words = np.bincount(cells // n_out, weights=cell_words, minlength=n_ev)
        cats = list(self.categories_)
        n_cat = len(cats)
        if len(hits.article):
            h_art = hits.article
            cat_code = hits.category
            term_code, term_labels = pd.factorize(hits.term, sort=True)
            h_ev, h_out = art_ev[h_art], art_out[h_art]
            sel = h_ev != ALL
            key_ev = np.r_[h_ev[sel], np.full(len(h_art), ALL)]
            key_out = np.r_[h_out[sel], h_out]
            key_ct = np.r_[term_code[sel], term_code]
            key_cat = np.r_[cat_code[sel], cat_code]
            key_writer = np.r_[~hits.in_quote[sel], ~hits.in_quote].astype(float)
            n_term = len(term_labels)
            # groups sorted by event, outlet, category name, term (pandas' groupby order)
            cat_rank = np.argsort(np.argsort(np.array(cats, dtype=object), kind="stable"), kind="stable")
            combined = ((key_ev * n_out + key_out) * n_cat + cat_rank[key_cat]) * n_term + key_ct
            uniq, inv, counts = np.unique(combined, return_inverse=True, return_counts=True)
            t_writer = np.bincount(inv.ravel(), weights=key_writer, minlength=len(uniq)).astype(np.int64)
            t_term = uniq % n_term
            rest = uniq // n_term
            by_rank = np.argsort(cat_rank)
            t_cat = by_rank[rest % n_cat]
            t_cell = rest // n_cat
            t_counts = counts.astype(np.int64)
        else:
            term_labels = np.array([], dtype=object)
            t_term = t_cat = t_cell = t_counts = t_writer = np.zeros(0, dtype=np.int64)
        # total rows: every (event, outlet) cell x every category, in category order
        tot_cell = np.repeat(cells, n_cat)
        tot_cat = np.tile(np.arange(n_cat), len(cells))
        tot_counts = np.zeros(n_ev * n_out * n_cat, dtype=np.int64)
        np.add.at(tot_counts, t_cell * n_cat + t_cat, t_counts)
        tot_writer = np.zeros(n_ev * n_out * n_cat, dtype=np.int64)
        np.add.at(tot_writer, t_cell * n_cat + t_cat, t_writer)
        tot_counts = tot_counts[tot_cell * n_cat + tot_cat]
        tot_writer = tot_writer[tot_cell * n_cat + tot_cat]
        # the table: total rows, then term rows (term code -1 marks a total)
        r_cell = np.r_[tot_cell, t_cell]
        r_cat = np.r_[tot_cat, t_cat]
        r_term = np.r_[np.full(len(tot_cell), -1), t_term]
        count = np.r_[tot_counts, t_counts]
        count_writer = np.r_[tot_writer, t_writer]
        words_of_cell = np.zeros(n_ev * n_out, dtype=np.int64)
        words_of_cell[cells] = cell_words
        writer_of_cell = np.zeros(n_ev * n_out, dtype=np.int64)
        writer_of_cell[cells] = cell_writer
        r_ev, r_out = r_cell // n_out, r_cell % n_out
        k = count.astype(float)
        n = words_of_cell[r_cell].astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            per_1k = np.where(n > 0, k / n * 1000.0, np.nan)
            n_writer = writer_of_cell[r_cell].astype(float)
            per_1k_writer = np.where(n_writer > 0, count_writer / np.maximum(n_writer, 1) * 1000.0, np.nan)
        lo, hi = poisson_rate_interval(k, n, confidence=self.confidence)
        # the other outlets of the same event: their count of the same term and their words
        ect = (r_ev * n_cat + r_cat) * (len(term_labels) + 1) + (r_term + 1)
        _, inv = np.unique(ect, return_inverse=True)
        ev_k = np.bincount(inv.ravel(), weights=k)[inv.ravel()]
        ev_n = ev_words[r_ev]
        k_other, n_other = ev_k - k, ev_n - n
        with np.errstate(invalid="ignore", divide="ignore"):
            rate_other = np.where(n_other > 0, k_other / n_other * 1000.0, np.nan)
            rate_ratio = np.where(rate_other > 0, per_1k / rate_other, np.nan)
        # exact test conditional on the event total: k ~ Binomial(k + k_other, n / (n + n_other))
        pv = _binom_two_sided(k, k + k_other, np.where(n + n_other > 0, n / np.maximum(n + n_other, 1), np.nan))
        pv = np.where((n_other > 0) & (k + k_other > 0), pv, np.nan)
        is_total = r_term < 0
        q = np.full(len(count), np.nan)
        q[is_total] = benjamini_hochberg(pv[is_total])
        q[~is_total] = benjamini_hochberg(pv[~is_total])
        # order: events (the corpus-wide rows last), outlet, category order, total first,
        # then the most frequent terms
        term_rank = np.r_[-1, np.arange(len(term_labels))][r_term + 1]
        order = np.lexsort((term_rank, -count, ~is_total, r_cat, r_out, r_ev, r_ev == ALL))
        term_text = np.r_[np.array([TOTAL_TERM], dtype=object), np.asarray(term_labels, dtype=object)][r_term + 1]
        table = pd.DataFrame(
            {
                "event": ev_labels[r_ev],
                "outlet": out_labels[r_out],
                "category": np.array(cats, dtype=object)[r_cat] if n_cat else np.array([], dtype=object),
                "term": term_text,
                "count": count,
                "per_1k": per_1k,
                "ci_low": lo,
                "ci_high": hi,
                "n_words": n.astype(np.int64),
                "rate_other": rate_other,
                "rate_ratio": rate_ratio,
                "p_value": pv,
                "q_value": q,
                "too_little_data": count < self.min_count,
                "count_writer": count_writer,
                "n_words_writer": n_writer.astype(np.int64),
                "per_1k_writer": per_1k_writer,
                "count_quoted": count - count_writer,
            }
        ).iloc[order]
        loaded = table[COLUMNS].reset_index(drop=True)
        loaded["count"] = loaded["count"].astype(np.int64)
        loaded["n_words"] = loaded["n_words"].astype(np.int64)
        loaded["too_little_data"] = loaded["too_little_data"].astype(bool)
        for col in ("count_writer", "n_words_writer", "count_quoted"):
            loaded[col] = loaded[col].astype(np.int64)
        ev = make_evidence(corpus, hits.frame(corpus, cats) if len(hits.article) else None, ["category", "term"])
        ev["in_quote"] = hits.in_quote.astype(bool) if len(hits.article) else np.zeros(0, dtype=bool)
        return {"loaded": loaded, "loaded_evidence": ev}
