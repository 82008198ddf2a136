import numpy as np
import pytest

from framing import fold, parse
from framing.text import split_sentences, tokenize


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met Gen. Lee. They talked.", ["Mr. Smith met Gen. Lee.", "They talked."]),
        ("He lives in the U.S. He is happy.", ["He lives in the U.S.", "He is happy."]),
        ("The U.S. military said no.", ["The U.S. military said no."]),
        ("George W. Bush spoke. Then he left.", ["George W. Bush spoke.", "Then he left."]),
        ('He said: "We will win." Then he left.', ['He said: "We will win."', "Then he left."]),
        ("Kyiv wants an “unconditional ceasefire.” Moscow refused.",
         ["Kyiv wants an “unconditional ceasefire.”", "Moscow refused."]),
        ('"Why?" he asked. Nobody knew.', ['"Why?" he asked.', "Nobody knew."]),
        ("Headline without stop\nBody starts here. Second one.",
         ["Headline without stop", "Body starts here.", "Second one."]),
        ("It was 3.5 percent. Prices rose.", ["It was 3.5 percent.", "Prices rose."]),
        ("Talks ended — abruptly. Next day, more.", ["Talks ended — abruptly.", "Next day, more."]),
        ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
        ("He lives at No. 10 Downing Street. It is old.", ["He lives at No. 10 Downing Street.", "It is old."]),
        ("", []),
        # cases for the one-scan splitter: abbreviations in brackets, initials, runs of stops,
        # CRLF and blank lines, numbers before a stop, non-ASCII sentence starts
        ("Talks (Mr. Smith said) ended. Then (Gen. Lee) left.",
         ["Talks (Mr. Smith said) ended.", "Then (Gen. Lee) left."]),
        ("He met J. R. Smith. Then he left!  Why?! Nobody knew... the end. Ok.",
         ["He met J. R. Smith.", "Then he left!", "Why?!", "Nobody knew... the end.", "Ok."]),
        ("Line one.\r\nLine two .  \n   \n\t Line three? yes. Done",
         ["Line one.", "Line two .", "Line three? yes.", "Done"]),
        ("It rose 3.5. Then it fell to No. 5. Prices at 9 a.m. The next day.",
         ["It rose 3.5.", "Then it fell to No. 5.", "Prices at 9 a.m.", "The next day."]),
        ("She said “Stop.” Éric left. él vino. Ünal came.",
         ["She said “Stop.”", "Éric left. él vino.", "Ünal came."]),
        ("Trailing space.   ", ["Trailing space."]),
    ],
)
def test_sentences(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected


@pytest.mark.parametrize(
    "word, folded",
    [("Kyiv", "kyiv"), ("KYIV", "kyiv"), ("Kyïv", "kyiv"), ("Zelensky’s", "zelensky's"), ("Ｋｙｉｖ", "kyiv")],
)
def test_fold(word, folded):
    assert fold(word) == folded


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Zelensky's plan", ["zelensky", "plan"]),
        ("Zelenskyy’s plan", ["zelenskyy", "plan"]),
        ("O'Brien don't", ["o'brien", "don't"]),
        ("2,000 prisoners and 3.5% growth", ["2,000", "prisoners", "and", "3.5%", "growth"]),
        ("full-scale invasion", ["full-scale", "invasion"]),
        ("Kievan Rus", ["kievan", "rus"]),
    ],
)
def test_tokens(text, tokens):
    assert tokenize(text)[0] == tokens


@pytest.mark.parametrize(
    "text, tokens, starts, ends",
    [
        ("Kyïv’s e\x00mail ÉTAT-major 'tis x_y _z 90s",
         ["kyiv", "e", "mail", "etat-major", "is", "x_y", "z", "90", "s"],
         [0, 7, 9, 14, 27, 30, 35, 37, 39], [4, 8, 13, 24, 29, 33, 36, 39, 40]),
        ("İstanbul’s MAYOR, Zelensky’s don’t", ["istanbul", "mayor", "zelensky", "don't"],
         [0, 11, 18, 29], [8, 16, 26, 34]),
        ("Plain ASCII text, 2,000 words.", ["plain", "ascii", "text", "2,000", "words"],
         [0, 6, 12, 18, 24], [5, 11, 16, 23, 29]),
    ],
)
def test_token_offsets(text, tokens, starts, ends):
    toks, s, e = tokenize(text)
    assert (toks, s.tolist(), e.tolist()) == (tokens, starts, ends)
    assert s.dtype == e.dtype == np.int64


def test_offsets_point_into_original_text():
    text = "Kyïv’s envoy met “Madinsky” in İstanbul on Monday."
    doc = parse(text)
    for i, tok in enumerate(doc.tokens):
        assert fold(doc.token_text(i)) == tok
    assert doc.sentences() == [text]
    assert doc.sentence_at(text.index("Monday")) == 0


def test_token_sentence_index():
    doc = parse("One two. Three four five.")
    assert doc.tok_sent.tolist() == [0, 0, 1, 1, 1]
    assert doc.tokens[doc.sentence_tokens(1)] == ["three", "four", "five"]


def test_punkt_splitter_needs_no_download():
    doc = parse("Mr. Smith arrived. He spoke.", splitter="punkt")
    assert doc.sentences() == ["Mr. Smith arrived.", "He spoke."]
