"""What a user would pick instead of framing for distinctive terms of every outlet against the rest.

Timed on the same corpus in the same run (``python benchmarks/run.py --peers``):

- **framing**: ``load_corpus`` then :class:`framing.DistinctiveTermsAnalyzer` (parsing included:
  the analyzer parses the articles itself), every outlet against the rest of the corpus, with
  its evidence sentences.
- **log-odds (CountVectorizer)**: one ``CountVectorizer().fit_transform`` pass, then the
  log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
  "Fightin' Words") of every outlet against the rest, as z-scores, on arrays.
- **scattertext**: ``CorpusFromPandas(..., nlp=whitespace_nlp_with_sentences).build()``
  (its fastest tokenizer, no spaCy), then ``get_scaled_f_scores(outlet)`` for every outlet
  (scattertext's default ranking of a category against the rest).

Peers come from ``benchmarks/requirements.txt`` and are skipped when absent.
"""

from __future__ import annotations

import importlib.util
import time

import numpy as np

#: Outlets and words per article of the peer comparison (issue 14, item 8).
N_ARTICLES, N_OUTLETS, N_WORDS = 2000, 20, 600


def peer_records(n: int = N_ARTICLES, n_outlets: int = N_OUTLETS, n_words: int = N_WORDS) -> list[dict]:
    """``n`` synthetic articles of about ``n_words`` words from ``n_outlets`` outlets, no events."""
    from synthetic import make_corpus

    records = make_corpus(n, n_outlets=n_outlets, length=(n_words - 25, n_words + 25))
    return [{k: v for k, v in r.items() if k != "event"} for r in records]


def _framing(records: list[dict]) -> None:
    import framing

    corpus = framing.load_corpus(records)
    framing.DistinctiveTermsAnalyzer().fit_transform(corpus)


def _log_odds(records: list[dict]) -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    texts = [r["text"] for r in records]
    outlets = np.array([r["outlet"] for r in records], dtype=object)
    X = CountVectorizer().fit_transform(texts).tocsr()
    names, codes = np.unique(outlets, return_inverse=True)
    import scipy.sparse as sp

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


def _scattertext(records: list[dict]) -> None:
    import pandas as pd
    import scattertext as st

    df = pd.DataFrame({"outlet": [r["outlet"] for r in records], "text": [r["text"] for r in records]})
    corpus = st.CorpusFromPandas(
        df, category_col="outlet", text_col="text", nlp=st.whitespace_nlp_with_sentences
    ).build()
    for outlet in corpus.get_categories():
        s = corpus.get_scaled_f_scores(outlet)
        np.argsort(-np.asarray(s))[:50]


#: name -> (module it needs, imported before the clock starts; function)
PEERS = {
    "framing (load, parse, distinctive terms)": ("framing", _framing),
    "log-odds over one CountVectorizer pass": ("sklearn.feature_extraction.text", _log_odds),
    "scattertext (whitespace tokenizer, scaled F-score)": ("scattertext", _scattertext),
}


def bench_peers(records: list[dict] | None = None, repeat: int = 1) -> list[dict]:
    """Seconds of each peer on the same records (best of ``repeat``; imports not counted).

    Absent peers are listed with a note and no time.
    """
    records = peer_records() if records is None else records
    n_words = sum(len(r["text"].split()) for r in records)
    rows = []
    for name, (module, fn) in PEERS.items():
        if importlib.util.find_spec(module.split(".")[0]) is None:
            rows.append(
                {
                    "peer": name,
                    "seconds": float("nan"),
                    "note": f"skipped: {module} not installed (pip install -r benchmarks/requirements.txt)",
                }
            )
            continue
        importlib.import_module(module)  # import time is not counted
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            fn(records)
            best = min(best, time.perf_counter() - t)
        rows.append({"peer": name, "seconds": best, "note": ""})
    base = rows[0]["seconds"]
    for r in rows:
        r["x_framing"] = r["seconds"] / base if base else float("nan")
        r["articles"] = len(records)
        r["words"] = n_words
        r["outlets"] = len({x["outlet"] for x in records})
    return rows
