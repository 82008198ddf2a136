"""Figures for the corpus overview: articles per outlet and event, articles over time."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._style import get_ax, style

__all__ = ["plot_articles_by_outlet_event", "plot_articles_over_time"]


def plot_articles_by_outlet_event(articles: pd.DataFrame, *, ax: Any = None) -> Any:
    """Stacked bars: analysed articles per outlet, split by event.

    ``articles`` is the ``articles`` table (skipped rows are ignored).
    """
    df = articles[articles["status"] == "analyzed"] if "status" in articles else articles
    table = pd.crosstab(df["outlet"], df["event"].fillna("—"))
    with style():
        ax = get_ax(ax, figsize=(7, 0.35 * max(len(table), 3) + 1.2))
        left = pd.Series(0, index=table.index, dtype=float)
        import matplotlib

        cmap = matplotlib.colormaps["tab20"]
        for j, ev in enumerate(table.columns):
            ax.barh(table.index.astype(str), table[ev], left=left, label=str(ev), color=cmap(j % 20))
            left += table[ev]
        ax.set_xlabel("articles")
        ax.set_title("Articles per outlet and event")
        ax.invert_yaxis()
        if len(table.columns) <= 20:
            ax.legend(title="event", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                      ncol=1 + len(table.columns) // 12)
    return ax


def plot_articles_over_time(articles: pd.DataFrame, *, ax: Any = None) -> Any:
    """Timeline: one dot per article at its date, outlets on the y axis, coloured by event.

    ``articles`` is the ``articles`` table; articles without a date are left out.
    """
    import matplotlib

    df = articles[articles["status"] == "analyzed"] if "status" in articles else articles
    df = df.dropna(subset=["date"])
    with style():
        outlets = sorted(df["outlet"].astype(str).unique())
        ax = get_ax(ax, figsize=(7, 0.3 * max(len(outlets), 3) + 1.4))
        if df.empty:
            ax.text(0.5, 0.5, "no dates in the input", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return ax
        cmap = matplotlib.colormaps["tab20"]
        ypos = {o: i for i, o in enumerate(outlets)}
        events = sorted(df["event"].fillna("—").astype(str).unique())
        for j, ev in enumerate(events):
            sub = df[df["event"].fillna("—").astype(str) == ev]
            ax.scatter(pd.to_datetime(sub["date"]), sub["outlet"].astype(str).map(ypos), s=22,
                       color=cmap(j % 20), label=ev, alpha=0.85, edgecolors="none")
        ax.set_yticks(range(len(outlets)), outlets)
        ax.set_ylim(-0.6, len(outlets) - 0.4)
        ax.invert_yaxis()
        ax.set_title("Articles over time, by outlet and event")
        ax.figure.autofmt_xdate()
        if len(events) <= 20:
            ax.legend(title="event", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax
