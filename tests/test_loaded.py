"""Loaded language: lexicon categories, scare quotes, rates, tests and evidence."""

import numpy as np
import pytest

from framing import LoadedLanguageAnalyzer, ParameterError, load_corpus
from framing.analyses.loaded import COLUMNS, TOTAL_TERM, WORD_CHOICE, find_scare_quotes
from framing.lexicons import load_lexicon
from framing.text import parse


@pytest.fixture(scope="module")
def seed_loaded(seeds_events):
    return LoadedLanguageAnalyzer().fit_transform(seeds_events)


def test_seed_snub_and_confessed_with_sentences(seed_loaded):
    ev = seed_loaded["loaded_evidence"]
    snub = ev[ev["term"] == "snub"]
    assert snub["outlet"].tolist() == ["000_3aaa32b14751efd5"]
    assert snub["category"].iloc[0] == "loaded"
    assert "with his snub, Putin made it clear" in snub["sentence"].iloc[0]
    conf = ev[ev["term"] == "confessed"]
    assert conf["outlet"].tolist() == ["Voz.us"] and conf["category"].iloc[0] == "attribution_judging"
    assert "delegation sent to Istanbul confessed" in conf["sentence"].iloc[0]
    lam = ev[ev["term"] == "lamented"]
    assert lam["outlet"].tolist() == ["000_3aaa32b14751efd5"]


def test_seed_scare_quote_deported(seed_loaded):
    ev = seed_loaded["loaded_evidence"]
    sq = ev[ev["category"] == "scare_quote"]
    assert "deported" in sq["term"].tolist()
    row = sq[sq["term"] == "deported"].iloc[0]
    assert row["outlet"] == "Voz.us" and row["match"] == '"deported"'
    # partial quotations attributed to a speaker are not scare quotes
    assert not {"security guarantees", "taken note", "unconditional ceasefire"} & set(sq["term"])


def test_table_rates_and_totals(seed_loaded):
    t = seed_loaded["loaded"]
    assert list(t.columns[:8]) == ["event", "outlet", "category", "term", "count", "per_1k", "ci_low", "ci_high"]
    snub = t[(t["event"] == "R1") & (t["term"] == "snub")].iloc[0]
    assert snub["count"] == 1
    assert snub["per_1k"] == pytest.approx(1000 / snub["n_words"])
    assert snub["ci_low"] < snub["per_1k"] < snub["ci_high"]
    tot = t[t["term"] == TOTAL_TERM]
    # a total row for every outlet, event and category, zeros included
    n_cat = t["category"].nunique()
    assert n_cat == len(set(load_lexicon("loaded_language")["category"])) + 1  # + scare quotes
    assert len(tot) == (5 * 2) * n_cat  # 5 outlets x (own event + all) x every category
    terms = t[t["term"] != TOTAL_TERM].groupby(["event", "outlet", "category"])["count"].sum()
    tot_i = tot.set_index(["event", "outlet", "category"])["count"]
    assert (tot_i.reindex(terms.index) == terms).all()
    ev = seed_loaded["loaded_evidence"]
    per = ev.groupby(["event", "outlet", "category", "term"]).size()
    rows = t[(t["event"] != "all") & (t["term"] != TOTAL_TERM)].set_index(["event", "outlet", "category", "term"])[
        "count"
    ]
    assert per.sort_index().equals(rows.sort_index().astype(per.dtype))
    assert t["too_little_data"].dtype == bool


