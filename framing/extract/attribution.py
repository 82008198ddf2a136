"""Reported speech without quotation marks: indirect attributions as news writes them.

PARC 3.0 calls an attribution *indirect* when its content is paraphrased, with no
quotation marks. :func:`reported_speech` finds, in the sentences it is given:

* **trailing attribution**, the wire-service form and most lead sentences:
  "Three people were injured, police said." / "..., Ukrainian officials said on
  Tuesday." / "..., said the ministry." / "..., they said.";
* **forward attribution**: "X said (that) ...", "X told reporters (that) ...",
  "X insisted that ...", "X accused Y of ...", "X denied targeting ...", a
  participle that shares the sentence's subject ("..., saying ...") and a second
  cue that shares the first one's speaker ("X denied A and says B");
* **embedded attribution** inside a noun phrase: "a move that Moscow said was
  hostile" (the speaker is what follows the relative word, never "a move that
  Moscow"), unless it lies inside another cue's reported clause: only the outermost
  attribution counts ("Zelensky said the attack showed that ..." is Zelensky's);
* **"according to X"** before or after its clause.

What a verb can introduce comes from the ``complement`` column of the one speech-verb
list (:mod:`framing.analyses.speech_verbs`): "called" and "slammed" introduce only
quotations, "found" and "revealed" only a that-clause, "said" any clause. Each cue is
looked at within a bounded window, so the work is linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from .speaker_spans import (
    LOOKBACK,
    Doc,
    according,
    is_cue,
    speaker_after_verb,
    speaker_before,
    strip_speaker,
    subject_of,
)
from .speech_verbs import verb_info

__all__ = ["Reported", "reported_speech"]

#: Words that mark a finite clause after a verb of saying ("claimed the measure *would* ...").
_FINITE = frozenset(
    [
        "would",
        "will",
        "could",
        "can",
        "should",
        "had",
        "has",
        "have",
        "was",
        "were",
        "is",
        "are",
        "may",
        "might",
        "must",
        "did",
        "does",
        "do",
        "shall",
        "wo",
        "ca",
    ]
)
_SUBJ_PRON = frozenset(["he", "she", "they", "it", "we", "i"])
_TAIL_MAX = 8
#: Sentences up to this long are read once when repeated word for word.
_MEMO_CHARS = 2000
_NEGATION = frozenset(["not", "never", "n't", "neither", "nor"])
_QUESTION = frozenset(["whether", "when", "if", "why", "how"])
_PREP_AFTER_SAY = frozenset(
    ["on", "in", "at", "during", "after", "before", "by", "so", "nothing", "to", "about", "for", "with"]
)


class Reported(NamedTuple):
    """One attribution without quotation marks (character offsets in the document)."""

    start: int
    end: int
    speaker_start: int
    speaker_end: int
    verb_start: int
    verb_end: int
    lemma: str
    judging: bool
    how: str  # "after" (trailing), "before" (forward), "according", "shared" (speaker of the previous cue)
    sentence: int


_CONJ_END = re.compile(r"(?:[\s,;:.—–-]|\b(?:though|although|while|whereas|but|and|as|even|since|because))+$")


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim separators at both ends, and a dangling conjunction at the end ("..., though")."""
    while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
        a += 1
    m = _CONJ_END.search(text, max(a, b - 40), b)
    if m:
        b = max(a, m.start())
    return a, b


