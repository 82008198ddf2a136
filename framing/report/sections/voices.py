"""Report sections: voices (who is quoted, with which verb) and actors (how each is portrayed)."""

from __future__ import annotations

import pandas as pd

from ...plotting.voices import plot_actor_tone, plot_verbs_by_side, plot_voice_share
from ..html import Section, el, evidence_list, figure, note, table
from ._common import events_to_draw, get_table as _get, more_events_note

__all__ = ["sections"]


#: Articles listed in the "which side each article quotes" table.
MAX_ARTICLE_ROWS = 100


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
        rows.append({
            "event": event, "outlet": outlet, "article_id": aid,
            "sides quoted": ", ".join(f"{s} ({n})" for s, n in sides.items()),
            "speakers": "; ".join(speakers[:8]) + (" …" if len(speakers) > 8 else ""),
            "judging verbs": ", ".join(sorted(set(g.loc[g["judging"], "verb"]))) if "judging" in g else "",
            "anonymous": int(g["anonymous"].sum()),
        })
    return pd.DataFrame(rows), n_total


def sections(results) -> list[Section]:
    """Voices and actors sections; robust when the tables are missing or empty."""
    out: list[Section] = []
    quotes = _get(results, "quotes")
    voice = _get(results, "voice_share")
    verbs = _get(results, "verbs_by_side")
    if quotes is not None or voice is not None:
        sec = Section(
            "Voices: who is quoted",
            "voices",
            intro="Quotations (direct, partial and indirect speech) with their speaker, the speaker's side and "
            "the verb that introduces them. Scare quotes (a short quoted phrase with no speaker) are listed but "
            "left out of the shares. Shares carry a 95% Wilson interval; rows with fewer than 5 quotes per "
            "outlet are flagged too_little_data.",
        )
        if quotes is None or quotes.empty:
            sec.blocks.append(el("p", "No quotations found."))
        else:
            sec.blocks.append(el("h3", "Which side each article quotes"))
            who, n_articles = _who_quotes(quotes)
            sec.blocks.append(table(who, max_rows=MAX_ARTICLE_ROWS))
            if n_articles > len(who):
                sec.blocks.append(el("p", f"Showing {len(who)} of {n_articles:,} articles with quotations; "
                                          "every quotation is in quotes.csv.", class_="more"))
            if voice is not None and len(voice):
                shown, n_more = events_to_draw(results, voice)
                sec.blocks.append(more_events_note(n_more, "voice_share.csv"))
                for ev in shown:
                    sec.blocks.append(figure(plot_voice_share(voice, event=ev), alt=f"Share of voice by side, {ev}"))
                sec.blocks.append(el("h3", "Share of voice per outlet and side"))
                sec.blocks.append(table(voice, max_rows=120))
            if verbs is not None and len(verbs):
                sec.blocks.append(el("h3", "Verbs of saying by side"))
                sec.blocks.append(figure(plot_verbs_by_side(verbs, event="all"), alt="Judging verbs by side"))
                judged = verbs[verbs["judging"].astype(bool) & (verbs["event"] != "all")]
                if len(judged):
                    sec.blocks.append(note(
                        "Judging verbs (claimed, admitted, confessed, insisted, lamented, ...): "
                        + "; ".join(f"{r.outlet} writes '{r.verb_lemma}' for {r.side} ({r.count}×, {r.event})"
                                    for r in judged.itertuples()), "info"))
                sec.blocks.append(table(verbs[verbs["event"] != "all"], max_rows=120))
            voiced = quotes[quotes["kind"] != "scare"].copy()
            voiced["match"] = voiced["quote"]
            sec.blocks.append(evidence_list(voiced, label_columns=["outlet", "speaker", "side", "verb", "kind"],
                                            max_items=60, title="Quotations with speaker and verb"))
            scare = quotes[quotes["kind"] == "scare"].copy()
            if len(scare):
                scare["match"] = scare["quote"]
                sec.blocks.append(evidence_list(scare, label_columns=["outlet", "kind"], max_items=30,
                                                title="Scare quotes (no speaker)"))
        out.append(sec)
    actors = _get(results, "actors")
    if actors is not None:
        sec = Section(
            "Actors: how each is portrayed",
            "actors",
            intro="Actors from the packaged lexicon and capitalised names (name variants merged). Tone is the mean "
            "VADER compound score of the sentences naming the actor, with a 95% t-interval; agent_harm and "
            "target_harm count sentences where the actor does or suffers a harmful act; role follows "
            "SemEval-2025 Task 10 (protagonist, antagonist, innocent) and stays empty when the evidence is thin.",
        )
        if actors.empty:
            sec.blocks.append(el("p", "No actors found."))
        else:
            if actors["tone"].isna().all():
                sec.blocks.append(note("Tone is empty: install the tone extra (pip install 'framing[tone]').", "warn"))
            shown, n_more = events_to_draw(results, actors)
            sec.blocks.append(more_events_note(n_more, "actors.csv and actors_evidence.csv"))
            for ev in shown:
                sec.blocks.append(figure(plot_actor_tone(actors, event=ev), alt=f"Actor tone, {ev}"))
            per_event = actors[actors["event"] != "all"]
            cols = ["event", "outlet", "actor", "side", "mentions", "tone", "ci_low", "ci_high",
                    "agent_harm", "target_harm", "role", "aliases_seen", "too_little_data"]
            sec.blocks.append(table(per_event[[c for c in cols if c in per_event]], max_rows=150))
            ev_tab = _get(results, "actors_evidence")
            if ev_tab is not None and len(ev_tab):
                roles = ev_tab[ev_tab["evidence"] != "mention"]
                sec.blocks.append(evidence_list(roles, label_columns=["outlet", "actor", "evidence"], max_items=60,
                                                title="Agent / target of harmful and cooperative acts"))
                sec.blocks.append(evidence_list(ev_tab[ev_tab["evidence"] == "mention"],
                                                label_columns=["outlet", "actor", "compound"], max_items=40,
                                                title="Sentences naming the actors (with tone)"))
        out.append(sec)
    return out
