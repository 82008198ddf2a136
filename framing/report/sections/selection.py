"""Report sections and findings for selection (which facts each outlet carries) and numbers."""

from __future__ import annotations

import math

import pandas as pd

from ...analyses.numbers import CONFLICT, RESTATED
from ..context import current
from ..findings import Finding, and_list, evidence_rows
from ..html import Html, Section, el, esc, evidence_list, note, table
from ..svg import Dot, Row, dot_chart
from ._common import event_col, events_to_draw, more_events_note
from ._common import event_label as _label
from ._common import get_table as _get
from .registry import register_section

__all__ = ["facts_findings", "facts_sections", "numbers_findings", "numbers_sections"]

#: Number charts drawn at most.
MAX_NUMBER_FIGURES = 6
_POSITION_RANK = {"headline": 0, "lead": 1, "body": 2}


def _short(s: object, n: int = 140) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


# -- facts --------------------------------------------------------------------------------


def _coverage_grid(facts: pd.DataFrame, event: str, max_facts: int = 48, max_outlets: int = 20) -> Html | None:
    """Outlet × fact grid for one event: dark = headline, mid = lead, light = body, white = left out."""
    ctx = current()
    df = facts[event_col(facts) == event]
    if df.empty:
        return None
    order = (
        df.drop_duplicates("fact_id")
        .sort_values(["n_outlets", "fact_id"], ascending=[False, True])["fact_id"]
        .head(max_facts)
        .tolist()
    )
    outlets = sorted(df["outlet"].astype(str).value_counts().index[:max_outlets])
    shade = {"headline": "#08519c", "lead": "#4292c6", "body": "#9ecae1"}
    cell, lw = 11, 180
    body = []
    sub = df[df["fact_id"].isin(order)]
    cells: dict[tuple[str, str], tuple[bool, str, bool]] = {}
    for o, f, cov, pos, uq in zip(
        sub["outlet"].astype(str).tolist(),
        sub["fact_id"].tolist(),
        sub["covered"].tolist(),
        sub["position"].tolist(),
        sub["unique"].tolist(),
    ):
        if (o, f) not in cells or (cov and not cells[(o, f)][0]):
            cells[(o, f)] = (bool(cov), str(pos), bool(uq))
    for i, o in enumerate(outlets):
        y = 4 + i * (cell + 3)
        body.append(f'<text x="{lw - 6}" y="{y + cell - 1}" text-anchor="end">{esc(ctx.label(o)[:28])}</text>')
        for j, f in enumerate(order):
            x = lw + j * (cell + 2)
            covered, pos, uq = cells.get((o, f), (False, "", False))
            color = shade.get(pos, "#9ecae1") if covered else "#ffffff"
            body.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{color}" stroke="#bbb"/>')
            if covered and uq:
                body.append(f'<text x="{x + cell / 2}" y="{y + cell - 2}" text-anchor="middle" class="star">★</text>')
    h = 8 + len(outlets) * (cell + 3)
    w = lw + len(order) * (cell + 2) + 10
    svg = Html(
        f'<svg class="chart" role="img" aria-label="{esc("Coverage of facts, " + _label(event))}" width="{w}" '
        f'height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">' + "".join(body) + "</svg>"
    )
    cap = (
        f"{_label(event)}: the {len(order)} facts most outlets carry (columns) by outlet (rows); dark = headline, "
        "mid = lead, light = body, white = left out, ★ = only this outlet."
    )
    return el("figure", svg, el("figcaption", cap), class_="fig")


