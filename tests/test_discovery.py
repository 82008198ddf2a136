"""Variant discovery invents nothing: grammar is not spelling, lexicon misspellings join
their group, and a variant met once is listed but not tested.

The articles are written here for these tests (names and places chosen to be new to the
rules' examples), with known answers.
"""

import numpy as np
import pandas as pd
import pytest

from framing import NamingAnalyzer, load_corpus
from framing.extract.discovery import discover_variants
from framing.extract.discovery_rules import not_variants


@pytest.mark.parametrize(
    "a, b, why",
    [
        # demonyms: a place and its adjective or people
        ("Sweden", "Swede", "demonym"),
        ("Chechnya", "Chechen", "demonym"),
        ("Britain", "Briton", "demonym"),
        ("Iraq", "Iraqi", "demonym"),
        ("Armenia", "Armenian", "demonym"),
        # inflections and derivations: plurals, adjectives, case and gender endings
        ("Kherson", "Khersonska", "inflection"),
        ("Donetska", "Donetsk", "inflection"),
        ("Ivanova", "Ivanov", "inflection"),
        ("Zelenska", "Zelensky", "inflection"),
        ("Lvivska", "Lviv", "inflection"),
        ("Canadians", "Canadien", "inflection"),
        ("Senators", "Senator", "inflection"),
        ("Gorlovkoi", "Gorlovka", "inflection"),
        # calendar words are never transliterations
        ("April", "Aprel", "calendar word"),
        ("Sunday", "Sundai", "calendar word"),
        ("June", "Juno", "calendar word"),
        # real variants: transliteration endings, doubled letters, inner spellings
        ("Kharkov", "Kharkiv", ""),
        ("Odessa", "Odesa", ""),
        ("Mykolayiv", "Mykolaiv", ""),
        ("Podolyak", "Podoliak", ""),
        ("Yermak", "Jermak", ""),
        ("Zaluzhny", "Zaluzhnyi", ""),
        ("Dmitriy", "Dmitry", ""),
        ("Oleksiy", "Oleksii", ""),
        ("Lukashenka", "Lukashenko", ""),
        ("Tetiana", "Tetyana", ""),
        ("Horlivka", "Gorlovka", ""),
    ],
)
def test_rules(a, b, why):
    assert not_variants(a, b) == why
    assert not_variants(b, a) == why


def _corpus(rows):
    return load_corpus([{"id": f"{i}", "outlet": o, "event": e, "text": t} for i, (o, e, t) in enumerate(rows)])


def _accepted(cand):
    return {frozenset((a, b)) for a, b in cand.loc[cand["accepted"], ["term_a", "term_b"]].values.tolist()}


def test_grammar_is_not_a_variant():
    """Outlets that write a demonym, a plural, an adjective form or a month in the same
    contexts as the base word: none of these pairs is accepted."""
    rows = []
    for k in range(6):
        rows += [
            (
                "A",
                "e",
                f"Officials in Sweden said on Tuesday {k} that talks went on. Kherson was quiet. "
                f"The Canadian delegation arrived in April.",
            ),
            (
                "B",
                "e",
                f"Officials of the Swedes said on Tuesday {k} that talks went on. Khersonska was quiet. "
                f"The Canadians delegation arrived in Aprel.",
            ),
        ]
    cand, hits = discover_variants(_corpus(rows))
    acc = _accepted(cand)
    for pair in [("Sweden", "Swedes"), ("Kherson", "Khersonska"), ("Canadian", "Canadians"), ("April", "Aprel")]:
        assert frozenset(pair) not in acc
    assert len(hits) == 0


