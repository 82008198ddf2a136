"""Results: the tables of one analysis run, by name."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from .corpus import Corpus
from .tables import TableSpec

__all__ = ["Results"]


class Results(Mapping[str, pd.DataFrame]):
    """A read-only mapping from table name to tidy DataFrame, with the analysed corpus.

    ``results["naming"]`` is a table; ``results.corpus`` the corpus (with events)
    that produced it; ``results.specs`` the declared table of each name
    (:class:`framing.tables.TableSpec`); :meth:`to_csv` writes every table as
    ``<name>.csv``.
    """

    def __init__(
        self,
        corpus: Corpus,
        tables: Mapping[str, pd.DataFrame],
        *,
        specs: Mapping[str, TableSpec] | None = None,
        params: Mapping | None = None,
    ) -> None:
        self._corpus = corpus
        self._tables = dict(tables)
        self.specs: dict[str, TableSpec] = dict(specs or {})
        self.params = dict(params or {})

    @property
    def analyses(self) -> list[str]:
        """Names of the analyses that produced these results, in order."""
        return list(self.params.get("analyses", []))

    @property
    def corpus(self) -> Corpus:
        return self._corpus

    def __getitem__(self, name: str) -> pd.DataFrame:
        try:
            return self._tables[name]
        except KeyError:
            raise KeyError(f"No table {name!r}; available: {', '.join(self._tables)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}: {len(v)}" for k, v in self._tables.items())
        return f"<Results for {len(self._corpus)} articles; {sizes}>"

    def to_csv(self, directory: str | Path) -> list[Path]:
        """Write each table to ``directory/<name>.csv`` (UTF-8); returns the paths.

        Text cells are made safe for spreadsheets (:func:`framing.io.csv_out.csv_cell`):
        no control characters, and a cell that starts like a formula (``=``, ``+``,
        ``-``, ``@``) is written with a leading apostrophe.
        """
        from .io.csv_out import safe_frame

        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, df in self._tables.items():
            p = out / f"{name}.csv"
            safe_frame(df).to_csv(p, index=False, encoding="utf-8")
            paths.append(p)
        return paths