def facts_sections(results) -> list[Section]:
    facts, coverage = _get(results, "facts"), _get(results, "coverage")
    if facts is None:
        return []
    evidence = _get(results, "facts_evidence")
    ctx = current()
    sec = Section(
        "Selection: facts each outlet carries",
        "selection",
        intro="Sentences of the articles of each event are aligned into facts (the same information in other "
        "words). For each outlet: which facts it carries, where (headline, lead, body), which it alone carries, "
        "and which it leaves out although most other outlets carry them. Alignment is automatic: check the "
        "sentences before drawing conclusions.",
    )
    if facts.empty:
        sec.blocks.append(el("p", "No facts: no event has articles with sentences to align."))
        return [sec]
    multi = facts[facts["n_outlets_event"] >= 2]
    if multi.empty:
        sec.blocks.append(note("Every event is covered by a single outlet: there is nothing to compare.", "warn"))
    if coverage is not None and len(coverage):
        allrows = coverage[event_col(coverage) == "all"].sort_values("share_covered", ascending=False)
        if len(allrows):
            rows = [
                Row(
                    ctx.label(r["outlet"]),
                    [
                        Dot(
                            float(r["share_covered"]),
                            float(r["share_low"]),
                            float(r["share_high"]),
                            ctx.outlets[r["outlet"]],
                        )
                    ],
                )
                for r in allrows.head(40).to_dict("records")
            ]
            sec.blocks.append(el("h3", "Coverage per outlet, all events"))
            sec.blocks.append(
                el(
                    "div",
                    dot_chart(
                        rows,
                        unit="share of its events' facts carried (95% Wilson interval)",
                        label="Coverage share per outlet",
                        lo=0,
                        hi=1,
                    ),
                    class_="fig",
                )
            )
        cols = [
            "event",
            "outlet",
            "n_facts_event",
            "n_covered",
            "share_covered",
            "n_unique",
            "n_omitted_common",
            "n_articles",
        ]
        sec.blocks.append(table(coverage[cols], max_rows=60, name="coverage"))
    shown, n_more = events_to_draw(results, multi, with_all=False) if len(multi) else ([], 0)
    if shown:
        sec.blocks.append(el("h3", "Coverage maps"))
        sec.blocks.append(more_events_note(n_more, "facts.csv and coverage.csv"))
    for ev in shown:
        sec.blocks.append(_coverage_grid(facts, ev))
    uniq = multi[multi["covered"] & multi["unique"]]
    if len(uniq):
        sec.blocks.append(el("h3", "Facts only one outlet carries"))
        sec.blocks.append(
            table(
                uniq[["event", "outlet", "position", "sentence", "fact_id"]].sort_values(
                    ["event", "outlet", "fact_id"]
                ),
                max_rows=60,
                name="facts",
            )
        )
    omitted = multi[~multi["covered"] & multi["common"]]
    if len(omitted):
        sec.blocks.append(el("h3", "Facts most other outlets carry, left out"))
        sec.blocks.append(
            table(
                omitted[["event", "outlet", "summary", "n_outlets", "n_outlets_event", "fact_id"]].sort_values(
                    ["event", "outlet", "fact_id"]
                ),
                max_rows=60,
                name="facts",
            )
        )
    if evidence is not None and len(evidence):
        shared_ids = set(multi.loc[multi["n_outlets"] >= 2, "fact_id"])
        ev = evidence[evidence["fact_id"].isin(shared_ids)].sort_values(["event", "fact_id", "outlet"])
        sec.blocks.append(
            evidence_list(
                ev,
                label_columns=["event", "fact_id"],
                max_items=40,
                title="Shared facts, sentence by sentence",
                name="facts_evidence",
            )
        )
    return [sec]


def facts_findings(results) -> list[Finding]:
    """Per event: what each outlet alone reports (most prominent first), and common facts it leaves out."""
    facts = _get(results, "facts")
    if facts is None or facts.empty:
        return []
    ctx = current()
    out = []
    multi = facts[facts["n_outlets_event"] >= 2]
    # headlines are shown side by side above the findings: a fact only one headline states is not news
    uniq = multi[multi["covered"] & multi["unique"] & (multi["position"] != "headline")].copy()
    uniq["rank"] = uniq["position"].map(_POSITION_RANK).fillna(3)
    for (ev, outlet), g in uniq.groupby(["event", "outlet"], sort=True):
        g = g.sort_values(["rank", "fact_id"])
        top = g.iloc[0]
        n_ev = int(top["n_outlets_event"])
        rest = f"; {len(g) - 1} more facts only it carries" if len(g) > 1 else ""
        text = (
            f"Only {ctx.label(outlet)} (of {n_ev} outlets) reports, in its {top['position']}: "
            f"“{_short(top['sentence'])}”{rest}"
        )
        score = 0.5 - 0.1 * float(top["rank"]) + 0.04 * min(n_ev, 5)
        out.append(
            Finding(
                str(ev),
                "facts",
                text,
                "observed",
                score,
                evidence_rows(results, "facts_evidence", event=ev, fact_id=set(g["fact_id"].head(6))),
                "facts_evidence",
                ("fact_id",),
                (str(outlet),),
            )
        )
    omitted = multi[~multi["covered"] & multi["common"] & (multi["n_outlets_event"] >= 3)]
    for (ev, outlet), g in omitted.groupby(["event", "outlet"], sort=True):
        g = g.sort_values(["n_outlets", "fact_id"], ascending=[False, True])
        top = g.iloc[0]
        rest = f"; it leaves out {len(g) - 1} more such facts" if len(g) > 1 else ""
        text = (
            f"{ctx.label(outlet)} leaves out what {int(top['n_outlets'])} of the {int(top['n_outlets_event'])} "
            f"outlets report: “{_short(top['summary'])}”{rest}"
        )
        out.append(
            Finding(
                str(ev),
                "facts",
                text,
                "observed",
                0.45 + 0.05 * min(int(top["n_outlets"]), 5),
                evidence_rows(results, "facts_evidence", event=ev, fact_id=top["fact_id"]),
                "facts_evidence",
                ("fact_id",),
                (str(outlet),),
            )
        )
    return out


