"""Actors: lexicon and discovered names, merges, sides, tone, harm roles, report section."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from conftest import SEED_EVENTS

from framing import Corpus
from framing.analyses import actors as actors_mod
from framing.analyses.actor_roles import assign_role
from framing.analyses.actors import ActorAnalyzer, mean_interval
from framing.errors import MissingDependencyError, ParameterError
from framing.extract.actor_lexicon import ActorFinder
from framing.lexicons.actors import load_actor_lexicon, load_side_scheme
from framing.text import parse


def _corpus(texts):
    c = Corpus.from_texts(texts, outlets=[f"O{i}" for i in range(len(texts))])
    return c.with_events({a.id: "e" for a in c})


def _actors(texts, **params):
    params.setdefault("tone", False)
    t = ActorAnalyzer(**params).fit_transform(_corpus(texts))
    return t


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Volodymyr Zelenskyy spoke.", "Volodymyr Zelensky"),
        ("Mr. Zelensky spoke.", "Volodymyr Zelensky"),
        ("Zelenskiy spoke.", "Volodymyr Zelensky"),
        ("The Ukrainian president spoke.", "Volodymyr Zelensky"),
        ("The Kremlin spoke.", "Russia"),
        ("Moscow spoke.", "Russia"),
        ("Kiev spoke.", "Ukraine"),
        ("Turkish Foreign Minister Hakan Fidan spoke.", "Hakan Fidan"),
    ],
)
def test_lexicon_variants(text, actor):
    t = _actors([text])["actors"]
    assert t[t.event == "e"]["actor"].tolist() == [actor]
    assert t["mentions"].iloc[0] == 1


def test_misspelling_merged_and_new_names_found():
    t = _actors(
        [
            "Vladimir Madinsky said the talks were useful. Medinsky left early.",
            "Sen. Grant Whitaker, a Montana Republican, criticised the bill. Whitaker voted no. The Hudson Institute disagreed.",
        ]
    )["actors"]
    e = t[t.event == "e"]
    med = e[e.actor == "Vladimir Medinsky"].iloc[0]
    assert med["mentions"] == 2 and "Vladimir Madinsky" in med["aliases_seen"]
    gw = e[e.actor == "Grant Whitaker"].iloc[0]
    assert gw["mentions"] == 2 and gw["side"] == "Republicans"
    assert e[e.actor == "Hudson Institute"]["type"].iloc[0] == "institution"


def test_places_and_months_are_not_actors():
    t = _actors(["In March the talks at the Ciragan Palace near the Middle East ended on Friday."])["actors"]
    assert t.empty


def test_sides_parameters(tmp_path):
    assert load_side_scheme("us_politics")["Donald Trump"] == "Republicans"
    assert load_side_scheme({"Donald Trump": "USA"}) == {"Donald Trump": "USA"}
    p = tmp_path / "sides.csv"
    pd.DataFrame({"actor": ["Donald Trump"], "side": ["US"]}).to_csv(p, index=False)
    t = _actors(["Donald Trump spoke."], sides=str(p))["actors"]
    assert t["side"].iloc[0] == "US"
    t = _actors(["Donald Trump spoke."])["actors"]
    assert t["side"].iloc[0] == "the West"
    with pytest.raises(ParameterError):
        load_side_scheme("nonsense")


def test_user_lexicon_rows():
    lex = load_actor_lexicon(
        pd.DataFrame({"actor": ["Anneliese Brunner"], "alias": ["the Swiss envoy"], "side": ["mediators"]})
    )
    f = ActorFinder(lex).fit([parse("The Swiss envoy spoke.")])
    m = f.find(parse("The Swiss envoy spoke."))
    assert m.actor == ["Anneliese Brunner"] and f.side_of("Anneliese Brunner") == "mediators"


@pytest.mark.parametrize(
    "text, actor, column",
    [
        ("Russia attacked Kharkiv overnight.", "Russia", "agent_harm"),
        ("Russia shelled Ukraine again.", "Ukraine", "target_harm"),
        ("Ukraine was attacked by Russia on Monday.", "Ukraine", "target_harm"),
        ("Ukraine was attacked by Russia on Monday.", "Russia", "agent_harm"),
        ("Russia's invasion began in 2022.", "Russia", "agent_harm"),
        ("Attacks on Ukraine continued.", "Ukraine", "target_harm"),
        ("Turkey mediated the talks.", "Turkey", "agent_positive"),
        ("The talks were mediated by Turkey.", "Turkey", "agent_positive"),
        ("Farmers are vulnerable to the drought.", "farmers", "target_harm"),
        ("The storm's impact on residents was severe.", "residents", "target_harm"),
        ("Residents were evacuated overnight.", "residents", "target_harm"),
    ],
)
def test_agent_and_target(text, actor, column):
    t = _actors([text])["actors"]
    row = t[(t.event == "e") & (t.actor == actor)].iloc[0]
    assert row[column] == 1


def test_roles():
    assert assign_role(3, 0, 0, -0.3) == "antagonist"
    assert assign_role(0, 2, 0, -0.3) == "innocent"
    assert assign_role(0, 0, 2, 0.2) == "protagonist"
    assert assign_role(0, 0, 2, -0.5) == "protagonist"  # any evidence gives a role
    assert assign_role(1, 0, 1, -0.6) == "antagonist"  # tone breaks the tie
    assert assign_role(0, 0, 0, np.nan) == ""


def test_mean_interval():
    m, lo, hi = mean_interval(np.array([0.5]))
    assert m == 0.5 and np.isnan(lo) and np.isnan(hi)
    m, lo, hi = mean_interval(np.array([0.2, 0.4, 0.6, 0.8]))
    assert lo < m < hi and np.isclose(m, 0.5)


def test_tone_with_vader_and_negation():
    pytest.importorskip("vaderSentiment")
    r = ActorAnalyzer(tone=True).fit_transform(
        _corpus(
            [
                "Zelensky praised the brave and generous allies. Zelensky welcomed the wonderful news.",
                "Putin is not a good partner. Putin is a terrible, brutal liar.",
            ]
        )
    )
    t = r["actors"]
    z = t[(t.event == "e") & (t.actor == "Volodymyr Zelensky")].iloc[0]
    p = t[(t.event == "e") & (t.actor == "Vladimir Putin")].iloc[0]
    assert z["tone"] > 0.1 and p["tone"] < -0.3
    assert z["ci_low"] <= z["tone"] <= z["ci_high"] and z["n_sentences"] == 2 and bool(z["too_little_data"])
    ev = r["actors_evidence"]
    assert {"mention"} <= set(ev["evidence"]) and ev["compound"].notna().all()


def test_missing_vader(monkeypatch, caplog):
    def boom(*a, **k):
        raise MissingDependencyError("Actor tone needs vaderSentiment. Install it with: pip install 'framing[tone]'")

    from framing.extract import actor_tone

    monkeypatch.setattr(actors_mod, "import_optional", boom)
    monkeypatch.setattr(actor_tone, "import_optional", boom)
    with pytest.raises(MissingDependencyError, match="pip install"):
        ActorAnalyzer(tone=True).fit(_corpus(["Putin spoke."]))
    with caplog.at_level(logging.WARNING, logger="framing"):
        t = ActorAnalyzer().fit_transform(_corpus(["Putin spoke."]))["actors"]
    assert t["tone"].isna().all() and "tone" in caplog.text


def test_bad_parameters():
    with pytest.raises(ParameterError):
        ActorAnalyzer(tone="yes").fit(_corpus(["x"]))
    with pytest.raises(ParameterError):
        ActorAnalyzer(merge_threshold=2.0).fit(_corpus(["x"]))


def test_seeds_actors_and_report(seeds):
    from framing import analyze
    from framing.report.sections import voices

    c = seeds.with_events(SEED_EVENTS)
    res = analyze(c, analyses=["quotes", "actors"])
    t = res["actors"]
    allrows = t[t.event == "all"]
    sides = allrows.groupby("actor")["side"].first()
    expected = {
        "Vladimir Putin": "Russia",
        "Volodymyr Zelensky": "Ukraine",
        "Vladimir Medinsky": "Russia",
        "Rustem Umerov": "Ukraine",
        "Hakan Fidan": "mediators",
        "Donald Trump": "the West",
    }
    for actor, side in expected.items():
        assert sides[actor] == side
    voz = t[(t.event == "R2") & (t.outlet == "Voz.us") & (t.actor == "Vladimir Medinsky")].iloc[0]
    assert "Vladimir Madinsky" in voz["aliases_seen"] and voz["mentions"] == 2
    assert "Madinsky" not in " ".join(t["actor"])
    secs = voices.quotes_sections(res) + voices.actors_sections(res)
    html = "".join(s.render() for s in secs)
    assert "confessed" in html and "Voz.us" in html and "Volodymyr Zelensky" in html


def test_report_section_without_tables():
    from framing.report.sections import voices

    assert voices.quotes_sections({}) == [] and voices.actors_sections({}) == []

    class R(dict):
        pass

    r = R(quotes=pd.DataFrame(columns=["kind"]), actors=pd.DataFrame())
    secs = voices.quotes_sections(r) + voices.actors_sections(r)
    assert len(secs) == 2


def _equivalence_corpora():
    from pathlib import Path

    import framing

    out = [("example", framing.load_example())]
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if seeds.is_dir():
        out.append(("seeds", framing.load_corpus(seeds)))
    out.append(
        (
            "edge",
            Corpus.from_texts(
                [
                    "",
                    "Kiev",
                    "the the Ukrainian president president said Kremlin",
                    "Russia attacked Kharkiv. War crime, war crimes, a war crime.",
                ]
            ),
        )
    )
    return out


def test_batch_matching_equals_phrase_matcher():
    """PhraseMatcher.find_tokens (one pass over the corpus) gives exactly find_in's hits per document."""
    from framing.analyses.actors import harm_lexicon
    from framing.extract.actor_lexicon import _CAP_RE, _cap_matches
    from framing.matching import PhraseMatcher

    lex = load_actor_lexicon()
    harm = harm_lexicon()
    for name, c in _equivalence_corpora():
        arts = list(c)
        for phrases in (list(zip(lex["alias"], lex["actor"])), list(zip(harm["verb"], harm["lemma"]))):
            pm = PhraseMatcher(phrases)
            batch = pm.find_tokens(c, arts)
            for art, hits in zip(arts, batch):
                ref = sorted(pm.find_in(c.document(art).tokens), key=lambda h: (h[0], -(h[1] - h[0])))
                assert hits == ref, (name, art.id)
        finder = ActorFinder(lex).fit(c.documents())
        for art, m in zip(arts, finder.find_corpus(c, arts)):
            ref = finder.find(c.document(art))
            assert m.actor == ref.actor and m.start.tolist() == ref.start.tolist(), (name, art.id)
        for art in arts:
            text = art.text
            assert [x.span() for x in _cap_matches(text)] == [x.span() for x in _CAP_RE.finditer(text)]


