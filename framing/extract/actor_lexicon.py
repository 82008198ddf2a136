"""Actors without a trained model: a packaged lexicon, capitalised names, merged variants.

:class:`ActorFinder` finds the actors of a corpus in three steps:

1. **Lexicon.** ``framing/lexicons/actors.csv`` lists common actors with their
   aliases (spelling variants, surnames, office descriptions such as "the Ukrainian
   president", and metonyms such as "the Kremlin" or "Moscow" for the Russian
   government), a side and a type. Users add rows or pass their own file.
2. **Capitalised names.** Sequences of capitalised words, with leading titles
   ("President", "Foreign Minister", "Mr.") and demonyms stripped, become person
   candidates when they have two or three words ("Heorhii Tykhii"), or one word
   after a title ("Mr. Kyslytsia") or before a verb of saying ("Kyslytsia told").
   Sequences ending in a place or organisation word ("Ciragan Palace", "Hudson
   Institute") are left out or typed as institutions.
3. **Merging.** A discovered name whose surname equals, or nearly equals
   (:func:`difflib.SequenceMatcher` ratio >= 0.85, same first letter, at least five
   letters), the surname of a known actor becomes an alias of that actor:
   "Vladimir Madinsky" -> Vladimir Medinsky. Single surnames of discovered full
   names ("Bondar" after "Ihor Bondar") are matched too.

Everything matches through :class:`framing.matching.PhraseMatcher` (word
boundaries after normalisation).
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..lexicons.actors import side_cues
from ..matching import PhraseMatcher, phrase_tokens
from ..text import Document, fold

__all__ = [
    "ActorFinder",
]

#: Titles and descriptions stripped from the front of a capitalised name.
NAME_TITLES = frozenset(
    """mr mrs ms dr president prime minister foreign defence defense interior finance secretary
    sen senator rep representative gen general col colonel lt capt adm chancellor king queen pope
    ambassador envoy spokesman spokeswoman spokesperson chief deputy vice governor judge justice
    mayor premier leader commander head adviser advisor aide negotiator speaker state gov prof
    sir lord lady emir sheikh crown prince""".split()
)
#: Capitalised words that are no names (sentence starters, days, months, common words).
_STOP_CAPS = frozenset(
    """the a an in on at for to of and or but if as by with from after before when while this that
    these those there here his her its their our my your we i you he she it they however meanwhile
    still also then now some many most both what who why how according under over during since
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december today yesterday tomorrow follow photo read
    watch live update updated breaking published news reporting by file video more all two three
    one another new first second last every each no not just only even neither nobody experts
    analysts officials sources""".split()
)
#: Final words that make a capitalised sequence a place, event or document, not an actor.
_PLACE_TAILS = frozenset(
    """palace sea ocean east west north south street square city island islands mountains river
    region regions oblast peninsula war airport summit cup day act bill treaty agreement accords
    accord convention conference forum games prize republic republics mall centre center plaza
    hall building bridge station port bay gulf coast valley lake park road avenue province county
    state states district front line operation""".split()
)
#: Final words that make a capitalised sequence an institution.
_ORG_TAILS = frozenset(
    """institute ministry council committee agency party university foundation organization
    organisation bank service services office department commission court parliament assembly
    tank group association union network times post news press television tv radio affairs""".split()
)

_CAP_WORD = r"(?:[A-Z][a-z]{0,3}\.|[A-ZÀ-ÖØ-Þ][\w’'\-]*[a-zà-ÿ][\w’'\-]*)"
_PARTICLE = r"(?:von|van|de|der|bin|al|da|di|la|le)(?=[ \t]+[A-Z])"
_SAY_WORDS = r"(?:said|says|told|stated|added|declared|wrote|asked|noted|explained|insisted|claimed|argued|warned)"
_CAP_RE = re.compile(
    rf"(?<![\w’']){_CAP_WORD}(?:[ \t]+(?:{_CAP_WORD}|{_PARTICLE}))+"
    rf"|(?<![\w’']){_CAP_WORD}(?=[ \t]*,?[ \t]*{_SAY_WORDS}\b)"
)
# The same matches as ``_CAP_RE.finditer``, found faster: the pattern starts with the
# upper-case letter (so the regex engine jumps from one to the next) and checks the character
# before it after; the first word's two forms share the rest of the pattern (tested).
_CAP_FAST = re.compile(
    r"[A-ZÀ-ÖØ-Þ](?<![\w’'].)(?:(?<=[A-Z])[a-z]{0,3}\.|[\w’'\-]*[a-zà-ÿ][\w’'\-]*)"
    rf"(?:(?:[ \t]+(?:{_CAP_WORD}|{_PARTICLE}))+|(?=[ \t]*,?[ \t]*{_SAY_WORDS}\b))"
)


def _cap_matches(text: str):
    """``_CAP_RE.finditer(text)`` (the capitalised sequences), faster (same matches)."""
    return _CAP_FAST.finditer(text)


_SAY_AFTER_RE = re.compile(
    r"[ \t]*,?[ \t]*(?:said|says|told|stated|added|declared|wrote|asked|noted|explained|insisted|claimed|argued|warned)\b"
)


def _surname(name: str) -> str:
    toks = phrase_tokens(name)
    return toks[-1] if toks else ""


def _similar(a: str, b: str, threshold: float) -> bool:
    if len(a) < 5 or len(b) < 5 or a[0] != b[0] or abs(len(a) - len(b)) > 2:
        return False
    sm = difflib.SequenceMatcher(None, a, b)
    return sm.real_quick_ratio() >= threshold and sm.quick_ratio() >= threshold and sm.ratio() >= threshold


@dataclass
class Mentions:
    """Actor mentions in one document (arrays aligned, sorted by position)."""

    tok_start: np.ndarray
    tok_end: np.ndarray
    start: np.ndarray
    end: np.ndarray
    sentence: np.ndarray
    actor: list[str]
    surface: list[str]

    def __len__(self) -> int:
        return len(self.actor)


@dataclass
class ActorFinder:
    """Find actors in documents (see the module docstring).

    Parameters
    ----------
    lexicon:
        The actor lexicon (see :func:`load_actor_lexicon`).
    side_overrides:
        Actor -> side, applied after the lexicon (see :func:`load_side_scheme`).
    discover:
        Also find capitalised names not in the lexicon.
    merge_threshold:
        difflib ratio from which a surname counts as a spelling variant.
    """

    lexicon: pd.DataFrame
    side_overrides: Mapping[str, str] = field(default_factory=dict)
    discover: bool = True
    merge_threshold: float = 0.85
    # learned
    sides: dict[str, str] = field(default_factory=dict, init=False)
    types: dict[str, str] = field(default_factory=dict, init=False)
    merged: dict[str, str] = field(default_factory=dict, init=False)
    discovered: dict[str, str] = field(default_factory=dict, init=False)
    _matcher: PhraseMatcher | None = field(default=None, init=False)
    _cap_only: set = field(default_factory=set, init=False)
    _acronyms: set = field(default_factory=set, init=False)

    # -- fitting ----------------------------------------------------------------------
    def fit(self, docs: Iterable[Document]) -> ActorFinder:
        lex = self.lexicon
        self.sides = dict(zip(lex["actor"], lex["side"]))
        self.types = dict(zip(lex["actor"], lex["type"]))
        phrases: list[tuple[str, str]] = list(zip(lex["alias"], lex["actor"]))
        # acronyms match only in capitals: "UN" is not the "Un" of "Kim Jong Un"
        self._acronyms = {
            " ".join(phrase_tokens(a)) for a in lex["alias"] if len(a) > 1 and a.isupper() and a.isalpha()
        }
        known_tokens = {" ".join(phrase_tokens(a)) for a in lex["alias"]}
        # surnames of lexicon people, for spelling-variant merges
        person_surnames: dict[str, str] = {}
        for actor, alias, typ in zip(lex["actor"], lex["alias"], lex["type"]):
            toks = phrase_tokens(alias)
            if typ == "person" and len(toks) == 1 and toks[0][:1].isalpha():
                person_surnames.setdefault(toks[0], actor)
        if self.discover:
            known_single = set()
            for alias, typ in zip(lex["alias"], lex["type"]):
                toks = phrase_tokens(alias)
                if len(toks) == 1:
                    known_single.add(toks[0])
                elif typ == "person" and toks:
                    known_single.add(toks[-1])
            counts: Counter[str] = Counter()
            votes: dict[str, Counter] = defaultdict(Counter)
            kinds: dict[str, str] = {}
            cues = side_cues()
            seen: dict = {}
            for doc in docs:
                for name, kind, a, b in _candidates(doc, known_single, seen):
                    counts[name] += 1
                    kinds.setdefault(name, kind)
                    for cue_side in _cue_votes(doc, a, b, cues):
                        votes[name][cue_side] += 1
            # merge: full names and single names onto known or more frequent actors
            discovered: dict[str, str] = {}
            full_by_surname: dict[str, list[str]] = defaultdict(list)
            for name in sorted(counts, key=lambda n: (-counts[n], n)):
                if kinds[name] == "person" and len(name.split()) > 1:
                    full_by_surname[fold(name.split()[-1])].append(name)
            by_letter: dict[str, list[str]] = defaultdict(list)
            for s in person_surnames:
                by_letter[s[0]].append(s)
            for name in sorted(counts, key=lambda n: (-counts[n], n)):
                if " ".join(phrase_tokens(name)) in known_tokens:
                    continue
                kind = kinds[name]
                sur = fold(name.split()[-1])
                target = None
                if kind == "person":
                    if sur in person_surnames:
                        target = person_surnames[sur]
                    else:
                        for s in by_letter.get(sur[:1], ()):
                            if _similar(sur, s, self.merge_threshold):
                                target = person_surnames[s]
                                break
                    if target is None and len(name.split()) == 1 and full_by_surname.get(sur):
                        target = discovered.get(full_by_surname[sur][0], full_by_surname[sur][0])
                if target is not None:
                    self.merged[name] = target
                    discovered[name] = target
                else:
                    discovered[name] = name
                    self.types.setdefault(name, kind)
                    vote = votes.get(name)
                    side = ""
                    if vote:
                        top, n = vote.most_common(1)[0]
                        if n >= 2 / 3 * sum(vote.values()):
                            side = top
                    self.sides.setdefault(name, side)
                    if kind == "person":
                        person_surnames.setdefault(sur, name)
                        by_letter[sur[:1]].append(sur)
                phrases.append((name, discovered[name]))
                self._cap_only.add(" ".join(phrase_tokens(name)))
            # bare surnames of discovered full names ("Bondar" after "Ihor Bondar")
            for sur, names in full_by_surname.items():
                if sur in known_tokens or sur in _STOP_CAPS:
                    continue
                actor = discovered.get(names[0], names[0])
                phrases.append((sur, actor))
                self._cap_only.add(sur)
            self.discovered = discovered
        for actor, side in self.side_overrides.items():
            self.sides[actor] = side
        self._matcher = PhraseMatcher(phrases)
        return self

    # -- finding --------------------------------------------------------------------------
    def find(self, doc: Document) -> Mentions:
        """Non-overlapping actor mentions in ``doc`` (longest first, adjacent same-actor merged)."""
        if self._matcher is None:
            raise RuntimeError("ActorFinder.find before fit")
        return self.mentions_from_hits(doc, self._matcher.find_in(doc.tokens))

    def find_corpus(self, corpus: Any, articles: list) -> list[Mentions]:
        """:meth:`find` for many articles of ``corpus`` at once (one vectorised lexicon pass)."""
        if self._matcher is None:
            raise RuntimeError("ActorFinder.find before fit")
        per_doc = self._matcher.find_tokens(corpus, articles)
        return [self.mentions_from_hits(corpus.document(a), h) for a, h in zip(articles, per_doc)]

    def mentions_from_hits(self, doc: Document, hits: list) -> Mentions:
        """Mentions from raw lexicon hits ``(token_start, token_end, actor)`` of ``doc``."""
        text, ts, te = doc.text, doc.tok_starts, doc.tok_ends
        cap_only = self._cap_only
        keep: list[tuple[int, int, str]] = []
        if hits:
            hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
            last_end = -1
            toks = doc.tokens
            for a, b, key in hits:
                if a < last_end:
                    continue
                if cap_only and " ".join(toks[a:b]) in cap_only and not text[ts[a]].isupper():
                    continue  # discovered names only match capitalised
                if b - a == 1 and toks[a] in self._acronyms and not text[ts[a] : te[a]].isupper():
                    continue  # an acronym written otherwise ("Un", "us") is another word
                keep.append((a, b, key))
                last_end = b
        # merge adjacent mentions of the same actor ("Turkish Foreign Minister" + "Hakan Fidan")
        merged: list[list] = []
        for a, b, key in keep:
            if merged and merged[-1][2] == key and merged[-1][1] == a and doc.tok_sent[a] == doc.tok_sent[a - 1]:
                merged[-1][1] = b
            else:
                merged.append([a, b, key])
        if not merged:
            e = np.zeros(0, dtype=np.int64)
            return Mentions(e, e, e, e, e, [], [])
        arr = np.asarray([(a, b) for a, b, _ in merged], dtype=np.int64)
        starts = ts[arr[:, 0]]
        ends = te[arr[:, 1] - 1]
        return Mentions(
            arr[:, 0],
            arr[:, 1],
            starts,
            ends,
            doc.tok_sent[arr[:, 0]],
            [m[2] for m in merged],
            [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())],
        )

    def side_of(self, actor: str) -> str:
        return self.sides.get(actor, "")

    def type_of(self, actor: str) -> str:
        return self.types.get(actor, "")


def _candidates(doc: Document, known: set, cache: dict | None = None):
    """Capitalised-name candidates in ``doc``: (name, kind, token_start, token_end).

    Candidates with a word that is a known alias (a lexicon actor) are skipped. ``cache``
    (one dict per ``known``) keeps what a capitalised sequence gives, which does not
    depend on the document, so that a name seen again costs a look-up.
    """
    text = doc.text
    ts = doc.tok_starts
    ts_l: list[int] | None = None
    sentence_starts = set(doc.sent_starts.tolist())
    if cache is None:
        cache = {}
    for m in _cap_matches(text):
        group, off = m.group(), m.start()
        rel = cache.get(group)
        if rel is None:
            rel = cache[group] = _word_offsets(group)
        # a name never runs across a sentence end ("... in Oslo. Insurers said")
        cut = next((k for k in range(1, len(rel)) if off + rel[k][0] in sentence_starts), len(rel))
        got = cache.get((group, cut))
        if got is None:
            got = cache[(group, cut)] = _candidate(group, rel[:cut], known)
        if not got:
            continue
        s0, e0, name, kind = got
        if ts_l is None:
            ts_l = ts.tolist()
        a = bisect_left(ts_l, off + s0)
        b = bisect_left(ts_l, off + e0)
        if b <= a or a >= len(ts_l):
            continue
        if kind == "say":  # one word, no title: a name when a verb of saying follows it
            if not _SAY_AFTER_RE.match(text, off + e0):
                continue
            kind = "person"
        yield name, kind, a, b


def _word_offsets(group: str) -> list[tuple[int, int]]:
    """(start, end) of each whitespace word of ``group``, relative to it."""
    out = []
    off = 0
    for w in group.split():
        i = group.index(w, off)
        out.append((i, i + len(w)))
        off = i + len(w)
    return out


def _candidate(group: str, pos: list[tuple[int, int]], known: set) -> tuple[int, int, str, str] | tuple[()]:
    """What the words at ``pos`` of a capitalised sequence give: (start, end, name, kind) relative to
    it, kind ``person``, ``institution`` or ``say`` (a person if a verb of saying follows), or ``()``."""
    words = [group[a:b] for a, b in pos]
    cues = side_cues()
    titled = False
    k = 0
    while k < len(words):
        f = fold(words[k].rstrip("."))
        if f in NAME_TITLES:
            titled = True
            k += 1
        elif f in _STOP_CAPS or f in cues or f.rstrip("s") in cues:
            k += 1
        else:
            break
    words, pos = words[k:], pos[k:]
    # drop initials-only and all-caps words at the edges (datelines "GENEVA —")
    while words and (words[-1].isupper() or words[-1].endswith(".")):
        words, pos = words[:-1], pos[:-1]
    if not words:
        return ()
    folded = [fold(w.rstrip(".")) for w in words]
    if any(f in _STOP_CAPS for f in folded[1:]) or any(f in NAME_TITLES for f in folded):
        return ()
    if any(w.isupper() and len(w) > 1 for w in words):
        return ()
    if any(f.removesuffix("'s") in known for f in folded):
        return ()
    tail = folded[-1].removesuffix("'s")
    name = " ".join(w.rstrip("’'").removesuffix("’s").removesuffix("'s") for w in words)
    if tail in _PLACE_TAILS:
        return ()
    span = (pos[0][0], pos[-1][1])
    if tail in _ORG_TAILS:
        return (*span, name, "institution") if len(words) >= 2 else ()
    if len(words) in (2, 3):
        return (*span, name, "person")
    if len(words) == 1 and len(name) >= 3:
        return (*span, name, "person" if titled else "say")
    return ()


def _cue_votes(doc: Document, a: int, b: int, cues: Mapping[str, str]):
    """Side cues next to a name: up to 4 tokens before, or an appositive after it."""
    toks = doc.tokens
    sent = doc.tok_sent[a]
    lo = max(a - 4, 0)
    for i in range(lo, a):
        if doc.tok_sent[i] == sent and toks[i] in cues:
            yield cues[toks[i]]
    text = doc.text
    end = doc.tok_ends[b - 1]
    if end < len(text) and text[end : end + 2].lstrip()[:1] in (",", "("):
        for i in range(b, min(b + 6, len(toks))):
            if doc.tok_sent[i] != sent:
                break
            t = toks[i]
            if t in cues:
                yield cues[t]
            elif len(t) == 1 and t in ("d", "r") and text[doc.tok_ends[i] : doc.tok_ends[i] + 1] == "-":
                yield "Democrats" if t == "d" else "Republicans"
