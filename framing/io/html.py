"""Saved HTML pages: main text and metadata extracted with trafilatura (extra ``html``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from .._optional import import_optional

__all__ = ["extract_html"]


#: A page whose main text has fewer words than this is not an article (a menu, an index page).
MIN_WORDS = 15


def extract_html(html: str, *, url: str | None = None) -> dict[str, Any] | None:
    """Main text and metadata of one page, or None if the page holds no article text.

    Returns a dict with text, title, outlet, date, url, language, author. Works
    offline: nothing is fetched.
    """
    trafilatura = import_optional("trafilatura", extra="html", purpose="Reading saved HTML pages")
    import_optional("lxml_html_clean", extra="html", purpose="Reading saved HTML pages")
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if doc is None:
        return None
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (d.get("text") or "").strip()
    if len(text.split()) < MIN_WORDS:
        return None
    page_url = d.get("url") or url
    outlet = d.get("sitename") or (urlparse(page_url).hostname if page_url else None)
    if outlet and outlet.startswith("www."):
        outlet = outlet[4:]
    return {
        "text": text,
        "title": d.get("title"),
        "outlet": outlet,
        "date": d.get("date"),
        "url": page_url,
        "language": d.get("language"),
        "author": d.get("author"),
    }
