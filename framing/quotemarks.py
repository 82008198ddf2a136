"""The one quotation-mark scanner: which characters are quotation marks, and where quotations are.

Every analysis that looks at quotation marks (the tokenizer, quote extraction, scare quotes
in loaded language, the quoted material of facts) uses this module, so a straight ``"``,
curly ``“…”``, German ``„…“``, guillemets ``«…»`` and single quotes are counted the same
way everywhere.

:func:`find_quotations` pairs the marks in one pass over the text (linear time):

- Directional marks (``“ ” « » „ ‹ › 「 」``) open or close by their glyph; ``“`` closes an
  open ``„`` (German), and ``»…«`` (German, Danish) is read when no ``«`` is open.
- A straight ``"`` opens when it stands before a word and not after one ("left-flanking"),
  closes in the opposite case, and otherwise closes an open ``"`` or opens one.
- A single mark (``' ‘ ’``) between two letters or digits is an apostrophe (``don't``,
  ``Kharkiv's``); before a word it opens a quotation unless it starts an elision
  (``'90s``, ``'tis``, ``rock 'n' roll``); after a word it closes an open single quotation
  and is an apostrophe otherwise (``the Smiths' house``, ``goin'``).
- Quotations nest (``“He called it ‘a farce’,” she said``); a closing mark closes the
  innermost open quotation it matches, and the quotations opened inside it and left open
  are dropped.
- A paragraph ends at a line break (news text puts each paragraph on its own line; a blank
  line ends one too). A double quotation left open there runs to the paragraph's end, as
  news style does for a quotation over several paragraphs, and is flagged by
  ``close_mark == ""``. A single quotation left open there is dropped: an unmatched single
  mark is far more often an apostrophe or an elision than a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CLOSING",
    "OPENING",
    "QUOTE_PAIRS",
    "QuoteSpan",
    "find_quotations",
    "is_quote_char",
]

#: Opening mark -> its closing mark.
QUOTE_PAIRS: dict[str, str] = {
    '"': '"',
    "“": "”",
    "„": "“",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "‘": "’",
    "'": "'",
    "‚": "‘",
    "「": "」",
    "『": "』",
}
#: Marks that may open a quotation.
OPENING: frozenset[str] = frozenset(QUOTE_PAIRS)
#: Marks that may close a quotation.
CLOSING: frozenset[str] = frozenset(QUOTE_PAIRS.values()) | frozenset("”’")

_ALL = OPENING | CLOSING | frozenset("’")
_SINGLE = frozenset("'‘’‚‹›")

#: The closing marks accepted for each opening mark: its own, and the ones careless
#: typography mixes with it (``"…”``, ``‘…'``, ``„…”``).
_CLOSERS_OF: dict[str, frozenset[str]] = {
    '"': frozenset('"”'),
    "“": frozenset('”"'),
    "„": frozenset('“”"'),
    "«": frozenset("»"),
    "»": frozenset("«"),
    "‹": frozenset("›"),
    "›": frozenset("‹"),
    "‘": frozenset("’'"),
    "'": frozenset("'’"),
    "‚": frozenset("‘’"),
    "「": frozenset("」"),
    "『": frozenset("』"),
}

#: Words that an apostrophe before them shortens: "'tis", "'em", "rock 'n' roll".
_ELISIONS = frozenset(["tis", "twas", "em", "n", "cause", "cos", "til", "bout", "round", "nuff", "twere"])

_CANDIDATE_RE = re.compile("[" + re.escape("".join(sorted(_ALL))) + "]")
_DOUBLE_RE = re.compile("[" + re.escape("".join(sorted(_ALL - _SINGLE))) + "]")
_WORD_AFTER_RE = re.compile(r"[^\W_]{1,8}")


def is_quote_char(ch: str) -> bool:
    """Whether ``ch`` is a quotation mark (an apostrophe ``'`` ``’`` counts: it may be one).

    >>> is_quote_char("«"), is_quote_char("„"), is_quote_char("'"), is_quote_char("x")
    (True, True, True, False)
    """
    return ch in _ALL


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: the offsets of its marks in the text.

    Attributes
    ----------
    start:
        Offset of the opening mark.
    end:
        Offset just after the closing mark; for an unclosed quotation, the end of its
        paragraph (trailing white space left out).
    open_mark, close_mark:
        The marks; ``close_mark`` is ``""`` for a quotation left open at the end of its
        paragraph.
    """

    start: int
    end: int
    open_mark: str
    close_mark: str

    @property
    def inner_start(self) -> int:
        """Offset of the first quoted character."""
        return self.start + 1

    @property
    def inner_end(self) -> int:
        """Offset just after the last quoted character."""
        return self.end - 1 if self.close_mark else self.end

    @property
    def kind(self) -> str:
        """``"double"`` or ``"single"`` (``' ‘ ’ ‚ ‹ ›``)."""
        return "single" if self.open_mark in _SINGLE else "double"

    @property
    def closed(self) -> bool:
        """Whether a closing mark ends the quotation."""
        return bool(self.close_mark)


def _flanks(text: str, i: int) -> tuple[bool, bool, str, str]:
    """Whether the mark at ``i`` stands before a word (left-flanking) and after one
    (right-flanking), and the characters before and after it ("" at the ends)."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    left = bool(nxt) and not nxt.isspace() and not prev.isalnum()
    right = bool(prev) and not prev.isspace() and not nxt.isalnum()
    return left, right, prev, nxt


def _elision(text: str, i: int) -> bool:
    """Whether the single mark at ``i`` starts an elided word ("'90s", "'tis", "'n'")."""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if nxt.isdigit():  # '90s, '08
        m = _WORD_AFTER_RE.match(text, i + 1)
        word = m.group() if m else ""
        return word.isdigit() or (word[:-1].isdigit() and word[-1:] in "s")
    m = _WORD_AFTER_RE.match(text, i + 1)
    return m is not None and m.group().lower() in _ELISIONS and not text[m.end() : m.end() + 1].isalnum()


class _Scanner:
    """The state of one pass of :func:`find_quotations` over a text."""

    def __init__(self, text: str, single: bool, max_len: int | None) -> None:
        self.text = text
        self.single = single
        self.max_len = max_len
        self.stack: list[tuple[int, str]] = []  # open quotations: (offset, mark)
        self.accepting = dict.fromkeys(CLOSING, 0)  # open quotations that each closing mark closes
        self.spans: list[QuoteSpan] = []

    # --- the stack
    def push(self, i: int, mark: str) -> None:
        self.stack.append((i, mark))
        for c in _CLOSERS_OF[mark]:
            self.accepting[c] += 1

    def pop(self) -> tuple[int, str]:
        i, mark = self.stack.pop()
        for c in _CLOSERS_OF[mark]:
            self.accepting[c] -= 1
        return i, mark

    def closable(self, close: str) -> bool:
        """Whether an open quotation accepts ``close`` as its closing mark."""
        return self.accepting.get(close, 0) > 0

    def close(self, i: int, close: str) -> None:
        """Close the innermost open quotation that ``close`` closes, dropping those inside it."""
        while self.stack:
            start, mark = self.pop()
            if close in _CLOSERS_OF[mark]:
                self.emit(start, i + 1, mark, close)
                return

    def end_paragraph(self, end: int) -> None:
        """Close the paragraph ending at ``end``: open double quotations run to its end."""
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        while self.stack:
            start, mark = self.pop()
            if mark not in _SINGLE and end > start + 1:
                self.emit(start, end, mark, "")

    def emit(self, start: int, end: int, open_mark: str, close_mark: str) -> None:
        if self.max_len is None or end - start <= self.max_len:
            self.spans.append(QuoteSpan(start, end, open_mark, close_mark))

    # --- the marks
    def mark(self, i: int, ch: str) -> None:
        """Take the mark ``ch`` at ``i`` as an opening or closing mark, or neither."""
        left, right, prev, nxt = _flanks(self.text, i)
        if ch in "'‘’":
            if self.single:
                self.single_mark(i, ch, left, right, prev, nxt)
            return
        if ch in _SINGLE and not self.single:
            return
        if ch == '"':
            if right and not left:
                opens = False
            elif left and not right:
                opens = True
            else:  # "a"b, ".": close an open one, or open one
                opens = not self.closable(ch)
            if opens:
                self.push(i, ch)
            elif self.closable(ch):
                self.close(i, ch)
            return
        # Directional marks that may also close another mark's quotation: "„…“", "»…«". A
        # guillemet closes whatever the spaces around it ("« oui »"); a "“" before a word
        # opens a nested quotation rather than closing a "„".
        if self.closable(ch) and (ch != "“" or not left or right):
            self.close(i, ch)
        elif ch in ("»", "›"):
            if left:  # "»…«" only where it stands before a word
                self.push(i, ch)
        elif ch in OPENING:
            self.push(i, ch)
        # else a closing mark with nothing open: stray

    def single_mark(self, i: int, ch: str, left: bool, right: bool, prev: str, nxt: str) -> None:
        if prev.isalnum() and nxt.isalnum():
            return  # an apostrophe: don't, Kharkiv's, O'Brien
        if ch in "'’" and right and not left:
            if self.closable(ch):
                self.close(i, ch)
            return  # else an apostrophe: the Smiths' house, goin'
        if left and not right:
            if ch == "‘" and self.closable(ch) and not prev.isspace():
                self.close(i, ch)  # "‚…‘"
            elif ch != "’" and not _elision(self.text, i):  # "’" opens nothing: "’90s", "’tis"
                self.push(i, ch)
            return
        if self.closable(ch) and not prev.isspace():
            self.close(i, ch)


def find_quotations(text: str, *, single: bool = True, max_len: int | None = None) -> list[QuoteSpan]:
    """Balanced quotation spans of ``text`` in document order (by opening mark), linear time.

    Parameters
    ----------
    text:
        The text.
    single:
        Also find single-quoted quotations (``'…'``, ``‘…’``, ``‚…‘``, ``‹…›``); with
        ``False`` single marks are ignored.
    max_len:
        Leave out quotations longer than this many characters (marks included).

    Returns
    -------
    list of QuoteSpan
        Nested quotations come after the quotation holding them.

    Examples
    --------
    >>> t = 'He said "yes", she said ‘no’ and they said „ja“ and «oui».'
    >>> [t[q.inner_start:q.inner_end] for q in find_quotations(t)]
    ['yes', 'no', 'ja', 'oui']
    >>> t = "Don't call Kharkiv's '90s 'a farce', rock 'n' roll."
    >>> [(t[q.inner_start:q.inner_end], q.kind) for q in find_quotations(t)]
    [('a farce', 'single')]
    >>> t = '“He called it ‘a farce’,” she said.'
    >>> [t[q.inner_start:q.inner_end] for q in find_quotations(t)]
    ['He called it ‘a farce’,', 'a farce']
    >>> t = '"We will not give up,\\n"and we will win," he said.'
    >>> [(t[q.inner_start:q.inner_end], q.close_mark) for q in find_quotations(t)]
    [('We will not give up,', ''), ('and we will win,', '"')]
    """
    scanner = _Scanner(text, single, max_len)
    last = 0  # just after the mark before
    for m in (_CANDIDATE_RE if single else _DOUBLE_RE).finditer(text):
        i = m.start()
        if scanner.stack:  # a line break since the mark before ends their paragraph
            nl = text.find("\n", last, i)
            if nl >= 0:
                scanner.end_paragraph(nl)
        scanner.mark(i, m.group())
        last = i + 1
    nl = text.find("\n", last) if scanner.stack else -1
    scanner.end_paragraph(len(text) if nl < 0 else nl)
    scanner.spans.sort(key=lambda q: q.start)
    return scanner.spans
