"""PhraseMatcher: whole words, exclusions, and hyphenated compounds (parts=True)."""

import pytest

from framing import Corpus, LoadedLanguageAnalyzer, NamingAnalyzer
from framing.matching import PhraseMatcher


def _found(matcher, texts):
    c = Corpus.from_texts(texts)
    return matcher.find(c)[["article_id", "key", "match", "token_start", "token_end"]].values.tolist()


def test_whole_words_only_without_parts():
    m = PhraseMatcher([("Kiev", "kiev"), ("war", "war")])
    assert _found(m, ["Pro-Kiev Kievan anti-war award; Kiev and war."]) == [
        ["doc-0", "kiev", "Kiev", 4, 5],
        ["doc-0", "war", "war", 6, 7],
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pro-Kiev groups", [["kiev", "Pro-Kiev", 0, 1]]),
        ("Kyiv-based staff", [["kyiv", "Kyiv-based", 0, 1]]),
        ("the Biden-Zelensky call", [["biden", "Biden-Zelensky", 1, 2], ["zelensky", "Biden-Zelensky", 1, 2]]),
        ("an anti-war rally", [["war", "anti-war", 1, 2]]),
        (
            "pro-Kyiv, pro‑Kyiv and pro‐Kyiv",
            [["kyiv", "pro-Kyiv", 0, 1], ["kyiv", "pro‑Kyiv", 1, 2], ["kyiv", "pro‐Kyiv", 3, 4]],
        ),
        ("the full-scale-invasion-era", [["fs", "full-scale-invasion-era", 1, 2]]),
        ("Kievan and Kiev-ish, Kievan-Rus", [["kiev", "Kiev-ish", 2, 3]]),
        ("Kiev-Kiev", [["kiev", "Kiev-Kiev", 0, 1]]),  # one match per compound and phrase
    ],
)
def test_parts_match_inside_compounds_with_the_whole_compound_as_evidence(text, expected):
    m = PhraseMatcher(
        [
            ("Kiev", "kiev"),
            ("Kyiv", "kyiv"),
            ("Biden", "biden"),
            ("Zelensky", "zelensky"),
            ("war", "war"),
            ("full-scale", "fs"),
        ],
        parts=True,
    )
    assert [row[1:] for row in _found(m, [text])] == expected


def test_whole_match_wins_over_parts():
    """A phrase that matches the compound itself (or a longer phrase over it) is the
    reading: no part match at that token."""
    m = PhraseMatcher(
        [
            ("anti-war", "antiwar"),
            ("war", "war"),
            ("hard-liners", "hl"),
            ("liners", "liners"),
            ("pro-Kremlin media", "pkm"),
            ("Kremlin", "kremlin"),
        ],
        parts=True,
    )
    assert [r[1:] for r in _found(m, ["Anti-war hard-liners; pro-Kremlin media; pro-Kremlin blogs."])] == [
        ["antiwar", "Anti-war", 0, 1],
        ["hl", "hard-liners", 1, 2],
        ["pkm", "pro-Kremlin media", 2, 4],
        ["kremlin", "pro-Kremlin", 4, 5],
    ]


def test_exclusions_hold_inside_compounds():
    m = PhraseMatcher([("Kiev", "kiev")], exclusions={"Kiev": ["Chicken Kiev", "Dynamo Kiev"]}, parts=True)
    assert [r[2] for r in _found(m, ["Chicken-Kiev, Dynamo Kiev, chicken-kiev-style, pro-Kiev, Kiev."])] == [
        "pro-Kiev",
        "Kiev",
    ]


def test_find_in_and_find_tokens_agree():
    m = PhraseMatcher([("Kiev", "kiev"), ("war", "war")], parts=True)
    c = Corpus.from_texts(["A pro-Kiev anti-war Kiev rally."])
    tokens = c.document(c.articles[0]).tokens
    assert m.find_in(tokens) == [(1, 2, "kiev"), (2, 3, "war"), (3, 4, "kiev")]
    assert m.find_tokens(c, c.articles) == [m.find_in(tokens)]


def test_invisible_characters_do_not_hide_a_name():
    m = PhraseMatcher([("Kyiv", "kyiv"), ("Zelensky", "z")], parts=True)
    assert [r[1] for r in _found(m, ["Ky\u200biv and Zelen\u00adsky and Kyiv\u200b-based"])] == ["kyiv", "z", "kyiv"]


def _corpus(texts):
    return Corpus.from_texts(texts, outlets=[f"O{i}" for i in range(len(texts))]).with_events(
        {f"doc-{i}": "e" for i in range(len(texts))}
    )


def test_naming_counts_compound_parts():
    c = _corpus(
        [
            "Pro-Kiev groups met in Kyiv-based offices. The Biden-Zelensky talks began.",
            "Chicken-Kiev was served in Kiev. Zelenskyy-era reforms.",
        ]
    )
    ev = NamingAnalyzer().fit_transform(c)["naming_evidence"]
    got = sorted(zip(ev["outlet"], ev["group"], ev["variant"], ev["match"]))
    assert ("O0", "Kyiv", "Kiev", "Pro-Kiev") in got
    assert ("O0", "Kyiv", "Kyiv", "Kyiv-based") in got
    assert ("O0", "Zelenskyy", "Zelensky", "Biden-Zelensky") in got
    assert ("O1", "Zelenskyy", "Zelenskyy", "Zelenskyy-era") in got
    assert ("O1", "Kyiv", "Kiev", "Kiev") in got
    assert not any(m.lower().startswith("chicken") for m in ev["match"])  # the exclusion holds
    # the evidence offsets point at the whole compound
    text = c.articles[0].document_text
    row = ev[ev["match"] == "Kyiv-based"].iloc[0]
    assert text[row["start"] : row["end"]] == "Kyiv-based"


def test_loaded_language_counts_compound_parts():
    c = _corpus(["The sham-referendum drew so-called-observers.", "Hard-liners and anti-war critics spoke."])
    ev = LoadedLanguageAnalyzer().fit_transform(c)["loaded_evidence"]
    got = set(zip(ev["outlet"], ev["term"], ev["match"]))
    assert ("O0", "sham", "sham-referendum") in got
    assert ("O0", "so-called", "so-called-observers") in got
    assert ("O1", "hard-liners", "Hard-liners") in got
