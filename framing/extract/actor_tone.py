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

import heapq
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import compress
from operator import itemgetter

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


# -- one sentence, parsed once --------------------------------------------------------------
# A word's properties are computed once per distinct whitespace word (:class:`_Vocabulary`);
# a sentence keeps only the few positions that matter: VADER lexicon words (their valences),
# clause boundaries and role cues. Tuple fields of a word's properties:
_FLAGS, _LOW, _SPEECH, _VWORD, _VLOW, _VUPPER, _UPBOOST, _CANON, _CAP, _CAPNAME, _NEUTRAL, _SENTEND = range(12)
# flag bits
_LEX = 1  # in VADER's lexicon: VADER may give it a valence
_BUT = 2  # VADER's "but" (the valences before it weigh half, after it 1.5 times)
_END = 4  # a clause boundary after it: ends in ",;:(" or is a dash
_START = 8  # a clause boundary before it: "but", "while", ... or starts with "(" or a dash
_CUE = 16  # a role cue of actor_cues.csv


_first = itemgetter(0)
_canon = itemgetter(7)  # _CANON
#: Words further than this many times TAU from a mention are not read for its tone: their weight,
#: exp(-50), is below 1e-21 (a bound on the work per mention in a sentence without end).
_REACH_TAUS = 50
#: Sentences up to this many characters locate a mention by counting the words before it.
_SHORT = 600


def _vader_triggers(vader) -> frozenset[str]:
    """Lower-case words that VADER's rules look at around a lexicon word (negations, boosters,
    "but", "least", idioms): any other word there matters only by being in the lexicon or not."""
    words = set(vader.NEGATE) | {
        *"no or nor least at very never so this without doubt kind of but".split(),
    }
    for phrase in (*vader.BOOSTER_DICT, *vader.SPECIAL_CASES):
        words.update(phrase.split())
    return frozenset(words)


class _Vocabulary(dict):
    """Whitespace word -> its properties (a tuple, fields ``_FLAGS`` ...), computed on first sight."""

    def __init__(self, analyzer, vader) -> None:
        super().__init__()
        self._lex = analyzer.lexicon
        self._boost = vader.BOOSTER_DICT
        self._strip = vader.SentiText._strip_punc_if_word
        self._triggers = _vader_triggers(vader)
        self._neutral = neutral_words()
        self._cues = actor_cues()
        from .speech_verbs import verb_info

        self._speech = verb_info()

    def __missing__(self, raw: str) -> tuple:
        vword = self._strip(raw)  # VADER's word: punctuation stripped unless that leaves two letters or fewer
        vlow = vword.lower()
        vupper = vword.isupper()
        bare = raw.strip(_PUNCT)
        low = fold(bare)
        in_lex = vlow in self._lex
        flags = (
            (_LEX if in_lex else 0)
            | (_BUT if vlow == "but" else 0)
            | (_END if raw[-1] in ",;:(" or raw in ("—", "–", "--", "-") else 0)
            | (_START if low in _CLAUSE_WORDS or raw[:1] in "(—–" else 0)
            | (_CUE if low in self._cues else 0)
        )
        if vlow in self._triggers or "n't" in vlow:
            canon: object = (vlow, vupper)
        else:
            canon = "L" if in_lex else "_"
        cap = bool(bare[:1].isupper())
        info = (
            flags,
            low,
            self._speech.get(low),
            vword,
            vlow,
            vupper,
            vupper and vlow in self._boost,
            canon,
            cap,
            cap and not bare.isupper(),
            low in self._neutral,
            raw[-1:] in '.!?:"“',
        )
        if len(self) > 500_000:
            self.clear()
        self[raw] = info
        return info


class _VaderWindow:
    """What :meth:`SentimentIntensityAnalyzer.sentiment_valence` reads of a sentence (its words
    and whether only some are in capitals), for the few words around one lexicon word."""

    __slots__ = ("is_cap_diff", "words_and_emoticons")

    def __init__(self, words: list[str], is_cap_diff: bool) -> None:
        self.words_and_emoticons = words
        self.is_cap_diff = is_cap_diff


def _vader_but(values: list, bi: int) -> None:
    """VADER's ``_but_check`` on ``values`` in place (the word "but" at ``bi``), in n log n.

    VADER halves the valence before "but" and multiplies it by 1.5 after it, but finds
    each valence's position with ``list.index`` (the first equal value): this repeats that
    exactly, with a heap of positions per value instead of a scan.
    """
    pos: dict[float, list[int]] = {}
    for p, v in enumerate(values):
        if v:
            pos.setdefault(v, []).append(p)  # ascending: already a heap
    for p in range(len(values)):
        v = values[p]
        if not v:
            continue  # zeros stay zero
        heap = pos[v]
        si = heap[0]
        if si == bi:
            continue
        nv = v * 0.5 if si < bi else v * 1.5
        heapq.heappop(heap)
        if not heap:
            del pos[v]
        values[si] = nv
        heapq.heappush(pos.setdefault(nv, []), si)


