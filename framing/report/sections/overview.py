"""Report sections: corpus overview, skipped inputs, and the event grouping."""

from __future__ import annotations

import pandas as pd

from ...plotting.overview import plot_articles_by_outlet_event, plot_articles_over_time
from ..html import Section, el, figure, note, table

__all__ = ["sections"]

#: Events whose articles are listed one by one.
MAX_EVENT_LISTS = 100


def sections(results) -> list[Section]:
    arts: pd.DataFrame = results["articles"]
    ok = arts[arts["status"] == "analyzed"]
    skipped = arts[arts["status"] == "skipped"]
    events: pd.DataFrame = results["events"]

    ov = Section("Corpus overview", "overview")
    n_dates = int(ok["date"].notna().sum())
    ov.blocks.append(
        el(
            "ul",
            el("li", f"{len(ok):,} articles analysed from {ok['outlet'].nunique():,} outlets"),
            el("li", f"{len(skipped):,} inputs skipped (listed below with reasons)"),
            el("li", f"{events['event'].nunique() if len(events) else 0:,} events "
                     f"({results.corpus.event_method or 'none'} grouping)"),
            el("li", f"{n_dates:,} articles with a date"),
            class_="facts",
        )
    )
    if len(ok):
        ov.blocks.append(figure(plot_articles_by_outlet_event(ok), alt="Articles per outlet and event"))
        if n_dates:
            ov.blocks.append(figure(plot_articles_over_time(ok), alt="Articles over time"))
    guessed = ok[ok["guessed"].astype(str) != ""]
    if len(guessed):
        ov.blocks.append(
            note(
                f"{len(guessed):,} articles have guessed fields (title or outlet), marked in the 'guessed' column. "
                "Check them below; correct them with a sidecar metadata.csv, front matter, or an outlet column.",
                "warn",
            )
        )
    ov.blocks.append(
        el("h3", "Articles"),
    )
    ov.blocks.append(table(ok[["id", "outlet", "title", "date", "event", "n_words", "guessed"]], max_rows=200))

    sk = Section("Skipped inputs", "skipped", intro="Every input is either analysed or listed here with its reason.")
    if len(skipped):
        sk.blocks.append(table(skipped[["source", "id", "reason"]], max_rows=200))
    else:
        sk.blocks.append(el("p", "None: every input was analysed."))

    ev = Section(
        "Events",
        "events",
        intro="Articles grouped into events; outlets are compared within each event first. "
        "Check the grouping: if it is wrong, give an event column or change --event-threshold.",
    )
    if len(events):
        ev.blocks.append(table(events, max_rows=100))
        single = events[events["n_outlets"] < 2]
        if len(single):
            ev.blocks.append(
                note(f"{len(single):,} events are covered by a single outlet: nothing to compare within them.", "warn")
            )
        groups = ok.groupby("event", sort=True)
        if groups.ngroups > MAX_EVENT_LISTS:
            ev.blocks.append(el("p", f"Articles are listed for the first {MAX_EVENT_LISTS} of {groups.ngroups:,} "
                                     "events; articles.csv gives the event of every article.", class_="more"))
        for i, (name, group) in enumerate(groups):
            if i >= MAX_EVENT_LISTS:
                break
            ev.blocks.append(
                el(
                    "details",
                    el("summary", f"{name}: {len(group)} articles"),
                    table(group[["id", "outlet", "title", "date"]], max_rows=100),
                )
            )
    return [ov, sk, ev]
