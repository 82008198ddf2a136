"""What a user would pick instead of framing for distinctive terms of every outlet against the rest.

Timed on the same corpus in the same run (``python benchmarks/run.py --peers``, or
``python benchmarks/peers.py --repeat 5`` for this table alone):

- **framing**: ``load_corpus`` then :class:`framing.DistinctiveTermsAnalyzer`, every outlet
  against the rest of the corpus, with its evidence sentences. Parsing is included (the
  analyzer parses what it reads); it is timed apart here: ``Corpus.documents()`` (sentences
  and tokens) and ``Corpus.flat_tokens()`` (the corpus's token table, shared by every
  analysis).
- **log-odds (CountVectorizer)**: one ``CountVectorizer().fit_transform`` pass, then the
  log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
  "Fightin' Words") of every outlet against the rest, as z-scores, on arrays.
- **scattertext**: ``CorpusFromPandas(..., nlp=whitespace_nlp_with_sentences).build()``
  (its fastest tokenizer, no spaCy), then ``get_scaled_f_scores(outlet)`` for every outlet
  (scattertext's default ranking of a category against the rest).

Every peer's time is split in the same three columns, so that the reading of the text and
the statistics can be compared apart: ``load_s`` (the records into the tool's own
structure), ``parse_s`` (tokens: framing's parse and token table, the CountVectorizer
pass, scattertext's ``build()``) and ``analysis_s`` (the comparison of every outlet with
the rest). The peers run in turn, ``repeat`` rounds; each column is the median over the
rounds (the machine this is measured on is shared, and the median is steadier than the
best), ``best_s`` the fastest round, ``cpu_s`` the median CPU seconds of the process
(less sensitive than wall time to other work on the machine).

Peers come from ``benchmarks/requirements.txt`` and are skipped when absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

import numpy as np

#: Outlets and words per article of the peer comparison (issue 14, item 8).
N_ARTICLES, N_OUTLETS, N_WORDS = 2000, 20, 600


def peer_records(n: int = N_ARTICLES, n_outlets: int = N_OUTLETS, n_words: int = N_WORDS) -> list[dict]:
    """``n`` synthetic articles of about ``n_words`` words from ``n_outlets`` outlets, no events."""
    from synthetic import make_corpus

    records = make_corpus(n, n_outlets=n_outlets, length=(n_words - 25, n_words + 25))
    return [{k: v for k, v in r.items() if k != "event"} for r in records]


class _Clock:
    """Seconds of consecutive steps: ``lap(name)`` closes the step that began at the last lap."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._t = time.perf_counter()
        self._cpu = time.process_time()

    def cpu(self) -> float:
        """CPU seconds of this process since the clock was made."""
        return time.process_time() - self._cpu

    def lap(self, name: str) -> None:
        t = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + t - self._t
        self._t = t


def _framing(records: list[dict], clock: _Clock) -> None:
    import framing

    corpus = framing.load_corpus(records)
    clock.lap("load")
    corpus.documents()
    corpus.flat_tokens()
    clock.lap("parse")
    framing.DistinctiveTermsAnalyzer().fit_transform(corpus)
    clock.lap("analysis")


def _log_odds(records: list[dict], clock: _Clock) -> None:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer

    texts = [r["text"] for r in records]
    outlets = np.array([r["outlet"] for r in records], dtype=object)
    clock.lap("load")
    X = CountVectorizer().fit_transform(texts).tocsr()
    clock.lap("parse")
    names, codes = np.unique(outlets, return_inverse=True)
    member = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(names), len(codes)))
    y = np.asarray((member @ X).todense(), dtype=float)  # outlets x terms
    prior = y.sum(axis=0) + 0.01  # informative prior: the whole corpus
    a0 = prior.sum()
    total = y.sum()
    n_i = y.sum(axis=1, keepdims=True)
    rest = y.sum(axis=0, keepdims=True) - y
    n_j = total - n_i
    delta = np.log((y + prior) / (n_i + a0 - y - prior)) - np.log((rest + prior) / (n_j + a0 - rest - prior))
    var = 1.0 / (y + prior) + 1.0 / (rest + prior)
    z = delta / np.sqrt(var)
    np.argsort(-z, axis=1)[:, :50]  # the top terms of every outlet
    clock.lap("analysis")


