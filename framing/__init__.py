"""framing: how different news outlets frame the same events.

The public API is listed here and only here.
"""

from . import plotting
from ._log import logger as _logger  # noqa: F401  (installs the NullHandler)
from ._version import __version__
from .analyses import (
    ANALYZERS,
    DEFAULT_ANALYSES,
    ActorAnalyzer,
    Analyzer,
    DistinctiveTermsAnalyzer,
    FactCoverageAnalyzer,
    LoadedLanguageAnalyzer,
    NamingAnalyzer,
    NumbersAnalyzer,
    QuoteAnalyzer,
    register_analyzer,
)
from .article import Article, SkippedInput
from .corpus import Corpus
from .errors import FramingError, InputError, MissingDependencyError, NotFittedError, ParameterError
from .events import events_table, group_events
from .example import load_example
from .extract.quantities import Quantity, extract_quantities
from .extract.quote_extraction import extract_quotes
from .io import load_corpus
from .matching import PhraseMatcher
from .pipeline import analyze
from .report.build import build_report, write_report
from .results import Results
from .tables import Column, TableSpec
from .text import Document, fold, parse, parse_many

__all__ = [
    "__version__",
    # data
    "Article",
    "SkippedInput",
    "Corpus",
    "Document",
    "load_corpus",
    "load_example",
    "parse",
    "parse_many",
    "fold",
    "PhraseMatcher",
    # events
    "group_events",
    "events_table",
    # analyses
    "Analyzer",
    "ANALYZERS",
    "DEFAULT_ANALYSES",
    "register_analyzer",
    "NamingAnalyzer",
    "LoadedLanguageAnalyzer",
    "DistinctiveTermsAnalyzer",
    "FactCoverageAnalyzer",
    "NumbersAnalyzer",
    "QuoteAnalyzer",
    "ActorAnalyzer",
    "analyze",
    "Results",
    "TableSpec",
    "Column",
    "extract_quantities",
    "Quantity",
    "extract_quotes",
    "plotting",
    # report
    "write_report",
    "build_report",
    # errors
    "FramingError",
    "InputError",
    "ParameterError",
    "NotFittedError",
    "MissingDependencyError",
]
