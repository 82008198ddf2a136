"""A speaker's side from the words around it, when its name gives none.

:func:`side_from_context` is the last step of
:mod:`~framing.analyses.speaker_resolution` for a speaker whose actor has no side in the
lexicon ("Ihor Bondar", "regional officials", "a senior diplomat"). In order, the first
that gives a side wins:

1. a speaker of both sides ("officials from both countries") is ``mixed``;
2. demonyms and party words in the speaker and its appositive ("a Montana Republican",
   "D-Mass.");
3. a fronted appositive ("A Democrat on the committee, Rep. X, said");
4. an institution with a side named in the speaker's title ("State Duma deputy X",
   "Wagner founder X");
5. places, government bodies and demonyms of the gazetteer
   (:mod:`~framing.analyses.place_sides`) in the title, then in the appositive ("X, the
   governor of the Kharkiv region"); a relative clause or what the speaker did is no
   part of the appositive;
6. for a group or institution, a place fronted in its sentence ("In Kiev, officials said");
7. for a local body ("regional officials", "the city council"), the nearest city named in
   its sentence or the three before;
8. for a person, how the article introduces them elsewhere: the title before another
   mention ("Ukrainian negotiator Natalia X") or its appositive ("X, a Ukrainian
   negotiator, arrived ...");
9. for a title naming an institution ("Navy spokesman X", "Deputy Foreign Minister X"),
   where the article names that institution with its country ("Ukraine's navy", "In Kyiv,
   the Foreign Ministry ...").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from ..lexicons.actors import side_cues
from ..text import Document, tokenize
from .actor_lexicon import ActorFinder, Mentions
from .place_sides import local_place_side, place_side
from .speaker_spans import doc_view

__all__ = ["MentionView", "cue_side", "mention_view", "side_from_context"]

#: A speaker of both sides.
_BOTH = re.compile(r"\bboth\s+(?:sides|countries|delegations|parties|governments|camps|teams)\b", re.I)
#: Words of a local body, which belongs to the place the passage is about.
_LOCAL = re.compile(r"\b(?:local|regional|city|municipal|provincial|district|oblast|county)\b")
#: Where a speaker's own words end: a relative clause or a participle about what it did.
_OWN_END = re.compile(
    r"\b(?:who|which|that|whose|speaking|visiting|writing|talking|addressing|after|during|while|told|said)\b"
)
_FRONTED_PLACE = re.compile(r"^\W*(?:In|From)\s+([A-Z][^,;:]{1,40}),\s")
_FRONTED_APPOSITIVE = re.compile(r"^\W*(?:A|An|The|One)\s[^,;:\"“”]{2,80},\s*$")
#: Party and state after a US lawmaker's name: "D-Mass.", "(R-Texas)".
_PARTY_STATE = re.compile(r"(?<![\w-])([DR])-[A-Z][A-Za-z]{0,9}\b")
#: Words of a title that may come before a name ("Ukrainian negotiator Natalia X").
_TITLE_WORDS = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "envoy",
        "minister",
        "official",
        "deputy",
        "governor",
        "commander",
        "negotiator",
        "ambassador",
        "diplomat",
        "lawmaker",
        "senator",
        "mayor",
        "chief",
        "head",
        "leader",
        "president",
        "adviser",
        "advisor",
        "aide",
        "general",
        "colonel",
        "captain",
        "founder",
        "director",
        "analyst",
        "expert",
        "secretary",
        "representative",
        "delegate",
    ]
)
_APPOSITIVE_END = re.compile(r"[,;()\"“”]|(?<=[a-z]{2})[.!?](?:\s|$)")
#: A diaspora: "Ukrainian American", "Russian-Canadian" (the first demonym is the origin).
_DIASPORA = re.compile(r"\b([A-Z][a-z]+(?:ian|ish|ese|ic|i))[- ](?:American|Canadian|British|Australian)s?\b")
_MINISTER = re.compile(r"\b([A-Z][a-z]+)\s+Minist(?:er|ry)\b")
_INSTITUTIONS = re.compile(r"\b(Navy|Army|Air Force|Coast Guard|National Guard|Border Guard|Police|Parliament)\b")


class MentionView(NamedTuple):
    """The arrays of :class:`Mentions` as lists, and each actor's mentions in text order."""

    start: list[int]
    end: list[int]
    sentence: list[int]
    by_actor: dict[str, list[int]]


def mention_view(ment: Mentions) -> MentionView:
    """:class:`MentionView` of ``ment``, made once and kept on it (bisect on lists, no scan per quote)."""
    v = ment.__dict__.get("_view")
    if v is None:
        by_actor: dict[str, list[int]] = {}
        for k, actor in enumerate(ment.actor):
            by_actor.setdefault(actor, []).append(k)
        v = MentionView(ment.start.tolist(), ment.end.tolist(), ment.sentence.tolist(), by_actor)
        ment.__dict__["_view"] = v
    return v


@lru_cache(maxsize=65536)
def cue_side(text: str) -> str:
    """The side that demonyms and party words in ``text`` point to (``mixed`` for several)."""
    cues = side_cues()
    text = _DIASPORA.sub(r"\1", text)  # "Ukrainian American" is Ukrainian
    found = {cues[t] for t in tokenize(text)[0] if t in cues}
    for m in _PARTY_STATE.finditer(text):
        sd = cues.get(m.group(1).lower(), "")
        if sd:
            found.add(sd)
    if len(found) == 1:
        return found.pop()
    return "mixed" if len(found) > 1 else ""


