"""Quotations in loaded language: scare quotes, and which words stand inside a quotation.

Every quotation comes from the one quotation-mark scanner,
:func:`framing.quotemarks.find_quotations`. A short quotation that nobody is reported to
say is a scare quote (:func:`find_scare_quotes`), the writer's own word; every other
quotation holds someone else's words (:func:`quoted_ranges`, :func:`inside_ranges`), which
:class:`~framing.analyses.loaded.LoadedLanguageAnalyzer` counts apart from the writer's.
"""

from __future__ import annotations

import numpy as np

from .._arrays import search_within
from ..quotemarks import QuoteSpan, find_quotations
from ..text import Document, fold
from .speech_verbs import speech_verbs

__all__ = [
    "SPEECH_VERBS",
    "SPEECH_WINDOW",
    "find_scare_quotes",
    "inside_ranges",
    "quote_candidates",
    "quoted_ranges",
    "scare_phrase",
]

#: Words that make a short quotation someone's speech when they come before it in
#: its sentence, or within three words after it (added to the attribution verbs of
#: the lexicon). "according to" is not among them: it attributes a claim, not words.
#: The verbs of saying that make a quotation someone's speech: the single-word forms of the
#: one speech-verb list (``lexicons/attribution_verbs.csv``, :func:`framing.analyses.speech_verbs.speech_verbs`).
SPEECH_VERBS = speech_verbs()

#: Longest quotation (characters between the marks) tried as a scare quote.
_MAX_SCARE_CHARS = 80


#: Words before a quotation in which a speech verb makes it someone's speech (:func:`find_scare_quotes`).
SPEECH_WINDOW = 15


def find_scare_quotes(
    doc: Document, *, max_words: int = 3, speech: frozenset[str] = SPEECH_VERBS, window: int = SPEECH_WINDOW
):
    """Scare quotes in one parsed document: ``(start, end, phrase)`` of each.

    A scare quote is a quoted phrase of 1 to ``max_words`` words that is not
    attributed to anyone. It is taken as someone's words, not a scare quote, when
    a speech verb ("said", "called", "demanded", ...) comes within ``window``
    words before it or three words after it in its sentence, or when it ends
    with its own full stop, question or exclamation mark (the end of a quoted
    sentence). A quoted name or title (every word capitalised, not at the start
    of a sentence) is not a scare quote either, nor is a quotation inside another
    quotation (the speaker's words). Quotations are found by the one scanner,
    :func:`framing.quotemarks.find_quotations` (straight, curly, German, guillemet and
    single quotes, apostrophes told apart). The offsets span the quote marks; the
    phrase is the folded text between them. This is a heuristic: a partial quotation
    whose speaker is named far from it can be counted as a scare quote.

    >>> from framing.text import parse
    >>> d = parse('Children were "deported" by Russia. He said it was "absurd". The "Red" operation. '
    ...           'He called for a "total and unconditional" ceasefire.')
    >>> [p for _, _, p in find_scare_quotes(d)]
    ['deported']
    """
    cands = quote_candidates(doc.text)
    if not cands:
        return []
    a = np.array([c[0] for c in cands], dtype=np.int64)
    b = np.array([c[1] for c in cands], dtype=np.int64)
    lo = np.searchsorted(doc.tok_starts, a, side="left").tolist()
    hi = np.searchsorted(doc.tok_starts, b, side="left").tolist()
    out = []
    for (start, end, stop), i, j in zip(cands, lo, hi):
        phrase = scare_phrase(doc, i, j, (start, end, stop), max_words=max_words, speech=speech, window=window)
        if phrase is not None:
            out.append((start, end, phrase))
    return out


def quote_candidates(text: str, quotes: list[QuoteSpan] | None = None) -> list[tuple[int, int, bool]]:
    """The quotations of ``text`` that may be scare quotes: ``(start, end, ends_with_stop)``,
    the offsets spanning the marks.

    The quotations are those of the one quotation-mark scanner
    (:func:`framing.quotemarks.find_quotations`, or ``quotes`` when it was already run):
    closed, on one line, at most :data:`_MAX_SCARE_CHARS` characters inside the marks,
    with no space just inside them, and not nested in another quotation (a short
    quotation inside someone's quoted words is theirs, not the writer's).
    """
    if quotes is None:
        quotes = find_quotations(text)
    out = []
    outer_end = -1
    for q in quotes:  # in document order, a nested quotation after the one holding it
        nested = q.start < outer_end
        outer_end = max(outer_end, q.end)
        if nested or not q.closed:
            continue
        body = text[q.inner_start : q.inner_end]
        if not body or len(body) > _MAX_SCARE_CHARS or "\n" in body or body[0].isspace() or body[-1].isspace():
            continue
        out.append((q.start, q.end, body[-1] in ".!?…"))
    return out


def scare_phrase(
    doc: Document,
    lo: int,
    hi: int,
    quote: tuple[int, int, bool],
    *,
    max_words: int,
    speech: frozenset[str],
    window: int,
) -> str | None:
    """The phrase of a quotation over tokens ``lo:hi`` of ``doc`` if it is a scare quote
    (the rules of :func:`find_scare_quotes`), else None. ``quote`` is the quotation's
    ``(start, end, ends_with_stop)``; the phrase is its folded text between the marks."""
    start, end, ends_with_stop = quote
    n = hi - lo
    if n < 1 or n > max_words:
        return None
    if all(doc.text[doc.tok_starts[i]].isupper() for i in range(lo, hi)) and not (
        lo > 0 and doc.tok_sent[lo - 1] != doc.tok_sent[lo]
    ):
        return None  # a name or title ("Red" operation), not a scare quote
    if ends_with_stop:
        return None  # the end of a quoted sentence: someone's speech
    sent = doc.sentence_tokens(int(doc.tok_sent[lo]))
    before = doc.tokens[max(sent.start, lo - window) : lo]
    after = doc.tokens[hi : min(hi + 3, sent.stop)]
    if any(t in speech for t in before) or any(t in speech for t in after):
        return None
    return " ".join(fold(doc.text[start + 1 : end - 1]).split()).rstrip(".,;:!?…")


def quoted_ranges(quotes: list[list[QuoteSpan]], scare: set[tuple[int, int]]):
    """The quoted text of every article as ranges ``(article, inner start, inner end)``
    (parallel int arrays, sorted by article then start, not overlapping): the outermost
    quotations, less the scare quotes (``(article, start)`` of each)."""
    art, lo, hi = [], [], []
    for k, qs in enumerate(quotes):
        outer_end = -1
        for q in qs:
            if q.start < outer_end:
                continue  # inside a quotation already counted
            outer_end = q.end
            if (k, q.start) not in scare:
                art.append(k)
                lo.append(q.inner_start)
                hi.append(q.inner_end)
    return (np.asarray(art, dtype=np.int64), np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64))


def inside_ranges(r_art, r_lo, r_hi, n_articles: int, art: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Whether each position ``pos`` of article ``art`` lies in one of the ranges
    ``[r_lo, r_hi)`` of its article (ranges as :func:`quoted_ranges` gives them)."""
    if not len(r_art) or not len(art):
        return np.zeros(len(art), dtype=bool)
    indptr = np.r_[0, np.cumsum(np.bincount(r_art, minlength=n_articles))]
    j = search_within(indptr, r_lo, art, pos, side="right") - 1  # the last range starting at or before pos
    ok = j >= 0
    idx = np.where(ok, indptr[art] + j, 0)
    return ok & (pos < r_hi[idx])
