"""When an outlet switched from one variant to another (``naming_switches``), on integer codes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .naming_tables import _SWITCH_KEYS, SWITCH_COLUMNS, _sort_order, _sorted_codes

__all__ = ["switches_table"]


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
    rep, variant = _majority_variants(
        codes["outlet"], codes["group"], codes["article_id"], pd.factorize(hit_date)[0], codes["variant"]
    )
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


def _best_switches(
    rows: np.ndarray, seg: np.ndarray, local: np.ndarray, date: np.ndarray, width: int, purity: float
) -> tuple[np.ndarray, ...]:
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
