import random
import re
import sys
import unicodedata

import _reference_text as ref
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import fold, parse
from framing.text import (
    TOKEN_PATTERN,
    parse_many,
    sentences,
    split_sentences,
    tokenize,
    tokenize_many,
)
from framing.text.normalize import fold_nonascii


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met Gen. Lee. They talked.", ["Mr. Smith met Gen. Lee.", "They talked."]),
        ("He lives in the U.S. He is happy.", ["He lives in the U.S.", "He is happy."]),
        ("The U.S. military said no.", ["The U.S. military said no."]),
        ("George W. Bush spoke. Then he left.", ["George W. Bush spoke.", "Then he left."]),
        ('He said: "We will win." Then he left.', ['He said: "We will win."', "Then he left."]),
        (
            "Kyiv wants an “unconditional ceasefire.” Moscow refused.",
            ["Kyiv wants an “unconditional ceasefire.”", "Moscow refused."],
        ),
        ('"Why?" he asked. Nobody knew.', ['"Why?" he asked.', "Nobody knew."]),
        (
            "Headline without stop\nBody starts here. Second one.",
            ["Headline without stop", "Body starts here.", "Second one."],
        ),
        ("It was 3.5 percent. Prices rose.", ["It was 3.5 percent.", "Prices rose."]),
        ("Talks ended — abruptly. Next day, more.", ["Talks ended — abruptly.", "Next day, more."]),
        ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
        ("He lives at No. 10 Downing Street. It is old.", ["He lives at No. 10 Downing Street.", "It is old."]),
        ("", []),
        # cases for the one-scan splitter: abbreviations in brackets, initials, runs of stops,
        # CRLF and blank lines, numbers before a stop, non-ASCII sentence starts
        (
            "Talks (Mr. Smith said) ended. Then (Gen. Lee) left.",
            ["Talks (Mr. Smith said) ended.", "Then (Gen. Lee) left."],
        ),
        (
            "He met J. R. Smith. Then he left!  Why?! Nobody knew... the end. Ok.",
            ["He met J. R. Smith.", "Then he left!", "Why?!", "Nobody knew... the end.", "Ok."],
        ),
        (
            "Line one.\r\nLine two .  \n   \n\t Line three? yes. Done",
            ["Line one.", "Line two .", "Line three? yes.", "Done"],
        ),
        (
            "It rose 3.5. Then it fell to No. 5. Prices at 9 a.m. The next day.",
            ["It rose 3.5.", "Then it fell to No. 5.", "Prices at 9 a.m.", "The next day."],
        ),
        ("She said “Stop.” Éric left. él vino. Ünal came.", ["She said “Stop.”", "Éric left. él vino.", "Ünal came."]),
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


# --- Whole tokens (issue 11.2): a word after an opening single quote keeps its first letter


@pytest.mark.parametrize(
    "text, expected",
    [
        ("'Kharkiv will hold,' he said", ["kharkiv", "will", "hold", "he", "said"]),
        ("‘Putin lies’", ["putin", "lies"]),
        ("’Putin lies", ["putin", "lies"]),
        ("He called it 'a farce'.", ["he", "called", "it", "a", "farce"]),
        ("the U.S.'s role and Kharkiv's mayor", ["the", "u", "s", "role", "and", "kharkiv", "mayor"]),
        ("'tis rock 'n' roll", ["tis", "rock", "n", "roll"]),
        ("don't O'Brien", ["don't", "o'brien"]),
    ],
)
def test_word_after_opening_quote_is_whole(text, expected):
    toks, starts, ends = tokenize(text)
    assert toks == expected
    assert [fold(text[a:b]) for a, b in zip(starts.tolist(), ends.tolist())] == toks


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ky\u200biv", ["kyiv"]),
        ("Ky\u00adiv and Zelen\u200dsky", ["kyiv", "and", "zelensky"]),
        ("\u200bKyiv\ufeff said", ["kyiv", "said"]),
        ("hyper-\u00adsolicitous", ["hyper-solicitous"]),
    ],
)
def test_invisible_characters_do_not_split_words(text, expected):
    assert tokenize(text)[0] == expected
    assert fold("Ky\u200biv") == fold("Ky\u00adiv") == "kyiv"


def test_long_runs():
    """Long runs of stops, closers, openers and white space, around the rules' look-arounds."""
    for text in [
        "Talks ended" + "." * 50 + "”" * 50 + " " * 50 + "“" * 50 + "  Then" + " \n" * 50 + "x",
        "Mr" + "." * 20 + "\u00a0" * 30 + "He left." + "\t" * 40 + "…" * 9 + " " * 9 + "a",
    ]:
        assert sentences.sentence_bounds(text) == ref.sentence_bounds(text)


