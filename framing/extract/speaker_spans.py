"""Where the speaker of a quotation or attribution is written: token helpers and span rules.

Shared by :mod:`framing.analyses.quote_extraction` (quotations in quotation marks) and
:mod:`framing.analyses.attribution` (reported speech without marks). Every search here
looks at a bounded window of characters or tokens around a cue, so extraction stays
linear in the length of an article however long its sentences are.

A speaker is a person, a group or an institution: never a fragment of a clause ("a
move that Moscow" -> "Moscow"), a party label alone ("a Democrat"), a title alone
("Rep", "Sen"), a building ("Capitol") or the outlet that publishes the article
("this newspaper"). In an appositive chain ("Moscow's ambassador to Washington,
Anatoly Antonov, told ...") the part that names someone is the speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from ..text import Document, fold
from .speech_verbs import verb_exclusions, verb_info

__all__ = [
    "ANONYMOUS_WORDS",
    "LOOKBACK",
    "PRONOUNS",
    "Doc",
    "according",
    "classify_speaker",
    "doc_view",
    "find_verb",
    "speaker_after_verb",
    "speaker_before",
    "strip_speaker",
    "valid_speaker",
]

#: Characters looked at before a cue for its speaker (bounds the work per quotation).
LOOKBACK = 400
#: Characters before a verb in which its speaker (with an appositive chain) is looked for.
SPEAKER_WINDOW = 250

#: Head words that make a speaker anonymous when no named person is in it.
ANONYMOUS_WORDS = frozenset(
    [
        "source",
        "sources",
        "official",
        "officials",
        "diplomat",
        "diplomats",
        "insider",
        "insiders",
        "aide",
        "aides",
        "people",
        "person",
        "familiar",
        "reports",
        "report",
        "observers",
        "analysts",
        "experts",
        "witnesses",
        "residents",
    ]
)
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
#: Titles written with a full stop that never end a speaker's name ("Rep. Tom Brennan").
TITLES = frozenset(
    [
        "rep",
        "sen",
        "gov",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "capt",
        "sgt",
        "maj",
        "adm",
        "prof",
        "st",
        "rev",
        "hon",
        "pres",
        "amb",
        "cmdr",
        "supt",
        "insp",
        "det",
    ]
)
#: Words that alone are no speaker: party labels, titles, buildings, the newspaper itself.
_NOT_SPEAKER = frozenset(
    [
        "democrat",
        "republican",
        "independent",
        "rep",
        "sen",
        "gov",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "capitol",
        "building",
        "palace",
        "newspaper",
        "paper",
        "this",
        "the",
        "a",
        "an",
        "one",
        "some",
    ]
)
_OUTLET_SELF = re.compile(
    r"^(?:this|our)\s+(?:newspaper|paper|publication|website|site|reporter|correspondent|magazine)$", re.I
)
_LEAD_STRIP = frozenset(
    [
        "of",
        "by",
        "from",
        "with",
        "as",
        "but",
        "and",
        "however",
        "meanwhile",
        "also",
        "then",
        "so",
        "yet",
        "still",
        "later",
        "earlier",
        "while",
        "when",
        "although",
        "though",
        "after",
        "before",
        "since",
        "because",
        "if",
        "moreover",
        "furthermore",
        "instead",
        "indeed",
        "separately",
        "similarly",
        "likewise",
        "today",
        "yesterday",
        "that",
        "which",
        "whom",
    ]
)
_TRAIL_STRIP = frozenset(
    [
        "also",
        "again",
        "repeatedly",
        "later",
        "earlier",
        "then",
        "still",
        "already",
        "once",
        "previously",
        "has",
        "have",
        "had",
    ]
)
_AFTER_STOP = frozenset(
    [
        "who",
        "which",
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "from",
        "to",
        "via",
        "adding",
        "as",
        "while",
        "when",
        "that",
        "and",
        "but",
        "according",
        "told",
        "because",
        "with",
    ]
)
_BE = frozenset(["was", "were", "is", "are", "been", "being", "be", "am"])
_PREPOSITIONS = frozenset(
    ["in", "by", "of", "for", "with", "without", "after", "before", "on", "upon", "about", "from", "into"]
)
_NUMBER_WORDS = frozenset(["one", "two", "three", "four", "five", "several", "some", "many", "most", "both"])
_DET = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"]
)
_WORD = re.compile(r"[^\W\d_]+")
_ACC_END = re.compile(r"[,;:!?\n“”\"«»]|\.(?<=[a-z]{2}\.)|$")
#: (A sentence end is written "[.!?](?<=[a-z]{2}[.!?])", not "(?<=[a-z]{2})[.!?]": the same
#: matches, but a pattern that opens with a character class lets the engine skip ahead fast.)
_CLAUSE_SPLIT = re.compile(r"[;:()\[\]“”\"«»—–]|[.!?](?<=[a-z]{2}[.!?])\s")
_ANTECEDENT = re.compile(r"((?:(?:[A-Z][\w'’.-]*|of|the|for|de|von)\s+)*[A-Z][\w'’.-]*)\s*$")
_ADV_TAIL = re.compile(
    r"((?:\s+(?:\w+ly|also|again|repeatedly|later|earlier|then|still|already|previously|once|this week|on \w+|\w+day))*)$"
)
_FIRST_WORD = re.compile(r"(\w+)\b")
_LAST_WORD = re.compile(r"\b(\w+)$")
_LEAD_CONN = re.compile(r"\s*(?:(?:However|But|And|Meanwhile|Still|Yet|Also|Then|So|In \w+|On \w+)\b,?\s*)?")
_SUBJECT = re.compile(r"\s*((?:(?:[A-Z][\w'’.-]*|of|the|for|and)\s+)*[A-Z][\w'’.-]*|he|she|it|they|we)\b")
_NAME = re.compile(r"\b[A-Z][\w'’-]+\.?\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+")
_SUB_CLAUSE = re.compile(
    r"\b(?:after|when|as|because|since|before|while|until)\s+((?:[A-Z][\w'’-]*\s+){1,4})[a-z]+\w*[^,]*,$"
)
_RELATIVE = re.compile(r"\b(?:that|which|whom)\s+", re.I)


class Doc:
    """Token helpers on one parsed document (token and sentence offsets as lists for bisect).

    Made once per document (:func:`doc_view`) and shared by extraction and speaker
    resolution, so no step converts the document's arrays again per quotation.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.ts = doc.tok_starts.tolist()
        self.te = doc.tok_ends.tolist()
        self.toks = doc.tokens
        self.ss = doc.sent_starts.tolist()
        self.se = doc.sent_ends.tolist()

    def tok_range(self, a: int, b: int) -> tuple[int, int]:
        """Tokens wholly inside the characters ``[a, b)``: ``(first, last + 1)``."""
        lo = bisect_left(self.ts, a)
        hi = bisect_right(self.te, b)
        return (lo, hi) if hi > lo else (lo, lo)

    def lower_at(self, i: int) -> bool:
        return not self.text[self.ts[i]].isupper()

    def sentence_at(self, offset: int) -> int:
        """:meth:`Document.sentence_at` on the lists (the sentence holding ``offset``)."""
        return max(bisect_right(self.ss, offset) - 1, 0)


