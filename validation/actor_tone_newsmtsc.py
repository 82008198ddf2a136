"""Actor tone against NewsMTSC (Hamborg and Donnay 2021), test sets rw and mt.

framing scores an actor's tone as the VADER compound score of the sentences that
name it. Here each NewsMTSC target gets the compound score of its sentence, mapped
to negative / neutral / positive by a neutral band |compound| < t. The band t is
tuned on the TRAIN split only (grid 0.00-0.60), then applied unchanged to the test
files. Published reference: the fine-tuned GRU-TSC model reaches F1m 83.1 (rw) and
82.5 (mt) on these test sets (Hamborg and Donnay 2021, EACL).

Run: python validation/actor_tone_newsmtsc.py [--shared PATH] [--no-write]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import dataset, parser, write_doc  # noqa: E402

LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
CLASSES = ["negative", "neutral", "positive"]


def load(path: Path) -> tuple[list[str], list[str]]:
    sents, gold = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        for t in d["targets"]:
            sents.append(d["sentence_normalized"])
            gold.append(LABELS[float(t["polarity"])])
    return sents, gold


def classify(scores: np.ndarray, band: float) -> np.ndarray:
    return np.where(scores >= band, "positive", np.where(scores <= -band, "negative", "neutral"))


def macro_f1(gold, pred) -> tuple[float, float, dict]:
    gold, pred = np.asarray(gold), np.asarray(pred)
    f1s, per = [], {}
    for c in CLASSES:
        tp = np.sum((pred == c) & (gold == c))
        p = tp / max(np.sum(pred == c), 1)
        r = tp / max(np.sum(gold == c), 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        per[c] = (p, r, f)
    return float(np.mean(f1s)), float(np.mean(gold == pred)), per


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    root = dataset(args.shared, "newsmtsc")
    from framing.analyses.actors import VaderScorer

    score = VaderScorer()
    tr_s, tr_g = load(root / "canonical" / "train.jsonl")
    tr = np.array([score(s) for s in tr_s])
    grid = np.round(np.arange(0.0, 0.61, 0.01), 2)
    f1_by_band = [macro_f1(tr_g, classify(tr, b))[0] for b in grid]
    band = float(grid[int(np.argmax(f1_by_band))])
    rows = []
    for name in ("rw", "mt"):
        s, g = load(root / "experiment_splits" / name / "test.jsonl")
        sc = np.array([score(x) for x in s])
        f1, acc, per = macro_f1(g, classify(sc, band))
        f1d, accd, _ = macro_f1(g, classify(sc, 0.05))
        maj = max(CLASSES, key=lambda c: g.count(c))
        f1m, accm, _ = macro_f1(g, np.array([maj] * len(g)))
        pub = {"rw": 83.1, "mt": 82.5}[name]
        rows.append((name, len(g), f1, acc, f1d, accd, f1m, accm, pub, per))
    lines = [
        "# Actor tone vs NewsMTSC",
        "",
        "framing's actor tone is the VADER compound score (vaderSentiment's own lexicon, no training) of the "
        "sentences that name the actor. NewsMTSC (Hamborg and Donnay 2021) labels the sentiment of a sentence "
        "*towards one target* (negative / neutral / positive). Each target is scored with the compound of its "
        f"sentence; neutral when |compound| < t. t = **{band:.2f}** was tuned for macro-F1 on the TRAIN split "
        f"({len(tr_g):,} targets) only; the default VADER band 0.05 is shown too. Test files: "
        "`experiment_splits/{rw,mt}/test.jsonl`.",
        "",
        "| test set | targets | F1m (tuned band) | accuracy | F1m (band 0.05) | accuracy | majority F1m | majority acc. | published GRU-TSC F1m |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, n, f1, acc, f1d, accd, f1m, accm, pub, _ in rows:
        lines.append(f"| {name} | {n:,} | {100*f1:.1f} | {100*acc:.1f} | {100*f1d:.1f} | {100*accd:.1f} | "
                     f"{100*f1m:.1f} | {100*accm:.1f} | {pub} |")
    lines += ["", "Per class (tuned band), precision / recall / F1:", "",
              "| test set | negative | neutral | positive |", "| --- | --- | --- | --- |"]
    for name, *_, per in rows:
        cells = [f"{100*per[c][0]:.0f} / {100*per[c][1]:.0f} / {100*per[c][2]:.0f}" for c in CLASSES]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Reading: sentence-level VADER is far below the fine-tuned target-dependent model. It cannot tell "
        "whose sentiment a sentence carries when several actors share it (the mt set), and news sentiment is "
        "often implicit (no polar words). framing therefore reports tone only as a mean over many sentences "
        "with a confidence interval, flags rows with fewer than 5 sentences, and keeps every sentence in "
        "`actors_evidence` so a reader can check it.",
        "",
        "Reproduce: `python validation/actor_tone_newsmtsc.py`.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        print("wrote", write_doc("actor_tone_newsmtsc", text))


if __name__ == "__main__":
    main()
