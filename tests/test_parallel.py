"""Analyses in parallel processes give the tables of the serial run (same rows, order, dtypes)."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing.errors import ParameterError
from framing.parallel import effective_n_jobs


def assert_same_tables(a: framing.Results, b: framing.Results) -> None:
    assert list(a) == list(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True, obj=name)


@pytest.fixture(scope="module")
def serial(example):
    return framing.analyze(example, n_jobs=1)


def test_two_processes_give_the_serial_tables(example, serial):
    assert_same_tables(serial, framing.analyze(example, n_jobs=2))


def test_all_cpus_on_grouped_events_give_the_serial_tables(seeds):
    # no events given: grouping runs first, then the analyses in parallel
    assert_same_tables(framing.analyze(seeds), framing.analyze(seeds, n_jobs=-1))


def test_default_is_serial_and_n_jobs_is_checked():
    assert effective_n_jobs(None) == 1
    assert effective_n_jobs(3) == 3
    for bad in (0, 1.5, "2", True):
        with pytest.raises(ParameterError, match="n_jobs"):
            effective_n_jobs(bad)


def test_cli_n_jobs_writes_the_serial_tables(example, tmp_path):
    from framing.cli import main

    assert main(["analyze", "--example", "--out", str(tmp_path / "serial"), "-q"]) == 0
    assert main(["analyze", "--example", "--out", str(tmp_path / "par"), "--n-jobs", "2", "-q"]) == 0
    serial = sorted(p.name for p in (tmp_path / "serial").iterdir())
    assert serial == sorted(p.name for p in (tmp_path / "par").iterdir())
    for name in serial:
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "par" / name).read_bytes(), name
