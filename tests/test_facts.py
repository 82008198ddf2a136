"""FactCoverageAnalyzer: facts aligned across outlets, coverage, placement, unique and omitted facts."""

import pandas as pd
import pytest

from framing import ParameterError, group_events, load_corpus
from framing.analyses.facts import COLUMNS, COVERAGE_COLUMNS, FactCoverageAnalyzer

TINY = [
    {
        "id": "a",
        "outlet": "A",
        "event": "e",
        "title": "Kyiv and Moscow agree to swap prisoners in Istanbul",
        "text": "Kyiv and Moscow agreed to swap 1,000 prisoners on Friday after talks in Istanbul. "
        "The mayor of Lviv opened a new bakery near the central railway station.",
    },
    {
        "id": "b",
        "outlet": "B",
        "event": "e",
        "title": "",
        "text": "Moscow and Kyiv agreed on Friday to exchange 1,000 prisoners after the Istanbul talks. "
        "It rained heavily in Odesa all day long, flooding several streets.",
    },
    {
        "id": "c",
        "outlet": "C",
        "event": "e",
        "title": "",
        "text": "After the talks in Istanbul, Kyiv and Moscow agreed to swap 1,000 prisoners. "
        "It rained heavily in Odesa all day, flooding several of its streets.",
    },
]


def _facts(records, **kw):
    return FactCoverageAnalyzer(**kw).fit_transform(load_corpus(records))


def _fact_of(facts, outlet, needle):
    rows = facts[(facts["outlet"] == outlet) & facts["sentence"].str.contains(needle, regex=False)]
    assert len(rows), needle
    return facts[facts["fact_id"] == rows["fact_id"].iloc[0]]


def test_tables_and_columns():
    out = _facts(TINY)
    assert list(out["facts"].columns[: len(COLUMNS)]) == COLUMNS
    assert list(out["coverage"].columns) == COVERAGE_COLUMNS
    f = out["facts"]
    # one row per fact and outlet of the event
    assert (f.groupby("fact_id")["outlet"].nunique() == 3).all()
    assert set(f["position"]) <= {"headline", "lead", "body", ""}
    assert (f.loc[~f["covered"], "sentence"] == "").all()


def test_alignment_unique_and_omitted():
    f = _facts(TINY)["facts"]
    swap = _fact_of(f, "B", "exchange 1,000 prisoners")
    assert swap["covered"].all() and (swap["n_outlets"] == 3).all()
    # A carries the swap in its headline, the others in their lead
    assert swap.set_index("outlet")["position"].to_dict() == {"A": "headline", "B": "lead", "C": "lead"}
    bakery = _fact_of(f, "A", "bakery")
    assert bakery.set_index("outlet")["covered"].to_dict() == {"A": True, "B": False, "C": False}
    assert bakery["unique"].all()
    rain = _fact_of(f, "B", "rained")
    assert rain.set_index("outlet")["covered"].to_dict() == {"A": False, "B": True, "C": True}
    # A omits the rain that both others carry
    assert rain.set_index("outlet").loc["A", "common"]


def test_coverage_counts():
    cov = _facts(TINY)["coverage"].set_index(["event", "outlet"])
    assert cov.loc[("e", "A"), "n_unique"] == 1
    assert cov.loc[("e", "A"), "n_omitted_common"] == 1
    assert cov.loc[("e", "B"), "n_omitted_common"] == 0
    assert cov.loc[("all", "A"), "n_covered"] == cov.loc[("e", "A"), "n_covered"]
    row = cov.loc[("e", "B")]
    assert row["share_covered"] == pytest.approx(row["n_covered"] / row["n_facts_event"])
    assert row["share_low"] <= row["share_covered"] <= row["share_high"]


def test_evidence_points_to_sentences():
    out = _facts(TINY)
    ev = out["facts_evidence"]
    assert len(ev) and set(ev["outlet"]) == {"A", "B", "C"}
    for r in ev.itertuples():
        assert r.match in r.sentence


def test_clause_units():
    rec = [
        dict(
            TINY[0],
            text="Kyiv and Moscow agreed to swap 1,000 prisoners in Istanbul; the mayor of Lviv "
            "opened a new bakery near the station.",
        ),
        TINY[1],
    ]
    f = _facts(rec, unit="clause")["facts"]
    assert _fact_of(f, "A", "bakery")["unique"].all()
    swap = _fact_of(f, "B", "exchange 1,000 prisoners")
    assert swap["covered"].all()


