"""Distinctive terms: an exact test on articles, phrases, split-half null, and the terms
kept out of the ranking (function words, letters, numbers, boilerplate)."""

import dataclasses

import numpy as np
import pytest
from scipy import stats

from framing import Article, Corpus, DistinctiveTermsAnalyzer, ParameterError, analyze, load_corpus
from framing.analyses.distinctive import FUNCTION_WORDS
from framing.analyses.distinctive_stats import hypergeom_test, presence_log_odds
from framing.stats import log_odds_dirichlet


def _planted(n=40):
    verbs = ["continued", "went on", "was criticised", "expanded"]
    acts = ["met", "talked", "waited"]
    recs = []
    for i in range(n):
        v, w = verbs[i % 4], acts[i % 3]
        recs.append(
            {
                "id": f"a{i}",
                "outlet": "A",
                "event": "e",
                "text": f"Report number {i}. The special military operation {v}. Officials in Kiev {w}. "
                "The weather was cold and the talks went on.",
            }
        )
        recs.append(
            {
                "id": f"b{i}",
                "outlet": "B",
                "event": "e",
                "text": f"Report number {i}. The full-scale invasion {v}. Officials in Kyiv {w}. "
                "The weather was cold and the talks went on.",
            }
        )
    return load_corpus(recs)


@pytest.fixture(scope="module")
def planted():
    return DistinctiveTermsAnalyzer().fit_transform(_planted())


def test_planted_terms_top_and_significant(planted):
    d = planted["distinctive"]
    a = d[(d["event"] == "e") & (d["outlet"] == "A")]
    b = d[(d["event"] == "e") & (d["outlet"] == "B")]
    assert {"special military operation", "kiev"} <= set(a["term"].head(6))
    assert {"full-scale invasion", "kyiv"} <= set(b["term"].head(6))
    assert "special military operation" in set(a["term"]) and (a["ngram"] == 3).any()
    # a bigram always inside the kept trigram is not repeated
    assert "special military" not in set(a["term"]) and "military operation" not in set(a["term"])
    top = a.iloc[0]
    assert top["q"] < 0.05 and top["beyond_null"] and top["z"] > top["null_z95"]
    # shared words are not distinctive for either side (and are not dropped as stopwords)
    assert not ({"officials", "talks", "the", "weather"} & set(a["term"].head(4)))
    assert list(d.columns[:6]) == ["event", "outlet", "term", "count", "z", "q"]


def test_counts(planted):
    d = planted["distinctive"]
    row = d[(d["event"] == "e") & (d["outlet"] == "A") & (d["term"] == "kiev")].iloc[0]
    assert row["count"] == 40 and row["count_other"] == 0 and row["delta"] > 0
    assert row["p_value"] < 0.05


def test_split_half_null_and_evidence(planted):
    null = planted["distinctive_null"]
    assert set(null["null_unit"]) == {"articles"}  # 40 articles per outlet >= null_min_articles
    assert (null["null_z95"] <= null["null_z99"]).all()
    ev = planted["distinctive_evidence"]
    kiev = ev[(ev["event"] == "e") & (ev["term"] == "kiev")]
    assert len(kiev) == 3 and (kiev["outlet"] == "A").all()
    assert all("Kiev" in s for s in kiev["sentence"])
    smo = ev[(ev["event"] == "all") & (ev["term"] == "special military operation")]
    assert len(smo) == 3 and (smo["match"] == "special military operation").all()


def test_top_k_and_small_counts():
    d = DistinctiveTermsAnalyzer(top_k=3).fit_transform(_planted(2))["distinctive"]
    assert d.groupby(["event", "outlet"]).size().max() <= 3
    assert d["too_little_data"].all()  # counts of 2 < MIN_COUNT


def test_seeds_read_sensibly(seeds_events):
    d = DistinctiveTermsAnalyzer(top_k=40).fit_transform(seeds_events)["distinctive"]
    voz = d[(d["event"] == "R2") & (d["outlet"] == "Voz.us")]["term"].tolist()
    assert "kiev" in voz
    r1 = d[(d["event"] == "R1") & (d["outlet"] == "002_e80a8cb6eb26e670")]["term"].tolist()
    assert "zelenskyy" in r1
    assert set(d["event"]) == {"R1", "R2", "all"}


