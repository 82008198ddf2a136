"""Event grouping against AllSides stories: do articles on the same story land in one event?

Data: ``datasets/allsides_neus/raw_crawled`` (506 AllSides stories with left, center and right
articles; the article text is the excerpt AllSides shows, about 565 characters). Each article
becomes one input (outlet, title, excerpt, the story's date); the story id is the truth and is
NOT given to the grouping. Scores: pairwise precision, recall and F1 over article pairs, and the
adjusted Rand index, at several thresholds, with and without dates.

    python validation/events_allsides.py [--shared ../shared]
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import dataset, parser, write_doc  # noqa: E402


def pairwise_prf(truth: list[str], pred: list[str]) -> tuple[float, float, float]:
    from collections import Counter

    def pairs(labels):
        return sum(c * (c - 1) // 2 for c in Counter(labels).values())

    tp = pairs(list(zip(truth, pred)))
    p_pairs, t_pairs = pairs(pred), pairs(truth)
    prec = tp / p_pairs if p_pairs else float("nan")
    rec = tp / t_pairs if t_pairs else float("nan")
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def main(argv=None) -> int:
    args = parser(__doc__).parse_args(argv)
    import framing

    path = next((dataset(args.shared, "allsides_neus") / "raw_crawled").glob("*.jsonl"))
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        for side, art in (story.get("news") or {}).items():
            body = " ".join(art.get("newBody") or [])
            if not body.strip():
                continue
            records.append({
                "id": f"{story['id']}-{side}",
                "outlet": art.get("newsSource"),
                "title": art.get("newsTitle"),
                "text": body,
                "date": story.get("date"),
                "story": str(story["id"]),
            })
    corpus = framing.load_corpus(records, dedupe_text=False)
    truth = [a.meta["story"] for a in corpus]
    undated = framing.Corpus([a.__class__(**{**{f: getattr(a, f) for f in a.__dataclass_fields__}, "date": None})
                              for a in corpus])
    rows = []
    for dated, c in (("yes", corpus), ("no", undated)):
        for th in (0.1, 0.15, 0.2, 0.3):
            t = time.perf_counter()
            g = framing.group_events(c, threshold=th, window_days=7)
            dt = time.perf_counter() - t
            pred = [a.event for a in g]
            p, r, f = pairwise_prf(truth, pred)
            rows.append((dated, th, len(set(pred)), p, r, f, adjusted_rand_score(truth, pred), dt))
    n_stories = len(set(truth))
    lines = [
        "# Validation: event grouping on AllSides stories",
        "",
        f"Data: `allsides_neus/raw_crawled`, {len(corpus)} article excerpts from {len(corpus.outlets)} outlets on "
        f"{n_stories} AllSides stories (the truth: articles AllSides lists under one story). Texts are the "
        "excerpts AllSides shows (about 565 characters), much shorter than full articles, so this is a hard "
        "case for content similarity. Dates are the story dates.",
        "",
        "Command: `python validation/events_allsides.py`",
        "",
        "| dates used | threshold | events found | pairwise precision | pairwise recall | pairwise F1 | adjusted Rand | seconds |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for dated, th, k, p, r, f, ari, dt in rows:
        lines.append(f"| {dated} | {th} | {k} | {p:.3f} | {r:.3f} | {f:.3f} | {ari:.3f} | {dt:.2f} |")
    lines += [
        "",
        f"A perfect grouping finds {n_stories} events. There is no published figure for this exact task; "
        "the table is our own baseline to improve on.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        print("written:", write_doc("events", text))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
