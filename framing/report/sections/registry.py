"""The section registry: which report section (and findings) each analysis gets.

An analysis that wants its own section registers it beside itself::

    from framing.report.sections import register_section

    register_section("headlines", headline_sections, findings=headline_findings)

where ``headline_sections(results) -> list[Section]`` and
``headline_findings(results) -> list[Finding]``. Every analysis that ran and registered
nothing gets a generic section built from its declared tables alone (its main tables,
capped with their row counts, and their evidence sentences per outlet) and generic
findings (rows of its main tables with q < 0.05). So a new analyzer registered with
:func:`framing.analyses.registry.register_analyzer` appears in the report with no report
code change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...analyses.registry import ANALYZERS
from ...errors import ParameterError
from ...tables import TableSpec
from ..findings import Finding, generic_findings
from ..html import Section, el, evidence_by_outlet, table

__all__ = [
    "FINDINGS",
    "SECTIONS",
    "analyses_of",
    "findings_for",
    "generic_section",
    "register_section",
    "section_for",
    "sections_for",
    "specs_of",
]

SectionFunc = Callable[..., list[Section]]
FindingsFunc = Callable[..., list[Finding]]

#: Analysis name -> its section function.
SECTIONS: dict[str, SectionFunc] = {}
#: Analysis name -> its findings function.
FINDINGS: dict[str, FindingsFunc] = {}

#: Rows of each main table shown by the generic section.
GENERIC_ROWS = 30


def register_section(
    analysis: str, func: SectionFunc | None = None, *, findings: FindingsFunc | None = None
) -> Callable[..., Any]:
    """Give analysis ``analysis`` its own report section (and findings); usable as a decorator.

    Parameters
    ----------
    analysis:
        The analysis name (``Analyzer.name``).
    func:
        ``func(results) -> list[Section]``; None registers findings only (or, without
        ``findings``, returns a decorator).
    findings:
        ``findings(results) -> list[Finding]``.
    """
    if not isinstance(analysis, str) or not analysis:
        raise ParameterError(f"register_section expects an analysis name, got {analysis!r}.")
    if findings is not None:
        FINDINGS[analysis] = findings
    if func is None:
        if findings is not None:
            return findings

        def deco(f: SectionFunc) -> SectionFunc:
            SECTIONS[analysis] = f
            return f

        return deco
    SECTIONS[analysis] = func
    return func


def specs_of(results, analysis: str) -> list[TableSpec]:
    """The declared tables of ``analysis`` that are in ``results``."""
    cls = ANALYZERS.get(analysis)
    specs = getattr(results, "specs", {}) or {}
    if cls is not None:
        return [specs.get(t.name, t) for t in cls.tables if t.name in results]
    # an analyzer instance that is not registered: the tables no registered analysis claims
    claimed = {t.name for c in ANALYZERS.values() for t in c.tables} | {"articles", "events"}
    return [s for n, s in specs.items() if n not in claimed and n in results]


def generic_section(results, analysis: str) -> list[Section]:
    """A section from the declarations alone: main tables, capped, and their evidence per outlet."""
    from ..context import current

    ctx = current()
    specs = specs_of(results, analysis)
    cls = ANALYZERS.get(analysis)
    title = ((cls.__doc__ or "").strip().splitlines() or [analysis])[0].rstrip(".") if cls else analysis
    sec = Section(
        title or analysis,
        ctx.anchor(f"sec-{analysis}"),
        intro=f"Tables of the '{analysis}' analysis, as declared; rows with q < 0.05 are listed as findings.",
    )
    mains = [s for s in specs if s.kind == "main"] or [s for s in specs if s.kind != "evidence"]
    if not mains:
        sec.blocks.append(el("p", "This analysis declares no tables to show.", class_="more"))
    for spec in mains:
        df = results[spec.name]
        sec.blocks.append(el("h3", f"{spec.name} ({len(df):,} rows)"))
        sec.blocks.append(el("p", spec.doc, class_="more"))
        if len(df) == 0:
            sec.blocks.append(el("p", "No rows.", class_="more"))
            continue
        sec.blocks.append(table(df, max_rows=GENERIC_ROWS, name=spec.name))
        if spec.evidence and spec.evidence in results:
            ev = results[spec.evidence]
            ev_spec = getattr(results, "specs", {}).get(spec.evidence)
            labels = [
                k for k in (ev_spec.keys if ev_spec else ()) if k not in ("event", "outlet", "article_id", "start")
            ]
            sec.blocks.append(evidence_by_outlet(ev, label_columns=["event", *labels], name=spec.evidence))
    return [sec]


def sections_for(results) -> list[Section]:
    """The sections of every analysis that ran, in order: registered ones or the generic one."""
    out: list[Section] = []
    for name in analyses_of(results):
        out.extend(section_for(results, name))
    return out


def section_for(results, analysis: str) -> list[Section]:
    """The sections of one analysis: its registered function's, or the generic one."""
    func = SECTIONS.get(analysis)
    return func(results) if func is not None else generic_section(results, analysis)


def findings_for(results) -> list[Finding]:
    """The findings of every analysis that ran: registered functions or the generic ones."""
    out: list[Finding] = []
    for name in analyses_of(results):
        func = FINDINGS.get(name)
        if func is not None:
            out.extend(func(results))
        else:
            out.extend(generic_findings(results, name, specs_of(results, name)))
    return out


def analyses_of(results) -> list[str]:
    """The analyses that produced ``results``, in order."""
    names = list(getattr(results, "analyses", []) or [])
    if names:
        return names
    # Results built by hand: the registered analyses whose tables are present
    return [n for n, c in ANALYZERS.items() if any(t.name in results for t in c.tables)]
