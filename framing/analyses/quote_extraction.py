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
  other quotation: "X said (that) ...", "X told reporters that ...", "according
  to X, ...".

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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..text import Document, fold, tokenize
from .actor_lexicon import read_packaged_csv

__all__ = ["Quote", "extract_quotes", "attribution_verbs", "quote_spans", "ANONYMOUS_WORDS", "PRONOUNS"]

#: Head words that make a speaker anonymous when no named person is in it.
ANONYMOUS_WORDS = frozenset(
    """source sources official officials diplomat diplomats insider insiders aide aides
    people person familiar reports report observers analysts experts witnesses residents""".split()
)
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
_LEAD_STRIP = frozenset(
    """of by from with as but and however meanwhile also then so yet still later earlier while when although though
    after before since because if moreover furthermore instead indeed separately similarly likewise
    today yesterday""".split()
)
_TRAIL_STRIP = frozenset("also again repeatedly later earlier then still already once previously has have had".split())
_AFTER_STOP = frozenset(
    """who which in on at during after before from to via adding as while when that and but
    according told because with""".split()
)
_BE = frozenset("was were is are been being be am".split())
_OPENERS = {"“": "”", "«": "»", "„": "“", "‹": "›"}
_CLOSERS = {"”", "»", "›"}
_QUOTE_CHARS = re.compile(r"[\"“”«»„‹›]|(?<![\w])['‘](?=\w)|(?<=[\w.,!?…])['’](?![\w])")
_WORD = re.compile(r"[^\W\d_]+")
_ACC_END = re.compile(r"[,;:!?\n“”\"]|(?<=[a-z]{2})\.|$")
_CLAUSE_SPLIT = re.compile(r"[;:()\[\]“”\"«»—–]|,|(?<=[a-z]{2})[.!?]\s")
_ANTECEDENT = re.compile(r"((?:(?:[A-Z][\w'’.-]*|of|the|for|de|von)\s+)*[A-Z][\w'’.-]*)\s*$")
_ADV_TAIL = re.compile(
    r"((?:\s+(?:\w+ly|also|again|repeatedly|later|earlier|then|still|already|previously|once|this week|on \w+|\w+day))*)$"
)
_FIRST_WORD = re.compile(r"(\w+)\b")
_LAST_WORD = re.compile(r"\b(\w+)$")
_LEAD_CONN = re.compile(r"\s*(?:(?:However|But|And|Meanwhile|Still|Yet|Also|Then|So)\b,?\s*)?")
_SENT_END = re.compile(r"(?<=[a-z]{2})[.!?]\s")
_SUBJECT = re.compile(r"\s*((?:(?:[A-Z][\w'’.-]*|of|the|for|and)\s+)*[A-Z][\w'’.-]*|he|she|it|they|we)\b")


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


def _lemma_guess(form: str, lemmas: set[str]) -> str:
    """A lemma for an inflected verb form: the first candidate already known, else a rule."""
    cands = []
    if form.endswith("ied"):
        cands.append(form[:-3] + "y")
    if form.endswith("ies"):
        cands.append(form[:-3] + "y")
    if form.endswith("ing"):
        cands += [form[:-3], form[:-3] + "e", form[:-4]]
    if form.endswith("ed"):
        cands += [form[:-1], form[:-2], form[:-3]]
    if form.endswith("es"):
        cands += [form[:-2], form[:-1]]
    elif form.endswith("s"):
        cands.append(form[:-1])
    for c in cands:
        if c in lemmas:
            return c
    if form.endswith("ed") and form[:-1].endswith(("g", "v", "c", "s", "z", "u")):
        return form[:-1]
    return cands[0] if cands else form


@lru_cache(maxsize=1)
def attribution_verbs() -> dict[str, tuple[str, bool]]:
    """Folded verb form -> (lemma, judging), from ``attribution_verbs.csv``.

    Where the word-choice lexicon ``loaded_language.csv`` has rows of the categories
    ``attribution_judging`` / ``attribution_neutral``, those rows add forms and set
    the judging flag (its list is the reference for what counts as judging).
    """
    df = read_packaged_csv("attribution_verbs.csv")
    out = {fold(v): (lem, j.strip().lower() == "true") for v, lem, j in zip(df["verb"], df["lemma"], df["judging"])}
    try:
        ll = read_packaged_csv("loaded_language.csv")
    except (FileNotFoundError, OSError):
        return out
    if "term" not in ll.columns or "category" not in ll.columns:
        return out
    lemmas = {lem for lem, _ in out.values()}
    for term, cat in zip(ll["term"], ll["category"]):
        if cat not in ("attribution_judging", "attribution_neutral"):
            continue
        t = fold(term.strip())
        if " " in t or not t:
            continue
        lemma = out[t][0] if t in out else _lemma_guess(t, lemmas)
        out[t] = (lemma, cat == "attribution_judging")
    return out


