"""A tiny HTML builder that escapes every string unless it is marked as markup.

Article text is untrusted: it must never run as code or markup in the report.
Everything passed to :func:`el` as a child or attribute is escaped, except
:class:`Html` values, which only this module and the figure helper create.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html as _html
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "Html",
    "Section",
    "el",
    "esc",
    "evidence_by_outlet",
    "evidence_list",
    "figure",
    "highlight",
    "join",
    "note",
    "table",
]


class Html(str):
    """A string of trusted markup (built by :func:`el`); it is not escaped again."""

    __slots__ = ()


def esc(value: Any) -> Html:
    """Escape any value for use as HTML text or attribute.

    >>> esc('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    if isinstance(value, Html):
        return value
    if value is None or (isinstance(value, float) and value != value):
        return Html("")
    return Html(_html.escape(str(value), quote=True))


def join(parts: Iterable[Any], sep: str = "") -> Html:
    return Html(esc(sep).join(esc(p) for p in parts))


_VOID = {"br", "hr", "img", "meta", "link", "col", "input"}


def el(tag: str, *children: Any, **attrs: Any) -> Html:
    """An element with escaped children and attributes (``class_`` gives ``class``).

    >>> el("p", "a < b", class_="x")
    '<p class="x">a &lt; b</p>'
    """
    parts = []
    for k, v in attrs.items():
        if v is None or v is False:
            continue
        name = k.rstrip("_").replace("_", "-")
        parts.append(f' {name}="{esc(v)}"' if v is not True else f" {name}")
    open_tag = f"<{tag}{''.join(parts)}>"
    if tag in _VOID:
        return Html(open_tag)
    return Html(open_tag + "".join(esc(c) for c in _flatten(children)) + f"</{tag}>")


def _flatten(children):
    for c in children:
        if isinstance(c, (list, tuple)):
            yield from _flatten(c)
        elif c is not None:
            yield c


def note(text: Any, kind: str = "info") -> Html:
    """A highlighted remark (``kind``: info, warn)."""
    return el("p", text, class_=f"note {kind}")


def _fmt(v: Any) -> Any:
    if isinstance(v, float):
        if v != v:
            return ""
        if abs(v) >= 100 or v == int(v):
            return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.0f}" if v == int(v) else f"{v:.1f}"
        return f"{v:.3g}"
    if v is pd.NaT or v is None:
        return ""
    if isinstance(v, (pd.Timestamp, _dt.date)):
        return v.date().isoformat() if isinstance(v, pd.Timestamp) else v.isoformat()
    return v


#: Tables longer than this are folded into a <details> element (click to open).
FOLD_ROWS = 30


def table(
    df: pd.DataFrame,
    *,
    max_rows: int = 50,
    caption: str | None = None,
    fold_rows: int = FOLD_ROWS,
    name: str | None = None,
) -> Html:
    """An escaped HTML table of ``df`` (first ``max_rows`` rows, with its row count when cut).

    Tables of more than ``fold_rows`` rows are folded: a summary line says how many
    rows there are, and a click opens the table. ``name`` is the results table shown,
    so that a cut table says where the full one is (its CSV, or the command that writes it).
    """
    head = el("tr", [el("th", c) for c in df.columns])
    head_rows = df.head(max_rows)
    cols = [head_rows[c].tolist() for c in head_rows.columns]
    body = [el("tr", [el("td", _fmt(v)) for v in row]) for row in zip(*cols)]
    cap = el("caption", caption) if caption else None
    more = None
    if len(df) > max_rows:
        from .context import current

        where = f"; {current().csv_hint(name)}" if name else ""
        more = el("p", f"Showing {max_rows:,} of {len(df):,} rows{where}.", class_="more")
    html = Html(el("table", cap, el("thead", head), el("tbody", body)) + (more or ""))
    if len(df) > fold_rows:
        shown = f" (first {max_rows:,} shown)" if len(df) > max_rows else ""
        return el("details", el("summary", f"Table: {len(df):,} rows{shown}"), html)
    return html


def figure(fig: Any, *, alt: str, caption: str | None = None, dpi: int = 72) -> Html:
    """Embed a matplotlib Figure (or Axes) as an inline PNG and close it (for custom sections)."""
    import matplotlib.pyplot as plt

    if hasattr(fig, "figure") and not hasattr(fig, "savefig"):
        fig = fig.figure
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    img = Html(f'<img alt="{esc(alt)}" src="data:image/png;base64,{data}">')
    return el("figure", img, el("figcaption", caption) if caption else None)


def highlight(sentence: str, match: str) -> list[Any]:
    """``sentence`` with ``match`` marked (first occurrence; case-insensitive when needed).

    >>> highlight("Kiev said no.", "kiev")
    ['', '<mark>Kiev</mark>', ' said no.']
    """
    if not match:
        return [sentence]
    i = sentence.find(match)
    if i < 0:
        i = sentence.lower().find(match.lower())
    if i < 0:
        return [sentence]
    return [sentence[:i], el("mark", sentence[i : i + len(match)]), sentence[i + len(match) :]]


