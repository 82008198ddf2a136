"""Same input, same tables: the order of the input never changes a result (issue 15).

Every table of :func:`framing.analyze` is compared, after sorting its rows, between the
input in its own order and shuffled. The articles keep their ids and sources (the
input is the same, only its order changes). Records without ids take their line
numbers as ids, so shuffled records are not the same input: their ids differ.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from framing import Article, analyze, load_corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


def canonical(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its rows in an order that depends only on their values."""
    if df.empty:
        return df.reset_index(drop=True)

    def key(v):
        if isinstance(v, (float, np.floating)):
            return "nan" if v != v else f"{float(v):.9g}"
        return repr(v)

    keys = df.apply(lambda col: col.map(key)).agg("\x1f".join, axis=1) if len(df.columns) else None
    return df.iloc[np.argsort(keys.to_numpy(), kind="stable")].reset_index(drop=True)


def differences(a, b) -> list[str]:
    """The tables of two Results that differ once their rows are sorted, with the first difference."""
    out = []
    assert list(a) == list(b)
    for name in a:
        x, y = canonical(a[name]), canonical(b[name])
        try:
            pd.testing.assert_frame_equal(x, y, check_exact=False, rtol=1e-9, atol=1e-12)
        except AssertionError as e:
            out.append(f"{name}: {str(e).splitlines()[:6]}")
    return out


def shuffled(corpus, seed: int) -> list[Article]:
    arts = list(corpus)
    random.Random(seed).shuffle(arts)
    return arts


def test_example_shuffled_gives_the_same_tables(example):
    base = analyze(example)
    for seed in (1, 2):
        other = analyze(load_corpus(shuffled(example, seed)))
        assert differences(base, other) == []


def test_synthetic_shuffled_gives_the_same_tables():
    from synthetic import make_corpus

    recs = make_corpus(48, articles_per_event=6, seed=3)
    corpus = load_corpus(recs)
    base = analyze(corpus)
    other = analyze(load_corpus(shuffled(corpus, 7)))
    assert differences(base, other) == []


def test_undated_corpus_shuffled_gives_the_same_tables(example):
    import dataclasses

    undated = load_corpus([dataclasses.replace(a, date=None) for a in example])
    base = analyze(undated)
    other = analyze(load_corpus(shuffled(undated, 5)))
    assert differences(base, other) == []
