"""Quotations: extraction edge cases, speakers, sides, share of voice, and the seeds."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SEED_EVENTS

from framing import Corpus
from framing.analyses.quotes import QuoteAnalyzer
from framing.errors import ParameterError
from framing.extract.quote_extraction import extract_quotes, quote_spans
from framing.text import parse


def _one(text: str):
    qs = list(extract_quotes(parse(text)))
    return qs


def _run(texts, outlets=None, **params):
    c = Corpus.from_texts(texts, outlets=outlets or [f"O{i}" for i in range(len(texts))])
    c = c.with_events({a.id: "e" for a in c})
    return QuoteAnalyzer(**params).fit_transform(c)


@pytest.mark.parametrize(
    "text, quote, speaker, verb, kind",
    [
        ('"We are ready to talk," said Medinsky.', "We are ready to talk,", "Medinsky", "said", "direct"),
        ("“We are ready to talk,” Medinsky said.", "We are ready to talk,", "Medinsky", "said", "direct"),
        (
            "“The Russian side rejected it again,” Kyslytsia told reporters.",
            "The Russian side rejected it again,",
            "Kyslytsia",
            "told",
            "direct",
        ),
        (
            "Medinsky said: “Russia is ready for a lasting peace.”",
            "Russia is ready for a lasting peace.",
            "Medinsky",
            "said",
            "direct",
        ),
        (
            "Medinsky said: 'Russia is ready for a lasting peace.'",
            "Russia is ready for a lasting peace.",
            "Medinsky",
            "said",
            "direct",
        ),
        (
            "“Overall, we are pleased with the results,” Mr. Medinsky stated.",
            "Overall, we are pleased with the results,",
            "Mr. Medinsky",
            "stated",
            "direct",
        ),
        (
            "Vladimir Medinsky, head of the delegation, declared that he was “satisfied with the outcome,” and left.",
            "satisfied with the outcome,",
            "Vladimir Medinsky",
            "declared",
            "partial",
        ),
        (
            "“These are children that Russia deported,” Andrii Yermak, head of the presidential office, said on Telegram.",
            "These are children that Russia deported,",
            "Andrii Yermak",
            "said",
            "direct",
        ),
        (
            'As the head of the Russian delegation confessed, Moscow proposed a partial ceasefire of "2-3 days" in some sectors.',
            "2-3 days",
            "the head of the Russian delegation",
            "confessed",
            "partial",
        ),
        (
            "A Ukrainian delegation source told Reuters that Russia’s demands were “disconnected from reality and far exceeded previous talks.”",
            "disconnected from reality and far exceeded previous talks.",
            "A Ukrainian delegation source",
            "told",
            "partial",
        ),
    ],
)
def test_speaker_and_verb(text, quote, speaker, verb, kind):
    qs = [q for q in _one(text) if q.kind != "indirect"]
    assert len(qs) == 1
    q = qs[0]
    d = parse(text)
    assert d.text[q.start : q.end] == quote
    assert (q.speaker, q.verb, q.kind) == (speaker, verb, kind)


def test_multi_sentence_quote_and_continuation():
    text = (
        '"We made a rather general proposal. A concrete ceasefire for two or three days," Vladimir Medinsky said. '
        '"Nothing more was on the table today."'
    )
    qs = _one(text)
    assert [q.kind for q in qs] == ["direct", "direct"]
    assert qs[0].n_words == 14 and qs[0].last_sentence > qs[0].sentence_index
    assert qs[1].speaker == "Vladimir Medinsky" and qs[1].attribution == "inherited"


def test_multi_paragraph_quote():
    text = "Zelensky said: “The first paragraph of the statement goes on here.\n“And the second one continues it,” he added."
    spans = quote_spans(text)
    assert [text[a:b] for a, b, _ in spans] == [
        "The first paragraph of the statement goes on here.",
        "And the second one continues it,",
    ]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Kiev sent a list of children who, according to officials, were “deported” by Russia.", "scare"),
        ("Kiev says the children were “deported” by Russia.", "partial"),
        ('Kiev demanded "security guarantees" from its allies.', "partial"),  # a verb of speech: never scare
        ("Medinsky said he had “taken note” of the request.", "partial"),
        ("Fidan said both parties had “agreed in principle to reconvene” and would reply “in writing”.", "partial"),
        ("The meeting was a “Red” operation.", "scare"),
    ],
)
def test_scare_vs_partial(text, kind):
    qs = [q for q in _one(text) if q.kind != "indirect"]
    assert qs and qs[-1].kind == kind
    if kind == "scare":
        assert qs[-1].speaker == ""


def test_apostrophes_are_not_quotes():
    assert quote_spans("Ukraine’s allies and the Russians’ demands don't matter.") == []


@pytest.mark.parametrize(
    "text, speaker, anonymous",
    [
        ("Russia acknowledged the request, according to officials.", "officials", True),
        ("According to Kiev, Moscow tried to keep Turkey out of the talks.", "Kiev", False),
        ("Sources familiar with the talks said that Russia wanted more land.", "Sources familiar with the talks", True),
        ("Zelensky said Russia must not be rewarded for its aggression.", "Zelensky", False),
    ],
)
def test_indirect_and_anonymous(text, speaker, anonymous):
    qs = _one(text)
    assert len(qs) == 1 and qs[0].kind == "indirect"
    assert qs[0].speaker == speaker and qs[0].anonymous is anonymous


def test_indirect_can_be_switched_off():
    c = Corpus.from_texts(["Zelensky said Russia must not be rewarded."]).with_events({"doc-0": "e"})
    assert QuoteAnalyzer(indirect=False).fit_transform(c)["quotes"].empty


def test_pronoun_speaker_resolved_to_last_person():
    r = _run(
        [
            "Ukrainian President Volodymyr Zelensky spoke in Vilnius. “We are ready to take the steps for peace,” he declared."
        ]
    )
    q = r["quotes"]
    row = q[q["kind"] == "direct"].iloc[0]
    assert row["actor"] == "Volodymyr Zelensky" and row["side"] == "Ukraine" and row["verb_lemma"] == "declare"


def test_possessive_speaker_is_not_the_owner():
    r = _run(["“The talks were useful,” Zelensky's spokesperson said. “We are ready,” Zelensky said."])
    q = r["quotes"].sort_values("start")
    assert q["speaker"].tolist() == ["Zelensky's spokesperson", "Zelensky"]
    assert q["actor"].tolist() == ["", "Volodymyr Zelensky"]
    assert q["side"].tolist() == ["Ukraine", "Ukraine"]


def test_tables_and_voice_share():
    r = _run(
        [
            "“We want peace now,” said Zelensky. “We will not give up any land,” Zelensky told reporters. "
            "Russia claimed that the talks were useless.",
            "“We are satisfied with the outcome,” said Medinsky.",
        ]
    )
    q = r["quotes"]
    assert list(q.columns[:8]) == ["event", "outlet", "article_id", "speaker", "side", "verb", "anonymous", "quote"]
    assert {"verb_lemma", "kind", "n_words", "actor", "sentence_index", "start", "end", "sentence"} <= set(q.columns)
    vs = r["voice_share"]
    o0 = vs[(vs.event == "e") & (vs.outlet == "O0")].set_index("side")
    assert o0.loc["Ukraine", "n_quotes"] == 2 and o0.loc["Russia", "n_quotes"] == 1
    assert np.isclose(o0["share_quotes"].sum(), 1.0)
    assert (o0["ci_low"] <= o0["share_quotes"]).all() and (o0["share_quotes"] <= o0["ci_high"]).all()
    assert o0["too_little_data"].all()
    assert set(vs["event"]) == {"e", "all"}
    vb = r["verbs_by_side"]
    claim = vb[(vb.event == "e") & (vb.verb_lemma == "claim")].iloc[0]
    assert claim["side"] == "Russia" and bool(claim["judging"]) is True
    said = vb[(vb.event == "e") & (vb.verb_lemma == "say") & (vb.outlet == "O0")].iloc[0]
    assert bool(said["judging"]) is False
    ev = r["quotes_evidence"]
    assert len(ev) == len(q) and all(m in s for m, s in zip(ev["match"], ev["sentence"]))


def test_empty_corpus_tables():
    r = _run(["No quotation in this sentence at all."])
    assert r["quotes"].empty and r["voice_share"].empty and r["verbs_by_side"].empty


def test_bad_parameter():
    c = Corpus.from_texts(["x"]).with_events({"doc-0": "e"})
    with pytest.raises(ParameterError):
        QuoteAnalyzer(scare_max_words=-1).fit(c)


def test_seeds_quotes(seeds):
    c = seeds.with_events(SEED_EVENTS)
    r = QuoteAnalyzer().fit_transform(c)
    q = r["quotes"]
    voz = q[q.outlet == "Voz.us"]
    days = voz[voz["quote"] == "2-3 days"].iloc[0]
    assert days["verb"] == "confessed" and days["side"] == "Russia" and bool(days["judging"])
    assert "Volodymyr Zelensky" in set(voz["actor"])
    madinsky = voz[voz["speaker"] == "Vladimir Madinsky"].iloc[0]
    assert madinsky["actor"] == "Vladimir Medinsky"
    a001 = q[q.article_id == "001_0fd35cd8267ffe83"]
    assert {"Vladimir Medinsky", "Volodymyr Zelensky", "Hakan Fidan"} <= set(a001["actor"])
    src = a001[a001["speaker"] == "A Ukrainian delegation source"].iloc[0]
    assert src["side"] == "Ukraine" and bool(src["anonymous"]) and "Reuters" in src["sentence"]
    # scare quotes: "deported" in 004 is no quotation of anyone
    dep = voz[voz["quote"] == "deported"].iloc[0]
    assert dep["kind"] == "scare" and dep["speaker"] == ""
    vs = r["voice_share"]
    assert set(vs[(vs.event == "R2") & (vs.outlet == "Voz.us")]["side"]) >= {"Russia", "Ukraine"}


def test_finder_cache_follows_the_lexicon_not_its_id():
    """A new analyzer never gets the actor finder fitted for another lexicon (issue 10.5).

    The same dict object, changed between two analyzers, has the same ``id``: a cache
    keyed by ``id(lexicon)`` hands the second analyzer the first lexicon's finder.
    Fresh dicts made and freed in a loop often reuse a freed object's id too.
    """
    c = Corpus.from_texts(["“We will rebuild the bridge,” said Ilse Marwick."]).with_events({"doc-0": "e"})
    lex = {"Ilse Marwick": "Ilse Marwick"}
    first = QuoteAnalyzer(actors=lex, discover=False).fit_transform(c)["quotes"]
    assert first["actor"].tolist() == ["Ilse Marwick"]
    lex.clear()
    lex["Marwick"] = "Mayor Marwick"
    second = QuoteAnalyzer(actors=lex, discover=False).fit_transform(c)["quotes"]
    assert second["actor"].tolist() == ["Mayor Marwick"]
    for i in range(6):
        name = f"Mayor Number{i}"
        got = QuoteAnalyzer(actors={"Ilse Marwick": name}, discover=False).fit_transform(c)["quotes"]
        assert got["actor"].tolist() == [name]


def test_article_without_event_counted_alike_by_quotes_and_actors():
    """An article with no event counts once in the corpus-wide rows of quotes and actors (issue 10.3)."""
    from framing.analyses.actors import ActorAnalyzer

    c = Corpus.from_texts(["“We want peace now,” said Zelensky.", "“We are ready,” said Zelensky."])
    c = c.with_events({"doc-0": "e"})  # doc-1 has no event
    vs = QuoteAnalyzer().fit_transform(c)["voice_share"]
    act = ActorAnalyzer().fit_transform(c)["actors"]
    n_all = int(vs[(vs["event"] == "all") & (vs["side"] == "Ukraine")]["n_quotes"].sum())
    assert n_all == 2
    assert int(vs[vs["event"] == "e"]["n_quotes"].sum()) == 1
    z = act[act["actor"] == "Volodymyr Zelensky"]
    assert int(z[z["event"] == "all"]["mentions"].sum()) == n_all


# ---- attribution as news writes it (issue 12.1) ------------------------------------------


@pytest.mark.parametrize(
    "text, speaker, verb, content",
    [
        (
            "Four people were taken to hospital after the collapse, the fire service said on Monday.",
            "the fire service",
            "said",
            "Four people were taken to hospital after the collapse",
        ),
        (
            "The talks will resume next week, said a spokeswoman for the foreign ministry.",
            "a spokeswoman for the foreign ministry",
            "said",
            "The talks will resume next week",
        ),
        (
            "The mayor told reporters that the road would reopen by Friday.",
            "The mayor",
            "told",
            "the road would reopen by Friday",
        ),
        (
            "The regulator accused the bank of hiding losses from investors.",
            "The regulator",
            "accused",
            "hiding losses from investors",
        ),
        (
            "Turnout was the highest in two decades, according to the electoral commission.",
            "the electoral commission",
            "according to",
            "Turnout was the highest in two decades",
        ),
        (
            "The ministry denied that any soldiers had crossed the border.",
            "The ministry",
            "denied",
            "any soldiers had crossed the border",
        ),
    ],
)
def test_indirect_forms(text, speaker, verb, content):
    d = parse(text)
    qs = [q for q in extract_quotes(d) if q.kind == "indirect"]
    assert [(q.speaker, q.verb, d.text[q.start : q.end]) for q in qs] == [(speaker, verb, content)]
    assert qs[0].form == "indirect"


def test_only_the_outermost_attribution_counts():
    d = parse("The governor said the storm damage showed that the levees had failed.")
    got = [(q.speaker, q.verb, d.text[q.start : q.end]) for q in extract_quotes(d)]
    assert got == [("The governor", "said", "the storm damage showed that the levees had failed")]


def test_two_cues_in_one_sentence():
    d = parse("The union insisted the deal was fair, while the company said it would appeal.")
    got = [(q.speaker, q.verb, d.text[q.start : q.end]) for q in extract_quotes(d)]
    assert got == [("The union", "insisted", "the deal was fair"), ("the company", "said", "it would appeal")]


@pytest.mark.parametrize(
    "text",
    [
        "The statue, said to be the tallest in Europe, was unveiled on Sunday.",
        "He was told to wait outside.",
        "Officials have not said when the bridge will reopen.",
        "The company's claims were rejected by the court.",
    ],
)
def test_no_attribution(text):
    assert extract_quotes(parse(text)) == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"We will not back down," said Sen. Maria Olsen of Oregon.', "Sen. Maria Olsen of Oregon"),
        (
            'A Republican on the panel, Rep. Dan Kerr of Ohio, said the report was "deeply flawed."',
            "Rep. Dan Kerr of Ohio",
        ),
        ("Opponents protested the plan, a move that Moscow said was hostile.", "Moscow"),
    ],
)
def test_speaker_is_never_a_fragment_label_or_title(text, speaker):
    qs = [q for q in extract_quotes(parse(text)) if q.speaker]
    assert qs and qs[0].speaker == speaker


def test_the_outlet_is_never_a_speaker():
    c = Corpus.from_texts(
        ["The Harbor Post reported that the talks will resume. Officials said the venue was not chosen."],
        outlets=["Harbor Post"],
    ).with_events({"doc-0": "e"})
    q = QuoteAnalyzer().fit_transform(c)["quotes"]
    assert q["speaker"].tolist() == ["Officials"]


def test_judging_verb_quote_is_not_scare():
    d = parse('The senator slammed the plan as "a disaster".')
    q = extract_quotes(d)[0]
    assert (q.kind, q.form, q.verb_lemma, q.judging, q.speaker) == ("partial", "mixed", "slam", True, "The senator")


def test_one_speech_verb_list():
    from framing.extract.speech_verbs import speech_verbs, verb_info

    info = verb_info()
    for form in ("slammed", "fumed", "blasted", "claimed", "admitted"):
        assert info[form].judging, form
    assert not info["said"].judging and info["said"].complement == "clause"
    assert info["according to"].complement == "source" and "according to" not in speech_verbs()
    assert {"said", "told", "called", "slammed"} <= speech_verbs()


def test_definite_and_pronoun_speakers_resolved():
    r = _run(
        [
            "Russia's Defence Ministry said its forces had hit fuel depots. The ministry said no civilians were harmed.",
            "Ukrainian President Volodymyr Zelensky met Polish President Andrzej Duda in Warsaw. "
            "He told reporters that Ukraine needed more air defence.",
        ]
    )
    q = r["quotes"].set_index("quote")
    assert q.loc["no civilians were harmed", "side"] == "Russia"
    assert "Defence Ministry" in q.loc["no civilians were harmed", "speaker"]
    he = q.loc["Ukraine needed more air defence"]
    assert he["actor"] == "Volodymyr Zelensky" and he["side"] == "Ukraine"


def test_lead_sentence_attribution_on_the_example(example):
    q = QuoteAnalyzer().fit_transform(example)["quotes"]
    lead = q[(q.article_id == "ex-010") & (q.sentence_index == q[q.article_id == "ex-010"]["sentence_index"].min())]
    assert (lead["kind"] == "indirect").any() and "Ukrainian officials" in set(lead["speaker"])


# ---- share of voice that holds (issue 12.2): the labelled fixtures -----------------------


def _fixture_scores():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "validation" / "quotes_fixture.py"
    spec = importlib.util.spec_from_file_location("quotes_fixture", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclass needs the module registered
    spec.loader.exec_module(mod)
    s1, _ = mod.example_set()
    s2, _ = mod.attributions_set()
    return s1, s2, mod.combined([s1, s2])


def test_fixture_quote_recall_and_speaker_accuracy():
    """Every attribution of the example corpus and 80 written ones (tests/fixtures): the issue's targets."""
    s1, s2, both = _fixture_scores()
    assert both.n_gold == 280
    for s in (s1, s2, both):
        assert s.recall >= 0.85, s
        assert s.speaker_accuracy >= 0.90, s
        assert s.precision >= 0.90, s
    assert s1.scare_attributed == 0 and s2.negatives_hit <= 1
    # side accuracy: the 0.90 on both sets together; people whose side the text never
    # states (a "political scientist", a power-company director) stay unknown
    assert both.side_accuracy >= 0.90, both
    assert s2.side_accuracy >= 0.90, s2
    assert s1.side_accuracy >= 0.85, s1