def _content_start(d: Doc, vi: int, hi: int, complement: str, lemma: str) -> int:
    """First token of the reported content after cue ``vi`` (forward form), or -1."""
    toks, text = d.toks, d.text
    j = vi + 1
    if j >= hi or toks[vi - 1] in _NEGATION or toks[j] in _QUESTION:
        return -1  # "have not said", "said whether ..."
    window = range(j, min(j + 7, hi))
    that = next((k for k in window if toks[k] == "that"), -1)
    if that >= 0 and any(toks[k] in verb_info() and is_cue(d, k, verb_info()) for k in range(j, that)):
        that = -1  # the "that" of a nested verb: "said the attack showed that ..."
    if that >= 0 and "," not in text[d.te[vi] : d.ts[that]] and (complement != "that" or that - j <= 3):
        return that + 1 if that + 1 < hi else -1
    if complement == "of":
        k = next((k for k in window if toks[k] == "of"), -1)
        return k + 1 if 0 <= k < hi - 1 else -1
    if complement == "gerund" and toks[j].endswith("ing"):
        return j  # "denied targeting civilians"; otherwise a clause, as "said"
    if complement not in ("clause", "gerund"):
        return -1
    ahead = toks[j : min(j + 10, hi)]
    if lemma == "say":
        return (
            j if toks[j] not in _PREP_AFTER_SAY else (j if any(t in _FINITE for t in ahead) and toks[j] == "so" else -1)
        )
    if lemma == "tell":
        k = next((k for k in range(j + 1, min(j + 6, hi)) if toks[k] in _SUBJ_PRON), -1)
        if k >= 0:
            return k
    return j if any(t in _FINITE for t in ahead) else -1


def _trailing(d: Doc, vi: int, lo: int, hi: int, s0: int, s1: int) -> tuple[int, int, int, int] | None:
    """``(content_start, content_end, speaker_start, speaker_end)`` for "CONTENT, X said [tail]."."""
    text, toks = d.text, d.toks
    tail = toks[vi + 1 : hi]
    if _NEGATION.intersection(toks[max(lo, vi - 3) : vi]):
        return None  # "a claim the group did not immediately confirm"
    if len(tail) > _TAIL_MAX + 1 or "that" in tail or any(t in _FINITE for t in tail):
        return None
    vs = int(d.ts[vi])
    window = max(s0, vs - LOOKBACK)
    if text[window:vs].rstrip().endswith(","):
        nxt = vi + 1 < hi and (not d.lower_at(vi + 1) or toks[vi + 1] in ("the", "a", "an"))
        if nxt:  # "..., said the ministry"
            comma = text.rindex(",", window, vs)
            a, b = speaker_after_verb(d, vi, s1)
        else:  # "..., the regional governor, Oleh Syniehubov, said on Telegram"
            a, b = speaker_before(d, window, vs)
            comma = text.rfind(",", window, a) if a >= 0 else -1
            prev = text.rfind(",", window, comma) if comma > 0 else -1
            if prev >= 0:
                p_lo, p_hi = d.tok_range(prev + 1, comma)
                if 0 < p_hi - p_lo <= 5 and toks[p_lo] in ("the", "a", "an", "its", "their"):
                    comma = prev
        if a < 0 or comma < 0:
            return None
    else:
        comma = text.rfind(",", window, vs)
        if comma < 0:
            return None
        a, b = speaker_before(d, comma + 1, vs)
        if a < 0 or d.tok_range(a, b)[1] - d.tok_range(a, b)[0] > 10:
            return None
    ca, cb = _trim(text, window, comma)
    if d.tok_range(ca, cb)[1] - d.tok_range(ca, cb)[0] < 3:
        return None
    return ca, cb, a, b


