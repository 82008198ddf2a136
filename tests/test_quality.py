"""The checks a well-kept Python project runs, as tests so that the one test command runs them:
ruff (lint and format) and mypy, configured in pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.skipif(
    shutil.which("ruff") is None and _run("ruff", "--version").returncode != 0,
    reason="ruff is not installed (pip install -e '.[test]')",
)
def test_ruff_lint_and_format():
    lint = _run("ruff", "check", "framing", "tests", "benchmarks", "validation")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", "framing", "tests", "benchmarks", "validation")
    assert fmt.returncode == 0, "run `ruff format`:\n" + fmt.stdout + fmt.stderr


def test_mypy():
    pytest.importorskip("mypy", reason="mypy is not installed (pip install -e '.[test]')")
    r = _run("mypy")
    assert r.returncode == 0, r.stdout + r.stderr
