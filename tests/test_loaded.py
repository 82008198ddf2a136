"""Loaded language: lexicon categories, scare quotes, rates, tests and evidence."""

import numpy as np
import pytest

from framing import LoadedLanguageAnalyzer, ParameterError, load_corpus
from framing.analyses.loaded import TOTAL_TERM, find_scare_quotes
from framing.text import parse


@pytest.fixture(scope="module")
def seed_loaded(seeds_events):
    return LoadedLanguageAnalyzer().fit_transform(seeds_events)


def test_seed_snub_and_confessed_with_sentences(seed_loaded):
    ev = seed_loaded["loaded_evidence"]
    snub = ev[ev["term"] == "snub"]
    assert snub["outlet"].tolist() == ["000_3aaa32b14751efd5"]
    assert snub["category"].iloc[0] == "loaded"
    assert "with his snub, Putin made it clear" in snub["sentence"].iloc[0]
    conf = ev[ev["term"] == "confessed"]
    assert conf["outlet"].tolist() == ["Voz.us"] and conf["category"].iloc[0] == "attribution_judging"
    assert "delegation sent to Istanbul confessed" in conf["sentence"].iloc[0]
    lam = ev[ev["term"] == "lamented"]
    assert lam["outlet"].tolist() == ["000_3aaa32b14751efd5"]


def test_seed_scare_quote_deported(seed_loaded):
    ev = seed_loaded["loaded_evidence"]
    sq = ev[ev["category"] == "scare_quote"]
    assert "deported" in sq["term"].tolist()
    row = sq[sq["term"] == "deported"].iloc[0]
    assert row["outlet"] == "Voz.us" and row["match"] == '"deported"'
    # partial quotations attributed to a speaker are not scare quotes
    assert not {"security guarantees", "taken note", "unconditional ceasefire"} & set(sq["term"])


def test_table_rates_and_totals(seed_loaded):
    t = seed_loaded["loaded"]
    assert list(t.columns[:8]) == ["event", "outlet", "category", "term", "count", "per_1k", "ci_low", "ci_high"]
    snub = t[(t["event"] == "R1") & (t["term"] == "snub")].iloc[0]
    assert snub["count"] == 1
    assert snub["per_1k"] == pytest.approx(1000 / snub["n_words"])
    assert snub["ci_low"] < snub["per_1k"] < snub["ci_high"]
    tot = t[t["term"] == TOTAL_TERM]
    # a total row for every outlet, event and category, zeros included
    assert len(tot) == (5 * 2) * 6  # 5 outlets x (own event + all) x 6 categories
    terms = t[t["term"] != TOTAL_TERM].groupby(["event", "outlet", "category"])["count"].sum()
    tot_i = tot.set_index(["event", "outlet", "category"])["count"]
    assert (tot_i.reindex(terms.index) == terms).all()
    ev = seed_loaded["loaded_evidence"]
    per = ev.groupby(["event", "outlet", "category", "term"]).size()
    rows = t[(t["event"] != "all") & (t["term"] != TOTAL_TERM)].set_index(["event", "outlet", "category", "term"])["count"]
    assert per.sort_index().equals(rows.sort_index().astype(per.dtype))
    assert t["too_little_data"].dtype == bool


def test_rate_test_finds_a_clear_difference():
    recs = [{"id": f"a{i}", "outlet": "A", "event": "e", "text": f"Day {i}. " + "The brutal regime slams critics in a savage snub. " * 3}
            for i in range(3)]
    recs += [{"id": f"b{i}", "outlet": "B", "event": "e", "text": f"Day {i}. " + "Officials met on Monday and talked about trade. " * 3}
             for i in range(3)]
    t = LoadedLanguageAnalyzer().fit_transform(load_corpus(recs))["loaded"]
    row = t[(t["event"] == "e") & (t["outlet"] == "A") & (t["category"] == "loaded") & (t["term"] == TOTAL_TERM)].iloc[0]
    assert row["count"] == 45 and row["q_value"] < 0.001 and not row["too_little_data"]
    other = t[(t["event"] == "e") & (t["outlet"] == "B") & (t["category"] == "loaded") & (t["term"] == TOTAL_TERM)].iloc[0]
    assert other["count"] == 0 and other["per_1k"] == 0 and other["ci_high"] > 0


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Children were "deported" by Russia.', ["deported"]),
        ('He said it was "absurd".', []),
        ('"Absurd," he said.', []),
        ('The "Red" operation began.', []),
        ("The so-called “peace plan” was rejected.", ["peace plan"]),
        ('The talks were a "complete and utter total failure" for all.', []),  # too long
        ('Moscow demanded "security guarantees" from the West.', []),
        ("It ended with a ‘reset’ of ties.", ["reset"]),
        ('He said "yes." Then the "pause" began.', ["pause"]),
    ],
)
def test_scare_quote_rules(text, expected):
    assert [p for _, _, p in find_scare_quotes(parse(text))] == expected


@pytest.mark.parametrize(
    "text, category, term, n",
    [
        ("He was admitted to hospital. He admitted it.", "attribution_judging", "admitted", 1),
        ("The sanctions regime and the regime.", "loaded", "regime", 1),
        ("Officials claimed responsibility. He claimed it was fine.", "attribution_judging", "claimed", 1),
        ("It could not be independently verified.", "hedge", "could not be independently verified", 1),
        ("He said so. According to officials, fine.", "attribution_neutral", "according to", 1),
    ],
)
def test_exclusions_and_longest(text, category, term, n):
    t = LoadedLanguageAnalyzer().fit_transform(load_corpus([{"id": "1", "outlet": "A", "event": "e", "text": text}]))["loaded"]
    rows = t[(t["event"] == "e") & (t["category"] == category) & (t["term"] == term)]
    assert int(rows["count"].sum()) == n
    if term == "could not be independently verified":
        assert not ((t["event"] == "e") & (t["term"] == "could")).any()


def test_parameters():
    c = load_corpus([{"id": "1", "outlet": "A", "event": "e", "text": "A savage snub, he claimed."}])
    t = LoadedLanguageAnalyzer(categories=["loaded"], scare_quotes=False).fit_transform(c)["loaded"]
    assert set(t["category"]) == {"loaded"}
    with pytest.raises(ParameterError, match="unknown categories"):
        LoadedLanguageAnalyzer(categories=["nope"]).fit(c)
    with pytest.raises(ParameterError, match="max_quote_words"):
        LoadedLanguageAnalyzer(max_quote_words=0).fit(c)
    assert np.isfinite(t["per_1k"]).all()
