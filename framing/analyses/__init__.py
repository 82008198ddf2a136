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
from .registry import ANALYZERS, DEFAULT_ANALYSES, register_analyzer, table_specs

__all__ = [
    "ANALYZERS",
    "DEFAULT_ANALYSES",
    "ALL_EVENTS",
    "EVIDENCE_COLUMNS",
    "Analyzer",
    "make_evidence",
    "register_analyzer",
    "table_specs",
    "NamingAnalyzer",
    "LoadedLanguageAnalyzer",
    "DistinctiveTermsAnalyzer",
    "FactCoverageAnalyzer",
    "NumbersAnalyzer",
    "QuoteAnalyzer",
    "ActorAnalyzer",
]