def _tone_of(text, actor):
    t = ActorAnalyzer(tone=True).fit_transform(_corpus([text]))["actors"]
    return float(t[(t.event == "e") & (t.actor == actor)]["tone"].iloc[0])


@pytest.mark.parametrize(
    "text, actor, low, high",
    [
        # the words about the actor, not the sentence: a reporter of casualties is not portrayed negatively
        ("Police said three people were killed in the horrific attack on the market.", "police", -0.05, 1),
        # a leader quoted condemning an attack is not an antagonist
        ("Emmanuel Macron condemned the brutal and cowardly attack on civilians.", "Emmanuel Macron", -0.05, 1),
        ("Critics accused Senator Jane Holt of lying to voters.", "Jane Holt", -1, -0.2),
        ("Voters praised Governor Alan Pike for his honest leadership.", "Alan Pike", 0.2, 1),
        ("The corrupt mayor lied, while residents were wonderful and generous hosts.", "residents", 0.2, 1),
        ("Residents were wonderful hosts, while the officials lied and failed them.", "officials", -1, -0.2),
        ("Protesters were not violent.", "protesters", 0, 1),
    ],
)
def test_tone_about_the_actor(text, actor, low, high):
    pytest.importorskip("vaderSentiment")
    assert low <= _tone_of(text, actor) <= high


