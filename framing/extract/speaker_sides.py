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
_APPOSITIVE_END = re.compile(r"[,;()\"“”]|[.!?](?<=[a-z]{2}[.!?])(?:\s|$)")
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


#: Mentions of a person looked at for how the article introduces them (the nearest).
_INTRODUCED_NEAREST = 8


def _introduced_side(ment: Mentions, finder: ActorFinder, doc: Document, actor: str, pos: int) -> str:
    """Side from how the article presents the person at its other mentions (nearest first).

    The eight mentions nearest ``pos`` (ties: the earlier first) are found by bisection in
    the actor's mentions, and what each says is read once per document: linear in the
    length of an article however often a person is named and quoted.
    """
    mv = mention_view(ment)
    ks = mv.by_actor.get(actor, ())
    if not ks:
        return ""
    starts = _actor_starts(ment, mv, actor)
    n = _INTRODUCED_NEAREST
    i = bisect_left(starts, pos)
    lo, hi = max(0, i - n), min(len(ks), i + n)
    while lo > 0 and starts[lo - 1] == starts[lo]:
        lo -= 1  # mentions as near as the furthest one kept on either side
    while hi < len(ks) and starts[hi] == starts[hi - 1]:
        hi += 1
    near = sorted(range(lo, hi), key=lambda j: abs(starts[j] - pos))[:n]
    said = _introductions(ment, finder)
    for j in near:
        k = ks[j]
        side = said.get(k)
        if side is None:
            side = said[k] = _introduction_side(mv.start[k], mv.end[k], doc, finder)
        if side:
            return side
    return ""


def _actor_starts(ment: Mentions, mv: MentionView, actor: str) -> list[int]:
    """Start offsets of ``actor``'s mentions (in order), kept on ``ment``."""
    cache = ment.__dict__.setdefault("_actor_starts", {})
    starts = cache.get(actor)
    if starts is None:
        starts = cache[actor] = [mv.start[k] for k in mv.by_actor[actor]]
    return starts


def _introductions(ment: Mentions, finder: ActorFinder) -> dict[int, str]:
    """Mention index -> the side its title or appositive gives (kept on ``ment``, per finder)."""
    kept = ment.__dict__.get("_introductions")
    if kept is None or kept[0] is not finder:
        kept = ment.__dict__["_introductions"] = (finder, {})
    return kept[1]


def _introduction_side(s: int, e: int, doc: Document, finder: ActorFinder) -> str:
    """The side the title before a mention at ``[s, e)`` or its appositive after gives; ``""`` if none."""
    text = doc.text
    d = doc_view(doc)
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
    return cue_side(pre) or place_side(pre, finder) or cue_side(post) or place_side(post, finder)


#: Institution names found in the document read last: ``(doc, finder, {keys: matches})``.
_INSTITUTION_MEMO: list = [(None, None, {})]


def _institution_title_side(head: str, doc: Document, finder: ActorFinder, before: int) -> str:
    """Side of the institution a title names ("Navy spokesman X"), where the article names it with its country.

    The last mention of that institution before ``before`` that gives a side wins. The
    mentions are found once per document and institution, each with the side it gives,
    so a long article with many such speakers is read once, not once per quotation; the
    few mentions that the text from ``before`` on could change (those ending near it) are
    read again in ``doc.text[:before]``.
    """
    keys = [f"{m.group(1)} Ministry" for m in _MINISTER.finditer(head)]
    keys += [f"Ministry of {m.group(1)}" for m in _MINISTER.finditer(head)]
    keys += [m.group(1) for m in _INSTITUTIONS.finditer(head)]
    if not keys:
        return ""
    text = doc.text
    d = doc_view(doc)
    memo_doc, memo_finder, memo = _INSTITUTION_MEMO[0]
    if memo_doc is not doc or memo_finder is not finder:
        memo = {}
        _INSTITUTION_MEMO[0] = (doc, finder, memo)
    entry = memo.get(tuple(keys))
    if entry is None:
        pat = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b", re.I)
        ends: list[int] = []
        last_side: list[str] = []  # the side of the last mention up to each one that gives a side
        side = ""
        for m in pat.finditer(text):
            ends.append(m.end())
            side = _mention_side(m.start(), text, d, finder) or side
            last_side.append(side)
        # a match is as long as its key (literal keys, one character each): none that starts
        # further than this before ``before`` can end at or after it
        span = max(map(len, keys)) + 1
        entry = memo[tuple(keys)] = (pat, ends, last_side, span)
    pat, ends, last_side, span = entry
    # mentions that end before ``before`` are those of doc.text[:before]; after the last of
    # them, the scan of the truncated text is redone (a match there can end at ``before``)
    j = bisect_left(ends, before)
    resume = max(ends[j - 1] if j else 0, before - span)
    for m in reversed(list(pat.finditer(text, resume, before))):
        side = _mention_side(m.start(), text, d, finder)
        if side:
            return side
    return last_side[j - 1] if j else ""


def _mention_side(start: int, text: str, d, finder: ActorFinder) -> str:
    """The side a mention of an institution at ``start`` gives from the words before it; ``""`` if none or mixed."""
    s0 = d.ss[d.sentence_at(start)]
    # the words right before it ("Ukraine's navy", "the Russian Foreign Ministry"), else a
    # place fronted in its sentence ("In Kyiv, the Foreign Ministry asked ...")
    near = re.split(r"[,;:\"“”()]", text[max(s0, start - 40) : start])[-1].split()[-3:]
    side = place_side(" ".join(near), finder)
    if not side:
        f = _FRONTED_PLACE.match(text[s0:start])
        side = place_side(f.group(1), finder) if f else ""
    return side if side and side != "mixed" else ""
