"""Report sections and findings for word choice: naming variants, loaded language, distinctive terms.

Each section shows, for the largest events and corpus-wide, a chart whose colours are the
report's (one per variant and outlet), a compact table, notes on significance, and the
evidence sentences per outlet. A section is left out when its table is missing (the
analysis was not run) and says so when the table is empty.
"""

from __future__ import annotations

import pandas as pd

from ...analyses.base import ALL_EVENTS
from ..context import current
from ..findings import ALPHA, Finding, and_list, evidence_rows, q_score, q_text
from ..html import Section, el, evidence_list, note, table
from ..svg import Bar, Dot, Row, bar_chart, dot_chart, legend
from ._common import event_col, events_to_draw, more_events_note
from ._common import event_label as _label
from ._common import get_table as _get
from .registry import register_section

__all__ = [
    "distinctive_findings",
    "distinctive_sections",
    "loaded_findings",
    "loaded_sections",
    "naming_findings",
    "naming_sections",
]


def _of_event(df: pd.DataFrame | None, event: str) -> pd.DataFrame | None:
    if df is None or len(df) == 0:
        return df
    return df if event == ALL_EVENTS else df[event_col(df) == event]


# -- naming ------------------------------------------------------------------------------

#: Outlets drawn per chart (those with the most mentions or words); the others are counted.
MAX_CHART_OUTLETS = 15


def _cut_note(n_cut: int, by: str, where: str):
    if n_cut <= 0:
        return None
    return el(
        "p",
        f"The {MAX_CHART_OUTLETS} outlets with the most {by} are drawn; {n_cut:,} more are in the table and {where}.",
        class_="more",
    )


def _naming_chart(naming: pd.DataFrame, event: str, max_groups: int = 8):
    ctx = current()
    df = naming[(event_col(naming) == event) & (naming["count"] > 0)]
    used = df.groupby("group")["variant"].nunique()
    df = df[df["group"].isin(used[used >= 2].index)]
    if df.empty:
        return None
    big = df.groupby("group")["count"].sum().sort_values(ascending=False, kind="stable").index[:max_groups]
    bars, seen = [], {}
    n_cut = 0
    for g in big:
        sub = df[df["group"] == g]
        top = sub.groupby("outlet")["count"].sum().sort_values(ascending=False, kind="stable").index[:MAX_CHART_OUTLETS]
        n_cut = max(n_cut, sub["outlet"].nunique() - len(top))
        for outlet, rows in sub[sub["outlet"].isin(top)].groupby("outlet", sort=True):
            n = int(rows["count"].sum())
            parts = [(str(v), c / n, ctx.variant_color(g, v)) for v, c in zip(rows["variant"], rows["count"])]
            seen.update({str(v): ctx.variant_color(g, v) for v in rows["variant"]})
            bars.append(Bar(ctx.label(outlet), parts, note=f"n = {n}", group=str(g)))
    chart = bar_chart(
        bars,
        unit="share of the group's mentions by the outlet; a variant keeps its colour in every event",
        label=f"Naming variants, {_label(event)}",
    )
    more = _cut_note(n_cut, "mentions", "naming.csv")
    return el("div", chart, legend(seen, title="variant"), more, class_="fig")


