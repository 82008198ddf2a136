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
            ax.legend(title="event", loc="lower right", frameon=False, ncol=1 + len(table.columns) // 8)
    return ax


def plot_articles_over_time(articles: pd.DataFrame, *, ax: Any = None) -> Any:
    """Articles per day and outlet (only articles with dates)."""
    df = articles[(articles.get("status", "analyzed") == "analyzed")].dropna(subset=["date"])
    with style():
        ax = get_ax(ax, figsize=(7, 2.6))
        if df.empty:
            ax.text(0.5, 0.5, "no dates in the input", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return ax
        days = pd.to_datetime(df["date"]).dt.floor("D")
        counts = pd.crosstab(days, df["outlet"])
        for outlet in counts.columns:
            ax.plot(counts.index, counts[outlet], marker="o", ms=3, lw=1, label=str(outlet))
        ax.set_ylabel("articles")
        ax.set_title("Articles over time")
        ax.figure.autofmt_xdate()
        if len(counts.columns) <= 12:
            ax.legend(frameon=False, ncol=2)
    return ax
