"""One contract test over every analyzer (the scikit-learn way)."""

import inspect

import pandas as pd
import pytest

import framing
from framing import ANALYZERS, Corpus, NotFittedError, ParameterError, load_corpus
from framing.analyses.base import ALL_EVENTS

TINY = load_corpus(
    [
        {
            "id": "a1",
            "outlet": "A",
            "event": "e1",
            "title": "Talks in Kyiv end",
            "text": 'Kyiv said the talks failed. "We will not give up," said Zelenskyy. The regime claimed victory. '
            "About 1,000 prisoners were exchanged.",
        },
        {
            "id": "b1",
            "outlet": "B",
            "event": "e1",
            "title": "Talks in Kiev end",
            "text": 'Kiev confessed the talks failed. "The operation continues," Medinsky said. '
            "Officials said 2,000 prisoners were exchanged.",
        },
        {
            "id": "a2",
            "outlet": "A",
            "event": "e2",
            "title": "Vote on border bill",
            "text": "Senators voted 52-48 on the bill about undocumented immigrants. Critics slammed it.",
        },
        {
            "id": "b2",
            "outlet": "B",
            "event": "e2",
            "title": "Border bill passes",
            "text": "The Senate passed the bill on illegal aliens by 52 to 48. Supporters said it was brutal but needed.",
        },
    ]
)


@pytest.mark.parametrize("name", list(ANALYZERS))
def test_analyzer_contract(name):
    cls = ANALYZERS[name]
    assert cls.name == name
    # constructor: keyword-only parameters, stored unchanged
    sig = inspect.signature(cls.__init__)
    assert all(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for n, p in sig.parameters.items() if n != "self")
    est = cls()
    assert est.get_params() == {k: getattr(est, k) for k in est.get_params()}
    assert repr(est).startswith(cls.__name__)
    # not fitted
    with pytest.raises(NotFittedError, match=cls.__name__):
        est.transform(TINY)
    # wrong input
    with pytest.raises(ParameterError, match="single string"):
        cls().fit("Kyiv said no.")
    out = cls().fit_transform(TINY)
    assert list(out) == cls.table_names()
    for table_name, df in out.items():
        assert isinstance(df, pd.DataFrame), table_name
        if "event" in df.columns and len(df):
            assert set(df["event"]) <= {"e1", "e2", ALL_EVENTS}, table_name
            assert df.columns[0] == "event", table_name
    # the corpus is not changed in place, and the result is reproducible
    again = cls().fit_transform(TINY)
    for t in out:
        pd.testing.assert_frame_equal(out[t], again[t])


@pytest.mark.parametrize("name", list(ANALYZERS))
def test_analyzer_on_empty_corpus(name):
    out = ANALYZERS[name]().fit_transform(Corpus([]))
    assert all(isinstance(df, pd.DataFrame) for df in out.values())


def _assert_declared(cls, out):
    """Every table is declared, in declared order, with declared columns and dtypes."""
    assert list(out) == cls.table_names()
    for spec in cls.tables:
        assert spec.check(out[spec.name]) == [], (spec.name, spec.check(out[spec.name]))
        if spec.evidence:
            assert spec.evidence in cls.table_names(), (spec.name, spec.evidence)
        for key in spec.keys:
            assert key in spec.column_names


@pytest.mark.parametrize("name", list(ANALYZERS))
@pytest.mark.parametrize("corpus_name", ["empty", "tiny", "example", "seeds"])
def test_tables_match_their_declaration(name, corpus_name, request):
    corpus = {
        "empty": lambda: Corpus([]),
        "tiny": lambda: TINY,
        "example": lambda: request.getfixturevalue("example"),
        "seeds": lambda: request.getfixturevalue("seeds_events"),
    }[corpus_name]()
    cls = ANALYZERS[name]
    _assert_declared(cls, cls().fit_transform(corpus))


def test_analyze_tables_match_their_declaration(example):
    results = framing.analyze(example)
    assert list(results) == [
        "articles",
        "events",
        *(t for n in results.analyses for t in ANALYZERS[n].table_names()),
        "headlines",
    ]
    for name, df in results.items():
        assert results.specs[name].check(df) == [], name


def test_two_tables_of_one_name_are_refused():
    with pytest.raises(ParameterError, match="Two analyses write a table named 'loaded'"):
        framing.analyze(TINY, analyses=["loaded", framing.LoadedLanguageAnalyzer(categories=["loaded"])])
    with pytest.raises(ParameterError, match="Unknown analysis 'nameing' in params"):
        framing.analyze(TINY, params={"nameing": {"min_count": 3}})


def test_table_names_are_unique_across_the_registry():
    names = [t for cls in ANALYZERS.values() for t in cls.table_names()]
    assert len(names) == len(set(names))


def test_tables_page_is_generated_from_the_declarations():
    """docs/tables.md is `python -m framing.tables` output; regenerate it when this fails."""
    from pathlib import Path

    from framing.analyses.registry import tables_page

    page = Path(__file__).resolve().parents[1] / "docs" / "tables.md"
    assert page.read_text(encoding="utf-8") == tables_page(), (
        "docs/tables.md differs from the declarations: run `python -m framing.tables_doc > docs/tables.md`"
    )
