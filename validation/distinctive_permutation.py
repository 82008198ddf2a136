"""Distinctive terms under permuted outlet labels: how many terms pass q < 0.05 by chance?

Data: ``datasets/allsides_article_bias/articles_subset.jsonl`` (6,706 articles of about 70
outlets, AllSides topics as events). Each run permutes the outlet labels among the articles
of each event at random (so no outlet differs from another but by chance), runs
``DistinctiveTermsAnalyzer`` with its defaults and counts the listed terms (the top 25 of
every outlet and event, and corpus-wide) with q < 0.05. A sound statistic lets about none
pass: BH controls the false discovery rate, and under the null every discovery is false.
The same count on the real labels is shown beside it, with the top terms of five outlets.

    python validation/distinctive_permutation.py [--shared ../shared] [--runs 3]
"""

from __future__ import annotations

import dataclasses
import sys
import time

import numpy as np

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import dataset, parser, write_doc

OUTLETS = ["New York Times - News", "CNN (Web News)", "Fox Online News", "Breitbart News", "Reuters"]


def load(shared):
    from framing import load_corpus

    path = dataset(shared, "allsides_article_bias") / "articles_subset.jsonl"
    return load_corpus(path, text="content_original", outlet="source", event="topic", id="ID")


def permuted(corpus, seed):
    """The corpus with the outlet labels shuffled among the articles of each event."""
    from framing import Corpus

    rng = np.random.default_rng(seed)
    arts = list(corpus.articles)
    events = np.array([a.event for a in arts], dtype=object)
    outlets = np.array([a.outlet for a in arts], dtype=object)
    for e in np.unique(events):
        idx = np.flatnonzero(events == e)
        outlets[idx] = outlets[rng.permutation(idx)]
    return Corpus([dataclasses.replace(a, outlet=o) for a, o in zip(arts, outlets)])


def passing(table):
    per_event = table[table["event"] != "all"]
    whole = table[table["event"] == "all"]
    return (int((per_event["q"] < 0.05).sum()), len(per_event), int((whole["q"] < 0.05).sum()), len(whole))


def main() -> None:
    ap = parser(__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from framing import DistinctiveTermsAnalyzer

    corpus = load(args.shared)
    lines = [
        "# Distinctive terms under permuted outlet labels (generated)",
        "",
        f"`python validation/distinctive_permutation.py` on {len(corpus):,} AllSides articles, topics as events.",
        "",
        "| labels | per-event rows with q < 0.05 | corpus-wide rows with q < 0.05 | seconds |",
        "|---|---|---|---|",
    ]
    real = None
    for run in range(-1, args.runs):
        c = corpus if run < 0 else permuted(corpus, run)
        t = time.time()
        out = DistinctiveTermsAnalyzer().fit_transform(c)
        secs = time.time() - t
        a, n, b, m = passing(out["distinctive"])
        label = "real" if run < 0 else f"permuted (seed {run})"
        lines.append(
            f"| {label} | {a:,} of {n:,} ({a / max(n, 1):.1%}) | {b:,} of {m:,} ({b / max(m, 1):.1%}) | {secs:.0f} |"
        )
        if run < 0:
            real = out["distinctive"]
        print(lines[-1], flush=True)
    lines += ["", "Top 10 corpus-wide terms (q, z) of five outlets, real labels:", ""]
    for o in OUTLETS:
        g = real[(real["event"] == "all") & (real["outlet"] == o)].head(10)
        terms = ", ".join(f"{t} ({q:.0e})" for t, q in zip(g["term"], g["q"]))
        lines.append(f"- **{o}**: {terms}")
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        print("written:", write_doc("distinctive_permutation", text))


if __name__ == "__main__":
    main()
