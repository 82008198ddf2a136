"""Fact features: the *concept* of every vocabulary term, and TF-IDF learned per event.

Two sentences carry the same fact in different words when their content words, reduced
to concepts, are shared. A term's concept is

* for a **number**, its value ("1,200" -> ``#1200``, "twelve" -> ``#12``);
* for a **name** (a term written with a capital in at least 90 % of its uses), a
  spelling-tolerant key: the first letter and the consonants after it, doubled letters
  merged ("Zelensky", "Zelenskyy", "Zelenskiy" -> ``N:zlnsk``; "Kyiv", "Kiev" -> ``N:kv``;
  "Brunner", "Bruner" -> ``N:brnr``);
* otherwise the group of the packaged synonym list ``fact_synonyms.csv`` that the word
  or its Snowball stem belongs to ("swap", "exchanged" -> ``exchange``; "truce" ->
  ``ceasefire``), or else the stem itself ("negotiators" -> ``negoti``).

Terms that carry no fact are dropped: English stop words, verbs of speech and judging
attribution ("said", "claimed", "admitted": who says it is not what is said) and the
loaded-language lexicon ("regime", "thugs", "savage"), so that "the regime's thugs
claimed ..." carries the same fact as "officials said ...".

>>> concepts = term_concepts(["exchanged", "swap", "Zelenskyy", "zelensky", "claimed", "1,200", "twelve", "12"],
...                          name_share=[0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0])
>>> concepts
['exchange', 'exchange', 'N:zlnsk', 'N:zlnsk', '', '#1200', '#12', '#12']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

__all__ = ["event_df", "filter_entries", "name_key", "rowdot", "rowdots", "rows_of", "term_concepts", "tfidf"]

_NUM_RE = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], frozenset[str], dict[str, float]]:
    """(synonym word or stem -> concept, dropped words, number words -> value), from the packaged lexicons."""
    from ..extract.quantity_words import NUMBER_WORDS
    from ..lexicons import load_lexicon, stop_words

    stem = _stemmer()
    syn: dict[str, str] = {}
    for concept, word in load_lexicon("fact_synonyms", required=["concept", "word"], owner="facts")[
        ["concept", "word"]
    ].itertuples(index=False):
        w = word.lower()
        syn.setdefault(w, concept)
        syn.setdefault(stem(w), concept)
    drop = set(stop_words(["english", "reporting", "title", "fragment"]))  # the packaged list
    verbs = load_lexicon("attribution_verbs", required=["verb"], owner="facts")
    drop |= {v.lower() for v in verbs["verb"] if " " not in v}
    loaded = load_lexicon("loaded_language", required=["category", "term"], owner="facts")
    drop |= {
        t.lower()
        for c, t in loaded[["category", "term"]].itertuples(index=False)
        if " " not in t and c in ("loaded", "attribution_judging", "attribution_neutral", "hedge")
    }
    return syn, frozenset(drop), dict(NUMBER_WORDS)


@lru_cache(maxsize=1)
def _stemmer():
    try:
        from nltk.stem.snowball import EnglishStemmer
    except ImportError as exc:  # pragma: no cover - nltk is a core dependency
        raise ImportError("framing's fact alignment needs nltk (a core dependency): pip install nltk") from exc
    return lru_cache(maxsize=200_000)(EnglishStemmer().stem)


def name_key(term: str) -> str:
    """A spelling-tolerant key of a name: first letter, then its consonants, doubled letters merged.

    >>> [name_key(t) for t in ("kyiv", "kiev", "odesa", "odessa", "kharkov", "kharkiv", "bruner")]
    ['kv', 'kv', 'ods', 'ods', 'khrkv', 'khrkv', 'brnr']
    """
    t = "".join(c for c in term.lower() if c.isalpha())
    if not t:
        return term
    out = [t[0]]
    for c in t[1:]:
        if c in _VOWELS or c == out[-1]:
            continue
        out.append(c)
    return "".join(out)


def _number(term: str, words: dict[str, float]) -> str | None:
    if term in words:
        v = words[term]
    elif _NUM_RE.match(term):
        try:
            v = float(term.replace(",", ""))
        except ValueError:
            return None
    else:
        return None
    return f"#{v:g}" if v != int(v) else f"#{int(v)}"


def term_concepts(terms: Sequence[str], name_share: Sequence[float] | np.ndarray) -> list[str]:
    """The concept of each term (``""`` for terms that carry no fact); see the module docstring.

    Parameters
    ----------
    terms:
        Vocabulary terms (folded tokens).
    name_share:
        For each term, the share of its uses written with a capital letter.
    """
    syn, drop, words = _tables()
    stem = _stemmer()
    out: list[str] = []
    for t, cap in zip(terms, np.asarray(name_share, dtype=float).tolist()):
        num = _number(t, words)
        if num is not None:
            out.append(num)
            continue
        if t in drop or len(t) < 2 or not t[0].isalnum():
            out.append("")
            continue
        if t in syn:
            out.append(syn[t])
            continue
        if cap >= 0.9 and len(t) >= 3 and t.isalpha():
            out.append("N:" + name_key(t))
            continue
        s = stem(t) if t.isascii() and "-" not in t else t
        out.append(syn.get(s, s))
    return out


# ----------------------------------------------------------------------------- sparse helpers
def rows_of(X: sp.csr_matrix) -> np.ndarray:
    """The row of each stored entry of a CSR matrix."""
    return np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))


def rowdot(X: sp.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 65_536) -> np.ndarray:
    """``X[i] · X[j]`` for each pair, in chunks."""
    out = np.zeros(len(i), dtype=np.float32)
    for s in range(0, len(i), chunk):
        a, b = X[i[s : s + chunk]], X[j[s : s + chunk]]
        out[s : s + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def rowdots(mats: Sequence[sp.csr_matrix], i: np.ndarray, j: np.ndarray, chunk: int = 65_536) -> np.ndarray:
    """``M[i] · M[j]`` for each pair and each matrix ``M`` of ``mats`` (same rows), as a pairs x matrices array.

    The matrices are put side by side once, so each chunk of pairs indexes rows and
    multiplies once for all of them; a block-indicator product sums each matrix's part.
    """
    out = np.zeros((len(i), len(mats)), dtype=np.float32)
    if not len(i):
        return out
    X = sp.hstack([sp.csr_matrix(m, dtype=np.float32) for m in mats], format="csr")
    widths = [m.shape[1] for m in mats]
    block = np.repeat(np.arange(len(mats)), widths)
    ind = sp.csr_matrix((np.ones(len(block)), (np.arange(len(block)), block)), shape=(len(block), len(mats)))
    for s in range(0, len(i), chunk):
        a, b = X[i[s : s + chunk]], X[j[s : s + chunk]]
        out[s : s + chunk] = (sp.csr_matrix(a.multiply(b), dtype=np.float64) @ ind).toarray()
    return out


def event_df(X: sp.csr_matrix, ev: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per stored entry of canonical CSR ``X``: the number of rows *of the same event* holding its
    column (document frequency per event), and an event-keyed column id.

    Rows of one event are contiguous; a CSC copy has each column's rows sorted, so the
    (column, event) runs give the frequencies in O(nnz), without sorting.
    """
    if X.nnz == 0:
        z = np.zeros(0, dtype=np.int64)
        return z, z
    C = X.tocsc()
    C.sort_indices()
    col = np.repeat(np.arange(C.shape[1]), np.diff(C.indptr))
    e = ev[C.indices]
    boundary = np.ones(len(e), dtype=bool)
    boundary[1:] = (e[1:] != e[:-1]) | (col[1:] != col[:-1])
    run = np.cumsum(boundary) - 1
    df_run = np.bincount(run)
    pos = sp.csc_matrix((np.arange(1, len(e) + 1, dtype=np.float64), C.indices, C.indptr), shape=C.shape).tocsr()
    pos.sort_indices()
    perm = pos.data.astype(np.int64) - 1
    return df_run[run[perm]], run[perm]


