"""The terms of distinctive-terms analysis and their counts, on whole arrays.

:class:`_Features` holds every occurrence of every term (unigrams, kept bigrams and
trigrams) as one sparse (block, sentence) x term matrix, built once from the corpus's
cached token ids; :func:`_unit_counts` turns its per-(article, half) counts into the
counts of each outlet in each event (occurrences, articles using the term, and the
articles of each split half), the inputs of :mod:`framing.analyses.distinctive`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from .._arrays import unique_hashed
from ..corpus import Corpus

__all__ = ["FUNCTION_WORDS"]

#: Function words a phrase may not start or end with (phrases only: unigrams are never dropped).
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet for of in on at to from by with without as into onto upon over under
    about above after before between through during against among within along across behind beyond
    is are was were be been being am has have had having do does did will would shall should can could
    may might must it its it's this that these those there here he she they we i you him her them us me
    his hers their theirs our ours my your who whom whose which what when where why how than then also
    not no if while because although though since until unless whether all any both each few more most
    other some such only own same very just s t said says say told""".split()
)


def _sentence_hashes(ids: np.ndarray, sent: np.ndarray, n_sentences: int) -> np.ndarray:
    """A 64-bit hash of the token ids of each sentence (``sent``: the nondecreasing corpus
    sentence of each token), on arrays: each token's id times a fixed random number for
    its place in the sentence, summed per sentence (modulo 2**64)."""
    out = np.zeros(n_sentences, dtype=np.uint64)
    if len(ids) == 0:
        return out
    first = np.flatnonzero(np.r_[True, sent[1:] != sent[:-1]])
    place = np.arange(len(ids)) - np.repeat(first, np.diff(np.r_[first, len(ids)]))
    mult = np.random.default_rng(12345).integers(1, 2**63, size=int(place.max()) + 1, dtype=np.uint64) | np.uint64(1)
    with np.errstate(over="ignore"):
        v = (ids.astype(np.uint64) + np.uint64(1)) * mult[place]
    out[sent[first]] = np.add.reduceat(v, first)
    return out


