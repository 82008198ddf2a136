"""Figures for the corpus overview: articles per outlet and event, articles over time."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._style import get_ax, style
from .colors import Palette

__all__ = ["plot_articles_by_outlet_event", "plot_articles_over_time"]


def plot_articles_by_outlet_event(articles: pd.DataFrame, *, max_events: int = 20, ax: Any = None) -> Any:
    """Stacked bars: analysed articles per outlet, split by event.

    ``articles`` is the ``articles`` table (skipped rows are ignored). With more than
    ``max_events`` events, the largest ``max_events - 1`` are drawn one by one and the
    others as one hatched block.
    """
    df = articles[articles["status"] == "analyzed"] if "status" in articles else articles
    table = pd.crosstab(df["outlet"], df["event"].fillna("—"))
    other = None
    if table.shape[1] > max_events:  # the largest events by name, the rest as one hatched block
        big = table.sum(axis=0).sort_values(ascending=False, kind="stable").index[: max_events - 1]
        rest = table.drop(columns=big).sum(axis=1)
        other = f"{table.shape[1] - len(big):,} other events"
        table = table[sorted(big)]
        table[other] = rest
    with style():
        ax = get_ax(ax, figsize=(7, 0.35 * max(len(table), 3) + 1.2))
        left = pd.Series(0, index=table.index, dtype=float)
        from matplotlib.ticker import MaxNLocator

        colors = Palette(str(e) for e in table.sum(axis=0).sort_values(ascending=False, kind="stable").index)
        for ev in table.columns:
            style_kw = (
                {"color": "#f2f2f2", "edgecolor": "#8c8c8c", "hatch": "///", "linewidth": 0.5}
                if ev == other
                else {"color": colors[str(ev)]}
            )
            ax.barh(table.index.astype(str), table[ev], left=left, label=str(ev), **style_kw)
            left += table[ev]
        ax.set_xlabel("articles")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title("Articles per outlet and event")
        ax.invert_yaxis()
        ax.legend(
            title="event", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), ncol=1 + len(table.columns) // 12
        )
    return ax


def plot_articles_over_time(articles: pd.DataFrame, *, ax: Any = None) -> Any:
    """Timeline: one dot per article at its date, outlets on the y axis, coloured by event.

    ``articles`` is the ``articles`` table; articles without a date are left out.
    """
    df = articles[articles["status"] == "analyzed"] if "status" in articles else articles
    df = df.dropna(subset=["date"])
    with style():
        outlets = sorted(df["outlet"].astype(str).unique())
        ax = get_ax(ax, figsize=(7, 0.3 * max(len(outlets), 3) + 1.4))
        if df.empty:
            ax.text(0.5, 0.5, "no dates in the input", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return ax
        ypos = {o: i for i, o in enumerate(outlets)}
        ev = df["event"].fillna("—").astype(str)
        events = sorted(ev.unique())
        colors = Palette(ev.value_counts().index)
        code = ev.map({e: j for j, e in enumerate(events)}).to_numpy()
        x, y = pd.to_datetime(df["date"]), df["outlet"].astype(str).map(ypos)
        if len(events) <= 20:  # one call per event, for the legend
            for j, e in enumerate(events):
                sel = code == j
                ax.scatter(x[sel], y[sel], s=22, color=colors[e], label=e, alpha=0.85, edgecolors="none")
        else:
            ax.scatter(x, y, s=22, color=[colors[events[j]] for j in code], alpha=0.85, edgecolors="none")
        ax.set_yticks(range(len(outlets)), outlets)
        ax.set_ylim(-0.6, len(outlets) - 0.4)
        ax.invert_yaxis()
        ax.set_title("Articles over time, by outlet and event")
        ax.figure.autofmt_xdate()
        if len(events) <= 20:
            ax.legend(title="event", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax
