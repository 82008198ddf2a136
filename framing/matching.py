"""Phrase matching on word boundaries after normalisation, with exclusions.

This is the one way framing finds lexicon terms in text. Phrases and text are
tokenised alike and compared token by token after :func:`framing.text.fold`, so
"Kiev" never matches "Kievan", "war" never matches "award", and "Kyïv" matches
"Kyiv". An exclusion phrase ("Chicken Kiev", "Kievan Rus") removes any match that
lies inside one of its occurrences.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from .corpus import Corpus
from .errors import ParameterError
from .text import tokenize

__all__ = ["PhraseMatcher", "MATCH_COLUMNS", "phrase_tokens"]

#: Columns of :meth:`PhraseMatcher.find`.
MATCH_COLUMNS = [
    "article_id",
    "key",
    "match",
    "start",
    "end",
    "sentence_index",
    "token_start",
    "token_end",
]


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """The normalised tokens of a lexicon phrase.

    >>> phrase_tokens("Full-scale  INVASION")
    ('full-scale', 'invasion')
    """
    return tuple(tokenize(phrase)[0])


@dataclass(frozen=True, slots=True)
class _Entry:
    tokens: tuple[str, ...]
    key: Hashable
    exclusions: tuple[tuple[tuple[str, ...], int], ...]  # (tokens, offset of phrase inside)


class PhraseMatcher:
    """Find many phrases at once in a corpus.

    Parameters
    ----------
    phrases:
        ``(phrase, key)`` pairs: the text to find and what to report it as (for
        example a lexicon row id). Several phrases may share a key.
    exclusions:
        Optional ``phrase -> [fixed expressions]``: a match of ``phrase`` is dropped
        where it is part of one of these expressions (e.g. ``{"Kiev": ["Chicken
        Kiev", "Kievan Rus"]}``). Each expression must contain the phrase.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_texts(["Kiev and Kyiv. Chicken Kiev is a dish; Kievan Rus was a state."])
    >>> m = PhraseMatcher([("Kiev", "kiev"), ("Kyiv", "kyiv")],
    ...                   exclusions={"Kiev": ["Chicken Kiev"]})
    >>> m.find(c)[["key", "match"]].values.tolist()
    [['kiev', 'Kiev'], ['kyiv', 'Kyiv']]
    """

    def __init__(
        self,
        phrases: Iterable[tuple[str, Hashable]],
        *,
        exclusions: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        exclusions = dict(exclusions or {})
        excl_tokens: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] = {}
        for phrase, fixed in exclusions.items():
            if isinstance(fixed, str):
                fixed = [fixed]
            p = phrase_tokens(phrase)
            for expr in fixed:
                e = phrase_tokens(expr)
                off = _find_sub(e, p)
                if off < 0:
                    raise ParameterError(
                        f"PhraseMatcher: the exclusion {expr!r} does not contain the phrase {phrase!r}; "
                        "an exclusion must be a longer fixed expression that includes the phrase."
                    )
                excl_tokens.setdefault(p, []).append((e, off))
        self._by_first: dict[str, list[_Entry]] = {}
        n = 0
        for phrase, key in phrases:
            toks = phrase_tokens(phrase)
            if not toks:
                raise ParameterError(f"PhraseMatcher: the phrase {phrase!r} has no word in it.")
            entry = _Entry(toks, key, tuple(excl_tokens.get(toks, ())))
            self._by_first.setdefault(toks[0], []).append(entry)
            n += 1
        for entries in self._by_first.values():  # longest first
            entries.sort(key=lambda e: -len(e.tokens))
        self.n_phrases = n

    def find_in(self, tokens: list[str]) -> list[tuple[int, int, Hashable]]:
        """Matches in one token list as ``(token_start, token_end, key)``.

        At each position every phrase that matches is reported (overlapping phrases
        with different keys are all kept), except where an exclusion applies.
        """
        by_first = self._by_first
        out: list[tuple[int, int, Hashable]] = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            entries = by_first.get(tok)
            if entries is None:
                continue
            for e in entries:
                L = len(e.tokens)
                if L > 1 and tuple(tokens[i : i + L]) != e.tokens:
                    continue
                if e.exclusions and _excluded(tokens, i, e.exclusions, n):
                    continue
                out.append((i, i + L, e.key))
        return out

    def find(self, corpus: Corpus) -> pd.DataFrame:
        """All matches in ``corpus``, one row each, with offsets into the original text.

        Columns: article_id, key, match (original characters), start, end (character
        offsets), sentence_index, token_start, token_end.
        """
        rows = []
        for art in corpus:
            doc = corpus.document(art)
            for a, b, key in self.find_in(doc.tokens):
                s, e = int(doc.tok_starts[a]), int(doc.tok_ends[b - 1])
                rows.append((art.id, key, doc.text[s:e], s, e, int(doc.tok_sent[a]), a, b))
        return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def _find_sub(seq: tuple[str, ...], sub: tuple[str, ...]) -> int:
    L = len(sub)
    for i in range(len(seq) - L + 1):
        if seq[i : i + L] == sub:
            return i
    return -1


def _excluded(tokens, i, exclusions, n) -> bool:
    for expr, off in exclusions:
        s = i - off
        if s >= 0 and s + len(expr) <= n and tuple(tokens[s : s + len(expr)]) == expr:
            return True
    return False
