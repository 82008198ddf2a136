"""Declared tables: the public contract of every results table, written once.

Each analyzer lists its tables as :class:`TableSpec` objects in its ``tables``
class attribute: name, columns (with dtype and meaning), key columns, and which
table holds its evidence sentences. Everything that handles tables reads these
declarations: :class:`~framing.analyses.base.Analyzer` conforms its output to them,
:class:`~framing.results.Results` refuses two tables of one name, the CSV writer,
the report's generic section, and the generated tables page of the docs
(``python -m framing.tables_doc > docs/tables.md``).

Columns are only ever *added* to a declared table, after the ones already there.

Examples
--------
>>> spec = TableSpec("greetings", "One row per greeting.", (EVENT, OUTLET, Column("n", "int", "greetings")),
...                  keys=("event", "outlet"))
>>> spec.empty().dtypes.astype(str).tolist()
['object', 'object', 'int64']
>>> spec.check(pd.DataFrame({"event": ["e"], "outlet": ["A"], "n": [1.5]}))
["column 'n' has dtype float64, declared int"]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "Column",
    "TableSpec",
    "EVENT",
    "OUTLET",
    "EVIDENCE_TAIL",
    "evidence_table",
    "conform",
    "tables_markdown",
]

Dtype = Literal["str", "int", "float", "bool", "datetime"]
Kind = Literal["main", "detail", "evidence", "corpus"]

_EMPTY_DTYPES: dict[str, str] = {
    "str": "object",
    "int": "int64",
    "float": "float64",
    "bool": "bool",
    "datetime": "datetime64[s]",
}


@dataclass(frozen=True, slots=True)
class Column:
    """One declared column: ``name``, ``dtype`` (str, int, float, bool, datetime), meaning."""

    name: str
    dtype: Dtype
    doc: str


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A declared results table.

    Parameters
    ----------
    name:
        Table name, also the CSV file name (``<name>.csv``).
    doc:
        One sentence: what one row is.
    columns:
        The columns, key columns first, in their written order.
    keys:
        The key columns (a row is one combination of them, or the table says otherwise).
    evidence:
        Name of the evidence table holding the sentences behind this table's rows.
    kind:
        ``main`` (a headline table, shown in the report), ``detail`` (companion table),
        ``evidence`` (sentences behind another table) or ``corpus`` (articles, events).
    """

    name: str
    doc: str
    columns: tuple[Column, ...]
    keys: tuple[str, ...] = ()
    evidence: str | None = None
    kind: Kind = "main"
    _index: Mapping[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"Table {self.name!r} declares columns twice: {', '.join(dup)}")
        missing = [k for k in self.keys if k not in names]
        if missing:
            raise ValueError(f"Table {self.name!r}: key columns {missing} are not declared columns")
        object.__setattr__(self, "_index", {c.name: c for c in self.columns})

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return self._index[name]

    def empty(self) -> pd.DataFrame:
        """An empty table with the declared columns and dtypes."""
        return pd.DataFrame({c.name: pd.Series([], dtype=_EMPTY_DTYPES[c.dtype]) for c in self.columns})

    def check(self, df: pd.DataFrame) -> list[str]:
        """What differs between ``df`` and the declaration (an empty list when none)."""
        problems: list[str] = []
        got = [str(c) for c in df.columns]
        if got != self.column_names:
            extra = [c for c in got if c not in self._index]
            missing = [c for c in self.column_names if c not in got]
            if extra:
                problems.append(f"undeclared columns {extra}")
            if missing:
                problems.append(f"missing columns {missing}")
            if not extra and not missing:
                problems.append(f"columns in another order: {got}")
        for name in got:
            col = self._index.get(name)
            if col is not None and not _dtype_ok(df[name], col.dtype):
                problems.append(f"column {name!r} has dtype {df[name].dtype}, declared {col.dtype}")
        return problems


def _dtype_ok(s: pd.Series, dtype: Dtype) -> bool:
    kind = s.dtype.kind
    if dtype == "str":
        if kind not in "OUT" and not isinstance(s.dtype, pd.StringDtype):
            return False
        if kind == "O" and len(s):
            return bool(s.map(lambda v: isinstance(v, str) or v is None or v != v).all())
        return True
    if dtype == "int":
        return kind in "iu" or (kind == "O" and len(s) == 0)
    if dtype == "float":
        return kind in "fiu" or (kind == "O" and len(s) == 0)
    if dtype == "bool":
        return kind == "b" or (kind == "O" and len(s) == 0)
    return kind == "M" or (kind == "O" and len(s) == 0)


