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
    c = Corpus(
        [
            _art(0, text, dt.date(2025, 1, 1)),
            _art(1, text + " Again.", dt.date(2025, 1, 2)),
            _art(2, text + " Once more.", dt.date(2025, 3, 1)),
        ]
    )
    assert [a.event for a in group_events(c, window_days=7)] == ["E01", "E01", "E02"]
    # without the decay with time, only the window keeps them apart
    assert [a.event for a in group_events(c, window_days=100, half_life=0)] == ["E01", "E01", "E01"]
    assert [a.event for a in group_events(c, window_days=100)] == ["E01", "E01", "E02"]


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


@pytest.mark.parametrize(
    "a,b,conflict",
    [
        ({1}, {2}, True),
        ({1}, {1}, False),
        (set(), {2}, False),
        ({0}, {2}, False),  # "a new round" fits the second
        ({0}, {1}, True),  # ... but not the first
        ({0, 2}, {1}, True),
        ({1, 2}, {2}, False),
    ],
)
def test_round_conflicts(a, b, conflict):
    import numpy as np

    from framing.events import _conflicts, _round_masks

    ma, mb = _round_masks([frozenset(a), frozenset(b)])
    assert bool(_conflicts(np.array([ma]), np.array([mb]))[0]) is conflict
    assert bool(_conflicts(np.array([mb]), np.array([ma]))[0]) is conflict


# -- events that are events: a strike, then talks two days later that mention it ----------

STRIKE = [
    (
        "Port workers walk out in Rotterdam over pay",
        "Thousands of dock workers at the port of Rotterdam walked off the job on Monday, halting container traffic "
        "at Europe's largest port. The FNV union said 4,000 members joined the strike after wage negotiations with "
        "port employers broke down last week. Picket lines formed at the Maasvlakte terminals before dawn, and "
        'ships queued at anchor off the coast. "We will stay out until employers offer a fair raise," union leader '
        "Niek Stam told reporters at the gates. Shipping lines warned of delays of several days.",
    ),
    (
        "Strike shuts Rotterdam container terminals",
        "A strike by dockers shut the container terminals of Rotterdam on Monday. Cranes stood idle at Maasvlakte "
        "as members of the FNV union stopped work, demanding an 8 percent pay rise. Port employers called the "
        "walkout irresponsible and said cargo worth millions was stuck on the quays. Trucks were turned away at "
        "the terminal gates and at least 30 vessels waited at anchor. Union leader Niek Stam said the strike would "
        "continue until a better offer was made.",
    ),
    (
        "Dockers' walkout halts Europe's biggest port",
        "Europe's biggest port ground to a halt on Monday when dockers in Rotterdam went on strike over pay. "
        "The walkout, called by the FNV union, left cranes idle and ships waiting off the coast. Employers said "
        "the stoppage would cost the port dearly. Picket lines at Maasvlakte grew through the morning as workers "
        "chanted for higher wages. Shipping companies began diverting some vessels to Antwerp.",
    ),
]
TALKS = [
    (
        "Union and employers return to the table in The Hague",
        "Negotiators for the FNV union and Rotterdam port employers met at the labour ministry in The Hague on "
        "Wednesday, two days after the dock strike began. Mediator Annemarie Jorritsma chaired the session, "
        "which lasted six hours. Employers tabled a new offer of a 5 percent raise over two years and a one-off "
        "bonus; the union said it would put the offer to its members by Friday. Labour minister Eddy van Hijum "
        "urged both sides to reach an agreement, and said the government would not intervene in the talks.",
    ),
    (
        "Mediator brings port dispute parties together",
        "A government mediator brought the FNV union and port employers together in The Hague on Wednesday for "
        "the first talks since the Rotterdam strike started. The two sides discussed a revised pay offer of "
        "5 percent and a bonus, and agreed to meet again on Friday. Mediator Annemarie Jorritsma said the "
        "atmosphere was constructive. The labour minister said a deal was within reach and that the ministry "
        "would host further rounds of negotiation if needed.",
    ),
    (
        "New pay offer tabled at port talks",
        "Port employers tabled a new pay offer at talks with the FNV union in The Hague on Wednesday. The offer, "
        "5 percent over two years plus a bonus, was presented during six hours of negotiations led by mediator "
        "Annemarie Jorritsma at the labour ministry. Union negotiators said they would consult members and "
        "answer by Friday. The talks were the first since the strike in Rotterdam began on Monday.",
    ),
]
OUTLETS = ["NL Times", "Port Journal", "Euro Wire"]


