"""Actors and their portrayal: mentions, tone, agent or target of harm, and a role.

:class:`ActorAnalyzer` finds actors with :class:`~framing.extract.actor_lexicon.ActorFinder`
(packaged lexicon + capitalised names, spelling variants merged) and measures, per
event, outlet and actor:

* ``mentions`` and ``n_sentences`` (distinct sentences that name the actor);
* ``tone``: the tone of the words *about the actor* (:mod:`framing.extract.actor_tone`:
  VADER word valences, Hutto and Gilbert 2014, with the lexicon the ``vaderSentiment``
  package ships, weighted by distance from the mention within its clause, bounded by
  other actors' mentions; what the actor says is not tone about it; who does what to
  whom from ``actor_cues.csv``), one value per sentence (the mean over the actor's
  mentions there), averaged over sentences with a 95% t-interval (``ci_low``,
  ``ci_high``; NaN below two sentences). An official who reports casualties is not
  portrayed negatively; a leader quoted condemning an attack is not either;
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

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .._log import logger
from .._optional import import_optional
from ..corpus import Corpus
from ..errors import MissingDependencyError, ParameterError
from ..extract.actor_lexicon import ActorFinder, Mentions
from ..extract.actor_tone import TargetTone
from ..extract.speech_verbs import speech_verbs
from ..lexicons import load_lexicon
from ..matching import PhraseMatcher
from ..stats import MIN_COUNT, t_interval
from ..tables import EVENT, OUTLET, TableSpec, evidence_table
from ..tables import Column as C
from ..text import Document, fold
from .actor_roles import (
    assign_roles,
    role_prior,
)
from .base import ALL_EVENTS, Analyzer
from .quotes import _mentions, prefill_mentions, shared_finder

__all__ = [
    "COLUMNS",
    "ActorAnalyzer",
    "VaderScorer",
    "harm_lexicon",
    "mean_interval",
]

EVIDENCE_KEYS = ["actor", "side", "evidence", "compound"]
_BE = frozenset(["was", "were", "is", "are", "been", "being", "be", "got", "get", "gets", "getting"])
_AGENT_PREP = frozenset({"by", "from"})
#: Helping acts whose object is someone in need of help (a cue for the innocent role).
_PROTECT = frozenset(["protect", "help", "rescue", "save", "aid", "assist", "defend", "restore", "release"])
_TARGET_PREP = frozenset({"on", "against", "of", "at", "to", "toward", "towards", "into"})


@lru_cache(maxsize=4)
def harm_lexicon(path: str | None = None) -> pd.DataFrame:
    """The harm / positive action lexicon (verb, lemma, kind, pos, source)."""
    if path is None:
        return load_lexicon("harm_verbs", owner="framing actors")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


class VaderScorer:
    """VADER compound scores of sentences, cached by sentence text."""

    def __init__(self) -> None:
        mod = import_optional(
            "vaderSentiment.vaderSentiment", extra="tone", purpose="Actor tone (ActorAnalyzer tone=True)"
        )
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
    lo, hi = t_interval([m], [v.var(ddof=1)], [n], confidence=confidence, low=-1.0, high=1.0)
    return m, float(lo[0]), float(hi[0])


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
    tables = (
        TableSpec(
            "actors",
            "One row per event, outlet and actor (and event `all`): how often and how the outlet portrays the actor.",
            (
                EVENT,
                OUTLET,
                C("actor", "str", "the actor's canonical name"),
                C("side", "str", "the actor's side"),
                C("mentions", "int", "mentions of the actor"),
                C(
                    "tone",
                    "float",
                    "mean over sentences of the tone about the actor (the words about it within its clause; "
                    "what it says is not tone about it); NaN without vaderSentiment",
                ),
                C("ci_low", "float", "lower end of the 95% t-interval of the tone"),
                C("ci_high", "float", "upper end of that interval"),
                C("agent_harm", "int", "sentences where the actor does a harmful act"),
                C("target_harm", "int", "sentences where the actor suffers one"),
                C("role", "str", "`protagonist`, `antagonist`, `innocent`, or empty"),
                C("aliases_seen", "str", "the forms seen, `; `-separated"),
                C("n_sentences", "int", "distinct sentences naming the actor"),
                C("too_little_data", "bool", "`n_sentences < 5`"),
                C("agent_positive", "int", "sentences where the actor does a cooperative act"),
                C("type", "str", "`person`, `government`, `institution`, `group`, `media`"),
                C("beneficiary", "int", "sentences where the actor is protected or helped"),
            ),
            keys=("event", "outlet", "actor"),
            evidence="actors_evidence",
        ),
        evidence_table(
            "actors_evidence",
            "actors",
            (
                C("actor", "str", "the actor"),
                C("side", "str", "the actor's side"),
                C(
                    "evidence",
                    "str",
                    "`mention`, `agent_harm`, `target_harm`, `agent_positive`, `beneficiary`, `blamed`, `praised`",
                ),
                C("compound", "float", "the tone about the actor in that sentence (the value averaged into tone)"),
            ),
        ),
    )

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
            self.scorer_ = TargetTone()
        elif self.tone == "auto":
            try:
                self.scorer_ = TargetTone()
            except MissingDependencyError as exc:
                logger.warning("actor tone left empty: %s", exc)
        self.finder_ = shared_finder(corpus, self.actors, self.sides, self.discover, self.merge_threshold)
        lex = harm_lexicon(self.harm_lexicon)
        keys = [(k, p, lem) for k, p, lem in zip(lex["kind"], lex["pos"], lex["lemma"])]
        self.harm_matcher_ = PhraseMatcher(zip(lex["verb"], keys))

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        finder: ActorFinder = self.finder_
        scorer = self.scorer_
        arts = list(corpus)
        prefill_mentions(finder, corpus, arts)
        harm_hits = self.harm_matcher_.find_tokens(corpus, arts)
        # one row per mention and per role hit, collected as flat columns (no per-article frames)
        m_art: list[int] = []
        m_actor: list[str] = []
        m_sent: list[int] = []
        m_start: list[int] = []
        m_end: list[int] = []
        m_surf: list[str] = []
        m_tone: list[float] = []
        m_text: list[str] = []
        r_rows: list[tuple] = []
        nan = float("nan")
        for i, art in enumerate(arts):
            doc = corpus.document(art)
            ment = _mentions(finder, doc)
            n = len(ment)
            if not n:
                continue
            sents = ment.sentence.tolist()
            text, ss, se = doc.text, doc.sent_starts, doc.sent_ends
            stext = {si: text[ss[si] : se[si]] for si in set(sents)}
            if scorer is not None:
                tones, cue_rows = _actor_sentence_tones(scorer, ment, stext, ss)
                for actor, what, si, s0, e0 in cue_rows:
                    r_rows.append((i, actor, what, tones[(actor, si)], si, s0, e0, text[s0:e0], stext[si]))
                m_tone.extend(tones[(a, si)] for a, si in zip(ment.actor, sents))
                sc = tones
            else:
                sc = {}
            m_art.extend([i] * n)
            m_actor.extend(ment.actor)
            m_sent.extend(sents)
            m_start.extend(ment.start.tolist())
            m_end.extend(ment.end.tolist())
            m_surf.extend(ment.surface)
            m_text.extend([stext[si] for si in sents])
            for (actor, what, si), (s0, e0) in _harm_roles(doc, ment, harm_hits[i]).items():
                st = stext.get(si)
                if st is None:
                    st = text[ss[si] : se[si]]
                r_rows.append((i, actor, what, sc.get((actor, si), nan), si, s0, e0, text[s0:e0], st))
        if scorer is None:
            m_tone = [nan] * len(m_art)
        ev_of = corpus.event_labels()
        out_of = np.asarray([a.outlet for a in arts], dtype=object)
        id_of = np.asarray([a.id for a in arts], dtype=object)
        M = pd.DataFrame(
            {
                "art": np.asarray(m_art, dtype=np.int64),
                "actor": m_actor,
                "sentence_index": np.asarray(m_sent, dtype=np.int64),
                "start": np.asarray(m_start, dtype=np.int64),
                "end": np.asarray(m_end, dtype=np.int64),
                "match": m_surf,
                "compound": np.asarray(m_tone, dtype=float),
                "sentence": m_text,
            }
        )
        R = pd.DataFrame(
            r_rows,
            columns=["art", "actor", "evidence", "compound", "sentence_index", "start", "end", "match", "sentence"],
        )
        table = self._actor_table(M, R, ev_of, out_of)
        # evidence: per article, its mentions then its role hits (as before)
        E = pd.concat([M.assign(evidence="mention"), R.astype({"art": np.int64})], ignore_index=True)
        E = E.sort_values("art", kind="stable").reset_index(drop=True)
        art_idx = E["art"].to_numpy(dtype=np.int64)
        e_actor = E["actor"].to_numpy(dtype=object)
        sides = {a: finder.side_of(a) for a in set(e_actor.tolist())}
        evidence = pd.DataFrame(
            {
                "event": ev_of[art_idx],
                "outlet": out_of[art_idx],
                "actor": e_actor,
                "side": [sides[a] for a in e_actor.tolist()],
                "evidence": E["evidence"].to_numpy(dtype=object),
                "compound": E["compound"].to_numpy(dtype=float),
                "article_id": id_of[art_idx],
                "sentence_index": E["sentence_index"].to_numpy(dtype=np.int64),
                "start": E["start"].to_numpy(dtype=np.int64),
                "end": E["end"].to_numpy(dtype=np.int64),
                "match": E["match"].to_numpy(dtype=object),
                "sentence": E["sentence"].to_numpy(dtype=object),
            }
        )
        evidence = evidence[
            ["event", "outlet", *EVIDENCE_KEYS, "article_id", "sentence_index", "start", "end", "match", "sentence"]
        ]
        return {"actors": table, "actors_evidence": evidence}

    def _actor_table(self, M: pd.DataFrame, R: pd.DataFrame, ev_of: np.ndarray, out_of: np.ndarray) -> pd.DataFrame:
        """Per (event, outlet, actor) statistics, vectorised (groups by integer codes)."""
        finder: ActorFinder = self.finder_
        if M.empty:
            return self.tables[0].empty()

        # rows of each event, plus a copy under the corpus-wide event "all"
        def expand(df: pd.DataFrame) -> pd.DataFrame:
            ev = ev_of[df["art"].to_numpy(dtype=np.int64)]
            df = df.assign(event=ev, outlet=out_of[df["art"].to_numpy(dtype=np.int64)])
            return pd.concat([df, df[ev != ALL_EVENTS].assign(event=ALL_EVENTS)], ignore_index=True)

        MM = expand(M[["art", "actor", "sentence_index", "match", "compound"]])
        RR = expand(R[["art", "actor", "evidence"]]) if len(R) else None
        # groups (event, outlet, actor) by integer codes, the role rows coded with the same categories
        cols = ("event", "outlet", "actor")
        both = {
            c: np.concatenate([MM[c].to_numpy(dtype=object), RR[c].to_numpy(dtype=object)])
            if RR is not None
            else MM[c].to_numpy(dtype=object)
            for c in cols
        }
        codes = [pd.factorize(both[c])[0].astype(np.int64) for c in cols]
        width = [int(c.max()) + 1 for c in codes]
        combined = (codes[0] * width[1] + codes[1]) * width[2] + codes[2]
        uniq, g = np.unique(combined[: len(MM)], return_inverse=True)
        g = g.ravel()
        G = len(uniq)
        first_row = np.zeros(G, dtype=np.int64)
        first_row[g[::-1]] = np.arange(len(g))[::-1]
        mentions = np.bincount(g, minlength=G)
        # distinct sentences per group (tone is one value per sentence)
        art = MM["art"].to_numpy(dtype=np.int64)
        sent = MM["sentence_index"].to_numpy(dtype=np.int64)
        first = ~pd.DataFrame({"g": g, "a": art, "s": sent}).duplicated().to_numpy()
        gs = g[first]
        n_sent = np.bincount(gs, minlength=G)
        tone_v = MM["compound"].to_numpy(dtype=float)[first]
        ok = ~np.isnan(tone_v)
        cnt = np.bincount(gs[ok], minlength=G).astype(float)
        tot = np.bincount(gs[ok], weights=tone_v[ok], minlength=G)
        sq = np.bincount(gs[ok], weights=tone_v[ok] ** 2, minlength=G)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(cnt > 0, tot / np.maximum(cnt, 1), np.nan)
            var = np.where(cnt > 1, (sq - cnt * mean**2) / np.maximum(cnt - 1, 1), np.nan)
        lo, hi = t_interval(mean, var, cnt, low=-1.0, high=1.0)
        # aliases: distinct surfaces per group, sorted, joined
        scode, suniq = pd.factorize(MM["match"], sort=True)
        pair = np.unique(g.astype(np.int64) * (len(suniq) + 1) + scode)
        pg, ps = pair // (len(suniq) + 1), pair % (len(suniq) + 1)
        bounds = np.searchsorted(pg, np.arange(G + 1))
        sl = np.asarray(suniq, dtype=object)[ps].tolist()
        bl = bounds.tolist()
        aliases = ["; ".join(sl[bl[k] : bl[k + 1]]) for k in range(G)]
        # role evidence counts
        counts = {
            w: np.zeros(G, dtype=np.int64)
            for w in ("agent_harm", "target_harm", "agent_positive", "beneficiary", "blamed", "praised")
        }
        if RR is not None:
            rc = combined[len(MM) :]
            pos = np.minimum(np.searchsorted(uniq, rc), G - 1)
            rg = np.where(uniq[pos] == rc, pos, -1)
            for w, arr in counts.items():
                sel = (RR["evidence"].to_numpy() == w) & (rg >= 0)
                arr += np.bincount(rg[sel], minlength=G)
        ev_k = both["event"][first_row]
        out_k = both["outlet"][first_row]
        act_k = both["actor"][first_row]
        act_l = act_k.tolist()
        side_of = {a: finder.side_of(a) for a in set(act_l)}
        type_of = {a: finder.type_of(a) for a in set(act_l)}
        prior_of = {a: role_prior(a, type_of[a]) for a in set(act_l)}
        table = pd.DataFrame(
            {
                "event": ev_k,
                "outlet": out_k,
                "actor": act_k,
                "side": [side_of[a] for a in act_l],
                "mentions": mentions.astype(np.int64),
                "tone": mean,
                "ci_low": lo,
                "ci_high": hi,
                "agent_harm": counts["agent_harm"],
                "target_harm": counts["target_harm"],
                "role": assign_roles(
                    counts["agent_harm"],
                    counts["target_harm"],
                    counts["agent_positive"],
                    mean,
                    beneficiary=counts["beneficiary"],
                    prior=[prior_of[a] for a in act_l],
                    blamed=counts["blamed"],
                    praised=counts["praised"],
                ),
                "aliases_seen": aliases,
                "n_sentences": n_sent.astype(np.int64),
                "too_little_data": n_sent < MIN_COUNT,
                "agent_positive": counts["agent_positive"],
                "type": [type_of[a] for a in act_l],
                "beneficiary": counts["beneficiary"],
            }
        )
        table = table[table["mentions"] >= self.min_mentions]
        table = table.astype({"tone": float, "ci_low": float, "ci_high": float, "too_little_data": bool})
        order = table["event"].eq(ALL_EVENTS)
        return (
            table.assign(_all=order)
            .sort_values(["_all", "event", "outlet", "mentions", "actor"], ascending=[True, True, True, False, True])
            .drop(columns="_all")
            .reset_index(drop=True)
        )


_CUE_PUNCT = "\"'“”‘’()[]{}.,;:!?—–-…"


@lru_cache(maxsize=1)
def _harm_forms() -> frozenset[str]:
    """Folded one-word forms of the packaged ``harm_verbs.csv``."""
    return frozenset(fold(v) for v in harm_lexicon()["verb"] if " " not in v.strip())


def _actor_sentence_tones(
    scorer: TargetTone, ment: Mentions, stext: dict[int, str], sent_starts: np.ndarray
) -> tuple[dict[tuple[str, int], float], list[tuple]]:
    """(actor, sentence) -> tone about the actor in that sentence (mean over its mentions there),
    and the role-cue evidence rows ``(actor, "blamed" | "praised", sentence, start, end)``.

    Each mention is scored by :meth:`TargetTone.mentions` on its sentence (the sentence
    parsed once), with the other actors' mentions of the sentence as bounds (see
    :mod:`framing.extract.actor_tone`); the same call gives the cues ("accused X", "X lied": blamed; "elected X",
    "X won": praised), one row per actor, sentence and polarity.
    """
    cue_rows: dict[tuple[str, str, int], tuple[int, int]] = {}
    harm_forms = _harm_forms()
    by_sent: dict[int, list[int]] = {}
    for k, si in enumerate(ment.sentence.tolist()):
        by_sent.setdefault(si, []).append(k)
    out: dict[tuple[str, int], list[float]] = {}
    starts, ends, actors = ment.start.tolist(), ment.end.tolist(), ment.actor
    for si, ks in by_sent.items():
        off = int(sent_starts[si])
        text = stext[si]
        spans = [(starts[k] - off, ends[k] - off) for k in ks]
        keys = [actors[k] for k in ks]
        scored = scorer.mentions(text, spans, keys)
        for key, (v, _) in zip(keys, scored):
            out.setdefault((key, si), []).append(v)
        for key, (_, cues) in zip(keys, scored):
            for c0, c1, pol in cues:
                if fold(text[c0:c1].strip(_CUE_PUNCT)) in harm_forms:
                    continue  # acts of harm or help count as agent_harm / target_harm / agent_positive
                what = "blamed" if pol < 0 else "praised"
                cue_rows.setdefault((key, what, si), (off + c0, off + c1))
    rows = [(k[0], k[1], k[2], v[0], v[1]) for k, v in cue_rows.items()]
    # the mean over the actor's mentions in the sentence (np.mean as before; one value is itself)
    return {k: v[0] if len(v) == 1 else float(np.mean(v)) for k, v in out.items()}, rows


def _harm_roles(doc: Document, ment: Mentions, hits: list) -> dict[tuple[str, str, int], tuple[int, int]]:
    """(actor, agent_harm|target_harm|agent_positive, sentence) -> char span of the action word.

    ``hits`` are the harm-lexicon matches of ``doc`` as ``(token_start, token_end,
    (kind, pos, lemma))`` (from :meth:`~framing.matching.PhraseMatcher.find_tokens`).
    """
    out: dict[tuple[str, str, int], tuple[int, int]] = {}
    if not len(ment):
        return out
    if not hits:
        return out
    toks, tsent = doc.tokens, doc.tok_sent
    m_start, m_end, m_sent = ment.tok_start, ment.tok_end, ment.sentence
    speech = speech_verbs()
    verb_ends = {(b, int(tsent[b - 1])) for _, b, (_k, p, _l) in hits if p == "verb"}

    def can_do(k: int, a: int) -> bool:
        """Mention ``k`` can be the doer of the act at token ``a``: it does not speak in between
        ("Officials said the shelling killed ...") and is not the object of an act just before it
        ("... killed 12 civilians and wounded dozens")."""
        if any(toks[j] in speech for j in range(int(m_end[k]), a)):
            return False
        si = int(m_sent[k])
        return not any((int(m_start[k]) - d, si) in verb_ends for d in (0, 1, 2))

    # the mentions of each sentence, in order (they do not overlap: their ends are in order too)
    sent_l, start_l, end_l = m_sent.tolist(), m_start.tolist(), m_end.tolist()
    by_sent: dict[int, tuple[list[int], list[int], list[int]]] = {}
    for k, si in enumerate(sent_l):
        ks, ss_, es_ = by_sent.setdefault(si, ([], [], []))
        ks.append(k)
        ss_.append(start_l[k])
        es_.append(end_l[k])
    for a, b, (kind, pos, _lemma) in hits:
        si = int(tsent[a])
        group = by_sent.get(si)
        if group is None:
            continue
        ks, ss_, es_ = group
        # the last mention that ends before the act and the first that starts after it
        nb = bisect_right(es_, a)
        na = bisect_left(ss_, b)
        before = ks[nb - 1 : nb] if nb else []
        after = ks[na : na + 1]
        agent = target = None
        if kind == "suffer":  # "farmers suffered", "thousands were displaced": the subject suffers
            if before and a - m_end[before[-1]] <= 8 and can_do(int(before[-1]), a):
                out.setdefault(
                    (ment.actor[before[-1]], "target_harm", si), (int(doc.tok_starts[a]), int(doc.tok_ends[b - 1]))
                )
            continue
        if pos == "verb":
            passive = any(t in _BE for t in toks[max(a - 2, 0) : a]) or (b < len(toks) and toks[b] == "by")
            if passive:
                if before and a - m_end[before[-1]] <= 4:
                    target = before[-1]
                if after and toks[b] == "by" and m_start[after[0]] - b <= 3:
                    agent = after[0]
            else:
                if before and a - m_end[before[-1]] <= 8 and can_do(int(before[-1]), a):
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
        elif (
            target is not None
            and kind == "positive"
            and _lemma in _PROTECT
            and (agent is None or ment.actor[target] != ment.actor[agent])
        ):
            out.setdefault((ment.actor[target], "beneficiary", si), (s, e))  # "protect the reef"
    return out


#: Columns of the ``actors`` table (declared in :attr:`ActorAnalyzer.tables`).
COLUMNS = ActorAnalyzer.tables[0].column_names
