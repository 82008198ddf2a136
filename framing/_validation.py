"""One place for argument checks, so every invalid-value message reads the same."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from .errors import ParameterError


def check_option(name: str, value: Any, allowed: Collection[Any], *, owner: str) -> Any:
    """Return ``value`` if it is one of ``allowed``, else raise a ParameterError."""
    if value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise ParameterError(f"The {name!r} parameter of {owner} must be one of {options}. Got {value!r} instead.")
    return value


def check_number(
    name: str,
    value: Any,
    *,
    owner: str,
    low: float | None = None,
    high: float | None = None,
    integer: bool = False,
    low_inclusive: bool = True,
) -> Any:
    """Check that ``value`` is a number in ``[low, high]`` (``(low, high]`` if not inclusive)."""
    kind = "an int" if integer else "a number"
    ok_type = isinstance(value, int) if integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok_type:
        raise ParameterError(
            f"The {name!r} parameter of {owner} must be {kind}. Got {value!r} ({type(value).__name__}) instead."
        )
    too_low = low is not None and (value < low if low_inclusive else value <= low)
    too_high = high is not None and value > high
    if too_low or too_high:
        lo = "-inf" if low is None else repr(low)
        hi = "inf" if high is None else repr(high)
        bracket = "[" if low_inclusive else "("
        raise ParameterError(
            f"The {name!r} parameter of {owner} must be {kind} in the range {bracket}{lo}, {hi}]. Got {value!r} instead."
        )
    return value
