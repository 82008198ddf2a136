"""Helpers shared by the validation scripts: where the datasets are, and writing the tables."""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"


def parser(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder with datasets/")
    ap.add_argument("--no-write", action="store_true", help="print only; do not update docs/validation/")
    return ap


def dataset(shared: Path, name: str) -> Path:
    p = shared / "datasets" / name
    if not p.exists():
        raise SystemExit(f"dataset not found: {p} (pass --shared PATH)")
    return p


def write_doc(name: str, text: str) -> Path:
    out = ROOT / "docs" / "validation" / f"{name}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out