def test_single_outlet_event_and_parameters():
    c = load_corpus([{"id": "1", "outlet": "A", "event": "e", "text": "Only one outlet here."}])
    out = DistinctiveTermsAnalyzer().fit_transform(c)
    assert len(out["distinctive"]) == 0
    with pytest.raises(ParameterError, match="max_n"):
        DistinctiveTermsAnalyzer(max_n=4).fit(c)
    with pytest.raises(ParameterError, match="prior_scale"):
        DistinctiveTermsAnalyzer(prior_scale=0).fit(c)


def test_log_odds_symmetry():
    ya = np.array([10.0, 0, 5])
    yb = np.array([0.0, 10, 5])
    prior = np.array([1.0, 1, 1])
    _, z1 = log_odds_dirichlet(ya, yb, prior)
    _, z2 = log_odds_dirichlet(yb, ya, prior)
    assert np.allclose(z1, -z2) and z1[0] > 0 and abs(z1[2]) < 1e-9


def test_basil_house_styles(basil):
    """On BASIL's triplets the corpus-wide distinctive terms are the outlets' house styles."""
    d = DistinctiveTermsAnalyzer().fit_transform(basil)["distinctive"]
    top = {
        o: g.sort_values("z", ascending=False)["term"].head(10).tolist()
        for o, g in d[d.event == "all"].groupby("outlet")
    }
    assert set(top) == {"fox", "hpo", "nyt"}
    assert top["nyt"][0] == "mr" and "mr trump" in top["nyt"]  # the Times' courtesy titles
    assert "fox news" in top["fox"][:3]
    assert "huffpost" in top["hpo"][:5] and "president donald trump" in top["hpo"][:3]
    nyt_mr = d[(d.event == "all") & (d.outlet == "nyt") & (d.term == "mr")].iloc[0]
    assert nyt_mr["beyond_null"] and nyt_mr["z"] > 10
    # inside one triplet (one article per outlet) almost nothing passes the split-half null
    per_event = d[d.event != "all"]
    assert per_event["beyond_null"].mean() < 0.01


# -- the statistic -----------------------------------------------------------------------
def test_hypergeom_test_matches_scipy():
    rng = np.random.default_rng(7)
    N = rng.integers(2, 400, 3000)
    n = rng.integers(1, N + 1)
    K = rng.integers(0, N + 1)
    lo, hi = np.maximum(0, n + K - N), np.minimum(n, K)
    y = lo + (rng.random(3000) * (hi - lo + 1)).astype(int).clip(0, hi - lo)
    z, p = hypergeom_test(y, n, K, N)
    exact = np.minimum(1, 2 * np.minimum(stats.hypergeom.sf(y - 1, N, K, n), stats.hypergeom.cdf(y, N, K, n)))
    # the same or a little larger (the tail's remainder is bounded, never dropped)
    assert np.all(p >= exact * (1 - 1e-9)) and np.allclose(p, exact, rtol=1e-4, atol=1e-12)
    assert np.allclose(p, np.minimum(1, 2 * stats.norm.sf(np.abs(z))), rtol=1e-6, atol=1e-12)
    assert np.all(np.sign(z[z != 0]) == np.sign((y - n * K / N)[z != 0]))


def test_presence_log_odds_is_antisymmetric():
    d1 = presence_log_odds(8, 10, 10, 20)
    d2 = presence_log_odds(2, 10, 10, 20)
    assert d1 > 0 and np.isclose(d1, -d2)


def _bursty(seed, n_outlets=6, per_outlet=30, events=3):
    """Outlets that write alike: each article draws words from one shared distribution,
    but repeats its own topic words many times (burstiness), as news does."""
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(600)]
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    recs = []
    for e in range(events):
        for o in range(n_outlets):
            for k in range(per_outlet):
                words = list(rng.choice(vocab, size=rng.integers(40, 200), p=weights))
                topic = list(rng.choice(vocab[100:], size=3))
                words += topic * int(rng.integers(1, 15))
                rng.shuffle(words)
                text = ". ".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12)) + "."
                recs.append({"id": f"{e}-{o}-{k}", "outlet": f"O{o}", "event": f"e{e}", "text": text})
    return load_corpus(recs)