@pytest.mark.parametrize(
    "texts, speaker_part, side",
    [
        # a city in the appositive; a government body in the title; a demonym of any country
        (["Prices rose again, Anton Belyk, the mayor of Lviv, said on Monday."], "Belyk", "Ukraine"),
        (["Federation Council member Irina Sokolova said the bill would pass."], "Sokolova", "Russia"),
        (["Latvian Defence Minister Ivars Kalnins said the border would be fortified."], "Kalnins", "the West"),
        # a place fronted before a group; a local body takes the city of its passage
        (["In Minsk, officials said the exercises were routine."], "officials", "Russia"),
        (["Shelling hit a market in Sumy on Friday. Two people died, city officials said."], "officials", "Ukraine"),
        # both sides; a US lawmaker's party and state; a fronted appositive
        (["Negotiators from both delegations said the talks were useful."], "Negotiators", "mixed"),
        (["Rep. Ann Dowd, R-Ohio, said the plan was too costly."], "Dowd", "Republicans"),
        (["A Republican on the panel, Rep. Carl Mott, said the plan was too costly."], "Mott", "Republicans"),
        # the article introduces the person elsewhere; a title names an institution the article placed
        (
            [
                "Marta Kovalenko, a Ukrainian negotiator, arrived on Monday. Kovalenko told reporters that no deal was near."
            ],
            "Kovalenko",
            "Ukraine",
        ),
        (
            ["Russia's navy moved two frigates. Navy spokesman Oleg Sysoev said the move was planned."],
            "Sysoev",
            "Russia",
        ),
    ],
)
def test_side_from_context(texts, speaker_part, side):
    q = _run(texts)["quotes"]
    row = q[q["speaker"].str.contains(speaker_part)]
    assert not row.empty, q
    assert row["side"].iloc[0] == side, row[["speaker", "actor", "side"]]