def own_words(cue_start: int, speaker_start: int, speaker_end: int, text: str, context: str) -> str:
    """The speaker and its appositive, without a relative clause or what it said ("X, a Ukrainian negotiator,")."""
    if cue_start > speaker_end:
        seg, skip = text[speaker_start:cue_start], speaker_end - speaker_start
    else:
        seg, skip = context, 0
    m = _OWN_END.search(seg, max(0, skip))
    return seg[: m.start()] if m else seg


def side_from_context(q, doc: Document, ment: Mentions, finder: ActorFinder, actor: str, context: str) -> str:
    """The side of quote ``q``'s speaker from the words around it (see the module docstring); ``""`` if none."""
    text = doc.text
    a, b = q.speaker_start, q.speaker_end
    head = text[a:b]
    if _BOTH.search(head):
        return "mixed"
    own = own_words(q.cue_start, a, b, text, context)
    side = cue_side(own)
    if side:
        return side
    d = doc_view(doc)
    si = d.sentence_at(a)
    s0 = d.ss[si]
    before = text[s0:a]
    is_person = bool(actor) and finder.type_of(actor) == "person"
    if is_person and _FRONTED_APPOSITIVE.match(before):
        side = cue_side(before) or place_side(before, finder)
        if side:
            return side
    side = _title_actor_side(ment, finder, a, b)
    if side:
        return side
    side = place_side(head, finder) or place_side(own, finder)
    if side:
        return side
    if not is_person:
        m = _FRONTED_PLACE.match(before)
        side = place_side(m.group(1), finder) if m else ""
        if side:
            return side
        if _LOCAL.search(head):
            lo = d.ss[max(0, si - 3)]
            hi = d.se[si]
            side = local_place_side(text[lo:hi], a - lo, hi - lo, finder)
            if side:
                return side
    if is_person:
        side = _introduced_side(ment, finder, doc, actor, a)
        if side:
            return side
    return _institution_title_side(head, doc, finder, s0)


def _title_actor_side(ment: Mentions, finder: ActorFinder, a: int, b: int) -> str:
    """Side of the institutions (not persons, not media) named inside the speaker ("Wagner founder X")."""
    if not len(ment):
        return ""
    mv = mention_view(ment)
    k0, k1 = bisect_left(mv.start, a), bisect_left(mv.start, b)
    sides = {
        finder.side_of(ment.actor[k])
        for k in range(k0, k1)
        if mv.end[k] <= b and finder.type_of(ment.actor[k]) in ("government", "group", "institution")
    }
    sides.discard("")
    return sides.pop() if len(sides) == 1 else ""


def _introduced_side(ment: Mentions, finder: ActorFinder, doc: Document, actor: str, pos: int) -> str:
    """Side from how the article presents the person at its other mentions (nearest first)."""
    text = doc.text
    d = doc_view(doc)
    mv = mention_view(ment)
    ks = sorted(mv.by_actor.get(actor, ()), key=lambda k: abs(mv.start[k] - pos))
    for k in ks[:8]:
        s, e = mv.start[k], mv.end[k]
        # the title run right before the name: capitalised words, demonyms, title words
        words = text[max(d.ss[d.sentence_at(s)], s - 80) : s].split()
        run: list[str] = []
        for w in reversed(words):
            bare = w.strip(".'’")
            if w[-1:] in ',;:"“”)' or not bare:
                break
            if bare[:1].isupper() or bare.lower() in _TITLE_WORDS:
                run.append(w)
            else:
                break
        pre = " ".join(reversed(run))
        post = ""
        if text[e : e + 2] == ", ":
            tail = text[e + 2 : e + 122]
            m = _APPOSITIVE_END.search(tail)
            post = tail[: m.start()] if m else tail
            m = _OWN_END.search(post)
            post = post[: m.start()] if m else post
        side = cue_side(pre) or place_side(pre, finder) or cue_side(post) or place_side(post, finder)
        if side:
            return side
    return ""


def _institution_title_side(head: str, doc: Document, finder: ActorFinder, before: int) -> str:
    """Side of the institution a title names ("Navy spokesman X"), where the article names it with its country."""
    keys = [f"{m.group(1)} Ministry" for m in _MINISTER.finditer(head)]
    keys += [f"Ministry of {m.group(1)}" for m in _MINISTER.finditer(head)]
    keys += [m.group(1) for m in _INSTITUTIONS.finditer(head)]
    if not keys:
        return ""
    text = doc.text[:before]
    pat = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b", re.I)
    d = doc_view(doc)
    for m in reversed(list(pat.finditer(text))):
        s0 = d.ss[d.sentence_at(m.start())]
        # the words right before it ("Ukraine's navy", "the Russian Foreign Ministry"), else a
        # place fronted in its sentence ("In Kyiv, the Foreign Ministry asked ...")
        near = re.split(r"[,;:\"“”()]", text[max(s0, m.start() - 40) : m.start()])[-1].split()[-3:]
        side = place_side(" ".join(near), finder)
        if not side:
            f = _FRONTED_PLACE.match(text[s0 : m.start()])
            side = place_side(f.group(1), finder) if f else ""
        if side and side != "mixed":
            return side
    return ""
