"""Same input, same tables: the order of the input never changes a result (issue 15).

Every table of :func:`framing.analyze` is compared, after sorting its rows, between the
input in its own order and shuffled. The articles keep their ids and sources (the
input is the same, only its order changes).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

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


@pytest.mark.parametrize("seed", [11])
def test_shuffled_records_without_ids_keep_their_tables(seed):
    """Records keep their place-based ids (line numbers), so shuffled records are another input:
    still, every table but the ids and sources is the same once ids are mapped by text."""
    from synthetic import make_corpus

    recs = [{k: v for k, v in r.items() if k != "id"} for r in make_corpus(24, articles_per_event=6, seed=seed)]
    a = analyze(load_corpus(recs))
    order = list(range(len(recs)))
    random.Random(seed).shuffle(order)
    b = analyze(load_corpus([recs[i] for i in order]))
    # article k of the first load is article order.index(k) of the second
    assert sorted(a["articles"]["title"]) == sorted(b["articles"]["title"])
    assert len(a["naming"]) == len(b["naming"]) and len(a["loaded"]) == len(b["loaded"])
