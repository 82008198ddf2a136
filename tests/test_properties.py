"""Property-based tests (Hypothesis): loaders, text pipeline, quotes, quantities, analyze.

Sized to run in CI in about a minute together: a few hundred cases per property for
the fast functions, a dozen small random corpora for ``analyze``. The example
database is off and the cases are derandomised, so a run is the same on every
machine; ``FRAMING_HYPOTHESIS_SCALE=10`` searches ten times as long, with fresh cases.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re

import pandas as pd
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from framing import analyze, extract_quantities, extract_quotes, load_corpus  # noqa: E402
from framing.io.clean import INVISIBLE, clean_text  # noqa: E402
from framing.io.csv_out import FORMULA_START, csv_cell  # noqa: E402
from framing.io.encoding import decode_bytes  # noqa: E402
from framing.io.records import DATE_ERRORS, DATE_YEARS, parse_date  # noqa: E402
from framing.text import parse  # noqa: E402

#: ``FRAMING_HYPOTHESIS_SCALE=10`` runs ten times as many random cases (a deeper search, by hand).
SCALE = float(os.environ.get("FRAMING_HYPOTHESIS_SCALE", "1"))
FAST = settings(
    max_examples=int(300 * SCALE),
    deadline=None,
    database=None,
    derandomize=SCALE == 1,
    suppress_health_check=[HealthCheck.too_slow],
)
SLOW = settings(
    max_examples=int(12 * SCALE),
    deadline=None,
    database=None,
    derandomize=SCALE == 1,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Text with the characters that break things: controls, invisibles, quotes, digits, surrogates.
hostile_chars = st.one_of(
    st.characters(codec=None),
    st.sampled_from(list("\x00\x07\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff\ufffd" + INVISIBLE + "\"'“”‘’«»$=+-@")),
    st.sampled_from(["\ud800", "\udfff"]),
)
hostile_text = st.text(hostile_chars, max_size=200)
WORDS = [
    "Kyiv",
    "Kiev",
    "Moscow",
    "said",
    "talks",
    "ended",
    "officials",
    "regime",
    "brutal",
    "1,000",
    "prisoners",
    "5",
    "percent",
    '"We',
    "are",
    'ready,"',
    "Umerov",
    "told",
    "reporters.",
    "The",
    "ceasefire",
    "failed",
    "on",
    "Monday",
    "according",
    "to",
    "Medinsky",
    "$2",
    "million",
    "—",
    "(",
    ")",
    "Zelensky",
    "Zelenskyy",
    ".",
    "?",
    "\n\n",
]
newsy_text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=60).map(" ".join)
any_text = st.one_of(newsy_text, hostile_text, st.tuples(newsy_text, hostile_text).map("".join))
field_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    hostile_text,
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
_BAD = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]} - set("\t\n\r") | set(INVISIBLE) | {"\ufffe", "\uffff"}


def _clean(s: str) -> bool:
    return not (_BAD & set(s)) and not any(0xD800 <= ord(c) < 0xE000 for c in s)


# -- loaders ---------------------------------------------------------------------------------


@FAST
@given(
    st.lists(
        st.fixed_dictionaries(
            {"text": st.one_of(any_text, field_value)},
            optional={
                "outlet": field_value,
                "title": field_value,
                "date": field_value,
                "id": field_value,
                "event": field_value,
                "url": field_value,
            },
        ),
        max_size=6,
    )
)
def test_records_load_or_are_skipped_never_crash(records):
    c = load_corpus(records)
    assert len(c) + len(c.skipped) == len(records)  # every record accounted for
    for a in c:
        for v in (a.text, a.outlet, a.title, a.id, a.event or "", a.url or ""):
            assert _clean(v), v
            v.encode("utf-8")
        assert a.text.strip()
        assert a.date is None or DATE_YEARS[0] <= a.date.year <= DATE_YEARS[1]


@FAST
@given(
    st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.booleans(), st.none(), st.dates(), st.datetimes())
)
def test_parse_date_is_a_date_none_or_a_value_error(value):
    try:
        d = parse_date(value)
    except DATE_ERRORS:
        return
    assert d is None or (isinstance(d, dt.date) and DATE_YEARS[0] <= d.year <= DATE_YEARS[1])
    if isinstance(value, str) and d is not None:
        assert any(ch.isdigit() for ch in value)  # a date is never made up from no number at all


@FAST
@given(st.binary(max_size=600), st.sampled_from([None, "utf-8", "latin-1"]))
def test_decode_bytes_always_gives_text(data, encoding):
    try:
        text, used = decode_bytes(data, encoding)
    except UnicodeDecodeError:
        assert encoding == "utf-8"
        return
    assert isinstance(text, str) and used


@FAST
@given(st.text(st.characters(codec="utf-8"), max_size=300))
def test_csv_files_load_row_by_row(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("csv")
    (folder / "a.csv").write_text("text,outlet\n" + raw, encoding="utf-8")
    (folder / "ok.txt").write_text("Title\n\nKyiv said no to the talks.", encoding="utf-8")
    c = load_corpus(folder)  # a bad CSV row or file never sinks the folder
    assert "ok" in c
    n_lines = len(re.split(r"\r\n|\r|\n", "text,outlet\n" + raw))  # the csv module's line breaks
    for s in c.skipped:
        assert s.line is None or 1 <= s.line <= n_lines


@FAST
@given(st.lists(st.tuples(any_text, hostile_text), min_size=1, max_size=4))
def test_jsonl_files_never_crash(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("jsonl")
    lines = [json.dumps({"text": t, "outlet": o}) if k % 2 == 0 else t for k, (t, o) in enumerate(rows)]
    (folder / "a.jsonl").write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    c = load_corpus(folder)
    assert len(c) + len(c.skipped) >= 1


@FAST
@given(hostile_text)
def test_clean_text_is_idempotent_and_clean(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert _clean(once)


@FAST
@given(hostile_text)
def test_csv_cells_never_start_a_formula(text):
    cell = csv_cell(text)
    if cell.startswith(FORMULA_START):
        float(cell)  # only a number may start with + or -
    assert "\x00" not in cell


# -- text pipeline, quotes, quantities -------------------------------------------------------


@FAST
@given(any_text)
def test_parse_offsets_point_into_the_text(text):
    text = clean_text(text)
    d = parse(text)
    n = len(text)
    assert len(d.tokens) == len(d.tok_starts) == len(d.tok_ends) == len(d.tok_sent)
    assert all(0 <= a < b <= n for a, b in zip(d.tok_starts.tolist(), d.tok_ends.tolist()))
    assert all(0 <= a <= b <= n for a, b in zip(d.sent_starts.tolist(), d.sent_ends.tolist()))
    assert all(0 <= s < max(d.n_sentences, 1) for s in d.tok_sent.tolist())
    assert list(d.tok_starts) == sorted(d.tok_starts)


@FAST
@given(any_text)
def test_quotes_lie_inside_the_text(text):
    text = clean_text(text)
    for q in extract_quotes(parse(text)):
        assert 0 <= q.start <= q.end <= len(text)
        if q.speaker:
            assert 0 <= q.speaker_start <= q.speaker_end <= len(text)


@FAST
@given(any_text)
def test_quantities_lie_inside_the_text(text):
    text = clean_text(text)
    for q in extract_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.value_low <= q.value_high or pd.isna(q.value_low) or pd.isna(q.value_high)


# -- analyze ---------------------------------------------------------------------------------


@SLOW
@given(
    st.lists(
        st.tuples(
            newsy_text,
            st.sampled_from(["A", "B", "C $x$", "=D"]),
            st.one_of(st.none(), st.dates(dt.date(2025, 1, 1), dt.date(2025, 3, 1))),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_analyze_small_random_corpora(rows):
    recs = [{"text": t, "outlet": o, "date": d} for t, o, d in rows]
    c = load_corpus(recs)
    if not len(c):
        return
    res = analyze(c)
    arts = res["articles"]
    assert len(arts) == len(recs)  # every input analysed or skipped with a reason
    assert set(arts.loc[arts["status"] == "skipped", "reason"].str.len() > 0) <= {True}
