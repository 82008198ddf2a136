"""Outlet groups: a user-given grouping of outlets (e.g. AllSides' ``bias_text``) and group profiles.

A grouping is given as

- the name of an article field (a column of the input, kept in ``Article.meta``, such as
  ``bias_text``): each outlet gets the value most of its articles carry;
- a path to a CSV or TSV file with columns ``outlet`` and ``group``;
- a mapping ``{outlet: group}``.

:func:`group_profiles` compares the groups the way the outlet profiles compare outlets:
articles, loaded-language rate with its exact Poisson interval, share of quotes per side,
facts carried alone and common facts left out. It only sums the analyses' per-outlet
rows; it measures nothing new.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ParameterError
from .stats import poisson_rate_interval
from .tables import Column, TableSpec

__all__ = ["GROUP_PROFILES", "group_profiles", "resolve_groups"]

#: The table written beside the report (``outlet_groups.csv``) when a grouping is given.
GROUP_PROFILES = TableSpec(
    "outlet_groups",
    "One row per outlet group: the corpus-wide rows of its outlets summed (written beside the report when "
    "a grouping is given).",
    (
        Column("group", "str", "group name, from the grouping the user gave"),
        Column("outlets", "str", "member outlets, `; `-separated"),
        Column("n_outlets", "int", "member outlets"),
        Column("n_articles", "int", "analysed articles of the member outlets"),
        Column("loaded_count", "int", "loaded-word hits (category `loaded`, corpus-wide rows)"),
        Column("n_words", "int", "words of the member outlets' articles"),
        Column("loaded_per_1k", "float", "loaded words per 1,000 words"),
        Column("loaded_ci_low", "float", "exact Poisson 95% interval, low"),
        Column("loaded_ci_high", "float", "exact Poisson 95% interval, high"),
        Column("n_quotes", "int", "quotations with a speaker (scare quotes left out)"),
        Column("side_shares", "str", "share of those quotes per side, `side: share; ...`"),
        Column("n_unique_facts", "int", "facts only one outlet of its event carries, summed over events"),
        Column("n_omitted_common", "int", "facts most outlets of an event carry that the outlet leaves out, summed"),
    ),
    keys=("group",),
)


def resolve_groups(spec: str | Path | Mapping[str, str] | None, corpus) -> tuple[dict[str, str], str]:
    """``{outlet: group}`` and a description of where the grouping came from.

    Raises
    ------
    ParameterError
        When ``spec`` is neither an article field, a readable file, nor a mapping.
    """
    if spec is None or spec == "":
        return {}, ""
    if isinstance(spec, Mapping):
        return {str(k): str(v) for k, v in spec.items()}, "a given mapping"
    text = str(spec)
    fields = set()
    for a in corpus.articles[:2000]:
        fields.update(a.meta.keys())
    if text in fields:
        vals = pd.DataFrame([(a.outlet, a.meta.get(text)) for a in corpus.articles], columns=["outlet", "g"])
        vals = vals.dropna()
        vals = vals[vals["g"].astype(str) != ""]
        major = vals.groupby("outlet")["g"].agg(lambda s: s.astype(str).value_counts().index[0])
        return major.to_dict(), f"the articles' '{text}' field"
    path = Path(text)
    if path.is_file():
        sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
        try:
            df = pd.read_csv(path, sep=sep, dtype=str)
        except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise ParameterError(f"Could not read the outlet groups file {path}: {exc}") from None
        cols = {c.lower().strip(): c for c in df.columns}
        if "outlet" not in cols or "group" not in cols:
            raise ParameterError(
                f"The outlet groups file {path} needs columns 'outlet' and 'group'; "
                f"it has {', '.join(map(str, df.columns))}."
            )
        df = df.dropna(subset=[cols["outlet"], cols["group"]])
        return dict(zip(df[cols["outlet"]].str.strip(), df[cols["group"]].str.strip())), f"the file {path.name}"
    known = ", ".join(sorted(fields)[:12]) or "none"
    raise ParameterError(
        f"outlet groups {text!r} is neither an article field (fields: {known}) nor a file with columns "
        "'outlet' and 'group'. Give a column name such as bias_text, or a CSV mapping outlets to groups."
    )


def group_profiles(results: Mapping[str, pd.DataFrame], groups: Mapping[str, str]) -> pd.DataFrame:
    """The :data:`GROUP_PROFILES` table: each group's outlets' rows summed.

    ``results`` is a :class:`framing.Results` or any mapping of table name to table.
    """
    if not groups:
        return GROUP_PROFILES.empty()
    arts = results["articles"]
    ok = arts[arts["status"] == "analyzed"]
    member = ok["outlet"].astype(str).map(lambda o: groups.get(o))
    rows = []
    loaded = _get(results, "loaded")
    voice = _get(results, "voice_share")
    cov = _get(results, "coverage")
    present = set(ok["outlet"].astype(str))
    # the corpus-wide rows, cut once
    if loaded is not None and len(loaded):
        loaded = loaded[
            (loaded["event"].astype(str) == "all") & (loaded["term"] == "*") & (loaded["category"] == "loaded")
        ]
    if voice is not None and len(voice):
        voice = voice[voice["event"].astype(str) == "all"]
    if cov is not None and len(cov):
        cov = cov[cov["event"].astype(str) != "all"]
    for g in sorted({v for v in groups.values() if v is not None}):
        outlets = sorted(o for o, v in groups.items() if v == g and o in present)
        if not outlets:
            continue
        row = {
            "group": g,
            "outlets": "; ".join(outlets),
            "n_outlets": len(outlets),
            "n_articles": int((member == g).sum()),
        }
        cnt = words = 0
        if loaded is not None and len(loaded):
            lr = loaded[
                (loaded["event"].astype(str) == "all")
                & (loaded["term"] == "*")
                & (loaded["category"] == "loaded")
                & loaded["outlet"].astype(str).isin(outlets)
            ]
            cnt, words = int(lr["count"].sum()), int(lr["n_words"].sum())
        lo, hi = poisson_rate_interval(cnt, words) if words else (np.nan, np.nan)
        row.update(
            loaded_count=cnt,
            n_words=words,
            loaded_per_1k=(1000 * cnt / words) if words else np.nan,
            loaded_ci_low=float(lo),
            loaded_ci_high=float(hi),
        )
        shares = ""
        nq = 0
        if voice is not None and len(voice):
            v = voice[(voice["event"].astype(str) == "all") & voice["outlet"].astype(str).isin(outlets)]
            per = v.groupby(v["side"].fillna("unknown"))["n_quotes"].sum().sort_values(ascending=False)
            nq = int(per.sum())
            shares = "; ".join(f"{s}: {n / nq:.2f}" for s, n in per.items() if n) if nq else ""
        row.update(n_quotes=nq, side_shares=shares)
        if cov is not None and len(cov):
            c = cov[(cov["event"].astype(str) != "all") & cov["outlet"].astype(str).isin(outlets)]
            row.update(n_unique_facts=int(c["n_unique"].sum()), n_omitted_common=int(c["n_omitted_common"].sum()))
        else:
            row.update(n_unique_facts=0, n_omitted_common=0)
        rows.append(row)
    df = pd.DataFrame(rows, columns=GROUP_PROFILES.column_names)
    for c in GROUP_PROFILES.columns:
        if c.dtype == "int":
            df[c.name] = df[c.name].astype("int64")
    return df


def _get(results, name: str) -> pd.DataFrame | None:
    try:
        df = results[name]
    except KeyError:
        return None
    return df if isinstance(df, pd.DataFrame) else None