def reported_speech(d: Doc, sentences, *, verbs=None, cue_tokens: list[int] | None = None) -> list[Reported]:
    """Indirect attributions in the given sentences (indices into ``d.doc``), in text order.

    ``cue_tokens``, when given, are the sorted indices of the document's tokens that are
    forms of the verb list (found once per document by the caller).
    """
    info = verb_info() if verbs is None else verbs
    doc = d.doc
    text = d.text
    out: list[Reported] = []
    # a sentence repeated word for word (boilerplate, datelines) is read once: its results
    # depend only on its own text, so they are kept relative to its start
    seen: dict[str, list[Reported]] = {}
    for si in sentences:
        s0, s1 = int(doc.sent_starts[si]), int(doc.sent_ends[si])
        key = text[s0:s1] if s1 - s0 <= _MEMO_CHARS else None
        if key is not None and key in seen:
            out.extend(
                r._replace(
                    start=r.start + s0,
                    end=r.end + s0,
                    speaker_start=r.speaker_start + s0,
                    speaker_end=r.speaker_end + s0,
                    verb_start=r.verb_start + s0,
                    verb_end=r.verb_end + s0,
                    sentence=si,
                )
                for r in seen[key]
            )
            continue
        n_before = len(out)
        _sentence(d, si, s0, s1, info, cue_tokens, out)
        if key is not None:
            seen[key] = [
                r._replace(
                    start=r.start - s0,
                    end=r.end - s0,
                    speaker_start=r.speaker_start - s0,
                    speaker_end=r.speaker_end - s0,
                    verb_start=r.verb_start - s0,
                    verb_end=r.verb_end - s0,
                )
                for r in out[n_before:]
            ]
    return out


def _sentence(d: Doc, si: int, s0: int, s1: int, info, cue_tokens, out: list[Reported]) -> None:
    """The attributions of one sentence, appended to ``out`` in text order."""
    text, toks = d.text, d.toks
    lo, hi = d.tok_range(s0, s1)
    if hi - lo < 4:
        return
    if cue_tokens is None:
        cues = [i for i in range(lo, hi) if toks[i] in info and is_cue(d, i, info)]
    else:
        k0, k1 = bisect_left(cue_tokens, lo), bisect_left(cue_tokens, hi)
        cues = [i for i in cue_tokens[k0:k1] if is_cue(d, i, info)]
    usable = [i for i in cues if info[toks[i]].complement not in ("quote", "source")]
    found: list[Reported] = []
    cap = s1  # an earlier cue's content ends where a later attribution's speaker begins
    blocked = (-1, -1)  # the content of a later trailing attribution: cues in it are nested
    for n in range(len(usable) - 1, -1, -1):  # right to left
        vi = usable[n]
        vs, ve = int(d.ts[vi]), int(d.te[vi])
        if blocked[0] <= vs < blocked[1]:
            continue
        sv = info[toks[vi]]
        stop = cap
        nxt = usable[n + 1] if n + 1 < len(usable) else -1
        if nxt > 0 and toks[nxt - 1] in ("and", "but"):
            stop = min(stop, int(d.ts[nxt - 1]))  # "denied A and says B"
        elif nxt > 0 and toks[nxt].endswith("ing") and text[max(0, d.ts[nxt] - 3) : d.ts[nxt]].rstrip().endswith(","):
            stop = min(stop, int(d.ts[nxt]))  # "said A, adding that B"
        # "CONTENT, the ministry said, adding that B": the participle shares the cue's speaker,
        # and the cue before it is a trailing attribution whose tail ends at the participle
        chained_next = nxt > 0 and _participle_after(d, vi, nxt)
        chained_prev = n > 0 and _participle_after(d, usable[n - 1], vi)
        r = None
        if sv.complement == "clause" and (cap == s1 or (chained_next and cap >= int(d.ts[nxt]))):
            t = _trailing(d, vi, lo, nxt if chained_next else hi, s0, s1)
            if t is not None:
                ca, cb, a, b = t
                r = Reported(ca, cb, a, b, vs, ve, sv.lemma, sv.judging, "after", si)
                blocked = (ca, cb)
        if r is None and vi > lo:
            cs = _content_start(d, vi, hi, sv.complement, sv.lemma)
            if cs >= 0 and int(d.ts[cs]) < stop:
                a, b = speaker_before(d, s0, vs)
                if chained_prev:
                    pv = usable[n - 1]
                    t = _trailing(d, pv, lo, vi, s0, s1)
                    a, b = (t[2], t[3]) if t is not None else speaker_before(d, s0, int(d.ts[pv]))
                if a < 0 and toks[vi].endswith("ing"):
                    a, b = subject_of(d, s0, vs)
                if a >= 0 and not chained_prev and _nested(d, usable[:n], a, hi, info):
                    a = -1  # inside an earlier cue's reported clause: "X said the attack showed that ..."
                if a >= 0:
                    ca, cb = _trim(text, int(d.ts[cs]), stop)
                    if cb > ca:
                        r = Reported(ca, cb, a, b, vs, ve, sv.lemma, sv.judging, "before", si)
                        prev_cue = int(d.ts[usable[n - 1]]) if n > 0 else s0
                        # the speaker right before this cue ends an earlier cue's content; a shared
                        # subject ("X denied A and says B") leaves it to end at the conjunction
                        if not chained_prev:  # a chained participle leaves the cue before it its content
                            cap = min(
                                cap,
                                a if a > prev_cue else (int(d.ts[vi - 1]) if toks[vi - 1] in ("and", "but") else vs),
                            )
        if r is not None:
            found.append(r)
    if not found or not any(r.how == "after" for r in found):
        acc = according(d, lo, hi, s1) if text.find("ccording to", s0, s1) >= 0 else (-1, -1, -1, -1)
        if acc[0] >= 0 and not any(r.start <= acc[1] < r.end or acc[1] <= r.start < acc[3] for r in found):
            r = _according_to(d, acc, lo, s0, s1, si)
            if r is not None:
                found.append(r)
    out.extend(sorted(found, key=lambda r: r.start))