def test_target_tone_function():
    pytest.importorskip("vaderSentiment")
    from framing.extract.actor_tone import TargetTone, tone_label

    tt = TargetTone()
    s = "Russia's brutal invasion killed hundreds, Zelensky said, thanking the generous allies."
    z = s.index("Zelensky")
    assert tt.sentence(s) < -0.5  # the sentence is negative ...
    assert tone_label(tt.score(s, z, z + 8, [(0, 6)])) != "negative"  # ... but not about its speaker
    assert tt.score(s, 0, 6, [(z, z + 8)]) < 0  # Russia is the agent of the brutal invasion
    assert tt.score("", 0, 0) == 0.0 and tt.score("No words.", 50, 60) == 0.0


def test_groups_are_actors_and_acronyms_case_sensitive():
    t = _actors(["Kim Jong Un met the UN envoy. Police arrested protesters while migrants and residents watched."])[
        "actors"
    ]
    e = t[t.event == "e"].set_index("actor")
    assert e.loc["United Nations", "mentions"] == 1 and e.loc["United Nations", "aliases_seen"] == "UN"
    assert "Kim Jong Un" in e.index
    assert {"police", "protesters", "migrants", "residents"} <= set(e.index)
    assert e.loc["police", "agent_harm"] == 1 and e.loc["protesters", "target_harm"] == 1


@pytest.mark.parametrize("text", ["Ukraine demanded a ceasefire from Russia.", "Ukraine accused Russia of lying."])
def test_demanding_and_accusing_are_not_harm(text):
    t = _actors([text])["actors"]
    e = t[t.event == "e"]
    assert e["agent_harm"].sum() == 0 and e["target_harm"].sum() == 0


def _row(text, actor, **params):
    t = _actors([text], **params)["actors"]
    return t[(t.event == "e") & (t.actor == actor)].iloc[0]


def test_quoted_condemnation_is_not_an_antagonist():
    pytest.importorskip("vaderSentiment")
    row = _row("Emmanuel Macron condemned the brutal and cowardly attack on civilians.", "Emmanuel Macron", tone=True)
    assert row["role"] != "antagonist" and row["agent_harm"] == 0
    row = _row("Officials said the shelling killed 12 civilians and wounded dozens.", "officials", tone=True)
    assert row["role"] != "antagonist" and row["tone"] > -0.05


def test_blamed_and_praised_actors():
    pytest.importorskip("vaderSentiment")
    r = ActorAnalyzer(tone=True).fit_transform(
        _corpus(
            [
                "Critics accused Senator Jane Holt of lying to voters. Holt was later indicted.",
                "Voters elected Governor Alan Pike by a wide margin, and unions praised Pike.",
            ]
        )
    )
    t, ev = r["actors"], r["actors_evidence"]
    holt = t[(t.event == "e") & (t.actor == "Jane Holt")].iloc[0]
    pike = t[(t.event == "e") & (t.actor == "Alan Pike")].iloc[0]
    assert holt["role"] == "antagonist" and pike["role"] == "protagonist"
    kinds = set(ev.loc[ev.actor == "Jane Holt", "evidence"])
    assert "blamed" in kinds and "praised" in set(ev.loc[ev.actor == "Alan Pike", "evidence"])
    blamed = ev[(ev.actor == "Jane Holt") & (ev.evidence == "blamed")]
    assert set(blamed["match"]) <= {"accused", "indicted"}


@pytest.mark.parametrize(
    "name, type_, role",
    [
        ("flood victims", "group", "innocent"),
        ("residents", "group", "innocent"),
        ("Ukrainians", "group", "innocent"),
        ("air pollution", "group", "antagonist"),
        ("the war", "group", "antagonist"),
        ("the peace agreement", "institution", "protagonist"),
        ("Rescuers", "group", "protagonist"),
        ("Russia", "government", ""),
        ("Jane Law", "person", ""),
    ],
)
def test_role_prior(name, type_, role):
    from framing.analyses.actor_roles import role_prior

    assert role_prior(name, type_) == role


def test_kind_gives_a_role_without_evidence():
    row = _row("Residents waited for news.", "residents")
    assert row["role"] == "innocent" and row["agent_harm"] + row["target_harm"] == 0


# -- the fast tone path gives VADER's valences and the per-mention scores exactly ---------------------

