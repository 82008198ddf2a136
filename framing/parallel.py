"""Run the analyses in parallel: local processes (``n_jobs``) or a Dask cluster (``client``).

Every analysis is one task: it is fitted and run on the whole grouped corpus in a
worker, exactly as :func:`framing.analyze` runs it in its own process, so the tables
are identical to a serial run's (same rows, same order, same dtypes). The analyses
compare outlets within each event *and* over the whole corpus (the ``all`` rows, the
false-discovery control over every test), so cutting one analysis into events would
need a merge step per analysis; running whole analyses side by side needs none.

Local processes are started with ``fork`` where the platform has it (Linux): the
workers share the parsed corpus with the parent instead of receiving a copy. On a
Dask cluster the articles travel once to each worker (``client.scatter``), which parses
them again.

Memory: each worker holds the corpus and the tables of the analysis it runs, so a run
with ``n_jobs=k`` takes up to about ``k + 1`` times the memory of one process.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pandas as pd

from ._log import logger
from .analyses.base import Analyzer
from .corpus import Corpus
from .errors import ParameterError

__all__ = ["connect", "effective_n_jobs", "run_analyses"]

#: Analyses started first (the slowest, so that the others fill the remaining workers).
SLOWEST_FIRST = ("facts", "quotes", "actors", "numbers")

# the corpus a forked worker inherits from its parent (set only while a pool runs)
_SHARED: dict[str, Corpus] = {}


def effective_n_jobs(n_jobs: int | None) -> int:
    """Processes to use for ``n_jobs``, as in scikit-learn.

    ``None`` or ``1``: one (serial, in this process); ``-1``: all CPUs; ``-2``: all
    but one, and so on; a positive number: that many.

    >>> effective_n_jobs(None), effective_n_jobs(1), effective_n_jobs(-1) == (os.cpu_count() or 1)
    (1, 1, True)
    """
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise ParameterError(
            f"The 'n_jobs' parameter must be a non-zero integer or None (1: serial, -1: all CPUs); got {n_jobs!r}."
        )
    cpus = os.cpu_count() or 1
    return n_jobs if n_jobs > 0 else max(1, cpus + 1 + n_jobs)


def _payload(corpus: Corpus) -> tuple:
    """What a worker needs to rebuild ``corpus``: the articles, not the parsed caches."""
    return (corpus.articles, corpus.skipped, corpus.sentence_splitter, corpus.event_method)


def _rebuild(payload: tuple) -> Corpus:
    articles, skipped, splitter, method = payload
    return Corpus(articles, skipped, sentence_splitter=splitter, _event_method=method)


def _run(analyzer: Analyzer, corpus: Corpus) -> tuple[dict[str, pd.DataFrame], float]:
    t0 = time.perf_counter()
    out = analyzer.fit_transform(corpus)
    return out, time.perf_counter() - t0


def _run_shared(analyzer: Analyzer) -> tuple[dict[str, pd.DataFrame], float]:
    return _run(analyzer, _SHARED["corpus"])


def _run_payload(analyzer: Analyzer, payload: tuple) -> tuple[dict[str, pd.DataFrame], float]:
    return _run(analyzer, _rebuild(payload))


def _order(analyzers: Sequence[Analyzer]) -> list[int]:
    """Indices of ``analyzers``, the slowest first (stable otherwise)."""
    rank = {name: k for k, name in enumerate(SLOWEST_FIRST)}
    return sorted(range(len(analyzers)), key=lambda i: (rank.get(analyzers[i].name, len(rank)), i))


def run_analyses(
    analyzers: Sequence[Analyzer],
    corpus: Corpus,
    *,
    n_jobs: int | None = None,
    client: Any = None,
) -> list[tuple[dict[str, pd.DataFrame], float]]:
    """Fit and run each analyzer on ``corpus``; ``(tables, seconds)`` per analyzer, in order.

    Parameters
    ----------
    analyzers:
        Configured analyzers (not yet fitted).
    corpus:
        The grouped corpus (events assigned).
    n_jobs:
        Local processes (see :func:`effective_n_jobs`); ``None`` or ``1`` runs them one
        after the other in this process.
    client:
        A ``dask.distributed.Client``: the analyses run on its workers instead (``n_jobs``
        is then ignored).

    Returns
    -------
    list of (dict of DataFrame, float)
        Each analyzer's tables and the seconds it took, in the order given.
    """
    if client is not None:
        return _on_dask(analyzers, corpus, client)
    jobs = min(effective_n_jobs(n_jobs), len(analyzers))
    if jobs <= 1:
        return [_run(a, corpus) for a in analyzers]
    corpus.documents()  # parse once here: forked workers share the parsed texts
    corpus.flat_tokens()
    methods = multiprocessing.get_all_start_methods()
    results: list[Any] = [None] * len(analyzers)
    logger.info("running %d analyses in %d processes", len(analyzers), jobs)
    if "fork" in methods:
        _SHARED["corpus"] = corpus
        try:
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                futures = {i: pool.submit(_run_shared, analyzers[i]) for i in _order(analyzers)}
                for i, f in futures.items():
                    results[i] = f.result()
        finally:
            _SHARED.clear()
    else:  # pragma: no cover - platforms without fork (Windows, macOS defaults)
        payload = _payload(corpus)
        with ProcessPoolExecutor(jobs) as pool:
            futures = {i: pool.submit(_run_payload, analyzers[i], payload) for i in _order(analyzers)}
            for i, f in futures.items():
                results[i] = f.result()
    return results


def _on_dask(analyzers: Sequence[Analyzer], corpus: Corpus, client: Any) -> list[tuple[dict[str, pd.DataFrame], float]]:
    if not (hasattr(client, "submit") and hasattr(client, "scatter") and hasattr(client, "gather")):
        raise ParameterError(
            f"The 'client' parameter must be a dask.distributed.Client; got {type(client).__name__}. "
            "Install the extra (pip install 'framing[dask]') and pass Client('tcp://scheduler:8786')."
        )
    logger.info("running %d analyses on Dask (%s)", len(analyzers), getattr(client, "dashboard_link", "client"))
    payload = client.scatter(_payload(corpus), broadcast=True)
    order = _order(analyzers)
    futures = {
        i: client.submit(_run_payload, analyzers[i], payload, pure=False, priority=len(order) - k)
        for k, i in enumerate(order)
    }
    done = client.gather([futures[i] for i in range(len(analyzers))])
    return list(done)


def connect(address: str) -> Any:
    """A ``dask.distributed.Client`` connected to the scheduler at ``address``.

    ``address`` is a scheduler address (``tcp://host:8786``), or ``local`` for a
    :class:`~dask.distributed.LocalCluster` on this machine (one single-threaded worker
    process per core). Both are closed when the program ends.
    """
    from ._optional import import_optional

    distributed = import_optional("dask.distributed", extra="dask", purpose="running the analyses on a Dask cluster")
    # the scheduler's and workers' own INFO lines would drown framing's progress lines
    logging.getLogger("distributed").setLevel(logging.ERROR if address == "local" else logging.WARNING)
    if address == "local":
        cluster = distributed.LocalCluster(processes=True, threads_per_worker=1, dashboard_address=":0")
        client = distributed.Client(cluster)
        atexit.register(cluster.close)  # runs after the client's close (last in, first out)
    else:
        client = distributed.Client(address)
    atexit.register(client.close)
    return client
