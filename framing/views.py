"""Views derived from the analyses' tables (no new measurement): the headline view.

A view reads the declared evidence tables of a run, so it covers every analysis, the
ones added later included.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .corpus import Corpus
from .corpus_tables import HEADLINES
from .tables import EVIDENCE_TAIL, TableSpec, conform

__all__ = ["headline_view"]


def headline_view(
    corpus: Corpus,
    tables: Mapping[str, pd.DataFrame],
    specs: Mapping[str, TableSpec],
    owners: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Every evidence row that stands in a headline, with whether the body repeats it.

    Parameters
    ----------
    corpus:
        The analysed corpus (for the headlines).
    tables, specs:
        Results tables and their declarations, by name (as in :class:`framing.Results`).
    owners:
        Table name -> the analysis that wrote it (default: the table name's prefix).

    Returns
    -------
    DataFrame
        The declared ``headlines`` table (:data:`framing.corpus_tables.HEADLINES`),
        in event, outlet, article and position order.
    """
    tail = {c.name for c in EVIDENCE_TAIL}
    parts = []
    for name, spec in specs.items():
        df = tables.get(name)
        if spec.kind != "evidence" or df is None or not len(df) or "position" not in df.columns:
            continue
        is_head = (df["position"] == "headline").to_numpy()
        if not is_head.any():
            continue
        # only the articles with a headline row matter (their body rows say in_body)
        df = df[df["article_id"].isin(pd.unique(df["article_id"].to_numpy()[is_head])).to_numpy()]
        keys = [c for c in spec.column_names if c not in tail and c not in ("event", "outlet")]
        label = pd.Series("", index=df.index, dtype=object)
        if keys:  # the key columns joined by " / " (column by column: a row-wise join is slow)
            cols = [df[c].astype(str).to_numpy(dtype=object) for c in keys]
            joined = cols[0]
            for col in cols[1:]:
                joined = joined + " / " + col
            label = pd.Series(joined, index=df.index, dtype=object)
        frame = pd.DataFrame(
            {
                "event": df["event"],
                "outlet": df["outlet"],
                "article_id": df["article_id"],
                "table": name,
                "label": label,
                "match": df["match"],
                "start": df["start"],
                "end": df["end"],
                "headline": df["position"] == "headline",
            }
        )
        body = frame.loc[~frame["headline"], ["article_id", "label"]].drop_duplicates()
        head = frame[frame["headline"]].drop(columns="headline")
        if not len(head):
            continue
        seen = set(zip(body["article_id"], body["label"]))
        head = head.assign(
            in_body=[(a, lab) in seen for a, lab in zip(head["article_id"], head["label"])],
            analysis=(owners or {}).get(name, name.removesuffix("_evidence")),
        )
        parts.append(head)
    if not parts:
        return HEADLINES.empty()
    out = pd.concat(parts, ignore_index=True)
    titles = {a.id: a.title.strip() for a in corpus.articles}
    out["headline"] = out["article_id"].map(titles).fillna("")
    out["start"] = out["start"].astype(np.int64)
    out["end"] = out["end"].astype(np.int64)
    out["in_body"] = out["in_body"].astype(bool)
    out = out.sort_values(["event", "outlet", "article_id", "start", "table", "label"], kind="stable")
    return conform(HEADLINES, out[HEADLINES.column_names].reset_index(drop=True))
