"""Event grouping against AllSides stories: do articles on the same story land in one event?

Also scores BASIL's 100 triplets of full articles (``datasets/basil``), when present.

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

from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import dataset, parser, write_doc


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


def _undated(corpus):
    import dataclasses

    import framing

    return framing.Corpus([dataclasses.replace(a, date=None) for a in corpus])


def allsides(shared):
    """The AllSides story excerpts as a corpus, and the story of each article (the truth)."""
    import framing

    path = next((dataset(shared, "allsides_neus") / "raw_crawled").glob("*.jsonl"))
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        for side, art in (story.get("news") or {}).items():
            body = " ".join(art.get("newBody") or [])
            if not body.strip():
                continue
            records.append(
                {
                    "id": f"{story['id']}-{side}",
                    "outlet": art.get("newsSource"),
                    "title": art.get("newsTitle"),
                    "text": body,
                    "date": story.get("date"),
                    "story": str(story["id"]),
                }
            )
    corpus = framing.load_corpus(records, dedupe_text=False)
    return corpus, [a.meta["story"] for a in corpus]


def basil(shared):
    """BASIL's 300 full articles (100 triplets, each article with its own date); truth: the triplet."""
    import datetime as dt

    import framing

    arts = []
    for p in sorted((dataset(shared, "basil") / "articles").rglob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        sents = [s.strip() for para in d["body-paragraphs"] for s in para if s.strip()]
        arts.append(
            framing.Article(
                id=p.stem,
                outlet=d["source"].lower(),
                title=d.get("title") or "",
                text="\n".join(sents),
                date=dt.date.fromisoformat(d["date"]) if d.get("date") else None,
                meta={"triplet": d["triplet-uuid"]},
            )
        )
    corpus = framing.Corpus(arts)
    return corpus, [a.meta["triplet"] for a in corpus]


def score(corpus, truth, **options):
    import framing

    t = time.perf_counter()
    g = framing.group_events(corpus, **options)
    dt = time.perf_counter() - t
    pred = [a.event for a in g]
    p, r, f = pairwise_prf(truth, pred)
    return len(set(pred)), p, r, f, adjusted_rand_score(truth, pred), dt


def main(argv=None) -> int:
    args = parser(__doc__).parse_args(argv)
    corpus, truth = allsides(args.shared)
    rows = []
    for dated, c in (("yes", corpus), ("no", _undated(corpus))):
        for th in (0.1, 0.15, 0.2, 0.3):
            rows.append(
                (
                    "AllSides",
                    dated,
                    f"threshold {th}" + (" (default)" if th == 0.15 else ""),
                    *score(c, truth, threshold=th),
                )
            )
        rows.append(("AllSides", dated, "default, no decay with time (half_life=0)", *score(c, truth, half_life=0)))
        rows.append(("AllSides", dated, "default, no cohesion rule (cohesion=0)", *score(c, truth, cohesion=0)))
    # date alone: every article of a day in one event
    day = [str(a.date) for a in corpus]
    p, r, f = pairwise_prf(truth, day)
    rows.append(
        ("AllSides", "only", "one event per date", len(set(day)), p, r, f, adjusted_rand_score(truth, day), 0.0)
    )
    try:
        b, bt = basil(args.shared)
    except SystemExit:
        b = None
    if b is not None:
        for dated, c in (("yes", b), ("no", _undated(b))):
            rows.append(("BASIL", dated, "default", *score(c, bt)))
    n_stories = len(set(truth))
    lines = [
        "# Validation: event grouping on AllSides stories (and BASIL triplets)",
        "",
        f"Data: `allsides_neus/raw_crawled`, {len(corpus)} article excerpts from {len(corpus.outlets)} outlets on "
        f"{n_stories} AllSides stories (the truth: articles AllSides lists under one story). Texts are the "
        "excerpts AllSides shows (about 565 characters), much shorter than full articles, so this is a hard "
        "case for content similarity. Dates are the story dates: every article of a story carries the same "
        "date, which flatters the decay with time (real reports of one event spread over a day or two). "
        "BASIL: 300 full articles (Fox News, New York Times, HuffPost) on 100 events, each with its own "
        "publication date (half the triplets within a day, all within four days); the truth is the triplet.",
        "",
        "Calibration: the default threshold (0.15), the half-life (2 days), the weight of an unknown gap "
        "(half a day) and the cohesion ratio (0.6) were chosen on these two sets together with the hand-written "
        "strike-and-talks articles (tests/test_events.py), the seeds, the example corpus and the synthetic "
        "benchmark corpus (8-article events: pairwise recall 0.995 at cohesion 0.6, 0.913 at 0.7, which is why "
        "the ratio is not higher). BASIL is therefore not an untouched test set.",
        "",
        "Command: `python validation/events_allsides.py`",
        "",
        "| data | dates used | setting | events found | pairwise precision | pairwise recall | pairwise F1 | adjusted Rand | seconds |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for data, dated, setting, k, p, r, f, ari, dt in rows:
        lines.append(f"| {data} | {dated} | {setting} | {k} | {p:.3f} | {r:.3f} | {f:.3f} | {ari:.3f} | {dt:.2f} |")
    lines += [
        "",
        f"A perfect grouping finds {n_stories} AllSides events and 100 BASIL events. Before the sparse "
        "constrained grouping (commit d5afd31: connected components, then average linkage with no decay "
        "with time), the default scored pairwise F1 0.651 with dates and 0.337 without on AllSides. There is "
        "no published figure for this exact task.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        print("written:", write_doc("events", text))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