class _Sentence:
    """One sentence's whitespace words: VADER valences in context, clause boundaries, role cues.

    ``vals`` are the (word index, valence) of the words with a valence, in order; ``bnd``
    the indices i with a clause boundary between word i and i + 1; ``cuepos`` the indices of
    role-cue words. Everything else is looked up in ``infos`` (the words' properties) when a
    mention needs it.
    """

    __slots__ = ("_starts", "bnd", "cuepos", "infos", "n", "raw", "text", "vals", "vpos", "vset")

    def __init__(self, text: str, scorer: TargetTone) -> None:
        raw = text.split()
        infos = list(map(scorer._vocab.__getitem__, raw))
        n = len(raw)
        self.text, self.raw, self.infos, self.n = text, raw, infos, n
        self._starts: list[int] | None = None
        bnd: set[int] = set()
        lexpos: list[int] = []
        cuepos: list[int] = []
        but = -1
        for i in compress(range(n), map(_first, infos)):  # the words with a flag only
            f = infos[i][0]
            if f & _LEX:
                lexpos.append(i)
            if f & _END:
                bnd.add(i)
            if f & _START and i:
                bnd.add(i - 1)
            if f & _CUE:
                cuepos.append(i)
            if f & _BUT and but < 0:
                but = i
        self.bnd, self.cuepos = bnd, cuepos
        vals = scorer._valences(infos, lexpos)
        if but >= 0 and vals:
            full: list[float] = [0.0] * n
            for i, v in vals:
                full[i] = v
            _vader_but(full, but)
            vals = [(i, full[i]) for i, _ in vals]
        # names are no tone: a capitalised word inside a sentence that is not in title case
        # ("Justice Department", "Supreme Court", "United Nations"); and the words that are
        # mostly names or function words in news ("party", "like", "security")
        title_case = None
        kept = []
        for i, v in vals:
            if not v:
                continue
            t = infos[i]
            if t[_NEUTRAL]:
                continue
            if i > 0 and t[_CAPNAME] and not infos[i - 1][_SENTEND]:
                if title_case is None:
                    title_case = sum(map(itemgetter(_CAP), infos)) > 0.5 * max(n, 1)
                if not title_case:
                    continue
            kept.append((i, float(v)))
        self.vals = kept
        self.vpos = [i for i, _ in kept]
        self.vset = set(self.vpos)

    @property
    def starts(self) -> list[int]:
        """Character offset of each word (computed when first needed)."""
        starts = self._starts
        if starts is None:
            starts = self._starts = [m.start() for m in _WS.finditer(self.text)]
        return starts

    def locate(self, start: int, end: int) -> tuple[int, int]:
        """Word range ``a:b`` of the words that overlap characters ``start:end``."""
        text, n = self.text, self.n
        # a long sentence: offsets once, then binary search (linear, not quadratic)
        starts = self.starts if len(text) > _SHORT else self._starts
        if starts is None:
            # a short sentence: count the words before (C-speed splits of a short prefix)
            a = len(text[:start].split())
            if a and start < len(text) and not text[start - 1].isspace() and not text[start].isspace():
                a -= 1  # the word around ``start`` overlaps the span
            b = max(a, len(text[:end].split()))
            return min(a, n), min(b, n)
        j = bisect_right(starts, start) - 1
        a = j if j >= 0 and starts[j] + len(self.raw[j]) > start else j + 1
        b = bisect_left(starts, end, a, n) if a < n else n
        return a, b

    def boundary_after(self, i: int) -> bool:
        return i in self.bnd


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
        self._sentences: dict[str, _Sentence] = {}
        self._sentence: dict[str, float] = {}
        self._cues = actor_cues()
        self._vocab = _Vocabulary(self._an, vader)
        self._valence: dict[tuple, float] = {}
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

    def _parse(self, text: str) -> _Sentence:
        w = self._sentences.get(text)
        if w is None:
            w = _Sentence(text, self)
            if len(self._sentences) >= 64:  # a few: the mentions of one sentence come together
                self._sentences.clear()
            self._sentences[text] = w
        return w

    def _valences(self, infos: list[tuple], lexpos: list[int]) -> list[tuple[int, float]]:
        """(index, VADER valence) of the lexicon words at ``lexpos`` (VADER's rules but "but").

        VADER reads at most three words before a lexicon word and two after it, and of the
        words that none of its rules names only whether they are in the lexicon: the valence
        is cached under that context (``_CANON``), so it is computed once per distinct context.
        """
        out: list[tuple[int, float]] = []
        if not lexpos:
            return out
        n = len(infos)
        boost = self._vader.BOOSTER_DICT
        cache = self._valence
        cap_diff = None
        for i in lexpos:
            t = infos[i]
            vlow = t[_VLOW]
            if vlow in boost or (vlow == "kind" and i < n - 1 and infos[i + 1][_VLOW] == "of"):
                continue  # VADER gives boosters and "kind of" no valence of their own
            lo = i - 3 if i > 3 else 0
            hi = i + 3 if i + 3 < n else n
            window = infos[lo:hi]
            cd = None
            if t[_VUPPER] or any(u[_UPBOOST] for u in window[: i - lo]):
                # capitals count only when some, not all, words of the sentence are in capitals
                if cap_diff is None:
                    k = sum(u[_VUPPER] for u in infos)
                    cap_diff = 0 < n - k < n
                cd = cap_diff
            key = (cd, i - lo, vlow, t[_VUPPER], *map(_canon, window))
            v = cache.get(key)
            if v is None:
                words = [u[_VWORD] for u in window]
                v = self._an.sentiment_valence(0, _VaderWindow(words, bool(cd)), words[i - lo], i - lo, [])[-1]
                if len(cache) > 500_000:
                    cache.clear()
                cache[key] = v
            if v:
                out.append((i, v))
        return out

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
        S = self._parse(text)
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
        S = self._parse(text)
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

    def _tone(self, S: _Sentence, a: int, b: int, other: set[int]) -> tuple[float, list[tuple[int, int]]]:
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

    def _speech(self, S: _Sentence, a: int, b: int) -> tuple[list[tuple[int, int]], bool]:
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

    def _cue_hits(self, S: _Sentence, a: int, b: int, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
    def _cue_span(S: _Sentence, i: int, pol: int) -> tuple[int, int, int]:
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
        S = self._parse(text)
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
