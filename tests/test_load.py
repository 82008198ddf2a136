import json

import pandas as pd
import pytest

from framing import Article, Corpus, InputError, ParameterError, load_corpus

# -- seeds -----------------------------------------------------------------------------


def test_seeds_load_as_five_articles(seeds):
    assert len(seeds) == 5
    assert [s.reason for s in seeds.skipped] == ["not an article"]  # README.md
    assert seeds.skipped[0].source.endswith("README.md")


def test_seeds_titles_and_quirks(seeds):
    t = {a.id[:3]: a for a in seeds}
    assert t["000"].title == "Russia and Ukraine conclude their first summit without major progress."
    assert t["001"].title.startswith("Russia and Ukraine Finalize Prisoner Exchange")
    # 002 starts with a byline, not a title: it is kept as metadata, the title is guessed
    assert t["002"].meta["byline"] == "By Samson Shen"
    assert "title" in t["002"].guessed and t["002"].title.startswith("On May 16th")
    assert not t["002"].text.startswith("By Samson")
    # 003 starts with a blank line and has no title line
    assert "title" in t["003"].guessed and t["003"].title.startswith("Delegations from Russia")
    # 004: the outlet line is recognised, the title is on line 3
    assert t["004"].outlet == "Voz.us"
    assert t["004"].title == "Russia and Ukraine conclude second summit in Istanbul with new prisoner exchange"
    assert t["004"].meta["outlet_line"] == "Voz media US Voz.us"
    # no metadata: each file is its own outlet, marked as guessed
    assert all("outlet" in a.guessed for a in seeds)
    assert len(seeds.outlets) == 5


# -- folders -----------------------------------------------------------------------------


def test_folder_per_outlet_front_matter_and_sidecar(tmp_path):
    (tmp_path / "Daily Post").mkdir()
    (tmp_path / "Daily Post" / "a.txt").write_text("Title A\n\nKyiv said no. Talks ended.", encoding="utf-8")
    (tmp_path / "Evening Star").mkdir()
    (tmp_path / "Evening Star" / "b.md").write_text(
        '---\ntitle: "Front matter title"\ndate: 2025-05-16\noutlet: Star Online\n---\nKiev said yes.',
        encoding="utf-8",
    )
    c = load_corpus(tmp_path)
    a, b = c["Daily Post/a"], c["Evening Star/b"]
    assert (a.outlet, a.title, a.text) == ("Daily Post", "Title A", "Kyiv said no. Talks ended.")
    assert (b.outlet, b.title, str(b.date)) == ("Star Online", "Front matter title", "2025-05-16")
    assert b.guessed == ()


def test_sidecar_metadata_csv(tmp_path):
    (tmp_path / "one.txt").write_text("Headline\n\nBody one.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Headline two\n\nBody two.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet,date,title\none.txt,Alpha,2025-01-02,Given\n", encoding="utf-8")
    c = load_corpus(tmp_path)
    assert len(c) == 2 and not c.skipped  # the sidecar is not an input
    assert (c["one"].outlet, c["one"].title, str(c["one"].date)) == ("Alpha", "Given", "2025-01-02")
    assert c["two"].outlet == "two" and "outlet" in c["two"].guessed


@pytest.mark.parametrize(
    "payload, encoding",
    [
        ("Title\n\nKyïv – “talks” café".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "Title\n\nKyïv – “talks” café".encode(), "utf-8-sig"),
        ("Title\n\nKyïv – “talks” café".encode("cp1252"), "cp1252"),
        ("Title\n\nKyïv café".encode("latin-1"), "latin-1"),
    ],
)
def test_encodings_detected(tmp_path, payload, encoding):
    (tmp_path / "a.txt").write_bytes(payload)
    c = load_corpus(tmp_path)
    assert c["a"].title == "Title"
    assert c["a"].text.startswith("Kyïv")
    assert c["a"].text.endswith("café")


def test_every_input_accounted_for(tmp_path):
    (tmp_path / "ok.txt").write_text("Title\n\nSome text.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "dup.txt").write_text("Title\n\nSome text.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "LICENSE").write_text("MIT", encoding="utf-8")
    c = load_corpus(tmp_path)
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in c.skipped}
    assert [a.id for a in c] == ["dup"] or [a.id for a in c] == ["ok"]
    assert reasons["empty.txt"] == "empty text"
    assert reasons["image.png"] == "unsupported file"
    assert reasons["LICENSE"] == "unsupported file"
    assert "duplicate text" in reasons.values()
    assert len(c) + len(c.skipped) == 5


