"""Report sections: corpus overview, skipped inputs, and the event grouping."""

from __future__ import annotations

import pandas as pd

from ..context import current
from ..html import Html, Section, el, note, table
from ..svg import Dot, Row, dot_chart

__all__ = ["sections"]

#: Events whose articles are listed one by one.
MAX_EVENT_LISTS = 50


def sections(results) -> list[Section]:
    arts: pd.DataFrame = results["articles"]
    ok = arts[arts["status"] == "analyzed"]
    skipped = arts[arts["status"] == "skipped"]
    events: pd.DataFrame = results["events"]

    ov = Section("Corpus overview", "overview", open=False)
    n_dates = int(ok["date"].notna().sum())
    ov.blocks.append(
        el(
            "ul",
            el("li", f"{len(ok):,} articles analysed from {ok['outlet'].nunique():,} outlets"),
            el("li", f"{len(skipped):,} inputs skipped (listed below with reasons)"),
            el(
                "li",
                f"{events['event'].nunique() if len(events) else 0:,} events "
                f"({results.corpus.event_method or 'none'} grouping)",
            ),
            el("li", f"{n_dates:,} articles with a date"),
            class_="facts",
        )
    )
    if len(ok):
        ov.blocks.append(_articles_chart(ok))
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
    ov.blocks.append(
        table(ok[["id", "outlet", "title", "date", "event", "n_words", "guessed"]], max_rows=200, name="articles")
    )

    sk = Section(
        "Skipped inputs",
        "skipped",
        intro="Every input is either analysed or listed here with its reason.",
        open=bool(len(skipped)),
    )
    if len(skipped):
        sk.blocks.append(table(skipped[["source", "id", "reason"]], max_rows=200, name="articles"))
    else:
        sk.blocks.append(el("p", "None: every input was analysed."))

    ev = Section(
        "Events",
        "events",
        intro="Articles grouped into events; outlets are compared within each event first. "
        "Check the grouping: if it is wrong, give an event column or change --event-threshold.",
        open=False,
    )
    if len(events):
        ev.blocks.append(table(events, max_rows=100, name="events"))
        single = events[events["n_outlets"] < 2]
        if len(single):
            ev.blocks.append(
                note(f"{len(single):,} events are covered by a single outlet: nothing to compare within them.", "warn")
            )
        groups = ok.groupby("event", sort=True)
        if groups.ngroups > MAX_EVENT_LISTS:
            ev.blocks.append(
                el(
                    "p",
                    f"Articles are listed for the first {MAX_EVENT_LISTS} of {groups.ngroups:,} "
                    "events; articles.csv gives the event of every article.",
                    class_="more",
                )
            )
        for i, (name, group) in enumerate(groups):
            if i >= MAX_EVENT_LISTS:
                break
            ev.blocks.append(
                el(
                    "details",
                    el("summary", f"{name}: {len(group)} articles"),
                    table(group[["id", "outlet", "title", "date"]], max_rows=30, name="articles"),
                )
            )
    return [ov, sk, ev]


#: Outlets drawn one by one in the articles chart; the others are one row.
MAX_OUTLET_ROWS = 30


def _articles_chart(ok: pd.DataFrame) -> Html:
    """Articles per outlet (dots on a whole-number axis), with its number of events in the label."""
    ctx = current()
    per = ok.groupby(ok["outlet"].astype(str)).agg(n=("id", "size"), ev=("event", "nunique"))
    per = per.sort_values("n", ascending=False, kind="stable")
    rows = [
        Row(f"{ctx.label(o)} ({int(r.ev)} event{'s' if r.ev != 1 else ''})", [Dot(float(r.n), color=ctx.outlets[o])])
        for o, r in per.head(MAX_OUTLET_ROWS).iterrows()
    ]
    rest = per.iloc[MAX_OUTLET_ROWS:]
    if len(rest):
        rows.append(
            Row(
                f"{len(rest):,} other outlets (mean)",
                [Dot(float(rest["n"].mean()), float(rest["n"].min()), float(rest["n"].max()), "#888888")],
            )
        )
    return el(
        "div", dot_chart(rows, unit="articles analysed", label="Articles per outlet", integer=True, lo=0), class_="fig"
    )
