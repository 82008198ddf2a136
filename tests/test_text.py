import random
import re
import sys
import unicodedata

import numpy as np
import pytest

import framing.text as text_module
from framing import fold, parse
from framing.text import (
    TOKEN_PATTERN,
    parse_many,
    split_sentences,
    tokenize,
    tokenize_many,
)


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


# --- tokenize_many: the batch tokenizer must give exactly what tokenize gives ---------------

#: Characters the grammar treats specially, weighted towards the tricky ones: letters
#: (accented, non-Latin, title case, astral), digits (also Arabic-Indic, fullwidth), word
#: characters that are neither ("²", "½", "_"), apostrophes, hyphens, number separators,
#: quotes, "s" for the possessive, white space, NUL, a lone surrogate, and characters whose
#: lower case is longer ("İ") or not ASCII-like (Kelvin sign, "ẞ", "Σ" with its final form).
_ALPHABET = (
    list("abcxyzABSTé") + list("ÏÉçñøкКДσΣςß中ア") + ["ǅ", "\U0001d400", "\u212a", "ẞ"]
    + list("0123456789") * 2 + ["٣", "５", "²", "½", "_"]
    + ["'", "'", "’", "’", "‘", "-", "-", "‐", "‑", "–"] + list(".,.,%%")
    + ['"', "“", "”", "s", "s", "S"] + [" "] * 6 + ["\n", "\t", "\x00", "\u0301", "\ud800", "😀", "İ"]
)


def _random_text(rng, n_max=40):
    return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, n_max)))


def _assert_same_as_tokenize(texts):
    got = tokenize_many(texts)
    assert len(got) == len(texts)
    for text, (toks, starts, ends) in zip(texts, got):
        want_toks, want_starts, want_ends = tokenize(text)
        assert toks == want_toks, text
        assert starts.dtype == ends.dtype == np.int64
        assert starts.tolist() == want_starts.tolist(), text
        assert ends.tolist() == want_ends.tolist(), text


def test_tokenize_matches_token_pattern_on_random_strings():
    """tokenize (the regex the batch tokenizer follows) finds the spans of TOKEN_PATTERN."""
    rng = random.Random(1)
    for _ in range(3000):
        text = _random_text(rng)
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = text
        want = [m.span() for m in re.finditer(TOKEN_PATTERN, lowered)]
        _, starts, ends = tokenize(text)
        assert list(zip(starts.tolist(), ends.tolist())) == want, text


@pytest.mark.parametrize("seed", range(4))
def test_tokenize_many_matches_tokenize_on_random_strings(seed):
    """Batches of random strings (some empty, some ASCII only), about 5,000 per seed."""
    rng = random.Random(seed)
    ascii_only = [c for c in _ALPHABET if c.isascii()]
    for _ in range(1000):
        batch = [_random_text(rng) for _ in range(rng.randint(1, 8))] + [""] * rng.randint(0, 1)
        if rng.random() < 0.3:
            batch.append("".join(rng.choice(ascii_only) for _ in range(rng.randint(0, 40))))
        rng.shuffle(batch)
        _assert_same_as_tokenize(batch)


def test_tokenize_many_examples_and_chunks(monkeypatch):
    examples = [
        "", " ", "Zelensky's plan", "Zelenskyy’s plan", "O'Brien don't", "2,000 prisoners and 3.5% growth",
        "full-scale invasion", "19th 2nd 1990s 90s 3%5 1_2_3 a1.5 1.5a x_y _z 'tis rock'n'roll 't-shirt 9'a",
        "It’s it'S ’s 's s' -a- a-'b a'-b 1.2.3,4 1..2 ,5 5, 2,000.50% ٣٣,٣ ５５ x² ½a",
        "Kyïv’s e\x00mail ÉTAT-major", "İstanbul’s MAYOR", "ΟΔΟΣ ΟΔΟΣ.Α σς", "\u212aelvin", "a\ud800b",
        "\n\nHeadline\nBody.\n", "a" * 50, "1" * 50, "-" * 10,
    ]
    _assert_same_as_tokenize(examples)
    monkeypatch.setattr(text_module, "_CHUNK_CHARS", 20)  # many chunks, and texts longer than one
    _assert_same_as_tokenize(examples * 3)


