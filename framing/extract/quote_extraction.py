"""Rule-based quotation and attribution extraction (no trained model).

:func:`extract_quotes` reads one parsed :class:`~framing.text.Document` and returns
its quotations:

* **direct**: a quotation that is at least a sentence (starts with a capital letter
  or opens the sentence), straight (``"..."``) or curly (``“...”``, ``«...»``,
  ``‘...’`` after a colon), possibly running over several sentences or paragraphs
  (a paragraph that ends inside a quote continues when the next paragraph opens
  with a quote mark);
* **partial**: a quoted phrase inside the reporter's sentence ("demanded
  “security guarantees” from ...") that has a speaker;
* **scare**: a quoted phrase of at most ``scare_max_words`` words (default 3) with
  no speaker close to it: no verb of saying within four words before it (and no
  comma between), none right after it (``"...," said X``), no sentence-wide
  attribution ("As X confessed, ...", "According to X, ..."), and no attributed
  longer quote in the same sentence. Scare quotes are reported with
  ``kind="scare"`` and no speaker; share-of-voice tables leave them out;
* **indirect**: reported speech without quote marks in a sentence that has no
  other attributed quotation (:mod:`framing.analyses.attribution`): "Three people
  were injured, police said.", "X said (that) ...", "X told reporters that ...",
  "according to X, ...".

Each quotation also gets its PARC 3.0 ``form``: ``direct`` (the content wholly in
quotation marks), ``mixed`` (a quoted phrase inside reported speech: partial quotes
with a speaker) or ``indirect``; scare quotes have none. Quotation marks come from
the one scanner, :func:`framing.quotemarks.find_quotations`. Every search looks at a
bounded window around a quotation or cue, so extraction is linear in the length of
the text; sentences with neither a quotation mark nor a verb of saying are skipped.

The speaker is found after the quote ("...," said Medinsky / "...," Medinsky said /
"...," Kyslytsia told reporters), before it (Medinsky said: "..." / Tykhii said
after the talks that "..."), in a sentence-wide phrase (As X confessed, ... /
According to X, ...), or inherited from the attributed quote just before (a second
quote that opens the next sentence with no speaker of its own). Appositives are
dropped ("Andrii Yermak, head of ..., said" -> "Andrii Yermak"). Pronoun speakers
(he, she, it, they) are returned with ``pronoun`` set; the caller resolves them to
an actor.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..quotemarks import find_quotations
from ..text import Document
from .attribution import reported_speech
from .speaker_spans import (
    ANONYMOUS_WORDS,
    LOOKBACK,
    PRONOUNS,
    Doc,
    _after_title,
    according,
    classify_speaker,
    doc_view,
    find_verb,
    speaker_after_verb,
    speaker_before,
)
from .speech_verbs import attribution_verbs, verb_info

__all__ = ["ANONYMOUS_WORDS", "PRONOUNS", "Quote", "attribution_verbs", "extract_quotes", "quote_spans"]

_SENT_END = re.compile(r"[.!?](?<=[a-z]{2}[.!?])\s")
#: Marks that open a paragraph continuing a quotation left open at the end of the previous one.
_CONTINUE = ('"', "“", "«", "„", "‘", "'")
#: Characters after a speaker that may still hold side cues ("Sen. X, a Montana Republican who ...").
_CONTEXT = 160


@dataclass
class Quote:
    """One quotation (or indirect attribution) in a document."""

    start: int
    end: int
    kind: str
    speaker: str = ""
    speaker_start: int = -1
    speaker_end: int = -1
    verb: str = ""
    verb_lemma: str = ""
    judging: bool = False
    anonymous: bool = False
    pronoun: str = ""
    attribution: str = ""
    sentence_index: int = 0
    last_sentence: int = 0
    n_words: int = 0
    form: str = ""
    context_start: int = -1
    context_end: int = -1
    cue_start: int = -1


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    """Quotation spans ``(inner_start, inner_end, mark)`` in ``text``, outermost only.

    From :func:`framing.quotemarks.find_quotations`. A quotation left open at the end
    of a paragraph is kept (to the paragraph end) only when the next paragraph opens
    with a quotation mark, as news style continues a quotation over paragraphs.

    Examples
    --------
    >>> t = 'He said "yes" and “no”.'
    >>> [t[a:b] for a, b, _ in quote_spans(t)]
    ['yes', 'no']
    """
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for q in find_quotations(text):
        if q.start < last_end:
            continue  # nested in the previous quotation
        if not q.closed:
            nl = text.find("\n", q.end)
            nxt = text[nl:].lstrip()[:1] if nl >= 0 else ""
            if not nxt or nxt not in _CONTINUE:
                continue
        a, b = q.inner_start, q.inner_end
        while b > a and text[b - 1].isspace():
            b -= 1
        if b - a > 0:
            out.append((a, b, q.open_mark))
            last_end = q.end
    return out


def _set_speaker(q: Quote, text: str, a: int, b: int, vi: int, d: Doc, verbs) -> None:
    q.speaker_start, q.speaker_end = a, b
    q.verb = text[d.ts[vi] : d.te[vi]]
    q.verb_lemma, q.judging = verbs[d.toks[vi]]
    q.cue_start = int(d.ts[vi])
    q.context_start = min(a, int(d.ts[vi]))
    q.context_end = max(b, int(d.te[vi])) if a > d.ts[vi] else max(b, int(d.ts[vi]))
    if a > d.ts[vi]:
        q.context_end = min(len(text), b + _CONTEXT)


def extract_quotes(
    doc: Document,
    *,
    scare_max_words: int = 3,
    indirect: bool = True,
) -> list[Quote]:
    """All quotations of ``doc`` with speaker, verb and kind (see the module docstring).

    Parameters
    ----------
    doc:
        A parsed document (:func:`framing.text.parse`).
    scare_max_words:
        Quoted phrases of at most this many words with no speaker are scare quotes.
    indirect:
        Also find reported speech without quotation marks.

    Returns
    -------
    list of Quote
        In text order.

    Examples
    --------
    >>> from framing.text import parse
    >>> d = parse('“We are ready for peace,” said Medinsky. Kyiv wants “guarantees”.')
    >>> [(q.kind, q.form, q.speaker, q.verb_lemma) for q in extract_quotes(d)]
    [('direct', 'direct', 'Medinsky', 'say'), ('scare', '', '', '')]
    >>> d = parse("Three people were injured in the blast, police said.")
    >>> [(q.kind, q.speaker, d.text[q.start:q.end]) for q in extract_quotes(d)]
    [('indirect', 'police', 'Three people were injured in the blast')]
    """
    verbs = attribution_verbs()
    d = doc_view(doc)
    text = doc.text
    if doc.n_sentences == 0:
        return []
    s_starts, s_ends = doc.sent_starts, doc.sent_ends
    quotes: list[Quote] = []
    spans = quote_spans(text)
    prev_end = 0
    for k, (qa, qb, _mark) in enumerate(spans):
        lo, hi = d.tok_range(qa, qb)
        n_words = hi - lo
        if n_words == 0:
            prev_end = qb
            continue
        si = d.sentence_at(qa - 1 if qa > 0 else 0)
        sj = d.sentence_at(qb)
        sent_start, sent_end = int(s_starts[si]), int(s_ends[max(sj, si)])
        if sent_end < qb:
            sent_end = int(s_ends[min(sj + 1, doc.n_sentences - 1)]) if sj + 1 < doc.n_sentences else len(text)
        q = Quote(qa, qb, "", sentence_index=si, last_sentence=max(si, sj), n_words=n_words)
        inner = text[qa:qb].rstrip()
        close_end = qb + 1
        # ---- after the quote: '"...," said X' / '"...," X said' / '"..." according to X'
        limit = min(sent_end, close_end + LOOKBACK)
        if k + 1 < len(spans) and spans[k + 1][0] - 1 < limit:
            limit = spans[k + 1][0] - 1  # never look into the next quotation
        plo, phi = d.tok_range(close_end, limit)
        ends_sentence = inner.endswith((".", "…")) and not (plo < phi and d.lower_at(plo))
        opens_sentence = not re.search(r"\w", text[max(sent_start, qa - LOOKBACK) : qa])
        tail_ok = inner.endswith((",", "?", "!", "—", "–")) or text[close_end : close_end + 1] == "," or opens_sentence
        close = False
        if plo < phi and not ends_sentence:
            window = min(phi, plo + 14)
            acc = according(d, plo, min(window, plo + 3), limit)
            if acc[0] >= 0:
                q.speaker_start, q.speaker_end, q.verb, q.verb_lemma = acc[1], acc[2], "according to", "according to"
                q.context_start, q.context_end = acc[1], acc[2]
                q.attribution = "after"
            else:
                vi = find_verb(d, plo, window, verb_info(), last=False)
                conj = re.match(r"\W*(?:and|but|while|as|when|because)\b", text[close_end : close_end + 12])
                ends = (
                    [m for m in _SENT_END.finditer(text, close_end, d.ts[vi]) if not _after_title(text, m.start())]
                    if vi >= 0
                    else []
                )
                if vi >= 0 and not ends and not conj and (vi == plo or tail_ok):
                    if vi == plo:
                        a, b = speaker_after_verb(d, vi, limit)
                    else:
                        a, b = speaker_before(d, close_end, int(d.ts[vi]))
                    if a >= 0 and b > a and d.tok_range(a, b)[1] - d.tok_range(a, b)[0] <= 10:
                        _set_speaker(q, text, a, b, vi, d, verbs)
                        q.attribution = "after"
            close = q.attribution == "after"
        # ---- before the quote, within its first sentence (a bounded window)
        if not q.attribution:
            w0 = max(sent_start, qa - LOOKBACK, prev_end if prev_end > sent_start else sent_start)
            blo, bhi = d.tok_range(w0, qa)
            pre = text[max(sent_start, qa - LOOKBACK) : qa]
            acc = according(d, blo, bhi, qa)
            vi = -1
            m_as = re.match(r"\s*As\b[^,]{1,200},", text[sent_start:qa])
            if m_as:  # "As the head of the delegation confessed, ...": the whole sentence is theirs
                alo, ahi = d.tok_range(sent_start, sent_start + m_as.end())
                vi = find_verb(d, alo, ahi, verb_info(), last=True)
            if vi < 0:
                vi = find_verb(d, blo, bhi, verb_info(), last=True)
            if vi >= 0 and not (acc[0] >= 0 and acc[0] > vi):
                a, b = speaker_before(d, sent_start, int(d.ts[vi]))
                if a >= 0:
                    _set_speaker(q, text, a, b, vi, d, verbs)
                    q.attribution = "before"
                    between = text[d.te[vi] : qa]
                    sentence_wide = bool(re.match(r"\s*As\b", pre)) and "," in between
                    close = sentence_wide or (bhi - vi - 1 <= 4 and "," not in between) or pre.rstrip().endswith(":")
                    close = close or verb_info()[d.toks[vi]].complement != "quote" or bhi - vi - 1 <= 6
            elif acc[0] >= 0:
                q.speaker_start, q.speaker_end, q.verb, q.verb_lemma = acc[1], acc[2], "according to", "according to"
                q.context_start, q.context_end = acc[1], acc[2]
                q.attribution = "before"
                close = acc[0] == blo or (bhi - acc[0] <= 6 and "," not in text[acc[3] : qa])
        if q.speaker_start >= 0:
            q.speaker = text[q.speaker_start : q.speaker_end]
            q.anonymous, q.pronoun = classify_speaker(text, q.speaker_start, q.speaker_end)
        first = inner.lstrip("([ ")[:1]
        full = (
            first.isupper() or opens_sentence or text[max(sent_start, qa - LOOKBACK) : qa].rstrip().endswith(":")
        ) and n_words >= 4
        # a quoted sentence of its own ('... told the court. "We will appeal."') is no scare quote
        full = full or (opens_sentence and first.isupper() and n_words >= 2 and inner.rstrip()[-1:] in ".!?")
        if full:
            q.kind = "direct"
        elif n_words <= scare_max_words and not close:
            q.kind = "scare"
            q._keep = Quote(**{f: getattr(q, f) for f in q.__dataclass_fields__})  # type: ignore[attr-defined]
            q.speaker, q.speaker_start, q.speaker_end, q.verb, q.verb_lemma, q.judging = "", -1, -1, "", "", False
            q.attribution, q.anonymous, q.pronoun = "", False, ""
        else:
            q.kind = "partial"
        quotes.append(q)
        prev_end = qb
    _inherit(quotes, text, scare_max_words)
    for q in quotes:
        if hasattr(q, "_keep"):
            del q._keep
        q.form = "direct" if q.kind == "direct" else ("mixed" if q.kind == "partial" else "")
    if indirect:
        quotes.extend(_indirect(d, quotes, verbs))
        quotes.sort(key=lambda q: q.start)
    return quotes


def _inherit(quotes: list[Quote], text: str, scare_max_words: int) -> None:
    """Unattributed quotes take the speaker of an attributed quote in the same or previous sentence.

    One pass in text order (linear): the longest attributed quote seen in each
    sentence, and the last attributed quote before, are carried along.
    """
    by_sentence: dict[int, Quote] = {}
    for q in quotes:
        if q.attribution and q.kind != "scare" and q.n_words > scare_max_words:
            for s in range(q.sentence_index, min(q.last_sentence, q.sentence_index + 50) + 1):
                by_sentence.setdefault(s, q)
    last: Quote | None = None
    for q in quotes:
        if q.attribution:
            if q.kind != "scare":
                last = q
            continue
        src = by_sentence.get(q.sentence_index)
        if src is q:
            src = None
        prev = last
        if (
            src is None
            and q.kind == "direct"
            and prev is not None
            and prev.attribution
            and 0 <= q.sentence_index - prev.last_sentence <= 2
            and not re.search(r"\n\s*\n[^\"“«]", text[prev.end : q.start])
        ):
            src = prev  # a quotation that follows an attributed one, with no paragraph of narration between
        if src is None:
            if q.kind == "scare" and getattr(q, "_keep", None) is not None and q._keep.attribution:  # type: ignore[attr-defined]
                last = q._keep  # type: ignore[attr-defined]  # a scare quote's sentence can name the next quote's speaker
            continue
        if q.kind == "scare" and hasattr(q, "_keep"):
            q.kind = "partial"
        q.speaker, q.speaker_start, q.speaker_end = src.speaker, src.speaker_start, src.speaker_end
        q.anonymous, q.pronoun = src.anonymous, src.pronoun
        q.context_start, q.context_end = src.context_start, src.context_end
        q.attribution = "inherited"
        if src.sentence_index <= q.sentence_index <= src.last_sentence:
            q.verb, q.verb_lemma, q.judging = src.verb, src.verb_lemma, src.judging
        last = q


def _cue_forms(verbs) -> frozenset[str]:
    """The forms of ``verbs`` and "according": the tokens that make a sentence worth reading for reported speech."""
    kept = _CUE_FORMS.get(id(verbs))
    if kept is None or kept[0] is not verbs:
        kept = _CUE_FORMS[id(verbs)] = (verbs, frozenset(verbs) | {"according"})
    return kept[1]


_CUE_FORMS: dict[int, tuple] = {}


def _indirect(d: Doc, quotes: list[Quote], verbs) -> list[Quote]:
    """Reported speech without quote marks, in sentences with no attributed quotation.

    Only sentences with a verb of saying or "according" are looked at (one pass over
    the tokens).
    """
    doc = d.doc
    # quoted spans and cues already used by quotations: reported speech may not overlap them
    used = sorted((q.start, q.end) for q in quotes if q.kind != "scare")
    used_starts = [a for a, _ in used]
    cues = {q.cue_start for q in quotes if q.cue_start >= 0}
    toks = d.toks
    forms = _cue_forms(verbs)
    cand = [i for i, t in enumerate(toks) if t in forms]
    if not cand:
        return []
    with_verb = np.zeros(doc.n_sentences, dtype=bool)
    with_verb[np.asarray(doc.tok_sent)[np.asarray(cand, dtype=np.int64)]] = True
    out: list[Quote] = []
    text = d.text
    info = verb_info()
    cue_tokens = [i for i in cand if toks[i] in info]
    for r in reported_speech(d, np.flatnonzero(with_verb).tolist(), cue_tokens=cue_tokens):
        if r.verb_start in cues:
            continue
        k = bisect_right(used_starts, r.end) - 1
        if k >= 0 and used[k][1] > r.start:
            continue  # overlaps a quotation (its speaker was found with it)
        lo, hi = d.tok_range(r.start, r.end)
        q = Quote(
            r.start,
            r.end,
            "indirect",
            text[r.speaker_start : r.speaker_end],
            r.speaker_start,
            r.speaker_end,
            text[r.verb_start : r.verb_end],
            r.lemma,
            r.judging,
            attribution=r.how,
            sentence_index=r.sentence,
            last_sentence=r.sentence,
            n_words=max(0, hi - lo),
            form="indirect",
        )
        q.anonymous, q.pronoun = classify_speaker(text, r.speaker_start, r.speaker_end)
        q.context_start = min(r.speaker_start, r.verb_start)
        q.context_end = (
            max(r.speaker_end, r.verb_start)
            if r.speaker_start < r.verb_start
            else min(len(text), r.speaker_end + _CONTEXT)
        )
        out.append(q)
    return out


def quotes_frame(doc: Document, quotes: list[Quote]) -> pd.DataFrame:  # pragma: no cover - debugging aid
    """The quotes of one document as a DataFrame (for inspection)."""
    return pd.DataFrame(
        [
            {
                "kind": q.kind,
                "form": q.form,
                "speaker": q.speaker,
                "verb": q.verb,
                "anonymous": q.anonymous,
                "quote": doc.text[q.start : q.end],
            }
            for q in quotes
        ]
    )
