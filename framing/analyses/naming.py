"""Naming variants: which outlet writes "Kyiv" and which "Kiev", compared within each event.

For every group of variants in the naming lexicons (Kyiv / Kiev; Zelenskyy /
Zelensky; full-scale invasion / invasion / special military operation / ...;
illegal aliens / undocumented immigrants / ...), and for variant pairs discovered
in the corpus itself (Medinsky / Madinsky, see :mod:`framing.extract.discovery`),
the analysis counts each variant per event and outlet, gives its share of the
group with a Wilson interval, tests whether the choice depends on the outlet
(Fisher / chi-square, Benjamini-Hochberg over all event-group tests), finds when
an outlet switched variant (when articles have dates), and keeps every matched
sentence as evidence.

Matching is by whole normalised words (:class:`~framing.matching.PhraseMatcher`):
case and accents are ignored ("kyiv", "KYIV", "Kyïv" all count as "Kyiv"), a
possessive "'s" is not part of the word, and fixed expressions listed in the
lexicon's ``exclude`` column ("Chicken Kiev") are not counted. Within one group
the longest match wins, so "full-scale invasion" counts once, as
"full-scale invasion", and not also as "invasion".
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._log import logger
from .._validation import check_number
from ..corpus import Corpus
from ..errors import ParameterError
from ..lexicons import load_lexicon
from ..matching import keep_longest, lexicon_matcher
from ..stats import MIN_COUNT
from .base import ALL_EVENTS, Analyzer, make_evidence
from .naming_switches import _switches, switches_table
from .naming_tables import (
    _HIT_KEYS,
    _NAMING_KEYS,
    _SWITCH_KEYS,
    COLUMNS,
    NAMING,
    NAMING_CANDIDATES,
    NAMING_EVIDENCE,
    NAMING_SWITCHES,
    NAMING_TESTS,
    SWITCH_COLUMNS,
    TEST_COLUMNS,
    _naming_tables,
    _sort_order,
    _sorted_codes,
    naming_table,
)

__all__ = [
    "NamingAnalyzer",
    "COLUMNS",
    "TEST_COLUMNS",
    "SWITCH_COLUMNS",
    "naming_table",
    "switches_table",
]


def _load_naming_lexicon(lexicon: Any, lexicons: Any, owner: str) -> pd.DataFrame:
    df = load_lexicon(lexicon, required=["group", "variant"], owner=owner)
    for col, default in (("lexicon", "custom"), ("exclude", ""), ("source", "user lexicon"), ("preferred_by", "")):
        if col not in df.columns:
            df[col] = default
        df[col] = df[col].replace("", default) if col == "lexicon" else df[col]
    if lexicons is not None:
        names = [lexicons] if isinstance(lexicons, str) else list(lexicons)
        unknown = sorted(set(names) - set(df["lexicon"]))
        if unknown:
            raise ParameterError(
                f"The 'lexicons' parameter of {owner} names unknown lexicon(s) {unknown}; "
                f"the naming lexicon has {sorted(set(df['lexicon']))}."
            )
        df = df[df["lexicon"].isin(names)]
    df = df[(df["group"] != "") & (df["variant"] != "")]
    return df.reset_index(drop=True)


class NamingAnalyzer(Analyzer):
    """Which variant of a name or label each outlet uses, per event and corpus-wide.

    Parameters
    ----------
    lexicon:
        The naming lexicon: the packaged ``"naming_variants"`` (default), a path
        to a CSV file, or a DataFrame with at least the columns ``group`` and
        ``variant`` (optional: ``lexicon``, ``exclude``, ``source``,
        ``preferred_by``).
    lexicons:
        Which named lexicons (values of the ``lexicon`` column) to use, e.g.
        ``["ukraine_places", "war_labels"]``; None uses all.
    discover:
        Also look for variant spellings no lexicon lists (see
        :func:`framing.extract.discovery.discover_variants`); they are reported with
        ``source == "discovered"`` and their evidence in ``naming_candidates``.
    min_similarity:
        Spelling similarity (0-1) a discovered pair needs.
    confidence:
        Level of the share intervals (Wilson).
    min_count:
        Fewer mentions of a group (per outlet and event) are flagged ``too_little_data``.
    switch_purity:
        Share of articles that must use the old variant before, and the new one
        after, a switch date for it to be reported.

    Examples
    --------
    >>> from framing import load_corpus
    >>> c = load_corpus([{"id": "1", "outlet": "A", "event": "e", "text": "Kyiv said no. Kyiv again."},
    ...                  {"id": "2", "outlet": "B", "event": "e", "text": "Kiev said no. Chicken Kiev."}])
    >>> t = NamingAnalyzer(discover=False).fit_transform(c)["naming"]
    >>> t[(t.event == "e") & (t["count"] > 0)][["outlet", "variant", "count"]].values.tolist()
    [['A', 'Kyiv', 2], ['B', 'Kiev', 1]]
    """

    name = "naming"
    tables = (NAMING, NAMING_TESTS, NAMING_SWITCHES, NAMING_CANDIDATES, NAMING_EVIDENCE)

    def __init__(
        self,
        *,
        lexicon: Any = "naming_variants",
        lexicons: Any = None,
        discover: bool = True,
        min_similarity: float = 0.75,
        confidence: float = 0.95,
        min_count: int = MIN_COUNT,
        switch_purity: float = 0.8,
    ) -> None:
        self.lexicon = lexicon
        self.lexicons = lexicons
        self.discover = discover
        self.min_similarity = min_similarity
        self.confidence = confidence
        self.min_count = min_count
        self.switch_purity = switch_purity

    def _check(self) -> None:
        owner = type(self).__name__
        check_number("confidence", self.confidence, owner=owner, low=0, high=1, low_inclusive=False)
        check_number("min_similarity", self.min_similarity, owner=owner, low=0, high=1)
        check_number("min_count", self.min_count, owner=owner, low=0, integer=True)
        check_number("switch_purity", self.switch_purity, owner=owner, low=0, high=1)
        if not isinstance(self.discover, bool):
            raise ParameterError(
                f"The 'discover' parameter of {owner} must be True or False. Got {self.discover!r} instead."
            )

    def _fit(self, corpus: Corpus) -> None:
        self._check()
        self.lexicon_ = _load_naming_lexicon(self.lexicon, self.lexicons, type(self).__name__)
        self.matcher_ = lexicon_matcher(
            self.lexicon_["variant"], range(len(self.lexicon_)), self.lexicon_["exclude"], owner=type(self).__name__
        )

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        from ..extract.discovery import CANDIDATE_COLUMNS, discover_variants

        lex = self.lexicon_
        hits = self.matcher_.find(corpus)
        if len(hits):
            k = hits["key"].to_numpy()
            hits["group"] = lex["group"].to_numpy()[k]
            hits["variant"] = lex["variant"].to_numpy()[k]
            hits["lexicon"] = lex["lexicon"].to_numpy()[k]
            hits["source"] = "lexicon"
            hits = keep_longest(hits, "group")
        candidates = pd.DataFrame(columns=CANDIDATE_COLUMNS)
        if self.discover and len(corpus):
            known = dict(zip(lex["variant"].tolist(), zip(lex["lexicon"].tolist(), lex["group"].tolist())))
            candidates, found = discover_variants(corpus, known=known, min_similarity=self.min_similarity)
            if len(found):
                hits = pd.concat([hits, found], ignore_index=True) if len(hits) else found
        if len(hits) == 0:
            empty_ev = make_evidence(corpus, None, _HIT_KEYS)
            return {
                "naming": pd.DataFrame(columns=COLUMNS),
                "naming_tests": pd.DataFrame(columns=TEST_COLUMNS),
                "naming_switches": pd.DataFrame(columns=SWITCH_COLUMNS),
                "naming_candidates": candidates,
                "naming_evidence": empty_ev,
            }
        # each article's event, outlet and date, looked up once per article
        art, art_ids = pd.factorize(hits["article_id"].to_numpy(dtype=object))  # in order of first hit
        arts = [corpus.articles[k] for k in corpus.positions(art_ids).tolist()]
        hits["event"] = corpus.event_labels()[corpus.positions(art_ids)][art]
        hits["outlet"] = np.array([a.outlet for a in arts], dtype=object)[art]
        dates = pd.to_datetime(pd.Series([a.date for a in arts], dtype=object), errors="coerce")
        hits["date"] = dates.array.take(art)  # by position (the hits' index has gaps after keep_longest)
        if not corpus.has_events:
            logger.info("naming: some articles have no event; they count only in the %r rows", ALL_EVENTS)
        # the tables do not depend on the order of the hits; the evidence lists them by
        # article id, start and group (stably), sorted on codes
        factorized = _sorted_codes(hits, dict.fromkeys([*_NAMING_KEYS, *_SWITCH_KEYS]))  # shared by the tables
        naming, tests = _naming_tables(hits, factorized, self.confidence, self.min_count)
        switches = _switches(hits, factorized, self.switch_purity)
        start = hits["start"].to_numpy(dtype=np.int64)
        order = _sort_order([factorized["article_id"][0], start, factorized["group"][0]])
        evidence = make_evidence(
            corpus, hits[["article_id", *_HIT_KEYS, "start", "end", "sentence_index", "match"]].take(order), _HIT_KEYS
        )
        return {
            "naming": naming,
            "naming_tests": tests,
            "naming_switches": switches,
            "naming_candidates": candidates,
            "naming_evidence": evidence,
        }
