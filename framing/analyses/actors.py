"""Actors and their portrayal: mentions, tone, agent or target of harm, and a role.

:class:`ActorAnalyzer` finds actors with :class:`~framing.analyses.actor_lexicon.ActorFinder`
(packaged lexicon + capitalised names, spelling variants merged) and measures, per
event, outlet and actor:

* ``mentions`` and ``n_sentences`` (distinct sentences that name the actor);
* ``tone``: the mean VADER compound score (Hutto and Gilbert 2014, with the lexicon
  the ``vaderSentiment`` package ships; it handles negation, boosters and "but")
  of those sentences, with a 95% t-interval over sentences (``ci_low``,
  ``ci_high``; NaN below two sentences);
* ``agent_harm`` / ``target_harm``: sentences where the actor does or suffers a
  harmful act from ``harm_verbs.csv`` ("Russia attacked ...", "... shelled Kharkiv",
  "Ukraine was attacked by ...", "Russia's invasion", "attacks on Ukraine");
  ``agent_positive``: sentences where it does a cooperative act ("agreed",
  "mediated", "proposed");
* ``role`` in the sense of SemEval-2025 Task 10 (Piskorski et al. 2025) from these
  counts: ``antagonist`` (mostly agent of harm), ``innocent`` (target of harm, no
  agency), ``protagonist`` (agent of cooperative acts, tone not negative), or ``""``
  when the evidence is too thin or mixed.

Tone needs the ``tone`` extra. ``tone="auto"`` (default) logs a warning and leaves
tone NaN when vaderSentiment is missing; ``tone=True`` raises
:class:`~framing.errors.MissingDependencyError` with the install command;
``tone=False`` skips it.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as _st

from .._log import logger
from .._optional import import_optional
from ..corpus import Corpus
from ..errors import MissingDependencyError, ParameterError
from ..matching import PhraseMatcher
from ..stats import MIN_COUNT
from ..text import Document
from .actor_lexicon import ActorFinder, Mentions, read_packaged_csv
from .base import ALL_EVENTS, Analyzer
from .quotes import _mentions, shared_finder

__all__ = ["ActorAnalyzer", "COLUMNS", "assign_role", "harm_lexicon", "VaderScorer", "mean_interval"]

#: Columns of the ``actors`` table (the first eleven are the public contract).
COLUMNS = [
    "event", "outlet", "actor", "side", "mentions", "tone", "ci_low", "ci_high", "agent_harm", "target_harm", "role",
    "aliases_seen", "n_sentences", "too_little_data", "agent_positive", "type",
]
EVIDENCE_KEYS = ["actor", "side", "evidence", "compound"]
_BE = frozenset("was were is are been being be got get gets getting".split())
_AGENT_PREP = frozenset({"by", "from"})
_TARGET_PREP = frozenset({"on", "against", "of", "at", "to", "toward", "towards", "into"})


@lru_cache(maxsize=4)
def harm_lexicon(path: str | None = None) -> pd.DataFrame:
    """The harm / positive action lexicon (verb, lemma, kind, pos, source)."""
    if path is None:
        return read_packaged_csv("harm_verbs.csv")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


class VaderScorer:
    """VADER compound scores of sentences, cached by sentence text."""

    def __init__(self) -> None:
        mod = import_optional("vaderSentiment.vaderSentiment", extra="tone", purpose="Actor tone (ActorAnalyzer tone=True)")
        self._an = mod.SentimentIntensityAnalyzer()
        self._cache: dict[str, float] = {}

    def __call__(self, sentence: str) -> float:
        v = self._cache.get(sentence)
        if v is None:
            v = float(self._an.polarity_scores(sentence)["compound"])
            if len(self._cache) > 500_000:
                self._cache.clear()
            self._cache[sentence] = v
        return v


def mean_interval(values: np.ndarray, confidence: float = 0.95) -> tuple[float, float, float]:
    """Mean and t-interval of ``values`` (NaN interval below two values).

    >>> m, lo, hi = mean_interval(np.array([0.1, 0.3, 0.5]))
    >>> round(m, 2), round(float(lo), 2), round(float(hi), 2)
    (0.3, -0.2, 0.8)
    """
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    n = len(v)
    if n == 0:
        return float("nan"), float("nan"), float("nan")
    m = float(v.mean())
    if n < 2:
        return m, float("nan"), float("nan")
    se = float(v.std(ddof=1)) / np.sqrt(n)
    h = float(_st.t.ppf(0.5 + confidence / 2, n - 1)) * se
    return m, float(max(m - h, -1.0)), float(min(m + h, 1.0))


def assign_role(agent_harm: int, target_harm: int, agent_positive: int, tone: float) -> str:
    """Main role from evidence counts (SemEval-2025 Task 10 top-level roles).

    >>> assign_role(3, 0, 0, -0.4), assign_role(0, 2, 0, -0.5), assign_role(0, 0, 2, 0.3), assign_role(0, 0, 0, 0.1)
    ('antagonist', 'innocent', 'protagonist', '')
    """
    if agent_harm > max(agent_positive, target_harm):
        return "antagonist"
    if target_harm > 0 and agent_harm == 0 and target_harm >= agent_positive:
        return "innocent"
    if agent_positive > agent_harm and not (tone == tone and tone < -0.05):
        return "protagonist"
    return ""


class ActorAnalyzer(Analyzer):
    """Actors per event and outlet: mentions, tone with interval, harm roles, a main role.

    Parameters
    ----------
    actors:
        Extra actor lexicon rows (CSV path, DataFrame with columns actor, alias[,
        side, type] or dict alias -> actor), added to ``actors.csv``.
    sides:
        ``"default"`` (the lexicon's sides), ``"us_politics"``, a dict actor -> side,
        or a CSV with columns actor, side.
    tone:
        ``"auto"`` (VADER if installed, else a warning and NaN), ``True`` (raise if
        vaderSentiment is missing) or ``False`` (no tone).
    discover:
        Find actors outside the lexicon from capitalised names.
    merge_threshold:
        difflib ratio from which two surnames are one actor ("Madinsky" = "Medinsky").
    harm_lexicon:
        Path to a CSV like ``harm_verbs.csv`` (verb, kind, pos), or None.
    min_mentions:
        Leave out actors with fewer mentions in an event and outlet.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_texts(["Russia attacked Kharkiv. Mr. Zelensky thanked the allies."]).with_events({"doc-0": "e"})
    >>> t = ActorAnalyzer(tone=False).fit_transform(c)["actors"]
    >>> t[t.event == "e"][["actor", "side", "agent_harm", "role"]].values.tolist()
    [['Russia', 'Russia', 1, 'antagonist'], ['Volodymyr Zelensky', 'Ukraine', 0, 'protagonist']]
    """

    name = "actors"
    tables = ("actors", "actors_evidence")

    def __init__(
        self,
        *,
        actors: Any = None,
        sides: Any = "default",
        tone: bool | str = "auto",
        discover: bool = True,
        merge_threshold: float = 0.85,
        harm_lexicon: str | None = None,
        min_mentions: int = 1,
    ) -> None:
        self.actors = actors
        self.sides = sides
        self.tone = tone
        self.discover = discover
        self.merge_threshold = merge_threshold
        self.harm_lexicon = harm_lexicon
        self.min_mentions = min_mentions

    def _fit(self, corpus: Corpus) -> None:
        if self.tone not in ("auto", True, False):
            raise ParameterError(
                f"The 'tone' parameter of ActorAnalyzer must be one of 'auto', True, False. Got {self.tone!r} instead."
            )
        from .._validation import check_number

        check_number("merge_threshold", self.merge_threshold, owner="ActorAnalyzer", low=0.5, high=1.0)
        check_number("min_mentions", self.min_mentions, owner="ActorAnalyzer", low=1, integer=True)
        self.scorer_ = None
        if self.tone is True:
            self.scorer_ = VaderScorer()
        elif self.tone == "auto":
            try:
                self.scorer_ = VaderScorer()
            except MissingDependencyError as exc:
                logger.warning("actor tone left empty: %s", exc)
        self.finder_ = shared_finder(corpus, self.actors, self.sides, self.discover, self.merge_threshold)
        lex = harm_lexicon(self.harm_lexicon)
        keys = [(k, p, lem) for k, p, lem in zip(lex["kind"], lex["pos"], lex["lemma"])]
        self.harm_matcher_ = PhraseMatcher(zip(lex["verb"], keys))

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        finder: ActorFinder = self.finder_
        scorer = self.scorer_
        stats: dict[tuple, dict] = {}
        ev_rows: list[tuple] = []
        for art in corpus:
            doc = corpus.document(art)
            ment = _mentions(finder, doc)
            if not len(ment):
                continue
            event = art.event if art.event is not None else ALL_EVENTS
            sent_scores: dict[int, float] = {}
            if scorer is not None:
                for si in set(ment.sentence.tolist()):
                    sent_scores[si] = scorer(doc.sentence(si))
            roles = _harm_roles(doc, ment, self.harm_matcher_)
            per_actor: dict[str, dict] = defaultdict(lambda: {"m": 0, "sents": set(), "aliases": set()})
            for k, actor in enumerate(ment.actor):
                d = per_actor[actor]
                d["m"] += 1
                d["sents"].add(int(ment.sentence[k]))
                d["aliases"].add(ment.surface[k])
                ev_rows.append((event, art.outlet, actor, finder.side_of(actor), "mention",
                                sent_scores.get(int(ment.sentence[k]), np.nan), art.id,
                                int(ment.sentence[k]), int(ment.start[k]), int(ment.end[k]), ment.surface[k]))
            for (actor, what, si), (s, e) in roles.items():
                ev_rows.append((event, art.outlet, actor, finder.side_of(actor), what,
                                sent_scores.get(si, np.nan), art.id, si, s, e, doc.text[s:e]))
            for actor, d in per_actor.items():
                for ev in {event, ALL_EVENTS}:
                    st = stats.setdefault((ev, art.outlet, actor), {"m": 0, "tones": [], "aliases": set(),
                                                                     "agent_harm": 0, "target_harm": 0,
                                                                     "agent_positive": 0, "n": 0})
                    st["m"] += d["m"]
                    st["n"] += len(d["sents"])
                    st["aliases"] |= d["aliases"]
                    if scorer is not None:
                        st["tones"].extend(sent_scores[si] for si in d["sents"])
            for (actor, what, si) in roles:
                for ev in {event, ALL_EVENTS}:
                    st = stats.get((ev, art.outlet, actor))
                    if st is not None:
                        st[what] += 1
        rows = []
        for (ev, outlet, actor), st in stats.items():
            if st["m"] < self.min_mentions:
                continue
            m, lo, hi = mean_interval(np.asarray(st["tones"], dtype=float)) if st["tones"] else (np.nan,) * 3
            role = assign_role(st["agent_harm"], st["target_harm"], st["agent_positive"], m)
            rows.append((ev, outlet, actor, finder.side_of(actor), st["m"], m, lo, hi, st["agent_harm"],
                         st["target_harm"], role, "; ".join(sorted(st["aliases"])), st["n"],
                         st["n"] < MIN_COUNT, st["agent_positive"], finder.type_of(actor)))
        table = pd.DataFrame(rows, columns=COLUMNS)
        if len(table):
            table = table.astype({"mentions": "int64", "agent_harm": "int64", "target_harm": "int64",
                                  "n_sentences": "int64", "agent_positive": "int64", "too_little_data": bool,
                                  "tone": float, "ci_low": float, "ci_high": float})
            order = table["event"].eq(ALL_EVENTS)
            table = (table.assign(_all=order).sort_values(["_all", "event", "outlet", "mentions", "actor"],
                                                          ascending=[True, True, True, False, True])
                     .drop(columns="_all").reset_index(drop=True))
        evidence = pd.DataFrame(ev_rows, columns=["event", "outlet", "actor", "side", "evidence", "compound",
                                                  "article_id", "sentence_index", "start", "end", "match"])
        if len(evidence):
            sentences = []
            for aid, si in zip(evidence["article_id"], evidence["sentence_index"]):
                sentences.append(corpus.document(aid).sentence(int(si)))
            evidence["sentence"] = sentences
        else:
            evidence["sentence"] = pd.Series(dtype=object)
        evidence = evidence[["event", "outlet", *EVIDENCE_KEYS, "article_id", "sentence_index", "start", "end",
                             "match", "sentence"]]
        return {"actors": table, "actors_evidence": evidence}


def _harm_roles(doc: Document, ment: Mentions, matcher: PhraseMatcher) -> dict[tuple[str, str, int], tuple[int, int]]:
    """(actor, agent_harm|target_harm|agent_positive, sentence) -> char span of the action word."""
    out: dict[tuple[str, str, int], tuple[int, int]] = {}
    if not len(ment):
        return out
    hits = matcher.find_in(doc.tokens)
    if not hits:
        return out
    toks, tsent = doc.tokens, doc.tok_sent
    m_start, m_end, m_sent = ment.tok_start, ment.tok_end, ment.sentence
    for a, b, (kind, pos, _lemma) in hits:
        si = int(tsent[a])
        in_sent = np.flatnonzero(m_sent == si)
        if not len(in_sent):
            continue
        before = [k for k in in_sent if m_end[k] <= a]
        after = [k for k in in_sent if m_start[k] >= b]
        agent = target = None
        if pos == "verb":
            passive = any(t in _BE for t in toks[max(a - 2, 0) : a]) or (b < len(toks) and toks[b] == "by")
            if passive:
                if before and a - m_end[before[-1]] <= 4:
                    target = before[-1]
                if after and toks[b] == "by" and m_start[after[0]] - b <= 3:
                    agent = after[0]
            else:
                if before and a - m_end[before[-1]] <= 8:
                    agent = before[-1]
                if after and m_start[after[0]] - b <= 4:
                    target = after[0]
        else:  # noun: "Russia's invasion", "invasion by Russia", "attacks on Ukraine"
            if before and a - m_end[before[-1]] <= 1:
                agent = before[-1]
            if after and m_start[after[0]] - b <= 3:
                prep = toks[b] if b < len(toks) else ""
                if prep in _AGENT_PREP and agent is None:
                    agent = after[0]
                elif prep in _TARGET_PREP:
                    target = after[0]
        s, e = int(doc.tok_starts[a]), int(doc.tok_ends[b - 1])
        if agent is not None:
            what = "agent_harm" if kind == "harm" else "agent_positive"
            out.setdefault((ment.actor[agent], what, si), (s, e))
        if target is not None and kind == "harm" and (agent is None or ment.actor[target] != ment.actor[agent]):
            out.setdefault((ment.actor[target], "target_harm", si), (s, e))
    return out
