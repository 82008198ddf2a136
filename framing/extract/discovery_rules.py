"""Which pairs of close spellings are *not* two spellings of one name.

Variant discovery (:mod:`framing.analyses.discovery`) finds words at a small edit
distance; most such pairs in news are not naming choices but grammar: a plural
(American / Americans), a demonym (German / Germany, Israeli / Israel), an
adjective or a case form of a place name (Luhanska oblast / Luhansk, Kakhovska /
Kakhovka, Lymanu / Lyman), a feminine surname (Medvedeva / Medvedev), or two common
words (State / Statue, March / Marco). The rules here are general morphology, not
lists of the pairs met in one corpus:

* **Transliteration endings first.** Endings that are two romanisations of one
  Cyrillic ending are variants: -y / -yi / -iy / -i / -yy (Zelensky / Zelenskyy,
  Kryvy / Kryvyi, Vitaly / Vitaliy), -a / -ya / -ia (Natalia / Nataliya), -e / -oe /
  -ye (Pokrovske / Pokrovskoe) and a doubled last letter (Donbas / Donbass).
* **Inflection and derivation.** Otherwise, two words that differ only in their
  endings, each ending in :data:`SUFFIXES` (English plural and derivational endings,
  the Slavic adjective and case endings -a, -ska, -sky, -ov, -u ...), are one word in
  two grammatical forms, not two spellings (but one vowel for another, Lukashenka /
  Lukashenko, is a spelling). A plural and a singular are two forms too.
* **Demonyms.** A place and its adjective or people (the packaged ``demonyms`` list:
  Germany / German / Germans, Britain / Briton, Chechnya / Chechen).
* **Calendar words.** Month and weekday names are never a transliteration.
"""

from __future__ import annotations

from functools import lru_cache

from ..text import fold

__all__ = [
    "CALENDAR_WORDS",
    "SUFFIXES",
    "is_demonym_pair",
    "is_inflection",
    "is_transliteration_ending",
    "not_variants",
]

#: Endings that make an inflection or a derived word rather than another spelling
#: (Russia / Russian, Minister / Ministry, Luhansk / Luhanska, Lyman / Lymanu).
SUFFIXES = frozenset(
    [
        # English: plurals, demonyms, derivation
        "",
        "s",
        "es",
        "n",
        "an",
        "ian",
        "ns",
        "ans",
        "ians",
        "ese",
        "ish",
        "ic",
        "ist",
        "ists",
        "ism",
        "ed",
        "ing",
        "er",
        "ers",
        "ly",
        "ry",
        "al",
        "ia",
        "ity",
        "ies",
        "e",
        "d",
        "r",
        "rs",
        "ory",
        "ion",
        "ions",
        "ive",
        "i",
        "is",
        "y",
        "ey",
        "ite",
        "ites",
        "ans",
        "ean",
        "eans",
        # Slavic: adjective, case and gender endings of names and places
        "a",
        "o",
        "u",
        "v",
        "ov",
        "ova",
        "ev",
        "eva",
        "in",
        "ina",
        "sk",
        "ska",
        "ske",
        "sky",
        "skyi",
        "skiy",
        "ka",
        "ko",
        "om",
        "oi",
        "oy",
        "k",
        "ym",
        "yi",
    ]
)
#: Groups of endings that romanise one Cyrillic ending in different ways.
_TRANSLIT_ENDINGS = (
    frozenset(["y", "yi", "iy", "ii", "yy", "ij", "i"]),
    frozenset(["a", "ya", "ia", "iya"]),
    frozenset(["e", "oe", "ye", "ie", "ue"]),
    frozenset(["yu", "iu", "u"]),
    frozenset(["ev", "yev", "iev", "eev"]),
)
#: Month and weekday names (English), which no transliteration produces.
CALENDAR_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def is_transliteration_ending(a: str, b: str) -> bool:
    """True when folded ``a`` and ``b`` share a stem and end in two romanisations of one
    ending (Zelensky / Zelenskyy, Vitaly / Vitaliy, Donbas / Donbass).

    >>> is_transliteration_ending("zelensky", "zelenskyy"), is_transliteration_ending("israel", "israeli")
    (True, False)
    """
    n = _common_prefix(a, b)
    ra, rb = a[n:], b[n:]
    if n < 3 or ra == rb:
        return False
    if {ra, rb} <= {"", a[n - 1]} and len(ra + rb) == 1 and a[n - 1] not in "aeiouy":
        return True  # a doubled last consonant: Donbas / Donbass, Borrel / Borrell
    stem_end = a[n - 1]
    for group in _TRANSLIT_ENDINGS:
        if ra in group and rb in group:
            return True
        # the stem may have eaten the ending's first letter: kryvy + "" / "i" (kryvyi)
        if stem_end in "yi" and (stem_end + ra) in group and (stem_end + rb) in group:
            return True
    return False


