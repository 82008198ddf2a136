"""Discover naming variants that no lexicon lists (Medinsky / Madinsky, Kharkov / Kharkiv).

Spelling variants of one name are found from the corpus itself, in four steps,
all on whole arrays or on small candidate sets:

1. **Candidates.** Words of four letters or more that are written capitalised at
   least 80 % of the time and at least once inside a sentence (names of people
   and places, not "These" at a sentence start nor a common word such as "state";
   ``proper_nouns=False`` lifts this), from the corpus vocabulary.
2. **Close spelling.** Pairs at a small edit distance are found with a
   deletion-neighbourhood join (the SymSpell idea: two words share a key when
   deleting at most one character from each makes them equal; this covers one
   substitution, insertion or deletion, and many two-edit pairs such as
   Kiev / Kyiv), then scored with :class:`difflib.SequenceMatcher`'s ratio.
   Inflections, plurals, demonyms and calendar words (Russia / Russian, Minister /
   Ministry, German / Germany, Luhansk / Luhanska, March / Marco) are left out
   (:func:`framing.analyses.discovery_rules.not_variants`), and both words must start
   with the same letter (or g / h, as in Horlivka / Gorlovka).
3. **Same event.** Both words must occur in at least one common event: outlets
   covering the same story with different spellings.
4. **Complementary use or shared contexts.** ``complementarity`` is the share of
   the pair's mentions made by outlets (within an event) that use only one of the
   two spellings (1: every outlet sticks to one spelling; 0: every outlet mixes
   them); ``context_similarity`` is the cosine similarity of the words around each
   spelling (two words either side). A pair is accepted when its spelling
   similarity reaches ``min_similarity`` and either the contexts are similar, or the
   spellings are very close, their use is complementary and they share some context.

Accepted pairs are joined into groups (connected components) and counted like
lexicon variants, with ``source == "discovered"``. A group that holds a lexicon
variant is not a group of its own: its other words join that lexicon group as
variants of it (a misspelling "Kiyv" joins the group Kyiv), and the lexicon's words
are counted once, by the lexicon. Every candidate pair, accepted or not, is listed in
the ``naming_candidates`` table with its evidence. A variant found by discovery with
fewer than ``min_count`` mentions in an event is listed but left out of the test
(:func:`framing.analyses.naming.naming_table`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ..corpus import Corpus
from ..matching import PhraseMatcher, phrase_tokens
from ..text import fold
from .discovery_rules import not_variants

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

#: Least share of a word's uses written capitalised for it to be a name: a word also
#: written in lower case ("state", "racists") is a common word, not a name.
_NAME_CAPITALISED = 0.8
#: First letters that alternate in transliteration (Horlivka / Gorlovka).
_FIRST_LETTER_SWAPS = frozenset([("g", "h"), ("h", "g")])


def spelling_similarity(a: str, b: str) -> float:
    """Similarity of two spellings in [0, 1] (difflib ratio of the folded words).

    >>> round(spelling_similarity("Medinsky", "Madinsky"), 3)
    0.875
    """
    return difflib.SequenceMatcher(None, fold(a), fold(b), autojunk=False).ratio()


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
        art = np.repeat(np.arange(len(arts)), np.diff(bounds))  # the article of each eligible token
        chunk_start = 0
        size = 0
        for k, a in enumerate(arts):
            size += len(a.document_text) + 1
            if size >= 1_000_000 or k == len(arts) - 1:
                lo, hi = int(bounds[chunk_start]), int(bounds[k + 1])
                self._flags(arts[chunk_start : k + 1], art[lo:hi] - chunk_start, starts[lo:hi], lo)
                chunk_start, size = k + 1, 0

    def _flags(self, arts, art: np.ndarray, starts: np.ndarray, out: int) -> None:
        """Set ``upper``/``mid_upper`` of tokens ``out:out + len(starts)`` of the articles ``arts``."""
        texts = [a.document_text for a in arts]
        text_off = np.zeros(len(arts), dtype=np.int64)
        np.cumsum(np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))[:-1], out=text_off[1:])
        chars = _code_points("".join(" " + t for t in texts))
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
            ((prev2 >= 48) & (prev2 <= 57))
            | ((prev2 >= 65) & (prev2 <= 90))
            | ((prev2 >= 97) & (prev2 <= 122))
            | (prev2 == 44)
            | (prev2 == 58)
            | (prev2 == 59)
            | (prev2 == 41)
            | (prev2 > 127)
        )
        self.upper[out : out + len(starts)] = up
        self.mid_upper[out : out + len(starts)] = up & (prev == 32) & p2_ok & (starts >= 2)

    def surfaces(self, term_ids: np.ndarray, limit: int = 50) -> np.ndarray:
        """The commonest capitalised written form of each vocabulary word in ``term_ids``
        ("" for a word never written capitalised), as an object array.

        Only the first ``limit`` capitalised occurrences of a word count; of equally
        common forms, the one seen first wins. All words at once: their capitalised
        positions sorted by id (stably, so each word's in corpus order), the first
        ``limit`` of each cut from the texts, and the forms counted per word on arrays.
        """
        term_ids = np.asarray(term_ids, dtype=np.int64)
        wanted, inv = np.unique(term_ids, return_inverse=True)
        is_wanted = np.zeros(int(max(self.ids.max(initial=0), wanted.max(initial=0))) + 1, dtype=bool)
        is_wanted[wanted] = True
        sel = np.flatnonzero(self.upper & is_wanted[self.ids])
        word = np.searchsorted(wanted, self.ids[sel])
        order = np.argsort(word * len(self.pos) + sel)  # by word, then position (the codes are distinct)
        sel, word = sel[order], word[order]
        rank = np.arange(len(sel)) - np.searchsorted(word, word)  # occurrence number within the word
        sel, word = sel[rank < limit], word[rank < limit]
        found = np.full(len(wanted), "", dtype=object)
        if len(sel):
            pos = self.pos[sel]
            texts = [a.document_text for a in self.arts]
            forms = np.empty(len(pos), dtype=object)
            forms[:] = [
                texts[a][s:e]
                for a, s, e in zip(
                    self.flat.article_of(pos).tolist(), self.flat.starts[pos].tolist(), self.flat.ends[pos].tolist()
                )
            ]
            codes, uniq = pd.factorize(forms)
            key = word * len(uniq) + codes
            cell, first, count = np.unique(key, return_index=True, return_counts=True)
            cell_word = cell // len(uniq)
            best = _first_of_runs(cell_word, np.lexsort((first, -count, cell_word)))
            found[cell_word[best]] = forms[first[best]]
        return found[inv.ravel()]


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as an array, in as few bytes each as they need
    (UTF-16 when that has no surrogate pairs, so one unit per character)."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    utf16 = text.encode("utf-16-le")
    if len(utf16) == 2 * len(text):
        return np.frombuffer(utf16, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _first_of_runs(keys: np.ndarray, order: np.ndarray) -> np.ndarray:
    """The first entry of ``order`` (indices sorted so that equal ``keys`` are adjacent)
    for each distinct key."""
    k = keys[order]
    return order[np.r_[True, k[1:] != k[:-1]]] if len(order) else order


def _deletion_pairs(words: list[str], max_share: int = 50) -> np.ndarray:
    """Index pairs (i < j) of words within a small edit distance (shared deletion key).

    The keys of a word are the word and each way of deleting one of its characters; a
    key shared by more than ``max_share`` words is uninformative and left out. The
    (key, word) entries are sorted once, and the pairs within each key are enumerated on
    arrays (each entry with every later entry of its key), sorted, duplicates dropped.
    """
    if not words:
        return np.zeros((0, 2), dtype=np.int64)
    keys = words + [w[:p] + w[p + 1 :] for w in words for p in range(len(w))]
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    word = np.r_[np.arange(len(words)), np.repeat(np.arange(len(words)), lengths)]
    codes, _ = pd.factorize(np.asarray(keys, dtype=object))
    shared = np.bincount(codes)[codes] >= 2  # only keys met more than once can pair words
    entry = np.unique(codes[shared] * len(words) + word[shared])  # (key, word), each once, sorted
    code, word = np.divmod(entry, len(words))
    start = np.searchsorted(code, code)  # first entry of each entry's key
    size = np.searchsorted(code, code, side="right") - start
    later = np.where((size >= 2) & (size <= max_share), start + size - 1 - np.arange(len(code)), 0)
    left = np.repeat(np.arange(len(code)), later)
    right = left + 1 + np.arange(len(left)) - np.repeat(np.cumsum(later) - later, later)
    pair = np.unique(word[left] * len(words) + word[right])
    return np.stack(np.divmod(pair, len(words)), axis=1)


def _context_similarity(toks: _Tokens, term_ids: np.ndarray, pairs: np.ndarray, window: int = 2) -> np.ndarray:
    """Cosine similarity of the bags of words around each term of each pair.

    The terms are candidates, so eligible tokens: their positions come from ``toks``.
    Each (term, neighbour) entry within ``window`` tokens in the same article is counted
    once on sorted codes, giving the terms x vocabulary context matrix directly.
    """
    if len(pairs) == 0:
        return np.zeros(0)
    flat = toks.flat
    n_terms = int(flat.ids.max()) + 1 if len(flat.ids) else 1
    wanted = np.unique(term_ids[pairs.ravel()])
    row_of = np.full(n_terms, -1, dtype=np.int64)
    row_of[wanted] = np.arange(len(wanted))
    row = row_of[toks.ids]
    wanted_tok = row >= 0
    pos, row = toks.pos[wanted_tok], row[wanted_tok]
    art = flat.article_of(pos)
    lo, hi = flat.indptr[art], flat.indptr[art + 1]
    entries = []
    for off in [o for o in range(-window, window + 1) if o]:
        nb = pos + off
        ok = (nb >= lo) & (nb < hi)
        entries.append(row[ok] * n_terms + flat.ids[nb[ok]])
    key, count = np.unique(np.concatenate(entries), return_counts=True)
    r, c = np.divmod(key, n_terms)
    ctx = sp.csr_matrix(
        (count.astype(float), c, np.searchsorted(r, np.arange(len(wanted) + 1))), shape=(len(wanted), n_terms)
    )
    norms = np.sqrt(np.bincount(r, weights=count.astype(float) ** 2, minlength=len(wanted)))
    a = row_of[term_ids[pairs[:, 0]]]
    b = row_of[term_ids[pairs[:, 1]]]
    dots = np.asarray(ctx[a].multiply(ctx[b]).sum(axis=1)).ravel()
    with np.errstate(invalid="ignore", divide="ignore"):
        sim = dots / (norms[a] * norms[b])
    return np.nan_to_num(sim)


def _outlet_list(counts: np.ndarray, names: np.ndarray) -> str:
    """``"Outlet (n); ..."`` for the outlets with a nonzero count, commonest first (ties in name order)."""
    nz = np.flatnonzero(counts > 0)
    nz = nz[np.argsort(-counts[nz], kind="stable")]
    return "; ".join(f"{names[i]} ({int(counts[i])})" for i in nz.tolist())


class _Cells:
    """The event x outlet cells of a corpus (articles without an event in :data:`ALL_EVENTS`),
    in order of first appearance, as sparse indicator matrices: ``articles`` (cells x
    articles), ``events`` (events x cells) and ``outlets`` (outlets x cells, the outlets in
    the order of ``outlet_names``, sorted)."""

    def __init__(self, corpus: Corpus) -> None:
        arts = corpus.articles
        events = corpus.event_labels().tolist()
        codes, uniq = pd.factorize(pd.MultiIndex.from_arrays([events, [a.outlet for a in arts]]))
        self.articles = _indicator(codes, len(uniq))
        ev_codes, ev_uniq = pd.factorize(np.asarray([c[0] for c in uniq], dtype=object))
        self.events = _indicator(ev_codes, len(ev_uniq))
        self.outlet_names, out_codes = np.unique(np.asarray([c[1] for c in uniq], dtype=object), return_inverse=True)
        self.outlets = _indicator(out_codes.ravel(), len(self.outlet_names))

    def counts(self, M: sp.csr_matrix, term_ids: np.ndarray) -> sp.csr_matrix:
        """Counts of the vocabulary words ``term_ids`` (rows) in each cell (columns), from the
        articles x terms counts ``M``."""
        return (self.articles @ M[:, term_ids]).T.tocsr()

    def by_outlet(self, counts: sp.csr_matrix) -> np.ndarray:
        """Words x cells ``counts`` summed per outlet (dense, words x outlets)."""
        return (counts @ self.outlets.T).toarray()


def _indicator(codes: np.ndarray, n: int) -> sp.csr_matrix:
    """The ``n x len(codes)`` 0/1 matrix with a one at ``(codes[j], j)``."""
    return sp.csr_matrix((np.ones(len(codes), dtype=np.int64), (codes, np.arange(len(codes)))), shape=(n, len(codes)))


def _row_dots(X: sp.csr_matrix, Y: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``X[a[k]] . Y[b[k]]`` for each ``k``: dot products of rows of two sparse matrices."""
    return np.asarray(X[a].multiply(Y[b]).sum(axis=1)).ravel()


def _complementarity(W: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per pair of words (rows ``a[k]``, ``b[k]`` of the words x cells counts ``W``), the share
    of their mentions made in cells that use only one of the two.

    The mentions in cells using both are ``W[a] . [W[b] > 0] + [W[a] > 0] . W[b]``, so no
    dense cells x pairs array is needed; the counts are integers, the shares exact.
    """
    present = (W > 0).astype(np.int64)
    n = np.asarray(W.sum(axis=1)).ravel()
    total = n[a] + n[b]
    both = _row_dots(W, present, a, b) + _row_dots(present, W, a, b)
    return (total - both) / np.maximum(total, 1)


def _components(a: np.ndarray, b: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Connected components of the graph with edges ``a[k]``--``b[k]``.

    Returns its nodes (sorted), the component of each node (0, 1, ...), and the head of
    each component: its node of largest ``weight`` (of equal ones, the smallest).
    """
    nodes = np.unique(np.r_[a, b]).astype(np.int64)
    if len(nodes) == 0:
        return nodes, nodes, nodes
    n = len(nodes)
    adj = sp.coo_matrix((np.ones(len(a)), (np.searchsorted(nodes, a), np.searchsorted(nodes, b))), shape=(n, n))
    _, comp = connected_components(adj, directed=False)
    heads = nodes[_first_of_runs(comp, np.lexsort((np.arange(n), -weight[nodes], comp)))]
    return nodes, comp, heads


def _regroup(a: np.ndarray, b: np.ndarray, drop: np.ndarray, weight: np.ndarray):
    """:func:`_components` of the edges ``a``--``b`` without the nodes ``drop``."""
    keep = ~(np.isin(a, drop) | np.isin(b, drop))
    return _components(a[keep], b[keep], weight)


def _top_block(keys: list[np.ndarray], n_keep: int) -> np.ndarray:
    """The rows that can be among the first ``n_keep`` when sorted by ``keys`` (most
    significant first, ascending) and then by one more key not known yet: every row up to
    the ``n_keep``-th and those tied with it. Sorted by ``keys``, ties in row order."""
    n = len(keys[0])
    order = np.lexsort([np.arange(n), *keys[::-1]])
    if n_keep <= 0:
        return order[:0]
    if n_keep >= n:
        return order
    last = order[n_keep - 1]
    tied = np.ones(n - n_keep, dtype=bool)
    for k in keys:
        tied &= k[order[n_keep:]] == k[last]
    return order[: n_keep + int(tied.sum())]  # the tied rows follow it in order


def _first_sentences(corpus: Corpus, hits: pd.DataFrame, keys: np.ndarray) -> dict[int, str]:
    """For each of ``keys`` matched in ``hits``, its first matched sentence (cut at 200
    characters) followed by ``[article id]``."""
    if len(hits) == 0:
        return {}
    uk, first = np.unique(hits["key"].to_numpy(dtype=np.int64), return_index=True)
    want = np.isin(uk, keys)
    uk, first = uk[want], first[want]
    art = hits["article_id"].to_numpy()[first].tolist()
    sent = hits["sentence_index"].to_numpy()[first].tolist()
    out = {}
    for key, a, i in zip(uk.tolist(), art, sent):
        s = corpus.document(a).sentence(int(i))
        out[key] = f"{s[:200]}{'…' if len(s) > 200 else ''} [{a}]"
    return out


def discover_variants(
    corpus: Corpus,
    *,
    known: Iterable[str] | Mapping[str, tuple[str, str]] = (),
    min_similarity: float = 0.75,
    min_complementarity: float = 0.5,
    min_context: float = 0.3,
    close_similarity: float = 0.85,
    min_close_context: float = 0.1,
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
        Variants already in a lexicon, or a mapping of each to its ``(lexicon, group)``:
        a word close to a known variant joins that lexicon group (as its own variant)
        instead of making a group of its own; a pair of two known variants is listed with
        ``in_lexicon=True`` and not counted again.
    min_similarity:
        Least spelling similarity (difflib ratio, 0-1).
    min_complementarity, min_context, close_similarity, min_close_context:
        A pair is accepted when the words around its two spellings are similar
        (``context_similarity >= min_context``), or when the spellings are very close
        (``similarity >= close_similarity``), outlets choose one spelling each
        (``complementarity >= min_complementarity``) and the two spellings share some
        context (``context_similarity >= min_close_context``: Michael / Michel, two
        people, never share the words around them).
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

    empty_hits = pd.DataFrame(columns=[*MATCH_COLUMNS, "group", "variant", "lexicon", "source", "discovered"])
    empty = pd.DataFrame(columns=CANDIDATE_COLUMNS)
    if len(corpus) == 0:
        return empty, empty_hits
    M, terms = corpus.term_counts()
    tot = np.asarray(M.sum(axis=0)).ravel()
    term_arr = np.asarray(terms, dtype=object)
    V = len(terms)
    eligible = (np.fromiter(map(len, terms), dtype=np.int64, count=V) >= min_length) & np.fromiter(
        map(str.isalpha, terms), dtype=bool, count=V
    )
    toks = _Tokens(corpus, eligible)
    cap_counts = np.bincount(toks.ids, weights=toks.upper, minlength=V)
    mid_counts = np.bincount(toks.ids, weights=toks.mid_upper, minlength=V)
    proper = (cap_counts >= _NAME_CAPITALISED * tot) & (mid_counts > 0) if proper_nouns else np.ones(V, dtype=bool)
    cand = np.flatnonzero(proper & eligible)
    if len(cand) < 2:
        return empty, empty_hits
    words = term_arr[cand].tolist()
    pairs = _deletion_pairs(words)
    if len(pairs) == 0:
        return empty, empty_hits
    tid = cand  # candidate index -> vocabulary id
    word_arr = term_arr[cand]
    # the candidates' counts per event x outlet cell; the pairs that share no event are
    # left out first (on arrays), so the spelling checks run on fewer pairs
    cells = _Cells(corpus)
    used, inv = np.unique(pairs, return_inverse=True)
    ia, ib = inv.reshape(pairs.shape).T  # each pair's two words as rows of W
    W = cells.counts(M, tid[used])  # used words x cells
    in_event = (W @ cells.events.T > 0).astype(np.int64)  # used words x events
    shared = _row_dots(in_event, in_event, ia, ib)
    keep = shared > 0
    pairs, ia, ib, shared = pairs[keep], ia[keep], ib[keep], shared[keep]
    keep = np.array(
        [_first_letters_ok(words[a], words[b]) and not not_variants(words[a], words[b]) for a, b in pairs.tolist()],
        dtype=bool,
    )
    pairs, ia, ib, shared = pairs[keep], ia[keep], ib[keep], shared[keep]
    sim = np.array([spelling_similarity(words[a], words[b]) for a, b in pairs.tolist()], dtype=float)
    keep = sim >= min_similarity
    pairs, sim, ia, ib, shared = pairs[keep], sim[keep], ia[keep], ib[keep], shared[keep]
    if len(pairs) == 0:
        return empty, empty_hits
    compl = _complementarity(W, ia, ib)
    ctx = _context_similarity(toks, tid, pairs)
    known_map = dict(known) if isinstance(known, Mapping) else dict.fromkeys(known, ("", ""))
    known_words: dict[str, tuple[str, str]] = {}
    for k, v in known_map.items():
        t = phrase_tokens(k)
        if len(t) == 1:
            known_words.setdefault(t[0], tuple(v))
    is_known = np.asarray(pd.Index(word_arr[used]).isin(list(known_words)), dtype=bool)
    in_lex = is_known[ia] & is_known[ib]
    accepted = (ctx >= min_context) | (
        (sim >= close_similarity) & (compl >= min_complementarity) & (ctx >= min_close_context)
    )
    tot_used = tot[tid[used]]
    # groups: connected components of accepted pairs not already in a lexicon; a word that
    # is a form of its group's head (Kakhovska, joined to Kakhovka through a misspelling
    # close to both) leaves the group
    nodes, comp, heads = _components(ia[accepted & ~in_lex], ib[accepted & ~in_lex], tot_used)
    if len(nodes):
        head_word = word_arr[used[heads[comp]]]
        stay = np.array(
            [not not_variants(w, h) for w, h in zip(word_arr[used[nodes]].tolist(), head_word.tolist())], dtype=bool
        )
        if not stay.all():
            nodes, comp, heads = _regroup(ia[accepted & ~in_lex], ib[accepted & ~in_lex], nodes[~stay], tot_used)
    # term_a is the rarer spelling (of equally common ones, the first alphabetically)
    words_u = np.asarray(word_arr[used].tolist(), dtype=str)  # NumPy strings compare by code point, as str does
    swap = (tot_used[ia] > tot_used[ib]) | ((tot_used[ia] == tot_used[ib]) & (words_u[ia] > words_u[ib]))
    wa, wb = np.where(swap, ib, ia), np.where(swap, ia, ib)
    # the rows kept: ranked on arrays; written forms only for the rows that can make the cut
    n_keep = len(range(len(pairs))[:max_candidates])  # as DataFrame.head(max_candidates)
    block = _top_block([~accepted, in_lex, -sim], n_keep)
    show = np.full(len(used), None, dtype=object)  # written form of each used word, where needed
    need = np.unique(np.r_[nodes, wa[block], wb[block]])
    forms = toks.surfaces(tid[used[need]])
    show[need] = np.where(forms == "", word_arr[used[need]], forms)
    term_b_rank = np.unique(show[wb[block]], return_inverse=True)[1].ravel()
    rows = block[np.lexsort((block, term_b_rank, -sim[block], in_lex[block], ~accepted[block]))]
    rows = rows[:n_keep]
    group = np.full(len(used), "", dtype=object)  # group label of each used word ("" if none)
    group[nodes] = np.array([f"{h} (discovered)" for h in show[heads].tolist()], dtype=object)[comp]
    lexicon = np.full(len(used), "discovered", dtype=object)
    counted = np.ones(len(nodes), dtype=bool)  # which grouped words get hits of their own
    if is_known[nodes].any():
        # a group with a lexicon variant: its other words join that lexicon group, and the
        # lexicon variants are counted by the lexicon only (never twice)
        lex_of = np.array([known_words.get(w, ("", "")) for w in word_arr[used[nodes]].tolist()], dtype=object)
        for c in np.unique(comp[is_known[nodes]]).tolist():
            members = np.flatnonzero(comp == c)
            owners = {tuple(lex_of[m]) for m in members if is_known[nodes[m]]}
            if len(owners) == 1 and next(iter(owners))[1]:
                lex_name, lex_group = next(iter(owners))
                group[nodes[members]] = lex_group
                lexicon[nodes[members]] = lex_name
            else:  # close to variants of several groups (or of an unnamed lexicon): not counted
                group[nodes[members]] = ""
                counted[members] = False
        counted &= ~is_known[nodes]
    # evidence: every mention of the grouped words and of the kept rows' words
    look = np.unique(np.r_[nodes, wa[rows], wb[rows]])
    hits = PhraseMatcher(zip(show[look].tolist(), used[look].tolist())).find(corpus)
    first_sent = _first_sentences(corpus, hits, used[np.r_[wa[rows], wb[rows]]])
    by_outlet = cells.by_outlet(W[np.r_[wa[rows], wb[rows]]])
    outlets = [_outlet_list(row, cells.outlet_names) for row in by_outlet]
    examples = [
        " | ".join(f"{show[w]}: {first_sent[int(used[w])]}" for w in (x, y) if int(used[w]) in first_sent)
        for x, y in zip(wa[rows].tolist(), wb[rows].tolist())
    ]
    candidates = pd.DataFrame(
        {
            "term_a": pd.Series(show[wa[rows]], dtype=str),
            "term_b": pd.Series(show[wb[rows]], dtype=str),
            "similarity": sim[rows].astype(float),
            "count_a": tot_used[wa[rows]].astype(np.int64),
            "count_b": tot_used[wb[rows]].astype(np.int64),
            "outlets_a": pd.Series(outlets[: len(rows)], dtype=str),
            "outlets_b": pd.Series(outlets[len(rows) :], dtype=str),
            "complementarity": compl[rows].astype(float),
            "context_similarity": ctx[rows].astype(float),
            "shared_events": shared[rows].astype(np.int64),
            "in_lexicon": in_lex[rows],
            "accepted": accepted[rows],
            "group": pd.Series(group[wa[rows]], dtype=str),
            "examples": pd.Series(examples, dtype=str),
        },
        columns=CANDIDATE_COLUMNS,
    )
    # naming hits of the accepted, discovered groups
    if counted.any() and len(hits):
        row_of = np.full(len(cand), -1, dtype=np.int64)
        row_of[used] = np.arange(len(used))
        k = row_of[hits["key"].to_numpy(dtype=np.int64)]  # rows of W
        member = np.isin(k, nodes[counted])
        hits, k = hits[member].copy(), k[member]
        hits["group"] = group[k]
        hits["variant"] = show[k]
        hits["lexicon"] = lexicon[k]
        hits["source"] = np.where(lexicon[k] == "discovered", "discovered", "lexicon").astype(object)
        hits["discovered"] = True
        return candidates, hits.reset_index(drop=True)
    return candidates, empty_hits
