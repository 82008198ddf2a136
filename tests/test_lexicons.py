"""The lexicon loader and the packaged lexicons."""

import pandas as pd
import pytest

from framing import Corpus, ParameterError
from framing.lexicons import list_lexicons, load_lexicon, split_list
from framing.matching import keep_longest, lexicon_matcher, phrase_tokens


def test_list_and_load_packaged():
    names = list_lexicons()
    assert {"naming_variants", "loaded_language"} <= set(names)
    df = load_lexicon("naming_variants", required=["group", "variant", "source"], owner="test")
    assert len(df) > 100
    assert (df["source"] != "").all()


def test_load_path_and_frame(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("category,term,source\nloaded, snub ,me\n,,\n", encoding="utf-8")
    df = load_lexicon(p, required=["term"], owner="test")
    assert df["term"].tolist() == ["snub"]  # stripped, blank row dropped
    df2 = load_lexicon(str(p), required=["term"], owner="test")
    assert df2.equals(df)
    frame = pd.DataFrame({"term": ["x"]})
    out = load_lexicon(frame, required=["term"], owner="test")
    out.loc[0, "term"] = "y"
    assert frame.loc[0, "term"] == "x"  # copied


@pytest.mark.parametrize(
    "value, match",
    [
        ("no_such_lexicon", "no lexicon 'no_such_lexicon'"),
        (42, "must be a packaged name"),
    ],
)
def test_load_errors(value, match):
    with pytest.raises(ParameterError, match=match):
        load_lexicon(value, required=[], owner="Owner")


def test_missing_columns_named(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("word,source\nsnub,me\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"Owner: the lexicon .*bad.csv lacks the required column\(s\) 'term'"):
        load_lexicon(p, required=["term"], owner="Owner")


def test_split_list():
    assert split_list("a| b ||c") == ["a", "b", "c"]
    assert split_list("") == []


@pytest.mark.parametrize("name, phrase_col", [("naming_variants", "variant"), ("loaded_language", "term")])
def test_packaged_exclusions_contain_their_phrase(name, phrase_col):
    df = load_lexicon(name, required=[phrase_col, "exclude", "source"], owner="test")
    for phrase, ex in zip(df[phrase_col], df["exclude"]):
        p = phrase_tokens(phrase)
        assert p, phrase
        for expr in split_list(ex):
            e = phrase_tokens(expr)
            assert any(e[i : i + len(p)] == p for i in range(len(e) - len(p) + 1)), (phrase, expr)


def test_naming_lexicon_has_no_discovery_targets():
    df = load_lexicon("naming_variants", required=["variant"], owner="test")
    low = {v.lower() for v in df["variant"]}
    assert "medinsky" not in low and "madinsky" not in low


def test_naming_lexicon_groups_are_unique_per_variant():
    df = load_lexicon("naming_variants", required=["lexicon", "group", "variant"], owner="test")
    assert not df.duplicated(["group", "variant"]).any()
    assert {"ukraine_places", "ukraine_people", "war_labels", "immigration", "tax"} <= set(df["lexicon"])


def test_matcher_ignores_impossible_exclusions_and_keeps_longest():
    m = lexicon_matcher(["Kiev", "invasion", "full-scale invasion"], [0, 1, 2], ["Chicken Kiev|Kievan Rus", "", ""])
    c = Corpus.from_texts(["Chicken Kiev. Kievan Rus. Kiev saw the full-scale invasion and an invasion."])
    hits = m.find(c)
    assert sorted(hits["key"].tolist()) == [0, 1, 1, 2]
    hits["group"] = "war"
    kept = keep_longest(hits, "group")
    assert sorted(kept["key"].tolist()) == [0, 1, 2]
