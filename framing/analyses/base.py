"""The analyzer contract and the evidence table every analysis shares.

Every analysis is an :class:`Analyzer`: configured by keyword-only arguments in
``__init__`` (which only stores them), taught in :meth:`Analyzer.fit`, and run in
:meth:`Analyzer.transform`, which returns a dict of tidy DataFrames, key columns
first (``event``, ``outlet``, ...). Event ``"all"`` holds corpus-wide rows.

Each analysis also returns a ``<name>_evidence`` table in the shared
:data:`EVIDENCE_COLUMNS` layout (plus its own key columns), so that each number can
be traced back to the sentences behind it. Build it with :func:`make_evidence`.
"""

from __future__ import annotations

import inspect
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from .._arrays import search_within
from .._log import logger
from ..article import LEAD_SENTENCES
from ..corpus import ALL_EVENTS, Corpus, check_corpus
from ..errors import NotFittedError
from ..tables import EVIDENCE_TAIL, TableSpec, conform

__all__ = ["Analyzer", "EVIDENCE_COLUMNS", "make_evidence", "ALL_EVENTS", "check_corpus"]


#: Columns shared by every evidence table (analysis-specific key columns come between
#: ``outlet`` and ``article_id``); declared once in :data:`framing.tables.EVIDENCE_TAIL`.
EVIDENCE_COLUMNS = ["event", "outlet", *(c.name for c in EVIDENCE_TAIL)]


def make_evidence(corpus: Corpus, hits: pd.DataFrame, key_columns: list[str]) -> pd.DataFrame:
    """Build an evidence table from matches.

    Parameters
    ----------
    corpus:
        The corpus the hits come from.
    hits:
        One row per piece of evidence with at least ``article_id``, ``start`` and
        ``end`` (character offsets into the article text), plus ``key_columns``.
        ``sentence_index`` and ``match`` are filled in when missing.
    key_columns:
        The analysis's own key columns (e.g. ``["group", "variant"]``).

    Returns
    -------
    DataFrame with columns event, outlet, *key_columns, article_id, sentence_index,
    start, end, match, sentence.
    """
    cols = ["event", "outlet", *key_columns, *(c.name for c in EVIDENCE_TAIL)]
    if hits is None or len(hits) == 0:
        return pd.DataFrame(columns=cols)
    out = hits.reset_index(drop=True).copy()
    starts = out["start"].to_numpy(dtype=np.int64)
    ends = out["end"].to_numpy(dtype=np.int64)
    # per article once, then per hit on whole arrays (sentences: the corpus's flat arrays)
    codes, uniq = pd.factorize(out["article_id"].to_numpy())
    art = corpus.positions(uniq)  # corpus place of each distinct article
    arts = [corpus.articles[k] for k in art.tolist()]
    out["event"] = corpus.event_labels()[art][codes]
    out["outlet"] = _object_array([a.outlet for a in arts])[codes]
    sents = corpus.flat_sentences()
    first_sent = sents.indptr[art][codes]  # per hit: its article's first sentence (flat index)
    n_sent = (sents.indptr[art + 1] - sents.indptr[art])[codes]
    if "sentence_index" in out.columns:
        sidx = out["sentence_index"].to_numpy(dtype=np.int64)
    else:  # the sentence holding each start (as Document.sentence_at), for all hits at once
        sidx = np.maximum(search_within(sents.indptr, sents.starts, art[codes], starts, side="right") - 1, 0)
    valid = (sidx >= 0) & (sidx < n_sent)
    # the sentences' texts: cut once per corpus and shared by every evidence table
    if len(sents.starts):
        sentence = corpus.sentence_texts()[np.where(valid, first_sent + sidx, 0)]
        sentence[~valid] = ""
    else:
        sentence = np.full(len(out), "", dtype=object)
    out["sentence"] = sentence
    out["sentence_index"] = sidx
    if "match" not in out.columns:
        text_of = [a.document_text for a in arts]
        out["match"] = [text_of[c][a:b] for c, a, b in zip(codes.tolist(), starts.tolist(), ends.tolist())]
    out["position"] = positions(corpus, art[codes], starts, sidx)
    return out[cols]


