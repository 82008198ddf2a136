"""Plot functions: each takes a results table and ``ax=None``, and returns the Axes.

No statistics are computed here; matplotlib is imported lazily and ``show()`` is
never called.
"""

from .overview import plot_articles_by_outlet_event, plot_articles_over_time
from .selection import plot_coverage, plot_coverage_share, plot_numbers
from .voices import plot_actor_tone, plot_verbs_by_side, plot_voice_share
from .word_choice import plot_distinctive, plot_loaded, plot_naming

__all__ = [
    "plot_actor_tone",
    "plot_articles_by_outlet_event",
    "plot_articles_over_time",
    "plot_coverage",
    "plot_coverage_share",
    "plot_distinctive",
    "plot_loaded",
    "plot_naming",
    "plot_numbers",
    "plot_verbs_by_side",
    "plot_voice_share",
]
