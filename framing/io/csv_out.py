"""Cells safe to open in a spreadsheet: no formulas, no control characters.

A CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) is run as a formula by spreadsheet programs ("CSV injection"); such a cell
is written with a leading apostrophe, which spreadsheets show as text. Numbers
written as text (``-12.5``) are left alone. NUL and other control characters
(except tab, newline and carriage return, which CSV quoting holds) are removed.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["FORMULA_START", "csv_cell", "safe_frame"]

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def csv_cell(value: Any) -> Any:
    """``value`` safe for a CSV cell (strings only; anything else is returned as is).

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-12.5"), csv_cell("a\\x00b"), csv_cell(3)
    ('\\'=HYPERLINK("http://x")', '-12.5', 'ab', 3)
    """
    if not isinstance(value, str):
        return value
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    if value.startswith(FORMULA_START) and not _NUMBER.match(value):
        value = "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell passed through :func:`csv_cell` (a copy; ``df`` is not changed)."""
    out = None
    for name in df.columns:
        col = df[name]
        if isinstance(col.dtype, pd.CategoricalDtype):
            cats = col.cat.categories
            fixed = [csv_cell(c) for c in cats]
            if fixed != list(cats) and len(set(fixed)) == len(fixed):
                out = df.copy() if out is None else out
                out[name] = col.cat.rename_categories(fixed)
            continue
        if col.dtype != object and not pd.api.types.is_string_dtype(col.dtype):
            continue
        values = col.tolist()
        fixed_values = [csv_cell(v) for v in values]
        if any(a is not b for a, b in zip(values, fixed_values)):  # csv_cell returns a good cell itself
            out = df.copy() if out is None else out
            out[name] = pd.Series(fixed_values, index=col.index, dtype=col.dtype)
    return df if out is None else out
