"""Table files (JSON Lines, JSON, CSV, TSV): each bad row skipped with its line number.

A problem with one row (invalid JSON on one line, a CSV row with more or fewer
fields than the header) skips that row with its line number and keeps the others.
A problem with the whole file (invalid JSON, JSON nested too deeply to read, no
text column) raises an :class:`~framing.errors.InputError`, which a folder turns
into one skipped row for the file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from ..errors import InputError
from .records import ArticleBuilder, kind_of, resolve_columns

__all__ = ["csv_rows", "load_table_text", "parse_json"]

#: The largest CSV cell read (characters); Python's csv module stops at 131,072 by default.
MAX_CSV_CELL = 2**31 - 1


def parse_json(text: str, *, where: str, line: int | None = None) -> Any:
    """``json.loads`` whose every failure is an :class:`InputError` naming the place.

    >>> parse_json("[" * 5000 + "]" * 5000, where="deep.json")
    Traceback (most recent call last):
    ...
    framing.errors.InputError: deep.json: the JSON is nested too deeply to read (...); ...
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON: {exc.msg} at column {exc.colno}", path=where, line=exc.lineno if line is None else line
        ) from None
    except RecursionError:
        raise InputError(
            "the JSON is nested too deeply to read (more than about 1,000 levels); articles are flat objects",
            path=where,
            line=line,
        ) from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise InputError(f"invalid JSON: {exc}", path=where, line=line) from None


def _load_jsonl(raw: str, mapping, builder: ArticleBuilder, *, where: str, prefix: str) -> None:
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    # split on newlines only: str.splitlines would also cut at U+2028 inside a JSON string
    for n, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = parse_json(line, where=where, line=n)
        except InputError as exc:
            builder.skip(where, "bad record", str(exc).split(": ", 1)[-1], line=n)
            continue
        if not isinstance(rec, dict):
            builder.skip(where, "bad record", f"expected a JSON object, got {kind_of(rec)}", line=n)
            continue
        records.append(rec)
        lines.append(n)
    if not records:
        return
    keys = list(dict.fromkeys(str(k) for r in records for k in r))
    columns = resolve_columns(keys, mapping, where=where)
    for rec, n in zip(records, lines):
        builder.add_record(rec, columns, source=where, line=n, default_id=f"{prefix}{n}")


def _load_json(raw: str, mapping, builder: ArticleBuilder, *, where: str, prefix: str) -> None:
    data = parse_json(raw, where=where)
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = [data] if "text" in data or len(lists) != 1 else lists[0]
    if not isinstance(data, list):
        raise InputError(f"expected a JSON array of article objects, got {kind_of(data)}", path=where)
    keys = list(dict.fromkeys(str(k) for r in data if isinstance(r, Mapping) for k in r))
    if not keys:
        for i, r in enumerate(data):
            builder.skip(where, "bad record", f"expected an object with fields, got {kind_of(r)}", line=i + 1)
        return
    columns = resolve_columns(keys, mapping, where=where)
    for i, r in enumerate(data):
        builder.add_record(r, columns, source=where, line=i + 1, default_id=f"{prefix}{i + 1}")


@contextmanager
def _big_cells() -> Iterator[None]:
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, MAX_CSV_CELL))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _header_names(row: list[str]) -> list[str]:
    """Column names as pandas gives them: blanks ``Unnamed: k``, repeats ``name.1``, ``name.2``."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for k, name in enumerate(row):
        name = name.strip() or f"Unnamed: {k}"
        base = name
        while name in seen:
            seen[base] += 1
            name = f"{base}.{seen[base]}"
        seen.setdefault(name, 0)
        names.append(name)
    return names


def csv_rows(
    raw: str, *, sep: str, where: str, builder: ArticleBuilder
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the ``(line, row)`` pairs of a CSV/TSV text.

    ``line`` is the line the row starts on (1-based; quoted cells may span lines).
    A row with more or fewer fields than the header, or that the csv module cannot
    parse, is skipped in ``builder`` with its line number. Blank lines are ignored.

    >>> from framing.io.records import ArticleBuilder
    >>> b = ArticleBuilder()
    >>> csv_rows('text,outlet\\n"Kyiv, said",A\\nx,y,z\\n\\nok,B\\n', sep=",", where="a.csv", builder=b)
    (['text', 'outlet'], [(2, {'text': 'Kyiv, said', 'outlet': 'A'}), (5, {'text': 'ok', 'outlet': 'B'})])
    >>> [(s.line, s.detail) for s in b.skipped]
    [(3, 'the row has 3 fields where the header has 2 (an unquoted separator or line break in a cell?)')]
    """
    reader = csv.reader(io.StringIO(raw, newline=""), delimiter=sep)
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    end = 0  # the last line read so far
    with _big_cells():
        while True:
            start = end + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                end = reader.line_num
                builder.skip(where, "bad record", f"cannot parse the row: {exc}", line=start)
                continue
            end = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if header is None:
                header = _header_names(row)
                continue
            if len(row) != len(header):
                builder.skip(
                    where,
                    "bad record",
                    f"the row has {_fields(len(row))} where the header has {len(header)} "
                    "(an unquoted separator or line break in a cell?)",
                    line=start,
                )
                continue
            rows.append((start, dict(zip(header, row))))
    if header is None:
        raise InputError("the table is empty (no header row)", path=where)
    return header, rows


def _fields(n: int) -> str:
    return f"{n} field" if n == 1 else f"{n} fields"


def _load_csv(raw: str, mapping, builder: ArticleBuilder, *, where: str, prefix: str, sep: str) -> None:
    header, rows = csv_rows(raw, sep=sep, where=where, builder=builder)
    columns = resolve_columns(header, mapping, where=where)
    for line, row in rows:
        builder.add_record(row, columns, source=where, line=line, default_id=f"{prefix}{line}")


def load_table_text(raw: str, kind: str, mapping, builder: ArticleBuilder, *, where: str, prefix: str) -> None:
    """Add the articles of one table file's text (``kind``: jsonl, json, csv or tsv) to ``builder``."""
    if kind == "jsonl":
        _load_jsonl(raw, mapping, builder, where=where, prefix=prefix)
    elif kind == "json":
        _load_json(raw, mapping, builder, where=where, prefix=prefix)
    else:
        _load_csv(raw, mapping, builder, where=where, prefix=prefix, sep="\t" if kind == "tsv" else ",")
