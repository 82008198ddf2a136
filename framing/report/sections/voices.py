"""Report sections and findings for voices (who is quoted, with which verb) and actors."""

from __future__ import annotations

import pandas as pd

from ..context import current
from ..findings import Finding, and_list, evidence_rows
from ..html import Html, Section, el, evidence_list, note, table
from ..svg import Bar, Dot, Row, bar_chart, dot_chart, legend
from ._common import event_col, events_to_draw, more_events_note
from ._common import event_label as _label
from ._common import get_table as _get
from .registry import register_section

__all__ = ["actors_sections", "quotes_findings", "quotes_sections"]

#: Articles listed in the "which side each article quotes" table.
MAX_ARTICLE_ROWS = 100
_NO_SIDE = {"", "unknown", "mixed"}


def _who_quotes(quotes: pd.DataFrame, limit: int = MAX_ARTICLE_ROWS) -> tuple[pd.DataFrame, int]:
    """One row per article (the first ``limit`` by event, outlet, id): the sides and speakers it quotes.

    Also returns the number of articles with quotations.
    """
    q = quotes[quotes["kind"] != "scare"]
    keys = q[["event", "outlet", "article_id"]].drop_duplicates().sort_values(["event", "outlet", "article_id"])
    n_total = len(keys)
    q = q[q["article_id"].isin(set(keys["article_id"].head(limit)))]
    rows = []
    for (event, outlet, aid), g in q.groupby(["event", "outlet", "article_id"], sort=True):
        sides = g["side"].replace("", "unknown").value_counts()
        speakers = [s for s in dict.fromkeys(g["actor"].where(g["actor"].astype(bool), g["speaker"])) if s]
        rows.append(
            {
                "event": event,
                "outlet": outlet,
                "article_id": aid,
                "sides quoted": ", ".join(f"{s} ({n})" for s, n in sides.items()),
                "speakers": "; ".join(speakers[:8]) + (" …" if len(speakers) > 8 else ""),
                "judging verbs": ", ".join(sorted(set(g.loc[g["judging"].astype(bool), "verb"])))
                if "judging" in g
                else "",
                "anonymous": int(g["anonymous"].sum()),
            }
        )
    return pd.DataFrame(rows), n_total


def _voice_chart(voice: pd.DataFrame, event: str, max_outlets: int = 30) -> Html | None:
    ctx = current()
    df = voice[event_col(voice) == event]
    if df.empty:
        return None
    totals = df.groupby("outlet")["n_quotes"].sum().sort_values(ascending=False)
    bars, seen = [], {}
    for outlet in sorted(totals.index[:max_outlets], key=str):
        rows = df[df["outlet"] == outlet]
        n = int(rows["n_quotes"].sum())
        parts = [(str(s), float(v), ctx.sides[s]) for s, v in zip(rows["side"].fillna("unknown"), rows["share_quotes"])]
        seen.update({k: c for k, _, c in parts})
        bars.append(Bar(ctx.label(outlet), parts, note=f"{n} quotes"))
    chart = bar_chart(
        bars, unit="share of the outlet's quotes, by the speaker's side", label=f"Voices, {_label(event)}"
    )
    more = (
        el("p", f"The {max_outlets} outlets with the most quotes of {len(totals):,} are drawn.", class_="more")
        if len(totals) > max_outlets
        else None
    )
    return el("div", chart, legend(seen, title="side"), more, class_="fig")


