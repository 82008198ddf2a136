import datetime as dt

import pytest

from framing import Article, Corpus, ParameterError, events_table, group_events
from framing.events import round_ordinals


def test_seeds_group_into_the_two_istanbul_rounds(seeds):
    g = group_events(seeds)
    ev = {a.id[:3]: a.event for a in g}
    assert ev["000"] == ev["001"] == ev["002"]
    assert ev["003"] == ev["004"]
    assert ev["000"] != ev["003"]
    assert g.event_method == "similarity"
    table = events_table(g)
    assert table["n_articles"].tolist() == [3, 2]


def test_given_events_are_kept(seeds):
    g = group_events(seeds.with_events({a.id: "X" for a in seeds}))
    assert g.events == ["X"] and g.event_method == "given"


def _art(i, text, date=None, title="t"):
    return Article(id=str(i), outlet=f"o{i}", title=title, text=text, date=date)


def test_date_window_splits_identical_topics():
    text = "Geneva talks on a prisoner exchange between the delegations ended without a ceasefire deal."
    c = Corpus([
        _art(0, text, dt.date(2025, 1, 1)),
        _art(1, text + " Again.", dt.date(2025, 1, 2)),
        _art(2, text + " Once more.", dt.date(2025, 3, 1)),
    ])
    assert [a.event for a in group_events(c, window_days=7)] == ["E01", "E01", "E02"]
    assert [a.event for a in group_events(c, window_days=100)] == ["E01", "E01", "E01"]


@pytest.mark.parametrize(
    "title, rounds",
    [
        ("First round of talks ends", {1}),
        ("Second summit in Istanbul", {2}),
        ("A new round of negotiations", {0}),
        ("Talks end", set()),
    ],
)
def test_round_ordinals(title, rounds):
    c = Corpus([Article(id="a", outlet="X", title=title, text="Nothing here.")])
    assert round_ordinals(c) == [frozenset(rounds)]


def test_threshold_is_checked():
    with pytest.raises(ParameterError, match="'threshold' parameter of group_events"):
        group_events(Corpus.from_texts(["a"]), threshold=2)


def test_example_events_match_its_readme(example):
    # README: A = ex-001..005, B = ex-006..010, C = ex-011..015, D = ex-016..020
    g = group_events(example)
    by_event = {}
    for a in g:
        by_event.setdefault(a.event, []).append(a.id)
    expected = [[f"ex-{i:03d}" for i in range(k, k + 5)] for k in (1, 6, 11, 16)]
    assert sorted(by_event.values()) == expected
    assert (events_table(g)["n_outlets"] == 5).all()


@pytest.mark.parametrize("a,b,conflict", [
    ({1}, {2}, True),
    ({1}, {1}, False),
    (set(), {2}, False),
    ({0}, {2}, False),  # "a new round" fits the second
    ({0}, {1}, True),  # ... but not the first
    ({0, 2}, {1}, True),
    ({1, 2}, {2}, False),
])
def test_round_conflicts(a, b, conflict):
    import numpy as np

    from framing.events import _conflicts, _round_masks

    ma, mb = _round_masks([frozenset(a), frozenset(b)])
    assert bool(_conflicts(np.array([ma]), np.array([mb]))[0]) is conflict
    assert bool(_conflicts(np.array([mb]), np.array([ma]))[0]) is conflict
