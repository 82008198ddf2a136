"""Which terms stay out of the distinctive-terms ranking: function words, letters,
numbers, and each outlet's boilerplate (listed apart in ``distinctive_excluded``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .distinctive_features import FUNCTION_WORDS, _Features

__all__ = ["boilerplate_terms", "excluded_terms"]

#: Boilerplate is at least this many times as common in its outlet's articles as in the others' ...
_BOILERPLATE_RATIO = 20.0
#: ... in an outlet with at least this many articles.
_BOILERPLATE_MIN_ARTICLES = 10


def _repeated_sentences(
    F: _Features, art_outlet: np.ndarray, art_event: np.ndarray, n_outlet_articles: np.ndarray
) -> np.ndarray:
    """Whether each sentence of the corpus recurs, word for word, in at least
    ``max(3, 5 %)`` of its outlet's articles, on two events or more (a caption credit, a
    sign-off, a footer; not a phrase repeated in one story's coverage)."""
    n_art = F.n_articles
    out_of = art_outlet[F.sent_art]
    h, _ = pd.factorize(F.sentence_hashes())
    n_h = np.int64(h.max(initial=0) + 1)
    has_words = np.diff(F.matrix.indptr[: F.n_sentences + 1]) > 0
    cell_of = out_of * n_h + h  # (outlet, sentence)
    key = cell_of * np.int64(n_art) + F.sent_art
    art_cells = np.unique(key[has_words]) // n_art  # (outlet, sentence) once per article
    c, n = np.unique(art_cells, return_counts=True)
    ev_key = np.unique(cell_of[has_words] * np.int64(art_event.max(initial=0) + 1) + art_event[F.sent_art][has_words])
    ce, n_ev = np.unique(ev_key // np.int64(art_event.max(initial=0) + 1), return_counts=True)
    need = np.maximum(3, np.ceil(0.05 * n_outlet_articles))
    repeated = c[(n >= need[c // n_h]) & (n_ev[np.searchsorted(ce, c)] >= 2)]
    return has_words & _in_sorted(cell_of, repeated)


def _in_sorted(codes: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Whether each of ``codes`` is in the sorted array ``table`` (a binary search)."""
    if len(table) == 0:
        return np.zeros(len(codes), dtype=bool)
    at = np.minimum(np.searchsorted(table, codes), len(table) - 1)
    return table[at] == codes


def excluded_terms(labels: np.ndarray, ngram: np.ndarray, words: np.ndarray | None = None) -> np.ndarray:
    """Why each term is kept out of the ranking ("" when it is ranked): ``"function word"``
    (a unigram of :data:`FUNCTION_WORDS`), ``"letter"`` (a term with a word of one
    character other than "a" and "i", like the "u s" of "U.S." or "g o p" of "G.O.P.")
    or ``"number"`` (a unigram without a letter: "02", "2019"). Boilerplate depends on
    the outlet: see :func:`boilerplate_terms`. ``words`` (:attr:`_Features.words`, the
    unigram columns of each term) lets a phrase's letters be read from its words' instead
    of from its label (the same answer, with strings looked at once per word)."""
    out = np.full(len(labels), "", dtype=object)
    uni = ngram == 1
    if words is None:
        looked = np.ones(len(labels), dtype=bool)
    else:
        looked = uni
    texts = labels[looked].tolist()
    n = len(texts)
    function = np.zeros(len(labels), dtype=bool)
    number = np.zeros(len(labels), dtype=bool)
    letter = np.zeros(len(labels), dtype=bool)
    function[looked] = np.fromiter((w in FUNCTION_WORDS for w in texts), dtype=bool, count=n)
    number[looked] = np.fromiter((not any(ch.isalpha() for ch in w) for w in texts), dtype=bool, count=n)
    letter[looked] = np.fromiter(
        (any(len(t) == 1 and t not in ("a", "i") for t in w.split(" ")) for w in texts), dtype=bool, count=n
    )
    if words is not None:  # a phrase has a letter when one of its words is one
        of_word = letter.copy()
        for j in range(words.shape[1]):
            w = words[:, j]
            letter |= (w >= 0) & of_word[np.maximum(w, 0)]
    out[uni & function] = "function word"
    out[uni & number] = "number"
    out[letter & (out == "")] = "letter"
    return out


def boilerplate_terms(
    F: _Features,
    art_outlet: np.ndarray,
    art_event: np.ndarray,
    n_outlets: int,
    docs: sp.csr_matrix,
    spread: sp.csr_matrix,
    tokens: sp.csr_matrix,
    *,
    share: float,
) -> np.ndarray:
    """The (outlet, term) pairs that are an outlet's boilerplate, as sorted codes
    ``outlet * n_features + term``. A term is boilerplate in an outlet (with
    :data:`_BOILERPLATE_MIN_ARTICLES` articles or more) when

    * it is a phrase (two or three words) in at least ``share`` of the outlet's articles,
      on two events or more, and at least :data:`_BOILERPLATE_RATIO` times as common
      there as in the other outlets' articles (a caption marker, a sign-off; a single
      word in most of one outlet's articles, like the "Mr" of the New York Times, is
      house style and stays ranked), or
    * at least half of its occurrences in the outlet are in sentences that recur word for
      word in several of the outlet's articles on two events or more
      (:func:`_repeated_sentences`: "Continue reading the main story", a newsletter
      footer), counted three times or more, or
    * it is a word or bigram of such a phrase that the outlet uses mostly inside it
      (:func:`_inside_boilerplate`).

    Boilerplate recurs across stories: an outlet's consistent wording of one event (all
    its articles on it say "special military operation") is word choice, not boilerplate.
    ``art_outlet`` and ``art_event`` are each article's outlet and event codes; ``docs``
    holds the articles of each outlet (rows) using each term, ``spread`` the events,
    ``tokens`` its occurrences.
    """
    n_docs = np.bincount(art_outlet, minlength=n_outlets)
    big = n_docs >= _BOILERPLATE_MIN_ARTICLES
    docs, spread = docs.tocsr(), spread.tocsr()
    if not (np.array_equal(spread.indptr, docs.indptr) and np.array_equal(spread.indices, docs.indices)):
        docs.sort_indices()  # pragma: no cover (products of one pattern come out in one order)
        spread.sort_indices()
    row = np.repeat(np.arange(docs.shape[0]), np.diff(docs.indptr))
    d = docs.data.astype(float)
    total = np.bincount(docs.indices, weights=d, minlength=docs.shape[1])
    own = d / np.maximum(n_docs[row], 1)
    rest = (total[docs.indices] - d) / np.maximum(float(n_docs.sum()) - n_docs[row], 1)
    n_events = spread.data  # (``spread`` has the pattern of ``docs``: entries in one order)
    phrase = F.ngram[docs.indices] >= 2
    hit = big[row] & phrase & (own >= share) & (own >= _BOILERPLATE_RATIO * rest) & (n_events >= 2)
    found = [row[hit].astype(np.int64) * F.n_features + docs.indices[hit]]
    rep = _repeated_sentences(F, art_outlet, art_event, n_docs) & big[art_outlet[F.sent_art]]
    if rep.any():
        # each outlet's occurrences of every term, all and in its repeated sentences, from
        # one product: a sentence weighs 1, plus 1 << 32 when it is repeated
        rows_out = np.tile(art_outlet[F.sent_art], F.n_blocks)
        cols = np.arange(F.n_blocks * F.n_sentences)
        w = 1 + (np.tile(rep, F.n_blocks).astype(np.int64) << 32)
        both = (sp.csr_matrix((w, (rows_out, cols)), shape=(n_outlets, len(cols))) @ F.matrix).tocoo()
        n_rep, n_all = both.data >> 32, both.data & 0xFFFFFFFF
        ok = (n_rep >= 3) & (2 * n_rep >= n_all)
        found.append(both.row[ok].astype(np.int64) * F.n_features + both.col[ok])
    codes = np.unique(np.concatenate(found))
    return np.union1d(codes, _inside_boilerplate(F, codes, tokens))


def _inside_boilerplate(F: _Features, codes: np.ndarray, tokens: sp.csr_matrix) -> np.ndarray:
    """The words and bigrams of boilerplate phrases (``codes``: outlet * n_features +
    phrase) that the outlet uses mostly inside them (at most a quarter more often than
    the phrase: "enlarge" of "enlarge this image"), as codes."""
    out = []
    phrases = codes[F.ngram[codes % F.n_features] >= 2]
    if len(phrases) == 0:
        return np.zeros(0, dtype=np.int64)
    index = {t: i for i, t in enumerate(F.labels.tolist())}
    tokens = tokens.tocsr()
    for code in phrases.tolist():
        outlet, col = divmod(code, F.n_features)
        words = F.labels[col].split(" ")
        parts = words + [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] if len(words) == 3 else words
        n_phrase = tokens[outlet, col]
        for part in parts:
            j = index.get(part)
            if j is not None and j != col and tokens[outlet, j] <= 1.25 * n_phrase:
                out.append(outlet * F.n_features + j)
    return np.unique(np.asarray(out, dtype=np.int64))