# -- numbers ------------------------------------------------------------------------------


def _axis_title(quantity: str, unit: str) -> str:
    """The quantity with its unit written once ("money (USD)", not "money (USD) (USD)")."""
    unit = str(unit or "")
    if not unit or unit == "count" or f"({unit})" in quantity or unit in quantity:
        return quantity
    return f"{quantity} ({unit})"


def _numbers_chart(numbers: pd.DataFrame, dis: pd.DataFrame | None, event: str, quantity: str) -> Html | None:
    ctx = current()
    df = numbers[(event_col(numbers) == event) & (numbers["quantity"] == quantity)]
    if df.empty:
        return None
    against: set[str] = set()
    if dis is not None and len(dis):
        d = dis[(event_col(dis) == event) & (dis["quantity"] == quantity) & (dis["status"] == CONFLICT)]
        against = set(d["outlet_a"].astype(str)) | set(d["outlet_b"].astype(str))
    rows = []
    for r in df.sort_values(["outlet", "value"]).to_dict("records"):
        o = str(r["outlet"])
        lo, hi = float(r["value_low"]), float(r["value_high"])
        dots = [Dot(float(r["value"]), lo, hi, ctx.outlets[o], title=str(r["text"]))]
        if int(r.get("multiplier", 1) or 1) > 1:
            tl, th = float(r["total_low"]), float(r["total_high"])
            mid = (tl + th) / 2 if math.isfinite(th) else tl
            dots.append(Dot(mid, tl, th, ctx.outlets[o], title=f"total over the sides: {r['text']}", open=True))
        disagrees = o in against or bool(r.get("disagrees", False))
        rows.append(Row(f"{ctx.label(o)}: {_short(r['text'], 40)}", dots, mark="≠" if disagrees else ""))
    unit = _axis_title(quantity, str(df["unit"].iloc[0]))
    chart = dot_chart(
        rows,
        unit=f"{unit}; hollow dot: total when stated per side; ≠ disagrees with another outlet",
        label=f"{quantity}, {_label(event)}",
        integer=str(df["unit"].iloc[0]) == "count",
    )
    return el(
        "figure",
        chart,
        el(
            "figcaption",
            f"{quantity} in {_label(event)}: each outlet's statement as a point with the interval its wording allows.",
        ),
        class_="fig",
    )


