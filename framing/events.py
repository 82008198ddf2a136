"""Group articles that cover the same event, across outlets.

When every article carries an event label (an ``event`` column), that grouping is
kept. Otherwise articles are grouped by content similarity: TF-IDF over their words
(names, places and numbers weigh most because they are rare), cosine similarity,
pairs further apart in time than ``window_days`` (when both dates are known) never
joined, then average-linkage clustering cut at ``threshold``.

Serial events (rounds of talks, summits, votes) share almost all their words; what
tells them apart is the ordinal in the headline and lead: "first summit" against
"second round" or "new round". With ``ordinals=True`` (default) two articles whose
headline or first sentences name different rounds are never joined, like two
articles too far apart in time. "new", "next", "another" and "latest" mean a round
after the first: they conflict with "first" only.
"""

from __future__ import annotations

from typing import Literal

import re

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer

from ._validation import check_number, check_option
from .analyses.base import check_corpus
from .corpus import Corpus

__all__ = ["group_events", "events_table", "similarity_matrix", "round_ordinals", "EVENT_COLUMNS"]

#: Columns of :func:`events_table`.
EVENT_COLUMNS = ["event", "n_articles", "n_outlets", "outlets", "first_date", "last_date", "keywords", "method"]

_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "also", "new", "year", "years"}


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "new": 0, "next": 0, "another": 0, "latest": 0}
_ROUND_RE = re.compile(
    r"\b(" + "|".join(_ORDINALS) + r")\s+(?:[\w-]+\s+){0,2}?"
    r"(round|summit|meeting|session|talks?|negotiations|vote|hearing|debate|visit|conference)s?\b",
    re.I,
)
#: Sentences of the lead searched for round ordinals (after the headline).
LEAD_SENTENCES = 3


def round_ordinals(corpus: Corpus) -> list[frozenset[int]]:
    """The round numbers each article's headline and lead name (0 means "a later round").

    >>> from framing import Article, Corpus
    >>> c = Corpus([Article(id="a", outlet="X", title="Second round of talks ends", text="Talks ended.")])
    >>> round_ordinals(c)
    [frozenset({2})]
    """
    out = []
    for a, doc in zip(corpus, corpus.documents()):
        k = min(LEAD_SENTENCES, doc.n_sentences)
        lead = a.title + "\n" + (doc.text[: int(doc.sent_ends[k - 1])] if k else "")
        out.append(frozenset(_ORDINALS[m.group(1).lower()] for m in _ROUND_RE.finditer(lead)))
    return out


def _round_masks(rounds: list[frozenset[int]]) -> np.ndarray:
    """Each ordinal set as a bit mask (bit k: round k; bit 0: "a later round")."""
    return np.array([sum(1 << min(k, 62) for k in r) for r in rounds], dtype=np.int64)


def _conflicts(ma: np.ndarray, mb: np.ndarray) -> np.ndarray:
    """Whether two ordinal sets (bit masks, element-wise) name different rounds.

    Sets conflict when both are non-empty and share no round; "a later round" (0) is
    compatible with any round but the first.
    """
    later_a, later_b = (ma & 1) != 0, (mb & 1) != 0
    first_a, first_b = (ma & 2) != 0, (mb & 2) != 0
    compatible_later = (later_a & ~first_b) | (later_b & ~first_a)
    return (ma != 0) & (mb != 0) & ((ma & mb) == 0) & ~compatible_later


#: Weight of headline words against body words in the grouping features.
TITLE_WEIGHT = 2


def _features(corpus: Corpus) -> tuple[sp.csr_matrix, np.ndarray]:
    from .text import tokenize

    body, _ = corpus.term_counts()
    vocab = dict(corpus.vocabulary())
    t_rows, t_cols = [], []
    for i, a in enumerate(corpus):
        for tok in tokenize(a.title)[0] if a.title else ():
            t_rows.append(i)
            t_cols.append(vocab.setdefault(tok, len(vocab)))
    terms = [""] * len(vocab)
    for t, j in vocab.items():
        terms[j] = t
    n = len(corpus)
    titles = sp.csr_matrix((np.full(len(t_rows), TITLE_WEIGHT, dtype=np.int64), (t_rows, t_cols)),
                           shape=(n, len(terms)))
    body = sp.csr_matrix((body.data, body.indices, body.indptr), shape=(n, len(terms)))
    counts = (body + titles).tocsr()
    terms_arr = np.asarray(terms, dtype=object)
    keep = np.fromiter((len(t) > 2 and t not in _STOP for t in terms), dtype=bool, count=len(terms))
    counts = counts[:, keep]
    terms_arr = terms_arr[keep]
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    # Terms in one article only cannot link articles; terms in most articles do not separate events.
    useful = (df >= 2) & (df <= max(2, 0.5 * n)) if n > 2 else df >= 1
    if not useful.any():  # tiny or homogeneous corpora: keep every term
        useful = df >= 1
    counts = counts[:, useful]
    terms_arr = terms_arr[useful]
    if counts.shape[1] == 0:
        return sp.csr_matrix((n, 0)), terms_arr
    X = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    return sp.csr_matrix(X), terms_arr


