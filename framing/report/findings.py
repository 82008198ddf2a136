"""Findings: the differences the analyses found, as plain sentences with their evidence.

Each analysis may register a findings function beside its report section
(:func:`framing.report.sections.register_section`); one that does not gets
:func:`generic_findings`, built from its declared tables alone. A finding is a plain
sentence with its figure and interval, the event it belongs to, a score that ranks it,
and the evidence rows behind it. Three kinds:

``tested``
    from a statistical test that passes its null (q < 0.05, or beyond a split-half null);
``observed``
    a fact no test applies to (two outlets state different numbers, only one outlet
    carries a fact, a judging verb);
``uncertain``
    worth a look but not a finding: too little data, or a test that does not pass. The
    report lists these apart, and says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from ..analyses.base import ALL_EVENTS

__all__ = ["ALPHA", "EvidenceQuery", "Finding", "and_list", "evidence_rows", "generic_findings", "q_text", "ranked"]

#: The false discovery rate below which a test's difference is a finding.
ALPHA = 0.05

Kind = Literal["tested", "observed", "uncertain"]


@dataclass
class Finding:
    """One difference between outlets, with the sentences behind it.

    Attributes
    ----------
    event:
        The event label (``all`` for corpus-wide findings).
    analysis:
        Name of the analysis that found it.
    text:
        One plain sentence with its figure and interval.
    kind:
        ``tested``, ``observed`` or ``uncertain`` (see the module docstring).
    score:
        Strength within its kind, 0 to 1 (ranks findings across analyses).
    evidence:
        The evidence rows behind it (an evidence table filtered to this finding).
    evidence_table:
        Name of that evidence table.
    label_columns:
        Columns of the evidence shown before each sentence.
    outlets:
        The outlets it is about (for outlet profiles).
    """

    event: str
    analysis: str
    text: str
    kind: Kind = "observed"
    score: float = 0.5
    evidence: pd.DataFrame | EvidenceQuery | None = None
    evidence_table: str | None = None
    label_columns: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    anchor: str = field(default="", compare=False)

    def resolve(self, results: Mapping[str, pd.DataFrame]) -> pd.DataFrame | None:
        """The evidence rows (found now when given as a query)."""
        if isinstance(self.evidence, EvidenceQuery):
            self.evidence = self.evidence.rows(results)
        return self.evidence

    @property
    def rank_key(self) -> tuple[int, float]:
        tier = {"tested": 2, "observed": 1, "uncertain": 0}[self.kind]
        return (-tier, -self.score)


def ranked(findings: Iterable[Finding]) -> list[Finding]:
    """Findings strongest first: tested before observed before uncertain, then by score."""
    return sorted(findings, key=lambda f: f.rank_key)


def q_text(q: float) -> str:
    """``q = 0.004`` style text for a BH-adjusted p-value.

    >>> q_text(0.00012), q_text(0.0312)
    ('q < 0.001', 'q = 0.031')
    """
    if q != q:
        return "q n/a"
    return "q < 0.001" if q < 0.001 else f"q = {q:.2g}"


def q_score(q: float) -> float:
    """0 to 1: stronger for smaller q (1 at q ≤ 1e-6)."""
    if q != q or q <= 0:
        return 1.0 if q == 0 else 0.0
    return max(0.0, min(1.0, -math.log10(q) / 6))


def and_list(items: Sequence[str], *, limit: int = 4) -> str:
    """'A', 'A and B', 'A, B and C'; more than ``limit``: 'A, B, C and 2 others'.

    >>> and_list(["A", "B", "C"]), and_list(["A", "B", "C", "D", "E", "F"], limit=3)
    ('A, B and C', 'A, B, C and 3 others')
    """
    items = list(items)
    if len(items) > limit:
        rest = len(items) - limit
        return ", ".join(items[:limit]) + f" and {rest} other{'s' if rest != 1 else ''}"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class EvidenceQuery:
    """The evidence rows of one finding, found only when the finding is shown (see :func:`evidence_rows`)."""

    table: str
    where: tuple[tuple[str, object], ...]

    def rows(self, results: Mapping[str, pd.DataFrame]) -> pd.DataFrame | None:
        """Rows of the evidence table whose columns equal ``where`` (a set: is in).

        ``event="all"`` matches every event (corpus-wide findings rest on all sentences).
        """
        from .context import current

        try:
            ev = results[self.table]
        except KeyError:
            return None
        if not isinstance(ev, pd.DataFrame) or len(ev) == 0:
            return None
        ctx = current()
        mask = np.ones(len(ev), dtype=bool)
        for col, val in self.where:
            if col not in ev or val is None:
                continue
            if col == "event" and str(val) == ALL_EVENTS:
                continue
            codes, code_of = ctx.coded_column(ev, col)
            wanted = [code_of[v] for v in (val if isinstance(val, frozenset) else (str(val),)) if v in code_of]
            mask &= np.isin(codes, wanted) if len(wanted) != 1 else codes == wanted[0]
        return ev[mask]


def evidence_rows(results: Mapping[str, pd.DataFrame], table: str | None, **where: object) -> EvidenceQuery | None:
    """The evidence of a finding: rows of evidence table ``table`` whose columns equal ``where``.

    Values that are sets, lists or tuples match any of their members. The rows are found
    when the finding is shown (:meth:`Finding.resolve`), so that findings of events the
    report does not summarise cost nothing.
    """
    if not table:
        return None
    items = tuple(
        (k, frozenset(str(x) for x in v) if isinstance(v, (set, frozenset, list, tuple)) else v)
        for k, v in where.items()
    )
    return EvidenceQuery(table, items)


# -- generic findings from the declarations ------------------------------------------------

_Q_COLUMNS = ("q_value", "q")


def generic_findings(results, analysis: str, specs: Sequence) -> list[Finding]:
    """Findings of an analysis with no findings function: rows of its main tables with q < 0.05.

    Each such row becomes "table: key values: first measure = value (q = ...)", with the
    evidence rows that share its key values.
    """
    from .context import current

    ctx = current()
    out: list[Finding] = []
    for spec in specs:
        if spec.kind != "main" or spec.name not in results:
            continue
        df = results[spec.name]
        qcol = next((c for c in _Q_COLUMNS if c in spec.column_names and c in df), None)
        if qcol is None or len(df) == 0:
            continue
        measure = next(
            (
                c.name
                for c in spec.columns
                if c.name not in spec.keys and c.dtype in ("int", "float") and c.name != qcol
            ),
            None,
        )
        sig = df[pd.to_numeric(df[qcol], errors="coerce") < ALPHA]
        ev_spec = results.specs.get(spec.evidence) if getattr(results, "specs", None) and spec.evidence else None
        ev_cols = set(ev_spec.column_names) if ev_spec is not None else set()
        for row in sig.head(200).to_dict("records"):
            keys = [k for k in spec.keys if k != "event"]
            what = " · ".join(ctx.label(row[k]) if k == "outlet" else str(row[k]) for k in keys)
            value = "" if measure is None else f": {measure} = {_num(row.get(measure))}"
            where = {k: row[k] for k in spec.keys if k in ev_cols}
            out.append(
                Finding(
                    event=str(row.get("event", ALL_EVENTS)),
                    analysis=analysis,
                    text=f"{spec.name}: {what}{value} ({q_text(float(row[qcol]))})",
                    kind="tested",
                    score=q_score(float(row[qcol])),
                    evidence=evidence_rows(results, spec.evidence, **where),
                    evidence_table=spec.evidence,
                    label_columns=tuple(k for k in keys if k in ev_cols),
                    outlets=(str(row["outlet"]),) if "outlet" in row else (),
                )
            )
    return out


def _num(v: object) -> str:
    if isinstance(v, float):
        return f"{v:.3g}" if v == v else "n/a"
    return str(v)
