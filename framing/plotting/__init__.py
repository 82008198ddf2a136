"""Plot functions: each takes a results table and ``ax=None``, and returns the Axes.

No statistics are computed here; matplotlib is imported lazily and ``show()`` is
never called.
"""

from .overview import plot_articles_by_outlet_event, plot_articles_over_time

__all__ = ["plot_articles_by_outlet_event", "plot_articles_over_time"]