def numbers_sections(results) -> list[Section]:
    numbers = _get(results, "numbers")
    if numbers is None:
        return []
    dis, evidence = _get(results, "number_disagreements"), _get(results, "numbers_evidence")
    sec = Section(
        "Numbers: where outlets disagree",
        "numbers",
        intro="Quantities with what they count, read with their approximators ('about', 'a little over', 'less "
        "than') as intervals. Two values agree when their intervals overlap, also after multiplying values given "
        "'from each side' by the number of sides (2 by default), so '2,000 prisoners' and '1,000 from each side' "
        "agree.",
    )
    if numbers.empty:
        sec.blocks.append(el("p", "No quantities with a known counted thing were found."))
        return [sec]
    cols = ["event", "quantity", "outlet_a", "interval_a", "sentence_a", "outlet_b", "interval_b", "sentence_b"]
    conflicts = dis[dis["status"] == CONFLICT] if dis is not None and len(dis) else None
    if conflicts is not None and len(conflicts):
        sec.blocks.append(el("h3", "Disagreements"))
        top = conflicts.groupby(["event", "quantity"]).size().sort_values(ascending=False).index[:MAX_NUMBER_FIGURES]
        for ev, q in top:
            sec.blocks.append(_numbers_chart(numbers, dis, str(ev), q))
        n_pairs = conflicts.groupby(["event", "quantity"]).ngroups
        if n_pairs > MAX_NUMBER_FIGURES:
            sec.blocks.append(
                el(
                    "p",
                    f"Charts for {MAX_NUMBER_FIGURES} of {n_pairs:,} disagreeing quantities; the table lists them all.",
                    class_="more",
                )
            )
        sec.blocks.append(el("h3", "Disagreements, with both sentences"))
        sec.blocks.append(table(conflicts[cols], max_rows=60, name="number_disagreements"))
    else:
        sec.blocks.append(el("p", "No outlets give incompatible values for the same quantity."))
    restated = dis[dis["status"] == RESTATED] if dis is not None and len(dis) else None
    if restated is not None and len(restated):
        sec.blocks.append(el("h3", "Same number, stated differently"))
        sec.blocks.append(
            el(
                "p",
                "These values look different but agree once a value given per side is counted "
                'for every side ("total" gives the sum over the sides). The choice of figure is '
                "framing too.",
                class_="more",
            )
        )
        sec.blocks.append(table(restated[cols], max_rows=40, name="number_disagreements"))
    multi = numbers.groupby(["event", "quantity"])["outlet"].transform("nunique") >= 2
    shared = numbers[multi]
    if len(shared):
        sec.blocks.append(el("h3", "Quantities given by two or more outlets"))
        sec.blocks.append(
            table(
                shared[
                    [
                        "event",
                        "quantity",
                        "outlet",
                        "text",
                        "value_low",
                        "value_high",
                        "per",
                        "total_low",
                        "total_high",
                        "disagrees",
                    ]
                ],
                max_rows=80,
                name="numbers",
            )
        )
    if evidence is not None and len(evidence):
        sec.blocks.append(
            evidence_list(
                evidence,
                label_columns=["event", "quantity"],
                max_items=40,
                title="Quantities in their sentences",
                name="numbers_evidence",
            )
        )
    return [sec]


def _statements(numbers: pd.DataFrame, event: str, quantity: str, outlets: set[str]) -> list[tuple[str, list[str]]]:
    """Outlets grouped by what they state: (first wording, outlets), the smaller groups first."""
    ctx = current()
    df = numbers[
        (event_col(numbers) == event) & (numbers["quantity"] == quantity) & numbers["outlet"].astype(str).isin(outlets)
    ]
    groups: dict[tuple, tuple[str, list[str]]] = {}
    for r in df.sort_values(["outlet", "start"]).to_dict("records"):
        key = (
            round(float(r["total_low"]), 6),
            round(float(r["total_high"]), 6) if math.isfinite(r["total_high"]) else "inf",
            int(r.get("multiplier", 1) or 1),
        )
        _, outs = groups.setdefault(key, (str(r["text"]), []))
        lab = ctx.label(r["outlet"])
        if lab not in outs:
            outs.append(lab)
    return sorted(groups.values(), key=lambda t: (len(t[1]), t[0]))


def numbers_findings(results) -> list[Finding]:
    """One finding per disagreeing quantity of an event; per-side restatements as weaker ones."""
    numbers, dis = _get(results, "numbers"), _get(results, "number_disagreements")
    if numbers is None or dis is None or len(dis) == 0:
        return []
    out = []
    for status, score in ((CONFLICT, 0.9), (RESTATED, 0.6)):
        d = dis[dis["status"] == status]
        for (ev, q), g in d.groupby(["event", "quantity"], sort=True):
            outlets = set(g["outlet_a"].astype(str)) | set(g["outlet_b"].astype(str))
            groups = _statements(numbers, str(ev), q, outlets)
            if len(groups) < 2:
                continue
            said = "; ".join(
                f"{and_list(outs)} {'says' if len(outs) == 1 else 'say'} '{_short(t, 50)}'" for t, outs in groups[:4]
            )
            tail = "" if status == CONFLICT else " (the same total, stated per side or in all)"
            out.append(
                Finding(
                    str(ev),
                    "numbers",
                    f"{q}: {said}{tail}",
                    "observed",
                    score + min(0.09, 0.01 * len(outlets)),
                    evidence_rows(results, "numbers_evidence", event=ev, quantity=q, outlet=outlets),
                    "numbers_evidence",
                    ("quantity",),
                    tuple(sorted(outlets)),
                )
            )
    return out


register_section("facts", facts_sections, findings=facts_findings)
register_section("numbers", numbers_sections, findings=numbers_findings)
