"""The immutable corpus: articles, skipped inputs, and cached text-pipeline results."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, overload

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .article import Article, SkippedInput
from .corpus_tables import ARTICLES
from .errors import ParameterError
from .text import Document, SentenceSplitter, parse, parse_many

_DIGITS = re.compile(r"(\d+)")

__all__ = ["Corpus", "FlatTokens", "FlatSentences", "ARTICLE_COLUMNS", "ALL_EVENTS", "check_corpus"]

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
    indices, no duplicates), faster than sorting every row inside scipy.
    """
    n_rows = len(indptr) - 1
    key = np.repeat(np.arange(n_rows, dtype=np.int64), np.diff(indptr)) * max(n_terms, 1) + ids
    key.sort()
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, dtype=np.int64)
    uniq = key[first]
    counts = np.diff(np.r_[first, len(key)]).astype(np.int64)
    rows, cols = np.divmod(uniq, max(n_terms, 1))
    m = sp.csr_matrix((counts, cols, np.searchsorted(rows, np.arange(n_rows + 1))), shape=(n_rows, n_terms))
    m.has_sorted_indices = True
    m.has_canonical_format = True
    return m


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
    """Parsed documents shared by a corpus and the corpora derived from it."""

    def __init__(self, splitter: SentenceSplitter) -> None:
        self.splitter = splitter
        self.docs: dict[tuple[str, int, int], Document] = {}
        self.vocab: dict[str, int] = {}
        self.ids: dict[tuple[str, int, int], np.ndarray] = {}

    def token_ids(self, article: Article) -> np.ndarray:
        ids = self.ids.get(_doc_key(article))
        return ids if ids is not None else self.token_ids_many((article,))[0]

    def token_ids_many(self, articles: Iterable[Article]) -> list[np.ndarray]:
        """The vocabulary ids of each article's tokens, computed together for the uncached ones.

        New terms get ids in order of first appearance (articles in the order given),
        as if the articles were numbered one by one: one hashing pass
        (:func:`pandas.factorize`) over all their tokens, no Python loop per token.
        """
        arts = list(articles)
        keys = [_doc_key(a) for a in arts]
        todo = [k for k, key in enumerate(keys) if key not in self.ids]
        if todo:
            token_lists = [d.tokens for d in self.get_many([arts[k] for k in todo])]
            lens = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(todo))
            codes, uniq = pd.factorize(
                np.fromiter(itertools.chain.from_iterable(token_lists), dtype=object, count=int(lens.sum()))
            )
            vocab = self.vocab
            new = [t for t in uniq.tolist() if t not in vocab] if vocab else uniq.tolist()
            vocab.update(zip(new, range(len(vocab), len(vocab) + len(new))))
            to_id = np.fromiter(map(vocab.__getitem__, uniq.tolist()), dtype=np.int64, count=len(uniq))
            ids = to_id[codes] if len(codes) else np.zeros(0, dtype=np.int64)
            for k, part in zip(todo, np.split(ids, np.cumsum(lens)[:-1])):
                self.ids[keys[k]] = part
        return [self.ids[key] for key in keys]

    def get(self, article: Article) -> Document:
        key = _doc_key(article)
        doc = self.docs.get(key)
        if doc is None:
            doc = parse(article.document_text, splitter=self.splitter)
            self.docs[key] = doc
        return doc

    def get_many(self, articles: Iterable[Article]) -> list[Document]:
        """The documents of ``articles``, the uncached ones parsed together
        (:func:`framing.text.parse_many`, several times faster than one by one)."""
        arts = list(articles)
        keys = [_doc_key(a) for a in arts]
        docs = self.docs
        todo = [k for k, key in enumerate(keys) if key not in docs]
        if len(todo) > 1:
            for k, doc in zip(todo, parse_many([arts[k].document_text for k in todo], splitter=self.splitter)):
                docs[keys[k]] = doc
        return [docs[key] if key in docs else self.get(a) for a, key in zip(arts, keys)]


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
        self._sent_text: np.ndarray | None = None
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
        cache = _DocCache(self._cache.splitter)
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
        """All tokens of the corpus as flat arrays (see :class:`FlatTokens`), cached."""
        if self._flat is None:
            ids = self._cache.token_ids_many(self._articles)
            docs = self._cache.get_many(self._articles)
            indptr = np.zeros(len(ids) + 1, dtype=np.int64)
            np.cumsum([len(x) for x in ids], out=indptr[1:])

            def cat(arrays: list[np.ndarray]) -> np.ndarray:
                return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)

            self._flat = FlatTokens(
                indptr,
                cat(ids),
                cat([d.tok_starts for d in docs]),
                cat([d.tok_ends for d in docs]),
                cat([d.tok_sent for d in docs]),
            )
        return self._flat

    def flat_sentences(self) -> FlatSentences:
        """All sentences of the corpus as flat arrays (see :class:`FlatSentences`), cached."""
        if self._sents is None:
            docs = self._cache.get_many(self._articles)
            indptr = np.zeros(len(docs) + 1, dtype=np.int64)
            np.cumsum([d.n_sentences for d in docs], out=indptr[1:])
            empty = np.zeros(0, dtype=np.int64)
            self._sents = FlatSentences(
                indptr,
                np.concatenate([d.sent_starts for d in docs]) if docs else empty,
                np.concatenate([d.sent_ends for d in docs]) if docs else empty,
            )
        return self._sents

    def sentence_texts(self) -> np.ndarray:
        """The text of every sentence, in the order of :meth:`flat_sentences` (object array), cached.

        Evidence tables index it, so that all of them share one string per sentence.
        """
        if self._sent_text is None:
            sents = self.flat_sentences()
            texts = [a.document_text for a in self._articles]
            art = np.repeat(np.arange(len(texts)), np.diff(sents.indptr)).tolist()
            cut = [texts[k][a:b] for k, a, b in zip(art, sents.starts.tolist(), sents.ends.tolist())]
            out = np.empty(len(cut), dtype=object)
            out[:] = cut
            self._sent_text = out
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
        vocab = self._cache.vocab
        if self._counts is None or self._counts[0].shape[1] != len(vocab):
            terms = [""] * len(vocab)
            for t, i in vocab.items():
                terms[i] = t
            self._counts = (_count_matrix(flat.ids, flat.indptr, len(terms)), terms)
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
