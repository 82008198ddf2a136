"""The words of a sentence for the tone about an actor: VADER valences in context, clause marks, cues.

:class:`Sentence` splits a sentence at whitespace, as VADER does, and keeps what
:class:`~framing.extract.actor_tone.TargetTone` reads: the valence of each word that
has one (VADER's ``sentiment_valence`` with its rules for negation, boosters, capitals,
idioms and "but", exactly), the clause boundaries and the role cues of
``actor_cues.csv``; everything else about a word is looked up when a mention needs it.

So that this costs little, :class:`WordModel` computes the properties of each distinct
word once (:class:`_Vocabulary`), and the valence of a lexicon word once per distinct
context: VADER reads at most three words before it and two after it, and of the words
that none of its rules names only whether they are in the lexicon.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from ..text import fold

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


class Sentence:
    """One sentence's whitespace words: VADER valences in context, clause boundaries, role cues.

    ``vals`` are the (word index, valence) of the words with a valence, in order; ``bnd``
    the indices i with a clause boundary between word i and i + 1; ``cuepos`` the indices of
    role-cue words. Everything else is looked up in ``infos`` (the words' properties) when a
    mention needs it.
    """

    __slots__ = ("_starts", "bnd", "cuepos", "infos", "n", "raw", "text", "vals", "vpos", "vset")

    def __init__(self, text: str, model: WordModel) -> None:
        raw = text.split()
        infos = list(map(model.vocab.__getitem__, raw))
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
        vals = model.valences(infos, lexpos)
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


class WordModel:
    """VADER's analyser with what it has computed: the properties of each distinct word and
    the valence of each lexicon word in each distinct context (:meth:`valences`)."""

    def __init__(self, vader, analyzer) -> None:
        self._vader = vader
        self._an = analyzer
        self._boost = vader.BOOSTER_DICT
        self.vocab = _Vocabulary(analyzer, vader)
        self._valence: dict[tuple, float] = {}
        self._sentences: dict[str, Sentence] = {}

    def parse(self, text: str) -> Sentence:
        """The :class:`Sentence` of ``text`` (the last few are kept: the mentions of one sentence come together)."""
        w = self._sentences.get(text)
        if w is None:
            w = Sentence(text, self)
            if len(self._sentences) >= 64:
                self._sentences.clear()
            self._sentences[text] = w
        return w

    def valences(self, infos: list[tuple], lexpos: list[int]) -> list[tuple[int, float]]:
        """(index, VADER valence) of the lexicon words at ``lexpos`` (VADER's rules but "but").

        VADER reads at most three words before a lexicon word and two after it, and of the
        words that none of its rules names only whether they are in the lexicon: the valence
        is cached under that context (``_CANON``), so it is computed once per distinct context.
        """
        out: list[tuple[int, float]] = []
        if not lexpos:
            return out
        n = len(infos)
        boost = self._boost
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
