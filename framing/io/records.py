"""Turn records (dicts, rows) into articles, recording every skip with its reason."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .._log import logger
from ..article import Article, SkippedInput
from ..errors import InputError, ParameterError
from .clean import BINARY_SHARE, binary_share, clean_field, clean_text, has_letter

__all__ = ["FIELDS", "FIELD_ALIASES", "ArticleBuilder", "parse_date", "resolve_columns"]

#: The article fields a record or table column can map to.
FIELDS = ("id", "outlet", "title", "text", "date", "url", "event", "language")

#: Column names recognised without a mapping, in order of preference.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "content_original", "article", "maintext", "full_text", "story_text"),
    "outlet": ("outlet", "source", "publisher", "sitename", "site", "source_name", "media", "newspaper", "domain"),
    "title": ("title", "headline", "heading"),
    "date": ("date", "published", "publish_date", "published_at", "date_publish", "pubdate", "datetime"),
    "id": ("id", "article_id", "doc_id", "uid", "uuid"),
    "url": ("url", "link", "source_url"),
    "event": ("event", "event_id", "story_id"),
    "language": ("language", "lang"),
}


def resolve_columns(available: list[str], mapping: Mapping[str, str | None], *, where: str) -> dict[str, str | None]:
    """Decide which column holds each article field.

    ``mapping`` holds the user's ``text=``, ``outlet=``, ... arguments. A named
    column that does not exist is an error listing the columns there are.
    """
    lower = {c.lower(): c for c in available}
    out: dict[str, str | None] = {}
    for f in FIELDS:
        given = mapping.get(f)
        if given is not None:
            if given not in available:
                raise InputError(
                    f"the column {given!r} given as {f}= does not exist. "
                    f"Available columns: {', '.join(map(repr, available)) or 'none'}.",
                    path=where,
                    field=f,
                )
            out[f] = given
            continue
        out[f] = next((lower[a] for a in FIELD_ALIASES[f] if a in lower), None)
    if out["text"] is None:
        raise InputError(
            "no text column found. Name it with text='COLUMN'. "
            f"Available columns: {', '.join(map(repr, available)) or 'none'}.",
            path=where,
            field="text",
        )
    return out


def _missing(v: Any) -> bool:
    if v is None or v is pd.NaT:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    if isinstance(v, str):
        return not v.strip()
    return False


#: Strings that mean "no date" rather than a bad one.
MISSING_DATES = frozenset({"nat", "nan", "none", "null", "n/a", "na", "unknown", "-", "--", "?"})
#: The years a publication date may have (the range pandas timestamps hold).
DATE_YEARS = (1678, 2261)
#: A date names its year: four digits, a compact ``YYYYMMDD``, or day, month and a
#: two-digit year (``16/05/25``). A time alone (``12:00``) or a small number is not a date.
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|^\d{8}$|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)")
#: Longer strings are not dates (they are text pasted into the wrong column).
MAX_DATE_CHARS = 100


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(s: str) -> _dt.date | None:
    """A ``YYYY-MM-DD`` string read without pandas (the date pandas reads, ten times
    faster), else None (pandas reads it)."""
    if len(s) == 10 and _ISO_DAY.fullmatch(s):
        try:
            return _dt.date.fromisoformat(s)
        except ValueError:
            return None
    return None


def parse_date(value: Any) -> _dt.date | None:
    """Parse a publication date; None if missing, a ValueError if it is no date.

    Strings such as ``"NaT"``, ``"nan"`` or ``"null"`` mean missing. A string must
    name a year (``12:00`` or ``-1`` is not a date: nothing is filled in from
    today), and the year must lie in :data:`DATE_YEARS`.

    >>> parse_date("2025-05-16T10:00:00Z"), parse_date("16 May 2025"), parse_date("NaT")
    (datetime.date(2025, 5, 16), datetime.date(2025, 5, 16), None)
    >>> parse_date("12:00")
    Traceback (most recent call last):
    ...
    ValueError: '12:00' names no year; write dates like 2025-05-16
    """
    if _missing(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date")
    if isinstance(value, _dt.datetime):
        if pd.isna(value):
            return None
        out = value.date()
    elif isinstance(value, _dt.date):
        out = value
    else:
        s = " ".join(str(value).split())
        if s.lower() in MISSING_DATES:
            return None
        if len(s) > MAX_DATE_CHARS:
            raise ValueError(f"a date of {len(s):,} characters is text, not a date")
        if not _HAS_YEAR.search(s):
            raise ValueError(f"{s!r} names no year; write dates like 2025-05-16")
        iso = _iso_day(s)
        if iso is not None:
            out = iso
        else:
            ts = pd.to_datetime(s, utc=True, format="mixed")
            if pd.isna(ts):
                return None
            out = _dt.date(ts.year, ts.month, ts.day)
    if not DATE_YEARS[0] <= out.year <= DATE_YEARS[1]:
        raise ValueError(f"the year {out.year} is outside {DATE_YEARS[0]}-{DATE_YEARS[1]}")
    return out


#: Errors a date string can raise while being parsed.
DATE_ERRORS = (ValueError, TypeError, OverflowError, NotImplementedError)


def clean_article(article: Article) -> Article:
    """``article`` with its text cleaned (:func:`~framing.io.clean.clean_text`) and its
    one-line fields (id, outlet, title, event, url) on one line without control or
    invisible characters (:func:`~framing.io.clean.clean_field`)."""
    changes: dict[str, Any] = {}
    for name in ("id", "outlet", "title"):  # an Article built by hand may hold anything
        v = getattr(article, name)
        if not isinstance(v, str):
            changes[name] = "" if v is None else str(v)
    if changes:
        article = dataclasses.replace(article, **changes)
        changes = {}
    text = clean_text(article.text)
    if text != article.text:
        changes["text"] = text
    for name in ("id", "outlet", "title", "event", "url", "language", "source"):
        v = getattr(article, name)
        if isinstance(v, str):
            c = clean_text(v) if name == "source" else clean_field(v)
            if c != v:
                changes[name] = c
    if not changes.get("outlet", article.outlet):
        changes["outlet"] = "unknown"
        changes["guessed"] = tuple(dict.fromkeys((*article.guessed, "outlet")))
    if changes.get("event", article.event) == "":
        changes["event"] = None
    return dataclasses.replace(article, **changes) if changes else article


class ArticleBuilder:
    """Collects articles and skipped inputs; ids and texts must be unique.

    In strict mode any problem raises an :class:`InputError` instead of being
    recorded as a skip.
    """

    def __init__(self, *, strict: bool = False, dedupe_text: bool = True) -> None:
        self.strict = strict
        self.dedupe_text = dedupe_text
        self.articles: list[Article] = []
        self.skipped: list[SkippedInput] = []
        self._ids: set[str] = set()
        self._texts: dict[str, str] = {}

    def skip(
        self,
        source: str,
        reason: str,
        detail: str = "",
        *,
        line: int | None = None,
        id: str | None = None,
        outlet: str | None = None,
        title: str | None = None,
        field: str | None = None,
    ) -> None:
        if self.strict:
            raise InputError(
                f"{reason}: {detail} (strict mode; use strict=False to skip and record it)",
                path=source,
                line=line,
                field=field,
            )
        logger.info("skipped %s%s: %s (%s)", source, f" line {line}" if line else "", reason, detail)

        def field_text(v: Any, limit: int = 300) -> str | None:  # what the input said, shown cleaned
            if v is None:
                return None
            v = clean_field(str(v)[: limit * 4])
            return v if len(v) <= limit else v[:limit] + "…"

        self.skipped.append(
            SkippedInput(
                source=clean_text(source),
                reason=reason,
                detail=field_text(detail, 1000) or "",
                line=line,
                id=field_text(id),
                outlet=field_text(outlet),
                title=field_text(title),
            )
        )

    def add(self, article: Article, *, line: int | None = None) -> bool:
        """Add ``article`` after cleaning its fields (:func:`clean_article`), unless its text is
        empty, binary data or has no letter, or its id or text was already loaded."""
        src = article.source if isinstance(article.source, str) and article.source else "<input>"
        if not isinstance(article.text, str):
            self.skip(
                src,
                "bad record",
                f"the text is {kind_of(article.text)}, not a string",
                line=line,
                id=str(article.id),
                field="text",
            )
            return False
        share = binary_share(article.text)
        article = clean_article(article)

        def skip(reason: str, detail: str, field: str) -> None:
            self.skip(
                src, reason, detail, line=line, id=article.id, outlet=article.outlet, title=article.title, field=field
            )

        if not article.text.strip():
            skip("empty text", "the article has no text", "text")
            return False
        if share > BINARY_SHARE:
            skip("not an article", f"binary data, not text ({share:.0%} control or undecodable characters)", "text")
            return False
        if not has_letter(article.text):
            skip("no words", "the text holds no letter (only punctuation, digits or symbols)", "text")
            return False
        if article.id in self._ids:
            skip("duplicate id", f"id {article.id!r} was already loaded; the first is kept", "id")
            return False
        if self.dedupe_text:
            h = hashlib.blake2b(" ".join(article.text.split()).encode("utf-8"), digest_size=16).hexdigest()
            if h in self._texts:
                skip("duplicate text", f"same text as article {self._texts[h]!r}", "text")
                return False
            self._texts[h] = article.id
        self._ids.add(article.id)
        self.articles.append(article)
        return True

    def add_record(
        self,
        record: Mapping[str, Any],
        columns: Mapping[str, str | None],
        *,
        source: str,
        line: int | None,
        default_id: str,
        defaults: Mapping[str, Any] | None = None,
    ) -> bool:
        """Build an article from one record with the resolved ``columns``."""
        if not isinstance(record, Mapping):
            self.skip(source, "bad record", f"expected an object with fields, got {kind_of(record)}", line=line)
            return False
        defaults = dict(defaults or {})

        def get(f: str) -> Any:
            col = columns.get(f)
            v = record.get(col) if col is not None else None
            return defaults.get(f) if _missing(v) else v

        text = get("text")
        rid = get("id")
        rid = default_id if _missing(rid) else str(rid)
        title = get("title")
        outlet = get("outlet")
        if _missing(text) or not isinstance(text, str):
            self.skip(
                source,
                "empty text" if _missing(text) else "bad record",
                "no text in the record" if _missing(text) else f"the text is {kind_of(text)}, not a string",
                line=line,
                id=rid,
                outlet=None if _missing(outlet) else str(outlet),
                title=None if _missing(title) else str(title),
                field=columns.get("text"),
            )
            return False
        guessed: list[str] = []
        if _missing(outlet):
            outlet = "unknown"
            guessed.append("outlet")
        raw_date = get("date")
        meta = {k: v for k, v in record.items() if k not in {c for c in columns.values() if c}}
        try:
            date = parse_date(raw_date)
        except DATE_ERRORS as exc:
            if self.strict:
                raise InputError(
                    f"cannot parse the date {raw_date!r} ({exc}); use ISO dates like 2025-05-16",
                    path=source,
                    line=line,
                    field=columns.get("date"),
                ) from None
            logger.warning("%s line %s: unparseable date %r kept as metadata", source, line, raw_date)
            date, meta["date_unparsed"] = None, raw_date
        if _missing(title):
            title = _title_from_text(text)
            guessed.append("title")
        event = get("event")
        return self.add(
            Article(
                id=rid,
                outlet=str(outlet).strip(),
                title=str(title).strip(),
                text=text,
                date=date,
                url=None if _missing(get("url")) else str(get("url")),
                language=str(get("language") or "en"),
                source=f"{source}:{line}" if line is not None else source,
                event=None if _missing(event) else str(event),
                meta=meta,
                guessed=tuple(guessed),
            ),
            line=line,
        )


def kind_of(value: Any) -> str:
    """``value``'s type as words: ``a number``, ``a list``, ``an object``."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


def _title_from_text(text: str, max_words: int = 12) -> str:
    """A title guessed from the first sentence of the text, cut to ``max_words`` words."""
    from ..text import split_sentences

    spans = split_sentences(text)
    first = text[spans[0][0] : spans[0][1]] if spans else text.strip()
    words = first.split()
    return " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")


def check_mapping_names(mapping: Mapping[str, Any]) -> None:
    for k in mapping:
        if k not in FIELDS:
            raise ParameterError(f"Unknown field {k!r}; the fields are {', '.join(FIELDS)}.")
