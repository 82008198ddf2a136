"""Figures for voices and actors: share of voice, actor tone with intervals, verbs by side."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._style import get_ax, style
from .colors import Palette, side_palette

__all__ = ["plot_actor_tone", "plot_verbs_by_side", "plot_voice_share"]


def _empty(ax, msg: str):
    ax.text(0.5, 0.5, msg, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return ax


def plot_voice_share(voice_share_df: pd.DataFrame, *, event: str = "all", ax: Any = None) -> Any:
    """Stacked bars: share of quotes per outlet, split by the side of the speaker.

    ``voice_share_df`` is the ``voice_share`` table; ``event`` selects one event
    (``"all"``: corpus-wide rows).
    """
    df = voice_share_df[voice_share_df["event"] == event] if len(voice_share_df) else voice_share_df
    with style():
        table = (
            df.pivot_table(index="outlet", columns="side", values="share_quotes", aggfunc="sum", fill_value=0)
            if len(df)
            else pd.DataFrame()
        )
        ax = get_ax(ax, figsize=(7, 0.4 * max(len(table), 3) + 1.2))
        if table.empty:
            return _empty(ax, "no quotations")
        left = np.zeros(len(table))
        sides = side_palette(str(c) for c in table.columns)
        for side in table.columns:
            vals = table[side].to_numpy(dtype=float)
            ax.barh(table.index.astype(str), vals, left=left, label=str(side), color=sides[str(side)])
            left += vals
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of quotes")
        ax.set_title(f"Whose voice: share of quotes by side ({event})")
        ax.invert_yaxis()
        ax.legend(title="side", frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7)
    return ax


def plot_actor_tone(actors_df: pd.DataFrame, *, event: str = "all", top: int = 12, ax: Any = None) -> Any:
    """Dot plot: mean tone (VADER compound) of sentences about each actor per outlet, with 95% intervals.

    Shows the ``top`` actors by mentions in ``event``.
    """
    df = actors_df[(actors_df["event"] == event)] if len(actors_df) else actors_df
    df = df[df["tone"].notna()] if len(df) else df
    with style():
        if not len(df):
            return _empty(get_ax(ax, figsize=(7, 2.5)), "no actor tone (no actors, or vaderSentiment not installed)")
        keep = df.groupby("actor")["mentions"].sum().sort_values(ascending=False).head(top).index.tolist()
        df = df[df["actor"].isin(keep)]
        outlets = sorted(df["outlet"].unique())
        ax = get_ax(ax, figsize=(7.5, 0.45 * len(keep) + 1.5))
        ypos = {a: i for i, a in enumerate(keep)}
        width = 0.7 / max(len(outlets), 1)
        colors = Palette(outlets)
        for j, outlet in enumerate(outlets):
            sub = df[df["outlet"] == outlet]
            y = np.array([ypos[a] for a in sub["actor"]]) - 0.35 + width * (j + 0.5)
            x = sub["tone"].to_numpy(dtype=float)
            lo = np.where(np.isnan(sub["ci_low"]), x, sub["ci_low"])
            hi = np.where(np.isnan(sub["ci_high"]), x, sub["ci_high"])
            ax.errorbar(
                x,
                y,
                xerr=np.vstack([x - lo, hi - x]).tolist(),
                fmt="o",
                ms=4,
                lw=1,
                capsize=2,
                color=colors[outlet],
                label=str(outlet),
            )
        ax.axvline(0, color="#888", lw=0.8)
        ax.set_yticks(range(len(keep)))
        ax.set_yticklabels(keep)
        ax.set_xlim(-1, 1)
        ax.set_xlabel("mean tone of sentences naming the actor (VADER compound, 95% CI)")
        ax.set_title(f"How each actor is portrayed ({event})")
        ax.invert_yaxis()
        if len(outlets) <= 10:
            ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def plot_verbs_by_side(verbs_df: pd.DataFrame, *, event: str = "all", ax: Any = None) -> Any:
    """Bars: share of each side's quotes introduced by a judging verb (claimed, admitted, ...) per outlet."""
    df = verbs_df[verbs_df["event"] == event] if len(verbs_df) else verbs_df
    with style():
        if not len(df):
            return _empty(get_ax(ax, figsize=(7, 2.5)), "no verbs of saying")
        judging = df.assign(j=df["count"].where(df["judging"], 0))
        g = judging.groupby(["outlet", "side"]).agg(j=("j", "sum"), n=("count", "sum")).reset_index()
        g["share"] = g["j"] / g["n"]
        table = g.pivot_table(index="outlet", columns="side", values="share", fill_value=0)
        ax = get_ax(ax, figsize=(7, 0.45 * max(len(table), 3) + 1.2))
        n = len(table.columns)
        h = 0.8 / max(n, 1)
        sides = side_palette(str(c) for c in table.columns)
        for j, side in enumerate(table.columns):
            y = np.arange(len(table)) - 0.4 + h * (j + 0.5)
            ax.barh(y, table[side].to_numpy(dtype=float), height=h, label=str(side), color=sides[str(side)])
        ax.set_yticks(range(len(table)))
        ax.set_yticklabels(table.index.astype(str))
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of the side's attributions with a judging verb (claimed, admitted, insisted, ...)")
        ax.set_title(f"Verbs of saying by side ({event})")
        ax.invert_yaxis()
        ax.legend(title="side", frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax
