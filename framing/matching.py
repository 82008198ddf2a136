"""Phrase matching on word boundaries after normalisation, with exclusions.

This is the one way framing finds lexicon terms in text. Phrases and text are
tokenised alike and compared token by token after :func:`framing.text.fold`, so
"Kiev" never matches "Kievan", "war" never matches "award", and "Kyïv" matches
"Kyiv". An exclusion phrase ("Chicken Kiev", "Kievan Rus") removes any match that
lies inside one of its occurrences.

A hyphenated compound is one token ("pro-kiev", "kyiv-based", "biden-zelensky"). With
``parts=True`` a one-word phrase also matches a part of a compound, or a run of its
parts ("Kiev" in "pro-Kiev", "Kyiv" in "Kyiv-based", both "Biden" and "Zelensky" in
"Biden-Zelensky", "war" in "anti-war"), and the match is the whole compound (its token
and its characters are the evidence). A phrase that matches the compound itself, or a
longer phrase over it, takes precedence: no part match is reported at a token that a
whole match covers. An exclusion ("Chicken Kiev") also removes a part match where the
compound holds it ("Chicken-Kiev"). Phrases of several words match whole tokens only.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from ._log import logger
from .corpus import Corpus
from .errors import ParameterError
from .lexicons import split_list
from .text import tokenize

__all__ = [
    "MATCH_COLUMNS",
    "Matches",
    "PhraseMatcher",
    "keep_longest",
    "keep_longest_mask",
    "lexicon_matcher",
    "phrase_tokens",
]

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


class Matches(NamedTuple):
    """Matches of a :class:`PhraseMatcher` in a corpus, as parallel arrays (one entry per match).

    ``article`` is the article's place in corpus order, ``token_start``/``token_end``
    the token span within the article, ``entry`` the phrase's index
    (:meth:`PhraseMatcher.keys` gives its key), ``start``/``end`` the character offsets
    and ``sentence_index`` the sentence of the first token. In article order, then
    position, then longest phrase, then phrase order.
    """

    article: np.ndarray
    token_start: np.ndarray
    token_end: np.ndarray
    entry: np.ndarray
    start: np.ndarray
    end: np.ndarray
    sentence_index: np.ndarray


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
    parts:
        Also match one-word phrases inside hyphenated compounds ("Kiev" in "pro-Kiev"),
        reporting the whole compound (see the module docstring).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_texts(["Kiev and Kyiv. Chicken Kiev is a dish; Kievan Rus was a state."])
    >>> m = PhraseMatcher([("Kiev", "kiev"), ("Kyiv", "kyiv")],
    ...                   exclusions={"Kiev": ["Chicken Kiev"]})
    >>> m.find(c)[["key", "match"]].values.tolist()
    [['kiev', 'Kiev'], ['kyiv', 'Kyiv']]
    >>> c = Corpus.from_texts(["Pro-Kiev groups met Kyiv-based Biden-Zelensky aides."])
    >>> m = PhraseMatcher([("Kiev", "kiev"), ("Kyiv", "kyiv"), ("Zelensky", "z")], parts=True)
    >>> m.find(c)[["key", "match"]].values.tolist()
    [['kiev', 'Pro-Kiev'], ['kyiv', 'Kyiv-based'], ['z', 'Biden-Zelensky']]
    """

    def __init__(
        self,
        phrases: Iterable[tuple[str, Hashable]],
        *,
        exclusions: Mapping[str, Iterable[str]] | None = None,
        parts: bool = False,
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
        self._entries: list[_Entry] = []
        for phrase, key in phrases:
            toks = phrase_tokens(phrase)
            if not toks:
                raise ParameterError(f"PhraseMatcher: the phrase {phrase!r} has no word in it.")
            self._entries.append(_Entry(toks, key, tuple(excl_tokens.get(toks, ()))))
        self._lengths = np.array([len(e.tokens) for e in self._entries], dtype=np.int64)
        self._has_exclusions = np.array([bool(e.exclusions) for e in self._entries], dtype=bool)
        self.n_phrases = len(self._entries)
        self.parts = bool(parts)
        # one-word phrases by their hyphen parts ("full-scale" -> ("full", "scale")), for parts=True
        self._by_parts: dict[tuple[str, ...], list[int]] = {}
        for i, entry in enumerate(self._entries):
            if len(entry.tokens) == 1:
                self._by_parts.setdefault(tuple(entry.tokens[0].split("-")), []).append(i)

    def find_in(self, tokens: list[str]) -> list[tuple[int, int, Hashable]]:
        """Matches in one token list as ``(token_start, token_end, key)``.

        At each position every phrase that matches is reported (overlapping phrases
        with different keys are all kept), except where an exclusion applies; in order
        of position, then longest phrase, then phrase order.
        """
        vocab: dict[str, int] = {}
        ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in tokens), dtype=np.int64, count=len(tokens))
        _, pos, length, entry = self._match_ids(ids, np.array([0, len(ids)], dtype=np.int64), vocab)
        keys = [self._entries[e].key for e in entry.tolist()]
        return list(zip(pos.tolist(), (pos + length).tolist(), keys))

    def _match_ids(
        self,
        all_ids: np.ndarray,
        indptr: np.ndarray,
        vocab: Mapping[str, int],
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every match in concatenated token ids, on whole arrays.

        ``all_ids`` holds the token ids (in ``vocab``) of several documents one after
        another, document ``k`` at ``all_ids[indptr[k]:indptr[k + 1]]``. Returns parallel
        arrays: document index, token position within it, phrase length and entry index,
        sorted by document, position, longest phrase, then phrase order.

        For each phrase length, candidate positions are those whose token starts a phrase
        of that length; the candidate n-grams are hashed (64-bit, wrapping) and looked up
        among the phrases' hashes, and every hit is then checked token by token, so a hash
        collision can never produce a false match. A match inside one of its phrase's
        exclusions ("Chicken Kiev") is dropped, also on whole arrays.
        """
        out_pos: list[np.ndarray] = []
        out_entry: list[np.ndarray] = []
        n_vocab = len(vocab)
        for L, (E, first_ids, sorted_h, order, entry_idx) in self._by_length(vocab).items():
            is_first = np.zeros(n_vocab, dtype=bool)
            is_first[first_ids] = True
            cand = np.flatnonzero(is_first[all_ids])
            if not len(cand):
                continue
            if L > 1:
                doc = np.searchsorted(indptr, cand, side="right") - 1
                cand = cand[cand + L <= indptr[doc + 1]]
                if not len(cand):
                    continue
            h = _hash_rows(np.stack([all_ids[cand + j] for j in range(L)], axis=1))
            lo = np.searchsorted(sorted_h, h, side="left")
            hi = np.searchsorted(sorted_h, h, side="right")
            n_hit = hi - lo
            if not n_hit.any():
                continue
            rep_pos = np.repeat(cand, n_hit)
            # entry indices for each (candidate, matching entry) pair
            starts = np.repeat(lo, n_hit)
            within = np.arange(len(starts)) - np.repeat(np.cumsum(n_hit) - n_hit, n_hit)
            rows = order[starts + within]
            ok = np.ones(len(rows), dtype=bool)
            for j in range(L):  # exact check: no false match from a hash collision
                ok &= all_ids[rep_pos + j] == E[rows, j]
            out_pos.append(rep_pos[ok])
            out_entry.append(entry_idx[rows[ok]])
        if not out_pos:
            out_pos.append(np.zeros(0, dtype=np.int64))
            out_entry.append(np.zeros(0, dtype=np.int64))
        gpos = np.concatenate(out_pos)
        entry = np.concatenate(out_entry)
        length = self._lengths[entry]
        if self._has_exclusions.any():
            keep = np.ones(len(gpos), dtype=bool)
            for e in np.unique(entry[self._has_exclusions[entry]]).tolist():
                rows = np.flatnonzero(entry == e)
                pos = gpos[rows]
                doc = np.searchsorted(indptr, pos, side="right") - 1
                lo, hi = indptr[doc], indptr[doc + 1]
                for expr, off in self._entries[e].exclusions:
                    expr_ids = [vocab.get(t, -1) for t in expr]
                    if min(expr_ids) < 0:
                        continue  # a word of the expression is not in the corpus: it cannot occur
                    s = pos - off
                    inside = (s >= lo) & (s + len(expr) <= hi)
                    s = np.where(inside, s, 0)
                    hit = inside.copy()
                    for j, t in enumerate(expr_ids):
                        hit &= all_ids[np.minimum(s + j, len(all_ids) - 1)] == t
                    keep[rows[hit]] = False
            gpos, entry, length = gpos[keep], entry[keep], length[keep]
        if self.parts:
            p_pos, p_entry = self._part_matches(all_ids, vocab, gpos, length)
            gpos = np.concatenate([gpos, p_pos])
            entry = np.concatenate([entry, p_entry])
            length = np.concatenate([length, np.ones(len(p_pos), dtype=np.int64)])
        order = np.lexsort((entry, -length, gpos))
        gpos, entry, length = gpos[order], entry[order], length[order]
        doc = np.searchsorted(indptr, gpos, side="right") - 1
        return doc, gpos - indptr[doc], length, entry

    def _part_matches(
        self, all_ids: np.ndarray, vocab: Mapping[str, int], whole_pos: np.ndarray, whole_len: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Matches of one-word phrases inside compounds: token positions and entry indices.

        Each compound of ``vocab`` (a token with a hyphen) is split into its parts once;
        every run of its parts shorter than the whole that is a one-word phrase (split
        alike) gives a (compound id, entry) pair, unless an exclusion of the entry
        stands in the compound around it. The pairs are then found at every position of
        the compound on whole arrays, except at the positions a whole match covers.
        """
        empty = np.zeros(0, dtype=np.int64)
        if not self._by_parts:
            return empty, empty
        longest = max(map(len, self._by_parts))
        pair_id: list[int] = []
        pair_entry: list[int] = []
        for word, wid in vocab.items():
            if "-" not in word:
                continue
            parts = word.split("-")
            found: set[int] = set()
            for size in range(1, min(longest, len(parts) - 1) + 1):
                for at in range(len(parts) - size + 1):
                    for e in self._by_parts.get(tuple(parts[at : at + size]), ()):
                        if e not in found and not self._excluded_in(e, parts, at):
                            found.add(e)
                            pair_id.append(wid)
                            pair_entry.append(e)
        if not pair_id:
            return empty, empty
        ids = np.asarray(pair_id, dtype=np.int64)
        order = np.argsort(ids, kind="stable")
        ids, entries = ids[order], np.asarray(pair_entry, dtype=np.int64)[order]
        is_comp = np.zeros(len(vocab), dtype=bool)
        is_comp[ids] = True
        pos = np.flatnonzero(is_comp[all_ids])
        if len(whole_pos):  # a whole match (the compound itself, or a longer phrase) wins
            covered = np.repeat(whole_pos, whole_len) + (
                np.arange(int(whole_len.sum())) - np.repeat(np.cumsum(whole_len) - whole_len, whole_len)
            )
            pos = pos[~np.isin(pos, covered)]
        tok = all_ids[pos]
        lo = np.searchsorted(ids, tok, side="left")
        n = np.searchsorted(ids, tok, side="right") - lo
        rows = np.repeat(lo, n) + (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n))
        return np.repeat(pos, n), entries[rows]

    def _excluded_in(self, e: int, parts: list[str], at: int) -> bool:
        """Whether an exclusion of entry ``e`` stands in the compound ``parts`` around the
        phrase's match at part ``at`` ("chicken-kiev" for "Kiev" excluded in "Chicken Kiev")."""
        for expr, off in self._entries[e].exclusions:
            expr_parts = [p for t in expr for p in t.split("-")]
            before = sum(len(t.split("-")) for t in expr[:off])  # parts of the expression before the phrase
            s = at - before
            if s >= 0 and parts[s : s + len(expr_parts)] == expr_parts:
                return True
        return False

    def _by_length(self, vocab: Mapping[str, int]) -> dict[int, tuple[np.ndarray, ...]]:
        """The phrases in ``vocab``'s ids, by length ``L``.

        For each length: the entries' token-id rows ``(m, L)``, their distinct first ids,
        their row hashes sorted, the order that sorts them, and the entry indices.
        Entries with a token missing from ``vocab`` cannot match and are left out.
        """
        rows: dict[int, list[list[int]]] = {}
        idx: dict[int, list[int]] = {}
        for i, e in enumerate(self._entries):
            ids = [vocab.get(t, -1) for t in e.tokens]
            if min(ids) < 0:
                continue
            rows.setdefault(len(ids), []).append(ids)
            idx.setdefault(len(ids), []).append(i)
        out: dict[int, tuple[np.ndarray, ...]] = {}
        for L in sorted(rows):
            E = np.asarray(rows[L], dtype=np.int64).reshape(-1, L)
            h = _hash_rows(E)
            order = np.argsort(h, kind="stable")
            out[L] = (E, np.unique(E[:, 0]), h[order], order, np.asarray(idx[L], dtype=np.int64))
        return out

    def _scan(self, corpus: Corpus, arts: list) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Matches in ``arts`` as parallel arrays: article index, token start, length, entry index.

        In article order, then position, then longest phrase, then phrase order
        (the order of :meth:`find_in`).
        """
        if not arts or not self._entries:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, empty
        if len(arts) == len(corpus) and all(a is b for a, b in zip(arts, corpus)):
            flat = corpus.flat_tokens()
            all_ids, indptr = flat.ids, flat.indptr
        else:
            id_lists = [corpus.token_ids(a) for a in arts]
            indptr = np.zeros(len(id_lists) + 1, dtype=np.int64)
            np.cumsum([len(x) for x in id_lists], out=indptr[1:])
            all_ids = np.concatenate(id_lists)
        vocab = corpus.vocabulary()
        return self._match_ids(all_ids, indptr, vocab)

    def find_tokens(self, corpus: Corpus, articles: list) -> list[list[tuple[int, int, Hashable]]]:
        """:meth:`find_in` for each of ``articles`` of ``corpus`` (in that order), in one corpus pass."""
        out: list[list[tuple[int, int, Hashable]]] = [[] for _ in articles]
        doc, pos, length, entry = self._scan(corpus, list(articles))
        keys = self._keys()[entry].tolist()
        for k, p, q, key in zip(doc.tolist(), pos.tolist(), (pos + length).tolist(), keys):
            out[k].append((p, q, key))
        return out

    def _keys(self) -> np.ndarray:
        """The entries' keys as an object array (indexable by entry index)."""
        keys = np.empty(len(self._entries), dtype=object)
        keys[:] = [e.key for e in self._entries]
        return keys

    def find_arrays(self, corpus: Corpus) -> Matches:
        """All matches in ``corpus`` as parallel arrays (see :class:`Matches`), no strings made.

        Same matches, in the same order, as :meth:`find`.
        """
        arts = list(corpus)
        ka, pa, la, entry = self._scan(corpus, arts)
        flat = corpus.flat_tokens()
        g = flat.indptr[ka] + pa
        return Matches(
            article=ka,
            token_start=pa,
            token_end=pa + la,
            entry=entry,
            start=flat.starts[g].astype(np.int64),  # (the corpus stores int32 offsets)
            end=flat.ends[g + la - 1].astype(np.int64),
            sentence_index=flat.sent[g].astype(np.int64, copy=False),
        )

    def find(self, corpus: Corpus) -> pd.DataFrame:
        """All matches in ``corpus``, one row each, with offsets into the original text.

        Columns: article_id, key, match (original characters), start, end (character
        offsets), sentence_index, token_start, token_end.
        """
        m = self.find_arrays(corpus)
        if not len(m.article):
            return pd.DataFrame(columns=MATCH_COLUMNS)
        arts = corpus.articles
        texts = [a.document_text for a in arts]
        ids = np.empty(len(arts), dtype=object)
        ids[:] = [a.id for a in arts]
        return pd.DataFrame(
            {
                "article_id": ids[m.article],
                "key": self.keys(m.entry).tolist(),
                "match": [texts[k][a:b] for k, a, b in zip(m.article.tolist(), m.start.tolist(), m.end.tolist())],
                "start": m.start,
                "end": m.end,
                "sentence_index": m.sentence_index,
                "token_start": m.token_start,
                "token_end": m.token_end,
            },
            columns=MATCH_COLUMNS,
        )

    def keys(self, entry: np.ndarray) -> np.ndarray:
        """The keys of the phrases with these entry indices (:attr:`Matches.entry`), as an object array."""
        return self._keys()[entry]


