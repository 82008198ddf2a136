"""The one quotation-mark scanner (framing.quotemarks)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.quotemarks import (
    CLOSING,
    OPENING,
    QUOTE_PAIRS,
    QuoteSpan,
    find_quotations,
    is_quote_char,
)


def inner(text: str, **kw) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotations(text, **kw)]


def test_pairs_and_sets():
    assert QUOTE_PAIRS['"'] == '"' and QUOTE_PAIRS["“"] == "”" and QUOTE_PAIRS["„"] == "“"
    assert QUOTE_PAIRS["«"] == "»" and QUOTE_PAIRS["‘"] == "’" and QUOTE_PAIRS["'"] == "'"
    assert QUOTE_PAIRS["「"] == "」" and QUOTE_PAIRS["‹"] == "›"
    assert frozenset(QUOTE_PAIRS) == OPENING
    assert set(QUOTE_PAIRS.values()) <= CLOSING
    for ch in "\"“”„«»‹›‘’'「」":
        assert is_quote_char(ch)
    for ch in "a-.,( ":
        assert not is_quote_char(ch)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" today.', ["yes"]),
        ("He said “yes” today.", ["yes"]),
        ("Er sagte „ja“ heute.", ["ja"]),
        ("Il a dit « oui » hier.", [" oui "]),
        ("Il a dit «oui» hier.", ["oui"]),
        ("Er sagte »ja« heute.", ["ja"]),
        ("He said ‘yes’ today.", ["yes"]),
        ("He said 'yes' today.", ["yes"]),
        ("彼は「はい」と言った。", ["はい"]),
        ("Il a dit ‹ oui › hier.", [" oui "]),
        ('"Yes," he said, "we will."', ["Yes,", "we will."]),
    ],
)
def test_marks(text, expected):
    assert inner(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Don't tell Kharkiv's mayor.",
        "Zelensky’s office said it wasn’t true.",
        "Music of the '90s and ’80s.",
        "Rock 'n' roll never dies.",
        "The Smiths' house burned. The Joneses’ too.",
        "'Tis the season, he was goin' home.",
        "O'Brien met D’Alema.",
    ],
)
def test_apostrophes_are_not_quotes(text):
    assert find_quotations(text) == []


def test_single_quote_beside_apostrophes():
    t = "Putin's aide called it 'a farce' and 'Kharkiv's shame'."
    assert inner(t) == ["a farce", "Kharkiv's shame"]
    spans = find_quotations(t)
    assert all(q.kind == "single" and q.closed for q in spans)


def test_word_after_opening_single_quote():
    t = "'Kharkiv will hold,' said the mayor. 'Putin lies'"
    assert inner(t) == ["Kharkiv will hold,", "Putin lies"]


def test_nested():
    t = "“He called it ‘a farce’ and ‘a lie’,” she said."
    spans = find_quotations(t)
    assert [t[q.inner_start : q.inner_end] for q in spans] == [
        "He called it ‘a farce’ and ‘a lie’,",
        "a farce",
        "a lie",
    ]
    assert [q.kind for q in spans] == ["double", "single", "single"]
    t = "\"He said 'no' twice,\" she said."
    assert inner(t) == ["He said 'no' twice,", "no"]
    t = "„Er sagte »nein« zweimal“, sagte sie."
    assert inner(t) == ["Er sagte »nein« zweimal", "nein"]


def test_single_off():
    t = "“He called it ‘a farce’,” she said, 'no'."
    assert inner(t, single=False) == ["He called it ‘a farce’,"]


def test_unclosed_runs_to_paragraph_end():
    t = '"We will not give up,\n"and we will win," he said.\nAfter that "nothing.  \n\nEnd.'
    spans = find_quotations(t)
    assert [(t[q.inner_start : q.inner_end], q.close_mark) for q in spans] == [
        ("We will not give up,", ""),
        ("and we will win,", '"'),
        ("nothing.", ""),
    ]
    assert not spans[0].closed and spans[1].closed
    # the unclosed one ends at its paragraph's end, trailing white space left out
    assert spans[2].end == t.index("  \n\nEnd")


def test_unclosed_single_is_dropped():
    assert find_quotations("He met 'the boss at noon.\nThen he left.") == []


def test_stray_closers_and_max_len():
    assert find_quotations("He said” no» and ’ so.") == []
    t = 'A "short" and a "much longer quotation" here.'
    assert inner(t, max_len=8) == ["short"]


def test_quote_span_fields():
    q = find_quotations("a “b” c")[0]
    assert q == QuoteSpan(2, 5, "“", "”")
    assert (q.inner_start, q.inner_end, q.kind) == (3, 4, "double")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab '’‘\"“”„«»\n.,")), max_size=60))
def test_spans_are_well_formed(text):
    spans = find_quotations(text)
    assert [q.start for q in spans] == sorted(q.start for q in spans)
    for q in spans:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start] == q.open_mark
        assert q.open_mark in OPENING
        if q.close_mark:
            assert text[q.end - 1] == q.close_mark and q.close_mark in CLOSING
        assert "\n" not in text[q.start : q.end]  # quotations stay in their paragraph
    # quotations nest or are apart, never cross
    for a in spans:
        for b in spans:
            if a.start < b.start < a.end:
                assert b.end <= a.end


def test_long_texts_linear():
    """Texts built to be hard (a quadratic scanner would not finish): many marks that
    never close, closers with nothing open, deep nesting, no line break; and a 2 MB
    article. (Speed itself is measured outside the tests: see docs/benchmarks.md.)"""
    n = 200_000
    for text in [
        '"' * n,
        "“" * (n // 2) + "”" * (n // 2),
        "„a " * (n // 3),
        "'a " * (n // 3) + "b' " * (n // 3),
    ]:
        spans = find_quotations(text)
        assert all(0 <= q.start < q.end <= len(text) for q in spans)
    assert len(find_quotations("“" * (n // 2) + "”" * (n // 2))) == n // 2
    text = "He said “yes” and 'no', don't.\n" * 64_000  # 2 MB
    spans = find_quotations(text)
    assert len(spans) == 2 * 64_000
    assert {text[q.inner_start : q.inner_end] for q in spans} == {"yes", "no"}
