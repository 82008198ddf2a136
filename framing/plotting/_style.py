"""Shared plot helpers: lazy matplotlib import, local style, new axes when none given."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

STYLE = {
    "figure.dpi": 100,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "font.family": "DejaVu Sans",
    # outlet, event and actor names are text, never mathtext: "A $\frac{$ B" must not be parsed
    "text.parse_math": False,
}


def pyplot():
    """Import pyplot lazily with a non-interactive backend when none is chosen."""
    import matplotlib

    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        try:
            import matplotlib.pyplot as plt  # noqa: F401
        except ImportError:  # pragma: no cover
            matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


@contextmanager
def style():
    plt = pyplot()
    with plt.rc_context(STYLE):
        yield plt


def get_ax(ax: Any, *, figsize: tuple[float, float]) -> Any:
    """``ax`` if given, else the axes of a new figure of ``figsize``."""
    if ax is not None:
        return ax
    plt = pyplot()
    _, new = plt.subplots(figsize=figsize)
    return new
