"""The analyses, by name. Each is an :class:`~framing.analyses.base.Analyzer`."""

from __future__ import annotations

from .actors import ActorAnalyzer
from .base import ALL_EVENTS, EVIDENCE_COLUMNS, Analyzer, make_evidence
from .distinctive import DistinctiveTermsAnalyzer
from .facts import FactCoverageAnalyzer
from .loaded import LoadedLanguageAnalyzer
from .naming import NamingAnalyzer
from .numbers import NumbersAnalyzer
from .quotes import QuoteAnalyzer

__all__ = [
    "ANALYZERS",
    "DEFAULT_ANALYSES",
    "ALL_EVENTS",
    "EVIDENCE_COLUMNS",
    "Analyzer",
    "make_evidence",
    "NamingAnalyzer",
    "LoadedLanguageAnalyzer",
    "DistinctiveTermsAnalyzer",
    "FactCoverageAnalyzer",
    "NumbersAnalyzer",
    "QuoteAnalyzer",
    "ActorAnalyzer",
]

#: Analysis name -> analyzer class, in report order.
ANALYZERS: dict[str, type[Analyzer]] = {
    cls.name: cls
    for cls in (
        NamingAnalyzer,
        LoadedLanguageAnalyzer,
        DistinctiveTermsAnalyzer,
        FactCoverageAnalyzer,
        NumbersAnalyzer,
        QuoteAnalyzer,
        ActorAnalyzer,
    )
}

#: The analyses ``framing.analyze`` and the command line run by default.
DEFAULT_ANALYSES: tuple[str, ...] = tuple(ANALYZERS)