_VADER_SENTENCES = [
    "The attack was not good, but the response was very good.",
    "It was kind of bad and VERY bad, though the DEAL was great.",
    "No problem: the talks were never so hopeful, without doubt the best.",
    "At least the least bad option was the bomb, the kiss of death for the plan.",
    "Police said the brutal, cowardly attack killed 12 and wounded dozens; officials condemned it.",
    "He isn't happy, nor glad, and no one is safe; but they're hardly worried.",
    "Great GREAT great, BUT but terrible terrible terrible.",
    "",
]


def _vader_reference(text):
    """Word valences as VADER's polarity_scores computes them (the whole sentence, its own loop)."""
    vader = pytest.importorskip("vaderSentiment.vaderSentiment")
    an = vader.SentimentIntensityAnalyzer()
    st = vader.SentiText(text)
    words = st.words_and_emoticons
    out: list = []
    for i, item in enumerate(words):
        low = item.lower()
        if low in vader.BOOSTER_DICT or (low == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"):
            out.append(0)
            continue
        out = an.sentiment_valence(0, st, item, i, out)
    return [float(v) for v in an._but_check(words, out)]


@pytest.mark.parametrize("text", _VADER_SENTENCES)
def test_word_valences_are_vaders(text):
    pytest.importorskip("vaderSentiment")
    from framing.extract.actor_tone import TargetTone
    from framing.extract.actor_words import _LEX, _vader_but

    tt = TargetTone()
    raw = text.split()
    infos = [tt._words.vocab[w] for w in raw]
    got = [0.0] * len(raw)
    for i, v in tt._words.valences(infos, [i for i, t in enumerate(infos) if t[0] & _LEX]):
        got[i] = v
    lows = [w.lower() for w in tt._vader.SentiText(text).words_and_emoticons]
    if "but" in lows:
        _vader_but(got, lows.index("but"))
    assert got == _vader_reference(text)


def test_but_check_is_vaders():
    vader = pytest.importorskip("vaderSentiment.vaderSentiment")
    from framing.extract.actor_words import _vader_but

    rng = np.random.default_rng(0)
    for _ in range(2000):
        n = int(rng.integers(1, 12))
        values = [float(v) for v in rng.choice([0.0, 0.0, 1.5, -2.0, 0.75, 3.0, -1.0], size=n)]
        bi = int(rng.integers(0, n))
        words = ["x"] * bi + ["but"] + ["y"] * (n - bi - 1)
        expected = [float(v) for v in vader.SentimentIntensityAnalyzer._but_check(words, list(values))]
        _vader_but(values, bi)
        assert values == expected


def test_mentions_equal_score_and_cues(seeds):
    """One parse per sentence gives each mention what score() and cues() give it alone."""
    pytest.importorskip("vaderSentiment")
    from framing.analyses.quotes import _mentions, shared_finder
    from framing.extract.actor_tone import TargetTone

    finder = shared_finder(seeds, None, "default", True, 0.85)
    tt, alone = TargetTone(), TargetTone()
    n = 0
    for art in seeds:
        doc = seeds.document(art)
        m = _mentions(finder, doc)
        for si in sorted(set(m.sentence.tolist())):
            ks = [k for k in range(len(m)) if m.sentence[k] == si]
            off = int(doc.sent_starts[si])
            text = doc.text[off : int(doc.sent_ends[si])]
            spans = [(int(m.start[k]) - off, int(m.end[k]) - off) for k in ks]
            keys = [m.actor[k] for k in ks]
            for (s, e), key, (tone, cues) in zip(spans, keys, tt.mentions(text, spans, keys)):
                others = [sp for sp, k2 in zip(spans, keys) if k2 != key]
                assert tone == alone.score(text, s, e, others)
                assert cues == alone.cues(text, s, e)
                n += 1
    assert n > 100


def test_tone_in_a_sentence_without_end():
    """A mention's tone reads the words near it: the same in a very long sentence as in a short one."""
    pytest.importorskip("vaderSentiment")
    from framing.extract.actor_tone import TargetTone

    tt = TargetTone()
    s = "Critics say the brutal regime of Mr. Kaine lied again"
    filler = " and the weather was mild" * 400  # a 2,000-word sentence: words far away weigh nothing
    k = s.index("Kaine")
    short = tt.score(s, k, k + 5)
    assert short < 0
    assert tt.score(s + filler, k, k + 5) == pytest.approx(short, abs=1e-12)
