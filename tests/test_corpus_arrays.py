"""The corpus's cached flat arrays: token ids, counts, sentences (shared by the analyses)."""

from __future__ import annotations

import numpy as np
import pytest

from framing import Article, Corpus

TEXTS = [
    "Kyiv said no. Kyiv, Kiev and KYIV again!",
    "",
    "A new word here. Kyiv.\nHeadline without stop",
    "Zelensky’s talks; Zelenskyy's talks.",
]


@pytest.fixture()
def corpus():
    return Corpus(Article(id=f"a{i}", outlet="X", title="", text=t) for i, t in enumerate(TEXTS))


def test_ids_follow_first_appearance_in_corpus_order(corpus):
    flat = corpus.flat_tokens()
    vocab = corpus.vocabulary()
    expected: dict[str, int] = {}
    for a in corpus:
        for t in corpus.document(a).tokens:
            expected.setdefault(t, len(expected))
    assert vocab == expected
    terms = {i: t for t, i in vocab.items()}
    for k, a in enumerate(corpus):
        ids = flat.ids[flat.indptr[k] : flat.indptr[k + 1]]
        assert [terms[i] for i in ids.tolist()] == corpus.document(a).tokens
        assert np.array_equal(corpus.token_ids(a), ids)


def test_ids_of_a_derived_corpus_extend_the_shared_vocabulary(corpus):
    corpus.vocabulary()
    more = Corpus([*corpus.articles, Article(id="b", outlet="Y", title="", text="Brand new Kyiv words")])
    # a fresh corpus has its own cache; a subset shares the parent's
    sub = corpus.subset(["a0", "a3"])
    assert sub.vocabulary() == corpus.vocabulary()
    v = more.vocabulary()
    assert v["brand"] == len(v) - 2 and v["words"] == len(v) - 1  # "new" and "kyiv" are known


def test_term_counts_are_canonical_counts(corpus):
    m, terms = corpus.term_counts()
    assert m.has_canonical_format
    for k, a in enumerate(corpus):
        toks = corpus.document(a).tokens
        row = m.getrow(k)
        assert {terms[j]: int(c) for j, c in zip(row.indices, row.data)} == {t: toks.count(t) for t in set(toks)}
    assert m.shape == (len(TEXTS), len(terms)) and m[0, terms.index("kyiv")] == 3


def test_flat_sentences_and_their_texts(corpus):
    sents = corpus.flat_sentences()
    texts = corpus.sentence_texts()
    assert np.diff(sents.indptr).tolist() == [corpus.document(a).n_sentences for a in corpus]
    assert texts.tolist() == [s for a in corpus for s in corpus.document(a).sentences()]
    assert texts.tolist()[:2] == ["Kyiv said no.", "Kyiv, Kiev and KYIV again!"]
    # carried over to a corpus with events (same texts), not recomputed
    assert corpus.with_events({"a0": "e"}).sentence_texts() is texts


def test_positions(corpus):
    assert corpus.positions(["a3", "a0"]).tolist() == [3, 0]
    with pytest.raises(KeyError, match="nope"):
        corpus.positions(["nope"])


def test_flat_tokens_are_the_documents_own_arrays(corpus):
    """Parsed together in corpus order, the documents are views into the flat token table."""
    flat = corpus.flat_tokens()
    for k, a in enumerate(corpus):
        doc = corpus.document(a)
        lo, hi = flat.indptr[k], flat.indptr[k + 1]
        for mine, name in ((doc.tok_starts, "starts"), (doc.tok_ends, "ends"), (doc.tok_sent, "sent")):
            assert mine.dtype == np.int32 and mine.tolist() == getattr(flat, name)[lo:hi].tolist()
            assert np.shares_memory(getattr(flat, name), mine) or not len(mine)
    assert flat.ids.dtype == np.int64
    assert np.shares_memory(flat.ids, corpus.token_ids("a0"))
    sents = corpus.flat_sentences()
    assert np.shares_memory(sents.starts, corpus.document("a0").sent_starts)


def test_ids_follow_corpus_order_when_parsed_in_another_order(corpus):
    """Documents parsed first in another order: ids still follow first appearance in corpus order."""
    for a in reversed(corpus.articles):
        corpus.document(a)
    fresh = Corpus(corpus.articles)
    flat, want = corpus.flat_tokens(), fresh.flat_tokens()
    assert corpus.vocabulary() == fresh.vocabulary()
    assert flat.ids.tolist() == want.ids.tolist() and flat.starts.tolist() == want.starts.tolist()
    assert corpus.token_ids("a3").tolist() == fresh.token_ids("a3").tolist()
    m, terms = corpus.term_counts()
    m2, terms2 = fresh.term_counts()
    assert terms == terms2 and (m != m2).nnz == 0
    # a canonical copy numbers its own vocabulary, sharing the parsed documents
    canon = corpus.canonical()
    assert canon.document("a1") is corpus.document("a1")
    assert canon.vocabulary() == fresh.vocabulary()


def test_sentence_texts_index_like_an_object_array(corpus):
    texts = corpus.sentence_texts()
    every = [s for a in corpus for s in corpus.document(a).sentences()]
    assert len(texts) == len(every) and list(texts) == every
    assert texts[0] == every[0] and texts[-1] == every[-1] and texts[np.int64(2)] == every[2]
    got = texts[np.array([3, 0, 3])]
    assert got.dtype == object and got.tolist() == [every[3], every[0], every[3]]
    assert got[0] is got[2]  # one string per sentence
    assert texts[1:3].tolist() == every[1:3]
    assert texts[np.array([[0, 1]])].shape == (1, 2)
    with pytest.raises(IndexError):
        texts[len(every)]
