"""Discovered naming variants on RUWA: list the accepted pairs for a hand check.

Data: ``datasets/ruwa`` (16,545 headlines and leads from 9 Ukrainian, Russian and Western
outlets on 9 events of the war; see its SOURCE.md). Each row becomes one article: its
headline and lead as the text, ``Site`` as the outlet, ``Event`` as the event, ``Date``.
Naming runs with the packaged lexicon and discovery on; the script lists the accepted
pairs of ``naming_candidates`` (most similar first, the table's order), with counts, the
outlets using each spelling, the evidence sentences, and whether a group is tested.

The verdicts of the hand check (each pair judged by reading its evidence) are kept in
``docs/ruwa-check.md``; this script writes the list to check into
``docs/validation/naming_discovery_ruwa.md``.

    python validation/naming_discovery_ruwa.py [--shared ../shared] [--top 100]
"""

from __future__ import annotations

import sys
import time

import pandas as pd

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import dataset, parser, write_doc


def load_ruwa(shared):
    """RUWA as a Corpus: one article per row, text = headline + lead."""
    from framing import load_corpus

    df = pd.read_csv(dataset(shared, "ruwa") / "RUWA_04.08.23.csv", dtype=str, keep_default_na=False)
    recs = []
    for i, r in enumerate(df.itertuples(index=False)):
        title, desc = r.title.strip(), r.desc.strip()
        text = " ".join(x if x.endswith((".", "!", "?")) else x + "." for x in (title, desc) if x)
        if text:
            recs.append({"id": f"ruwa{i}", "outlet": r.Site, "event": r.Event, "date": r.Date, "text": text})
    return load_corpus(recs)


def main() -> None:
    ap = parser(__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=100)
    args = ap.parse_args()
    from framing import NamingAnalyzer

    t = time.time()
    corpus = load_ruwa(args.shared)
    out = NamingAnalyzer().fit_transform(corpus)
    cand = out["naming_candidates"]
    acc = cand[cand["accepted"]].head(args.top)
    tests = out["naming_tests"]
    disc = tests[(tests["source"] == "discovered") & (tests["event"] == "all")]
    lines = [
        "# Discovered naming variants on RUWA (generated)",
        "",
        f"`python validation/naming_discovery_ruwa.py` on {len(corpus):,} RUWA headlines and leads "
        f"({time.time() - t:.0f} s). {int(cand['accepted'].sum())} accepted pairs of {len(cand)} listed "
        f"candidates; {disc['group'].nunique()} discovered groups, {int((~disc['too_little_data']).sum())} tested. "
        "The hand check of these pairs is in `docs/ruwa-check.md`.",
        "",
        "| # | term_a | term_b | sim | count_a | count_b | compl. | context | group | examples |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for k, r in enumerate(acc.itertuples(index=False), 1):
        ex = str(r.examples).replace("|", "/").replace("\n", " ")[:300]
        lines.append(
            f"| {k} | {r.term_a} | {r.term_b} | {r.similarity:.2f} | {r.count_a} | {r.count_b} | "
            f"{r.complementarity:.2f} | {r.context_similarity:.2f} | {r.group} | {ex} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        print("written:", write_doc("naming_discovery_ruwa", text))


if __name__ == "__main__":
    main()
