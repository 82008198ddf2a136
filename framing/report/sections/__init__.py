"""Report sections, one registry entry per analysis (see :mod:`.registry`).

The packaged analyses register their sections and findings when their modules are
imported below: word choice (naming, loaded, distinctive), selection (facts, numbers) and
voices (quotes, actors). Any other analysis gets the generic section.
"""

from . import selection, voices, word_choice  # noqa: F401  (they register themselves)
from .registry import FINDINGS, SECTIONS, findings_for, generic_section, register_section, sections_for, specs_of

__all__ = [
    "FINDINGS",
    "SECTIONS",
    "findings_for",
    "generic_section",
    "register_section",
    "sections_for",
    "specs_of",
]