def quotes_sections(results) -> list[Section]:
    quotes, voice, verbs = _get(results, "quotes"), _get(results, "voice_share"), _get(results, "verbs_by_side")
    if quotes is None and voice is None:
        return []
    ctx = current()
    sec = Section(
        "Voices: who is quoted",
        "voices",
        intro="Quotations (direct, partial and indirect speech) with their speaker, the speaker's side and the verb "
        "that introduces them. Scare quotes (a short quoted phrase with no speaker) are listed but left out of the "
        "shares. Shares carry a 95% Wilson interval; rows with fewer than 5 quotes per outlet are flagged "
        "too_little_data.",
    )
    if quotes is None or quotes.empty:
        sec.blocks.append(el("p", "No quotations found."))
        return [sec]
    if voice is not None and len(voice):
        shown, n_more = events_to_draw(results, voice)
        sec.blocks.append(more_events_note(n_more, "voice_share.csv"))
        for ev in shown:
            sec.blocks.append(el("h3", f"Whose voice: {_label(ev)}"))
            sec.blocks.append(_voice_chart(voice, ev))
        sec.blocks.append(el("h3", "Share of voice per outlet and side"))
        sec.blocks.append(table(voice, max_rows=120, name="voice_share"))
    sec.blocks.append(el("h3", "Which side each article quotes"))
    who, n_articles = _who_quotes(quotes)
    sec.blocks.append(table(who, max_rows=MAX_ARTICLE_ROWS))
    if n_articles > len(who):
        sec.blocks.append(
            el(
                "p",
                f"Showing {len(who)} of {n_articles:,} articles with quotations; {ctx.csv_hint('quotes')}.",
                class_="more",
            )
        )
    if verbs is not None and len(verbs):
        judged = verbs[verbs["judging"].astype(bool) & (verbs["event"] != "all")]
        sec.blocks.append(el("h3", "Judging verbs of saying, by side"))
        if len(judged):
            sec.blocks.append(
                table(
                    judged[["event", "outlet", "side", "verb_lemma", "count", "share"]],
                    max_rows=60,
                    name="verbs_by_side",
                )
            )
        else:
            sec.blocks.append(el("p", "No outlet introduces a quotation with a judging verb.", class_="more"))
    voiced = quotes[quotes["kind"] != "scare"].assign(match=lambda d: d["quote"])
    sec.blocks.append(
        evidence_list(
            voiced,
            label_columns=["speaker", "side", "verb", "kind"],
            max_items=60,
            title="Quotations with speaker and verb",
            name="quotes",
        )
    )
    scare = quotes[quotes["kind"] == "scare"].assign(match=lambda d: d["quote"])
    if len(scare):
        sec.blocks.append(
            evidence_list(scare, label_columns=["kind"], max_items=30, title="Scare quotes (no speaker)", name="quotes")
        )
    return [sec]


def quotes_findings(results) -> list[Finding]:
    """Outlets that quote only one side while others quote several; judging verbs, by side."""
    voice, quotes = _get(results, "voice_share"), _get(results, "quotes")
    out: list[Finding] = []
    ctx = current()
    if voice is not None and len(voice):
        v = voice[(voice["event"].astype(str) != "all") & ~voice["side"].fillna("").isin(_NO_SIDE)]
        n_sides = v[v["n_quotes"] > 0].groupby(["event", "outlet"])["side"].nunique()
        for ev, s in n_sides.groupby(level=0):
            s = s.droplevel(0)
            if (s >= 2).sum() == 0:
                continue
            for outlet in s[s == 1].index:
                row = v[(v["event"] == ev) & (v["outlet"] == outlet) & (v["n_quotes"] > 0)].iloc[0]
                n_all = int(row["n_outlet_quotes"])
                if int(row["n_quotes"]) < 3:
                    continue
                others = [ctx.label(o) for o in s[s >= 2].index]
                text = (
                    f"{ctx.label(outlet)} quotes only one side, {row['side']} ({int(row['n_quotes'])} of its "
                    f"{n_all} quotes), where {and_list(others)} quote{'s' if len(others) == 1 else ''} "
                    "two or more"
                )
                out.append(
                    Finding(
                        str(ev),
                        "quotes",
                        text,
                        "observed",
                        0.6 + min(0.2, int(row["n_quotes"]) / 50),
                        evidence_rows(results, "quotes_evidence", event=ev, outlet=outlet),
                        "quotes_evidence",
                        ("speaker", "side", "verb_lemma"),
                        (str(outlet),),
                    )
                )
    if quotes is not None and len(quotes) and "judging" in quotes:
        j = quotes[quotes["judging"].astype(bool) & (quotes["kind"] != "scare")]
        for (ev, outlet), g in j.groupby(["event", "outlet"], sort=True):
            parts = []
            for side, gs in g.groupby(g["side"].replace("", "unknown"), sort=True):
                verbs = ", ".join(f"'{v}'" for v in dict.fromkeys(gs["verb"].astype(str)))
                n_side = int(
                    (
                        (quotes["event"] == ev)
                        & (quotes["outlet"] == outlet)
                        & (quotes["side"].replace("", "unknown") == side)
                        & (quotes["kind"] != "scare")
                    ).sum()
                )
                who = "speakers of no known side" if side in _NO_SIDE else side
                parts.append(f"{verbs} for {who} ({len(gs)} of {n_side} quotes)")
            text = f"{ctx.label(outlet)} introduces quotations with judging verbs: " + "; ".join(parts)
            out.append(
                Finding(
                    str(ev),
                    "quotes",
                    text,
                    "observed",
                    0.35 + min(0.2, len(g) / 20),
                    evidence_rows(
                        results, "quotes_evidence", event=ev, outlet=outlet, verb_lemma=set(g["verb_lemma"].astype(str))
                    ),
                    "quotes_evidence",
                    ("speaker", "side", "verb_lemma"),
                    (str(outlet),),
                )
            )
    return out


