"""A tiny HTML builder that escapes every string unless it is marked as markup.

Article text is untrusted: it must never run as code or markup in the report.
Everything passed to :func:`el` as a child or attribute is escaped, except
:class:`Html` values, which only this module and the figure helper create.
"""

from __future__ import annotations

import base64
import html as _html
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["Html", "esc", "el", "join", "table", "figure", "evidence_list", "Section", "note"]


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
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if not pd.isna(v) else ""
    return v


#: Tables longer than this are folded into a <details> element (click to open).
FOLD_ROWS = 30


def table(df: pd.DataFrame, *, max_rows: int = 50, caption: str | None = None, fold_rows: int = FOLD_ROWS) -> Html:
    """An escaped HTML table of ``df`` (first ``max_rows`` rows, with a note if cut).

    Tables of more than ``fold_rows`` rows are folded: a summary line says how many
    rows there are, and a click opens the table.
    """
    head = el("tr", [el("th", c) for c in df.columns])
    body = [
        el("tr", [el("td", _fmt(v)) for v in row])
        for row in df.head(max_rows).itertuples(index=False, name=None)
    ]
    cap = el("caption", caption) if caption else None
    more = (
        el("p", f"Showing {max_rows} of {len(df):,} rows; the full table is in the CSV output.", class_="more")
        if len(df) > max_rows
        else None
    )
    html = Html(el("table", cap, el("thead", head), el("tbody", body)) + (more or ""))
    if len(df) > fold_rows:
        shown = f" (first {max_rows:,} shown)" if len(df) > max_rows else ""
        return el("details", el("summary", f"Table: {len(df):,} rows{shown}"), html)
    return html


def figure(fig: Any, *, alt: str, caption: str | None = None) -> Html:
    """Embed a matplotlib Figure (or Axes) as an inline PNG and close it."""
    import matplotlib.pyplot as plt

    if hasattr(fig, "figure") and not hasattr(fig, "savefig"):
        fig = fig.figure
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    img = Html(f'<img alt="{esc(alt)}" src="data:image/png;base64,{data}">')
    return el("figure", img, el("figcaption", caption) if caption else None)


def evidence_list(
    evidence: pd.DataFrame,
    *,
    label_columns: list[str],
    max_items: int = 30,
    title: str = "Evidence",
) -> Html:
    """Sentences behind the numbers, with the matched words highlighted.

    ``evidence`` is an evidence table (see ``framing.analyses.base.make_evidence``);
    each item shows its label columns, the article id and the sentence.
    """
    if evidence is None or len(evidence) == 0:
        return el("p", "No evidence sentences.", class_="more")
    items = []
    for row in evidence.head(max_items).itertuples(index=False):
        d = row._asdict()
        sentence, match = str(d.get("sentence", "")), str(d.get("match", "") or "")
        i = sentence.find(match) if match else -1
        if i >= 0:
            body = [sentence[:i], el("mark", match), sentence[i + len(match) :]]
        else:
            body = [sentence]
        label = " · ".join(str(d[c]) for c in label_columns if c in d and d[c] is not None)
        items.append(el("li", el("span", label, class_="lab"), " ", el("q", body), " ", el("span", d.get("article_id", ""), class_="src")))
    more = (
        el("p", f"{len(evidence) - max_items:,} more in the evidence CSV.", class_="more")
        if len(evidence) > max_items
        else None
    )
    return el("details", el("summary", f"{title} ({len(evidence):,} sentences)"), el("ul", items, class_="evidence"), more)


@dataclass
class Section:
    """One section of the report: a title, an anchor, and blocks of markup."""

    title: str
    anchor: str
    blocks: list[Html] = field(default_factory=list)
    intro: str = ""

    def render(self) -> Html:
        return el(
            "section",
            el("h2", self.title),
            el("p", self.intro, class_="intro") if self.intro else None,
            self.blocks,
            id=self.anchor,
        )