def conform(spec: TableSpec, df: pd.DataFrame | None) -> pd.DataFrame:
    """``df`` in the declared column order; an empty table with declared dtypes when empty.

    Declared columns that ``df`` lacks are added (empty or NA); columns it has beyond the
    declaration are kept at the end, so that nothing is lost (the contract test flags both).
    """
    if df is None:
        return spec.empty()
    if len(df) == 0:
        empty = spec.empty()
        for c in df.columns:
            if c not in spec._index:
                empty[c] = df[c]
        return empty
    cols = list(df.columns)
    if cols == spec.column_names:
        return df
    out = df.copy()
    for c in spec.columns:
        if c.name not in out.columns:
            out[c.name] = pd.Series(
                np.nan if c.dtype == "float" else None,
                index=out.index,
                dtype="object" if c.dtype != "float" else "float64",
            )
    extra = [c for c in cols if c not in spec._index]
    return out[[*spec.column_names, *extra]]


# -- shared columns ---------------------------------------------------------------------

EVENT = Column("event", "str", "event label; `all` holds the corpus-wide rows")
OUTLET = Column("outlet", "str", "outlet name")

#: The columns every evidence table ends with, after its own key columns.
EVIDENCE_TAIL: tuple[Column, ...] = (
    Column("article_id", "str", "the article"),
    Column("sentence_index", "int", "0-based index of the sentence in the parsed article"),
    Column(
        "start", "int", "character offset where the match starts in the article's text (headline, blank line, body)"
    ),
    Column("end", "int", "character offset just after the match"),
    Column("match", "str", "the matched characters, as written"),
    Column("sentence", "str", "the whole sentence, as written"),
    Column("position", "str", "`headline`, `lead` (the body's first 3 sentences) or `body`"),
)


def evidence_table(
    name: str, of: str, keys: Sequence[Column], doc: str | None = None, extra: Sequence[Column] = ()
) -> TableSpec:
    """The evidence table ``name`` behind table ``of``: event, outlet, ``keys``, the tail, then ``extra``."""
    cols = (EVENT, OUTLET, *keys, *EVIDENCE_TAIL, *extra)
    return TableSpec(
        name,
        doc or f"One row per sentence behind a row of `{of}`.",
        cols,
        keys=("event", "outlet", *(k.name for k in keys), "article_id", "start"),
        kind="evidence",
    )


# -- the generated docs page ----------------------------------------------------------

_HEADER = """# Results tables

<!-- Generated from the table declarations by `python -m framing.tables_doc > docs/tables.md`;
     a test fails when this page and the declarations differ. Do not edit by hand. -->

`framing analyze SOURCE --out DIR` writes one CSV per table (UTF-8, header row);
`framing.analyze(corpus)` returns the same tables as pandas DataFrames in a `Results`
mapping. **These column names are a public contract.** Columns are only ever *added*
(after the ones listed here); none is renamed or removed. Key columns come first. Event
`all` holds the corpus-wide rows of every per-event table.

Every number can be traced to its sentences: each analysis writes an evidence table
(`<name>_evidence.csv`) whose rows carry the key columns of the table they support.
"""


def tables_markdown(groups: Iterable[tuple[str, Sequence[TableSpec]]]) -> str:
    """The tables page: one section per (title, tables)."""
    out = [_HEADER]
    for title, specs in groups:
        out.append(f"\n## {title}\n")
        for spec in specs:
            keys = ", ".join(f"`{k}`" for k in spec.keys) or "none"
            extra = f" Evidence: `{spec.evidence}`." if spec.evidence else ""
            out.append(f"\n### `{spec.name}.csv`\n\n{spec.doc} Key columns: {keys}.{extra}\n\n")
            out.append("| column | type | meaning |\n| --- | --- | --- |\n")
            for c in spec.columns:
                out.append(f"| `{c.name}` | {c.dtype} | {c.doc.replace('|', '/')} |\n")
    return "".join(out)
