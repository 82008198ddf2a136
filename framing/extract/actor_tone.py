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

The weighted sum is squashed with VADER's own normalisation (``x / sqrt(x^2 + 15)``).
The constants were chosen on the TRAIN split of NewsMTSC only
(docs/validation/actor_tone_newsmtsc.md); no text of it is shipped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .._optional import import_optional
from ..text import fold

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
#: Neutral band of :func:`tone_label`: tone <= -NEGATIVE_BAND is negative, >= POSITIVE_BAND positive.
NEGATIVE_BAND = 0.02
POSITIVE_BAND = 0.01

_WS = re.compile(r"\S+")
_CLAUSE_WORDS = frozenset(
    [
        "but",
        "while",
        "whereas",
        "although",
        "though",
        "however",
        "yet",
        "because",
        "since",
        "unless",
        "despite",
        "meanwhile",
    ]
)
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
_PUNCT = "\"'“”‘’()[]{}.,;:!?—–-…"


@lru_cache(maxsize=1)
def actor_cues() -> dict[str, list[tuple[str, int]]]:
    """Folded word -> [(role, polarity)] from ``actor_cues.csv`` (role: agent, patient, about)."""
    from ..lexicons import load_lexicon

    df = load_lexicon("actor_cues", owner="framing actor_tone")
    out: dict[str, list[tuple[str, int]]] = {}
    for w, role, pol in zip(df["word"], df["role"], df["polarity"]):
        if role == "none":
            continue
        out.setdefault(fold(w.strip()), []).append((role, int(pol)))
    return out


@lru_cache(maxsize=1)
def neutral_words() -> frozenset[str]:
    """Words VADER rates that are mostly names or function words in news (role ``none`` in ``actor_cues.csv``)."""
    from ..lexicons import load_lexicon

    df = load_lexicon("actor_cues", owner="framing actor_tone")
    return frozenset(fold(w.strip()) for w, r in zip(df["word"], df["role"]) if r == "none")


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


