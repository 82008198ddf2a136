"""The readable reference of the tokenizer and the sentence splitter: a test oracle.

The package has one implementation of each (:mod:`framing.text`, on arrays of character
codes, many texts at once). This module says the same rules the plain way, with regular
expressions and a loop over candidate sentence ends, so that property tests can check
the package against it on random and real texts. Nothing in the package imports it.
"""

from __future__ import annotations

import re

from framing.quotemarks import CLOSING, OPENING
from framing.text import ENDERS, TITLES, fold

# --- Tokens ------------------------------------------------------------------------------

#: Characters that do not show and must not split a word: soft hyphen, zero-width
#: space, non-joiner, joiner, word joiner, zero-width no-break space.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_W = rf"[\w{INVISIBLE}]"  # a word character, invisible ones included

#: Word tokens, matched on the lower-cased text: numbers with separators ("2,000", "3.5%"),
#: words with inner apostrophes or hyphens. A word starts at a letter, but not right after
#: an apostrophe that follows a word character (the "s" of "Zelensky's"; the "K" of
#: "'Kharkiv" does start one), nor at a lone "s" after an apostrophe ("U.S.'s"). A
#: possessive "'s" is not part of the word.
TOKEN_PATTERN = (
    r"\d+(?:[.,]\d+)*%?"
    rf"|(?<!{_W}['’])(?!(?<=['’])s(?!{_W}))[^\W\d_]{_W}*(?:(?:['’](?!s(?!{_W}))|[\-‐‑]){_W}+)*"
)


def lower_same_length(text: str) -> str:
    """``text`` lower-cased character by character, a character whose lower case is
    longer ("İ") kept as it is, so that offsets stay put."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens (each ``fold(text[start:end])``) with their start and end offsets."""
    spans = [m.span() for m in re.finditer(TOKEN_PATTERN, lower_same_length(text))]
    return [fold(text[a:b]) for a, b in spans], [a for a, _ in spans], [b for _, b in spans]


# --- Sentences ---------------------------------------------------------------------------

_OPEN = re.escape("".join(sorted(OPENING))) + r"(\["
_CLOSE = re.escape("".join(sorted(CLOSING))) + r")\]"

#: A candidate sentence end: terminal punctuation, closing quotes or brackets, white space.
END_RE = re.compile(rf"([.!?…]+)([{_CLOSE}]*)(\s+)")
#: The next sentence's first character, after opening quotes or brackets and white space.
NEXT_RE = re.compile(rf"[{_OPEN}]*\s*(\S)([\w'’-]*)")
LINE_RE = re.compile(r"[^\n]+")

#: Words that start a sentence often enough that an ambiguous abbreviation before them ends one.
STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "in",
        "on",
        "at",
        "for",
        "this",
        "that",
        "these",
        "those",
        "there",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "after",
        "before",
        "when",
        "while",
        "if",
        "as",
        "however",
        "meanwhile",
        "still",
        "also",
        "then",
        "now",
        "some",
        "many",
        "most",
        "both",
        "what",
        "who",
        "why",
        "how",
    ]
)


def is_boundary(text: str, m: re.Match[str]) -> bool:
    """Whether the candidate end ``m`` (of :data:`END_RE`) ends a sentence."""
    after = NEXT_RE.match(text, m.end())
    if after is None:
        return True
    first, rest = after.group(1), after.group(2)
    if first.islower():  # "Why?" he asked; "approx. ten"
        return False
    if m.group(1) == ".":
        start = m.start()
        raw = text[text.rfind(" ", max(0, start - 30), start) + 1 : start].lstrip("".join(OPENING) + "([")
        if raw:
            word = raw.rstrip(".").lower()
            if word in TITLES:
                return False
            if word in ("no", "nos") and first.isdigit():  # "No. 10"
                return False
            if len(word) == 1 and raw[-1].isupper() and not m.group(2):  # "J. Smith"
                return False
            if word in ENDERS or ("." in word and len(word) <= 5):
                return (first + rest).lower() in STARTERS
    return True


def sentence_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the sentences: every line is split at the candidate ends
    that :func:`is_boundary` accepts; white space around sentences is left out."""
    starts: list[int] = []
    ends: list[int] = []
    for line in LINE_RE.finditer(text):
        pos, stop = line.start(), line.end()
        for m in END_RE.finditer(text, pos, stop):
            if is_boundary(text, m):
                _add(text, pos, m.start(3), starts, ends)
                pos = m.end()
        _add(text, pos, stop, starts, ends)
    return starts, ends


def _add(text: str, a: int, b: int, starts: list[int], ends: list[int]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        starts.append(a)
        ends.append(b)
