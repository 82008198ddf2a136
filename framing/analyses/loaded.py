"""Loaded language: sensational words, judging attribution verbs, hedges, factives and scare quotes.

For each event and outlet (and corpus-wide, event ``"all"``) the analysis counts
the words of each category of the loaded-language lexicon
(``framing/lexicons/loaded_language.csv``), gives the rate per 1,000 words with an
exact Poisson interval, compares the outlet's rate with the other outlets of the
same event (exact conditional binomial test, Benjamini-Hochberg over the rows),
and keeps every matched sentence as evidence.

Categories of the packaged lexicon:

``loaded``
    sensational or pejorative words ("snub", "slams", "brutal", "regime", "warmonger").
``attribution_judging``
    reporting verbs that judge the speaker or the claim ("claimed", "insisted",
    "admitted", "confessed", "lamented", "conceded").
``attribution_neutral``
    neutral reporting verbs ("said", "told", "stated", "added", "according to"),
    the baseline against which judging verbs stand out.
``hedge`` / ``factive``
    markers of doubt ("reportedly", "allegedly") and of asserted truth
    ("revealed", "in fact").
``scare_quote``
    found by rule, not by lexicon: a quoted phrase of 1 to ``max_quote_words``
    words that nobody is reported to say (see :func:`find_scare_quotes`), such as
    children who were "deported".

Each category also has a total row whose ``term`` is ``"*"`` (:data:`TOTAL_TERM`);
term rows are listed only where the count is above zero, total rows always (a
rate of 0 is a finding).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as _st

from .._validation import check_number
from ..corpus import Corpus
from ..errors import ParameterError
from ..lexicons import keep_longest, lexicon_matcher, load_lexicon
from ..matching import MATCH_COLUMNS
from ..stats import MIN_COUNT, benjamini_hochberg, poisson_rate_interval
from ..text import Document, fold
from .base import ALL_EVENTS, Analyzer, make_evidence

__all__ = ["LoadedLanguageAnalyzer", "COLUMNS", "TOTAL_TERM", "SCARE_QUOTE", "find_scare_quotes", "SPEECH_VERBS"]

#: Columns of the ``loaded`` table (the first eight are the public contract).
COLUMNS = [
    "event",
    "outlet",
    "category",
    "term",
    "count",
    "per_1k",
    "ci_low",
    "ci_high",
    "n_words",
    "rate_other",
    "rate_ratio",
    "p_value",
    "q_value",
    "too_little_data",
]
#: ``term`` of the per-category total rows.
TOTAL_TERM = "*"
#: Category of the rule-based scare quotes.
SCARE_QUOTE = "scare_quote"

#: Words that make a short quotation someone's speech when they come before it in
#: its sentence, or within three words after it (added to the attribution verbs of
#: the lexicon). "according to" is not among them: it attributes a claim, not words.
SPEECH_VERBS = frozenset(
    """say says said saying tell tells told telling state states stated stating add adds added adding
    call calls called calling dub dubbed term termed describe describes described describing label
    labels labelled labeled brand branded speak speaks spoke speaking declare declares declared declaring
    urge urges urged urging demand demands demanded demanding propose proposes proposed proposing
    advocate advocates advocated advocating reiterate reiterates reiterated reiterating mention mentions
    mentioned mentioning vow vows vowed promise promises promised pledge pledged stress stressed stresses
    emphasize emphasized emphasise emphasised underline underlined argue argues argued arguing write
    writes wrote writing tweet tweeted post posted insist insists insisted insisting claim claims claimed
    claiming admit admits admitted confess confessed lament lamented warn warns warned warning ask asks
    asked reply replied respond responded comment commented remark remarked announce announces announced
    noted note notes explain explained quote quoted quoting cite cited dismiss dismissed accuse accused
    accuses denounce denounced condemn condemned praise praised hail hailed complain complained
    assert asserted suggest suggested""".split()
)

# An opening mark at the start of the text or after a space, bracket, dash or slash (the
# check looks behind the mark once it is found, so the search only stops at quote marks).
_QUOTE_RE = re.compile(
    r"(?P<o>[\"“‘«„])(?<![^\s(\[\-—–/][\"“‘«„])(?=\S)(?P<body>[^\n\"“”«»]{1,80}?)(?<=\S)(?P<c>[\"”’»“])(?!\w)"
)
_PAIRS = {'"': '"', "“": "”", "‘": "’", "«": "»", "„": "“"}
_TRAIL = ".,;:!?…"


def find_scare_quotes(
    doc: Document, *, max_words: int = 3, speech: frozenset[str] = SPEECH_VERBS, window: int = 15
):
    """Scare quotes in one parsed document: ``(start, end, phrase)`` of each.

    A scare quote is a quoted phrase of 1 to ``max_words`` words that is not
    attributed to anyone. It is taken as someone's words, not a scare quote, when
    a speech verb ("said", "called", "demanded", ...) comes within ``window``
    words before it or three words after it in its sentence, or when it ends
    with its own full stop, question or exclamation mark (the end of a quoted
    sentence). A quoted name or title (every word capitalised, not at the start
    of a sentence) is not a scare quote either. The offsets span the quote marks.
    This is a heuristic: a partial quotation whose speaker is named far from it
    can be counted as a scare quote.

    >>> from framing.text import parse
    >>> d = parse('Children were "deported" by Russia. He said it was "absurd". The "Red" operation. '
    ...           'He called for a "total and unconditional" ceasefire.')
    >>> [p for _, _, p in find_scare_quotes(d)]
    ['deported']
    """
    out = []
    text = doc.text
    for m in _QUOTE_RE.finditer(text):
        o, c = m.group("o"), m.group("c")
        if _PAIRS.get(o) != c:
            continue
        a, b = m.start(), m.end()
        lo = int(np.searchsorted(doc.tok_starts, a, side="left"))
        hi = int(np.searchsorted(doc.tok_starts, b, side="left"))
        n = hi - lo
        if n < 1 or n > max_words:
            continue
        words = [doc.token_text(i) for i in range(lo, hi)]
        if all(w[:1].isupper() for w in words) and not (lo > 0 and doc.tok_sent[lo - 1] != doc.tok_sent[lo]):
            continue  # a name or title ("Red" operation), not a scare quote
        if m.group("body")[-1] in ".!?…":
            continue  # the end of a quoted sentence: someone's speech
        s = int(doc.tok_sent[lo])
        sent = doc.sentence_tokens(s)
        before = doc.tokens[max(sent.start, lo - window) : lo]
        after = doc.tokens[hi : min(hi + 3, sent.stop)]
        if any(t in speech for t in before) or any(t in speech for t in after):
            continue
        phrase = " ".join(doc.tokens[lo:hi])
        out.append((a, b, phrase))
    return out


def _binom_two_sided(k, n, p):
    """Vectorised two-sided exact binomial p-value (doubling the smaller tail)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    p = np.asarray(p, dtype=float)
    lower = _st.binom.cdf(k, n, p)
    upper = _st.binom.sf(k - 1, n, p)
    pv = np.minimum(1.0, 2 * np.minimum(lower, upper))
    return np.where((n > 0) & (p > 0) & (p < 1), pv, np.nan)


