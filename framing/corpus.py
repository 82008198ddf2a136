"""The immutable corpus: articles, skipped inputs, and cached text-pipeline results."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, overload

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .article import Article, SkippedInput
from .corpus_tables import ARTICLES
from .errors import ParameterError
from .text import Document, Lexicon, SentenceSplitter, parse_many
from .text.document import release_memory

_DIGITS = re.compile(r"(\d+)")

__all__ = ["Corpus", "FlatTokens", "FlatSentences", "SentenceTexts", "ARTICLE_COLUMNS", "ALL_EVENTS", "check_corpus"]

#: Label of the corpus-wide rows in every results table, and the event of an article
#: that belongs to none (see :meth:`Corpus.event_labels`).
ALL_EVENTS = "all"

#: Columns of :meth:`Corpus.to_frame`, key columns first: the declared ``articles``
#: table (:data:`framing.corpus_tables.ARTICLES`) without its ``status`` and ``reason``.
ARTICLE_COLUMNS = [c for c in ARTICLES.column_names if c not in ("status", "reason")]


@dataclasses.dataclass(frozen=True, eq=False)
class FlatTokens:
    """Every token of a corpus in flat arrays, the articles one after another.

    Article ``k`` (in corpus order) holds positions ``indptr[k]:indptr[k + 1]``.
    ``ids`` are vocabulary ids (:meth:`Corpus.vocabulary`), ``starts``/``ends`` character
    offsets into the article's text and ``sent`` the sentence index within the article.
    Built once per corpus (:meth:`Corpus.flat_tokens`), so analyses that work on whole
    arrays share one copy instead of each concatenating the documents again.
    """

    indptr: np.ndarray
    ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    sent: np.ndarray

    def article_of(self, positions: np.ndarray) -> np.ndarray:
        """The article index of each flat position."""
        return np.searchsorted(self.indptr, positions, side="right") - 1


@dataclasses.dataclass(frozen=True, eq=False)
class FlatSentences:
    """Every sentence of a corpus in flat arrays, the articles one after another.

    Article ``k`` (in corpus order) holds sentences ``indptr[k]:indptr[k + 1]``;
    ``starts``/``ends`` are character offsets into the article's text. Built once per
    corpus (:meth:`Corpus.flat_sentences`).
    """

    indptr: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


def _count_matrix(ids: np.ndarray, indptr: np.ndarray, n_terms: int) -> sp.csr_matrix:
    """Rows x terms counts of the ids of each row (``ids[indptr[k]:indptr[k + 1]]``).

    One sort of (row, id) codes, then run lengths: a canonical CSR matrix (sorted
    indices, no duplicates), faster than sorting every row inside scipy. Rows are taken
    in groups of about :data:`_CHUNK` tokens, so the temporary codes stay small.
    """
    n_rows = len(indptr) - 1
    width = max(n_terms, 1)
    cols_parts, count_parts, nnz = [], [], np.zeros(n_rows, dtype=np.int64)
    lo = 0
    while lo < n_rows:
        hi = int(np.searchsorted(indptr, indptr[lo] + _CHUNK, side="right")) - 1
        hi = min(max(hi, lo + 1), n_rows)
        a, b = int(indptr[lo]), int(indptr[hi])
        key = np.repeat(np.arange(hi - lo, dtype=np.int64), np.diff(indptr[lo : hi + 1])) * width
        key += ids[a:b]
        key.sort()
        first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, dtype=np.int64)
        uniq = key[first]
        count_parts.append(np.diff(np.r_[first, len(key)]).astype(np.int64))
        del key, first
        rows, cols = np.divmod(uniq, width)
        cols_parts.append(cols)
        nnz[lo:hi] = np.bincount(rows, minlength=hi - lo)
        lo = hi
    m_indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(nnz, out=m_indptr[1:])
    empty = np.zeros(0, dtype=np.int64)
    counts = np.concatenate(count_parts) if count_parts else empty
    cols = np.concatenate(cols_parts) if cols_parts else empty
    m = sp.csr_matrix((counts, cols, m_indptr), shape=(n_rows, n_terms))
    m.has_sorted_indices = True
    m.has_canonical_format = True
    return m


class SentenceTexts:
    """The text of every sentence of a corpus, cut on demand (see :meth:`Corpus.sentence_texts`).

    ``texts[i]`` is sentence ``i`` of :meth:`Corpus.flat_sentences`; an array of positions
    (or a slice) gives an object array. Each sentence asked for is kept, so every table
    that cites it shares one string.
    """

    def __init__(self, sents: FlatSentences, docs: list[Document]) -> None:
        self._sents = sents
        self._texts = [d.text for d in docs]
        self._cut: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._sents.starts)

    def _one(self, i: int) -> str:
        s = self._cut.get(i)
        if s is None:
            sents = self._sents
            if not -len(self) <= i < len(self):
                raise IndexError(f"sentence {i} out of range ({len(self)} sentences)")
            i %= len(self)
            k = int(np.searchsorted(sents.indptr, i, side="right")) - 1
            s = self._cut[i] = self._texts[k][int(sents.starts[i]) : int(sents.ends[i])]
        return s

    def __getitem__(self, key):
        if isinstance(key, (int, np.integer)):
            return self._one(int(key))
        idx = np.arange(len(self))[key] if isinstance(key, slice) else np.asarray(key)
        if idx.dtype == bool:
            idx = np.flatnonzero(idx)
        out = np.empty(idx.shape, dtype=object)
        flat = idx.ravel().tolist()
        cut = self._cut
        missing = [i for i in dict.fromkeys(flat) if i not in cut]
        if missing:
            n = len(self)
            pos = np.asarray(missing, dtype=np.int64) % max(n, 1)
            if len(missing) and (min(missing) < -n or max(missing) >= n):
                raise IndexError(f"sentence index out of range ({n} sentences)")
            art = np.searchsorted(self._sents.indptr, pos, side="right") - 1
            texts = self._texts
            for i, k, a, b in zip(
                missing, art.tolist(), self._sents.starts[pos].tolist(), self._sents.ends[pos].tolist()
            ):
                cut[i] = texts[k][a:b]
        out.ravel()[:] = [cut[i] for i in flat]
        return out

    def __iter__(self) -> Iterator[str]:
        return iter(self[:].tolist())

    def tolist(self) -> list[str]:
        return self[:].tolist()


def _doc_key(article: Article) -> tuple[str, int, int]:
    """Cache key of an article's parsed document: its id and the text it reads (headline and body)."""
    return (article.id, hash(article.text), hash(article.title) if article.has_headline else 0)