def positions(corpus: Corpus, article: np.ndarray, starts: np.ndarray, sentence_index: np.ndarray) -> np.ndarray:
    """``headline``, ``lead`` or ``body`` for hits at character ``starts`` of articles (corpus places).

    A hit before :attr:`Article.headline_end` is in the headline; otherwise it is in the lead
    when its sentence is one of the body's first :data:`~framing.article.LEAD_SENTENCES`.
    """
    sents = corpus.flat_sentences()
    arts = corpus.articles
    head_end = np.fromiter((arts[k].headline_end for k in article.tolist()), dtype=np.int64, count=len(article))
    # sentences of each article that start inside its headline
    head_sents = search_within(sents.indptr, sents.starts, article, head_end, side="left")
    in_head = (starts >= 0) & (starts < head_end)
    lead = (sentence_index - head_sents) < LEAD_SENTENCES
    out = np.where(in_head, "headline", np.where(lead, "lead", "body")).astype(object)
    out[starts < 0] = ""  # hits with no place in the text
    return out


def _object_array(values: list) -> np.ndarray:
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr


class Analyzer:
    """Base class of every analysis.

    Subclasses set :attr:`name` and declare :attr:`tables`, take keyword-only parameters
    in ``__init__`` (stored unchanged as attributes of the same name), and implement
    ``_fit(corpus)`` (optional: learned state in attributes ending in ``_``) and
    ``_transform(corpus) -> dict[str, DataFrame]``. :meth:`transform` returns exactly the
    declared tables, in declared column order (an empty table keeps its declared columns
    and dtypes).
    """

    #: Short name, used for table and CSV names.
    name: ClassVar[str] = ""
    #: The tables :meth:`transform` returns, declared once (see :mod:`framing.tables`).
    tables: ClassVar[tuple[TableSpec, ...]] = ()

    @classmethod
    def table_names(cls) -> list[str]:
        """Names of the declared tables, in order."""
        return [t.name for t in cls.tables]

    def fit(self, corpus: Corpus) -> Analyzer:
        """Learn what the analysis needs from ``corpus``; returns self."""
        corpus = check_corpus(corpus, f"{type(self).__name__}.fit")
        self._fit(corpus)
        self.n_articles_fit_ = len(corpus)
        return self

    def transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        """Measure ``corpus``; returns ``{table name: DataFrame}``."""
        corpus = check_corpus(corpus, f"{type(self).__name__}.transform")
        if not hasattr(self, "n_articles_fit_"):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' with a "
                "Corpus before 'transform', or use 'fit_transform'."
            )
        corpus.documents()  # every analysis reads every article: parse them together first
        out = self._transform(corpus)
        tables = {spec.name: conform(spec, out.get(spec.name)) for spec in self.tables}
        for name in sorted(set(out) - set(tables)):  # the contract test fails on these
            logger.warning(
                "%s returned table %r that it does not declare in %s.tables",
                type(self).__name__,
                name,
                type(self).__name__,
            )
            tables[name] = out[name]
        return tables

    def fit_transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        """``fit(corpus)`` then ``transform(corpus)``."""
        return self.fit(corpus).transform(corpus)

    # -- to override ---------------------------------------------------------------
    def _fit(self, corpus: Corpus) -> None:
        return None

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:  # pragma: no cover
        raise NotImplementedError

    # -- parameters ----------------------------------------------------------------
    @classmethod
    def _param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return [p.name for p in sig.parameters.values() if p.kind is p.KEYWORD_ONLY]

    def get_params(self) -> dict[str, Any]:
        """The constructor parameters and their values."""
        return {k: getattr(self, k) for k in self._param_names()}

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"
