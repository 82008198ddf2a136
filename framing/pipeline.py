"""``analyze``: group events, run the analyses, and collect their tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._log import logger
from .analyses import ANALYZERS, DEFAULT_ANALYSES, Analyzer
from .corpus import Corpus, check_corpus
from .corpus_tables import ARTICLES, EVENTS, HEADLINES
from .errors import ParameterError
from .events import events_table, group_events
from .groups import GROUP_PROFILES, group_profiles, resolve_groups
from .parallel import run_analyses
from .results import Results
from .tables import TableSpec, conform
from .views import headline_view

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
    n_jobs: int | None = None,
    client: Any = None,
    progress: Callable[[str, int, int], None] | None = None,
    outlet_groups: str | Path | Mapping[str, str] | None = None,
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
    n_jobs:
        Analyses run side by side in this many processes (as in scikit-learn: ``-1``
        all CPUs); ``None`` (default) or ``1`` runs them one after the other. Tables
        are identical either way (see :mod:`framing.parallel`).
    client:
        A ``dask.distributed.Client``: the analyses run on its cluster (extra ``dask``).
    outlet_groups:
        Outlets to compare as groups as well: an article field (e.g. ``"bias_text"``), a
        CSV/TSV file with columns ``outlet`` and ``group``, or a mapping. Adds the
        ``outlet_groups`` table; the report compares the groups too.
    progress:
        ``progress(step, done, total)``, called as each step starts (grouping events, then
        each analysis) with the number of steps done and the number in all.

    Returns
    -------
    Results
        ``articles`` (every input), ``events`` (the grouping), each analysis's
        declared tables, ``headlines`` (what each outlet puts in its headlines, from every
        analysis's evidence) and, with ``outlet_groups``, ``outlet_groups``; by name, each
        with its declaration in ``results.specs``.
    """
    corpus = check_corpus(corpus, "analyze").canonical()  # the input order never changes a table
    params = dict(params or {})
    analyzers = _analyzers(DEFAULT_ANALYSES if analyses is None else analyses, params)
    n_steps = 1 + len(analyzers)
    if progress is not None:
        progress("events", 0, n_steps)
    grouped = group_events(corpus, threshold=event_threshold, window_days=window_days)
    tables: dict[str, pd.DataFrame] = {
        "articles": articles_table(grouped),
        "events": conform(EVENTS, events_table(grouped)),
    }
    specs: dict[str, TableSpec] = {ARTICLES.name: ARTICLES, EVENTS.name: EVENTS}
    for analyzer in analyzers:
        specs.update({t.name: t for t in analyzer.tables})
    timings: dict[str, float] = {}
    # one at a time when they run in this process, so that progress can say which runs
    one_by_one = progress is not None and client is None and n_jobs in (None, 1)
    batches = [[a] for a in analyzers] if one_by_one else [analyzers]
    for done, batch in zip(np.cumsum([0, *map(len, batches)]), batches):
        if progress is not None and batch:
            progress(f"analysis {', '.join(a.name for a in batch)}", 1 + int(done), n_steps)
        for analyzer, (out, seconds) in zip(batch, run_analyses(batch, grouped, n_jobs=n_jobs, client=client)):
            timings[analyzer.name] = seconds
            logger.info("analysis %s: %.2fs", analyzer.name, timings[analyzer.name])
            tables.update(out)
    # the headline view over every analysis's evidence (a derived table, no new measurement)
    specs[HEADLINES.name] = HEADLINES
    owners = {t.name: a.name for a in analyzers for t in a.tables}
    tables[HEADLINES.name] = headline_view(grouped, tables, specs, owners)
    run = {
        "event_threshold": event_threshold,
        "window_days": window_days,
        "analyses": [a.name for a in analyzers],
        "timings": timings,
    }
    if outlet_groups is not None:
        groups, group_by = resolve_groups(outlet_groups, grouped)
        specs[GROUP_PROFILES.name] = GROUP_PROFILES
        tables[GROUP_PROFILES.name] = group_profiles(tables, groups)
        run.update(outlet_groups=groups, group_by=group_by)
    return Results(grouped, tables, specs=specs, params=run)


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
