"""Word tables of the quantity parser, read from the packaged lexicons.

``number_words.csv`` (word, value, kind: unit / tens / scale) gives the number words,
``counted_synonyms.csv`` (word, counted) one name per thing counted ("troops",
"servicemen" -> ``soldier``; "dead", "killed", "died" -> ``death``) and
``approximators.csv`` (phrase, kind) the words before a number that make it a range,
and ``quantity_words.csv`` (table, word, value, value2) every other word list of the
parser (time units, currencies, months, label words, outcomes, event nouns, ...).

>>> NUMBER_WORDS["twelve"], UNITS["three"], TENS["forty"], SCALES["million"]
(12.0, 3, 40, 1000000.0)
>>> COUNTED["troops"], COUNTED["fatalities"]
('soldier', 'death')
>>> APPROXIMATORS[("at", "least")]
'over'
"""

from __future__ import annotations

from ..lexicons import load_lexicon

__all__ = [
    "APPROXIMATORS",
    "APPROX_WORDS",
    "COUNTED",
    "NUMBER_WORDS",
    "SCALES",
    "SYNONYMS",
    "TENS",
    "UNITS",
    "plural",
]


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
    load_lexicon("counted_synonyms", required=["word", "counted"], owner="quantities")[["word", "counted"]].itertuples(
        index=False
    )
)

APPROXIMATORS: dict[tuple[str, ...], str] = {
    tuple(p.split()): k
    for p, k in load_lexicon("approximators", required=["phrase", "kind"], owner="quantities")[
        ["phrase", "kind"]
    ].itertuples(index=False)
}

# ----------------------------------------------------------------------------- tables kept in code
_UNITS = UNITS
_TENS = TENS
_SCALES = SCALES


def _tables() -> dict[str, dict[str, tuple[str, str]]]:
    """``quantity_words.csv``: table -> {word: (value, value2)}."""
    df = load_lexicon("quantity_words", required=["table", "word", "value", "value2"], owner="quantities")
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for t, w, v, v2 in df[["table", "word", "value", "value2"]].itertuples(index=False):
        out.setdefault(t, {})[w] = (v, v2)
    return out


_T = _tables()


def _words(name: str) -> frozenset[str]:
    return frozenset(_T.get(name, {}))


def _map(name: str, kind=str) -> dict:
    return {w: kind(v) for w, (v, _) in _T.get(name, {}).items()}


def _pairs(name: str, first=float, second=float) -> dict:
    return {w: (first(v), second(v2)) for w, (v, v2) in _T.get(name, {}).items()}


#: Scale suffixes ("14bn", "2.5m").
_SHORT_SCALES = _map("short_scale", float)
#: "hundreds of X" and friends: (low, high).
_VAGUE = _pairs("vague")
#: "several", "a few" before a scale word: (low, high) multipliers.
_FEW = _pairs("few")
_FRACTIONS = _map("fraction", int)
_NUMBER_WORDS = set(_UNITS) | set(_TENS) | set(_SCALES) | {"hundred", "dozen"} | set(_VAGUE)
#: After "a"/"an" these words make a number ("an hour", "a dozen", "a fifth of").
_A_NEXT = _words("a_next")
#: Time units -> (normalised unit, factor).
_TIME_UNITS = _pairs("time_unit", str, float)
_CURRENCY_SYMBOLS = _map("currency_symbol")
_CURRENCY_WORDS = _map("currency_word")
_AREA = _map("area", float)
_DIST = _map("distance", float)
_MONTHS = _words("month")
#: Words before a number that make it a label, not a quantity ("Article 5").
_LABEL_WORDS = _words("label_word")
_APPROX_MAXLEN = max(len(k) for k in APPROXIMATORS)
#: The last words of the approximators (a phrase can end before a number only with one of them).
_APPROX_LAST = frozenset(k[-1] for k in APPROXIMATORS)
APPROX_WORDS = frozenset(w for k in APPROXIMATORS for w in k)
#: Counted things that mean the same: word -> canonical lemma (``counted_synonyms.csv``).
SYNONYMS = COUNTED
#: Plural forms shown in quantity labels.
_PLURAL_IRREGULAR = _map("plural")
#: Verbs and participles that say what happened to the counted people.
_OUTCOMES = _map("outcome")
#: Words before "quarter", "half" ... that make it a period or a part, not a share.
_NOT_FRACTION_BEFORE = _words("not_fraction_before")
#: What an outcome counts, whoever it happened to.
_OUTCOME_COUNTED = _map("outcome_counted")
#: Nouns whose duration a "lasted"/"took" sentence measures.
_EVENT_NOUNS = _words("event_noun")
#: Event nouns that name another event's duration ("the delegates met for ..." -> meeting).
_EVENT_OF = {w: v for w, v in _map("event_noun").items() if v and v == v}
#: Words after a number that make it an age ("17-year-old"), and before it ("aged 17").
_AGE_AFTER = _words("age_after")
_AGE_BEFORE = _words("age_before")
#: Words that make a number near them hypothetical or a threshold ("could end 50-50", "requires 60 votes").
MODAL = _words("modal")
#: Counted things too general to tell which count is meant ("8 million people") within a topic.
GENERIC_COUNTED = _words("generic_counted")
_DURATION_VERBS = _words("duration_verb")
_VOTE_WORDS = _words("vote_word")
#: Words that end the search for a counted noun.
_STOP = _words("stop")
#: Adjectives skipped before the counted noun ("162 Ukrainian drones", "1,000 more prisoners").
_SKIP_ADJ = _words("skip_adjective")


def _lemma(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w in SYNONYMS:
        return SYNONYMS[w]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return SYNONYMS.get(w, w)


def plural(lemma: str) -> str:
    """A readable plural for a counted lemma (``prisoner`` -> ``prisoners``)."""
    if lemma in _PLURAL_IRREGULAR:
        return _PLURAL_IRREGULAR[lemma]
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    if lemma.endswith(("s", "x", "ch", "sh")):
        return lemma + "es"
    return lemma + "s"
