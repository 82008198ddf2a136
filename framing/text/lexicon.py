"""The token strings of parsed texts, each kept once: :class:`Lexicon`.

Parsed documents store their tokens as integer ids into a lexicon (8 bytes a token,
one shared string per distinct token) instead of a Python string per token (about 60
bytes each); :attr:`Document.tokens <framing.text.Document.tokens>` decodes them.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np

__all__ = ["Lexicon"]


class Lexicon:
    """Distinct token strings, numbered in the order they were first seen.

    :meth:`ids` numbers a list of tokens (new ones get the next ids, in order of first
    appearance) in one C-level pass: a ``defaultdict`` whose factory is a counter, so
    no Python code runs per token.

    >>> lex = Lexicon()
    >>> lex.ids(["kyiv", "said", "kyiv"]).tolist(), lex.ids(["no", "kyiv"]).tolist()
    ([0, 1, 0], [2, 0])
    >>> lex.decode(np.array([2, 0])), len(lex)
    (['no', 'kyiv'], 3)
    """

    __slots__ = ("_array", "_counter", "_index", "_terms")

    def __init__(self) -> None:
        self._counter = itertools.count()
        self._index: defaultdict[str, int] = defaultdict(self._counter.__next__)
        self._terms: list[str] = []
        self._array: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._index)

    def __getstate__(self) -> list[str]:
        return self.terms

    def __setstate__(self, terms: list[str]) -> None:
        self.__init__()  # type: ignore[misc]
        self.ids(terms)

    def ids(self, tokens: list[str]) -> np.ndarray:
        """The id of each token (``int64``), new tokens numbered as they come."""
        return np.fromiter(map(self._index.__getitem__, tokens), dtype=np.int64, count=len(tokens))

    def get(self, token: str) -> int | None:
        """The id of ``token``, or None if it was never seen (nothing is added)."""
        return self._index.get(token)

    @property
    def terms(self) -> list[str]:
        """The token strings, by id (do not change the list)."""
        if len(self._terms) < len(self._index):  # dict order is the order the ids were given in
            self._terms.extend(itertools.islice(self._index, len(self._terms), None))
        return self._terms

    def array(self) -> np.ndarray:
        """:attr:`terms` as an object array (cached until the lexicon grows)."""
        if self._array is None or len(self._array) != len(self._index):
            terms = self.terms
            arr = np.empty(len(terms), dtype=object)
            arr[:] = terms
            self._array = arr
        return self._array

    def decode(self, ids: np.ndarray) -> list[str]:
        """The token strings of ``ids`` (each distinct token one shared string)."""
        return self.array()[ids].tolist()