def _tone_chart(actors: pd.DataFrame, event: str, top: int = 8) -> Html | None:
    ctx = current()
    df = actors[(event_col(actors) == event) & actors["tone"].notna()]
    if df.empty:
        return None
    keep = df.groupby("actor")["mentions"].sum().sort_values(ascending=False).head(top).index.tolist()
    rows = []
    order = {a: i for i, a in enumerate(keep)}
    sub_all = df[df["actor"].isin(order)][["actor", "outlet", "tone", "ci_low", "ci_high", "mentions"]]
    recs = sorted(sub_all.to_dict("records"), key=lambda r: (order[r["actor"]], str(r["outlet"])))
    for r in recs:
        lo = r["ci_low"] if r["ci_low"] == r["ci_low"] else None
        hi = r["ci_high"] if r["ci_high"] == r["ci_high"] else None
        dot = Dot(float(r["tone"]), lo, hi, ctx.outlets[r["outlet"]], title=f"{r['mentions']} mentions")
        rows.append(Row(ctx.label(r["outlet"]), [dot], group=str(r["actor"])))
    chart = dot_chart(
        rows,
        unit="mean tone of the sentences naming the actor (VADER compound, 95% t-interval)",
        label=f"Actor tone, {_label(event)}",
        lo=-1,
        hi=1,
        zero_line=True,
    )
    return el("div", chart, class_="fig")


def actors_sections(results) -> list[Section]:
    actors = _get(results, "actors")
    if actors is None:
        return []
    sec = Section(
        "Actors: how each is portrayed",
        "actors",
        intro="Actors from the packaged lexicon and capitalised names (name variants merged). Tone is the tone of the words "
        "about the actor (VADER valences within its clause; what it says is not tone about it), averaged over the "
        "sentences naming it, with a 95% t-interval; agent_harm and target_harm count "
        "sentences where the actor does or suffers a harmful act; role follows SemEval-2025 Task 10 (protagonist, "
        "antagonist, innocent) and stays empty when the evidence is thin.",
    )
    if actors.empty:
        sec.blocks.append(el("p", "No actors found."))
        return [sec]
    if actors["tone"].isna().all():
        sec.blocks.append(note("Tone is empty: install the tone extra (pip install 'framing[tone]').", "warn"))
    else:
        shown, n_more = events_to_draw(results, actors, limit=4)
        sec.blocks.append(more_events_note(n_more, "actors.csv and actors_evidence.csv"))
        for ev in shown:
            sec.blocks.append(el("h3", f"Tone: {_label(ev)}"))
            sec.blocks.append(_tone_chart(actors, ev))
    per_event = actors[actors["event"] != "all"]
    cols = [
        "event",
        "outlet",
        "actor",
        "side",
        "mentions",
        "tone",
        "ci_low",
        "ci_high",
        "agent_harm",
        "target_harm",
        "role",
        "aliases_seen",
        "too_little_data",
    ]
    sec.blocks.append(table(per_event[[c for c in cols if c in per_event]], max_rows=150, name="actors"))
    ev_tab = _get(results, "actors_evidence")
    if ev_tab is not None and len(ev_tab):
        roles = ev_tab[ev_tab["evidence"] != "mention"]
        sec.blocks.append(
            evidence_list(
                roles,
                label_columns=["actor", "evidence"],
                max_items=60,
                title="Agent / target of harmful and cooperative acts",
                name="actors_evidence",
            )
        )
        sec.blocks.append(
            evidence_list(
                ev_tab[ev_tab["evidence"] == "mention"],
                label_columns=["actor", "compound"],
                max_items=40,
                title="Sentences naming the actors (with tone)",
                name="actors_evidence",
            )
        )
    return [sec]


register_section("quotes", quotes_sections, findings=quotes_findings)
register_section("actors", actors_sections, findings=lambda results: [])
