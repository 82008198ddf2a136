"""The analysis registry: name -> analyzer class, in report order.

Adding an analysis takes its module, its lexicon files if any, its tests, and one line:
its class in :data:`BUILTIN` below (or, outside this package, one call to
:func:`register_analyzer`). From the registry, ``framing analyze`` writes its tables as
CSV, the report gives it a section (a generic one unless it registers its own, see
:mod:`framing.report.sections`), and the docs' tables page lists its declared tables.
"""

from __future__ import annotations

from ..errors import ParameterError
from ..tables import TableSpec
from .actors import ActorAnalyzer
from .base import Analyzer
from .distinctive import DistinctiveTermsAnalyzer
from .facts import FactCoverageAnalyzer
from .loaded import LoadedLanguageAnalyzer
from .naming import NamingAnalyzer
from .numbers import NumbersAnalyzer
from .quotes import QuoteAnalyzer

__all__ = ["ANALYZERS", "DEFAULT_ANALYSES", "register_analyzer", "unregister_analyzer", "table_specs", "tables_page"]

#: The packaged analyses, in report order: one line each.
BUILTIN: tuple[type[Analyzer], ...] = (
    NamingAnalyzer,
    LoadedLanguageAnalyzer,
    DistinctiveTermsAnalyzer,
    FactCoverageAnalyzer,
    NumbersAnalyzer,
    QuoteAnalyzer,
    ActorAnalyzer,
)

#: Analysis name -> analyzer class, in report order.
ANALYZERS: dict[str, type[Analyzer]] = {}

#: The analyses ``framing.analyze`` and the command line run by default (a live view:
#: :func:`register_analyzer` with ``default=True`` adds to it).
DEFAULT_ANALYSES: list[str] = []


def register_analyzer(cls: type[Analyzer], *, default: bool = True) -> type[Analyzer]:
    """Add an analyzer class to the registry; returns the class (usable as a decorator).

    Parameters
    ----------
    cls:
        A subclass of :class:`~framing.analyses.base.Analyzer` with a ``name`` and declared
        ``tables``.
    default:
        Also run it by default in :func:`framing.analyze` and the command line.

    Raises
    ------
    ParameterError
        When the class is not an Analyzer, has no name or no declared tables, or a name or a
        table name is taken by another registered analysis.
    """
    if not (isinstance(cls, type) and issubclass(cls, Analyzer)):
        raise ParameterError(f"register_analyzer expects an Analyzer subclass, got {cls!r}.")
    if not cls.name or not cls.name.isidentifier():
        raise ParameterError(f"{cls.__name__}.name must be a short identifier such as 'headlines'; got {cls.name!r}.")
    if not cls.tables or not all(isinstance(t, TableSpec) for t in cls.tables):
        raise ParameterError(
            f"{cls.__name__}.tables must declare its tables as framing.tables.TableSpec objects "
            "(see docs/extending.md)."
        )
    old = ANALYZERS.get(cls.name)
    if old is not None and old is not cls:
        raise ParameterError(f"An analysis named {cls.name!r} is already registered ({old.__name__}).")
    taken = {t: other for other in ANALYZERS.values() if other is not cls for t in other.table_names()}
    clash = [t for t in cls.table_names() if t in taken or t in ("articles", "events", "headlines")]
    if clash:
        owner = ", ".join(f"{t} ({taken[t].__name__ if t in taken else 'corpus'})" for t in clash)
        raise ParameterError(f"{cls.__name__} declares table names already taken: {owner}.")
    ANALYZERS[cls.name] = cls
    if default and cls.name not in DEFAULT_ANALYSES:
        DEFAULT_ANALYSES.append(cls.name)
    return cls


def unregister_analyzer(name: str) -> None:
    """Remove a registered analysis by name (the packaged ones included)."""
    if name not in ANALYZERS:
        raise ParameterError(f"No analysis named {name!r} is registered. Registered: {', '.join(ANALYZERS)}.")
    del ANALYZERS[name]
    if name in DEFAULT_ANALYSES:
        DEFAULT_ANALYSES.remove(name)


def table_specs(analyses: list[type[Analyzer]] | None = None) -> dict[str, TableSpec]:
    """Every declared table (corpus tables first), by name."""
    from ..corpus_tables import ARTICLES, EVENTS, HEADLINES

    specs = {ARTICLES.name: ARTICLES, EVENTS.name: EVENTS, HEADLINES.name: HEADLINES}
    for cls in analyses if analyses is not None else ANALYZERS.values():
        specs.update({t.name: t for t in cls.tables})
    return specs


def tables_page() -> str:
    """The docs' tables page (docs/tables.md), generated from the declarations."""
    from ..corpus_tables import ARTICLES, EVENTS, HEADLINES
    from ..tables import tables_markdown

    groups: list[tuple[str, list[TableSpec]]] = [
        ("Corpus", [ARTICLES, EVENTS]),
        ("Views across the analyses", [HEADLINES]),
    ]
    for cls in BUILTIN:
        title = (cls.__doc__ or cls.__name__).strip().splitlines()[0].rstrip(".")
        groups.append((f"`{cls.name}`: {title} (`{cls.__name__}`)", list(cls.tables)))
    return tables_markdown(groups)


for _cls in BUILTIN:
    register_analyzer(_cls)
