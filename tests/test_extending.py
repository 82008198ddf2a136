"""The 'write your own analysis' page: its example, run as written, is one module and one registry line."""

import re
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.analyses.registry import ANALYZERS, DEFAULT_ANALYSES, register_analyzer, unregister_analyzer
from framing.cli import main
from framing.errors import ParameterError

PAGE = Path(__file__).resolve().parents[1] / "docs" / "extending.md"


def _blocks():
    return re.findall(r"```python\n(.*?)\n```", PAGE.read_text(encoding="utf-8"), re.S)


@pytest.fixture()
def docs_example():
    """Run the page's module and registry line; unregister afterwards so other tests see the packaged set."""
    before = list(DEFAULT_ANALYSES)
    ns: dict = {}
    module, registry_line, _usage = _blocks()
    exec(compile(module, str(PAGE), "exec"), ns)
    exec(compile(registry_line, str(PAGE), "exec"), ns)
    yield ns
    unregister_analyzer("question_headlines")
    assert before == DEFAULT_ANALYSES


def test_docs_example_runs_as_written(docs_example):
    exec(compile(_blocks()[2], str(PAGE), "exec"), docs_example)
    table = docs_example["results"]["question_headlines"]
    assert docs_example["results"].specs["question_headlines"].check(table) == []


def test_docs_example_counts_question_headlines(docs_example):
    cls = docs_example["QuestionHeadlineAnalyzer"]
    corpus = framing.load_corpus(
        [
            {
                "id": "a1",
                "outlet": "A",
                "event": "e",
                "title": "Is the ceasefire already dead?",
                "text": "Talks went on.",
            },
            {"id": "a2", "outlet": "A", "event": "e", "title": "Talks resume", "text": "Talks went on again."},
            {
                "id": "b1",
                "outlet": "B",
                "event": "e",
                "title": "Talks resume in Geneva",
                "text": "The delegations met in Geneva.",
            },
        ]
    )
    out = cls().fit_transform(corpus)
    t = out["question_headlines"].set_index("outlet")
    assert t.loc["A", "n_questions"] == 1 and t.loc["A", "n_articles"] == 2 and t.loc["B", "n_questions"] == 0
    assert t.loc["A", "ci_low"] < 0.5 < t.loc["A", "ci_high"]
    ev = out["question_headlines_evidence"]
    assert ev["match"].tolist() == ["Is the ceasefire already dead?"] and ev["article_id"].tolist() == ["a1"]
    empty = cls().fit_transform(framing.Corpus([]))
    assert all(spec.check(empty[spec.name]) == [] for spec in cls.tables)


def test_docs_example_reaches_the_csv_tables_and_the_cli(docs_example, tmp_path):
    assert (
        main(
            [
                "analyze",
                "--example",
                "--out",
                str(tmp_path),
                "-q",
                "--analyses",
                "naming,question_headlines",
                "--param",
                'question_headlines.marks="?!"',
            ]
        )
        == 0
    )
    written = {p.name for p in tmp_path.glob("*.csv")}
    assert {"question_headlines.csv", "question_headlines_evidence.csv", "naming.csv"} <= written
    df = pd.read_csv(tmp_path / "question_headlines.csv")
    assert list(df.columns) == docs_example["QuestionHeadlineAnalyzer"].tables[0].column_names
    assert df["n_articles"].sum() == len(framing.load_example())


def test_docs_example_is_on_the_generated_tables_page_only_when_packaged(docs_example):
    from framing.analyses.registry import table_specs

    assert "question_headlines" in table_specs()


def test_registering_a_clashing_table_name_is_refused(docs_example):
    cls = docs_example["QuestionHeadlineAnalyzer"]

    class Clash(cls):
        name = "clash"

    with pytest.raises(ParameterError, match="already taken: question_headlines"):
        register_analyzer(Clash)
    assert "clash" not in ANALYZERS
    with pytest.raises(ParameterError, match="already registered"):

        class Other(framing.Analyzer):
            name = "question_headlines"
            tables = (framing.TableSpec("other", "x", (framing.Column("n", "int", "n"),)),)

        register_analyzer(Other)
