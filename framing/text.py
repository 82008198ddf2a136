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


def _abbreviation_guards() -> str:
    """Negative lookbehinds that keep "Mr.", "inc.", "No." ... out of the sure sentence ends.

    One lookbehind per word length (a lookbehind must have a fixed width), built from
    :data:`TITLES`, :data:`ENDERS` and "no"/"nos", so those lists stay the only source.
    Case is ignored; ``\\b`` before the word also covers "(Mr." and '"Gen.'.
    """
    words = sorted(w for w in TITLES | ENDERS | {"no", "nos"} if "." not in w)
    by_len: dict[int, list[str]] = {}
    for w in words:
        by_len.setdefault(len(w), []).append(w)
    return "".join(rf"(?<!\b(?i:{'|'.join(ws)})\.)" for _, ws in sorted(by_len.items()))


_OPENERS = r"""["'“‘«(\[]"""  # skipped before the next sentence's first character (as _NEXT_RE)
_CLOSERS = r"""["'”’»)\]]"""  # closing quotes and brackets after the stops (as _END_RE)

#: One scan of the whole text finds what :func:`split_sentences` needs, and settles the
#: common sentence ends in C instead of calling :func:`_is_boundary` for each.
#:
#: Every match starts with a line break or a stop, so the regex engine skips to those
#: characters in C. A stop matches only where the per-line ``_END_RE`` finds a candidate,
#: with the same run of stops, closers and whitespace (``[^\S\n]`` keeps it on its line),
#: and always at the first stop of a run. The alternatives, told apart by the group that
#: took part (``m.lastindex``):
#:
#: 1. A line break, with the next line's leading whitespace (and blank lines).
#: 2. A sure sentence end: the character after the next sentence's openers and
#:    whitespace (group 1 of ``_NEXT_RE``, which the atomic group reproduces: without it,
#:    backtracking could take an opener for that character) is ASCII and not lower case;
#:    and the stops are not a lone "." (then ``_is_boundary`` looks no further), or the
#:    word before the lone "." is none that ``_is_boundary`` treats specially. That word
#:    runs from the last space; it is special if it is a single character, in TITLES,
#:    ENDERS or "no"/"nos", or holds a "." and has at most 5 characters. The lookbehinds
#:    rule all of these out, and some more (those go to 3): the two characters before the
#:    stop are word characters, none of the three before them is a ".", and no listed
#:    word stands right before the stop.
#: 3. Any other candidate not followed by an ASCII lower-case letter: ``_is_boundary``
#:    decides.
#:
#: A candidate followed by an ASCII lower-case letter does not match at all: it never
#: ends a sentence.
_SCAN_RE = re.compile(
    rf"""
    [\n.!?…]
    (?:
        (?<=\n) (\s*)                                               # 1
      |
        (?:
            (?<=[!?…]) | (?=[.!?…])                                 # not a lone "."
          | (?<=\w\w\.)                                             # a lone "." after 2 word chars,
            (?<!\.\w\w\.) (?<!\.[\s\S]\w\w\.) (?<!\.[\s\S]{{2}}\w\w\.)  # no "." 3-5 chars back,
            {_abbreviation_guards()}                                # no title or abbreviation
        )
        [.!?…]*+ {_CLOSERS}*+ ([^\S\n]++)                           # 2
        (?= (?>{_OPENERS}*\s*) [!-`{{-~] )
      |
        [.!?…]*+ {_CLOSERS}*+ ([^\S\n]++)                           # 3
        (?! {_OPENERS}*\s*[a-z] )
    )
    """,
    re.VERBOSE,
)
_LEADING_WS_RE = re.compile(r"\s*")


def _sentence_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the sentences of ``text`` (see :func:`split_sentences`).

    Same result as splitting each line at the ``_END_RE`` candidates that
    :func:`_is_boundary` accepts, but one regex scan finds the line breaks and the
    candidates, and settles the common candidates in C (see ``_SCAN_RE``).
    """
    starts: list[int] = []
    ends: list[int] = []
    pos = _LEADING_WS_RE.match(text).end()  # start of the current sentence
    for m in _SCAN_RE.finditer(text):
        k = m.lastindex
        if k == 2:  # a sure sentence end
            end, nxt = m.span(2)
        elif k == 1:  # line break: the line's last sentence ends here (trailing space cut)
            end = m.start()
            while end > pos and text[end - 1].isspace():
                end -= 1
            if end > pos:
                starts.append(pos)
                ends.append(end)
            pos = m.end()
            continue
        else:  # ask _is_boundary, about the very match _END_RE finds in this line
            end, nxt = m.span(3)
            if not _is_boundary(text, _END_RE.match(text, m.start(), nxt)):
                continue
        starts.append(pos)
        ends.append(end)
        pos = nxt
    end = len(text)
    while end > pos and text[end - 1].isspace():
        end -= 1
    if end > pos:
        starts.append(pos)
        ends.append(end)
    return starts, ends


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` character spans of the sentences of ``text``.

    Line breaks always end a sentence (headlines and bylines carry no full stop).

    >>> t = 'Mr. Smith met Gen. Lee in the U.S. on Monday. "It went well." He left.'
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Mr. Smith met Gen. Lee in the U.S. on Monday.', '"It went well."', 'He left.']
    """
    return list(zip(*_sentence_bounds(text)))


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