def test_rate_test_finds_a_clear_difference():
    recs = [
        {
            "id": f"a{i}",
            "outlet": "A",
            "event": "e",
            "text": f"Day {i}. " + "The brutal regime slams critics in a savage snub. " * 3,
        }
        for i in range(3)
    ]
    recs += [
        {
            "id": f"b{i}",
            "outlet": "B",
            "event": "e",
            "text": f"Day {i}. " + "Officials met on Monday and talked about trade. " * 3,
        }
        for i in range(3)
    ]
    t = LoadedLanguageAnalyzer().fit_transform(load_corpus(recs))["loaded"]
    row = t[(t["event"] == "e") & (t["outlet"] == "A") & (t["category"] == "loaded") & (t["term"] == TOTAL_TERM)].iloc[
        0
    ]
    assert row["count"] == 36 and row["q_value"] < 0.001 and not row["too_little_data"]
    other = t[
        (t["event"] == "e") & (t["outlet"] == "B") & (t["category"] == "loaded") & (t["term"] == TOTAL_TERM)
    ].iloc[0]
    assert other["count"] == 0 and other["per_1k"] == 0 and other["ci_high"] > 0


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Children were "deported" by Russia.', ["deported"]),
        ('He said it was "absurd".', []),
        ('"Absurd," he said.', []),
        ('The "Red" operation began.', []),
        ("The so-called “peace plan” was rejected.", ["peace plan"]),
        ('The talks were a "complete and utter total failure" for all.', []),  # too long
        ('Moscow demanded "security guarantees" from the West.', []),
        ("It ended with a ‘reset’ of ties.", ["reset"]),
        ('He said "yes." Then the "pause" began.', ["pause"]),
        # the one quotation-mark scanner: guillemets, German quotes, apostrophes beside single quotes
        ("Le «reset» a échoué.", ["reset"]),
        ("Das war „ehrlich“ gemeint.", ["ehrlich"]),
        ("Kharkiv's 'heroes' and the '90s 'reset' plan.", ["heroes", "reset"]),
        # introduced by a verb of speech: someone's words, never a scare quote
        ("Putin called it a “special operation” on TV.", []),
        ("Zelensky said: 'resistance'.", []),
        # inside someone's quotation: the speaker's words, not the writer's
        ('"It was a ‘farce’ from the start, and a long one too," she told reporters.', []),
    ],
)
def test_scare_quote_rules(text, expected):
    assert [p for _, _, p in find_scare_quotes(parse(text))] == expected


@pytest.mark.parametrize(
    "text, category, term, n",
    [
        ("He was admitted to hospital. He admitted it.", "attribution_judging", "admitted", 1),
        ("The sanctions regime and the regime.", "label_pejorative", "regime", 1),
        ("Officials claimed responsibility. He claimed it was fine.", "attribution_judging", "claimed", 1),
        ("It could not be independently verified.", "hedge", "could not be independently verified", 1),
        ("He said so. According to officials, fine.", "attribution_neutral", "according to", 1),
    ],
)
def test_exclusions_and_longest(text, category, term, n):
    t = LoadedLanguageAnalyzer().fit_transform(load_corpus([{"id": "1", "outlet": "A", "event": "e", "text": text}]))[
        "loaded"
    ]
    rows = t[(t["event"] == "e") & (t["category"] == category) & (t["term"] == term)]
    assert int(rows["count"].sum()) == n
    if term == "could not be independently verified":
        assert not ((t["event"] == "e") & (t["term"] == "could")).any()


def test_parameters():
    c = load_corpus([{"id": "1", "outlet": "A", "event": "e", "text": "A savage snub, he claimed."}])
    t = LoadedLanguageAnalyzer(categories=["loaded"], scare_quotes=False).fit_transform(c)["loaded"]
    assert set(t["category"]) == {"loaded"}
    with pytest.raises(ParameterError, match="unknown categories"):
        LoadedLanguageAnalyzer(categories=["nope"]).fit(c)
    with pytest.raises(ParameterError, match="max_quote_words"):
        LoadedLanguageAnalyzer(max_quote_words=0).fit(c)
    assert np.isfinite(t["per_1k"]).all()


def _table(text, **kw):
    return LoadedLanguageAnalyzer(**kw).fit_transform(
        load_corpus([{"id": "1", "outlet": "A", "event": "e", "text": text}])
    )


@pytest.mark.parametrize(
    "text, category, term",
    [
        ("Officials called the deaths collateral damage.", "euphemism", "collateral damage"),
        ("Russia's special military operation went on.", "euphemism", "special military operation"),
        ("Two suspects were neutralised overnight.", "euphemism", "neutralised"),
        ("The CIA used enhanced interrogation for years.", "euphemism", "enhanced interrogation"),
        ("The freedom fighters held the town.", "sympathetic", "freedom fighters"),
        ("Grieving families gathered at the gate.", "sympathetic", "grieving families"),
        ("The self-proclaimed leader left.", "delegitimising", "self-proclaimed"),
        ("He likened them to vermin.", "dehumanising", "vermin"),
        ("Extremists marched downtown.", "label_pejorative", "extremists"),
        ("Activists marched downtown.", "label_neutral", "activists"),
        ("Militants marched downtown.", "label_neutral", "militants"),
        ("Undocumented immigrants work here.", "label_sympathetic", "undocumented immigrants"),
        ("Illegal immigrants work here.", "label_pejorative", "illegal immigrants"),
        ("The regime fell.", "label_pejorative", "regime"),
        ("The government fell.", "label_neutral", "government"),
    ],
)
def test_categories_beyond_insults(text, category, term):
    t = _table(text)["loaded"]
    rows = t[(t["event"] == "e") & (t["term"] != TOTAL_TERM) & (t["count"] > 0)]
    assert rows[["category", "term"]].values.tolist() == [[category, term]]