def test_long_texts():
    """A long article and a 1 MB word (linear steps; speed is measured in benchmarks/)."""
    word = "A" * 1_000_000
    doc = parse("Before. " + word + "'s end.")
    assert doc.tokens == ["before", word.lower(), "end"] and doc.n_sentences == 2
    # long runs of stops, closers and white space (each step once per run, not per character)
    for text in [
        "a" + "." * 1_000_000 + "b",
        "Hi" + "!?" * 500_000 + " B",
        "a." + "”" * 1_000_000 + " B",
        "a." + " " * 1_000_000 + "B",
        "x\n" + " \n" * 500_000,
    ]:
        doc = parse(text)
        assert doc.n_sentences >= 1
    text = "He said 'no'. Talks in Kyiv ended.\n" * 20_000
    doc = parse(text)
    assert doc.n_tokens == 20_000 * 7 and doc.n_sentences == 40_000


# --- The package against the reference (tests/_reference_text.py) ---------------------------

#: Characters the grammar treats specially, weighted towards the tricky ones: letters
#: (accented, non-Latin, title case, astral), digits (also Arabic-Indic, fullwidth), word
#: characters that are neither ("²", "½", "_"), invisible ones, apostrophes, hyphens,
#: number separators, quotes, "s" for the possessive, white space, NUL, a lone surrogate,
#: and characters whose lower case is longer ("İ") or not ASCII-like (Kelvin sign, "ẞ",
#: "Σ" with its final form).
_ALPHABET = (
    list("abcxyzABSTé")
    + list("ÏÉçñøкКДσΣςß中ア")
    + ["ǅ", "\U0001d400", "\u212a", "ẞ"]
    + list("0123456789") * 2
    + ["٣", "５", "²", "½", "_", "\u200b", "\u00ad"]
    + ["'", "'", "’", "’", "‘", "-", "-", "‐", "‑", "–"]
    + list(".,.,%%")
    + ['"', "“", "”", "s", "s", "S"]
    + [" "] * 6
    + ["\n", "\t", "\x00", "\u0301", "\ud800", "😀", "İ"]
)


def _random_text(rng, n_max=40):
    return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, n_max)))


def _assert_same_as_reference(texts):
    got = tokenize_many(texts)
    assert len(got) == len(texts)
    for text, (toks, starts, ends) in zip(texts, got):
        want_toks, want_starts, want_ends = ref.tokenize(text)
        assert starts.dtype == ends.dtype == np.int64
        assert (starts.tolist(), ends.tolist()) == (want_starts, want_ends), text
        assert toks == want_toks, text


@pytest.mark.parametrize("seed", range(4))
def test_tokenize_many_matches_reference_on_random_strings(seed):
    """Batches of random strings (some empty, some ASCII only), about 5,000 per seed."""
    rng = random.Random(seed)
    ascii_only = [c for c in _ALPHABET if c.isascii()]
    for _ in range(1000):
        batch = [_random_text(rng) for _ in range(rng.randint(1, 8))] + [""] * rng.randint(0, 1)
        if rng.random() < 0.3:
            batch.append("".join(rng.choice(ascii_only) for _ in range(rng.randint(0, 40))))
        rng.shuffle(batch)
        _assert_same_as_reference(batch)


_EXAMPLES = [
    "",
    " ",
    "Zelensky's plan",
    "Zelenskyy’s plan",
    "O'Brien don't",
    "2,000 prisoners and 3.5% growth",
    "full-scale invasion",
    "19th 2nd 1990s 90s 3%5 1_2_3 a1.5 1.5a x_y _z 'tis rock'n'roll 't-shirt 9'a",
    "It’s it'S ’s 's s' -a- a-'b a'-b 1.2.3,4 1..2 ,5 5, 2,000.50% ٣٣,٣ ５５ x² ½a",
    "Kyïv’s e\x00mail ÉTAT-major",
    "İstanbul’s MAYOR",
    "ΟΔΟΣ ΟΔΟΣ.Α σς",
    "\u212aelvin",
    "a\ud800b",
    "\n\nHeadline\nBody.\n",
    "a" * 50,
    "1" * 50,
    "-" * 10,
    "'Kharkiv 'Putin U.S.'s",
    "Ky\u200biv-\u00adbased",
]


def test_tokenize_examples():
    _assert_same_as_reference(_EXAMPLES)
    assert [tokenize(t)[0] for t in _EXAMPLES] == [t for t, _, _ in tokenize_many(_EXAMPLES)]
    # the public TOKEN_PATTERN finds the same spans
    for text in _EXAMPLES:
        want = [m.span() for m in re.finditer(TOKEN_PATTERN, ref.lower_same_length(text))]
        _, starts, ends = tokenize(text)
        assert list(zip(starts.tolist(), ends.tolist())) == want, text


