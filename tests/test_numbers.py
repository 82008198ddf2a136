"""NumbersAnalyzer: values per outlet and event, and disagreements with both sentences."""

import pandas as pd
import pytest

from framing import ParameterError, load_corpus
from framing.analyses.numbers import COLUMNS, DISAGREEMENT_COLUMNS, NumbersAnalyzer


def _corpus(texts):
    return load_corpus(
        [{"id": f"a{i}", "outlet": o, "event": "e", "title": "", "text": t} for i, (o, t) in enumerate(texts)]
    )


def test_columns_and_tables():
    out = NumbersAnalyzer().fit_transform(
        _corpus([("A", "They swapped 2,000 prisoners."), ("B", "They swapped 1,200 prisoners.")])
    )
    assert list(out["numbers"].columns[: len(COLUMNS)]) == COLUMNS
    assert list(out["number_disagreements"].columns) == DISAGREEMENT_COLUMNS
    assert out["numbers"]["disagrees"].all()
    d = out["number_disagreements"].iloc[0]
    assert (d.outlet_a, d.value_a, d.outlet_b, d.value_b) == ("A", 2000, "B", 1200)
    assert d.sentence_a == "They swapped 2,000 prisoners."
    ev = out["numbers_evidence"]
    assert set(ev["match"]) == {"2,000 prisoners", "1,200 prisoners"}


@pytest.mark.parametrize(
    "a,b,disagree",
    [
        ("2,000 prisoners were freed.", "1,000 prisoners from each side were freed.", False),
        ("about 100 drones hit.", "98 drones hit.", False),
        ("more than 60 drones hit.", "40 drones hit.", True),
        ("more than 60 drones hit.", "hundreds of drones hit.", False),
        ("The House voted 218-212.", "The House voted 218 to 212.", False),
        ("The House voted 218-212.", "The House voted 218 to 214.", True),
        ("It costs $14 billion.", "It costs $14.5 billion.", True),
        ("It costs $14 billion.", "It costs 14 billion dollars.", False),
    ],
)
def test_agreement(a, b, disagree):
    out = NumbersAnalyzer().fit_transform(_corpus([("A", a), ("B", b)]))
    n = out["numbers"]
    assert len(n) >= 2
    assert bool(n["disagrees"].any()) is disagree
    d = out["number_disagreements"]
    assert bool((d["status"] == "conflict").any()) is disagree


def test_same_outlet_never_disagrees_with_itself():
    out = NumbersAnalyzer().fit_transform(_corpus([("A", "2,000 prisoners. Later 1,500 prisoners.")]))
    assert not out["numbers"]["disagrees"].any()


def test_bad_parameters():
    with pytest.raises(ParameterError, match="sides"):
        NumbersAnalyzer(sides=0).fit(_corpus([("A", "x")]))


def test_seeds_round_one(seeds_events):
    out = NumbersAnalyzer().fit_transform(seeds_events)
    n = out["numbers"]
    r1 = n[n["event"] == "R1"]
    pris = r1[r1["quantity"] == "prisoners"]
    # 2,000 in total (000) and 1,000 from each side (000, 001, 002) agree
    assert set(pris["outlet"].str[:3]) == {"000", "001", "002"}
    assert set(pris["total_low"]) == {2000.0}
    assert set(pris.loc[pris["per"] == "side", "value"]) == {1000.0}
    assert not pris["disagrees"].any()
    # ... but the report shows that they are stated differently, with both sentences
    d = out["number_disagreements"]
    restated = d[(d["event"] == "R1") & (d["quantity"] == "prisoners")]
    assert set(restated["status"]) == {"agree as totals"}
    pair = restated[restated["text_a"].eq("2,000 prisoners") | restated["text_b"].eq("2,000 prisoners")].iloc[0]
    assert {pair["outlet_a"][:3], pair["outlet_b"][:3]} >= {"000"}
    assert "2,000 prisoners" in pair["sentence_a"] + pair["sentence_b"]
    assert "from each side" in pair["text_a"] + pair["text_b"]
    dur = r1[r1["quantity"] == "meeting duration (minutes)"]
    dis = dur.groupby(dur["outlet"].str[:3])["disagrees"].any()
    # 105 min (about: 99.75-110.25) vs a little over 90 (90-99) disagree;
    # "less than two hours" (0-120) fits both
    assert dis.to_dict() == {"000": True, "001": True, "002": False}
    d = out["number_disagreements"]
    d = d[(d["event"] == "R1") & (d["quantity"] == "meeting duration (minutes)")]
    assert len(d) >= 1 and set(d["status"]) == {"conflict"}
    assert set(d["outlet_a"].str[:3]) | set(d["outlet_b"].str[:3]) == {"000", "001"}
    row = d.iloc[0]
    assert "about an hour and 45 minutes" in row["sentence_a"]
    assert "over 90 minutes" in row["sentence_b"]


