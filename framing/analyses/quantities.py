"""Quantities in news text: numbers with what they count, approximators and units.

:func:`extract_quantities` finds numbers written in digits or words ("2,000",
"two hours", "an hour and 45 minutes", "hundreds of children", "a fifth of"),
together with

* the **approximator** before them ("about", "a little over", "less than", "up to"),
  turned into an interval ``[value_low, value_high]``;
* the **unit**, normalised: durations in minutes (seconds, minutes, hours) or days
  (days, weeks, months, years), money as a currency code and a plain value
  ("$14 billion" -> USD 14e9, "€2.5bn" -> EUR 2.5e9), percentages (also "a fifth of"),
  areas in km², distances in km, vote tallies ("218-212", "218 to 214");
* **what is counted**: the head noun after the number ("2,000 *prisoners*", "162
  Ukrainian *drones*"), reduced to a lemma and a canonical synonym ("POWs",
  "prisoners of war" -> ``prisoner``); for a duration, the thing measured ("the
  *meeting* lasted ...", "a 30-day *ceasefire*");
* a **per** marker ("from each side", "per side", "each", "apiece"): the stated value
  counts one side, so the total is ``value × sides`` (``sides=2`` by default: an event
  between two parties). "1,000 from each side" then has the total 2,000 and agrees
  with "2,000 prisoners".

The extractor is rule-based and works on the tokens of :func:`framing.text.parse`
(so offsets index the original text). It knows English only.

Interval rules (``t`` = ``tolerance``, default 0.05; ``n`` = ``near``, default 0.1):

============================================  ======================
approximator                                  interval of ``v``
============================================  ======================
(none)                                        ``[v, v]``
about, around, approximately, roughly, some   ``[v(1-t), v(1+t)]``
nearly, almost, just under, close to          ``[v(1-n), v]``
just over, a little over, slightly more than  ``[v, v(1+n)]``
over, more than, at least, above              ``[v, inf]``
less than, under, fewer than, up to, below    ``[0, v]``
X to Y, X-Y, between X and Y                  ``[X, Y]``
dozens / hundreds / thousands of              ``[24, 144]`` / ``[200, 999]`` / ``[2000, 9999]``
============================================  ======================

Examples
--------
>>> q = extract_quantities("Both sides agreed to exchange 1,000 prisoners from each side.")[0]
>>> q.value, q.counted, q.per, q.total_low, q.total_high
(1000.0, 'prisoner', 'side', 2000.0, 2000.0)
>>> q = extract_quantities("The meeting lasted about an hour and 45 minutes.")[0]
>>> q.value, q.unit, q.counted, round(q.value_low, 2), round(q.value_high, 2)
(105.0, 'minutes', 'meeting', 99.75, 110.25)
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from ..text import Document, parse

__all__ = [
    "Quantity",
    "extract_quantities",
    "extract_from_document",
    "quantities_frame",
    "QUANTITY_COLUMNS",
    "SYNONYMS",
    "APPROXIMATORS",
    "intervals_overlap",
]

#: Columns of :func:`quantities_frame`.
QUANTITY_COLUMNS = [
    "start", "end", "text", "kind", "value", "value_low", "value_high", "unit", "counted",
    "per", "multiplier", "total_low", "total_high", "approx", "sentence_index",
]


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text (offsets index the text given)."""

    start: int
    end: int
    text: str
    kind: str  # count, duration, money, percent, vote, area, distance
    value: float  # the stated value, in ``unit``
    value_low: float
    value_high: float
    unit: str
    counted: str  # canonical lemma of what is counted or measured ("" when unknown)
    per: str = ""  # "side" / "each" when the value is per party
    multiplier: int = 1
    total_low: float = math.nan
    total_high: float = math.nan
    approx: str = ""
    sentence_index: int = 0


# ----------------------------------------------------------------------------- words
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
_VAGUE = {  # "hundreds of X" and friends: (low, high)
    "tens": (20.0, 99.0), "dozens": (24.0, 144.0), "scores": (40.0, 200.0), "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0), "millions": (2e6, 9.99e6), "billions": (2e9, 9.99e9),
}
_FEW = {"several": (3.0, 9.0), "a few": (2.0, 5.0), "a couple of": (2.0, 2.0), "some": (2.0, 9.0)}
_FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
              "fifth": 5, "fifths": 5, "sixth": 6, "seventh": 7, "eighth": 8, "tenth": 10, "tenths": 10}
_NUMBER_WORDS = set(_UNITS) | set(_TENS) | set(_SCALES) | {"hundred", "dozen"} | set(_VAGUE)
#: After "a"/"an" these words make a number ("an hour", "a dozen", "a fifth of").
_A_NEXT = {"hundred", "thousand", "million", "billion", "dozen", "half", "quarter", "third",
           "fifth", "tenth", "hour", "minute", "day", "week", "month", "year"}