def similarity_matrix(corpus: Corpus) -> pd.DataFrame:
    """Cosine similarity of the articles' TF-IDF vectors, as a labelled DataFrame (small corpora)."""
    X, _ = _features(check_corpus(corpus, "similarity_matrix"))
    ids = [a.id for a in corpus]
    return pd.DataFrame((X @ X.T).toarray(), index=ids, columns=ids)


def group_events(
    corpus: Corpus,
    *,
    threshold: float = 0.15,
    window_days: int = 7,
    method: Literal["auto", "given", "similarity"] = "auto",
    ordinals: bool = True,
    chunk_size: int = 2000,
) -> Corpus:
    """Return a new corpus whose articles carry event labels.

    Parameters
    ----------
    corpus:
        The articles.
    threshold:
        Minimum average cosine similarity for articles to share an event (0 to 1).
        Lower joins more.
    window_days:
        Articles whose dates are further apart than this never share an event (only
        when both have dates).
    method:
        ``"given"`` keeps the events in the input (every article must have one);
        ``"similarity"`` groups by content even when events are given; ``"auto"``
        (default) uses given events when every article has one.
    ordinals:
        Never join articles whose headline or lead name different rounds ("first
        summit", "second round").
    chunk_size:
        Rows of the similarity matrix computed at a time (memory bound).

    Returns
    -------
    Corpus
        Articles labelled ``E01``, ``E02``, ... in order of first date (then first
        appearance); ``corpus.event_method`` says how.

    Examples
    --------
    >>> from framing import Corpus, group_events
    >>> c = Corpus.from_texts([
    ...     "Geneva talks: prisoner exchange agreed in Geneva by negotiators.",
    ...     "Negotiators in Geneva agreed a prisoner exchange.",
    ...     "Drone strike hits Kharkiv power plant; drone debris fell.",
    ...     "A drone strike damaged a power plant near Kharkiv."])
    >>> [a.event for a in group_events(c)]
    ['E01', 'E01', 'E02', 'E02']
    """
    corpus = check_corpus(corpus, "group_events")
    check_number("threshold", threshold, owner="group_events", low=0.0, high=1.0)
    check_number("window_days", window_days, owner="group_events", low=0, integer=True)
    check_option("method", method, ("auto", "given", "similarity"), owner="group_events")
    n = len(corpus)
    if n == 0:
        return corpus
    given = all(a.event is not None for a in corpus)
    if method == "given" or (method == "auto" and given):
        if not given:
            missing = [a.id for a in corpus if a.event is None][:5]
            raise ValueError(f"group_events(method='given'): articles without an event, e.g. {missing}.")
        return corpus.with_events({a.id: a.event for a in corpus}, method="given")

    X, _ = _features(corpus)
    days = np.array(
        [a.date.toordinal() if a.date is not None else np.nan for a in corpus], dtype=float
    )
    rounds = round_ordinals(corpus) if ordinals else [frozenset()] * n
    masks = _round_masks(rounds)
    # Sparse graph of pairs above threshold within the date window. Rows are taken in date
    # order, so each block of rows is compared only with the articles dated within the
    # window of its dates (and with the undated ones).
    by_date = np.argsort(days, kind="stable")  # undated (NaN) last
    sorted_days = days[by_date]
    n_dated = int(np.count_nonzero(~np.isnan(days)))
    undated = by_date[n_dated:]
    rows, cols = [], []
    for lo in range(0, n, chunk_size):
        block_rows = by_date[lo : lo + chunk_size]
        d_block = sorted_days[lo : lo + chunk_size]
        d_block = d_block[~np.isnan(d_block)]
        if len(d_block) < len(block_rows):  # the block holds undated articles: compare with all
            cand = np.arange(n)
        else:
            a = np.searchsorted(sorted_days[:n_dated], d_block.min() - window_days, side="left")
            b = np.searchsorted(sorted_days[:n_dated], d_block.max() + window_days, side="right")
            cand = np.sort(np.concatenate([by_date[a:b], undated]))
        block = (X[block_rows] @ X[cand].T).tocoo()
        r, c = block_rows[block.row], cand[block.col]
        keep = (block.data >= threshold) & (r != c)
        r, c = r[keep], c[keep]
        dr, dc = days[r], days[c]
        far = ~np.isnan(dr) & ~np.isnan(dc) & (np.abs(dr - dc) > window_days)
        if ordinals:
            far |= _conflicts(masks[r], masks[c])
        rows.append(r[~far])
        cols.append(c[~far])
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    graph = sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, n))
    n_comp, comp = connected_components(graph, directed=False)

    labels = np.full(n, -1, dtype=np.int64)
    next_label = 0
    by_comp = np.argsort(comp, kind="stable")
    comp_first = np.searchsorted(comp[by_comp], np.arange(n_comp + 1))
    for k in range(n_comp):
        members = by_comp[comp_first[k] : comp_first[k + 1]]
        if len(members) <= 2:
            labels[members] = next_label
            next_label += 1
            continue
        sub = X[members]
        sim = (sub @ sub.T).toarray()
        d = days[members]
        far = ~np.isnan(d[:, None]) & ~np.isnan(d[None, :]) & (np.abs(d[:, None] - d[None, :]) > window_days)
        if ordinals:
            mm = masks[members]
            far |= _conflicts(mm[:, None], mm[None, :])
        sim[far] = 0.0
        dist = np.clip(1.0 - sim, 0.0, 1.0)
        np.fill_diagonal(dist, 0.0)
        Z = linkage(squareform(dist, checks=False), method="average")
        sub_labels = fcluster(Z, t=1.0 - threshold, criterion="distance")
        for s in np.unique(sub_labels):
            labels[members[sub_labels == s]] = next_label
            next_label += 1

    # Order events by first date, then by first appearance.
    order_key: dict[int, tuple[float, int]] = {}
    for i, lab in enumerate(labels.tolist()):
        d = days[i]
        cur = order_key.get(lab)
        cand = (d if not np.isnan(d) else np.inf, i)
        if cur is None:
            order_key[lab] = cand
        else:
            order_key[lab] = (min(cur[0], cand[0]), min(cur[1], cand[1]))
    ranked = sorted(order_key, key=lambda lab: order_key[lab])
    width = max(2, len(str(len(ranked))))
    names = {lab: f"E{j + 1:0{width}d}" for j, lab in enumerate(ranked)}
    return corpus.with_events({a.id: names[int(labels[i])] for i, a in enumerate(corpus)}, method="similarity")


