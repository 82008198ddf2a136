"""A realistic synthetic corpus for benchmarks: several outlets and events, planted variants.

Each event has its own place, people and numbers; each outlet has its own naming
preferences (Kyiv/Kiev, Zelenskyy/Zelensky), loaded words and quoting habits, so every
analysis has work to do. Deterministic for a given seed.
"""

from __future__ import annotations

import random

OUTLETS = [
    ("Daily Meridian", {"Kyiv": "Kyiv", "Zelensky": "Zelensky", "war": "full-scale invasion"}, [], "said"),
    (
        "Northern Ledger",
        {"Kyiv": "Kyiv", "Zelensky": "Zelensky", "war": "war"},
        ["slams", "brutal", "regime"],
        "claimed",
    ),
    (
        "Eastern Herald",
        {"Kyiv": "Kiev", "Zelensky": "Zelensky", "war": "special military operation"},
        ["regime", "so-called"],
        "admitted",
    ),
    ("Kyiv Dispatch", {"Kyiv": "Kyiv", "Zelensky": "Zelenskyy", "war": "invasion"}, ["brutal"], "said"),
    ("Harbor Post", {"Kyiv": "Kyiv", "Zelensky": "Zelenskiy", "war": "conflict"}, [], "told reporters"),
    ("Capital Wire", {"Kyiv": "Kyiv", "Zelensky": "Zelensky", "war": "war"}, [], "stated"),
    ("Globe Review", {"Kyiv": "Kiev", "Zelensky": "Zelensky", "war": "crisis"}, ["snub"], "insisted"),
    ("Evening Courier", {"Kyiv": "Kyiv", "Zelensky": "Zelenskyy", "war": "aggression"}, ["savage"], "said"),
]
PLACES = [
    "Geneva",
    "Istanbul",
    "Vienna",
    "Riyadh",
    "Doha",
    "Helsinki",
    "Oslo",
    "Minsk",
    "Ankara",
    "Warsaw",
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Lviv",
    "Sumy",
    "Poltava",
    "Kherson",
    "Mykolaiv",
    "Zaporizhzhia",
    "Chernihiv",
]
TOPICS = [
    ("talks", ["ceasefire", "delegations", "negotiators", "memorandum", "prisoner", "exchange", "round"]),
    ("strike", ["drones", "missiles", "air defence", "power plant", "substation", "debris", "casualties"]),
    ("grain", ["ships", "corridor", "insurance", "harbour", "wheat", "convoy", "exports"]),
    ("sanctions", ["banks", "assets", "oil price cap", "tankers", "exports", "tariffs", "embargo"]),
]
PEOPLE = ["Umerov", "Medinsky", "Peskov", "Fidan", "Sybiha", "Lavrov", "Rubio", "Yermak", "Brunner", "Halvorsen"]
SUBJECTS = [
    "Officials",
    "The ministry",
    "Analysts",
    "Residents",
    "A spokesperson",
    "Diplomats",
    "The delegation",
    "Local authorities",
    "Witnesses",
    "Observers",
    "The governor",
    "Engineers",
    "Economists",
    "Aid workers",
    "Lawmakers",
    "Military experts",
    "A senior adviser",
    "The mayor",
    "Regional police",
    "Insurers",
]
VERBS = ["said", "warned", "noted", "argued", "reported", "confirmed", "suggested", "estimated", "stressed", "expected"]
ADJ = [
    "fragile",
    "cautious",
    "difficult",
    "unexpected",
    "limited",
    "broad",
    "temporary",
    "lengthy",
    "narrow",
    "tense",
    "costly",
    "modest",
    "significant",
    "uncertain",
    "rapid",
    "careful",
    "partial",
    "renewed",
    "final",
    "early",
]
NOUNS = [
    "agreement",
    "schedule",
    "repairs",
    "negotiations",
    "shipments",
    "inspection",
    "budget",
    "deadline",
    "statement",
    "evacuation",
    "investigation",
    "vote",
    "proposal",
    "timetable",
    "reconstruction",
    "supplies",
    "exports",
    "guarantees",
    "sanctions",
    "elections",
    "talks",
    "ceasefire",
    "power lines",
    "railway",
    "bridge",
    "harbour",
]
TIME = [
    "on Monday",
    "on Tuesday",
    "late on Wednesday",
    "early on Thursday",
    "on Friday",
    "over the weekend",
    "last month",
    "earlier this year",
    "within days",
    "by the end of the month",
]
TEMPLATES = [
    "{subj} {verb} that the {adj} {noun} in {place} could take {n} weeks.",
    "{subj} {verb} {time} that {n} {noun} had been delayed near {place}.",
    "The {adj} {noun} was discussed {time}, {subj2} {verb}.",
    "{subj} {verb} the {noun} would cost about {n} million dollars.",
    "According to {person}, the {noun} and the {noun2} remain {adj}.",
    "{subj} in {place} {verb} {time} that the {noun} was {adj}.",
    "It was not clear whether the {noun} would affect the {noun2}, {subj2} {verb}.",
    "{person} {verb} the {adj} {noun} showed that more work was needed.",
    "In {place}, {n} people attended a meeting about the {noun} {time}.",
    "{subj} {verb} they had seen no sign of a {adj} {noun} so far.",
]


