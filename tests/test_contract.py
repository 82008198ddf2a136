"""One contract test over every analyzer (the scikit-learn way)."""

import inspect

import pandas as pd
import pytest

from framing import ANALYZERS, Corpus, NotFittedError, ParameterError, load_corpus
from framing.analyses.base import ALL_EVENTS

TINY = load_corpus([
    {"id": "a1", "outlet": "A", "event": "e1", "title": "Talks in Kyiv end",
     "text": 'Kyiv said the talks failed. "We will not give up," said Zelenskyy. The regime claimed victory. '
             "About 1,000 prisoners were exchanged."},
    {"id": "b1", "outlet": "B", "event": "e1", "title": "Talks in Kiev end",
     "text": 'Kiev confessed the talks failed. "The operation continues," Medinsky said. '
             "Officials said 2,000 prisoners were exchanged."},
    {"id": "a2", "outlet": "A", "event": "e2", "title": "Vote on border bill",
     "text": "Senators voted 52-48 on the bill about undocumented immigrants. Critics slammed it."},
    {"id": "b2", "outlet": "B", "event": "e2", "title": "Border bill passes",
     "text": "The Senate passed the bill on illegal aliens by 52 to 48. Supporters said it was brutal but needed."},
])


@pytest.mark.parametrize("name", list(ANALYZERS))
def test_analyzer_contract(name):
    cls = ANALYZERS[name]
    assert cls.name == name
    # constructor: keyword-only parameters, stored unchanged
    sig = inspect.signature(cls.__init__)
    assert all(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for n, p in sig.parameters.items() if n != "self")
    est = cls()
    assert est.get_params() == {k: getattr(est, k) for k in est.get_params()}
    assert repr(est).startswith(cls.__name__)
    # not fitted
    with pytest.raises(NotFittedError, match=cls.__name__):
        est.transform(TINY)
    # wrong input
    with pytest.raises(ParameterError, match="single string"):
        cls().fit("Kyiv said no.")
    out = cls().fit_transform(TINY)
    assert set(cls.tables) <= set(out)
    for table_name, df in out.items():
        assert isinstance(df, pd.DataFrame), table_name
        if "event" in df.columns and len(df):
            assert set(df["event"]) <= {"e1", "e2", ALL_EVENTS}, table_name
            assert df.columns[0] == "event", table_name
    # the corpus is not changed in place, and the result is reproducible
    again = cls().fit_transform(TINY)
    for t in out:
        pd.testing.assert_frame_equal(out[t], again[t])


@pytest.mark.parametrize("name", list(ANALYZERS))
def test_analyzer_on_empty_corpus(name):
    out = ANALYZERS[name]().fit_transform(Corpus([]))
    assert all(isinstance(df, pd.DataFrame) for df in out.values())
