"""Validate the loaded-language detector at word level against BABE, MBIC and BASIL.

Usage::

    python validation/loaded_language.py [--shared PATH] [--no-write]

Reads ``<shared>/datasets/babe_mbic`` (BABE = final_labels_SG2.csv; MBIC =
final_labels_MBIC.xlsx, needs openpyxl) and ``<shared>/datasets/basil`` (lexical
spans), and scores, for every word (token) of every labelled sentence, whether
the detector marks it (it lies inside a hit) against whether the annotators
marked it (a BABE/MBIC biased word, or a token inside a BASIL lexical span).
Every row is scored by the same scorer (:func:`_score`). Rows: the ``loaded``
category alone; the loaded-language word categories together
(:data:`framing.analyses.loaded.WORD_CHOICE`: loaded, euphemism, sympathetic,
delegitimising, dehumanising and the pejorative and sympathetic labels for groups);
the same counting only the writer's own words (hits outside quotations); the
judging attribution verbs alone; every judging category (the word categories plus
attribution_judging, hedge, factive, scare_quote); and, as baselines matched as
single words the same way, the negative words of Hu and Liu (2004) and the bias
lexicon of Recasens et al. (2013) (both read from ../shared, never shipped). A
second table gives the precision of each category. Writes
docs/validation/loaded_language.md.
"""

from __future__ import annotations

import ast
import functools
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "validation"))

from _common import dataset, parser, write_doc  # noqa: E402

from framing import LoadedLanguageAnalyzer, load_corpus  # noqa: E402
from framing.analyses.loaded import SCARE_QUOTE, WORD_CHOICE  # noqa: E402
from framing.text import fold  # noqa: E402

#: Every category that judges: the word categories, judging attribution, hedges, factives, scare quotes.
JUDGING = [*WORD_CHOICE, "attribution_judging", "hedge", "factive", SCARE_QUOTE]


def _babe(shared: Path, agreed: bool = True) -> pd.DataFrame:
    """BABE (SG2) sentences and gold words; with ``agreed``, only those labelled Biased or Non-biased."""
    df = pd.read_csv(dataset(shared, "babe_mbic") / "final_labels_SG2.csv", sep=";", encoding="utf-8-sig")
    if agreed:
        df = df[df["label_bias"].isin(["Biased", "Non-biased"])]
    return pd.DataFrame({"text": df["text"].astype(str), "gold_words": df["biased_words"].map(_words)})


@functools.lru_cache(maxsize=2)
def _read_mbic(path: Path) -> pd.DataFrame:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl: "Unknown extension is not supported"
        return pd.read_excel(path)


def _mbic(shared: Path, agreed: bool = True) -> pd.DataFrame:
    """MBIC sentences and gold words; with ``agreed``, only those labelled Biased or Non-biased."""
    df = _read_mbic(dataset(shared, "babe_mbic") / "final_labels_MBIC.xlsx")
    if agreed:
        df = df[df["label_bias"].isin(["Biased", "Non-biased"])]
    return pd.DataFrame(
        {
            "text": df["sentence" if "sentence" in df else "text"].astype(str),
            "gold_words": df["biased_words"].map(_words),
        }
    )


def _words(cell) -> set[str]:
    if not isinstance(cell, str) or not cell.strip():
        return set()
    try:
        items = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        items = [w.strip(" '\"") for w in cell.strip("[]").split(",")]
    out = set()
    for w in items:
        for part in str(w).split():
            f = fold(part).strip(".,;:!?\"'()[]")
            if f:
                out.add(f)
    return out


def _basil(shared: Path) -> tuple[pd.DataFrame, list[dict]]:
    """Sentences with gold character spans (lexical bias) and the articles (for distinctive terms)."""
    base = dataset(shared, "basil")
    rows, articles = [], []
    for art_path in sorted((base / "articles").glob("*/*.json")):
        art = json.loads(art_path.read_text(encoding="utf-8"))
        ann_path = base / "annotations" / art_path.parent.name / (art_path.stem + "_ann.json")
        spans = []
        if ann_path.exists():
            ann = json.loads(ann_path.read_text(encoding="utf-8"))
            spans = [s for s in ann.get("phrase-level-annotations", []) if s.get("bias") == "lex"]
        sentences = [s for para in art["body-paragraphs"] for s in para]
        for sent in sentences:
            gold = [
                (int(s["start"]), int(s["end"])) for s in spans if sent[int(s["start"]) : int(s["end"])] == s["txt"]
            ]
            rows.append({"text": sent, "gold_spans": gold})
        articles.append(
            {
                "id": art["uuid"],
                "outlet": art["source"].lower(),
                "event": art["triplet-uuid"],
                "title": art.get("title", ""),
                "text": "\n".join(" ".join(p) for p in art["body-paragraphs"]),
            }
        )
    return pd.DataFrame(rows), articles


