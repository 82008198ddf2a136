"""Report sections for word choice: naming variants, loaded language, distinctive terms.

Each section shows, per event and corpus-wide, a figure with the evidence
sentences beside it, a compact table, and notes on significance and on rows with
too little data. A section is left out when its table is missing (the analysis
was not run) and says so when the table is empty.
"""

from __future__ import annotations

import pandas as pd

from ...analyses.base import ALL_EVENTS
from ...plotting.word_choice import plot_distinctive, plot_loaded, plot_naming
from ..html import Section, el, evidence_list, figure, note, table
from ._common import event_label as _label
from ._common import events_to_draw, get_table as _get, more_events_note

__all__ = ["sections"]

def _evidence_for(ev_table: pd.DataFrame | None, event: str) -> pd.DataFrame | None:
    if ev_table is None or len(ev_table) == 0:
        return ev_table
    return ev_table if event == ALL_EVENTS else ev_table[ev_table["event"].astype(str) == event]


def _naming_section(results) -> Section | None:
    naming = _get(results, "naming")
    if naming is None:
        return None
    sec = Section(
        "Naming variants",
        "naming",
        intro="Which spelling or label each outlet uses for the same place, person or thing (Kyiv or Kiev; "
        "invasion, conflict or special military operation), within each event and corpus-wide. "
        "Shares are of the group's mentions by that outlet, with Wilson 95% intervals; the test asks whether "
        "the choice depends on the outlet (Fisher or chi-square, Benjamini-Hochberg q over all tests).",
    )
    if len(naming) == 0:
        sec.blocks.append(el("p", "No naming variants were found in these articles."))
        return sec
    tests = _get(results, "naming_tests")
    evidence = _get(results, "naming_evidence")
    shown, n_more = events_to_draw(results, naming)
    sec.blocks.append(more_events_note(n_more, "naming.csv and naming_evidence.csv"))
    for ev in shown:
        sub = naming[naming["event"].astype(str) == ev]
        block = [el("h3", _label(ev))]
        block.append(figure(plot_naming(naming, event=ev), alt=f"Naming variants by outlet, {_label(ev)}"))
        used = sub[sub["count"] > 0]
        compact = used[["outlet", "group", "variant", "count", "share", "ci_low", "ci_high", "source"]]
        block.append(table(compact, max_rows=40))
        if tests is not None and len(tests):
            t = tests[(tests["event"].astype(str) == ev) & (tests["method"] != "n/a")]
            sig = t[t["q_value"] < 0.05]
            if len(sig):
                block.append(
                    note("Variant choice depends on the outlet (q < 0.05) for: "
                         + ", ".join(f"{g} (q = {q:.3g})" for g, q in zip(sig["group"], sig["q_value"])))
                )
            small = t[t["too_little_data"]]
            if len(small):
                block.append(note(f"{len(small)} group(s) have fewer than 5 mentions here: read their shares with care.", "warn"))
        block.append(evidence_list(_evidence_for(evidence, ev), label_columns=["outlet", "group", "variant"], title="Sentences"))
        sec.blocks.append(el("div", block, class_="event-block"))
    cand = _get(results, "naming_candidates")
    if cand is not None and len(cand):
        sec.blocks.append(el("h3", "Variants discovered in the corpus (not in any lexicon)"))
        sec.blocks.append(
            el("p", "Close spellings used by different outlets (complementarity: share of mentions by outlets that use "
                    "only one of the two; context similarity: cosine of the surrounding words). Accepted pairs are "
                    "counted above with source 'discovered'; check them: a close spelling can be another name.",
               class_="more")
        )
        cols = ["term_a", "term_b", "similarity", "count_a", "count_b", "outlets_a", "outlets_b",
                "complementarity", "context_similarity", "in_lexicon", "accepted", "examples"]
        sec.blocks.append(table(cand[[c for c in cols if c in cand.columns]], max_rows=25))
    sw = _get(results, "naming_switches")
    if sw is not None and len(sw):
        sec.blocks.append(el("h3", "Switches over time"))
        sec.blocks.append(table(sw, max_rows=30))
    return sec


def _loaded_section(results) -> Section | None:
    loaded = _get(results, "loaded")
    if loaded is None:
        return None
    sec = Section(
        "Loaded language",
        "loaded",
        intro="Rates per 1,000 words of sensational or pejorative words, judging and neutral attribution verbs, "
        "hedges, factives and scare quotes, per outlet, with exact Poisson 95% intervals. Each outlet is compared "
        "with the other outlets of the same event (exact binomial test, Benjamini-Hochberg q). Category totals "
        "have term '*'.",
    )
    if len(loaded) == 0:
        sec.blocks.append(el("p", "No articles to measure."))
        return sec
    evidence = _get(results, "loaded_evidence")
    shown, n_more = events_to_draw(results, loaded)
    sec.blocks.append(more_events_note(n_more, "loaded.csv and loaded_evidence.csv"))
    for ev in shown:
        sub = loaded[loaded["event"].astype(str) == ev]
        block = [el("h3", _label(ev)), figure(plot_loaded(loaded, event=ev), alt=f"Loaded language rates, {_label(ev)}")]
        terms = sub[(sub["term"] != "*") & (sub["count"] > 0)].sort_values("count", ascending=False)
        block.append(table(terms[["outlet", "category", "term", "count", "per_1k", "ci_low", "ci_high", "q_value"]], max_rows=30))
        tot = sub[sub["term"] == "*"]
        sig = tot[tot["q_value"] < 0.05]
        if len(sig):
            block.append(
                note("Rates that differ from the other outlets of the event (q < 0.05): "
                     + "; ".join(f"{o}: {c} ({r:.2f} vs {ro:.2f} per 1k)" for o, c, r, ro in
                                 zip(sig["outlet"], sig["category"], sig["per_1k"], sig["rate_other"])))
            )
        elif len(tot):
            block.append(note("No category rate differs significantly between outlets here (all q ≥ 0.05).", "info"))
        if len(tot) and tot["too_little_data"].mean() > 0.5:
            block.append(note("Most category totals here rest on fewer than 5 hits: the intervals are wide.", "warn"))
        evs = _evidence_for(evidence, ev)
        if evs is not None and len(evs):
            evs = evs[evs["category"] != "attribution_neutral"]
        block.append(evidence_list(evs, label_columns=["outlet", "category", "term"], title="Sentences"))
        sec.blocks.append(el("div", block, class_="event-block"))
    return sec


def _distinctive_section(results) -> Section | None:
    dist = _get(results, "distinctive")
    if dist is None:
        return None
    sec = Section(
        "Distinctive terms",
        "distinctive",
        intro="Words and phrases each outlet uses more than the other outlets covering the same event "
        "(log-odds ratio with an informative Dirichlet prior, Monroe et al. 2008; Benjamini-Hochberg q over "
        "the terms). The dashed line is the 95th percentile of |z| between two random halves of the outlet's "
        "own articles: z-scores below it arise by chance.",
    )
    if len(dist) == 0:
        sec.blocks.append(el("p", "No outlets to compare (every event has a single outlet)."))
        return sec
    null = _get(results, "distinctive_null")
    shown, n_more = events_to_draw(results, dist)
    sec.blocks.append(more_events_note(n_more, "distinctive.csv and distinctive_evidence.csv"))
    for ev in shown:
        sub = dist[dist["event"].astype(str) == ev]
        block = [el("h3", _label(ev)), figure(plot_distinctive(dist, event=ev), alt=f"Distinctive terms, {_label(ev)}")]
        top = sub.sort_values(["outlet", "z"], ascending=[True, False]).groupby("outlet", sort=False).head(8)
        block.append(table(top[["outlet", "term", "count", "count_other", "z", "q", "null_z95"]], max_rows=60))
        n_beyond = int(sub["beyond_null"].sum()) if "beyond_null" in sub else 0
        block.append(
            note(f"{n_beyond} of {len(sub)} listed terms have q < 0.05 and a z above the split-half 95th percentile."
                 if n_beyond else "No listed term is beyond the split-half null with q < 0.05: differences here may be chance.",
                 "info" if n_beyond else "warn")
        )
        if "too_little_data" in sub and sub["too_little_data"].mean() > 0.5:
            block.append(note("Most listed terms are counted fewer than 5 times in their outlet.", "warn"))
        if null is not None and len(null) and ev != ALL_EVENTS:
            nn = null[null["event"].astype(str) == ev]
            if len(nn) and (nn["null_unit"] == "sentences").any():
                block.append(note("Outlets with few articles here: the split-half null splits sentences, not articles.", "info"))
        dev = _get(results, "distinctive_evidence")
        if dev is not None and len(dev):
            dev = dev[dev["event"].astype(str) == ev]
        block.append(evidence_list(dev, label_columns=["outlet", "term"], title="Sentences with the top terms"))
        sec.blocks.append(el("div", block, class_="event-block"))
    return sec


def sections(results) -> list[Section]:
    """The naming, loaded-language and distinctive-terms sections (those whose tables exist)."""
    out = []
    for make in (_naming_section, _loaded_section, _distinctive_section):
        s = make(results)
        if s is not None:
            out.append(s)
    return out