def test_strict_mode_raises_with_location(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.txt.*empty text"):
        load_corpus(tmp_path, strict=True)


# -- tables and records -------------------------------------------------------------------


def test_jsonl_with_bad_lines(tmp_path):
    p = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "x1", "body": "Kyiv said no.", "publisher": "A", "published": "2025-05-16"}),
        "{not json",
        json.dumps({"id": "x2", "body": "", "publisher": "B"}),
        json.dumps({"id": "x1", "body": "Other text.", "publisher": "C"}),
        json.dumps([1, 2]),
        json.dumps({"id": "x3", "body": "Kiev said yes.", "publisher": "B", "published": "not a date"}),
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    c = load_corpus(p)
    assert [a.id for a in c] == ["x1", "x3"]
    assert c["x1"].outlet == "A" and str(c["x1"].date) == "2025-05-16"
    assert c["x3"].date is None and c["x3"].meta["date_unparsed"] == "not a date"
    got = sorted((s.line, s.reason) for s in c.skipped)
    assert got == [(2, "bad record"), (3, "empty text"), (4, "duplicate id"), (5, "bad record")]
    with pytest.raises(InputError, match=r"a\.jsonl, line 2"):
        load_corpus(p, strict=True)


def test_csv_tsv_json_with_column_mapping(tmp_path):
    df = pd.DataFrame(
        {"story": ["Kyiv said no.", "Kiev said yes."], "paper": ["A", "B"], "when": ["2025-01-01", "2025-01-02"]}
    )
    df.to_csv(tmp_path / "a.csv", index=False)
    df.to_csv(tmp_path / "a.tsv", index=False, sep="\t")
    (tmp_path / "a.json").write_text(df.to_json(orient="records"), encoding="utf-8")
    for name in ("a.csv", "a.tsv", "a.json"):
        c = load_corpus(tmp_path / name, text="story", outlet="paper", date="when")
        assert [a.outlet for a in c] == ["A", "B"], name
        assert str(c[1].date) == "2025-01-02"


def test_unknown_column_names_the_columns(tmp_path):
    pd.DataFrame({"body": ["x"]}).to_csv(tmp_path / "a.csv", index=False)
    with pytest.raises(InputError, match=r"'headline'.*Available columns: 'body'"):
        load_corpus(tmp_path / "a.csv", title="headline")


def test_no_text_column(tmp_path):
    with pytest.raises(InputError, match="no text column"):
        load_corpus(pd.DataFrame({"foo": ["x"]}))


def test_dataframe_and_records_and_articles():
    df = pd.DataFrame({"text": ["Kyiv said no.", "Kiev said yes."], "outlet": ["A", "B"]})
    assert len(load_corpus(df)) == 2
    assert len(load_corpus(df.to_dict(orient="records"))) == 2
    arts = [Article(id="a", outlet="A", title="t", text="x y")]
    assert load_corpus(arts)["a"].text == "x y"


def test_single_string_is_refused_with_advice():
    with pytest.raises(ParameterError, match="looks like text"):
        load_corpus("Kyiv said no to the proposal on Monday, officials said.")
    with pytest.raises(ParameterError, match="single string"):
        Corpus("Kyiv said no.")


def test_missing_path():
    with pytest.raises(InputError, match="no such file"):
        load_corpus("/nonexistent/folder")


# -- HTML -------------------------------------------------------------------------------

HTML_PAGE = """<html><head><title>Talks end &lt;b&gt;</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-05-16"></head>
<body><nav>Home | World</nav><article><h1>Talks end without a ceasefire</h1>
<p>Russian and Ukrainian delegations met in Istanbul on Friday for their first direct talks in three years.</p>
<p>The meeting lasted less than two hours and ended with an agreement to exchange 1,000 prisoners from each side.</p>
<p>Kyiv said Moscow had made demands that were unacceptable, according to a Ukrainian official.</p>
</article><footer>Copyright</footer></body></html>"""


def test_html_page(tmp_path):
    pytest.importorskip("trafilatura")
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    c = load_corpus(tmp_path)
    a = c["page"]
    assert "1,000 prisoners from each side" in a.text
    assert "Copyright" not in a.text and "Home | World" not in a.text
    assert a.outlet == "Example News"
    assert str(a.date) == "2025-05-16"
    assert [s.reason for s in c.skipped] == ["not an article"]


# -- hostile input (issue 15): one bad input never sinks the rest -----------------------------


def _reasons(c):
    return {(s.source.rsplit("/", 1)[-1], s.line): s.reason for s in c.skipped}


