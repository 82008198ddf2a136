"""The quantity extractor: phrases -> (value_low, value_high, unit, counted, per)."""

import math

import pytest

from framing.extract.quantities import extract_quantities, intervals_overlap

INF = math.inf

CASES = [
    # phrase, (value_low, value_high, unit, counted, per)
    ("Both sides agreed to exchange 2,000 prisoners.", (2000, 2000, "count", "prisoner", "")),
    ("an agreement to exchange 1,000 prisoners from each side.", (1000, 1000, "count", "prisoner", "side")),
    ("a swap of 1,000 POWs from each side, which", (1000, 1000, "count", "prisoner", "side")),
    ("a first exchange of 1,000 prisoners per side.", (1000, 1000, "count", "prisoner", "side")),
    ("The meeting lasted about an hour and 45 minutes.", (99.75, 110.25, "minutes", "meeting", "")),
    ("the talks, which lasted a little over 90 minutes, ended", (90, 99, "minutes", "meeting", "")),
    ("The meeting lasted less than two hours.", (0, 120, "minutes", "meeting", "")),
    ("the talks concluded in under 90 minutes.", (0, 90, "minutes", "meeting", "")),
    ("after about three hours of talks.", (171, 189, "minutes", "meeting", "")),
    ("The army shot down 162 Ukrainian drones overnight.", (162, 162, "count", "drone", "")),
    ("more than 60 drones hit the city", (60, INF, "count", "drone", "")),
    ("nearly 3,000 soldiers", (2700, 3000, "count", "soldier", "")),
    ("up to 6,000 soldiers from each side", (0, 6000, "count", "soldier", "side")),
    ("hundreds of Ukrainian children", (200, 999, "count", "child", "")),
    ("tens of thousands of soldiers", (20000, 99000, "count", "soldier", "")),
    ("several dozen aircraft", (36, 108, "count", "aircraft", "")),
    ("twenty-five soldiers", (25, 25, "count", "soldier", "")),
    ("two hundred and fifty people", (250, 250, "count", "person", "")),
    ("Two people were killed.", (2, 2, "count", "death", "")),
    ("$14 billion for border security", (14e9, 14e9, "USD", "border", "")),
    # a figure rounded before a scale word covers what rounds to it
    ("a €2.5bn aid package", (2.45e9, 2.55e9, "EUR", "aid", "")),
    ("14.5 billion dollars", (14.45e9, 14.55e9, "USD", "", "")),
    ("claims totaled 2.1 million last week", (2.05e6, 2.15e6, "count", "", "")),
    ("holding up nearly $400 million in military assistance", (360e6, 400e6, "USD", "assistance", "")),
    ("Clinton has won 762 pledged delegates", (762, 762, "count", "delegate", "")),
    ("The delegates met for 90 minutes.", (90, 90, "minutes", "meeting", "")),
    ("about 12 percent of voters", (11.4, 12.6, "%", "voter", "")),
    ("prices rose 3.5% in May", (3.5, 3.5, "%", "", "")),
    ("about a fifth of Ukraine's land", (19, 21, "%", "ukraine", "")),
    ("a partial ceasefire of 2-3 days", (2, 3, "days", "ceasefire", "")),
    ("a temporary 30-day ceasefire", (30, 30, "days", "ceasefire", "")),
    ("an hour and a half", (90, 90, "minutes", "", "")),
    ("20,000 square kilometers", (20000, 20000, "km2", "", "")),
]


@pytest.mark.parametrize("phrase,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_phrase(phrase, expected):
    qs = extract_quantities(phrase)
    assert qs, phrase
    q = qs[0]
    lo, hi, unit, counted, per = expected
    assert q.value_low == pytest.approx(lo)
    assert q.value_high == pytest.approx(hi) if math.isfinite(hi) else math.isinf(q.value_high)
    assert (q.unit, q.counted, q.per) == (unit, counted, per)
    assert phrase[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "phrase",
    [
        "since February 2022, when",
        "On May 16th, Russian",
        "between June 20-30.",
        "Article 5 of the treaty",
        "at 10:30 on Friday",
        "in the 1990s",
        "one of the delegates",
        # ages are not counts
        "the shooting death of a 17-year-old unarmed black teenager",
        "a child under the age of 2 was hurt",
        "children aged 12 were injured",
        "the man, 43 years old, was arrested",
    ],
)
def test_not_quantities(phrase):
    assert [q for q in extract_quantities(phrase) if q.counted or q.kind != "count"] == []


def test_votes_give_for_and_against():
    for text, against in [("The House voted 218-212 on it.", 212), ("passing the act 218 to 214 despite", 214)]:
        qs = extract_quantities(text)
        assert [(q.counted, q.value) for q in qs] == [("vote for", 218), ("vote against", against)]


def test_each_side_total_uses_sides():
    q = extract_quantities("1,000 prisoners from each side", sides=3)[0]
    assert (q.total_low, q.total_high, q.multiplier) == (3000, 3000, 3)


def test_bare_each_side_inherits_counted_thing():
    qs = extract_quantities("They agreed to swap 2,000 prisoners. There would be 1,000 on each side.")
    assert [(q.counted, q.value, q.total_low) for q in qs] == [("prisoner", 2000, 2000), ("prisoner", 1000, 2000)]


def test_tolerance_parameters():
    q = extract_quantities("about 100 drones", tolerance=0.2)[0]
    assert (q.value_low, q.value_high) == pytest.approx((80, 120))
    q = extract_quantities("a little over 100 drones", near=0.5)[0]
    assert (q.value_low, q.value_high) == pytest.approx((100, 150))


def test_meeting_lengths_in_seeds_which_pairs_disagree():
    """ "about an hour and 45 minutes" vs "a little over 90" disagree; "less than two hours" agrees with both."""
    a = extract_quantities("The meeting lasted about an hour and 45 minutes.")[0]
    b = extract_quantities("The talks lasted a little over 90 minutes.")[0]
    c = extract_quantities("The meeting lasted less than two hours.")[0]
    assert not intervals_overlap(a.value_low, a.value_high, b.value_low, b.value_high)
    assert intervals_overlap(a.value_low, a.value_high, c.value_low, c.value_high)
    assert intervals_overlap(b.value_low, b.value_high, c.value_low, c.value_high)


def test_empty_text():
    assert extract_quantities("") == []


@pytest.mark.parametrize(
    "text,approx,unit",
    [
        ("Hundreds of people gathered.", "vague", "count"),
        ("Inflation rose to 5 per cent.", "", "%"),
    ],
)
def test_vague_and_per_cent_after_the_split(text, approx, unit):
    q = extract_quantities(text)[0]
    assert (q.approx, q.unit) == (approx, unit)
