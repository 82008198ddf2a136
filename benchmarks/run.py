"""Speed and memory of framing against one scikit-learn CountVectorizer pass, in one process.

Usage::

    python benchmarks/run.py --n 1000 10000 [--one-event 200] [--no-memory] [--out benchmarks/results.md]
    python benchmarks/run.py --n 10000 --stages word-choice --no-memory   # naming, loaded, distinctive only

For each N it generates a synthetic corpus (benchmarks/synthetic.py), then times: load
(records -> Corpus), parse (sentences and tokens), vocabulary (the flat token table and term
counts that event grouping and the analyses share), events (grouping), each analysis, and the
HTML report (``--stages`` picks analyses and the report; load, parse, vocabulary and events
always run); and one ``CountVectorizer().fit_transform`` over the same texts. The figure that
matters is the ratio of framing's time to the CountVectorizer time on the same machine in the
same run. ``--one-event K`` also times one event of K articles (all outlets on the same
story, the event given), the case where alignment within an event could grow
quadratically. Peak memory per stage is measured in a second pass with tracemalloc (Python and
numpy allocations), unless --no-memory.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_corpus

#: Stages of the word-choice analyses (issue 3's figure), parsing and the token table included.
WORD_CHOICE = ("parse", "vocabulary", "naming", "loaded", "distinctive")


def _stages(records, only=None):
    import framing
    from framing.analyses import ANALYZERS
    from framing.corpus_tables import HEADLINES
    from framing.events import events_table
    from framing.pipeline import articles_table
    from framing.report.build import build_report
    from framing.results import Results
    from framing.views import headline_view

    state = {}

    def load():
        state["corpus"] = framing.load_corpus(records)

    def parse():
        state["corpus"].documents()  # sentences and tokens of every article, parsed together

    def vocabulary():
        # the flat token table and term counts, shared by event grouping and the analyses
        state["corpus"].term_counts()

    def events():
        state["grouped"] = framing.group_events(state["corpus"])

    stages = [("load", load), ("parse", parse), ("vocabulary", vocabulary), ("events", events)]
    state["tables"] = {}

    def make(name):
        def run():
            state["tables"].update(ANALYZERS[name]().fit_transform(state["grouped"]))

        return run

    for name in ANALYZERS:
        if only is None or name in only:
            stages.append((name, make(name)))

    def headlines():
        # the headline view over every analysis's evidence, as framing analyze builds it
        specs = {t.name: t for name in ANALYZERS if only is None or name in only for t in ANALYZERS[name].tables}
        state["tables"][HEADLINES.name] = headline_view(state["grouped"], state["tables"], specs)

    def csv():
        # every table written as framing analyze writes it
        g = state["grouped"]
        tables = {"articles": articles_table(g), "events": events_table(g), **state["tables"]}
        with tempfile.TemporaryDirectory(prefix="framing-bench-") as tmp:
            Results(g, tables).to_csv(tmp)

    def report():
        g = state["grouped"]
        tables = {"articles": articles_table(g), "events": events_table(g), **state["tables"]}
        state["html"] = build_report(Results(g, tables))

    if only is None or "headlines" in only:
        stages.append(("headlines", headlines))
    if only is None or "csv" in only:
        stages.append(("csv", csv))
    if only is None or "report" in only:
        stages.append(("report", report))
    return stages


class _NoSampler:
    """Stands in for rss.RssSampler when psutil is absent (the rss_mib column is then NaN)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def reset(self):
        return None

    def peak(self):
        return float("nan")


def _sampler():
    try:
        from rss import RssSampler

        return RssSampler()
    except ImportError:  # psutil is in benchmarks/requirements.txt
        return _NoSampler()


def _baseline(texts):
    from sklearn.feature_extraction.text import CountVectorizer

    t = time.perf_counter()
    CountVectorizer().fit_transform(texts)
    return time.perf_counter() - t


def real_records(path: Path, mapping: dict) -> list[dict]:
    """Records of a real corpus (any file ``framing.load_corpus`` reads), for ``--corpus``."""
    import framing

    c = framing.load_corpus(path, **mapping)
    return [
        {"id": a.id, "outlet": a.outlet, "title": a.title, "date": a.date, "event": a.event, "text": a.text} for a in c
    ]