def _sentence(rng: random.Random, place: str) -> str:
    t = rng.choice(TEMPLATES)
    return t.format(
        subj=rng.choice(SUBJECTS),
        subj2=rng.choice(SUBJECTS).lower(),
        verb=rng.choice(VERBS),
        adj=rng.choice(ADJ),
        noun=rng.choice(NOUNS),
        noun2=rng.choice(NOUNS),
        n=rng.randint(2, 900),
        time=rng.choice(TIME),
        place=rng.choice([place, place, rng.choice(PLACES)]),
        person=rng.choice(PEOPLE),
    )


EXTRA_OUTLET_NAMES = [
    "Morning Signal",
    "Riverside Times",
    "Western Gazette",
    "Coastal Observer",
    "Metro Bulletin",
    "Summit Daily",
    "Plains Tribune",
    "Island Chronicle",
    "Valley Record",
    "Border Monitor",
    "Central Mail",
    "Highland News",
]


def outlets(n: int) -> list[tuple]:
    """The first ``n`` outlets (beyond the 8 hand-made ones, named copies of their habits; at most 20)."""
    extra = [(name, *OUTLETS[k % len(OUTLETS)][1:]) for k, name in enumerate(EXTRA_OUTLET_NAMES)]
    return (OUTLETS + extra)[:n]


def make_corpus(
    n: int, *, n_outlets: int = 8, articles_per_event: int = 8, seed: int = 0, length: tuple[int, int] = (400, 500)
) -> list[dict]:
    """``n`` article records (id, outlet, title, date, text) of about ``length`` words (a range; default 400-500)."""
    rng = random.Random(seed)
    outlets_ = outlets(n_outlets)
    records = []
    n_events = max(1, n // articles_per_event)
    for e in range(n_events):
        topic, words = TOPICS[e % len(TOPICS)]
        place = PLACES[e % len(PLACES)]
        p1, p2 = rng.sample(PEOPLE, 2)
        base = rng.randint(100, 5000)
        day = 1 + (e * 9) % 3000
        for k in range(articles_per_event):
            if len(records) >= n:
                break
            name, naming, loaded, verb = outlets_[(e + k) % len(outlets_)]
            count = base if k % 4 else base // 2
            sents = [
                f"Delegations met in {place} on Monday for a new round of {topic} as the {naming['war']} entered another year.",
                f"{naming['Kyiv']} and Moscow agreed on {count:,} {rng.choice(words)} after the meeting in {place}.",
                f'"We are ready to continue," {p1} {verb}, adding that {naming["Kyiv"]} would not accept ultimatums.',
                f"{naming['Zelensky']} said the {rng.choice(words)} in {place} showed that pressure was working.",
                f"According to {p2}, the talks lasted about {rng.randint(60, 180)} minutes.",
            ]
            if loaded:
                sents.append(f"The Kremlin {rng.choice(loaded)} {naming['Kyiv']} over the {rng.choice(words)}.")
            while sum(len(s.split()) for s in sents) < rng.randint(*length):
                sents.append(_sentence(rng, place))
            rng.shuffle(sents[2:])
            records.append(
                {
                    "id": f"s{len(records):06d}",
                    "outlet": name,
                    "title": f"{topic.title()} in {place}: {rng.choice(words)} agreed",
                    "date": "2020-01-01",
                    "day": day,
                    "text": " ".join(sents[:3]) + "\n\n" + " ".join(sents[3:]),
                }
            )
    import datetime as dt

    for r in records:
        r["date"] = (dt.date(2020, 1, 1) + dt.timedelta(days=r.pop("day"))).isoformat()
    return records
