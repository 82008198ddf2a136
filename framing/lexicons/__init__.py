"""Packaged lexicons (plain UTF-8 CSV files) and one loader that every analysis uses.

A lexicon is a CSV file with a header and a ``source`` column saying where each
row comes from. The packaged files live next to this module and are read lazily
with :mod:`importlib.resources`; their provenance and licences are in
``framing/lexicons/README.md``. Users pass their own lexicon as a path or a
DataFrame wherever an analysis takes one.

>>> "naming_variants" in list_lexicons()
True
>>> df = load_lexicon("naming_variants", required=["group", "variant"], owner="doctest")
>>> {"Kyiv", "Kiev"} <= set(df["variant"])
True
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Union

import numpy as np
import pandas as pd

from ..errors import ParameterError

__all__ = [
    "STOP_WORD_KINDS",
    "keep_longest",
    "keep_longest_mask",
    "lexicon_matcher",
    "list_lexicons",
    "load_lexicon",
    "split_list",
    "stop_words",
]

LexiconLike = Union[str, "PathLike[str]", pd.DataFrame]


def _package_dir():
    return resources.files("framing").joinpath("lexicons")


def list_lexicons() -> list[str]:
    """Names of the packaged lexicons (CSV file stems), sorted.

    >>> "loaded_language" in list_lexicons()
    True
    """
    names = [p.name[:-4] for p in _package_dir().iterdir() if p.name.endswith(".csv")]
    return sorted(names)


def _read_csv(text: str, where: str) -> pd.DataFrame:
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    except Exception as exc:  # pandas raises several types for malformed CSV
        raise ParameterError(f"Could not read the lexicon {where} as CSV: {exc}") from exc
    return df


def load_lexicon(
    lexicon: LexiconLike,
    *,
    required: list[str] | tuple[str, ...] = (),
    owner: str = "load_lexicon",
) -> pd.DataFrame:
    """Load a lexicon: a packaged name, a CSV path, or a DataFrame.

    Parameters
    ----------
    lexicon:
        A packaged lexicon name such as ``"naming_variants"`` (see
        :func:`list_lexicons`), a path to a UTF-8 CSV file with a header, or a
        DataFrame (used as is, copied).
    required:
        Columns the caller needs; a clear :class:`~framing.errors.ParameterError`
        names the lexicon and the missing columns.
    owner:
        Who asks (used in error messages), e.g. ``"NamingAnalyzer"``.

    Returns
    -------
    DataFrame
        String columns with surrounding whitespace stripped, missing cells as
        ``""``, blank rows dropped.

    Examples
    --------
    >>> import pandas as pd
    >>> load_lexicon(pd.DataFrame({"term": [" snub "]}), required=["term"], owner="me")["term"].tolist()
    ['snub']
    """
    if isinstance(lexicon, pd.DataFrame):
        df = lexicon.copy()
        where = "given as a DataFrame"
    elif isinstance(lexicon, (str, PathLike)):
        name = str(lexicon)
        path = Path(name)
        packaged = _package_dir().joinpath(f"{name}.csv") if "/" not in name and "\\" not in name else None
        if packaged is not None and not name.endswith(".csv") and packaged.is_file():
            df = _read_csv(packaged.read_text(encoding="utf-8"), f"{name!r} (packaged)")
            where = f"{name!r} (packaged file lexicons/{name}.csv)"
        elif path.is_file():
            df = _read_csv(path.read_text(encoding="utf-8-sig"), str(path))
            where = str(path)
        else:
            raise ParameterError(
                f"{owner}: no lexicon {name!r}. Give a packaged name ({', '.join(list_lexicons())}), "
                "a path to a CSV file, or a DataFrame."
            )
    else:
        raise ParameterError(
            f"{owner}: a lexicon must be a packaged name, a path to a CSV file or a DataFrame; "
            f"got {type(lexicon).__name__}."
        )
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ParameterError(
            f"{owner}: the lexicon {where} lacks the required column(s) {', '.join(map(repr, missing))}; "
            f"it has {', '.join(map(repr, df.columns))}."
        )
    for c in df.columns:
        if df[c].dtype == object or pd.api.types.is_string_dtype(df[c]):
            df[c] = df[c].fillna("").astype(str).str.strip()
    if len(df.columns):
        blank = (df.astype(str).apply(lambda s: s.str.strip()) == "").all(axis=1)
        df = df[~blank]
    return df.reset_index(drop=True)


def split_list(value: str, sep: str = "|") -> list[str]:
    """Split a ``|``-separated lexicon cell into its non-empty stripped parts.

    >>> split_list("Chicken Kiev| Dynamo Kiev |")
    ['Chicken Kiev', 'Dynamo Kiev']
    """
    if not isinstance(value, str) or not value:
        return []
    return [p.strip() for p in value.split(sep) if p.strip()]


#: The kinds of words in the packaged stop-word list (``stopwords.csv``): ``english``
#: (the general English list of scikit-learn, from the Glasgow IR group), ``reporting``
#: (said, says, told, according), ``fragment`` (pieces of contractions: s, t, ll ...),
#: ``title`` (mr, mrs, ms), ``news_generic`` (new, year, years).
STOP_WORD_KINDS = ("english", "reporting", "fragment", "title", "news_generic")


def stop_words(kinds: Iterable[str] | None = None) -> frozenset[str]:
    """The one stop-word list (``framing/lexicons/stopwords.csv``), or the words of some kinds.

    Parameters
    ----------
    kinds:
        Which kinds of :data:`STOP_WORD_KINDS` to take (default: all).

    >>> {"the", "said", "mr"} <= stop_words()
    True
    >>> "said" in stop_words(["english"]), len(stop_words(["english"]))
    (False, 318)
    """
    wanted = STOP_WORD_KINDS if kinds is None else tuple(dict.fromkeys([kinds] if isinstance(kinds, str) else kinds))
    unknown = [k for k in wanted if k not in STOP_WORD_KINDS]
    if unknown:
        raise ParameterError(
            f"stop_words: unknown kind(s) {', '.join(map(repr, unknown))}; choose from {', '.join(STOP_WORD_KINDS)}."
        )
    return _stop_words(tuple(sorted(wanted)))


@lru_cache(maxsize=16)
def _stop_words(kinds: tuple[str, ...]) -> frozenset[str]:
    df = load_lexicon("stopwords", required=["word", "kind"], owner="stop_words")
    return frozenset(df.loc[df["kind"].isin(kinds), "word"].str.lower())


def lexicon_matcher(phrases, keys, excludes=None, *, owner: str = "lexicon_matcher"):
    """A :class:`~framing.matching.PhraseMatcher` for lexicon rows.

    Parameters
    ----------
    phrases, keys:
        The phrase of each row and the key to report it as (e.g. the row number).
    excludes:
        For each row, a ``|``-separated list of fixed expressions in which the
        phrase must not count ("Chicken Kiev" for "Kiev"). Expressions that do not
        contain the phrase as whole words can never apply (matching is by whole
        normalised words, so "Kievan Rus" never matches "Kiev") and are ignored
        with a debug log line.

    A one-word phrase also counts in hyphenated compounds ("Kiev" in "pro-Kiev"), with
    the whole compound as the match (``PhraseMatcher(..., parts=True)``).

    >>> from framing import Corpus
    >>> m = lexicon_matcher(["Kiev"], [0], ["Chicken Kiev|Kievan Rus"])
    >>> len(m.find(Corpus.from_texts(["Chicken Kiev in Kiev."])))
    1
    """
    from .._log import logger
    from ..matching import PhraseMatcher, phrase_tokens

    phrases = list(phrases)
    keys = list(keys)
    excludes = list(excludes) if excludes is not None else [""] * len(phrases)
    exclusions: dict[str, list[str]] = {}
    seen: dict[tuple[str, ...], str] = {}
    for phrase, ex in zip(phrases, excludes):
        toks = phrase_tokens(phrase)
        if not toks:
            raise ParameterError(f"{owner}: the lexicon phrase {phrase!r} has no word in it.")
        canon = seen.setdefault(toks, phrase)  # one exclusion list per normalised phrase
        for expr in split_list(ex):
            etoks = phrase_tokens(expr)
            ok = any(etoks[i : i + len(toks)] == toks for i in range(len(etoks) - len(toks) + 1))
            if not ok:
                logger.debug("%s: exclusion %r does not contain %r as whole words; ignored", owner, expr, phrase)
                continue
            lst = exclusions.setdefault(canon, [])
            if expr not in lst:
                lst.append(expr)
    return PhraseMatcher(zip(phrases, keys), exclusions=exclusions, parts=True)


def keep_longest(hits: pd.DataFrame, by: str) -> pd.DataFrame:
    """Drop matches that lie inside a longer match of the same ``by`` value in the same article.

    ``hits`` has the columns of :meth:`~framing.matching.PhraseMatcher.find` plus
    ``by`` (e.g. ``group``). So "full-scale invasion" counts once, not also as
    "invasion"; overlapping matches in different groups are all kept.

    >>> h = pd.DataFrame({"article_id": ["a", "a"], "g": ["w", "w"],
    ...                   "token_start": [3, 4], "token_end": [5, 5]})
    >>> keep_longest(h, "g")["token_start"].tolist()
    [3]
    """
    if len(hits) < 2:
        return hits
    article = pd.factorize(hits["article_id"].to_numpy())[0]
    group = pd.factorize(hits[by].to_numpy())[0]
    keep = keep_longest_mask(article, group, hits["token_start"].to_numpy(), hits["token_end"].to_numpy())
    return hits[keep]


def keep_longest_mask(article, group, token_start, token_end) -> np.ndarray:
    """:func:`keep_longest` on arrays: which matches to keep (parallel integer arrays, any order).

    A match is dropped when it lies inside a longer match of the same group in the same
    article (``article`` and ``group`` are codes: equal values, same article or group).

    >>> keep_longest_mask(np.array([0, 0, 0]), np.array([0, 0, 1]), np.array([3, 4, 4]), np.array([5, 5, 5])).tolist()
    [True, False, True]
    """
    art, grp = np.asarray(article), np.asarray(group)
    st, en = np.asarray(token_start), np.asarray(token_end)
    if len(st) < 2:
        return np.ones(len(st), dtype=bool)
    order = np.lexsort((st - en, st, grp, art))  # by article, group, start, longest first (stable)
    art, grp, st, en = art[order], grp[order], st[order], en[order]
    # within each (article, group) run (sorted by start, longest first), a match is covered
    # when it starts before and ends within the furthest end of the earlier matches of the
    # run (a covered match never extends that reach, so covered or not they all count)
    run = np.cumsum(np.r_[True, (art[1:] != art[:-1]) | (grp[1:] != grp[:-1])])
    big = int(en.max()) + 2
    reach = np.maximum.accumulate(run * big + en)  # running max of ends, reset per run
    prev = np.r_[-1, reach[:-1]] - run * big  # furthest earlier end in the same run, or < 0
    keep = np.empty(len(order), dtype=bool)
    keep[order] = ~((st < prev) & (en <= prev))
    return keep
