"""The story each article tells within its event, for comparing numbers like with like.

An event of topic size (see :func:`framing.events.topic_flag`: hundreds of articles, or
dates months apart, as when AllSides topics such as "abortion" are given as events) holds
many unrelated stories, and two numbers of the same counted thing in it are most often
about different facts ("two abortions" at one clinic, "63,646 abortions" in national
statistics). :class:`~framing.analyses.numbers.NumbersAnalyzer` compares numbers only
within one *story*: for an ordinary event the story is the event itself; an event of topic
size is split into stories by :func:`framing.group_events` (content and dates, as
``split_topics`` does), labelled ``"<event>/E01"``, ... An article alone in its story is
compared with no one.
"""

from __future__ import annotations

import numpy as np

from ..corpus import Corpus

__all__ = ["story_labels", "topic_events"]


def topic_events(corpus: Corpus) -> dict[str, list[int]]:
    """The events of topic size: event label -> positions of its articles (corpus order)."""
    from ..events import topic_flag

    event_of = corpus.event_labels()
    arts = list(corpus)
    out: dict[str, list[int]] = {}
    members: dict[str, list[int]] = {}
    for k, e in enumerate(event_of.tolist()):
        members.setdefault(str(e), []).append(k)
    for e, pos in members.items():
        dates = [d for d in (arts[k].date for k in pos) if d is not None]
        span = float((max(dates) - min(dates)).days) if dates else float("nan")
        if topic_flag(len(pos), span)[0]:
            out[e] = pos
    return out


def story_labels(corpus: Corpus) -> np.ndarray:
    """The story of each article, in corpus order (object array of str).

    The event label, or ``"<event>/<story>"`` inside an event of topic size (the story found
    by :func:`framing.group_events` with ``method="similarity"`` on that event's articles).

    Examples
    --------
    >>> from framing import load_corpus
    >>> c = load_corpus([{"id": "a", "outlet": "A", "event": "e", "title": "", "text": "Two."},
    ...                  {"id": "b", "outlet": "B", "event": "e", "title": "", "text": "Three."}])
    >>> story_labels(c).tolist()
    ['e', 'e']
    """
    from ..events import group_events

    out = np.array([str(e) for e in corpus.event_labels().tolist()], dtype=object)
    arts = list(corpus)
    for e, pos in sorted(topic_events(corpus).items()):
        sub = group_events(corpus.subset(arts[k].id for k in pos), method="similarity")
        story = {a.id: a.event for a in sub}
        for k in pos:
            out[k] = f"{e}/{story[arts[k].id]}"
    return out
