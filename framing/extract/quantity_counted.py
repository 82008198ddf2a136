"""What a quantity counts or measures: the head noun after the number, the outcome
("killed", "injured"), the event a duration measures, and "per side" markers.

A mixin of :class:`framing.analyses.quantity_parser._Parser` (it reads the parser's
tokens and gaps).
"""

from __future__ import annotations

from typing import ClassVar

from .quantity_tokens import _TokenView
from .quantity_words import (
    _EVENT_NOUNS,
    _EVENT_OF,
    _MONTHS,
    _OUTCOMES,
    _SKIP_ADJ,
    _STOP,
    APPROX_WORDS,
    _lemma,
)

__all__: list[str] = []


class _CountedMixin(_TokenView):
    """Head nouns, outcomes, measured events and per-side markers (see the module docstring)."""

    def _head_noun(self, k: int, *, allow_names: bool = False) -> tuple[str, int]:
        """The counted noun from token k: skip adjectives, stop at function words."""
        toks, n = self.toks, self.n
        skipped = 0
        while k < n and skipped <= 3:
            if not self.plain_gap(k) and self.gap(k).strip() != "-":
                return "", k
            t = toks[k]
            o = self.orig(k)
            if not t[0].isalpha():
                return "", k
            if t in _STOP or (t in _MONTHS and o[:1].isupper()):
                return "", k
            is_name = o[:1].isupper() and not o[:2].isupper()  # acronyms (POWs, UAVs) are nouns
            if is_name and not allow_names and t.endswith("s") and not t.endswith("ss") and len(t) > 3:
                return _lemma(t), k + 1  # "8,000 Ukrainians", "Democrats"
            if (
                t in _SKIP_ADJ
                or (is_name and not allow_names and not o.isupper())
                or (
                    "-" in t
                    and t.split("-")[-1] in _SKIP_ADJ | {"range", "old", "long", "strong", "based", "year", "day"}
                )
                or (t.endswith(("ian", "ese", "ish")) and is_name)
            ):
                if allow_names and is_name:
                    return _lemma(t), k + 1
                k += 1
                skipped += 1
                continue
            # noun compounds: "immigration judges", "port facilities" (head = the plural that follows)
            if not t.endswith("s") and k + 1 < n and self.plain_gap(k + 1):
                nx, no = toks[k + 1], self.orig(k + 1)
                if (
                    nx.isalpha()
                    and nx.endswith("s")
                    and not nx.endswith("ss")
                    and nx not in _STOP
                    and not no[:1].isupper()
                    and len(nx) > 3
                ):
                    return _lemma(nx), k + 2
            return _lemma(t), k + 1
        return "", k

    def _outcome(self, start: int, j: int) -> str:
        """What happened to the counted ("killed", "injured"): "killing two", "two people were killed"."""
        toks, n = self.toks, self.n
        if start > 0 and toks[start - 1] in _OUTCOMES and self.plain_gap(start):
            return _OUTCOMES[toks[start - 1]]
        k = j
        while (
            k < n
            and k < j + 3
            and toks[k]
            in ("were", "was", "have", "has", "had", "been", "are", "being", "reportedly", "more", "others", "other")
            and self.plain_gap(k)
        ):
            k += 1
        if k < n and toks[k] in _OUTCOMES and self.plain_gap(k):
            return _OUTCOMES[toks[k]]
        return ""

    def _measured(self, i: int, j: int, hyphen: bool) -> str:
        toks = self.toks
        sent = self.sents[i]
        if hyphen:
            noun, _ = self._head_noun(j)
            return noun
        # "three hours of talks", "eleven hours of debate"
        if j + 1 < self.n and toks[j] == "of":
            k = j + 1
            while k < self.n and (toks[k] in _SKIP_ADJ or toks[k] in ("the", "direct", "intense", "tense")):
                k += 1
            if k < self.n and toks[k] in _EVENT_NOUNS:
                return _EVENT_OF.get(toks[k]) or _lemma(toks[k])
        # "a ceasefire of 2-3 days"
        k = i - 1
        while k >= 0 and toks[k] in APPROX_WORDS and not (toks[k] == "of" and k >= 1 and toks[k - 1] in _EVENT_NOUNS):
            k -= 1
        if k >= 1 and toks[k] == "of" and toks[k - 1] in _EVENT_NOUNS:
            return _EVENT_OF.get(toks[k - 1]) or _lemma(toks[k - 1])
        # a duration verb shortly before the number, and an event noun before it
        lo = i
        while lo > 0 and self.sents[lo - 1] == sent and i - lo < 25:
            lo -= 1
        window = toks[lo:i]
        vpos = None
        for p in range(len(window) - 1, max(-1, len(window) - 9), -1):
            if window[p] in (
                "lasted",
                "last",
                "lasting",
                "lasts",
                "took",
                "concluded",
                "ended",
                "wrapped",
                "ran",
                "continued",
                "finished",
                "went",
                "long",
            ):
                vpos = p
                break
        if vpos is None:
            # "walked out after less than two hours", "Talks Fizzle in Under Two Hours"
            p = len(window) - 1
            while p >= 0 and window[p] in APPROX_WORDS and window[p] not in ("in", "after", "within", "for"):
                p -= 1
            if p >= 0 and window[p] in ("after", "in", "within", "for"):
                vpos = p
            else:
                return ""
        for p in range(vpos - 1, -1, -1):
            w = window[p]
            if w in _EVENT_NOUNS:
                return _EVENT_OF.get(w) or _lemma(w)
        return ""

    _PER_PATTERNS: ClassVar[list[tuple[tuple[str, ...], str]]] = [
        (("from", "each", "side"), "side"),
        (("on", "each", "side"), "side"),
        (("for", "each", "side"), "side"),
        (("each", "side"), "side"),
        (("per", "side"), "side"),
        (("a", "side"), "side"),
        (("from", "each", "country"), "side"),
        (("per", "country"), "side"),
        (("from", "either", "side"), "side"),
        (("on", "either", "side"), "side"),
        (("each",), "each"),
        (("apiece",), "each"),
        (("per", "party"), "side"),
        (("from", "each", "party"), "side"),
    ]
    #: First words of :attr:`_PER_PATTERNS` (a quick test before trying them all).
    _PER_FIRST: ClassVar[frozenset[str]] = frozenset(p[0] for p, _ in _PER_PATTERNS)

    def _per(self, j: int, counted: str) -> tuple[str, int]:
        """ "from each side", "each", "apiece" after the quantity: (kind, token after it), or ("", j)."""
        toks, n = self.toks, self.n
        k = j
        # allow "of war" ("prisoners of war from each side")
        if k + 1 < n and toks[k] == "of" and toks[k + 1] == "war":
            k += 2
        for _ in range(2):
            for pat, kind in self._PER_PATTERNS if k < n and toks[k] in self._PER_FIRST else ():
                L = len(pat)
                if tuple(toks[k : k + L]) == pat and all(self.plain_gap(x) for x in range(k, k + L) if x > 0):
                    # "each" must not start a new clause ("each of them")
                    if (
                        pat == ("each",)
                        and k + 1 < n
                        and toks[k + 1] in ("of", "other", "year", "day", "week", "month", "time")
                    ):
                        continue
                    return kind, k + L
            # one word may sit between ("1,000 POWs killed from each side" is rare; allow "soldiers
            # killed"?) -> no: only skip a past participle of "killed"/"held"/"captured"
            if k < n and toks[k] in ("held", "captured", "killed", "detained", "released") and self.plain_gap(k):
                k += 1
                continue
            break
        return "", j