def filter_entries(X: sp.csr_matrix, keep: np.ndarray) -> sp.csr_matrix:
    """``X`` with only the stored entries where ``keep`` (order kept)."""
    indptr = np.r_[0, np.cumsum(np.bincount(rows_of(X)[keep], minlength=X.shape[0]))]
    return sp.csr_matrix((X.data[keep], X.indices[keep], indptr), shape=X.shape)


def tfidf(
    counts: sp.csr_matrix,
    ev: np.ndarray,
    n_of_unit: np.ndarray,
    *,
    max_df: float | None = None,
    keyed: bool = False,
    binary: bool = False,
    normalise: bool = True,
    floor: np.ndarray | float = 3.0,
):
    """Sublinear TF times smoothed IDF learned per event (``ev``), rows L2-normalised.

    With ``max_df``, columns in more than ``max(floor, max_df * units of the event)`` rows
    of the event get no weight (``floor`` may be given per row). With ``binary=True`` the TF is 1 and with ``normalise=False`` rows keep their
    weights. With ``keyed=True`` also returns an event-keyed column id per stored entry
    (so a product of two such matrices never pairs rows of different events).
    """
    X = sp.csr_matrix(counts, dtype=np.float32, copy=True)
    X.sum_duplicates()
    df, keys = event_df(X, ev)
    n = n_of_unit[rows_of(X)]
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    if max_df is not None:
        fl = floor[rows_of(X)] if isinstance(floor, np.ndarray) else floor
        idf[df > np.maximum(fl, max_df * n)] = 0.0
    tf = np.ones_like(X.data) if binary else 1.0 + np.log(X.data)
    X.data = (tf * idf).astype(np.float32)
    keep = X.data != 0
    if not keep.all():
        X = filter_entries(X, keep)
        keys = keys[keep]
    if normalise:
        rows = rows_of(X)
        norms = np.sqrt(np.bincount(rows, weights=X.data.astype(np.float64) ** 2, minlength=X.shape[0]))
        norms[norms == 0] = 1.0
        X.data = (X.data / norms[rows]).astype(np.float32)
    return (X, keys) if keyed else X
