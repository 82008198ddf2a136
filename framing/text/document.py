"""Parsed texts: :class:`Document`, and :func:`parse_many` that makes them."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..errors import ParameterError
from .sentences import sentence_bounds, split_sentences_punkt
from .tokens import Tokens, tokenize

__all__ = ["Document", "SentenceSplitter", "parse", "parse_many", "split_sentences", "tokenize", "tokenize_many"]

SentenceSplitter = Literal["rules", "punkt"]


@dataclass(frozen=True, eq=False)
class Document:
    """The parsed text of one article: sentences and tokens with offsets.

    Attributes
    ----------
    text:
        The original text.
    sent_starts, sent_ends:
        Character offsets of each sentence.
    tokens:
        Normalised tokens (see :func:`~framing.text.fold`), in order.
    tok_starts, tok_ends:
        Character offsets of each token in ``text``: ``tokens[i] == fold(text[tok_starts[i]:tok_ends[i]])``.
    tok_sent:
        Index of the sentence each token belongs to.
    """

    text: str
    sent_starts: np.ndarray
    sent_ends: np.ndarray
    tokens: list[str]
    tok_starts: np.ndarray
    tok_ends: np.ndarray
    tok_sent: np.ndarray

    @property
    def n_sentences(self) -> int:
        return len(self.sent_starts)

    @property
    def n_tokens(self) -> int:
        return len(self.tokens)

    def sentence(self, i: int) -> str:
        """The original text of sentence ``i``."""
        return self.text[self.sent_starts[i] : self.sent_ends[i]]

    def sentences(self) -> list[str]:
        return [self.text[a:b] for a, b in zip(self.sent_starts.tolist(), self.sent_ends.tolist())]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (the nearest before it)."""
        i = int(np.searchsorted(self.sent_starts, offset, side="right")) - 1
        return max(i, 0)

    def token_text(self, i: int) -> str:
        """The original characters of token ``i``."""
        return self.text[self.tok_starts[i] : self.tok_ends[i]]

    def sentence_tokens(self, i: int) -> slice:
        """The slice of ``tokens`` that falls in sentence ``i``."""
        lo = int(np.searchsorted(self.tok_sent, i, side="left"))
        hi = int(np.searchsorted(self.tok_sent, i, side="right"))
        return slice(lo, hi)


def tokenize_many(texts: Iterable[str]) -> list[Tokens]:
    """:func:`tokenize` of each text.

    >>> [toks for toks, _, _ in tokenize_many(["Kyïv’s 2,000 prisoners", "", "19th-century"])]
    [['kyiv', '2,000', 'prisoners'], [], ['19', 'th-century']]
    """
    with gc_paused():
        return [tokenize(t) for t in texts]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` character spans of the sentences of ``text``.

    Line breaks always end a sentence (headlines and bylines carry no full stop).

    >>> t = 'Mr. Smith met Gen. Lee in the U.S. on Monday. "It went well." He left.'
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Mr. Smith met Gen. Lee in the U.S. on Monday.', '"It went well."', 'He left.']
    """
    return list(zip(*sentence_bounds(text)))


def _sentence_spans(text: str, splitter: SentenceSplitter) -> tuple[list[int], list[int]]:
    """Start and end offsets of the sentences of ``text``, from ``splitter``."""
    if splitter == "rules":
        return sentence_bounds(text)
    if splitter != "punkt":
        raise ParameterError(f"parse: splitter must be 'rules' or 'punkt', not {splitter!r}.")
    spans = split_sentences_punkt(text)
    return [a for a, _ in spans], [b for _, b in spans]


def parse(text: str, *, splitter: SentenceSplitter = "rules") -> Document:
    """Split ``text`` into sentences and tokens.

    >>> doc = parse("Talks ended. Kyiv said “no”.")
    >>> doc.sentences()
    ['Talks ended.', 'Kyiv said “no”.']
    >>> doc.tokens
    ['talks', 'ended', 'kyiv', 'said', 'no']
    """
    starts, ends = _sentence_spans(text, splitter)
    s_starts = np.array(starts, dtype=np.int64)
    s_ends = np.array(ends, dtype=np.int64)
    tokens, t_starts, t_ends = tokenize(text)
    # The sentence of each token: the last one starting at or before it (the first one for
    # tokens before any, which only Punkt leaves).
    tok_sent = np.searchsorted(s_starts, t_starts, side="right")
    tok_sent -= 1
    np.maximum(tok_sent, 0, out=tok_sent)
    return Document(text, s_starts, s_ends, tokens, t_starts, t_ends, tok_sent)


def parse_many(texts: Iterable[str], *, splitter: SentenceSplitter = "rules") -> list[Document]:
    """:func:`parse` of each text (with the garbage collector paused: many lists are made,
    and no reference cycles)."""
    with gc_paused():
        return [parse(t, splitter=splitter) for t in texts]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of strings go into new lists.

    Every 700 lists or tuples made, the collector walks all the young ones and every
    string in them; nothing here makes reference cycles.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
