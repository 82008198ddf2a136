"""Selection vs BASIL informational bias: are biased sentences over-represented among unique units?

BASIL (Fan et al. 2019, EMNLP) has 100 triplets of same-event articles (Fox, NYT, HuffPost)
with spans annotated as informational bias ("content selected to sway"). We run
FactCoverageAnalyzer on each triplet (event = triplet, outlet = source) and ask whether
sentences containing an informational-bias span are more often among the units our
coverage marks as *unique* (only this outlet carries the fact) or *selectively included*
(carried by this outlet and one other, but not all three), compared with the base rate.

Usage:  python validation/selection_basil.py [--shared PATH]
Writes docs/validation/selection.md.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import pandas as pd
from scipy import stats

ROOT = Path(__file__).resolve().parents[1]


def load(basil: Path):
    from framing import Article, Corpus

    arts, inf_sents = [], {}
    for p in sorted((basil / "articles").rglob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        sents = [s.strip() for para in d["body-paragraphs"] for s in para if s.strip()]
        text = "\n".join(sents)  # one sentence per line: framing's splitter keeps BASIL's sentences
        aid = p.stem  # the uuid field is sometimes "empty"
        arts.append(
            Article(id=aid, outlet=d["source"].lower(), title=d.get("title") or "", text=text, event=d["triplet-uuid"])
        )
        ann = basil / "annotations" / p.parent.name / (p.stem + "_ann.json")
        spans = json.loads(ann.read_text(encoding="utf-8")).get("phrase-level-annotations", []) if ann.exists() else []
        inf_sents[aid] = {s["txt"] for s in spans if s.get("bias") == "inf"}
    return Corpus(arts), inf_sents


def rate_row(name, k, n):
    from framing.stats import wilson_interval

    lo, hi = wilson_interval(k, n)
    return {"units": name, "n": n, "inf_bias": k, "rate": k / n if n else math.nan, "low": float(lo), "high": float(hi)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    basil = Path(args.shared) / "datasets" / "basil"
    corpus, inf = load(basil)
    from framing.analyses.facts import FactCoverageAnalyzer

    out = FactCoverageAnalyzer(headlines=False).fit_transform(corpus)
    f = out["facts"]
    # every body unit: which fact, how many outlets carry that fact
    cov = f[f["covered"]]
    # all units (not only the representative one per fact and outlet): re-derive via evidence = representative units;
    # we use the representative units, one per (fact, outlet), which is what the table reports
    rows = []
    for r in cov.itertuples(index=False):
        spans = inf.get(r.article_id, set())
        has = any(s in r.sentence for s in spans)
        rows.append((r.event, r.outlet, r.fact_id, r.n_outlets, has))
    u = pd.DataFrame(rows, columns=["event", "outlet", "fact_id", "n_outlets", "inf"])
    table = [
        rate_row("all units (base rate)", int(u["inf"].sum()), len(u)),
        rate_row("unique (1 of 3 outlets)", int(u.loc[u.n_outlets == 1, "inf"].sum()), int((u.n_outlets == 1).sum())),
        rate_row(
            "selective (2 of 3 outlets)", int(u.loc[u.n_outlets == 2, "inf"].sum()), int((u.n_outlets == 2).sum())
        ),
        rate_row("unique or selective", int(u.loc[u.n_outlets < 3, "inf"].sum()), int((u.n_outlets < 3).sum())),
        rate_row("shared by all 3", int(u.loc[u.n_outlets == 3, "inf"].sum()), int((u.n_outlets == 3).sum())),
    ]
    t = pd.DataFrame(table)
    # unique vs shared-by-2+: 2x2 test and rate ratio with a log CI
    a, b = int(u.loc[u.n_outlets == 1, "inf"].sum()), int((u.n_outlets == 1).sum())
    c, d = int(u.loc[u.n_outlets >= 2, "inf"].sum()), int((u.n_outlets >= 2).sum())
    rr = (a / b) / (c / d) if b and d and c else math.nan
    se = math.sqrt(1 / a - 1 / b + 1 / c - 1 / d) if a and c else math.nan
    ci = (rr * math.exp(-1.96 * se), rr * math.exp(1.96 * se)) if se == se else (math.nan, math.nan)
    _, p = stats.fisher_exact([[a, b - a], [c, d - c]])
    # informational-bias spans that could be located
    n_spans = sum(len(v) for v in inf.values())
    lines = [
        "# Validation: selection (facts) against BASIL informational bias",
        "",
        "Data: BASIL release 2 (Fan et al. 2019, *In Plain Sight: Media Bias Through the Lens of Factual "
        "Reporting*, EMNLP): 100 triplets (Fox, NYT, HuffPost) on the same event, "
        f"{n_spans:,} distinct informational-bias span texts. Event = triplet, outlet = source. "
        "Each unit is one BASIL sentence (the analyzer's representative sentence for a fact and outlet); "
        "a unit counts as *informational bias* when it contains an annotated `inf` span.",
        "",
        "Command: `python validation/selection_basil.py` (FactCoverageAnalyzer defaults, headlines off).",
        "",
        "| units | n | with inf. bias | rate | 95% Wilson CI |",
        "|---|---:|---:|---:|---|",
    ]
    for r in t.itertuples():
        lines.append(f"| {r.units} | {r.n:,} | {r.inf_bias:,} | {r.rate:.3f} | {r.low:.3f}–{r.high:.3f} |")
    lines += [
        "",
        f"Rate ratio unique vs carried by 2+ outlets: **{rr:.2f}** (95% CI {ci[0]:.2f}–{ci[1]:.2f}, "
        f"Katz log method); Fisher exact test p = {p:.3g}.",
        "",
        "Reading: BASIL annotators mark content chosen to sway the reader. If our alignment finds what only "
        "one outlet says, those sentences should carry informational bias more often than the base rate. "
        "A ratio above 1 with a CI excluding 1 supports that; the size of the ratio is modest because most "
        "sentences of an article are unique to it at sentence level (paraphrase alignment is incomplete), "
        "and BASIL also marks bias in facts that all outlets report but frame differently.",
        "",
        "No published figure exists for this exact measure. The BASIL paper reports that informational bias "
        "is more frequent than lexical bias (release 2: 1,246 vs 480 spans). The effect measured here is small: "
        "the unique rate is barely above the base rate, and the evidence is the ratio against facts shared by "
        "2+ outlets.",
    ]
    md = "\n".join(lines) + "\n"
    print(md)
    dest = ROOT / "docs" / "validation" / "selection.md"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(md, encoding="utf-8")


if __name__ == "__main__":
    main()
