"""The declared corpus tables: ``articles`` (every input) and ``events`` (the grouping).

Written once here, read by :meth:`framing.Corpus.to_frame`, :func:`framing.analyze`,
:func:`framing.events_table` and the generated tables page.
"""

from __future__ import annotations

from .tables import Column as C
from .tables import TableSpec

__all__ = ["ARTICLES", "EVENTS", "HEADLINES"]

ARTICLES = TableSpec(
    "articles",
    "One row per input: the analysed articles and every skipped input with its reason.",
    (
        C("id", "str", "article id (file path without suffix for files; the id column or `<file>-<line>` for tables)"),
        C("outlet", "str", "outlet name (guessed ones are marked in `guessed`)"),
        C("title", "str", "headline (guessed ones are marked in `guessed`)"),
        C("date", "datetime", "publication date, empty when unknown"),
        C("event", "str", "event label (given, or `E01`, `E02`, ... from grouping)"),
        C("status", "str", "`analyzed` or `skipped`"),
        C("reason", "str", "for skipped inputs: the reason and detail"),
        C("source", "str", "the file (and `:line`) the input came from"),
        C("n_words", "int", "number of word tokens"),
        C("guessed", "str", "fields framing guessed, comma-separated (`title`, `outlet`)"),
        C("url", "str", "the article's URL, when given"),
        C("language", "str", "the article's language, when given"),
    ),
    keys=("id",),
    kind="corpus",
)

EVENTS = TableSpec(
    "events",
    "One row per event: its size, outlets, date range and keywords, to check the grouping.",
    (
        C("event", "str", "event label"),
        C("n_articles", "int", "articles in the event"),
        C("n_outlets", "int", "outlets in the event"),
        C("outlets", "str", "outlet names, `; `-separated"),
        C("first_date", "datetime", "first date (empty without dates)"),
        C("last_date", "datetime", "last date (empty without dates)"),
        C("keywords", "str", "the event's top TF-IDF terms"),
        C("method", "str", "`given` or `similarity`"),
        C("flag", "str", "`topic` when the group is of topic size (many articles, or dates months apart), else empty"),
        C("advice", "str", "what to do about a flagged group, in plain words"),
    ),
    keys=("event",),
    kind="corpus",
)

HEADLINES = TableSpec(
    "headlines",
    "One row per finding that stands in a headline (from every analysis's evidence): what each outlet "
    "puts in its headlines, and whether the body repeats it.",
    (
        C("event", "str", "event label"),
        C("outlet", "str", "outlet name"),
        C("article_id", "str", "the article"),
        C("headline", "str", "the headline"),
        C("analysis", "str", "the analysis that found it (`naming`, `loaded`, ...)"),
        C("table", "str", "its evidence table"),
        C("label", "str", "what was found: the evidence table's key values joined by ` / ` (e.g. `Kyiv / Kiev`)"),
        C("match", "str", "the words in the headline"),
        C("start", "int", "character offset in the article's text (the headline comes first)"),
        C("end", "int", "character offset just after the match"),
        C("in_body", "bool", "the same finding (same label) also stands in the article's body"),
    ),
    keys=("event", "outlet", "article_id", "table", "label", "start"),
    kind="main",
)
