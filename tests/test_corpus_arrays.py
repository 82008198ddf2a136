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
