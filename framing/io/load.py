"""``load_corpus``: one call from files, folders, tables and records to a Corpus."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .._log import logger
from ..article import Article
from ..corpus import Corpus
from ..errors import InputError, MissingDependencyError, ParameterError
from ..text import SentenceSplitter
from .clean import BINARY_SHARE, binary_share, sniff_binary
from .encoding import decode_bytes
from .html import extract_html
from .records import DATE_ERRORS, ArticleBuilder, kind_of, parse_date, resolve_columns
from .tables import csv_rows, load_table_text, parse_json
from .textfile import split_text_file
from .walk import walk_folder

__all__ = ["HTML_SUFFIXES", "TABLE_SUFFIXES", "TEXT_SUFFIXES", "load_corpus"]

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
    follow_links: bool = False,
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
        of skipping it and recording the reason in ``corpus.skipped``. Without it, a
        bad file in a folder, or a bad row in a table, is skipped with its reason
        (and line number) and every other input is loaded.
    dedupe_text:
        Skip an article whose text repeats an earlier one (recorded as skipped).
    follow_links:
        In a folder, also read files that symbolic links outside the folder lead to
        (by default they are listed as skipped, so a folder never reads beyond itself).
    sentence_splitter:
        ``"rules"`` (default, fast) or ``"punkt"``.

    Returns
    -------
    Corpus
        With ``corpus.skipped`` listing every input that did not become an article.

    Notes
    -----
    Every text is cleaned as it is loaded (:mod:`framing.io.clean`): control
    characters, zero-width characters and soft hyphens are removed (``Ky\u200biv``
    is read as ``Kyiv``) and the text is put in Unicode NFC form. Binary files, and
    texts with no letter, are skipped with their reason.

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
        path = _check_path(source)
        side = _read_sidecar(metadata) if metadata is not None else None
        if path.is_dir():
            _load_dir(path, mapping, builder, encoding=encoding, sidecar=side, format=format, follow_links=follow_links)
        elif not path.is_file():
            raise InputError("not a regular file (a pipe, socket or device); give a file or a folder", path=str(path))
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


def _check_path(source: str | Path) -> Path:
    """``source`` as an existing path, or an error that says what is wrong with it."""
    if isinstance(source, str) and not source.strip():
        raise InputError("the path is empty. Give a folder or a file (use '.' for the current folder).")
    if isinstance(source, str) and "\x00" in source:
        raise InputError("the path holds a NUL character; it cannot name a file.", path=repr(source))
    path = Path(source)
    problem: OSError | None = None
    try:
        exists = path.exists()
    except OSError as exc:  # e.g. a name longer than the system allows
        exists, problem = False, exc
    if not exists:
        if isinstance(source, str) and ("\n" in source or len(source) > 300 or " " in source.strip()):
            raise ParameterError(
                "load_corpus expects a path, a DataFrame or a list of records; got a string that looks "
                "like text, not a path. Wrap texts as records: load_corpus([{'text': ..., 'outlet': ...}]) "
                "or use Corpus.from_texts([...])."
            )
        if problem is not None:
            raise InputError(
                f"cannot use this path: {problem.strerror or problem}. Check the path.", path=_short(str(source))
            )
        raise InputError("no such file or folder. Check the path.", path=_short(str(source)))
    return path


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,} characters)"


# -- tables and records ---------------------------------------------------------------


def _load_records(
    records: list[Any],
    mapping,
    builder: ArticleBuilder,
    *,
    where: str,
    first_line: int = 1,
    defaults: Mapping[str, Any] | None = None,
    id_prefix: str = "",
) -> None:
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
                builder.skip(
                    where, "bad record", f"expected an object with fields, got {kind_of(r)}", line=first_line + i
                )
        return
    columns = resolve_columns(keys, mapping, where=where)
    for i, r in enumerate(records):
        line = first_line + i
        builder.add_record(r, columns, source=where, line=line, default_id=f"{id_prefix}{line}", defaults=defaults)


def _load_frame(
    df: pd.DataFrame, mapping, builder: ArticleBuilder, *, where: str, first_line: int = 1, id_prefix: str = ""
) -> None:
    df = df.copy()
    df.columns = [str(c) for c in df.columns]
    columns = resolve_columns(list(df.columns), mapping, where=where)
    records = df.to_dict(orient="records")
    for i, r in enumerate(records):
        line = first_line + i
        builder.add_record(r, columns, source=where, line=line, default_id=f"{id_prefix}{line}")


def _read_text(path: Path, encoding: str | None, builder: ArticleBuilder) -> str | None:
    """The decoded text of a file, or None when it is skipped (unreadable or binary)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        builder.skip(str(path), "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return None
    what = sniff_binary(data)
    if what is not None:
        builder.skip(str(path), "not an article", f"{what}, not text")
        return None
    try:
        text, used = decode_bytes(data, encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        builder.skip(str(path), "unreadable", f"cannot decode as {encoding}: {exc}")
        return None
    share = binary_share(text)
    if share > BINARY_SHARE:
        builder.skip(
            str(path),
            "not an article",
            f"binary data, not text ({share:.0%} control or undecodable characters as {used})",
        )
        return None
    if used not in ("utf-8", "utf-8-sig"):
        logger.info("%s decoded as %s", path, used)
    return text


def _load_table_file(path: Path, kind: str, mapping, builder: ArticleBuilder, encoding: str | None) -> None:
    raw = _read_text(path, encoding, builder)
    if raw is None:
        return
    load_table_text(raw, kind, mapping, builder, where=str(path), prefix=f"{path.stem}-")


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


def _load_file(
    path: Path,
    mapping,
    builder: ArticleBuilder,
    *,
    encoding,
    format,
    sidecar,
    root: Path,
    folder_outlet: str | None = None,
) -> None:
    kind = _kind(path, format)
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    if kind is None:
        builder.skip(
            str(path), "unsupported file", f"framing reads {', '.join(TEXT_SUFFIXES + TABLE_SUFFIXES + HTML_SUFFIXES)}"
        )
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
        except Exception as exc:  # a page the HTML parser cannot handle is one bad input, not a crash
            raise InputError(
                f"cannot extract the text of the HTML page ({type(exc).__name__}: {exc})", path=str(path)
            ) from None
        if page is None:
            builder.skip(str(path), "not an article", "no main text found in the HTML page (fewer than 15 words)")
            return
        _add_file_article(
            builder,
            path,
            file_id,
            {**{k: v for k, v in page.items() if v}, **side},
            guessed_outlet=None,
            folder_outlet=folder_outlet,
            meta={"author": page.get("author")} if page.get("author") else {},
        )
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
    _add_file_article(
        builder, path, file_id, fields, guessed_outlet=parts.outlet, folder_outlet=folder_outlet, meta=meta
    )


def _add_file_article(
    builder, path: Path, file_id: str, fields: dict[str, Any], *, guessed_outlet, folder_outlet, meta
) -> None:
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
    except DATE_ERRORS as exc:
        if builder.strict:
            raise InputError(
                f"cannot parse the date {fields.get('date')!r} ({exc})", path=str(path), field="date"
            ) from None
        date = None
        meta["date_unparsed"] = fields.get("date")
    extra = {
        k: v
        for k, v in fields.items()
        if k not in ("text", "title", "outlet", "date", "url", "id", "event", "language", "file")
    }
    builder.add(
        Article(
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
        )
    )


def _read_sidecar(meta: str | Path | pd.DataFrame) -> pd.DataFrame:
    if isinstance(meta, pd.DataFrame):
        df = meta.copy()
        where = "<metadata DataFrame>"
    else:
        p = Path(meta)
        where = str(p)
        if not p.exists():
            raise InputError("metadata file not found", path=where)
        try:
            raw, _ = decode_bytes(p.read_bytes())
        except OSError as exc:
            raise InputError(f"cannot read the metadata file: {exc.strerror or exc}", path=where) from None
        if p.suffix.lower() in (".json", ".jsonl"):
            if p.suffix.lower() == ".jsonl":
                data = [parse_json(x, where=where, line=n) for n, x in enumerate(raw.split("\n"), 1) if x.strip()]
            else:
                data = parse_json(raw, where=where)
            if isinstance(data, dict):  # {"file.txt": {...}}
                data = [{"file": k, **v} if isinstance(v, dict) else {"file": k} for k, v in data.items()]
            if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
                raise InputError("a JSON metadata file holds an array of objects with a 'file' key", path=where)
            df = pd.DataFrame(data)
        else:
            header, rows = csv_rows(
                raw, sep="\t" if p.suffix.lower() == ".tsv" else ",", where=where, builder=ArticleBuilder(strict=True)
            )
            df = pd.DataFrame([r for _, r in rows], columns=header, dtype=str)
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


def _load_dir(
    root: Path, mapping, builder: ArticleBuilder, *, encoding, sidecar, format, follow_links: bool = False
) -> None:
    entries = list(walk_folder(root, follow_links=follow_links))
    if not entries:
        raise InputError("the folder holds no files to read (names starting with '.' are left out)", path=str(root))
    sidecar_paths = {root / n for n in SIDECAR_NAMES}
    if sidecar is None:
        for p in [root / n for n in SIDECAR_NAMES]:  # in order of preference
            if p.is_file():
                try:
                    sidecar = _read_sidecar(p)
                except InputError as exc:
                    builder.skip(str(p), "bad file", f"the metadata file cannot be used: {_detail(exc, p)}")
                    continue
                break
    for entry in entries:
        p = entry.path
        if p in sidecar_paths:
            continue
        if entry.reason is not None:
            builder.skip(str(p), entry.reason, entry.detail)
            continue
        rel_parts = p.relative_to(root).parts
        folder_outlet = rel_parts[0] if len(rel_parts) > 1 else None
        try:
            _load_file(
                p,
                mapping,
                builder,
                encoding=encoding,
                format=format,
                sidecar=sidecar,
                root=root,
                folder_outlet=folder_outlet,
            )
        except (ParameterError, MissingDependencyError, MemoryError):
            raise  # the call is wrong, not the file
        except InputError as exc:
            if builder.strict:
                raise
            builder.skip(str(p), "bad file", _detail(exc, p), line=exc.line)
        except Exception as exc:  # one bad file never sinks the folder
            logger.warning("%s: %s while reading it; skipped", p, type(exc).__name__, exc_info=True)
            builder.skip(str(p), "unreadable", f"{type(exc).__name__} while reading the file: {exc}")


def _detail(exc: InputError, path: Path) -> str:
    """The message of ``exc`` without its path and line (the skipped row has them), with its field."""
    where = []
    if exc.field is not None:
        where.append(f"field {exc.field!r}")
    if exc.path is not None and exc.path != str(path):
        where.insert(0, exc.path)
    return (", ".join(where) + ": " if where else "") + exc.message