class _Words:
    """The whitespace words of one sentence with VADER valences, folded forms and clause marks."""

    __slots__ = ("boundary_after", "ends", "low", "speech", "starts", "val")

    def __init__(self, text: str, analyzer, vader) -> None:
        spans = [(m.start(), m.end()) for m in _WS.finditer(text)]
        st = vader.SentiText(text)
        words = st.words_and_emoticons
        if len(words) != len(spans):  # cannot happen with str.split; keep the scores safe anyway
            spans = spans[: len(words)]
        sentiments: list[float] = []
        boost = vader.BOOSTER_DICT
        for i, item in enumerate(words):
            low = item.lower()
            if low in boost or (low == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"):
                sentiments.append(0)
                continue
            sentiments = analyzer.sentiment_valence(0, st, item, i, sentiments)
        sentiments = analyzer._but_check(words, sentiments)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        raw = [text[a:b] for a, b in spans]
        bare = [r.strip(_PUNCT) for r in raw]
        self.low = [fold(w) for w in bare]
        self.val = [float(v) for v in sentiments]
        # names are no tone: a capitalised word inside a sentence that is not in title case
        # ("Justice Department", "Supreme Court", "United Nations"); and the words that are
        # mostly names or function words in news ("party", "like", "security")
        caps = [bool(w[:1].isupper()) for w in bare]
        title_case = sum(caps) > 0.5 * max(len(caps), 1)
        neutral = neutral_words()
        for i, w in enumerate(bare):
            if self.val[i] and (
                self.low[i] in neutral
                or (not title_case and i > 0 and caps[i] and not w.isupper() and raw[i - 1][-1:] not in '.!?:"“')
            ):
                self.val[i] = 0.0
        # boundary_after[i]: a clause boundary between word i and word i + 1
        self.boundary_after = [
            bool(r and (r[-1] in ",;:(" or r in ("—", "–", "--", "-")))
            or (i + 1 < len(raw) and (self.low[i + 1] in _CLAUSE_WORDS or raw[i + 1][:1] in "(—–"))
            for i, r in enumerate(raw)
        ]
        from .speech_verbs import verb_info

        info = verb_info()
        self.speech = [info.get(w) for w in self.low]


class TargetTone:
    """Tone towards a mention, from the words about it (see the module docstring).

    Needs the optional ``vaderSentiment`` package (``pip install 'framing[tone]'``);
    raises :class:`~framing.errors.MissingDependencyError` without it.

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
        self._words: dict[str, _Words] = {}
        self._sentence: dict[str, float] = {}
        self._cues = actor_cues()

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

    def _parse(self, text: str) -> _Words:
        w = self._words.get(text)
        if w is None:
            w = _Words(text, self._an, self._vader)
            if len(self._words) > 50_000:
                self._words.clear()
            self._words[text] = w
        return w

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
        W = self._parse(text)
        n = len(W.val)
        if not n:
            return 0.0
        ws, we = W.starts, W.ends
        # word range of the mention (the words that overlap it)
        a = next((i for i in range(n) if we[i] > start), n)
        b = next((i for i in range(a, n) if ws[i] >= end), n)
        if a >= b:
            return 0.0
        other_words: list[int] = []
        for s0, e0 in others:
            if e0 <= start or s0 >= end:
                oa = next((i for i in range(n) if we[i] > s0), n)
                ob = next((i for i in range(oa, n) if ws[i] >= e0), n)
                other_words.extend(range(oa, ob))
        other_set = set(other_words)
        _low, val, bnd = W.low, W.val, W.boundary_after
        weight = [0.0] * n
        # distance decay, clause boundaries and other mentions, walking out from the mention
        for direction in (-1, 1):
            i = a - 1 if direction < 0 else b
            w = 1.0
            d = 0
            while 0 <= i < n:
                d += 1
                crossed = bnd[i] if direction < 0 else bnd[i - 1]
                if crossed:
                    w *= self.clause_penalty
                if i in other_set:
                    w *= self.other_penalty
                    weight[i] = 0.0  # the other actor's name is no tone about this one
                else:
                    weight[i] = w * math.exp(-d / self.tau)
                i += direction
        # speech: the actor speaks
        content, judged = self._speech(W, a, b)
        for i in content:
            weight[i] *= self.speech_penalty
        total = 0.0
        for i in range(n):
            if weight[i] and val[i]:
                total += weight[i] * val[i] * (self.positive_scale if val[i] > 0 else 1.0)
        total += self._cues_total(W, a, b, weight, content)
        if judged:
            total -= self.judging_weight  # "X claimed", "X fumed", "X slammed ...": the verb judges its speaker
        return float(total / math.sqrt(total * total + 15.0))

    def _speech(self, W: _Words, a: int, b: int) -> tuple[list[int], bool]:
        """Words that the actor at words ``a:b`` says (its speech verb included when judging), and
        whether a judging verb of saying introduces it ("claimed", "fumed", "admitted")."""
        n = len(W.low)
        low, sp = W.low, W.speech
        # "X said ...", "X also told ...", "X has repeatedly condemned ..."
        j = b
        while j < n and j < b + 3 and sp[j] is None and (low[j] in _AUX or low[j].endswith("ly")):
            j += 1
        verb = sp[j] if j < n else None
        if verb is not None and j - b <= 3 and not (j > 0 and low[j - 1] in _BE and low[j].endswith("ed")):
            if j + 1 >= n or low[j + 1] == "" or W.boundary_after[j]:
                # "..., X said." / "..., X said, thanking ...": the words before are its speech
                content = list(range(a))
            else:
                content = list(range(j + 1, n))
            if verb.judging or verb.complement in ("quote", "of"):
                content.append(j)  # "X condemned ...": the judgement is about the object
            return content, verb.judging
        # "..., said X" / "..., X says": speech verb just before the mention with content before it
        k = a - 1
        before = sp[k] if k >= 0 else None
        if before is not None and (b >= n or low[b] == "" or W.boundary_after[b - 1]):
            return [*range(k), k], before.judging
        # "according to X": everything else is what X says
        if a >= 2 and low[a - 2] == "according" and low[a - 1] == "to":
            return [i for i in range(n) if i < a - 2 or i >= b], False
        return [], False

    def _cues_total(self, W: _Words, a: int, b: int, weight: list, content: list[int]) -> float:
        """Role cues of ``actor_cues.csv`` about the actor at words ``a:b``, in valence units."""
        return sum(pol for _, pol in self._cue_hits(W, a, b, content)) * self.cue_weight

    def _cue_hits(self, W: _Words, a: int, b: int, content: list[int]) -> list[tuple[int, int]]:
        """(word index, polarity after negation) of the role cues about the actor at words ``a:b``."""
        cues = self._cues
        low, n = W.low, len(W.low)
        skip = set(content)
        hits: list[tuple[int, int]] = []
        # agent: a cue verb just after the mention ("X resigned", "X has lost", "X, who lied, ...")
        # patient: a cue verb just before it ("... accused X") or "X was accused"
        for i in range(max(0, a - 6), min(n, b + 6)):
            if a <= i < b or i in skip:
                continue
            entries = cues.get(low[i])
            if not entries:
                continue
            after = i >= b
            gap = low[b:i] if after else low[i + 1 : a]
            passive = after and any(g in _BE for g in gap) and (low[i].endswith("ed") or low[i].endswith("en"))
            neg = any(g in _NEGATORS or g.endswith("n't") for g in low[max(0, i - 3) : i])
            for role, pol in entries:
                ok = False
                if role == "about":
                    ok = len(gap) <= 3
                elif role == "agent":
                    ok = after and not passive and len(gap) <= 3
                elif role == "patient":
                    ok = (after and passive and len(gap) <= 3) or (not after and len(gap) <= 2)
                if ok:
                    hits.append((i, -pol if neg else pol))
                    break
        return hits

    def cues(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """Role cues about the mention at ``start:end`` of sentence ``text``: (char start, char end, polarity).

        Polarity -1: the actor is blamed or acts badly ("accused X", "X lied"); +1: praised
        or acts well ("elected X", "X won"). What the actor says is left out.
        """
        W = self._parse(text)
        n = len(W.val)
        a = next((i for i in range(n) if W.ends[i] > start), n)
        b = next((i for i in range(a, n) if W.starts[i] >= end), n)
        if a >= b:
            return []
        hits = self._cue_hits(W, a, b, self._speech(W, a, b)[0])
        out = []
        for i, pol in hits:
            raw = text[W.starts[i] : W.ends[i]]
            lead = len(raw) - len(raw.lstrip(_PUNCT))
            trail = len(raw) - len(raw.rstrip(_PUNCT))
            out.append((W.starts[i] + lead, W.ends[i] - trail, pol))  # the word without its punctuation
        return out


def mention_tones(scorer: TargetTone, text: str, spans: Sequence[tuple[int, int]], keys: Sequence[str]) -> list[float]:
    """Tone towards each mention ``spans[k]`` (actor ``keys[k]``) of sentence ``text``.

    Mentions of other actors in the sentence bound each mention's words; mentions of the
    same actor do not.
    """
    out = []
    for k, (s, e) in enumerate(spans):
        others = [spans[j] for j in range(len(spans)) if keys[j] != keys[k]]
        out.append(scorer.score(text, s, e, others))
    return out