@pytest.mark.parametrize(
    "text, tokens, starts, ends",
    [
        (
            "Kyïv’s e\x00mail ÉTAT-major 'tis x_y _z 90s",
            ["kyiv", "e", "mail", "etat-major", "tis", "x_y", "z", "90", "s"],
            [0, 7, 9, 14, 26, 30, 35, 37, 39],
            [4, 8, 13, 24, 29, 33, 36, 39, 40],
        ),
        (
            "İstanbul’s MAYOR, Zelensky’s don’t",
            ["istanbul", "mayor", "zelensky", "don't"],
            [0, 11, 18, 29],
            [8, 16, 26, 34],
        ),
        (
            "Plain ASCII text, 2,000 words.",
            ["plain", "ascii", "text", "2,000", "words"],
            [0, 6, 12, 18, 24],
            [5, 11, 16, 23, 29],
        ),
    ],
)
def test_token_offsets(text, tokens, starts, ends):
    toks, s, e = tokenize(text)
    assert (toks, s.tolist(), e.tolist()) == (tokens, starts, ends)
    assert s.dtype == e.dtype == np.int64


def test_parse_many_matches_parse():
    texts = [
        "Mr. Smith met Gen. Lee. They talked.",
        "",
        "Kyïv’s envoy met “Madinsky” in İstanbul on Monday.",
        "Headline without stop\nBody starts here. Second one.",
        "   ",
        "One two. Three four five.",
    ]
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
    [
        "Mr",
        "mr",
        "MR",
        "Mrs",
        "Gen",
        "gen",
        "Dr",
        "St",
        "ſt",
        "ınc",
        "İnc",
        "Inc",
        "Co",
        "\u212ao",
        "U",
        "S",
        "U.S",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "No",
        "no",
        "Nos",
        "approx",
        "Sept",
        "messrs",
        "J",
        "W",
        "x",
        "é",
        "É",
        "Ünal",
        "él",
        "the",
        "The",
        "he",
        "It",
        "Why",
        "then",
        "Then",
        "ok",
        "10",
        "3",
        "3.5",
        "_",
        "ab",
        "abc",
        "statement",
        "a-b",
        "’s",
    ]
    + [".", ".", ".", ". ", ". ", "! ", "? ", "…", "...", "?!", ".”", '."', ".)", ".“", ".»", ".’"]
    + ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "「", "」", "(", ")", "[", "]", ","]
    + [" "] * 8
    + ["  ", "\n", "\n", "\r\n", "\n\n", "\t", "\x00", "\u00a0", "\u2028", " \n "]
)


def _random_sentence_text(rng, n_max=30):
    return "".join(rng.choice(_SENTENCE_PIECES) for _ in range(rng.randint(0, n_max)))


@pytest.mark.parametrize("seed", range(3))
def test_sentences_match_reference_on_random_texts(seed):
    """The sentence splitter on random texts (5,500 per seed) against the reference."""
    rng = random.Random(seed)
    for _ in range(1000):
        batch = [_random_sentence_text(rng) for _ in range(rng.randint(1, 10))]
        for text in batch:
            assert sentences.sentence_bounds(text) == ref.sentence_bounds(text), text


def test_quote_marks_come_from_quotemarks():
    """The splitter's opening and closing marks are those of framing.quotemarks: a German
    closing "“" and guillemets end a sentence as "”" does."""
    from framing.quotemarks import CLOSING, OPENING

    assert set(OPENING) <= set(sentences.OPENERS) and set(CLOSING) <= set(sentences.CLOSERS)
    t = "Er sagte „Nein.“ Dann ging er. Il a dit «Non.» Puis il est parti."
    assert [t[a:b] for a, b in split_sentences(t)] == [
        "Er sagte „Nein.“",
        "Dann ging er.",
        "Il a dit «Non.»",
        "Puis il est parti.",
    ]


def test_fold_ignores_final_sigma():
    """fold makes "σ" of both "ς" and "σ" (a word's "Σ" lower-cases to either), also next
    to any combining mark or Greek character."""
    fold_ = fold_nonascii.__wrapped__
    near = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)).startswith("M") or 0x370 <= c < 0x400 or 0x1F00 <= c < 0x2000
    ]
    for ch in near:
        assert fold_("σ" + ch) == fold_("ς" + ch) and fold_(ch + "σ") == fold_(ch + "ς"), hex(ord(ch))
    assert tokenize("ΟΔΟΣ, ΟΔΟΣ")[0] == [fold("ΟΔΟΣ")] * 2


# --- Hypothesis: offsets that hold on any text -----------------------------------------------

