"""Sides from places: capitals, cities, government bodies and demonyms -> country -> side.

A speaker with no side of its own often carries one in the words around it: "the
governor of the Kharkiv region", "Estonian Foreign Minister X", "officials in Kiev",
"State Duma deputy X". A small general gazetteer (``lexicons/places.csv``: capitals,
cities and regions, government bodies and seats, other names of countries; plus every
country, adjective and people of ``lexicons/demonyms.csv``) names the country; the
country's side is the actor finder's side of that country (so a user's side scheme
applies), else the ``countries`` rows of ``lexicons/sides.csv`` (members of NATO or
the EU and close allies of the United States are "the West" in the default scheme).
Contested or occupied places are left out of the gazetteer. Names are matched
case-sensitively as whole words, so "polish" or "turkey" in lower case are no places;
a place that only says where a firm or school is ("a London-based broker", "the
Stockholm Maritime Institute") is left out.

>>> countries_in("Ihor Bondar, the governor of the Kharkiv region")
(('Ukraine', 'city'),)
>>> countries_in("Estonian Foreign Minister Margus Tsahkna")
(('Estonia', 'demonym'),)
>>> countries_in("a London-based broker at the Kyiv School of Economics")
()
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import load_lexicon
from .actor_lexicon import ActorFinder

__all__ = ["countries_in", "country_side", "local_place_side", "place_side"]

#: Gazetteer kinds that are places where something happens (not demonyms or institutions).
PLACE_KINDS = frozenset(["capital", "city"])


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    """Surface name -> (country, kind), and one case-sensitive whole-word pattern for them all."""
    names: dict[str, tuple[str, str]] = {}
    alias: dict[str, str] = {}
    for n, c, k in zip(*(load_lexicon("places", owner="framing place_sides")[x] for x in ("name", "country", "kind"))):
        names[n] = (c, k)
        if k == "country name":
            alias[n] = c
    dem = load_lexicon("demonyms", owner="framing place_sides")
    for place, adj, person, plural in zip(dem["place"], dem["adjective"], dem["person"], dem["plural"]):
        country = alias.get(place, place)
        names.setdefault(place, (country, "country"))
        for w in (adj, person, plural):
            if w:
                names.setdefault(w, (country, "demonym"))
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"(?<![\w-])(?:{alt})(?![\w])")


#: A place that only says where a firm or school is: "a London-based broker", "the Stockholm
#: Maritime Institute", "Kyiv School of Economics" (not whom the speaker speaks for).
_SEAT_ONLY = re.compile(
    r"-based\b|(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&'-]*){0,4}\s+(?:Institute|University|College|School|Foundation|"
    r"Company|Bank|Centre|Center|Museum|Exchange|Group|Fund|Club|Academy|Times|Post|Journal|Herald|Gazette|"
    r"Airlines|Airport|Hospital|Clinic|Observatory|Orchestra|Theatre|Theater)\b"
)


@lru_cache(maxsize=65536)
def _matches(text: str) -> tuple[tuple[int, str, str], ...]:
    names, pat = _gazetteer()
    return tuple((m.start(), *names[m.group(0)]) for m in pat.finditer(text) if not _SEAT_ONLY.match(text, m.end()))


def countries_in(text: str) -> tuple[tuple[str, str], ...]:
    """``(country, kind)`` of each gazetteer name in ``text``, in text order."""
    return tuple((c, k) for _, c, k in _matches(text))


@lru_cache(maxsize=1)
def _country_sides() -> dict[str, str]:
    df = load_lexicon("sides", owner="framing place_sides")
    df = df[df["scheme"] == "countries"]
    return dict(zip(df["name"], df["side"]))


def country_side(country: str, finder: ActorFinder) -> str:
    """The side of a country: the finder's (its side scheme), else the ``countries`` rows of sides.csv."""
    return finder.side_of(country) or _country_sides().get(country, "")


def place_side(text: str, finder: ActorFinder, kinds: frozenset | None = None) -> str:
    """The side the places, bodies and demonyms in ``text`` point to; ``mixed`` for several, ``""`` for none."""
    sides = {country_side(c, finder) for _, c, k in _matches(text) if kinds is None or k in kinds}
    sides.discard("")
    if len(sides) == 1:
        return sides.pop()
    return "mixed" if sides else ""


def local_place_side(text: str, before: int, after: int, finder: ActorFinder) -> str:
    """Side of the place nearest ``before`` in ``text[:after]``: a city or capital, not a country.

    For local bodies ("regional officials", "the city council"): they belong to the place
    the passage is about. The nearest place before ``before`` wins; else the first after it.
    """
    best_pos, best = -1, ""
    first_after = ""
    for pos, c, k in _matches(text[:after]):
        if k not in PLACE_KINDS:
            continue
        sd = country_side(c, finder)
        if not sd:
            continue
        if pos < before and pos > best_pos:
            best_pos, best = pos, sd
        elif pos >= before and not first_after:
            first_after = sd
    return best or first_after
