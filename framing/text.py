"""Text pipeline: Unicode normalisation, sentences and word tokens with character offsets.

Nothing here downloads anything. Sentences are split by a fast rule-based splitter
that knows abbreviations ("U.S.", "Mr.", "Gen."), initials ("J. Smith"), closing
quotes and brackets after the final stop, and line breaks (paragraphs and headlines
without a full stop). ``sentence_splitter="punkt"`` uses NLTK's Punkt instead, given
the same abbreviation list and trained on the corpus text itself (no download).

Every token and sentence keeps offsets into the *original* text, so every finding
can point back to the characters it came from. Matching uses a normalised form of
each token (:func:`fold`): NFKC, case folded, accents removed, curly apostrophes
and dashes made plain, so "Kyïv", "KYIV" and "Kyiv" compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

__all__ = [
    "fold",
    "Document",
    "parse",
    "ABBREVIATIONS",
    "TOKEN_PATTERN",
    "SentenceSplitter",
]

SentenceSplitter = Literal["rules", "punkt"]

#: Titles and abbreviations after which a full stop does not end a sentence.
TITLES = frozenset(
    """mr mrs ms dr gen lt col capt cpt sgt maj adm cmdr gov sen rep reps prof rev
    st mt ft sr jr hon pres supt insp det gens sens messrs mme mlle vs v
    fig figs approx dept est vol ed eds""".split()
)
#: Abbreviations that may also end a sentence ("... in the U.S. The next ...").
ENDERS = frozenset(
    """u.s u.k u.n e.u u.s.a a.m p.m inc corp ltd co bros etc jan feb mar apr jun jul
    aug sep sept oct nov dec d.c n.y l.a i.e e.g al""".split()
)
ABBREVIATIONS = TITLES | ENDERS

#: Words that start a sentence often enough that an ambiguous abbreviation before them ends one.
_STARTERS = frozenset(
    """the a an he she it they we i you but and or so yet in on at for this that these those
    there his her its their our my after before when while if as however meanwhile still
    also then now some many most both what who why how""".split()
)

#: Word tokens: numbers with separators ("2,000", "3.5%"), words with inner apostrophes or hyphens.
#: A possessive "'s" is not part of the word ("Zelensky's" gives "zelensky").
TOKEN_PATTERN = r"\d+(?:[.,]\d+)*%?|(?<!['’])[^\W\d_]\w*(?:(?:['’](?!s\b)|[\-‐‑])\w+)*|\d\w*"
_TOKEN_RE = re.compile(TOKEN_PATTERN)

# A candidate sentence end: terminal punctuation, optional closing quotes/brackets, whitespace.
_END_RE = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)")
_LINE_RE = re.compile(r"[^\n]+")
_NEXT_RE = re.compile(r"[\"'“‘«(\[]*\s*(\S)([\w'’-]*)")

_TRANSLATE = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
    }
)


@lru_cache(maxsize=200_000)
def _fold_nonascii(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).translate(_TRANSLATE).casefold()
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(s: str) -> str:
    """Normalise a string for matching: NFKC, casefold, no accents, plain apostrophes.

    >>> fold("Kyïv"), fold("KYIV"), fold("Zelensky’s")
    ('kyiv', 'kyiv', "zelensky's")
    """
    if s.isascii():
        return s.lower().translate(_TRANSLATE)
    return _fold_nonascii(s)


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    """Decide whether the candidate end ``m`` ends a sentence."""
    punct = m.group(1)
    # Any stop followed by a lower-case word is no end ("Why?" he asked; "approx. ten").
    after = _NEXT_RE.match(text, m.end())
    if after is None:
        return True
    first, rest = after.group(1), after.group(2)
    if first.islower():
        return False
    if punct == ".":
        start = m.start()
        raw = text[text.rfind(" ", max(0, start - 30), start) + 1 : start].lstrip("\"'“‘«([")
        if raw:
            word = raw.rstrip(".").lower()
            if word in TITLES:
                return False
            if word in ("no", "nos") and first.isdigit():  # "No. 10"
                return False
            # Initials: "J. Smith", "George W. Bush" (a single capital letter).
            if len(word) == 1 and raw[-1].isupper() and not m.group(2):
                return False
            if word in ENDERS or ("." in word and len(word) <= 5):
                return (first + rest).lower() in _STARTERS
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` character spans of the sentences of ``text``.

    Line breaks always end a sentence (headlines and bylines carry no full stop).

    >>> t = 'Mr. Smith met Gen. Lee in the U.S. on Monday. "It went well." He left.'
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Mr. Smith met Gen. Lee in the U.S. on Monday.', '"It went well."', 'He left.']
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE_RE.finditer(text):
        start, stop = line.span()
        # skip leading whitespace
        while start < stop and text[start].isspace():
            start += 1
        if start >= stop:
            continue
        pos = start
        for m in _END_RE.finditer(text, start, stop):
            if _is_boundary(text, m):
                end = m.start(3)
                if end > pos:
                    spans.append((pos, end))
                pos = m.end()
        end = stop
        while end > pos and text[end - 1].isspace():
            end -= 1
        if end > pos:
            spans.append((pos, end))
    return spans


@lru_cache(maxsize=1)
def _punkt_tokenizer():  # pragma: no cover - exercised through parse(splitter="punkt")
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def split_sentences_punkt(text: str, tokenizer=None) -> list[tuple[int, int]]:
    """Sentence spans from NLTK's Punkt (no download), line breaks still ending sentences."""
    tok = tokenizer or _punkt_tokenizer()
    spans: list[tuple[int, int]] = []
    for line in _LINE_RE.finditer(text):
        seg = line.group()
        if not seg.strip():
            continue
        for a, b in tok.span_tokenize(seg):
            spans.append((line.start() + a, line.start() + b))
    return spans