def _strike_and_talks(example, dated=True):
    """The six hand-written articles among the 20 example articles (so that 'strike' or 'union'
    are not in most articles, as in a real corpus)."""
    import dataclasses

    arts = [
        Article(id=f"strike-{k}", outlet=OUTLETS[k], title=t, text=x, date=dt.date(2025, 3, 10) if dated else None)
        for k, (t, x) in enumerate(STRIKE)
    ]
    arts += [
        Article(id=f"talks-{k}", outlet=OUTLETS[k], title=t, text=x, date=dt.date(2025, 3, 12) if dated else None)
        for k, (t, x) in enumerate(TALKS)
    ]
    arts += [dataclasses.replace(a, event=None, date=a.date if dated else None) for a in example]
    return Corpus(arts)


@pytest.mark.parametrize("dated", [True, False])
def test_strike_and_later_talks_are_separate_events(example, dated):
    g = group_events(_strike_and_talks(example, dated))
    ev = {a.id: a.event for a in g}
    strike = {ev[f"strike-{k}"] for k in range(3)}
    talks = {ev[f"talks-{k}"] for k in range(3)}
    assert len(strike) == 1 and len(talks) == 1, (strike, talks)
    assert strike != talks
    # and the example's own four events are still found
    by_event = {}
    for a in g:
        if a.id.startswith("ex-"):
            by_event.setdefault(a.event, []).append(a.id)
    assert sorted(by_event.values()) == [[f"ex-{i:03d}" for i in range(k, k + 5)] for k in (1, 6, 11, 16)]


def _chain(n, days_apart=1):
    """n articles, each sharing most of its words with the next one, one day apart."""
    words = [f"w{i:04d}" for i in range(n + 40)]
    return Corpus(
        [
            Article(
                id=f"c{i}",
                outlet=f"o{i % 5}",
                title=" ".join(words[i : i + 3]),
                text=" ".join(words[i : i + 40]) + ".",
                date=dt.date(2024, 1, 1) + dt.timedelta(days=i * days_apart),
            )
            for i in range(n)
        ]
    )


def test_a_chain_of_similar_articles_does_not_become_one_event():
    c = _chain(300)
    g = group_events(c, window_days=7, half_life=0)
    table = events_table(g)
    span = (table["last_date"] - table["first_date"]).dt.days
    assert span.max() <= 7
    assert len(table) >= 300 // 8
    undated = group_events(Corpus([dataclasses_replace(a, date=None) for a in c]))
    assert events_table(undated)["n_articles"].max() < 300  # average linkage does not chain


def dataclasses_replace(a, **kw):
    import dataclasses

    return dataclasses.replace(a, **kw)


def test_the_similarity_graph_keeps_a_bounded_number_of_links_per_article():
    import numpy as np

    from framing.event_linkage import sparse_neighbours
    from framing.events import _features

    c = Corpus.from_texts(["Talks in Geneva on the prisoner exchange and a ceasefire."] * 200)
    X, _ = _features(c)
    g = sparse_neighbours(X, np.full(len(c), np.nan), floor=0.0, window_days=7, half_life=0, max_neighbours=5)
    # each article keeps 5; a pair stays when either side keeps it: at most 2 * 5 per row on average
    assert g.nnz <= 2 * 5 * len(c)
    assert (np.diff(g.indptr) >= 5).all()


def test_topic_sized_given_groups_are_flagged_and_can_be_split(example):
    import dataclasses

    # the example's four events given as one "Ukraine" column spanning months
    arts = [
        dataclasses.replace(
            a, event="Ukraine", date=dt.date(2025, 1, 1) + dt.timedelta(days=40 * ((int(a.id[-3:]) - 1) // 5))
        )
        for a in example
    ]
    c = Corpus(arts)
    table = events_table(group_events(c))
    assert table["flag"].tolist() == ["topic"]
    assert "split_topics=True" in table["advice"].iloc[0]
    g = group_events(c, split_topics=True)
    by_event = {}
    for a in g:
        by_event.setdefault(a.event, []).append(a.id)
    assert all(name.startswith("Ukraine/") for name in by_event)
    assert sorted(by_event.values()) == [[f"ex-{i:03d}" for i in range(k, k + 5)] for k in (1, 6, 11, 16)]
    assert g.event_method == "given, topics split"
    # an ordinary given event is neither flagged nor split
    assert events_table(group_events(example))["flag"].tolist() == [""] * 4


def test_topic_flag_by_size():
    from framing.events import TOPIC_ARTICLES, topic_flag

    assert topic_flag(TOPIC_ARTICLES, 0)[0] == "topic"
    assert topic_flag(TOPIC_ARTICLES - 1, 3)[0] == ""
    assert topic_flag(5, float("nan"))[0] == ""
