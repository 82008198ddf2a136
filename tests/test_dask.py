"""Analyses on a Dask LocalCluster give the tables of the local run (skipped without dask)."""

from __future__ import annotations

import pytest

import framing
from framing.errors import ParameterError

distributed = pytest.importorskip("dask.distributed")

from test_parallel import assert_same_tables  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dask_gives_the_local_tables(example, client):
    assert_same_tables(framing.analyze(example), framing.analyze(example, client=client))


def test_dask_with_grouped_events(seeds, client):
    assert_same_tables(framing.analyze(seeds), framing.analyze(seeds, client=client))


def test_a_wrong_client_is_refused(example):
    with pytest.raises(ParameterError, match=r"dask\.distributed\.Client"):
        framing.analyze(example, client="tcp://localhost:8786")
