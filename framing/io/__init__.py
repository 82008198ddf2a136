"""Loading articles from files, folders, tables and records."""

from .load import load_corpus

__all__ = ["load_corpus"]
