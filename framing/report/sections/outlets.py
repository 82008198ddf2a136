"""Outlet profiles (a card per outlet across events) and, when a grouping is given, group profiles.

A card reads only the analyses' corpus-wide and per-event rows: the variants the outlet
prefers where outlets differ, its loaded-language rate beside the other outlets' with
intervals, the sides it quotes, the facts it alone carries or leaves out, and links to
the findings about it.
"""

from __future__ import annotations

import pandas as pd

from ...groups import group_profiles
from ..context import current
from ..findings import Finding
from ..html import Html, Section, el, join, table
from ..svg import Dot, Row, dot_chart
from ._common import event_col
from ._common import get_table as _get

__all__ = ["MAX_CARDS", "outlet_section"]

#: Outlets given a card (most articles first); the others are in one table.
MAX_CARDS = 24


def _preferred_all(naming: pd.DataFrame | None) -> dict[str, str]:
    """Per outlet: the variant it uses most in each group where outlets differ (corpus-wide rows)."""
    if naming is None or len(naming) == 0:
        return {}
    alln = naming[(event_col(naming) == "all") & (naming["count"] > 0)]
    contested = alln.groupby("group")["variant"].nunique()
    mine = alln[alln["group"].isin(set(contested[contested >= 2].index))][["outlet", "group", "variant", "count"]]
    mine = mine.assign(outlet=mine["outlet"].astype(str))
    total = mine.groupby(["outlet", "group"])["count"].transform("sum")
    mine = mine.assign(n=total).sort_values(["outlet", "n", "group", "count"], ascending=[True, False, True, False])
    top = mine.drop_duplicates(["outlet", "group"])  # the most used variant per outlet and group
    # only where the outlet's choice is not the one most outlets make
    votes = top.groupby(["group", "variant"]).agg(outlets=("outlet", "size"), mentions=("count", "sum")).reset_index()
    majority = (
        votes.sort_values(["group", "outlets", "mentions"], ascending=[True, False, False])
        .drop_duplicates("group")
        .set_index("group")["variant"]
    )
    top = top[top["variant"].to_numpy() != top["group"].map(majority).to_numpy()]
    out: dict[str, list[str]] = {}
    for o, v, c, n in zip(top["outlet"].tolist(), top["variant"].tolist(), top["count"].tolist(), top["n"].tolist()):
        got = out.setdefault(o, [])
        if len(got) < 6:
            got.append(f"{v} ({int(c)} of {int(n)})")
    return {o: ", ".join(v) for o, v in out.items()}


def _sides(voice: pd.DataFrame | None, outlet: str) -> str:
    if voice is None or len(voice) == 0:
        return ""
    v = voice[(event_col(voice) == "all") & (voice["outlet"].astype(str) == outlet) & (voice["n_quotes"] > 0)]
    if v.empty:
        return "no quotations"
    v = v.sort_values("n_quotes", ascending=False)
    n = int(v["n_outlet_quotes"].iloc[0])
    shown = [(side, sh) for side, sh in zip(v["side"].fillna("unknown"), v["share_quotes"]) if sh >= 0.005]
    return ", ".join(f"{side} {sh:.0%}" for side, sh in shown) + f" ({n} quotes)"


def _facts(cov: pd.DataFrame | None, outlet: str) -> str:
    if cov is None or len(cov) == 0:
        return ""
    c = cov[(cov["event"].astype(str) != "all") & (cov["outlet"].astype(str) == outlet) & (cov["n_outlets_event"] >= 2)]
    if c.empty:
        return "no event shared with another outlet"
    return (
        f"carries {int(c['n_unique'].sum())} facts no other outlet of its events carries; leaves out "
        f"{int(c['n_omitted_common'].sum())} that most others carry ({len(c)} shared events)"
    )


def _loaded_chart(results, outlets: list[str], labels: dict[str, str]) -> Html | None:
    loaded = _get(results, "loaded")
    ctx = current()
    if loaded is None or len(loaded) == 0:
        return None
    lr = loaded[(event_col(loaded) == "all") & (loaded["term"] == "*") & (loaded["category"] == "loaded")]
    lr = lr[lr["outlet"].astype(str).isin(outlets)].sort_values("per_1k", ascending=False)
    if lr.empty:
        return None
    rows = [
        Row(
            labels.get(str(r["outlet"]), ctx.label(r["outlet"])),
            [
                Dot(
                    float(r["per_1k"]),
                    float(r["ci_low"]),
                    float(r["ci_high"]),
                    ctx.outlets[r["outlet"]],
                    title=f"{int(r['count'])} in {int(r['n_words']):,} words",
                )
            ],
            mark="*" if r["q_value"] == r["q_value"] and r["q_value"] < 0.05 else "",
        )
        for r in lr.to_dict("records")
    ]
    return el(
        "div",
        dot_chart(
            rows,
            unit="loaded words per 1,000 words, all events (95% exact Poisson interval; "
            "* differs from the other outlets, q < 0.05)",
            label="Loaded-language rate per outlet",
        ),
        class_="fig",
    )