def _token_labels(corpus, ids, gold_words=None, gold_spans=None):
    """Per token: gold flag, plus token offsets (article id, start, end)."""
    out = []
    for i, aid in enumerate(ids):
        doc = corpus.document(aid)
        starts, ends = doc.tok_starts, doc.tok_ends
        if gold_words is not None:
            g = np.array([t.strip("'") in gold_words[i] for t in doc.tokens], dtype=bool)
        else:
            g = np.zeros(len(starts), dtype=bool)
            for a, b in gold_spans[i]:
                g |= (starts >= a) & (ends <= b)
        out.append((aid, starts, ends, g))
    return out


def _predicted(tokens, spans_by_article):
    pred = []
    for aid, starts, ends, _ in tokens:
        p = np.zeros(len(starts), dtype=bool)
        for a, b in spans_by_article.get(aid, ()):
            p |= (starts >= a) & (ends <= b)
        pred.append(p)
    return pred


def _score(tokens, pred):
    g = np.concatenate([t[3] for t in tokens]) if tokens else np.zeros(0, bool)
    p = np.concatenate(pred) if pred else np.zeros(0, bool)
    tp = int((g & p).sum())
    prec = tp / p.sum() if p.sum() else float("nan")
    rec = tp / g.sum() if g.sum() else float("nan")
    f1 = 2 * prec * rec / (prec + rec) if prec + rec > 0 else 0.0
    return prec, rec, f1, int(p.sum()), int(g.sum())


