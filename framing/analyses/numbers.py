"""Numbers: the quantities each outlet gives for the same event, and where they disagree.

Every quantity with a known counted or measured thing (see
:mod:`framing.extract.quantities`) becomes a row of the ``numbers`` table. Within
an event, rows that count the same thing in the same unit form one *quantity*
("prisoners", "meeting duration (minutes)", "money (USD)", "votes against").

Each row carries an interval: the stated one (``value_low`` .. ``value_high``: "about
105 minutes" is 99.75–110.25 with the default 5 % tolerance) and the total one
(``total_low`` .. ``total_high``: "1,000 from each side" is 2,000 in total when the
event has two sides). Two rows **agree** when their stated intervals overlap *or*
their total intervals overlap, so "2,000 prisoners" and "1,000 from each side" agree.
A row **disagrees** with another outlet when *none* of that outlet's rows for the
same quantity agrees with it; ``disagrees`` is True when the row disagrees with at
least one other outlet. ``number_disagreements`` lists the disagreeing pairs with
both sentences (``status`` "conflict"), and also the pairs whose stated values differ
but agree as totals (``status`` "agree as totals": the same number framed per side or
in total), so a reader sees both readings; only conflicts set ``disagrees``.

Examples
--------
>>> from framing import load_corpus
>>> c = load_corpus([
...     {"id": "a", "outlet": "A", "event": "e", "title": "", "text": "They agreed to swap 2,000 prisoners."},
...     {"id": "b", "outlet": "B", "event": "e", "title": "", "text": "They agreed to swap 1,000 prisoners from each side."},
...     {"id": "c", "outlet": "C", "event": "e", "title": "", "text": "They agreed to swap 1,200 prisoners."},
... ])
>>> out = NumbersAnalyzer().fit_transform(c)
>>> out["numbers"][["outlet", "value", "total_low", "disagrees"]].values.tolist()
[['A', 2000.0, 2000.0, True], ['B', 1000.0, 2000.0, True], ['C', 1200.0, 1200.0, True]]
>>> out["number_disagreements"][["outlet_a", "outlet_b", "status"]].values.tolist()
[['A', 'B', 'agree as totals'], ['A', 'C', 'conflict'], ['B', 'C', 'conflict']]
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._validation import check_number
from ..article import LEAD_SENTENCES
from ..corpus import Corpus
from ..extract.quantities import Quantity, extract_from_document, plural
from ..extract.quantity_parser import may_hold_number, may_start_mask
from ..extract.quantity_words import GENERIC_COUNTED
from ..tables import EVENT, OUTLET, TableSpec, evidence_table
from ..tables import Column as C
from ..text import parse
from .base import Analyzer, make_evidence
from .number_compare import SMALL_GROUP, _Context, compare_group, compare_small_groups, context_keys
from .number_context import article_terms, context_matrix, qualifier_matrix, qualifiers, title_terms
from .number_stories import story_labels

__all__ = ["COLUMNS", "DISAGREEMENT_COLUMNS", "NumbersAnalyzer", "format_interval", "quantity_label"]

#: The public columns of ``numbers`` (more follow them).
COLUMNS = ["event", "quantity", "outlet", "value", "unit", "text", "disagrees"]
EXTRA_COLUMNS = [
    "article_id",
    "kind",
    "counted",
    "value_low",
    "value_high",
    "per",
    "multiplier",
    "total_low",
    "total_high",
    "approx",
    "position",
    "sentence",
    "sentence_index",
    "start",
    "end",
    "other_values",
    "story",
]
#: Columns of ``number_disagreements``.
DISAGREEMENT_COLUMNS = [
    "event",
    "quantity",
    "outlet_a",
    "value_a",
    "text_a",
    "sentence_a",
    "outlet_b",
    "value_b",
    "text_b",
    "sentence_b",
    "article_a",
    "article_b",
    "interval_a",
    "interval_b",
    "status",
    "story",
]
#: ``status`` of a pair in ``number_disagreements``: the values cannot both be right.
CONFLICT = "conflict"
#: ``status`` of a pair whose stated values differ but agree as totals ("2,000" and "1,000 from each side").
RESTATED = "agree as totals"

#: At most this many disagreeing pairs are listed per quantity and pair of outlets.
MAX_PAIRS_PER_OUTLETS = 3


def quantity_label(q: Quantity) -> str:
    """The name of the quantity ``q`` belongs to, e.g. ``"prisoners"``, ``"meeting duration (minutes)"``.

    >>> from framing.extract.quantities import extract_quantities
    >>> quantity_label(extract_quantities("The talks lasted 90 minutes.")[0])
    'meeting duration (minutes)'
    """
    if q.kind == "money":
        return f"money ({q.unit})"
    if q.kind == "vote":
        return "votes for" if q.counted == "vote for" else "votes against"
    if not q.counted:
        return ""
    head, _, rest = q.counted.partition(" ")
    name = plural(head) + (f" {rest}" if rest else "")
    if q.kind == "count":
        return name
    if q.kind == "duration":
        return f"{q.counted} duration ({q.unit})"
    if q.kind == "percent":
        return f"share of {q.counted} (%)"
    if q.kind == "area":
        return f"{q.counted} area (km2)"
    if q.kind == "distance":
        return f"{q.counted} distance (km)"
    return f"{name} ({q.unit})"  # pragma: no cover


def format_interval(low: float, high: float) -> str:
    """A short text for an interval: ``"1,000"``, ``"≤120"``, ``"≥90"``, ``"90–99"``.

    >>> format_interval(0, 120), format_interval(90, math.inf), format_interval(90, 99), format_interval(5, 5)
    ('≤120', '≥90', '90–99', '5')
    """

    def f(v: float) -> str:
        if abs(v) >= 1e9:
            return f"{v / 1e9:,.3g}bn"
        if abs(v) >= 1e6:
            return f"{v / 1e6:,.3g}m"
        return f"{v:,.0f}" if v == int(v) or abs(v) >= 100 else f"{v:,.3g}"

    if not math.isfinite(high):
        return f"≥{f(low)}"
    if low <= 0 < high:
        return f"≤{f(high)}"
    if math.isclose(low, high):
        return f(low)
    return f"{f(low)}–{f(high)}"


class NumbersAnalyzer(Analyzer):
    """Quantities per outlet and event, and where outlets give incompatible values.

    Parameters
    ----------
    sides:
        Parties an event has: "1,000 from each side" is ``1,000 × sides`` in total
        (default 2). This is an assumption about the event; set it to 1 to compare
        only stated values.
    tolerance:
        Relative half-width of "about X" (default 0.05).
    near:
        Relative width of "nearly X" / "a little over X" (default 0.1).
    context:
        Share of the smaller sentence's context weight two mentions must share to be compared
        (default 0.2; see docs/selection.md, "Like with like").
    headlines:
        Also read numbers in article titles (rows with ``position == "headline"`` and
        ``sentence_index == -1``; they have no evidence row since offsets index the body).

    Tables
    ------
    numbers
        One row per quantity mention: event, quantity, outlet, value, unit, text,
        disagrees, then article_id, kind, counted, value_low, value_high, per,
        multiplier, total_low, total_high, approx, position, sentence,
        sentence_index, start, end, other_values, story.
    number_disagreements
        One row per pair of disagreeing mentions from two outlets (at most
        :data:`MAX_PAIRS_PER_OUTLETS` per quantity and pair of outlets), then story.

    Mentions are compared only within one *story*: the event, or inside an event of topic
    size one of the stories :mod:`~framing.analyses.number_stories` finds; there two
    mentions must also tell the same fact by a stricter rule (see
    :class:`~framing.analyses.number_compare._Context`).
    numbers_evidence
        The evidence table (key column ``quantity``).
    """

    name = "numbers"
    tables = (
        TableSpec(
            "numbers",
            "One row per quantity mention whose counted or measured thing is known.",
            (
                EVENT,
                C("quantity", "str", "the counted thing and unit (`prisoners`, `meeting duration (minutes)`, ...)"),
                OUTLET,
                C("value", "float", "the stated value, normalised"),
                C("unit", "str", "`count`, minutes, days, a currency code, `%`, `km2`, `km`, `votes`"),
                C("text", "str", "the words of the quantity"),
                C("disagrees", "bool", "no mention of some other outlet for the same quantity agrees with it"),
                C("article_id", "str", "the article"),
                C("kind", "str", "`count`, `duration`, `money`, `percent`, `vote`, `area`, `distance`"),
                C("counted", "str", "the counted thing as parsed"),
                C("value_low", "float", "lower end of the stated interval after the approximator"),
                C("value_high", "float", "upper end of that interval"),
                C("per", "str", "`side`/`each` when the value is per side"),
                C("multiplier", "int", "number of sides the value applies to"),
                C("total_low", "float", "lower end of the total"),
                C("total_high", "float", "upper end of the total"),
                C("approx", "str", 'the approximator ("about", "less than", "range", ...)'),
                C("position", "str", "`headline`, `lead` or `body`"),
                C("sentence", "str", "the sentence"),
                C("sentence_index", "int", "its index (-1 for headlines)"),
                C("start", "int", "character offset of the quantity"),
                C("end", "int", "character offset just after it"),
                C("other_values", "str", "the other outlets' values for the same quantity"),
                C(
                    "story",
                    "str",
                    "the story the mention is compared within: the event, or `<event>/E01`, ... inside an event of topic size",
                ),
            ),
            keys=("event", "quantity", "outlet"),
            evidence="numbers_evidence",
        ),
        TableSpec(
            "number_disagreements",
            "One row per pair of outlets stating the same quantity differently (at most 3 pairs per quantity, outlet pair and status).",
            (
                EVENT,
                C("quantity", "str", "the counted thing and unit"),
                C("outlet_a", "str", "first outlet"),
                C("value_a", "float", "its value"),
                C("text_a", "str", "its words"),
                C("sentence_a", "str", "its sentence"),
                C("outlet_b", "str", "second outlet"),
                C("value_b", "float", "its value"),
                C("text_b", "str", "its words"),
                C("sentence_b", "str", "its sentence"),
                C("article_a", "str", "article of the first"),
                C("article_b", "str", "article of the second"),
                C("interval_a", "str", "interval of the first after its approximator"),
                C("interval_b", "str", "interval of the second"),
                C("status", "str", "`conflict` or `agree as totals`"),
                C("story", "str", "the story both mentions belong to (see `numbers.story`)"),
            ),
            keys=("event", "quantity", "outlet_a", "outlet_b"),
            evidence="numbers_evidence",
        ),
        evidence_table("numbers_evidence", "numbers", (C("quantity", "str", "the counted thing and unit"),)),
    )

    def __init__(
        self,
        *,
        sides: int = 2,
        tolerance: float = 0.05,
        near: float = 0.1,
        headlines: bool = True,
        context: float = 0.2,
    ) -> None:
        self.sides = sides
        self.tolerance = tolerance
        self.near = near
        self.headlines = headlines
        self.context = context

    def _fit(self, corpus: Corpus) -> None:
        owner = type(self).__name__
        check_number("sides", self.sides, owner=owner, low=1, integer=True)
        check_number("tolerance", self.tolerance, owner=owner, low=0, high=1)
        check_number("near", self.near, owner=owner, low=0, high=1)
        check_number("context", self.context, owner=owner, low=0, high=1)

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        self._fit(corpus)
        kw: dict[str, Any] = {"sides": self.sides, "tolerance": self.tolerance, "near": self.near}
        rows: list[tuple] = []
        contexts: list = []  # blocks of rows: (rows, ids, capitals, near) of body sentences, or (row, title words)
        vocab = corpus.term_counts()[1]
        counted_words: list[str] = []
        quals: list[frozenset[str]] = []  # per row: the words that say which things it counts
        start_ok = may_start_mask(vocab)  # per vocabulary term: can it start a quantity?
        event_of = corpus.event_labels()
        story_of = story_labels(corpus)
        for k, art in enumerate(corpus):
            event = event_of[k]
            found: list[tuple[Quantity, str, int, str]] = []
            if self.headlines and art.has_headline and may_hold_number(art.title):
                for q in extract_from_document(parse(art.title), title_case=True, **kw):
                    found.append((q, "headline", -1, art.title))
            doc = corpus.document(art)
            ids = corpus.token_ids(art)
            if len(ids) and int(ids.max()) >= len(start_ok):
                vocab = corpus.term_counts()[1]
                start_ok = np.r_[start_ok, may_start_mask(vocab[len(start_ok) :])]
            qs = extract_from_document(doc, maybe=np.flatnonzero(start_ok[ids]).tolist(), **kw)
            # the document starts with the headline, read above with its title-case rule
            head_end = art.headline_end
            head_sents = int(np.searchsorted(doc.sent_starts, head_end)) if head_end else 0
            for q in qs:
                if q.start < head_end:
                    continue
                pos = "lead" if q.sentence_index - head_sents < LEAD_SENTENCES else "body"
                found.append((q, pos, q.sentence_index, ""))
            if not found:
                continue
            topic = story_of[k] != str(event)  # qualifiers and near words are read only in a topic story
            in_body: list[tuple[int, int, int, int]] = []  # (row, sentence, start, end) of the body mentions
            for q, pos, sidx, sent in found:
                label = quantity_label(q)
                if not label:
                    continue
                row = len(rows)
                if sidx >= 0:
                    sent = doc.sentence(sidx)
                    in_body.append((row, sidx, q.start, q.end))
                else:
                    contexts.append((row, title_terms(art.title, q.start, q.end)))
                counted_words.append(q.counted)
                after: list[str] = []
                if topic and sidx >= 0:
                    t = int(np.searchsorted(doc.tok_starts, q.end))
                    after = [w for w, s_ in zip(doc.tokens[t : t + 3], doc.tok_sent[t : t + 3].tolist()) if s_ == sidx]
                quals.append(qualifiers(q.text, q.counted, after) if topic else frozenset())
                rows.append(
                    (
                        event,
                        label,
                        art.outlet,
                        q.value,
                        q.unit,
                        q.text,
                        False,
                        art.id,
                        q.kind,
                        q.counted,
                        q.value_low,
                        q.value_high,
                        q.per,
                        q.multiplier,
                        q.total_low,
                        q.total_high,
                        q.approx,
                        pos,
                        sent,
                        sidx,
                        q.start,
                        q.end,
                        "",
                        story_of[k],
                    )
                )
            if in_body:
                contexts.append(article_terms(corpus, art, doc, np.array(in_body, dtype=np.int64)))
        cols = COLUMNS + EXTRA_COLUMNS
        df = pd.DataFrame(rows, columns=cols)
        if df.empty:
            return {
                "numbers": df,
                "number_disagreements": pd.DataFrame(columns=DISAGREEMENT_COLUMNS),
                "numbers_evidence": make_evidence(corpus, None, ["quantity"]),
            }
        df = df.astype(
            {
                "value": float,
                "value_low": float,
                "value_high": float,
                "total_low": float,
                "total_high": float,
                "disagrees": bool,
                "sentence_index": int,
                "start": int,
                "end": int,
                "multiplier": int,
            }
        )
        parts = context_matrix(
            contexts,
            len(df),
            corpus.term_counts()[1],
            counted_words,
            df["story"].to_numpy(),
            df["article_id"].to_numpy(),
            df["sentence_index"].to_numpy(),
        )
        disagrees = np.zeros(len(df), dtype=bool)
        others = [""] * len(df)
        pairs: list[tuple] = []
        col = {
            c: df[c].to_numpy()
            for c in (
                "outlet",
                "value_low",
                "value_high",
                "total_low",
                "total_high",
                "value",
                "text",
                "sentence",
                "article_id",
                "kind",
            )
        }
        groups = df.groupby(["event", "story", "quantity"], sort=True).indices
        strict = df["story"].to_numpy() != df["event"].astype(str).to_numpy()  # a story inside a topic
        # in a topic story, what may be another fact is compared with nothing: money with no counted
        # thing, a count of people with no outcome, a vague amount ("hundreds of"), a hypothetical
        kind, counted = df["kind"].to_numpy(), df["counted"].to_numpy()
        never = strict & (
            ((kind == "money") & (counted == ""))
            | ((kind == "count") & np.isin(counted, list(GENERIC_COUNTED)))
            | (df["approx"].to_numpy() == "vague")
            | parts.modal
        )
        Q = qualifier_matrix(quals)
        flags = sp.csr_matrix(np.c_[never, strict].astype(np.float32))
        keys = context_keys(parts.W, parts.near, parts.near_names, parts.years, Q, flags)
        rule = _Context(parts, keys, self.context, strict, never, Q)
        # outlets numbered within each group in order of first appearance, for all groups at once
        gk = df.groupby(["event", "story", "quantity"], sort=True).ngroup().to_numpy()
        outlet_no = pd.factorize(df["outlet"])[0]
        rowno = pd.Series(np.arange(len(df)))
        first_row = rowno.groupby([gk, outlet_no]).transform("min").to_numpy()
        ocode = pd.Series(first_row).groupby(gk).rank(method="dense").to_numpy().astype(np.int64) - 1
        n_outlets = np.zeros(int(gk.max()) + 1, dtype=np.int64)
        np.maximum.at(n_outlets, gk, ocode + 1)
        multi: list[tuple[tuple, np.ndarray, list[str]]] = []
        for (event, story, quantity), idx in sorted(groups.items()):
            if n_outlets[gk[idx[0]]] < 2:
                continue
            firsts = idx[np.unique(ocode[idx], return_index=True)[1]]
            multi.append(((event, story, quantity), idx, [str(o) for o in col["outlet"][firsts]]))
        duration = (col["kind"] == "duration") & ~strict  # a duration is its own context, but not in a topic
        shown_all = _shown(col["value_low"], col["value_high"], col["total_low"], col["total_high"])
        bounds = (col["value_low"], col["value_high"], col["total_low"], col["total_high"])
        small = [idx for _, idx, _ in multi if len(idx) <= SMALL_GROUP]
        small_dis, small_res = compare_small_groups(small, ocode, *bounds, duration, rule, MAX_PAIRS_PER_OUTLETS)
        disagrees |= small_dis
        small_of = {id(idx): r for idx, r in zip(small, small_res)}
        for (event, story, quantity), idx, uniq in multi:
            code = ocode[idx]
            slo, shi = col["value_low"][idx], col["value_high"][idx]
            tlo, thi = col["total_low"][idx], col["total_high"][idx]
            shown = [shown_all[i] for i in idx.tolist()]
            _other_values(others, idx, code, uniq, shown)
            res = small_of.get(id(idx))
            if res is None:
                res = compare_group(idx, code, slo, shi, tlo, thi, duration[idx], rule, MAX_PAIRS_PER_OUTLETS)
                disagrees[idx[res.disagrees]] = True
            vals, texts = col["value"][idx], col["text"][idx]
            sents, arts = col["sentence"][idx], col["article_id"][idx]
            for key in sorted(set(res.conflicts) | set(res.restated)):
                for status, listed in ((CONFLICT, res.conflicts), (RESTATED, res.restated)):
                    for ii, jj in listed.get(key, []):
                        pairs.append(
                            (
                                event,
                                quantity,
                                uniq[key[0]],
                                vals[ii],
                                texts[ii],
                                sents[ii],
                                uniq[key[1]],
                                vals[jj],
                                texts[jj],
                                sents[jj],
                                arts[ii],
                                arts[jj],
                                shown[ii],
                                shown[jj],
                                status,
                                story,
                            )
                        )
        df["disagrees"] = disagrees
        df["other_values"] = others
        df = df.sort_values(
            ["event", "quantity", "outlet", "article_id", "sentence_index", "start"], kind="stable"
        ).reset_index(drop=True)
        dis = pd.DataFrame(pairs, columns=DISAGREEMENT_COLUMNS)
        body = df[df["sentence_index"] >= 0]
        hits = pd.DataFrame(
            {
                "quantity": body["quantity"],
                "article_id": body["article_id"],
                "sentence_index": body["sentence_index"],
                "start": body["start"],
                "end": body["end"],
                "match": body["text"],
            }
        )
        return {
            "numbers": df,
            "number_disagreements": dis,
            "numbers_evidence": make_evidence(corpus, hits, ["quantity"]),
        }


def _shown(slo: np.ndarray, shi: np.ndarray, tlo: np.ndarray, thi: np.ndarray) -> list[str]:
    """Each row's interval as text, with its total when that differs ("1,000 (total 2,000)")."""
    keys = pd.Series(list(zip(slo.tolist(), shi.tolist(), tlo.tolist(), thi.tolist())))
    codes, uniq = keys.factorize()
    texts = []
    for a, b, c, d in uniq:
        lab, tot = format_interval(a, b), format_interval(c, d)
        texts.append(lab + (f" (total {tot})" if tot != lab else ""))
    return [texts[k] for k in codes.tolist()]


def _other_values(others: list[str], idx: np.ndarray, code: np.ndarray, uniq: list[str], shown: list[str]) -> None:
    """Fill ``others`` for the rows ``idx``: the values of every other outlet, in order of appearance."""
    seen: list[dict[str, None]] = [{} for _ in uniq]
    for c, v in zip(code.tolist(), shown):
        seen[c].setdefault(v, None)
    text_of = [f"{o}: {', '.join(vs)}" for o, vs in zip(uniq, seen)]
    without = ["; ".join(t for k, t in enumerate(text_of) if k != c) for c in range(len(uniq))]
    for i, c in zip(idx.tolist(), code.tolist()):
        others[i] = without[c]
