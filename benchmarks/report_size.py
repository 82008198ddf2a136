"""Benchmark: size and drawing time of the HTML report (issue: bounded at any size).

Times, for each corpus, the analyses (``framing.analyze``) and then the report alone
(``framing.build_report``: findings, profiles, sections, charts, HTML), and writes the
page to measure its size. Nothing is cached between runs. Targets: the example report in
at most 3 s in all, the AllSides report at most 5 MB and at most 10 s beyond the analyses.

Run from the repository root::

    python benchmarks/report_size.py                       # the example corpus
    python benchmarks/report_size.py --corpus ../shared/datasets/allsides_article_bias/articles_subset.jsonl \\
        --text content_original --outlet source --outlet-groups bias_text

Timings depend on the machine and its load; run it on a quiet one (the ``*_cpu_s`` figures,
this process's CPU time, are less sensitive to other programs than the wall-clock ones).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def measure(corpus, *, outlet_groups=None, out: Path | None = None) -> dict:
    import framing
    from framing.report.build import build_report

    t0, c0 = time.perf_counter(), time.process_time()
    results = framing.analyze(corpus)
    t1, c1 = time.perf_counter(), time.process_time()
    page = build_report(results, outlet_groups=outlet_groups)
    t2, c2 = time.perf_counter(), time.process_time()
    data = page.encode("utf-8")
    if out is not None:
        out.write_bytes(data)
    return {
        "articles": len(results.corpus),
        "outlets": len(results.corpus.outlets),
        "events": len(results.corpus.events),
        "analyze_s": round(t1 - t0, 2),
        "report_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
        "size_mb": round(len(data) / 1e6, 3),
        "analyze_cpu_s": round(c1 - c0, 2),
        "report_cpu_s": round(c2 - c1, 2),
    }


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", help="a corpus file or folder (default: the packaged example corpus)")
    p.add_argument("--text")
    p.add_argument("--outlet")
    p.add_argument("--title")
    p.add_argument("--date")
    p.add_argument("--outlet-groups")
    p.add_argument("--repeat", type=int, default=1, help="runs (the fastest is reported)")
    p.add_argument("--out", type=Path, help="also write the report here")
    args = p.parse_args(argv)
    import framing

    def load():
        if not args.corpus:
            return framing.load_example()
        return framing.load_corpus(args.corpus, text=args.text, outlet=args.outlet, title=args.title, date=args.date)

    t = time.perf_counter()
    corpus = load()
    load_s = time.perf_counter() - t
    runs = [
        measure(corpus if i == 0 else load(), outlet_groups=args.outlet_groups, out=args.out)
        for i in range(args.repeat)
    ]
    best = min(runs, key=lambda r: r["total_s"])
    best["load_s"] = round(load_s, 2)
    best["corpus"] = args.corpus or "example"
    print(json.dumps(best))


if __name__ == "__main__":
    main()
