"""Word tables of the quantity parser, read from the packaged lexicons.

``number_words.csv`` (word, value, kind: unit / tens / scale) gives the number words,
``counted_synonyms.csv`` (word, counted) one name per thing counted ("troops",
"servicemen" -> ``soldier``; "dead", "killed", "died" -> ``death``) and
``approximators.csv`` (phrase, kind) the words before a number that make it a range.

>>> NUMBER_WORDS["twelve"], UNITS["three"], TENS["forty"], SCALES["million"]
(12.0, 3, 40, 1000000.0)
>>> COUNTED["troops"], COUNTED["fatalities"]
('soldier', 'death')
>>> APPROXIMATORS[("at", "least")]
'over'
"""

from __future__ import annotations

from ..lexicons import load_lexicon

__all__ = ["UNITS", "TENS", "SCALES", "NUMBER_WORDS", "COUNTED", "APPROXIMATORS"]


def _number_words() -> tuple[dict[str, int], dict[str, int], dict[str, float]]:
    df = load_lexicon("number_words", required=["word", "value", "kind"], owner="quantities")
    units, tens, scales = {}, {}, {}
    for w, v, k in df[["word", "value", "kind"]].itertuples(index=False):
        if k == "unit":
            units[w] = int(v)
        elif k == "tens":
            tens[w] = int(v)
        elif k == "scale" and w != "hundred":
            scales[w] = float(v)
    return units, tens, scales


UNITS, TENS, SCALES = _number_words()
#: Number words that are one number by themselves (for facts: "twelve" is 12).
NUMBER_WORDS: dict[str, float] = {**{w: float(v) for w, v in UNITS.items()}, **{w: float(v) for w, v in TENS.items()}}

COUNTED: dict[str, str] = dict(
    load_lexicon("counted_synonyms", required=["word", "counted"], owner="quantities")[["word", "counted"]]
    .itertuples(index=False))

APPROXIMATORS: dict[tuple[str, ...], str] = {
    tuple(p.split()): k
    for p, k in load_lexicon("approximators", required=["phrase", "kind"], owner="quantities")[["phrase", "kind"]]
    .itertuples(index=False)
}