@pytest.mark.parametrize("kw", [{"threshold": 0}, {"unit": "word"}, {"min_words": 0}, {"max_df": 2.0}])
def test_bad_parameters(kw):
    with pytest.raises(ParameterError):
        FactCoverageAnalyzer(**kw).fit(load_corpus(TINY))


def test_single_outlet_event_has_no_unique_facts():
    f = _facts([TINY[0]])["facts"]
    assert len(f) and not f["unique"].any() and (f["n_outlets_event"] == 1).all()


def test_seeds_round_one_and_two(seeds_events):
    out = FactCoverageAnalyzer().fit_transform(seeds_events)
    f = out["facts"]
    o000, o001, o002 = "000_3aaa32b14751efd5", "001_0fd35cd8267ffe83", "002_e80a8cb6eb26e670"
    # facts only one article carries are unique to it
    starmer = _fact_of(f, o001, "Keir Starmer")
    assert starmer.set_index("outlet")["covered"].to_dict() == {o000: False, o001: True, o002: False}
    assert starmer["unique"].all()
    hudson = _fact_of(f, o000, "Hudson Institute")
    assert hudson.set_index("outlet")["covered"].to_dict() == {o000: True, o001: False, o002: False}
    # shared facts are aligned: the prisoner exchange, Medinsky's satisfaction
    swap = _fact_of(f, o001, "exchange 1,000 prisoners from each side")
    assert swap.set_index("outlet").loc[o002, "covered"]
    medinsky = _fact_of(f, o000, "we are satisfied with the outcome")
    assert medinsky["covered"].sum() >= 2
    # round 2: the exchange of bodies is carried by both; the list of deported children only by Voz.us
    r2 = f[f["event"] == "R2"]
    bodies = _fact_of(r2, "003_2545b74aea4d849b", "bodies of fallen soldiers")
    assert bodies.set_index("outlet")["covered"].to_dict() == {"003_2545b74aea4d849b": True, "Voz.us": True}
    lst = _fact_of(r2, "Voz.us", "a list with hundreds of Ukrainian children")
    assert lst.set_index("outlet")["covered"].to_dict() == {"003_2545b74aea4d849b": False, "Voz.us": True}
    assert lst["unique"].all()
    cov = out["coverage"].set_index(["event", "outlet"])
    assert cov.loc[("R2", "Voz.us"), "n_unique"] > cov.loc[("R2", "003_2545b74aea4d849b"), "n_unique"]


def test_example_corpus_selection(example):
    f = FactCoverageAnalyzer().fit_transform(group_events(example))["facts"]
    # one-outlet facts named in the example README
    for aid, needle in [("ex-014", "Uniting for Ukraine"), ("ex-020", "war-risk insurance")]:
        rows = f[(f["article_id"] == aid) & f["sentence"].str.contains(needle, regex=False)]
        assert len(rows) and rows["unique"].all(), needle


def test_empty_corpus_and_report(seeds_events):
    from framing.report.sections import selection

    out = FactCoverageAnalyzer().fit_transform(load_corpus([]))
    assert all(isinstance(v, pd.DataFrame) and v.empty for v in out.values())
    assert selection.facts_sections({}) == []
    secs = selection.facts_sections(FactCoverageAnalyzer().fit_transform(seeds_events))
    html = secs[0].render()
    assert "Keir Starmer" in html and ("<svg" in html or "<img" in html)


def test_candidate_pairs_from_posting_lists():
    """Short posting lists pair all their units; a long one pairs each unit with its next neighbours
    (the cost grows with the event, not its square); each unit keeps its best pairs."""
    import numpy as np

    from framing.analyses.fact_align import _posting_pairs, _top_k_pairs

    rows = np.array([0, 1, 2, 3, 4, 5])
    keys = np.array([7, 7, 7, 9, 9, 8])
    pi, pj = _posting_pairs(rows, keys, window=5)
    assert sorted(zip(pi.tolist(), pj.tolist())) == [(0, 1), (0, 2), (1, 2), (3, 4)]
    long = np.arange(100)
    pi, pj = _posting_pairs(long, np.zeros(100, dtype=np.int64), window=3)
    assert len(pi) == 3 * 100 - 6 and set((pj - pi).tolist()) == {1, 2, 3}
    keep = _top_k_pairs(np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2]), np.array([0.9, 0.5, 0.1, 0.2]), 1)
    assert keep.tolist() == [True, True, True, False]  # (0,3) is 3's best, (0,2) is 2's best