def _natural_key(text: str) -> tuple[list[str | tuple[int, str]], str]:
    """Sort key that compares the digit runs of ``text`` as numbers (``a2`` before ``a10``),
    of any length (by their length without leading zeros, then their digits)."""
    parts: list[str | tuple[int, str]] = [
        (len(p.lstrip("0")), p.lstrip("0")) if k % 2 else p for k, p in enumerate(_DIGITS.split(text))
    ]
    return parts, text


class _DocCache:
    """Parsed documents shared by a corpus and the corpora derived from it, and the
    corpus vocabulary over them.

    Documents store :class:`~framing.text.Lexicon` ids (the order the texts were parsed
    in); the vocabulary numbers terms in order of first appearance in the articles asked
    for (corpus order). ``lex2voc`` maps one to the other; while it is the identity (the
    texts were parsed in corpus order, the common case), a document's ids *are* its
    vocabulary ids and no second copy is made.
    """

    def __init__(self, splitter: SentenceSplitter, lexicon: Lexicon | None = None) -> None:
        self.splitter = splitter
        self.lexicon = lexicon if lexicon is not None else Lexicon()
        self.docs: dict[tuple[str, int, int], Document] = {}
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self.lex2voc = np.full(0, -1, dtype=np.int64)
        self.identity = True  # lex2voc[i] == i for every assigned lexicon id
        self.ids: dict[tuple[str, int, int], np.ndarray] = {}  # remapped ids (only when not the identity)

    def _assign(self, docs: list[Document]) -> None:
        """Give vocabulary ids to the terms of ``docs`` not yet numbered, in order of first appearance."""
        lex = self.lexicon
        if self.identity and len(self.vocab) == len(lex):
            return  # every lexicon term is numbered (as itself)
        if len(self.lex2voc) < len(lex):
            self.lex2voc = np.r_[self.lex2voc, np.full(len(lex) - len(self.lex2voc), -1, dtype=np.int64)]
        l2v = self.lex2voc
        for ids in _runs(docs, "ids", "tok_indptr", "_t0", "tok_ids"):
            for lo in range(0, len(ids), _CHUNK):
                chunk = ids[lo : lo + _CHUNK]
                new = chunk[l2v[chunk] < 0]
                if not len(new):
                    continue
                nv = len(self.terms)
                if self.identity and _first_seen_ascending(new, nv):
                    uniq = np.arange(nv, int(new.max()) + 1)
                else:
                    uniq = pd.unique(new)
                    self.identity = self.identity and bool((uniq == np.arange(nv, nv + len(uniq))).all())
                l2v[uniq] = np.arange(nv, nv + len(uniq))
                words = lex.array()[uniq].tolist()
                self.terms.extend(words)
                self.vocab.update(zip(words, range(nv, nv + len(uniq))))

    def token_ids(self, article: Article) -> np.ndarray:
        return self.token_ids_many((article,))[0]

    def token_ids_many(self, articles: Iterable[Article]) -> list[np.ndarray]:
        """The vocabulary ids (``int64``) of each article's tokens.

        New terms get ids in order of first appearance (articles in the order given),
        as if the articles were numbered one by one.
        """
        arts = list(articles)
        docs = self.get_many(arts)
        self._assign(docs)
        if self.identity:
            return [d.tok_ids for d in docs]
        out = []
        for a, d in zip(arts, docs):
            key = _doc_key(a)
            ids = self.ids.get(key)
            if ids is None:
                ids = self.ids[key] = self.lex2voc[d.tok_ids]
            out.append(ids)
        return out

    def flat_ids(self, docs: list[Document]) -> np.ndarray:
        """The vocabulary ids of ``docs``, one after another (a view when they are one run of a block)."""
        self._assign(docs)
        ids = _joined(docs, "ids", "tok_indptr", "_t0", "tok_ids")
        return ids if self.identity else self.lex2voc[ids]

    def get(self, article: Article) -> Document:
        return self.get_many((article,))[0]

    def get_many(self, articles: Iterable[Article]) -> list[Document]:
        """The documents of ``articles``, the uncached ones parsed together into one block
        (:func:`framing.text.parse_many`)."""
        arts = list(articles)
        keys = [_doc_key(a) for a in arts]
        docs = self.docs
        todo = [k for k, key in enumerate(keys) if key not in docs]
        if todo:
            texts = [arts[k].document_text for k in todo]
            for k, doc in zip(todo, parse_many(texts, splitter=self.splitter, lexicon=self.lexicon)):
                docs.setdefault(keys[k], doc)
        return [docs[key] for key in keys]


