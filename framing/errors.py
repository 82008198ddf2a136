"""Exceptions raised by framing.

The exception tree::

    FramingError                      base class of every error raised on purpose
    ├── InputError (ValueError)       an input file, record or field cannot be used;
    │                                 names the path, line and field
    ├── ParameterError (ValueError)   a wrong argument: names the parameter, its owner,
    │                                 what is allowed and what was given
    ├── NotFittedError (RuntimeError) an analyzer was used before ``fit``
    └── MissingDependencyError (ImportError)
                                      an optional extra is not installed; the message
                                      gives the ``pip install`` command
"""

from __future__ import annotations

__all__ = [
    "FramingError",
    "InputError",
    "MissingDependencyError",
    "NotFittedError",
    "ParameterError",
]


class FramingError(Exception):
    """Base class of every error framing raises on purpose."""


class InputError(FramingError, ValueError):
    """An input cannot be used as an article or corpus.

    Parameters
    ----------
    message:
        What is wrong and how to fix it.
    path, line, field:
        Where the problem is, when known. They are added to the message.

    Attributes
    ----------
    message:
        The message without the place.
    path, line, field:
        As given.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        where = []
        if path is not None:
            where.append(str(path))
        if line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(f"field {field!r}")
        prefix = (", ".join(where) + ": ") if where else ""
        super().__init__(prefix + message)


class ParameterError(FramingError, ValueError):
    """A function or class was given an argument it cannot use."""


class NotFittedError(FramingError, RuntimeError):
    """An analyzer was asked to transform before it was fitted."""


class MissingDependencyError(FramingError, ImportError):
    """An optional dependency is missing; the message says what to install."""
