"""The ``facts`` and ``coverage`` tables from aligned units (see :mod:`framing.analyses.facts`).

An outlet *carries* a fact when one of its units is in the fact's cluster, or when one of
its units holds at least ``carry`` of a unit of the fact (shared concepts weighted by
IDF over the smaller unit's weight; a sentence that tells several facts, or the same
fact in loaded words, carries it). For a *common* fact (carried by more than half of
the other outlets) that an outlet does not carry, ``status`` says

* ``"omitted"``: none of the outlet's units comes close (best share below ``uncertain``);
* ``"uncertain"``: one of its units shares part of the fact (a paraphrase the rules may miss),
  so the omission is not claimed.

Facts that are neither carried nor common are ``"absent"`` for the outlet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats import wilson_interval
from .base import ALL_EVENTS
from .fact_units import POS_RANK

__all__ = ["COLUMNS", "COVERAGE_COLUMNS", "EXTRA_COLUMNS", "STATUSES", "coverage_rows", "facts_rows"]

#: Public columns of ``facts`` (more follow them).
COLUMNS = ["event", "fact_id", "summary", "outlet", "covered", "position", "sentence"]
EXTRA_COLUMNS = [
    "article_id",
    "sentence_index",
    "start",
    "end",
    "n_outlets",
    "n_outlets_event",
    "unique",
    "common",
    "similarity",
    "status",
    "closest",
    "detail_of",
    "anchor",
]
#: Columns of ``coverage``.
COVERAGE_COLUMNS = [
    "event",
    "outlet",
    "n_facts_event",
    "n_covered",
    "share_covered",
    "n_unique",
    "n_omitted_common",
    "share_low",
    "share_high",
    "n_articles",
    "n_outlets_event",
    "n_shared_facts",
    "n_shared_covered",
    "n_uncertain_common",
]
#: Values of ``facts.status``.
STATUSES = ("covered", "omitted", "uncertain", "absent")


def _carried_by(n_o, carriers, labels_u, oc_of_unit):
    """The best unit of each (fact, outlet) among the carriers, and its share.

    Returns sorted keys ``fact * n_o + outlet``, the best unit of each and its share.
    """
    c_lab, c_unit, c_share = carriers[:3]
    if not len(c_lab):
        z = np.zeros(0, dtype=np.int64)
        return z, z, np.zeros(0)
    key = labels_u[c_lab] * n_o + oc_of_unit[c_unit]
    share = np.clip(np.asarray(c_share, dtype=np.float64), 0.0, 1.0)
    o = np.argsort(key * 2.0 + (1.0 - share), kind="stable")  # by key, best share first (ties: first)
    ks = key[o]
    first = np.r_[True, ks[1:] != ks[:-1]]
    return ks[first], c_unit[o][first], share[o][first]


def facts_rows(
    events,
    outlets_of_event,
    unit_cols,
    ev_of_unit,
    labels,
    score_sum,
    carriers,
    *,
    carry: float,
    uncertain: float,
    with_ids: bool = False,
):
    """The ``facts`` table of all events at once (one row per fact and outlet of its event).

    ``unit_cols`` holds one array per unit attribute: article id, outlet, position,
    sentence index, start, end and text. With ``with_ids``, also returns the fact id of
    each unit (by its label).
    """
    art_id, outlet, position, sidx, start, end, text = unit_cols
    n = len(art_id)
    if n == 0:
        empty = pd.DataFrame(columns=COLUMNS + EXTRA_COLUMNS)
        return (empty, np.zeros(0, dtype=object)) if with_ids else empty
    all_outlets = sorted({o for os_ in outlets_of_event for o in os_})
    n_o = len(all_outlets)
    o_code = {o: k for k, o in enumerate(all_outlets)}
    oc = np.searchsorted(np.array(all_outlets, dtype=object), np.asarray(outlet, dtype=object)).astype(np.int64)
    pos_arr = np.asarray(position, dtype=object)
    pos_rank = np.full(n, POS_RANK["body"], dtype=np.int64)
    for p, r in POS_RANK.items():
        pos_rank[pos_arr == p] = r
    order_u = np.arange(n)
    lab_u, lab = np.unique(labels, return_inverse=True)
    F = len(lab_u)
    size = np.bincount(lab, minlength=F)
    centrality = score_sum / np.maximum(size[lab] - 1, 1)
    fact_ev = np.zeros(F, dtype=np.int64)
    fact_ev[lab] = ev_of_unit
    first = np.full(F, n, dtype=np.int64)
    np.minimum.at(first, lab, order_u)
    # the best unit of each (fact, outlet) in the fact: headline first, then lead, then most central, earliest
    o = np.lexsort((order_u, -centrality, pos_rank, oc, lab))
    k = lab[o] * n_o + oc[o]
    best = o[np.r_[True, k[1:] != k[:-1]]]
    best_key = lab[best] * n_o + oc[best]  # sorted
    # the best unit of each (fact, outlet) outside it
    lab_of_label = np.zeros(int(labels.max()) + 1, dtype=np.int64)
    lab_of_label[labels] = lab
    s_key, s_unit, s_share = _carried_by(n_o, carriers, lab_of_label, oc)
    sec = (s_share >= carry) & ~np.isin(s_key, best_key)
    n_outlets = np.bincount(np.r_[best_key, s_key[sec]] // n_o, minlength=F)
    # fact order within each event: most outlets first, then first appearance
    forder = np.lexsort((first, -n_outlets, fact_ev))
    ev_sorted = fact_ev[forder]
    ev_start = np.searchsorted(ev_sorted, np.arange(len(events) + 1))
    rank = np.arange(F) - ev_start[ev_sorted]
    n_facts_ev = np.diff(ev_start)
    fact_id = np.empty(F, dtype=object)
    names = [(f"{event}:F", max(3, len(str(n_facts_ev[e])))) for e, event in enumerate(events)]
    fact_id[forder] = [f"{names[e][0]}{k + 1:0{names[e][1]}d}" for e, k in zip(ev_sorted.tolist(), rank.tolist())]
    # summary: the most central unit (ties: earliest)
    o = np.lexsort((order_u, -centrality, lab))
    firsts = o[np.r_[True, lab[o][1:] != lab[o][:-1]]]
    summary = np.empty(F, dtype=object)
    summary[lab[firsts]] = [t if len(t) <= 160 else t[:159].rstrip() + "…" for t in (text[i] for i in firsts)]
    # the grid: facts in order x outlets of their event (sorted by name)
    ev_outs = [np.array([o_code[x] for x in os_], dtype=np.int64) for os_ in outlets_of_event]
    n_out_event = np.array([len(x) for x in ev_outs], dtype=np.int64)
    reps = n_out_event[ev_sorted]
    g_fact = np.repeat(forder, reps)
    ev_out_flat = np.concatenate(ev_outs)
    ev_out_start = np.r_[0, np.cumsum(n_out_event)[:-1]]
    within = np.arange(len(g_fact)) - np.repeat(np.r_[0, np.cumsum(reps)[:-1]], reps)
    g_out = ev_out_flat[np.repeat(ev_out_start[ev_sorted], reps) + within]
    gkey = g_fact * n_o + g_out
    m = len(g_fact)

    def lookup(keys, table_keys):
        if not len(table_keys):
            return np.zeros(m, dtype=bool), np.zeros(m, dtype=np.int64)
        p = np.minimum(np.searchsorted(table_keys, keys), len(table_keys) - 1)
        return table_keys[p] == keys, p

    primary, p1 = lookup(gkey, best_key)
    seen, p2 = lookup(gkey, s_key)
    share = np.where(seen, s_share[p2] if len(s_share) else 0.0, 0.0)
    secondary = ~primary & seen & (share >= carry)
    covered = primary | secondary
    u = np.where(primary, best[p1], np.where(secondary, s_unit[p2] if len(s_unit) else -1, -1))
    cu = u[covered]

    def pick(vals, fill, dtype=object):
        out = np.full(m, fill, dtype=dtype)
        arr = np.asarray(vals, dtype=dtype) if dtype is not object else np.array(vals, dtype=object)
        out[covered] = arr[cu]
        return out

    g_ev = fact_ev[g_fact]
    nof = n_outlets[g_fact]
    noe = n_out_event[g_ev]
    others = np.maximum(noe - 1, 1)
    common = ((nof - covered.astype(int)) / others > 0.5) & (nof >= 2)
    sim = np.zeros(m)
    sim[primary] = centrality[best[p1[primary]]]
    sim[secondary] = share[secondary]
    status = np.where(
        covered, "covered", np.where(common, np.where(share >= uncertain, "uncertain", "omitted"), "absent")
    ).astype(object)
    out = pd.DataFrame(
        {
            "event": np.array(events, dtype=object)[g_ev],
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
            "common": common,
            "similarity": np.round(sim.astype(float), 4),
            "status": status,
            "closest": np.round(np.where(primary, 1.0, share).astype(float), 4),
            "detail_of": "",
            "anchor": "",
        }
    )
    out = out[COLUMNS + EXTRA_COLUMNS]
    if with_ids:
        return out, fact_id[lab]
    return out


def facet_rows(facts: pd.DataFrame, fact_id_of_unit, unit_cols, ev_of_unit, events, outlets_of_event, facets):
    """Rows of the *details* of facts (:mod:`~framing.analyses.fact_facets`), and ``facts`` with
    them placed after their parent fact's rows.

    ``facets`` holds, with corpus-wide unit ids and outlet codes into ``facets["outlets"]``:
    ``unit`` and ``anchor`` per detail (its summary unit, in its fact, and its words),
    ``e_facet``/``e_outlet``/``e_unit`` per carrier, ``o_facet``/``o_outlet`` per outlet that
    gives another number, ``labels`` and ``centrality`` per unit.
    """
    f_unit = np.asarray(facets["unit"], dtype=np.int64)
    n_f = len(f_unit)
    if not n_f:
        return facts
    art_id, _outlet, position, sidx, start, end, text = unit_cols
    labels, centrality, names = facets["labels"], facets["centrality"], facets["outlets"]
    n_o = max(len(names), 1)
    code_of = {o: k for k, o in enumerate(names)}
    f_ev = np.asarray(ev_of_unit, dtype=np.int64)[f_unit]
    pid = np.asarray(fact_id_of_unit, dtype=object)[f_unit]
    # carriers and other numbers, keyed facet * n_o + outlet
    e_key = facets["e_facet"] * n_o + facets["e_outlet"]
    o_e = np.argsort(e_key, kind="stable")
    e_key, e_unit = e_key[o_e], facets["e_unit"][o_e]
    other_key = np.unique(facets["o_facet"] * n_o + facets["o_outlet"])
    n_carriers = np.bincount(facets["e_facet"], minlength=n_f)
    # number of each detail within its fact: most outlets first, then by its unit
    _, p_code = np.unique(pid.astype(str), return_inverse=True)
    o = np.lexsort((np.arange(n_f), f_unit, -n_carriers, p_code))
    first = np.r_[True, p_code[o][1:] != p_code[o][:-1]]
    starts = np.flatnonzero(first)
    rank = np.empty(n_f, dtype=np.int64)
    rank[o] = np.arange(n_f) - np.repeat(starts, np.diff(np.r_[starts, n_f]))
    # the grid: each detail x the outlets of its event, details in order
    ev_outs = [np.array([code_of[x] for x in os_], dtype=np.int64) for os_ in outlets_of_event]
    reps = np.array([len(ev_outs[e]) for e in f_ev.tolist()], dtype=np.int64)
    g_f = np.repeat(o, reps[o])
    g_o = np.concatenate([ev_outs[f_ev[f]] for f in o.tolist()])
    m = len(g_f)
    key = g_f * n_o + g_o
    p = np.minimum(np.searchsorted(e_key, key), max(len(e_key) - 1, 0))
    cov = (e_key[p] == key) if len(e_key) else np.zeros(m, dtype=bool)
    cu = np.where(cov, e_unit[p] if len(e_unit) else -1, -1)
    other = np.isin(key, other_key)
    nof = n_carriers[g_f]
    noe = reps[g_f]
    common = ((nof - cov.astype(int)) / np.maximum(noe - 1, 1) > 0.5) & (nof >= 2)
    g_pid = pid[g_f]
    g_out = np.array(names, dtype=object)[g_o]
    parent = pd.Series(
        facts["status"].to_numpy(), index=facts["fact_id"].astype(str) + "\x00" + facts["outlet"].astype(str)
    )
    p_status = parent.reindex(pd.Index(g_pid.astype(str)) + "\x00" + pd.Index(g_out.astype(str))).to_numpy()
    status = np.where(
        cov,
        "covered",
        np.where(~common, "absent", np.where((p_status == "uncertain") | other, "uncertain", "omitted")),
    ).astype(object)
    ci = np.maximum(cu, 0)

    def pick(vals, fill, dtype=object):
        arr = np.asarray(vals, dtype=dtype) if dtype is not object else np.array(vals, dtype=object)
        return np.where(cov, arr[ci], fill).astype(dtype)

    summaries = np.array(
        [t if len(t) <= 160 else t[:159].rstrip() + "…" for t in (text[u] for u in f_unit)], dtype=object
    )
    det = pd.DataFrame(
        {
            "event": np.array(events, dtype=object)[f_ev[g_f]],
            "fact_id": [f"{a}.{k + 1}" for a, k in zip(g_pid.tolist(), rank[g_f].tolist())],
            "summary": summaries[g_f],
            "outlet": g_out,
            "covered": cov,
            "position": pick(position, ""),
            "sentence": pick(text, ""),
            "article_id": pick(art_id, ""),
            "sentence_index": pick(sidx, -1, np.int64),
            "start": pick(start, -1, np.int64),
            "end": pick(end, -1, np.int64),
            "n_outlets": nof.astype(np.int64),
            "n_outlets_event": noe.astype(np.int64),
            "unique": (nof == 1) & (noe >= 2),
            "common": common,
            "similarity": np.where(cov & (labels[ci] == labels[f_unit[g_f]]), np.round(centrality[ci], 4), 0.0),
            "status": status,
            "closest": np.where(cov, 1.0, 0.0),
            "detail_of": g_pid,
            "anchor": np.array(facets["anchor"], dtype=object)[g_f],
        }
    )[COLUMNS + EXTRA_COLUMNS]
    # each detail after its parent fact's rows (details of a fact in their order)
    fid = facts["fact_id"].to_numpy()
    last = pd.Series(np.arange(len(facts)), index=fid).groupby(level=0).max()
    key_d = last.reindex(g_pid).to_numpy().astype(np.float64)
    out = pd.concat(
        [facts.assign(_k=np.arange(len(facts), dtype=np.float64), _s=0), det.assign(_k=key_d, _s=1 + rank[g_f])],
        ignore_index=True,
    )
    out = out.sort_values(["_k", "_s"], kind="stable")
    return out.drop(columns=["_k", "_s"]).reset_index(drop=True)


def coverage_rows(corpus, facts: pd.DataFrame) -> pd.DataFrame:
    """The ``coverage`` table: one row per event and outlet, plus event ``"all"``."""
    if facts.empty:
        return pd.DataFrame(columns=COVERAGE_COLUMNS)
    arts = pd.DataFrame(
        {
            "event": corpus.event_labels(),
            "outlet": [a.outlet for a in corpus],
        }
    )
    n_articles = arts.groupby(["event", "outlet"]).size().rename("n_articles")
    f = facts.assign(
        uniq=facts["covered"] & facts["unique"],
        omitted_common=facts["status"] == "omitted",
        uncertain_common=facts["status"] == "uncertain",
        shared=facts["n_outlets"] >= 2,
        shared_cov=facts["covered"] & (facts["n_outlets"] >= 2),
    )
    g = f.groupby(["event", "outlet"], sort=True)
    cov = pd.DataFrame(
        {
            "n_facts_event": g.size(),
            "n_covered": g["covered"].sum(),
            "n_unique": g["uniq"].sum(),
            "n_omitted_common": g["omitted_common"].sum(),
            "n_outlets_event": g["n_outlets_event"].first(),
            "n_shared_facts": g["shared"].sum(),
            "n_shared_covered": g["shared_cov"].sum(),
            "n_uncertain_common": g["uncertain_common"].sum(),
        }
    ).reset_index()
    cov = cov.merge(n_articles.reset_index(), on=["event", "outlet"], how="left")
    counts = [
        "n_facts_event",
        "n_covered",
        "n_unique",
        "n_omitted_common",
        "n_articles",
        "n_shared_facts",
        "n_shared_covered",
        "n_uncertain_common",
    ]
    allrows = cov.groupby("outlet", sort=True)[counts].sum().reset_index()
    allrows["event"] = ALL_EVENTS
    allrows["n_outlets_event"] = cov["outlet"].nunique()
    cov = pd.concat([cov, allrows], ignore_index=True)
    for c in [*counts, "n_outlets_event"]:
        cov[c] = cov[c].fillna(0).astype(int)
    cov["share_covered"] = cov["n_covered"] / cov["n_facts_event"].where(cov["n_facts_event"] > 0)
    lo, hi = wilson_interval(cov["n_covered"].to_numpy(), cov["n_facts_event"].to_numpy())
    cov["share_low"], cov["share_high"] = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    return cov[COVERAGE_COLUMNS]