def test_char_classes_agree_with_re_for_every_code_point():
    """The batch tokenizer's classes of each code point are re's: ``\\w`` is
    str.isalnum() or "_", ``\\d`` is str.isdecimal(), as matched on the lower case."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1))
    word = {m.start() for m in re.finditer(r"\w", every)}
    digit = {m.start() for m in re.finditer(r"\d", every)}
    letter = {m.start() for m in re.finditer(r"[^\W\d_]", every)}
    for code in range(sys.maxunicode + 1):
        bits = text_module._token_class.__wrapped__(chr(code))
        lowered = chr(code).lower()
        if len(lowered) != 1:
            assert bits == text_module._C_ODD
            continue
        low = ord(lowered)
        assert bool(bits & text_module._C_WORD) == (low in word)
        assert bool(bits & text_module._C_DIGIT) == (low in digit)
        assert bool(bits & text_module._C_LETTER) == (low in letter)


def test_parse_many_matches_parse():
    texts = ["Mr. Smith met Gen. Lee. They talked.", "", "Kyïv’s envoy met “Madinsky” in İstanbul on Monday.",
             "Headline without stop\nBody starts here. Second one.", "   ", "One two. Three four five."]
    for splitter in ("rules", "punkt"):
        for doc, text in zip(parse_many(texts, splitter=splitter), texts):
            want = parse(text, splitter=splitter)
            assert doc.text == text
            assert doc.tokens == want.tokens
            for name in ("sent_starts", "sent_ends", "tok_starts", "tok_ends", "tok_sent"):
                got_arr, want_arr = getattr(doc, name), getattr(want, name)
                assert got_arr.dtype == want_arr.dtype and got_arr.tolist() == want_arr.tolist(), name


#: Pieces of text for random sentences: words around the abbreviation rules (titles,
#: enders, initials, "No." before digits, words with ".", case and non-ASCII variants,
#: also those re's case-insensitive matching equates with ASCII letters: "ſ", "ı", "İ",
#: the Kelvin sign), stops, quotes and brackets, and white space (also non-ASCII).
_SENTENCE_PIECES = (
    ["Mr", "mr", "MR", "Mrs", "Gen", "gen", "Dr", "St", "ſt", "ınc", "İnc", "Inc", "Co", "\u212ao", "U", "S",
     "U.S", "a.m", "p.m", "e.g", "i.e", "No", "no", "Nos", "approx", "Sept", "messrs", "J", "W", "x", "é", "É",
     "Ünal", "él", "the", "The", "he", "It", "Why", "then", "Then", "ok", "10", "3", "3.5", "_", "ab", "abc",
     "statement", "a-b", "’s"]
    + [".", ".", ".", ". ", ". ", "! ", "? ", "…", "...", "?!", ".”", '."', ".)"]
    + ['"', "'", "“", "”", "‘", "’", "«", "»", "(", ")", "[", "]", ","]
    + [" "] * 8 + ["  ", "\n", "\n", "\r\n", "\n\n", "\t", "\x00", "\u00a0", "\u2028", " \n "]
)


def _random_sentence_text(rng, n_max=30):
    return "".join(rng.choice(_SENTENCE_PIECES) for _ in range(rng.randint(0, n_max)))


@pytest.mark.parametrize("seed", range(3))
def test_batch_sentences_match_sentence_bounds_on_random_texts(seed):
    """The batch sentence splitter of parse_many, on batches of random texts (5,500 per seed)."""
    rng = random.Random(seed)
    for _ in range(1000):
        batch = [_random_sentence_text(rng) for _ in range(rng.randint(1, 10))]
        got = text_module._chunk_sentences(text_module._Joined.of(batch))
        for text, (starts, ends) in zip(batch, got):
            want_starts, want_ends = text_module._sentence_bounds(text)
            assert (starts.tolist(), ends.tolist()) == (want_starts, want_ends), text
            assert starts.dtype == ends.dtype == np.int64


def test_fold_ignores_final_sigma():
    """tokenize_many lower-cases a non-ASCII token on its own, tokenize with its text: only
    "Σ" can come out differently ("ς" at the end of a word, else "σ"), and fold ends both
    as "σ", also next to any combining mark or Greek character."""
    fold_ = text_module._fold_nonascii.__wrapped__
    near = [chr(c) for c in range(sys.maxunicode + 1)
            if unicodedata.category(chr(c)).startswith("M") or 0x370 <= c < 0x400 or 0x1F00 <= c < 0x2000]
    for ch in near:
        assert fold_("σ" + ch) == fold_("ς" + ch) and fold_(ch + "σ") == fold_(ch + "ς"), hex(ord(ch))
    assert "ΟΔΟΣ".lower() == "οδος" and tokenize_many(["ΟΔΟΣ, ΟΔΟΣ"])[0][0] == tokenize("ΟΔΟΣ, ΟΔΟΣ")[0]
