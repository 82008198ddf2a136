"""The actor lexicon and the side schemes: loading only (finding actors is
:class:`framing.extract.actor_lexicon.ActorFinder`).

``actors.csv`` lists actors with their aliases, side, type and source; ``sides.csv``
holds side schemes (``us_politics``), side cues (demonyms and party words) and the
countries of each side. Users pass their own rows as a CSV path, a DataFrame or a dict.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..text import tokenize
from . import load_lexicon

__all__ = ["ACTOR_LEXICON_COLUMNS", "SIDE_SCHEMES", "load_actor_lexicon", "load_side_scheme", "side_cues"]

ACTOR_LEXICON_COLUMNS = ["actor", "alias", "side", "type", "source"]

#: Side schemes shipped in ``sides.csv`` (besides the actor lexicon's own ``side`` column).
SIDE_SCHEMES = ("default", "us_politics")


def _read_user_table(value: Any, what: str, columns: list[str]) -> pd.DataFrame:
    if isinstance(value, pd.DataFrame):
        df = value.copy()
    elif isinstance(value, (str, Path)):
        p = Path(value)
        if not p.exists():
            raise ParameterError(f"The {what} file {str(p)!r} does not exist.")
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
    elif isinstance(value, Mapping):
        df = pd.DataFrame({columns[0]: list(value.keys()), columns[1]: list(value.values())})
    else:
        raise ParameterError(
            f"The {what} must be a path to a CSV file, a DataFrame or a dict; got {type(value).__name__}."
        )
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ParameterError(f"The {what} needs the columns {columns}; missing {missing}.")
    return df.astype(str)


def load_actor_lexicon(extra: Any = None, *, replace: bool = False) -> pd.DataFrame:
    """The actor lexicon (actor, alias, side, type, source), packaged rows plus ``extra``.

    ``extra`` is a path to a CSV, a DataFrame (columns actor, alias; side, type and
    source optional) or a dict alias -> actor. With ``replace=True`` the packaged rows
    are dropped.

    >>> lex = load_actor_lexicon({"Anneliese Brunner": "Anneliese Brunner"})
    >>> lex[lex["alias"] == "Madinsky"].empty, "Anneliese Brunner" in set(lex["actor"])
    (True, True)
    """
    base = load_lexicon("actors", owner="load_actor_lexicon")
    if extra is None:
        return base
    if isinstance(extra, Mapping):
        extra = pd.DataFrame({"actor": list(extra.values()), "alias": list(extra.keys())})
    user = _read_user_table(extra, "actor lexicon", ["actor", "alias"])
    for c in ACTOR_LEXICON_COLUMNS:
        if c not in user.columns:
            user[c] = "user" if c == "source" else ("person" if c == "type" else "")
    user = user[ACTOR_LEXICON_COLUMNS]
    if not replace:
        # A user side for a packaged actor overrides the packaged one.
        known = dict(zip(user.loc[user["side"] != "", "actor"], user.loc[user["side"] != "", "side"]))
        if known:
            base = base.copy()
            base["side"] = [known.get(a, s) for a, s in zip(base["actor"], base["side"])]
    out = user if replace else pd.concat([base, user], ignore_index=True)
    return out.drop_duplicates(["actor", "alias"], keep="last").reset_index(drop=True)


def load_side_scheme(sides: Any) -> dict[str, str]:
    """Actor -> side overrides: None/"default" (none), "us_politics", a dict, a CSV path or a DataFrame.

    A CSV or DataFrame needs the columns ``actor`` and ``side``.
    """
    if sides is None or (isinstance(sides, str) and sides == "default"):
        return {}
    if isinstance(sides, str) and sides in SIDE_SCHEMES:
        df = load_lexicon("sides", owner="framing sides")
        df = df[df["scheme"] == sides]
        return dict(zip(df["name"], df["side"]))
    if isinstance(sides, Mapping):
        return {str(k): str(v) for k, v in sides.items()}
    if isinstance(sides, str) and not Path(sides).exists():
        raise ParameterError(
            f"The 'sides' parameter must be one of {', '.join(map(repr, SIDE_SCHEMES))}, a dict actor -> side, "
            f"or a CSV file with columns actor, side. Got {sides!r}, which is neither a scheme nor a file."
        )
    df = _read_user_table(sides, "sides mapping", ["actor", "side"])
    return dict(zip(df["actor"], df["side"]))


@lru_cache(maxsize=1)
def side_cues() -> dict[str, str]:
    """Folded demonym / party word -> side (``sides.csv`` rows of scheme ``cues``)."""
    df = load_lexicon("sides", owner="framing sides")
    df = df[df["scheme"] == "cues"]
    out: dict[str, str] = {}
    for name, side in zip(df["name"], df["side"]):
        toks = tuple(tokenize(name)[0])
        if toks:
            out[" ".join(toks)] = side
    return out