def test_transliteration_variants_still_found():
    rows = []
    for k in range(4):
        rows += [
            ("A", "e", f"Shelling hit Sievierodonetsk overnight, officials said {k}. Adviser Podolyak spoke later."),
            ("B", "e", f"Shelling hit Sieverodonetsk overnight, officials said {k}. Adviser Podoliak spoke later."),
        ]
    cand, hits = discover_variants(_corpus(rows))
    acc = _accepted(cand)
    assert frozenset(("Sievierodonetsk", "Sieverodonetsk")) in acc
    assert frozenset(("Podolyak", "Podoliak")) in acc
    assert set(hits["source"]) == {"discovered"} and hits["discovered"].all()


def test_common_words_are_not_names():
    """A word written in lower case as often as not ("state") is no candidate, even when
    an outlet capitalises a close word ("Statue")."""
    rows = []
    for k in range(5):
        rows += [
            ("A", "e", f"The state said the plan {k} was final. The State Department agreed. The state budget grew."),
            ("B", "e", f"The Statue said the plan {k} was final. The state of play changed. Officials agreed."),
        ]
    cand, _ = discover_variants(_corpus(rows))
    assert frozenset(("Statue", "State")) not in _accepted(cand)


def test_lexicon_misspelling_joins_its_group():
    """A misspelling of a lexicon variant ("Kiyv") joins the lexicon group Kyiv as its own
    variant; Kyiv and Kiev are counted once (by the lexicon), never in a "(discovered)" group."""
    rows = []
    for k in range(6):
        rows += [
            ("A", "e", f"Talks in Kyiv resumed on day {k}, officials in Kyiv said."),
            ("B", "e", f"Talks in Kiev resumed on day {k}, officials in Kiev said."),
        ]
    rows += [("C", "e", "Talks in Kiyv resumed, officials in Kiyv said. Kyiv agreed.")]
    out = NamingAnalyzer().fit_transform(_corpus(rows))
    n, tests = out["naming"], out["naming_tests"]
    assert not n["group"].str.contains("(discovered)", regex=False).any()
    kyiv = n[(n["event"] == "e") & (n["group"] == "Kyiv")]
    counts = kyiv.groupby("variant")["count"].sum().to_dict()
    assert counts["Kyiv"] == 13 and counts["Kiev"] == 12 and counts["Kiyv"] == 2
    assert (kyiv["source"] == "lexicon").all()
    # one test for the group, on Kyiv and Kiev: Kiyv (2 mentions) is listed, not tested
    t = tests[(tests["event"] == "e") & (tests["group"] == "Kyiv")]
    assert len(t) == 1 and t["n"].iloc[0] == 27 and t["p_value"].iloc[0] < 0.05
    ev = out["naming_evidence"]
    assert (ev["variant"] == "Kiyv").sum() == 2


def test_a_variant_met_once_is_listed_not_tested():
    rows = [("A", "e", f"Mayor Senkevych spoke on day {k}. Senkevych said the port was open.") for k in range(8)]
    rows += [("B", "e", "Mayor Sienkevych spoke today. The port was open, officials said.")]
    out = NamingAnalyzer(lexicon=pd.DataFrame({"group": ["x"], "variant": ["nothing here"]})).fit_transform(
        _corpus(rows)
    )
    n, tests = out["naming"], out["naming_tests"]
    grp = n[n["variant"] == "Sienkevych"]["group"].unique()
    assert len(grp) == 1 and grp[0].endswith("(discovered)")
    t = tests[(tests["group"] == grp[0]) & (tests["event"] == "e")].iloc[0]
    assert t["n"] == 17 and t["n_variants"] == 2 and t["too_little_data"]
    assert np.isnan(t["p_value"]) and t["method"] == "n/a"


def test_seed_march_is_not_a_name(seed_tables_plain):
    cand = seed_tables_plain["naming_candidates"]
    words = set(cand["term_a"]) | set(cand["term_b"])
    assert "March" not in words
    assert frozenset(("Madinsky", "Medinsky")) in _accepted(cand)


@pytest.fixture(scope="module")
def seed_tables_plain(seeds_events):
    return NamingAnalyzer().fit_transform(seeds_events)