def _top_k_by_sorting(pi, pj, score, k):
    """Reference: rank every pair of each unit by score, keep the k best of either unit. Ties:
    the pairs where the unit comes first, in pair order, then those where it comes second."""
    keep = set()
    for unit in set(pi.tolist()) | set(pj.tolist()):
        mine = [q for q in range(len(pi)) if pi[q] == unit] + [q for q in range(len(pi)) if pj[q] == unit]
        mine.sort(key=lambda q: -min(max(float(score[q]), 0.0), 1.0))  # stable
        keep.update(mine[:k])
    return [q in keep for q in range(len(pi))]


@pytest.mark.parametrize("seed", range(6))
def test_top_k_pairs_keeps_what_a_full_sort_keeps(seed):
    """The binned top-k keeps exactly the pairs a full sort keeps, ties and scores outside 0-1 included."""
    import numpy as np

    from framing.analyses.fact_align import _top_k_pairs

    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(3, 40)), int(rng.integers(5, 400))
    pi, pj = rng.integers(0, n, m), rng.integers(0, n, m)
    pi, pj = pi[pi != pj], pj[pi != pj]  # pairs of two units
    m = len(pi)
    score = (rng.integers(0, 6, m) / 5 if seed % 2 else rng.random(m) * 1.2 - 0.1).astype(np.float32)
    k = int(rng.integers(1, 12))
    assert _top_k_pairs(pi, pj, score, k).tolist() == _top_k_by_sorting(pi, pj, score, k)


def test_status_and_uncertain_column():
    f = _facts(TINY)["facts"]
    assert set(f["status"]) <= {"covered", "omitted", "uncertain", "absent"}
    assert (f["status"] == "covered").eq(f["covered"]).all()
    rain = _fact_of(f, "B", "rained").set_index("outlet")
    assert rain.loc["A", "status"] == "omitted" and rain.loc["A", "closest"] < 0.35
    assert (f.loc[~f["covered"] & ~f["common"], "status"] == "absent").all()
    cov = _facts(TINY)["coverage"].set_index(["event", "outlet"])
    assert cov.loc[("e", "A"), "n_uncertain_common"] == 0


LOADED = [
    {
        "id": "a",
        "outlet": "A",
        "event": "e",
        "title": "",
        "text": "Officials said the ministry will close the Varna border crossing for ten days from Monday. "
        "The finance minister presented a budget with higher pension payments for retirees. "
        "Farmers protested against cheap imports of grain in the capital on Sunday.",
    },
    {
        "id": "b",
        "outlet": "B",
        "event": "e",
        "title": "",
        "text": "The regime's thugs claimed the ministry would shut the Varna border crossing for ten days from Monday. "
        "The finance minister unveiled a budget that raises pension payments for retirees. "
        "A football match between two local clubs ended in a goalless draw on Saturday evening.",
    },
    {
        "id": "c",
        "outlet": "C",
        "event": "e",
        "title": "",
        "text": "The Varna border crossing will be closed for ten days starting Monday, the ministry said. "
        "Farmers protested in the capital on Sunday against cheap grain imports from abroad. "
        "Heavy snow is expected in the mountains over the coming weekend, forecasters said.",
    },
]


def test_loaded_paraphrase_carries_the_fact():
    """Loaded words and judging verbs around the same content do not make an omission."""
    f = _facts(LOADED)["facts"]
    border = _fact_of(f, "A", "Varna border crossing").set_index("outlet")
    assert border["covered"].all(), border[["covered", "status", "closest"]]
    # B leaves out the farmers' protest that A and C carry, and nothing of B's comes close
    protest = _fact_of(f, "A", "Farmers protested").set_index("outlet")
    assert protest.loc["B", "status"] == "omitted"


def test_multi_fact_sentence_carries_each_fact():
    rec = [
        {
            "id": "a",
            "outlet": "A",
            "event": "e",
            "title": "",
            "text": "The Senate approved the harbour tax on Tuesday. The tax will fund 40 new ferries for the islands.",
        },
        {
            "id": "b",
            "outlet": "B",
            "event": "e",
            "title": "",
            "text": "The Senate approved the harbour tax on Tuesday, which will fund 40 new ferries for the islands.",
        },
        {
            "id": "c",
            "outlet": "C",
            "event": "e",
            "title": "",
            "text": "The harbour tax that the Senate approved on Tuesday will fund 40 new ferries for the islands.",
        },
    ]
    f = _facts(rec)["facts"]
    ferries = _fact_of(f, "A", "40 new ferries").set_index("outlet")
    assert ferries["covered"].all()
    # every fact A tells in two sentences is carried by the one sentence of B and of C
    assert f.groupby("fact_id")["covered"].all().all()