_CHAIN = re.compile(r"\s*(?:[\w-]+\s+){0,3}?[\w-]*\s*,\s*")


def _participle_after(d: Doc, vi: int, pi: int) -> bool:
    """Whether cue ``pi`` is a participle right after cue ``vi`` ("said on Tuesday, adding ...")."""
    if not d.toks[pi].endswith("ing") or pi - vi > 5 or _FINITE.intersection(d.toks[vi + 1 : pi]):
        return False  # "said prices would rise, adding ..." is a forward cue with its own content
    return _CHAIN.fullmatch(d.text, int(d.te[vi]), int(d.ts[pi])) is not None


_CLAUSE_BOUNDARY = re.compile(r",[\"”’»]?\s*(?:and|but|while|though|although|whereas|yet)\b|;|:|—|–")


def _nested(d: Doc, earlier: list[int], speaker_start: int, hi: int, info) -> bool:
    """Whether a speaker at ``speaker_start`` lies in the reported clause of an earlier cue.

    Only the outermost attribution counts: "Zelensky said the attack showed that ..." is
    Zelensky's, not the attack's. A clause boundary (", while", ", and", ";") between the
    earlier cue and the speaker starts a new attribution ("The union insisted A, while the
    company said B").
    """
    for u in reversed(earlier):
        if int(d.te[u]) > speaker_start:
            continue  # a shared subject before the earlier cue ("X denied A and says B")
        if _CLAUSE_BOUNDARY.search(d.text, int(d.te[u]), speaker_start):
            return False
        sv = info[d.toks[u]]
        if sv.complement not in ("quote", "source") and _content_start(d, u, hi, sv.complement, sv.lemma) >= 0:
            return True
    return False


def _according_to(d: Doc, acc, lo: int, s0: int, s1: int, si: int) -> Reported | None:
    text = d.text
    i, a, b, end = acc
    after = d.tok_range(end + 1, s1)
    if i == lo or (after[1] - after[0] >= 4 and text[end : end + 1] == ","):  # "According to X, CLAUSE"
        qa, qb = end + 1, s1
    else:  # "CLAUSE, according to X."
        qa, qb = s0, int(d.ts[i])
    qa, qb = _trim(text, qa, qb)
    if qb <= qa:
        return None
    a, b = strip_speaker(text, a, b)
    return Reported(qa, qb, a, b, int(d.ts[i]), int(d.te[i + 1]), "according to", False, "according", si)