def events_table(corpus: Corpus, *, n_keywords: int = 5) -> pd.DataFrame:
    """One row per event: size, outlets, date range and keywords (the grouping, for checking).

    Keywords are the terms with the highest summed TF-IDF weight in the event.
    """
    corpus = check_corpus(corpus, "events_table")
    if not corpus.has_events:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    X, terms = _features(corpus)
    ev = np.array([a.event for a in corpus], dtype=object)
    rows = []
    for name, arts in corpus.by_event().items():
        idx = np.flatnonzero(ev == name)
        w = np.asarray(X[idx].sum(axis=0)).ravel() if X.shape[1] else np.zeros(0)
        top = terms[np.argsort(-w, kind="stable")[:n_keywords]] if len(w) else []
        dates = [a.date for a in arts if a.date is not None]
        outlets = sorted({a.outlet for a in arts})
        rows.append(
            {
                "event": name,
                "n_articles": len(arts),
                "n_outlets": len(outlets),
                "outlets": "; ".join(outlets),
                "first_date": pd.Timestamp(min(dates)) if dates else pd.NaT,
                "last_date": pd.Timestamp(max(dates)) if dates else pd.NaT,
                "keywords": ", ".join(str(t) for t in top),
                "method": corpus.event_method or "",
            }
        )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)