@lru_cache(maxsize=1)
def _verb_exclusions() -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Fixed expressions in which a verb form is no verb of saying ("claimed responsibility")."""
    try:
        ll = read_packaged_csv("loaded_language.csv")
    except (FileNotFoundError, OSError):
        return {}
    if "exclude" not in ll.columns:
        return {}
    out: dict[str, list] = {}
    for term, excl, cat in zip(ll["term"], ll["exclude"], ll["category"]):
        if not cat.startswith("attribution") or not excl:
            continue
        t = fold(term.strip())
        for e in excl.split("|"):
            toks = tuple(tokenize(e.strip())[0])
            if t in toks:
                out.setdefault(t, []).append((toks, toks.index(t)))
    return out


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    """Quotation spans ``(inner_start, inner_end, mark)`` in ``text``.

    Double quotes (straight and curly, guillemets) are paired within a paragraph;
    single quotes only outside double quotes, opened after a space and closed
    before a non-letter (so apostrophes are not quotes). A quote left open at the
    end of a paragraph runs to the paragraph end when the next paragraph opens with
    a quote mark (a quotation over several paragraphs), and is dropped otherwise.

    >>> t = 'He said "yes" and “no”.'
    >>> [t[a:b] for a, b, _ in quote_spans(t)]
    ['yes', 'no']
    """
    spans: list[tuple[int, int, str]] = []
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for pi, (p0, p1) in enumerate(paras):
        open_pos: int | None = None
        open_mark = ""
        single_open: int | None = None
        for m in _QUOTE_CHARS.finditer(text, p0, p1):
            ch = m.group()
            pos = m.start()
            if ch in ("'", "‘", "’"):
                if open_pos is not None:
                    continue  # nested single quote inside a double quote
                if single_open is None:
                    if ch in ("'", "‘") and (pos == p0 or text[pos - 1] in " \t:(—–"):
                        single_open = pos
                elif ch in ("'", "’"):
                    if pos - single_open > 1:
                        spans.append((single_open + 1, pos, "'"))
                    single_open = None
                continue
            if open_pos is None:
                if ch in _CLOSERS:
                    continue  # stray closer
                open_pos, open_mark = pos, ch
                single_open = None
            else:
                if ch == '"' or ch in _CLOSERS or (open_mark == "„" and ch == "“"):
                    if pos - open_pos > 1:
                        spans.append((open_pos + 1, pos, open_mark))
                    open_pos = None
                elif ch in _OPENERS:
                    open_pos, open_mark = pos, ch  # the previous one never closed
        if open_pos is not None and pi + 1 < len(paras):
            nxt = text[paras[pi + 1][0] : paras[pi + 1][0] + 1]
            if nxt in ('"', "“", "«", "„"):
                end = p1
                while end > open_pos + 1 and text[end - 1].isspace():
                    end -= 1
                spans.append((open_pos + 1, end, open_mark))
    return spans


class _Doc:
    """Token helpers on one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.ts = doc.tok_starts.tolist()
        self.te = doc.tok_ends.tolist()
        self.toks = doc.tokens

    def tok_range(self, a: int, b: int) -> tuple[int, int]:
        lo = bisect_left(self.ts, a)
        hi = bisect_right(self.te, b)
        return lo, max(lo, hi)

    def lower_at(self, i: int) -> bool:
        return not self.text[self.ts[i]].isupper()


