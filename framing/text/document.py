"""Parsed texts: :class:`Document`, and :func:`parse_many` that makes them.

Many texts are parsed together into one :class:`ParsedTexts` block of flat arrays (token
ids, ``int32`` offsets and sentences); each :class:`Document` is a set of views into its
block, so a corpus holds each token once, in about 20 bytes, and the corpus's flat token
table (:meth:`framing.Corpus.flat_tokens`) is the very same arrays.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Literal

import numpy as np

from ..errors import ParameterError
from .lexicon import Lexicon
from .sentences import sentence_bounds, split_sentences_punkt
from .tokens import Tokens, tokenize, tokenize_joined

__all__ = [
    "Document",
    "ParsedTexts",
    "SentenceSplitter",
    "parse",
    "parse_many",
    "split_sentences",
    "tokenize",
    "tokenize_many",
]

SentenceSplitter = Literal["rules", "punkt"]

#: Offsets and sentence indices are stored in this type (a text up to 2**31 characters).
OFFSET = np.int32

#: Texts are tokenized together in batches of about this many characters.
BATCH_CHARS = 1 << 20

#: How many documents keep their decoded :attr:`Document.tokens` list (the most recent).
RECENT_DECODED = 64
_recent: deque[Document] = deque()


class ParsedTexts:
    """Sentences and tokens of several texts in flat arrays, the texts one after another.

    Text ``k`` holds tokens ``tok_indptr[k]:tok_indptr[k + 1]`` and sentences
    ``sent_indptr[k]:sent_indptr[k + 1]``. ``ids`` are :class:`Lexicon` ids (``int64``);
    ``starts``/``ends`` (``int32``) are character offsets into the text, ``sent``
    (``int32``) the sentence of each token within its text; ``sent_starts``/``sent_ends``
    (``int32``) the sentences' character offsets.
    """

    __slots__ = ("ends", "ids", "lexicon", "sent", "sent_ends", "sent_indptr", "sent_starts", "starts", "tok_indptr")

    def __init__(
        self,
        lexicon: Lexicon,
        tok_indptr: np.ndarray,
        ids: np.ndarray,
        starts: np.ndarray,
        ends: np.ndarray,
        sent: np.ndarray,
        sent_indptr: np.ndarray,
        sent_starts: np.ndarray,
        sent_ends: np.ndarray,
    ) -> None:
        self.lexicon = lexicon
        self.tok_indptr, self.ids, self.starts, self.ends, self.sent = tok_indptr, ids, starts, ends, sent
        self.sent_indptr, self.sent_starts, self.sent_ends = sent_indptr, sent_starts, sent_ends

    def documents(self, texts: list[str]) -> list[Document]:
        """One :class:`Document` per text, its arrays views into this block."""
        ti, si = self.tok_indptr.tolist(), self.sent_indptr.tolist()
        return [Document._view(self, t, ti[k], ti[k + 1], si[k], si[k + 1]) for k, t in enumerate(texts)]


class Document:
    """The parsed text of one article: sentences and tokens with offsets.

    Attributes
    ----------
    text:
        The original text.
    sent_starts, sent_ends:
        Character offsets of each sentence (``int32``).
    tokens:
        Normalised tokens (see :func:`~framing.text.fold`), in order: a list of strings,
        decoded from :attr:`tok_ids` on use (the most recently used documents keep it).
    tok_ids:
        The id of each token in :attr:`lexicon` (``int64``): ``tokens[i] == lexicon.terms[tok_ids[i]]``.
    tok_starts, tok_ends:
        Character offsets of each token in ``text`` (``int32``):
        ``tokens[i] == fold(text[tok_starts[i]:tok_ends[i]])``.
    tok_sent:
        Index of the sentence each token belongs to (``int32``).
    lexicon:
        The :class:`Lexicon` that :attr:`tok_ids` index.
    """

    __slots__ = (
        "_block",
        "_decoded",
        "_s0",
        "_t0",
        "lexicon",
        "sent_ends",
        "sent_starts",
        "text",
        "tok_ends",
        "tok_ids",
        "tok_sent",
        "tok_starts",
    )

    text: str
    sent_starts: np.ndarray
    sent_ends: np.ndarray
    tok_ids: np.ndarray
    tok_starts: np.ndarray
    tok_ends: np.ndarray
    tok_sent: np.ndarray
    lexicon: Lexicon
    _block: ParsedTexts
    _t0: int
    _s0: int
    _decoded: list[str] | None

    @classmethod
    def _view(cls, block: ParsedTexts, text: str, t0: int, t1: int, s0: int, s1: int) -> Document:
        doc = cls.__new__(cls)
        doc.text = text
        doc._block, doc._t0, doc._s0 = block, t0, s0
        doc.lexicon = block.lexicon
        doc.tok_ids = block.ids[t0:t1]
        doc.tok_starts = block.starts[t0:t1]
        doc.tok_ends = block.ends[t0:t1]
        doc.tok_sent = block.sent[t0:t1]
        doc.sent_starts = block.sent_starts[s0:s1]
        doc.sent_ends = block.sent_ends[s0:s1]
        doc._decoded = None
        return doc

    def __reduce__(self):
        return _rebuild, (
            self.text,
            self.lexicon,
            self.tok_ids,
            self.tok_starts,
            self.tok_ends,
            self.tok_sent,
            self.sent_starts,
            self.sent_ends,
        )

    def __repr__(self) -> str:
        return f"<Document: {self.n_sentences} sentences, {self.n_tokens} tokens, {len(self.text)} characters>"

    @property
    def tokens(self) -> list[str]:
        """The normalised tokens, decoded from :attr:`tok_ids` (kept while the document is
        among the :data:`RECENT_DECODED` most recently decoded)."""
        toks = self._decoded
        if toks is None:
            toks = self.lexicon.decode(self.tok_ids)
            self._decoded = toks
            _recent.append(self)
            if len(_recent) > RECENT_DECODED:
                _recent.popleft()._decoded = None
        return toks

    @property
    def n_sentences(self) -> int:
        return len(self.sent_starts)

    @property
    def n_tokens(self) -> int:
        return len(self.tok_starts)

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


def _rebuild(text, lexicon, ids, starts, ends, sent, sent_starts, sent_ends) -> Document:
    """A pickled :class:`Document` back, in a block of its own."""
    n, m = len(ids), len(sent_starts)
    block = ParsedTexts(
        lexicon,
        np.array([0, n], dtype=np.int64),
        ids,
        starts,
        ends,
        sent,
        np.array([0, m], dtype=np.int64),
        sent_starts,
        sent_ends,
    )
    return Document._view(block, text, 0, n, 0, m)


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
    spans = split_sentences_punkt(text)
    return [a for a, _ in spans], [b for _, b in spans]


def _check_splitter(splitter: str) -> None:
    if splitter not in ("rules", "punkt"):
        raise ParameterError(f"parse: splitter must be 'rules' or 'punkt', not {splitter!r}.")


def parse(text: str, *, splitter: SentenceSplitter = "rules", lexicon: Lexicon | None = None) -> Document:
    """Split ``text`` into sentences and tokens.

    ``lexicon`` numbers the tokens (a new one if not given; a corpus shares one).

    >>> doc = parse("Talks ended. Kyiv said “no”.")
    >>> doc.sentences()
    ['Talks ended.', 'Kyiv said “no”.']
    >>> doc.tokens
    ['talks', 'ended', 'kyiv', 'said', 'no']
    """
    return parse_many([text], splitter=splitter, lexicon=lexicon)[0]


def parse_many(
    texts: Iterable[str], *, splitter: SentenceSplitter = "rules", lexicon: Lexicon | None = None
) -> list[Document]:
    """:func:`parse` of each text, all in one :class:`ParsedTexts` block.

    Texts are tokenized in batches of about :data:`BATCH_CHARS` characters (one regex
    split over a batch joined by line breaks, which no token crosses); sentences are found
    text by text. The garbage collector is paused meanwhile (many strings are made, no
    reference cycles).
    """
    _check_splitter(splitter)
    texts = list(texts)
    lex = lexicon if lexicon is not None else Lexicon()
    if not texts:
        return []
    with gc_paused():
        columns: list[list[np.ndarray]] = [[] for _ in range(8)]
        for batch in _batches(texts):
            for col, arr in zip(columns, _parse_batch(batch, splitter, lex)):
                col.append(arr)
        block = _join_batches(lex, columns, len(texts))
    docs = block.documents(texts)
    if len(block.ids) >= RELEASE_AFTER:
        release_memory()
    return docs


def _batches(texts: list[str]) -> Iterator[list[str]]:
    lo, size = 0, 0
    for k, t in enumerate(texts):
        size += len(t) + 4
        if size >= BATCH_CHARS:
            yield texts[lo : k + 1]
            lo, size = k + 1, 0
    if lo < len(texts):
        yield texts[lo:]


def _parse_batch(texts: list[str], splitter: SentenceSplitter, lexicon: Lexicon) -> tuple[np.ndarray, ...]:
    """Token counts, ids, starts, ends, sentences, sentence counts, starts, ends of ``texts``."""
    n = len(texts)
    tokens, starts, ends, bases = tokenize_joined(texts)
    ids = lexicon.ids(tokens)
    del tokens
    tok_indptr = np.r_[np.searchsorted(starts, bases), len(starts)]
    tok_text = np.repeat(np.arange(n), np.diff(tok_indptr))
    tok_base = bases[tok_text]
    # sentences, text by text
    spans = [_sentence_spans(t, splitter) for t in texts]
    s_counts = np.fromiter((len(s[0]) for s in spans), dtype=np.int64, count=n)
    n_sent = int(s_counts.sum())
    s_starts = np.fromiter(itertools.chain.from_iterable(s[0] for s in spans), dtype=np.int64, count=n_sent)
    s_ends = np.fromiter(itertools.chain.from_iterable(s[1] for s in spans), dtype=np.int64, count=n_sent)
    del spans
    s_first = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(s_counts, out=s_first[1:])
    # the sentence of each token: the last one of its text starting at or before it (the
    # first one for tokens before any, which only Punkt leaves)
    g_sent = s_starts + np.repeat(bases, s_counts)
    tok_sent = np.searchsorted(g_sent, starts, side="right") - 1
    tok_sent -= s_first[tok_text]
    np.maximum(tok_sent, 0, out=tok_sent)
    starts -= tok_base
    ends -= tok_base
    return (
        np.diff(tok_indptr),
        ids,
        starts.astype(OFFSET),
        ends.astype(OFFSET),
        tok_sent.astype(OFFSET),
        s_counts,
        s_starts.astype(OFFSET),
        s_ends.astype(OFFSET),
    )


def _join_batches(lexicon: Lexicon, columns: list[list[np.ndarray]], n_texts: int) -> ParsedTexts:
    """One block from the batches' arrays (``columns``: the pieces of each field), joined
    field by field; each field's pieces are dropped from ``columns`` as soon as they are
    joined, so the peak is about one field more than the arrays."""
    fields: list[np.ndarray] = []
    for f in range(8):
        pieces = columns[f]
        fields.append(pieces[0] if len(pieces) == 1 else np.concatenate(pieces))
        columns[f] = []  # this field's pieces are freed as soon as they are joined
        del pieces
    tok_counts, ids, starts, ends, sent, s_counts, s_starts, s_ends = fields
    tok_indptr = np.zeros(n_texts + 1, dtype=np.int64)
    np.cumsum(tok_counts, out=tok_indptr[1:])
    sent_indptr = np.zeros(n_texts + 1, dtype=np.int64)
    np.cumsum(s_counts, out=sent_indptr[1:])
    return ParsedTexts(lexicon, tok_indptr, ids, starts, ends, sent, sent_indptr, s_starts, s_ends)


#: :func:`parse_many` gives freed memory back after parsing at least this many tokens.
RELEASE_AFTER = 1 << 20


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def release_memory() -> None:
    """Give the memory freed by a stage back to the operating system, where the C library
    allows (glibc's ``malloc_trim``; nothing elsewhere).

    Parsing makes many temporary strings and arrays; their freed memory stays in the
    process (resident) until reused, and arrays made later do not always reuse it.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


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
