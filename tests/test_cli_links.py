"""--follow-links: a link out of the folder is skipped with its reason unless the user asks to follow it."""

import os

import pandas as pd
import pytest

from framing.cli import main


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_follow_links_flag(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Officials in Kyiv said the talks were useful and would go on.", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_text("Delegates in Geneva met again on Monday for talks.", encoding="utf-8")
    os.symlink(outside, folder / "a.txt")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "o1"), "-q"]) == 0
    arts = pd.read_csv(tmp_path / "o1" / "articles.csv", keep_default_na=False)
    skipped = arts[arts["status"] == "skipped"]
    assert len(arts) == 2 and skipped["reason"].str.startswith("link outside the folder").all() and len(skipped) == 1
    assert main(["analyze", str(folder), "--out", str(tmp_path / "o2"), "-q", "--follow-links"]) == 0
    arts = pd.read_csv(tmp_path / "o2" / "articles.csv", keep_default_na=False)
    assert set(arts["status"]) == {"analyzed"} and len(arts) == 2