_HYP_ALPHABET = st.sampled_from(_ALPHABET + _SENTENCE_PIECES[:40] + list("‚「」»«"))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_HYP_ALPHABET, max_size=40).map("".join), min_size=1, max_size=4))
def test_every_token_is_its_text_and_sentences_cover_the_text(texts):
    for text, doc in zip(texts, parse_many(texts)):
        starts, ends = doc.tok_starts.tolist(), doc.tok_ends.tolist()
        # every token is exactly text[start:end], normalised
        assert doc.tokens == [fold(text[a:b]) for a, b in zip(starts, ends)]
        assert all(a < b for a, b in zip(starts, ends)) and all(b <= a for b, a in zip(ends, starts[1:]))
        # the sentences are in order, apart, trimmed, and only white space lies between them
        ss, se = doc.sent_starts.tolist(), doc.sent_ends.tolist()
        bounds = [0, *[x for ab in zip(ss, se) for x in ab], len(text)]
        assert bounds == sorted(bounds)
        for a, b in zip(bounds[0::2], bounds[1::2]):
            assert not text[a:b].strip()
        assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in zip(ss, se))
        # every token lies in the sentence it is given
        for a, b, k in zip(starts, ends, doc.tok_sent.tolist()):
            assert ss[k] <= a and b <= se[k]
        assert (doc.tokens, starts, ends) == ref.tokenize(text)


# --- Parsing many texts together (one block of flat arrays, batches joined by line breaks) ---


@pytest.mark.parametrize("batch_chars", [1, 16, 200, 1 << 20])
def test_parse_many_in_batches_matches_the_reference(monkeypatch, batch_chars):
    """Texts parsed together, in batches of any size, give each text's own tokens and sentences."""
    import framing.text.document as document

    monkeypatch.setattr(document, "BATCH_CHARS", batch_chars)
    rng = random.Random(batch_chars)
    texts = [_random_text(rng) for _ in range(300)] + _EXAMPLES + ["x'", "'s", "2,", "-", "a\n\n\n\nb"]
    rng.shuffle(texts)
    docs = parse_many(texts)
    for text, doc in zip(texts, docs, strict=True):
        assert doc.text is text
        assert (doc.tokens, doc.tok_starts.tolist(), doc.tok_ends.tolist()) == ref.tokenize(text), text
        ss, se = sentences.sentence_bounds(text)
        assert (doc.sent_starts.tolist(), doc.sent_ends.tolist()) == (ss, se), text
        want = np.maximum(np.searchsorted(np.array(ss, dtype=np.int64), doc.tok_starts, side="right") - 1, 0)
        assert doc.tok_sent.tolist() == want.tolist(), text


def test_documents_are_views_into_one_block_of_int32_offsets():
    texts = ["Kyiv said no. Kyiv again!", "", "Talks ended.\nKyiv."]
    docs = parse_many(texts)
    for name in ("tok_starts", "tok_ends", "tok_sent", "sent_starts", "sent_ends"):
        assert all(getattr(d, name).dtype == np.int32 for d in docs), name
    assert all(d.tok_ids.dtype == np.int64 for d in docs)
    assert docs[0].lexicon is docs[2].lexicon
    assert np.shares_memory(docs[0].tok_starts.base, docs[2].tok_starts)
    # one shared string per distinct token
    assert docs[0].tokens[0] is docs[2].tokens[2] == "kyiv"
    assert docs[0].tokens[:2] == ["kyiv", "said"] and len(docs[0].tokens) == docs[0].n_tokens == 5
    assert docs[0].lexicon.terms[int(docs[2].tok_ids[2])] == "kyiv"


def test_decoded_tokens_are_kept_for_recent_documents_only():
    import framing.text.document as document

    docs = parse_many([f"Word{i} and more" for i in range(document.RECENT_DECODED + 5)])
    first = docs[0].tokens
    assert docs[0].tokens is first  # kept while recent
    for d in docs[1:]:
        assert d.tokens[0].startswith("word")
    assert docs[0]._decoded is None and docs[0].tokens == first  # decoded again on use


def test_a_document_pickles():
    import pickle

    doc = parse_many(["One.", "Kyïv’s envoy met “Madinsky”. He left."])[1]
    back = pickle.loads(pickle.dumps(doc))
    assert back.text == doc.text and back.tokens == doc.tokens
    for name in ("tok_starts", "tok_ends", "tok_sent", "sent_starts", "sent_ends"):
        assert getattr(back, name).tolist() == getattr(doc, name).tolist()


def test_tokenize_joined_is_tokenize_of_each_text():
    from framing.text.tokens import tokenize_joined

    rng = random.Random(7)
    texts = [_random_text(rng) for _ in range(500)] + _EXAMPLES
    toks, starts, ends, bases = tokenize_joined(texts)
    k = np.searchsorted(bases, starts, side="right") - 1
    for i, text in enumerate(texts):
        mine = k == i
        want_toks, want_starts, want_ends = tokenize(text)
        assert [t for t, m in zip(toks, mine) if m] == want_toks, text
        assert (starts[mine] - bases[i]).tolist() == want_starts.tolist(), text
        assert (ends[mine] - bases[i]).tolist() == want_ends.tolist(), text
