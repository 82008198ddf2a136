"""Packaged lexicons (plain UTF-8 CSV files) and one loader that every analysis uses.

Loading only: finding lexicon phrases in text is :mod:`framing.matching`
(:func:`~framing.matching.lexicon_matcher`).

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

import pandas as pd

from ..errors import ParameterError

__all__ = [
    "STOP_WORD_KINDS",
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