@pytest.mark.parametrize(
    "text, speaker_part",
    [
        # a firm's or school's seat, a relation in an appositive, a journey: no side
        ("Prices will fall, said Paul Greer, a London-based broker.", "Greer"),
        ("Prices will fall, said Eva Lind, an analyst at the Stockholm Maritime Institute.", "Lind"),
        ("Dana Cole, speaking at a news conference in Kyiv, said prices would fall.", "Cole"),
    ],
)
def test_place_that_gives_no_side(text, speaker_part):
    q = _run([text])["quotes"]
    row = q[q["speaker"].str.contains(speaker_part)]
    assert not row.empty, q
    assert row["side"].iloc[0] == "", row[["speaker", "side"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        # verbs of finding and ruling attribute to courts, inquiries and reports
        ("Judge Mara Lind ruled that the contract was void.", [("the contract was void", "Judge Mara Lind", "ruled")]),
        (
            "The inquiry concluded that the fire had been set deliberately.",
            [("the fire had been set deliberately", "The inquiry", "concluded")],
        ),
        # "..., X said, adding that ...": both clauses are X's
        (
            "Two bridges were closed, the city council said on Monday, adding that repairs would take weeks.",
            [
                ("Two bridges were closed", "the city council", "said"),
                ("repairs would take weeks", "the city council", "adding"),
            ],
        ),
        (
            "Prices will rise, said the ministry, adding that wages would follow.",
            [("Prices will rise", "the ministry", "said"), ("wages would follow", "the ministry", "adding")],
        ),
        # a short quoted sentence after an attributed one continues it; "ruled out" is no cue
        (
            '"We lost," the coach told reporters. "No excuses."',
            [("We lost,", "the coach", "told"), ("No excuses.", "the coach", "")],
        ),
        ("The minister ruled out a second vote.", []),
    ],
)
def test_finding_ruling_adding_and_continuation(text, expected):
    got = [(text[q.start : q.end], q.speaker, q.verb) for q in extract_quotes(parse(text)) if q.kind != "scare"]
    assert got == expected


