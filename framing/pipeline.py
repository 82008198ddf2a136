"""``analyze``: group events, run the analyses, and collect their tables."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ._log import logger
from .analyses import ANALYZERS, DEFAULT_ANALYSES, Analyzer
from .corpus import Corpus, check_corpus
from .corpus_tables import ARTICLES, EVENTS
from .errors import ParameterError
from .events import events_table, group_events
from .results import Results
from .tables import TableSpec, conform

__all__ = ["analyze", "articles_table", "ARTICLES_COLUMNS"]

#: Columns of ``articles.csv``: one row per input, skipped ones included (declared in
#: :data:`framing.corpus_tables.ARTICLES`).
ARTICLES_COLUMNS = ARTICLES.column_names


def articles_table(corpus: Corpus) -> pd.DataFrame:
    """One row per input: analysed articles (status ``analyzed``) and skipped inputs (``skipped``)."""
    df = corpus.to_frame()
    df["status"] = "analyzed"
    df["reason"] = ""
    sk = corpus.skipped_frame()
    if len(sk):
        sk = pd.DataFrame(
            {
                "id": sk["id"],
                "outlet": sk["outlet"],
                "title": sk["title"],
                "date": pd.NaT,
                "event": None,
                "status": "skipped",
                "reason": sk["reason"] + sk["detail"].map(lambda d: f": {d}" if d else ""),
                "source": sk["source"] + sk["line"].map(lambda n: f":{int(n)}" if n == n and n is not None else ""),
                "n_words": 0,
                "guessed": "",
                "url": "",
                "language": "",
            }
        )
        df = pd.concat([df, sk], ignore_index=True) if len(df) else sk
    return conform(ARTICLES, df[ARTICLES_COLUMNS])


def analyze(
    corpus: Corpus,
    *,
    analyses: Iterable[str | Analyzer] | None = None,
    event_threshold: float = 0.15,
    window_days: int = 7,
    params: Mapping[str, Mapping[str, Any]] | None = None,
) -> Results:
    """Group events (unless given) and run the analyses; returns :class:`Results`.

    Parameters
    ----------
    corpus:
        The articles (see :func:`framing.load_corpus`).
    analyses:
        Names from :data:`framing.ANALYZERS` or configured analyzer instances;
        default all of :data:`framing.DEFAULT_ANALYSES`.
    event_threshold, window_days:
        Passed to :func:`framing.group_events` when the input gives no events.
    params:
        Per-analysis constructor arguments, e.g. ``{"naming": {"lexicons": [...]}}``.

    Returns
    -------
    Results
        ``articles`` (every input), ``events`` (the grouping) and each analysis's
        tables, by name.
    """
    corpus = check_corpus(corpus, "analyze")
    params = dict(params or {})
    grouped = group_events(corpus, threshold=event_threshold, window_days=window_days)
    tables: dict[str, pd.DataFrame] = {
        "articles": articles_table(grouped),
        "events": conform(EVENTS, events_table(grouped)),
    }
    analyzers = _analyzers(DEFAULT_ANALYSES if analyses is None else analyses, params)
    specs: dict[str, TableSpec] = {ARTICLES.name: ARTICLES, EVENTS.name: EVENTS}
    for analyzer in analyzers:
        specs.update({t.name: t for t in analyzer.tables})
    timings: dict[str, float] = {}
    for analyzer in analyzers:
        t0 = time.perf_counter()
        out = analyzer.fit_transform(grouped)
        timings[analyzer.name] = time.perf_counter() - t0
        logger.info("analysis %s: %.2fs", analyzer.name, timings[analyzer.name])
        tables.update(out)
    return Results(grouped, tables, specs=specs,
                   params={"event_threshold": event_threshold, "window_days": window_days,
                           "analyses": [a.name for a in analyzers], "timings": timings})


def _analyzers(selected: Iterable[str | Analyzer], params: Mapping[str, Mapping[str, Any]]) -> list[Analyzer]:
    """The analyzers to run, built from names or given; refuses two that write one table."""
    if isinstance(selected, str):
        selected = [selected]
    unknown_params = sorted(set(params) - set(ANALYZERS))
    if unknown_params:
        raise ParameterError(
            f"Unknown analysis {', '.join(map(repr, unknown_params))} in params. Choose from: {', '.join(ANALYZERS)}."
        )
    out: list[Analyzer] = []
    owner: dict[str, str] = {"articles": "the corpus", "events": "the corpus"}
    for item in selected:
        if isinstance(item, Analyzer):
            analyzer = item
        elif isinstance(item, str) and item in ANALYZERS:
            cls = ANALYZERS[item]
            given = dict(params.get(item, {}))
            wrong = sorted(set(given) - set(cls._param_names()))
            if wrong:
                raise ParameterError(
                    f"{cls.__name__} has no parameter {', '.join(map(repr, wrong))}. "
                    f"Its parameters are: {', '.join(cls._param_names())}."
                )
            analyzer = cls(**given)
        else:
            raise ParameterError(f"Unknown analysis {item!r}. Choose from: {', '.join(ANALYZERS)}.")
        label = f"{type(analyzer).__name__} (analysis {analyzer.name!r})"
        for name in analyzer.table_names():
            if name in owner:
                raise ParameterError(
                    f"Two analyses write a table named {name!r}: {owner[name]} and {label}. "
                    "Run them in separate framing.analyze calls, or list each analysis once."
                )
            owner[name] = label
        out.append(analyzer)
    return out