#: The tokens of :data:`TOKEN_PATTERN`, rewritten so the regex engine runs faster; it
#: finds exactly the same tokens (property-tested against ``TOKEN_PATTERN``):
#:
#: - Every token starts with a word character, so the pattern starts with the single
#:   class ``\w`` and the engine skips spaces and punctuation in C; at every other
#:   position TOKEN_PATTERN tried each alternative in turn (and its lookbehind).
#: - After that first character, lookbehinds tell a letter (no digit, no "_", and not
#:   after an apostrophe, as in TOKEN_PATTERN) from a digit; "_" starts nothing. The
#:   third alternative of TOKEN_PATTERN, ``\d\w*``, never matches (``\d+`` is tried first).
#: - Quantifiers are possessive (the engine keeps no backtracking points): nothing
#:   follows them, so TOKEN_PATTERN never backtracked into them either.
#:
#: The outer group makes ``re.split`` return gaps and tokens alternately.
_TOKEN_SPLIT_SOURCE = r"""(
    \w
    (?:
        (?<![\d_]) (?<!['’]\w)                 # a letter, not after an apostrophe ...
        \w*+ (?: (?:['’](?!s\b)|[\-‐‑]) \w+ )*+   # ... inner apostrophes and hyphens, not "'s"
      |
        (?<=\d)                                 # a digit
        \d*+ (?: [.,]\d+ )*+ %?
    )
)"""
_TOKEN_SPLIT_RE = re.compile(_TOKEN_SPLIT_SOURCE, re.VERBOSE)
#: The same for ASCII-only text: on ASCII characters the ASCII ``\w``, ``\d`` and ``\b``
#: mean exactly what the Unicode ones do, and are cheaper to test.
_TOKEN_SPLIT_ASCII_RE = re.compile(_TOKEN_SPLIT_SOURCE, re.VERBOSE | re.ASCII)


def tokenize(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Normalised tokens of ``text`` with their start and end offsets.

    One ``re.split`` in C gives gaps and tokens alternately; their lengths give the
    offsets. NumPy finds those lengths (the parts are joined with NUL characters, and the
    NULs located), so no Python work is done per token; only tokens with non-ASCII
    characters are folded one by one.

    >>> toks, starts, ends = tokenize("Kyïv’s 2,000 prisoners")
    >>> toks, starts.tolist(), ends.tolist()
    (['kyiv', '2,000', 'prisoners'], [0, 7, 13], [4, 12, 22])
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # rare characters whose lower case is longer
        lowered = text
    is_ascii = lowered.isascii()
    parts = (_TOKEN_SPLIT_ASCII_RE if is_ascii else _TOKEN_SPLIT_RE).split(lowered)
    tokens = parts[1::2]
    if not tokens:
        empty = np.zeros(0, dtype=np.int64)
        return [], empty, empty
    if "\x00" in lowered:  # the NUL trick below needs a character the text lacks
        bounds = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
        codes = nuls = None
    else:
        joined = "\x00".join(parts)
        if is_ascii:
            codes = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
        else:
            codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        # The k-th NUL of the joined string sits at the end of part k, plus k.
        nuls = np.flatnonzero(codes == 0)
        bounds = (nuls - np.arange(len(nuls))).astype(np.int64, copy=False)
    # Part 2i is the gap before token i, part 2i + 1 is token i.
    starts, ends = bounds[0:-1:2], bounds[1::2]
    if lowered is text:  # not lower-cased above: fold every token
        tokens = [t.lower() if t.isascii() else _fold_nonascii(t) for t in tokens]
    elif not is_ascii:  # ASCII tokens are lower case already: fold the others
        if codes is None:
            tokens = [t if t.isascii() else _fold_nonascii(t) for t in tokens]
        else:
            # The part holding a character is the number of NULs before it; tokens are odd parts.
            parts_hit = np.searchsorted(nuls, np.flatnonzero(codes > 127)).tolist()
            for k in set(parts_hit):
                if k % 2:
                    tokens[k // 2] = _fold_nonascii(tokens[k // 2])
    return tokens, starts, ends


def parse(text: str, *, splitter: SentenceSplitter = "rules") -> Document:
    """Split ``text`` into sentences and tokens.

    >>> doc = parse("Talks ended. Kyiv said “no”.")
    >>> doc.sentences()
    ['Talks ended.', 'Kyiv said “no”.']
    >>> doc.tokens
    ['talks', 'ended', 'kyiv', 'said', 'no']
    """
    if splitter == "rules":
        starts, ends = _sentence_bounds(text)
    else:
        spans = split_sentences_punkt(text)
        starts, ends = [a for a, _ in spans], [b for _, b in spans]
    s_starts = np.array(starts, dtype=np.int64)
    s_ends = np.array(ends, dtype=np.int64)
    tokens, t_starts, t_ends = tokenize(text)
    if starts:
        tok_sent = np.searchsorted(s_starts, t_starts, side="right")
        tok_sent -= 1
        np.maximum(tok_sent, 0, out=tok_sent)  # (tokens before the first sentence: none with "rules")
    else:
        tok_sent = np.zeros(len(tokens), dtype=np.int64)
    return Document(text, s_starts, s_ends, tokens, t_starts, t_ends, tok_sent)
