"""``analyze``: group events, run the analyses, and collect their tables."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ._log import logger
from .analyses import ANALYZERS, DEFAULT_ANALYSES, Analyzer
from .analyses.base import check_corpus
from .corpus import Corpus
from .errors import ParameterError
from .events import events_table, group_events
from .results import Results

__all__ = ["analyze", "articles_table", "ARTICLES_COLUMNS"]

#: Columns of ``articles.csv``: one row per input, skipped ones included.
ARTICLES_COLUMNS = ["id", "outlet", "title", "date", "event", "status", "reason", "source", "n_words", "guessed"]


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
            }
        )
        df = pd.concat([df, sk], ignore_index=True) if len(df) else sk
    return df[ARTICLES_COLUMNS]


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
        "events": events_table(grouped),
    }
    selected = list(DEFAULT_ANALYSES if analyses is None else analyses)
    timings: dict[str, float] = {}
    for item in selected:
        if isinstance(item, Analyzer):
            analyzer = item
        else:
            if item not in ANALYZERS:
                raise ParameterError(
                    f"Unknown analysis {item!r}. Choose from: {', '.join(ANALYZERS)}."
                )
            analyzer = ANALYZERS[item](**dict(params.get(item, {})))
        t0 = time.perf_counter()
        out = analyzer.fit_transform(grouped)
        timings[analyzer.name] = time.perf_counter() - t0
        logger.info("analysis %s: %.2fs", analyzer.name, timings[analyzer.name])
        tables.update(out)
    return Results(grouped, tables, params={"event_threshold": event_threshold, "window_days": window_days,
                                             "analyses": [getattr(a, "name", a) for a in selected],
                                             "timings": timings})