def _word_choice(text):
    t = _table(text)["loaded"]
    rows = t[(t["event"] == "e") & (t["term"] != TOTAL_TERM) & (t["count"] > 0) & t["category"].isin(WORD_CHOICE)]
    return sorted(map(tuple, rows[["category", "term"]].values.tolist()))


@pytest.mark.parametrize(
    "text, expected",
    [
        # the literal sense is excluded, the judging sense counts
        ("Toxic chemicals leaked from the plant.", []),
        ("It was a toxic debate about the plant.", [("loaded", "toxic")]),
        ("The answer lies in the budget.", []),
        ("He told lies to the voters.", [("loaded", "told lies")]),
        ("A natural disaster hit the coast.", []),
        ("The rollout was a disaster for the mayor.", [("loaded", "disaster")]),
        ("Riot police lined the street.", []),
        ("He woke up early and left.", []),
        ("The woke mob gathered outside.", [("label_pejorative", "woke mob")]),
        ("The Chinese Communist Party met.", []),
        ("Students held a mock trial.", [("delegitimising", "mock trial")]),
        # judging words written from general knowledge of news language
        ("The senator made the claim without evidence.", [("loaded", "without evidence")]),
        ("Crime rose in Democrat-run cities.", [("label_pejorative", "democrat-run")]),
        ("The reckless plan was a power grab.", [("loaded", "power grab"), ("loaded", "reckless")]),
        ("The inept agency bungled the rollout.", [("loaded", "bungled"), ("loaded", "inept")]),
        ("Prices skyrocketed as the party caved to donors.", [("loaded", "caved to"), ("loaded", "skyrocketed")]),
        ("Unfortunately, the governor pandered to the base.", [("loaded", "pandered"), ("loaded", "unfortunately")]),
        ("They called migrants parasites.", [("dehumanising", "parasites")]),
        ("The plight of the workers worsened.", [("sympathetic", "plight")]),
        ("Profiteers gouged the victims.", [("loaded", "gouged"), ("loaded", "profiteers")]),
    ],
)
def test_lexicon_senses_and_exclusions(text, expected):
    assert _word_choice(text) == expected


def test_labels_keep_the_longest_phrase():
    t = _table("Undocumented immigrants and undocumented workers. The Kiev regime.")["loaded"]
    rows = t[(t["event"] == "e") & (t["term"] != TOTAL_TERM)]
    got = dict(zip(rows["term"], rows["count"]))
    assert got == {"undocumented immigrants": 1, "undocumented workers": 1, "kiev regime": 1}


def test_lexicon_terms_have_one_category_and_a_source():
    lex = load_lexicon("loaded_language", required=["category", "term", "source"])
    folded = lex["term"].str.lower()
    assert not folded.duplicated().any(), folded[folded.duplicated()].tolist()
    assert set(WORD_CHOICE) <= set(lex["category"])
    assert lex["source"].str.startswith("framing curated").all()


def test_writer_words_apart_from_quotations():
    text = (
        'The brutal regime fell. "It was a brutal, shameful act," he said. '
        'Children were "deported" by the so-called army.'
    )
    out = _table(text)
    t, ev = out["loaded"], out["loaded_evidence"]
    assert list(t.columns) == COLUMNS
    tot = t[(t["event"] == "e") & (t["category"] == "loaded") & (t["term"] == TOTAL_TERM)].iloc[0]
    assert (tot["count"], tot["count_writer"], tot["count_quoted"]) == (3, 1, 2)  # brutal; brutal, shameful
    # the quotation holds 6 tokens (it was a brutal shameful act); the scare quote stays the writer's
    assert tot["n_words"] - tot["n_words_writer"] == 6
    assert tot["per_1k_writer"] == pytest.approx(1000 / tot["n_words_writer"])
    brutal = t[(t["event"] == "e") & (t["term"] == "brutal")].iloc[0]
    assert (brutal["count"], brutal["count_writer"], brutal["count_quoted"]) == (2, 1, 1)
    # the writer's: brutal, regime (a label), said, the scare quote, so-called; quoted: brutal, shameful
    assert ev.groupby("in_quote").size().to_dict() == {False: 5, True: 2}
    assert ev.loc[ev["in_quote"], "term"].tolist() == ["brutal", "shameful"]
    assert not ev.loc[ev["category"] == "scare_quote", "in_quote"].any()


