"""The distinctive-terms analysis's tables, declared once; the column lists derive from them."""

from __future__ import annotations

from ..tables import EVENT, OUTLET, TableSpec, evidence_table
from ..tables import Column as C

__all__ = [
    "DISTINCTIVE",
    "DISTINCTIVE_EXCLUDED",
    "DISTINCTIVE_NULL",
    "DISTINCTIVE_EVIDENCE",
    "COLUMNS",
    "EXCLUDED_COLUMNS",
    "NULL_COLUMNS",
]

#: The columns of ``distinctive`` (and the first ones of ``distinctive_excluded``).
_DISTINCTIVE_COLUMNS = (
    EVENT,
    OUTLET,
    C("term", "str", "the word or phrase (folded tokens joined by spaces)"),
    C("count", "int", "its count in the outlet (in the event)"),
    C("z", "float", "normal deviate of the exact p-value on articles (positive: the outlet uses it more)"),
    C("q", "float", "Benjamini-Hochberg q over every term of the event"),
    C("ngram", "int", "1, 2 or 3"),
    C("delta", "float", "log-odds of the share of the outlet's articles using the term, minus the others'"),
    C("count_other", "int", "its count in the other outlets of the event"),
    C("p_value", "float", "exact (within an event) or stratified by event (corpus-wide) two-sided p"),
    C("null_z95", "float", "95th percentile of abs(z) under the split-half null"),
    C("null_z99", "float", "99th percentile of abs(z) under the split-half null"),
    C("beyond_null", "bool", "`q < 0.05` and `z > null_z95`"),
    C("too_little_data", "bool", "`count < 5`"),
)

DISTINCTIVE = TableSpec(
    "distinctive",
    "One row per event, outlet and term among the outlet's most distinctive terms (an exact test on the "
    "articles that use the term, against the other outlets of the event; corpus-wide rows stratified by event).",
    _DISTINCTIVE_COLUMNS,
    keys=("event", "outlet", "term"),
    evidence="distinctive_evidence",
)

DISTINCTIVE_EXCLUDED = TableSpec(
    "distinctive_excluded",
    "Terms kept out of the ranking by default (function words, bare letters, numbers, an outlet's "
    "boilerplate), with the same measures, listed apart.",
    (*_DISTINCTIVE_COLUMNS, C("excluded", "str", "why: `function word`, `letter`, `number` or `boilerplate`")),
    keys=("event", "outlet", "term"),
    kind="detail",
)

DISTINCTIVE_NULL = TableSpec(
    "distinctive_null",
    "One row per event and outlet: the split-half null distribution of z.",
    (
        EVENT,
        OUTLET,
        C("null_unit", "str", "`articles` or `sentences`: what was split in halves"),
        C("n_articles", "int", "the outlet's articles in the event"),
        C("n_terms", "int", "terms compared"),
        C("null_z95", "float", "95th percentile of abs(z) under the null"),
        C("null_z99", "float", "99th percentile"),
        C("null_max", "float", "largest abs(z) under the null"),
    ),
    keys=("event", "outlet"),
    kind="detail",
)

DISTINCTIVE_EVIDENCE = evidence_table("distinctive_evidence", "distinctive", (C("term", "str", "the term"),))

#: Columns of the ``distinctive`` table.
COLUMNS = DISTINCTIVE.column_names
#: Columns of the ``distinctive_excluded`` table: the terms kept out of the ranking, with why.
EXCLUDED_COLUMNS = DISTINCTIVE_EXCLUDED.column_names
#: Columns of the ``distinctive_null`` table.
NULL_COLUMNS = DISTINCTIVE_NULL.column_names