class LoadedLanguageAnalyzer(Analyzer):
    """Rates of loaded words, judging attribution, hedges, factives and scare quotes per outlet.

    Parameters
    ----------
    lexicon:
        The packaged ``"loaded_language"`` lexicon (default), a CSV path or a
        DataFrame with the columns ``category`` and ``term`` (optional:
        ``exclude``, ``source``, ``note``).
    categories:
        Which categories to measure (None: all in the lexicon, plus
        ``"scare_quote"`` when ``scare_quotes`` is True).
    scare_quotes:
        Detect scare quotes (:func:`find_scare_quotes`).
    max_quote_words:
        Longest quoted phrase counted as a scare quote.
    confidence:
        Level of the Poisson rate intervals.
    min_count:
        Rows with fewer hits are flagged ``too_little_data`` (their rates and
        intervals are imprecise).

    Examples
    --------
    >>> from framing import load_corpus
    >>> c = load_corpus([{"id": "1", "outlet": "A", "event": "e", "text": "Putin's snub. He said no."},
    ...                  {"id": "2", "outlet": "B", "event": "e", "text": "He confessed it. They met."}])
    >>> t = LoadedLanguageAnalyzer().fit_transform(c)["loaded"]
    >>> t[(t.event == "e") & (t.term != "*")][["outlet", "category", "term", "count"]].values.tolist()
    [['A', 'loaded', 'snub', 1], ['A', 'attribution_neutral', 'said', 1], ['B', 'attribution_judging', 'confessed', 1]]
    """

    name = "loaded"
    tables = ("loaded", "loaded_evidence")

    def __init__(
        self,
        *,
        lexicon: Any = "loaded_language",
        categories: Any = None,
        scare_quotes: bool = True,
        max_quote_words: int = 3,
        confidence: float = 0.95,
        min_count: int = MIN_COUNT,
    ) -> None:
        self.lexicon = lexicon
        self.categories = categories
        self.scare_quotes = scare_quotes
        self.max_quote_words = max_quote_words
        self.confidence = confidence
        self.min_count = min_count

    def _fit(self, corpus: Corpus) -> None:
        owner = type(self).__name__
        check_number("confidence", self.confidence, owner=owner, low=0, high=1, low_inclusive=False)
        check_number("max_quote_words", self.max_quote_words, owner=owner, low=1, integer=True)
        check_number("min_count", self.min_count, owner=owner, low=0, integer=True)
        lex = load_lexicon(self.lexicon, required=["category", "term"], owner=owner)
        if "exclude" not in lex.columns:
            lex["exclude"] = ""
        lex = lex[(lex["category"] != "") & (lex["term"] != "")]
        cats = list(dict.fromkeys(lex["category"]))
        if self.scare_quotes:
            cats.append(SCARE_QUOTE)
        if self.categories is not None:
            wanted = [self.categories] if isinstance(self.categories, str) else list(self.categories)
            unknown = sorted(set(wanted) - set(cats))
            if unknown:
                raise ParameterError(
                    f"The 'categories' parameter of {owner} names unknown categories {unknown}; "
                    f"available: {cats}."
                )
            cats = [c for c in cats if c in wanted]
            lex = lex[lex["category"].isin(wanted)]
        self.lexicon_ = lex.reset_index(drop=True)
        self.categories_ = cats
        self.matcher_ = (
            lexicon_matcher(self.lexicon_["term"], range(len(self.lexicon_)), self.lexicon_["exclude"], owner=owner)
            if len(self.lexicon_)
            else None
        )
        # the lexicon's attribution verbs also mark a quotation as speech
        full = load_lexicon(self.lexicon, required=["category", "term"], owner=owner)
        lex_terms = full[full["category"].str.startswith("attribution")]["term"]
        self.speech_ = SPEECH_VERBS | frozenset(fold(t) for t in lex_terms if " " not in t.strip())

    def _hits(self, corpus: Corpus) -> pd.DataFrame:
        lex = self.lexicon_
        parts = []
        if self.matcher_ is not None:
            h = self.matcher_.find(corpus)
            if len(h):
                k = h["key"].to_numpy()
                h["category"] = lex["category"].to_numpy()[k]
                h["term"] = np.array([fold(t) for t in lex["term"]], dtype=object)[k]
                h = keep_longest(h, "category")
                parts.append(h)
        if SCARE_QUOTE in self.categories_:
            rows = []
            for art in corpus:
                doc = corpus.document(art)
                if '"' not in doc.text and "“" not in doc.text and "‘" not in doc.text and "«" not in doc.text:
                    continue
                for a, b, phrase in find_scare_quotes(doc, max_words=self.max_quote_words, speech=self.speech_):
                    rows.append((art.id, None, doc.text[a:b], a, b, doc.sentence_at(a), -1, -1, SCARE_QUOTE, phrase))
            if rows:
                parts.append(pd.DataFrame(rows, columns=[*MATCH_COLUMNS, "category", "term"]))
        if not parts:
            return pd.DataFrame(columns=[*MATCH_COLUMNS, "category", "term"])
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        hits = self._hits(corpus)
        arts = corpus.articles
        if not arts:
            return {"loaded": pd.DataFrame(columns=COLUMNS), "loaded_evidence": make_evidence(corpus, None, ["category", "term"])}
        events = [a.event if a.event is not None else ALL_EVENTS for a in arts]
        art_frame = pd.DataFrame(
            {
                "article_id": [a.id for a in arts],
                "event": events,
                "outlet": [a.outlet for a in arts],
                "n_words": [corpus.document(a).n_tokens for a in arts],
            }
        )
        # exposure per event and outlet (+ corpus-wide); articles without an event only count in "all"
        exp = pd.concat(
            [art_frame[art_frame["event"] != ALL_EVENTS], art_frame.assign(event=ALL_EVENTS)], ignore_index=True
        )
        words = exp.groupby(["event", "outlet"], sort=True)["n_words"].sum().rename("n_words").reset_index()
        meta = art_frame.set_index("article_id")
        if len(hits):
            hits = hits.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
            hits["event"] = meta.loc[hits["article_id"], "event"].to_numpy()
            hits["outlet"] = meta.loc[hits["article_id"], "outlet"].to_numpy()
            h2 = pd.concat([hits[hits["event"] != ALL_EVENTS], hits.assign(event=ALL_EVENTS)], ignore_index=True)
            per_term = h2.groupby(["event", "outlet", "category", "term"], sort=True).size().rename("count").reset_index()
        else:
            per_term = pd.DataFrame(columns=["event", "outlet", "category", "term", "count"])
        cats = pd.DataFrame({"category": self.categories_})
        totals = words[["event", "outlet"]].merge(cats, how="cross")
        tot_counts = per_term.groupby(["event", "outlet", "category"], sort=False)["count"].sum().rename("count").reset_index()
        totals = totals.merge(tot_counts, on=["event", "outlet", "category"], how="left")
        totals["count"] = totals["count"].fillna(0).astype(np.int64)
        totals["term"] = TOTAL_TERM
        table = pd.concat([totals, per_term.astype({"count": np.int64})], ignore_index=True)
        table = table.merge(words, on=["event", "outlet"], how="left")
        k = table["count"].to_numpy(dtype=float)
        n = table["n_words"].to_numpy(dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            table["per_1k"] = np.where(n > 0, k / n * 1000.0, np.nan)
        lo, hi = poisson_rate_interval(k, n, confidence=self.confidence)
        table["ci_low"], table["ci_high"] = lo, hi
        # the other outlets of the same event: their count of the same term and their words
        ev_k = table.groupby(["event", "category", "term"], sort=False)["count"].transform("sum").to_numpy(dtype=float)
        ev_n = table[["event", "outlet"]].merge(
            words.groupby("event")["n_words"].sum().rename("ev_words").reset_index(), on="event", how="left"
        )["ev_words"].to_numpy(dtype=float)
        k_other, n_other = ev_k - k, ev_n - n
        with np.errstate(invalid="ignore", divide="ignore"):
            rate_other = np.where(n_other > 0, k_other / n_other * 1000.0, np.nan)
            table["rate_other"] = rate_other
            table["rate_ratio"] = np.where(rate_other > 0, table["per_1k"] / rate_other, np.nan)
        # exact test conditional on the event total: k ~ Binomial(k + k_other, n / (n + n_other))
        pv = _binom_two_sided(k, k + k_other, np.where(n + n_other > 0, n / np.maximum(n + n_other, 1), np.nan))
        pv = np.where((n_other > 0) & (k + k_other > 0), pv, np.nan)
        table["p_value"] = pv
        is_total = (table["term"] == TOTAL_TERM).to_numpy()
        q = np.full(len(table), np.nan)
        q[is_total] = benjamini_hochberg(pv[is_total])
        q[~is_total] = benjamini_hochberg(pv[~is_total])
        table["q_value"] = q
        table["too_little_data"] = table["count"] < self.min_count
        cat_order = {c: i for i, c in enumerate(self.categories_)}
        table = table.assign(
            _all=table["event"].astype(str) == ALL_EVENTS,
            _ev=table["event"].astype(str),
            _cat=table["category"].map(cat_order),
            _tot=~is_total,
        ).sort_values(
            ["_all", "_ev", "outlet", "_cat", "_tot", "count", "term"],
            ascending=[True, True, True, True, True, False, True],
            kind="stable",
        )
        loaded = table[COLUMNS].reset_index(drop=True)
        loaded["count"] = loaded["count"].astype(np.int64)
        loaded["n_words"] = loaded["n_words"].astype(np.int64)
        loaded["too_little_data"] = loaded["too_little_data"].astype(bool)
        ev = make_evidence(
            corpus,
            hits[["article_id", "category", "term", "start", "end", "sentence_index", "match"]] if len(hits) else None,
            ["category", "term"],
        )
        return {"loaded": loaded, "loaded_evidence": ev}
