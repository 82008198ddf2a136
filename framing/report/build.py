"""Assemble one self-contained HTML report from Results.

The report only assembles: each section module turns results tables into markup
with figures from :mod:`framing.plotting`. The page loads nothing from the network
(figures are inline PNG, the style sheet is inline, there is no script), and every
string from an article is escaped by :mod:`framing.report.html`.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from .._version import __version__
from ..results import Results
from .html import Html, Section, el
from .sections import overview, selection, voices, word_choice

__all__ = ["build_report", "write_report", "SECTION_MODULES"]

#: Section providers, in report order. Each has ``sections(results) -> list[Section]``.
SECTION_MODULES = (overview, word_choice, selection, voices)

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1f2d3d;color:#fff;padding:1.2em 2em}header h1{margin:0;font-size:1.6em}
header p{margin:.3em 0 0;opacity:.85}
nav{background:#eef1f5;padding:.5em 2em;position:sticky;top:0;border-bottom:1px solid #d8dde3}
nav a{margin-right:1.2em;color:#1f4e79;text-decoration:none;font-size:.92em}
main{max-width:1100px;margin:0 auto;padding:1em 2em 4em}
section{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:1em 1.5em;margin:1.2em 0}
h2{margin-top:.2em;border-bottom:2px solid #1f4e79;padding-bottom:.2em}
table{border-collapse:collapse;font-size:.85em;margin:.6em 0;display:block;overflow-x:auto;max-width:100%}
th,td{border:1px solid #dde1e6;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f1f4f7}tr:nth-child(even) td{background:#fbfbfc}
figure{margin:.8em 0}figure img{max-width:100%;height:auto}figcaption{font-size:.85em;color:#555}
.note{padding:.5em .8em;border-left:4px solid #1f78b4;background:#eef5fb}
.note.warn{border-color:#e08b00;background:#fff6e6}
.more,.intro{color:#555;font-size:.9em}
ul.evidence{font-size:.88em;padding-left:1.2em}ul.evidence li{margin:.25em 0}
ul.evidence .lab{font-weight:600;color:#1f4e79}ul.evidence .src{color:#888;font-size:.85em}
mark{background:#ffe58a}details{margin:.5em 0}summary{cursor:pointer;font-weight:600}
footer{color:#777;font-size:.8em;text-align:center;margin:2em}
"""


def build_report(results: Results, *, title: str = "Framing report") -> str:
    """The report as one HTML string (self-contained, no network, no script)."""
    secs: list[Section] = []
    for mod in SECTION_MODULES:
        secs.extend(mod.sections(results))
    nav = el("nav", [el("a", s.title, href=f"#{s.anchor}") for s in secs])
    corpus = results.corpus
    sub = (
        f"{len(corpus):,} articles · {len(corpus.outlets):,} outlets · {len(corpus.events):,} events · "
        f"{len(corpus.skipped):,} skipped"
    )
    page = el(
        "html",
        el(
            "head",
            Html('<meta charset="utf-8">'),
            Html('<meta name="viewport" content="width=device-width, initial-scale=1">'),
            Html("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                 "img-src data:; style-src 'unsafe-inline'\">"),
            el("title", title),
            el("style", Html(CSS)),
        ),
        el(
            "body",
            el("header", el("h1", title), el("p", sub)),
            nav,
            el("main", [s.render() for s in secs]),
            el(
                "footer",
                f"framing {__version__} · generated {_dt.date.today().isoformat()} · "
                "every number links to the sentences behind it in the evidence lists and CSV tables",
            ),
        ),
        lang="en",
    )
    return "<!DOCTYPE html>\n" + page


def write_report(results: Results, path: str | Path, *, title: str = "Framing report") -> Path:
    """Write :func:`build_report` to ``path`` (UTF-8); returns the path."""
    p = Path(path)
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(build_report(results, title=title), encoding="utf-8")
    return p