def is_inflection(a: str, b: str) -> bool:
    """True when folded ``a`` and ``b`` differ only by endings of :data:`SUFFIXES`
    (Russia / Russian, Luhansk / Luhanska) and not by a transliteration ending.

    >>> is_inflection("american", "americans"), is_inflection("kharkov", "kharkiv"), is_inflection("kryvy", "kryvyi")
    (True, False, False)
    """
    n = _common_prefix(a, b)
    ra, rb = a[n:], b[n:]
    if a == b or n < 3 or ra not in SUFFIXES or rb not in SUFFIXES or is_transliteration_ending(a, b):
        return False
    # one vowel for another is a spelling (Lukashenka / Lukashenko), but not after -sk,
    # where it is the gender of an adjective or surname (Zelenska / Zelensky); any other
    # change of ending is grammar (Luhansk / Luhanska, Minister / Ministry)
    vowel_swap = len(ra) == 1 and len(rb) == 1 and ra in "aeiouy" and rb in "aeiouy"
    return not vowel_swap or (a[max(0, n - 2) : n] == "sk" and "o" not in ra + rb)


def _plural_mismatch(a: str, b: str) -> bool:
    """One word ends in a plural -s and the other has none (Belarussian / Belarusians)."""
    sa, sb = a.endswith("s") and not a.endswith("ss"), b.endswith("s") and not b.endswith("ss")
    return sa != sb and not is_transliteration_ending(a, b)


@lru_cache(maxsize=1)
def _demonym_sets() -> dict[str, frozenset[int]]:
    """Folded word -> the rows of the demonyms list it belongs to."""
    from ..lexicons import load_lexicon

    df = load_lexicon("demonyms", required=["place", "adjective", "person", "plural"], owner="discovery")
    out: dict[str, set[int]] = {}
    for i, row in enumerate(df[["place", "adjective", "person", "plural"]].itertuples(index=False)):
        for w in row:
            if w:
                out.setdefault(fold(w), set()).add(i)
    return {k: frozenset(v) for k, v in out.items()}


def is_demonym_pair(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are a place and its adjective or people, or two of
    these (the packaged ``demonyms`` list: Germany / German, Britain / Briton).

    >>> is_demonym_pair("Germany", "German"), is_demonym_pair("Kyiv", "Kiev")
    (True, False)
    """
    sets = _demonym_sets()
    return bool(sets.get(fold(a), frozenset()) & sets.get(fold(b), frozenset()))


def not_variants(a: str, b: str) -> str:
    """Why ``a`` and ``b`` are not two spellings of one name ("" when they may be).

    >>> [not_variants(x, y) for x, y in [("German", "Germany"), ("Israeli", "Israel"), ("March", "Marco"),
    ...                                  ("Luhanska", "Luhansk"), ("Kyiv", "Kiev"), ("Zelensky", "Zelenskyy")]]
    ['demonym', 'demonym', 'calendar word', 'inflection', '', '']
    """
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return ""
    if fa in CALENDAR_WORDS or fb in CALENDAR_WORDS:
        return "calendar word"
    if is_demonym_pair(fa, fb):
        return "demonym"
    if is_inflection(fa, fb) or _plural_mismatch(fa, fb):
        return "inflection"
    return ""
