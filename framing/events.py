"""Group articles that cover the same event, across outlets.

When every article carries an event label (an ``event`` column), that grouping is
kept. Otherwise articles are grouped by content similarity: TF-IDF over their words
(names, places and numbers weigh most because they are rare), cosine similarity
weighted down as the days between two articles grow (it halves every ``half_life``
days: reports of one event appear within a day or two, a related event two days later
shares words but not the day), then average linkage on the sparse graph of each
article's strongest links (:mod:`framing.event_linkage`), cut at ``threshold``. No
event spans more than ``window_days`` between its first and last date, so a chain of
similar articles never grows into a corpus-wide event, and memory grows with the
number of articles, not its square.

Given events of topic size (hundreds of articles, or months of dates: an "elections"
column) are flagged in :func:`events_table` (``flag`` and ``advice``), and split into
events with ``split_topics=True``.

Serial events (rounds of talks, summits, votes) share almost all their words; what
tells them apart is the ordinal in the headline and lead: "first summit" against
"second round" or "new round". With ``ordinals=True`` (default) two articles whose
headline or first sentences name different rounds are never joined, like two
articles too far apart in time. "new", "next", "another" and "latest" mean a round
after the first: they conflict with "first" only.
"""

from __future__ import annotations

import math
import re
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from ._log import logger
from ._validation import check_number, check_option
from .corpus import Corpus, check_corpus
from .event_linkage import constrained_average_linkage, sparse_neighbours
from .lexicons import stop_words

__all__ = ["EVENT_COLUMNS", "events_table", "group_events", "round_ordinals", "similarity_matrix", "topic_flag"]

#: Columns of :func:`events_table`.
EVENT_COLUMNS = [
    "event",
    "n_articles",
    "n_outlets",
    "outlets",
    "first_date",
    "last_date",
    "keywords",
    "method",
    "flag",
    "advice",
]

_STOP = stop_words(["english", "reporting", "news_generic"])  # the packaged list (framing/lexicons/stopwords.csv)


