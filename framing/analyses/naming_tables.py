"""The naming analysis's tables: their declarations, and the counts and tests behind ``naming`` and
``naming_tests`` (shares with Wilson intervals, Fisher / chi-square tests of outlet dependence,
Benjamini-Hochberg q), all on integer codes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as _st

from .._arrays import unique_hashed
from ..stats import MIN_COUNT, benjamini_hochberg, independence_test, wilson_interval
from ..tables import EVENT, OUTLET, TableSpec, evidence_table
from ..tables import Column as C
from .base import ALL_EVENTS

__all__ = [
    "NAMING",
    "NAMING_TESTS",
    "NAMING_SWITCHES",
    "NAMING_CANDIDATES",
    "NAMING_EVIDENCE",
    "COLUMNS",
    "TEST_COLUMNS",
    "SWITCH_COLUMNS",
    "naming_table",
]

NAMING = TableSpec(
    "naming",
    "One row per event, outlet and variant of a named thing: how often the outlet uses each name.",
    (
        EVENT,
        OUTLET,
        C("group", "str", 'the thing named (e.g. `Kyiv`; discovered groups end in "(discovered)")'),
        C("variant", "str", "the variant (lexicon spelling, or the commonest written form for discovered ones)"),
        C("count", "int", "mentions of this variant by the outlet in the event"),
        C("share", "float", "`count / n_group`"),
        C("ci_low", "float", "lower end of the Wilson 95% interval of the share"),
        C("ci_high", "float", "upper end of the Wilson 95% interval of the share"),
        C("source", "str", "`lexicon` or `discovered`"),
        C("n_group", "int", "the outlet's mentions of the group in the event"),
        C("lexicon", "str", "the named sub-lexicon (`ukraine_places`, ..., `discovered`, `custom`)"),
        C("p_value", "float", "the group's test in this event (from `naming_tests`)"),
        C("q_value", "float", "Benjamini-Hochberg q of that test"),
        C("method", "str", "`fisher`, `chi2` or `n/a`"),
        C("too_little_data", "bool", "`n_group < 5`: the share is imprecise"),
    ),
    keys=("event", "outlet", "group", "variant"),
    evidence="naming_evidence",
)


NAMING_TESTS = TableSpec(
    "naming_tests",
    "One row per event and group: does the choice of variant depend on the outlet?",
    (
        EVENT,
        C("group", "str", "the thing named"),
        C("source", "str", "`lexicon` or `discovered`"),
        C("n_outlets", "int", "outlets naming the group in the event"),
        C("n_variants", "int", "variants in use"),
        C("n", "int", "mentions"),
        C("p_value", "float", "Fisher's exact test (2x2) or Pearson chi-square; NaN when untestable"),
        C("q_value", "float", "Benjamini-Hochberg q over all tests"),
        C("method", "str", "`fisher`, `chi2` or `n/a`"),
        C("cramers_v", "float", "effect size (Cramér's V)"),
        C("too_little_data", "bool", "`n < 5` or a single outlet"),
    ),
    keys=("event", "group"),
    evidence="naming_evidence",
    kind="detail",
)


NAMING_SWITCHES = TableSpec(
    "naming_switches",
    "One row per outlet and group whose dated articles switch from one variant to another.",
    (
        OUTLET,
        C("group", "str", "the thing named"),
        C("from_variant", "str", "the variant used before the switch"),
        C("to_variant", "str", "the variant used after it"),
        C("last_date_before", "datetime", "date of the last article before the switch"),
        C("first_date_after", "datetime", "date of the first article after it"),
        C("n_before", "int", "articles before"),
        C("n_after", "int", "articles after"),
        C("share_before", "float", "share of the articles before whose majority variant is the old one"),
        C("share_after", "float", "share of the articles after whose majority variant is the new one"),
        C("too_little_data", "bool", "fewer than 2 articles on a side"),
    ),
    keys=("outlet", "group"),
    kind="detail",
)


NAMING_CANDIDATES = TableSpec(
    "naming_candidates",
    "One row per candidate pair of spellings from variant discovery, accepted or not.",
    (
        C("term_a", "str", "the rarer spelling"),
        C("term_b", "str", "the commoner spelling"),
        C("similarity", "float", "string similarity of the folded words"),
        C("count_a", "int", "mentions of term_a"),
        C("count_b", "int", "mentions of term_b"),
        C("outlets_a", "str", 'outlets using term_a, "outlet (count); ..."'),
        C("outlets_b", "str", "outlets using term_b"),
        C("complementarity", "float", "share of the pair's mentions made by cells using only one spelling"),
        C("context_similarity", "float", "cosine of the words around each spelling"),
        C("shared_events", "int", "events where both spellings occur"),
        C("in_lexicon", "bool", "both spellings are lexicon variants"),
        C("accepted", "bool", "the pair was taken as variants of one name"),
        C("group", "str", "the group the pair joined"),
        C("examples", "str", "one sentence per spelling, with its article id"),
    ),
    keys=("term_a", "term_b"),
    kind="detail",
)


NAMING_EVIDENCE = evidence_table(
    "naming_evidence",
    "naming",
    (
        C("group", "str", "the thing named"),
        C("variant", "str", "the variant"),
        C("source", "str", "`lexicon` or `discovered`"),
    ),
)

#: Columns of the ``naming`` table (declared in :data:`NAMING`).
COLUMNS = NAMING.column_names
#: Columns of the ``naming_tests`` table.
TEST_COLUMNS = NAMING_TESTS.column_names
#: Columns of the ``naming_switches`` table.
SWITCH_COLUMNS = NAMING_SWITCHES.column_names

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
        ``too_little_data``. A variant found by discovery (hits with a true
        ``discovered`` column) with fewer mentions in a group's event is listed but
        left out of its test; a group left untestable so is flagged too.

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
    return _naming_tables(hits, _sorted_codes(hits, _NAMING_KEYS), confidence, min_count)


#: The columns of the hits that :func:`naming_table` counts by, besides the event.
_NAMING_KEYS = ("lexicon", "group", "source", "outlet", "variant")
#: The columns of the hits that :func:`switches_table` needs as codes.
_SWITCH_KEYS = ("outlet", "group", "article_id", "variant")


def _sorted_codes(hits: pd.DataFrame, columns) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each of ``columns`` of ``hits`` as codes in the order of its labels, and the labels."""
    out = {}
    for col in columns:
        codes, labels = pd.factorize(hits[col].to_numpy(dtype=object), sort=True)
        out[col] = codes, np.asarray(labels, dtype=object)
    return out


