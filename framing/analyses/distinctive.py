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

from typing import NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._log import logger
from .._validation import check_number
from ..corpus import Corpus
from ..stats import MIN_COUNT
from .base import ALL_EVENTS, Analyzer, make_evidence
from .distinctive_compare import compare_units
from .distinctive_evidence import term_evidence
from .distinctive_exclude import _in_sorted, boilerplate_terms, excluded_terms
from .distinctive_features import FUNCTION_WORDS, _Features, _unit_counts, _UnitCounts
from .distinctive_stats import strata_moments
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


class _Units(NamedTuple):
    """The units of one level of comparison (each outlet in each event, or each outlet
    corpus-wide) and their counts."""

    #: Counts of every unit (rows: units in sorted (event, outlet) order).
    W: _UnitCounts
    #: Event and outlet labels of each unit, its event number and its outlet code.
    event: np.ndarray
    outlet: np.ndarray
    event_code: np.ndarray
    outlet_code: np.ndarray
    #: Articles of each unit; whether its split-half null splits articles (else sentences).
    n_articles: np.ndarray
    by_articles: np.ndarray
    #: The unit of each sentence of the corpus (-1: none).
    sent_unit: np.ndarray
    #: Each article's event and outlet codes (numbers of the sorted labels), and the outlets.
    art_event: np.ndarray
    art_outlet: np.ndarray
    n_outlets: int


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

    # -- the steps -----------------------------------------------------------------------
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
        fixed = excluded_terms(F.labels, F.ngram, F.words) if self.exclude else np.full(F.n_features, "", dtype=object)
        rankable = fixed == ""
        boiler = None
        strata = None
        for level in levels:
            ev_of_art = events if level == "events" else np.full(len(arts), ALL_EVENTS, dtype=object)
            keep_art = ev_of_art != ALL_EVENTS if level == "events" else np.ones(len(arts), dtype=bool)
            U = self._units(F, ev_of_art, keep_art, outlets, rng)
            if boiler is None:  # the outlets' boilerplate, from their articles across the corpus
                boiler = self._boilerplate(F, U) if self.exclude and level == "events" else np.zeros(0, dtype=np.int64)
            # compared: the units of events with two outlets or more and any term
            units_of_event = np.bincount(U.event_code)
            for e in np.flatnonzero(units_of_event == 1).tolist():
                logger.info(
                    "distinctive: event %r has a single outlet; nothing to compare", U.event[U.event_code == e][0]
                )
            terms_of_event = np.bincount(U.event_code, weights=np.diff(U.W.tokens.indptr))
            us = np.flatnonzero((units_of_event >= 2)[U.event_code] & (terms_of_event > 0)[U.event_code])
            if len(us) == 0:
                continue
            Wc = U.W if len(us) == len(U.event) else U.W.rows(us)  # (a copy only when some units are left out)
            moments = None
            if level == "events" and keep_art.all():  # every article in an event: the corpus-wide
                strata = (U.W, U.event_code, U.outlet_code)  # comparison is stratified by event
            elif level == "all" and strata is not None:
                moments = strata_moments(*strata, Wc, U.outlet_code[us])
            # which compared entries are ranked: neither a fixed exclusion nor the outlet's boilerplate
            entry_unit = us[np.repeat(np.arange(len(us)), np.diff(Wc.tokens.indptr))]
            entry_col = Wc.tokens.indices.astype(np.int64)
            ranked = rankable[entry_col]
            ranked &= ~_in_sorted(U.outlet_code[entry_unit] * np.int64(F.n_features) + entry_col, boiler)
            (n_terms, q95, q99, mx), (top, top_x) = compare_units(
                Wc, U.event_code[us], ranked, moments, top_k=self.top_k, prior_scale=self.prior_scale
            )
            null_parts.append(
                pd.DataFrame(
                    {
                        "event": U.event[us],
                        "outlet": U.outlet[us],
                        "null_unit": np.where(U.by_articles[us], "articles", "sentences").astype(object),
                        "n_articles": U.n_articles[us].astype(np.int64),
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
                lt = self._rows(F, U, found, u, c, q95, q99)
                if out is excluded_parts:
                    lt["excluded"] = np.where(
                        _in_sorted(U.outlet_code[u] * np.int64(F.n_features) + c, boiler) & (fixed[c] == ""),
                        "boilerplate",
                        fixed[c],
                    )
                else:
                    evidence_parts.append(
                        term_evidence(
                            F,
                            lt,
                            u,
                            c,
                            U.sent_unit,
                            len(U.event),
                            article_ids,
                            top=self.evidence_top,
                            per_term=self.evidence_per_term,
                        )
                    )
                out.append(lt)
        return self._tables(corpus, empty, parts, null_parts, evidence_parts, excluded_parts)

    def _units(
        self, F: _Features, ev_of_art: np.ndarray, keep_art: np.ndarray, outlets: np.ndarray, rng: np.random.Generator
    ) -> _Units:
        """The units of one level (articles of event ``ev_of_art``, those of ``keep_art``),
        their split halves for the null (``rng``), and their counts."""
        n_art = len(ev_of_art)
        # units: (event, outlet) pairs in sorted order, from the codes of each
        ev_code, ev_uniq = pd.factorize(ev_of_art, sort=True)
        out_code, out_uniq = pd.factorize(outlets, sort=True)
        pair_uniq, unit_code = np.unique(ev_code * len(out_uniq) + out_code, return_inverse=True)
        unit_code = np.where(keep_art, unit_code.ravel(), -1)
        n_units = len(pair_uniq)
        # halves for the split-half null: by articles when enough, else by sentences
        arts_per_unit = np.bincount(unit_code[unit_code >= 0], minlength=n_units)
        by_articles = arts_per_unit >= self.null_min_articles
        art_half = np.zeros(n_art, dtype=np.int64)
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
        half_rows = np.bincount(2 * F.sent_art + sent_half, minlength=2 * n_art) > 0
        W = _unit_counts(A2, unit_code, n_units, half_rows)
        del A2
        return _Units(
            W=W,
            event=np.asarray(ev_uniq, dtype=object)[pair_uniq // len(out_uniq)],
            outlet=np.asarray(out_uniq, dtype=object)[pair_uniq % len(out_uniq)],
            event_code=pair_uniq // len(out_uniq),
            outlet_code=pair_uniq % len(out_uniq),
            n_articles=arts_per_unit,
            by_articles=by_articles,
            sent_unit=sent_unit,
            art_event=ev_code,
            art_outlet=out_code,
            n_outlets=len(out_uniq),
        )

    def _boilerplate(self, F: _Features, U: _Units) -> np.ndarray:
        """Each outlet's boilerplate (:func:`boilerplate_terms`), from the units of the event level."""
        n_units = len(U.event)
        by_outlet = sp.csr_matrix(
            (np.ones(n_units, dtype=np.int64), (U.outlet_code, np.arange(n_units))), shape=(U.n_outlets, n_units)
        )
        in_unit = U.W.docs.copy()
        in_unit.data[:] = 1
        return boilerplate_terms(
            F,
            U.art_outlet,
            U.art_event,
            U.n_outlets,
            by_outlet @ U.W.docs,
            by_outlet @ in_unit,
            by_outlet @ U.W.tokens,
            share=self.boilerplate_share,
        )

    @staticmethod
    def _rows(F: _Features, U: _Units, found: dict, u: np.ndarray, c: np.ndarray, q95, q99) -> pd.DataFrame:
        """The table rows of the top terms ``found`` by :func:`compare_units` (units ``u``, columns ``c``)."""
        return pd.DataFrame(
            {
                "event": U.event[u],
                "outlet": U.outlet[u],
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

    def _tables(self, corpus: Corpus, empty: dict, parts, null_parts, evidence_parts, excluded_parts) -> dict:
        """The four tables from the parts of every level."""
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