def outlet_section(results, findings: list[Finding]) -> Section | None:
    """The outlet (and group) profiles; None when there are no articles."""
    ctx = current()
    arts = results["articles"]
    ok = arts[arts["status"] == "analyzed"]
    if ok.empty:
        return None
    sec = Section(
        "Outlets",
        "outlets",
        intro="A card per outlet across events (most articles first): the variants it prefers where "
        "outlets differ, its loaded-language rate beside the others', the sides it quotes, the facts it "
        "alone carries or leaves out, and the findings about it.",
    )
    naming, voice, cov, loaded = (_get(results, n) for n in ("naming", "voice_share", "coverage", "loaded"))
    # the rows the cards read, cut once (the tables can be large)
    preferred = _preferred_all(naming)
    if voice is not None and len(voice):
        voice = voice[event_col(voice) == "all"]
    if cov is not None and len(cov):
        cov = cov[event_col(cov) != "all"]
    loaded_rates: dict[str, dict] = {}
    if loaded is not None and len(loaded):
        lr_all = loaded[(event_col(loaded) == "all") & (loaded["term"] == "*") & (loaded["category"] == "loaded")]
        loaded_rates = {str(r["outlet"]): r for r in lr_all.to_dict("records")}
    per = ok.groupby(ok["outlet"].astype(str)).agg(n=("id", "size"), ev=("event", "nunique"))
    per = per.sort_values("n", ascending=False, kind="stable")
    about: dict[str, list[Finding]] = {}
    for f in findings:
        if f.anchor:
            for o in f.outlets:
                about.setdefault(str(o), []).append(f)
    chart = _loaded_chart(results, per.index[:40].tolist(), {})
    if chart is not None:
        sec.blocks.append(chart)
    cards = []
    for o in per.index[:MAX_CARDS]:
        lr = loaded_rates.get(o)
        items = [
            el(
                "li",
                f"{int(per.loc[o, 'n'])} articles in {int(per.loc[o, 'ev'])} events"
                + (f"; group: {ctx.groups[o]}" if o in ctx.groups else ""),
            )
        ]
        pref = preferred.get(o, "")
        if pref:
            items.append(el("li", el("b", "Prefers, unlike most outlets: "), pref))
        if lr is not None:
            items.append(
                el(
                    "li",
                    el("b", "Loaded words: "),
                    f"{lr['per_1k']:.1f} per 1,000 (95% CI {lr['ci_low']:.1f}–{lr['ci_high']:.1f}); "
                    f"other outlets {lr['rate_other']:.1f}",
                )
            )
        sides = _sides(voice, o)
        if sides:
            items.append(el("li", el("b", "Quotes: "), sides))
        facts = _facts(cov, o)
        if facts:
            items.append(el("li", el("b", "Facts: "), facts))
        fs = about.get(o, [])
        if fs:
            first: dict[tuple[str, str], list[Finding]] = {}
            for f in fs:
                first.setdefault((f.event, f.analysis), []).append(f)
            chips = [
                el(
                    "a",
                    f"{'all events' if ev == 'all' else ev}: {an}" + (f" ×{len(g)}" if len(g) > 1 else ""),
                    href=f"#{g[0].anchor}",
                    class_="chip",
                )
                for (ev, an), g in first.items()
            ]
            items.append(el("li", el("b", "Findings: "), join(chips, " ")))
        cards.append(
            el(
                "div",
                el("h3", el("span", "", class_="sw", style=f"background:{ctx.outlets[o]}"), ctx.label(o)),
                el("ul", items),
                class_="card",
                id=ctx.anchor(f"outlet-{o}"),
            )
        )
    sec.blocks.append(el("div", cards, class_="cards"))
    if len(per) > MAX_CARDS:
        rest = per.iloc[MAX_CARDS:].reset_index().rename(columns={"n": "articles", "ev": "events"})
        sec.blocks.append(el("p", f"{len(rest):,} more outlets:", class_="more"))
        sec.blocks.append(table(rest, max_rows=200, name="articles"))
    if ctx.groups:
        sec.blocks.append(_groups_block(results))
    return sec


def _groups_block(results) -> Html:
    ctx = current()
    prof = group_profiles(results, ctx.groups)
    parts = [el("h3", f"Outlet groups ({ctx.group_by})" if ctx.group_by else "Outlet groups")]
    if prof.empty:
        parts.append(el("p", "No analysed outlet belongs to a group.", class_="more"))
        return el("div", parts, id="groups")
    rows = [
        Row(
            f"{r['group']} ({r['n_outlets']} outlets)",
            [
                Dot(
                    float(r["loaded_per_1k"]),
                    float(r["loaded_ci_low"]),
                    float(r["loaded_ci_high"]),
                    "#555555",
                    title=f"{r['loaded_count']} in {r['n_words']:,} words",
                )
            ],
        )
        for r in prof.to_dict("records")
        if r["n_words"]
    ]
    if rows:
        parts.append(
            el(
                "div",
                dot_chart(
                    rows,
                    unit="loaded words per 1,000 words, all events (95% exact Poisson interval)",
                    label="Loaded-language rate per group",
                ),
                class_="fig",
            )
        )
    shown = prof.drop(columns=["outlets"]).assign(outlets=prof["outlets"].str.slice(0, 120))
    parts.append(table(shown, max_rows=50, name="outlet_groups"))
    return el("div", parts, id="groups")
