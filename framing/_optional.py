"""Import optional dependencies through one helper that says exactly what to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingDependencyError

#: extra name -> the packages it installs, as shown in error messages
EXTRAS = {
    "html": "trafilatura lxml_html_clean",
    "tone": "vaderSentiment",
    "docs": "mkdocs",
    "validation": "openpyxl",
}


def import_optional(module: str, *, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise a MissingDependencyError naming the extra to install.

    >>> import_optional("json", extra="html", purpose="testing").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{purpose} needs the optional package {module!r}, which is not installed. "
            f"Install it with:  pip install 'framing[{extra}]'  (installs {EXTRAS.get(extra, module)})"
        ) from exc
