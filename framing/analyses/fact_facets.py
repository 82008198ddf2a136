"""Facets: the details inside a fact that some outlets give and others leave out.

A fact of :mod:`~framing.analyses.fact_align` is a cluster of units (sentences), and a
sentence often tells several facts at once: "A convoy of 12 ships carrying about 480,000
tonnes of grain left Odesa" and "The first group of nine ships left Odessa" are one
cluster, although only the first tells the tonnage. A *facet* of a cluster is an
*anchor* (a name, a number, or a rare pair of concepts, as in
:func:`~framing.analyses.fact_align.features`) that the units of at least two outlets of the
cluster hold and the units of another outlet of the cluster lack ("480,000", "480,000
tonnes"). Anchors of one cluster held by the same outlets are one facet.

An outlet *carries* a facet when any of its units in the event holds one of its anchors
(wherever the outlet tells it). An outlet that does not is ``uncertain`` rather than
``omitted`` when one of its units of the event gives another number (one that no holder
gives) of the same thing, followed by the same concept ("nine ships" against "12 ships"):
it tells the fact with another figure, which :mod:`~framing.analyses.numbers` compares.
Only numbers make details (not the day of a date): names and rare word pairs differ too
often between outlets that tell the same fact in their own words.

:func:`find_facets` works on the arrays of one batch of whole events, with no loop over
units or tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

__all__ = ["CALENDAR_WORDS", "Facets", "find_facets"]

#: Names of days and months: a date is when a fact happened, not a detail of it.
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)


@dataclass
class Facets:
    """Facets of one batch (batch-local unit ids).

    ``label`` (the parent fact's unit label), ``unit`` (its most central holder unit),
    ``keys`` (anchor columns, a list of arrays) per facet; per (facet, outlet) entry:
    ``e_facet``, ``e_outlet`` (outlet code) and ``e_unit`` (the outlet's unit carrying it)
    for each carrying outlet; ``other_number``: codes ``facet * n_outlets + outlet`` of the
    outlets whose unit in the cluster gives another number in the same place.
    """

    label: np.ndarray
    unit: np.ndarray
    keys: list
    e_facet: np.ndarray
    e_outlet: np.ndarray
    e_unit: np.ndarray
    other_number: np.ndarray

    @classmethod
    def empty(cls) -> Facets:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, [], z, z, z, z)


def _unique_rows(*cols: np.ndarray) -> np.ndarray:
    """Indices of the first occurrence of each distinct row of the integer columns."""
    if not len(cols[0]):
        return np.zeros(0, dtype=np.int64)
    o = np.lexsort(cols[::-1])
    diff = np.zeros(len(o), dtype=bool)
    diff[0] = True
    for c in cols:
        cs = c[o]
        diff[1:] |= cs[1:] != cs[:-1]
    return o[diff]


def _slots(tu, tc, isnum_tok) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(unit, number concept, next concept) for each number token followed, in its unit, by a
    concept that is not a number: the thing counted or measured ("12 ships", "17 people")."""
    keep = np.flatnonzero(tc >= 0)
    u, c, num = tu[keep], tc[keep], isnum_tok[keep]
    idx = np.flatnonzero(num)
    out_u, out_n, out_c = [], [], []
    for d in (1,):
        j = idx + d
        ok = (j >= 0) & (j < len(u))
        i2, j2 = idx[ok], j[ok]
        ok = (u[j2] == u[i2]) & ~num[j2]
        out_u.append(u[i2[ok]])
        out_n.append(c[i2[ok]])
        out_c.append(c[j2[ok]])
    return np.concatenate(out_u), np.concatenate(out_n), np.concatenate(out_c)


def find_facets(
    labels,
    oc,
    n_outlets,
    ev,
    A_spec: sp.csr_matrix,
    A_full: sp.csr_matrix,
    centrality,
    tu,
    tc,
    isnum,
    n_concepts,
    detail_tok,
):
    """The facets of the clusters ``labels`` of one batch (see the module docstring).

    Parameters
    ----------
    labels, oc, ev:
        Per unit: fact label, outlet code (below ``n_outlets``), event (units of one event
        together).
    A_spec, A_full:
        Unit x anchor matrices: anchors specific to few units of the event (facets are made
        of these), and every anchor a unit holds (an outlet carries a facet through these).
    centrality:
        Per unit: mean link score in its fact (the facet's summary is its most central holder).
    tu, tc, isnum, n_concepts:
        Tokens' unit and concept (-1: none), which concepts are numbers, number of concepts
        (anchor columns below ``n_concepts`` are concepts, the others concept pairs).
    detail_tok:
        Per token: whether a detail can be made of it (a number that is not the day of a date).
    """
    S = A_spec.tocoo()
    su, sk = S.row.astype(np.int64), S.col.astype(np.int64)
    dcode = np.unique(tu[detail_tok].astype(np.int64) * n_concepts + tc[detail_tok])
    ok = (sk < n_concepts) & np.isin(su * n_concepts + sk, dcode)
    su, sk = su[ok], sk[ok]
    if not len(su):
        return Facets.empty()
    sl, so = labels[su], oc[su]
    # outlets of each cluster (units of one outlet counted once)
    first = _unique_rows(labels, oc)
    n_out_label = np.bincount(labels[first], minlength=int(labels.max()) + 1)
    # holders of each (cluster, anchor): distinct outlets
    h = _unique_rows(sl, sk, so)
    hl, hk, ho, hu = sl[h], sk[h], so[h], su[h]
    o = np.lexsort((ho, hk, hl))
    hl, hk, ho, hu = hl[o], hk[o], ho[o], hu[o]
    start = np.r_[0, np.flatnonzero((hl[1:] != hl[:-1]) | (hk[1:] != hk[:-1])) + 1]
    count = np.diff(np.r_[start, len(hl)])
    cand = np.flatnonzero((count >= 2) & (count < n_out_label[hl[start]]))
    if not len(cand):
        return Facets.empty()
    n_c = len(cand)
    c_label = hl[start[cand]]
    c_key = hk[start[cand]]
    c_unit0 = [hu[start[c] : start[c] + count[c]] for c in cand.tolist()]
    # carriers of each candidate: the outlets with a unit of the event holding its anchor
    Fc = A_full.tocsc()
    ptr = Fc.indptr
    lens = ptr[c_key + 1] - ptr[c_key]
    rows = Fc.indices[np.concatenate([np.arange(ptr[k], ptr[k + 1]) for k in c_key.tolist()])].astype(np.int64)
    r_c = np.repeat(np.arange(n_c), lens)
    c_ev = ev[np.array([u[0] for u in c_unit0], dtype=np.int64)]
    ok = ev[rows] == c_ev[r_c]
    rows, r_c = rows[ok], r_c[ok]
    # the outlet's unit for it: its unit in the cluster first, then its earliest unit
    in_cl = labels[rows] == c_label[r_c]
    o = np.lexsort((rows, ~in_cl, oc[rows], r_c))
    rows, r_c = rows[o], r_c[o]
    firsts = np.r_[True, (r_c[1:] != r_c[:-1]) | (oc[rows][1:] != oc[rows][:-1])]
    e_c, e_o, e_u = r_c[firsts], oc[rows[firsts]], rows[firsts]
    bounds = np.searchsorted(e_c, np.arange(n_c + 1))
    # anchors of one cluster carried by the same outlets are one facet
    groups: dict[tuple, list[int]] = {}
    for c in range(n_c):
        outs = tuple(e_o[bounds[c] : bounds[c + 1]].tolist())
        groups.setdefault((int(c_label[c]), outs), []).append(c)
    f_label, f_unit, f_keys, f_holder_units = [], [], [], []
    ef, eo, eu = [], [], []
    for f, ((lab, _outs), cs) in enumerate(groups.items()):
        units = np.unique(np.concatenate([c_unit0[c] for c in cs]))
        f_label.append(lab)
        f_keys.append(np.array([int(c_key[c]) for c in cs], dtype=np.int64))
        f_holder_units.append(units)
        f_unit.append(int(units[np.lexsort((units, -centrality[units]))[0]]))
        c = cs[0]
        sel = slice(bounds[c], bounds[c + 1])
        ef.append(np.full(bounds[c + 1] - bounds[c], f, dtype=np.int64))
        eo.append(e_o[sel])
        eu.append(e_u[sel])
    label_arr = np.array(f_label, dtype=np.int64)
    # another number in the same place, in the outlet's units of the event
    isnum_tok = isnum[np.maximum(tc, 0)] & (tc >= 0)
    s_u, s_n, s_c = _slots(tu, tc, isnum_tok)
    other = _other_number(f_keys, f_holder_units, ev, np.array(f_unit), oc, n_outlets, s_u, s_n, s_c)
    return Facets(
        label_arr,
        np.array(f_unit, dtype=np.int64),
        f_keys,
        np.concatenate(ef),
        np.concatenate(eo),
        np.concatenate(eu),
        other,
    )


def _other_number(f_keys, f_holder_units, ev, f_unit, oc, n_o, s_u, s_n, s_c):
    """Per facet, the outlets with a unit in the facet's event that gives another number (one
    no holder gives) next to a concept that one of the facet's numbers stands next to in its
    holders' units ("nine ships" against "12 ships").

    Returned as sorted codes ``facet * n_o + outlet``.
    """
    out: list[np.ndarray] = []
    if not len(s_u):
        return np.zeros(0, dtype=np.int64)
    o = np.argsort(s_u, kind="stable")
    s_u, s_n, s_c = s_u[o], s_n[o], s_c[o]
    ev_start = np.searchsorted(ev, np.arange(int(ev.max()) + 2))
    for f, nums in enumerate(f_keys):
        hold = f_holder_units[f]
        a, b = np.searchsorted(s_u, hold), np.searchsorted(s_u, hold, side="right")
        idx = np.concatenate([np.arange(x, y) for x, y in zip(a.tolist(), b.tolist())])
        if not len(idx):
            continue
        neigh = np.unique(s_c[idx][np.isin(s_n[idx], nums)])
        if not len(neigh):
            continue
        given = np.union1d(nums, s_n[idx])  # numbers the holders give are not other numbers
        e = ev[f_unit[f]]
        x, y = np.searchsorted(s_u, [ev_start[e], ev_start[e + 1]])
        hit = np.isin(s_c[x:y], neigh) & ~np.isin(s_n[x:y], given)
        if hit.any():
            out.append(f * n_o + np.unique(oc[s_u[x:y][hit]]))
    return np.unique(np.concatenate(out)) if out else np.zeros(0, dtype=np.int64)
