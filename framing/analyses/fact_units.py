"""Fact units: the headline and the sentences (or clauses) of every article, with their tokens.

:func:`corpus_units` cuts all articles of a corpus into units at once, on the corpus's
flat token and sentence arrays (:meth:`framing.Corpus.flat_tokens`,
:meth:`framing.Corpus.flat_sentences`; no text is tokenised again), and returns, for
every token, the unit it belongs to, its vocabulary id, whether it is capitalised (a name
candidate) and whether it is inside a quotation (found with
:func:`framing.quotemarks.find_quotations`, the one quotation-mark scanner).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..quotemarks import find_quotations

__all__ = ["POSITIONS", "POS_RANK", "Units", "corpus_units"]

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
    spans = [(q.inner_start, q.inner_end) for q in find_quotations(text) if q.inner_end - q.inner_start >= _MIN_QUOTE]
    if not spans:
        return np.zeros(len(tok_starts), dtype=bool)
    sp = np.asarray(spans, dtype=np.int64)
    a, b = np.searchsorted(tok_starts, sp[:, 0]), np.searchsorted(tok_starts, sp[:, 1])
    depth = np.bincount(a, minlength=len(tok_starts) + 1) - np.bincount(b, minlength=len(tok_starts) + 1)
    return np.cumsum(depth)[: len(tok_starts)] > 0  # tokens inside any of the spans


#: Articles whose texts are encoded together to read the first character of each token.
_CHUNK_CHARS = 4_000_000
_QUOTE_CHARS = "\"“«„'‘‹「"


def _capitalised_many(texts: list[str], art: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Whether the character at ``starts[i]`` of ``texts[art[i]]`` is upper case (``art`` sorted).

    Texts are joined in chunks and encoded once per chunk, so no Python work is done per token.
    """
    out = np.zeros(len(starts), dtype=bool)
    if not len(starts):
        return out
    n = len(texts)
    k0 = 0
    while k0 < n:
        k1, size = k0, 0
        while k1 < n and (k1 == k0 or size + len(texts[k1]) <= _CHUNK_CHARS):
            size += len(texts[k1]) + 1
            k1 += 1
        chunk = texts[k0:k1]
        offs = np.zeros(len(chunk), dtype=np.int64)
        np.cumsum([len(t) + 1 for t in chunk[:-1]], out=offs[1:])
        cps = np.frombuffer("\n".join(chunk).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        a, b = np.searchsorted(art, [k0, k1])
        c = cps[offs[art[a:b] - k0] + starts[a:b]]
        up = (c >= 65) & (c <= 90)
        high = c >= 128
        if high.any():
            vals, inv = np.unique(c[high], return_inverse=True)
            up[high] = np.array([chr(int(v)).isupper() for v in vals.tolist()], dtype=bool)[inv]
        out[a:b] = up
        k0 = k1
    return out


@dataclass
class Units:
    """The units of a corpus and their tokens, as flat arrays (units of one article together,
    articles in corpus order).

    ``article`` (corpus position), ``position`` (``headline``/``lead``/``body``),
    ``sentence_index`` (-1 for headlines), ``start``, ``end`` and ``text`` per unit;
    ``tok_unit``, ``tok_id`` (vocabulary id), ``tok_cap`` and ``tok_quoted`` per token.
    """

    article: np.ndarray
    position: list[str]
    sentence_index: np.ndarray
    start: np.ndarray
    end: np.ndarray
    text: list[str]
    tok_unit: np.ndarray
    tok_id: np.ndarray
    tok_cap: np.ndarray
    tok_quoted: np.ndarray


def corpus_units(corpus, terms: list[str], *, unit: str, min_words: int, lead_sentences: int, headlines: bool) -> Units:
    """Units of every article of ``corpus`` and their token arrays (see :class:`Units`).

    A unit is the headline (tokens before :attr:`~framing.Article.headline_end`, when
    ``headlines``) or a sentence of the body (or a clause of it with ``unit="clause"``);
    units with fewer than ``min_words`` tokens are dropped. Offsets are into
    :attr:`~framing.Article.document_text`; a headline unit spans ``0:len(title)`` of the title.
    """
    arts = corpus.articles
    n_art = len(arts)
    flat = corpus.flat_tokens()
    sents = corpus.flat_sentences()
    texts = [a.document_text for a in arts]
    lens = np.fromiter((len(t) for t in texts), dtype=np.int64, count=n_art)
    base = np.zeros(n_art, dtype=np.int64)  # each article's place in one virtual joined text
    np.cumsum(lens[:-1] + 1, out=base[1:])
    head_end = np.fromiter((a.headline_end for a in arts), dtype=np.int64, count=n_art)
    has_head = np.fromiter((a.has_headline and headlines for a in arts), dtype=bool, count=n_art)
    tok_art = np.repeat(np.arange(n_art), np.diff(flat.indptr))
    g_tok = flat.starts + base[tok_art]
    sent_art = np.repeat(np.arange(n_art), np.diff(sents.indptr))
    g_sent = sents.starts + base[sent_art]
    # body units: sentences, or sentences cut again into clauses
    if unit == "clause":
        cuts_a, cuts_s = [], []
        for k, t in enumerate(texts):
            c = [m.end() for m in _CLAUSE_RE.finditer(t)]
            if c:
                cuts_s.append(np.asarray(c, dtype=np.int64))
                cuts_a.append(np.full(len(c), k, dtype=np.int64))
        if cuts_s:
            u_art = np.concatenate([sent_art, *cuts_a])
            u_g = np.concatenate([g_sent, np.concatenate(cuts_s) + base[np.concatenate(cuts_a)]])
            o = np.lexsort((u_g, u_art))
            u_art, u_g = u_art[o], u_g[o]
            dup = np.r_[False, (u_g[1:] == u_g[:-1]) & (u_art[1:] == u_art[:-1])]
            u_art, u_g = u_art[~dup], u_g[~dup]
        else:
            u_art, u_g = sent_art, g_sent
    else:
        u_art, u_g = sent_art, g_sent
    # only articles with tokens and sentences have body units
    has_body = (np.diff(flat.indptr) > 0) & (np.diff(sents.indptr) > 0)
    ok = has_body[u_art]
    u_art, u_g = u_art[ok], u_g[ok]
    n_u = len(u_g)
    u_first = np.searchsorted(u_art, np.arange(n_art + 1))  # first body unit of each article
    # the unit of each token: the last unit starting at or before it, within its own article
    tok_u = np.searchsorted(u_g, g_tok, side="right") - 1
    tok_u = np.clip(tok_u, u_first[tok_art], None)
    counts = np.bincount(tok_u[has_body[tok_art]], minlength=n_u) if n_u else np.zeros(0, np.int64)
    u_start = u_g - base[u_art]
    g_sent_idx = np.searchsorted(g_sent, u_g, side="right") - 1
    g_sent_idx = np.maximum(g_sent_idx, sents.indptr[u_art])
    sent_of_unit = g_sent_idx - sents.indptr[u_art]
    nxt = np.r_[u_start[1:], 0]
    last = np.r_[u_art[1:] != u_art[:-1], True] if n_u else np.zeros(0, bool)
    nxt[last] = lens[u_art[last]]
    u_end = np.minimum(sents.ends[g_sent_idx], nxt) if n_u else np.zeros(0, np.int64)
    head_sents = np.searchsorted(g_sent, base + head_end, side="left") - sents.indptr[:-1]
    keep_u = (counts >= min_words) & (u_start >= head_end[u_art])
    # headline units: the tokens before the end of the headline
    n_head = np.bincount(tok_art[flat.starts < head_end[tok_art]], minlength=n_art)
    head_ok = has_head & (n_head >= min_words)
    # final unit ids: per article, its headline first, then its kept body units
    per_art = np.bincount(u_art[keep_u], minlength=n_art) + head_ok
    first_id = np.zeros(n_art + 1, dtype=np.int64)
    np.cumsum(per_art, out=first_id[1:])
    body_id = np.full(n_u, -1, dtype=np.int64)
    kept = np.flatnonzero(keep_u)
    rank = np.arange(len(kept)) - np.searchsorted(u_art[kept], u_art[kept], side="left")
    body_id[kept] = first_id[u_art[kept]] + head_ok[u_art[kept]] + rank
    in_head = flat.starts < head_end[tok_art]
    tok_new = np.where(in_head, np.where(head_ok[tok_art], first_id[tok_art], -1), -1)
    body_tok = ~in_head & has_body[tok_art]
    tok_new[body_tok] = body_id[tok_u[body_tok]]
    tmask = tok_new >= 0
    # unit rows, in id order
    n_units = int(first_id[-1])
    h_arts = np.flatnonzero(head_ok)
    article = np.empty(n_units, dtype=np.int64)
    start = np.empty(n_units, dtype=np.int64)
    end = np.empty(n_units, dtype=np.int64)
    sidx = np.empty(n_units, dtype=np.int64)
    hid = first_id[h_arts]
    article[hid], start[hid], sidx[hid] = h_arts, 0, -1
    end[hid] = [len(arts[k].title) for k in h_arts.tolist()]
    bid = body_id[kept]
    article[bid] = u_art[kept]
    sidx[bid] = sent_of_unit[kept]
    start[bid] = u_start[kept]
    text = [""] * n_units
    position = ["body"] * n_units
    for i, k in zip(hid.tolist(), h_arts.tolist()):
        text[i] = arts[k].title
        position[i] = "headline"
    lead = (sent_of_unit[kept] - head_sents[u_art[kept]]) < lead_sentences
    for i, k, s, e, ld in zip(
        bid.tolist(), u_art[kept].tolist(), u_start[kept].tolist(), u_end[kept].tolist(), lead.tolist()
    ):
        t = texts[k][s:e].rstrip()
        text[i] = t
        end[i] = s + len(t)
        if ld:
            position[i] = "lead"
    # token flags: capitalised (names), quoted
    t_art = tok_art[tmask]
    t_start = flat.starts[tmask]
    cap = _capitalised_many(texts, t_art, t_start)
    t_head = in_head[tmask]
    if t_head.any():
        title_case = np.fromiter((_is_title_case(a.title) for a in arts), dtype=bool, count=n_art)
        alpha = np.fromiter((t.isalpha() for t in terms), dtype=bool, count=len(terms))
        cap &= ~(t_head & title_case[t_art] & alpha[flat.ids[tmask]])
    quoted = np.zeros(len(t_start), dtype=bool)
    t_first = np.searchsorted(t_art, np.arange(n_art + 1))
    for k, t in enumerate(texts):
        a, b = t_first[k], t_first[k + 1]
        if a < b and any(c in t for c in _QUOTE_CHARS):
            quoted[a:b] = _in_quotes(t, t_start[a:b])
    return Units(article, position, sidx, start, end, text, tok_new[tmask], flat.ids[tmask], cap, quoted)
