"""Facts and coverage: what each outlet includes, leaves out, and alone reports.

Within each event, every article is cut into *units* (its headline and its
sentences, or clauses with ``unit="clause"``; :mod:`~framing.analyses.fact_units`).
Units from different articles that carry the same information in different words are
aligned into one *fact* (:mod:`~framing.analyses.fact_align`):

1. **Concepts** (:mod:`~framing.analyses.fact_features`): each content word becomes a
   concept: its synonym group in the packaged ``fact_synonyms.csv`` or its Snowball
   stem ("swap"/"exchanged" -> ``exchange``), a spelling-tolerant key for names
   ("Zelensky"/"Zelenskyy", "Kyiv"/"Kiev"), the value of a number ("twelve" = "12").
   Stop words, verbs of speech and judging attribution ("said", "claimed", "admitted")
   and the loaded-language lexicon ("regime", "savage") carry no fact and are dropped,
   so "the regime's thugs claimed ..." and "officials said ..." compare on what is said.
2. **Features** per event: TF-IDF of concepts and of concept bigrams (IDF learned per
   event, so words every article of the event uses weigh little). The similarity of two
   units is the mean of the two cosines.
3. **Anchors**: names, numbers and rare concept bigrams that two units share. A pair is
   linked when its similarity reaches ``threshold`` *and* they share an anchor, or when
   the similarity alone reaches ``threshold + strong_margin``, or when they share a
   quoted passage of ``quote_ngram`` words.
4. **Candidates, not all pairs**: each unit's ``top_k`` neighbours from a chunked sparse
   product of concept vectors with frequent concepts dropped (``max_df``), so the cost
   grows with the number of similar pairs, not with the square of the event.
5. **Clusters**: connected components of each unit's best link per other article, split
   again by average linkage so that chains of weak links do not merge unrelated sentences.
6. **Carriers**: an outlet also carries a fact when one of its units holds at least
   ``carry`` of a unit of the fact (IDF mass of shared concepts over the smaller unit's),
   as a long sentence that tells several facts does.
7. **Details** (:mod:`~framing.analyses.fact_facets`): a number that some outlets give
   with a fact and another outlet's sentence of the same fact lacks is a fact of its
   own, so that a sentence telling several facts does not hide the omission of one.

Each fact keeps its sentence from each outlet. A fact is *unique* when a single outlet
of a multi-outlet event carries it, and *common* when more than half of the other
outlets carry it. An outlet that does not carry a common fact has ``status``
``"omitted"`` only when none of its units comes close (best share below ``uncertain``),
and ``"uncertain"`` otherwise. Placement (headline, lead, body) is kept, since putting
a fact first is framing too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import check_number, check_option
from ..corpus import Corpus
from ..tables import EVENT, OUTLET, TableSpec, evidence_table
from ..tables import Column as C
from .base import Analyzer, make_evidence
from .fact_align import AlignParams, align
from .fact_facets import CALENDAR_WORDS
from .fact_features import term_concepts
from .fact_tables import COLUMNS, COVERAGE_COLUMNS, EXTRA_COLUMNS, STATUSES, coverage_rows, facet_rows, facts_rows
from .fact_units import POSITIONS, corpus_units

__all__ = ["COLUMNS", "COVERAGE_COLUMNS", "POSITIONS", "STATUSES", "FactCoverageAnalyzer"]

#: Units aligned together (whole events; a larger event is one batch on its own).
_BATCH_UNITS = 4_000


class FactCoverageAnalyzer(Analyzer):
    """Align sentences across the outlets of each event into facts, and measure coverage.

    Parameters
    ----------
    threshold:
        Similarity (mean of two concept TF-IDF cosines, 0-1) at which two units that
        share a name, number or rare word pair are the same fact (default 0.2).
    strong_margin:
        Units this much above ``threshold`` are linked without a shared anchor
        (default 0.15).
    carry:
        Share of a fact's unit (IDF mass of shared concepts over the smaller unit's)
        from which another outlet's unit carries the fact although it was not aligned
        into it (default 0.7).
    uncertain:
        Share from which an outlet that does not carry a common fact is ``"uncertain"``
        rather than ``"omitted"`` (default 0.35).
    unit:
        ``"sentence"`` (default) or ``"clause"`` (sentences also cut at ";", ":",
        dashes and ", but/while/which ...").
    min_words:
        Units with fewer word tokens are ignored (crossheads, captions; default 5).
    lead_sentences:
        Sentences of the body that count as the lead (default 3).
    quote_ngram:
        Two units sharing this many consecutive quoted words are the same fact
        (default 4).
    max_df:
        Concepts in more than this share of an event's units are not used to find
        candidate pairs (default 0.2).
    top_k:
        Candidate neighbours kept per unit (by concept cosine) before scoring
        (default 25); bounds the work per unit in large events.
    headlines:
        Count article titles as units with position ``"headline"`` (default True;
        titles that framing guessed from the text are skipped).
    details:
        Add the *details* of facts (default True; :mod:`~framing.analyses.fact_facets`):
        a number that the units of at least two outlets of a fact give and another
        outlet's unit of the fact lacks ("480,000 tonnes" in one sentence of a convoy that
        another outlet tells without the tonnage) is a fact of its own, carried by the
        outlets that give the number anywhere in the event.

    Tables
    ------
    facts
        One row per fact and outlet of its event: event, fact_id, summary, outlet,
        covered, position, sentence, then article_id, sentence_index, start, end
        (the outlet's unit; -1 for headlines and omissions), n_outlets (outlets
        carrying the fact), n_outlets_event, unique, common, similarity (the unit's
        mean link score inside the fact, or its carried share), status (covered,
        omitted, uncertain, absent), closest (the carried share of the outlet's
        closest unit; 1 for a unit aligned into the fact), detail_of and anchor (for a
        *detail*, a number some outlets give with a fact and others leave out: its fact's
        id and the number; fact_id ``<fact>.1``, ``.2`` ...).
    coverage
        One row per event and outlet, plus event ``"all"``: n_facts_event, n_covered,
        share_covered, n_unique, n_omitted_common (status ``omitted``), share_low/share_high
        (Wilson 95 %), n_articles, n_outlets_event, n_shared_facts (facts carried by 2+
        outlets), n_shared_covered and n_uncertain_common (status ``uncertain``).
    facts_evidence
        Evidence rows (key column ``fact_id``) for each covered body unit.

    Examples
    --------
    >>> from framing import load_corpus
    >>> c = load_corpus([
    ...   {"id": "a", "outlet": "A", "event": "e", "title": "",
    ...    "text": "Kyiv and Moscow agreed to swap 1,000 prisoners on Friday. The mayor of Lviv opened a bakery."},
    ...   {"id": "b", "outlet": "B", "event": "e", "title": "",
    ...    "text": "Moscow and Kyiv agreed on Friday to exchange 1,000 prisoners. It rained in Odesa all day long."}])
    >>> facts = FactCoverageAnalyzer().fit_transform(c)["facts"]
    >>> shared = facts[facts["n_outlets"] == 2]
    >>> sorted(shared["outlet"]), bool(shared["covered"].all())
    (['A', 'B'], True)
    >>> int(facts.loc[facts["covered"], "unique"].sum())
    2
    """

    name = "facts"
    tables = (
        TableSpec(
            "facts",
            "One row per fact and outlet of the event: does the outlet carry the fact, and where?",
            (
                EVENT,
                C("fact_id", "str", "`<event>:F001`..., facts carried by most outlets first"),
                C("summary", "str", "the most central unit of the fact (at most 160 characters)"),
                OUTLET,
                C("covered", "bool", "the outlet carries the fact"),
                C("position", "str", "`headline`, `lead`, `body`, or empty when omitted"),
                C("sentence", "str", "the outlet's unit for the fact, empty when omitted"),
                C("article_id", "str", "the article holding the unit"),
                C("sentence_index", "int", "its sentence (-1 for headlines and omissions)"),
                C("start", "int", "character offset of the unit (-1 for headlines and omissions)"),
                C("end", "int", "character offset just after the unit"),
                C("n_outlets", "int", "outlets carrying the fact"),
                C("n_outlets_event", "int", "outlets in the event"),
                C("unique", "bool", "only one outlet of a multi-outlet event carries the fact"),
                C("common", "bool", "more than half of the other outlets carry it (and at least 2 do)"),
                C(
                    "similarity",
                    "float",
                    "the unit's mean link score inside the fact (0 for singletons), or the share "
                    "of the fact it carries when it was not aligned into it",
                ),
                C(
                    "status",
                    "str",
                    "`covered`, `omitted` (a common fact none of the outlet's units comes close to), "
                    "`uncertain` (a common fact one of its units partly carries) or `absent`",
                ),
                C(
                    "closest",
                    "float",
                    "share of the fact carried by the outlet's closest unit (1 for a unit aligned "
                    "into the fact, 0 when none is near; for a detail, 1 when carried, else 0)",
                ),
                C(
                    "detail_of",
                    "str",
                    "for a *detail* (a number that some outlets give with a fact and others leave "
                    "out), the fact_id of its fact; empty for a whole fact",
                ),
                C("anchor", "str", "the number(s) a detail is made of (empty for a whole fact)"),
            ),
            keys=("event", "fact_id", "outlet"),
            evidence="facts_evidence",
        ),
        TableSpec(
            "coverage",
            "One row per event and outlet (and event `all`): how many of the event's facts the outlet carries.",
            (
                EVENT,
                OUTLET,
                C("n_facts_event", "int", "facts in the event"),
                C("n_covered", "int", "facts the outlet carries"),
                C("share_covered", "float", "`n_covered / n_facts_event`"),
                C("n_unique", "int", "facts only this outlet carries"),
                C("n_omitted_common", "int", "common facts the outlet leaves out (status `omitted`)"),
                C("share_low", "float", "lower end of the Wilson 95% interval of share_covered"),
                C("share_high", "float", "upper end of that interval"),
                C("n_articles", "int", "the outlet's articles in the event"),
                C("n_outlets_event", "int", "outlets in the event"),
                C("n_shared_facts", "int", "facts carried by 2 or more outlets"),
                C("n_shared_covered", "int", "shared facts the outlet carries"),
                C("n_uncertain_common", "int", "common facts the outlet may carry in other words (status `uncertain`)"),
            ),
            keys=("event", "outlet"),
            evidence="facts_evidence",
        ),
        evidence_table("facts_evidence", "facts", (C("fact_id", "str", "the fact"),)),
    )

    def __init__(
        self,
        *,
        threshold: float = 0.2,
        strong_margin: float = 0.15,
        carry: float = 0.7,
        uncertain: float = 0.35,
        unit: str = "sentence",
        min_words: int = 5,
        lead_sentences: int = 3,
        quote_ngram: int = 4,
        max_df: float = 0.2,
        top_k: int = 25,
        headlines: bool = True,
        details: bool = True,
    ) -> None:
        self.threshold = threshold
        self.strong_margin = strong_margin
        self.carry = carry
        self.uncertain = uncertain
        self.unit = unit
        self.min_words = min_words
        self.lead_sentences = lead_sentences
        self.quote_ngram = quote_ngram
        self.max_df = max_df
        self.top_k = top_k
        self.headlines = headlines
        self.details = details

    # ------------------------------------------------------------------ parameters
    def _check(self) -> None:
        owner = type(self).__name__
        check_number("threshold", self.threshold, owner=owner, low=0, high=1, low_inclusive=False)
        check_number("strong_margin", self.strong_margin, owner=owner, low=0, high=1)
        check_number("carry", self.carry, owner=owner, low=0, high=1, low_inclusive=False)
        check_number("uncertain", self.uncertain, owner=owner, low=0, high=self.carry)
        check_option("unit", self.unit, ("sentence", "clause"), owner=owner)
        check_number("min_words", self.min_words, owner=owner, low=1, integer=True)
        check_number("lead_sentences", self.lead_sentences, owner=owner, low=0, integer=True)
        check_number("quote_ngram", self.quote_ngram, owner=owner, low=2, integer=True)
        check_number("max_df", self.max_df, owner=owner, low=0, high=1, low_inclusive=False)
        check_number("top_k", self.top_k, owner=owner, low=1, integer=True)

    def _fit(self, corpus: Corpus) -> None:
        self._check()

    # ------------------------------------------------------------------ steps
    def _units(self, corpus: Corpus, terms: list[str]):
        """Units of all articles, events one after another (sorted), and their tokens as flat arrays."""
        U = corpus_units(
            corpus,
            terms,
            unit=self.unit,
            min_words=self.min_words,
            lead_sentences=self.lead_sentences,
            headlines=self.headlines,
        )
        arts = corpus.articles
        ev_label = corpus.event_labels()
        if len(U.article):
            uniq, ev_code = np.unique(ev_label[U.article], return_inverse=True)
            events = [str(e) for e in uniq.tolist()]
        else:
            events, ev_code = [], U.article
        # units of one event together (articles in corpus order), tokens following their units
        order = np.argsort(ev_code, kind="stable")
        new_id = np.empty(len(order), dtype=np.int64)
        new_id[order] = np.arange(len(order))
        tu = new_id[U.tok_unit]
        t_order = np.argsort(tu, kind="stable")
        ev_of_unit = ev_code[order].astype(np.int64)
        art_of_unit = U.article[order]
        outlet_code = np.unique([a.outlet for a in arts], return_inverse=True)
        all_outlets = outlet_code[0].tolist()
        oc = np.asarray(outlet_code[1], dtype=np.int64)
        pairs = np.unique(ev_of_unit * max(len(all_outlets), 1) + oc[art_of_unit])
        outlets_of_event: list[list[str]] = [[] for _ in events]
        for p in pairs.tolist():
            outlets_of_event[p // len(all_outlets)].append(all_outlets[p % len(all_outlets)])
        ids = np.array([a.id for a in arts], dtype=object)
        outs = np.array([a.outlet for a in arts], dtype=object)
        unit_cols = (
            ids[art_of_unit],
            outs[art_of_unit],
            np.array(U.position, dtype=object)[order],
            U.sentence_index[order],
            U.start[order],
            U.end[order],
            np.array(U.text, dtype=object)[order],
        )
        return (
            events,
            unit_cols,
            outlets_of_event,
            ev_of_unit,
            art_of_unit,
            tu[t_order],
            U.tok_id[t_order],
            U.tok_cap[t_order],
            U.tok_quoted[t_order],
            oc[art_of_unit],
            all_outlets,
        )

    @staticmethod
    def _concepts(all_terms: list[str], ti: np.ndarray, tn: np.ndarray):
        """Concept id of each term (-1: none), whether each concept is a number, and their count."""
        used = np.bincount(ti, minlength=len(all_terms))
        caps = np.bincount(ti, weights=tn.astype(float), minlength=len(all_terms))
        idx = np.flatnonzero(used)
        terms = [all_terms[i] for i in idx]
        names = term_concepts(terms, caps[idx] / used[idx])
        # "14%" is the number 14, as "14 percent" is (the numbers analysis keeps its own reading)
        for k, t in enumerate(terms):
            if t.endswith("%") and len(t) > 1:
                num = term_concepts([t[:-1]], [0.0])[0]
                if num.startswith("#"):
                    names[k] = num
        codes, inv = np.unique(np.array([*names, ""], dtype=object), return_inverse=True)
        cid = np.full(len(all_terms), -1, dtype=np.int64)
        blank = int(inv[-1])
        c = inv[:-1].astype(np.int64)
        c = np.where(c == blank, -1, c - (c > blank))
        cid[idx] = c
        concepts = [x for x in codes.tolist() if x != ""]
        isnum = np.array([x.startswith("#") for x in concepts] or [False], dtype=bool)
        return cid, isnum, max(len(concepts), 1)

    @staticmethod
    def _detail_tokens(all_terms: list[str], ti: np.ndarray, tc: np.ndarray, isnum: np.ndarray) -> np.ndarray:
        """Tokens a detail can be made of: numbers, except the day of a date ("June 17", "17 June")."""
        cal_term = np.zeros(len(all_terms) + 1, dtype=bool)
        cal_term[[i for i, t in enumerate(all_terms) if t in CALENDAR_WORDS]] = True
        cal = cal_term[ti]
        near_date = np.r_[False, cal[:-1]] | np.r_[cal[1:], False]
        return (tc >= 0) & isnum[np.maximum(tc, 0)] & ~near_date

    # ------------------------------------------------------------------ transform
    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        self._check()
        if len(corpus) == 0:
            return self._empty(corpus)
        _, terms = corpus.term_counts()
        units = self._units(corpus, list(terms))
        events, unit_cols, outlets_of_event, ev_of_unit, art_of_unit, tu, ti, tn, tq, oc_unit, all_outlets = units
        if not len(ev_of_unit):
            return self._empty(corpus)
        all_terms = list(terms)
        cid, isnum, n_concepts = self._concepts(all_terms, ti, tn)
        tc = cid[ti]
        detail_tok = self._detail_tokens(all_terms, ti, tc, isnum)
        labels, score_sum, carriers, facet_parts = self._align_batches(
            events,
            outlets_of_event,
            ev_of_unit,
            art_of_unit,
            tu,
            tc,
            tn,
            tq,
            isnum,
            n_concepts,
            oc_unit,
            all_outlets,
            detail_tok,
        )
        facts, fact_id_of_unit = facts_rows(
            events,
            outlets_of_event,
            unit_cols,
            ev_of_unit,
            labels,
            score_sum,
            carriers,
            carry=self.carry,
            uncertain=self.uncertain,
            with_ids=True,
        )
        if self.details:
            details = self._details(facet_parts, labels, score_sum, all_terms, ti, tc, n_concepts, all_outlets)
            facts = facet_rows(facts, fact_id_of_unit, unit_cols, ev_of_unit, events, outlets_of_event, details)
        coverage = coverage_rows(corpus, facts)
        ev = facts[facts["covered"].to_numpy() & (facts["sentence_index"].to_numpy() >= 0)]
        hits = pd.DataFrame(
            {
                "fact_id": ev["fact_id"].to_numpy(),
                "article_id": ev["article_id"].to_numpy(),
                "sentence_index": ev["sentence_index"].to_numpy(),
                "start": ev["start"].to_numpy(),
                "end": ev["end"].to_numpy(),
                "match": ev["sentence"].to_numpy(),
            }
        )
        return {"facts": facts, "coverage": coverage, "facts_evidence": make_evidence(corpus, hits, ["fact_id"])}

    def _align_batches(
        self,
        events,
        outlets_of_event,
        ev_of_unit,
        art_of_unit,
        tu,
        tc,
        tn,
        tq,
        isnum,
        n_concepts,
        oc_unit,
        all_outlets,
        detail_tok,
    ):
        """Align batches of whole events (about ``_BATCH_UNITS`` units each; events never mix)."""
        n_units = len(ev_of_unit)
        n_out_event = np.array([len(o) for o in outlets_of_event], dtype=np.int64)
        labels = np.arange(n_units)
        score_sum = np.zeros(n_units)
        c_parts: list[tuple] = []
        f_parts: list[tuple] = []
        params = AlignParams(self.threshold, self.strong_margin, self.quote_ngram, self.max_df, self.top_k)
        ev_first = np.searchsorted(ev_of_unit, np.arange(len(events) + 1))
        tok_first = np.searchsorted(tu, ev_first)
        b0 = 0
        while b0 < len(events):
            b1 = b0 + 1
            while b1 < len(events) and ev_first[b1 + 1] - ev_first[b0] <= _BATCH_UNITS:
                b1 += 1
            u0, u1 = ev_first[b0], ev_first[b1]
            t0, t1 = tok_first[b0], tok_first[b1]
            multi = n_out_event[ev_of_unit[u0:u1]] >= 2
            if multi.any() and u1 - u0 >= 2:
                lab, ss, (c_lab, c_unit, c_share, _), fac, bigrams = align(
                    u1 - u0,
                    tu[t0:t1] - u0,
                    tc[t0:t1],
                    tn[t0:t1],
                    tq[t0:t1],
                    art_of_unit[u0:u1],
                    ev_of_unit[u0:u1] - b0,
                    multi,
                    isnum,
                    n_concepts,
                    params,
                    oc=oc_unit[u0:u1] if self.details else None,
                    n_outlets=len(all_outlets),
                    detail_tok=detail_tok[t0:t1],
                )
                uniq, lab_c = np.unique(lab, return_inverse=True)  # compact: labels of batches never collide
                labels[u0:u1] = lab_c + u0
                score_sum[u0:u1] = ss
                c_parts.append((np.searchsorted(uniq, c_lab) + u0, c_unit + u0, c_share))
                if len(fac.unit):
                    f_parts.append((fac, u0, bigrams))
            b0 = b1
        if c_parts:
            carriers = tuple(np.concatenate([p[k] for p in c_parts]) for k in range(3))
        else:
            carriers = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
        return labels, score_sum, carriers, f_parts

    @staticmethod
    def _details(f_parts, labels, score_sum, all_terms, ti, tc, n_concepts, all_outlets):
        """The facets of every batch as flat arrays with corpus-wide unit ids: their summary
        unit and anchor in words (the first term of each concept), the (facet, outlet code,
        unit) of each carrier and the (facet, outlet code) of each outlet giving another number."""
        size = np.bincount(labels, minlength=len(labels))
        z = np.zeros(0, dtype=np.int64)
        out: dict = {
            "unit": z,
            "anchor": [],
            "e_facet": z,
            "e_outlet": z,
            "e_unit": z,
            "o_facet": z,
            "o_outlet": z,
            "labels": labels,
            "centrality": score_sum / np.maximum(size[labels] - 1, 1),
            "outlets": list(all_outlets),
        }
        if not f_parts:
            return out
        ok = tc >= 0
        cs, first = np.unique(tc[ok], return_index=True)
        rep = np.full(n_concepts, -1, dtype=np.int64)
        rep[cs] = ti[ok][first]

        def word(c: int) -> str:
            return all_terms[rep[c]] if 0 <= c < n_concepts and rep[c] >= 0 else ""

        n_o = max(len(all_outlets), 1)
        parts: dict[str, list] = {k: [] for k in ("unit", "e_facet", "e_outlet", "e_unit", "o_facet", "o_outlet")}
        f0 = 0
        for fac, u0, bigrams in f_parts:
            parts["unit"].append(fac.unit + u0)
            for keys in fac.keys:
                words = []
                for k in keys.tolist():
                    if k < n_concepts:
                        words.append(word(k))
                    else:
                        code = int(bigrams[k - n_concepts])
                        words.append(f"{word(code // n_concepts)} {word(code % n_concepts)}")
                out["anchor"].append("; ".join(sorted(set(words))))
            parts["e_facet"].append(fac.e_facet + f0)
            parts["e_outlet"].append(fac.e_outlet)
            parts["e_unit"].append(fac.e_unit + u0)
            parts["o_facet"].append(fac.other_number // n_o + f0)
            parts["o_outlet"].append(fac.other_number % n_o)
            f0 += len(fac.unit)
        for k, v in parts.items():
            out[k] = np.concatenate(v).astype(np.int64)
        return out

    def _empty(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        return {
            "facts": pd.DataFrame(columns=COLUMNS + EXTRA_COLUMNS),
            "coverage": pd.DataFrame(columns=COVERAGE_COLUMNS),
            "facts_evidence": make_evidence(corpus, None, ["fact_id"]),
        }
