"""Score the ``facts`` table against facts labelled by hand (omissions that hold up).

The labels say, for each fact of an event, which articles carry it and in which
sentences (identified by a substring of the headline or sentence), and which carry it
only in part (left out of every measurement). Every other article of the event omits it.
See ``tests/fixtures/example_facts.json`` for the format.

Two error rates, both over (fact, outlet) pairs:

* **false "omitted"**: of the pairs the table flags ``omitted`` (``status``), the share
  where the outlet in fact carries the fact;
* **missed omissions**: of the pairs where the outlet omits a *common* labelled fact
  (carried by more than half of the other outlets, the table's own definition), the share
  the table does not flag ``omitted`` (``uncertain`` counts as missed; it is reported apart).

The table's verdict on (labelled fact F, outlet O) is read from the table's facts that
hold the sentences of F from the *other* outlets. Two rules:

* ``rule="covered-first"`` (the first rule, for sentence clusters that never overlap):
  every table fact holding one of those sentences counts; ``covered`` if O is covered in
  one of them, else ``omitted`` if one flags O omitted, else ``uncertain`` if one flags it
  so, else ``not flagged``.
* ``rule="omitted-first"`` (default; for tables whose facts overlap, as a fact and its
  details do): the table facts that hold the labelled sentences of at least two other
  carrying outlets (of the one, when only one other carries F) are the ones about F, a
  *detail* (a table fact with an ``anchor``) only when every other carrier's labelled words
  of F hold one of its anchor words (the detail is part of F as the others tell it);
  ``omitted`` if one of them flags O omitted, else as above. A table fact about F that
  says O omits it is a claim a reader sees, so it counts, right or wrong: a false flag
  is counted as false as surely as a true one is counted as found. When no table fact
  holds two carriers' sentences, every table fact holding one counts (as in the first rule).

>>> import pandas as pd
>>> facts = pd.DataFrame({"event": ["e"] * 4, "fact_id": ["f1", "f1", "f2", "f2"],
...     "outlet": ["A", "B", "A", "B"], "article_id": ["a", "", "a", "b"],
...     "covered": [True, False, False, True], "status": ["covered", "omitted", "absent", "covered"],
...     "sentence": ["Ten were hurt.", "", "", "Ten people were hurt."]})
>>> gold = {"events": {"e": {"articles": ["a", "b"], "facts": [
...     {"id": "g", "fact": "ten hurt", "carried": {"a": ["Ten were hurt"], "b": ["Ten people were hurt"]}}]}}}
>>> s = score_omissions(facts, gold, {"a": "A", "b": "B"})
>>> s["n_flagged_omitted"], s["n_false_omitted"]
(1, 1)
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

__all__ = ["score_omissions", "verdicts"]


def _status(facts: pd.DataFrame) -> pd.Series:
    if "status" in facts.columns:
        return facts["status"].astype(str)
    common = facts["common"] if "common" in facts.columns else False
    return pd.Series(
        [
            "covered" if c else ("omitted" if m else "absent")
            for c, m in zip(facts["covered"], common & ~facts["covered"])
        ],
        index=facts.index,
    )


def _norm(text: str) -> str:
    """Lower case, thousands separators dropped, words and numbers apart ("€25m" -> " 25 m ")."""
    t = re.sub(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)", " ", text.lower().replace(",", ""))
    t = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", t)  # a point only inside a number ("6.4")
    return " " + "".join(c if c.isalnum() or c == "." else " " for c in t) + " "


def _detail_told(anchor: str, needles_of_others: list) -> bool:
    """Whether every other carrier tells a detail's anchor (one of its words) in its labelled
    words of the fact: only then is the detail part of the fact as the others tell it.
    Whole facts (no anchor) always are."""
    words = [_norm(w).strip() for w in str(anchor).split(";") if w.strip()]
    if not words:
        return True
    return all(any(f" {w} " in _norm(n) for n in needles for w in words) for needles in needles_of_others)


def verdicts(
    facts: pd.DataFrame, gold: Mapping, outlet_of: Mapping[str, str], rule: str = "omitted-first"
) -> pd.DataFrame:
    """One row per labelled fact and article of its event: gold label and the table's verdict.

    Parameters
    ----------
    facts:
        The ``facts`` table (``fact_id``, ``outlet``, ``article_id``, ``covered``, ``sentence``
        and ``status`` or ``common``).
    gold:
        The labels (``{"events": {event: {"articles": [...], "facts": [...]}}}``).
    outlet_of:
        Article id -> outlet.
    rule:
        ``"omitted-first"`` or ``"covered-first"`` (see the module docstring).

    Returns
    -------
    DataFrame with event, fact, article_id, outlet, gold (carried / omitted / partial),
    common (the fact is carried by more than half of the other outlets), verdict.
    """
    st = _status(facts)
    f = facts.assign(verdict_status=st.to_numpy())
    cov = f[f["covered"].astype(bool)]
    by_art = {a: g for a, g in cov.groupby("article_id")}  # noqa: C416 (a GroupBy has a .keys attribute)
    status_of = dict(zip(zip(f["fact_id"], f["outlet"]), f["verdict_status"]))
    anchor_of = dict(zip(f["fact_id"], f["anchor"])) if "anchor" in f.columns else {}
    rows = []
    for event, spec in gold["events"].items():
        arts = list(spec["articles"])
        for fact in spec["facts"]:
            carried = fact["carried"]
            partial = set(fact.get("partial", []))
            # the table's facts that hold each carrying article's labelled sentences
            held: dict[str, set[str]] = {}
            for art, needles in carried.items():
                g = by_art.get(art)
                ids: set[str] = set()
                if g is not None:
                    for needle in needles:
                        hit = g[g["sentence"].str.contains(needle, regex=False)]
                        ids.update(hit["fact_id"])
                held[art] = ids
            for art in arts:
                label = "carried" if art in carried else ("partial" if art in partial else "omitted")
                others = [a for a in carried if a != art]
                n_other = len(arts) - 1
                common = n_other > 0 and len(others) / n_other > 0.5
                o = outlet_of[art]
                ids = set().union(*(held[a] for a in others)) if others else set()
                if rule == "omitted-first" and ids:
                    need = min(2, len(others))
                    about = {
                        i
                        for i in ids
                        if sum(i in held[a] for a in others) >= need
                        and _detail_told(anchor_of.get(i, ""), [carried[a] for a in others])
                    }
                    ids = about or ids
                sts = {status_of.get((i, o), "") for i in ids}
                if not ids:
                    verdict = "no fact"
                elif rule == "omitted-first" and "omitted" in sts:
                    verdict = "omitted"
                elif "covered" in sts:
                    verdict = "covered"
                elif "omitted" in sts:
                    verdict = "omitted"
                elif "uncertain" in sts:
                    verdict = "uncertain"
                else:
                    verdict = "not flagged"
                rows.append((event, fact["id"], art, o, label, common, verdict))
    return pd.DataFrame(rows, columns=["event", "fact", "article_id", "outlet", "gold", "common", "verdict"])


def score_omissions(
    facts: pd.DataFrame, gold: Mapping, outlet_of: Mapping[str, str], rule: str = "omitted-first"
) -> dict:
    """Error rates of the ``facts`` table's omission flags against labelled facts.

    Returns a dict with ``n_flagged_omitted``, ``n_false_omitted``, ``false_omitted_rate``,
    ``n_gold_omitted`` (omissions of common labelled facts), ``n_missed``, ``missed_rate``,
    ``n_uncertain_on_omitted``, ``n_uncertain_on_carried`` and ``verdicts`` (the
    :func:`verdicts` table).
    """
    if rule not in ("omitted-first", "covered-first"):
        raise ValueError(f"rule must be 'omitted-first' or 'covered-first', not {rule!r}")
    v = verdicts(facts, gold, outlet_of, rule)
    judged = v[v["gold"] != "partial"]
    flagged = judged[judged["verdict"] == "omitted"]
    false = flagged[flagged["gold"] == "carried"]
    gold_om = judged[(judged["gold"] == "omitted") & judged["common"]]
    missed = gold_om[gold_om["verdict"] != "omitted"]
    return {
        "n_flagged_omitted": len(flagged),
        "n_false_omitted": len(false),
        "false_omitted_rate": len(false) / len(flagged) if len(flagged) else float("nan"),
        "n_gold_omitted": len(gold_om),
        "n_missed": len(missed),
        "missed_rate": len(missed) / len(gold_om) if len(gold_om) else float("nan"),
        "n_uncertain_on_omitted": int((gold_om["verdict"] == "uncertain").sum()),
        "n_uncertain_on_carried": int(((judged["gold"] == "carried") & (judged["verdict"] == "uncertain")).sum()),
        "verdicts": v,
    }