def test_bad_files_in_a_folder_are_skipped_and_the_rest_loads(tmp_path):
    (tmp_path / "good.txt").write_text("Title\n\nKyiv said no. Talks ended.", encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    (tmp_path / "invalid.json").write_text('{"text": "Kyiv', encoding="utf-8")
    (tmp_path / "nocolumn.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text(
        json.dumps({"text": "Kiev said yes."}) + "\n" + "[" * 5000 + "]" * 5000, encoding="utf-8"
    )
    c = load_corpus(tmp_path)
    assert sorted(a.id for a in c) == ["good", "rows-1"]
    r = _reasons(c)
    assert r[("deep.json", None)] == "bad file"
    assert r[("invalid.json", 1)] == "bad file"
    assert r[("nocolumn.csv", None)] == "bad file"
    assert r[("rows.jsonl", 2)] == "bad record"
    detail = {s.source.rsplit("/", 1)[-1]: s.detail for s in c.skipped}
    assert "nested too deeply" in detail["deep.json"]
    assert "no text column" in detail["nocolumn.csv"]
    with pytest.raises(InputError, match=r"deep\.json.*nested too deeply"):
        load_corpus(tmp_path, strict=True)
    with pytest.raises(InputError, match="nested too deeply"):  # one file on its own: an error, not a crash
        load_corpus(tmp_path / "deep.json")


def test_ragged_csv_keeps_good_rows_and_names_the_bad_lines(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text(
        "text,outlet\n"  # line 1
        "Kyiv said no.,A\n"  # 2
        "too,many,fields\n"  # 3
        '"A quoted cell\nover two lines.",B\n'  # 4-5
        "\n"  # 6
        "short\n"  # 7
        "Kiev said yes.,C\n",  # 8
        encoding="utf-8",
    )
    c = load_corpus(p)
    assert [(a.outlet, a.id) for a in c] == [("A", "a-2"), ("B", "a-4"), ("C", "a-8")]
    assert sorted((s.line, s.reason) for s in c.skipped) == [(3, "bad record"), (7, "bad record")]
    assert "3 fields where the header has 2" in c.skipped[0].detail
    with pytest.raises(InputError, match=r"a\.csv, line 3"):
        load_corpus(p, strict=True)


def test_csv_cells_of_any_size(tmp_path):
    big = "Kyiv said no. " * 20_000  # 280,000 characters, over the csv module's default cell limit
    pd.DataFrame({"text": [big, "Kiev said yes."]}).to_csv(tmp_path / "a.csv", index=False)
    assert len(load_corpus(tmp_path / "a.csv")) == 2


@pytest.mark.parametrize("value", [-1, "-1", "/1", "12:00", "0.5", "16 May", "x" * 10_000, True])
def test_values_that_are_no_dates_are_kept_as_metadata(value):
    c = load_corpus([{"text": "Officials said the talks were useful.", "date": value}])
    assert c[0].date is None
    assert c[0].meta["date_unparsed"] == value
    with pytest.raises(InputError, match="date"):
        load_corpus([{"text": "Officials said the talks were useful.", "date": value}], strict=True)


@pytest.mark.parametrize("value", ["NaT", "nan", "NaN", "null", "None", float("nan"), pd.NaT, None, ""])
def test_missing_dates_are_none(value):
    c = load_corpus([{"text": "Officials said the talks were useful.", "date": value}])
    assert c[0].date is None and "date_unparsed" not in c[0].meta


def test_dates_that_are_dates():
    got = [
        load_corpus([{"text": "Kyiv said no.", "date": d}])[0].date
        for d in ("2025-05-16", "16/05/25", "20250516", "May 16, 2025", pd.Timestamp("2025-05-16"))
    ]
    assert {str(d) for d in got} == {"2025-05-16"}


def test_front_matter_time_without_date_is_no_date(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 12:00\n---\nKyiv said no.", encoding="utf-8")
    a = load_corpus(tmp_path)["a"]
    assert a.date is None and a.meta["date_unparsed"] == "12:00"


def test_bad_paths_are_input_errors():
    with pytest.raises(InputError, match="too long"):
        load_corpus("0" * 256)
    with pytest.raises(InputError, match="path is empty"):
        load_corpus("")
    with pytest.raises(InputError, match="path is empty"):
        load_corpus("   ")


# -- nothing invented ----------------------------------------------------------------------------


def test_binary_files_are_not_articles(tmp_path):
    import random

    rng = random.Random(1)
    (tmp_path / "noise.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (tmp_path / "zeros.txt").write_bytes(bytes(1000))
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "ok.txt").write_text("Title\n\nKyiv said no.", encoding="utf-8")
    c = load_corpus(tmp_path)
    assert [a.id for a in c] == ["ok"]
    assert {s.source.rsplit("/", 1)[-1]: s.reason for s in c.skipped} == {
        "noise.txt": "not an article",
        "zeros.txt": "not an article",
        "image.txt": "not an article",
    }
    assert any("PNG" in s.detail for s in c.skipped)


def test_binary_text_in_a_record_is_not_an_article():
    junk = "".join(chr(i % 32) for i in range(1000)) + "a few words"
    c = load_corpus([{"text": junk}, {"text": "Kyiv said no."}])
    assert len(c) == 1 and c.skipped[0].reason == "not an article"


def test_text_with_no_letter_is_skipped():
    c = load_corpus([{"text": "Officials said yes."}, {"text": ":"}, {"text": "12 - 34 !!"}])
    assert len(c) == 1
    assert [s.reason for s in c.skipped] == ["no words", "no words"]


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_bom(tmp_path, enc):
    (tmp_path / "a.txt").write_bytes("Title\n\nKyïv said no to the talks.".encode(enc))
    assert load_corpus(tmp_path)["a"].text == "Kyïv said no to the talks."


def test_invisible_and_control_characters_are_removed_at_load():
    c = load_corpus(
        [
            {
                "text": "Ky\u200biv said\x00 no to Ky\u00adiv\u2060 talks.\x0cNew line.",
                "outlet": "Daily\u200b\x00 Post\n",
                "title": "A\x07 title",
            }
        ]
    )
    a = c[0]
    assert a.text == "Kyiv said no to Kyiv talks.\nNew line."
    assert (a.outlet, a.title) == ("Daily Post", "A title")
    assert c.documents()[0].tokens.count("kyiv") == 2


def test_lone_surrogates_from_json_are_removed(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "Kyiv \\ud800said no.", "outlet": "A\\udfff"}\n', encoding="utf-8")
    a = load_corpus(tmp_path / "a.jsonl")[0]
    assert (a.text, a.outlet) == ("Kyiv said no.", "A")
    a.text.encode("utf-8")  # writable


def test_links_out_of_the_folder_are_not_followed(tmp_path):
    import os

    inside, outside = tmp_path / "in", tmp_path / "out"
    inside.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\nThe outside text.", encoding="utf-8")
    (inside / "ok.txt").write_text("Title\n\nKyiv said no.", encoding="utf-8")
    os.symlink(outside / "secret.txt", inside / "link.txt")
    os.symlink(outside, inside / "linkdir")
    os.symlink(inside / "loop.txt", inside / "loop.txt")
    os.symlink(inside, inside / "up")
    os.symlink(inside / "gone.txt", inside / "broken.txt")
    os.mkfifo(inside / "pipe.txt")
    c = load_corpus(inside)
    assert [a.id for a in c] == ["ok"]
    assert {s.source.rsplit("/", 1)[-1]: s.reason for s in c.skipped} == {
        "link.txt": "link outside the folder",
        "linkdir": "link outside the folder",
        "loop.txt": "link loop",
        "up": "link loop",
        "broken.txt": "unreadable",
        "pipe.txt": "unsupported file",
    }
    c2 = load_corpus(inside, follow_links=True)
    assert sorted(a.id for a in c2) == ["link", "linkdir/secret", "ok"] or sorted(a.id for a in c2) == [
        "link",
        "ok",
    ]  # the folder's copy of the same text is a duplicate
    assert "The outside text." in {a.text for a in c2}


def test_articles_built_by_hand_with_wrong_types(tmp_path):
    import os

    c = load_corpus(
        [
            Article(id="a", outlet=None, title=None, text="Kyiv said no."),
            Article(id="b", outlet="X", title="t", text=None),
        ]
    )
    assert [(a.id, a.outlet, a.title) for a in c] == [("a", "unknown", "")]
    assert [(s.reason, s.detail) for s in c.skipped] == [("bad record", "the text is None, not a string")]
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="not a regular file"):  # never opened: reading would wait forever
        load_corpus(tmp_path / "pipe.txt")


def test_an_html_page_the_parser_cannot_read_is_skipped(tmp_path):
    pytest.importorskip("trafilatura")
    (tmp_path / "ok.txt").write_text("Title\n\nKyiv said no.", encoding="utf-8")
    (tmp_path / "deep.html").write_text("<div>" * 100_000 + "Kyiv said no." + "</div>" * 100_000, encoding="utf-8")
    c = load_corpus(tmp_path)
    assert "ok" in c and len(c) + len(c.skipped) == 2


def test_skipped_rows_hold_clean_short_fields():
    c = load_corpus(
        [
            {"text": "", "title": "\ud800A\x00 title" + "y" * 5000, "outlet": "Daily\u200b Post"},
            {"text": "Kyiv said no."},
        ]
    )
    s = c.skipped[0]
    assert s.outlet == "Daily Post" and s.title.startswith("A title") and len(s.title) <= 301


def test_a_bad_sidecar_in_the_folder_is_one_skipped_row(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nKyiv said no.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text("[" * 5000, encoding="utf-8")
    c = load_corpus(tmp_path)
    assert [a.id for a in c] == ["a"]
    assert [(s.source.rsplit("/", 1)[-1], s.reason) for s in c.skipped] == [("metadata.json", "bad file")]