def naming_sections(results) -> list[Section]:
    naming = _get(results, "naming")
    if naming is None:
        return []
    sec = Section(
        "Naming variants",
        "naming",
        intro="Which spelling or label each outlet uses for the same place, person or thing (Kyiv or Kiev; "
        "invasion, conflict or special military operation), within each event and corpus-wide. Shares are of "
        "the group's mentions by that outlet, with Wilson 95% intervals; the test asks whether the choice "
        "depends on the outlet (Fisher or chi-square, Benjamini-Hochberg q over all tests).",
    )
    if len(naming) == 0:
        sec.blocks.append(el("p", "No naming variants were found in these articles."))
        return [sec]
    tests, evidence = _get(results, "naming_tests"), _get(results, "naming_evidence")
    shown, n_more = events_to_draw(results, naming)
    sec.blocks.append(more_events_note(n_more, "naming.csv and naming_evidence.csv"))
    for ev in shown:
        sub = naming[(event_col(naming) == ev) & (naming["count"] > 0)]
        block = [el("h3", _label(ev)), _naming_chart(naming, ev)]
        cols = [c for c in ("outlet", "group", "variant", "count", "share", "ci_low", "ci_high", "source") if c in sub]
        block.append(table(sub[cols], max_rows=40, name="naming"))
        if tests is not None and len(tests):
            t = tests[(event_col(tests) == ev) & (tests["method"] != "n/a")]
            sig = t[t["q_value"] < ALPHA]
            if len(sig):
                block.append(
                    note(
                        "Variant choice depends on the outlet (q < 0.05) for: "
                        + ", ".join(f"{g} ({q_text(q)})" for g, q in zip(sig["group"], sig["q_value"]))
                    )
                )
            small = t[t["too_little_data"].astype(bool)]
            if len(small):
                block.append(
                    note(f"{len(small)} group(s) have fewer than 5 mentions here: read their shares with care.", "warn")
                )
        block.append(
            evidence_list(
                _of_event(evidence, ev), label_columns=["group", "variant"], title="Sentences", name="naming_evidence"
            )
        )
        sec.blocks.append(el("div", block, class_="event-block"))
    cand = _get(results, "naming_candidates")
    if cand is not None and len(cand):
        sec.blocks.append(el("h3", "Variants discovered in the corpus (not in any lexicon)"))
        sec.blocks.append(
            el(
                "p",
                "Close spellings used by different outlets (complementarity: share of mentions by "
                "outlets that use only one of the two; context similarity: cosine of the "
                "surrounding words). Accepted pairs are counted above with source 'discovered'; "
                "check them: a close spelling can be another name.",
                class_="more",
            )
        )
        cols = [
            "term_a",
            "term_b",
            "similarity",
            "count_a",
            "count_b",
            "outlets_a",
            "outlets_b",
            "complementarity",
            "context_similarity",
            "in_lexicon",
            "accepted",
            "examples",
        ]
        sec.blocks.append(table(cand[[c for c in cols if c in cand.columns]], max_rows=25, name="naming_candidates"))
    sw = _get(results, "naming_switches")
    if sw is not None and len(sw):
        sec.blocks.append(el("h3", "Switches over time"))
        sec.blocks.append(table(sw, max_rows=30, name="naming_switches"))
    return [sec]


Cell = list[tuple[str, str, int]]  # (outlet, variant, count) rows of one event and group


def _variant_clusters(rows: Cell) -> list[tuple[str, list[str], int, int]]:
    """Outlets grouped by the variant they use most: (variant, outlets, its count, their mentions)."""
    ctx = current()
    per: dict[str, list[tuple[int, str]]] = {}
    for o, v, c in rows:
        per.setdefault(o, []).append((c, v))
    top: dict[str, list[str]] = {}
    counts: dict[str, list[int]] = {}
    for outlet in sorted(per):
        best_c, best_v = min(per[outlet], key=lambda t: (-t[0], t[1]))
        top.setdefault(best_v, []).append(ctx.label(outlet))
        acc = counts.setdefault(best_v, [0, 0])
        acc[0] += best_c
        acc[1] += sum(n for n, _ in per[outlet])
    out = [(v, outs, counts[v][0], counts[v][1]) for v, outs in top.items()]
    return sorted(out, key=lambda t: (len(t[1]), -t[2]))  # the minority first: "A writes X, the others Y"


def _mixed(rows: Cell) -> list[str]:
    """'A writes 'x' (3) and 'y' (1)' for each outlet that writes two or more variants."""
    per: dict[str, list[tuple[int, str]]] = {}
    for o, v, c in rows:
        per.setdefault(o, []).append((c, v))
    return [
        f"{current().label(o)} writes " + " and ".join(f"'{v}' ({c})" for c, v in sorted(vs, key=lambda t: -t[0]))
        for o, vs in sorted(per.items())
        if len(vs) >= 2
    ]