def test_example_corpus_contrasts(example):
    from framing import group_events

    out = NumbersAnalyzer().fit_transform(group_events(example))
    d = out["number_disagreements"]
    d = d[d["status"] == "conflict"]
    pairs = {(r.quantity, frozenset({r.text_a, r.text_b})) for r in d.itertuples()}
    assert ("votes against", frozenset({"218 to 214", "218-212"})) in pairs
    assert ("money (USD)", frozenset({"$14 billion", "$14.5 billion"})) in pairs
    assert ("ships", frozenset({"12 ships", "nine ships"})) in pairs
    # 1,200 in total agrees with 600 from each side; "218 to 212" agrees with "218-212"
    n = out["numbers"]
    assert not n[(n["text"] == "600 from each side") & n["other_values"].str.contains("1,200")].empty
    assert ("votes against", frozenset({"218 to 212", "218-212"})) not in pairs
    assert ("votes for", frozenset({"218 to 214", "218-212"})) not in pairs
    assert not n[(n["quantity"] == "prisoners") & (n["text"] == "600 from each side")]["other_values"].empty


def test_empty():
    out = NumbersAnalyzer().fit_transform(_corpus([("A", "No numbers here.")]))
    assert out["numbers"].empty and out["number_disagreements"].empty
    assert isinstance(out["numbers_evidence"], pd.DataFrame)


@pytest.mark.parametrize(
    "a,b,quantity,disagree",
    [
        # one name per thing counted: whoever died, it is a count of deaths
        (
            "Two soldiers were killed in the attack on the bridge.",
            "At least three people died in the attack on the bridge.",
            "deaths",
            True,
        ),
        (
            "Police made 18 arrests during the protest in the square.",
            "Police made more than 25 arrests during the protest in the square.",
            "arrests",
            True,
        ),
        (
            "About 50,000 people marched through the capital on Sunday.",
            "50,000 people marched through the capital on Sunday.",
            "people",
            False,
        ),
        (
            "At least three people died when the roof collapsed.",
            "Two people died when the roof collapsed.",
            "deaths",
            True,
        ),
    ],
)
def test_like_with_like(a, b, quantity, disagree):
    out = NumbersAnalyzer().fit_transform(_corpus([("A", a), ("B", b)]))
    n = out["numbers"]
    assert set(n["quantity"]) == {quantity}
    assert bool(n["disagrees"].any()) is disagree


def test_unrelated_sentences_are_not_compared():
    """Same counted thing, different facts: "two abortions" in a story about one clinic and
    "63,646 abortions" in national statistics are not a disagreement."""
    out = NumbersAnalyzer().fit_transform(
        _corpus(
            [
                ("A", "The clinic in Dayton performed two abortions last week before its licence was suspended."),
                ("B", "Federal statistics counted 63,646 abortions nationwide in the first quarter of the year."),
            ]
        )
    )
    n = out["numbers"]
    assert set(n["quantity"]) == {"abortions"}
    assert not n["disagrees"].any()
    assert out["number_disagreements"].empty
    # the same two facts told by both outlets are compared
    out = NumbersAnalyzer().fit_transform(
        _corpus(
            [
                ("A", "Federal statistics counted 63,646 abortions nationwide in the first quarter of the year."),
                ("B", "Federal statistics counted 61,000 abortions nationwide in the first quarter."),
            ]
        )
    )
    assert out["numbers"]["disagrees"].all()