def _naming_tables(hits: pd.DataFrame, factorized: dict, confidence: float, min_count: int):
    """:func:`naming_table` of non-empty ``hits``, given the :data:`_NAMING_KEYS` as codes
    (:func:`_sorted_codes`)."""
    # articles without an event (event "all" already) count only in the corpus-wide rows
    event = hits["event"].to_numpy(dtype=object)
    own = event != ALL_EVENTS
    n_all = len(hits)
    # each key as codes whose order is the order of its labels (the corpus-wide event last),
    # for the rows of the events then the corpus-wide rows (every hit, its event ALL_EVENTS)
    labels, codes = {}, {}
    c, lab = pd.factorize(np.r_[event[own], np.array([ALL_EVENTS], dtype=object)], sort=True)
    codes["event"] = np.r_[c[:-1], np.full(n_all, c[-1], dtype=c.dtype)]
    labels["event"] = np.asarray(lab, dtype=object)
    for col in _NAMING_KEYS:
        c, labels[col] = factorized[col]
        codes[col] = np.r_[c[own], c]
    ev_rank = np.arange(len(labels["event"]))
    is_all = labels["event"] == ALL_EVENTS
    ev_rank[is_all] = len(ev_rank)  # after every event
    # one code per (event, lexicon, group, source) group, one per (group, outlet, variant) cell
    sort_keys = [ev_rank[codes["event"]], codes["lexicon"], codes["group"], codes["source"]]
    g_all = _combine(sort_keys)
    g_uniq, first, g_of_hit = unique_hashed(g_all, return_index=True)  # first: a hit of each group, for its labels
    n_groups = len(g_uniq)
    o_hit, v_hit = codes["outlet"], codes["variant"]
    n_o, n_v = len(labels["outlet"]), len(labels["variant"])
    cell, cell_count = np.unique((g_of_hit * n_o + o_hit) * n_v + v_hit, return_counts=True)
    # every variant used in a group, for every outlet that mentions the group there
    go = cell // n_v  # ascending, as ``cell`` is
    go = go[np.r_[True, go[1:] != go[:-1]]]
    gv = np.unique(cell // (n_o * n_v) * n_v + cell % n_v)
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
    # the table of a group is its outlets x variants with a nonzero count, less the
    # variants found by discovery with fewer than min_count mentions in the group (a
    # misspelling met once is listed, but a test on it would rest on one mention)
    nz = count > 0
    # what the tests table reports: every mention, outlet and variant of the group
    n_tot_all = np.bincount(r_g[nz], weights=count[nz], minlength=n_groups)
    n_out_all = np.bincount(np.unique(r_g[nz] * n_o + r_o[nz]) // n_o, minlength=n_groups)
    n_var_all = np.bincount(np.unique(r_g[nz] * n_v + r_v[nz]) // n_v, minlength=n_groups)
    if "discovered" in hits.columns and len(r_v):
        disc_v = np.zeros(n_v, dtype=bool)
        flag = hits["discovered"].fillna(False).to_numpy(dtype=bool)
        disc_v[np.unique(factorized["variant"][0][flag])] = True
        gv_total = np.bincount(r_g * n_v + r_v, weights=count, minlength=n_groups * n_v)
        nz &= ~(disc_v[r_v] & (gv_total[r_g * n_v + r_v] < min_count))
    g, o, v, cnt = r_g[nz], r_o[nz], r_v[nz], count[nz].astype(float)
    o_cell = np.unique(g * n_o + o, return_inverse=True)[1].ravel()
    v_cell = np.unique(g * n_v + v, return_inverse=True)[1].ravel()
    row_sum = np.bincount(o_cell, weights=cnt)[o_cell]
    col_sum = np.bincount(v_cell, weights=cnt)[v_cell]
    n_tot = np.bincount(g, weights=cnt, minlength=n_groups)
    n_out = np.bincount(np.unique(g * n_o + o) // n_o, minlength=n_groups)  # outlets in the test
    n_var = np.bincount(np.unique(g * n_v + v) // n_v, minlength=n_groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Pearson chi-square without correction: N * sum(O^2 / (R C)) - N; empty cells add nothing
        chi2 = n_tot * np.bincount(g, weights=cnt**2 / (row_sum * col_sum), minlength=n_groups) - n_tot
        chi2 = np.maximum(chi2, 0.0)
        cramers = np.sqrt(chi2 / (n_tot * (np.minimum(n_out, n_var) - 1)))
    testable = (n_out >= 2) & (n_var >= 2)
    held_back = testable != ((n_out_all >= 2) & (n_var_all >= 2))  # untestable for the rare discovered variants
    fisher = testable & (n_out == 2) & (n_var == 2)
    p_value = np.full(n_groups, np.nan)
    chi_groups = testable & ~fisher
    p_value[chi_groups] = _st.chi2.sf(chi2[chi_groups], (n_out[chi_groups] - 1) * (n_var[chi_groups] - 1))
    if fisher.any():
        p_value[fisher] = _fisher_p_values(g, o, v, cnt, np.flatnonzero(fisher))
    method = np.where(fisher, "fisher", np.where(testable, "chi2", "n/a")).astype(object)
    cramers = np.where(testable, cramers, np.nan)
    g_labels = {col: labels[col][codes[col][first]] for col in ("event", "group", "source", "lexicon")}
    q_value = benjamini_hochberg(p_value)
    tests = pd.DataFrame(
        {
            **{c: g_labels[c] for c in ("event", "group", "source")},
            "n_outlets": n_out_all.astype(np.int64),
            "n_variants": n_var_all.astype(np.int64),
            "n": n_tot_all.astype(np.int64),
            "p_value": p_value,
            "q_value": q_value,
            "method": method,
            "cramers_v": cramers.astype(float),
            "too_little_data": (n_tot_all < min_count) | (n_out_all < 2) | held_back,
        }
    )
    # rows: by event (corpus-wide last), lexicon, group, outlet, variant
    order = _sort_order(
        [
            ev_rank[codes["event"][first]][r_g],
            codes["lexicon"][first][r_g],
            codes["group"][first][r_g],
            r_o,
            r_v,
            codes["source"][first][r_g],
        ]
    )
    naming = (
        pd.DataFrame(
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
        )
        .iloc[order]
        .reset_index(drop=True)
    )
    return naming, tests[TEST_COLUMNS].reset_index(drop=True)


def _fisher_p_values(g: np.ndarray, o: np.ndarray, v: np.ndarray, cnt: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Fisher's exact p-value of each of ``groups``, each a 2 outlets x 2 variants table.

    The nonzero cells ``cnt`` of all groups are given by group ``g``, outlet ``o`` and
    variant ``v``, sorted by group, outlet, variant. The tables are built on arrays and
    each distinct table is tested once.
    """
    bounds = np.searchsorted(g, groups)
    rows = np.flatnonzero(np.isin(g, groups))
    k = np.searchsorted(groups, g[rows])  # which of ``groups``
    oi = (o[rows] != o[bounds[k]]).astype(np.int64)  # the group's first outlet is its smaller one
    v_min = np.full(len(groups), np.iinfo(np.int64).max)
    np.minimum.at(v_min, k, v[rows])
    vi = (v[rows] != v_min[k]).astype(np.int64)
    tables = np.zeros((len(groups), 2, 2))
    tables[k, oi, vi] = cnt[rows]
    distinct, inv = np.unique(tables.reshape(len(groups), 4), axis=0, return_inverse=True)
    p = np.array([independence_test(t.reshape(2, 2))[0] for t in distinct])
    return p[inv.ravel()]


def _combine(keys: list[np.ndarray]) -> np.ndarray:
    """One int64 code per row of several non-negative integer key arrays, in their lexicographic order."""
    out = np.zeros(len(keys[0]), dtype=np.int64)
    for k in keys:
        out = out * (int(k.max()) + 1 if len(k) else 1) + k
    return out


def _sort_order(keys: list[np.ndarray]) -> np.ndarray:
    """The stable order of the rows by several non-negative integer keys, the first the
    most significant: ``np.lexsort(keys[::-1])``, but as one argsort of a combined int64
    code (with the row number last, so that no two codes tie) when the ranges allow."""
    n = len(keys[0])
    size = n + 1
    for k in keys:
        size *= int(k.max()) + 1 if len(k) else 1
    if size >= 2**63:
        return np.lexsort(keys[::-1])
    return np.argsort(_combine([*keys, np.arange(n)]))
