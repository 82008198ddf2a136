"""Who a quotation's speaker is: the actor and side behind "he", "the ministry" or "Sen. X".

:func:`resolve_speakers` takes the quotations of one document in text order and links
each speaker to an actor of the :class:`~framing.analyses.actor_lexicon.ActorFinder`
and a side, resolving to the fullest name in the article:

* a name or institution inside the speaker ("Defence Ministry spokesman Arkady
  Vorontsov" -> the person); a possessive is someone on that actor's side
  ("Zelensky's spokesperson");
* a pronoun ("he", "she", "they") -> the speaker of the quotation just before when it
  fits (a person for he/she, a group for they), else the last person named before it
  (for he/she; never one named inside a quotation or a news outlet) or the government
  or group that is the subject;
* a definite description with no name ("the ministry", "the source", "the agency") ->
  the earlier speaker or actor mention with that head word ("Russia's Defence
  Ministry" two sentences before);
* no actor: the side from side cues (demonyms, party labels) in the speaker and its
  appositive ("Sen. Grant Whitaker, a Montana Republican").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..text import Document
from .actor_lexicon import ActorFinder, Mentions
from .quote_extraction import Quote
from .speaker_sides import cue_side, mention_view, side_from_context
from .speaker_spans import LOOKBACK, doc_view, subject_of

__all__ = ["resolve_speaker", "resolve_speakers"]

_DEFINITE = re.compile(r"^(?:the|this|that)\s+(?:[a-z][\w-]*\s+){0,2}([a-z][\w-]*)$", re.I)
_GROUP_HEADS = frozenset(
    [
        "officials",
        "sources",
        "analysts",
        "experts",
        "witnesses",
        "residents",
        "diplomats",
        "critics",
        "observers",
        "lawyers",
        "traders",
        "aides",
        "authorities",
        "people",
        "police",
        "agents",
        "executives",
        "supporters",
        "groups",
        "members",
        "lawmakers",
        "leaders",
        "envoys",
        "monitors",
    ]
)
_CUT = (
    " cited by ",
    " quoted by ",
    " via ",
    " citing ",
    " reported by ",
    ", citing",
    " seen by ",
    " obtained by ",
    " published by ",
    " reviewed by ",
)
_LOCATIVE = re.compile(r"\b(?:in|at|from|near|outside)\s+(?:the\s+)?$", re.I)
_CAP_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
_SENT_STOP = re.compile(r"[.!?](?<=[a-z]{2}[.!?])(?:\s|$)|[“”\"«»]")


#: One cue reader for every step (demonyms, party words, "D-Mass.").
_cue_side = cue_side


def _context(q: Quote, text: str) -> str:
    """The speaker with its appositive ("Sen. X, a Montana Republican who ..."), up to a sentence end."""
    if q.context_start < 0:
        return text[q.speaker_start : q.speaker_end]
    seg = text[q.context_start : q.context_end]
    m = _SENT_STOP.search(seg, max(0, q.speaker_end - q.context_start))
    return seg[: m.start()] if m else seg


def resolve_speaker(q: Quote, doc: Document, ment: Mentions, finder: ActorFinder) -> tuple[str, str]:
    """(actor, side) of one quote's speaker, without the other quotes; ``("", "")`` when unknown."""
    if q.speaker_start < 0:
        return "", ""
    if q.pronoun:
        return _resolve_pronoun(q, doc, ment, finder, ([], []))
    return _named(q, doc, ment, finder)


def _named(q: Quote, doc: Document, ment: Mentions, finder: ActorFinder) -> tuple[str, str]:
    actor, side = _named_core(q, doc, ment, finder)
    if side:
        return actor, side
    return actor, side_from_context(q, doc, ment, finder, actor, _context(q, doc.text))


