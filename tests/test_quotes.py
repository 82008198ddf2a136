"""Quotations: extraction edge cases, speakers, sides, share of voice, and the seeds."""

from __future__ import annotations

import numpy as np
import pytest

from framing import Corpus
from framing.analyses.quote_extraction import extract_quotes, quote_spans
from framing.analyses.quotes import QuoteAnalyzer
from framing.errors import ParameterError
from framing.text import parse

from conftest import SEED_EVENTS


def _one(text: str):
    qs = [q for q in extract_quotes(parse(text))]
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
        ("“The Russian side rejected it again,” Kyslytsia told reporters.", "The Russian side rejected it again,", "Kyslytsia", "told", "direct"),
        ("Medinsky said: “Russia is ready for a lasting peace.”", "Russia is ready for a lasting peace.", "Medinsky", "said", "direct"),
        ("Medinsky said: 'Russia is ready for a lasting peace.'", "Russia is ready for a lasting peace.", "Medinsky", "said", "direct"),
        ("“Overall, we are pleased with the results,” Mr. Medinsky stated.", "Overall, we are pleased with the results,", "Mr. Medinsky", "stated", "direct"),
        ("Vladimir Medinsky, head of the delegation, declared that he was “satisfied with the outcome,” and left.",
         "satisfied with the outcome,", "Vladimir Medinsky", "declared", "partial"),
        ("“These are children that Russia deported,” Andrii Yermak, head of the presidential office, said on Telegram.",
         "These are children that Russia deported,", "Andrii Yermak", "said", "direct"),
        ("As the head of the Russian delegation confessed, Moscow proposed a partial ceasefire of \"2-3 days\" in some sectors.",
         "2-3 days", "the head of the Russian delegation", "confessed", "partial"),
        ("A Ukrainian delegation source told Reuters that Russia’s demands were “disconnected from reality and far exceeded previous talks.”",
         "disconnected from reality and far exceeded previous talks.", "A Ukrainian delegation source", "told", "partial"),
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
    text = ('"We made a rather general proposal. A concrete ceasefire for two or three days," Vladimir Medinsky said. '
            '"Nothing more was on the table today."')
    qs = _one(text)
    assert [q.kind for q in qs] == ["direct", "direct"]
    assert qs[0].n_words == 14 and qs[0].last_sentence > qs[0].sentence_index
    assert qs[1].speaker == "Vladimir Medinsky" and qs[1].attribution == "inherited"


def test_multi_paragraph_quote():
    text = "Zelensky said: “The first paragraph of the statement goes on here.\n“And the second one continues it,” he added."
    spans = quote_spans(text)
    assert [text[a:b] for a, b, _ in spans] == ["The first paragraph of the statement goes on here.", "And the second one continues it,"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Kiev sent a list of children who, according to officials, were “deported” by Russia.", "scare"),
        ("Kiev says the children were “deported” by Russia.", "partial"),
        ("Kiev demanded \"security guarantees\" from its allies.", "partial"),  # a verb of speech: never scare
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
    r = _run(["Ukrainian President Volodymyr Zelensky spoke in Vilnius. “We are ready to take the steps for peace,” he declared."])
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
    r = _run([
        "“We want peace now,” said Zelensky. “We will not give up any land,” Zelensky told reporters. "
        "Russia claimed that the talks were useless.",
        "“We are satisfied with the outcome,” said Medinsky.",
    ])
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
