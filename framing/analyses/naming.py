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

from .._arrays import unique_hashed
from .._log import logger
from .._validation import check_number
from ..corpus import Corpus
from ..errors import ParameterError
from ..lexicons import keep_longest, lexicon_matcher, load_lexicon
from ..stats import MIN_COUNT, benjamini_hochberg, independence_test, wilson_interval
from ..tables import EVENT, OUTLET, TableSpec, evidence_table
from ..tables import Column as C
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
    order = _sort_order([ev_rank[codes["event"][first]][r_g], codes["lexicon"][first][r_g],
                         codes["group"][first][r_g], r_o, r_v, codes["source"][first][r_g]])
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
    if len(hits) == 0:
        return pd.DataFrame(columns=SWITCH_COLUMNS)
    return _switches(hits, _sorted_codes(hits, _SWITCH_KEYS), purity)


def _switches(hits: pd.DataFrame, factorized: dict, purity: float) -> pd.DataFrame:
    """:func:`switches_table` of non-empty ``hits``, given the :data:`_SWITCH_KEYS` as codes
    (:func:`_sorted_codes`)."""
    dated = hits["date"].notna().to_numpy()
    if not dated.any():
        return pd.DataFrame(columns=SWITCH_COLUMNS)
    codes = {col: factorized[col][0][dated] for col in _SWITCH_KEYS}
    labels = {col: factorized[col][1] for col in _SWITCH_KEYS}
    dates = hits["date"].array[dated]
    hit_date = pd.DatetimeIndex(dates).asi8
    # one row per article and group (a hit of it, and its majority variant), each
    # (outlet, group) a segment of rows in date order
    rep, variant = _majority_variants(codes["outlet"], codes["group"], codes["article_id"],
                                      pd.factorize(hit_date)[0], codes["variant"])
    o, g = codes["outlet"][rep], codes["group"][rep]
    date_rank = np.unique(hit_date[rep], return_inverse=True)[1].ravel()
    order = _sort_order([o, g, date_rank, codes["article_id"][rep]])
    rep, variant, o, g = rep[order], variant[order], o[order], g[order]
    seg = np.cumsum(np.r_[True, (o[1:] != o[:-1]) | (g[1:] != g[:-1])]) - 1
    local, seg_variants, seg_off = _first_seen_codes(seg, variant)
    n_var = np.diff(np.r_[seg_off, len(seg_variants)])
    found = [
        _best_switches(np.flatnonzero(n_var[seg] == w), seg, local, hit_date[rep], w, purity)
        for w in np.unique(n_var[n_var >= 2]).tolist()
    ]
    if not found or not sum(len(f[0]) for f in found):
        return pd.DataFrame(columns=SWITCH_COLUMNS)
    k, a_best, b_best, nb, na, pb, pa = (np.concatenate(x) for x in zip(*found))
    by_seg = np.argsort(k, kind="stable")  # in (outlet, group) order
    k, a_best, b_best, nb, na, pb, pa = (x[by_seg] for x in (k, a_best, b_best, nb, na, pb, pa))
    return pd.DataFrame(
        {
            "outlet": pd.Series(labels["outlet"][o[k]], dtype=str),
            "group": pd.Series(labels["group"][g[k]], dtype=str),
            "from_variant": pd.Series(labels["variant"][seg_variants[seg_off[seg[k]] + a_best]], dtype=str),
            "to_variant": pd.Series(labels["variant"][seg_variants[seg_off[seg[k]] + b_best]], dtype=str),
            "last_date_before": pd.Series(dates.take(rep[k])),
            "first_date_after": pd.Series(dates.take(rep[k + 1])),
            "n_before": nb.astype(np.int64),
            "n_after": na.astype(np.int64),
            "share_before": pb.astype(float),
            "share_after": pa.astype(float),
            "too_little_data": (nb < 2) | (na < 2),
        },
        columns=SWITCH_COLUMNS,
    )


