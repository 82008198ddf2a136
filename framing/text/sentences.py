"""Sentences: a rule-based splitter, run for many texts at once on arrays.

The rules: a line break always ends a sentence (headlines and bylines carry no full
stop). Elsewhere a sentence ends at a run of stops (``. ! ? …``), optionally closing
quotation marks and brackets, and white space on the line, unless the next sentence's
first character (after opening quotation marks, brackets and white space) is lower case
("Why?" he asked), or the stop is a lone "." after a title ("Mr.", "Gen."), "No." before
a digit, an initial ("J. Smith") or an abbreviation that may also end a sentence
("U.S.", "Inc."; it ends one before a word that often starts one, "The", "He" ...).
White space around sentences is left out.

``tests/_reference_text.py`` states these rules the plain way (a loop over the candidate
ends of each line, asking :func:`is_boundary`): the test oracle. Here one regex scan
finds the candidate ends and settles the common ones in C (a stop before an ASCII
character that is not a lower-case letter, with no title or abbreviation before it);
:func:`is_boundary` decides the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..quotemarks import CLOSING, OPENING

__all__ = ["ABBREVIATIONS", "ENDERS", "TITLES", "is_boundary", "sentence_bounds", "split_sentences_punkt"]

#: Titles and abbreviations after which a full stop does not end a sentence.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "capt",
        "cpt",
        "sgt",
        "maj",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "reps",
        "prof",
        "rev",
        "st",
        "mt",
        "ft",
        "sr",
        "jr",
        "hon",
        "pres",
        "supt",
        "insp",
        "det",
        "gens",
        "sens",
        "messrs",
        "mme",
        "mlle",
        "vs",
        "v",
        "fig",
        "figs",
        "approx",
        "dept",
        "est",
        "vol",
        "ed",
        "eds",
    ]
)
#: Abbreviations that may also end a sentence ("... in the U.S. The next ...").
ENDERS = frozenset(
    [
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "a.m",
        "p.m",
        "inc",
        "corp",
        "ltd",
        "co",
        "bros",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "d.c",
        "n.y",
        "l.a",
        "i.e",
        "e.g",
        "al",
    ]
)
ABBREVIATIONS = TITLES | ENDERS

#: Words that start a sentence often enough that an ambiguous abbreviation before them ends one.
_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "in",
        "on",
        "at",
        "for",
        "this",
        "that",
        "these",
        "those",
        "there",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "after",
        "before",
        "when",
        "while",
        "if",
        "as",
        "however",
        "meanwhile",
        "still",
        "also",
        "then",
        "now",
        "some",
        "many",
        "most",
        "both",
        "what",
        "who",
        "why",
        "how",
    ]
)

#: Before the next sentence's first character: opening quotation marks (from
#: :mod:`framing.quotemarks`, the one definition) and brackets; after the stops: closing ones.
OPENERS = "".join(sorted(OPENING)) + "(["
CLOSERS = "".join(sorted(CLOSING)) + ")]"

# A candidate sentence end: terminal punctuation, optional closing quotes/brackets, whitespace.
_END_RE = re.compile(rf"([.!?…]+)([{re.escape(CLOSERS)}]*)(\s+)")
_LINE_RE = re.compile(r"[^\n]+")
_NEXT_RE = re.compile(rf"[{re.escape(OPENERS)}]*\s*(\S)([\w'’-]*)")


def is_boundary(text: str, m: re.Match[str]) -> bool:
    """Decide whether the candidate end ``m`` (of ``_END_RE``) ends a sentence."""
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
        raw = text[text.rfind(" ", max(0, start - 30), start) + 1 : start].lstrip(OPENERS)
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
    """The words of TITLES and ENDERS without a ".", and "no"/"nos": after them a lone "."
    is left to :func:`is_boundary`."""
    return sorted(w for w in TITLES | ENDERS | {"no", "nos"} if "." not in w)


def _abbreviation_guards() -> str:
    """Negative look-behinds that keep "Mr.", "inc.", "No." ... out of the sure sentence ends.

    One look-behind per word length (a look-behind must have a fixed width), built from
    :data:`TITLES`, :data:`ENDERS` and "no"/"nos", so those lists stay the only source.
    Case is ignored; ``\\b`` before the word also covers "(Mr." and '"Gen.'.
    """
    by_len: dict[int, list[str]] = {}
    for w in _guarded_words():
        by_len.setdefault(len(w), []).append(w)
    return "".join(rf"(?<!\b(?i:{'|'.join(ws)})\.)" for _, ws in sorted(by_len.items()))


_OPEN = re.escape(OPENERS)
_CLOSE = re.escape(CLOSERS)

#: One scan of the whole text finds the line breaks and the candidate sentence ends, and
#: settles the common ends in C instead of calling :func:`is_boundary` for each.
#:
#: Every match starts with a line break or a stop, so the regex engine skips to those
#: characters in C. A stop matches only where ``_END_RE`` (on its line) finds a
#: candidate, with the same run of stops, closers and white space (``[^\S\n]`` keeps it
#: on its line). Only the first stop of a run is tried: the others would fail or succeed
#: as it does (what follows the run is the same), and trying each would make a long run
#: of stops quadratic. (The match starts with one character class, and the look-behind
#: comes after it, so that the engine can still skip to those characters in C.) The alternatives, told apart by
#: the group that took part (``m.lastindex``):
#:
#: 1. A line break, with the next line's leading white space (and blank lines).
#: 2. A sure sentence end: the character after the next sentence's openers and white
#:    space (group 1 of ``_NEXT_RE``, which the atomic group reproduces) is ASCII and not
#:    lower case; and the stops are not a lone "." (then :func:`is_boundary` looks no
#:    further), or the word before the lone "." is none that :func:`is_boundary` treats
#:    specially: the look-behinds ask for two word characters before the stop, no "." in
#:    the three before them, and no listed word right before the stop.
#: 3. Any other candidate not followed by an ASCII lower-case letter: :func:`is_boundary`
#:    decides.
#:
#: A candidate followed by an ASCII lower-case letter does not match at all: it never
#: ends a sentence. All look-arounds have a bounded width, and the possessive and atomic
#: parts never backtrack, so the scan is linear in the length of the text.
_SCAN_RE = re.compile(
    rf"""
    [\n.!?…] (?<![.!?…][.!?…])                                 # (a stop: the first of its run)
    (?:
        (?<=\n) (\s*)                                              # 1
      |
        (?:
            (?<=[!?…]) | (?=[.!?…])                                 # not a lone "."
          | (?<=\w\w\.)                                             # a lone "." after 2 word chars,
            (?<!\.\w\w\.) (?<!\.[\s\S]\w\w\.) (?<!\.[\s\S]{{2}}\w\w\.)  # no "." 3-5 chars back,
            {_abbreviation_guards()}                                # no title or abbreviation
        )
        [.!?…]*+ [{_CLOSE}]*+ ([^\S\n]++)                          # 2
        (?= (?>[{_OPEN}]*+\s*+) [!-`{{-~] )
      |
        [.!?…]*+ [{_CLOSE}]*+ ([^\S\n]++)                          # 3
        (?! [{_OPEN}]*+\s*+[a-z] )
    )
    """,
    re.VERBOSE,
)
_LEADING_WS_RE = re.compile(r"\s*")


def sentence_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the sentences of ``text`` (see the module's rules).

    One regex scan finds the line breaks and the candidate ends, and settles the common
    candidates in C (see ``_SCAN_RE``); :func:`is_boundary` decides the others.
    """
    starts: list[int] = []
    ends: list[int] = []
    leading = _LEADING_WS_RE.match(text)
    assert leading is not None  # (\s* always matches)
    pos = leading.end()  # start of the current sentence
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
        else:  # ask is_boundary, about the very match _END_RE finds in this line
            end, nxt = m.span(3)
            candidate = _END_RE.match(text, m.start(), nxt)
            assert candidate is not None  # (the scan matched this very candidate)
            if not is_boundary(text, candidate):
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