#: The helper of the document read last (extraction and resolution read one document at a time).
_VIEW: list = [None]


def doc_view(doc: Document) -> Doc:
    """The :class:`Doc` of ``doc``, made once while the same document is being read."""
    v = _VIEW[0]
    if v is None or v.doc is not doc:
        v = _VIEW[0] = Doc(doc)
    return v


def strip_speaker(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim a speaker span: white space, punctuation, leading connectives, trailing adverbs."""
    changed = True
    punct_a = ",;:.—–-\"“”'’‘()«»"
    punct_b = ",;:—–-\"“”'‘(«»"
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
        off = max(0, len(seg) - 48)
        m = _LAST_WORD.search(seg[off:]) if off else _LAST_WORD.search(seg)
        if m and off and m.start() == 0 and seg[off - 1 : off].isalnum():
            m = _LAST_WORD.search(seg)
            off = 0
        if (
            m
            and (fold(m.group(1)) in _TRAIL_STRIP or (m.group(1).endswith("ly") and m.group(1)[0].islower()))
            and off + m.start() > 0
        ):
            b = a + off + m.start()
            changed = True
    return a, b


def valid_speaker(text: str, a: int, b: int, outlet: str = "") -> bool:
    """Whether ``text[a:b]`` can name a speaker (see the module docstring)."""
    s = text[a:b].strip()
    if not s:
        return False
    words = _WORD.findall(s.lower())
    if not words:
        return False
    if all(w in _NOT_SPEAKER for w in words):
        return False  # "a Democrat", "Rep", "the Capitol"
    return not (_OUTLET_SELF.match(s) or (outlet and fold(s).strip(" .") in (fold(outlet), "the " + fold(outlet))))


def _chunk_choice(text: str, a: int, b: int) -> tuple[int, int]:
    """In an appositive chain "A, B, C said" the chunk that names someone, else the head chunk.

    Only the last three chunks before the verb are looked at (an appositive chain is
    short; what comes before belongs to the reported clause).
    """
    seg = text[a:b]
    parts = []
    pos = 0
    for piece in seg.split(","):
        parts.append((a + pos, a + pos + len(piece)))
        pos += len(piece) + 1
    while parts and not text[parts[-1][0] : parts[-1][1]].strip():
        parts.pop()
    parts = [strip_speaker(text, _past_subordinator(text, pa, pb), pb) for pa, pb in parts[-3:]]
    # a chunk that opens with a participle or a relative word is an appositive clause
    # ("concluding a Middle East tour", "who asked not to be named"), one that opens with a
    # preposition an adverbial ("At a bus stop near the plant"): never the speaker
    heads = []
    for x, y in parts:
        if y <= x:
            continue
        first = fold(text[x:y].split()[0])
        adverbial = first in _PREPOSITIONS or first in ("at", "near", "during", "under", "as", "while", "when")
        clause = first.endswith("ing") or first in ("who", "which", "whose", "where", "whom", "speaking")
        if not adverbial and not clause and valid_speaker(text, x, y):
            heads.append((x, y))
    for x, y in heads:
        if _NAME.search(text, x, y):
            return x, y
    for x, y in heads:
        first = text[x:y].split()[0]
        if first[0].isupper() or fold(first) in _DET or fold(first) in _NUMBER_WORDS:
            return x, y
    if heads:
        return heads[0]
    parts = [(x, y) for x, y in parts if y > x]
    return (-1, -1) if not parts else parts[0]


_SUBORDINATOR = re.compile(r"\b(?:when|after|as|because|while|if|since|although|though|where|once|until)\s+", re.I)


def _past_subordinator(text: str, a: int, b: int) -> int:
    """Start of a chunk's last clause: "diminished further when Mr. Trump" -> "Mr. Trump"."""
    last = None
    for m in _SUBORDINATOR.finditer(text, a, b):
        last = m
    return last.end() if last is not None and last.end() < b else a


def _past_relative(text: str, a: int, b: int) -> int:
    """Start of the speaker after a relative word: "a move that Moscow" -> "Moscow"."""
    last = None
    for m in _RELATIVE.finditer(text, a, b):
        last = m
    return last.end() if last is not None and last.end() < b else a


def _after_title(seg: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends a title abbreviation ("Sen.", "Rep.", "Gen.")."""
    m = re.search(r"(\w+)$", seg[max(0, dot - 6) : dot])
    return m is not None and seg[dot] == "." and fold(m.group(1)) in TITLES


#: Speakers found before a verb, by what the rule reads (see :func:`speaker_before`).
_BEFORE_MEMO: dict[tuple, tuple[int, int]] = {}
_BEFORE_MEMO_SIZE = 50_000  # about 30 MB at most


def speaker_before(d: Doc, sent_start: int, verb_start: int) -> tuple[int, int]:
    """The speaker noun phrase that ends just before a verb (clause-local, appositives resolved).

    ``sent_start`` may be the start of a bounded window rather than of the sentence.
    Returns ``(-1, -1)`` when no speaker is found.

    The rule reads only the window ``[w, verb_start)`` (``w`` is ``sent_start``, at most
    :data:`SPEAKER_WINDOW` characters back), the character before it (a word boundary),
    the 12 characters after the verb's start and the tokens wholly inside the window. The
    answer, relative to ``w``, is kept under exactly those inputs, so the same attribution
    phrase ("Officials said", "the ministry said") is read once per corpus, not once per
    sentence.
    """
    w = max(sent_start, verb_start - SPEAKER_WINDOW)
    lo, hi = d.tok_range(w, verb_start)
    text = d.text
    key = (
        text[w - 1] if w > 0 else None,
        text[w : verb_start + 12],
        verb_start - w,
        tuple([x - w for x in d.ts[lo:hi]]),
        tuple([x - w for x in d.te[lo:hi]]),
    )
    hit = _BEFORE_MEMO.get(key)
    if hit is None:
        a, b = _speaker_before(d, w, verb_start)
        if len(_BEFORE_MEMO) >= _BEFORE_MEMO_SIZE:
            _BEFORE_MEMO.clear()
        _BEFORE_MEMO[key] = (a - w, b - w) if a >= 0 else (a, b)
        return a, b
    return (hit[0] + w, hit[1] + w) if hit[0] >= 0 else hit


def _speaker_before(d: Doc, sent_start: int, verb_start: int) -> tuple[int, int]:
    text = d.text
    sent_start = max(sent_start, verb_start - SPEAKER_WINDOW)
    raw = text[sent_start:verb_start].rstrip()
    m_adv = _ADV_TAIL.search(raw, max(0, len(raw) - 160))
    seg = raw[: m_adv.start()] if m_adv else raw
    seg_end = sent_start + len(seg)
    parts = [m.end() for m in _CLAUSE_SPLIT.finditer(seg) if not _after_title(seg, m.start())]
    clause_start = sent_start + (parts[-1] if parts else 0)
    if seg.endswith(",") and (text[verb_start : verb_start + 12].split() or [""])[0].endswith("ing"):
        # "X held rates, saying ...": the subject of the clause before ("after Russia withdrew, saying")
        m = _SUB_CLAUSE.search(seg[max(0, len(seg) - 200) :])
        if m:
            off = sent_start + max(0, len(seg) - 200)
            a, b = strip_speaker(text, off + m.start(1), off + m.end(1))
            if b > a and valid_speaker(text, a, b):
                return a, b
        return subject_of(d, sent_start, verb_start)
    if seg.endswith(",") and "," in seg[clause_start - sent_start : -1]:
        # "X, head of ..., said" / "A Democrat on the committee, Rep. Jamie Raskin of Maryland, said"
        a, b = _chunk_choice(text, clause_start, seg_end)
    else:
        # the noun phrase after the last comma (a comma not closing an appositive ends a clause)
        j = seg.rfind(",")
        start = sent_start + j + 1 if j >= 0 and sent_start + j + 1 > clause_start else clause_start
        a, b = strip_speaker(text, _past_relative(text, start, seg_end), seg_end)
    if b > a and fold(text[a:b].split()[0]) in ("who", "which"):
        prev = text[sent_start:a].rstrip(" \t\n\r\f\v,")
        m = _ANTECEDENT.search(prev)
        if not m:
            return -1, -1
        a, b = strip_speaker(text, sent_start + m.start(1), sent_start + m.end(1))
    if b > a:
        # a verb of saying inside the span ends a clause: "Zelensky said the attack" -> "the attack"
        lo, hi = d.tok_range(a, b)
        info = verb_info()
        for k in range(hi - 1, lo - 1, -1):
            if d.toks[k] in info and d.lower_at(k):
                a, b = strip_speaker(text, int(d.te[k]), b)
                break
    if b <= a or re.search(r"\b(?:and|but)\s*$", raw):
        # "He thanked Turkey ... and said", "X said A but stated B": the sentence's subject
        return subject_of(d, sent_start, verb_start)
    lo, hi = d.tok_range(a, b)
    if (
        hi - lo > 1
        and d.toks[hi - 1] in PRONOUNS
        and d.toks[hi - 2] in ("that", "what", "which", "as", "and", "but", "so")
    ):
        return int(d.ts[hi - 1]), int(d.te[hi - 1])
    if hi - lo > 12 or hi <= lo or not valid_speaker(text, a, b):
        return -1, -1
    return a, b


def subject_of(d: Doc, sent_start: int, verb_start: int) -> tuple[int, int]:
    """The subject that opens a sentence: "Kremlin spokesman Dmitry Peskov said ... but stated",
    "The central bank held rates, saying ...".

    Capitalised words, with lower-case words between them ("Kremlin spokesman Dmitry
    Peskov"), or a determiner and up to two lower-case nouns ("The central bank").
    """
    text = d.text
    sent_start = max(sent_start, verb_start - LOOKBACK)
    head = text[sent_start:verb_start]
    lead = _LEAD_CONN.match(head)
    lo, hi = d.tok_range(sent_start + (lead.end() if lead else 0), verb_start)
    if lo >= hi:
        return -1, -1
    toks = d.toks
    if fold(toks[lo]) in PRONOUNS:
        return int(d.ts[lo]), int(d.te[lo])
    k, last = lo, -1
    if not d.lower_at(lo) and fold(toks[lo]) not in ("the", "a", "an"):
        while k < hi and k < lo + 8:
            if not d.lower_at(k) and toks[k][:1].isalpha():
                last = k
            elif not (
                toks[k] in ("of", "for", "'s", "’s", ".", "-")
                or (
                    toks[k].isalpha()
                    and k + 1 < hi
                    and not d.lower_at(k + 1)
                    and toks[k] not in verb_info()
                    and not toks[k].endswith("ed")
                    and toks[k] not in _BE
                    and toks[k] not in _AFTER_STOP
                )
            ):
                break
            k += 1
    elif fold(toks[lo]) in ("the", "a", "an"):
        k = lo + 1
        while (
            k < hi
            and k <= lo + 3
            and (d.lower_at(k) or True)
            and toks[k].isalpha()
            and not toks[k].endswith("ed")
            and toks[k] not in _BE
            and toks[k] not in _LEAD_STRIP
            and toks[k] not in _AFTER_STOP
            and (k <= lo + 2 or not d.lower_at(k))
        ):
            last, k = k, k + 1
    if last < 0:
        return -1, -1
    a, b = strip_speaker(text, int(d.ts[lo]), int(d.te[last]))
    return (a, b) if b > a and valid_speaker(text, a, b) else (-1, -1)


def speaker_after_verb(d: Doc, verb_tok: int, limit: int) -> tuple[int, int]:
    """Speaker after an inverted verb: '"...," said Rep. Tom Brennan, who ...'."""
    text = d.text
    i = verb_tok + 1
    n = 0
    a = b = -1
    while i < len(d.toks) and d.ts[i] < limit and n < 10:
        gap = text[b : d.ts[i]] if a >= 0 else ""
        if a >= 0 and re.search(r"[,;:!?()]", gap):
            break
        if (
            a >= 0
            and "." in gap
            and fold(text[a:b].split()[-1].rstrip(".")) not in TITLES
            and not re.fullmatch(r"[A-Z]", text[a:b].split()[-1])
        ):
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
    a, b = strip_speaker(text, a, b)
    return (a, b) if b > a and valid_speaker(text, a, b) else (-1, -1)


def find_verb(d: Doc, lo: int, hi: int, verbs, *, last: bool) -> int:
    """The first (or last) verb of saying among tokens ``[lo, hi)``, or -1.

    Forms in a fixed expression ("claimed responsibility"), after "to" or a form of
    "be", before "by" or "to be", and noun forms after a determiner are no cue.
    """
    rng = range(hi - 1, lo - 1, -1) if last else range(lo, hi)
    for i in rng:
        if is_cue(d, i, verbs):
            return i
    return -1


def is_cue(d: Doc, i: int, verbs) -> bool:
    """Whether token ``i`` is a verb of saying used as one (see :func:`find_verb`)."""
    t = d.toks[i]
    if t not in verbs or d.text[d.ts[i]].isupper():  # (not d.lower_at(i))
        return False
    excl = verb_exclusions().get(t)
    if excl and any(tuple(d.toks[i - off : i - off + len(e)]) == e for e, off in excl if i >= off):
        return False
    prev = d.toks[i - 1] if i > 0 else ""
    if prev == "to" or prev in _BE or (t.endswith("ing") and prev in _PREPOSITIONS):
        return False
    nxt = d.toks[i + 1] if i + 1 < len(d.toks) and not d.text[d.te[i] : d.ts[i + 1]].strip() else ""
    if nxt == "by" or (nxt == "to" and i + 2 < len(d.toks) and d.toks[i + 2] in ("be", "have")):
        return False
    info = verbs[t]
    # a noun form after a determiner or a possessive, or before "is"/"of", is a noun:
    # "the report", "Russia's demands were", "claims of ..."
    return not (
        getattr(info, "noun_form", False)
        and (
            prev in _DET
            or prev in ("'s", "’s", "s")
            or (i >= 2 and d.toks[i - 2] in _DET and prev.isalpha() and not prev.endswith("ly") and d.lower_at(i - 1))
            or prev.endswith(("'s", "’s"))
            or nxt in _BE
            or nxt in ("of", "for")
            or (i > 0 and d.text[d.te[i - 1] : d.ts[i]].strip() in ("'s", "’s", "'", "’"))
        )
    )


def according(d: Doc, lo: int, hi: int, limit: int) -> tuple[int, int, int, int]:
    """Find "according to X" in tokens [lo, hi): (token index of 'according', speaker a, b, end)."""
    for i in range(lo, hi - 1):
        if d.toks[i] == "according" and d.toks[i + 1] == "to":
            start = int(d.te[i + 1])
            m = _ACC_END.search(d.text, start, min(limit, start + LOOKBACK))
            end = m.start() if m and m.start() < limit else min(limit, start + LOOKBACK)
            a, b = strip_speaker(d.text, start, end)
            if b > a:
                return i, a, b, end
    return -1, -1, -1, -1


def classify_speaker(text: str, a: int, b: int) -> tuple[bool, str]:
    """(anonymous, pronoun) for a speaker span."""
    if a < 0:
        return False, ""
    return _classify(text[a:b])


@lru_cache(maxsize=65536)
def _classify(s: str) -> tuple[bool, str]:
    toks = _WORD.findall(s.lower())
    if len(toks) == 1 and toks[0] in PRONOUNS:
        return False, toks[0]
    head = re.split(r"\b(?:cited|quoted|via|citing)\b", s)[0]
    htoks = _WORD.findall(head.lower())
    has_anon = any(t in ANONYMOUS_WORDS for t in htoks)
    named = bool(re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+\b", head)) and not has_anon
    return (has_anon and not named), ""