_TIME_UNITS = {  # -> (normalised unit, factor)
    "second": ("minutes", 1 / 60), "seconds": ("minutes", 1 / 60), "sec": ("minutes", 1 / 60),
    "secs": ("minutes", 1 / 60),
    "minute": ("minutes", 1.0), "minutes": ("minutes", 1.0), "min": ("minutes", 1.0), "mins": ("minutes", 1.0),
    "hour": ("minutes", 60.0), "hours": ("minutes", 60.0), "hr": ("minutes", 60.0), "hrs": ("minutes", 60.0),
    "h": ("minutes", 60.0),
    "day": ("days", 1.0), "days": ("days", 1.0), "week": ("days", 7.0), "weeks": ("days", 7.0),
    "month": ("days", 30.44), "months": ("days", 30.44), "year": ("days", 365.25), "years": ("days", 365.25),
    "decade": ("days", 3652.5), "decades": ("days", 3652.5), "century": ("days", 36525.0), "centuries": ("days", 36525.0),
}
_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH", "₽": "RUB", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP", "ruble": "RUB", "rubles": "RUB",
    "rouble": "RUB", "roubles": "RUB", "rub": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "hryvnia's": "UAH",
    "uah": "UAH", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "franc": "CHF", "francs": "CHF",
    "rupee": "INR", "rupees": "INR",
}
_AREA = {"km2": 1.0, "km²": 1.0, "hectares": 0.01, "hectare": 0.01, "acres": 0.004047, "acre": 0.004047}
_DIST = {"km": 1.0, "kilometers": 1.0, "kilometres": 1.0, "kilometer": 1.0, "kilometre": 1.0,
         "miles": 1.609344, "mile": 1.609344, "meters": 0.001, "metres": 0.001, "meter": 0.001, "metre": 0.001}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec"}
#: Words before a number that make it a label, not a quantity ("Article 5").
_LABEL_WORDS = {"article", "resolution", "section", "chapter", "page", "no", "number", "room", "flight",
                "route", "highway", "level", "phase", "paragraph", "clause", "item", "version", "model",
                "gate", "platform", "line", "unit", "brigade", "division", "battalion", "regiment", "corps",
                "district", "ward", "precinct", "amendment", "grade", "class",
                "season", "episode", "volume", "vol", "issue", "step", "stage", "minsk", "group", "top"}

#: Approximators (token sequences before a number) and their kinds.
APPROXIMATORS: dict[tuple[str, ...], str] = {}
for _kind, _phrases in {
    "about": ["about", "around", "approximately", "roughly", "some", "circa", "an estimated", "estimated",
              "approx", "c", "ca", "round about", "in the region of", "on the order of"],
    "nearly": ["nearly", "almost", "close to", "just under", "just below", "a little under", "a little less than",
               "slightly under", "slightly less than", "slightly fewer than", "just short of", "just shy of",
               "nearing", "just fewer than", "just less than", "a bit under", "a bit less than"],
    "little_over": ["just over", "a little over", "slightly over", "slightly more than", "a little more than",
                    "just above", "just more than", "a bit over", "a bit more than", "little more than",
                    "slightly above"],
    "over": ["over", "more than", "above", "upwards of", "in excess of", "exceeding", "at least", "no fewer than",
             "no less than", "well over", "far more than", "beyond", "greater than"],
    "under": ["under", "less than", "fewer than", "below", "up to", "no more than", "at most", "as many as",
              "as much as", "not more than", "a maximum of", "maximum", "well under", "far fewer than",
              "within"],
}.items():
    for _p in _phrases:
        APPROXIMATORS[tuple(_p.split())] = _kind
_APPROX_MAXLEN = max(len(k) for k in APPROXIMATORS)
APPROX_WORDS = frozenset(w for k in APPROXIMATORS for w in k)

#: Counted things that mean the same: lemma -> canonical lemma.
SYNONYMS = {
    "pow": "prisoner", "pows": "prisoner", "captive": "prisoner", "detainee": "prisoner", "prisoners": "prisoner",
    "pow's": "prisoner", "troop": "soldier", "serviceman": "soldier", "servicemen": "soldier",
    "servicemember": "soldier", "service member": "soldier", "fighter": "soldier",
    "people": "person", "persons": "person", "individual": "person", "children": "child", "kid": "child",
    "minor": "child", "uav": "drone", "aircraft": "aircraft", "plane": "aircraft", "jet": "aircraft",
    "talk": "meeting", "talks": "meeting", "session": "meeting", "negotiation": "meeting",
    "negotiations": "meeting", "discussion": "meeting", "discussions": "meeting", "summit": "meeting",
    "round": "meeting", "conversation": "meeting", "negotiator": "meeting", "negotiators": "meeting",
    "delegation": "meeting", "delegations": "meeting", "delegate": "meeting", "delegates": "meeting", "consultation": "meeting", "consultations": "meeting",
    "truce": "ceasefire", "cease-fire": "ceasefire", "armistice": "ceasefire",
    "vessel": "ship", "boat": "ship", "tonne": "ton", "tons": "ton", "tonnes": "ton",
    "corpse": "body", "bodies": "body", "remains": "body", "women": "woman", "men": "man",
    "dead": "death", "fatality": "death", "casualty": "casualty", "injured": "injury", "wounded": "injury",
    "killed": "death", "agent": "agent", "officer": "officer", "migrant": "migrant", "immigrant": "migrant",
}
#: Plural forms shown in quantity labels.
_PLURAL_IRREGULAR = {"person": "people", "child": "children", "man": "men", "woman": "women",
                     "aircraft": "aircraft", "body": "bodies", "injury": "injured", "death": "deaths",
                     "ceasefire": "ceasefire", "meeting": "meeting", "war": "war", "conflict": "conflict"}

#: Verbs and participles that say what happened to the counted people.
_OUTCOMES = {
    "killed": "killed", "killing": "killed", "dead": "killed", "died": "killed", "kills": "killed",
    "injured": "injured", "injuring": "injured", "wounded": "injured", "wounding": "injured", "hurt": "injured",
    "missing": "missing", "arrested": "detained", "detained": "detained", "evacuated": "evacuated",
    "displaced": "displaced", "captured": "captured",
}