def _phrases(
    flat: np.ndarray, same: np.ndarray, terms: list[str], frequent: np.ndarray, *, max_n: int, min_phrase_count: int
) -> list[tuple]:
    """The kept bigrams and trigrams of the corpus, from its token ids.

    ``flat`` holds the token ids of the whole corpus, ``same`` whether each token and
    the next are in one sentence, ``frequent`` whether each term is counted at least
    ``min_phrase_count`` times. Returns one block per phrase length (2, then 3):
    ``(counts, labels, phrase, start, words)``, the corpus count and label of each kept
    phrase, the phrase and first token of each of its occurrences (in corpus order), and
    the token ids of each kept phrase (phrases x length).
    """
    V = len(terms)
    if max_n < 2 or len(flat) < 2:
        return []
    stop = np.zeros(V, dtype=bool)
    has_alpha = np.zeros(V, dtype=bool)
    for i, t in enumerate(terms):
        stop[i] = t in FUNCTION_WORDS
        has_alpha[i] = any(ch.isalpha() for ch in t)
    ok_freq = (has_alpha & ~stop & frequent)[flat]
    # bigrams: only positions where both words may be a phrase edge (and each word is
    # frequent enough: a bigram is never more frequent than its words)
    i2 = np.flatnonzero(same & ok_freq[:-1] & ok_freq[1:])
    bi_uniq, bi_inv, bi_cnt = unique_hashed(flat[i2] * V + flat[i2 + 1], return_counts=True)
    bi_ok = bi_cnt >= min_phrase_count
    found = [(bi_uniq, bi_inv, bi_cnt, bi_ok, i2)]
    if max_n >= 3 and len(flat) > 2 and float(V) ** 3 < 9e18:
        # a trigram is frequent only if each of its words is: prefilter on unigram counts
        i3 = np.flatnonzero(same[:-1] & same[1:] & ok_freq[:-2] & ok_freq[2:] & frequent[flat[1:-1]])
        tri_uniq, tri_inv, tri_cnt = unique_hashed((flat[i3] * V + flat[i3 + 1]) * V + flat[i3 + 2], return_counts=True)
        tri_ok = tri_cnt >= min_phrase_count
        if tri_ok.any() and len(bi_uniq):
            # a bigram always inside one kept trigram (same count) repeats it: drop it
            t1, t2, t3 = tri_uniq // (V * V), (tri_uniq // V) % V, tri_uniq % V
            for code in (t1 * V + t2, t2 * V + t3):
                j = np.minimum(np.searchsorted(bi_uniq, code[tri_ok]), len(bi_uniq) - 1)
                same_count = (bi_uniq[j] == code[tri_ok]) & (bi_cnt[j] == tri_cnt[tri_ok])
                bi_ok[j[same_count]] = False
        found.append((tri_uniq, tri_inv, tri_cnt, tri_ok, i3))
    blocks = []
    for n, (uniq, inv, cnt, ok, start) in enumerate(found, start=2):
        keep = np.flatnonzero(ok)
        index = np.full(len(uniq), -1, dtype=np.int64)
        index[keep] = np.arange(len(keep))
        phrase = index[inv]
        sel = phrase >= 0
        words = [(uniq[keep] // V ** (n - 1 - i)) % V for i in range(n)]
        labels = [" ".join(terms[w] for w in ws) for ws in zip(*(x.tolist() for x in words))]
        blocks.append((cnt[keep], labels, phrase[sel], start[sel], np.stack(words, axis=1)))
    return blocks


class _Features:
    """Every term occurrence ("position") of the corpus, built once from the cached token ids.

    Positions come in blocks (unigrams, kept bigrams, kept trigrams), each in corpus
    order. :attr:`matrix` has one row per (block, sentence) and one stored entry per
    position (its feature column, count 1), so that the counts of any grouping of
    sentences are one sparse product (:meth:`counts`) and need no sorting.
    """

    def __init__(self, corpus: Corpus, *, max_n: int, min_phrase_count: int) -> None:
        arts = corpus.articles
        tokens = corpus.flat_tokens()
        vocab = corpus.vocabulary()  # fixes the vocabulary (ids are cached)
        terms = [""] * len(vocab)
        for t, i in vocab.items():
            terms[i] = t
        #: The corpus's flat token table (offsets of every token).
        self.tokens = tokens
        sents = corpus.flat_sentences()
        n_art = len(arts)
        lens = np.diff(tokens.indptr)
        n_sent = np.diff(sents.indptr)
        self.n_articles = n_art
        self.n_sentences = n_s = int(sents.indptr[-1])
        self.n_tokens = int(tokens.indptr[-1])
        #: First sentence of each article; the article of each sentence.
        self.sent_first = sents.indptr[:-1]
        self.sent_art = np.repeat(np.arange(n_art), n_sent)
        flat = tokens.ids  # (shared with the corpus: read only)
        sent = tokens.sent.astype(np.int64)  # sentence in its article (a copy: changed below)
        same = sent[1:] == sent[:-1]  # the next token is in the same sentence (of the same article)
        ends = tokens.indptr[1:-1] - 1  # the last token of each article but the last ...
        same[ends[(ends >= 0) & (ends < len(same))]] = False  # (nor across articles; empty articles have none)
        sent += np.repeat(self.sent_first, lens)  # now the sentence in the corpus
        uni = np.bincount(flat, minlength=len(terms))
        blocks = _phrases(flat, same, terms, uni >= min_phrase_count, max_n=max_n, min_phrase_count=min_phrase_count)
        pos_col, counts, labels, ngram = [flat], [uni], list(terms), [1] * len(terms)
        #: The words of each feature: its unigram columns, -1 after its last (features x max_n).
        self.words = np.full((len(terms) + sum(len(b[1]) for b in blocks), max(1, len(blocks) + 1)), -1, np.int32)
        self.words[: len(terms), 0] = np.arange(len(terms))
        for n, (count, label, phrase, _, words) in enumerate(blocks, start=2):
            self.words[len(labels) : len(labels) + len(label), :n] = words
            pos_col.append(phrase + len(labels))
            counts.append(count)
            labels.extend(label)
            ngram.extend([n] * len(label))
        self.labels = np.asarray(labels, dtype=object)
        self.ngram = np.asarray(ngram, dtype=np.int64)
        self.n_features = len(labels)
        #: Corpus count of each feature.
        self.corpus_counts = np.concatenate(counts).astype(float)
        self.n_blocks = len(pos_col)
        #: First token of each bigram and trigram position (positions after the unigrams).
        self.ngram_start = np.concatenate([b[3] for b in blocks]) if blocks else np.zeros(0, dtype=np.int64)
        # positions per (block, sentence) row: each block is in corpus order, so its rows ascend
        per_row = [np.bincount(sent, minlength=n_s)] + [np.bincount(sent[b[3]], minlength=n_s) for b in blocks]
        indptr = np.r_[0, np.cumsum(np.concatenate(per_row))]
        del flat, sent, same, blocks  # free the token arrays before the largest ones are made
        col = np.concatenate(pos_col, dtype=np.int32, casting="same_kind")
        del pos_col
        self.matrix = sp.csr_matrix(
            (np.ones(len(col), dtype=np.int64), col, indptr), shape=(len(indptr) - 1, self.n_features)
        )

    def sentence_hashes(self) -> np.ndarray:
        """A hash of each sentence's tokens (equal sentences, equal hashes), for boilerplate."""
        t = self.tokens
        sent = t.sent.astype(np.int64) + np.repeat(self.sent_first, np.diff(t.indptr))
        return _sentence_hashes(t.ids, sent, self.n_sentences)

    def first_token(self, pos: np.ndarray) -> np.ndarray:
        """The corpus token index at which each position (a stored entry of :attr:`matrix`) starts."""
        tok = pos.copy()
        phrase = pos >= self.n_tokens
        tok[phrase] = self.ngram_start[pos[phrase] - self.n_tokens]
        return tok

    def half_counts(self, sent_half: np.ndarray) -> sp.csr_matrix:
        """(2 x articles, features) counts: row ``2 i + h`` counts the sentences of article
        ``i`` in half ``h`` (``sent_half``: 0 or 1 per sentence), one sparse product with
        :attr:`matrix` (duplicates are summed there)."""
        rows = 2 * self.sent_art + sent_half
        cols = np.arange(self.n_blocks * self.n_sentences)
        P = sp.csr_matrix(
            (np.ones(len(cols), dtype=np.int64), (np.tile(rows, self.n_blocks), cols)),
            shape=(2 * self.n_articles, self.matrix.shape[0]),
        )
        return P @ self.matrix


class _UnitCounts(NamedTuple):
    """Counts of every (outlet in an event) unit, three CSR matrices with one sparsity
    pattern (units x features): ``tokens`` (occurrences), ``docs`` (articles using the
    feature) and ``halves`` (articles of each split half using it, ``half0 + half1 << 32``);
    ``n_docs`` (articles per unit) and ``n_half`` (units x 2: articles, or for a split by
    sentences the articles with a sentence, in each half)."""

    tokens: sp.csr_matrix
    docs: sp.csr_matrix
    halves: sp.csr_matrix
    n_docs: np.ndarray
    n_half: np.ndarray

    def rows(self, us: np.ndarray) -> _UnitCounts:
        return _UnitCounts(self.tokens[us], self.docs[us], self.halves[us], self.n_docs[us], self.n_half[us])


def _unit_counts(A2: sp.csr_matrix, art_unit: np.ndarray, n_units: int, half_rows: np.ndarray) -> _UnitCounts:
    """:class:`_UnitCounts` from the (article, half) x features counts ``A2`` of
    :meth:`_Features.half_counts`; ``art_unit`` is each article's unit (-1: none),
    ``half_rows`` whether each (article, half) row holds a sentence."""
    n_art = len(art_unit)
    keep = np.flatnonzero(art_unit >= 0)
    rows = np.repeat(np.arange(n_art), 2)
    pair = sp.csr_matrix((np.ones(2 * n_art, dtype=np.int64), (rows, np.arange(2 * n_art))), shape=(n_art, 2 * n_art))
    if n_art >= 1 << 21:  # pragma: no cover (three 21-bit fields per count below)
        raise ValueError("distinctive terms compare at most 2,097,151 articles at once")
    packed = sp.csr_matrix(
        (np.tile(np.array([1 << 21, 1 << 42], dtype=np.int64), n_art), (rows, np.arange(2 * n_art))),
        shape=(n_art, 2 * n_art),
    )
    A = pair @ A2  # articles x features: occurrences ...
    B2 = A2.copy()
    B2.data[:] = 1
    H = packed @ B2  # ... and the halves using it (the same product, so the same pattern)
    del B2
    H.data += 1  # the article uses it: fields (article, half 0, half 1), 21 bits each
    U = sp.csr_matrix((np.ones(len(keep), dtype=np.int64), (art_unit[keep], keep)), shape=(n_units, n_art))
    tokens, Hu = U @ A, U @ H
    if not (np.array_equal(tokens.indptr, Hu.indptr) and np.array_equal(tokens.indices, Hu.indices)):
        tokens.sort_indices()  # pragma: no cover (products of one pattern come out in one order)
        Hu.sort_indices()
    field = np.int64((1 << 21) - 1)
    docs = sp.csr_matrix((Hu.data & field, Hu.indices, Hu.indptr), shape=Hu.shape)
    halves = sp.csr_matrix((((Hu.data >> 21) & field) + ((Hu.data >> 42) << 32), Hu.indices, Hu.indptr), shape=Hu.shape)
    n_docs = np.bincount(art_unit[keep], minlength=n_units)
    h = half_rows.reshape(n_art, 2)[keep]
    n_half = np.stack([np.bincount(art_unit[keep], weights=h[:, j], minlength=n_units) for j in range(2)], axis=1)
    return _UnitCounts(tokens, docs, halves, n_docs, n_half.astype(np.int64))
