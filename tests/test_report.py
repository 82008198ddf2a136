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
    c = load_corpus(
        [
            {"id": "evil<1>", "outlet": "<b>Outlet</b>", "title": EVIL_TITLE, "text": EVIL_TEXT},
            {"id": "ok", "outlet": "Plain", "title": "Talks end", "text": "Kiev said the talks failed. Moscow agreed."},
        ]
    )
    return analyze(c)


def test_article_markup_is_escaped(evil_results):
    page = build_report(evil_results)
    assert "<script" not in page.lower()
    assert "<img src=x" not in page and "<iframe" not in page and "<b>Outlet" not in page
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in page
    assert "onerror" not in page or "onerror=&quot;" in page


def test_report_is_self_contained(evil_results):
    page = build_report(evil_results)
    # nothing is loaded from the network: no src at all (charts are inline SVG), only anchors
    srcs = re.findall(r'\ssrc="([^"]*)"', page)
    assert all(s.startswith("data:image/") for s in srcs)
    hrefs = re.findall(r'\shref="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert "<link" not in page and "@import" not in page and "<script" not in page.lower()
    assert "default-src 'none'" in page


def test_example_report_shows_overview_and_grouping(tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", "--example", "-o", str(out), "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    for anchor in ("findings", "outlets", "overview", "skipped", "events"):
        assert f'id="{anchor}"' in page
    ex = framing.load_example()
    for outlet in ex.outlets:
        assert framing.report.html.esc(outlet) in page
    assert page.count("<svg") >= 5
    assert "NaT" not in page
    # the tables are written beside the report, and a cut table points to its CSV there
    assert (tmp_path / "report_tables" / "naming.csv").exists()
    assert "report_tables/" in page
    assert len(page.encode("utf-8")) < 2_000_000


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
    articles = pd.DataFrame(
        [
            {"id": f"{e}-{i}", "outlet": f"O{i}", "event": e, "status": "analyzed"}
            for e, n in sizes.items()
            for i in range(n)
        ]
    )
    table = pd.DataFrame({"event": [*sizes, "all"]})
    shown, n_more = events_to_draw({"articles": articles}, table, limit=3)
    assert shown == ["E02", "E03", "E04", "all"] and n_more == 2
    assert "2 more events are in x.csv" in more_events_note(n_more, "x.csv")
    assert more_events_note(0, "x.csv") is None
    shown, n_more = events_to_draw({"articles": articles}, table, limit=10, with_all=False)
    assert shown == sorted(sizes) and n_more == 0


# -- findings first, evidence one click away ----------------------------------------------


def _ids_and_links(page: str) -> tuple[set[str], list[str]]:
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    links = [h[1:] for h in re.findall(r'\shref="([^"]*)"', page) if h.startswith("#")]
    return ids, links


def _findings_part(page: str) -> str:
    start = page.index('id="findings"')
    return page[start : page.index("Sentences behind the findings", start)]


@pytest.fixture(scope="module")
def seeds_page(seeds):
    return build_report(analyze(seeds))


def test_seeds_findings_come_first_with_the_known_contrasts(seeds_page):
    page = seeds_page
    main_part = page[page.index("<main>") :]
    assert main_part.index('id="findings"') < main_part.index('id="outlets"') < main_part.index('id="naming"')
    top = _findings_part(page)
    # headlines side by side, dates blank (the seeds have none), readable outlet labels
    assert 'class="headlines"' in top and "NaT" not in page
    assert "000 (file)" in top and "Voz.us" in top
    for needle in ("Kiev", "snub", "confessed", "Madinsky"):
        assert needle in top, needle
    # two events, each with its card
    assert top.count('class="event-card"') >= 2


def test_every_link_lands_on_an_anchor(seeds_page):
    ids, links = _ids_and_links(seeds_page)
    assert links and not [h for h in links if h not in ids]
    # each finding links to a block holding its sentences, with the matched words marked
    for anchor in re.findall(r'<li id="(find-[^"]+)"', seeds_page):
        block = seeds_page[seeds_page.index(f'id="{anchor}-ev"') :]
        block = block[: block.index('class="evblock"', 10) if 'class="evblock"' in block[10:] else len(block)]
        assert "<mark>" in block and "<q>" in block, anchor


def test_no_finding_from_a_test_that_fails_its_null(seeds):
    from framing.report.context import build_context, use
    from framing.report.sections import findings_for

    results = analyze(seeds)
    with use(build_context(results)):
        found = findings_for(results)
    tests = results["naming_tests"]
    for f in found:
        if f.analysis == "naming" and f.kind == "tested":
            group = f.text.split(":")[0]
            row = tests[(tests["event"] == f.event) & (tests["group"] == group)]
            assert (row["q_value"] < 0.05).all(), f.text
    assert any(f.kind == "uncertain" and "Kiev" in f.text for f in found)


def test_each_outlet_gets_its_own_sentences():
    from framing.report.html import evidence_by_outlet

    rows = [
        {
            "event": "E",
            "outlet": "Big",
            "article_id": f"b{i}",
            "sentence_index": i,
            "match": "war",
            "sentence": f"The war, sentence {i}.",
        }
        for i in range(40)
    ]
    rows += [
        {
            "event": "E",
            "outlet": o,
            "article_id": o,
            "sentence_index": 0,
            "match": "conflict",
            "sentence": "The conflict <b>went</b> on.",
        }
        for o in ("A", "B", "C", "D")
    ]
    html = evidence_by_outlet(pd.DataFrame(rows), label_columns=[], per_outlet=2)
    for o in ("Big", "A", "B", "C", "D"):
        assert f"</span>{o}<span" in html, o
    assert html.count("<li>") == 2 + 4
    assert "&lt;b&gt;went&lt;/b&gt;" in html and "<mark>conflict</mark>" in html


def test_one_colour_per_variant_across_events(example):
    page = build_report(analyze(example))
    fills: dict[str, set[str]] = {}
    for color, variant in re.findall(r'fill="(#[0-9A-Fa-f]{6})"><title>([^:<]+):', page):
        fills.setdefault(variant, set()).add(color)
    assert fills and all(len(c) == 1 for c in fills.values()), fills
    assert len({next(iter(c)) for c in fills.values() if next(iter(c)) != "#BBBBBB"}) > 1


# -- a new analysis appears with no report code --------------------------------------------


@pytest.fixture()
def toy_analyzer():
    from framing.analyses import registry
    from framing.analyses.base import Analyzer, make_evidence
    from framing.tables import EVENT, OUTLET, Column, TableSpec, evidence_table

    class TalksAnalyzer(Analyzer):
        """Mentions of talks per outlet."""

        name = "toytalks"
        tables = (
            TableSpec(
                "toytalks",
                "One row per event and outlet.",
                (EVENT, OUTLET, Column("n", "int", "mentions of 'talks'"), Column("q_value", "float", "made-up q")),
                keys=("event", "outlet"),
                evidence="toytalks_evidence",
            ),
            evidence_table("toytalks_evidence", "toytalks", ()),
        )

        def __init__(self) -> None:
            pass

        def _transform(self, corpus):
            hits, rows = [], {}
            for a in corpus.articles:
                i = a.document_text.find("talks")
                while i >= 0:
                    hits.append({"article_id": a.id, "start": i, "end": i + 5})
                    key = (a.event or "all", a.outlet)
                    rows[key] = rows.get(key, 0) + 1
                    i = a.document_text.find("talks", i + 1)
            table = pd.DataFrame([{"event": e, "outlet": o, "n": n, "q_value": 0.01} for (e, o), n in rows.items()])
            return {"toytalks": table, "toytalks_evidence": make_evidence(corpus, pd.DataFrame(hits), [])}

    registry.register_analyzer(TalksAnalyzer, default=False)
    try:
        yield TalksAnalyzer
    finally:
        registry.ANALYZERS.pop("toytalks", None)


def test_a_registered_analyzer_gets_a_generic_section_and_findings(toy_analyzer, example):
    results = analyze(example, analyses=["naming", "toytalks"])
    page = build_report(results)
    assert "Mentions of talks per outlet" in page  # the section title from the analyzer's docstring
    assert "toytalks (" in page and "One row per event and outlet." in page
    top = _findings_part(page)
    assert "toytalks: " in top and "q = 0.01" in top  # generic findings from the declared q column
    ids, links = _ids_and_links(page)
    assert not [h for h in links if h not in ids]
    assert "<mark>talks</mark>" in page


# -- outlet groups --------------------------------------------------------------------------


def test_outlet_groups_from_a_mapping_and_from_a_field(example, tmp_path):
    from framing.groups import GROUP_PROFILES, group_profiles, resolve_groups

    results = analyze(example)
    outlets = sorted(example.outlets)
    mapping = {o: ("first" if i % 2 == 0 else "second") for i, o in enumerate(outlets)}
    prof = group_profiles(results, mapping)
    assert GROUP_PROFILES.check(prof) == []
    assert list(prof["group"]) == ["first", "second"]
    assert prof["n_articles"].sum() == len(example)
    page = build_report(results, outlet_groups=mapping)
    assert 'id="groups"' in page and "second (2 outlets)" in page
    f = tmp_path / "groups.csv"
    pd.DataFrame({"outlet": outlets, "group": ["g"] * len(outlets)}).to_csv(f, index=False)
    assert set(resolve_groups(str(f), example)[0].values()) == {"g"}
    c = load_corpus(
        [
            {"outlet": "A", "text": "Talks went on.", "bias_text": "left"},
            {"outlet": "A", "text": "Talks went on again.", "bias_text": "left"},
            {"outlet": "B", "text": "No talks.", "bias_text": "right"},
        ]
    )
    assert resolve_groups("bias_text", c)[0] == {"A": "left", "B": "right"}
    with pytest.raises(framing.errors.ParameterError, match="neither an article field"):
        resolve_groups("nosuchfield", c)


def test_progress_hook_sees_every_stage(example):
    seen = []
    results = analyze(example, progress=lambda step, done, total: seen.append((step, done, total)))
    build_report(results, progress=lambda step, done, total: seen.append((step, done, total)))
    steps = [s for s, _, _ in seen]
    assert steps[0] == "events" and "analysis naming" in steps and "report: findings" in steps
    assert "report: naming" in steps and steps[-1] == "report: corpus"
    assert all(0 <= d < t for _, d, t in seen)
