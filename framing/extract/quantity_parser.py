"""The quantity parser: numbers with what they count, around number candidates in one Document.

:meth:`_Parser.parse_at` reads one quantity in named steps (the number, a vague word
before it, a scale after it, a range or vote tally, units, the approximator, what is
counted, per side) that fill one :class:`_Draft`. The word tables live in
:mod:`framing.analyses.quantity_words` and its CSV files.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from .quantity_counted import _CountedMixin
from .quantity_tokens import _digit_value
from .quantity_words import (
    _A_NEXT,
    _APPROX_LAST,
    _APPROX_MAXLEN,
    _AREA,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DIST,
    _FEW,
    _FRACTIONS,
    _NOT_FRACTION_BEFORE,
    _NUMBER_WORDS,
    _OUTCOME_COUNTED,
    _SCALES,
    _SHORT_SCALES,
    _STOP,
    _TENS,
    _TIME_UNITS,
    _UNITS,
    _VAGUE,
    _VOTE_WORDS,
    APPROXIMATORS,
    _lemma,
)

__all__ = ["Quantity", "may_hold_number", "may_start", "may_start_mask"]


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


# ----------------------------------------------------------------------------- parser


class _Done(Exception):
    """Ends a parse early with its result (``None``: no quantity here)."""

    def __init__(self, result) -> None:
        super().__init__()
        self.result = result


@dataclass
class _Draft:
    """What the steps of :meth:`_Parser.parse_at` know so far about the quantity at token ``i``."""

    i: int
    t: str
    sent: int
    start_tok: int
    j: int
    kind: str = "count"
    unit: str = "count"
    approx: str = ""
    low: Any = None  # float once known
    high: Any = None
    value: Any = None
    fraction: bool = False
    vague: bool = False
    hyphen_unit: str | None = None  # "three-year", "30-day"
    few_back: tuple | None = None
    currency: str | None = None
    counted: str = ""
    per: str = ""
    measured_by_hyphen: bool = False
    time_unit: str | None = None
    rounding: float = 0.0  # half a unit of the last digit written before a scale ("2.1 million": 50,000)


#: Words worth a closer look as the start of a quantity.
_CANDIDATE_WORDS = frozenset(_NUMBER_WORDS) | frozenset(_FRACTIONS) | {"a", "an"}


def may_start(t: str) -> bool:
    """Whether token ``t`` passes the first, cheap test of :meth:`_Parser.candidates`."""
    return t[:1].isdigit() or t in _CANDIDATE_WORDS or ("-" in t and t[0].isalpha())


_MAY_HOLD = re.compile(
    r"\d|\b(?:"
    + "|".join(sorted(map(re.escape, set(_NUMBER_WORDS) | set(_FRACTIONS) | set(_A_NEXT)), key=len, reverse=True))
    + r")\b"
)


def may_hold_number(text: str) -> bool:
    """Whether ``text`` may hold a quantity: a digit, or a number word, fraction or "a"/"an" unit
    word ("an hour") in its folded words. One regular expression; a text without any is never
    parsed (most headlines and sentences have no number).

    >>> may_hold_number("Talks fizzle in under two hours"), may_hold_number("Talks fizzle")
    (True, False)
    """
    from ..text import fold

    return _MAY_HOLD.search(fold(text)) is not None


def may_start_mask(terms: Sequence[str]) -> np.ndarray:
    """:func:`may_start` of each term of a vocabulary, so that a corpus tests each term once."""
    return np.fromiter((may_start(t) for t in terms), dtype=bool, count=len(terms))


class _Parser(_CountedMixin):
    """Parse quantities in one Document, token by token around number candidates."""

    def candidates(self, maybe: list[int] | None = None) -> list[int]:
        """Tokens that can start a quantity: digits, number words, "a"/"an" before a unit or
        scale, hyphenated number words, fractions. One pass of cheap tests; the rest of the
        text (most sentences have no number) is never parsed. ``maybe``: the tokens that pass
        :func:`may_start` when already known (from vocabulary ids, without a loop over tokens)."""
        toks, n = self.toks, self.n
        if maybe is None:
            maybe = [i for i, t in enumerate(toks) if may_start(t)]
        out = []
        for i in maybe:
            t = toks[i]
            if (
                t[0].isdigit()
                or t in _NUMBER_WORDS
                or (t in ("a", "an") and i + 1 < n and toks[i + 1] in _A_NEXT)
                or ("-" in t and t.split("-", 1)[0] in _NUMBER_WORDS)
                or (
                    t in _FRACTIONS
                    and i + 1 < n
                    and toks[i + 1] in ("of", "an", "a")
                    and (i == 0 or toks[i - 1] not in _NOT_FRACTION_BEFORE)
                )
            ):
                out.append(i)
        return out

    def parse_all(self, maybe: list[int] | None = None) -> list[Quantity]:
        out: list[Quantity] = []
        consumed = -1
        for i in self.candidates(maybe):
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
                if (
                    k >= 0
                    and self.sents[k] == q.sentence_index
                    and self.gap(k + 1).strip() in (",", "-", "—", "–", ":")
                ):
                    w = self.toks[k]
                    if w.isalpha() and w.endswith("s") and w not in _STOP:
                        q = Quantity(**{**asdict(q), "counted": _lemma(w)})
            if q.kind == "count" and not q.counted and q.per:
                prev = [
                    p
                    for p in fixed
                    if p.kind == "count" and p.counted and 0 <= q.sentence_index - p.sentence_index <= 2
                ]
                if prev:
                    q = Quantity(**{**asdict(q), "counted": prev[-1].counted})
            fixed.append(q)
        return fixed

    def parse_at(self, i: int) -> tuple[list[Quantity], int] | None:
        """The quantity (or vote tally) that starts at token ``i``, and the token after it.

        Named steps fill one :class:`_Draft`; a step that finds no quantity ends the parse.
        """
        d = _Draft(i=i, t=self.toks[i], sent=self.sents[i], start_tok=i, j=i + 1)
        try:
            for step in (
                self._read_number,
                self._few_before,
                self._scale_after,
                self._range_or_vote,
                self._and_a_half,
                self._units,
                self._approximator,
                self._counted,
            ):
                step(d)
            return self._per_side_and_build(d)
        except _Done as done:
            return done.result

    def _read_number(self, d: _Draft) -> None:
        """The number itself: digits, words, fractions, vague amounts, hyphenated forms."""
        i, toks, n = d.i, self.toks, self.n
        if d.t[0].isdigit():
            v = _digit_value(d.t)
            if v is None:
                raise _Done(None)
            if self._is_date_or_label(i, v, d.t):
                j2 = i + 1
                if j2 < n and self.gap(j2).strip() in ("-", "–", "—") and toks[j2][:1].isdigit():
                    j2 += 1
                raise _Done(([], j2))
            if d.t.endswith("%"):
                d.kind, d.unit = "percent", "%"
            d.value = v
            # attached suffix: "2.5bn", "14m", "30km"
            if d.j < n and self.gap(d.j) == "" and not self.orig(d.j)[:1].isdigit():
                suf = toks[d.j]
                if suf in _SHORT_SCALES:
                    d.value *= _SHORT_SCALES[suf]
                    d.rounding = self._rounding(d.t, _SHORT_SCALES[suf])
                    d.j += 1
                elif suf in _DIST or suf in _AREA or suf in _TIME_UNITS:
                    pass
                else:
                    raise _Done(None)
        elif d.t in ("a", "an"):
            nxt = toks[i + 1]
            if nxt in _FRACTIONS:
                if i + 2 < n and toks[i + 2] == "of":
                    d.value, d.kind, d.unit, d.fraction = 100.0 / _FRACTIONS[nxt], "percent", "%", True
                    d.j = i + 3
                elif (
                    nxt == "half"
                    and i + 2 < n
                    and toks[i + 2] in ("an", "a")
                    and i + 3 < n
                    and toks[i + 3] in _TIME_UNITS
                ):
                    d.value, d.j = 0.5, i + 3
                elif nxt == "quarter" and i + 2 < n and toks[i + 2] == "of":
                    d.value, d.j = 0.25, i + 3
                else:
                    raise _Done(None)
            elif nxt == "dozen":
                d.value, d.j = 12.0, i + 2
            else:
                d.value, d.j = 1.0, i + 1
        elif d.t in _FRACTIONS:  # "half of", "half an hour"
            if i + 1 < n and toks[i + 1] == "of":
                d.value, d.kind, d.unit, d.fraction, d.j = 100.0 / _FRACTIONS[d.t], "percent", "%", True, i + 2
            elif i + 2 < n and toks[i + 1] in ("an", "a") and toks[i + 2] in _TIME_UNITS:
                d.value, d.j = 0.5, i + 2
            else:
                raise _Done(None)
        elif d.t in _VAGUE:
            lo, hi = _VAGUE[d.t]
            # "tens of thousands", "hundreds of thousands"
            if (
                i + 2 < n
                and toks[i + 1] == "of"
                and toks[i + 2] in ("thousands", "millions", "billions")
                and d.t in ("tens", "dozens", "hundreds", "thousands")
            ):
                scale = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[toks[i + 2]]
                lo, hi = lo * scale, hi * scale
                d.j = i + 3
            d.value, d.low, d.high, d.vague, d.approx = math.sqrt(lo * hi), lo, hi, True, "vague"
        elif "-" in d.t:
            head, _, tail = d.t.partition("-")
            if head in _NUMBER_WORDS and tail in _TIME_UNITS:
                wn = self.words_number(i) if d.t.split("-")[1] in _UNITS else None
                d.value = float(_UNITS.get(head, _TENS.get(head, 0)))
                if d.value == 0 and head not in ("zero",):
                    raise _Done(None)
                d.hyphen_unit = tail
            elif head in _UNITS and tail in _UNITS:  # "two-three days"
                d.value, d.low, d.high, d.approx = (
                    float(_UNITS[head]),
                    float(_UNITS[head]),
                    float(_UNITS[tail]),
                    "range",
                )
            elif head in _TENS:
                wn = self.words_number(i)
                if wn is None:
                    raise _Done(None)
                d.value, d.j = wn
            else:
                raise _Done(None)
        else:
            if d.t in _SCALES or d.t in ("hundred", "dozen"):
                back = [k for k in (i - 1, i - 2) if k >= 0 and " ".join(toks[k:i]) in _FEW]
                if not back:
                    raise _Done(None)
                d.value, d.j = (12.0 if d.t == "dozen" else 100.0 if d.t == "hundred" else _SCALES[d.t]), i + 1
            else:
                wn = self.words_number(i)
                if wn is None:
                    raise _Done(None)
                d.value, d.j = wn
            if d.t == "one" and not (
                d.j < n and (toks[d.j] in _TIME_UNITS or toks[d.j] in _SCALES or toks[d.j] in ("and", "in"))
            ):
                raise _Done(None)

    def _few_before(self, d: _Draft) -> None:
        """ "several dozen aircraft": a vague word before a scale word."""
        i, toks = d.i, self.toks
        # "several dozen aircraft": handled by looking back
        d.few_back = None
        if d.t in ("dozen", "hundred", "thousand", "million", "billion"):
            for phrase, (flo, fhi) in _FEW.items():
                ptoks = phrase.split()
                k = i - len(ptoks)
                if k >= 0 and toks[k:i] == ptoks:
                    d.few_back = (flo, fhi, k)
        if d.value is None:
            raise _Done(None)

    def _scale_after(self, d: _Draft) -> None:
        """Scale words after the number ("1.2 million", "14 billion")."""
        toks, n = self.toks, self.n
        if d.j < n and toks[d.j] in _SCALES and self.plain_gap(d.j) and not d.vague:
            d.value *= _SCALES[toks[d.j]]
            d.rounding = self._rounding(d.t, _SCALES[toks[d.j]])
            d.j += 1
        elif (
            d.j < n
            and toks[d.j] in _SHORT_SCALES
            and self.plain_gap(d.j)
            and toks[d.j] not in ("m", "b")
            and d.t[0].isdigit()
        ):
            d.value *= _SHORT_SCALES[toks[d.j]]
            d.rounding = self._rounding(d.t, _SHORT_SCALES[toks[d.j]])
            d.j += 1

    @staticmethod
    def _rounding(tok: str, scale: float) -> float:
        """Half a unit of the last decimal of ``tok`` times ``scale`` ("2.1" million: 50,000), or 0."""
        head, dot, dec = tok.rstrip("%").partition(".")
        if not dot or not dec.isdigit() or not head.isdigit():
            return 0.0
        return 0.5 * 10.0 ** -len(dec) * scale

    def _range_or_vote(self, d: _Draft) -> None:
        """A range ("2-3 days", "two or three", "between 5 and 10") or a vote tally ("218-212")."""
        i, toks, n = d.i, self.toks, self.n
        if d.low is None and d.j < n:
            g = self.gap(d.j).strip()
            nxt = toks[d.j]
            is_vote_ctx = False
            second = None
            if g in ("-", "–", "—") and nxt[0].isdigit():
                second = _digit_value(nxt), d.j + 1
            elif g == "" and nxt in ("to", "or") and d.j + 1 < n and self.plain_gap(d.j + 1):
                nn = toks[d.j + 1]
                if nn[0].isdigit():
                    second = _digit_value(nn), d.j + 2
                elif nn in _UNITS or nn in _TENS:
                    wn = self.words_number(d.j + 1)
                    second = (wn[0], wn[1]) if wn else None
            elif g == "" and nxt == "and" and i > 0 and toks[i - 1] == "between" and d.j + 1 < n:
                nn = toks[d.j + 1]
                if nn[0].isdigit():
                    second = _digit_value(nn), d.j + 2
                elif nn in _UNITS or nn in _TENS:
                    wn = self.words_number(d.j + 1)
                    second = (wn[0], wn[1]) if wn else None
                d.start_tok = i - 1
            if second is not None and second[0] is not None:
                v2: float = second[0]
                j2 = second[1]
                if j2 < n and toks[j2] in _SCALES and self.plain_gap(j2):
                    v2 *= _SCALES[toks[j2]]
                    if d.value < 1000:
                        d.value *= _SCALES[toks[j2]]
                    j2 += 1
                sent_toks = set(toks[max(0, i - 12) : min(n, j2 + 6)])
                is_vote_ctx = (
                    bool(sent_toks & _VOTE_WORDS)
                    and d.t[0].isdigit()
                    and d.value >= v2
                    and d.value > 1
                    and not (j2 < n and (toks[j2] in _TIME_UNITS or toks[j2] in ("percent",)))
                )
                if is_vote_ctx:
                    raise _Done(self._vote(i, j2, d.value, v2, d.sent))
                if v2 > d.value:
                    d.low, d.high, d.approx = d.value, v2, "range"
                    d.j = j2

    def _and_a_half(self, d: _Draft) -> None:
        """ "... and a half"."""
        toks, n = self.toks, self.n
        if (
            d.j + 2 < n
            and toks[d.j] == "and"
            and toks[d.j + 1] == "a"
            and toks[d.j + 2] == "half"
            and self.plain_gap(d.j)
        ):
            d.value += 0.5
            d.j += 3

    def _units(self, d: _Draft) -> None:
        """Units: percent, currency, time, area, distance."""
        toks, n = self.toks, self.n
        d.counted = ""
        d.per = ""
        d.measured_by_hyphen = False
        if d.j < n and d.kind != "percent" and toks[d.j] in ("percent", "pct") and self.plain_gap(d.j):
            d.kind, d.unit = "percent", "%"
            d.j += 1
        elif d.j + 1 < n and toks[d.j] == "per" and toks[d.j + 1] == "cent":
            d.kind, d.unit = "percent", "%"
            d.j += 2
        d.currency = None
        g0 = self.gap(d.start_tok)[-3:]
        if g0.strip():  # a currency symbol is no space
            for sym, code in _CURRENCY_SYMBOLS.items():
                if sym in g0:
                    d.currency = code
        if (
            d.currency is None
            and d.start_tok > 0
            and toks[d.start_tok - 1] in ("usd", "eur", "gbp", "uah", "rub")
            and self.plain_gap(d.start_tok)
        ):
            d.currency = _CURRENCY_WORDS[toks[d.start_tok - 1]]
            d.start_tok -= 1
        if (
            d.currency is None
            and d.j < n
            and toks[d.j] in _CURRENCY_WORDS
            and self.plain_gap(d.j)
            and d.kind != "percent"
        ):
            d.currency = _CURRENCY_WORDS[toks[d.j]]
            d.j += 1
        if d.currency is not None:
            d.kind, d.unit = "money", d.currency
        d.time_unit = d.hyphen_unit
        if (
            d.time_unit is None
            and d.kind == "count"
            and d.j < n
            and toks[d.j] in _TIME_UNITS
            and (self.plain_gap(d.j) or self.gap(d.j).strip() in ("-", ""))
        ):
            if not (toks[d.j] == "h" and self.gap(d.j) != ""):
                d.time_unit = toks[d.j]
                d.measured_by_hyphen = self.gap(d.j).strip() == "-"
                d.j += 1
        elif d.hyphen_unit is not None:
            d.measured_by_hyphen = True
        if d.time_unit is not None and d.kind == "count":
            nu, factor = _TIME_UNITS[d.time_unit]
            d.kind, d.unit = "duration", nu
            d.value *= factor
            if d.low is not None:
                d.low *= factor
                d.high *= factor
            # "an hour and 45 minutes", "two hours and a half", "1 hour 30 minutes"
            if nu == "minutes" and factor == 60.0 and d.j < n:
                k = d.j + 1 if toks[d.j] == "and" else d.j
                if k + 1 < n and toks[k] == "a" and toks[k + 1] == "half" and k > d.j:
                    d.value += 30
                    d.j = k + 2
                elif k < n:
                    extra = None
                    if toks[k][0].isdigit():
                        dv = _digit_value(toks[k])
                        extra = (dv, k + 1) if dv is not None else None
                    elif toks[k] in _UNITS or toks[k] in _TENS or toks[k].split("-")[0] in _TENS:
                        extra = self.words_number(k)
                    if extra and extra[1] < n and toks[extra[1]] in ("minutes", "minute", "mins", "min"):
                        d.value += extra[0]
                        d.j = extra[1] + 1
        if d.kind == "count" and d.j < n:
            g = self.gap(d.j).strip()
            if toks[d.j] in _AREA and g in ("", "-"):
                d.kind, d.unit, d.value = "area", "km2", d.value * _AREA[toks[d.j]]
                d.j += 1
            elif d.j + 1 < n and toks[d.j] == "square" and (toks[d.j + 1] in _DIST):
                f = _DIST[toks[d.j + 1]] ** 2
                d.kind, d.unit, d.value = "area", "km2", d.value * f
                if d.low is not None:
                    d.low, d.high = d.low * f, d.high * f
                d.j += 2
            elif toks[d.j] in ("sq",) and d.j + 1 < n and toks[d.j + 1] in _DIST:
                f = _DIST[toks[d.j + 1]] ** 2
                d.kind, d.unit, d.value = "area", "km2", d.value * f
                d.j += 2
            elif toks[d.j] in _DIST and g in ("", "-"):
                f = _DIST[toks[d.j]]
                d.kind, d.unit, d.value = "distance", "km", d.value * f
                if d.low is not None:
                    d.low, d.high = d.low * f, d.high * f
                d.j += 1
        if d.fraction:
            pass  # j already after "of"

    def _approximator(self, d: _Draft) -> None:
        """The approximator before the number, turned into an interval."""
        toks, n = self.toks, self.n
        if d.approx == "" or d.approx == "vague":
            k = d.start_tok
            if d.few_back is not None:
                flo, fhi, kk = d.few_back
                d.low, d.high = flo * d.value, fhi * d.value
                d.approx, k, d.start_tok = "vague", kk, kk
            best = None
            # a phrase ends with one of the approximators' last words (most numbers have none)
            for L in range(_APPROX_MAXLEN, 0, -1) if k > 0 and toks[k - 1] in _APPROX_LAST else ():
                s = k - L
                if s < 0:
                    continue
                phrase = tuple(toks[s:k])
                if (
                    phrase in APPROXIMATORS
                    and all(self.plain_gap(x) or self._symbol_gap(x, k, d) for x in range(s + 1, k + 1) if x < n)
                    and self.sents[s] == d.sent
                ):
                    best = (s, APPROXIMATORS[phrase], " ".join(phrase))
                    break
            if best is not None and d.approx != "vague":
                # "some" before a plural count noun is an approximator only before digits/number words
                d.start_tok, akind, aphrase = best
                d.approx = aphrase
                if akind == "about":
                    d.low, d.high = d.value * (1 - self.tol), d.value * (1 + self.tol)
                elif akind == "nearly":
                    d.low, d.high = d.value * (1 - self.near), d.value
                elif akind == "little_over":
                    d.low, d.high = d.value, d.value * (1 + self.near)
                elif akind == "over":
                    d.low, d.high = d.value, math.inf
                elif akind == "under":
                    d.low, d.high = 0.0, d.value
        if d.low is None:
            # a figure rounded before a scale word covers what rounds to it ("2.1 million": 2.05-2.15 million)
            d.low, d.high = d.value - d.rounding, d.value + d.rounding

    def _symbol_gap(self, x: int, k: int, d: _Draft) -> bool:
        """The gap before the number holds its currency symbol ("nearly $400 million")."""
        return (
            x == k
            and d.currency is not None
            and self.gap(x).strip() in _CURRENCY_SYMBOLS
            and self.sents[x] == self.sents[x - 1]
        )

    def _counted(self, d: _Draft) -> None:
        """What is counted (the head noun, an outcome) or measured (for a duration)."""
        i, toks, n = d.i, self.toks, self.n
        if d.kind in ("count", "money", "percent", "area", "distance"):
            k = d.j
            if d.kind == "count" and k < n and toks[k] == "of" and (d.vague or d.t in ("dozen",)):
                k += 1
            if d.kind in ("money",) and k < n and toks[k] in ("in", "for", "of", "worth") and self.plain_gap(k):
                k += 1
            if d.kind == "percent" and k < n and toks[k] == "of" and self.plain_gap(k):
                k += 1
            if d.kind in ("area", "distance") and k < n and toks[k] == "of" and self.plain_gap(k):
                k += 1
            if k < n and toks[k] in ("the", "their", "its", "his", "her", "our") and self.plain_gap(k):
                k += 1
            d.counted, k_end = self._head_noun(k, allow_names=d.kind == "percent")
            if d.kind in ("count",):
                if d.counted:
                    d.j = max(d.j, k_end)
                outcome = self._outcome(d.start_tok, d.j)
                if outcome and (d.counted or d.vague or d.value < 1e7):
                    # one name per thing counted: "two soldiers were killed", "three people died" -> deaths
                    d.counted = _OUTCOME_COUNTED.get(outcome, f"{d.counted or 'person'} {outcome}")
        elif d.kind == "duration":
            d.counted = self._measured(i, d.j, d.measured_by_hyphen)

    def _per_side_and_build(self, d: _Draft) -> tuple[list[Quantity], int]:
        """Per side / each, the total, and the Quantity."""
        i = d.i
        d.per, j_per = self._per(d.j, d.counted)
        mult = 1
        if d.per and d.kind in ("count", "money"):
            mult = self.sides
            d.j = j_per
        elif d.per:
            d.per = ""
        t_lo, t_hi = d.low * mult, d.high * mult
        s_char, e_char = self.starts[d.start_tok], self.ends[max(d.j - 1, i)]
        if d.currency is not None:  # include the symbol
            g = self.gap(d.start_tok)
            for sym in _CURRENCY_SYMBOLS:
                p = g.rfind(sym)
                if p >= 0:
                    s_char = self.starts[d.start_tok] - (len(g) - p)
                    break
        q = Quantity(
            start=s_char,
            end=e_char,
            text=self.text[s_char:e_char],
            kind=d.kind,
            value=float(d.value),
            value_low=float(d.low),
            value_high=float(d.high),
            unit=d.unit,
            counted=d.counted,
            per=d.per,
            multiplier=mult,
            total_low=float(t_lo),
            total_high=float(t_hi),
            approx=d.approx,
            sentence_index=int(d.sent),
        )
        return [q], max(d.j, i + 1)

    def _vote(self, i: int, j: int, a: float, b: float, sent: int) -> tuple[list[Quantity], int]:
        s, e = self.starts[i], self.ends[j - 1]
        txt = self.text[s:e]
        qs = [
            Quantity(s, e, txt, "vote", a, a, a, "votes", "vote for", total_low=a, total_high=a, sentence_index=sent),
            Quantity(
                s, e, txt, "vote", b, b, b, "votes", "vote against", total_low=b, total_high=b, sentence_index=sent
            ),
        ]
        return qs, j