def test_writer_columns_add_up_on_the_seeds(seed_loaded):
    t = seed_loaded["loaded"]
    assert (t["count_writer"] + t["count_quoted"] == t["count"]).all()
    assert ((t["n_words_writer"] <= t["n_words"]) & (t["n_words_writer"] > 0)).all()
    ev = seed_loaded["loaded_evidence"]
    assert ev["in_quote"].dtype == bool and ev["in_quote"].any() and not ev["in_quote"].all()
    # quoted hits really are inside quotation marks of their sentence
    for _, r in ev[ev["in_quote"]].iterrows():
        assert any(ch in r["sentence"] for ch in "\"“”«»‘’'")


@pytest.fixture(scope="module")
def validation_script():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "validation" / "loaded_language.py"
    spec = importlib.util.spec_from_file_location("loaded_language_validation", path)
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))  # for its _common import
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(str(path.parent))
    return mod


def test_word_categories_beat_the_negative_word_list_on_babe(datasets_dir, validation_script):
    """Word-level scores on BABE (real annotations, same scorer for every row): the word
    categories are more precise than the Hu and Liu negative words and score a higher F1."""
    v = validation_script
    shared = datasets_dir.parent
    rows, per_cat, diag = v.evaluate("BABE", v._babe(shared), v.baselines(shared), words=True)
    by = {r[1]: r for r in rows}
    ours = by["framing: loaded-language word categories"]
    hu_liu = by["baseline: Hu & Liu 2004 negative words"]
    # rows: (dataset, detector, precision, recall, F1, predicted words, gold words, sentences)
    assert 4000 < ours[6] < 4150 and ours[7] == 3673  # gold words (as tokenized: 4,070 in the docs), agreed sentences
    assert hu_liu[4] == pytest.approx(0.261, abs=0.005)  # the baseline the docs quote
    assert ours[4] > hu_liu[4] + 0.05 and ours[2] > hu_liu[2] + 0.1  # F1 and precision
    assert ours[4] > 0.38  # docs/validation.md: 0.386 (target 0.40, not met)
    # single words are the gold unit: one-word hits are more precise than phrase hits
    (n1, g1), (n2, g2) = diag["units"]["one-word hits"], diag["units"]["phrase hits"]
    assert n1 + n2 >= ours[5]  # a word under two overlapping hits counts twice here
    assert g1 / n1 > g2 / n2
    writer = by["framing: word categories, writer's own words only"]
    assert writer[5] < ours[5]  # fewer words marked once quotations are left out
    assert {c[1] for c in per_cat} >= set(WORD_CHOICE)


def test_babe_and_mbic_share_1697_sentences(datasets_dir, validation_script):
    pytest.importorskip("openpyxl")
    v = validation_script
    shared = datasets_dir.parent
    assert v.shared_sentences(v._babe(shared, agreed=False), v._mbic(shared, agreed=False)) == (1692, 1697)


def test_word_categories_meet_the_mbic_target(datasets_dir, validation_script):
    """Issue 11: word-level F1 of the word categories at least 0.40 on MBIC (same scorer as the
    baselines; docs/validation.md: 0.417), above the Hu and Liu negative words (0.347)."""
    pytest.importorskip("openpyxl")
    v = validation_script
    shared = datasets_dir.parent
    rows, _, _ = v.evaluate("MBIC", v._mbic(shared), v.baselines(shared), words=True)
    by = {r[1]: r for r in rows}
    ours, hu_liu = by[v.WORD_CATEGORIES], by["baseline: Hu & Liu 2004 negative words"]
    assert ours[4] >= 0.40 and ours[4] > hu_liu[4] + 0.05
    assert ours[2] > 0.55  # precision: a loaded-language list, not every adjective


def test_basil_diagnostics(datasets_dir, validation_script):
    """BASIL's lexical spans are sparse (about 6 % of its sentences hold one), so most marked
    words stand in sentences the annotators left unmarked; the diagnostics say so."""
    if not (datasets_dir / "basil").exists():
        pytest.skip("../shared/datasets/basil is not available")
    v = validation_script
    shared = datasets_dir.parent
    frame, _ = v._basil(shared)
    assert frame["gold_spans"].map(len).sum() == 478  # 2 of the 480 lexical spans lie in headlines
    rows, _, diag = v.evaluate(v.BASIL, frame, v.baselines(shared), words=False)
    spans = diag["spans"]["framing"]
    assert spans["spans"] == 478 and 400 < spans["sentences_with_span"] < 500
    assert 0.3 < spans["span_recall"] < 0.7 and spans["marked_outside"] > 0.7
    by = {r[1]: r for r in rows}
    assert by[v.WORD_CATEGORIES][4] > 1.5 * by["baseline: Hu & Liu 2004 negative words"][4]
