"""The tokens of one Document as the quantity parser reads them: gaps between tokens,
original spellings, numbers written in words or digits, dates and labels that are not quantities."""

from __future__ import annotations

import re

from ..text import Document
from .quantity_words import (
    _AGE_AFTER,
    _AGE_BEFORE,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _LABEL_WORDS,
    _MONTHS,
    _SCALES,
    _SHORT_SCALES,
    _TENS,
    _UNITS,
)

__all__: list[str] = []

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


class _TokenView:
    """Token access for the parser: offsets, gaps, spellings, numbers in words, dates and labels."""

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
            return self.text[self.ends[-1] :]
        return self.text[self.ends[i - 1] : self.starts[i]]

    def orig(self, i: int) -> str:
        if self.title_case:
            return self.toks[i]
        return self.text[self.starts[i] : self.ends[i]]

    def tok(self, i: int) -> str:
        return self.toks[i] if 0 <= i < self.n else ""

    def plain_gap(self, i: int) -> bool:
        """Only spaces between token i-1 and i (same sentence)."""
        if 0 < i < self.n:  # the common case, without a call to gap()
            if self.sents[i] != self.sents[i - 1]:
                return False
            g = self.text[self.ends[i - 1] : self.starts[i]]
            return g == " " or g == "" or (g.isspace() and "\n" not in g)
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
            elif (
                t == "and"
                and seen
                and j + 1 < self.n
                and (self.toks[j + 1] in _UNITS or self.toks[j + 1] in _TENS or self.toks[j + 1].split("-")[0] in _TENS)
            ):
                pass
            else:
                break
            seen = True
            j += 1
        if not seen:
            return None
        return total + current, j

    # -- main ------------------------------------------------------------------------
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
        if i + 1 < self.n and nxt_t in ("a.m", "p.m", "am", "pm", "gmt", "utc", "cet"):
            return True
        # an age, not a count: "a 17-year-old", "10 years old", "aged 17", "under the age of 2"
        if nxt_t in _AGE_AFTER or (nxt_t in ("year", "years") and self.tok(i + 2) == "old"):
            return True
        if prev_t in _AGE_BEFORE or (prev_t == "of" and self.tok(i - 2) == "age"):
            return True
        if "," not in tok and "." not in tok and 1000 <= value <= 2100 and value == int(value):
            # a year unless a currency or scale follows
            g = self.gap(i)
            if (
                not any(s in g for s in _CURRENCY_SYMBOLS)
                and nxt_t not in _SHORT_SCALES
                and nxt_t not in _SCALES
                and nxt_t not in _CURRENCY_WORDS
            ):
                return True
        return False
