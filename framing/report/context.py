"""What every part of one report shares: colours, outlet labels and groups, CSV pointers, anchors.

:func:`build_report` sets one :class:`ReportContext` for the duration of a build; section
and findings functions read it with :func:`current`. Nothing is kept between builds.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..plotting.colors import Palette, side_palette

__all__ = ["ReportContext", "current", "outlet_labels", "use"]

_CTX: contextvars.ContextVar[ReportContext | None] = contextvars.ContextVar("framing_report", default=None)

_HASHY = re.compile(r"^(?P<head>[^_\W]{1,12})[_\-](?P<tail>[0-9a-f]{8,})$", re.I)


def outlet_labels(articles: pd.DataFrame | None) -> dict[str, str]:
    """A readable label per outlet; outlets guessed from file names such as ``000_3aaa32b14751efd5`` get ``000``.

    Labels are shortened only when they stay distinct and the outlet was guessed.

    >>> arts = pd.DataFrame({"outlet": ["000_3aaa32b14751efd5", "Voz.us"], "guessed": ["outlet", "outlet"]})
    >>> outlet_labels(arts)
    {'000_3aaa32b14751efd5': '000 (file)', 'Voz.us': 'Voz.us'}
    """
    if articles is None or "outlet" not in articles or len(articles) == 0:
        return {}
    outlets = [str(o) for o in dict.fromkeys(articles["outlet"].dropna().astype(str))]
    guessed = set()
    if "guessed" in articles:
        g = articles["guessed"].fillna("").astype(str).str.contains("outlet")
        guessed = set(articles.loc[g, "outlet"].dropna().astype(str))
    out = {}
    for o in outlets:
        m = _HASHY.match(o)
        out[o] = f"{m.group('head')} (file)" if (m and o in guessed) else o
    counts = pd.Series(list(out.values())).value_counts()
    return {o: (lab if counts[lab] == 1 else o) for o, lab in out.items()}


@dataclass
class ReportContext:
    """Shared state of one report build.

    Attributes
    ----------
    csv_dir:
        Folder where the tables are written as CSV, as the reader should find it (relative to
        the report when beside it), or None when they are not written.
    outlets, sides:
        One colour per outlet and side, across the whole report.
    variants:
        Per naming group, one colour per variant (the group's most used variant first), the
        same in every event.
    labels:
        Readable label of each outlet.
    groups:
        Group of each outlet (empty when no grouping was given).
    """

    csv_dir: Path | None = None
    outlets: Palette = field(default_factory=Palette)
    variants: dict[str, Palette] = field(default_factory=dict)
    sides: Palette = field(default_factory=side_palette)
    labels: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    group_by: str = ""
    command: str = "framing analyze SOURCE --out DIR"
    _anchors: dict[str, int] = field(default_factory=dict)
    _columns: dict[tuple[int, str], tuple[pd.DataFrame, pd.Series]] = field(default_factory=dict)
    _coded: dict[tuple[int, str], tuple[pd.DataFrame, np.ndarray, dict[str, int]]] = field(default_factory=dict)

    def str_column(self, df: pd.DataFrame, col: str) -> pd.Series:
        """``df[col]`` as strings, converted once per build (tables are read many times).

        The cache keeps a reference to ``df`` itself, so that its id cannot be reused by
        another frame while the build runs.
        """
        key = (id(df), col)
        hit = self._columns.get(key)
        if hit is None or hit[0] is not df:
            col_s = df[col]
            textual = col_s.dtype == object or isinstance(col_s.dtype, pd.StringDtype)
            hit = self._columns[key] = (df, col_s if textual else col_s.astype(str))
        return hit[1]

    def coded_column(self, df: pd.DataFrame, col: str) -> tuple[np.ndarray, dict[str, int]]:
        """``df[col]`` as integer codes and the code of each value (as text), once per build.

        Matching a finding's evidence then compares integers, not strings, however many
        findings read one large evidence table.
        """
        key = (id(df), "#codes:" + col)
        hit = self._coded.get(key)
        if hit is None or hit[0] is not df:
            codes, uniq = pd.factorize(df[col], use_na_sentinel=True)
            hit = self._coded[key] = (df, codes, {str(u): i for i, u in enumerate(uniq)})
        return hit[1], hit[2]

    def label(self, outlet: object) -> str:
        """The readable label of ``outlet``."""
        return self.labels.get(str(outlet), str(outlet))

    def variant_color(self, group: object, variant: object) -> str:
        """The colour of ``variant`` of naming group ``group`` (the same in every event)."""
        pal = self.variants.get(str(group))
        return pal[variant] if pal is not None else Palette([variant])[variant]

    def anchor(self, prefix: str) -> str:
        """A fresh anchor id starting with ``prefix`` (unique within the report)."""
        safe = re.sub(r"[^A-Za-z0-9_-]+", "-", prefix).strip("-") or "a"
        n = self._anchors.get(safe, 0) + 1
        self._anchors[safe] = n
        return safe if n == 1 else f"{safe}-{n}"

    def csv_hint(self, name: str) -> str:
        """Where the full table ``name`` is: its CSV when written, else the command that writes it."""
        if self.csv_dir is not None:
            return f"the full table is {self.csv_dir.as_posix()}/{name}.csv"
        return f"the full table is written as {name}.csv by `{self.command}`"


def current(results=None) -> ReportContext:
    """The context of the report being built (a default one outside a build)."""
    ctx = _CTX.get()
    if ctx is None:  # outside a build: a fresh default, not kept
        ctx = build_context(results) if results is not None else ReportContext()
    return ctx


class use:
    """``with use(ctx): ...`` makes ``ctx`` the current context."""

    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx

    def __enter__(self) -> ReportContext:
        self._token = _CTX.set(self.ctx)
        return self.ctx

    def __exit__(self, *exc) -> None:
        _CTX.reset(self._token)


def build_context(
    results, *, csv_dir: str | Path | None = None, groups: Mapping[str, str] | None = None, group_by: str = ""
) -> ReportContext:
    """The colours and labels of one report, from its results (most frequent first)."""
    arts = _table(results, "articles")
    ok = arts[arts["status"] == "analyzed"] if arts is not None and "status" in arts else arts
    outlets: list[str] = []
    if ok is not None and len(ok):
        outlets = ok["outlet"].astype(str).value_counts(sort=True).index.tolist()
    variants: dict[str, Palette] = {}
    naming = _table(results, "naming")
    if naming is not None and len(naming):
        used = naming[naming["count"] > 0]
        v = used.groupby(["group", "variant"])["count"].sum().reset_index()
        v = v.sort_values(["group", "count", "variant"], ascending=[True, False, True], kind="stable")
        for g, rows in v.groupby("group", sort=False):
            variants[str(g)] = Palette(rows["variant"].astype(str))
    sides: list[str] = []
    for name in ("voice_share", "actors"):
        t = _table(results, name)
        if t is not None and len(t) and "side" in t:
            sides.extend(t["side"].fillna("unknown").astype(str).value_counts().index.tolist())
    return ReportContext(
        csv_dir=Path(csv_dir) if csv_dir is not None else None,
        outlets=Palette(outlets),
        variants=variants,
        sides=side_palette(sides),
        labels=outlet_labels(ok),
        groups=dict(groups or {}),
        group_by=group_by,
    )


def _table(results, name: str) -> pd.DataFrame | None:
    try:
        df = results[name]
    except KeyError:
        return None
    return df if isinstance(df, pd.DataFrame) else None