#: Words before "quarter", "half" ... that make it a period or a part, not a share.
_NOT_FRACTION_BEFORE = frozenset("the first second third fourth last final previous next each every this that "
                                 "other latter former".split())

#: What an outcome counts, whoever it happened to.
_OUTCOME_COUNTED = {"killed": "death", "injured": "injury", "missing": "missing person", "detained": "arrest",
                    "evacuated": "evacuee", "displaced": "displaced person", "captured": "prisoner"}

#: Nouns whose duration a "lasted"/"took" sentence measures.
_EVENT_NOUNS = {"meeting", "meetings", "talks", "talk", "session", "sessions", "negotiations", "discussions",
                "discussion", "summit", "round", "call", "conversation", "visit", "trip", "speech", "hearing",
                "trial", "ceasefire", "truce", "war", "conflict", "negotiators", "delegations", "delegates", "siege", "strike", "standoff", "offensive",
                "operation", "interview", "debate", "consultations", "encounter", "exchange", "attack",
                "bombardment", "shelling", "battle", "blackout", "outage", "flight", "journey", "march",
                "protest", "vote", "voting", "search", "rescue", "tour"}
_DURATION_VERBS = {"lasted", "last", "lasting", "lasts", "took", "take", "takes", "concluded", "ended", "wrapped",
                   "ran", "running", "went", "continued", "broke", "finished", "over", "after", "within", "in",
                   "for", "long"}
_VOTE_WORDS = {"vote", "votes", "voted", "voting", "passing", "pass", "passes", "approving", "adopting", "ballot", "ballots", "passed", "approved", "rejected",
               "margin", "tally", "adopted", "defeated", "confirmed"}

#: Words that end the search for a counted noun.
_STOP = frozenset(
    """a an the of and or but to from for with by on in at as into onto per each both either every
    this that these those it its their his her our your my they them he she we you i who whom whose
    which what when where while than then so such not no nor only also just still even yet very more
    most less least much many few other another some any all is are was were be been being am has
    have had do does did will would shall should can could may might must said says say told according
    about around over under up down out off near nearly almost there here if whether because since
    until after before during against between through across among within without per cent percent
    apiece side sides plus minus times time including included others overnight ago later
    earlier today yesterday tomorrow""".split()
)
#: Adjectives skipped before the counted noun ("162 Ukrainian drones", "1,000 more prisoners").
_SKIP_ADJ = frozenset(
    """more additional other new extra further fallen dead wounded injured fresh unarmed armed
    civilian military foreign local international young old elderly small large big major minor
    total estimated reported confirmed alleged suspected so-called mostly mainly some such
    long short long-range short-range medium-range heavy light eastern western northern southern central
    illegal undocumented key main ukrainian russian american
    european chinese turkish israeli palestinian former current active senior junior top""".split()
)


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


def intervals_overlap(a_low, a_high, b_low, b_high, *, rtol: float = 1e-9) -> bool:
    """Whether ``[a_low, a_high]`` and ``[b_low, b_high]`` share a point (closed intervals).

    >>> intervals_overlap(99.75, 110.25, 90, 99), intervals_overlap(0, 120, 90, 99)
    (False, True)
    """
    eps = rtol * max(abs(a_high), abs(b_high), 1.0) if math.isfinite(max(a_high, b_high)) else 0.0
    return a_low <= b_high + eps and b_low <= a_high + eps


