"""The one stop-word list (framing/lexicons/stopwords.csv)."""

import pytest

from framing import ParameterError
from framing.lexicons import STOP_WORD_KINDS, load_lexicon, stop_words


def test_kinds_and_words():
    df = load_lexicon("stopwords", required=["word", "kind", "source"], owner="test")
    assert set(df["kind"]) == set(STOP_WORD_KINDS)
    assert (df["source"] != "").all() and (df["word"] == df["word"].str.lower()).all()
    assert not df.duplicated(["word", "kind"]).any()
    assert len(stop_words(["english"])) == 318
    assert {"the", "and", "would"} <= stop_words(["english"])
    assert stop_words(["reporting"]) == {"according", "said", "says", "told"}
    assert stop_words() == stop_words(STOP_WORD_KINDS) == frozenset(df["word"])
    assert stop_words("title") == {"mr", "mrs", "ms"}


def test_same_as_the_english_list_of_scikit_learn():
    """A frozen copy: equal to scikit-learn's list of the version installed here."""
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    assert stop_words(["english"]) == frozenset(sklearn_text.ENGLISH_STOP_WORDS)


def test_unknown_kind():
    with pytest.raises(ParameterError, match=r"unknown kind.*'german'.*choose from english"):
        stop_words(["german"])