def evidence_by_outlet(
    evidence: pd.DataFrame | None,
    *,
    label_columns: list[str],
    per_outlet: int = 3,
    max_outlets: int = 12,
    title: str | None = "Sentences",
    name: str | None = None,
    open_: bool = False,
) -> Html:
    """Sentences behind the numbers, grouped by outlet: each outlet gets its own few.

    Parameters
    ----------
    evidence:
        An evidence table (``event, outlet, ..., match, sentence``).
    label_columns:
        Columns shown before each sentence (besides the outlet, which heads its group).
    per_outlet, max_outlets:
        Sentences shown per outlet, and outlets shown (those with the most sentences first);
        the counts of the rest are given.
    title:
        Summary line of the fold; None renders the lists unfolded.
    name:
        The evidence table's name, for the pointer to the full table.
    """
    from .context import current

    if evidence is None or len(evidence) == 0:
        return el("p", "No evidence sentences.", class_="more")
    ctx = current()
    # the first few rows of each outlet, found on arrays (evidence tables can have 100,000s of rows)
    codes, uniq = pd.factorize(evidence["outlet"].astype(str), sort=False)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniq))
    sizes: dict[str, int] = {str(o): int(n) for o, n in zip(uniq, counts)}
    cap = per_outlet * 3
    rank = pd.Series(codes).groupby(codes).cumcount().to_numpy()
    first: dict[str, list[int]] = {}
    for i in np.flatnonzero((rank < cap) & (codes >= 0)).tolist():
        first.setdefault(str(uniq[codes[i]]), []).append(i)
    outlets_col = evidence["outlet"].to_numpy()
    order = sorted(sizes, key=lambda o: (-sizes[o], o))
    cols = [
        c
        for c in dict.fromkeys([*label_columns, "article_id", "sentence_index", "match", "sentence"])
        if c in evidence and c != "outlet"
    ]
    idx = [i for o in order[:max_outlets] for i in first[o]]
    sub = evidence.iloc[idx]
    values = {c: sub[c].tolist() for c in cols}
    picked: dict[str, list[dict]] = {}
    seen = set()
    for k, i in enumerate(idx):
        o = str(outlets_col[i])
        d = {c: values[c][k] for c in cols}
        key = (o, d.get("article_id"), d.get("sentence_index"), d.get("match"))
        if key in seen or len(picked.get(o, ())) >= per_outlet:  # a repeated sentence and match says nothing new
            continue
        seen.add(key)
        picked.setdefault(o, []).append(d)
    n_shown = sum(len(v) for v in picked.values())
    blocks = []
    for outlet in order[:max_outlets]:
        items = []
        for d in picked.get(outlet, []):
            label = " · ".join(
                str(d[c])
                for c in label_columns
                if c in d and c != "outlet" and d[c] is not None and d[c] == d[c] and str(d[c]) != ""
            )
            items.append(
                el(
                    "li",
                    el("span", label, class_="lab") if label else None,
                    " ",
                    el("q", highlight(str(d.get("sentence", "") or ""), str(d.get("match", "") or ""))),
                    " ",
                    el("span", d.get("article_id", ""), class_="src"),
                )
            )
        n = int(sizes[outlet])
        more = f", {len(items)} shown" if n > len(items) else ""
        blocks.append(
            el(
                "div",
                el(
                    "h4",
                    el("span", "", class_="sw", style=f"background:{ctx.outlets[outlet]}"),
                    ctx.label(outlet),
                    el("span", f" {n:,} match{'es' if n != 1 else ''}{more}", class_="src"),
                ),
                el("ul", items, class_="evidence"),
                class_="evo",
            )
        )
    rest = order[max_outlets:]
    tail = None
    if rest or len(evidence) > n_shown:
        where = f"; {ctx.csv_hint(name)}" if name else ""
        extra = f"{len(rest):,} more outlets with {sum(sizes[o] for o in rest):,} matches" if rest else "more matches"
        tail = el("p", f"{extra} not shown{where}.", class_="more")
    inner = [blocks, tail]
    if title is None:
        return el("div", inner, class_="evgrid")
    return el(
        "details",
        el("summary", f"{title} ({len(evidence):,}, by outlet)"),
        el("div", inner, class_="evgrid"),
        open=open_ or None,
    )


def evidence_list(
    evidence: pd.DataFrame | None,
    *,
    label_columns: list[str],
    max_items: int = 30,
    title: str = "Evidence",
    name: str | None = None,
) -> Html:
    """Sentences behind the numbers, folded, a few per outlet (about ``max_items`` in all)."""
    n_out = evidence["outlet"].nunique() if evidence is not None and len(evidence) else 1
    per = max(2, -(-max_items // max(n_out, 1)))
    return evidence_by_outlet(evidence, label_columns=label_columns, per_outlet=min(per, 8), title=title, name=name)


@dataclass
class Section:
    """One section of the report: a title, an anchor, and blocks of markup.

    A section folds (a click on its title closes it); ``open`` says how it starts.
    """

    title: str
    anchor: str
    blocks: list[Html | None] = field(default_factory=list)
    intro: str = ""
    open: bool = True

    def render(self) -> Html:
        return el(
            "section",
            el(
                "details",
                el("summary", el("h2", self.title)),
                el("p", self.intro, class_="intro") if self.intro else None,
                self.blocks,
                open=self.open or None,
            ),
            id=self.anchor,
        )