def _brute_disagrees(n):
    """The documented rule pair by pair: a row disagrees when some other outlet has no row whose
    stated or total interval overlaps its own (all rows here tell the same fact)."""
    import numpy as np

    out = []
    for r in n.itertuples():
        others = n[n["outlet"] != r.outlet]
        dis = False
        for _, rows in others.groupby("outlet"):
            s = (rows["value_low"] <= r.value_high) & (r.value_low <= rows["value_high"])
            t = (rows["total_low"] <= r.total_high) & (r.total_low <= rows["total_high"])
            dis |= not bool(np.any(s | t))
        out.append(dis)
    return out


def test_many_mentions_follow_the_pairwise_rule():
    """Groups with many mentions (interval search, not a pairwise matrix) decide as the rule says."""
    import random

    rng = random.Random(3)
    forms = [
        "{n} prisoners",
        "about {n} prisoners",
        "more than {n} prisoners",
        "{n} prisoners from each side",
        "fewer than {n} prisoners",
        "between {n} and {m} prisoners",
    ]
    texts = []
    values = {"A": [1000, 1200], "B": [1000, 2000, 2400], "C": [500, 3000], "D": [500, 1000, 2000, 2400, 3000]}
    for outlet, vs in values.items():
        sents = []
        for _ in range(rng.randint(5, 25)):
            v = rng.choice(vs)
            form = rng.choice(forms if outlet == "D" else forms[:2] + forms[3:4])
            sents.append(
                "Officials in Kyiv said the talks in Istanbul ended with an exchange of "
                + form.format(n=f"{v:,}", m=f"{v + 300:,}")
                + "."
            )
        texts.append((outlet, " ".join(sents)))
    out = NumbersAnalyzer().fit_transform(_corpus(texts))
    n = out["numbers"]
    assert len(n) >= 40 and set(n["quantity"]) == {"prisoners"}
    assert n["disagrees"].tolist() == _brute_disagrees(n)
    d = out["number_disagreements"]
    # at most 3 listed pairs per outlet pair and status; every conflict pair has a disagreeing row
    assert d.groupby(["outlet_a", "outlet_b", "status"]).size().max() <= 3
    assert len(d[d["status"] == "conflict"]) >= 1


def _long_event(mb: float):
    sentence = "Officials in Kyiv said the talks in Istanbul ended with an exchange of 1,000 prisoners. "
    return _corpus(
        [
            ("Big", sentence * max(1, int(mb * 1_000_000 / len(sentence)))),
            ("Small", "Officials in Kyiv said the talks in Istanbul ended with an exchange of 2,000 prisoners."),
            ("Word", "The talks said " + "abcdefghij" * int(mb * 100_000) + " and ended with 1,000 prisoners."),
        ]
    )


def _check_long(out, n_big):
    n = out["numbers"]
    assert (n["outlet"] == "Big").sum() == n_big
    # every "1,000" disagrees with Small's 2,000; Small's 2,000 disagrees with both others
    assert n["disagrees"].all()
    d = out["number_disagreements"]
    assert d.groupby(["outlet_a", "outlet_b"]).size().to_dict() == {("Big", "Small"): 3, ("Small", "Word"): 1}


def test_long_article_and_long_word():
    """A long article (thousands of mentions of one quantity) and a long word go through
    without a pairwise matrix; the listed pairs stay capped."""
    sentence_len = len("Officials in Kyiv said the talks in Istanbul ended with an exchange of 1,000 prisoners. ")
    _check_long(NumbersAnalyzer().fit_transform(_long_event(0.5)), int(500_000 / sentence_len))


