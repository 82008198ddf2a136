"""Read one plain-text or Markdown article: front matter, bylines, outlet lines, titles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["TextFileParts", "split_text_file"]

_FRONT_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_KV_RE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_BYLINE_RE = re.compile(
    r"^\s*(?:by|BY|By)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}(?:\s*(?:and|,)\s*[A-Z][\w.'’ -]*)?\s*$"
)
_DOMAIN_RE = re.compile(
    r"\b([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|us|uk|ru|ua|de|fr|eu|info|news|io|tv|es|it|ca|au|in))\b",
    re.I,
)
_MD_HEADING_RE = re.compile(r"^\s*#{1,6}\s+")

#: A first line longer than this is body text, not a title.
MAX_TITLE_WORDS = 25


@dataclass
class TextFileParts:
    """What a text file says about itself."""

    text: str
    title: str | None = None
    outlet: str | None = None
    front_matter: dict[str, Any] = field(default_factory=dict)
    byline: str | None = None
    outlet_line: str | None = None


def _parse_front_matter(block: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for line in block.splitlines():
        m = _KV_RE.match(line)
        if m:
            value = m.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            meta[m.group(1).lower()] = value
    return meta


def split_text_file(raw: str) -> TextFileParts:
    """Separate front matter, byline, outlet line and title from the body.

    Header lines are recognised among the first non-empty lines: a byline ("By
    Samson Shen"), an outlet line (a short line naming a web domain, "Voz media US
    Voz.us"), then a title (a line of at most 25 words followed by more text). A
    first line that is longer is body text and no title is taken.

    >>> p = split_text_file("By Jane Doe\\n\\nTalks end\\n\\nThe talks ended today. Both sides left.")
    >>> p.byline, p.title, p.text
    ('By Jane Doe', 'Talks end', 'The talks ended today. Both sides left.')
    """
    front: dict[str, Any] = {}
    m = _FRONT_RE.match(raw)
    if m:
        front = _parse_front_matter(m.group(1))
        raw = raw[m.end() :]
    raw = raw.lstrip("\ufeff")
    lines = raw.splitlines()
    parts = TextFileParts(text="", front_matter=front)
    consumed = 0  # index of the first line that belongs to the body
    seen = 0
    for idx, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if seen > 4:
            break
        words = s.split()
        if parts.byline is None and parts.title is None and _BYLINE_RE.match(s) and len(words) <= 8:
            parts.byline = s
            consumed = idx + 1
            continue
        domain = _DOMAIN_RE.search(s) if parts.outlet_line is None and parts.title is None else None
        if domain is not None and len(words) <= 8 and not s.endswith((".", "!", "?")):
            parts.outlet_line = s
            parts.outlet = domain.group(1)
            consumed = idx + 1
            continue
        if parts.title is None and "title" not in front:
            rest = "\n".join(lines[idx + 1 :]).strip()
            if len(words) <= MAX_TITLE_WORDS and rest:
                parts.title = _MD_HEADING_RE.sub("", s).strip()
                consumed = idx + 1
        break
    parts.text = "\n".join(lines[consumed:]).strip("\n")
    if "title" in front:
        parts.title = str(front["title"])
    return parts
