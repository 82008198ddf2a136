"""Voices: who is quoted, with which verb, and how much room each side gets.

:class:`QuoteAnalyzer` extracts quotations with :func:`~framing.extract.quote_extraction.extract_quotes`
(direct, partial, indirect and scare quotes; speaker; verb of saying; anonymous
sourcing), links each speaker to an actor and a side through the actor finder of
:mod:`framing.extract.actor_lexicon` (pronouns "he"/"she" to the last person named
before, "it"/"they" to the government or group that is the subject), and counts,
per event and outlet, the quotes and quoted words of each side and the verbs each
side is introduced with.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._validation import check_number
from ..corpus import Corpus
from ..errors import ParameterError
from ..extract.actor_lexicon import ActorFinder, Mentions
from ..extract.quote_extraction import extract_quotes
from ..extract.speaker_resolution import resolve_speaker, resolve_speakers
from ..lexicons.actors import load_actor_lexicon, load_side_scheme
from ..stats import MIN_COUNT, wilson_interval
from ..tables import EVENT, OUTLET, TableSpec, evidence_table
from ..tables import Column as C
from ..text import Document
from .base import ALL_EVENTS, Analyzer

__all__ = ["COLUMNS", "VERB_COLUMNS", "VOICE_COLUMNS", "QuoteAnalyzer", "resolve_speaker", "shared_finder"]

#: Columns of the ``quotes`` table (the first eight are the public contract).
COLUMNS = [
    "event",
    "outlet",
    "article_id",
    "speaker",
    "side",
    "verb",
    "anonymous",
    "quote",
    "verb_lemma",
    "kind",
    "n_words",
    "actor",
    "sentence_index",
    "start",
    "end",
    "sentence",
    "judging",
    "form",
]
#: Columns of ``voice_share``.
VOICE_COLUMNS = [
    "event",
    "outlet",
    "side",
    "n_quotes",
    "quote_words",
    "share_quotes",
    "share_words",
    "ci_low",
    "ci_high",
    "n_outlet_quotes",
    "too_little_data",
]
#: Columns of ``verbs_by_side``.
VERB_COLUMNS = ["event", "outlet", "side", "verb_lemma", "count", "share", "judging"]
EVIDENCE_KEYS = ["speaker", "side", "verb_lemma", "kind"]
KINDS = ("direct", "partial", "indirect", "scare")
#: Side label used in the aggregate tables for quotes whose side is unknown.
UNKNOWN_SIDE = "unknown"

#: Fitted finders kept per corpus (on its shared parse cache), at most this many.
_FINDERS_PER_CORPUS = 4


def _fingerprint(lexicon: pd.DataFrame, sides: dict[str, str]) -> tuple:
    """A key for a loaded lexicon and side scheme that changes whenever their content does."""
    rows = pd.util.hash_pandas_object(lexicon, index=False).to_numpy()
    return (
        tuple(lexicon.columns),
        len(lexicon),
        int(rows.sum(dtype=np.uint64)),
        hash(rows.tobytes()),
        tuple(sorted(sides.items())),
    )


def shared_finder(corpus: Corpus, lexicon: Any, sides: Any, discover: bool, merge_threshold: float) -> ActorFinder:
    """An :class:`ActorFinder` fitted on ``corpus``, shared by the quote and actor analyses.

    The finder is kept with the corpus (on the parse cache that a corpus shares with the
    corpora derived from it), keyed by the articles and by the *content* of the lexicon
    and side scheme, never by object identity: a changed or new lexicon always gets a
    finder of its own.
    """
    lex = load_actor_lexicon(lexicon)
    side_map = load_side_scheme(sides)
    key = (
        hash(tuple((a.id, hash(a.document_text)) for a in corpus)),
        _fingerprint(lex, side_map),
        discover,
        merge_threshold,
    )
    store: dict[tuple, ActorFinder] = vars(corpus._cache).setdefault("actor_finders", {})
    f = store.get(key)
    if f is None:
        f = ActorFinder(lex, side_overrides=side_map, discover=discover, merge_threshold=merge_threshold).fit(
            corpus.documents()
        )
        if len(store) >= _FINDERS_PER_CORPUS:
            store.pop(next(iter(store)))
        store[key] = f
    return f


#: Characters of a quote's sentence kept before and after the quote and its speaker as evidence.
_EVIDENCE_MARGIN = 1000

#: Documents whose actor mentions a finder keeps (the cache is emptied beyond this).
_MENTION_CACHE_SIZE = 50_000


def _mention_cache(finder: ActorFinder) -> dict:
    """``id(doc) -> (doc, mentions)`` kept on the finder (the doc is kept to check the id)."""
    return finder.__dict__.setdefault("_mention_cache", {})


def _cached(cache: dict, doc: Document) -> Mentions | None:
    hit = cache.get(id(doc))
    return hit[1] if hit is not None and hit[0] is doc else None


def _store(cache: dict, pairs: list[tuple[Document, Mentions]]) -> None:
    if len(cache) + len(pairs) > _MENTION_CACHE_SIZE:
        cache.clear()
    for doc, m in pairs:
        cache[id(doc)] = (doc, m)


def _mentions(finder: ActorFinder, doc: Document) -> Mentions:
    cache = _mention_cache(finder)
    m = _cached(cache, doc)
    if m is None:
        m = finder.find(doc)
        _store(cache, [(doc, m)])
    return m


def prefill_mentions(finder: ActorFinder, corpus: Corpus, articles: list | None = None) -> None:
    """Find the actor mentions of every article in one vectorised pass and cache them on ``finder``."""
    cache = _mention_cache(finder)
    arts = list(corpus) if articles is None else articles
    todo = [art for art in arts if _cached(cache, corpus.document(art)) is None]
    if todo:
        _store(cache, [(corpus.document(art), m) for art, m in zip(todo, finder.find_corpus(corpus, todo))])


class QuoteAnalyzer(Analyzer):
    """Quotations, their speakers and sides, share of voice and verbs of saying.

    Parameters
    ----------
    actors:
        Extra actor lexicon rows (CSV path, DataFrame with actor, alias[, side, type]
        or dict alias -> actor) added to the packaged ``actors.csv``.
    sides:
        Side mapping: ``"default"`` (the lexicon's side column), ``"us_politics"``,
        a dict actor -> side, or a CSV with columns actor, side.
    indirect:
        Also report indirect speech ("X said that ...", "according to X").
    scare_max_words:
        Quoted phrases of at most this many words with no speaker nearby are scare
        quotes (``kind="scare"``), left out of share of voice.
    discover:
        Find actors that are not in the lexicon from capitalised names.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_texts(['“We are ready,” said Medinsky.'], outlets=["A"]).with_events({"doc-0": "e"})
    >>> t = QuoteAnalyzer().fit_transform(c)["quotes"]
    >>> t[["speaker", "side", "verb", "actor"]].values.tolist()
    [['Medinsky', 'Russia', 'said', 'Vladimir Medinsky']]
    """

    name = "quotes"
    tables = (
        TableSpec(
            "quotes",
            "One row per quotation (direct, partial, indirect, or scare quote).",
            (
                EVENT,
                OUTLET,
                C("article_id", "str", "the article"),
                C(
                    "speaker",
                    "str",
                    "the speaker as written (a resolved pronoun shows its name); empty when unattributed",
                ),
                C("side", "str", "the speaker's side; `mixed` for several; empty when unknown"),
                C("verb", "str", 'the verb of saying as written, or "according to"'),
                C("anonymous", "bool", "anonymous sourcing"),
                C("quote", "str", "the quoted text (for indirect speech, the reported clause)"),
                C("verb_lemma", "str", 'the normalised verb ("say", "confess")'),
                C("kind", "str", "`direct`, `partial`, `indirect`, `scare`"),
                C("n_words", "int", "words in the quote"),
                C("actor", "str", "canonical actor id of the speaker"),
                C("sentence_index", "int", "first sentence of the quote"),
                C("start", "int", "character offset of the quoted text"),
                C("end", "int", "character offset just after it"),
                C("sentence", "str", "the sentences of the quote, with the speaker"),
                C("judging", "bool", "the verb judges the speaker (claimed, admitted, confessed, ...)"),
                C(
                    "form",
                    "str",
                    "PARC 3.0 form: `direct` (all in quotation marks), `mixed` (a quoted phrase in "
                    "reported speech), `indirect` (no marks); empty for scare quotes",
                ),
            ),
            keys=("event", "outlet", "article_id", "start"),
            evidence="quotes_evidence",
        ),
        TableSpec(
            "voice_share",
            "One row per event, outlet and side (and event `all`): whose voices the outlet carries.",
            (
                EVENT,
                OUTLET,
                C("side", "str", "the speakers' side (`unknown` when none)"),
                C("n_quotes", "int", "quotes (direct, partial, indirect)"),
                C("quote_words", "int", "their words"),
                C("share_quotes", "float", "share of the outlet's quotes in the event"),
                C("share_words", "float", "share of the outlet's quoted words"),
                C("ci_low", "float", "lower end of the Wilson 95% interval of share_quotes"),
                C("ci_high", "float", "upper end of that interval"),
                C("n_outlet_quotes", "int", "the outlet's quotes in the event"),
                C("too_little_data", "bool", "fewer than 5 quotes for the outlet"),
            ),
            keys=("event", "outlet", "side"),
            evidence="quotes_evidence",
        ),
        TableSpec(
            "verbs_by_side",
            "One row per event, outlet, side and verb of saying.",
            (
                EVENT,
                OUTLET,
                C("side", "str", "the speakers' side"),
                C("verb_lemma", "str", "the verb"),
                C("count", "int", "quotes with that verb"),
                C("share", "float", "share of the side's attributed quotes in that outlet and event"),
                C("judging", "bool", "the verb judges the speaker"),
            ),
            keys=("event", "outlet", "side", "verb_lemma"),
            evidence="quotes_evidence",
            kind="detail",
        ),
        evidence_table(
            "quotes_evidence",
            "quotes",
            (
                C("speaker", "str", "the speaker"),
                C("side", "str", "the speaker's side"),
                C("verb_lemma", "str", "the verb"),
                C("kind", "str", "the kind of quotation"),
            ),
        ),
    )

    def __init__(
        self,
        *,
        actors: Any = None,
        sides: Any = "default",
        indirect: bool = True,
        scare_max_words: int = 3,
        discover: bool = True,
    ) -> None:
        self.actors = actors
        self.sides = sides
        self.indirect = indirect
        self.scare_max_words = scare_max_words
        self.discover = discover

    def _check(self) -> None:
        check_number("scare_max_words", self.scare_max_words, owner="QuoteAnalyzer", low=0, integer=True)
        for name in ("indirect", "discover"):
            if not isinstance(getattr(self, name), bool):
                raise ParameterError(f"The {name!r} parameter of QuoteAnalyzer must be True or False.")

    def _fit(self, corpus: Corpus) -> None:
        self._check()
        self.finder_ = shared_finder(corpus, self.actors, self.sides, self.discover, 0.85)

    def _transform(self, corpus: Corpus) -> dict[str, pd.DataFrame]:
        finder = self.finder_
        rows: list[tuple] = []
        prefill_mentions(finder, corpus)
        event_of = corpus.event_labels()
        for k, art in enumerate(corpus):
            doc = corpus.document(art)
            quotes = extract_quotes(doc, scare_max_words=self.scare_max_words, indirect=self.indirect)
            if not quotes:
                continue
            ment = _mentions(finder, doc)
            event = event_of[k]
            outlet = _bare(art.outlet)
            for q, (actor, side, speaker) in zip(quotes, resolve_speakers(quotes, doc, ment, finder)):
                if outlet and q.speaker and _bare(q.speaker) == outlet:
                    if q.kind == "indirect":
                        continue  # "Harbor Post has learned that ...": the outlet's own reporting, no voice
                    actor, side, speaker = "", "", ""
                s0 = int(doc.sent_starts[q.sentence_index])
                s1 = int(doc.sent_ends[q.last_sentence])
                if q.speaker_start >= 0 and q.attribution != "inherited":
                    s0, s1 = min(s0, q.speaker_start), max(s1, q.speaker_end)
                # a "sentence" of a text with no sentence ends can be the whole text: keep a window
                lo_q = min(q.start, q.speaker_start) if q.speaker_start >= 0 else q.start
                s0, s1 = max(s0, lo_q - _EVIDENCE_MARGIN), min(s1, max(q.end, q.speaker_end) + _EVIDENCE_MARGIN)
                rows.append(
                    (
                        event,
                        art.outlet,
                        art.id,
                        speaker,
                        side,
                        q.verb,
                        bool(q.anonymous),
                        doc.text[q.start : q.end],
                        q.verb_lemma,
                        q.kind,
                        int(q.n_words),
                        actor,
                        int(q.sentence_index),
                        int(q.start),
                        int(q.end),
                        doc.text[s0:s1],
                        bool(q.judging),
                        q.form,
                    )
                )
        generic = {a for a in finder.types if finder.type_of(a) == "group" and not finder.side_of(a)}
        quotes_df = _propagate_sides(pd.DataFrame(rows, columns=COLUMNS), generic)
        quotes_df = quotes_df.astype(
            {
                "anonymous": bool,
                "judging": bool,
                "n_words": "int64",
                "sentence_index": "int64",
                "start": "int64",
                "end": "int64",
            }
        )
        voiced = quotes_df[quotes_df["kind"] != "scare"]
        evidence = quotes_df.rename(columns={"quote": "match"})
        evidence = evidence[
            ["event", "outlet", *EVIDENCE_KEYS, "article_id", "sentence_index", "start", "end", "match", "sentence"]
        ]
        return {
            "quotes": quotes_df,
            "voice_share": voice_share(voiced),
            "verbs_by_side": verbs_by_side(voiced),
            "quotes_evidence": evidence.reset_index(drop=True),
        }


def _bare(name: str) -> str:
    """A name folded, without a leading "the" (to compare a speaker with the outlet)."""
    t = " ".join(name.lower().split())
    return t[4:] if t.startswith("the ") else t


def _propagate_sides(df: pd.DataFrame, generic: set | frozenset = frozenset()) -> pd.DataFrame:
    """A speaker whose side one quotation shows ("Sen. X, a Montana Republican") has it in all.

    Quotes of an actor with no side of their own take the side most often found for
    that actor elsewhere in the corpus (ties: the first side in alphabetical order).
    ``generic`` actors (groups such as "officials" or "police", with no side in the
    lexicon) are left out: the "officials" of one article are not those of another.
    """
    if df.empty:
        return df
    has = (df["actor"] != "") & (df["side"] != "") & (df["side"] != "mixed") & ~df["actor"].isin(generic)
    if not has.any():
        return df
    counts = df[has].groupby(["actor", "side"]).size().reset_index(name="n")
    best = counts.sort_values(["actor", "n", "side"], ascending=[True, False, True]).drop_duplicates("actor")
    fill = (df["actor"] != "") & (df["side"] == "") & ~df["actor"].isin(generic)
    if fill.any():
        df.loc[fill, "side"] = df.loc[fill, "actor"].map(dict(zip(best["actor"], best["side"]))).fillna("")
    return df


def _with_all(df: pd.DataFrame) -> pd.DataFrame:
    """The rows once per event and once more under event ``"all"`` (corpus-wide).

    Rows of articles with no event (labelled ``"all"`` in the ``quotes`` table) count
    only once, in the corpus-wide rows, as :class:`~framing.analyses.actors.ActorAnalyzer`
    counts them.
    """
    if df.empty:
        return df
    own = df[df["event"] != ALL_EVENTS]
    if own.empty:
        return df
    return pd.concat([own, df.assign(event=ALL_EVENTS)], ignore_index=True)


def voice_share(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes and quoted words per event, outlet and side, with shares and a Wilson interval.

    ``quotes`` is the ``quotes`` table without scare quotes.
    """
    if quotes.empty:
        return pd.DataFrame(columns=VOICE_COLUMNS)
    df = _with_all(quotes.assign(side=quotes["side"].replace("", UNKNOWN_SIDE)))
    g = (
        df.groupby(["event", "outlet", "side"], sort=True)
        .agg(n_quotes=("kind", "size"), quote_words=("n_words", "sum"))
        .reset_index()
    )
    tot = g.groupby(["event", "outlet"])[["n_quotes", "quote_words"]].transform("sum")
    g["share_quotes"] = g["n_quotes"] / tot["n_quotes"]
    g["share_words"] = np.where(
        tot["quote_words"] > 0, g["quote_words"] / tot["quote_words"].where(tot["quote_words"] > 0, 1), np.nan
    )
    lo, hi = wilson_interval(g["n_quotes"].to_numpy(), tot["n_quotes"].to_numpy())
    g["ci_low"], g["ci_high"] = lo, hi
    g["n_outlet_quotes"] = tot["n_quotes"].astype("int64")
    g["too_little_data"] = g["n_outlet_quotes"] < MIN_COUNT
    return g[VOICE_COLUMNS].reset_index(drop=True)


def verbs_by_side(quotes: pd.DataFrame) -> pd.DataFrame:
    """Verbs of saying per event, outlet and side: count, share within the side, judging flag."""
    df = quotes[quotes["verb_lemma"] != ""] if not quotes.empty else quotes
    if df.empty:
        return pd.DataFrame(columns=VERB_COLUMNS)
    df = _with_all(df.assign(side=df["side"].replace("", UNKNOWN_SIDE)))
    g = (
        df.groupby(["event", "outlet", "side", "verb_lemma"], sort=True)
        .agg(count=("kind", "size"), judging=("judging", "max"))
        .reset_index()
    )
    g["share"] = g["count"] / g.groupby(["event", "outlet", "side"])["count"].transform("sum")
    g["judging"] = g["judging"].astype(bool)
    return g[VERB_COLUMNS].reset_index(drop=True)
