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

import numpy as np
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

    def _scan(self, corpus: Corpus, arts: list) -> tuple[list[int], list[int], list[int], list[Hashable]]:
        """Matches in ``arts`` as parallel lists: article index, token start, length, key.

        In article order, then position, then longest phrase, then phrase order
        (the order of :meth:`find_in`). Candidate positions come from one vectorised
        lookup of every token id against the phrases' first words; only those
        positions are checked.
        """
        m_art: list[int] = []
        m_pos: list[int] = []
        m_len: list[int] = []
        m_key: list[Hashable] = []
        if not arts or not self._by_first:
            return m_art, m_pos, m_len, m_key
        id_lists = [corpus.token_ids(a) for a in arts]
        vocab = corpus.vocabulary()
        first_ids = [vocab[t] for t in self._by_first if t in vocab]
        if not first_ids:
            return m_art, m_pos, m_len, m_key
        all_ids = np.concatenate(id_lists)
        indptr = np.zeros(len(id_lists) + 1, dtype=np.int64)
        np.cumsum([len(x) for x in id_lists], out=indptr[1:])
        is_first = np.zeros(len(vocab), dtype=bool)
        is_first[first_ids] = True
        hits = np.flatnonzero(is_first[all_ids])
        bounds = np.searchsorted(hits, indptr)  # hits of article k: hits[bounds[k]:bounds[k+1]]
        by_first = self._by_first
        for k in np.flatnonzero(np.diff(bounds)).tolist():
            tokens = corpus.document(arts[k]).tokens
            n = len(tokens)
            base = int(indptr[k])
            for pos in (hits[bounds[k] : bounds[k + 1]] - base).tolist():
                for e in by_first[tokens[pos]]:
                    L = len(e.tokens)
                    if L > 1 and tuple(tokens[pos : pos + L]) != e.tokens:
                        continue
                    if e.exclusions and _excluded(tokens, pos, e.exclusions, n):
                        continue
                    m_art.append(k)
                    m_pos.append(pos)
                    m_len.append(L)
                    m_key.append(e.key)
        return m_art, m_pos, m_len, m_key

    def find_tokens(self, corpus: Corpus, articles: list) -> list[list[tuple[int, int, Hashable]]]:
        """:meth:`find_in` for each of ``articles`` of ``corpus`` (in that order), in one corpus pass."""
        out: list[list[tuple[int, int, Hashable]]] = [[] for _ in articles]
        for k, pos, L, key in zip(*self._scan(corpus, list(articles))):
            out[k].append((pos, pos + L, key))
        return out

    def find(self, corpus: Corpus) -> pd.DataFrame:
        """All matches in ``corpus``, one row each, with offsets into the original text.

        Columns: article_id, key, match (original characters), start, end (character
        offsets), sentence_index, token_start, token_end.
        """
        arts = list(corpus)
        m_art, m_pos, m_len, m_key = self._scan(corpus, arts)
        if not m_art:
            return pd.DataFrame(columns=MATCH_COLUMNS)
        # offsets for all matches at once
        ka = np.asarray(m_art)
        pa = np.asarray(m_pos)
        la = np.asarray(m_len)
        lens = np.fromiter((len(corpus.token_ids(a)) for a in arts), dtype=np.int64, count=len(arts))
        g = np.r_[0, np.cumsum(lens)[:-1]][ka] + pa
        doc_list = [corpus.document(a) for a in arts]
        starts = np.concatenate([d.tok_starts for d in doc_list])[g]
        ends = np.concatenate([d.tok_ends for d in doc_list])[g + la - 1]
        sents = np.concatenate([d.tok_sent for d in doc_list])[g]
        texts = [doc_list[k].text for k in m_art]
        return pd.DataFrame(
            {
                "article_id": [arts[k].id for k in m_art],
                "key": m_key,
                "match": [t[a:b] for t, a, b in zip(texts, starts.tolist(), ends.tolist())],
                "start": starts,
                "end": ends,
                "sentence_index": sents,
                "token_start": pa,
                "token_end": pa + la,
            },
            columns=MATCH_COLUMNS,
        )


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
