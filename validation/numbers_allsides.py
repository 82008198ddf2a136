"""Numbers on the AllSides topics: how many conflicts are listed, and a sample to check by hand.

Data: ``datasets/allsides_article_bias/articles_subset.jsonl`` (6,706 articles of about 70
outlets; the AllSides topic of each article is taken as its event, as
``benchmarks/run.py --corpus`` takes it). A topic ("abortion", "elections") is not one
story: most pairs of sentences with the same counted thing are about different facts, and
a "conflict" between them is wrong. The script runs ``NumbersAnalyzer`` with its defaults,
counts the rows that disagree and the listed conflict pairs, and draws a fixed random sample
of conflicts (``--sample``, seed ``--seed``) with both sentences, for a hand check of whether
each pair is about the same story and the same quantity. The judgements of the last check
are in ``docs/selection.md``; this script does not judge.

    python validation/numbers_allsides.py [--shared ../shared] [--sample 30] [--seed 0]

Skips (exit 0, with a message) when the dataset is absent.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import parser, write_doc

NAME = "allsides_article_bias"


def load(shared: Path):
    """The AllSides articles with their topic as event (``None`` when the dataset is absent)."""
    from framing import load_corpus

    path = shared / "datasets" / NAME / "articles_subset.jsonl"
    if not path.exists():
        return None
    return load_corpus(path, text="content_original", outlet="source", event="topic", id="ID")


def _cell(s: str, n: int = 400) -> str:
    s = " ".join(str(s).split()).replace("|", "/")
    return s if len(s) <= n else s[: n - 1] + "…"


def main() -> None:
    ap = parser(__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=30, help="conflicts drawn for the hand check")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save", type=Path, default=None, help="also write the two tables as CSV into this folder")
    args = ap.parse_args()
    corpus = load(args.shared)
    if corpus is None:
        print(f"skipped: {args.shared / 'datasets' / NAME} not found (pass --shared PATH)")
        return
    from framing.analyses.numbers import NumbersAnalyzer

    t = time.time()
    out = NumbersAnalyzer().fit_transform(corpus)
    secs = time.time() - t
    n, d = out["numbers"], out["number_disagreements"]
    if args.save is not None:
        args.save.mkdir(parents=True, exist_ok=True)
        n.to_csv(args.save / "numbers.csv", index=False)
        d.to_csv(args.save / "number_disagreements.csv", index=False)
    conf = d[d["status"] == "conflict"]
    restated = d[d["status"] == "agree as totals"]
    sample = conf.sample(min(args.sample, len(conf)), random_state=args.seed) if len(conf) else conf
    lines = [
        "# Numbers on the AllSides topics (generated)",
        "",
        f"`python validation/numbers_allsides.py` on {len(corpus):,} AllSides articles, topics as events "
        f"({corpus.n_events if hasattr(corpus, 'n_events') else len(set(corpus.event_labels()))} topics), "
        f"`NumbersAnalyzer()` defaults, {secs:.0f} s.",
        "",
        "| measure | count |",
        "|---|---|",
        f"| quantity rows | {len(n):,} |",
        f"| rows flagged `disagrees` | {int(n['disagrees'].sum()):,} |",
        f"| listed pairs with status `conflict` | {len(conf):,} |",
        f"| listed pairs with status `agree as totals` | {len(restated):,} |",
        "",
        f"A random sample of {len(sample)} conflicts (seed {args.seed}) for a hand check; the judgements "
        "are in [selection](../selection.md#like-with-like).",
        "",
        "| # | topic | quantity | outlet a | sentence a | outlet b | sentence b |",
        "|---|---|---|---|---|---|---|",
    ]
    for k, r in enumerate(sample.itertuples(), 1):
        lines.append(
            f"| {k} | {r.event} | {r.quantity} | {_cell(r.outlet_a, 40)} | {_cell(r.sentence_a)} (**{_cell(r.text_a, 60)}**) "
            f"| {_cell(r.outlet_b, 40)} | {_cell(r.sentence_b)} (**{_cell(r.text_b, 60)}**) |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        print(f"wrote {write_doc('numbers_allsides', text)}")


if __name__ == "__main__":
    main()
