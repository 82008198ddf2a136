"""The example corpus shipped with the package (fictional, illustrative)."""

from __future__ import annotations

from importlib import resources

from .corpus import Corpus

__all__ = ["load_example", "example_path"]


def example_path():
    """Path of the packaged example corpus (``articles.jsonl``)."""
    return resources.files("framing").joinpath("data/example/articles.jsonl")


def load_example() -> Corpus:
    """Load the packaged example corpus: fictional outlets covering several events.

    Its README (``framing/data/example/README.md``) documents every framing contrast
    planted in it. The articles are invented and only illustrate what framing finds.

    >>> c = load_example()
    >>> len(c) >= 15 and len(c.outlets) >= 4
    True
    """
    from .io import load_corpus

    with resources.as_file(example_path()) as p:
        return load_corpus(p)
