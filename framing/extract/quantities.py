"""Quantities in news text: numbers with what they count, approximators and units.

:func:`extract_quantities` finds numbers written in digits or words ("2,000",
"two hours", "an hour and 45 minutes", "hundreds of children", "a fifth of"),
together with

* the **approximator** before them ("about", "a little over", "less than", "up to"),
  turned into an interval ``[value_low, value_high]``;
* the **unit**, normalised: durations in minutes (seconds, minutes, hours) or days
  (days, weeks, months, years), money as a currency code and a plain value
  ("$14 billion" -> USD 14e9, "€2.5bn" -> EUR 2.5e9), percentages (also "a fifth of"),
  areas in km², distances in km, vote tallies ("218-212", "218 to 214");
* **what is counted**: the head noun after the number ("2,000 *prisoners*", "162
  Ukrainian *drones*"), reduced to a lemma and a canonical synonym ("POWs",
  "prisoners of war" -> ``prisoner``); for a duration, the thing measured ("the
  *meeting* lasted ...", "a 30-day *ceasefire*");
* a **per** marker ("from each side", "per side", "each", "apiece"): the stated value
  counts one side, so the total is ``value × sides`` (``sides=2`` by default: an event
  between two parties). "1,000 from each side" then has the total 2,000 and agrees
  with "2,000 prisoners".

The extractor is rule-based and works on the tokens of :func:`framing.text.parse`
(so offsets index the original text). It knows English only.

Interval rules (``t`` = ``tolerance``, default 0.05; ``n`` = ``near``, default 0.1):

============================================  ======================
approximator                                  interval of ``v``
============================================  ======================
(none)                                        ``[v, v]``
about, around, approximately, roughly, some   ``[v(1-t), v(1+t)]``
nearly, almost, just under, close to          ``[v(1-n), v]``
just over, a little over, slightly more than  ``[v, v(1+n)]``
over, more than, at least, above              ``[v, inf]``
less than, under, fewer than, up to, below    ``[0, v]``
X to Y, X-Y, between X and Y                  ``[X, Y]``
dozens / hundreds / thousands of              ``[24, 144]`` / ``[200, 999]`` / ``[2000, 9999]``
============================================  ======================

Examples
--------
>>> q = extract_quantities("Both sides agreed to exchange 1,000 prisoners from each side.")[0]
>>> q.value, q.counted, q.per, q.total_low, q.total_high
(1000.0, 'prisoner', 'side', 2000.0, 2000.0)
>>> q = extract_quantities("The meeting lasted about an hour and 45 minutes.")[0]
>>> q.value, q.unit, q.counted, round(q.value_low, 2), round(q.value_high, 2)
(105.0, 'minutes', 'meeting', 99.75, 110.25)
"""

from __future__ import annotations

import math
from dataclasses import asdict

import pandas as pd

from ..text import Document, parse
from .quantity_parser import Quantity, _Parser
from .quantity_words import APPROXIMATORS, SYNONYMS, plural

__all__ = [
    "APPROXIMATORS",
    "QUANTITY_COLUMNS",
    "SYNONYMS",
    "Quantity",
    "extract_from_document",
    "extract_quantities",
    "intervals_overlap",
    "plural",
    "quantities_frame",
]

#: Columns of :func:`quantities_frame`.
QUANTITY_COLUMNS = [
    "start",
    "end",
    "text",
    "kind",
    "value",
    "value_low",
    "value_high",
    "unit",
    "counted",
    "per",
    "multiplier",
    "total_low",
    "total_high",
    "approx",
    "sentence_index",
]


def intervals_overlap(a_low, a_high, b_low, b_high, *, rtol: float = 1e-9) -> bool:
    """Whether ``[a_low, a_high]`` and ``[b_low, b_high]`` share a point (closed intervals).

    >>> intervals_overlap(99.75, 110.25, 90, 99), intervals_overlap(0, 120, 90, 99)
    (False, True)
    """
    eps = rtol * max(abs(a_high), abs(b_high), 1.0) if math.isfinite(max(a_high, b_high)) else 0.0
    return a_low <= b_high + eps and b_low <= a_high + eps


def extract_from_document(
    doc: Document,
    *,
    sides: int = 2,
    tolerance: float = 0.05,
    near: float = 0.1,
    title_case: bool = False,
    maybe: list[int] | None = None,
) -> list[Quantity]:
    """Quantities in a parsed :class:`~framing.text.Document` (offsets index ``doc.text``).

    ``title_case=True`` ignores capitals when looking for the counted noun (for headlines
    such as "Talks Fizzle in Under Two Hours"). ``maybe``: the indices of the tokens that
    pass :func:`~framing.analyses.quantity_parser.may_start`, when the caller knows them
    (a corpus tests each vocabulary term once); a document with none is not parsed.
    """
    if not doc.n_tokens or (maybe is not None and not maybe):
        return []
    return _Parser(doc, sides=sides, tolerance=tolerance, near=near, title_case=title_case).parse_all(maybe)


def extract_quantities(text: str, *, sides: int = 2, tolerance: float = 0.05, near: float = 0.1) -> list[Quantity]:
    """Quantities in ``text``, in order. See the module docstring for the rules.

    Parameters
    ----------
    text:
        Any text.
    sides:
        How many parties a "from each side" / "each" value is multiplied by to give
        the total (default 2: most news events are between two parties).
    tolerance:
        Relative half-width of "about X" (default 0.05: ``[0.95 X, 1.05 X]``).
    near:
        Relative width of "nearly X" (``[(1-near) X, X]``) and "a little over X"
        (``[X, (1+near) X]``); default 0.1.

    Examples
    --------
    >>> [(q.text, q.value_low, q.value_high, q.unit) for q in extract_quantities("It took less than two hours.")]
    [('less than two hours', 0.0, 120.0, 'minutes')]
    """
    return extract_from_document(parse(text), sides=sides, tolerance=tolerance, near=near)


def quantities_frame(text: str, **kwargs) -> pd.DataFrame:
    """:func:`extract_quantities` as a DataFrame with :data:`QUANTITY_COLUMNS`."""
    rows = [asdict(q) for q in extract_quantities(text, **kwargs)]
    df = pd.DataFrame(rows, columns=list(Quantity.__dataclass_fields__))
    return df[QUANTITY_COLUMNS] if len(df) else pd.DataFrame(columns=QUANTITY_COLUMNS)