def test_a_name_never_runs_across_a_sentence_end():
    """'... in Oslo. Insurers said' has no actor 'Oslo. Insurers' (an abbreviation-like word ends the sentence)."""
    from framing import parse
    from framing.extract.actor_lexicon import _candidates

    doc = parse("Talks were held in Oslo. Insurers said the premiums would rise. Dr. Anna Berg agreed.")
    names = [c[0] for c in _candidates(doc, set())]
    assert not any("Insurers" in n for n in names)
    assert "Anna Berg" in names


# ---- the per-document indexes of speaker resolution give what a plain scan gives ----

_LONG_BLOCK = (
    "In Kyiv, the Foreign Ministry said the talks would resume. Russia's navy denied the report. "
    "Ukrainian negotiator Natalia Koval arrived in Geneva. Navy spokesman Dmytro Pletenchuk said: "
    '"We saw the ships." The Russian Foreign Ministry called it a provocation. Koval said the '
    "Foreign Ministry of Ukraine had been told. Natalia Koval, a Ukrainian negotiator, left on Monday. "
    "Deputy Foreign Minister Andriy Sybiha said the navy would stay.\n"
)


def _plain_institution_side(head, doc, finder, before):
    """The rule as a plain scan of ``doc.text[:before]`` (the reference)."""
    import re

    from framing.extract.place_sides import place_side
    from framing.extract.speaker_sides import _FRONTED_PLACE, _INSTITUTIONS, _MINISTER

    keys = [f"{m.group(1)} Ministry" for m in _MINISTER.finditer(head)]
    keys += [f"Ministry of {m.group(1)}" for m in _MINISTER.finditer(head)]
    keys += [m.group(1) for m in _INSTITUTIONS.finditer(head)]
    if not keys:
        return ""
    text = doc.text[:before]
    pat = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b", re.I)
    for m in reversed(list(pat.finditer(text))):
        s0 = int(doc.sent_starts[doc.sentence_at(m.start())])
        near = re.split(r"[,;:\"“”()]", text[max(s0, m.start() - 40) : m.start()])[-1].split()[-3:]
        side = place_side(" ".join(near), finder)
        if not side:
            f = _FRONTED_PLACE.match(text[s0 : m.start()])
            side = place_side(f.group(1), finder) if f else ""
        if side and side != "mixed":
            return side
    return ""


