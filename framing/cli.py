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
        sp.add_argument(
            "--follow-links",
            action="store_true",
            help="follow symbolic links that lead out of the folder (skipped by default)",
        )
        sp.add_argument(
            "--event-threshold",
            type=float,
            default=0.15,
            help="similarity needed to group articles into one event (0-1, default 0.15)",
        )
        sp.add_argument(
            "--window-days", type=int, default=7, help="articles further apart in days are never one event (default 7)"
        )
        sp.add_argument(
            "--analyses",
            default=",".join(DEFAULT_ANALYSES),
            help=f"comma-separated analyses to run (default all: {','.join(ANALYZERS)})",
        )
        sp.add_argument(
            "--param",
            action="append",
            default=[],
            metavar="ANALYSIS.NAME=VALUE",
            help="set an analysis parameter, e.g. --param naming.min_count=3 or "
            "--param 'naming.lexicons=[\"ukraine_places\"]' (VALUE is JSON, else text); "
            "repeatable",
        )
        sp.add_argument(
            "--n-jobs",
            type=int,
            default=None,
            metavar="N",
            help="run the analyses in N processes (-1: all CPUs; default: one after the other)",
        )
        sp.add_argument(
            "--dask",
            metavar="ADDRESS",
            default=None,
            help="run the analyses on a Dask cluster: its scheduler (tcp://host:8786) or 'local' "
            "(needs the extra: pip install 'framing[dask]')",
        )
        sp.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
        sp.add_argument(
            "--outlet-groups",
            metavar="FIELD_OR_FILE",
            help="compare groups of outlets too: an input column such as bias_text (each outlet "
            "gets its articles' most common value) or a CSV with columns outlet,group",
        )
        sp.add_argument("-q", "--quiet", action="store_true", help="only errors (no progress)")

    rp = sub.add_parser("report", help="write the HTML report")
    common(rp)
    rp.add_argument("-o", "--output", default="report.html", help="output HTML file (default report.html)")
    rp.add_argument(
        "--csv", metavar="DIR", help="write the CSV tables to DIR (default: a folder <OUTPUT>_tables beside the report)"
    )
    rp.add_argument("--no-csv", action="store_true", help="write the report only, no CSV tables")
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
        follow_links=args.follow_links,
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
    """Run the command line; returns the exit status (0 ok, 1 input error or nothing analysed, 2 usage)."""
    args = _parser().parse_args(argv)
    level = logging.ERROR if args.quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    logging.basicConfig(level=level, format="framing: %(message)s")
    from .pipeline import analyze
    from .progress import ProgressPrinter
    from .report.build import write_report

    progress = None if args.quiet else ProgressPrinter()
    try:
        if progress is not None:
            progress(f"loading {'the example corpus' if args.example else args.source}", 0, 1)
        corpus = _load(args)
        if progress is not None:
            progress.close()
        if not args.quiet:
            for line in _column_report(args, corpus):
                _err(f"framing: {line}")
        if len(corpus) == 0:
            _err(f"framing: error: no article to analyse. {_skipped_summary(corpus)}")
            return 1
        analyses = [a.strip() for a in args.analyses.split(",") if a.strip()]
        params = parse_params(args.param)
        client = None
        if args.dask:
            from .parallel import connect

            client = connect(args.dask)
        results = analyze(
            corpus,
            analyses=analyses,
            params=params,
            event_threshold=args.event_threshold,
            window_days=args.window_days,
            n_jobs=args.n_jobs,
            client=client,
            progress=progress,
            outlet_groups=args.outlet_groups or None,
        )
        n, k = len(results.corpus), len(results.corpus.skipped)
        if args.command == "report":
            out = Path(args.output)
            csv_dir = None if args.no_csv else Path(args.csv) if args.csv else out.with_name(f"{out.stem}_tables")
            path = write_report(
                results,
                out,
                title=args.report_title,
                csv_dir=csv_dir,
                progress=progress,
            )
            where = f"report written to {Path(path).resolve()}"
            if csv_dir is not None:
                where += f", tables to {csv_dir.resolve()}"
        else:
            paths = results.to_csv(args.out)
            where = f"{len(paths)} tables written to {Path(args.out).resolve()}"
    except FramingError as exc:
        if progress is not None:
            progress.close()
        _err(f"framing: error: {exc}")
        return 1
    if progress is not None:
        progress.close()
    if not args.quiet:
        sys.stdout.write(f"framing: {n} articles analysed, {k} skipped; {where}\n")
    return 0


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")


_TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")
_SHOWN_FIELDS = ("text", "outlet", "title", "date")


def _columns_of(path: Path, encoding: str | None) -> list[str]:
    """The column names of a CSV/TSV header or of the first JSONL records ([] when unreadable)."""
    import csv

    with open(path, encoding=encoding or "utf-8-sig", errors="replace", newline="") as fh:
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            keys: dict[str, None] = {}
            for _, line in zip(range(50), fh):
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict):
                    keys.update(dict.fromkeys(map(str, rec)))
            return list(keys)
        head = next(csv.reader(fh, delimiter="\t" if path.suffix.lower() == ".tsv" else ","), [])
        return [h.strip() for h in head]


def _column_report(args: argparse.Namespace, corpus) -> list[str]:
    """Which column the loader took for text, outlet, title and date, when it chose them itself."""
    if args.example or not args.source:
        return []
    path = Path(args.source)
    if not path.is_file() or path.suffix.lower() not in _TABLE_SUFFIXES:
        return []
    from .io.records import resolve_columns

    given = {
        "text": args.text,
        "outlet": args.outlet,
        "title": args.title,
        "date": args.date,
        "id": args.id_,
        "url": args.url,
        "event": args.event,
    }
    try:
        available = _columns_of(path, args.encoding)
        picked = resolve_columns(available, given, where=str(path))
    except (OSError, UnicodeError, FramingError, StopIteration):
        return []
    guessed = [f"{f}={picked[f]!r}" for f in _SHOWN_FIELDS if given.get(f) is None and picked.get(f)]
    lines = (
        [f"columns guessed: {', '.join(guessed)} (name others with --text, --outlet, --title, --date)"]
        if guessed
        else []
    )
    unused = [c for c in available if c not in set(picked.values())]
    if picked.get("outlet") is None and len(corpus):
        lines.append(
            "no outlet column found, so every article's outlet is 'unknown'. Name the column with "
            f"--outlet COLUMN; columns not used: {', '.join(unused[:12]) or 'none'}."
        )
    return lines


def _skipped_summary(corpus) -> str:
    """'N inputs skipped: reason (count); ...' or how to give articles."""
    sk = corpus.skipped_frame() if hasattr(corpus, "skipped_frame") else None
    if sk is None or len(sk) == 0:
        return (
            "The input holds no articles. Give a folder of .txt/.md/.html files, or a CSV/JSONL file with "
            "one article per row and a text column."
        )
    reasons = sk["reason"].value_counts()
    parts = "; ".join(f"{r} ({n})" for r, n in reasons.head(5).items())
    return (
        f"All {len(sk):,} inputs were skipped: {parts}. Run with -v to see each one; the articles table "
        "of `framing analyze` lists them all."
    )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
