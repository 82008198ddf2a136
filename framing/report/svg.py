"""Small inline SVG charts for the report: dot-and-interval rows and stacked share bars.

The report draws its charts as inline SVG rather than matplotlib images: they cost
microseconds and a few kilobytes each, their text is real text (searchable, sharp at any
zoom), and they take colours from one :class:`~framing.plotting.colors.Palette` per
report. Legends are HTML lists beside the chart, never on the data. Every label is
escaped. (Library users who want figures in a notebook use :mod:`framing.plotting`.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .html import Html, el, esc

__all__ = ["Bar", "Dot", "Row", "bar_chart", "dot_chart", "legend", "nice_ticks"]

WIDTH = 640
ROW_H = 18
LABEL_W = 230
PAD_R = 20


@dataclass
class Dot:
    """One point on a row: value, optional interval, colour, and a hollow marker when ``open``."""

    value: float
    low: float | None = None
    high: float | None = None
    color: str = "#0072B2"
    title: str = ""
    open: bool = False


@dataclass
class Row:
    """One labelled row of a dot chart; ``mark`` adds a sign after the label (e.g. ≠)."""

    label: str
    dots: list[Dot] = field(default_factory=list)
    mark: str = ""
    href: str | None = None
    group: str | None = None


def nice_ticks(lo: float, hi: float, n: int = 5, *, integer: bool = False) -> list[float]:
    """About ``n`` round tick values covering ``[lo, hi]`` (whole numbers when ``integer``).

    >>> nice_ticks(0, 7, integer=True)
    [0, 2, 4, 6, 8]
    >>> nice_ticks(0, 1)
    [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    """
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    if integer:
        step = max(1, round(step))
    start = math.floor(lo / step) * step
    ticks: list[float] = []
    v = start
    while v <= hi + step * 0.5 and len(ticks) < 50:
        ticks.append(round(v) if integer else round(v, 10))
        if ticks[-1] >= hi:
            break
        v += step
    return ticks


def _fmt_tick(v: float) -> str:
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:.3g}"


def _short(s: str, n: int = 32) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most about ``width`` characters, broken at spaces.

    >>> _wrap("a b c", 3)
    ['a b', 'c']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _svg(width: int, height: int, body: list[str], label: str) -> Html:
    return Html(
        f'<svg class="chart" role="img" aria-label="{esc(label)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">' + "".join(body) + "</svg>"
    )


def _axis(body: list[str], ticks: list[float], x, top: int, bottom: int, unit: str) -> None:
    for t in ticks:
        px = x(t)
        body.append(f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{top}" y2="{bottom}" class="grid"/>')
        body.append(
            f'<text x="{px:.1f}" y="{bottom + 13}" text-anchor="middle" class="tick">{esc(_fmt_tick(t))}</text>'
        )
    for k, line in enumerate(_wrap(unit, 95)):
        body.append(f'<text x="4" y="{bottom + 28 + 13 * k}" class="unit">{esc(line)}</text>')


def dot_chart(
    rows: Sequence[Row],
    *,
    unit: str,
    label: str,
    lo: float | None = None,
    hi: float | None = None,
    integer: bool = False,
    zero_line: bool = False,
) -> Html:
    """Rows of points with intervals on one shared axis whose unit is written once, below it.

    Parameters
    ----------
    rows:
        The rows, top to bottom; a row whose ``group`` differs from the one above starts
        with a group heading.
    unit:
        Axis title (the unit, once).
    label:
        Accessible description of the chart.
    lo, hi:
        Axis range (default: from the data, from 0 when all values are positive).
    integer:
        Whole-number ticks (counts).
    """
    vals = [v for r in rows for d in r.dots for v in (d.value, d.low, d.high) if v is not None and math.isfinite(v)]
    dlo = min(vals) if vals else 0.0
    dhi = max(vals) if vals else 1.0
    lo = (0.0 if dlo >= 0 else dlo) if lo is None else lo
    hi = (dhi if dhi > lo else lo + 1) if hi is None else hi
    ticks = nice_ticks(lo, hi, integer=integer)
    lo, hi = min(ticks[0], lo), max(ticks[-1], hi)
    x0, x1 = LABEL_W, WIDTH - PAD_R

    def x(v: float) -> float:
        return x0 + (min(max(v, lo), hi) - lo) / (hi - lo) * (x1 - x0)

    body: list[str] = []
    y = 6
    prev_group: object = object()
    placed: list[tuple[Row, int]] = []
    for r in rows:
        if r.group is not None and r.group != prev_group:
            y += 4
            body.append(f'<text x="4" y="{y + 12}" class="grp">{esc(_short(str(r.group), 60))}</text>')
            y += ROW_H
        prev_group = r.group
        placed.append((r, y))
        y += ROW_H
    top, bottom = 2, y + 4
    _axis(body, ticks, x, top, bottom, unit)
    if zero_line and lo < 0 < hi:
        body.append(f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{top}" y2="{bottom}" class="zero"/>')
    for r, ry in placed:
        cy = ry + ROW_H / 2
        text = esc(_short(r.label)) + (f' <tspan class="mark">{esc(r.mark)}</tspan>' if r.mark else "")
        lab = f'<text x="{x0 - 8}" y="{cy + 4:.1f}" text-anchor="end"><title>{esc(r.label)}</title>{text}</text>'
        if r.href:
            lab = f'<a href="{esc(r.href)}">{lab}</a>'
        body.append(lab)
        n = len(r.dots)
        for j, d in enumerate(r.dots):
            if d.value is None or not math.isfinite(d.value):
                continue
            dy = cy + (j - (n - 1) / 2) * min(5, 12 / max(n, 1)) if n > 1 else cy
            if d.low is not None and d.high is not None and math.isfinite(d.low):
                h = d.high if math.isfinite(d.high) else hi
                body.append(
                    f'<line x1="{x(d.low):.1f}" x2="{x(h):.1f}" y1="{dy:.1f}" y2="{dy:.1f}" '
                    f'stroke="{d.color}" class="ci"/>'
                )
            fill = "#fff" if d.open else d.color
            tip = f"<title>{esc(d.title)}</title>" if d.title else ""
            body.append(
                f'<circle cx="{x(d.value):.1f}" cy="{dy:.1f}" r="4" fill="{fill}" stroke="{d.color}" '
                f'stroke-width="1.5">{tip}</circle>'
            )
    return _svg(WIDTH, bottom + 22 + 13 * len(_wrap(unit, 95)), body, label)


@dataclass
class Bar:
    """One stacked bar: a label and ``(key, share, colour)`` parts that sum to at most 1."""

    label: str
    parts: list[tuple[str, float, str]]
    note: str = ""
    group: str | None = None


def bar_chart(bars: Sequence[Bar], *, unit: str, label: str) -> Html:
    """Stacked horizontal share bars (0 to 1), the key written inside parts wide enough."""
    x0, x1 = LABEL_W, WIDTH - PAD_R - 40
    body: list[str] = []
    y = 6
    prev_group: object = object()
    placed: list[tuple[Bar, int]] = []
    for b in bars:
        if b.group is not None and b.group != prev_group:
            y += 4
            body.append(f'<text x="4" y="{y + 12}" class="grp">{esc(_short(str(b.group), 60))}</text>')
            y += ROW_H
        prev_group = b.group
        placed.append((b, y))
        y += ROW_H
    bottom = y + 4
    _axis(body, [0, 0.25, 0.5, 0.75, 1.0], lambda v: x0 + v * (x1 - x0), 2, bottom, unit)
    for b, by in placed:
        cy = by + ROW_H / 2
        body.append(
            f'<text x="{x0 - 8}" y="{cy + 4:.1f}" text-anchor="end"><title>{esc(b.label)}</title>'
            f"{esc(_short(b.label))}</text>"
        )
        left = 0.0
        for key, share, color in b.parts:
            if share <= 0:
                continue
            w = share * (x1 - x0)
            body.append(
                f'<rect x="{x0 + left * (x1 - x0):.1f}" y="{by + 2}" width="{w:.1f}" height="{ROW_H - 4}" '
                f'fill="{color}"><title>{esc(key)}: {share:.0%}</title></rect>'
            )
            if w > 7 * len(key) + 6:
                body.append(
                    f'<text x="{x0 + (left + share / 2) * (x1 - x0):.1f}" y="{cy + 4:.1f}" '
                    f'text-anchor="middle" class="in">{esc(key)}</text>'
                )
            left += share
        if b.note:
            body.append(f'<text x="{x1 + 6}" y="{cy + 4:.1f}" class="tick">{esc(b.note)}</text>')
    return _svg(WIDTH, bottom + 22 + 13 * len(_wrap(unit, 95)), body, label)


def legend(colors: Mapping[str, str], *, title: str = "", hollow: Mapping[str, str] | None = None) -> Html:
    """An HTML legend (outside the chart): a coloured square per key."""
    items = [el("li", el("span", "", class_="sw", style=f"background:{c}"), k) for k, c in colors.items()]
    for k, c in (hollow or {}).items():
        items.append(el("li", el("span", "", class_="sw open", style=f"border-color:{c}"), k))
    return el("ul", el("li", title, class_="lt") if title else None, items, class_="legend")
