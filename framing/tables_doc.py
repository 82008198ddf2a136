"""Write the docs' tables page from the declarations: ``python -m framing.tables_doc > docs/tables.md``."""

from __future__ import annotations

import sys

from .analyses.registry import tables_page

if __name__ == "__main__":  # pragma: no cover - the docs test compares tables_page() with the page
    sys.stdout.write(tables_page())