def test_example_omissions_against_hand_labels(example):
    """Omission flags on the example corpus against its hand-labelled facts (tests/fixtures/example_facts.json)."""
    import json
    from pathlib import Path

    from framing.analyses.facts_scoring import score_omissions

    gold = json.loads((Path(__file__).parent / "fixtures" / "example_facts.json").read_text(encoding="utf-8"))
    events = {a: e for e, spec in gold["events"].items() for a in spec["articles"]}
    corpus = example.with_events(events)
    facts = FactCoverageAnalyzer().fit_transform(corpus)["facts"]
    outlet_of = {a.id: a.outlet for a in corpus}
    s = score_omissions(facts, gold, outlet_of, rule="covered-first")
    assert s["n_flagged_omitted"] >= 15
    assert s["false_omitted_rate"] <= 0.10  # target: at most 10 % (first rule)
    # missed omissions (target 20 %) are documented in docs/validation.md; keep them from getting worse
    assert s["missed_rate"] <= 0.55
    # the stricter rule: every flag of a table fact about the labelled fact counts (16.7 % / 50.0 % on 2026-12-06)
    strict = score_omissions(facts, gold, outlet_of)
    assert strict["false_omitted_rate"] <= 0.20
    assert strict["missed_rate"] <= 0.52
    s = strict
    # the four one-outlet omissions the corpus documents
    v = s["verdicts"].set_index(["fact", "article_id"])["verdict"]
    assert v[("A07", "ex-002")] in ("omitted", "uncertain")  # next round: NL
    assert v[("B03", "ex-008")] in ("omitted", "uncertain", "covered")  # casualties: EH (see docs)
    assert v[("C04", "ex-012")] in ("omitted", "uncertain", "covered")
    assert v[("D05", "ex-019")] == "omitted"  # SWIFT: KD


def test_corpus_units_headline_lead_body_quotes_and_names():
    """Units of all articles at once: headline first, lead then body, quoted and capitalised tokens."""
    from framing.analyses.fact_units import corpus_units

    c = load_corpus(
        [
            {
                "id": "h",
                "outlet": "A",
                "title": "Zelensky Meets Leaders In Kyiv On Friday",  # title case: its words are not names
                "text": 'Officials said talks began in Geneva on Monday morning. The minister said "we will not '
                "give up any of our land" + '" to reporters. Short one. Then the delegates went home for the night.',
            },
            {"id": "n", "outlet": "B", "title": "", "text": "Too short. Also too short here."},
        ]
    )
    _, terms = c.term_counts()
    U = corpus_units(c, list(terms), unit="sentence", min_words=5, lead_sentences=2, headlines=True)
    assert U.article.tolist() == [0, 0, 0, 0]  # the article of short sentences has no unit
    assert U.position == ["headline", "lead", "lead", "body"]
    assert U.sentence_index[0] == -1 and U.text[0] == c["h"].title
    doc = c["h"].document_text
    for s, e, t in zip(U.start[1:].tolist(), U.end[1:].tolist(), U.text[1:]):
        assert doc[s:e] == t and t == t.strip()
    words = [terms[i] for i in U.tok_id]
    quoted = {w for w, q in zip(words, U.tok_quoted) if q}
    assert {"give", "land"} <= quoted and "minister" not in quoted
    caps = {w for w, cap, u in zip(words, U.tok_cap, U.tok_unit) if cap}
    assert "geneva" in caps and "officials" in caps
    head_caps = {w for w, cap, u in zip(words, U.tok_cap, U.tok_unit) if cap and u == 0}
    assert not head_caps  # a title-case headline says nothing about names
    # clause units cut sentences again; offsets still point into the document
    V = corpus_units(c, list(terms), unit="clause", min_words=3, lead_sentences=2, headlines=False)
    assert "headline" not in V.position
    docs = [a.document_text for a in c]
    assert V.text and all(
        docs[k][s:e] == t for k, s, e, t in zip(V.article.tolist(), V.start.tolist(), V.end.tolist(), V.text)
    )
    assert "Also too short here." in V.text  # min_words=3 keeps the second article's sentence


