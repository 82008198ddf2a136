"""Naming variants: lexicon matches, discovered variants, tests, switches, evidence."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from framing import Article, Corpus, NamingAnalyzer, ParameterError, load_corpus
from framing.extract.discovery import discover_variants, spelling_similarity

SEED_OUTLETS = {
    "000": "000_3aaa32b14751efd5",
    "001": "001_0fd35cd8267ffe83",
    "002": "002_e80a8cb6eb26e670",
    "003": "003_2545b74aea4d849b",
    "004": "Voz.us",
}


@pytest.fixture(scope="module")
def seed_tables(seeds_events):
    return NamingAnalyzer().fit_transform(seeds_events)


def _count(naming, outlet, group, variant):
    rows = naming[
        (naming["event"] != "all")
        & (naming["outlet"] == outlet)
        & (naming["group"] == group)
        & (naming["variant"] == variant)
    ]
    return int(rows["count"].sum())


# the seeds README's table of expected counts (Kyiv includes the lower-case "kyiv" of 000)
@pytest.mark.parametrize(
    "group, variant, expected",
    [
        ("Kyiv", "Kyiv", [3, 3, 1, 2, 0]),
        ("Kyiv", "Kiev", [3, 0, 0, 0, 7]),
        ("Zelenskyy", "Zelensky", [3, 8, 0, 0, 7]),
        ("Zelenskyy", "Zelenskyy", [0, 0, 2, 1, 0]),
        ("Russia-Ukraine war", "aggression", [2, 0, 0, 0, 1]),
        ("Russia-Ukraine war", "invasion", [0, 2, 1, 0, 2]),
        ("Russia-Ukraine war", "conflict", [0, 3, 0, 2, 1]),
        ("Russia-Ukraine war", "crisis", [0, 0, 0, 0, 2]),
    ],
)
def test_seed_counts_match_readme(seed_tables, group, variant, expected):
    naming = seed_tables["naming"]
    got = [_count(naming, SEED_OUTLETS[k], group, variant) for k in ("000", "001", "002", "003", "004")]
    assert got == expected


def test_seed_kyiv_kiev_preferences(seed_tables):
    n = seed_tables["naming"]
    k = n[(n["group"] == "Kyiv") & (n["event"] != "all")].set_index(["outlet", "variant"])["share"]
    assert k[("Voz.us", "Kiev")] == 1.0 and k[("Voz.us", "Kyiv")] == 0.0
    for o in ("001", "002", "003"):
        assert k[(SEED_OUTLETS[o], "Kyiv")] == 1.0
    assert k[(SEED_OUTLETS["000"], "Kyiv")] == 0.5 and k[(SEED_OUTLETS["000"], "Kiev")] == 0.5
    ev = seed_tables["naming_evidence"]
    lower = ev[(ev["outlet"] == SEED_OUTLETS["000"]) & (ev["variant"] == "Kyiv")]["match"].tolist()
    assert "kyiv" in lower  # case-insensitive matching keeps the original characters


def test_seed_zelensky_split_is_significant(seed_tables):
    t = seed_tables["naming_tests"]
    row = t[(t["event"] == "R1") & (t["group"] == "Zelenskyy")].iloc[0]
    assert row["n_outlets"] == 3 and row["method"] == "chi2"
    assert row["p_value"] < 0.01 and row["q_value"] < 0.05
    assert not row["too_little_data"]


def test_seed_madinsky_discovered(seed_tables):
    n = seed_tables["naming"]
    disc = n[(n["source"] == "discovered") & (n["event"] != "all")]
    grp = disc[disc["variant"] == "Madinsky"]["group"].unique()
    assert len(grp) == 1
    g = disc[disc["group"] == grp[0]]
    assert set(g["variant"]) == {"Medinsky", "Madinsky"}
    assert _count(n, "Voz.us", grp[0], "Madinsky") == 1
    assert [_count(n, SEED_OUTLETS[k], grp[0], "Medinsky") for k in ("000", "001", "002", "003", "004")] == [
        2,
        1,
        1,
        0,
        1,
    ]
    cand = seed_tables["naming_candidates"]
    row = cand[(cand["term_a"] == "Madinsky") & (cand["term_b"] == "Medinsky")].iloc[0]
    assert row["accepted"] and not row["in_lexicon"]
    assert "Voz.us (1)" in row["outlets_a"] and "Madinsky said" in row["examples"]
    # Zelensky / Zelenskyy and Kiev / Kyiv are found too, but they are lexicon variants
    zel = cand[(cand["term_a"] == "Zelenskyy") & (cand["term_b"] == "Zelensky")].iloc[0]
    assert zel["accepted"] and zel["in_lexicon"]
    ev = seed_tables["naming_evidence"]
    mad = ev[ev["variant"] == "Madinsky"]
    assert len(mad) == 1 and "Madinsky" in mad["sentence"].iloc[0]


def test_shares_intervals_and_evidence_consistent(seed_tables):
    n = seed_tables["naming"]
    sums = n.groupby(["event", "outlet", "group", "source"])["share"].sum()
    assert np.allclose(sums, 1.0)
    assert ((n["ci_low"] <= n["share"] + 1e-12) & (n["share"] <= n["ci_high"] + 1e-12)).all()
    ev = seed_tables["naming_evidence"]
    per = ev.groupby(["event", "outlet", "group", "variant"]).size()
    rows = n[(n["event"] != "all") & (n["count"] > 0)].set_index(["event", "outlet", "group", "variant"])["count"]
    assert per.sort_index().equals(rows.sort_index().astype(per.dtype))
    assert list(n.columns[:9]) == [
        "event",
        "outlet",
        "group",
        "variant",
        "count",
        "share",
        "ci_low",
        "ci_high",
        "source",
    ]


def _corpus(texts_by_outlet, event="e"):
    recs = []
    for i, (o, t) in enumerate(texts_by_outlet):
        recs.append({"id": f"d{i}", "outlet": o, "event": event, "text": t})
    return load_corpus(recs)


@pytest.mark.parametrize(
    "text, group, expected",
    [
        ("We ate Chicken Kiev in Kyiv.", "Kyiv", {"Kyiv": 1}),
        ("Kievan Rus was old. KIEV is a city. Kyïv too.", "Kyiv", {"Kiev": 1, "Kyiv": 1}),
        (
            "The full-scale invasion began. The invasion went on.",
            "Russia-Ukraine war",
            {"full-scale invasion": 1, "invasion": 1},
        ),
        ("He won an award for prisoners of war reporting; the war went on.", "Russia-Ukraine war", {"war": 1}),
        (
            "The special military operation, a military operation.",
            "Russia-Ukraine war",
            {"special military operation": 1, "military operation": 1},
        ),
        ("Zelenskyy's aides and Zelensky's office.", "Zelenskyy", {"Zelenskyy": 1, "Zelensky": 1}),
        (
            "Illegal aliens, undocumented immigrants and migrants.",
            "people without legal immigration status",
            {"illegal aliens": 1, "undocumented immigrants": 1, "migrants": 1},
        ),
        ("The estate tax, which critics call the death tax.", "estate tax", {"estate tax": 1, "death tax": 1}),
    ],
)
def test_matching_edge_cases(text, group, expected):
    n = NamingAnalyzer(discover=False).fit_transform(_corpus([("A", text)]))["naming"]
    got = n[(n["event"] == "e") & (n["group"] == group) & (n["count"] > 0)].set_index("variant")["count"].to_dict()
    assert got == expected


def test_switch_with_dates():
    arts = [
        Article(id=f"a{i}", outlet="A", title="", text=t, date=d, event="e")
        for i, (t, d) in enumerate(
            [
                ("Talks in Kiev.", dt.date(2019, 1, 1)),
                ("Kiev said no.", dt.date(2019, 3, 1)),
                ("Kyiv said yes.", dt.date(2019, 9, 1)),
                ("Kyiv again, Kyiv.", dt.date(2019, 10, 1)),
            ]
        )
    ] + [Article(id="b0", outlet="B", title="", text="Kyiv.", date=dt.date(2019, 1, 1), event="e")]
    sw = NamingAnalyzer(discover=False).fit_transform(Corpus(arts))["naming_switches"]
    row = sw[(sw["outlet"] == "A") & (sw["group"] == "Kyiv")].iloc[0]
    assert (row["from_variant"], row["to_variant"]) == ("Kiev", "Kyiv")
    assert row["last_date_before"] == pd.Timestamp("2019-03-01")
    assert row["first_date_after"] == pd.Timestamp("2019-09-01")
    assert (row["n_before"], row["n_after"]) == (2, 2)
    assert not (sw["outlet"] == "B").any()


def test_user_lexicon_and_selection():
    lex = pd.DataFrame({"group": ["tax", "tax"], "variant": ["estate tax", "death tax"]})
    c = _corpus([("A", "The estate tax."), ("B", "The death tax. The death tax.")])
    n = NamingAnalyzer(lexicon=lex, discover=False).fit_transform(c)["naming"]
    assert set(n["lexicon"]) == {"custom"} and set(n["source"]) == {"lexicon"}
    only = NamingAnalyzer(lexicons=["tax"], discover=False).fit_transform(c)["naming"]
    assert set(only["lexicon"]) == {"tax"}
    with pytest.raises(ParameterError, match="unknown lexicon"):
        NamingAnalyzer(lexicons=["nope"]).fit(c)
    with pytest.raises(ParameterError, match="confidence"):
        NamingAnalyzer(confidence=2).fit(c)


def test_no_events_gives_corpus_wide_rows_only():
    c = Corpus.from_texts(["Kyiv said.", "Kiev said."], outlets=["A", "B"])
    n = NamingAnalyzer(discover=False).fit_transform(c)["naming"]
    assert set(n["event"]) == {"all"}
    assert n[n["group"] == "Kyiv"].set_index("outlet")["count"].max() == 1


def test_discovery_rules():
    assert spelling_similarity("Kharkov", "Kharkiv") > 0.85
    c = _corpus(
        [
            ("A", "Russia and the Russian army. Minister Anna Brunner met the Ministry. Brunner spoke."),
            ("B", "Russia and the Russian navy. Minister Anna Bruner met the Ministry. Bruner spoke."),
        ]
    )
    cand, hits = discover_variants(c)
    pairs = {(a, b) for a, b in zip(cand["term_a"], cand["term_b"])}
    assert ("Bruner", "Brunner") in pairs
    assert not any({"Russia", "Russian"} == {a, b} or {"Minister", "Ministry"} == {a, b} for a, b in pairs)
    assert set(hits["variant"]) == {"Brunner", "Bruner"}
    empty_c, empty_h = discover_variants(Corpus([]))
    assert len(empty_c) == 0 and len(empty_h) == 0


def test_naming_tests_match_scipy():
    """The per-group tests on arrays give scipy's chi-square and Fisher p-values and Cramér's V."""
    import numpy as np
    import pandas as pd
    from scipy import stats

    from framing.analyses.naming import naming_table

    table3 = {
        "A": {"Kyiv": 9, "Kiev": 1, "Kyyiv": 2},
        "B": {"Kyiv": 2, "Kiev": 7, "Kyyiv": 0},
        "C": {"Kyiv": 4, "Kiev": 4, "Kyyiv": 5},
    }
    table2 = {"A": {"Odesa": 6, "Odessa": 0}, "B": {"Odesa": 1, "Odessa": 5}}
    rows = [
        {"event": "e", "outlet": o, "group": grp, "variant": v, "source": "lexicon", "lexicon": "x"}
        for grp, tab in (("Kyiv", table3), ("Odesa", table2))
        for o, vs in tab.items()
        for v, n in vs.items()
        for _ in range(n)
    ]
    _, tests = naming_table(pd.DataFrame(rows))
    t = tests[tests["event"] == "e"].set_index("group")
    m3 = np.array([[9, 1, 2], [2, 7, 0], [4, 4, 5]])
    chi2, p3, _, _ = stats.chi2_contingency(m3, correction=False)
    assert t.loc["Kyiv", "method"] == "chi2"
    assert np.isclose(t.loc["Kyiv", "p_value"], p3)
    assert np.isclose(t.loc["Kyiv", "cramers_v"], np.sqrt(chi2 / (m3.sum() * 2)))
    assert t.loc["Odesa", "method"] == "fisher"
    assert np.isclose(t.loc["Odesa", "p_value"], stats.fisher_exact([[6, 0], [1, 5]])[1])
    assert t.loc["Kyiv", "n_outlets"] == 3 and t.loc["Kyiv", "n_variants"] == 3 and t.loc["Kyiv", "n"] == 34


def test_discovered_surface_forms():
    """A discovered spelling is shown in its commonest capitalised form among its first 50
    capitalised mentions (of equally common forms, the first seen); the group is named
    after its commonest member."""
    c = load_corpus(
        [
            {
                "id": "a1",
                "outlet": "A",
                "event": "e",
                "text": "MADINSKY arrives. Then Vladimir Madinsky said no. Madinsky left.",
            },
            {"id": "b1", "outlet": "B", "event": "e", "text": "Vladimir MEdinsky said no. Later Medinsky left."},
            {"id": "b2", "outlet": "B", "event": "e", "text": "He met Medinsky and MEdinsky again."},
            {
                "id": "c1",
                "outlet": "C",
                "event": "e",
                "text": " ".join(["In Kharkov today."] * 50 + ["In KHARKOV today."] * 60),
            },
            {"id": "d1", "outlet": "D", "event": "e", "text": "In Kharkiv today. In Kharkiv again."},
        ]
    )
    cand, hits = discover_variants(c)
    got = cand[["term_a", "term_b", "count_a", "count_b", "outlets_a", "outlets_b", "group"]].values.tolist()
    assert got == [
        ["Madinsky", "MEdinsky", 3, 4, "A (3)", "B (4)", "MEdinsky (discovered)"],
        ["Kharkiv", "Kharkov", 2, 110, "D (2)", "C (110)", "Kharkov (discovered)"],
    ]
    assert hits.groupby(["group", "variant"]).size().to_dict() == {
        ("Kharkov (discovered)", "Kharkiv"): 2,
        ("Kharkov (discovered)", "Kharkov"): 110,
        ("MEdinsky (discovered)", "MEdinsky"): 4,
        ("MEdinsky (discovered)", "Madinsky"): 3,
    }


def test_discovery_candidate_cut_keeps_order(example):
    """Keeping fewer candidates cuts the same ranking (ties in similarity broken by term_b,
    then pair order) and leaves the discovered hits unchanged."""
    full, hits = discover_variants(example)
    assert len(full) == 10
    for k in range(12):
        cand, h = discover_variants(example, max_candidates=k)
        pd.testing.assert_frame_equal(cand, full.head(k).reset_index(drop=True))
        pd.testing.assert_frame_equal(h, hits)


def _switch_corpus():
    plan = {
        "A": [
            ("Kiev", "2019-01-05"),
            ("Kiev", "2019-02-05"),
            ("Kiev", "2019-03-05"),
            ("Kyiv", "2019-07-05"),
            ("Kyiv", "2019-08-05"),
            ("Kyiv", "2019-09-05"),
        ],
        "B": [("Kyiv", "2019-01-10"), ("Kyiv", "2019-02-10"), ("Kiev", "2019-05-10"), ("Kiev", "2019-06-10")],
        "C": [("Kyiv", "2019-01-01"), ("Kyiv", "2019-05-01"), ("Kyiv", "2019-09-01")],
        # a tied article (left out) and one counted as its majority variant
        "D": [
            ("Kiev", "2019-01-01"),
            ("Kiev Kyiv", "2019-02-01"),
            ("Kiev", "2019-03-01"),
            ("Kyiv Kyiv Kiev", "2019-04-01"),
            ("Kyiv", "2019-05-01"),
        ],
        # no change point between two articles of the same day
        "E": [("Kiev", "2019-01-01"), ("Kiev", "2019-03-01"), ("Kyiv", "2019-03-01"), ("Kyiv", "2019-04-01")],
    }
    arts = [
        Article(id=f"{o}{i}", outlet=o, title="", text=f"Talks in {t}.", date=dt.date.fromisoformat(d), event="e")
        for o, items in plan.items()
        for i, (t, d) in enumerate(items)
    ]
    return Corpus([*arts, Article(id="F0", outlet="F", title="", text="Kiev then Kyiv.", event="e")])


def test_switches_of_several_outlets():
    sw = NamingAnalyzer(discover=False).fit_transform(_switch_corpus())["naming_switches"]
    cols = ["outlet", "from_variant", "to_variant", "last_date_before", "first_date_after", "n_before", "n_after"]
    assert sw[cols].values.tolist() == [
        ["A", "Kiev", "Kyiv", pd.Timestamp("2019-03-05"), pd.Timestamp("2019-07-05"), 3, 3],
        ["B", "Kyiv", "Kiev", pd.Timestamp("2019-02-10"), pd.Timestamp("2019-05-10"), 2, 2],
        ["D", "Kiev", "Kyiv", pd.Timestamp("2019-03-01"), pd.Timestamp("2019-04-01"), 2, 2],
    ]
    assert (sw["group"] == "Kyiv").all() and not sw["too_little_data"].any()
    # with a lower purity E switches too; of its two equally good change points the first counts
    sw = NamingAnalyzer(discover=False, switch_purity=0.6).fit_transform(_switch_corpus())["naming_switches"]
    e = sw[sw["outlet"] == "E"].iloc[0]
    assert (e["last_date_before"], e["first_date_after"]) == (pd.Timestamp("2019-01-01"), pd.Timestamp("2019-03-01"))
    assert (e["n_before"], e["n_after"], e["too_little_data"]) == (1, 3, True)
    assert np.isclose(e["share_after"], 2 / 3)


def test_naming_tables_do_not_depend_on_hit_order():
    from framing.analyses.naming import naming_table, switches_table

    rng = np.random.default_rng(0)
    n = 400
    h = pd.DataFrame(
        {
            "event": rng.choice(["e1", "e2", "all"], n),
            "outlet": rng.choice(list("ABCD"), n),
            "group": rng.choice(["Kyiv", "Odesa"], n),
            "source": "lexicon",
            "lexicon": "places",
            "article_id": [f"a{i}" for i in rng.integers(0, 60, n)],
        }
    )
    h["variant"] = np.where(h["group"] == "Kyiv", rng.choice(["Kyiv", "Kiev"], n), rng.choice(["Odesa", "Odessa"], n))
    days = pd.to_datetime("2019-01-01") + pd.to_timedelta(h["article_id"].str[1:].astype(int) * 7, unit="D")
    h["date"] = days.where(h["article_id"] != "a3")
    shuffled = h.sample(frac=1.0, random_state=1)
    for a, b in zip(naming_table(h), naming_table(shuffled)):
        pd.testing.assert_frame_equal(a, b)
    sw = switches_table(h, purity=0.5)
    assert len(sw)
    pd.testing.assert_frame_equal(sw, switches_table(shuffled, purity=0.5))


def test_switch_dates_belong_to_their_articles():
    """Each hit keeps its own article's date, also when the longest-match rule drops hits
    ("invasion" inside "full-scale invasion") and nothing is discovered."""
    texts = [
        ("2019-01-10", "The full-scale invasion went on. Officials in Kiev spoke. Kiev again."),
        ("2019-02-10", "The full-scale invasion went on. Kiev said no. Kiev again."),
        ("2019-03-10", "Kyiv said yes. Kyiv again."),
        ("2019-04-10", "Kyiv said yes once more. Kyiv again."),
    ]
    c = load_corpus(
        [{"id": f"a{i}", "outlet": "A", "event": "e", "date": d, "text": t} for i, (d, t) in enumerate(texts)]
    )
    for discover in (False, True):
        s = NamingAnalyzer(discover=discover).fit_transform(c)["naming_switches"]
        row = s[s.group == "Kyiv"].iloc[0]
        assert (row.from_variant, row.to_variant) == ("Kiev", "Kyiv")
        assert str(row.last_date_before.date()) == "2019-02-10"
        assert str(row.first_date_after.date()) == "2019-03-10"
        assert (row.n_before, row.n_after) == (2, 2)
