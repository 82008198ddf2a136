"""The HTML report: findings first, outlet profiles, a section per analysis (see :mod:`.sections`)."""

from .build import build_report, write_report
from .findings import Finding, evidence_rows
from .sections import register_section

__all__ = ["Finding", "build_report", "evidence_rows", "register_section", "write_report"]