def naming_findings(results) -> list[Finding]:
    """A finding per variant group whose choice depends on the outlet; the untested ones as uncertain."""
    naming, tests = _get(results, "naming"), _get(results, "naming_tests")
    if naming is None or tests is None or len(tests) == 0:
        return []
    used = naming[naming["count"] > 0]
    cells: dict[tuple[str, str], Cell] = {}
    for e, g, o, v, c in zip(
        used["event"].astype(str).tolist(),
        used["group"].astype(str).tolist(),
        used["outlet"].astype(str).tolist(),
        used["variant"].astype(str).tolist(),
        used["count"].tolist(),
    ):
        cells.setdefault((e, g), []).append((o, v, int(c)))
    out = []
    for t in tests[["event", "group", "q_value", "too_little_data", "n", "method"]].to_dict("records"):
        ev, group = str(t["event"]), t["group"]
        rows = cells.get((ev, str(group)))
        if rows is None or len({v for _, v, _ in rows}) < 2:
            continue
        clusters = _variant_clusters(rows)
        if len(clusters) >= 2:
            parts = [
                f"{and_list(outs)} write{'s' if len(outs) == 1 else ''} '{v}' ({c} of {n})"
                for v, outs, c, n in clusters
            ]
        else:  # one preferred variant everywhere: who also writes the others
            parts = _mixed(rows)
            if not parts:
                continue
        q = float(t["q_value"])
        tested = t["method"] != "n/a" and q == q
        passes = tested and q < ALPHA and not bool(t["too_little_data"])
        stat = f"{q_text(q)}, {int(t['n'])} mentions" if tested else f"{int(t['n'])} mentions, too few to test"
        out.append(
            Finding(
                event=ev,
                analysis="naming",
                text=f"{group}: " + "; ".join(parts) + f" ({stat})",
                kind="tested" if passes else "uncertain",
                score=q_score(q) if passes else min(1.0, int(t["n"]) / 40),
                evidence=evidence_rows(results, "naming_evidence", event=ev, group=group),
                evidence_table="naming_evidence",
                label_columns=("variant",),
                outlets=tuple(dict.fromkeys(o for o, _, _ in rows)),
            )
        )
    return out


# -- loaded language ------------------------------------------------------------------------

#: Categories drawn and searched for findings, in order (others stay in the table).
LOADED_CATEGORIES = (
    "loaded",
    "delegitimising",
    "dehumanising",
    "label_pejorative",
    "euphemism",
    "attribution_judging",
    "hedge",
    "scare_quote",
)
_CATEGORY_WORDS = {
    "loaded": "loaded words",
    "attribution_judging": "judging verbs of saying",
    "scare_quote": "scare quotes",
    "hedge": "hedges",
    "label_pejorative": "pejorative labels",
    "delegitimising": "delegitimising words",
    "dehumanising": "dehumanising words",
}


def _words(category: str) -> str:
    return _CATEGORY_WORDS.get(category, category.replace("_", " ") + " words")


