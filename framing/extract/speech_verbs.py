"""The one list of verbs of saying (``lexicons/attribution_verbs.csv``), loaded once.

Every analysis that asks "is this word a verb of saying?" reads this list: quote
extraction (:mod:`framing.analyses.quote_extraction`, :mod:`framing.analyses.attribution`)
and the scare-quote rule of loaded language (:func:`speech_verbs`).

Columns of the CSV:

``verb``
    the inflected form as written (folded to lower case when loaded);
``lemma``
    its base form (said, says, saying -> say);
``judging``
    ``true`` for verbs that judge the speaker or the truth of what is said
    (claimed, admitted, insisted, slammed, fumed, blasted, ...: the AP Stylebook's
    advice that "said" is the neutral verb), ``false`` otherwise;
``complement``
    what the verb introduces on its own: ``clause`` (a reported clause, with or
    without "that": said, told, insisted), ``that`` (only a that-clause: found that,
    revealed that), ``quote`` (only a quotation or a name: called it "...",
    slammed the plan as "..."), ``of`` ("accused X of ..."), ``gerund`` ("denied
    targeting ...") or ``source`` ("according to");
``noun_form``
    ``true`` where the form is also a common noun (note, report, claims), so a
    determiner before it ("a note that ...") makes it no verb;
``exclude``
    fixed expressions, ``|`` between them, in which the form is no verb of saying
    ("claimed responsibility", "admitted to hospital").
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ..lexicons import load_lexicon
from ..text import fold, tokenize

__all__ = ["SpeechVerb", "attribution_verbs", "speech_verb_table", "speech_verbs", "verb_exclusions", "verb_info"]

COMPLEMENTS = ("clause", "that", "quote", "of", "gerund", "source")


class SpeechVerb(NamedTuple):
    """One form of the list."""

    lemma: str
    judging: bool
    complement: str
    noun_form: bool


@lru_cache(maxsize=1)
def speech_verb_table() -> pd.DataFrame:
    """The packaged list as a DataFrame (columns as in the module docstring)."""
    df = load_lexicon("attribution_verbs", owner="framing speech_verbs")
    bad = sorted(set(df["complement"]) - set(COMPLEMENTS))
    if bad:
        raise ValueError(
            f"attribution_verbs.csv: unknown complement value(s) {bad}; use one of {', '.join(COMPLEMENTS)}."
        )
    return df


@lru_cache(maxsize=1)
def verb_info() -> dict[str, SpeechVerb]:
    """Folded form -> :class:`SpeechVerb`.

    >>> verb_info()["slammed"]
    SpeechVerb(lemma='slam', judging=True, complement='quote', noun_form=False)
    """
    df = speech_verb_table()
    return {
        fold(v): SpeechVerb(lem, j.strip().lower() == "true", c, n.strip().lower() == "true")
        for v, lem, j, c, n in zip(df["verb"], df["lemma"], df["judging"], df["complement"], df["noun_form"])
    }


@lru_cache(maxsize=1)
def attribution_verbs() -> dict[str, tuple[str, bool]]:
    """Folded form -> (lemma, judging), for every form of the list (``"according to"`` included)."""
    return {v: (s.lemma, s.judging) for v, s in verb_info().items()}


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """The single-word forms of the list: the words that make a quotation someone's speech.

    >>> {"said", "slammed", "called"} <= speech_verbs(), "according to" in speech_verbs()
    (True, False)
    """
    return frozenset(v for v in verb_info() if " " not in v)


@lru_cache(maxsize=1)
def verb_exclusions() -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Form -> [(tokens of a fixed expression, position of the form in it)] ("claimed responsibility")."""
    df = speech_verb_table()
    out: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for verb, excl in zip(df["verb"], df["exclude"]):
        t = fold(verb.strip())
        for e in excl.split("|") if excl else ():
            toks = tuple(tokenize(e.strip())[0])
            if t in toks:
                out.setdefault(t, []).append((toks, toks.index(t)))
    return out