# ----------------------------------------------------------------------------- parser
_DIGIT_RE = re.compile(r"^\d+(?:[.,]\d+)*%?$")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def _digit_value(tok: str) -> float | None:
    t = tok.rstrip("%")
    if _THOUSANDS_RE.match(t):
        return float(t.replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if re.fullmatch(r"\d+,\d{1,2}", t):  # European decimal comma: "2,5"
        return float(t.replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):  # European thousands: "2.000.000"
        return float(t.replace(".", ""))
    return None


class _Parser:
    """Parse quantities in one Document, token by token around number candidates."""

    def __init__(self, doc: Document, *, sides: int, tolerance: float, near: float, title_case: bool = False) -> None:
        self.title_case = title_case
        self.doc = doc
        self.text = doc.text
        self.toks = doc.tokens
        self.starts = doc.tok_starts.tolist()
        self.ends = doc.tok_ends.tolist()
        self.sents = doc.tok_sent.tolist()
        self.n = len(self.toks)
        self.sides = sides
        self.tol = tolerance
        self.near = near

    # -- helpers -------------------------------------------------------------------
    def gap(self, i: int) -> str:
        """Characters between token i-1 and token i."""
        if i <= 0:
            return self.text[: self.starts[0]] if self.n else ""
        if i >= self.n:
            return self.text[self.ends[-1]:]
        return self.text[self.ends[i - 1] : self.starts[i]]

    def orig(self, i: int) -> str:
        if self.title_case:
            return self.toks[i]
        return self.text[self.starts[i] : self.ends[i]]

    def tok(self, i: int) -> str:
        return self.toks[i] if 0 <= i < self.n else ""

    def plain_gap(self, i: int) -> bool:
        """Only spaces between token i-1 and i (same sentence)."""
        g = self.gap(i)
        return (g == "" or g.isspace()) and "\n" not in g and self.sents[i] == self.sents[i - 1]

    # -- numbers -------------------------------------------------------------------
    def words_number(self, i: int) -> tuple[float, int] | None:
        """A number written in words starting at token i: (value, next index)."""
        total, current, j, seen = 0.0, 0.0, i, False
        while j < self.n:
            t = self.toks[j]
            if j > i and not self.plain_gap(j):
                break
            parts = t.split("-") if "-" in t else [t]
            if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
                current += _TENS[parts[0]] + _UNITS[parts[1]]
            elif t in _UNITS:
                current += _UNITS[t]
            elif t in _TENS:
                current += _TENS[t]
            elif t == "hundred" and seen:
                current = (current or 1) * 100
            elif t in _SCALES and seen:
                total += (current or 1) * _SCALES[t]
                current = 0
            elif t == "and" and seen and j + 1 < self.n and (self.toks[j + 1] in _UNITS or self.toks[j + 1] in _TENS
                                                              or self.toks[j + 1].split("-")[0] in _TENS):
                pass
            else:
                break
            seen = True
            j += 1
        if not seen:
            return None
        return total + current, j

    # -- main ------------------------------------------------------------------------
    def candidates(self) -> list[int]:
        toks = self.toks
        out = []
        for i, t in enumerate(toks):
            c = t[0]
            if c.isdigit():
                out.append(i)
            elif t in _NUMBER_WORDS or (t in ("a", "an") and i + 1 < self.n and toks[i + 1] in _A_NEXT):
                out.append(i)
            elif "-" in t and t.split("-", 1)[0] in _NUMBER_WORDS:
                out.append(i)
            elif t in _FRACTIONS and i + 1 < self.n and toks[i + 1] in ("of", "an", "a") and \
                    (i == 0 or toks[i - 1] not in _NOT_FRACTION_BEFORE):  # "the first quarter of the year"
                out.append(i)
        return out

    def parse_all(self) -> list[Quantity]:
        out: list[Quantity] = []
        consumed = -1
        for i in self.candidates():
            if i < consumed:
                continue
            try:
                res = self.parse_at(i)
            except (ValueError, IndexError, OverflowError):  # pragma: no cover - defensive
                res = None
            if res is None:
                continue
            qs, j = res
            consumed = j
            out.extend(qs)
        # "There would be 1,000 on each side": inherit what is counted from the previous count
        fixed: list[Quantity] = []
        for q in out:
            if q.kind == "count" and not q.counted and q.per:
                k = int(np.searchsorted(self.doc.tok_starts, q.start)) - 1
                if k >= 0 and self.sents[k] == q.sentence_index and self.gap(k + 1).strip() in (",", "-", "—", "–", ":"):
                    w = self.toks[k]
                    if w.isalpha() and w.endswith("s") and w not in _STOP:
                        q = Quantity(**{**asdict(q), "counted": _lemma(w)})
            if q.kind == "count" and not q.counted and q.per:
                prev = [p for p in fixed if p.kind == "count" and p.counted and 0 <= q.sentence_index - p.sentence_index <= 2]
                if prev:
                    q = Quantity(**{**asdict(q), "counted": prev[-1].counted})
            fixed.append(q)
        return fixed

    def _is_date_or_label(self, i: int, value: float, tok: str) -> bool:
        prev_o = self.orig(i - 1) if i > 0 else ""
        nxt_o = self.orig(i + 1) if i + 1 < self.n else ""
        prev_t, nxt_t = self.tok(i - 1), self.tok(i + 1)
        if prev_t in _MONTHS and prev_o[:1].isupper() and self.plain_gap(i):
            return True
        if nxt_t in _MONTHS and nxt_o[:1].isupper() and i + 1 < self.n and self.plain_gap(i + 1):
            return True
        if i + 1 < self.n and self.gap(i + 1) == "" and nxt_t in ("st", "nd", "rd", "th", "s"):
            return True  # ordinals, decades
        if i + 1 < self.n and self.gap(i + 1) in (":", ".") and self.toks[i + 1][:1].isdigit():
            return True  # times, section numbers
        if i > 0 and self.gap(i) in (":", "/", "#"):
            return True
        if prev_t in _LABEL_WORDS and prev_o[:1].isupper() and self.plain_gap(i):
            return True
        if i + 1 < self.n and nxt_t in ("a.m", "p.m", "am", "pm", "gmt", "utc", "cet") :
            return True
        if "," not in tok and "." not in tok and 1000 <= value <= 2100 and value == int(value):
            # a year unless a currency or scale follows
            g = self.gap(i)
            if not any(s in g for s in _CURRENCY_SYMBOLS) and nxt_t not in _SHORT_SCALES and nxt_t not in _SCALES \
                    and nxt_t not in _CURRENCY_WORDS:
                return True
        return False

    def parse_at(self, i: int) -> tuple[list[Quantity], int] | None:
        toks, n = self.toks, self.n
        t = toks[i]
        sent = self.sents[i]
        start_tok = i
        kind = "count"
        unit = "count"
        approx = ""
        low = high = None
        value = None
        j = i + 1
        fraction = False
        vague = False
        hyphen_unit = None  # "three-year", "30-day"

        # ---- the number itself
        if t[0].isdigit():
            v = _digit_value(t)
            if v is None:
                return None
            if self._is_date_or_label(i, v, t):
                j2 = i + 1
                if j2 < n and self.gap(j2).strip() in ("-", "–", "—") and toks[j2][:1].isdigit():
                    j2 += 1
                return [], j2
            if t.endswith("%"):
                kind, unit = "percent", "%"
            value = v
            # attached suffix: "2.5bn", "14m", "30km"
            if j < n and self.gap(j) == "" and not self.orig(j)[:1].isdigit():
                suf = toks[j]
                if suf in _SHORT_SCALES:
                    value *= _SHORT_SCALES[suf]
                    j += 1
                elif suf in _DIST or suf in _AREA or suf in _TIME_UNITS:
                    pass
                else:
                    return None
        elif t in ("a", "an"):
            nxt = toks[i + 1]
            if nxt in _FRACTIONS:
                if i + 2 < n and toks[i + 2] == "of":
                    value, kind, unit, fraction = 100.0 / _FRACTIONS[nxt], "percent", "%", True
                    j = i + 3
                elif nxt == "half" and i + 2 < n and toks[i + 2] in ("an", "a") and i + 3 < n and toks[i + 3] in _TIME_UNITS:
                    value, j = 0.5, i + 3
                elif nxt == "quarter" and i + 2 < n and toks[i + 2] == "of" :
                    value, j = 0.25, i + 3
                else:
                    return None
            elif nxt == "dozen":
                value, j = 12.0, i + 2
            else:
                value, j = 1.0, i + 1
        elif t in _FRACTIONS:  # "half of", "half an hour"
            if i + 1 < n and toks[i + 1] == "of":
                value, kind, unit, fraction, j = 100.0 / _FRACTIONS[t], "percent", "%", True, i + 2
            elif i + 2 < n and toks[i + 1] in ("an", "a") and toks[i + 2] in _TIME_UNITS:
                value, j = 0.5, i + 2
            else:
                return None
        elif t in _VAGUE:
            lo, hi = _VAGUE[t]
            # "tens of thousands", "hundreds of thousands"
            if i + 2 < n and toks[i + 1] == "of" and toks[i + 2] in ("thousands", "millions", "billions") \
                    and t in ("tens", "dozens", "hundreds", "thousands"):
                scale = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[toks[i + 2]]
                lo, hi = lo * scale, hi * scale
                j = i + 3
            value, low, high, vague, approx = math.sqrt(lo * hi), lo, hi, True, "vague"
        elif "-" in t:
            head, _, tail = t.partition("-")
            if head in _NUMBER_WORDS and tail in _TIME_UNITS:
                wn = self.words_number(i) if t.split("-")[1] in _UNITS else None
                value = float(_UNITS.get(head, _TENS.get(head, 0)))
                if value == 0 and head not in ("zero",):
                    return None
                hyphen_unit = tail
            elif head in _UNITS and tail in _UNITS:  # "two-three days"
                value, low, high, approx = float(_UNITS[head]), float(_UNITS[head]), float(_UNITS[tail]), "range"
            elif head in _TENS:
                wn = self.words_number(i)
                if wn is None:
                    return None
                value, j = wn
            else:
                return None
        else:
            if t in _SCALES or t in ("hundred", "dozen"):
                back = [k for k in (i - 1, i - 2) if k >= 0 and " ".join(toks[k:i]) in _FEW]
                if not back:
                    return None
                value, j = (12.0 if t == "dozen" else 100.0 if t == "hundred" else _SCALES[t]), i + 1
            else:
                wn = self.words_number(i)
                if wn is None:
                    return None
                value, j = wn
            if t == "one" and not (j < n and (toks[j] in _TIME_UNITS or toks[j] in _SCALES or toks[j] in ("and", "in"))):
                return None
        # "several dozen aircraft": handled by looking back
        few_back = None
        for phrase, (flo, fhi) in _FEW.items():
            ptoks = phrase.split()
            k = i - len(ptoks)
            if k >= 0 and toks[k:i] == ptoks and t in ("dozen", "hundred", "thousand", "million", "billion"):
                few_back = (flo, fhi, k)
        if value is None:
            return None

        # ---- scale words after the number ("1.2 million", "14 billion")
        if j < n and toks[j] in _SCALES and self.plain_gap(j) and not vague:
            value *= _SCALES[toks[j]]
            j += 1
        elif j < n and toks[j] in _SHORT_SCALES and self.plain_gap(j) and toks[j] not in ("m", "b") and t[0].isdigit():
            value *= _SHORT_SCALES[toks[j]]
            j += 1

        # ---- range: "2-3 days", "two or three", "between 5 and 10"
        if low is None and j < n:
            g = self.gap(j).strip()
            nxt = toks[j]
            is_vote_ctx = False
            second = None
            if g in ("-", "–", "—") and nxt[0].isdigit():
                second = _digit_value(nxt), j + 1
            elif g == "" and nxt in ("to", "or") and j + 1 < n and self.plain_gap(j + 1):
                nn = toks[j + 1]
                if nn[0].isdigit():
                    second = _digit_value(nn), j + 2
                elif nn in _UNITS or nn in _TENS:
                    wn = self.words_number(j + 1)
                    second = (wn[0], wn[1]) if wn else None
            elif g == "" and nxt == "and" and i > 0 and toks[i - 1] == "between" and j + 1 < n:
                nn = toks[j + 1]
                if nn[0].isdigit():
                    second = _digit_value(nn), j + 2
                elif nn in _UNITS or nn in _TENS:
                    wn = self.words_number(j + 1)
                    second = (wn[0], wn[1]) if wn else None
                start_tok = i - 1
            if second is not None and second[0] is not None:
                v2, j2 = second
                if j2 < n and toks[j2] in _SCALES and self.plain_gap(j2):
                    v2 *= _SCALES[toks[j2]]
                    if value < 1000:
                        value *= _SCALES[toks[j2]]
                    j2 += 1
                sent_toks = set(toks[max(0, i - 12): min(n, j2 + 6)])
                is_vote_ctx = bool(sent_toks & _VOTE_WORDS) and t[0].isdigit() and value >= v2 and value > 1 \
                    and not (j2 < n and (toks[j2] in _TIME_UNITS or toks[j2] in ("percent",)))
                if is_vote_ctx:
                    return self._vote(i, j2, value, v2, sent)
                if v2 > value:
                    low, high, approx = value, v2, "range"
                    j = j2

        # ---- "and a half"
        if j + 2 < n and toks[j] == "and" and toks[j + 1] == "a" and toks[j + 2] == "half" and self.plain_gap(j):
            value += 0.5
            j += 3

        # ---- units
        counted = ""
        per = ""
        measured_by_hyphen = False
        if j < n and kind != "percent" and toks[j] in ("percent", "pct") and self.plain_gap(j):
            kind, unit = "percent", "%"
            j += 1
        elif j + 1 < n and toks[j] == "per" and toks[j + 1] == "cent":
            kind, unit = "percent", "%"
            j += 2
        currency = None
        g0 = self.gap(start_tok)
        for sym, code in _CURRENCY_SYMBOLS.items():
            if sym in g0[-3:]:
                currency = code
        if currency is None and start_tok > 0 and toks[start_tok - 1] in ("usd", "eur", "gbp", "uah", "rub") \
                and self.plain_gap(start_tok):
            currency = _CURRENCY_WORDS[toks[start_tok - 1]]
            start_tok -= 1
        if currency is None and j < n and toks[j] in _CURRENCY_WORDS and self.plain_gap(j) and kind != "percent":
            currency = _CURRENCY_WORDS[toks[j]]
            j += 1
        if currency is not None:
            kind, unit = "money", currency
        time_unit = hyphen_unit
        if time_unit is None and kind == "count" and j < n and toks[j] in _TIME_UNITS and \
                (self.plain_gap(j) or self.gap(j).strip() in ("-", "")):
            if not (toks[j] == "h" and self.gap(j) != ""):
                time_unit = toks[j]
                measured_by_hyphen = self.gap(j).strip() == "-"
                j += 1
        elif hyphen_unit is not None:
            measured_by_hyphen = True
        if time_unit is not None and kind == "count":
            nu, factor = _TIME_UNITS[time_unit]
            kind, unit = "duration", nu
            value *= factor
            if low is not None:
                low *= factor
                high *= factor
            # "an hour and 45 minutes", "two hours and a half", "1 hour 30 minutes"
            if nu == "minutes" and factor == 60.0 and j < n:
                k = j + 1 if toks[j] == "and" else j
                if k + 1 < n and toks[k] == "a" and toks[k + 1] == "half" and k > j:
                    value += 30
                    j = k + 2
                elif k < n:
                    extra = None
                    if toks[k][0].isdigit():
                        dv = _digit_value(toks[k])
                        extra = (dv, k + 1) if dv is not None else None
                    elif toks[k] in _UNITS or toks[k] in _TENS or toks[k].split("-")[0] in _TENS:
                        extra = self.words_number(k)
                    if extra and extra[1] < n and toks[extra[1]] in ("minutes", "minute", "mins", "min"):
                        value += extra[0]
                        j = extra[1] + 1
        if kind == "count" and j < n:
            g = self.gap(j).strip()
            if toks[j] in _AREA and g in ("", "-"):
                kind, unit, value = "area", "km2", value * _AREA[toks[j]]
                j += 1
            elif j + 1 < n and toks[j] == "square" and (toks[j + 1] in _DIST):
                f = _DIST[toks[j + 1]] ** 2
                kind, unit, value = "area", "km2", value * f
                if low is not None:
                    low, high = low * f, high * f
                j += 2
            elif toks[j] in ("sq",) and j + 1 < n and toks[j + 1] in _DIST:
                f = _DIST[toks[j + 1]] ** 2
                kind, unit, value = "area", "km2", value * f
                j += 2
            elif toks[j] in _DIST and g in ("", "-"):
                f = _DIST[toks[j]]
                kind, unit, value = "distance", "km", value * f
                if low is not None:
                    low, high = low * f, high * f
                j += 1
        if fraction:
            pass  # j already after "of"

        # ---- approximator before the number
        if approx == "" or approx == "vague":
            k = start_tok
            if few_back is not None:
                flo, fhi, kk = few_back
                low, high = flo * value, fhi * value
                approx, k, start_tok = "vague", kk, kk
            best = None
            for L in range(_APPROX_MAXLEN, 0, -1):
                s = k - L
                if s < 0:
                    continue
                phrase = tuple(toks[s:k])
                if phrase in APPROXIMATORS and all(self.plain_gap(x) for x in range(s + 1, k + 1)
                                                   if x < n) and self.sents[s] == sent:
                    best = (s, APPROXIMATORS[phrase], " ".join(phrase))
                    break
            if best is not None and approx != "vague":
                # "some" before a plural count noun is an approximator only before digits/number words
                start_tok, akind, aphrase = best
                approx = aphrase
                if akind == "about":
                    low, high = value * (1 - self.tol), value * (1 + self.tol)
                elif akind == "nearly":
                    low, high = value * (1 - self.near), value
                elif akind == "little_over":
                    low, high = value, value * (1 + self.near)
                elif akind == "over":
                    low, high = value, math.inf
                elif akind == "under":
                    low, high = 0.0, value
        if low is None:
            low = high = value

        # ---- what is counted
        if kind in ("count", "money", "percent", "area", "distance"):
            k = j
            if kind == "count" and k < n and toks[k] == "of" and (vague or t in ("dozen",)):
                k += 1
            if kind in ("money",) and k < n and toks[k] in ("in", "for", "of", "worth") and self.plain_gap(k):
                k += 1
            if kind == "percent" and k < n and toks[k] == "of" and self.plain_gap(k):
                k += 1
            if kind in ("area", "distance") and k < n and toks[k] == "of" and self.plain_gap(k):
                k += 1
            if k < n and toks[k] in ("the", "their", "its", "his", "her", "our") and self.plain_gap(k):
                k += 1
            counted, k_end = self._head_noun(k, allow_names=kind == "percent")
            if kind in ("count",):
                if counted:
                    j = max(j, k_end)
                outcome = self._outcome(start_tok, j)
                if outcome and (counted or vague or value < 1e7):
                    # one name per thing counted: "two soldiers were killed", "three people died" -> deaths
                    counted = _OUTCOME_COUNTED.get(outcome, f"{counted or 'person'} {outcome}")
        elif kind == "duration":
            counted = self._measured(i, j, measured_by_hyphen)

        # ---- per side / each
        per, j_per = self._per(j, counted)
        mult = 1
        if per and kind in ("count", "money"):
            mult = self.sides
            j = j_per
        elif per:
            per = ""
        t_lo, t_hi = low * mult, high * mult
        s_char, e_char = self.starts[start_tok], self.ends[max(j - 1, i)]
        if currency is not None:  # include the symbol
            g = self.gap(start_tok)
            for sym in _CURRENCY_SYMBOLS:
                p = g.rfind(sym)
                if p >= 0:
                    s_char = self.starts[start_tok] - (len(g) - p)
                    break
        q = Quantity(
            start=s_char, end=e_char, text=self.text[s_char:e_char], kind=kind, value=float(value),
            value_low=float(low), value_high=float(high), unit=unit, counted=counted, per=per,
            multiplier=mult, total_low=float(t_lo), total_high=float(t_hi), approx=approx,
            sentence_index=int(sent),
        )
        return [q], max(j, i + 1)

    def _vote(self, i: int, j: int, a: float, b: float, sent: int) -> tuple[list[Quantity], int]:
        s, e = self.starts[i], self.ends[j - 1]
        txt = self.text[s:e]
        qs = [
            Quantity(s, e, txt, "vote", a, a, a, "votes", "vote for", total_low=a, total_high=a, sentence_index=sent),
            Quantity(s, e, txt, "vote", b, b, b, "votes", "vote against", total_low=b, total_high=b, sentence_index=sent),
        ]
        return qs, j

    def _head_noun(self, k: int, *, allow_names: bool = False) -> tuple[str, int]:
        """The counted noun from token k: skip adjectives, stop at function words."""
        toks, n = self.toks, self.n
        skipped = 0
        while k < n and skipped <= 3:
            if not self.plain_gap(k) and not (self.gap(k).strip() == "-"):
                return "", k
            t = toks[k]
            o = self.orig(k)
            if not t[0].isalpha():
                return "", k
            if t in _STOP or t in _MONTHS and o[:1].isupper():
                return "", k
            is_name = o[:1].isupper() and not o[:2].isupper()  # acronyms (POWs, UAVs) are nouns
            if is_name and not allow_names and t.endswith("s") and not t.endswith("ss") and len(t) > 3:
                return _lemma(t), k + 1  # "8,000 Ukrainians", "Democrats"
            if t in _SKIP_ADJ or (is_name and not allow_names and not o.isupper()) or (
                "-" in t and t.split("-")[-1] in _SKIP_ADJ | {"range", "old", "long", "strong", "based", "year", "day"}
            ) or (t.endswith(("ian", "ese", "ish")) and is_name):
                if allow_names and is_name:
                    return _lemma(t), k + 1
                k += 1
                skipped += 1
                continue
            # noun compounds: "immigration judges", "port facilities" (head = the plural that follows)
            if not t.endswith("s") and k + 1 < n and self.plain_gap(k + 1):
                nx, no = toks[k + 1], self.orig(k + 1)
                if nx.isalpha() and nx.endswith("s") and not nx.endswith("ss") and nx not in _STOP and \
                        not no[:1].isupper() and len(nx) > 3:
                    return _lemma(nx), k + 2
            return _lemma(t), k + 1
        return "", k

    def _outcome(self, start: int, j: int) -> str:
        """What happened to the counted ("killed", "injured"): "killing two", "two people were killed"."""
        toks, n = self.toks, self.n
        if start > 0 and toks[start - 1] in _OUTCOMES and self.plain_gap(start):
            return _OUTCOMES[toks[start - 1]]
        k = j
        while k < n and k < j + 3 and toks[k] in ("were", "was", "have", "has", "had", "been", "are", "being", "reportedly",
                                                 "more", "others", "other") \
                and self.plain_gap(k):
            k += 1
        if k < n and toks[k] in _OUTCOMES and self.plain_gap(k):
            return _OUTCOMES[toks[k]]
        return ""

    def _measured(self, i: int, j: int, hyphen: bool) -> str:
        toks = self.toks
        sent = self.sents[i]
        if hyphen:
            noun, _ = self._head_noun(j)
            return noun
        # "three hours of talks", "eleven hours of debate"
        if j + 1 < self.n and toks[j] == "of":
            k = j + 1
            while k < self.n and (toks[k] in _SKIP_ADJ or toks[k] in ("the", "direct", "intense", "tense")):
                k += 1
            if k < self.n and toks[k] in _EVENT_NOUNS:
                return _lemma(toks[k])
        # "a ceasefire of 2-3 days"
        k = i - 1
        while k >= 0 and toks[k] in APPROX_WORDS and not (toks[k] == "of" and k >= 1 and toks[k - 1] in _EVENT_NOUNS):
            k -= 1
        if k >= 1 and toks[k] == "of" and toks[k - 1] in _EVENT_NOUNS:
            return _lemma(toks[k - 1])
        # a duration verb shortly before the number, and an event noun before it
        lo = i
        while lo > 0 and self.sents[lo - 1] == sent and i - lo < 25:
            lo -= 1
        window = toks[lo:i]
        vpos = None
        for p in range(len(window) - 1, max(-1, len(window) - 9), -1):
            if window[p] in ("lasted", "last", "lasting", "lasts", "took", "concluded", "ended", "wrapped",
                             "ran", "continued", "finished", "went", "long"):
                vpos = p
                break
        if vpos is None:
            # "walked out after less than two hours", "Talks Fizzle in Under Two Hours"
            p = len(window) - 1
            while p >= 0 and window[p] in APPROX_WORDS and window[p] not in ("in", "after", "within", "for"):
                p -= 1
            if p >= 0 and window[p] in ("after", "in", "within", "for"):
                vpos = p
            else:
                return ""
        for p in range(vpos - 1, -1, -1):
            w = window[p]
            if w in _EVENT_NOUNS:
                return _lemma(w)
        return ""

    _PER_PATTERNS = [
        (("from", "each", "side"), "side"), (("on", "each", "side"), "side"), (("for", "each", "side"), "side"),
        (("each", "side"), "side"), (("per", "side"), "side"), (("a", "side"), "side"),
        (("from", "each", "country"), "side"), (("per", "country"), "side"),
        (("from", "either", "side"), "side"), (("on", "either", "side"), "side"),
        (("each",), "each"), (("apiece",), "each"), (("per", "party"), "side"), (("from", "each", "party"), "side"),
    ]

    def _per(self, j: int, counted: str) -> tuple[str, int]:
        toks, n = self.toks, self.n
        k = j
        # allow "of war" ("prisoners of war from each side")
        if k + 1 < n and toks[k] == "of" and toks[k + 1] == "war":
            k += 2
        for _ in range(2):
            for pat, kind in self._PER_PATTERNS:
                L = len(pat)
                if tuple(toks[k : k + L]) == pat and all(self.plain_gap(x) for x in range(k, k + L) if x > 0):
                    # "each" must not start a new clause ("each of them")
                    if pat == ("each",) and k + 1 < n and toks[k + 1] in ("of", "other", "year", "day", "week",
                                                                          "month", "time"):
                        continue
                    return kind, k + L
            # one word may sit between ("1,000 POWs killed from each side" is rare; allow "soldiers
            # killed"?) -> no: only skip a past participle of "killed"/"held"/"captured"
            if k < n and toks[k] in ("held", "captured", "killed", "detained", "released") and self.plain_gap(k):
                k += 1
                continue
            break
        return "", j


def extract_from_document(doc: Document, *, sides: int = 2, tolerance: float = 0.05,
                          near: float = 0.1, title_case: bool = False) -> list[Quantity]:
    """Quantities in a parsed :class:`~framing.text.Document` (offsets index ``doc.text``).

    ``title_case=True`` ignores capitals when looking for the counted noun (for headlines
    such as "Talks Fizzle in Under Two Hours").
    """
    if not doc.n_tokens:
        return []
    return _Parser(doc, sides=sides, tolerance=tolerance, near=near, title_case=title_case).parse_all()


def extract_quantities(text: str, *, sides: int = 2, tolerance: float = 0.05, near: float = 0.1) -> list[Quantity]:
    """Quantities in ``text``, in order. See the module docstring for the rules.

    Parameters
    ----------
    text:
        Any text.
    sides:
        How many parties a "from each side" / "each" value is multiplied by to give
        the total (default 2: most news events are between two parties).
    tolerance:
        Relative half-width of "about X" (default 0.05: ``[0.95 X, 1.05 X]``).
    near:
        Relative width of "nearly X" (``[(1-near) X, X]``) and "a little over X"
        (``[X, (1+near) X]``); default 0.1.

    Examples
    --------
    >>> [(q.text, q.value_low, q.value_high, q.unit) for q in extract_quantities("It took less than two hours.")]
    [('less than two hours', 0.0, 120.0, 'minutes')]
    """
    return extract_from_document(parse(text), sides=sides, tolerance=tolerance, near=near)


def quantities_frame(text: str, **kwargs) -> pd.DataFrame:
    """:func:`extract_quantities` as a DataFrame with :data:`QUANTITY_COLUMNS`."""
    rows = [asdict(q) for q in extract_quantities(text, **kwargs)]
    df = pd.DataFrame(rows, columns=[f for f in Quantity.__dataclass_fields__])
    return df[QUANTITY_COLUMNS] if len(df) else pd.DataFrame(columns=QUANTITY_COLUMNS)