def test_alike_outlets_pass_rarely():
    """Outlets drawn from one distribution (bursty articles): at most 5 % of the listed
    terms pass q < 0.05, none corpus-wide by more than chance."""
    d = DistinctiveTermsAnalyzer(min_phrase_count=1000).fit_transform(_bursty(1))["distinctive"]
    assert len(d) > 100
    assert (d["q"] < 0.05).mean() <= 0.05
    assert (d["beyond_null"]).mean() <= 0.05


def test_a_word_used_once_is_not_significant():
    recs = [
        {"id": str(i), "outlet": "AB"[i % 2], "event": "e", "text": "Officials met today and talked again."}
        for i in range(40)
    ]
    recs[0]["text"] += " A zeppelin flew over."
    d = DistinctiveTermsAnalyzer().fit_transform(load_corpus(recs))["distinctive"]
    row = d[(d["term"] == "zeppelin") & (d["event"] == "e")]
    assert len(row) == 1 and row["q"].iloc[0] > 0.5 and row["z"].iloc[0] < 1.5


# -- what stays out of the ranking --------------------------------------------------------
def _styled(n=12):
    """Outlet A writes "U.S.", more "the" and a newsletter footer on every story; B does not;
    A's real difference is "regime" where B writes "government"."""
    recs = []
    for e in range(3):
        for k in range(n):
            recs.append(
                {
                    "id": f"a{e}{k}",
                    "outlet": "A",
                    "event": f"e{e}",
                    "text": f"The U.S. said the the the regime in the capital met on day {k} of story {e}. "
                    "The talks went on. Sign up for our daily newsletter for the latest news.",
                }
            )
            recs.append(
                {
                    "id": f"b{e}{k}",
                    "outlet": "B",
                    "event": f"e{e}",
                    "text": f"Washington said a government in a capital met on day {k} of story {e}. Talks went on.",
                }
            )
    return load_corpus(recs)


def test_hypergeom_test_of_repeated_counts_is_the_test_of_each():
    """Many entries with the same four counts are tested once each (small events, rare
    terms): the answer is bit for bit the one of testing every entry alone."""
    rng = np.random.default_rng(3)
    for big in (12, 3000):  # small events, then large ones
        N = rng.integers(2, big, 400)
        n = rng.integers(1, N + 1)
        K = rng.integers(0, N + 1)
        lo, hi = np.maximum(0, n + K - N), np.minimum(n, K)
        y = lo + (rng.random(400) * (hi - lo + 1)).astype(int).clip(0, hi - lo)
        pick = rng.integers(0, 400, 20000)  # each row many times, in any order
        z, p = hypergeom_test(y[pick], n[pick], K[pick], N[pick])
        one = [hypergeom_test(y[i : i + 1], n[i : i + 1], K[i : i + 1], N[i : i + 1]) for i in range(400)]
        z1 = np.array([a[0][0] for a in one])[pick]
        p1 = np.array([a[1][0] for a in one])[pick]
        assert np.array_equal(z, z1) and np.array_equal(p, p1)


def test_excluded_terms_from_words_as_from_labels(seeds_events):
    """Why a term is kept out of the ranking reads the same from its words' ids as from its label."""
    from framing.analyses.distinctive_exclude import excluded_terms
    from framing.analyses.distinctive_features import _Features

    c = Corpus(
        [
            *seeds_events.articles,
            Article(id="x", outlet="X", title="", text="The U.S. and the G.O.P. met in D.C. on 2 May 2024."),
        ]
    )
    F = _Features(c, max_n=3, min_phrase_count=1)
    fast, slow = excluded_terms(F.labels, F.ngram, F.words), excluded_terms(F.labels, F.ngram)
    assert list(fast) == list(slow)
    assert {"letter", "number", "function word"} <= set(fast)
    assert (fast[F.ngram >= 2] == "letter").any()


def test_function_words_letters_and_boilerplate_listed_apart():
    out = DistinctiveTermsAnalyzer().fit_transform(_styled())
    d, x = out["distinctive"], out["distinctive_excluded"]
    a = d[(d["event"] == "e0") & (d["outlet"] == "A")]
    assert a["term"].iloc[0] == "regime" and a["q"].iloc[0] < 0.05
    ranked = set(d["term"])
    assert not ranked & (FUNCTION_WORDS | {"u", "s", "u s"})
    assert not {"daily newsletter", "newsletter", "latest news"} & ranked
    why = dict(zip(x["term"], x["excluded"]))
    assert why["the"] == "function word" and why["u"] == "letter"
    assert why["daily newsletter"] == "boilerplate" and why["newsletter"] == "boilerplate"
    assert list(x.columns) == [*d.columns, "excluded"]
    # everything is ranked when asked
    every = DistinctiveTermsAnalyzer(exclude=False).fit_transform(_styled())
    assert "the" in set(every["distinctive"]["term"]) and len(every["distinctive_excluded"]) == 0