def test_heldout_omissions_against_hand_labels():
    """The held-out fixture (tests/fixtures/heldout_facts.json, articles inline): hand-written
    events with planted omissions, never used to tune; figures of 2026-12-06 as bounds."""
    import json
    from pathlib import Path

    from framing.analyses.facts_scoring import score_omissions

    gold = json.loads((Path(__file__).parent / "fixtures" / "heldout_facts.json").read_text(encoding="utf-8"))
    corpus = load_corpus(gold["articles"])
    facts = FactCoverageAnalyzer().fit_transform(corpus)["facts"]
    s = score_omissions(facts, gold, {a.id: a.outlet for a in corpus})
    assert s["n_flagged_omitted"] >= 12
    assert s["false_omitted_rate"] <= 0.30  # 5 / 18 on 2026-12-06
    assert s["missed_rate"] <= 0.35  # 6 / 19 on 2026-12-06 (42 % without details)
    v = s["verdicts"].set_index(["fact", "article_id"])["verdict"]
    assert v[("E1-03", "h-103")] == "omitted"  # 17 injured, inside a sentence that tells the deaths too


def test_second_heldout_omissions():
    """tests/fixtures/heldout2_facts.json: first scored at 4 / 12 false and 6 / 13 missed; after two general
    fixes ("14%" is the number 14; the scorer reads "€25m" as 25 m) 3 / 13 and 4 / 13 (2026-12-06)."""
    import json
    from pathlib import Path

    from framing.analyses.facts_scoring import score_omissions

    gold = json.loads((Path(__file__).parent / "fixtures" / "heldout2_facts.json").read_text(encoding="utf-8"))
    corpus = load_corpus(gold["articles"])
    facts = FactCoverageAnalyzer().fit_transform(corpus)["facts"]
    s = score_omissions(facts, gold, {a.id: a.outlet for a in corpus})
    assert s["false_omitted_rate"] <= 0.25
    assert s["missed_rate"] <= 0.35
    v = s["verdicts"].set_index(["fact", "article_id"])["verdict"]
    assert v[("G1-06", "g-102")] == "omitted"  # EUR 25m a day, inside the chief executive's sentence
    assert v[("G1-04", "g-102")] != "omitted"  # "14 percent" and "14%": no longer a false omission


CONVOY = [
    {
        "id": "a",
        "outlet": "A",
        "event": "e",
        "title": "",
        "text": "A convoy of 12 ships carrying about 480,000 tonnes of grain left Odesa on Tuesday. "
        "Turkish inspectors will check every vessel in Istanbul before it sails on.",
    },
    {
        "id": "b",
        "outlet": "B",
        "event": "e",
        "title": "",
        "text": "Twelve ships carrying 480,000 tonnes of wheat left the port of Odesa on Tuesday in a convoy. "
        "Every vessel will be checked by Turkish inspectors in Istanbul.",
    },
    {
        "id": "c",
        "outlet": "C",
        "event": "e",
        "title": "",
        "text": "A convoy of nine ships carrying grain left Odesa on Tuesday under the new deal. "
        "Inspectors in Istanbul will check every vessel before it sails on.",
    },
    {
        "id": "d",
        "outlet": "D",
        "event": "e",
        "title": "",
        "text": "A convoy of 12 ships loaded with grain left Odesa on Tuesday morning. "
        "Turkish and Ukrainian inspectors will check every vessel in Istanbul.",
    },
]


def test_details_of_a_multi_fact_sentence():
    """A number two outlets give with a fact and another leaves out is a detail of its own:
    the outlet that tells the convoy without the tonnage omits the tonnage; one that gives
    another count of ships is uncertain, not omitted."""
    f = _facts(CONVOY)["facts"]
    convoy = _fact_of(f, "A", "480,000 tonnes")
    whole = convoy[convoy["detail_of"] == ""]
    assert whole["covered"].all()  # every outlet tells the convoy
    det = f[f["detail_of"] == whole["fact_id"].iloc[0]]
    tonnes = det[det["anchor"].str.contains("480,000")].set_index("outlet")
    assert tonnes.loc[["A", "B"], "covered"].all()
    assert tonnes.loc["D", "status"] == "omitted" and tonnes.loc["C", "status"] in ("omitted", "uncertain")
    ships = det[det["anchor"] == "12"].set_index("outlet")
    assert ships.loc["C", "status"] == "uncertain"  # "nine ships": another figure, not an omission
    assert ships.loc[["A", "B", "D"], "covered"].all()  # "Twelve" is 12
    assert (det["fact_id"].str.startswith(whole["fact_id"].iloc[0] + ".")).all()
    # without details the table is the table of whole facts
    plain = _facts(CONVOY, details=False)["facts"]
    assert (plain["detail_of"] == "").all()
    pd.testing.assert_frame_equal(plain, f[f["detail_of"] == ""].reset_index(drop=True))