#: Token ids are numbered in chunks of this many (bounded temporary arrays).
_CHUNK = 1 << 22


def _first_seen_ascending(new: np.ndarray, start: int) -> bool:
    """Whether the values of ``new``, in order of first appearance, are ``start, start + 1, ...``
    (each value is at most one more than every value before it, the first ``start``)."""
    prev = np.maximum.accumulate(np.r_[start - 1, new[:-1]])
    return bool((new <= prev + 1).all())


def _runs(docs: list[Document], field: str, indptr: str, first: str, attr: str) -> list[np.ndarray]:
    """The arrays ``attr`` of ``docs`` one after another, as few pieces as possible: documents
    that follow each other in one :class:`~framing.text.ParsedTexts` block give one view of
    its ``field`` (``first``: the document's first position in the block, ``indptr``: the
    block's offsets of its texts)."""
    out: list[np.ndarray] = []
    k, n = 0, len(docs)
    while k < n:
        block = docs[k]._block
        lo = getattr(docs[k], first)
        hi = lo + len(getattr(docs[k], attr))
        j = k + 1
        while j < n and docs[j]._block is block and getattr(docs[j], first) == hi:
            hi += len(getattr(docs[j], attr))
            j += 1
        out.append(getattr(block, field)[lo:hi] if j > k + 1 else getattr(docs[k], attr))
        k = j
    return out


def _joined(docs: list[Document], field: str, indptr: str, first: str, attr: str) -> np.ndarray:
    """:func:`_runs` as one array (a view when there is one run)."""
    runs = _runs(docs, field, indptr, first, attr)
    if len(runs) == 1:
        return runs[0]
    if not runs:
        return np.zeros(0, dtype=np.int64 if field == "ids" else np.int32)
    return np.concatenate(runs)


