"""Naming variants: which outlet writes "Kyiv" and which "Kiev", compared within each event.

For every group of variants in the naming lexicons (Kyiv / Kiev; Zelenskyy /
Zelensky; full-scale invasion / invasion / special military operation / ...;
illegal aliens / undocumented immigrants / ...), and for variant pairs discovered
in the corpus itself (Medinsky / Madinsky, see :mod:`framing.analyses.discovery`),
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
from scipy import stats as _st

from .._log import logger
from .._validation import check_number
from ..corpus import Corpus
from ..errors import ParameterError
from ..lexicons import keep_longest, lexicon_matcher, load_lexicon
from ..stats import MIN_COUNT, benjamini_hochberg, independence_test, wilson_interval
from .base import ALL_EVENTS, Analyzer, make_evidence

__all__ = [
    "NamingAnalyzer",
    "COLUMNS",
    "TEST_COLUMNS",
    "SWITCH_COLUMNS",
    "naming_table",
]

#: Columns of the ``naming`` table (the first nine are the public contract).
COLUMNS = [
    "event",
    "outlet",
    "group",
    "variant",
    "count",
    "share",
    "ci_low",
    "ci_high",
    "source",
    "n_group",
    "lexicon",
    "p_value",
    "q_value",
    "method",
    "too_little_data",
]
#: Columns of the ``naming_tests`` table.
TEST_COLUMNS = [
    "event",
    "group",
    "source",
    "n_outlets",
    "n_variants",
    "n",
    "p_value",
    "q_value",
    "method",
    "cramers_v",
    "too_little_data",
]
#: Columns of the ``naming_switches`` table.
SWITCH_COLUMNS = [
    "outlet",
    "group",
    "from_variant",
    "to_variant",
    "last_date_before",
    "first_date_after",
    "n_before",
    "n_after",
    "share_before",
    "share_after",
    "too_little_data",
]
_HIT_KEYS = ["group", "variant", "source"]


def naming_table(hits: pd.DataFrame, *, confidence: float = 0.95, min_count: int = MIN_COUNT):
    """Aggregate variant matches into the ``naming`` and ``naming_tests`` tables.

    Parameters
    ----------
    hits:
        One row per match with columns event, outlet, group, variant, source and
        lexicon.
    confidence:
        Level of the Wilson intervals.
    min_count:
        Groups with fewer mentions (in an event and outlet) are flagged
        ``too_little_data``.

    Returns
    -------
    naming, tests:
        The two tables (see :data:`COLUMNS` and :data:`TEST_COLUMNS`).

    Examples
    --------
    >>> h = pd.DataFrame({"event": ["e"] * 4, "outlet": ["A", "A", "B", "B"],
    ...                   "group": ["Kyiv"] * 4, "variant": ["Kyiv", "Kyiv", "Kiev", "Kyiv"],
    ...                   "source": ["lexicon"] * 4, "lexicon": ["ukraine_places"] * 4})
    >>> t, _ = naming_table(h)
    >>> t[t.event == "e"][["outlet", "variant", "count", "share"]].values.tolist()
    [['A', 'Kiev', 0, 0.0], ['A', 'Kyiv', 2, 1.0], ['B', 'Kiev', 1, 0.5], ['B', 'Kyiv', 1, 0.5]]
    """
    if hits is None or len(hits) == 0:
        return pd.DataFrame(columns=COLUMNS), pd.DataFrame(columns=TEST_COLUMNS)
    h = hits[["event", "outlet", "group", "variant", "source", "lexicon"]]
    # articles without an event (event "all" already) count only in the corpus-wide rows
    own = (h["event"] != ALL_EVENTS).to_numpy()
    n_all = len(h)

    def doubled(col: str) -> np.ndarray:
        v = h[col].to_numpy(dtype=object)
        return np.r_[v[own], np.full(n_all, ALL_EVENTS, dtype=object) if col == "event" else v]

    # each key as codes whose order is the order of its labels (the corpus-wide event last)
    labels, codes = {}, {}
    for col in ("event", "lexicon", "group", "source", "outlet", "variant"):
        codes[col], labels[col] = pd.factorize(doubled(col), sort=True)
        labels[col] = np.asarray(labels[col], dtype=object)
    ev_rank = np.arange(len(labels["event"]))
    is_all = labels["event"] == ALL_EVENTS
    ev_rank[is_all] = len(ev_rank)  # after every event
    # one code per (event, lexicon, group, source) group, one per (group, outlet, variant) cell
    sort_keys = [ev_rank[codes["event"]], codes["lexicon"], codes["group"], codes["source"]]
    g_all = _combine(sort_keys)
    g_uniq, g_of_hit = np.unique(g_all, return_inverse=True)
    g_of_hit = g_of_hit.ravel()
    n_groups = len(g_uniq)
    o_hit, v_hit = codes["outlet"], codes["variant"]
    n_o, n_v = len(labels["outlet"]), len(labels["variant"])
    cell, cell_count = np.unique((g_of_hit * n_o + o_hit) * n_v + v_hit, return_counts=True)
    # every variant used in a group, for every outlet that mentions the group there
    go = np.unique(g_of_hit * n_o + o_hit)
    gv = np.unique(g_of_hit * n_v + v_hit)
    go_g, go_o = go // n_o, go % n_o
    gv_g, gv_v = gv // n_v, gv % n_v
    v_per_g = np.bincount(gv_g, minlength=n_groups)
    v_start = np.r_[0, np.cumsum(v_per_g)[:-1]]
    reps = v_per_g[go_g]
    row_go = np.repeat(np.arange(len(go)), reps)
    within = np.arange(len(row_go)) - np.repeat(np.cumsum(reps) - reps, reps)
    r_g = go_g[row_go]
    r_o = go_o[row_go]
    r_v = gv_v[v_start[r_g] + within]
    r_key = (r_g * n_o + r_o) * n_v + r_v
    where = np.searchsorted(cell, r_key)
    found = (where < len(cell)) & (cell[np.minimum(where, len(cell) - 1)] == r_key)
    count = np.where(found, cell_count[np.minimum(where, len(cell) - 1)], 0).astype(np.int64)
    go_sum = np.bincount(row_go, weights=count, minlength=len(go)).astype(np.int64)
    n_group = go_sum[row_go]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = count / n_group
    lo, hi = wilson_interval(count, n_group, confidence=confidence)

    # does the choice of variant depend on the outlet? one test per group, on arrays:
    # the table of a group is its outlets x variants with a nonzero count
    nz = count > 0
    g, o, v, cnt = r_g[nz], r_o[nz], r_v[nz], count[nz].astype(float)
    o_cell = np.unique(g * n_o + o, return_inverse=True)[1].ravel()
    v_cell = np.unique(g * n_v + v, return_inverse=True)[1].ravel()
    row_sum = np.bincount(o_cell, weights=cnt)[o_cell]
    col_sum = np.bincount(v_cell, weights=cnt)[v_cell]
    n_tot = np.bincount(g, weights=cnt, minlength=n_groups)
    n_out = np.bincount(go_g[go_sum > 0], minlength=n_groups)
    n_var = np.bincount(np.unique(g * n_v + v) // n_v, minlength=n_groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Pearson chi-square without correction: N * sum(O^2 / (R C)) - N; empty cells add nothing
        chi2 = n_tot * np.bincount(g, weights=cnt**2 / (row_sum * col_sum), minlength=n_groups) - n_tot
        chi2 = np.maximum(chi2, 0.0)
        cramers = np.sqrt(chi2 / (n_tot * (np.minimum(n_out, n_var) - 1)))
    testable = (n_out >= 2) & (n_var >= 2)
    fisher = testable & (n_out == 2) & (n_var == 2)
    p_value = np.full(n_groups, np.nan)
    chi_groups = testable & ~fisher
    p_value[chi_groups] = _st.chi2.sf(chi2[chi_groups], (n_out[chi_groups] - 1) * (n_var[chi_groups] - 1))
    if fisher.any():  # Fisher's exact test on each 2x2 table (rows are sorted by group, outlet, variant)
        bounds = np.searchsorted(g, np.arange(n_groups + 1))
        for k in np.flatnonzero(fisher).tolist():
            a, b = bounds[k], bounds[k + 1]
            oi = np.unique(o[a:b], return_inverse=True)[1].ravel()
            vi = np.unique(v[a:b], return_inverse=True)[1].ravel()
            t = np.zeros((2, 2))
            t[oi, vi] = cnt[a:b]
            p_value[k] = independence_test(t)[0]
    method = np.where(fisher, "fisher", np.where(testable, "chi2", "n/a")).astype(object)
    cramers = np.where(testable, cramers, np.nan)
    first = np.unique(g_of_hit, return_index=True)[1]  # a hit of each group, for its labels
    g_labels = {col: labels[col][codes[col][first]] for col in ("event", "group", "source", "lexicon")}
    q_value = benjamini_hochberg(p_value)
    tests = pd.DataFrame(
        {
            **{c: g_labels[c] for c in ("event", "group", "source")},
            "n_outlets": n_out.astype(np.int64),
            "n_variants": n_var.astype(np.int64),
            "n": n_tot.astype(np.int64),
            "p_value": p_value,
            "q_value": q_value,
            "method": method,
            "cramers_v": cramers.astype(float),
            "too_little_data": (n_tot < min_count) | (n_out < 2),
        }
    )
    # rows: by event (corpus-wide last), lexicon, group, outlet, variant
    order = np.lexsort((codes["source"][first][r_g], r_v, r_o, codes["group"][first][r_g],
                        codes["lexicon"][first][r_g], ev_rank[codes["event"][first]][r_g]))
    naming = pd.DataFrame(
        {
            "event": g_labels["event"][r_g],
            "outlet": labels["outlet"][r_o],
            "group": g_labels["group"][r_g],
            "variant": labels["variant"][r_v],
            "count": count,
            "share": share,
            "ci_low": lo,
            "ci_high": hi,
            "source": g_labels["source"][r_g],
            "n_group": n_group,
            "lexicon": g_labels["lexicon"][r_g],
            "p_value": p_value[r_g],
            "q_value": q_value[r_g],
            "method": method[r_g],
            "too_little_data": n_group < min_count,
        }
    ).iloc[order].reset_index(drop=True)
    return naming, tests[TEST_COLUMNS].reset_index(drop=True)


def _combine(keys: list[np.ndarray]) -> np.ndarray:
    """One int64 code per row of several non-negative integer key arrays, in their lexicographic order."""
    out = np.zeros(len(keys[0]), dtype=np.int64)
    for k in keys:
        out = out * (int(k.max()) + 1 if len(k) else 1) + k
    return out


def switches_table(hits: pd.DataFrame, *, purity: float = 0.8) -> pd.DataFrame:
    """When each outlet switched from one variant to another (articles with dates only).

    Each article counts once, as its majority variant of the group (ties are left
    out). For each outlet and group the best single change point is found in date
    order; it is reported when the variant before and the variant after differ and
    each holds at least ``purity`` of the articles on its side.

    >>> h = pd.DataFrame({"outlet": ["A"] * 4, "group": ["Kyiv"] * 4, "article_id": list("abcd"),
    ...     "variant": ["Kiev", "Kiev", "Kyiv", "Kyiv"],
    ...     "date": pd.to_datetime(["2019-01-01", "2019-02-01", "2019-09-01", "2019-10-01"])})
    >>> switches_table(h)[["from_variant", "to_variant", "n_before", "n_after"]].values.tolist()
    [['Kiev', 'Kyiv', 2, 2]]
    """
    h = hits.dropna(subset=["date"]) if len(hits) else hits
    if len(h) == 0:
        return pd.DataFrame(columns=SWITCH_COLUMNS)
    per_art = h.groupby(["outlet", "group", "article_id", "date", "variant"], sort=False).size().rename("n").reset_index()
    top = per_art.groupby(["outlet", "group", "article_id"], sort=False)["n"].transform("max")
    per_art = per_art[per_art["n"] == top]
    per_art = per_art[~per_art.duplicated(["outlet", "group", "article_id"], keep=False)]  # ties: mixed article
    rows = []
    for (outlet, group), g in per_art.groupby(["outlet", "group"], sort=True):
        if g["variant"].nunique() < 2 or len(g) < 2:
            continue
        g = g.sort_values(["date", "article_id"], kind="stable")
        dates = g["date"].to_numpy()
        codes, uniq = pd.factorize(g["variant"])
        onehot = np.eye(len(uniq), dtype=np.int64)[codes]
        before = np.cumsum(onehot, axis=0)[:-1]  # articles 0..k
        after = onehot.sum(axis=0) - before
        nb = np.arange(1, len(g))
        na = len(g) - nb
        a_best, b_best = before.argmax(axis=1), after.argmax(axis=1)
        pb = before.max(axis=1) / nb
        pa = after.max(axis=1) / na
        ok = (a_best != b_best) & (pb >= purity) & (pa >= purity) & (dates[:-1] < dates[1:])
        if not ok.any():
            continue
        score = np.where(ok, before.max(axis=1) + after.max(axis=1), -1)
        k = int(score.argmax())
        rows.append(
            (outlet, group, uniq[a_best[k]], uniq[b_best[k]], pd.Timestamp(dates[k]), pd.Timestamp(dates[k + 1]),
             int(nb[k]), int(na[k]), float(pb[k]), float(pa[k]), bool(nb[k] < 2 or na[k] < 2))
        )
    return pd.DataFrame(rows, columns=SWITCH_COLUMNS)


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
        :func:`framing.analyses.discovery.discover_variants`); they are reported with
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
    tables = ("naming", "naming_tests", "naming_switches", "naming_candidates", "naming_evidence")

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
            raise ParameterError(f"The 'discover' parameter of {owner} must be True or False. Got {self.discover!r} instead.")

    def _fit(self, corpus: Corpus) -> None:
        self._check()
        self.lexicon_ = _load_naming_lexicon(self.lexicon, self.lexicons, type(self).__name__)
        self.matcher_ = lexicon_matcher(
            self.lexicon_["variant"], range(len(self.lexicon_)), self.lexicon_["exclude"], owner=type(self).__name__
        )

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        from .discovery import CANDIDATE_COLUMNS, discover_variants

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
            candidates, found = discover_variants(
                corpus, known=lex["variant"].tolist(), min_similarity=self.min_similarity
            )
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
        meta = {a.id: (a.event if a.event is not None else ALL_EVENTS, a.outlet, a.date) for a in corpus}
        ids = hits["article_id"].to_numpy()
        hits["event"] = [meta[i][0] for i in ids]
        hits["outlet"] = [meta[i][1] for i in ids]
        hits["date"] = pd.to_datetime(pd.Series([meta[i][2] for i in ids], dtype=object), errors="coerce")
        hits = hits.sort_values(["article_id", "start", "group"], kind="stable").reset_index(drop=True)
        if not corpus.has_events:
            logger.info("naming: some articles have no event; they count only in the %r rows", ALL_EVENTS)
        naming, tests = naming_table(hits, confidence=self.confidence, min_count=self.min_count)
        switches = switches_table(hits, purity=self.switch_purity)
        evidence = make_evidence(corpus, hits[["article_id", *_HIT_KEYS, "start", "end", "sentence_index", "match"]], _HIT_KEYS)
        return {
            "naming": naming,
            "naming_tests": tests,
            "naming_switches": switches,
            "naming_candidates": candidates,
            "naming_evidence": evidence,
        }
