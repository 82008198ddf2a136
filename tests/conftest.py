"""Shared fixtures: paths to ../shared (skipped when absent) and small corpora."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATASETS = SHARED / "datasets"

#: The seeds' events, as their README gives them.
SEED_EVENTS = {
    "000_3aaa32b14751efd5": "R1",
    "001_0fd35cd8267ffe83": "R1",
    "002_e80a8cb6eb26e670": "R1",
    "003_2545b74aea4d849b": "R2",
    "004_aca4fdc4580106b5": "R2",
}


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS / "000_3aaa32b14751efd5.txt").exists():
        pytest.skip("../shared/seeds is not available")
    return SEEDS


@pytest.fixture(scope="session")
def seeds(seeds_dir):
    from framing import load_corpus

    return load_corpus(seeds_dir)


@pytest.fixture(scope="session")
def seeds_events(seeds):
    """The seeds with the events their README gives."""
    return seeds.with_events(SEED_EVENTS)


@pytest.fixture(scope="session")
def example():
    from framing import load_example

    return load_example()


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    if not DATASETS.exists():
        pytest.skip("../shared/datasets is not available")
    return DATASETS


@pytest.fixture(scope="session")
def basil(datasets_dir):
    """BASIL's 100 triplets (Fox News, NYT, HuffPost on one event each) as a corpus; event = triplet."""
    import json

    from framing import Article, Corpus

    base = datasets_dir / "basil" / "articles"
    if not base.exists():
        pytest.skip("../shared/datasets/basil is not available")
    arts = []
    for p in sorted(base.rglob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        sents = [s.strip() for para in d["body-paragraphs"] for s in para if s.strip()]
        arts.append(
            Article(
                id=p.stem,
                outlet=d["source"].lower(),
                title=d.get("title") or "",
                text="\n".join(sents),
                event=d["triplet-uuid"],
            )
        )
    return Corpus(arts)
