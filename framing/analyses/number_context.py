"""The context of each quantity mention: the concepts of its sentence beyond the number.

:class:`~framing.analyses.numbers.NumbersAnalyzer` compares two mentions of one quantity
only when their sentences share enough of this context (see ``context`` there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..corpus import Corpus

__all__ = ["NEAR", "ContextParts", "context_matrix", "qualifier_matrix", "qualifiers", "article_terms", "title_terms"]


@dataclass
class ContextParts:
    """What :func:`context_matrix` gives per quantity row (rows x columns, CSR).

    ``W``: the sentence's context concepts, weighted by sqrt IDF; ``mass``: each row's summed
    IDF; ``near``: the concepts within :data:`NEAR` tokens of the quantity (0/1);
    ``near_names``: those of them that are names (0/1); ``years``: the years the sentence
    names outside the quantity (0/1, one column per year); ``modal``: whether a word of
    :data:`~framing.extract.quantity_words.MODAL` ("could", "would", "requires") is near.
    """

    W: Any
    mass: np.ndarray
    near: Any
    near_names: Any
    years: Any
    modal: np.ndarray


#: Tokens on each side of a quantity that are its near context (what the number is about).
NEAR = 8


def article_terms(corpus: Corpus, art, doc, body: np.ndarray):
    """The context tokens of an article's body mentions, all at once.

    ``body`` holds one row per mention: (row, sentence index, start, end). Returns the block
    ``(rows, ids, capitalised, near)``: per token of each mention's sentence outside [start,
    end), in order, its row, vocabulary id, capital, and whether it is within :data:`NEAR`
    tokens of the quantity.
    """
    from .fact_units import _capitalised

    ids = corpus.token_ids(art)
    bounds = np.searchsorted(doc.tok_sent, np.arange(doc.n_sentences + 1))
    row, sidx, start, end = body.T
    a, b = bounds[sidx], bounds[sidx + 1]
    q0 = np.clip(np.searchsorted(doc.tok_starts, start), a, b)  # first token of the quantity
    q1 = np.clip(np.searchsorted(doc.tok_starts, end), a, b)  # first token after it
    lengths = b - a
    rep = np.repeat(np.arange(len(body)), lengths)
    offsets = np.r_[0, np.cumsum(lengths)[:-1]]
    idx = a[rep] + np.arange(int(lengths.sum())) - offsets[rep]
    keep = (idx < q0[rep]) | (idx >= q1[rep])
    near = (idx >= q0[rep] - NEAR) & (idx < q1[rep] + NEAR)
    idx, rep, near = idx[keep], rep[keep], near[keep]
    return row[rep], ids[idx], _capitalised(doc.text, doc.tok_starts[idx]), near


def title_terms(title: str, start: int, end: int) -> list[str]:
    """The words of a title outside [start, end) (not capitalised, as a title capitalises everything)."""
    from ..text import tokenize

    toks, ts, _ = tokenize(title)
    return [t for t, a in zip(toks, ts.tolist()) if a < start or a >= end]


_YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")


def context_matrix(contexts, n, vocab, counted, events, articles, sents) -> ContextParts:
    """Rows x context concepts (sqrt IDF per event, so that a product sums the shared IDF), row
    masses, and the near concepts, near names and years of each row (:class:`ContextParts`).

    A row's context is the concepts (:func:`~framing.analyses.fact_features.term_concepts`) of
    its sentence outside the quantity, without numbers and without the counted thing itself.
    IDF is learned per event over the distinct sentences holding a quantity. ``contexts`` hold
    blocks of the ``n`` rows: ``(rows, ids, capitals, near)`` per token of body sentences
    (:func:`article_terms`), or ``(row, words)`` of a title (all near); all the work is on the
    concatenated ids, and each term's concept is computed once. A year ("2016": four digits, 1800-2099) is kept apart, in ``years``.
    """
    import scipy.sparse as sp

    from .fact_features import term_concepts

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

    id_parts, cap_parts, near_parts, row_parts = [], [], [], []
    for c in contexts:
        if len(c) == 4:
            rows_, ids_, caps_, near_ = c
            id_parts.append(np.asarray(ids_, dtype=np.int64))
            cap_parts.append(np.asarray(caps_, dtype=bool))
            near_parts.append(np.asarray(near_, dtype=bool))
            row_parts.append(np.asarray(rows_, dtype=np.int64))
        else:
            row, words = c
            id_parts.append(ids_of(words))
            cap_parts.append(np.zeros(len(words), dtype=bool))
            near_parts.append(np.ones(len(words), dtype=bool))
            row_parts.append(np.full(len(words), row, dtype=np.int64))
    own_words = sorted({w for c in counted for w in c.split()})
    own_ids = ids_of(own_words)
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, np.int64)
    caps = np.concatenate(cap_parts) if cap_parts else np.zeros(0, bool)
    near = np.concatenate(near_parts) if near_parts else np.zeros(0, bool)
    row_of = np.concatenate(row_parts) if row_parts else np.zeros(0, np.int64)
    order = np.argsort(row_of, kind="stable")  # the tokens in order of rows
    ids, caps, near, row_of = ids[order], caps[order], near[order], row_of[order]
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
    r, kc, near_k = row_of[keep], tc[keep], near[keep]
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
    # near concepts, and which of them are names
    nr, nc = r[near_k], col_of[kc[near_k]]
    L = sp.csr_matrix((np.ones(len(nr), np.float32), (nr, nc)), shape=B.shape)
    L.sum_duplicates()
    L.data[:] = 1.0
    name_col = np.zeros(B.shape[1], dtype=bool)
    is_name = np.array([str(k).startswith("N:") for k in cid_used.tolist()], dtype=bool)
    name_col[col_of[uniq_c]] = is_name[uniq_c]
    LN = L @ sp.diags(name_col.astype(np.float32))
    LN.eliminate_zeros()
    # years named in the sentence (outside the quantity)
    year_of = np.full(V, -1, dtype=np.int64)
    for k in used.tolist():
        if _YEAR_RE.match(names[k]):
            year_of[k] = int(names[k])
    yr = year_of[ids]
    has = yr >= 0
    yv, ycol = np.unique(yr[has], return_inverse=True)
    Y = sp.csr_matrix((np.ones(int(has.sum()), np.float32), (row_of[has], ycol.ravel())), shape=(n, max(len(yv), 1)))
    Y.sum_duplicates()
    Y.data[:] = 1.0
    from ..extract.quantity_words import MODAL

    is_modal = np.zeros(V, dtype=bool)
    for k in used.tolist():
        is_modal[k] = names[k] in MODAL
    modal = np.zeros(n, dtype=bool)
    hit = near & is_modal[ids]
    modal[row_of[hit]] = True
    return ContextParts(W, mass, sp.csr_matrix(L), sp.csr_matrix(LN), Y, modal)


def qualifiers(text: str, counted: str, after: list[str]) -> frozenset[str]:
    """The words that say *which* of the counted things a quantity counts: those between the
    number and the counted noun ("2,100 *National Guard* troops", "eight *felony* counts") and an
    "of" phrase after it ("five counts *of tax fraud*"); number words, approximators, units,
    the counted noun and the adjectives the parser skips ("new", "young") are not qualifiers.

    >>> sorted(qualifiers("2,100 National Guard troops", "soldier", ["who"]))
    ['guard', 'national']
    >>> sorted(qualifiers("five counts", "count", ["of", "tax", "fraud", ","]))
    ['fraud', 'tax']
    """
    from ..extract import quantity_words as qw

    skip = _QUAL_SKIP or _qual_skip()
    own = set(counted.split())
    words = [w for w in re.findall(r"[a-z][a-z'-]*", text.lower()) if w not in skip and qw._lemma(w) not in own]
    if after[:1] == ["of"]:
        for w in after[1:3]:
            if not w[:1].isalpha() or w in skip:
                break
            words.append(w)
    return frozenset(qw._lemma(w) for w in words)


def qualifier_matrix(quals):
    """Rows x qualifier words (0/1, CSR) of the :func:`qualifiers` of each row."""
    import scipy.sparse as sp

    index: dict[str, int] = {}
    r, c = [], []
    for i, qs in enumerate(quals):
        for w in sorted(qs):
            r.append(i)
            c.append(index.setdefault(w, len(index)))
    return sp.csr_matrix(
        (np.ones(len(r), np.float32), (np.asarray(r, np.int64), np.asarray(c, np.int64))),
        shape=(len(quals), max(len(index), 1)),
    )


_QUAL_SKIP: set[str] = set()


def _qual_skip() -> set[str]:
    from ..extract import quantity_words as qw

    _QUAL_SKIP.update(
        set(qw.NUMBER_WORDS)
        | set(qw.SCALES)
        | set(qw._VAGUE)
        | set(qw._FEW)
        | {w for p in qw._FEW for w in p.split()}
        | set(qw._TIME_UNITS)
        | set(qw._CURRENCY_WORDS)
        | set(qw._SKIP_ADJ)
        | set(qw._STOP)
        | set(qw.APPROX_WORDS)
        | set(qw._SHORT_SCALES)
        | {"hundred", "dozen", "and", "a", "an", "of", "percent", "per", "cent", "each", "side", "apiece"}
    )
    return _QUAL_SKIP
