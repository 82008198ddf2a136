"""Helpers shared by the report sections: table lookup and which events get their own figures.

A corpus of thousands of articles has hundreds of events. The report draws
per-event figures only for the largest ones (most outlets, then most articles)
so that it stays readable and quick to write; every event stays in the tables and
in the CSV output, and the report says how many were left out.
"""

from __future__ import annotations

import pandas as pd

from ...analyses.base import ALL_EVENTS
from ..html import Html, note

__all__ = ["MAX_EVENT_FIGURES", "event_col", "event_label", "events_to_draw", "get_table", "more_events_note"]

#: Events drawn one by one in each section (besides the corpus-wide "all").
MAX_EVENT_FIGURES = 8


def get_table(results, name: str) -> pd.DataFrame | None:
    """``results[name]`` when that table exists (the analysis ran), else None."""
    try:
        df = results[name]
    except KeyError:
        return None
    return df if isinstance(df, pd.DataFrame) else None


def _event_sizes(results) -> pd.DataFrame | None:
    arts = get_table(results, "articles")
    if arts is None or "event" not in arts:
        return None
    ok = arts[arts["status"] == "analyzed"] if "status" in arts else arts
    return ok.groupby(ok["event"].astype(str)).agg(n_outlets=("outlet", "nunique"), n_articles=("id", "size"))


def events_to_draw(
    results, df: pd.DataFrame, *, limit: int = MAX_EVENT_FIGURES, with_all: bool = True
) -> tuple[list[str], int]:
    """The events of ``df`` to draw (the ``limit`` largest, in label order; "all" last) and how many were left out.

    Size is the number of outlets covering the event, then its number of articles.
    """
    labels = pd.unique(df["event"].to_numpy())  # distinct first: a big table has few events
    all_present = [str(e) for e in labels]
    present = list(dict.fromkeys(e for e in all_present if e != ALL_EVENTS))
    sizes = _event_sizes(results)
    if sizes is not None and len(present) > limit:
        s = sizes.reindex(present).fillna(0)
        s["label"] = s.index
        chosen = set(s.sort_values(["n_outlets", "n_articles", "label"], ascending=[False, False, True]).index[:limit])
        shown = [e for e in sorted(present) if e in chosen]
    else:
        shown = sorted(present)[:limit]
    if with_all and ALL_EVENTS in all_present:
        shown.append(ALL_EVENTS)
    return shown, max(0, len(present) - limit)


def more_events_note(n_more: int, where: str) -> Html | None:
    """A note that ``n_more`` events have no figure here and where to find them."""
    if n_more <= 0:
        return None
    return note(
        f"Figures are drawn for the events with the most outlets and articles; {n_more:,} more events are in {where}."
    )


def event_col(df: pd.DataFrame) -> pd.Series:
    """``df["event"]`` as strings, converted once per report build."""
    from ..context import current

    return current().str_column(df, "event")


def event_label(ev: str) -> str:
    return "All events (corpus-wide)" if ev == ALL_EVENTS else f"Event {ev}"