@pytest.mark.slow
def test_twenty_megabyte_article(request):
    if "slow" not in (request.config.getoption("-m") or ""):
        pytest.skip("slow: run with -m slow")
    sentence_len = len("Officials in Kyiv said the talks in Istanbul ended with an exchange of 1,000 prisoners. ")
    _check_long(NumbersAnalyzer().fit_transform(_long_event(20)), int(20_000_000 / sentence_len))


def _topic(texts):
    """One given event whose dates span months (a topic, see ``framing.events.topic_flag``)."""
    return load_corpus(
        [
            {"id": f"t{i}", "outlet": o, "event": "topic", "date": d, "title": "", "text": t}
            for i, (o, d, t) in enumerate(texts)
        ]
    )


def test_topic_compares_only_within_a_story():
    """In an event of topic size, numbers are compared only between articles on one story, and
    only when their sentences tell the same fact (the issue's "two abortions" against "63,646")."""
    story = "Police in Dayton detained protesters outside the courthouse after the verdict on Friday."
    out = NumbersAnalyzer().fit_transform(
        _topic(
            [
                ("A", "2020-01-03", f"{story} Police made 18 arrests outside the Dayton courthouse."),
                ("B", "2020-01-03", f"{story} Police made more than 25 arrests outside the Dayton courthouse."),
                ("A", "2020-03-20", "The clinic in Toledo performed two abortions last week before its licence ended."),
                ("B", "2020-05-02", "Federal statistics counted 63,646 abortions nationwide in the first quarter."),
            ]
        )
    )
    n = out["numbers"]
    assert n["story"].str.startswith("topic/").all()
    assert n.groupby("quantity")["story"].nunique().to_dict() == {"abortions": 2, "arrests": 1}
    d = out["number_disagreements"]
    assert d[["quantity", "status"]].values.tolist() == [["arrests", "conflict"]]
    assert set(n.loc[n["disagrees"], "quantity"]) == {"arrests"}


def test_topic_story_needs_the_same_fact():
    """Within one story of a topic, a threshold ("requires 60 votes"), a vague amount and two
    counts of different things ("eight felony counts", "five counts of tax fraud") are not conflicts."""
    story = "The Senate voted on the budget bill from Senator Murray on Thursday in Washington."
    out = NumbersAnalyzer().fit_transform(
        _topic(
            [
                ("A", "2020-01-03", f"{story} The budget bill requires 60 votes in the Senate."),
                ("B", "2020-01-03", f"{story} The budget bill won 39 votes in the Senate."),
                ("A", "2020-01-03", f"{story} Manafort was convicted on eight felony counts."),
                ("B", "2020-01-03", f"{story} Manafort was convicted on five counts of tax fraud."),
                ("A", "2020-04-03", "Filler about another story, a parade with 12 floats in Ohio."),
            ]
        )
    )
    n = out["numbers"]
    assert {"votes", "counts"} <= set(n["quantity"])
    assert out["number_disagreements"].empty
    assert not n["disagrees"].any()
    # the same sentences in an ordinary event (not a topic) are compared as before
    plain = load_corpus(
        [
            {
                "id": "a",
                "outlet": "A",
                "event": "e",
                "title": "",
                "text": f"{story} Manafort was convicted on eight felony counts.",
            },
            {
                "id": "b",
                "outlet": "B",
                "event": "e",
                "title": "",
                "text": f"{story} Manafort was convicted on five felony counts.",
            },
        ]
    )
    assert NumbersAnalyzer().fit_transform(plain)["numbers"]["disagrees"].all()


def test_years_tell_different_time_frames():
    """Two sentences naming different years are not the same fact, in any event."""
    out = NumbersAnalyzer().fit_transform(
        _corpus(
            [
                ("A", "In 2000, 1.6 million migrants were apprehended at the southern border."),
                ("B", "In 2018, 400,000 migrants were apprehended at the southern border."),
            ]
        )
    )
    assert not out["numbers"]["disagrees"].any()
