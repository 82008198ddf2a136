"""Distinctive terms: log-odds with an informative Dirichlet prior, phrases, split-half null."""

import numpy as np
import pytest

from framing import DistinctiveTermsAnalyzer, ParameterError, load_corpus
from framing.stats import log_odds_dirichlet


def _planted(n=40):
    verbs = ["continued", "went on", "was criticised", "expanded"]
    acts = ["met", "talked", "waited"]
    recs = []
    for i in range(n):
        v, w = verbs[i % 4], acts[i % 3]
        recs.append({"id": f"a{i}", "outlet": "A", "event": "e",
                     "text": f"Report number {i}. The special military operation {v}. Officials in Kiev {w}. "
                             "The weather was cold and the talks went on."})
        recs.append({"id": f"b{i}", "outlet": "B", "event": "e",
                     "text": f"Report number {i}. The full-scale invasion {v}. Officials in Kyiv {w}. "
                             "The weather was cold and the talks went on."})
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
    ya = np.array([10.0, 0, 5]); yb = np.array([0.0, 10, 5]); prior = np.array([1.0, 1, 1])
    d1, z1 = log_odds_dirichlet(ya, yb, prior)
    d2, z2 = log_odds_dirichlet(yb, ya, prior)
    assert np.allclose(z1, -z2) and z1[0] > 0 and abs(z1[2]) < 1e-9


def test_basil_house_styles(basil):
    """On BASIL's triplets the corpus-wide distinctive terms are the outlets' house styles."""
    d = DistinctiveTermsAnalyzer().fit_transform(basil)["distinctive"]
    top = {o: g.sort_values("z", ascending=False)["term"].head(10).tolist()
           for o, g in d[d.event == "all"].groupby("outlet")}
    assert set(top) == {"fox", "hpo", "nyt"}
    assert top["nyt"][0] == "mr" and "mr trump" in top["nyt"]  # the Times' courtesy titles
    assert "fox news" in top["fox"][:3]
    assert "huffpost" in top["hpo"][:5] and "president donald trump" in top["hpo"][:3]
    nyt_mr = d[(d.event == "all") & (d.outlet == "nyt") & (d.term == "mr")].iloc[0]
    assert nyt_mr["beyond_null"] and nyt_mr["z"] > 10
    # inside one triplet (one article per outlet) almost nothing passes the split-half null
    per_event = d[d.event != "all"]
    assert per_event["beyond_null"].mean() < 0.01