def _named_core(q: Quote, doc: Document, ment: Mentions, finder: ActorFinder) -> tuple[str, str]:
    a, b = q.speaker_start, q.speaker_end
    head = doc.text[a:b]
    if " by " in head or " via " in head or "citing" in head:  # every cut holds one of these
        for cut in _CUT:
            i = head.find(cut)
            if i > 0:
                b = a + i
                head = head[:i]
    mv = mention_view(ment)
    k0 = bisect_left(mv.start, a)
    k1 = bisect_left(mv.start, b)
    inside = [k for k in range(k0, k1) if mv.end[k] <= b]
    if inside:
        # a place after "in"/"at" locates the speaker ("the Ukrainian embassy in Washington"):
        # a demonym or party word of the speaker's own comes first
        located = [k for k in inside if k > inside[0] or mv.start[k] > a]
        located = [k for k in located if _LOCATIVE.search(doc.text[max(a, mv.start[k] - 12) : mv.start[k]])]
        if located and len(located) == len(inside):
            own = _cue_side(doc.text[a : mv.start[located[0]]])
            if own:
                return "", own
    if inside:
        last = inside[-1]
        if doc.text[mv.end[last] : mv.end[last] + 2] in ("'s", "’s") and b - mv.end[last] > 3:
            return "", finder.side_of(ment.actor[last])  # "Zelensky's spokesperson"
        actors = [ment.actor[k] for k in inside if finder.type_of(ment.actor[k]) != "media"]
        if actors:
            persons = [x for x in actors if finder.type_of(x) == "person"]
            if persons:
                side = finder.side_of(persons[0]) or _cue_side(_context(q, doc.text))
                return persons[0], side or _institution_side(q, doc, ment, finder)
            sides = {finder.side_of(x) for x in actors if finder.type_of(x) in ("government", "group")}
            sides.discard("")
            if len(sides) > 1:
                return "; ".join(dict.fromkeys(actors)), "mixed"
            # "officials in Kyiv": a group with no side of its own takes the side of the place or
            # government named with it
            own = finder.side_of(actors[0]) or (next(iter(sides)) if len(sides) == 1 else "")
            return actors[0], own or _cue_side(_context(q, doc.text))
    side = _cue_side(head) or _cue_side(_context(q, doc.text))
    return "", side or _institution_side(q, doc, ment, finder)


def _institution_side(q: Quote, doc: Document, ment: Mentions, finder: ActorFinder) -> str:
    """Side of an institution the speaker's title names, from where the article names it in full.

    "Defence Ministry spokesman Arkady Vorontsov" after "the Russian Defence Ministry
    reported": the capitalised head word ("Ministry") of an earlier actor mention with a side.
    """
    index = _institution_index(ment, finder)
    if not index:
        return ""
    words = set(_CAP_WORD.findall(_context(q, doc.text))) & index.keys()
    best, side = -1, ""
    for w in words:
        for start, sd in index[w]:
            if best < start < q.speaker_start:
                best, side = start, sd
    return side


def _institution_index(ment: Mentions, finder: ActorFinder) -> dict[str, list[tuple[int, str]]]:
    """Last word of each multi-word actor mention with a side -> [(start, side)], kept on the mentions."""
    cached = ment.__dict__.get("_institutions")
    if cached is not None:
        return cached
    index: dict[str, list[tuple[int, str]]] = {}
    for k in range(len(ment)):
        surf = ment.surface[k].split()
        if len(surf) > 1:
            sd = finder.side_of(ment.actor[k])
            if sd:
                index.setdefault(surf[-1], []).append((int(ment.start[k]), sd))
    ment.__dict__["_institutions"] = index
    return index


def _quoted_spans(quotes) -> tuple[list[tuple[int, int]], list[int]]:
    """The spans of the quotations in quotation marks, and their starts."""
    spans = [(p.start, p.end) for p in quotes if p.kind != "indirect"]
    return spans, [a for a, _ in spans]


def _resolve_pronoun(
    q: Quote, doc: Document, ment: Mentions, finder: ActorFinder, quoted_spans: tuple[list[tuple[int, int]], list[int]]
) -> tuple[str, str]:
    """``quoted`` is :func:`_quoted_spans` of the document's quotes (made once per document)."""
    if q.pronoun in ("i", "we"):
        return "", ""
    sent = doc_view(doc).sentence_at(q.speaker_start)
    want_person = q.pronoun in ("he", "she")
    quoted, q_starts = quoted_spans
    mv = mention_view(ment)
    k0 = bisect_left(mv.sentence, sent - 3)
    k0 = max(k0, bisect_left(mv.start, q.speaker_start - 4 * LOOKBACK))
    k1 = bisect_left(mv.start, q.speaker_start)

    def in_quote(pos: int) -> bool:
        i = bisect_right(q_starts, pos) - 1
        return i >= 0 and quoted[i][0] <= pos < quoted[i][1]

    ok = [
        k
        for k in range(k0, k1)
        if sent - 3 <= mv.sentence[k] <= sent
        and not in_quote(mv.start[k])
        and not (q.start <= mv.start[k] < q.end)
        and (finder.type_of(ment.actor[k]) == "person") == want_person
        and finder.type_of(ment.actor[k]) != "media"
    ]
    if not ok:
        return "", ""
    if want_person:
        # the first person named in the nearest sentence before (its subject, more often than
        # the last-named: "Zelensky met Duda in Warsaw. He said ...")
        near = max(mv.sentence[k] for k in ok)
        k = next(k for k in ok if mv.sentence[k] == near)
    else:
        same = [k for k in ok if mv.sentence[k] == sent]
        if same:
            k = same[0]
        else:
            last_sent = max(mv.sentence[k] for k in ok)
            k = next(k for k in ok if mv.sentence[k] == last_sent)
    return ment.actor[k], finder.side_of(ment.actor[k])


def _is_group(speaker: str, actor: str, finder: ActorFinder) -> bool:
    words = speaker.lower().split()
    if actor:
        return finder.type_of(actor) in ("government", "group", "institution")
    return bool(words) and (words[-1] in _GROUP_HEADS or words[-1].endswith("s"))


