"""Headlines are read by every analysis; evidence says where a hit stands; the headline view."""

import pandas as pd

import framing

ARTS = [
    {
        "id": "a1",
        "outlet": "A",
        "event": "e",
        "title": "Kiev regime slams talks",
        "text": "Officials in Kyiv said the talks in Geneva were useful. Delegations met for two hours. "
        "They agreed to meet again. Kyiv hopes for progress.",
    },
    {
        "id": "b1",
        "outlet": "B",
        "event": "e",
        "title": "Talks in Geneva end",
        "text": "Officials in Kyiv said the talks in Geneva ended. Delegations met for two hours. "
        "They agreed to meet again. Analysts called the Kiev position brutal.",
    },
]


def test_headline_hits_are_counted_and_placed():
    corpus = framing.load_corpus(ARTS)
    naming = framing.NamingAnalyzer(discover=False).fit_transform(corpus)["naming_evidence"]
    a_kiev = naming[(naming["article_id"] == "a1") & (naming["variant"] == "Kiev")]
    assert a_kiev["position"].tolist() == ["headline"] and a_kiev["match"].tolist() == ["Kiev"]
    assert a_kiev["sentence"].tolist() == ["Kiev regime slams talks"]
    # offsets point into the analysed text: the headline, a blank line, the body
    art = corpus["a1"]
    row = a_kiev.iloc[0]
    assert art.document_text[row["start"] : row["end"]] == "Kiev"
    body = naming[(naming["article_id"] == "a1") & (naming["variant"] == "Kyiv")]
    assert body["position"].tolist() == ["lead", "body"]
    b_kiev = naming[(naming["article_id"] == "b1") & (naming["variant"] == "Kiev")]
    assert b_kiev["position"].tolist() == ["body"]  # the 4th sentence of the body


def test_loaded_language_reads_the_headline():
    corpus = framing.load_corpus(ARTS)
    ev = framing.LoadedLanguageAnalyzer().fit_transform(corpus)["loaded_evidence"]
    head = ev[ev["position"] == "headline"]
    found = set(head["match"].str.lower())
    assert "slams" in found and any("regime" in m for m in found)
    assert set(head["article_id"]) == {"a1"}


def test_a_guessed_title_is_not_read_twice():
    """A title guessed from the first line is the body's first line: it is read once, as the lead."""
    corpus = framing.load_corpus([{"id": "x", "outlet": "A", "text": "Kiev talks end\nOfficials in Kiev spoke."}])
    art = corpus["x"]
    assert "title" in art.guessed and not art.has_headline and art.document_text == art.text
    ev = framing.NamingAnalyzer(discover=False).fit_transform(corpus)["naming_evidence"]
    assert ev[ev["variant"] == "Kiev"]["position"].tolist() == ["lead", "lead"]


def test_headline_view_says_what_the_body_does_not_repeat():
    results = framing.analyze(framing.load_corpus(ARTS), analyses=["naming", "loaded"])
    view = results["headlines"]
    assert results.specs["headlines"].check(view) == []
    kiev = view[(view["article_id"] == "a1") & (view["match"] == "Kiev")]
    assert kiev["analysis"].tolist() == ["naming"] and not kiev["in_body"].any()
    assert kiev["headline"].tolist() == ["Kiev regime slams talks"]
    loaded = view[(view["article_id"] == "a1") & (view["analysis"] == "loaded")]
    assert "slams" in set(loaded["match"].str.lower())
    assert set(view["article_id"]) == {"a1"}  # B's headline holds no finding


def test_headline_view_is_empty_and_declared_without_headlines():
    results = framing.analyze(
        framing.load_corpus([{"id": "x", "outlet": "A", "text": "Officials met.\nThey spoke."}]), analyses=["naming"]
    )
    assert len(results["headlines"]) == 0
    assert list(results["headlines"].columns) == results.specs["headlines"].column_names
    assert isinstance(results["headlines"], pd.DataFrame)


def test_outlet_groups_are_a_results_table():
    """analyze(outlet_groups=...) compares groups of outlets in a declared table."""
    corpus = framing.load_example()
    groups = {o: ("tabloid" if o == "Northern Ledger" else "others") for o in corpus.outlets}
    results = framing.analyze(corpus, analyses=["loaded"], outlet_groups=groups)
    table = results["outlet_groups"]
    assert results.specs["outlet_groups"].check(table) == []
    assert set(table["group"]) == {"tabloid", "others"}
    by = table.set_index("group")
    assert by.loc["tabloid", "n_outlets"] == 1 and by.loc["others", "n_outlets"] == len(corpus.outlets) - 1
    assert by.loc["tabloid", "loaded_per_1k"] > by.loc["others", "loaded_per_1k"]
    assert results.params["outlet_groups"] == groups