def _majority_variants(
    outlet: np.ndarray, group: np.ndarray, article: np.ndarray, date: np.ndarray, variant: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each article's majority variant of each group, from one row per hit (integer codes).

    Returns, for each (outlet, group, article) whose commonest (date, variant) is unique
    (ties are left out; an article's hits share its date), the index of one of its hits
    and that variant's code. Rows are grouped by hashing, not sorting.
    """
    cell = _row_codes(outlet, group, article)
    run = _row_codes(cell, date, variant)  # the hits of one (date, variant) of a cell
    one_hit = np.zeros(int(run.max()) + 1, dtype=np.int64)
    one_hit[run] = np.arange(len(run))  # some hit of each run (they agree on every key)
    run_n = np.bincount(run)
    run_cell = cell[one_hit]
    top = np.zeros(int(cell.max()) + 1, dtype=np.int64)
    np.maximum.at(top, run_cell, run_n)
    is_top = run_n == top[run_cell]
    keep = is_top & (np.bincount(run_cell[is_top], minlength=len(top))[run_cell] == 1)
    return one_hit[keep], variant[one_hit[keep]]


def _row_codes(*keys: np.ndarray) -> np.ndarray:
    """Dense codes (0, 1, ... in order of first appearance) of the distinct rows of several
    non-negative integer key arrays: the keys are combined into one int64 code, and that
    made dense by hashing (:func:`pandas.factorize`) wherever the next key would overflow it."""
    code, size = keys[0], int(keys[0].max()) + 1
    for k in keys[1:]:
        n = int(k.max()) + 1
        if size * n >= 2**63:
            code, uniq = pd.factorize(code)
            size = len(uniq)
        code, size = code * n + k, size * n
    return pd.factorize(code)[0]


def _first_seen_codes(seg: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Number the ``values`` of each segment (``seg``: 0, 1, ... ascending) in order of first appearance.

    Returns each row's number within its segment, the distinct values of every segment
    one segment after another (each in that order), and where each segment's values begin.
    """
    n_v = int(values.max()) + 1
    key, first, inv = np.unique(seg * n_v + values, return_index=True, return_inverse=True)
    key_seg = key // n_v  # ascending
    order = np.lexsort((first, key_seg))
    seg_off = np.searchsorted(key_seg, np.arange(int(seg[-1]) + 1))
    number = np.empty(len(key), dtype=np.int64)
    number[order] = np.arange(len(key)) - seg_off[key_seg]
    return number[inv.ravel()], (key % n_v)[order], seg_off


def _best_switches(rows: np.ndarray, seg: np.ndarray, local: np.ndarray, date: np.ndarray, width: int,
                   purity: float) -> tuple[np.ndarray, ...]:
    """The best change point of each segment among ``rows`` (whole segments with ``width``
    variants each, numbered ``local`` by first appearance; rows in date order).

    A change point after row ``k`` splits its segment into the rows up to ``k`` and the
    rest: it qualifies when the commonest variants of the two sides (the first in
    ``local`` order of equally common ones) differ, each holds ``purity`` of its side,
    and the dates on either side differ; the best has the most articles using the
    commonest variant of their side (of equal ones, the first). Returns, for each segment
    with one, ``k``, the two variants (``local`` numbers), the articles before and after,
    and the two shares. The counts on each side come from one cumulative sum over the
    rows' one-hot variant table.
    """
    s = seg[rows]
    n = len(rows)
    first = np.searchsorted(s, s)  # where each row's segment begins, and its size
    size = np.searchsorted(s, s, side="right") - first
    onehot = np.zeros((n, width), dtype=np.int64)
    onehot[np.arange(n), local[rows]] = 1
    cum = np.vstack([np.zeros((1, width), dtype=np.int64), np.cumsum(onehot, axis=0)])
    split = np.flatnonzero(np.arange(n) < first + size - 1)  # every row but the last of its segment
    start, end = first[split], first[split] + size[split]
    before = cum[split + 1] - cum[start]
    after = cum[end] - cum[split + 1]
    nb = split - start + 1
    na = size[split] - nb
    a_best, b_best = before.argmax(axis=1), after.argmax(axis=1)
    top_b, top_a = before.max(axis=1), after.max(axis=1)
    pb, pa = top_b / nb, top_a / na
    k = rows[split]
    ok = (a_best != b_best) & (pb >= purity) & (pa >= purity) & (date[k] < date[k + 1])
    score = np.where(ok, top_b + top_a, -1)
    best = np.lexsort((split, -score, s[split]))
    sb = s[split][best]
    best = best[np.r_[True, sb[1:] != sb[:-1]]] if len(best) else best  # the first of each segment
    best = best[score[best] >= 0]
    return k[best], a_best[best], b_best[best], nb[best], na[best], pb[best], pa[best]


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
    tables = (
        TableSpec(
            "naming",
            "One row per event, outlet and variant of a named thing: how often the outlet uses each name.",
            (
                EVENT,
                OUTLET,
                C("group", "str", "the thing named (e.g. `Kyiv`; discovered groups end in \"(discovered)\")"),
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
        ),
        TableSpec(
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
        ),
        TableSpec(
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
        ),
        TableSpec(
            "naming_candidates",
            "One row per candidate pair of spellings from variant discovery, accepted or not.",
            (
                C("term_a", "str", "the rarer spelling"),
                C("term_b", "str", "the commoner spelling"),
                C("similarity", "float", "string similarity of the folded words"),
                C("count_a", "int", "mentions of term_a"),
                C("count_b", "int", "mentions of term_b"),
                C("outlets_a", "str", "outlets using term_a, \"outlet (count); ...\""),
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
        ),
        evidence_table(
            "naming_evidence",
            "naming",
            (
                C("group", "str", "the thing named"),
                C("variant", "str", "the variant"),
                C("source", "str", "`lexicon` or `discovered`"),
            ),
        ),
    )

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
        hits["event"] = np.array([a.event if a.event is not None else ALL_EVENTS for a in arts], dtype=object)[art]
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
