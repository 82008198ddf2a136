"""The first section: per event, largest first, the headlines side by side and the ranked findings.

Every finding links to its sentences (per outlet, matched words marked) further down the
same section; findings without evidence are left out. Uncertain observations (too little
data, or a test that does not pass) are listed apart and called so.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ...analyses.base import ALL_EVENTS
from ..context import current
from ..findings import Finding, ranked
from ..html import Html, Section, el, evidence_by_outlet
from .registry import findings_for

__all__ = ["MAX_EVENTS", "MAX_FINDINGS", "MAX_UNCERTAIN", "summary_section"]

#: Events given a findings card (largest first); the others are counted.
MAX_EVENTS = 12
#: Ranked findings listed per event, and uncertain observations.
MAX_FINDINGS = 5
MAX_UNCERTAIN = 3
#: Headlines listed per event.
MAX_HEADLINES = 10


def _date(v) -> str:
    if v is None or (isinstance(v, float) and v != v) or pd.isna(v):
        return ""
    return pd.Timestamp(v).date().isoformat()


def _events(results) -> pd.DataFrame:
    arts = results["articles"]
    ok = arts[arts["status"] == "analyzed"].copy()
    ok["event"] = ok["event"].fillna(ALL_EVENTS).astype(str)
    sizes = ok.groupby("event").agg(n_outlets=("outlet", "nunique"), n_articles=("id", "size"))
    sizes["label"] = sizes.index
    return sizes.sort_values(["n_outlets", "n_articles", "label"], ascending=[False, False, True])


def _headlines(ok: pd.DataFrame, event: str) -> Html:
    ctx = current()
    rows = ok[ok["event"] == event].sort_values(["date", "outlet", "id"], na_position="last")
    trs = []
    for r in rows.head(MAX_HEADLINES).to_dict("records"):
        guessed = "title" in str(r.get("guessed", "") or "")
        title = [
            str(r.get("title", "") or ""),
            el("span", " (guessed from the text)", class_="src") if guessed else None,
        ]
        trs.append(
            el(
                "tr",
                el(
                    "td",
                    el("span", "", class_="sw", style=f"background:{ctx.outlets[r['outlet']]}"),
                    ctx.label(r["outlet"]),
                ),
                el("td", _date(r.get("date")), class_="date"),
                el("td", title),
            )
        )
    more = (
        el("p", f"{len(rows) - MAX_HEADLINES:,} more articles in this event (articles table).", class_="more")
        if len(rows) > MAX_HEADLINES
        else None
    )
    head = el("tr", el("th", "outlet"), el("th", "date"), el("th", "headline"))
    return Html(el("table", el("thead", head), el("tbody", trs), class_="headlines") + (more or ""))


class EventView(Mapping[str, pd.DataFrame]):
    """``results`` with every table that has an ``event`` column cut to ``events`` (cut once, when read).

    Findings functions read it like Results (``specs``, ``analyses``, ``corpus`` pass through).
    """

    def __init__(self, results, events: set[str]) -> None:
        self._results = results
        self._events = events
        self._cut: dict[str, pd.DataFrame] = {}
        self.specs = getattr(results, "specs", {})
        self.analyses = list(getattr(results, "analyses", []) or [])
        self.corpus = getattr(results, "corpus", None)

    def __getitem__(self, name: str) -> pd.DataFrame:
        got = self._cut.get(name)
        if got is None:
            df = self._results[name]
            if isinstance(df, pd.DataFrame) and "event" in df.columns and len(df):
                ev = df["event"]
                textual = ev.dtype == object or isinstance(ev.dtype, pd.StringDtype)
                df = df[(ev if textual else ev.astype(str)).isin(self._events)]
            got = self._cut[name] = df
        return got

    def __iter__(self):
        return iter(self._results)

    def __len__(self) -> int:
        return len(self._results)

    def __contains__(self, name: object) -> bool:
        return name in self._results


def _with_evidence(results, findings: list[Finding], limit: int) -> list[Finding]:
    """The first ``limit`` findings that have evidence sentences (none is shown without)."""
    out: list[Finding] = []
    for f in findings:
        if len(out) >= limit:
            break
        ev = f.resolve(results)
        if ev is not None and len(ev):
            out.append(f)
    return out


def _item(f: Finding) -> Html:
    return el(
        "li",
        f.text,
        " ",
        el("a", "sentences", href=f"#{f.anchor}-ev", class_="ev"),
        id=f.anchor,
        class_=f"finding {f.kind}",
    )


def summary_section(results) -> tuple[Section, list[Finding]]:
    """The findings section (always first) and the findings it shows (with their anchors)."""
    ctx = current()
    sec = Section(
        "Findings",
        "findings",
        intro="Per event, largest first: the headlines, then the strongest differences, ranked: first those that "
        "pass a test against chance, then observations no test applies to. Each links to its sentences.",
    )
    arts = results["articles"]
    ok = arts[arts["status"] == "analyzed"].copy()
    if ok.empty:
        sec.blocks.append(el("p", "No article was analysed: nothing to compare.", class_="note warn"))
        return sec, []
    ok["event"] = ok["event"].fillna(ALL_EVENTS).astype(str)
    sizes = _events(results)
    order = [e for e in sizes.index if e != ALL_EVENTS][:MAX_EVENTS]
    # findings only for the events shown (and corpus-wide): bounded work on any corpus
    view = EventView(results, {*order, ALL_EVENTS})
    by_event: dict[str, list[Finding]] = {}
    for f in findings_for(view):
        by_event.setdefault(str(f.event), []).append(f)
    cards, shown = [], []
    # with more than three events, fewer per event, so that the first screen holds more events
    n_firm_max, n_unsure_max = (MAX_FINDINGS, MAX_UNCERTAIN) if len(order) <= 3 else (4, 2)
    for ev in [*order, ALL_EVENTS]:
        fs = ranked(by_event.get(ev, []))
        firm = _with_evidence(results, [f for f in fs if f.kind != "uncertain"], n_firm_max)
        unsure = _with_evidence(results, [f for f in fs if f.kind == "uncertain"], n_unsure_max)
        if ev == ALL_EVENTS and not (firm or unsure):
            continue
        for f in (*firm, *unsure):
            f.anchor = ctx.anchor(f"find-{ev}")
            shown.append(f)
        if ev == ALL_EVENTS:
            head = el("h3", "All events (corpus-wide)")
            body: list = []
        else:
            n_o, n_a = int(sizes.loc[ev, "n_outlets"]), int(sizes.loc[ev, "n_articles"])
            head = el(
                "h3",
                f"Event {ev}",
                el(
                    "span",
                    f" · {n_o} outlet{'s' if n_o != 1 else ''} · {n_a} article{'s' if n_a != 1 else ''}",
                    class_="src",
                ),
            )
            body = [_headlines(ok, ev)]
        n_firm = sum(f.kind != "uncertain" for f in fs)
        if firm:
            body.append(el("ol", [_item(f) for f in firm], class_="findings"))
        elif ev != ALL_EVENTS:
            why = (
                "a single outlet covers it: nothing to compare"
                if int(sizes.loc[ev, "n_outlets"]) < 2
                else "no difference passes its test, and no observation stands out"
            )
            body.append(el("p", f"No findings: {why}.", class_="more"))
        if n_firm > len(firm) and not unsure:
            body.append(el("p", f"{n_firm - len(firm)} weaker findings are in the sections below.", class_="more"))
        if unsure:
            body.append(
                el(
                    "div",
                    el(
                        "p",
                        "Worth a look, not findings (too little data or not significant)"
                        + (
                            f"; {n_firm - len(firm)} weaker findings are in the sections below"
                            if n_firm > len(firm)
                            else ""
                        )
                        + ":",
                        class_="lt",
                    ),
                    el("ul", [_item(f) for f in unsure], class_="findings"),
                    class_="uncertain",
                )
            )
        cards.append(el("div", head, body, class_="event-card", id=ctx.anchor(f"event-{ev}")))
    n_rest = len([e for e in sizes.index if e != ALL_EVENTS]) - len(order)
    sec.blocks.extend(cards)
    if n_rest > 0:
        sec.blocks.append(
            el(
                "p",
                f"{n_rest:,} smaller events are not summarised here; their rows are in the tables "
                "of each section and in the events table.",
                class_="more",
            )
        )
    if shown:
        blocks = []
        for f in shown:
            blocks.append(
                el(
                    "div",
                    el(
                        "p",
                        el("a", "↑", href=f"#{f.anchor}", class_="back"),
                        " ",
                        el("strong", f"Event {f.event}" if f.event != ALL_EVENTS else "All events"),
                        ": ",
                        f.text,
                        class_="ftext",
                    ),
                    evidence_by_outlet(
                        f.evidence,
                        label_columns=list(f.label_columns),
                        per_outlet=3,
                        max_outlets=8,
                        title=None,
                        name=f.evidence_table,
                    ),
                    class_="evblock",
                    id=f"{f.anchor}-ev",
                )
            )
        sec.blocks.append(
            el(
                "details",
                el("summary", el("h3", f"Sentences behind the findings ({len(shown)})")),
                blocks,
                open=True,
                class_="evidence-all",
            )
        )
    return sec, shown