_HASH_MULT = np.uint64(0x9E3779B97F4A7C15)


def _hash_rows(rows: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each row of token ids (wrapping arithmetic; collisions are re-checked)."""
    h: np.ndarray = np.zeros(len(rows), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(rows.shape[1]):
            h = h * _HASH_MULT + rows[:, j].astype(np.uint64) + np.uint64(1)
    return h


def _find_sub(seq: tuple[str, ...], sub: tuple[str, ...]) -> int:
    L = len(sub)
    for i in range(len(seq) - L + 1):
        if seq[i : i + L] == sub:
            return i
    return -1


def lexicon_matcher(phrases, keys, excludes=None, *, owner: str = "lexicon_matcher"):
    """A :class:`~framing.matching.PhraseMatcher` for lexicon rows.

    Parameters
    ----------
    phrases, keys:
        The phrase of each row and the key to report it as (e.g. the row number).
    excludes:
        For each row, a ``|``-separated list of fixed expressions in which the
        phrase must not count ("Chicken Kiev" for "Kiev"). Expressions that do not
        contain the phrase as whole words can never apply (matching is by whole
        normalised words, so "Kievan Rus" never matches "Kiev") and are ignored
        with a debug log line.

    A one-word phrase also counts in hyphenated compounds ("Kiev" in "pro-Kiev"), with
    the whole compound as the match (``PhraseMatcher(..., parts=True)``).

    >>> from framing import Corpus
    >>> m = lexicon_matcher(["Kiev"], [0], ["Chicken Kiev|Kievan Rus"])
    >>> len(m.find(Corpus.from_texts(["Chicken Kiev in Kiev."])))
    1
    """
    phrases = list(phrases)
    keys = list(keys)
    excludes = list(excludes) if excludes is not None else [""] * len(phrases)
    exclusions: dict[str, list[str]] = {}
    seen: dict[tuple[str, ...], str] = {}
    for phrase, ex in zip(phrases, excludes):
        toks = phrase_tokens(phrase)
        if not toks:
            raise ParameterError(f"{owner}: the lexicon phrase {phrase!r} has no word in it.")
        canon = seen.setdefault(toks, phrase)  # one exclusion list per normalised phrase
        for expr in split_list(ex):
            etoks = phrase_tokens(expr)
            ok = any(etoks[i : i + len(toks)] == toks for i in range(len(etoks) - len(toks) + 1))
            if not ok:
                logger.debug("%s: exclusion %r does not contain %r as whole words; ignored", owner, expr, phrase)
                continue
            lst = exclusions.setdefault(canon, [])
            if expr not in lst:
                lst.append(expr)
    return PhraseMatcher(zip(phrases, keys), exclusions=exclusions, parts=True)


def keep_longest(hits: pd.DataFrame, by: str) -> pd.DataFrame:
    """Drop matches that lie inside a longer match of the same ``by`` value in the same article.

    ``hits`` has the columns of :meth:`~framing.matching.PhraseMatcher.find` plus
    ``by`` (e.g. ``group``). So "full-scale invasion" counts once, not also as
    "invasion"; overlapping matches in different groups are all kept.

    >>> h = pd.DataFrame({"article_id": ["a", "a"], "g": ["w", "w"],
    ...                   "token_start": [3, 4], "token_end": [5, 5]})
    >>> keep_longest(h, "g")["token_start"].tolist()
    [3]
    """
    if len(hits) < 2:
        return hits
    article = pd.factorize(hits["article_id"].to_numpy())[0]
    group = pd.factorize(hits[by].to_numpy())[0]
    keep = keep_longest_mask(article, group, hits["token_start"].to_numpy(), hits["token_end"].to_numpy())
    return hits[keep]


def keep_longest_mask(article, group, token_start, token_end) -> np.ndarray:
    """:func:`keep_longest` on arrays: which matches to keep (parallel integer arrays, any order).

    A match is dropped when it lies inside a longer match of the same group in the same
    article (``article`` and ``group`` are codes: equal values, same article or group).

    >>> keep_longest_mask(np.array([0, 0, 0]), np.array([0, 0, 1]), np.array([3, 4, 4]), np.array([5, 5, 5])).tolist()
    [True, False, True]
    """
    art, grp = np.asarray(article), np.asarray(group)
    st, en = np.asarray(token_start), np.asarray(token_end)
    if len(st) < 2:
        return np.ones(len(st), dtype=bool)
    order = np.lexsort((st - en, st, grp, art))  # by article, group, start, longest first (stable)
    art, grp, st, en = art[order], grp[order], st[order], en[order]
    # within each (article, group) run (sorted by start, longest first), a match is covered
    # when it starts before and ends within the furthest end of the earlier matches of the
    # run (a covered match never extends that reach, so covered or not they all count)
    run = np.cumsum(np.r_[True, (art[1:] != art[:-1]) | (grp[1:] != grp[:-1])])
    big = int(en.max()) + 2
    reach = np.maximum.accumulate(run * big + en)  # running max of ends, reset per run
    prev = np.r_[-1, reach[:-1]] - run * big  # furthest earlier end in the same run, or < 0
    keep = np.empty(len(order), dtype=bool)
    keep[order] = ~((st < prev) & (en <= prev))
    return keep
