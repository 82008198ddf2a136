"""Tone about an actor: the words about the actor, not the whole sentence.

One function, :meth:`TargetTone.score`, gives the tone of a sentence *towards one
mention* in [-1, 1]. :class:`~framing.analyses.actors.ActorAnalyzer` uses it for the
``tone`` of every actor and the validation (``validation/actor_tone_newsmtsc.py``)
scores the same function. The steps:

1. **Word valences in context.** VADER (Hutto and Gilbert 2014; the lexicon the
   optional ``vaderSentiment`` package ships) gives each word of the sentence its
   valence with its own rules for negation ("not good"), boosters ("very") and
   "but" (the clause after "but" weighs more), computed on the whole sentence so a
   negation before the window still counts.
2. **The words about the actor.** Each word is weighted by its distance in words
   from the mention (``exp(-d / TAU)``), by ``CLAUSE_PENALTY`` for each clause
   boundary in between (``,;:`` dashes, brackets, "but", "while", "although", ...)
   and by ``OTHER_PENALTY`` when another actor's mention stands between the word and
   the actor (the word is about that other actor). The mention's own words
   ("Liberty" in a name) do not count.
3. **Speech.** When the actor is the speaker ("X said ...", "..., X said",
   "according to X", "X condemned the attack"), what it says is about the topic,
   not the speaker: those words weigh ``SPEECH_PENALTY``, and a judging verb of
   saying ("condemned", "slammed") is no tone about its own speaker. An official
   who reports casualties is not portrayed negatively.
4. **Who does what to whom.** Words of ``actor_cues.csv`` portray an actor in a
   role: the patient of "accused", "criticised", "arrested" or the agent of "lied",
   "resigned", "lost" is portrayed negatively; the patient of "praised", "elected"
   or the agent of "won", "helped" positively; "scandal", "embattled" next to the
   actor negatively. A cue counts ``CUE_WEIGHT`` (in VADER valence units) times its
   polarity, negated after "not", "never", "no", "n't" just before it.

The words, their valences and clause marks come from :mod:`framing.extract.actor_words`
(each distinct word and each lexicon word's context computed once; the same values as
VADER's own loop). The weighted sum is squashed with VADER's own normalisation (``x / sqrt(x^2 + 15)``).
The constants were chosen on the TRAIN split of NewsMTSC only
(docs/validation/actor_tone_newsmtsc.md); no text of it is shipped.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from .._optional import import_optional
from .actor_words import _LOW, _PUNCT, _SPEECH, Sentence, WordModel, actor_cues

__all__ = ["NEGATIVE_BAND", "POSITIVE_BAND", "TargetTone", "actor_cues", "tone_label"]

#: Decay length, in words, of the weight of a word by its distance from the mention.
TAU = 12.0
#: Weight factor per clause boundary between a word and the mention.
CLAUSE_PENALTY = 0.6
#: Weight factor of a word with another actor's mention between it and the actor.
OTHER_PENALTY = 0.3
#: Weight of the words an actor says (the content of its speech) in its own tone.
SPEECH_PENALTY = 0.0
#: Valence (VADER units, where "good" is 1.9) of one role cue from ``actor_cues.csv``.
CUE_WEIGHT = 1.5
#: Valence (VADER units) against a speaker that a judging verb of saying introduces ("claimed", "fumed").
JUDGING_WEIGHT = 1.0
#: Factor on positive word valences (news praise is rarer and weaker than blame).
POSITIVE_SCALE = 0.6
#: Words further than this many times TAU from a mention are not read for its tone: their weight,
#: exp(-50), is below 1e-21 (a bound on the work per mention in a sentence without end).
_REACH_TAUS = 50
#: Neutral band of :func:`tone_label`: tone <= -NEGATIVE_BAND is negative, >= POSITIVE_BAND positive.
NEGATIVE_BAND = 0.02
POSITIVE_BAND = 0.01

_NEGATORS = frozenset(
    [
        "not",
        "never",
        "no",
        "n't",
        "cannot",
        "didn't",
        "doesn't",
        "don't",
        "isn't",
        "wasn't",
        "won't",
        "wouldn't",
        "hasn't",
        "haven't",
        "hadn't",
        "couldn't",
        "shouldn't",
        "aren't",
        "weren't",
    ]
)
_BE = frozenset(["is", "are", "was", "were", "be", "been", "being", "got", "get", "gets", "has", "have", "had"])
_AUX = frozenset(
    ["also", "has", "have", "had", "would", "will", "could", "may", "might", "has", "not", "then", "later", "again"]
)


def tone_label(tone: float, negative: float = NEGATIVE_BAND, positive: float = POSITIVE_BAND) -> str:
    """``negative``, ``neutral`` or ``positive`` from a tone (NaN gives ``""``).

    >>> tone_label(-0.3), tone_label(0.0), tone_label(0.6), tone_label(float("nan"))
    ('negative', 'neutral', 'positive', '')
    """
    if tone != tone:
        return ""
    if tone <= -negative:
        return "negative"
    if tone >= positive:
        return "positive"
    return "neutral"


def _in_ranges(ranges: Sequence[tuple[int, int]], i: int) -> bool:
    return any(lo <= i < hi for lo, hi in ranges)


class TargetTone:
    """Tone towards a mention, from the words about it (see the module docstring).

    Needs the optional ``vaderSentiment`` package (``pip install 'framing[tone]'``);
    raises :class:`~framing.errors.MissingDependencyError` without it.

    Word valences are VADER's (``SentimentIntensityAnalyzer.sentiment_valence`` with its
    rules for negation, boosters, idioms and "but", exactly), computed once per lexicon
    word and its context of three words before and two after; a sentence is parsed once
    for all its mentions, and the weights are only computed for the words with a valence,
    so the cost grows linearly with the length of a sentence.

    Examples
    --------
    >>> tt = TargetTone()  # doctest: +SKIP
    >>> s = "The mayor said three people were killed in the horrific attack."
    >>> tt.score(s, 0, 9) > -0.05  # doctest: +SKIP
    True
    """

    def __init__(
        self,
        *,
        tau: float = TAU,
        clause_penalty: float = CLAUSE_PENALTY,
        other_penalty: float = OTHER_PENALTY,
        speech_penalty: float = SPEECH_PENALTY,
        cue_weight: float = CUE_WEIGHT,
        positive_scale: float = POSITIVE_SCALE,
        judging_weight: float = JUDGING_WEIGHT,
    ) -> None:
        vader = import_optional(
            "vaderSentiment.vaderSentiment", extra="tone", purpose="Actor tone (ActorAnalyzer tone=True)"
        )
        self._vader = vader
        self._an = vader.SentimentIntensityAnalyzer()
        self.tau = tau
        self.clause_penalty = clause_penalty
        self.other_penalty = other_penalty
        self.speech_penalty = speech_penalty
        self.cue_weight = cue_weight
        self.positive_scale = positive_scale
        self.judging_weight = judging_weight
        self._sentence: dict[str, float] = {}
        self._cues = actor_cues()
        self._words = WordModel(vader, self._an)
        self._exp: list[float] = [1.0]
        self._reach = math.ceil(_REACH_TAUS * tau)

    # -- sentence-level ---------------------------------------------------------------
    def sentence(self, text: str) -> float:
        """VADER compound of the whole sentence (cached)."""
        v = self._sentence.get(text)
        if v is None:
            v = float(self._an.polarity_scores(text)["compound"])
            if len(self._sentence) > 200_000:
                self._sentence.clear()
            self._sentence[text] = v
        return v

    def _decay(self, d: int) -> float:
        """``exp(-d / tau)``, tabulated."""
        e = self._exp
        while len(e) <= d:
            e.append(math.exp(-len(e) / self.tau))
        return e[d]

    # -- towards a mention ----------------------------------------------------------------
    def score(self, text: str, start: int, end: int, others: Iterable[tuple[int, int]] = ()) -> float:
        """Tone of sentence ``text`` towards the mention at characters ``start:end`` of it.

        Parameters
        ----------
        text:
            The sentence.
        start, end:
            The mention's character offsets in ``text``.
        others:
            Character spans of other actors' mentions in ``text`` (mentions of the same
            actor should be left out).

        Returns
        -------
        float
            In (-1, 1); 0.0 when no word about the actor carries tone.
        """
        S = self._words.parse(text)
        if not S.n:
            return 0.0
        a, b = S.locate(start, end)
        if a >= b:
            return 0.0
        other: set[int] = set()
        for s0, e0 in others:
            if e0 <= start or s0 >= end:
                oa, ob = S.locate(s0, e0)
                other.update(range(oa, ob))
        return self._tone(S, a, b, other)[0]

    def mentions(
        self, text: str, spans: Sequence[tuple[int, int]], keys: Sequence[str]
    ) -> list[tuple[float, list[tuple[int, int, int]]]]:
        """Tone towards each mention ``spans[k]`` (actor ``keys[k]``) of sentence ``text``, and its role cues.

        The same as ``(score(text, s, e, others), cues(text, s, e))`` for each mention, where
        ``others`` are the mentions of the other actors; the sentence is parsed once.
        """
        S = self._words.parse(text)
        out: list[tuple[float, list[tuple[int, int, int]]]] = []
        if not S.n:
            return [(0.0, []) for _ in spans]
        locate = S.locate
        words = [locate(s, e) for s, e in spans]
        if len(set(keys)) == 1:
            one: set[int] = set()  # one actor: no other mention bounds its words
            other_of: dict[str, set[int]] | None = {keys[0]: one}
        else:
            ordered = sorted(spans)
            # mentions that overlap (never those of ActorFinder) bound each other only where they do not
            other_of = None if any(ordered[k][0] < ordered[k - 1][1] for k in range(1, len(ordered))) else {}
            by_key: dict[str, set[int]] = {}
            for key, (a, b) in zip(keys, words):
                by_key.setdefault(key, set()).update(range(a, b))
        for k, ((s, e), (a, b)) in enumerate(zip(spans, words)):
            key = keys[k]
            if a >= b:
                out.append((0.0, []))
                continue
            if other_of is None:
                other: set[int] = set()
                for j, (s0, e0) in enumerate(spans):
                    if keys[j] != key and (e0 <= s or s0 >= e):
                        other.update(range(*words[j]))
            else:
                other = other_of.get(key)  # type: ignore[assignment]
                if other is None:
                    other = set().union(*[w for k2, w in by_key.items() if k2 != key])
                    other_of[key] = other
            tone, hits = self._tone(S, a, b, other)
            out.append((tone, [self._cue_span(S, i, pol) for i, pol in hits]))
        return out

    def _tone(self, S: Sentence, a: int, b: int, other: set[int]) -> tuple[float, list[tuple[int, int]]]:
        """Tone towards the mention at words ``a:b`` (``other``: words of other actors' mentions), and its cues."""
        content, judged = self._speech(S, a, b)
        hits = self._cue_hits(S, a, b, content)
        total = 0.0
        # the words with a valence within reach of the mention
        vpos = S.vpos
        reach = self._reach
        p0 = bisect_left(vpos, a - reach)
        p1 = bisect_right(vpos, b - 1 + reach)
        if p0 < p1:
            exp = self._exp
            if len(exp) <= reach:
                self._decay(reach)
            # the weight of each word with a valence: distance decay, clause boundaries and
            # other mentions, walking out from the mention (the product in the same order)
            weights: dict[int, float] = {}
            bnd, vset = S.bnd, S.vset
            cp, op = self.clause_penalty, self.other_penalty
            lo = vpos[p0]
            if lo < a:
                w = 1.0
                for i in range(a - 1, lo - 1, -1):
                    if i in bnd:
                        w *= cp
                    if i in other:
                        w *= op
                    elif i in vset:
                        weights[i] = w * exp[a - i]
            hi = vpos[p1 - 1]
            if hi >= b:
                w = 1.0
                for i in range(b, hi + 1):
                    if i - 1 in bnd:
                        w *= cp
                    if i in other:
                        w *= op
                    elif i in vset:
                        weights[i] = w * exp[i - b + 1]
            sp, ps = self.speech_penalty, self.positive_scale
            for i, v in S.vals[p0:p1]:
                wt = weights.get(i)
                if wt is None:
                    continue
                if content and _in_ranges(content, i):
                    wt *= sp
                if wt:
                    total += wt * v * (ps if v > 0 else 1.0)
        total += sum(pol for _, pol in hits) * self.cue_weight
        if judged:
            total -= self.judging_weight  # "X claimed", "X fumed", "X slammed ...": the verb judges its speaker
        return float(total / math.sqrt(total * total + 15.0)), hits

    def _speech(self, S: Sentence, a: int, b: int) -> tuple[list[tuple[int, int]], bool]:
        """Word ranges that the actor at words ``a:b`` says (its speech verb included when judging), and
        whether a judging verb of saying introduces it ("claimed", "fumed", "admitted")."""
        n, infos, bnd = S.n, S.infos, S.bnd
        # "X said ...", "X also told ...", "X has repeatedly condemned ..."
        j = b
        while (
            j < n
            and j < b + 3
            and infos[j][_SPEECH] is None
            and (infos[j][_LOW] in _AUX or infos[j][_LOW].endswith("ly"))
        ):
            j += 1
        verb = infos[j][_SPEECH] if j < n else None
        if (
            verb is not None
            and j - b <= 3
            and not (j > 0 and infos[j - 1][_LOW] in _BE and infos[j][_LOW].endswith("ed"))
        ):
            if j + 1 >= n or infos[j + 1][_LOW] == "" or j in bnd:
                # "..., X said." / "..., X said, thanking ...": the words before are its speech
                content = [(0, a)]
            else:
                content = [(j + 1, n)]
            if verb.judging or verb.complement in ("quote", "of"):
                content.append((j, j + 1))  # "X condemned ...": the judgement is about the object
            return content, verb.judging
        # "..., said X" / "..., X says": speech verb just before the mention with content before it
        k = a - 1
        before = infos[k][_SPEECH] if k >= 0 else None
        if before is not None and (b >= n or infos[b][_LOW] == "" or b - 1 in bnd):
            return [(0, k + 1)], before.judging
        # "according to X": everything else is what X says
        if a >= 2 and infos[a - 2][_LOW] == "according" and infos[a - 1][_LOW] == "to":
            return [(0, a - 2), (b, n)], False
        return [], False

    def _cue_hits(self, S: Sentence, a: int, b: int, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """(word index, polarity after negation) of the role cues about the actor at words ``a:b``."""
        out: list[tuple[int, int]] = []
        cuepos = S.cuepos
        if not cuepos:
            return out
        infos, n = S.infos, S.n
        cues = self._cues
        # agent: a cue verb just after the mention ("X resigned", "X has lost", "X, who lied, ...")
        # patient: a cue verb just before it ("... accused X") or "X was accused"
        first, last = max(0, a - 6), min(n, b + 6)
        for p in range(bisect_left(cuepos, first), len(cuepos)):
            i = cuepos[p]
            if i >= last:
                break
            if a <= i < b or (content and _in_ranges(content, i)):
                continue
            low_i = infos[i][_LOW]
            entries = cues[low_i]
            after = i >= b
            gap = [u[_LOW] for u in (infos[b:i] if after else infos[i + 1 : a])]
            passive = after and any(g in _BE for g in gap) and low_i.endswith(("ed", "en"))
            neg = any(u[_LOW] in _NEGATORS or u[_LOW].endswith("n't") for u in infos[max(0, i - 3) : i])
            for role, pol in entries:
                ok = False
                if role == "about":
                    ok = len(gap) <= 3
                elif role == "agent":
                    ok = after and not passive and len(gap) <= 3
                elif role == "patient":
                    ok = (after and passive and len(gap) <= 3) or (not after and len(gap) <= 2)
                if ok:
                    out.append((i, -pol if neg else pol))
                    break
        return out

    @staticmethod
    def _cue_span(S: Sentence, i: int, pol: int) -> tuple[int, int, int]:
        """Character span of cue word ``i`` without its punctuation, and its polarity."""
        raw = S.raw[i]
        lead = len(raw) - len(raw.lstrip(_PUNCT))
        trail = len(raw) - len(raw.rstrip(_PUNCT))
        s = S.starts[i]
        return (s + lead, s + len(raw) - trail, pol)

    def cues(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """Role cues about the mention at ``start:end`` of sentence ``text``: (char start, char end, polarity).

        Polarity -1: the actor is blamed or acts badly ("accused X", "X lied"); +1: praised
        or acts well ("elected X", "X won"). What the actor says is left out.
        """
        S = self._words.parse(text)
        a, b = S.locate(start, end)
        if a >= b:
            return []
        hits = self._cue_hits(S, a, b, self._speech(S, a, b)[0])
        return [self._cue_span(S, i, pol) for i, pol in hits]


def mention_tones(scorer: TargetTone, text: str, spans: Sequence[tuple[int, int]], keys: Sequence[str]) -> list[float]:
    """Tone towards each mention ``spans[k]`` (actor ``keys[k]``) of sentence ``text``.

    Mentions of other actors in the sentence bound each mention's words; mentions of the
    same actor do not.
    """
    return [tone for tone, _ in scorer.mentions(text, spans, keys)]