_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "new": 0,
    "next": 0,
    "another": 0,
    "latest": 0,
}
_ROUND_RE = re.compile(
    r"\b(" + "|".join(_ORDINALS) + r")\s+(?:[\w-]+\s+){0,2}?"
    r"(round|summit|meeting|session|talks?|negotiations|vote|hearing|debate|visit|conference)s?\b",
    re.IGNORECASE,
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


#: Links weaker than this fraction of the threshold are not kept (they would count as 0).
NEIGHBOUR_FLOOR = 0.5

#: Two groups stay apart when their mean similarity is below this fraction of the mean
#: similarity within the looser group (see :func:`framing.event_linkage.constrained_average_linkage`).
COHESION = 0.6

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
    titles = sp.csr_matrix(
        (np.full(len(t_rows), TITLE_WEIGHT, dtype=np.int64), (t_rows, t_cols)), shape=(n, len(terms))
    )
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
    half_life: float = 2.0,
    max_neighbours: int = 30,
    cohesion: float = COHESION,
    split_topics: bool = False,
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
    half_life:
        Days over which the similarity of two dated articles halves (0: no decay).
        Articles on one event appear within a day or two of each other; a related
        event two days later (talks after a strike) shares words but not the day.
    max_neighbours:
        Links each article keeps to its most similar articles (memory bound: the
        graph has at most this many links per article).
    cohesion:
        Two groups of two or more articles stay apart when their mean similarity is
        below this fraction of the mean similarity within the looser group (0: off).
    split_topics:
        With given events: split each group of topic size (see :func:`topic_flag`) into
        events by content and date, labelled ``"<given>/E01"``, ... (other groups are
        kept). Without it such groups are kept, and flagged in :func:`events_table`.
    chunk_size:
        Unused; kept for compatibility (blocks are now sized by
        :data:`framing.event_linkage.BLOCK_CELLS`).

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
    check_number("half_life", half_life, owner="group_events", low=0.0)
    check_number("max_neighbours", max_neighbours, owner="group_events", low=1, integer=True)
    check_number("cohesion", cohesion, owner="group_events", low=0.0, high=1.0)
    n = len(corpus)
    if n == 0:
        return corpus
    given = all(a.event is not None for a in corpus)
    if method == "given" or (method == "auto" and given):
        if not given:
            missing = [a.id for a in corpus if a.event is None][:5]
            raise ValueError(f"group_events(method='given'): articles without an event, e.g. {missing}.")
        options = {
            "threshold": threshold,
            "window_days": window_days,
            "ordinals": ordinals,
            "half_life": half_life,
            "max_neighbours": max_neighbours,
            "cohesion": cohesion,
        }
        return _given_events(corpus, split_topics, options)

    X, _ = _features(corpus)
    days = np.array([a.date.toordinal() if a.date is not None else np.nan for a in corpus], dtype=float)
    rounds = round_ordinals(corpus) if ordinals else [frozenset()] * n
    masks = _round_masks(rounds)

    def allowed(r: np.ndarray, c: np.ndarray) -> np.ndarray:
        return ~_conflicts(masks[r], masks[c])

    graph = sparse_neighbours(
        X,
        days,
        floor=NEIGHBOUR_FLOOR * threshold,
        window_days=window_days,
        half_life=half_life,
        max_neighbours=max_neighbours,
        allowed=allowed if ordinals else None,
    )
    logger.info("events: %d links kept between %d articles", graph.nnz // 2, n)
    labels = constrained_average_linkage(
        graph,
        threshold,
        days,
        window_days,
        masks,
        conflicts=lambda a, b: bool(_conflicts(np.array([a]), np.array([b]))[0]),
        cohesion=cohesion,
    )

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


#: A group with at least this many articles looks like a topic, not one event.
TOPIC_ARTICLES = 200
#: A group whose dates span more than this many days looks like a topic, not one event.
TOPIC_DAYS = 31


def topic_flag(n_articles: int, span_days: float) -> tuple[str, str]:
    """``(flag, advice)`` for a group of ``n_articles`` spanning ``span_days`` days.

    The flag is ``"topic"`` for a group of topic size (at least :data:`TOPIC_ARTICLES`
    articles, or dates more than :data:`TOPIC_DAYS` days apart), else ``""``.

    >>> topic_flag(412, 180)[0], topic_flag(8, 1)[0]
    ('topic', '')
    """
    reasons = []
    if n_articles >= TOPIC_ARTICLES:
        reasons.append(f"{n_articles} articles")
    if not math.isnan(span_days) and span_days > TOPIC_DAYS:
        reasons.append(f"dates {int(span_days)} days apart")
    if not reasons:
        return "", ""
    return "topic", (
        f"Looks like a topic, not one event ({' and '.join(reasons)}): comparisons within it mix "
        "different events. Give one event per story, or let framing split it: "
        "group_events(corpus, split_topics=True)."
    )


def _given_events(corpus: Corpus, split: bool, options: dict) -> Corpus:
    """The given events, with the groups of topic size split by similarity when ``split``."""
    labels: dict[str, str] = {}
    topics = []
    for name, arts in corpus.by_event().items():
        dates = [a.date for a in arts if a.date is not None]
        span = (max(dates) - min(dates)).days if dates else float("nan")
        if not topic_flag(len(arts), span)[0]:
            continue
        topics.append(name)
        if split:
            sub = group_events(corpus.subset(a.id for a in arts), method="similarity", **options)
            labels.update({a.id: f"{name}/{a.event}" for a in sub})
    if not topics:
        return corpus.with_events({a.id: str(a.event) for a in corpus}, method="given")
    if not split:
        logger.warning(
            "%d given event(s) look like topics, not events (e.g. %r): comparisons within them mix "
            "different events. Give one event per story, or split them with "
            "group_events(corpus, split_topics=True).",
            len(topics),
            topics[0],
        )
        return corpus.with_events({a.id: str(a.event) for a in corpus}, method="given")
    logger.info("split %d given topic(s) into %d events", len(topics), len(set(labels.values())))
    return corpus.with_events({a.id: labels.get(a.id, str(a.event)) for a in corpus}, method="given, topics split")


def events_table(corpus: Corpus, *, n_keywords: int = 5) -> pd.DataFrame:
    """One row per event: size, outlets, date range, keywords and a topic flag (for checking).

    Keywords are the terms with the highest summed TF-IDF weight in the event. ``flag``
    is ``"topic"`` for a group of topic size (see :func:`topic_flag`), with ``advice``.
    """
    corpus = check_corpus(corpus, "events_table")
    if not corpus.has_events:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    X, terms = _features(corpus)
    arts = [a for a in corpus if a.event is not None]
    rows_of = np.array([i for i, a in enumerate(corpus) if a.event is not None], dtype=np.int64)
    codes, names = pd.factorize(np.array([a.event for a in arts], dtype=object), sort=True)
    n_ev = len(names)
    # summed weights per event: one sparse product, never a loop over events x articles
    member = sp.csr_matrix((np.ones(len(codes)), (codes, rows_of)), shape=(n_ev, len(corpus)))
    weight = (member @ X).tocsr() if X.shape[1] else None
    df = pd.DataFrame(
        {
            "code": codes,
            "outlet": [a.outlet for a in arts],
            "date": pd.to_datetime(pd.Series([a.date for a in arts], dtype=object), errors="coerce"),
        }
    )
    g = df.groupby("code", sort=True)
    size = g.size().to_numpy()
    first, last = g["date"].min(), g["date"].max()
    outlets = g["outlet"].agg(lambda s: sorted(set(s)))
    rows = []
    for k in range(n_ev):
        if weight is not None and weight.indptr[k + 1] > weight.indptr[k]:
            cols = weight.indices[weight.indptr[k] : weight.indptr[k + 1]]
            vals = weight.data[weight.indptr[k] : weight.indptr[k + 1]]
            order = np.lexsort((cols, -vals))[:n_keywords]
            top = terms[cols[order]]
        else:
            top = []
        f, la = first.iloc[k], last.iloc[k]
        span = (la - f).days if not (pd.isna(f) or pd.isna(la)) else float("nan")
        flag, advice = topic_flag(int(size[k]), span)
        outs = outlets.iloc[k]
        rows.append(
            {
                "event": names[k],
                "n_articles": int(size[k]),
                "n_outlets": len(outs),
                "outlets": "; ".join(outs),
                "first_date": f if not pd.isna(f) else pd.NaT,
                "last_date": la if not pd.isna(la) else pd.NaT,
                "keywords": ", ".join(str(t) for t in top),
                "method": corpus.event_method or "",
                "flag": flag,
                "advice": advice,
            }
        )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)