def bench(n: int, memory: bool, *, one_event: bool = False, only=None, records=None, name=None) -> list[dict]:
    if records is None:
        records = make_corpus(n, articles_per_event=n if one_event else 8)
        if one_event:
            records = [{**r, "event": "E1"} for r in records]
        corpus = f"one event of {n}" if one_event else "events of ~8"
    else:
        n = len(records)
        corpus = name
    texts = [r["text"] for r in records]
    n_words = sum(len(t.split()) for t in texts)
    base = min(_baseline(texts) for _ in range(3))
    rows = [
        {
            "N": n,
            "corpus": corpus,
            "stage": "CountVectorizer (baseline)",
            "seconds": base,
            "articles_per_s": n / base,
            "x_baseline": 1.0,
            "peak_mib": float("nan"),
        }
    ]
    sampler = _sampler()
    with sampler:
        for name, fn in _stages(records, only):
            gc.collect()
            sampler.reset()
            t = time.perf_counter()
            fn()
            dt = time.perf_counter() - t
            rows.append(
                {
                    "N": n,
                    "corpus": corpus,
                    "stage": name,
                    "seconds": dt,
                    "articles_per_s": n / dt if dt else float("inf"),
                    "x_baseline": dt / base,
                    "peak_mib": float("nan"),
                    "rss_mib": sampler.peak() / 2**20,
                }
            )
    if memory:
        stages = _stages(records, only)
        for i, (_name, fn) in enumerate(stages):
            gc.collect()
            tracemalloc.start()
            fn()
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rows[i + 1]["peak_mib"] = peak / 2**20
    secs = {r["stage"]: r["seconds"] for r in rows[1:]}
    sums = {
        "TOTAL (load..report)": sum(secs.values()),
        "analysis (parse+events+analyses)": sum(
            v for k, v in secs.items() if k not in ("load", "headlines", "csv", "report")
        ),
        "word choice (parse+vocabulary+naming+loaded+distinctive)": sum(secs.get(k, 0.0) for k in WORD_CHOICE),
    }
    for stage, t in sums.items():
        rows.append(
            {
                "N": n,
                "corpus": corpus,
                "stage": stage,
                "seconds": t,
                "articles_per_s": n / t,
                "x_baseline": t / base,
                "peak_mib": float("nan"),
                "rss_mib": float("nan"),
            }
        )
    print(f"N={n}: {n_words:,} words; CountVectorizer {base:.2f}s", file=sys.stderr)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="*", default=None, help="corpus sizes (events of ~8 articles; default 1000)")
    ap.add_argument(
        "--one-event", type=int, nargs="*", default=[], metavar="K", help="also time one event of K articles"
    )
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument(
        "--corpus",
        type=Path,
        default=None,
        metavar="PATH",
        help="also time a real corpus (a file or folder framing.load_corpus reads); its events "
        "are used when given, e.g. ../shared/datasets/allsides_article_bias/articles_subset.jsonl "
        "--text content_original --outlet source --event topic --id ID",
    )
    for field in ("text", "outlet", "event", "id", "title", "date"):
        ap.add_argument(f"--{field}", default=None, help=f"--corpus: column holding the {field}")
    ap.add_argument(
        "--stages",
        nargs="*",
        default=None,
        metavar="STAGE",
        help="time only these analyses, 'headlines' (the headline view), 'csv' (writing the tables) "
        "or 'report' (load, parse and events always run); 'word-choice' stands for naming, loaded and distinctive",
    )
    ap.add_argument(
        "--rss",
        action="store_true",
        help="also run 'framing analyze' (or --rss-command) in a subprocess on each corpus and "
        "report its wall time and peak resident memory (psutil, the process and its workers)",
    )
    ap.add_argument(
        "--rss-command",
        default="analyze",
        choices=("analyze", "report"),
        help="the command --rss runs (default analyze)",
    )
    ap.add_argument("--rss-only", action="store_true", help="with --rss: skip the in-process stage timings")
    ap.add_argument("--n-jobs", type=int, default=None, help="--rss: pass --n-jobs to framing")
    ap.add_argument(
        "--rss-timeout",
        type=float,
        default=None,
        metavar="S",
        help="--rss: stop the command after S seconds and report how far it got",
    )
    ap.add_argument(
        "--peers",
        action="store_true",
        help="also time the peers for distinctive terms (scattertext, log-odds over CountVectorizer) "
        "on 2,000 articles of 600 words from 20 outlets (benchmarks/peers.py)",
    )
    ap.add_argument("--out", type=Path, default=None, help="write the markdown table here")
    args = ap.parse_args(argv)
    import pandas as pd

    only = None
    if args.stages is not None:
        only = set()
        for s in args.stages:
            only.update(WORD_CHOICE[2:] if s == "word-choice" else (s,))
    rows, rss_rows = [], []
    sizes = args.n if args.n is not None else ([] if args.corpus or args.one_event or args.peers else [1000])
    extra = ["--n-jobs", str(args.n_jobs)] if args.n_jobs else []
    for n in sizes:
        if not args.rss_only:
            rows.extend(bench(n, memory=not args.no_memory, only=only))
        if args.rss:
            rss_rows.append(_rss(make_corpus(n), f"synthetic {n}", args.rss_command, extra, args.rss_timeout))
    for k in args.one_event:
        rows.extend(bench(k, memory=not args.no_memory, one_event=True, only=only))
    if args.corpus is not None:
        mapping = {f: getattr(args, f) for f in ("text", "outlet", "event", "id", "title", "date") if getattr(args, f)}
        records = real_records(args.corpus, mapping)
        if not args.rss_only:
            rows.extend(bench(0, memory=not args.no_memory, only=only, records=records, name=args.corpus.name))
        if args.rss:
            rss_rows.append(_rss(records, args.corpus.name, args.rss_command, extra, args.rss_timeout))
    tables = []
    if rows:
        tables.append(_markdown(pd.DataFrame(rows)))
    if rss_rows:
        tables.append(_markdown(pd.DataFrame(rss_rows)))
    if args.peers:
        from peers import bench_peers

        tables.append(_markdown(pd.DataFrame(bench_peers(repeat=2))))
    text = "\n\n".join(tables)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


def _rss(records: list[dict], name: str, command: str, extra: list[str], timeout: float | None = None) -> dict:
    """One subprocess run of ``framing COMMAND`` on ``records``: seconds and peak resident memory."""
    from rss import bench_command

    r = bench_command(records, command, extra, timeout)
    print(f"{command} on {name}: {r['seconds']:.1f}s, peak RSS {r['peak_rss_mib']:.0f} MiB", file=sys.stderr)
    return {
        "corpus": name,
        "articles": len(records),
        "command": f"framing {command} {' '.join(extra)}".strip(),
        "seconds": r["seconds"],
        "cpu_s": r["cpu_s"],
        "peak_rss_mib": r["peak_rss_mib"],
        "maxrss_mib": r["maxrss_mib"],
        "peak_during": r["peak_during"],
        "status": r["status"],
        "last_log": r["last_log"],
    }


def _markdown(df):
    return df.to_markdown(index=False, floatfmt=".2f") if _has_tabulate() else df.to_string(index=False)


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    raise SystemExit(main())
