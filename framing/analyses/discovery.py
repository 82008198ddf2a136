"""Discover naming variants that no lexicon lists (Medinsky / Madinsky, Kharkov / Kharkiv).

Spelling variants of one name are found from the corpus itself, in four steps,
all on whole arrays or on small candidate sets:

1. **Candidates.** Words of four letters or more that are written capitalised at
   least half of the time and at least once inside a sentence (names of people
   and places, not "These" at a sentence start; ``proper_nouns=False`` lifts
   this), from the corpus vocabulary.
2. **Close spelling.** Pairs at a small edit distance are found with a
   deletion-neighbourhood join (the SymSpell idea: two words share a key when
   deleting at most one character from each makes them equal; this covers one
   substitution, insertion or deletion, and many two-edit pairs such as
   Kiev / Kyiv), then scored with :class:`difflib.SequenceMatcher`'s ratio.
   Inflections (Russia / Russian, Minister / Ministry) are left out, and both words
   must start with the same letter (or g / h, as in Horlivka / Gorlovka).
3. **Same event.** Both words must occur in at least one common event: outlets
   covering the same story with different spellings.
4. **Complementary use or shared contexts.** ``complementarity`` is the share of
   the pair's mentions made by outlets (within an event) that use only one of the
   two spellings (1: every outlet sticks to one spelling; 0: every outlet mixes
   them); ``context_similarity`` is the cosine similarity of the words around each
   spelling (two words either side). A pair is accepted when its spelling
   similarity reaches ``min_similarity`` and either the contexts are similar, or the
   spellings are very close and their use is complementary.

Accepted pairs are joined into groups (connected components) and counted like
lexicon variants, with ``source == "discovered"``; every candidate pair, accepted or
not, is listed in the ``naming_candidates`` table with its evidence.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ..corpus import Corpus
from ..lexicons import lexicon_matcher
from ..matching import phrase_tokens
from ..text import fold
from .base import ALL_EVENTS

__all__ = ["discover_variants", "CANDIDATE_COLUMNS", "spelling_similarity"]

#: Columns of the ``naming_candidates`` table.
CANDIDATE_COLUMNS = [
    "term_a",
    "term_b",
    "similarity",
    "count_a",
    "count_b",
    "outlets_a",
    "outlets_b",
    "complementarity",
    "context_similarity",
    "shared_events",
    "in_lexicon",
    "accepted",
    "group",
    "examples",
]

#: Endings that make an inflection or a derived word rather than another spelling
#: (Russia / Russian, Minister / Ministry).
_SUFFIXES = frozenset(
    ["", "s", "es", "n", "an", "ian", "ns", "ans", "ese", "ish", "ic", "ist", "ists", "ism", "ed", "ing", "er",
     "ers", "ly", "ry", "al", "ia", "ity", "ies", "e", "d", "r", "rs", "ory", "ion", "ions", "ive", "ian", "ians"]
)
#: First letters that alternate in transliteration (Horlivka / Gorlovka).
_FIRST_LETTER_SWAPS = frozenset([("g", "h"), ("h", "g")])


def spelling_similarity(a: str, b: str) -> float:
    """Similarity of two spellings in [0, 1] (difflib ratio of the folded words).

    >>> round(spelling_similarity("Medinsky", "Madinsky"), 3)
    0.875
    """
    return difflib.SequenceMatcher(None, fold(a), fold(b), autojunk=False).ratio()


def _is_inflection(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ only by English endings (Russia / Russian)."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= 3 and a[n:] in _SUFFIXES and b[n:] in _SUFFIXES


def _first_letters_ok(a: str, b: str) -> bool:
    return a[0] == b[0] or (a[0], b[0]) in _FIRST_LETTER_SWAPS


class _Tokens:
    """The tokens of the corpus that can be candidates (``eligible`` vocabulary ids), as
    flat positions into :meth:`Corpus.flat_tokens`, with whether each is written
    capitalised, and capitalised inside a sentence (after a word, comma, colon or
    bracket and a space), computed on character arrays."""

    def __init__(self, corpus: Corpus, eligible: np.ndarray) -> None:
        arts = corpus.articles
        flat = corpus.flat_tokens()
        self.flat, self.arts = flat, arts
        self.pos = np.flatnonzero(eligible[flat.ids]) if len(flat.ids) else np.zeros(0, dtype=np.int64)
        self.ids = flat.ids[self.pos]
        starts = flat.starts[self.pos]
        self.upper = np.zeros(len(self.pos), dtype=bool)
        self.mid_upper = np.zeros(len(self.pos), dtype=bool)
        # articles in chunks of about a million characters: small, reused buffers
        bounds = np.searchsorted(self.pos, flat.indptr)  # eligible tokens of article k: bounds[k]:bounds[k+1]
        chunk_start = 0
        size = 0
        for k, a in enumerate(arts):
            size += len(a.text) + 1
            if size >= 1_000_000 or k == len(arts) - 1:
                lo, hi = int(bounds[chunk_start]), int(bounds[k + 1])
                self._flags(arts[chunk_start : k + 1], flat.article_of(self.pos[lo:hi]) - chunk_start,
                            starts[lo:hi], lo)
                chunk_start, size = k + 1, 0

    def _flags(self, arts, art: np.ndarray, starts: np.ndarray, out: int) -> None:
        """Set ``upper``/``mid_upper`` of tokens ``out:out + len(starts)`` of the articles ``arts``."""
        texts = [a.text for a in arts]
        text_off = np.zeros(len(arts), dtype=np.int64)
        np.cumsum(np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))[:-1], out=text_off[1:])
        chars = np.frombuffer("".join(" " + t for t in texts).encode("utf-32-le"), dtype=np.uint32)
        base = text_off[art]  # where each token's text begins, less its space
        st = base + starts + 1
        first = chars[st]
        up = (first >= 65) & (first <= 90)
        wide = np.flatnonzero(first > 127)
        if len(wide):
            up[wide] = [chr(c).isupper() for c in first[wide].tolist()]
        prev = chars[st - 1]
        prev2 = chars[np.maximum(st - 2, base)]  # the space before the text at its start
        p2_ok = (
            ((prev2 >= 48) & (prev2 <= 57)) | ((prev2 >= 65) & (prev2 <= 90)) | ((prev2 >= 97) & (prev2 <= 122))
            | (prev2 == 44) | (prev2 == 58) | (prev2 == 59) | (prev2 == 41) | (prev2 > 127)
        )
        self.upper[out : out + len(starts)] = up
        self.mid_upper[out : out + len(starts)] = up & (prev == 32) & p2_ok & (starts >= 2)

    def surface(self, term_id: int) -> str:
        """The commonest capitalised written form of a vocabulary word ("" if none)."""
        pos = self.pos[(self.ids == term_id) & self.upper][:50]
        if len(pos) == 0:
            return ""
        art = self.flat.article_of(pos)
        forms = Counter(
            self.arts[a].text[s:e]
            for a, s, e in zip(art.tolist(), self.flat.starts[pos].tolist(), self.flat.ends[pos].tolist())
        )
        return forms.most_common(1)[0][0]


def _deletion_pairs(words: list[str]) -> np.ndarray:
    """Index pairs (i < j) of words within a small edit distance (shared deletion key)."""
    keys: list[str] = []
    idx: list[int] = []
    for i, w in enumerate(words):
        ks = {w}
        ks.update(w[:p] + w[p + 1 :] for p in range(len(w)))
        keys.extend(ks)
        idx.extend([i] * len(ks))
    if not keys:
        return np.zeros((0, 2), dtype=np.int64)
    codes, _ = pd.factorize(pd.Series(keys))
    idx_arr = np.asarray(idx, dtype=np.int64)
    order = np.argsort(codes, kind="stable")
    codes, idx_arr = codes[order], idx_arr[order]
    bounds = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1], True])
    sizes = np.diff(bounds)
    pairs = []
    for s, n in zip(bounds[:-1][sizes > 1], sizes[sizes > 1]):
        members = np.unique(idx_arr[s : s + n])
        if len(members) < 2 or len(members) > 50:  # a key shared by very many words is uninformative
            continue
        a, b = np.triu_indices(len(members), k=1)
        pairs.append(np.stack([members[a], members[b]], axis=1))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(pairs), axis=0)


def _context_similarity(toks: "_Tokens", term_ids: np.ndarray, pairs: np.ndarray, window: int = 2) -> np.ndarray:
    """Cosine similarity of the bags of words around each term of each pair."""
    if len(pairs) == 0:
        return np.zeros(0)
    flat = toks.flat.ids
    wanted = np.unique(term_ids[pairs.ravel()])
    pos = np.flatnonzero(np.isin(flat, wanted))
    row_of = {t: i for i, t in enumerate(wanted.tolist())}
    rows, cols = [], []
    for off in [o for o in range(-window, window + 1) if o]:
        nb = pos + off
        ok = (nb >= 0) & (nb < len(flat))
        p, nb = pos[ok], nb[ok]
        ok = toks.flat.article_of(nb) == toks.flat.article_of(p)
        p, nb = p[ok], nb[ok]
        rows.append(np.fromiter((row_of[t] for t in flat[p].tolist()), dtype=np.int64, count=len(p)))
        cols.append(flat[nb])
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    ctx = sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(wanted), int(flat.max()) + 1 if len(flat) else 1))
    norms = np.sqrt(np.asarray(ctx.multiply(ctx).sum(axis=1)).ravel())
    a = np.array([row_of[t] for t in term_ids[pairs[:, 0]].tolist()], dtype=np.int64)
    b = np.array([row_of[t] for t in term_ids[pairs[:, 1]].tolist()], dtype=np.int64)
    dots = np.asarray(ctx[a].multiply(ctx[b]).sum(axis=1)).ravel()
    with np.errstate(invalid="ignore", divide="ignore"):
        sim = dots / (norms[a] * norms[b])
    return np.nan_to_num(sim)


def _outlet_list(counts: pd.Series) -> str:
    counts = counts[counts > 0].sort_values(ascending=False, kind="stable")
    return "; ".join(f"{o} ({int(n)})" for o, n in counts.items())


def discover_variants(
    corpus: Corpus,
    *,
    known: Iterable[str] = (),
    min_similarity: float = 0.75,
    min_complementarity: float = 0.5,
    min_context: float = 0.3,
    close_similarity: float = 0.85,
    proper_nouns: bool = True,
    min_length: int = 4,
    max_candidates: int = 200,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find spelling variants of names in ``corpus``.

    Parameters
    ----------
    corpus:
        The articles (with events; without them the corpus counts as one event).
    known:
        Variants already in a lexicon: a pair of two known variants is listed with
        ``in_lexicon=True`` and not counted again.
    min_similarity:
        Least spelling similarity (difflib ratio, 0-1).
    min_complementarity, min_context, close_similarity:
        A pair is accepted when the words around its two spellings are similar
        (``context_similarity >= min_context``), or when the spellings are very close
        (``similarity >= close_similarity``) and outlets choose one spelling each
        (``complementarity >= min_complementarity``).
    proper_nouns:
        Only consider words written capitalised at least half of the time.
    min_length:
        Shortest word considered.
    max_candidates:
        Most rows kept in the candidates table (accepted pairs first).

    Returns
    -------
    candidates, hits:
        The ``naming_candidates`` table (see :data:`CANDIDATE_COLUMNS`) and one row
        per mention of an accepted variant (PhraseMatcher columns plus group,
        variant, lexicon, source), ready for the naming tables.

    Examples
    --------
    >>> from framing import load_corpus
    >>> c = load_corpus([
    ...   {"id": "1", "outlet": "A", "event": "e", "text": "Vladimir Medinsky said no. Medinsky left."},
    ...   {"id": "2", "outlet": "B", "event": "e", "text": "Vladimir Madinsky said no. Madinsky left."}])
    >>> cand, hits = discover_variants(c)
    >>> cand[["term_a", "term_b", "accepted"]].values.tolist()
    [['Madinsky', 'Medinsky', True]]
    """
    from ..matching import MATCH_COLUMNS

    empty_hits = pd.DataFrame(columns=[*MATCH_COLUMNS, "group", "variant", "lexicon", "source"])
    empty = pd.DataFrame(columns=CANDIDATE_COLUMNS)
    if len(corpus) == 0:
        return empty, empty_hits
    M, terms = corpus.term_counts()
    tot = np.asarray(M.sum(axis=0)).ravel()
    term_arr = np.asarray(terms, dtype=object)
    V = len(terms)
    eligible = np.fromiter((len(t) >= min_length and t.isalpha() for t in terms), dtype=bool, count=V)
    toks = _Tokens(corpus, eligible)
    cap_counts = np.bincount(toks.ids, weights=toks.upper, minlength=V)
    mid_counts = np.bincount(toks.ids, weights=toks.mid_upper, minlength=V)
    proper = (cap_counts * 2 >= tot) & (mid_counts > 0) if proper_nouns else np.ones(V, dtype=bool)
    cand = np.flatnonzero(proper & eligible)
    if len(cand) < 2:
        return empty, empty_hits
    words = term_arr[cand].tolist()
    pairs = _deletion_pairs(words)
    if len(pairs) == 0:
        return empty, empty_hits
    keep = np.array(
        [_first_letters_ok(words[a], words[b]) and not _is_inflection(words[a], words[b]) for a, b in pairs],
        dtype=bool,
    )
    pairs = pairs[keep]
    sim = np.array([spelling_similarity(words[a], words[b]) for a, b in pairs])
    keep = sim >= min_similarity
    pairs, sim = pairs[keep], sim[keep]
    if len(pairs) == 0:
        return empty, empty_hits
    tid = cand  # candidate index -> vocabulary id
    # event x outlet cells
    arts = corpus.articles
    events = [a.event if a.event is not None else ALL_EVENTS for a in arts]
    cells = pd.MultiIndex.from_arrays([events, [a.outlet for a in arts]])
    cell_codes, cell_uniq = pd.factorize(cells)
    G = sp.csr_matrix((np.ones(len(arts)), (cell_codes, np.arange(len(arts)))), shape=(len(cell_uniq), len(arts)))
    used = np.unique(pairs.ravel())
    C = np.asarray((G @ M[:, tid[used]]).todense())  # cells x used candidates
    col = {u: j for j, u in enumerate(used.tolist())}
    ca = C[:, [col[a] for a in pairs[:, 0].tolist()]]
    cb = C[:, [col[b] for b in pairs[:, 1].tolist()]]
    cell_event = np.asarray([c[0] for c in cell_uniq], dtype=object)
    ev_codes, ev_uniq = pd.factorize(cell_event)
    E = sp.csr_matrix((np.ones(len(ev_codes)), (ev_codes, np.arange(len(ev_codes)))), shape=(len(ev_uniq), len(ev_codes)))
    shared = np.asarray(((E @ ca) > 0) & ((E @ cb) > 0)).sum(axis=0)
    keep = shared > 0
    pairs, sim, ca, cb, shared = pairs[keep], sim[keep], ca[:, keep], cb[:, keep], shared[keep]
    if len(pairs) == 0:
        return empty, empty_hits
    exclusive = ((ca > 0) ^ (cb > 0)) * (ca + cb)
    total = (ca + cb).sum(axis=0)
    compl = exclusive.sum(axis=0) / np.maximum(total, 1)
    ctx = _context_similarity(toks, tid, pairs)
    known_tokens = {phrase_tokens(k) for k in known}
    in_lex = np.array(
        [(words[a],) in known_tokens and (words[b],) in known_tokens for a, b in pairs.tolist()], dtype=bool
    )
    accepted = (ctx >= min_context) | ((sim >= close_similarity) & (compl >= min_complementarity))

    surface: dict[str, str] = {}
    word_index = {w: i for i, w in enumerate(words)}

    def show(w: str) -> str:
        if w not in surface:
            surface[w] = toks.surface(int(tid[word_index[w]])) or w
        return surface[w]

    # groups: connected components of accepted pairs not already in a lexicon
    use = accepted & ~in_lex
    group_of: dict[int, str] = {}
    if use.any():
        nodes = np.unique(pairs[use].ravel())
        pos = {n: i for i, n in enumerate(nodes.tolist())}
        adj = sp.coo_matrix(
            (np.ones(int(use.sum())), ([pos[a] for a in pairs[use, 0]], [pos[b] for b in pairs[use, 1]])),
            shape=(len(nodes), len(nodes)),
        )
        _, comp = connected_components(adj, directed=False)
        for c in np.unique(comp):
            members = nodes[comp == c]
            head = members[np.argmax(tot[tid[members]])]
            label = f"{show(words[head])} (discovered)"
            for m in members.tolist():
                group_of[m] = label
    # evidence: every mention of every candidate word
    cand_words = np.unique(pairs.ravel())
    matcher = lexicon_matcher([show(words[i]) for i in cand_words], cand_words.tolist(), owner="discover_variants")
    hits = matcher.find(corpus)
    first_sent: dict[int, str] = {}
    for r in hits.drop_duplicates("key").itertuples(index=False):
        doc = corpus.document(r.article_id)
        s = doc.sentence(int(r.sentence_index))
        first_sent[int(r.key)] = f"{s[:200]}{'…' if len(s) > 200 else ''} [{r.article_id}]"
    outlet_names = np.asarray([c[1] for c in cell_uniq], dtype=object)
    rows = []
    for k, (a, b) in enumerate(pairs.tolist()):
        # order so that term_a is the rarer spelling
        if tot[tid[a]] > tot[tid[b]] or (tot[tid[a]] == tot[tid[b]] and words[a] > words[b]):
            a, b = b, a
            cx, cy = cb[:, k], ca[:, k]
        else:
            cx, cy = ca[:, k], cb[:, k]
        by_out_a = pd.Series(cx, index=outlet_names).groupby(level=0).sum()
        by_out_b = pd.Series(cy, index=outlet_names).groupby(level=0).sum()
        ex = " | ".join(f"{show(words[w])}: {first_sent[w]}" for w in (a, b) if w in first_sent)
        rows.append(
            (show(words[a]), show(words[b]), float(sim[k]), int(tot[tid[a]]), int(tot[tid[b]]),
             _outlet_list(by_out_a), _outlet_list(by_out_b), float(compl[k]), float(ctx[k]), int(shared[k]),
             bool(in_lex[k]), bool(accepted[k]), group_of.get(a, ""), ex)
        )
    candidates = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    candidates = candidates.sort_values(
        ["accepted", "in_lexicon", "similarity", "term_b"], ascending=[False, True, False, True], kind="stable"
    ).head(max_candidates).reset_index(drop=True)
    # naming hits of the accepted, discovered groups
    if group_of and len(hits):
        k = hits["key"].to_numpy()
        sel = np.isin(k, list(group_of))
        hits = hits[sel].copy()
        hits["group"] = [group_of[int(x)] for x in hits["key"]]
        hits["variant"] = [show(words[int(x)]) for x in hits["key"]]
        hits["lexicon"] = "discovered"
        hits["source"] = "discovered"
        return candidates, hits.reset_index(drop=True)
    return candidates, empty_hits
