"""The context of each quantity mention: the concepts of its sentence beyond the number.

:class:`~framing.analyses.numbers.NumbersAnalyzer` compares two mentions of one quantity
only when their sentences share enough of this context (see ``context`` there).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..corpus import Corpus

__all__ = ["context_matrix", "sentence_terms", "title_terms"]


def sentence_terms(corpus: Corpus, art, doc):
    """A function (sentence index, start, end) -> the sentence's (term ids, capitalised) outside [start, end)."""
    from .fact_units import _capitalised

    ids = corpus.token_ids(art)
    caps = _capitalised(doc.text, doc.tok_starts)
    bounds = np.searchsorted(doc.tok_sent, np.arange(doc.n_sentences + 1))

    def terms(sidx: int, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = bounds[sidx], bounds[sidx + 1]
        st = doc.tok_starts[a:b]
        keep = (st < start) | (st >= end)
        return ids[a:b][keep], caps[a:b][keep]

    return terms


def title_terms(title: str, start: int, end: int) -> list[str]:
    """The words of a title outside [start, end) (not capitalised, as a title capitalises everything)."""
    from ..text import tokenize

    toks, ts, _ = tokenize(title)
    return [t for t, a in zip(toks, ts.tolist()) if a < start or a >= end]


def context_matrix(contexts, vocab, counted, events, articles, sents):
    """Rows x context concepts (sqrt IDF per event, so that a product sums the shared IDF), and row masses.

    A row's context is the concepts (:func:`~framing.analyses.fact_features.term_concepts`) of
    its sentence outside the quantity, without numbers and without the counted thing itself.
    IDF is learned per event over the distinct sentences holding a quantity. ``contexts`` hold
    per row the vocabulary ids and capitals of its sentence's words, or a title's words; all
    the work is on the concatenated ids, and each term's concept is computed once.
    """
    import scipy.sparse as sp

    from .fact_features import term_concepts

    n = len(contexts)
    names = list(vocab)
    index: dict[str, int] | None = None

    def ids_of(words) -> np.ndarray:
        nonlocal index
        if index is None:
            index = {t: k for k, t in enumerate(names)}
        out = []
        for w in words:
            k = index.get(w)
            if k is None:
                k = index[w] = len(names)
                names.append(w)
            out.append(k)
        return np.array(out, dtype=np.int64)

    id_parts, cap_parts = [], []
    for c in contexts:
        if isinstance(c, tuple):
            id_parts.append(np.asarray(c[0], dtype=np.int64))
            cap_parts.append(np.asarray(c[1], dtype=bool))
        else:
            id_parts.append(ids_of(c))
            cap_parts.append(np.zeros(len(c), dtype=bool))
    own_words = sorted({w for c in counted for w in c.split()})
    own_ids = ids_of(own_words)
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, np.int64)
    caps = np.concatenate(cap_parts) if cap_parts else np.zeros(0, bool)
    row_of = np.repeat(np.arange(n), [len(x) for x in id_parts])
    V = len(names)
    uses = np.bincount(ids, minlength=V).astype(float)
    capital = np.bincount(ids, weights=caps, minlength=V)
    present = np.zeros(V, dtype=bool)
    present[ids] = True
    present[own_ids] = True
    used = np.flatnonzero(present)
    share = np.where(uses[used] > 0, capital[used] / np.maximum(uses[used], 1), 0.0)
    concepts = term_concepts([names[k] for k in used.tolist()], share)
    cnames, cid_used = pd.factorize(pd.Series(concepts, dtype=object))
    cid = np.full(V, -1, dtype=np.int64)
    cid[used] = cnames
    valid = np.array([bool(k) and not k.startswith("#") for k in cid_used.tolist()] + [False], dtype=bool)
    tc = cid[ids]
    keep = valid[tc]
    # the counted thing's own concepts are not context
    n_c = len(cid_used) + 1
    own_of_word = dict(zip(own_words, cid[own_ids].tolist()))
    own_r, own_c = [], []
    for i, cw in enumerate(counted):
        for w in cw.split():
            own_r.append(i)
            own_c.append(own_of_word[w])
    if own_r:
        own_key = np.asarray(own_r, dtype=np.int64) * n_c + np.asarray(own_c, dtype=np.int64)
        keep &= ~np.isin(row_of * n_c + tc, own_key)
    r, kc = row_of[keep], tc[keep]
    # columns numbered in order of first appearance
    uniq_c, first = np.unique(kc, return_index=True)
    col_of = np.zeros(n_c, dtype=np.int64)
    col_of[uniq_c[np.argsort(first, kind="stable")]] = np.arange(len(uniq_c))
    B = sp.csr_matrix((np.ones(len(r), np.float32), (r, col_of[kc])), shape=(n, max(len(uniq_c), 1)))
    B.sum_duplicates()
    B.data[:] = 1.0
    # document frequency per event over distinct sentences
    ev_codes, ev = np.unique(events.astype(str), return_inverse=True)
    sent_key = pd.Series(list(zip(ev, articles, sents))).factorize()[0]
    first = np.zeros(n, dtype=bool)
    first[np.unique(sent_key, return_index=True)[1]] = True
    coo = B.tocoo()
    df_key = ev[coo.row].astype(np.int64) * B.shape[1] + coo.col
    counted_df = np.bincount(df_key[first[coo.row]], minlength=len(ev_codes) * B.shape[1])
    n_sent = np.bincount(ev[first], minlength=len(ev_codes)).astype(float)
    idf = np.log((1.0 + n_sent[ev[coo.row]]) / (1.0 + counted_df[df_key])) + 1.0
    W = sp.csr_matrix((np.sqrt(idf).astype(np.float32), (coo.row, coo.col)), shape=B.shape)
    mass = np.bincount(coo.row, weights=idf, minlength=n)
    return W, mass