def test_consistent_wording_of_one_event_is_not_boilerplate(planted):
    """Every article of A on the one event says "special military operation": that is
    word choice (one story), not boilerplate (which recurs across stories)."""
    x = planted["distinctive_excluded"]
    assert not (x["excluded"] == "boilerplate").any()


# -- robustness ---------------------------------------------------------------------------
def test_articles_without_words():
    """An article with no word (last, first or in the middle) is no error (issue 15)."""
    analyze(load_corpus([{"text": "Officials said yes."}, {"text": ":"}]))
    arts = [
        Article(id="x", outlet="A", title="", text=":", event="e"),
        Article(id="a", outlet="A", title="", text="Officials said yes. The regime met.", event="e"),
        Article(id="y", outlet="B", title="", text="", event="e"),
        Article(id="b", outlet="B", title="", text="Officials said no. The government met.", event="e"),
        Article(id="z", outlet="B", title="", text="!!", event="e"),
    ]
    out = DistinctiveTermsAnalyzer(min_phrase_count=1).fit_transform(Corpus(arts))
    assert set(out["distinctive"]["term"]) >= {"regime", "government"}


def test_outlet_labels_do_not_matter_under_permutation():
    """The example corpus with its outlet labels shuffled within each event."""
    from framing import load_example

    c = load_example()
    rng = np.random.default_rng(3)
    arts = list(c.articles)
    ev = np.array([a.event for a in arts], dtype=object)
    out = np.array([a.outlet for a in arts], dtype=object)
    for e in set(ev.tolist()):
        idx = np.flatnonzero(ev == e)
        out[idx] = out[rng.permutation(idx)]
    shuffled = Corpus([dataclasses.replace(a, outlet=o) for a, o in zip(arts, out)])
    d = DistinctiveTermsAnalyzer().fit_transform(shuffled)["distinctive"]
    assert (d["q"] < 0.05).mean() <= 0.05


@pytest.fixture(scope="module")
def allsides(datasets_dir):
    path = datasets_dir / "allsides_article_bias" / "articles_subset.jsonl"
    if not path.exists():
        pytest.skip("../shared/datasets/allsides_article_bias is not available")
    return load_corpus(path, text="content_original", outlet="source", event="topic", id="ID")


def test_allsides_permuted_and_real(allsides):
    """AllSides with topics as events: with the outlet labels permuted within each topic,
    at most 5 % of the listed terms pass q < 0.05; on the real labels the top terms of
    large outlets are content (no function word, letter or number) and "the" is nowhere."""
    rng = np.random.default_rng(0)
    arts = list(allsides.articles)
    ev = np.array([a.event for a in arts], dtype=object)
    out = np.array([a.outlet for a in arts], dtype=object)
    for e in set(ev.tolist()):
        idx = np.flatnonzero(ev == e)
        out[idx] = out[rng.permutation(idx)]
    shuffled = Corpus([dataclasses.replace(a, outlet=o) for a, o in zip(arts, out)])
    perm = DistinctiveTermsAnalyzer().fit_transform(shuffled)["distinctive"]
    assert (perm["q"] < 0.05).mean() <= 0.05
    real = DistinctiveTermsAnalyzer().fit_transform(allsides)["distinctive"]
    assert "the" not in set(real["term"])
    top = real[real["event"] == "all"].groupby("outlet").head(10)
    for term in top["term"]:
        words = term.split(" ")
        assert not (len(words) == 1 and (term in FUNCTION_WORDS or not any(ch.isalpha() for ch in term)))
        assert not any(len(w) == 1 and w not in ("a", "i") for w in words)
    nyt = real[(real["event"] == "all") & (real["outlet"] == "New York Times - News")]["term"].head(5).tolist()
    assert "mr" in nyt  # the Times' courtesy titles
    assert (real["q"] < 0.05).mean() < 0.5
