"""The package version, in one place (pyproject.toml reads it; so do the CLI and the report)."""

__version__ = "0.1.0"
