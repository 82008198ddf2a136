"""Value objects for one article and one skipped input."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["HEADLINE_SEPARATOR", "LEAD_SENTENCES", "SKIP_REASONS", "Article", "SkippedInput"]

#: Sentences of the body that make its lead (evidence ``position == "lead"``).
LEAD_SENTENCES = 3

#: What stands between the headline and the body in :attr:`Article.document_text`.
HEADLINE_SEPARATOR = "\n\n"

#: Reasons an input can be skipped, with what each means.
SKIP_REASONS = {
    "empty text": "the article has no text after removing whitespace",
    "unreadable": "the file could not be read or decoded",
    "not an article": "the record or page holds no article text (e.g. an HTML page with no main text)",
    "duplicate id": "another article already has this id; the first one is kept",
    "duplicate text": "the same text was already loaded under another id",
    "bad record": "the line could not be parsed as a record (e.g. malformed JSON)",
    "unsupported file": "the file type is not one framing reads, or it is not a regular file",
    "bad file": "the whole file could not be parsed in its format (invalid or too deeply nested JSON, "
    "no text column, ...)",
    "no words": "the text holds no letter, only punctuation, digits or symbols",
    "link outside the folder": "a symbolic link to a file outside the folder (followed only with follow_links=True)",
    "link loop": "a symbolic link that leads back to itself or to a folder already read",
}


@dataclass(frozen=True, slots=True)
class Article:
    """One news article.

    Attributes
    ----------
    id:
        Unique identifier within a corpus.
    outlet:
        The outlet that published it; ``"unknown"`` if nothing says.
    title:
        The headline, possibly guessed from the first line (see ``guessed``).
    text:
        The body as given (original characters kept for display and offsets).
    date:
        Publication date, or None.
    url, language, source:
        URL, ISO language code (``"en"`` by default) and the file (and line) it came from.
    event:
        An event label given with the input, or None (events are then found by grouping).
    meta:
        Any other metadata, read-only.
    guessed:
        Names of the fields whose values framing guessed (e.g. ``("title", "outlet")``),
        so a report can show them for correction.
    """

    id: str
    outlet: str
    title: str
    text: str
    date: _dt.date | None = None
    url: str | None = None
    language: str = "en"
    source: str | None = None
    event: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    guessed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.meta, MappingProxyType):
            object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))
        if isinstance(self.date, _dt.datetime):
            # a missing timestamp (pandas NaT is a datetime) is no date
            object.__setattr__(self, "date", None if self.date != self.date else self.date.date())
        elif self.date is not None and not isinstance(self.date, _dt.date):
            if isinstance(self.date, float) and self.date != self.date:  # NaN
                object.__setattr__(self, "date", None)
            else:
                raise TypeError(
                    f"Article.date must be a datetime.date or None, got {type(self.date).__name__} "
                    f"{self.date!r}; framing.load_corpus parses date strings"
                )

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def has_headline(self) -> bool:
        """The title is a headline given with the article, not guessed from its text.

        The one headline check: a guessed title is the body's first line, already read there.
        """
        return bool(self.title and self.title.strip()) and "title" not in self.guessed

    @property
    def headline_end(self) -> int:
        """Where the headline ends in :attr:`document_text` (0 without a headline)."""
        return len(self.title.strip()) if self.has_headline else 0

    @property
    def document_text(self) -> str:
        """The text every analysis reads: the headline, a blank line, then the body.

        Headlines are where outlets frame hardest, so they are analysed with the body;
        evidence offsets (``start``, ``end``) point into this text and its ``position``
        column says headline, lead or body. Without a given headline it is the body.

        >>> Article(id="a", outlet="A", title=" Kyiv talks ", text="Talks began.").document_text
        'Kyiv talks\\n\\nTalks began.'
        """
        if not self.has_headline:
            return self.text
        return self.title.strip() + HEADLINE_SEPARATOR + self.text


@dataclass(frozen=True, slots=True)
class SkippedInput:
    """An input that did not become an article, and why.

    ``reason`` is one of the keys of :data:`SKIP_REASONS`; ``detail`` says more.
    """

    source: str
    reason: str
    detail: str = ""
    line: int | None = None
    id: str | None = None
    outlet: str | None = None
    title: str | None = None