def _scattertext(records: list[dict], clock: _Clock) -> None:
    import pandas as pd
    import scattertext as st

    df = pd.DataFrame({"outlet": [r["outlet"] for r in records], "text": [r["text"] for r in records]})
    clock.lap("load")
    corpus = st.CorpusFromPandas(
        df, category_col="outlet", text_col="text", nlp=st.whitespace_nlp_with_sentences
    ).build()
    clock.lap("parse")
    for outlet in corpus.get_categories():
        s = corpus.get_scaled_f_scores(outlet)
        np.argsort(-np.asarray(s))[:50]
    clock.lap("analysis")


#: name -> (module it needs, imported before the clock starts; function)
PEERS = {
    "framing (load, parse, distinctive terms)": ("framing", _framing),
    "log-odds over one CountVectorizer pass": ("sklearn.feature_extraction.text", _log_odds),
    "scattertext (whitespace tokenizer, scaled F-score)": ("scattertext", _scattertext),
}
#: The steps every peer's time is split in.
STEPS = ("load", "parse", "analysis")


def bench_peers(records: list[dict] | None = None, repeat: int = 3) -> list[dict]:
    """Seconds of each peer on the same records: the median of ``repeat`` rounds, in total
    and per step (``load_s``, ``parse_s``, ``analysis_s``), and the fastest round
    (``best_s``), and the median CPU seconds (``cpu_s``); imports are not counted.
    ``x_framing`` is the peer's median over framing's, ``cpu_x_framing`` and
    ``analysis_x_framing`` the same for the CPU seconds and for the analysis step alone.

    Absent peers are listed with a note and no time.
    """
    records = peer_records() if records is None else records
    n_words = sum(len(r["text"].split()) for r in records)
    present, rows = {}, {}
    for name, (module, fn) in PEERS.items():
        if importlib.util.find_spec(module.split(".")[0]) is None:
            rows[name] = {
                "peer": name,
                "seconds": float("nan"),
                "note": f"skipped: {module} not installed (pip install -r benchmarks/requirements.txt)",
            }
            continue
        importlib.import_module(module)  # import time is not counted
        present[name] = fn
    laps: dict[str, list[dict[str, float]]] = {name: [] for name in present}
    for _ in range(max(1, repeat)):  # the peers in turn, so that a busy moment hits all of them
        for name, fn in present.items():
            clock = _Clock()
            fn(records, clock)
            laps[name].append({**clock.laps, "cpu": clock.cpu()})
    for name, runs in laps.items():
        totals = [sum(r.get(step, 0.0) for step in STEPS) for r in runs]
        row = {"peer": name, "seconds": statistics.median(totals), "note": ""}
        for step in STEPS:
            row[f"{step}_s"] = statistics.median(r.get(step, 0.0) for r in runs)
        row["best_s"] = min(totals)
        row["cpu_s"] = statistics.median(r["cpu"] for r in runs)
        row["rounds"] = len(runs)
        rows[name] = row
    out = [rows[name] for name in PEERS]
    base = out[0]
    for r in out:
        r["x_framing"] = r["seconds"] / base["seconds"] if base["seconds"] else float("nan")
        for col in ("cpu", "analysis"):
            a, b = r.get(f"{col}_s", float("nan")), base.get(f"{col}_s", float("nan"))
            r[f"{col}_x_framing"] = a / b if b else float("nan")
        r["articles"] = len(records)
        r["words"] = n_words
        r["outlets"] = len({x["outlet"] for x in records})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="rounds (each column is the median)")
    args = ap.parse_args(argv)
    import pandas as pd

    table = pd.DataFrame(bench_peers(repeat=args.repeat))
    try:
        text = table.to_markdown(index=False, floatfmt=".3g")
    except ImportError:  # tabulate is in benchmarks/requirements.txt
        text = table.to_string(index=False)
    print(text)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # synthetic.py
    raise SystemExit(main())
