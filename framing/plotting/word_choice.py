"""Figures for word choice: naming preferences, loaded-language rates, distinctive terms.

Each function takes a results table, draws on ``ax`` (a new figure when None) and
returns the Axes. No statistics are computed here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._style import get_ax, style
from .colors import Palette

__all__ = ["plot_distinctive", "plot_loaded", "plot_naming"]


def _empty(ax: Any, message: str) -> Any:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return ax


def _short(label: Any, n: int = 28) -> str:
    s = str(label)
    return s if len(s) <= n else s[: n - 1] + "…"


def plot_naming(
    naming_df: pd.DataFrame, *, event: str = "all", group: str | None = None, max_groups: int = 15, ax: Any = None
) -> Any:
    """Outlet-by-variant preference chart: stacked shares of each variant per outlet.

    Parameters
    ----------
    naming_df:
        The ``naming`` table.
    event:
        Which event (``"all"``: corpus-wide rows).
    group:
        One variant group (e.g. ``"Kyiv"``); None draws the groups with at least
        two variants in use, one block of bars per group.
    max_groups:
        With ``group=None``, at most this many groups (those with the most mentions).

    Examples
    --------
    >>> df = pd.DataFrame({"event": "all", "outlet": ["A", "A", "B"], "group": "Kyiv",
    ...                    "variant": ["Kyiv", "Kiev", "Kiev"], "count": [3, 1, 2],
    ...                    "share": [0.75, 0.25, 1.0]})
    >>> ax = plot_naming(df); ax.get_title()
    'Naming variants by outlet (event: all)'
    """
    df = naming_df[naming_df["event"].astype(str) == str(event)]
    if group is not None:
        df = df[df["group"] == group]
    else:
        used = df[df["count"] > 0].groupby("group")["variant"].nunique()
        df = df[df["group"].isin(used[used >= 2].index)]
        biggest = df.groupby("group", sort=False)["count"].sum().sort_values(ascending=False, kind="stable")
        df = df[df["group"].isin(biggest.index[:max_groups])]
    groups = list(dict.fromkeys(df["group"]))
    rows = [(g, o) for g in groups for o in sorted(df.loc[df["group"] == g, "outlet"].unique(), key=str)]
    with style():
        ax = get_ax(ax, figsize=(7.5, 0.32 * max(len(rows), 3) + 1.3))
        if df.empty:
            return _empty(ax, f"no naming variants to compare (event: {event})")
        variants = Palette(df.groupby("variant")["count"].sum().sort_values(ascending=False, kind="stable").index)
        colors: dict[str, Any] = {}
        labels = [f"{_short(g, 22)} · {_short(o, 22)}" for g, o in rows]
        y = np.arange(len(rows))
        left = np.zeros(len(rows))
        shares = (
            df.pivot_table(index=["group", "outlet"], columns="variant", values="share", aggfunc="sum")
            .reindex(pd.MultiIndex.from_tuples(rows, names=["group", "outlet"]))
            .fillna(0.0)
        )
        for var in list(dict.fromkeys(df["variant"])):
            vals = shares[var].to_numpy(dtype=float) if var in shares else np.zeros(len(rows))
            if not vals.any():
                continue
            colors.setdefault(var, variants[str(var)])
            ax.barh(y, vals, left=left, color=colors[var], label=str(var), edgecolor="white", linewidth=0.5)
            for i in np.flatnonzero(vals >= 0.12):
                ax.text(left[i] + vals[i] / 2, y[i], _short(var, 12), ha="center", va="center", fontsize=6.5)
            left += vals
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of the group's mentions")
        ax.set_title(f"Naming variants by outlet (event: {event})")
        if len(colors) <= 24:
            ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1), ncol=1 + len(colors) // 14)
    return ax


def plot_loaded(loaded_df: pd.DataFrame, *, event: str = "all", category: str | None = None, ax: Any = None) -> Any:
    """Rates per 1,000 words with their intervals, per outlet and category.

    Draws the per-category total rows (``term == "*"``); with ``category`` given,
    the terms of that category instead.

    Examples
    --------
    >>> df = pd.DataFrame({"event": "all", "outlet": ["A", "B"], "category": "loaded", "term": "*",
    ...                    "count": [3, 0], "per_1k": [1.5, 0.0], "ci_low": [0.3, 0.0], "ci_high": [4.4, 1.8]})
    >>> ax = plot_loaded(df); ax.get_xlabel()
    'per 1,000 words'
    """
    df = loaded_df[loaded_df["event"].astype(str) == str(event)]
    if category is None:
        df = df[df["term"] == "*"]
        key = "category"
    else:
        df = df[(df["category"] == category) & (df["term"] != "*")]
        top = df.groupby("term")["count"].sum().sort_values(ascending=False).head(12).index
        df = df[df["term"].isin(top)]
        key = "term"
    keys = list(dict.fromkeys(df[key]))
    outlets = sorted(df["outlet"].unique(), key=str)
    with style():
        ax = get_ax(ax, figsize=(7.5, 0.28 * max(len(keys) * max(len(outlets), 1), 4) + 1.2))
        if df.empty:
            return _empty(ax, f"no loaded-language rows (event: {event})")
        palette = Palette(outlets)
        h = 0.8 / max(len(outlets), 1)
        for j, o in enumerate(outlets):
            sub = df[df["outlet"] == o].set_index(key).reindex(keys)
            y = np.arange(len(keys)) + j * h
            rate = sub["per_1k"].to_numpy(dtype=float)
            err = np.vstack([rate - sub["ci_low"].to_numpy(dtype=float), sub["ci_high"].to_numpy(dtype=float) - rate])
            err = np.nan_to_num(np.clip(err, 0, None))
            ax.barh(
                y,
                np.nan_to_num(rate),
                height=h,
                color=palette[str(o)],
                label=_short(o),
                xerr=err.tolist(),
                error_kw={"elinewidth": 0.8, "capsize": 1.5, "ecolor": "#444"},
            )
        ax.set_yticks(np.arange(len(keys)) + 0.4 - h / 2, [_short(k) for k in keys])
        ax.invert_yaxis()
        ax.set_xlabel("per 1,000 words")
        what = "categories" if category is None else f"terms of {category!r}"
        ax.set_title(f"Loaded language: {what} (event: {event}); bars: 95% interval")
        if len(outlets) <= 15:
            ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def plot_distinctive(
    distinctive_df: pd.DataFrame, *, event: str = "all", outlet: str | None = None, top: int = 10, ax: Any = None
) -> Any:
    """Distinctive terms per outlet: the ``top`` terms by z-score, one panel column per outlet.

    With ``outlet`` given, one panel for that outlet. A dashed line marks the
    split-half null's 95th percentile of |z| when the table has it.

    Examples
    --------
    >>> df = pd.DataFrame({"event": "e", "outlet": ["A", "A", "B"], "term": ["kiev", "regime", "kyiv"],
    ...                    "count": [7, 3, 5], "z": [3.1, 2.0, 2.5], "q": [0.01, 0.2, 0.05]})
    >>> ax = plot_distinctive(df, event="e"); ax.get_xlabel()
    'z (log-odds, informative Dirichlet prior)'
    """
    df = distinctive_df[distinctive_df["event"].astype(str) == str(event)]
    if outlet is not None:
        df = df[df["outlet"] == outlet]
    outlets = sorted(df["outlet"].unique(), key=str)
    with style() as plt:
        if df.empty:
            ax = get_ax(ax, figsize=(6, 2))
            return _empty(ax, f"no distinctive terms (event: {event})")
        palette = Palette(str(o) for o in outlets)
        if ax is not None:  # one axes: the top terms of every outlet, labelled "outlet · term"
            parts = [df[df["outlet"] == o].sort_values("z", ascending=False).head(top) for o in outlets]
            sub = pd.concat(parts, ignore_index=True)
            y = np.arange(len(sub))
            col = {o: palette[str(o)] for o in outlets}
            sig = sub["q"].to_numpy(dtype=float) < 0.05
            ax.barh(
                y,
                sub["z"].to_numpy(dtype=float),
                color=[col[o] if s else "#bbbbbb" for o, s in zip(sub["outlet"], sig)],
            )
            ax.set_yticks(y, [f"{_short(o, 16)} · {_short(t, 22)}" for o, t in zip(sub["outlet"], sub["term"])])
            ax.invert_yaxis()
            ax.set_xlabel("z (log-odds, informative Dirichlet prior)")
            ax.set_title(f"Distinctive terms (event: {event}); grey: q ≥ 0.05")
            return ax
        ncol = min(len(outlets), 3)
        nrow = int(np.ceil(len(outlets) / ncol))
        fig, axes = plt.subplots(nrow, ncol, figsize=(3.4 * ncol, 0.24 * top * nrow + 0.9 * nrow), squeeze=False)
        axes_list = list(axes.ravel())
        for extra in axes_list[len(outlets) :]:
            extra.set_axis_off()
        for o, a in zip(outlets, axes_list):
            sub = df[df["outlet"] == o].sort_values("z", ascending=False).head(top)
            y = np.arange(len(sub))
            sig = sub["q"].to_numpy(dtype=float) < 0.05
            a.barh(y, sub["z"].to_numpy(dtype=float), color=[palette[str(o)] if s else "#bbbbbb" for s in sig])
            a.set_yticks(y, [_short(t, 24) for t in sub["term"]])
            a.invert_yaxis()
            if "null_z95" in sub and sub["null_z95"].notna().any():
                a.axvline(float(sub["null_z95"].iloc[0]), ls="--", lw=0.8, color="#555")
            a.set_title(_short(o, 30), fontsize=9)
            a.set_xlabel("z (log-odds, informative Dirichlet prior)")
        first = axes_list[0]
        fig.suptitle(f"Distinctive terms (event: {event}); grey: q ≥ 0.05; dashed: split-half 95th pct", fontsize=9)
        fig.tight_layout()
    return first