def _loaded_chart(loaded: pd.DataFrame, event: str):
    ctx = current()
    tot = loaded[(event_col(loaded) == event) & (loaded["term"] == "*")]
    cats = [c for c in LOADED_CATEGORIES if c in set(tot["category"])]
    tot = tot[tot["category"].isin(cats)]
    if tot.empty or tot["count"].sum() == 0:
        return None
    keep = tot.groupby("category")["count"].sum()
    cats = [c for c in cats if keep.get(c, 0) > 0]
    rows = []
    words = tot.groupby(tot["outlet"].astype(str))["n_words"].max().sort_values(ascending=False, kind="stable")
    n_cut = len(words) - MAX_CHART_OUTLETS
    tot = tot[tot["outlet"].astype(str).isin(words.index[:MAX_CHART_OUTLETS])]
    tot = tot.assign(_c=tot["category"].map({c: i for i, c in enumerate(cats)}), _o=tot["outlet"].astype(str))
    tot = tot[tot["_c"].notna()].sort_values(["_c", "_o"])
    for r in tot[["category", "_o", "per_1k", "ci_low", "ci_high", "q_value", "count", "n_words"]].to_dict("records"):
        sig = r["q_value"] == r["q_value"] and r["q_value"] < ALPHA
        o = r["_o"]
        rows.append(
            Row(
                ctx.label(o),
                [
                    Dot(
                        float(r["per_1k"]),
                        float(r["ci_low"]),
                        float(r["ci_high"]),
                        ctx.outlets[o],
                        title=f"{int(r['count'])} in {int(r['n_words']):,} words",
                    )
                ],
                mark="*" if sig else "",
                group=_words(r["category"]),
            )
        )
    chart = dot_chart(
        rows,
        unit="per 1,000 words (dot: rate; line: exact Poisson 95% interval; * q < 0.05)",
        label=f"Loaded language rates, {_label(event)}",
    )
    return el("div", chart, _cut_note(n_cut, "words", "loaded.csv"), class_="fig")


def loaded_sections(results) -> list[Section]:
    loaded = _get(results, "loaded")
    if loaded is None:
        return []
    sec = Section(
        "Loaded language",
        "loaded",
        intro="Rates per 1,000 words of sensational or pejorative words, judging attribution verbs, hedges and "
        "scare quotes, per outlet, with exact Poisson 95% intervals. Each outlet is compared with the other "
        "outlets of the same event (exact binomial test, Benjamini-Hochberg q). Category totals have term '*'.",
    )
    if len(loaded) == 0:
        sec.blocks.append(el("p", "No articles to measure."))
        return [sec]
    evidence = _get(results, "loaded_evidence")
    shown, n_more = events_to_draw(results, loaded)
    sec.blocks.append(more_events_note(n_more, "loaded.csv and loaded_evidence.csv"))
    for ev in shown:
        sub = loaded[event_col(loaded) == ev]
        block = [el("h3", _label(ev)), _loaded_chart(loaded, ev)]
        terms = sub[(sub["term"] != "*") & (sub["count"] > 0)].sort_values("count", ascending=False)
        cols = ["outlet", "category", "term", "count", "per_1k", "ci_low", "ci_high", "q_value"]
        block.append(table(terms[cols], max_rows=30, name="loaded"))
        tot = sub[sub["term"] == "*"]
        sig = tot[tot["q_value"] < ALPHA]
        if len(sig):
            block.append(
                note(
                    "Rates that differ from the other outlets of the event (q < 0.05): "
                    + "; ".join(
                        f"{current().label(o)}: {c} ({r:.2f} vs {ro:.2f} per 1k)"
                        for o, c, r, ro in zip(sig["outlet"], sig["category"], sig["per_1k"], sig["rate_other"])
                    )
                )
            )
        elif len(tot):
            block.append(note("No category rate differs significantly between outlets here (all q ≥ 0.05).", "info"))
        if len(tot) and tot["too_little_data"].astype(bool).mean() > 0.5:
            block.append(note("Most category totals here rest on fewer than 5 hits: the intervals are wide.", "warn"))
        evs = _of_event(evidence, ev)
        if evs is not None and len(evs):
            evs = evs[evs["category"] != "attribution_neutral"]
        block.append(evidence_list(evs, label_columns=["category", "term"], title="Sentences", name="loaded_evidence"))
        sec.blocks.append(el("div", block, class_="event-block"))
    return [sec]