def test_institution_side_index_matches_a_plain_scan():
    from framing.analyses.quotes import shared_finder
    from framing.extract.speaker_sides import _institution_title_side

    # the blocks differ a little, so the nearest mention changes along the article
    text = "".join(_LONG_BLOCK.replace("Kyiv", "Moscow" if k % 3 == 0 else "Kyiv") for k in range(12))
    corpus = Corpus.from_texts([text], outlets=["A"])
    doc = corpus.documents()[0]
    finder = shared_finder(corpus, None, "default", True, 0.85)
    positions = sorted({p for i in range(0, len(text), 37) for p in (i, i + 1)} | {len(text)})
    for head in ("Navy spokesman Dmytro Pletenchuk", "Deputy Foreign Minister Andriy Sybiha", "the ministry"):
        got = [_institution_title_side(head, doc, finder, p) for p in positions]
        want = [_plain_institution_side(head, doc, finder, p) for p in positions]
        assert got == want
        assert (head == "the ministry") == (set(got) == {""})  # the check is not vacuous


def test_introduced_side_nearest_mentions_match_a_full_sort():
    from framing.analyses.quotes import shared_finder
    from framing.extract.speaker_sides import _introduced_side, _introduction_side, mention_view

    text = "".join(
        _LONG_BLOCK.replace("Ukrainian negotiator", "negotiator" if k % 4 else "Ukrainian negotiator")
        for k in range(10)
    )
    corpus = Corpus.from_texts([text], outlets=["A"])
    doc = corpus.documents()[0]
    finder = shared_finder(corpus, None, "default", True, 0.85)
    ment = finder.find(doc)
    mv = mention_view(ment)
    persons = [a for a in mv.by_actor if finder.type_of(a) == "person"]
    assert persons
    found = set()
    for actor in persons:
        for pos in range(0, len(text), 53):
            ks = sorted(mv.by_actor[actor], key=lambda k: abs(mv.start[k] - pos))[:8]
            # the reference: the first of the eight nearest that gives a side
            want = next((sd for k in ks if (sd := _introduction_side(mv.start[k], mv.end[k], doc, finder))), "")
            assert _introduced_side(ment, finder, doc, actor, pos) == want
            found.add(want)
    assert {"", "Ukraine"} <= found  # nearer mentions decide, and some give no side
