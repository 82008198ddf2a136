"""Figures for selection: the outlet × fact coverage map, coverage shares, number intervals."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ._style import get_ax, style
from .colors import Palette

__all__ = ["plot_coverage", "plot_coverage_share", "plot_numbers"]

#: Shade per placement of a covered fact (darker = more prominent).
_SHADE = {"headline": 1.0, "lead": 0.75, "body": 0.5}


def plot_coverage(facts: pd.DataFrame, *, event: str, max_facts: int = 60, ax: Any = None) -> Any:
    """Outlet × fact map for one event: omitted (white), covered (shade = placement), unique (marked).

    ``facts`` is the ``facts`` table. Facts carried by most outlets come first; at most
    ``max_facts`` facts are drawn (shared ones first, then unique ones).
    """
    df = facts[facts["event"] == event]
    with style():
        if df.empty:
            ax = get_ax(ax, figsize=(6, 1.5))
            ax.text(0.5, 0.5, f"no facts for event {event}", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return ax
        order = (
            df.drop_duplicates("fact_id")
            .sort_values(["n_outlets", "fact_id"], ascending=[False, True])["fact_id"]
            .head(max_facts)
            .tolist()
        )
        outlets = sorted(df["outlet"].unique())
        sub = df[df["fact_id"].isin(order)]
        shade = sub["position"].map(_SHADE).fillna(0.0).where(sub["covered"], 0.0)
        mat = (
            pd.DataFrame({"fact_id": sub["fact_id"], "outlet": sub["outlet"], "v": shade})
            .pivot_table(index="outlet", columns="fact_id", values="v", aggfunc="max")
            .reindex(index=outlets, columns=order)
            .fillna(0.0)
        )
        ax = get_ax(ax, figsize=(min(2 + 0.18 * len(order), 14), 0.45 * len(outlets) + 1.6))
        ax.imshow(mat.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto", interpolation="nearest")
        uniq = sub[sub["covered"] & sub["unique"]]
        xs = [order.index(f) for f in uniq["fact_id"]]
        ys = [outlets.index(o) for o in uniq["outlet"]]
        ax.scatter(xs, ys, marker="*", s=30, color="#d95f02", label="only this outlet")
        ax.set_yticks(range(len(outlets)))
        ax.set_yticklabels([str(o)[:28] for o in outlets])
        ax.set_xticks(range(len(order)))
        ax.set_xticklabels([f.split(":")[-1] for f in order], rotation=90, fontsize=6)
        ax.set_xlabel("fact (shared by most outlets first)")
        ax.set_title(
            f"Coverage of facts, event {event} (dark = headline, mid = lead, light = body, white = omitted)", fontsize=9
        )
        if len(xs):  # beside the map, not above it (no blank band over tall maps)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


def plot_coverage_share(coverage: pd.DataFrame, *, event: str = "all", ax: Any = None) -> Any:
    """Share of an event's facts each outlet covers, with its Wilson interval (``coverage`` table)."""
    df = coverage[coverage["event"] == event].sort_values("share_covered")
    with style():
        ax = get_ax(ax, figsize=(6.5, 0.4 * max(len(df), 2) + 1.2))
        if df.empty:
            ax.text(0.5, 0.5, "no coverage rows", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return ax
        y = np.arange(len(df))
        share = df["share_covered"].to_numpy(dtype=float)
        lo = share - df["share_low"].to_numpy(dtype=float)
        hi = df["share_high"].to_numpy(dtype=float) - share
        ax.barh(y, share, color="#6baed6")
        ax.errorbar(share, y, xerr=np.vstack([lo, hi]).tolist(), fmt="none", ecolor="#333", capsize=2, lw=0.8)
        ax.set_yticks(y)
        ax.set_yticklabels([str(o)[:28] for o in df["outlet"]])
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of the event's facts covered (95% Wilson interval)")
        ax.set_title(f"Coverage share per outlet ({'all events' if event == 'all' else 'event ' + str(event)})")
    return ax


def plot_numbers(numbers: pd.DataFrame, *, event: str, quantity: str, ax: Any = None) -> Any:
    """Each outlet's stated interval for one quantity (and the total when a value is per side)."""
    df = numbers[(numbers["event"] == event) & (numbers["quantity"] == quantity)].reset_index(drop=True)
    with style():
        ax = get_ax(ax, figsize=(6.5, 0.4 * max(len(df), 2) + 1.2))
        if df.empty:
            ax.text(0.5, 0.5, "no values", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return ax
        finite_hi = df["value_high"].replace(math.inf, np.nan)
        right = float(np.nanmax([finite_hi.max(), df["value"].max(), df["total_high"].replace(math.inf, np.nan).max()]))
        right = right * 1.15 if right > 0 else 1.0
        colors = Palette(df["outlet"].astype(str).value_counts().index)
        disagree = df["disagrees"].astype(bool) | (
            df.get("other_values", pd.Series("", index=df.index)).fillna("").astype(str) != ""
        )
        for k, r in df.iterrows():
            hi = r["value_high"] if math.isfinite(r["value_high"]) else right
            color = colors[str(r["outlet"])]
            ax.plot([r["value_low"], hi], [k, k], lw=2, color=color, solid_capstyle="butt", alpha=0.7)
            ax.plot([r["value"]], [k], "o", ms=6, color=color)  # a point per statement, equal values too
            if r["multiplier"] > 1:  # the total over the sides, hollow
                thi = r["total_high"] if math.isfinite(r["total_high"]) else right
                ax.plot([r["total_low"], thi], [k, k], lw=1, color=color, ls=":")
                ax.plot([(r["total_low"] + thi) / 2], [k], "o", ms=6, mfc="white", color=color)
        ax.set_yticks(range(len(df)))
        ax.set_yticklabels(
            [("≠ " if d else "") + f"{str(o)[:22]}: {t[:30]}" for o, t, d in zip(df["outlet"], df["text"], disagree)]
        )
        ax.set_xlim(left=0, right=right)
        unit = str(df["unit"].iloc[0] or "")
        label = quantity if (not unit or unit == "count" or unit in quantity) else f"{quantity} ({unit})"
        ax.set_xlabel(f"{label}; hollow = total when stated per side")
        if unit == "count":
            from matplotlib.ticker import MaxNLocator

            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(f"{quantity}, event {event} (≠ disagrees with another outlet)")
    return ax