def resolve_speakers(
    quotes: list[Quote], doc: Document, ment: Mentions, finder: ActorFinder
) -> list[tuple[str, str, str]]:
    """``(actor, side, speaker as shown)`` for each quote of one document (text order).

    The shown speaker is the speaker as written, with the resolved name in brackets
    for a pronoun or a definite description ("he (Rustem Umerov)", "the ministry
    (Russian Defence Ministry)").
    """
    text = doc.text
    out: list[tuple[str, str, str]] = []
    done: list[tuple[Quote, str, str, str]] = []  # attributed quotes so far: (quote, actor, side, speaker)
    quoted: tuple[list[tuple[int, int]], list[int]] | None = (
        None  # the quoted spans, made when a pronoun first needs them
    )
    for q in quotes:
        if q.speaker_start < 0:
            out.append(("", "", ""))
            continue
        shown = q.speaker
        if q.pronoun:
            actor, side = "", ""
            if q.pronoun not in ("i", "we"):
                prev = next(
                    (
                        p
                        for p in reversed(done[-20:])
                        if p[0].speaker_start < q.speaker_start
                        and not p[0].pronoun
                        and q.sentence_index - p[0].last_sentence <= 2
                    ),
                    None,
                )
                if prev is not None:
                    is_group = _is_group(prev[3], prev[1], finder)
                    if (q.pronoun in ("he", "she")) != is_group and (prev[1] or prev[3]):
                        actor, side = prev[1], prev[2]
                        shown = f"{q.speaker} ({prev[1] or prev[3]})"
                if not actor and shown == q.speaker:
                    if quoted is None:
                        quoted = _quoted_spans(quotes)
                    actor, side = _resolve_pronoun(q, doc, ment, finder, quoted)
                    if q.pronoun == "they":
                        group = _plural_subject_before(doc, q)
                        if group and (not actor or finder.type_of(actor) == "government"):
                            actor, side = "", _cue_side(group)
                            shown = f"{q.speaker} ({group})"
                    if actor:
                        shown = f"{q.speaker} ({actor})"
        else:
            actor, side = _named(q, doc, ment, finder)
            if not side:
                # a surname named in full by an earlier quotation ("Vorontsov" after "Major General
                # Arkady Vorontsov"): the same person
                last = q.speaker.split()[-1] if q.speaker.split() else ""
                if last[:1].isupper() and len(last) > 2:
                    same = next(
                        (
                            p
                            for p in reversed(done[-20:])
                            if not p[0].pronoun and p[2] and p[0].speaker.split()[-1:] == [last]
                        ),
                        None,
                    )
                    if same is not None:
                        actor, side = actor or same[1], same[2]
            m = _DEFINITE.match(q.speaker.strip())
            if not actor and m and q.attribution != "inherited":
                headword = m.group(1).lower()
                ante = next(
                    (
                        p
                        for p in reversed(done[-20:])
                        if p[0].speaker_start < q.speaker_start
                        and headword in p[3].lower()
                        and p[3].lower() != q.speaker.lower()
                    ),
                    None,
                )
                if ante is not None:
                    actor, side = ante[1], ante[2] or side
                    shown = f"{q.speaker} ({ante[3]})"
                else:
                    k = _mention_with_head(ment, text, q.speaker_start, headword)
                    if k >= 0:
                        actor, side = ment.actor[k], finder.side_of(ment.actor[k]) or side
                        shown = f"{q.speaker} ({ment.surface[k]})"
        out.append((actor, side, shown))
        done.append((q, actor, side, shown if not q.pronoun else (actor or q.speaker)))
    return out


def _plural_subject_before(doc: Document, q: Quote) -> str:
    """The plural subject of the sentence before ("Immigration lawyers advise ... . ..., they say.")."""
    d = doc_view(doc)
    si = d.sentence_at(q.speaker_start)
    if si == 0:
        return ""
    s0, s1 = d.ss[si - 1], d.se[si - 1]
    a, b = subject_of(d, s0, min(s1, s0 + LOOKBACK))
    if a < 0:
        return ""
    words = doc.text[a:b].split()
    return (
        doc.text[a:b]
        if words and words[-1].lower().endswith("s") and words[-1].lower() not in ("is", "was", "has")
        else ""
    )


def _mention_with_head(ment: Mentions, text: str, before: int, headword: str) -> int:
    """The last actor mention before ``before`` whose surface or the word after it has ``headword``."""
    mv = mention_view(ment)
    k_end = bisect_left(mv.start, before)
    for k in range(k_end - 1, max(-1, k_end - 30), -1):
        around = text[mv.start[k] : min(len(text), mv.end[k] + 40)].lower()
        if headword in around.split(".")[0].split(",")[0]:
            return k
    return -1
