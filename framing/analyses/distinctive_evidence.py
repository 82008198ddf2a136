"""The evidence of distinctive terms: the first sentences where each outlet uses its top terms."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from .distinctive_features import _Features

__all__ = ["term_evidence"]

#: Positions looked at together when finding the evidence.
_EVIDENCE_CHUNK = 1 << 18


def term_evidence(
    F: _Features,
    rows: pd.DataFrame,
    units: np.ndarray,
    cols: np.ndarray,
    sent_unit: np.ndarray,
    n_units: int,
    article_ids: np.ndarray,
    *,
    top: int,
    per_term: int,
) -> pd.DataFrame:
    """Up to ``per_term`` occurrences (first in the text) of the ``top`` highest terms
    of each outlet and event, as hits for :func:`framing.analyses.base.make_evidence`.

    ``rows`` is the level's table (``units`` ascending, z descending within each
    unit), ``cols`` the feature column of each row and ``sent_unit`` the unit of
    each sentence (-1: none).
    """
    out_cols = ["article_id", "event", "term", "sentence_index", "start", "end"]
    if top == 0 or len(rows) == 0:
        return pd.DataFrame(columns=out_cols)
    rank = np.arange(len(units)) - np.searchsorted(units, units)  # place in the unit's rows
    sel = np.flatnonzero(rank < top)
    want_unit, want_col = units[sel], cols[sel]
    # the occurrences of the wanted (unit, column) pairs, in chunks of positions (rows
    # of F.matrix): a hashed filter first (which units want some column equal to each
    # column modulo 256), then an exact lookup of the few positions that pass
    M = F.matrix
    row_unit = np.tile(sent_unit, F.n_blocks)
    hashed = np.zeros((n_units + 1, 256), dtype=bool)  # (row -1, for no unit, stays empty)
    hashed[want_unit, want_col % 256] = True
    want = pd.Index(want_unit * np.int64(F.n_features) + want_col)
    chunk_rows = np.searchsorted(M.indptr, np.arange(0, M.nnz, _EVIDENCE_CHUNK), side="right") - 1
    row_bounds = np.r_[np.unique(chunk_rows), M.shape[0]].tolist()
    found_pos, found_which = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for r0, r1 in itertools.pairwise(row_bounds):
        lo, hi = M.indptr[r0], M.indptr[r1]
        unit = np.repeat(row_unit[r0:r1], np.diff(M.indptr[r0 : r1 + 1]))
        col = M.indices[lo:hi]
        hit = np.flatnonzero(hashed.ravel()[unit * 256 + (col & 255)])
        which = want.get_indexer(unit[hit] * np.int64(F.n_features) + col[hit])
        found_pos.append(hit[which >= 0] + lo)
        found_which.append(which[which >= 0])
    pos, which = np.concatenate(found_pos), np.concatenate(found_which)
    if len(pos) == 0:
        return pd.DataFrame(columns=out_cols)
    # the first occurrences in the text: a term's positions are in corpus order
    order = np.argsort(which, kind="stable")
    pos, which = pos[order], which[order]
    first = np.r_[True, which[1:] != which[:-1]]
    start_of = np.maximum.accumulate(np.where(first, np.arange(len(which)), 0))
    ok = np.arange(len(which)) - start_of < per_term
    pos, which = pos[ok], which[ok]
    sent = (np.searchsorted(M.indptr, pos, side="right") - 1) % F.n_sentences
    art = F.sent_art[sent]
    tok = F.first_token(pos)  # the first and last token of each occurrence, in the corpus
    # character offsets as int64 whatever the token table stores (int32 since the compact corpus)
    starts = F.tokens.starts[tok].astype(np.int64)
    ends = F.tokens.ends[tok + F.ngram[M.indices[pos]] - 1].astype(np.int64)
    src = sel[which]
    return pd.DataFrame(
        {
            "article_id": article_ids[art],
            "event": rows["event"].to_numpy()[src],
            "term": rows["term"].to_numpy()[src],
            "sentence_index": sent - F.sent_first[art],
            "start": starts,
            "end": ends,
        }
    )
