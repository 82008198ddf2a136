"""Analysis parameters from the library and the command line (--param ANALYSIS.NAME=VALUE)."""

import pandas as pd
import pytest

import framing
from framing.cli import main, parse_params
from framing.errors import ParameterError


def test_parse_params_reads_json_values_and_text():
    got = parse_params(
        [
            "naming.min_count=3",
            "naming.discover=false",
            'loaded.categories=["loaded", "hedge"]',
            "naming.lexicon=my lexicon.csv",
        ]
    )
    assert got == {
        "naming": {"min_count": 3, "discover": False, "lexicon": "my lexicon.csv"},
        "loaded": {"categories": ["loaded", "hedge"]},
    }


@pytest.mark.parametrize("item", ["naming", "naming=3", ".x=1", "naming.=1"])
def test_parse_params_refuses_malformed_items(item):
    with pytest.raises(ParameterError, match=r"ANALYSIS\.NAME=VALUE"):
        parse_params([item])


def test_cli_param_changes_the_analysis(tmp_path):
    """--param loaded.categories reaches the analyzer: only those categories are counted."""
    assert main(["analyze", "--example", "--out", str(tmp_path / "all"), "--analyses", "loaded", "-q"]) == 0
    assert (
        main(
            [
                "analyze",
                "--example",
                "--out",
                str(tmp_path / "one"),
                "--analyses",
                "loaded",
                "-q",
                "--param",
                'loaded.categories=["hedge"]',
            ]
        )
        == 0
    )
    every = set(pd.read_csv(tmp_path / "all" / "loaded.csv")["category"])
    only = set(pd.read_csv(tmp_path / "one" / "loaded.csv")["category"])
    assert len(every) > 1 and only == {"hedge"}


def test_cli_param_errors_name_the_parameter(tmp_path, capsys):
    assert (
        main(["analyze", "--example", "--out", str(tmp_path), "--analyses", "naming", "--param", "naming.min_cout=3"])
        == 1
    )
    err = capsys.readouterr().err
    assert "NamingAnalyzer has no parameter 'min_cout'" in err and "min_count" in err


def test_params_for_an_analysis_not_run_are_refused_when_unknown():
    corpus = framing.load_example()
    with pytest.raises(ParameterError, match="Unknown analysis 'nam' in params"):
        framing.analyze(corpus, analyses=["naming"], params={"nam": {"x": 1}})
