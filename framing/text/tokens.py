"""Word tokens with character offsets.

The grammar, applied to the lower-cased text (a character whose lower case is longer,
as "İ", is read as it is):

1. A *word character* is one that ``re`` calls ``\\w`` (``str.isalnum()`` or "_"), or one
   that does not show (:data:`~framing.text.normalize.INVISIBLE`: soft hyphen, zero-width
   space and joiners), so "Ky\\u200biv" is one word. Runs of word characters are *joined*
   by a single apostrophe (``'`` ``’``) or hyphen (``-`` ``‐`` ``‑``) between them, except
   an apostrophe before a lone "s" (the possessive "'s").
2. A word starts at a letter (a word character that is no digit, no "_" and shows), but
   not at one right after an apostrophe that follows a word character (the "s" of
   "Zelensky's"; the "K" of "'Kharkiv" after an opening single quote does start one), nor
   at a lone "s" after an apostrophe (the possessive of "U.S.'s"). It takes the joined
   runs after it: "o'brien", "full-scale", "pro-kiev".
3. A number is a run of digits, with more runs after single "." or "," ("2,000", "3.5"),
   and a "%" right after it.
4. Everything else ("_", a possessive "s", a "." after a number) starts no token.

Each token is ``fold(text[start:end])`` (see :func:`~framing.text.fold`).
``tests/_reference_text.py`` states the grammar as one plain regular expression, the
test oracle; the pattern here finds the same tokens, rewritten for speed (see
``_SPLIT_SOURCE``), and one ``re.split`` in C finds them all.
"""

from __future__ import annotations

import re

import numpy as np

from .normalize import INVISIBLE, fold_nonascii

__all__ = ["JOIN", "TOKEN_PATTERN", "Tokens", "lower_same_length", "tokenize", "tokenize_joined"]

Tokens = tuple[list[str], np.ndarray, np.ndarray]

_W = rf"[\w{INVISIBLE}]"
#: The grammar above as one regular expression, matched on the lower-cased text (for
#: reading, and for tools that take a token pattern).
TOKEN_PATTERN = (
    r"\d+(?:[.,]\d+)*%?"
    rf"|(?<!{_W}['’])(?!(?<=['’])s(?!{_W}))[^\W\d_]{_W}*(?:(?:['’](?!s(?!{_W}))|[\-‐‑]){_W}+)*"
)

#: :data:`TOKEN_PATTERN` rewritten so the regex engine runs faster; it finds the same
#: tokens in the text prepared by :func:`_prepare` (the tests check it against the reference):
#:
#: - The invisible characters are replaced by "_" beforehand, a word character that is
#:   no letter nor digit just as they are, so the pattern needs only ``\w``.
#: - Every token starts with a word character, so the pattern starts with that single
#:   class and the engine skips spaces and punctuation in C.
#: - After that first character, look-arounds tell a letter (no digit or "_"; not after
#:   an apostrophe after a word character; not a possessive "s") from a digit. Neither
#:   starts at "_".
#: - Quantifiers are possessive (the engine keeps no backtracking points): nothing
#:   follows them, so the pattern never backtracks into them. Every step is linear in
#:   the length of the text, however long a word.
#:
#: The outer group makes ``re.split`` return gaps and tokens alternately.
_SPLIT_SOURCE = r"""(
    \w
    (?:
        (?<![\d_]) (?<!\w['’]\w)                # a letter, not after an apostrophe ...
        (?! (?<=['’]s) \b )                       # ... nor a possessive "s"
        \w*+ (?: (?:['’](?!s\b)|[\-‐‑]) \w+ )*+   # inner apostrophes and hyphens, not "'s"
      |
        (?<=\d)                                   # a digit
        \d*+ (?: [.,]\d+ )*+ %?
    )
)"""
_SPLIT_RE = re.compile(_SPLIT_SOURCE, re.VERBOSE)
#: The same for ASCII-only text: on ASCII characters the ASCII ``\w``, ``\d`` and ``\b``
#: mean exactly what the Unicode ones do, and are cheaper to test.
_SPLIT_ASCII_RE = re.compile(_SPLIT_SOURCE, re.VERBOSE | re.ASCII)
_HIDE_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE, "_"))
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")


