"""Assemble one self-contained HTML report from Results.

Order: the findings first (per event, largest first: headlines side by side, then the
ranked differences with links to their sentences), the outlet (and group) profiles, one
section per analysis that ran (its registered section, or the generic one built from its
declared tables, see :mod:`framing.report.sections`), and the corpus (articles, skipped
inputs, events) last. The page loads nothing (charts are inline SVG, the style sheet is
inline, there is no script; a Content-Security-Policy forbids the rest), and every string
from an article is escaped by :mod:`framing.report.html`.
"""

from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from .._log import logger
from .._version import __version__
from ..groups import GROUP_PROFILES, group_profiles, resolve_groups
from ..results import Results
from .context import build_context, use
from .html import Html, Section, el
from .sections import overview
from .sections.outlets import outlet_section
from .sections.registry import analyses_of, section_for
from .sections.summary import summary_section

__all__ = ["CSS", "Progress", "build_report", "write_report"]

#: ``progress(step, done, total)``: called before each step of a long run.
Progress = Callable[[str, int, int], None]

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1f2d3d;color:#fff;padding:.8em 2em}header h1{margin:0;font-size:1.45em}
header p{margin:.2em 0 0;opacity:.85;font-size:.92em}
nav{background:#eef1f5;padding:.4em 2em;position:sticky;top:0;z-index:2;border-bottom:1px solid #d8dde3}
nav a{margin-right:1.1em;color:#1f4e79;text-decoration:none;font-size:.9em}
main{max-width:1180px;margin:0 auto;padding:.5em 2em 4em}
section{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:.6em 1.4em;margin:1em 0}
section>details>summary{list-style:none}section>details>summary::-webkit-details-marker{display:none}
section>details>summary h2::before{content:"▾ ";color:#8a96a3}section>details:not([open])>summary h2::before{content:"▸ "}
h2{display:inline-block;margin:.1em 0;font-size:1.35em}h3{margin:.8em 0 .3em;font-size:1.08em}h4{margin:.4em 0 .1em;font-size:.95em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0;display:block;overflow-x:auto;max-width:100%}
th,td{border:1px solid #dde1e6;padding:1px 7px;text-align:left;vertical-align:top}
th{background:#f1f4f7}tr:nth-child(even) td{background:#fbfbfc}
table.headlines{display:table;width:100%;font-size:.86em;margin:.3em 0}table.headlines td.date{white-space:nowrap;color:#555}
.fig{margin:.6em 0;display:flex;flex-wrap:wrap;align-items:flex-start;gap:.2em 1em}figure{margin:.6em 0}
figcaption{font-size:.82em;color:#555;max-width:640px}
svg.chart{font-size:11px;fill:#1d1d1f;max-width:100%;height:auto}svg .grid{stroke:#e6e9ee}svg .zero{stroke:#888}
svg .tick{fill:#555;font-size:10px}svg .unit{fill:#333;font-size:11px}svg .grp{font-weight:600;fill:#1f4e79}
svg .ci{stroke-width:2;opacity:.75}svg .in{fill:#fff;font-size:10px}svg .mark{fill:#b2182b;font-weight:700}
svg .star{fill:#b2182b;font-size:10px}
ul.legend{list-style:none;padding:0;margin:.3em 0;font-size:.82em}ul.legend li{margin:.1em 0}
ul.legend .lt{font-weight:600}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.35em;vertical-align:-.05em}
.sw.open{background:#fff;border:2px solid}
.note{padding:.4em .8em;border-left:4px solid #0072B2;background:#eef5fb;font-size:.92em}
.note.warn{border-color:#E69F00;background:#fff6e6}
.more,.intro{color:#555;font-size:.88em}
.event-card{border-top:1px solid #e3e6ea;padding:0 0 .2em}.event-card h3{margin:.5em 0 .2em}
ol.findings{margin:.3em 0;padding-left:1.6em;font-size:.94em}ol.findings li{margin:.2em 0}
.uncertain{font-size:.84em;color:#444}.uncertain ul{margin:.1em 0;padding-left:1.4em}.uncertain .lt{margin:.2em 0}
a.ev{font-size:.82em;white-space:nowrap}a.ev::before{content:"→ "}
li.finding:target,.evblock:target{background:#fff3bf}
.evblock{border-left:3px solid #d8dde3;padding:.1em .8em;margin:.6em 0}.ftext{margin:.2em 0;font-size:.93em}
.evgrid{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:0 1.2em}
ul.evidence{font-size:.86em;padding-left:1.1em;margin:.1em 0 .4em}ul.evidence li{margin:.2em 0}
ul.evidence .lab{font-weight:600;color:#1f4e79}.src{color:#888;font-size:.85em;font-weight:400}
mark{background:#ffe58a;padding:0 1px}details{margin:.4em 0}summary{cursor:pointer}
details>summary{font-weight:600}summary h3{display:inline-block}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:.8em}
.card{border:1px solid #e3e6ea;border-radius:5px;padding:.2em .9em;font-size:.9em}.card ul{padding-left:1.1em;margin:.2em 0}
a.chip{margin-right:.6em;white-space:nowrap}
footer{color:#777;font-size:.8em;text-align:center;margin:2em}
"""

_CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
    "style-src 'unsafe-inline'\">"
)


def build_report(
    results: Results,
    *,
    title: str = "Framing report",
    outlet_groups: str | Path | Mapping[str, str] | None = None,
    csv_dir: str | Path | None = None,
    progress: Progress | None = None,
) -> str:
    """The report as one HTML string (self-contained, no network, no script).

    Parameters
    ----------
    results:
        What :func:`framing.analyze` returned.
    title:
        The page title.
    outlet_groups:
        A grouping of outlets to compare as well: an article field (e.g. ``"bias_text"``),
        a CSV/TSV file with columns ``outlet`` and ``group``, or a mapping.
    csv_dir:
        Where the tables are written as CSV, as the reader finds it from the report
        (cut tables point there); None: the report gives the command that writes them.
    progress:
        ``progress(step, done, total)``, called before each step.
    """
    if outlet_groups is None and "outlet_groups" in results.params:  # grouped by framing.analyze
        groups, group_by = dict(results.params["outlet_groups"]), str(results.params.get("group_by", ""))
    else:
        groups, group_by = resolve_groups(outlet_groups, results.corpus)
    ctx = build_context(results, csv_dir=csv_dir, groups=groups, group_by=group_by)
    names = analyses_of(results)
    total = len(names) + 3

    t0 = time.perf_counter()
    with use(ctx):
        _tick(progress, "report: findings", 0, total)
        summary, shown = summary_section(results)
        _tick(progress, "report: outlets", 1, total)
        outlets = outlet_section(results, shown)
        secs: list[Section] = [summary] + ([outlets] if outlets is not None else [])
        for i, name in enumerate(names):
            _tick(progress, f"report: {name}", 2 + i, total)
            secs.extend(section_for(results, name))
        _tick(progress, "report: corpus", total - 1, total)
        secs.extend(overview.sections(results))
        page = _page(results, secs, title)
    logger.info("report: %.2fs, %d characters", time.perf_counter() - t0, len(page))
    return page


def _tick(progress: Progress | None, step: str, done: int, total: int) -> None:
    if progress is not None:
        progress(step, done, total)


def _page(results: Results, secs: list[Section], title: str) -> str:
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
            Html(_CSP),
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
                f"framing {__version__} · generated {_dt.date.today().isoformat()} · every finding links "
                "to the sentences behind it",
            ),
        ),
        lang="en",
    )
    return "<!DOCTYPE html>\n" + page


def write_report(
    results: Results,
    path: str | Path,
    *,
    title: str = "Framing report",
    outlet_groups: str | Path | Mapping[str, str] | None = None,
    csv_dir: str | Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write :func:`build_report` to ``path`` (UTF-8); returns the path.

    With ``csv_dir``, the tables are written there as CSV first (with ``outlet_groups.csv``
    when a grouping is given), and the report points to them by their path relative to
    the report.
    """
    p = Path(path)
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    shown_dir = None
    if csv_dir is not None:
        d = Path(csv_dir)
        if progress is not None:
            progress("report: CSV tables", 0, 1)
        results.to_csv(d)
        if outlet_groups is not None and GROUP_PROFILES.name not in results:
            groups, _ = resolve_groups(outlet_groups, results.corpus)
            group_profiles(results, groups).to_csv(d / f"{GROUP_PROFILES.name}.csv", index=False, encoding="utf-8")
        try:
            shown_dir = d.resolve().relative_to(p.parent.resolve())
        except ValueError:
            shown_dir = d.resolve()
    p.write_text(
        build_report(results, title=title, outlet_groups=outlet_groups, csv_dir=shown_dir, progress=progress),
        encoding="utf-8",
    )
    return p
