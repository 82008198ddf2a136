import re

import pandas as pd
import pytest

import framing
from framing import analyze, build_report, load_corpus, write_report
from framing.cli import main

EVIL_TITLE = '<script>alert("title")</script> Talks <b>end</b>'
EVIL_TEXT = (
    'Kyiv said <img src=x onerror="alert(1)"> the talks failed. '
    "<script>document.write('pwned')</script> Officials said more talks would follow. "
    '"<iframe src=http://evil.example>" was quoted.'
)


@pytest.fixture(scope="module")
def evil_results():
    c = load_corpus([
        {"id": "evil<1>", "outlet": "<b>Outlet</b>", "title": EVIL_TITLE, "text": EVIL_TEXT},
        {"id": "ok", "outlet": "Plain", "title": "Talks end", "text": "Kiev said the talks failed. Moscow agreed."},
    ])
    return analyze(c)


def test_article_markup_is_escaped(evil_results):
    page = build_report(evil_results)
    assert "<script" not in page.lower()
    assert "<img src=x" not in page and "<iframe" not in page and "<b>Outlet" not in page
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in page
    assert "onerror" not in page or "onerror=&quot;" in page


def test_report_is_self_contained(evil_results):
    page = build_report(evil_results)
    # nothing is loaded from the network: no external src/href, only data: images and anchors
    srcs = re.findall(r'\ssrc="([^"]*)"', page)
    assert srcs and all(s.startswith("data:image/png;base64,") for s in srcs)
    hrefs = re.findall(r'\shref="([^"]*)"', page)
    assert all(h.startswith("#") for h in hrefs)
    assert "<link" not in page and "@import" not in page


def test_example_report_shows_overview_and_grouping(tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", "--example", "-o", str(out), "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    for anchor in ("overview", "skipped", "events"):
        assert f'id="{anchor}"' in page
    ex = framing.load_example()
    for outlet in ex.outlets:
        assert framing.report.html.esc(outlet) in page
    assert page.count("<img") >= 1


def test_analyze_writes_articles_csv_for_every_input(tmp_path, seeds_dir):
    out = tmp_path / "out"
    assert main(["analyze", str(seeds_dir), "--out", str(out), "-q"]) == 0
    arts = pd.read_csv(out / "articles.csv")
    assert list(arts.columns[:7]) == ["id", "outlet", "title", "date", "event", "status", "reason"]
    assert len(arts) == 6
    assert (arts["status"] == "analyzed").sum() == 5
    skipped = arts[arts["status"] == "skipped"]
    assert skipped["reason"].str.startswith("not an article").all()
    assert arts.loc[arts["status"] == "analyzed", "event"].nunique() == 2
    for name in ("events", "naming", "loaded", "distinctive", "facts", "numbers", "quotes", "actors"):
        assert (out / f"{name}.csv").exists(), name


def test_cli_errors_are_clear(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 1
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report"])


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "framing", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("framing ")


def test_write_report_returns_path(tmp_path, evil_results):
    p = write_report(evil_results, tmp_path / "sub" / "r.html")
    assert p.exists() and p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_events_drawn_are_the_largest_and_the_rest_is_counted():
    import pandas as pd

    from framing.report.sections._common import events_to_draw, more_events_note

    sizes = {"E01": 2, "E02": 6, "E03": 3, "E04": 6, "E05": 1}
    articles = pd.DataFrame([
        {"id": f"{e}-{i}", "outlet": f"O{i}", "event": e, "status": "analyzed"}
        for e, n in sizes.items() for i in range(n)
    ])
    table = pd.DataFrame({"event": [*sizes, "all"]})
    shown, n_more = events_to_draw({"articles": articles}, table, limit=3)
    assert shown == ["E02", "E03", "E04", "all"] and n_more == 2
    assert "2 more events are in x.csv" in more_events_note(n_more, "x.csv")
    assert more_events_note(0, "x.csv") is None
    shown, n_more = events_to_draw({"articles": articles}, table, limit=10, with_all=False)
    assert shown == sorted(sizes) and n_more == 0
