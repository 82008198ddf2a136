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
            import matplotlib.pyplot as plt
        except ImportError:  # pragma: no cover
            matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


#: Axes handed out by :func:`get_ax` whose figures :func:`style` still has to make plain text.
_HANDED_OUT: list[Any] = []


def _figures_of(plt: Any, nums: set[int]) -> dict[int, Any]:
    from matplotlib._pylab_helpers import Gcf

    figs = {}
    for num in plt.get_fignums():
        manager = Gcf.get_fig_manager(num)
        if num in nums and manager is not None:
            figs[id(manager.canvas.figure)] = manager.canvas.figure
    return figs


def plain_text(fig: Any) -> None:
    """Make every text of ``fig`` plain text, never mathtext: names from the data (an
    outlet called ``A $\\frac{$ B``) are shown as written and cannot break the drawing.

    Tick labels are made now for the ticks the axes have, so that drawing the figure
    later (outside :func:`style`) does not make new ones that would parse ``$``.
    """
    from matplotlib.text import Text

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            axis.get_major_ticks(len(axis.get_majorticklocs()))
            axis.get_minor_ticks(len(axis.get_minorticklocs()))
    for t in fig.findobj(Text):
        t.set_parse_math(False)


@contextmanager
def style():
    """The local plot style; on leaving it, the figures drawn in it hold plain text only."""
    plt = pyplot()
    with plt.rc_context(STYLE):
        before = set(plt.get_fignums())
        yield plt
        figs = _figures_of(plt, set(plt.get_fignums()) - before)
        for ax in _HANDED_OUT:
            figs[id(ax.figure)] = ax.figure
        _HANDED_OUT.clear()
        for fig in figs.values():
            plain_text(fig)


def get_ax(ax: Any, *, figsize: tuple[float, float]) -> Any:
    """``ax`` if given, else the axes of a new figure of ``figsize``."""
    if ax is None:
        plt = pyplot()
        _, ax = plt.subplots(figsize=figsize)
    _HANDED_OUT.append(ax)
    return ax
