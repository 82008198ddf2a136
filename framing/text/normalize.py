"""Normalisation for matching: :func:`fold`, and the characters that do not show.

Matching uses a normalised form of each token: NFKC, case folded, accents removed,
curly apostrophes, quotation marks and dashes made plain, and the characters that do
not show (soft hyphen, zero-width space and joiners) removed, so "Kyïv", "KYIV",
"Ky\\u200biv" and "Kyiv" compare equal.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..quotemarks import CLOSING, OPENING, QUOTE_PAIRS

__all__ = ["INVISIBLE", "fold"]

#: Characters that do not show and must not split a word: soft hyphen, zero-width space,
#: zero-width non-joiner and joiner, word joiner, zero-width no-break space (BOM). The
#: tokenizer counts them as word characters; :func:`fold` removes them.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

_SINGLE_MARKS = frozenset("'‘’‚‹›")


def _translation() -> dict[int, str | None]:
    """Plain apostrophes, quotation marks and dashes; no invisible characters."""
    table: dict[int, str | None] = {ord(c): "'" for c in "’‘ʼ`´"}
    for mark in (OPENING | CLOSING) - {'"', "'"}:
        table[ord(mark)] = "'" if mark in _SINGLE_MARKS else '"'
    table.update({ord(c): "-" for c in "‐‑‒–—"})
    table.update({ord(c): None for c in INVISIBLE})
    assert set(QUOTE_PAIRS) <= OPENING
    return table


_TRANSLATE = _translation()


@lru_cache(maxsize=200_000)
def fold_nonascii(s: str) -> str:
    """:func:`fold` of a string with non-ASCII characters."""
    s = unicodedata.normalize("NFKC", s).translate(_TRANSLATE).casefold()
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(s: str) -> str:
    """Normalise a string for matching: NFKC, casefold, no accents, plain apostrophes.

    >>> fold("Kyïv"), fold("KYIV"), fold("Zelensky’s"), fold("Ky\\u200biv")
    ('kyiv', 'kyiv', "zelensky's", 'kyiv')
    """
    if s.isascii():
        return s.lower().translate(_TRANSLATE)
    return fold_nonascii(s)
