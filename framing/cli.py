"""The ``framing`` command: a thin layer over the public functions.

``framing report SOURCE -o report.html`` writes the HTML report;
``framing analyze SOURCE --out DIR`` writes the same results as CSV tables;
``--example`` uses the packaged example corpus instead of SOURCE.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._version import __version__
from .analyses import ANALYZERS, DEFAULT_ANALYSES
from .errors import FramingError, ParameterError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="framing",
        description="Show how different news outlets frame the same events.",
    )
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("source", nargs="?", help="folder, .jsonl/.json/.csv/.tsv file, or saved .html page")
        sp.add_argument("--example", action="store_true", help="use the packaged example corpus (fictional)")
        sp.add_argument("--text", help="column holding the article text")
        sp.add_argument("--outlet", help="column holding the outlet name")
        sp.add_argument("--title", help="column holding the title")
        sp.add_argument("--date", help="column holding the publication date")
        sp.add_argument("--id", dest="id_", metavar="ID", help="column holding the article id")
        sp.add_argument("--url", help="column holding the URL")
        sp.add_argument("--event", help="column holding a given event label (skips event grouping)")
        sp.add_argument("--metadata", help="sidecar table mapping file names (column 'file') to fields")
        sp.add_argument("--encoding", help="force a text encoding (default: detect)")
        sp.add_argument("--strict", action="store_true", help="stop at the first bad input instead of skipping it")
        sp.add_argument("--event-threshold", type=float, default=0.15,
                        help="similarity needed to group articles into one event (0-1, default 0.15)")
        sp.add_argument("--window-days", type=int, default=7,
                        help="articles further apart in days are never one event (default 7)")
        sp.add_argument("--analyses", default=",".join(DEFAULT_ANALYSES),
                        help=f"comma-separated analyses to run (default all: {','.join(ANALYZERS)})")
        sp.add_argument("--param", action="append", default=[], metavar="ANALYSIS.NAME=VALUE",
                        help="set an analysis parameter, e.g. --param naming.min_count=3 or "
                             "--param 'naming.lexicons=[\"ukraine_places\"]' (VALUE is JSON, else text); "
                             "repeatable")
        sp.add_argument("--n-jobs", type=int, default=None, metavar="N",
                        help="run the analyses in N processes (-1: all CPUs; default: one after the other)")
        sp.add_argument("--dask", metavar="ADDRESS", default=None,
                        help="run the analyses on a Dask cluster: its scheduler (tcp://host:8786) or 'local' "
                             "(needs the extra: pip install 'framing[dask]')")
        sp.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
        sp.add_argument("-q", "--quiet", action="store_true", help="only errors")

    rp = sub.add_parser("report", help="write the HTML report")
    common(rp)
    rp.add_argument("-o", "--output", default="report.html", help="output HTML file (default report.html)")
    rp.add_argument("--csv", metavar="DIR", help="also write the CSV tables to DIR")
    rp.add_argument("--title-text", dest="report_title", default="Framing report", help="report title")

    ap = sub.add_parser("analyze", help="write the results as CSV tables")
    common(ap)
    ap.add_argument("--out", required=True, help="output folder for the CSV tables")
    return p


def _load(args: argparse.Namespace):
    from .example import load_example
    from .io import load_corpus

    if args.example:
        return load_example()
    if not args.source:
        raise SystemExit("framing: give a SOURCE (folder or file) or --example")
    return load_corpus(
        args.source,
        text=args.text,
        outlet=args.outlet,
        title=args.title,
        date=args.date,
        id=args.id_,
        url=args.url,
        event=args.event,
        metadata=args.metadata,
        encoding=args.encoding,
        strict=args.strict,
    )


def parse_params(items: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``["naming.min_count=3", ...]`` -> ``{"naming": {"min_count": 3}}`` (values read as JSON, else text).

    >>> parse_params(["naming.min_count=3", 'loaded.categories=["loaded"]', "naming.discover=false"])
    {'naming': {'min_count': 3, 'discover': False}, 'loaded': {'categories': ['loaded']}}
    """
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        analysis, dot, name = key.strip().partition(".")
        if not sep or not dot or not analysis or not name:
            raise ParameterError(
                f"--param {item!r} is not ANALYSIS.NAME=VALUE; for example --param naming.min_count=3."
            )
        try:
            value = json.loads(raw)
        except ValueError:
            value = raw
        out.setdefault(analysis, {})[name.strip()] = value
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 input error, 2 usage)."""
    args = _parser().parse_args(argv)
    level = logging.ERROR if args.quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    logging.basicConfig(level=level, format="framing: %(message)s")
    from .pipeline import analyze
    from .report.build import write_report

    try:
        corpus = _load(args)
        analyses = [a.strip() for a in args.analyses.split(",") if a.strip()]
        params = parse_params(args.param)
        client = None
        if args.dask:
            from .parallel import connect

            client = connect(args.dask)
        results = analyze(corpus, analyses=analyses, params=params, event_threshold=args.event_threshold,
                          window_days=args.window_days, n_jobs=args.n_jobs, client=client)
    except FramingError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 1
    n, k = len(results.corpus), len(results.corpus.skipped)
    if args.command == "report":
        path = write_report(results, args.output, title=args.report_title)
        if args.csv:
            results.to_csv(args.csv)
        if not args.quiet:
            print(f"framing: {n} articles analysed, {k} skipped; report written to {Path(path).resolve()}")
    else:
        paths = results.to_csv(args.out)
        if not args.quiet:
            print(f"framing: {n} articles analysed, {k} skipped; {len(paths)} tables written to "
                  f"{Path(args.out).resolve()}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
