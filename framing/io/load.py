"""``load_corpus``: one call from files, folders, tables and records to a Corpus."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .._log import logger
from ..article import Article
from ..corpus import Corpus
from ..errors import InputError, MissingDependencyError, ParameterError
from ..text import SentenceSplitter
from .encoding import decode_bytes
from .html import extract_html
from .records import ArticleBuilder, parse_date, resolve_columns
from .textfile import split_text_file

__all__ = ["load_corpus", "TEXT_SUFFIXES", "TABLE_SUFFIXES", "HTML_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: File names in a folder that hold metadata for the other files (``file`` column).
SIDECAR_NAMES = ("metadata.csv", "metadata.json", "metadata.jsonl", "metadata.tsv", "_metadata.csv", "_metadata.json")
#: File stems that are documentation, not articles (listed as skipped).
NOT_ARTICLE_STEMS = ("readme", "license", "licence", "source", "changelog", "copying", "notice")
_FILE_KEYS = ("file", "filename", "file_name", "path", "name")


def load_corpus(
    source: Any,
    *,
    text: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    date: str | None = None,
    id: str | None = None,
    url: str | None = None,
    event: str | None = None,
    metadata: str | Path | pd.DataFrame | None = None,
    format: str | None = None,
    encoding: str | None = None,
    strict: bool = False,
    dedupe_text: bool = True,
    sentence_splitter: SentenceSplitter = "rules",
) -> Corpus:
    """Load articles from a folder, a file, a DataFrame or a list of dicts.

    Parameters
    ----------
    source:
        - a folder of ``.txt``/``.md`` files (titles, bylines and outlet lines are
          recognised; front matter, a sidecar ``metadata.csv``/``.json`` with a
          ``file`` column, or a folder-per-outlet layout ``<outlet>/<file>.txt``
          give metadata), ``.html`` pages (extra ``html``) and tables;
        - a ``.jsonl``, ``.json`` (array of objects), ``.csv`` or ``.tsv`` file;
        - a saved ``.html`` page;
        - a pandas DataFrame, a list of dicts, or a list of :class:`Article`.
    text, outlet, title, date, id, url, event:
        Column (or key) names holding each field, when they are not the usual
        names (``text``/``body``/``content``, ``outlet``/``source``/``publisher``,
        ``title``/``headline``, ``date``/``published``, ...).
    metadata:
        A sidecar table (path or DataFrame) mapping file names (column ``file``)
        to fields, for folders of text files.
    format:
        Force a file format: ``"jsonl"``, ``"json"``, ``"csv"``, ``"tsv"``,
        ``"txt"`` or ``"html"`` (default: from the file suffix).
    encoding:
        Force a text encoding. By default UTF-8 (with or without BOM) is tried,
        then Windows-1252, then Latin-1.
    strict:
        Raise an :class:`~framing.errors.InputError` on the first bad input instead
        of skipping it and recording the reason in ``corpus.skipped``.
    dedupe_text:
        Skip an article whose text repeats an earlier one (recorded as skipped).
    sentence_splitter:
        ``"rules"`` (default, fast) or ``"punkt"``.

    Returns
    -------
    Corpus
        With ``corpus.skipped`` listing every input that did not become an article.

    Examples
    --------
    >>> from framing import load_corpus
    >>> c = load_corpus([{"text": "Kyiv said no.", "outlet": "A"},
    ...                  {"text": "", "outlet": "B"}])
    >>> len(c), [s.reason for s in c.skipped]
    (1, ['empty text'])
    """
    mapping = {"text": text, "outlet": outlet, "title": title, "date": date, "id": id, "url": url, "event": event}
    builder = ArticleBuilder(strict=strict, dedupe_text=dedupe_text)
    if isinstance(source, Corpus):
        return source
    if isinstance(source, pd.DataFrame):
        _load_frame(source, mapping, builder, where="<DataFrame>")
    elif isinstance(source, (str, Path)):
        path = Path(source)
        if not path.exists():
            if isinstance(source, str) and ("\n" in source or len(source) > 300 or " " in source.strip()):
                raise ParameterError(
                    "load_corpus expects a path, a DataFrame or a list of records; got a string that looks "
                    "like text, not a path. Wrap texts as records: load_corpus([{'text': ..., 'outlet': ...}]) "
                    "or use Corpus.from_texts([...])."
                )
            raise InputError("no such file or folder. Check the path.", path=str(source))
        side = _read_sidecar(metadata) if metadata is not None else None
        if path.is_dir():
            _load_dir(path, mapping, builder, encoding=encoding, sidecar=side, format=format)
        else:
            _load_file(path, mapping, builder, encoding=encoding, format=format, sidecar=side, root=path.parent)
    elif isinstance(source, Iterable) and not isinstance(source, (bytes, Mapping)):
        items = list(source)
        if items and all(isinstance(x, Article) for x in items):
            for a in items:
                builder.add(a)
        else:
            _load_records(items, mapping, builder, where="<records>")
    else:
        raise ParameterError(
            f"load_corpus cannot read a {type(source).__name__}. Give a folder or file path, "
            "a pandas DataFrame, or a list of dicts with a 'text' key."
        )
    if not builder.articles:
        logger.warning("no article could be loaded from %s; %d inputs skipped", source, len(builder.skipped))
    return Corpus(builder.articles, builder.skipped, sentence_splitter=sentence_splitter)


# -- tables and records ---------------------------------------------------------------

def _load_records(records: list[Any], mapping, builder: ArticleBuilder, *, where: str, first_line: int = 1,
                  defaults: Mapping[str, Any] | None = None, id_prefix: str = "") -> None:
    keys: list[str] = []
    seen: set[str] = set()
    for r in records:
        if isinstance(r, Mapping):
            for k in r:
                if k not in seen:
                    seen.add(k)
                    keys.append(str(k))
    if not keys:
        if records:
            for i, r in enumerate(records):
                builder.skip(where, "bad record", f"expected an object with fields, got {type(r).__name__}",
                             line=first_line + i)
        return
    columns = resolve_columns(keys, mapping, where=where)
    for i, r in enumerate(records):
        line = first_line + i
        builder.add_record(r, columns, source=where, line=line, default_id=f"{id_prefix}{line}", defaults=defaults)


def _load_frame(df: pd.DataFrame, mapping, builder: ArticleBuilder, *, where: str, first_line: int = 1,
                id_prefix: str = "") -> None:
    df = df.copy()
    df.columns = [str(c) for c in df.columns]
    columns = resolve_columns(list(df.columns), mapping, where=where)
    records = df.to_dict(orient="records")
    for i, r in enumerate(records):
        line = first_line + i
        builder.add_record(r, columns, source=where, line=line, default_id=f"{id_prefix}{line}")


def _read_text(path: Path, encoding: str | None, builder: ArticleBuilder) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        builder.skip(str(path), "unreadable", str(exc))
        return None
    try:
        text, used = decode_bytes(data, encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        builder.skip(str(path), "unreadable", f"cannot decode as {encoding}: {exc}")
        return None
    if used not in ("utf-8", "utf-8-sig"):
        logger.info("%s decoded as %s", path, used)
    return text


def _load_table_file(path: Path, kind: str, mapping, builder: ArticleBuilder, encoding: str | None) -> None:
    raw = _read_text(path, encoding, builder)
    if raw is None:
        return
    where = str(path)
    prefix = f"{path.stem}-"
    if kind == "jsonl":
        records: list[Any] = []
        lines: list[int] = []
        for n, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                builder.skip(where, "bad record", f"invalid JSON: {exc.msg} at column {exc.colno}", line=n)
                continue
            if not isinstance(rec, dict):
                builder.skip(where, "bad record", f"expected a JSON object, got {type(rec).__name__}", line=n)
                continue
            records.append(rec)
            lines.append(n)
        if not records:
            return
        keys = list(dict.fromkeys(k for r in records for k in r))
        columns = resolve_columns(keys, mapping, where=where)
        for rec, n in zip(records, lines):
            builder.add_record(rec, columns, source=where, line=n, default_id=f"{prefix}{n}")
    elif kind == "json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", path=where, line=exc.lineno) from None
        if isinstance(data, dict):
            lists = [v for v in data.values() if isinstance(v, list)]
            if "text" in data or len(lists) != 1:
                data = [data]
            else:
                data = lists[0]
        if not isinstance(data, list):
            raise InputError("expected a JSON array of article objects", path=where)
        _load_records(data, mapping, builder, where=where, id_prefix=prefix)
    else:
        sep = "\t" if kind == "tsv" else ","
        try:
            df = pd.read_csv(io.StringIO(raw), sep=sep, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise InputError(f"cannot parse as {kind.upper()}: {exc}", path=where) from None
        # line numbers: header is line 1 (multi-line quoted cells make this approximate)
        _load_frame(df, mapping, builder, where=where, first_line=2, id_prefix=prefix)


def _kind(path: Path, format: str | None) -> str | None:
    if format is not None:
        allowed = ("jsonl", "json", "csv", "tsv", "txt", "html")
        if format not in allowed:
            raise ParameterError(
                f"The 'format' parameter of load_corpus must be one of {', '.join(map(repr, allowed))}. "
                f"Got {format!r} instead."
            )
        return format
    suf = path.suffix.lower()
    if suf in TEXT_SUFFIXES:
        return "txt"
    if suf in HTML_SUFFIXES:
        return "html"
    if suf in (".jsonl", ".ndjson"):
        return "jsonl"
    if suf in (".json", ".csv", ".tsv"):
        return suf[1:]
    return None


def _load_file(path: Path, mapping, builder: ArticleBuilder, *, encoding, format, sidecar, root: Path,
               folder_outlet: str | None = None) -> None:
    kind = _kind(path, format)
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    if kind is None:
        builder.skip(str(path), "unsupported file",
                     f"framing reads {', '.join(TEXT_SUFFIXES + TABLE_SUFFIXES + HTML_SUFFIXES)}")
        return
    if kind in ("jsonl", "json", "csv", "tsv"):
        _load_table_file(path, kind, mapping, builder, encoding)
        return
    if path.stem.lower() in NOT_ARTICLE_STEMS:
        builder.skip(str(path), "not an article", "documentation file (README, LICENSE, SOURCE, ...)")
        return
    raw = _read_text(path, encoding, builder)
    if raw is None:
        return
    side = _sidecar_row(sidecar, path, rel)
    file_id = str(Path(rel).with_suffix("").as_posix())
    if kind == "html":
        try:
            page = extract_html(raw)
        except MissingDependencyError:
            raise
        if page is None:
            builder.skip(str(path), "not an article", "no main text found in the HTML page (fewer than 15 words)")
            return
        fields = {**{k: v for k, v in page.items() if v}, **side}
        _add_file_article(builder, path, file_id, fields, guessed_outlet=None, folder_outlet=folder_outlet,
                          meta={"author": page.get("author")} if page.get("author") else {})
        return
    parts = split_text_file(raw)
    fields: dict[str, Any] = {"text": parts.text}
    if parts.title:
        fields["title"] = parts.title
    fields.update(parts.front_matter)
    fields.update(side)
    meta = {}
    if parts.byline:
        meta["byline"] = parts.byline
    if parts.outlet_line:
        meta["outlet_line"] = parts.outlet_line
    _add_file_article(builder, path, file_id, fields, guessed_outlet=parts.outlet, folder_outlet=folder_outlet,
                      meta=meta)


def _add_file_article(builder, path: Path, file_id: str, fields: dict[str, Any], *, guessed_outlet,
                      folder_outlet, meta) -> None:
    from .records import _title_from_text

    guessed = []
    text = fields.get("text") or ""
    outlet = fields.get("outlet") or fields.get("source") or fields.get("publisher")
    if not outlet:
        if folder_outlet:
            outlet = folder_outlet
        elif guessed_outlet:
            outlet = guessed_outlet
            guessed.append("outlet")
        else:
            outlet = Path(file_id).name  # one file, one outlet, until the user says otherwise
            guessed.append("outlet")
    title = fields.get("title")
    if not title:
        title = _title_from_text(text) if text.strip() else ""
        guessed.append("title")
    try:
        date = parse_date(fields.get("date"))
    except (ValueError, TypeError, OverflowError) as exc:
        if builder.strict:
            raise InputError(f"cannot parse the date {fields.get('date')!r} ({exc})", path=str(path),
                             field="date") from None
        date = None
        meta["date_unparsed"] = fields.get("date")
    extra = {k: v for k, v in fields.items()
             if k not in ("text", "title", "outlet", "date", "url", "id", "event", "language", "file")}
    builder.add(Article(
        id=str(fields.get("id") or file_id),
        outlet=str(outlet),
        title=str(title),
        text=text,
        date=date,
        url=fields.get("url") or None,
        language=str(fields.get("language") or "en"),
        source=str(path),
        event=str(fields["event"]) if fields.get("event") else None,
        meta={**extra, **meta},
        guessed=tuple(guessed),
    ))


def _read_sidecar(meta: str | Path | pd.DataFrame) -> pd.DataFrame:
    if isinstance(meta, pd.DataFrame):
        df = meta.copy()
        where = "<metadata DataFrame>"
    else:
        p = Path(meta)
        where = str(p)
        if not p.exists():
            raise InputError("metadata file not found", path=where)
        raw, _ = decode_bytes(p.read_bytes())
        if p.suffix.lower() in (".json", ".jsonl"):
            if p.suffix.lower() == ".jsonl":
                data = [json.loads(x) for x in raw.splitlines() if x.strip()]
            else:
                data = json.loads(raw)
            if isinstance(data, dict):  # {"file.txt": {...}}
                data = [{"file": k, **v} for k, v in data.items()]
            df = pd.DataFrame(data)
        else:
            df = pd.read_csv(io.StringIO(raw), sep="\t" if p.suffix.lower() == ".tsv" else ",", dtype=str,
                             keep_default_na=False)
    df.columns = [str(c).lower() for c in df.columns]
    key = next((k for k in _FILE_KEYS if k in df.columns), None)
    if key is None:
        raise InputError(
            f"a metadata table needs a column naming the files ({', '.join(_FILE_KEYS)}); "
            f"found {', '.join(df.columns)}",
            path=where,
        )
    return df.rename(columns={key: "file"})


def _sidecar_row(side: pd.DataFrame | None, path: Path, rel: str) -> dict[str, Any]:
    if side is None:
        return {}
    for cand in (rel, path.name, path.stem):
        hit = side[side["file"] == cand]
        if len(hit):
            row = hit.iloc[0].to_dict()
            return {k: v for k, v in row.items() if k != "file" and v not in (None, "") and v == v}
    return {}


def _load_dir(root: Path, mapping, builder: ArticleBuilder, *, encoding, sidecar, format) -> None:
    files = sorted(p for p in root.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(root).parts))
    if sidecar is None:
        for name in SIDECAR_NAMES:
            if (root / name).exists():
                sidecar = _read_sidecar(root / name)
                break
    sidecar_paths = {root / n for n in SIDECAR_NAMES}
    if not files:
        raise InputError("the folder holds no files", path=str(root))
    for p in files:
        if p in sidecar_paths:
            continue
        rel_parts = p.relative_to(root).parts
        folder_outlet = rel_parts[0] if len(rel_parts) > 1 else None
        _load_file(p, mapping, builder, encoding=encoding, format=format, sidecar=sidecar, root=root,
                   folder_outlet=folder_outlet)