def loaded_findings(results) -> list[Finding]:
    """Category rates that differ (q < 0.05); words one outlet alone uses in an event (uncertain)."""
    loaded = _get(results, "loaded")
    if loaded is None or len(loaded) == 0:
        return []
    ctx = current()
    out = []
    tot = loaded[(loaded["term"] == "*") & (loaded["q_value"] < ALPHA) & ~loaded["too_little_data"].astype(bool)]
    for r in tot.to_dict("records"):
        if r["category"] in ("attribution_neutral", "label_neutral", "factive"):
            continue
        more = "more" if r["per_1k"] > r["rate_other"] else "less"
        others = "the other outlets of the event" if str(r["event"]) != ALL_EVENTS else "the other outlets"
        text = (
            f"{ctx.label(r['outlet'])} uses {_words(r['category'])} {more} often: {r['per_1k']:.1f} per 1,000 "
            f"words (95% CI {r['ci_low']:.1f}–{r['ci_high']:.1f}, {int(r['count'])} hits), {others} "
            f"{r['rate_other']:.1f} ({q_text(r['q_value'])})"
        )
        out.append(
            Finding(
                str(r["event"]),
                "loaded",
                text,
                "tested",
                q_score(r["q_value"]),
                evidence_rows(results, "loaded_evidence", event=r["event"], outlet=r["outlet"], category=r["category"]),
                "loaded_evidence",
                ("term",),
                (str(r["outlet"]),),
            )
        )
    # words only one outlet of an event uses: worth a look, too few to test one by one
    terms = loaded[
        (loaded["term"] != "*")
        & (loaded["count"] > 0)
        & (loaded["event"].astype(str) != ALL_EVENTS)
        & loaded["category"].isin(
            ["loaded", "delegitimising", "dehumanising", "label_pejorative", "attribution_judging"]
        )
    ]
    n_out = loaded.groupby("event")["outlet"].nunique()
    by = terms.groupby(["event", "term"])["outlet"].transform("nunique")
    alone = terms[(by == 1) & (terms["event"].map(n_out) >= 2)]
    for (ev, outlet), g in alone.groupby(["event", "outlet"], sort=True):
        parts = []
        for cat, gc in sorted(
            g.groupby("category"), key=lambda t: LOADED_CATEGORIES.index(t[0]) if t[0] in LOADED_CATEGORIES else 99
        ):
            gc = gc.sort_values(["count", "term"], ascending=[False, True])
            words = ", ".join(
                f"'{t}'" + (f" ({c}×)" if c > 1 else "") for t, c in zip(gc["term"].head(4), gc["count"].head(4))
            )
            more = f" and {len(gc) - 4} more" if len(gc) > 4 else ""
            parts.append(f"{words}{more} ({_words(cat)})")
        text = f"Only {ctx.label(outlet)} writes " + "; ".join(parts) + " in this event (too few to test word by word)"
        out.append(
            Finding(
                str(ev),
                "loaded",
                text,
                "uncertain",
                min(1.0, int(g["count"].sum()) / 10),
                evidence_rows(
                    results,
                    "loaded_evidence",
                    event=ev,
                    outlet=outlet,
                    category=set(g["category"]),
                    term=set(g["term"]),
                ),
                "loaded_evidence",
                ("term",),
                (str(outlet),),
            )
        )
    return out


# -- distinctive terms ----------------------------------------------------------------------


def _distinctive_chart(dist: pd.DataFrame, event: str, top: int = 6):
    ctx = current()
    sub = dist[event_col(dist) == event]
    if sub.empty:
        return None
    rows = []
    cols = [c for c in ("outlet", "term", "z", "q", "count", "beyond_null") if c in sub]
    best_all = sub[cols].assign(outlet=sub["outlet"].astype(str)).sort_values(["outlet", "z"], ascending=[True, False])
    for o, best in best_all.groupby("outlet", sort=True):
        for r in best.head(top).to_dict("records"):
            beyond = bool(r.get("beyond_null", False))
            rows.append(
                Row(
                    str(r["term"]),
                    [
                        Dot(
                            float(r["z"]),
                            color=ctx.outlets[o],
                            open=not beyond,
                            title=f"{r['count']} uses, {q_text(r['q'])}",
                        )
                    ],
                    group=ctx.label(o),
                )
            )
    chart = dot_chart(
        rows,
        unit="z (log-odds, informative Dirichlet prior); filled: beyond the split-half null with q < 0.05",
        label=f"Distinctive terms, {_label(event)}",
        zero_line=True,
    )
    return el("div", chart, class_="fig")