@dataclass(frozen=True, eq=False)
class Document:
    """The parsed text of one article: sentences and tokens with offsets.

    Attributes
    ----------
    text:
        The original text.
    sent_starts, sent_ends:
        Character offsets of each sentence.
    tokens:
        Normalised tokens (see :func:`fold`), in order.
    tok_starts, tok_ends:
        Character offsets of each token in ``text``.
    tok_sent:
        Index of the sentence each token belongs to.
    """

    text: str
    sent_starts: np.ndarray
    sent_ends: np.ndarray
    tokens: list[str]
    tok_starts: np.ndarray
    tok_ends: np.ndarray
    tok_sent: np.ndarray

    @property
    def n_sentences(self) -> int:
        return len(self.sent_starts)

    @property
    def n_tokens(self) -> int:
        return len(self.tokens)

    def sentence(self, i: int) -> str:
        """The original text of sentence ``i``."""
        return self.text[self.sent_starts[i] : self.sent_ends[i]]

    def sentences(self) -> list[str]:
        return [self.text[a:b] for a, b in zip(self.sent_starts.tolist(), self.sent_ends.tolist())]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (the nearest before it)."""
        i = int(np.searchsorted(self.sent_starts, offset, side="right")) - 1
        return max(i, 0)

    def token_text(self, i: int) -> str:
        """The original characters of token ``i``."""
        return self.text[self.tok_starts[i] : self.tok_ends[i]]

    def sentence_tokens(self, i: int) -> slice:
        """The slice of ``tokens`` that falls in sentence ``i``."""
        lo = int(np.searchsorted(self.tok_sent, i, side="left"))
        hi = int(np.searchsorted(self.tok_sent, i, side="right"))
        return slice(lo, hi)


_TOKEN_SPLIT_RE = re.compile(f"({TOKEN_PATTERN})")


def tokenize(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Normalised tokens of ``text`` with their start and end offsets.

    One ``re.split`` in C gives gaps and tokens alternately; their lengths give the
    offsets, so no Python work is done per token.

    >>> toks, starts, ends = tokenize("Kyïv’s 2,000 prisoners")
    >>> toks, starts.tolist(), ends.tolist()
    (['kyiv', '2,000', 'prisoners'], [0, 7, 13], [4, 12, 22])
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # rare characters whose lower case is longer
        lowered = text
    parts = _TOKEN_SPLIT_RE.split(lowered)
    tokens = parts[1::2]
    if not tokens:
        empty = np.zeros(0, dtype=np.int64)
        return [], empty, empty
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    ends_all = np.cumsum(lengths)
    ends = ends_all[1::2]
    starts = ends - lengths[1::2]
    if not lowered.isascii() or lowered is text:
        tokens = [t.lower() if t.isascii() else _fold_nonascii(t) for t in tokens]
    return tokens, starts, ends


def parse(text: str, *, splitter: SentenceSplitter = "rules") -> Document:
    """Split ``text`` into sentences and tokens.

    >>> doc = parse("Talks ended. Kyiv said “no”.")
    >>> doc.sentences()
    ['Talks ended.', 'Kyiv said “no”.']
    >>> doc.tokens
    ['talks', 'ended', 'kyiv', 'said', 'no']
    """
    spans = split_sentences(text) if splitter == "rules" else split_sentences_punkt(text)
    if spans:
        sp = np.asarray(spans, dtype=np.int64)
        s_starts, s_ends = sp[:, 0], sp[:, 1]
    else:
        s_starts = s_ends = np.zeros(0, dtype=np.int64)
    tokens, t_starts, t_ends = tokenize(text)
    if len(s_starts):
        tok_sent = np.searchsorted(s_starts, t_starts, side="right") - 1
        np.clip(tok_sent, 0, None, out=tok_sent)
    else:
        tok_sent = np.zeros(len(tokens), dtype=np.int64)
    return Document(text, s_starts, s_ends, tokens, t_starts, t_ends, tok_sent)
