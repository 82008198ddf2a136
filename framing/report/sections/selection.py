"""Report section: selection (which facts each outlet carries) and numbers (where outlets disagree)."""

from __future__ import annotations

import pandas as pd

from ...analyses.numbers import CONFLICT, RESTATED
from ...plotting.selection import plot_coverage, plot_coverage_share, plot_numbers
from ..html import Section, el, evidence_list, figure, note, table
from ._common import events_to_draw, get_table as _get, more_events_note

__all__ = ["sections"]

#: Number-interval figures drawn at most.
MAX_NUMBER_FIGURES = 6


def sections(results) -> list[Section]:
    """The selection and numbers sections (none when neither analysis ran)."""
    out: list[Section] = []
    facts, coverage = _get(results, "facts"), _get(results, "coverage")
    if facts is not None:
        out.append(_selection(results, facts, coverage, _get(results, "facts_evidence")))
    numbers = _get(results, "numbers")
    if numbers is not None:
        out.append(_numbers(numbers, _get(results, "number_disagreements"), _get(results, "numbers_evidence")))
    return out


def _selection(results, facts: pd.DataFrame, coverage: pd.DataFrame | None, evidence: pd.DataFrame | None) -> Section:
    sec = Section(
        "Selection: facts each outlet carries",
        "selection",
        intro="Sentences of the articles of each event are aligned into facts (the same information in other "
        "words). For each outlet: which facts it carries, where (headline, lead, body), which it alone carries, "
        "and which it leaves out although most other outlets carry them. Alignment is automatic: check the "
        "sentences before drawing conclusions.",
    )
    if facts.empty:
        sec.blocks.append(el("p", "No facts: no event has articles with sentences to align."))
        return sec
    multi = facts[facts["n_outlets_event"] >= 2]
    if multi.empty:
        sec.blocks.append(note("Every event is covered by a single outlet: there is nothing to compare.", "warn"))
    if coverage is not None and len(coverage):
        sec.blocks.append(el("h3", "Coverage per outlet"))
        sec.blocks.append(figure(plot_coverage_share(coverage, event="all"), alt="Share of facts covered per outlet"))
        cols = ["event", "outlet", "n_facts_event", "n_covered", "share_covered", "n_unique", "n_omitted_common",
                "n_articles"]
        sec.blocks.append(table(coverage[cols], max_rows=60))
    # heatmaps for the largest multi-outlet events
    shown, n_more = events_to_draw(results, multi, with_all=False) if len(multi) else ([], 0)
    if shown:
        sec.blocks.append(el("h3", "Coverage maps"))
        sec.blocks.append(more_events_note(n_more, "facts.csv and coverage.csv"))
    for ev in shown:
        sec.blocks.append(figure(plot_coverage(facts, event=ev), alt=f"Coverage of facts in event {ev}",
                                 caption=f"Event {ev}: facts (columns) by outlet (rows); stars mark facts only "
                                 "this outlet carries."))
    # unique facts per outlet, with their sentences
    uniq = multi[multi["covered"] & multi["unique"]]
    if len(uniq):
        sec.blocks.append(el("h3", "Facts only one outlet carries"))
        sec.blocks.append(table(uniq[["event", "outlet", "position", "sentence", "fact_id"]]
                                .sort_values(["event", "outlet", "fact_id"]), max_rows=60))
    omitted = multi[~multi["covered"] & multi["common"]]
    if len(omitted):
        sec.blocks.append(el("h3", "Facts most other outlets carry, left out"))
        sec.blocks.append(table(omitted[["event", "outlet", "summary", "n_outlets", "n_outlets_event", "fact_id"]]
                                .sort_values(["event", "outlet", "fact_id"]), max_rows=60))
    if evidence is not None and len(evidence):
        shared_ids = set(multi.loc[multi["n_outlets"] >= 2, "fact_id"])
        ev = evidence[evidence["fact_id"].isin(shared_ids)].sort_values(["event", "fact_id", "outlet"])
        sec.blocks.append(evidence_list(ev, label_columns=["event", "fact_id", "outlet"], max_items=40,
                                        title="Shared facts, sentence by sentence"))
    return sec


def _numbers(numbers: pd.DataFrame, dis: pd.DataFrame | None, evidence: pd.DataFrame | None) -> Section:
    sec = Section(
        "Numbers: where outlets disagree",
        "numbers",
        intro="Quantities with what they count, read with their approximators ('about', 'a little over', 'less "
        "than') as intervals. Two values agree when their intervals overlap, also after multiplying values given "
        "'from each side' by the number of sides (2 by default), so '2,000 prisoners' and '1,000 from each side' "
        "agree.",
    )
    if numbers.empty:
        sec.blocks.append(el("p", "No quantities with a known counted thing were found."))
        return sec
    cols = ["event", "quantity", "outlet_a", "interval_a", "sentence_a", "outlet_b", "interval_b", "sentence_b"]
    conflicts = dis[dis["status"] == CONFLICT] if dis is not None and len(dis) else None
    if conflicts is not None and len(conflicts):
        sec.blocks.append(el("h3", "Disagreements, with both sentences"))
        sec.blocks.append(table(conflicts[cols], max_rows=60))
        top = (conflicts.groupby(["event", "quantity"]).size().sort_values(ascending=False)
               .index[:MAX_NUMBER_FIGURES])
        for ev, q in top:
            sec.blocks.append(figure(plot_numbers(numbers, event=ev, quantity=q), alt=f"{q} in event {ev}"))
    else:
        sec.blocks.append(el("p", "No outlets give incompatible values for the same quantity."))
    restated = dis[dis["status"] == RESTATED] if dis is not None and len(dis) else None
    if restated is not None and len(restated):
        sec.blocks.append(el("h3", "Same number, stated differently"))
        sec.blocks.append(el("p", "These values look different but agree once a value given per side is counted "
                                  "for every side (\"total\" gives the sum over the sides). The choice of figure is "
                                  "framing too.", class_="more"))
        sec.blocks.append(table(restated[cols], max_rows=40))
    multi = numbers.groupby(["event", "quantity"])["outlet"].transform("nunique") >= 2
    shared = numbers[multi]
    if len(shared):
        sec.blocks.append(el("h3", "Quantities given by two or more outlets"))
        sec.blocks.append(table(shared[["event", "quantity", "outlet", "text", "value_low", "value_high", "per",
                                        "total_low", "total_high", "disagrees"]], max_rows=80))
    if evidence is not None and len(evidence):
        sec.blocks.append(evidence_list(evidence, label_columns=["event", "quantity", "outlet"], max_items=40,
                                        title="Quantities in their sentences"))
    return sec
