"""The command line talks: progress per stage, the columns it guessed, a clear exit when nothing was analysed."""

from __future__ import annotations

import io

import pytest

from framing.cli import main
from framing.progress import ProgressPrinter

TEXT = "Kyiv said the talks in Geneva failed on Friday. Moscow said more talks would follow next week."


def test_empty_and_all_invalid_inputs_exit_non_zero(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["report", str(empty), "-o", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "no article to analyse" in err and not (tmp_path / "r.html").exists()

    invalid = tmp_path / "invalid.jsonl"
    invalid.write_text('{"text": ""}\n{"text": "   "}\n', encoding="utf-8")
    assert main(["analyze", str(invalid), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "All 2 inputs were skipped" in err

    blank_csv = tmp_path / "blank.csv"
    blank_csv.write_text("", encoding="utf-8")
    assert main(["analyze", str(blank_csv), "--out", str(tmp_path / "o2")]) == 1
    err = capsys.readouterr().err
    assert "framing: error:" in err and "Traceback" not in err

    header_only = tmp_path / "header.csv"
    header_only.write_text("outlet,text\n", encoding="utf-8")
    assert main(["analyze", str(header_only), "--out", str(tmp_path / "o3")]) == 1
    assert "no article to analyse" in capsys.readouterr().err


def test_guessed_columns_are_named_and_a_missing_outlet_column_is_said(tmp_path, capsys):
    f = tmp_path / "papers.csv"
    f.write_text(f'paper,body,headline\nThe Times,"{TEXT}",Talks fail\nThe Sun,"{TEXT}",Talks end\n', encoding="utf-8")
    assert main(["analyze", str(f), "--out", str(tmp_path / "o"), "--analyses", "naming"]) == 0
    err = capsys.readouterr().err
    assert "columns guessed: text='body', title='headline'" in err
    assert "no outlet column found" in err and "--outlet COLUMN" in err and "paper" in err
    # named columns are not reported as guessed
    assert (
        main(
            [
                "analyze",
                str(f),
                "--out",
                str(tmp_path / "o"),
                "--analyses",
                "naming",
                "--outlet",
                "paper",
                "--text",
                "body",
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "no outlet column" not in err and "text='body'" not in err


def test_progress_lines_per_stage_and_none_with_quiet(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", "--example", "-o", str(out), "--analyses", "naming,loaded"]) == 0
    err = capsys.readouterr().err
    for step in (
        "loading the example corpus",
        "events",
        "analysis naming",
        "analysis loaded",
        "report: findings",
        "report: naming",
        "report: corpus",
    ):
        assert f"] {step} (" in err, step
    assert (tmp_path / "r_tables" / "naming.csv").exists()
    assert main(["report", "--example", "-o", str(out), "--analyses", "naming", "-q", "--no-csv"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_progress_bar_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Tty()
    p = ProgressPrinter(out, clock=lambda: 1.0)
    p("analysis naming", 1, 4)
    p.close()
    text = out.getvalue()
    assert text.startswith("\r\x1b[Kframing [######") and "2/4 analysis naming" in text and "\n" not in text


def test_outlet_groups_flag(tmp_path, capsys):
    f = tmp_path / "a.jsonl"
    rows = [
        f'{{"outlet": "{o}", "text": "{TEXT} {o}.", "lean": "{g}"}}'
        for o, g in (("A", "left"), ("B", "right"), ("C", "right"))
    ]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", str(f), "-o", str(out), "-q", "--outlet-groups", "lean", "--analyses", "loaded"]) == 0
    page = out.read_text(encoding="utf-8")
    assert 'id="groups"' in page and "right (2 outlets)" in page
    assert (tmp_path / "r_tables" / "outlet_groups.csv").exists()
    assert main(["report", str(f), "-o", str(out), "-q", "--outlet-groups", "nope"]) == 1
    assert "neither an article field" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["report"], ["analyze", "--example"]])
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code != 0
