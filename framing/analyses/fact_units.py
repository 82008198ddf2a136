"""Fact units: the headline and the sentences (or clauses) of one article, with their tokens.

:func:`article_units` cuts one article into units and returns, for its tokens, the unit
each belongs to, its vocabulary id, whether it is capitalised (a name candidate) and
whether it is inside a quotation (found with :func:`framing.quotemarks.find_quotations`,
the one quotation-mark scanner).
"""

from __future__ import annotations

import re

import numpy as np

from ..quotemarks import find_quotations
from ..text import tokenize

__all__ = ["POSITIONS", "POS_RANK", "article_units"]

POSITIONS = ("headline", "lead", "body")
POS_RANK = {"headline": 0, "lead": 1, "body": 2}
_CLAUSE_RE = re.compile(
    r"(?:[;:]\s+|\s[—–]\s|\s-\s|,\s+(?=(?:but|while|although|though|whereas|which|who|after|"
    r"before|as|when|because)\b))"
)
#: Quotations shorter than this many characters are single words or scare quotes, not quoted passages.
_MIN_QUOTE = 8


def _capitalised(text: str, starts: np.ndarray) -> np.ndarray:
    """Whether the character at each offset is upper case."""
    if not len(starts):
        return np.zeros(0, dtype=bool)
    try:
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # lone surrogates
        return np.array([text[a : a + 1].isupper() for a in starts.tolist()], dtype=bool)
    c = cps[starts]
    up = (c >= 65) & (c <= 90)
    for k in np.flatnonzero(c >= 128).tolist():
        up[k] = chr(int(c[k])).isupper()
    return up


def _is_title_case(title: str) -> bool:
    words = [w for w in title.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) > 0.6


def _in_quotes(text: str, tok_starts: np.ndarray) -> np.ndarray:
    """Whether each token lies inside a quoted passage (double or single marks)."""
    inq = np.zeros(len(tok_starts), dtype=bool)
    for q in find_quotations(text):
        if q.inner_end - q.inner_start < _MIN_QUOTE:
            continue
        a, b = np.searchsorted(tok_starts, [q.inner_start, q.inner_end])
        inq[a:b] = True
    return inq


def article_units(
    corpus,
    art,
    term_id: dict[str, int],
    extra: dict[str, int],
    *,
    unit: str,
    min_words: int,
    lead_sentences: int,
    headlines: bool,
):
    """Units of one article and their token arrays.

    Returns
    -------
    (units, arrays)
        ``units``: list of (position, sentence_index, start, end, text); ``arrays``:
        (unit of each token, term id, capitalised, quoted), or ``None`` without units.
        Title words missing from the corpus vocabulary get ids ``-2, -3, ...`` from ``extra``.
    """
    doc = corpus.document(art)
    ids = corpus.token_ids(art)
    units: list[tuple[str, int, int, int, str]] = []
    parts: list[list[np.ndarray]] = [[], [], [], []]
    base = 0
    text = doc.text
    if headlines and art.has_headline:
        toks, ts, _ = tokenize(art.title)
        if len(toks) >= min_words:
            tid = np.array(
                [term_id[t] if t in term_id else extra.setdefault(t, -2 - len(extra)) for t in toks], dtype=np.int64
            )
            units.append(("headline", -1, 0, len(art.title), art.title))
            caps = _capitalised(art.title, ts)
            # title case: only capitalised words in a title that is not in title case count as names
            if _is_title_case(art.title):
                caps &= ~np.array([t.isalpha() for t in toks], dtype=bool)
            for p, a in zip(parts, (np.zeros(len(toks), dtype=np.int64), tid, caps, _in_quotes(art.title, ts))):
                p.append(a)
            base = 1
    if doc.n_tokens and doc.n_sentences:
        if unit == "clause":
            cuts = [m.end() for m in _CLAUSE_RE.finditer(text)]
            starts = np.unique(np.concatenate([doc.sent_starts, np.asarray(cuts, dtype=np.int64)]))
        else:
            starts = doc.sent_starts
        tok_u = np.searchsorted(starts, doc.tok_starts, side="right") - 1
        np.clip(tok_u, 0, None, out=tok_u)
        n_u = len(starts)
        counts = np.bincount(tok_u, minlength=n_u)
        sent_of_unit = np.searchsorted(doc.sent_starts, starts, side="right") - 1
        sent_end = doc.sent_ends[np.clip(sent_of_unit, 0, None)]
        nxt = np.append(starts[1:], len(text))
        ends = np.minimum(sent_end, nxt)
        # the document starts with the headline, made a unit of its own above
        head_end = art.headline_end
        head_sents = int(np.searchsorted(doc.sent_starts, head_end)) if head_end else 0
        keep = (counts >= min_words) & (starts >= head_end)
        new_index = np.full(n_u, -1, dtype=np.int64)
        new_index[keep] = np.arange(int(keep.sum())) + base
        kept = np.flatnonzero(keep)
        for s, e, si in zip(starts[kept].tolist(), ends[kept].tolist(), sent_of_unit[kept].tolist()):
            while e > s and text[e - 1].isspace():
                e -= 1
            units.append(("lead" if si - head_sents < lead_sentences else "body", si, s, e, text[s:e]))
        nu = new_index[tok_u]
        tmask = nu >= 0
        parts[0].append(nu[tmask])
        parts[1].append(ids[tmask])
        parts[2].append(_capitalised(text, doc.tok_starts)[tmask])
        parts[3].append(
            _in_quotes(text, doc.tok_starts)[tmask]
            if any(c in text for c in "\"“«„'‘‹「")
            else np.zeros(int(tmask.sum()), dtype=bool)
        )
    if not units:
        return [], None
    return units, tuple(np.concatenate(p) for p in parts)