def _strip_speaker(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim a speaker span: whitespace, punctuation, leading connectives, trailing adverbs."""
    changed = True
    punct_a = ",;:.—–-\"“”'’‘()"
    punct_b = ",;:—–-\"“”'‘("
    while changed and a < b:
        changed = False
        while a < b and (text[a].isspace() or text[a] in punct_a):
            a += 1
            changed = True
        while b > a and (text[b - 1].isspace() or text[b - 1] in punct_b):
            b -= 1
            changed = True
        seg = text[a:b]
        m = _FIRST_WORD.match(seg)
        if m and fold(m.group(1)) in _LEAD_STRIP:
            a += m.end()
            changed = True
            seg = text[a:b]
        # the last word: only the tail of the span can hold it
        off = max(0, len(seg) - 48)
        m = _LAST_WORD.search(seg[off:]) if off else _LAST_WORD.search(seg)
        if m and off and m.start() == 0 and seg[off - 1 : off].isalnum():
            m = _LAST_WORD.search(seg)  # a very long last word: look at the whole span
            off = 0
        if m and (fold(m.group(1)) in _TRAIL_STRIP or (m.group(1).endswith("ly") and m.group(1)[0].islower())) and off + m.start() > 0:
            b = a + off + m.start()
            changed = True
    return a, b


def _speaker_before(d: _Doc, sent_start: int, verb_start: int) -> tuple[int, int]:
    """The speaker noun phrase that ends just before a verb (clause-local, appositive dropped)."""
    text = d.text
    # trailing adverbs first ("Tass, the official Russian news agency, also spoke")
    raw = text[sent_start:verb_start].rstrip()
    cut = max(0, len(raw) - 160)  # a chain of trailing adverbs is short: search the tail only
    m_adv = _ADV_TAIL.search(raw, cut)
    if m_adv and cut and m_adv.start() == cut:
        m_adv = _ADV_TAIL.search(raw)
    seg = raw[: m_adv.start()] if m_adv else raw
    seg_end = sent_start + len(seg)
    if seg.endswith(","):
        inner = seg[:-1]
        j = inner.rfind(",")
        if j >= 0:  # "X, head of ..., said"
            seg_end = sent_start + j
            seg = text[sent_start:seg_end]
    parts = [m.end() for m in _CLAUSE_SPLIT.finditer(seg)]
    a = sent_start + (parts[-1] if parts else 0)
    a, b = _strip_speaker(text, a, seg_end)
    if b > a and fold(text[a:b].split()[0]) in ("who", "which"):
        # relative clause: the antecedent is the name that ends the previous clause
        prev = text[sent_start : a]
        prev = prev.rstrip(" \t\n\r\f\v,")
        m = _ANTECEDENT.search(prev)
        if not m:
            return -1, -1
        a, b = _strip_speaker(text, sent_start + m.start(1), sent_start + m.end(1))
    if b <= a:
        # "X labeled it unacceptable, stating that ..." -> the sentence subject
        head = text[sent_start:verb_start]
        lead = _LEAD_CONN.match(head)
        off = lead.end() if lead else 0
        m = _SUBJECT.match(head, off)
        if m and m.group(1):
            a, b = _strip_speaker(text, sent_start + m.start(1), sent_start + m.end(1))
        else:
            return -1, -1
    lo, hi = d.tok_range(a, b)
    if hi - lo > 1 and d.toks[hi - 1] in PRONOUNS and d.toks[hi - 2] in ("that", "what", "which", "as", "and", "but", "so"):
        return int(d.ts[hi - 1]), int(d.te[hi - 1])  # "... insists that what it calls"
    if hi - lo > 12 or hi <= lo:
        return -1, -1
    return a, b


def _speaker_after_verb(d: _Doc, verb_tok: int, limit: int) -> tuple[int, int]:
    """Speaker after an inverted verb: '"...," said Medinsky, who ...'."""
    text = d.text
    i = verb_tok + 1
    n = 0
    a = b = -1
    while i < len(d.toks) and d.ts[i] < limit and n < 8:
        if a >= 0 and re.search(r"[,.;:!?()]", text[b : d.ts[i]]):
            break
        if d.toks[i] in _AFTER_STOP and a >= 0:
            break
        if a < 0:
            a = int(d.ts[i])
        b = int(d.te[i])
        i += 1
        n += 1
    if a < 0:
        return -1, -1
    return _strip_speaker(text, a, b)


def _find_verb(d: _Doc, lo: int, hi: int, verbs, *, last: bool) -> int:
    rng = range(hi - 1, lo - 1, -1) if last else range(lo, hi)
    for i in rng:
        t = d.toks[i]
        if t in verbs and d.lower_at(i):
            excl = _verb_exclusions().get(t)
            if excl and any(tuple(d.toks[i - off : i - off + len(e)]) == e for e, off in excl if i >= off):
                continue
            prev = d.toks[i - 1] if i > 0 else ""
            if prev == "to" or prev in _BE:
                continue
            nxt = d.toks[i + 1] if i + 1 < len(d.toks) else ""
            if nxt == "by":
                continue
            return i
    return -1


def _according(d: _Doc, lo: int, hi: int, limit: int) -> tuple[int, int, int, int]:
    """Find "according to X" in tokens [lo, hi): (token index of 'according', speaker a, b, end)."""
    for i in range(lo, hi - 1):
        if d.toks[i] == "according" and d.toks[i + 1] == "to":
            start = int(d.te[i + 1])
            m = _ACC_END.search(d.text, start, limit)
            end = m.start() if m and m.start() < limit else limit
            a, b = _strip_speaker(d.text, start, end)
            if b > a:
                return i, a, b, end
    return -1, -1, -1, -1


def _classify_speaker(text: str, a: int, b: int) -> tuple[bool, str]:
    """(anonymous, pronoun) for a speaker span."""
    if a < 0:
        return False, ""
    s = text[a:b]
    toks = _WORD.findall(s.lower())
    if len(toks) == 1 and toks[0] in PRONOUNS:
        return False, toks[0]
    head = re.split(r"\b(?:cited|quoted|via|citing)\b", s)[0]
    htoks = _WORD.findall(head.lower())
    has_anon = any(t in ANONYMOUS_WORDS for t in htoks)
    # a named person (two capitalised words in a row, not a demonym + noun) makes it not anonymous
    named = bool(re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+\b", head)) and not has_anon
    return (has_anon and not named), ""


def extract_quotes(
    doc: Document,
    *,
    scare_max_words: int = 3,
    indirect: bool = True,
) -> list[Quote]:
    """All quotations of ``doc`` with speaker, verb and kind (see the module docstring).

    Examples
    --------
    >>> from framing.text import parse
    >>> d = parse('“We are ready for peace,” said Medinsky. Kyiv wants “guarantees”.')
    >>> [(q.kind, q.speaker, q.verb_lemma) for q in extract_quotes(d)]
    [('direct', 'Medinsky', 'say'), ('scare', '', '')]
    """
    verbs = attribution_verbs()
    d = _Doc(doc)
    text = doc.text
    if doc.n_sentences == 0:
        return []
    s_starts, s_ends = doc.sent_starts, doc.sent_ends
    quotes: list[Quote] = []
    spans = quote_spans(text)
    for k, (qa, qb, mark) in enumerate(spans):
        lo, hi = d.tok_range(qa, qb)
        n_words = hi - lo
        if n_words == 0:
            continue
        si = doc.sentence_at(qa - 1 if qa > 0 else 0)
        sj = doc.sentence_at(qb)
        sent_start, sent_end = int(s_starts[si]), int(s_ends[max(sj, si)])
        if sent_end < qb:
            sent_end = int(s_ends[min(sj + 1, doc.n_sentences - 1)]) if sj + 1 < doc.n_sentences else len(text)
        q = Quote(qa, qb, "", sentence_index=si, last_sentence=max(si, sj), n_words=n_words)
        inner = text[qa:qb].rstrip()
        close_end = qb + 1
        # ---- after the quote: '"...," said X' / '"...," X said' / '"..." according to X'
        limit = sent_end
        if k + 1 < len(spans) and spans[k + 1][0] - 1 < limit:
            limit = spans[k + 1][0] - 1  # never look into the next quotation
        plo, phi = d.tok_range(close_end, limit)
        ends_sentence = inner.endswith((".", "…")) and not (plo < phi and d.lower_at(plo))
        opens_sentence = not re.search(r"\w", text[sent_start:qa])
        tail_ok = inner.endswith((",", "?", "!", "—", "–")) or text[close_end : close_end + 1] == "," or opens_sentence
        close = False
        if plo < phi and not ends_sentence:
            window = min(phi, plo + 14)
            acc = _according(d, plo, min(window, plo + 3), limit)
            if acc[0] >= 0:
                q.speaker_start, q.speaker_end, q.verb, q.verb_lemma = acc[1], acc[2], "according to", "according to"
                q.attribution = "after"
            else:
                vi = _find_verb(d, plo, window, verbs, last=False)
                if vi >= 0 and not re.search(r"(?<=[a-z]{2})[.!?]\s", text[close_end : d.ts[vi]]) and (vi == plo or tail_ok):
                    if vi == plo:
                        a, b = _speaker_after_verb(d, vi, limit)
                    else:
                        a, b = _speaker_before(d, close_end, int(d.ts[vi]))
                    if a >= 0 and b > a and d.tok_range(a, b)[1] - d.tok_range(a, b)[0] <= 10:
                        q.speaker_start, q.speaker_end = a, b
                        q.verb, q.verb_lemma, q.judging = d.text[d.ts[vi] : d.te[vi]], *verbs[d.toks[vi]]
                        q.attribution = "after"
            close = q.attribution == "after"
        # ---- before the quote, within its first sentence
        if not q.attribution:
            blo, bhi = d.tok_range(sent_start, qa)
            pre = text[sent_start:qa]
            acc = _according(d, blo, bhi, qa)
            vi = _find_verb(d, blo, bhi, verbs, last=True)
            if vi >= 0 and not (acc[0] >= 0 and acc[0] > vi):
                a, b = _speaker_before(d, sent_start, int(d.ts[vi]))
                if a >= 0:
                    q.speaker_start, q.speaker_end = a, b
                    q.verb, q.verb_lemma, q.judging = text[d.ts[vi] : d.te[vi]], *verbs[d.toks[vi]]
                    q.attribution = "before"
                    between = text[d.te[vi] : qa]
                    sentence_wide = bool(re.match(r"\s*As\b", pre)) and "," in between
                    close = sentence_wide or (bhi - vi - 1 <= 4 and "," not in between) or pre.rstrip().endswith(":")
            elif acc[0] >= 0:
                q.speaker_start, q.speaker_end, q.verb, q.verb_lemma = acc[1], acc[2], "according to", "according to"
                q.attribution = "before"
                close = acc[0] == blo or (bhi - acc[0] <= 6 and "," not in text[acc[3] : qa])
        if q.speaker_start >= 0:
            q.speaker = text[q.speaker_start : q.speaker_end]
            q.anonymous, q.pronoun = _classify_speaker(text, q.speaker_start, q.speaker_end)
        first = inner.lstrip("([ ")[:1]
        full = (first.isupper() or opens_sentence or text[sent_start:qa].rstrip().endswith(":")) and n_words >= 4
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
    _inherit(quotes, text, scare_max_words)
    for q in quotes:
        if hasattr(q, "_keep"):
            del q._keep  # type: ignore[attr-defined]
    if indirect:
        quotes.extend(_indirect(d, quotes, verbs))
        quotes.sort(key=lambda q: q.start)
    return quotes


def _inherit(quotes: list[Quote], text: str, scare_max_words: int) -> None:
    """Unattributed quotes take the speaker of an attributed quote in the same or previous sentence."""
    for k, q in enumerate(quotes):
        if q.attribution:
            continue
        # a longer attributed quote in the same sentence attributes short ones too
        src = None
        for o in quotes:
            if (o is not q and o.attribution and o.kind != "scare" and o.n_words > scare_max_words
                    and o.sentence_index <= q.sentence_index <= o.last_sentence):
                src = o
                break
        if src is None and q.kind == "direct" and k > 0:
            prev = quotes[k - 1]
            if prev.kind == "scare" and getattr(prev, "_keep", None) is not None:
                prev = prev._keep  # a scare quote's sentence can still name the speaker of the next quote
            if prev.attribution and prev.kind != "scare" and 0 <= q.sentence_index - prev.last_sentence <= 2:
                if not re.search(r"\n\s*\n[^\"“«]", text[prev.end : q.start]):
                    src = prev
        if src is None:
            continue
        if q.kind == "scare" and hasattr(q, "_keep"):
            q.kind = "partial"
        q.speaker, q.speaker_start, q.speaker_end = src.speaker, src.speaker_start, src.speaker_end
        q.anonymous, q.pronoun = src.anonymous, src.pronoun
        q.attribution = "inherited"
        if src.sentence_index <= q.sentence_index <= src.last_sentence:
            q.verb, q.verb_lemma, q.judging = src.verb, src.verb_lemma, src.judging


def _indirect(d: _Doc, quotes: list[Quote], verbs) -> list[Quote]:
    """Reported speech without quote marks, in sentences with no attributed quotation."""
    doc = d.doc
    taken = np.zeros(doc.n_sentences, dtype=bool)
    for q in quotes:
        if q.kind != "scare":
            taken[q.sentence_index : q.last_sentence + 1] = True
    out: list[Quote] = []
    ts_sent = doc.tok_sent
    bounds = np.searchsorted(ts_sent, np.arange(doc.n_sentences + 1), side="left")
    toks = d.toks
    # fast reject: only sentences with a verb of saying or "according" (one pass over the tokens)
    cand = {i for i, t in enumerate(toks) if t in verbs or t == "according"}
    if not cand:
        return out
    with_verb = np.zeros(doc.n_sentences, dtype=bool)
    with_verb[ts_sent[np.fromiter(cand, dtype=np.int64, count=len(cand))]] = True
    for si in np.flatnonzero(~taken & with_verb).tolist():
        lo, hi = int(bounds[si]), int(bounds[si + 1])
        if hi - lo < 4:
            continue
        s0, s1 = int(doc.sent_starts[si]), int(doc.sent_ends[si])
        acc = _according(d, lo, hi, s1)
        vi = _find_verb(d, lo, hi, verbs, last=False)
        q = None
        if vi > lo and not (acc[0] >= 0 and acc[0] < vi):
            q = _indirect_verb(d, vi, lo, hi, s0, s1, si, verbs)
        if q is None and acc[0] >= 0:
            q = _indirect_according(d, acc, lo, s0, s1, si)
        if q is not None:
            out.append(q)
    return out


def _indirect_according(d: _Doc, acc, lo: int, s0: int, s1: int, si: int) -> Quote | None:
    text = d.text
    i, a, b, end = acc
    after = d.tok_range(end + 1, s1)
    if i == lo or (after[1] - after[0] >= 4 and text[end : end + 1] == ","):  # "According to X, CLAUSE"
        qa, qb = end + 1, s1
    else:  # "CLAUSE, according to X."
        qa, qb = s0, int(d.ts[i])
    qa, qb = _trim_clause(text, qa, qb)
    if qb <= qa:
        return None
    q = Quote(qa, qb, "indirect", text[a:b], a, b, "according to", "according to", False,
              attribution="according", sentence_index=si, last_sentence=si)
    q.anonymous, q.pronoun = _classify_speaker(text, a, b)
    q.n_words = max(0, d.tok_range(qa, qb)[1] - d.tok_range(qa, qb)[0])
    return q


def _indirect_verb(d: _Doc, vi: int, lo: int, hi: int, s0: int, s1: int, si: int, verbs) -> Quote | None:
    text, toks = d.text, d.toks
    lemma, judging = verbs[toks[vi]]
    j = vi + 1
    window = toks[j : min(j + 7, hi)]
    if "that" in window and "," not in text[d.te[vi] : d.ts[j + window.index("that")]]:
        j = j + window.index("that") + 1
    elif lemma != "say" or (j < hi and toks[j] in ("on", "in", "at", "during", "after", "before", "by", "so", "nothing")):
        return None
    a, b = _speaker_before(d, s0, int(d.ts[vi]))
    if a < 0 or j >= hi:
        return None
    qa, qb = _trim_clause(text, int(d.ts[j]), s1)
    if qb <= qa:
        return None
    q = Quote(qa, qb, "indirect", text[a:b], a, b, text[d.ts[vi] : d.te[vi]], lemma, judging,
              attribution="before", sentence_index=si, last_sentence=si)
    q.anonymous, q.pronoun = _classify_speaker(text, a, b)
    q.n_words = max(0, d.tok_range(qa, qb)[1] - d.tok_range(qa, qb)[0])
    return q


def _trim_clause(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:."):
        b -= 1
    return a, b


def quotes_frame(doc: Document, quotes: list[Quote]) -> pd.DataFrame:  # pragma: no cover - debugging aid
    """The quotes of one document as a DataFrame (for inspection)."""
    return pd.DataFrame(
        [
            {
                "kind": q.kind,
                "speaker": q.speaker,
                "verb": q.verb,
                "anonymous": q.anonymous,
                "quote": doc.text[q.start : q.end],
            }
            for q in quotes
        ]
    )
