"""Clean text at the load boundary: no control, zero-width or unpaired surrogate characters.

Everything an article carries (text, title, outlet, ...) passes through
:func:`clean_text` once, when it is loaded, so that no later step sees characters
that split words invisibly (``Ky\\u200biv``), corrupt a CSV (NUL) or cannot be
written as UTF-8 (a lone surrogate from a JSON ``"\\ud800"`` escape).
:func:`binary_share` tells text from binary data that happened to decode.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BINARY_SHARE", "binary_share", "clean_field", "clean_text", "has_letter", "sniff_binary"]

#: Invisible characters that are removed: soft hyphen, zero-width space, joiners and
#: non-joiners, direction marks, embeddings, overrides and isolates, word joiner and
#: invisible operators, BOM / zero-width no-break space, Mongolian vowel separator.
INVISIBLE = (
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
#: Control characters that end a line (vertical tab, form feed, separators, NEL,
#: line and paragraph separators): they become a newline.
LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: Control characters kept as they are.
KEPT = "\t\n\r"

_TABLE: dict[int, str | None] = {
    **{c: None for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in KEPT},
    **{ord(c): None for c in INVISIBLE},
    **{ord(c): "\n" for c in LINE_BREAKS},
    **dict.fromkeys(range(0xD800, 0xE000)),  # unpaired surrogates cannot be written as UTF-8
    0xFFFE: None,
    0xFFFF: None,
}

_NEEDS_CLEANING = re.compile(
    "[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f" + INVISIBLE + LINE_BREAKS[-2:] + "\ud800-\udfff\ufffe\uffff]"
)
_SPACES = re.compile(r"\s+")
_BINARY = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffd]")
_LETTER = re.compile(r"[^\W\d_]")

#: Above this share of control characters (and U+FFFD), a text is binary data, not an article.
BINARY_SHARE = 0.05

#: File signatures of common binary formats a scraper leaves behind, with their names.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (convert it to text first)"),
    (b"PK\x03\x04", "a ZIP archive or Office document (convert it to text first)"),
    (b"\x1f\x8b", "a gzip archive (decompress it first)"),
    (b"BZh", "a bzip2 archive (decompress it first)"),
    (b"\xfd7zXZ\x00", "an xz archive (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (decompress it first)"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (convert it to text first)"),
)


def clean_text(text: str) -> str:
    """``text`` in NFC form without control, invisible and unpaired surrogate characters.

    Tabs, newlines and carriage returns are kept; vertical tabs, form feeds and
    Unicode line separators become newlines; zero-width characters and soft hyphens
    are removed, so they never split a word.

    >>> clean_text("Ky\\u200biv\\x00 said\\u00ad no\\x0cMore")
    'Kyiv said no\\nMore'
    >>> clean_text("Kyi\\u0308v")  # a decomposed ï is composed
    'Kyïv'
    """
    if _NEEDS_CLEANING.search(text):
        text = text.translate(_TABLE)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text


def clean_field(value: str) -> str:
    """A one-line field (outlet, title, id, event): :func:`clean_text`, runs of white space
    (newlines included) as one space, no space at the ends.

    >>> clean_field("  Daily\\n\\x00Post\\u200b ")
    'Daily Post'
    """
    return _SPACES.sub(" ", clean_text(value)).strip()


def binary_share(text: str) -> float:
    """The share of characters of ``text`` that no article holds: control characters
    other than white space, and U+FFFD (bytes that could not be decoded).

    >>> binary_share("Kyiv said no."), binary_share("\\x00\\x01ab")
    (0.0, 0.5)
    """
    if not text:
        return 0.0
    return len(_BINARY.findall(text)) / len(text)


def has_letter(text: str) -> bool:
    """Whether ``text`` holds at least one letter (any script).

    >>> has_letter(": 12 -"), has_letter("Київ")
    (False, True)
    """
    return _LETTER.search(text) is not None


def sniff_binary(data: bytes) -> str | None:
    """What a binary file is, from its first bytes (``"a PNG image"``), or None if no known
    signature matches.

    >>> sniff_binary(b"%PDF-1.7 ..."), sniff_binary(b"Kyiv")
    ('a PDF document (convert it to text first)', None)
    """
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            return what
    return None