def _word_list_spans(corpus, words: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Spans of the tokens of ``corpus`` that are in ``words`` (folded single words): a baseline."""
    spans = {}
    for art in corpus:
        doc = corpus.document(art)
        spans[art.id] = [(int(doc.tok_starts[i]), int(doc.tok_ends[i])) for i, t in enumerate(doc.tokens) if t in words]
    return spans


def _read_words(path: Path, comment: str) -> set[str]:
    """Folded words of a one-word-a-line list, comment lines (starting with ``comment``) left out."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return {fold(w.strip()) for w in lines if w.strip() and not w.startswith(comment)}


def baselines(shared: Path) -> list[tuple[str, set[str]]]:
    """The word-list baselines: (label, folded words)."""
    lex = dataset(shared, "lexicons")
    return [
        ("baseline: Hu & Liu 2004 negative words", _read_words(lex / "hu_liu_opinion/negative-words.txt", ";")),
        ("baseline: Recasens et al. 2013 bias lexicon", _read_words(lex / "recasens2013/bias-lexicon.txt", "#")),
    ]


#: The framing rows of the main table: (label, categories, writer's own words only).
DETECTORS = [
    ("framing: `loaded`", ["loaded"], False),
    ("framing: loaded-language word categories", list(WORD_CHOICE), False),
    ("framing: word categories, writer's own words only", list(WORD_CHOICE), True),
    ("framing: `attribution_judging`", ["attribution_judging"], False),
    ("framing: all judging categories", JUDGING, False),
]


def evaluate(name: str, frame: pd.DataFrame, bases: list[tuple[str, set[str]]], *, words: bool):
    """Main-table rows and per-category rows for one dataset."""
    recs = [{"id": f"{name}-{i}", "outlet": name, "text": t} for i, t in enumerate(frame["text"])]
    corpus = load_corpus(recs, dedupe_text=False)
    ids = [a.id for a in corpus]
    keep = [int(i.split("-")[-1]) for i in ids]
    tokens = _token_labels(
        corpus,
        ids,
        gold_words=[frame["gold_words"].iloc[k] for k in keep] if words else None,
        gold_spans=None if words else [frame["gold_spans"].iloc[k] for k in keep],
    )
    ev = LoadedLanguageAnalyzer().fit_transform(corpus)["loaded_evidence"]

    def score(sub):
        spans = {aid: list(zip(g["start"], g["end"])) for aid, g in sub.groupby("article_id")}
        return _score(tokens, _predicted(tokens, spans))

    rows = []
    for label, cats, writer in DETECTORS:
        sub = ev[ev["category"].isin(cats)]
        if writer:
            sub = sub[~sub["in_quote"].astype(bool)]
        rows.append((name, label, *score(sub), len(ids)))
    for label, wordset in bases:
        rows.append((name, label, *_score(tokens, _predicted(tokens, _word_list_spans(corpus, wordset))), len(ids)))
    per_cat = [(name, cat, *score(ev[ev["category"] == cat])) for cat in JUDGING]
    return rows, per_cat


def shared_sentences(babe: pd.DataFrame, mbic: pd.DataFrame) -> tuple[int, int]:
    """Sentences that BABE and MBIC share: (byte-identical, identical after collapsing white space)."""
    a, b = set(babe["text"]), set(mbic["text"])
    norm = lambda s: " ".join(s.split())  # noqa: E731
    return len(a & b), len({norm(x) for x in a} & {norm(x) for x in b})


def main(argv=None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    shared = Path(args.shared)
    t0 = time.time()
    bases = baselines(shared)
    rows, per_cat = [], []
    babe_all = _babe(shared, agreed=False)
    r, c = evaluate("BABE (SG2)", _babe(shared), bases, words=True)
    rows += r
    per_cat += c
    overlap = None
    try:
        r, c = evaluate("MBIC", _mbic(shared), bases, words=True)
        rows += r
        per_cat += c
        overlap = shared_sentences(babe_all, _mbic(shared, agreed=False))
    except ImportError:
        print("openpyxl is missing: MBIC skipped (pip install 'framing[validation]')", file=sys.stderr)
    basil, _ = _basil(shared)
    r, c = evaluate("BASIL (lexical spans)", basil, bases, words=False)
    rows += r
    per_cat += c
    df = pd.DataFrame(
        rows, columns=["dataset", "detector", "precision", "recall", "f1", "predicted_words", "gold_words", "sentences"]
    )
    cat_df = pd.DataFrame(
        per_cat, columns=["dataset", "category", "precision", "recall", "f1", "predicted_words", "gold_words"]
    )
    lines = [
        "# Loaded-language detector: word-level validation",
        "",
        "Generated by `python validation/loaded_language.py` "
        f"({time.strftime('%Y-%m-%d')}, {time.time() - t0:.0f} s). Every token of every labelled sentence is one "
        "decision: marked by the detector (inside a hit of the listed categories) or not, against marked by the "
        "annotators (a BABE/MBIC biased word, or a token inside a BASIL lexical-bias span). "
        "Sentences labelled 'No agreement' are left out. Every row, baselines included, is scored by the same scorer.",
        "",
        "| dataset | detector | precision | recall | F1 | predicted words | gold words | sentences |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in df.itertuples(index=False):
        lines.append(
            f"| {r.dataset} | {r.detector} | {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f} | "
            f"{r.predicted_words:,} | {r.gold_words:,} | {r.sentences:,} |"
        )
    lines += [
        "",
        "Per category (precision is the share of the category's marked words that annotators marked; "
        "recall is over all gold words, so the categories' recalls overlap and do not add up):",
        "",
        "| dataset | category | precision | recall | predicted words |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in cat_df.itertuples(index=False):
        prec = "–" if not r.predicted_words else f"{r.precision:.3f}"
        lines.append(f"| {r.dataset} | `{r.category}` | {prec} | {r.recall:.3f} | {r.predicted_words:,} |")
    if overlap is not None:
        lines += [
            "",
            f"BABE and MBIC are not independent: they share **{overlap[1]:,}** sentences ({overlap[0]:,} "
            "byte-identical, the rest differing only in white space) of MBIC's 1,700, labelled by experts in BABE "
            "and by crowd workers in MBIC.",
        ]
    lines += [
        "",
        "Published figure for comparison: word-level F1 **0.43** on MBIC for the feature-based model of Spinde et al. "
        "(2021, *Information Processing & Management*), evaluated on a random 10% split of the words. That model is "
        "trained on MBIC; framing's detector is a fixed, curated lexicon plus a scare-quote rule, not trained on any of "
        "these datasets, scored here on every sentence, and aims at precision on news about any topic. The baseline "
        "word lists (Hu & Liu 2004 negative opinion words, 4,783 words; Recasens et al. 2013 bias lexicon, 654+50 "
        "lemmas from Wikipedia NPOV edits) are read from ../shared for this comparison only and are not shipped. "
        "BASIL is the check the lexicon is not tuned on.",
        "",
        "Before the lexicon grew beyond insults (2026-12-01: the `loaded` category alone, about 700 lemmas), the same "
        "scorer gave `loaded` F1 0.227 on MBIC (precision 0.790, recall 0.133), 0.295 on BABE (0.604, 0.195) and "
        "0.149 on BASIL (0.143, 0.154); the new categories and the added words were written from general knowledge "
        "of news language, never from the annotated words of these datasets. The targets set for this extension "
        "(F1 at least 0.40 on MBIC and on BABE, BASIL at least 0.20) are not met: see the table above.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_doc("loaded_language", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