def lower_same_length(text: str) -> str:
    """``text`` lower-cased, a character whose lower case is longer ("İ") kept as it is,
    so that offsets stay put."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _prepare(text: str) -> str:
    """The text the split pattern reads: lower case (:func:`lower_same_length`), the
    invisible characters made "_"."""
    low = lower_same_length(text)
    if not low.isascii() and _INVISIBLE_RE.search(low):
        low = low.translate(_HIDE_INVISIBLE)
    return low


def tokenize(text: str) -> Tokens:
    """Normalised tokens of ``text`` with their start and end offsets (``int64`` arrays).

    One ``re.split`` in C gives gaps and tokens alternately; their lengths give the
    offsets. NumPy finds those lengths (the parts are joined with NUL characters, and the
    NULs located), so no Python work is done per token; only tokens with non-ASCII
    characters are folded one by one.

    >>> toks, starts, ends = tokenize("'Kharkiv’s 2,000 pro-Kiev prisoners")
    >>> toks, starts.tolist(), ends.tolist()
    (['kharkiv', '2,000', 'pro-kiev', 'prisoners'], [1, 11, 17, 26], [8, 16, 25, 35])
    """
    return _tokens_of(text)


#: What :func:`tokenize_joined` puts between texts: characters that are no word character,
#: apostrophe, hyphen, digit nor "%", more of them than any look-behind of the grammar
#: reads (3), so no token crosses it and none changes beside it.
JOIN = "\n\n\n\n"


def tokenize_joined(texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """:func:`tokenize` of several texts at once: one split over the texts joined by :data:`JOIN`.

    Returns the tokens of all texts, in order, their start and end offsets into the joined
    text (``int64``), and where each text begins in it. The tokens are those of
    :func:`tokenize` of each text, offsets shifted by the text's start.

    >>> toks, starts, ends, bases = tokenize_joined(["Kyiv said", "no"])
    >>> toks, starts.tolist(), bases.tolist()
    (['kyiv', 'said', 'no'], [0, 5, 13], [0, 13])
    """
    n = len(texts)
    bases = np.zeros(n, dtype=np.int64)
    if n > 1:
        np.cumsum(np.fromiter(map(len, texts[:-1]), dtype=np.int64, count=n - 1) + len(JOIN), out=bases[1:])
    toks, starts, ends = _tokens_of(JOIN.join(texts))
    return toks, starts, ends, bases


def _tokens_of(text: str) -> Tokens:
    prepared = _prepare(text)
    is_ascii = text.isascii()
    parts = (_SPLIT_ASCII_RE if prepared.isascii() else _SPLIT_RE).split(prepared)
    tokens = parts[1::2]
    if not tokens:
        empty = np.zeros(0, dtype=np.int64)
        return [], empty, empty.copy()
    if "\x00" in prepared:  # the NUL trick below needs a character the text lacks
        bounds = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
    else:
        joined = "\x00".join(parts)
        del parts
        if joined.isascii():
            codes = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
        else:
            codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        del joined
        # The k-th NUL of the joined string sits at the end of part k, plus k.
        nuls = np.flatnonzero(codes == 0)
        del codes
        nuls -= np.arange(len(nuls))
        bounds = nuls
    # Part 2i is the gap before token i, part 2i + 1 is token i.
    starts, ends = bounds[0:-1:2].copy(), bounds[1::2].copy()
    if not is_ascii:  # ASCII tokens are folded already (lower case): fold the others
        wide = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        at = np.flatnonzero(wide > 127)  # the non-ASCII characters, in the tokens that hold them
        del wide
        k = np.searchsorted(starts, at, side="right") - 1
        for i in np.unique(k[(k >= 0) & (at < ends[np.maximum(k, 0)])]).tolist():
            tokens[i] = fold_nonascii(text[starts[i] : ends[i]])
    return tokens, starts, ends
