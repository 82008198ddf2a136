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

import gc
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import Literal

import numpy as np

from ._arrays import search_within

__all__ = [
    "fold",
    "Document",
    "parse",
    "parse_many",
    "tokenize",
    "tokenize_many",
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


def _guarded_words() -> list[str]:
    """The words of TITLES and ENDERS without a ".", and "no"/"nos" (see below)."""
    return sorted(w for w in TITLES | ENDERS | {"no", "nos"} if "." not in w)


def _abbreviation_guards() -> str:
    """Negative lookbehinds that keep "Mr.", "inc.", "No." ... out of the sure sentence ends.

    One lookbehind per word length (a lookbehind must have a fixed width), built from
    :data:`TITLES`, :data:`ENDERS` and "no"/"nos", so those lists stay the only source.
    Case is ignored; ``\\b`` before the word also covers "(Mr." and '"Gen.'.
    """
    by_len: dict[int, list[str]] = {}
    for w in _guarded_words():
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


# --- Many texts at once ------------------------------------------------------------------
#
# ``tokenize_many`` and ``parse_many`` join many texts (with ``_SEPARATOR`` around each)
# into one array of character codes, and find the tokens and sentences of all of them
# with NumPy, so that no regex engine steps through the characters. They give exactly
# what ``tokenize`` and ``_sentence_bounds`` give for each text (property-tested).


#: Around each joined text: a line break ends its last sentence, the NUL stands for its
#: end (no regex lookahead reads past it), and 3 characters keep the lookbehinds of
#: ``_SCAN_RE`` out of the text before. No word character, nor case-ignorable (see "Σ").
_SEPARATOR = "\n\x00\n"
_CHUNK_CHARS = 1 << 20  # the texts are joined into chunks of about this many characters


@dataclass(frozen=True, eq=False)
class _Joined:
    """Texts joined into one, with ``_SEPARATOR`` before, between and after them and a
    NUL at the very end (so scans stop at both ends: index -1 is that NUL)."""

    texts: list[str]
    text: str
    #: Where each text starts in ``text``, and where the next would.
    bases: np.ndarray
    #: Each character as a byte: ASCII ones as they are, the others as NUL.
    narrow: bytes
    #: The positions and code points of the non-ASCII characters.
    nonascii: np.ndarray
    wide: np.ndarray

    @classmethod
    def of(cls, texts: list[str]) -> _Joined:
        text = _SEPARATOR.join(["", *texts, ""]) + "\x00"
        bases = np.cumsum([len(_SEPARATOR)] + [len(t) + len(_SEPARATOR) for t in texts])
        if text.isascii():
            narrow = text.encode("ascii")
            nonascii = wide = np.zeros(0, dtype=np.int64)
        else:
            codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            nonascii = np.flatnonzero(codes > 127)
            wide = codes[nonascii]
            small = codes.astype(np.uint8)
            small[nonascii] = 0
            narrow = small.tobytes()
        return cls(texts, text, bases, narrow, nonascii, wide)

    def classes(self, ascii_table: bytes, of: Callable[[str], int]) -> np.ndarray:
        """One class byte per character: ``ascii_table`` (a ``bytes.translate`` table)
        for ASCII, ``of(ch)`` for the others, asked once per distinct character."""
        if not len(self.wide):
            return np.frombuffer(self.narrow.translate(ascii_table), dtype=np.uint8)
        cls = np.frombuffer(bytearray(self.narrow).translate(ascii_table), dtype=np.uint8)
        cls[self.nonascii] = _per_code_point(self.wide, of)
        return cls

    def text_of(self, pos: np.ndarray) -> np.ndarray:
        """The index of the text each position of ``pos`` lies in (or before)."""
        return np.searchsorted(self.bases, pos, side="right") - 1


def _per_code_point(codes: np.ndarray, of: Callable[[str], int]) -> np.ndarray:
    """``of(chr(c))`` for each of ``codes`` (code points), called once per distinct one."""
    distinct, index = np.unique(codes, return_inverse=True)
    return np.array([of(chr(c)) for c in distinct.tolist()], dtype=np.int64)[index]


def _ranges(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All positions in the ranges ``starts[i]:ends[i]``, and the ``i`` of each."""
    lengths = ends - starts
    group = np.repeat(np.arange(len(starts)), lengths)
    first = np.cumsum(lengths) - lengths  # where range i begins in the result
    return np.arange(len(group)) + (starts - first)[group], group


def _changes(mask: np.ndarray) -> np.ndarray:
    """The positions ``i`` where ``mask[i] != mask[i - 1]``."""
    change = np.empty(len(mask), dtype=bool)
    change[0] = False
    np.not_equal(mask[1:], mask[:-1], out=change[1:])
    return np.flatnonzero(change)


# --- ... their tokens
#
# The grammar of ``_TOKEN_SPLIT_SOURCE`` (and TOKEN_PATTERN), read off the pattern and
# applied to the lower-cased text, as in ``tokenize``:
#
# 1. A *run* is a maximal run of word characters (``\w``). A run is *joined* to the next
#    when a single apostrophe or hyphen stands between them, except an apostrophe before
#    a run that is a lone "s" (``['’](?!s\b)``: the possessive "'s"). A *chain* is a
#    maximal sequence of joined runs.
# 2. A word starts at a letter (``[^\W\d_]``) that does not follow an apostrophe, and
#    ends where its chain does (``\w*`` and the joined runs). Numbers hold no letters, so
#    nothing before it in the chain can cover that letter: each chain holds at most one
#    word, starting at its first such letter, and every later letter lies inside it.
# 3. A *number chain* is a maximal sequence of digit runs, each next one after a single
#    "." or "," (``\d+(?:[.,]\d+)*``: greedy, so maximal). A number takes all of it from
#    its first digit that no word covers, and a "%" right after it. A word that covers
#    part of a number chain ends on one of its "." or "," (the rest is a number, as "5"
#    in "a1.5") or beyond it.
# 4. Everything else ("_", a letter after an apostrophe, a "." after a number) starts no
#    token: the regex engine steps over it.
#
# So the tokens come from a few array operations per run, chain and number chain; one
# ``str.split`` makes their strings.

#: Token classes of characters, one bit each (``_C_WORD`` must be 1). They describe the
#: *lower-cased* character, as ``tokenize`` matches the lower-cased text.
_C_WORD = 1  # \w as re has it for str patterns: str.isalnum() or "_"
_C_DIGIT = 2  # \d as re has it: str.isdecimal() (Unicode category Nd)
_C_LETTER = 4  # [^\W\d_]: a word character that is neither a digit nor "_"
_C_APOSTROPHE = 8  # ' ’: may join two runs
_C_HYPHEN = 16  # - ‐ ‑: may join two runs
_C_NUMSEP = 32  # . , : may join two digit runs
_C_PERCENT = 64  # %: may end a number
_C_ODD = 128  # lower() changes its length: tokenize does not lower-case such a text
_PUNCT_CLASSES = {"'": _C_APOSTROPHE, "’": _C_APOSTROPHE, "-": _C_HYPHEN, "‐": _C_HYPHEN,
                  "‑": _C_HYPHEN, ".": _C_NUMSEP, ",": _C_NUMSEP, "%": _C_PERCENT}


@cache
def _token_class(ch: str) -> int:
    """The token class bits of a character (see ``_C_WORD``...)."""
    low = ch.lower()
    if len(low) != 1:
        return _C_ODD
    bits = _PUNCT_CLASSES.get(low, 0)
    if low.isalnum() or low == "_":
        bits |= _C_WORD | (_C_DIGIT if low.isdecimal() else 0 if low == "_" else _C_LETTER)
    return bits


@cache
def _lower_byte(ch: str) -> int:
    """The lower case of a non-ASCII character as a byte: itself if ASCII, else "?" (the
    token is then made from the text itself)."""
    low = ch.lower()
    return ord(low) if len(low) == 1 and low.isascii() else ord("?")


@lru_cache(maxsize=1)
def _ascii_token_classes() -> bytes:
    """``bytes.translate`` table: the token class of each ASCII character (else 0)."""
    return bytes(_token_class(chr(c)) if c < 128 else 0 for c in range(256))


def _token_codes(j: _Joined) -> tuple[np.ndarray, np.ndarray]:
    """The token classes and the lower-cased bytes of the characters of ``j``."""
    low = bytearray(j.narrow).lower()
    cls = np.frombuffer(low.translate(_ascii_token_classes()), dtype=np.uint8)
    low = np.frombuffer(low, dtype=np.uint8)
    if len(j.wide):
        cls[j.nonascii] = _per_code_point(j.wide, _token_class)
        low[j.nonascii] = _per_code_point(j.wide, _lower_byte)
    return cls, low


def _chains(cls: np.ndarray, low: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end of each chain of runs of word characters (grammar step 1), and
    the positions of the apostrophes and hyphens that join the runs.

    ``cls`` holds the token classes of the characters, ``low`` their lower-cased bytes.
    The joined text begins and ends with a non-word character, so the places where
    "word character" changes alternate between run starts and run ends.
    """
    edges = _changes((cls & _C_WORD).view(bool))
    rs, re_ = edges[0::2], edges[1::2]
    # Run k is joined to run k + 1 by an apostrophe or a hyphen right after it, and
    # the next run starting right after that, unless it is a lone "s" after an apostrophe.
    k = np.flatnonzero(cls[re_[:-1]] & (_C_APOSTROPHE | _C_HYPHEN))
    k = k[rs[k + 1] == re_[k] + 1]
    nxt = rs[k + 1]
    possessive = ((cls[re_[k]] & _C_APOSTROPHE) != 0) & (re_[k + 1] == nxt + 1) & (low[nxt] == ord("s"))
    k = k[~possessive]
    head = np.ones(len(rs), dtype=bool)  # run k + 1 starts a chain
    head[k + 1] = False
    tail = np.ones(len(rs), dtype=bool)  # run k ends one
    tail[k] = False
    return rs[head], re_[tail], re_[k]


def _first_letters(cls: np.ndarray, cs: np.ndarray, ce: np.ndarray) -> np.ndarray:
    """Where the word of each chain starts, or -1 (grammar step 2).

    ``(?<!['’])[^\\W\\d_]``: the chain's first letter not after an apostrophe. Most chains
    start with one; the others ("19th", "'tis", "_z", "2,000") are searched character
    by character.
    """
    ok = ((cls[cs] & _C_LETTER) != 0) & ((cls[cs - 1] & _C_APOSTROPHE) == 0)
    first = np.where(ok, cs, -1)
    odd = np.flatnonzero(~ok)
    pos, group = _ranges(cs[odd] + 1, ce[odd])  # their later characters
    hit = ((cls[pos] & _C_LETTER) != 0) & ((cls[pos - 1] & _C_APOSTROPHE) == 0)
    pos, group = pos[hit], group[hit]
    firsts = np.ones(len(group), dtype=bool)  # the first hit in each chain
    np.not_equal(group[1:], group[:-1], out=firsts[1:])
    first[odd[group[firsts]]] = pos[firsts]
    return first


def _numbers(cls: np.ndarray, cs: np.ndarray, ce: np.ndarray, first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of each number, given the chains and their words (grammar step 3)."""
    edges = _changes((cls & _C_DIGIT) != 0)
    ds, de = edges[0::2], edges[1::2]
    # Number chains: digit run k + 1 starts right after a "." or "," that ends run k.
    k = np.flatnonzero((ds[1:] == de[:-1] + 1) & ((cls[de[:-1]] & _C_NUMSEP) != 0))
    head = np.ones(len(ds), dtype=bool)
    head[k + 1] = False
    tail = np.ones(len(ds), dtype=bool)
    tail[k] = False
    ns, ne = ds[head], de[tail]
    # A word covers the start of the number chain if it starts before it in its chain.
    c = np.searchsorted(cs, ns, side="right") - 1
    word = first[c]
    ns = np.where((word >= 0) & (word < ns), ce[c] + 1, ns)
    keep = ns < ne
    ns, ne = ns[keep], ne[keep]
    return ns, ne + ((cls[ne] & _C_PERCENT) != 0)


def _inside(cls: np.ndarray, cs: np.ndarray, ce: np.ndarray, first: np.ndarray, joiners: np.ndarray,
            ns: np.ndarray, ne: np.ndarray) -> np.ndarray:
    """For each character 1 if a token holds it, else 0, from the chains and numbers.

    The word characters, but not those before the word of a chain (all of a chain
    without one), unless they are in a number; and the "." "," "%" of the numbers and
    the joiners inside the words.
    """
    inside = cls & _C_WORD
    odd = np.flatnonzero(first != cs)
    inside[_ranges(cs[odd], np.where(first[odd] >= 0, first[odd], ce[odd]))[0]] = 0
    inside[_ranges(ns, ne)[0]] = 1
    word = first[np.searchsorted(cs, joiners, side="right") - 1]  # of the joiner's chain
    inside[joiners[(word >= 0) & (word < joiners)]] = 1
    return inside


def _token_spans(cls: np.ndarray, low: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end positions of all tokens, in order (see the grammar above), and
    for each character 1 if it is inside a token, else 0."""
    cs, ce, joiners = _chains(cls, low)
    first = _first_letters(cls, cs, ce)
    words = first >= 0
    ws, we = first[words], ce[words]
    ns, ne = _numbers(cls, cs, ce, first)
    inside = _inside(cls, cs, ce, first, joiners, ns, ne)
    if not len(ns):
        return ws, we, inside
    # Merge the two sorted lists (a word and a number never start at the same place).
    at = np.searchsorted(ws, ns) + np.arange(len(ns))
    word = np.ones(len(ws) + len(ns), dtype=bool)
    word[at] = False
    starts, ends = np.empty(len(word), dtype=np.int64), np.empty(len(word), dtype=np.int64)
    starts[word], ends[word] = ws, we
    starts[at], ends[at] = ns, ne
    return starts, ends, inside


def _token_strings(low: np.ndarray, inside: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """The tokens as strings, made in C from the lower-cased ASCII bytes ``low``.

    Every character outside the tokens (``inside`` is 0) becomes a space, and a space
    goes between tokens that touch, as "19" and "th"; one ``str.split`` then gives the
    tokens.
    """
    out = low * inside
    out |= (inside ^ 1) << 5  # a space (32) outside the tokens
    touching = np.flatnonzero(starts[1:] == ends[:-1])
    if len(touching):
        out = np.insert(out, starts[1:][touching], 32)
    return str(out, "ascii").split()


Tokens = tuple[list[str], np.ndarray, np.ndarray]


def _chunk_tokens(j: _Joined) -> list[Tokens]:
    """:func:`tokenize` of each of the joined texts."""
    cls, low = _token_codes(j)
    starts, ends, inside = _token_spans(cls, low)
    tokens = _token_strings(low, inside, starts, ends)
    odd: set[int] = set()
    if len(j.wide):
        # The tokens with a non-ASCII lower-cased character, folded as tokenize does. It
        # lower-cases the whole text, which differs from lower-casing the token alone
        # only in a "Σ" at the end of a word ("ς" or "σ"): casefold() makes both "σ".
        at = j.nonascii[low[j.nonascii] == ord("?")]
        k = np.searchsorted(starts, at, side="right") - 1  # the last token starting before
        at, k = at[k >= 0], k[k >= 0]
        for i in np.unique(k[at < ends[k]]).tolist():
            tokens[i] = _fold_nonascii(j.text[starts[i] : ends[i]].lower())
        # tokenize does not lower-case a text with a character whose lower case is longer
        odd = set(j.text_of(j.nonascii[(cls[j.nonascii] & _C_ODD) != 0]).tolist())
    # Back to the texts: the tokens of each, with offsets from its start.
    bounds = np.searchsorted(starts, j.bases)
    shift = np.repeat(j.bases[:-1], np.diff(bounds))
    starts, ends = starts - shift, ends - shift
    b = bounds.tolist()
    found = [(tokens[i:k], starts[i:k], ends[i:k]) for i, k in pairwise(b)]
    for i in odd:
        found[i] = tokenize(j.texts[i])
    return found


# --- ... their sentences
#
# ``_sentence_bounds`` spends most of its time in the regex engine, stepping through
# every character for ``_SCAN_RE``. Here NumPy finds where that regex matches in the
# joined texts, and what it captures, from the characters around each stop and line
# break (see ``_SCAN_RE`` for the alternatives):
#
# - Matches start at the first stop of a run of stops, and at the first line break of a
#   run of white space: the other stops and line breaks are inside a match already,
#   or fail as the first one did (the rest of the match is the same).
# - A line break always matches (1), with the white space after it.
# - A stop matches if white space on the line follows its stops and closers, and the next
#   sentence's first character (after openers and white space) is no "a"-"z": a sure end
#   (2) if that character is ASCII and the lookbehinds allow it, else ask (3).
#
# ``_is_boundary`` decides the candidates of 3 on the text alone, as ``_sentence_bounds``
# does; and the joined texts make every text's start and end look like the start and end
# of a string to the regex (see ``_SEPARATOR``).

#: Sentence classes of characters as written (not lower-cased), one bit each, decided by
#: the very character classes of ``_SCAN_RE``.
_S_STOP = 1
_S_NEWLINE = 2
_S_SPACE = 4
_S_CLOSER = 8
_S_OPENER = 16
_S_WORD = 32
_S_AZ = 64
_S_ASCII_NOT_AZ = 128
_SENTENCE_CLASSES = ((_S_STOP, "[.!?…]"), (_S_NEWLINE, "\n"), (_S_SPACE, r"\s"), (_S_CLOSER, _CLOSERS),
                     (_S_OPENER, _OPENERS), (_S_WORD, r"\w"), (_S_AZ, "[a-z]"), (_S_ASCII_NOT_AZ, "[!-`{-~]"))


@cache
def _sentence_class(ch: str) -> int:
    """The sentence class bits of a character (see ``_S_STOP``...)."""
    return sum(bit for bit, pattern in _SENTENCE_CLASSES if re.fullmatch(pattern, ch))


@lru_cache(maxsize=1)
def _ascii_sentence_classes() -> bytes:
    """``bytes.translate`` table: the sentence class of each ASCII character (else 0)."""
    return bytes(_sentence_class(chr(c)) if c < 128 else 0 for c in range(256))


def _skip(
    cls: np.ndarray, pos: np.ndarray, over: int, but: int = 0, step: int = 1, most: int | None = None
) -> np.ndarray:
    """From each of ``pos``, the first position (going ``step`` at a time) whose character
    has none of the class bits ``over``, or one of ``but``; or the one ``most`` steps on.

    A few steps for all positions at once, then each longer run on its own. The joined
    text starts with a line break and ends with a NUL, so the steps stop inside it.
    """
    pos = pos.copy()
    todo = np.arange(len(pos))
    for _ in range(8 if most is None else most):
        c = cls[pos[todo]]
        todo = todo[((c & over) != 0) & ((c & but) == 0)]
        if not len(todo):
            return pos
        pos[todo] += step
    if most is None:
        for i in todo.tolist():
            p = int(pos[i])
            while cls[p] & over and not cls[p] & but:
                p += step
            pos[i] = p
    return pos


@lru_cache(maxsize=1)
def _guarded_keys() -> tuple[np.ndarray, re.Pattern[str]]:
    """The words of :func:`_abbreviation_guards` as numbers, in order (see
    :func:`_guarded`), and as one case-insensitive regex, for words with non-ASCII
    characters."""
    words = _guarded_words()
    assert all(w.isascii() and w.isalpha() and w.islower() and len(w) <= 6 for w in words)
    keys = [sum(ord(c) << (8 * i) for i, c in enumerate(w)) | len(w) << 56 for w in words]
    return np.array(sorted(keys), dtype=np.int64), re.compile("(?i:" + "|".join(words) + ")")


def _guarded(j: _Joined, narrow: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether each word ``starts[i]:ends[i]`` is one of :func:`_guarded_words`, case
    ignored as re ignores it.

    An ASCII word of at most 6 characters becomes a number, its length and its letters
    lower-cased (other characters as 0, so it matches no word); a word with non-ASCII
    characters (they are NUL in ``narrow``) is left to the regex, which knows that "K"
    (the Kelvin sign) is a "k".
    """
    keys, guard_re = _guarded_keys()
    lengths = ends - starts
    key = lengths << 56
    wide = np.zeros(len(starts), dtype=bool)
    for i in range(6):
        c = narrow[np.minimum(starts + i, ends - 1)]
        letter = c | 0x20  # the lower case of an ASCII letter
        here = i < lengths
        key |= np.where(here & (letter >= ord("a")) & (letter <= ord("z")), letter, 0).astype(np.int64) << (8 * i)
        wide |= here & (c == 0)
    guarded = (keys[np.minimum(np.searchsorted(keys, key), len(keys) - 1)] == key) & (lengths <= 6)
    for i in np.flatnonzero(wide & (lengths <= 6)).tolist():
        guarded[i] = guard_re.fullmatch(j.text, starts[i], ends[i]) is not None
    return guarded


def _plain_word_before(j: _Joined, cls: np.ndarray, narrow: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Whether the "." at each of ``s`` passes the lookbehinds of the sure ends: two word
    characters right before it, no "." 3 to 5 characters back, and no title or
    abbreviation right before it (a word from where the word characters begin: ``\\b``)."""
    dot = ord(".")
    ok = ((cls[s - 1] & cls[s - 2] & _S_WORD) != 0) & (narrow[s - 3] != dot) & (narrow[s - 4] != dot) & (
        narrow[s - 5] != dot)
    i = np.flatnonzero(ok)
    start = _skip(cls, s[i] - 1, _S_WORD, step=-1, most=7) + 1  # (only words up to 6 matter)
    ok[i[_guarded(j, narrow, start, s[i])]] = False
    return ok


def _stop_matches(j: _Joined, cls: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which of the stops ``p`` (each the first of its run) start a match of ``_SCAN_RE``:
    for each 0 (none), 2 (a sure end) or 3 (ask ``_is_boundary``), and the span of the
    group 2 or 3 (the white space after the stops and closers)."""
    q = _skip(cls, p, _S_STOP)  # after the stops
    end = _skip(cls, q, _S_CLOSER)  # ... and the closers
    nxt = _skip(cls, end, _S_SPACE, _S_NEWLINE)  # ... and the white space on the line
    first = cls[_skip(cls, _skip(cls, nxt, _S_OPENER), _S_SPACE)]  # of the next sentence
    matched = (nxt > end) & ((first & _S_AZ) == 0)
    # A sure end if the next sentence starts with an ASCII character, and the stops are
    # not a lone "." (but "!", "?", "…" or a run), or a lone "." after a plain word.
    narrow = np.frombuffer(j.narrow, dtype=np.uint8)
    sure = matched & ((first & _S_ASCII_NOT_AZ) != 0)
    lone = np.flatnonzero(sure & (narrow[p] == ord(".")) & (q == p + 1))
    sure[lone] = _plain_word_before(j, cls, narrow, p[lone])
    return np.where(sure, 2, np.where(matched, 3, 0)), end, nxt


def _newline_matches(cls: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The line breaks of ``n`` that start a match of ``_SCAN_RE`` (the first of a run of
    white space), where the white space before each starts, and where that after it ends."""
    before = _skip(cls, n - 1, _S_SPACE, _S_NEWLINE, step=-1)
    first = (cls[before] & _S_NEWLINE) == 0
    n, before = n[first], before[first]
    return n, before + 1, _skip(cls, n + 1, _S_SPACE)


def _chunk_sentences(j: _Joined) -> list[tuple[np.ndarray, np.ndarray]]:
    """:func:`_sentence_bounds` of each of the joined texts, as arrays."""
    cls = j.classes(_ascii_sentence_classes(), _sentence_class)
    at = np.flatnonzero((cls & (_S_STOP | _S_NEWLINE)) != 0)
    c = cls[at]
    stops = at[((c & _S_STOP) != 0) & ((cls[at - 1] & _S_STOP) == 0)]
    kind, s_end, s_next = _stop_matches(j, cls, stops)
    ask = np.flatnonzero(kind == 3)
    texts = j.text_of(stops[ask]).tolist()
    bases = j.bases[texts].tolist()
    kind[ask] = [
        2 if _is_boundary(j.texts[t], _END_RE.match(j.texts[t], p - b, nxt - b)) else 0
        for t, b, p, nxt in zip(texts, bases, stops[ask].tolist(), s_next[ask].tolist())
    ]
    keep = kind == 2
    lines, l_end, l_next = _newline_matches(cls, at[(c & _S_NEWLINE) != 0])
    # The matches in order: each ends a sentence that starts where the one before ends;
    # a line break only if some text stands before it.
    order = np.argsort(np.concatenate([stops[keep], lines]), kind="stable")
    end = np.concatenate([s_end[keep], l_end])[order]
    nxt = np.concatenate([s_next[keep], l_next])[order]
    start = np.concatenate([[0], nxt[:-1]])
    emit = (order < keep.sum()) | (end > start)
    starts, ends = start[emit], end[emit]
    # Back to the texts, without the NULs of the separators.
    t = j.text_of(starts)
    ok = (t >= 0) & (t < len(j.texts))
    ok[ok] = starts[ok] < j.bases[t[ok] + 1] - len(_SEPARATOR)
    starts, ends = starts[ok], ends[ok]
    bounds = np.searchsorted(starts, j.bases)
    shift = np.repeat(j.bases[:-1], np.diff(bounds))
    starts, ends = starts - shift, ends - shift
    b = bounds.tolist()
    return [(starts[i:k], ends[i:k]) for i, k in pairwise(b)]


def _chunks(texts: list[str]) -> list[list[int]]:
    """Indices of ``texts`` in chunks of about ``_CHUNK_CHARS`` characters.

    ASCII texts go into chunks of their own, where bytes methods do all the work.
    """
    chunks: list[list[int]] = []
    for ascii_ in (True, False):
        chunk: list[int] = []
        size = 0
        for i, t in enumerate(texts):
            if t.isascii() is ascii_:
                chunk.append(i)
                size += len(t) + len(_SEPARATOR)
                if size >= _CHUNK_CHARS:
                    chunks.append(chunk)
                    chunk, size = [], 0
        if chunk:
            chunks.append(chunk)
    return chunks


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of strings go into new lists.

    Every 700 lists or tuples made, the collector walks all the young ones and every
    string in them; nothing here makes reference cycles.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def tokenize_many(texts: Iterable[str]) -> list[Tokens]:
    """``[tokenize(t) for t in texts]``, several times faster on many texts.

    The texts are joined, in chunks, into arrays of character codes; NumPy finds the
    tokens (see the grammar above) and one ``str.split`` makes their strings. Only the
    tokens with non-ASCII characters are folded one by one, as in :func:`tokenize`.

    >>> [toks for toks, _, _ in tokenize_many(["Kyïv’s 2,000 prisoners", "", "19th-century"])]
    [['kyiv', '2,000', 'prisoners'], [], ['19', 'th-century']]
    """
    texts = list(texts)
    result: list[Tokens] = [None] * len(texts)  # type: ignore[list-item]
    with _gc_paused():
        for chunk in _chunks(texts):
            for i, found in zip(chunk, _chunk_tokens(_Joined.of([texts[i] for i in chunk]))):
                result[i] = found
    return result


def _sentence_spans(text: str, splitter: SentenceSplitter) -> tuple[list[int], list[int]]:
    """Start and end offsets of the sentences of ``text``, from ``splitter``."""
    if splitter == "rules":
        return _sentence_bounds(text)
    spans = split_sentences_punkt(text)
    return [a for a, _ in spans], [b for _, b in spans]


def parse(text: str, *, splitter: SentenceSplitter = "rules") -> Document:
    """Split ``text`` into sentences and tokens.

    >>> doc = parse("Talks ended. Kyiv said “no”.")
    >>> doc.sentences()
    ['Talks ended.', 'Kyiv said “no”.']
    >>> doc.tokens
    ['talks', 'ended', 'kyiv', 'said', 'no']
    """
    starts, ends = _sentence_spans(text, splitter)
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


def parse_many(texts: Iterable[str], *, splitter: SentenceSplitter = "rules") -> list[Document]:
    """``[parse(t, splitter=splitter) for t in texts]``, faster on many texts.

    The texts are joined in chunks, as for :func:`tokenize_many`, which gives the tokens;
    the "rules" splitter finds the sentences in the same arrays (see above), and the
    sentence of each token is found for all texts of a chunk at once.
    """
    texts = list(texts)
    docs: list[Document] = [None] * len(texts)  # type: ignore[list-item]
    with _gc_paused():
        for chunk in _chunks(texts):
            j = _Joined.of([texts[i] for i in chunk])
            if splitter == "rules":
                bounds = _chunk_sentences(j)
            else:
                bounds = [tuple(np.array(b, dtype=np.int64) for b in _sentence_spans(t, splitter)) for t in j.texts]
            for i, doc in zip(chunk, _documents(j.texts, bounds, _chunk_tokens(j))):
                docs[i] = doc
    return docs


def _documents(texts: list[str], bounds: list[tuple[np.ndarray, np.ndarray]], found: list[Tokens]) -> list[Document]:
    """The Documents of ``texts`` from their sentence bounds and tokens.

    The sentence of each token, as :func:`parse` finds it, for all texts at once: each
    sentence start marks the first token of its text at or after it
    (:func:`framing._arrays.search_within`), and a running count of the marks gives the
    last sentence starting at or before each token.
    """
    n_sents = np.fromiter(map(len, (s for s, _ in bounds)), dtype=np.int64, count=len(texts))
    n_toks = np.fromiter(map(len, (t for t, _, _ in found)), dtype=np.int64, count=len(texts))
    empty = [np.zeros(0, dtype=np.int64)]
    s_starts = np.concatenate([s for s, _ in bounds] + empty)
    s_ends = np.concatenate([e for _, e in bounds] + empty)
    t_starts = np.concatenate([s for _, s, _ in found] + empty)
    tok_ptr = np.r_[0, np.cumsum(n_toks)]
    text_of_sent = np.repeat(np.arange(len(texts)), n_sents)
    first = search_within(tok_ptr, t_starts, text_of_sent, s_starts) + tok_ptr[text_of_sent]
    before = np.cumsum(n_sents) - n_sents  # the sentences of the texts before
    tok_sent = np.cumsum(np.bincount(first, minlength=len(t_starts) + 1)[: len(t_starts)])
    tok_sent -= np.repeat(before + 1, n_toks)
    np.maximum(tok_sent, 0, out=tok_sent)  # (tokens before the first sentence, or of none)
    s = np.append(before, len(s_starts)).tolist()
    t = tok_ptr.tolist()
    return [
        Document(text, s_starts[s[i] : s[i + 1]], s_ends[s[i] : s[i + 1]], tokens, starts, ends,
                 tok_sent[t[i] : t[i + 1]])
        for i, (text, (tokens, starts, ends)) in enumerate(zip(texts, found))
    ]