def distinctive_sections(results) -> list[Section]:
    dist = _get(results, "distinctive")
    if dist is None:
        return []
    sec = Section(
        "Distinctive terms",
        "distinctive",
        intro="Words and phrases each outlet uses more than the other outlets covering the same event "
        "(log-odds ratio with an informative Dirichlet prior, Monroe et al. 2008; Benjamini-Hochberg q over the "
        "terms), against a split-half null: the 95th percentile of |z| between two random halves of the outlet's "
        "own articles. A filled dot is beyond that null with q < 0.05; hollow ones may be chance.",
    )
    if len(dist) == 0:
        sec.blocks.append(el("p", "No outlets to compare (every event has a single outlet)."))
        return [sec]
    null = _get(results, "distinctive_null")
    shown, n_more = events_to_draw(results, dist)
    sec.blocks.append(more_events_note(n_more, "distinctive.csv and distinctive_evidence.csv"))
    dev = _get(results, "distinctive_evidence")
    for ev in shown:
        sub = dist[event_col(dist) == ev]
        block = [el("h3", _label(ev)), _distinctive_chart(dist, ev)]
        top = sub.sort_values(["outlet", "z"], ascending=[True, False]).groupby("outlet", sort=False).head(8)
        block.append(
            table(
                top[["outlet", "term", "count", "count_other", "z", "q", "null_z95"]], max_rows=60, name="distinctive"
            )
        )
        n_beyond = int(sub["beyond_null"].astype(bool).sum()) if "beyond_null" in sub else 0
        block.append(
            note(
                f"{n_beyond} of {len(sub)} listed terms have q < 0.05 and a z above the split-half 95th percentile."
                if n_beyond
                else "No listed term is beyond the split-half null with q < 0.05: differences here may be chance.",
                "info" if n_beyond else "warn",
            )
        )
        if null is not None and len(null) and ev != ALL_EVENTS:
            nn = null[event_col(null) == ev]
            if len(nn) and (nn["null_unit"] == "sentences").any():
                block.append(
                    note("Outlets with few articles here: the split-half null splits sentences, not articles.", "info")
                )
        block.append(
            evidence_list(
                _of_event(dev, ev),
                label_columns=["term"],
                title="Sentences with the top terms",
                name="distinctive_evidence",
            )
        )
        sec.blocks.append(el("div", block, class_="event-block"))
    return [sec]


def distinctive_findings(results) -> list[Finding]:
    """Per event and outlet, its terms beyond the split-half null (q < 0.05)."""
    dist = _get(results, "distinctive")
    if dist is None or len(dist) == 0 or "beyond_null" not in dist:
        return []
    ctx = current()
    out = []
    beyond = dist[dist["beyond_null"].astype(bool)]
    for (ev, outlet), g in beyond.groupby(["event", "outlet"], sort=True):
        g = g.sort_values("z", ascending=False)
        terms = ", ".join(
            f"'{t}' ({c}×, z = {z:.1f})" for t, c, z in zip(g["term"].head(3), g["count"].head(3), g["z"].head(3))
        )
        more = f" and {len(g) - 3} more" if len(g) > 3 else ""
        text = (
            f"{ctx.label(outlet)} writes {terms}{more} more than the other outlets of the event, beyond the "
            f"split-half null ({q_text(float(g['q'].max()))} or less)"
        )
        out.append(
            Finding(
                str(ev),
                "distinctive",
                text,
                "tested",
                min(1.0, float(g["z"].max()) / 10),
                evidence_rows(results, "distinctive_evidence", event=ev, outlet=outlet, term=set(g["term"].head(3))),
                "distinctive_evidence",
                ("term",),
                (str(outlet),),
            )
        )
    return out


register_section("naming", naming_sections, findings=naming_findings)
register_section("loaded", loaded_sections, findings=loaded_findings)
register_section("distinctive", distinctive_sections, findings=distinctive_findings)