class Corpus:
    """An immutable collection of articles, with the inputs that were skipped.

    A corpus never changes: methods that assign events or select articles return a
    new corpus. Parsed text (sentences, tokens) is computed once, on first use, and
    shared with derived corpora.

    Parameters
    ----------
    articles:
        The articles. Ids must be unique.
    skipped:
        Inputs that did not become articles, with their reasons.
    sentence_splitter:
        ``"rules"`` (fast, default) or ``"punkt"`` (NLTK Punkt, slower).

    Examples
    --------
    >>> from framing import Article, Corpus
    >>> c = Corpus([Article(id="a", outlet="X", title="T", text="Kyiv said no.")])
    >>> len(c), c.outlets
    (1, ['X'])
    >>> c.document("a").sentences()  # the headline, then the body
    ['T', 'Kyiv said no.']
    """

    __slots__ = (
        "_articles",
        "_cache",
        "_counts",
        "_event_method",
        "_flat",
        "_index",
        "_sent_text",
        "_sents",
        "_skipped",
    )

    def __init__(
        self,
        articles: Iterable[Article] = (),
        skipped: Iterable[SkippedInput] = (),
        *,
        sentence_splitter: SentenceSplitter = "rules",
        _cache: _DocCache | None = None,
        _event_method: str | None = None,
    ) -> None:
        if isinstance(articles, (str, bytes)):
            raise ParameterError(
                "Corpus expects an iterable of Article objects, got a single string. "
                "To load files use framing.load_corpus(path); to wrap texts use "
                "Corpus.from_texts([...])."
            )
        arts = tuple(articles)
        index: dict[str, int] = {}
        for i, a in enumerate(arts):
            if not isinstance(a, Article):
                raise ParameterError(
                    f"Corpus expects Article objects; item {i} is a {type(a).__name__}. "
                    "Use framing.load_corpus(...) to build articles from dicts, files or a DataFrame."
                )
            if a.id in index:
                raise ParameterError(
                    f"Article ids must be unique in a Corpus; {a.id!r} appears twice. "
                    "framing.load_corpus(...) skips duplicates and records them."
                )
            index[a.id] = i
        if sentence_splitter not in ("rules", "punkt"):
            raise ParameterError(
                "The 'sentence_splitter' parameter of Corpus must be one of 'rules', 'punkt'. "
                f"Got {sentence_splitter!r} instead."
            )
        self._articles = arts
        self._skipped = tuple(skipped)
        self._index = index
        self._cache = _cache if _cache is not None else _DocCache(sentence_splitter)
        if all(a.event is not None for a in arts) and arts and _event_method is None:
            _event_method = "given"
        self._event_method = _event_method
        self._flat: FlatTokens | None = None
        self._sents: FlatSentences | None = None
        self._sent_text: SentenceTexts | None = None
        self._counts: tuple[sp.csr_matrix, list[str]] | None = None

    # -- construction -------------------------------------------------------------
    @classmethod
    def from_texts(
        cls,
        texts: Iterable[str],
        *,
        outlets: Iterable[str] | None = None,
        titles: Iterable[str] | None = None,
    ) -> Corpus:
        """Build a corpus from plain strings (ids ``doc-0``, ``doc-1``, ...).

        >>> Corpus.from_texts(["One.", "Two."], outlets=["A", "B"]).outlets
        ['A', 'B']
        """
        if isinstance(texts, str):
            raise ParameterError("Corpus.from_texts expects a list of strings, got a single string.")
        texts = list(texts)
        outs = list(outlets) if outlets is not None else ["unknown"] * len(texts)
        tits = list(titles) if titles is not None else [""] * len(texts)
        if not (len(outs) == len(tits) == len(texts)):
            raise ParameterError("Corpus.from_texts: texts, outlets and titles must have the same length.")
        return cls(
            Article(id=f"doc-{i}", outlet=o, title=t, text=x) for i, (x, o, t) in enumerate(zip(texts, outs, tits))
        )

    def _derive(self, articles: Iterable[Article], *, event_method: str | None = None) -> Corpus:
        return Corpus(
            articles,
            self._skipped,
            _cache=self._cache,
            _event_method=event_method if event_method is not None else self._event_method,
        )

    def with_events(self, events: Mapping[str, str], *, method: str = "given") -> Corpus:
        """A new corpus with each article's event set from ``events`` (id -> event label).

        Articles missing from ``events`` keep their current event.
        """
        arts = [dataclasses.replace(a, event=str(events[a.id])) if a.id in events else a for a in self._articles]
        derived = self._derive(arts, event_method=method)
        # same texts in the same order: the token arrays and counts carry over
        derived._flat, derived._sents, derived._counts = self._flat, self._sents, self._counts
        derived._sent_text = self._sent_text
        return derived

    def subset(self, ids: Iterable[str]) -> Corpus:
        """A new corpus with only the articles whose ids are given (in corpus order)."""
        keep = set(ids)
        unknown = keep - self._index.keys()
        if unknown:
            raise ParameterError(f"Corpus.subset: unknown article ids {sorted(unknown)[:5]}.")
        return self._derive(a for a in self._articles if a.id in keep)

    def canonical(self) -> Corpus:
        """The same corpus with its articles in an order that depends only on their ids.

        Ids are compared with the numbers in them as numbers (``doc-2`` before
        ``doc-10``). :func:`framing.analyze` works on this order, so that the order of
        the input never changes a table (ties, event labels and evidence are decided
        by content). Parsed texts are shared; the vocabulary is numbered afresh in
        this order, so term ids do not depend on what was computed before.

        Examples
        --------
        >>> from framing import Article
        >>> c = Corpus([Article(id=i, outlet="X", title="", text="Kyiv.") for i in ("doc-10", "doc-2")])
        >>> [a.id for a in c.canonical()]
        ['doc-2', 'doc-10']
        """
        arts = sorted(self._articles, key=lambda a: _natural_key(a.id))
        cache = _DocCache(self._cache.splitter, self._cache.lexicon)
        cache.docs = dict(self._cache.docs)
        return Corpus(arts, self._skipped, _cache=cache, _event_method=self._event_method)

    # -- access ---------------------------------------------------------------------
    @property
    def articles(self) -> tuple[Article, ...]:
        return self._articles

    @property
    def skipped(self) -> tuple[SkippedInput, ...]:
        """Inputs that did not become articles, each with its reason."""
        return self._skipped

    @property
    def sentence_splitter(self) -> SentenceSplitter:
        return self._cache.splitter

    @property
    def event_method(self) -> str | None:
        """How events were assigned: ``"given"``, ``"similarity"``, or None (not yet)."""
        return self._event_method

    @property
    def outlets(self) -> list[str]:
        """Outlet names, sorted."""
        return sorted({a.outlet for a in self._articles})

    @property
    def events(self) -> list[str]:
        """Event labels, sorted (empty if events are not assigned)."""
        return sorted({a.event for a in self._articles if a.event is not None})

    @property
    def has_events(self) -> bool:
        return bool(self._articles) and all(a.event is not None for a in self._articles)

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    @overload
    def __getitem__(self, key: int) -> Article: ...
    @overload
    def __getitem__(self, key: str) -> Article: ...
    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, str):
            try:
                return self._articles[self._index[key]]
            except KeyError:
                raise KeyError(f"No article with id {key!r} in this corpus.") from None
        return self._articles[key]

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __repr__(self) -> str:
        return (
            f"<Corpus: {len(self)} articles, {len(self.outlets)} outlets, "
            f"{len(self.events)} events, {len(self._skipped)} skipped>"
        )

    def document(self, article: str | Article) -> Document:
        """The parsed text (sentences, tokens with offsets) of one article, cached.

        It is :attr:`Article.document_text`: the headline (when one is given), a blank
        line, then the body; offsets point into that text.
        """
        art = self[article] if isinstance(article, str) else article
        return self._cache.get(art)

    def documents(self) -> list[Document]:
        """Parsed texts of all articles, in corpus order (cached; parsed together on first use)."""
        return self._cache.get_many(self._articles)

    def token_ids(self, article: str | Article) -> np.ndarray:
        """Integer ids of the article's tokens in :meth:`vocabulary` (cached)."""
        art = self[article] if isinstance(article, str) else article
        return self._cache.token_ids(art)

    def flat_tokens(self) -> FlatTokens:
        """All tokens of the corpus as flat arrays (see :class:`FlatTokens`), cached.

        When the articles were parsed together in corpus order (as :func:`framing.analyze`
        does), the arrays are the parsed block itself and the documents are views into
        them: the corpus holds each token once.
        """
        if self._flat is None:
            docs = self._cache.get_many(self._articles)
            indptr = np.zeros(len(docs) + 1, dtype=np.int64)
            np.cumsum(np.fromiter((d.n_tokens for d in docs), dtype=np.int64, count=len(docs)), out=indptr[1:])
            self._flat = FlatTokens(
                indptr,
                self._cache.flat_ids(docs),
                _joined(docs, "starts", "tok_indptr", "_t0", "tok_starts"),
                _joined(docs, "ends", "tok_indptr", "_t0", "tok_ends"),
                _joined(docs, "sent", "tok_indptr", "_t0", "tok_sent"),
            )
        return self._flat

    def flat_sentences(self) -> FlatSentences:
        """All sentences of the corpus as flat arrays (see :class:`FlatSentences`), cached."""
        if self._sents is None:
            docs = self._cache.get_many(self._articles)
            indptr = np.zeros(len(docs) + 1, dtype=np.int64)
            np.cumsum(np.fromiter((d.n_sentences for d in docs), dtype=np.int64, count=len(docs)), out=indptr[1:])
            self._sents = FlatSentences(
                indptr,
                _joined(docs, "sent_starts", "sent_indptr", "_s0", "sent_starts"),
                _joined(docs, "sent_ends", "sent_indptr", "_s0", "sent_ends"),
            )
        return self._sents

    def sentence_texts(self) -> SentenceTexts:
        """The text of every sentence, in the order of :meth:`flat_sentences`, cached.

        Indexed like an object array (an integer, a slice or an array of positions gives a
        string or an object array); each sentence is cut from its article's text when first
        asked for and kept, so evidence tables share one string per sentence and sentences
        nobody cites take no memory.
        """
        if self._sent_text is None:
            self._sent_text = SentenceTexts(self.flat_sentences(), self.documents())
        return self._sent_text

    def event_labels(self) -> np.ndarray:
        """The event label of each article, in corpus order (object array).

        The one place that says which event an article belongs to: an article with no
        event (none given and none grouped) is labelled :data:`ALL_EVENTS`, the label of
        corpus-wide rows, so every analysis counts it the same way.
        """
        out = np.empty(len(self._articles), dtype=object)
        out[:] = [a.event if a.event is not None else ALL_EVENTS for a in self._articles]
        return out

    def positions(self, ids: Iterable[str]) -> np.ndarray:
        """The place in corpus order of each article id (a KeyError names an unknown id)."""
        index = self._index
        try:
            return np.fromiter((index[i] for i in ids), dtype=np.int64)
        except KeyError as e:
            raise KeyError(f"No article with id {e.args[0]!r} in this corpus.") from None

    def vocabulary(self) -> dict[str, int]:
        """Term -> column index of :meth:`term_counts` (a copy; grows as articles are parsed)."""
        self._cache.token_ids_many(self._articles)
        return dict(self._cache.vocab)

    def term_counts(self) -> tuple[sp.csr_matrix, list[str]]:
        """Unigram counts: a sparse articles-by-terms matrix and its term list.

        Rows follow corpus order; columns follow the returned terms. Terms are the
        normalised tokens of :func:`framing.text.fold`; nothing is dropped.
        """
        flat = self.flat_tokens()
        terms = self._cache.terms
        if self._counts is None or self._counts[0].shape[1] != len(terms):
            self._counts = (_count_matrix(flat.ids, flat.indptr, len(terms)), list(terms))
            release_memory()
        m, terms = self._counts
        m, terms = m.copy(), list(terms)  # the caller may change them
        return m, terms

    def by_event(self) -> dict[str, list[Article]]:
        """Articles grouped by event label (articles with no event are left out)."""
        groups: dict[str, list[Article]] = {}
        for a in self._articles:
            if a.event is not None:
                groups.setdefault(a.event, []).append(a)
        return dict(sorted(groups.items()))

    # -- tables ---------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """One row per article: id, outlet, title, date, event, url, language, source, n_words, guessed."""
        rows: list[dict[str, Any]] = []
        for a, doc in zip(self._articles, self.documents()):
            rows.append(
                {
                    "id": a.id,
                    "outlet": a.outlet,
                    "title": a.title,
                    "date": pd.Timestamp(a.date) if a.date else pd.NaT,
                    "event": a.event,
                    "url": a.url,
                    "language": a.language,
                    "source": a.source,
                    "n_words": doc.n_tokens,
                    "guessed": ",".join(a.guessed),
                }
            )
        return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)

    def skipped_frame(self) -> pd.DataFrame:
        """One row per skipped input: source, line, id, reason, detail."""
        cols = ["source", "line", "id", "outlet", "title", "reason", "detail"]
        return pd.DataFrame([{c: getattr(s, c) for c in cols} for s in self._skipped], columns=cols)


def check_corpus(corpus: Any, owner: str) -> Corpus:
    """Refuse anything that is not a Corpus, with a message that says what to do."""
    if isinstance(corpus, Corpus):
        return corpus
    if isinstance(corpus, str):
        raise ParameterError(
            f"{owner} expects a Corpus, got a single string. Load articles with "
            "framing.load_corpus(path_or_records) or Corpus.from_texts([...])."
        )
    raise ParameterError(
        f"{owner} expects a Corpus, got {type(corpus).__name__}. Load articles with framing.load_corpus(...)."
    )
