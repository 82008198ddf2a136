"""Roles of actors (protagonist, antagonist, innocent) from the evidence about them.

In the sense of SemEval-2025 Task 10 (Piskorski et al. 2025): the counts of harmful and
cooperative acts an actor does or suffers, the blame and praise it gets, its mean tone, and
the kind of actor it is (``actor_kinds.csv``: a population or nature suffers, a hazard harms,
a remedy helps) are weighed into one role, or none when the evidence is thin or mixed.
:class:`~framing.analyses.actors.ActorAnalyzer` and the validation use these functions.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..lexicons import load_lexicon
from ..lexicons.actors import side_cues
from ..text import fold

__all__ = [
    "ROLES",
    "ROLE_TONE_WEIGHT",
    "ROLE_TONE_FALLBACK",
    "ROLE_TONE_FALLBACK_ROLES",
    "ROLE_PRIOR_WEIGHT",
    "ROLE_CUE_WEIGHT",
    "actor_head",
    "role_prior",
    "assign_roles",
    "assign_role",
]

#: Weight of the mean sentence tone (in [-1, 1]) against the evidence counts when choosing a role.
ROLE_TONE_WEIGHT = 0.5
#: With no action evidence at all: mean tone <= -this gives "antagonist", >= this "protagonist" (None: no
#: fallback, role ""). Both values were chosen on the training folds of the Narrative Frames climate
#: corpus (docs/validation/actor_roles_climate.md); NaN tone (no tone scorer) never gets a fallback role.
ROLE_TONE_FALLBACK: float | None = 0.0
#: The roles the tone fallback gives to a negative and a non-negative tone.
ROLE_TONE_FALLBACK_ROLES: tuple[str, str] = ("antagonist", "protagonist")
ROLES = ("protagonist", "antagonist", "innocent")


#: Weight of the kind of actor (``actor_kinds.csv``: a population or nature suffers, a hazard harms, a
#: remedy helps) against the evidence counts; None: kinds are not used. Chosen on training folds
#: (docs/validation/actor_roles_climate.md).
ROLE_PRIOR_WEIGHT: float | None = 2.0
#: Weight of a sentence where the actor is blamed or acts badly ("accused X", "X lied": antagonist
#: evidence) or is praised or acts well ("elected X", "X won": protagonist evidence), from
#: ``actor_cues.csv``, against one harmful or cooperative act.
ROLE_CUE_WEIGHT = 0.5


@lru_cache(maxsize=1)
def _kinds() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Head word -> role and (phrase, role) pairs of ``actor_kinds.csv``, plus demonym plurals (populations)."""
    df = load_lexicon("actor_kinds", owner="framing actors")
    words: dict[str, str] = {}
    phrases: list[tuple[str, str]] = []
    for w, role in zip(df["word"], df["role"]):
        w = fold(w.strip())
        if " " in w:
            phrases.append((w, role))
        else:
            words.setdefault(w, role)
    cues = side_cues()
    for plural in load_lexicon("demonyms", owner="framing actors")["plural"]:
        p = fold(plural.strip())
        if p and cues.get(p[:-1]) not in _PARTY_SIDES:
            words.setdefault(p, "innocent")  # "Americans", "Ukrainians": a population (not "Republicans")
    return words, phrases


def actor_head(actor: str) -> str:
    """The folded head of an actor's name: the words before a prepositional phrase or
    relative clause, possessive 's dropped ("residents of Miami" -> "residents").

    >>> actor_head("Residents of Miami"), actor_head("the EPA's"), actor_head("climate change in Africa")
    ('residents', 'the epa', 'climate change')
    """
    name = fold(actor.strip())
    if name.endswith("'s"):
        name = name[:-2]
    toks = name.replace("-", " ").split()
    cut = next((i for i, t in enumerate(toks) if i > 0 and t in _HEAD_PREPS), len(toks))
    return " ".join(toks[:cut])


def role_prior(actor: str, type_: str = "") -> str:
    """The role the kind of ``actor`` usually has in a story (``""`` when its kind is not listed).

    Read from the head of the actor's name (:func:`actor_head`): its last word, or a
    listed phrase it ends with, in ``actor_kinds.csv``. People (``type_ == "person"``)
    get no prior: their names say nothing about their role.

    >>> role_prior("flood victims"), role_prior("fossil fuels"), role_prior("the Paris Agreement"), role_prior("Fish", "person")
    ('innocent', 'antagonist', 'protagonist', '')
    >>> role_prior("Texans"), role_prior("Republicans"), role_prior("residents of Miami")
    ('innocent', '', 'innocent')
    """
    if type_ == "person":
        return ""
    words, phrases = _kinds()
    head = actor_head(actor)
    if not head:
        return ""
    for ph, role in phrases:
        if head == ph or head.endswith(" " + ph):
            return role
    role = words.get(head.split()[-1], "")
    if not role and _demonym_like(actor.strip()):
        role = "innocent"  # "Californians", "Texans": a population
    return role


_PARTY_SIDES = frozenset({"Democrats", "Republicans"})
_HEAD_PREPS = frozenset({"of", "in", "on", "from", "for", "at", "across", "around", "near", "with", "who", "that"})


def _demonym_like(name: str) -> bool:
    """A single capitalised plural in -ans ("Californians", "Texans"), not a party ("Republicans")."""
    if " " in name or not name[:1].isupper() or not name.endswith("ans") or len(name) < 6:
        return False
    cues = side_cues()
    return cues.get(fold(name[:-1])) not in _PARTY_SIDES and cues.get(fold(name)) not in _PARTY_SIDES


def assign_roles(
    agent_harm,
    target_harm,
    agent_positive,
    tone,
    *,
    beneficiary=0,
    prior=None,
    blamed=0,
    praised=0,
    tone_weight: float = ROLE_TONE_WEIGHT,
    tone_fallback: float | None = ROLE_TONE_FALLBACK,
    prior_weight: float | None = ROLE_PRIOR_WEIGHT,
    cue_weight: float = ROLE_CUE_WEIGHT,
    fallback_roles: tuple[str, str] = ROLE_TONE_FALLBACK_ROLES,
) -> np.ndarray:
    """Main roles for arrays of evidence counts (vectorised :func:`assign_role`)."""
    A = np.asarray(agent_harm, dtype=float) + cue_weight * np.asarray(blamed, dtype=float)
    T = np.asarray(target_harm, dtype=float) + np.asarray(beneficiary, dtype=float)
    P = np.asarray(agent_positive, dtype=float) + cue_weight * np.asarray(praised, dtype=float)
    A = np.broadcast_to(A, np.broadcast_shapes(A.shape, T.shape, P.shape))
    t = np.nan_to_num(np.asarray(tone, dtype=float), nan=0.0)
    pr = (
        np.full(A.shape, "", dtype=object) if prior is None or prior_weight is None else np.asarray(prior, dtype=object)
    )
    w = 0.0 if prior_weight is None else float(prior_weight)
    is_pro, is_ant, is_inn = pr == "protagonist", pr == "antagonist", pr == "innocent"
    # candidate scores; a role needs a piece of its own evidence or the actor's kind
    pro = np.where((P > 0) | is_pro, P + tone_weight * t + w * is_pro, -np.inf)
    ant = np.where((A > 0) | is_ant, A - tone_weight * t + w * is_ant, -np.inf)
    inn = np.where((T > 0) | is_inn, T - 0.5 * tone_weight * t + w * is_inn, -np.inf)
    S = np.stack([pro, ant, inn], axis=-1)
    best = np.argmax(S, axis=-1)
    out = np.asarray(ROLES, dtype=object)[best]
    none = ((A + T + P) == 0) & (pr == "")
    out = np.where(none, "", out)
    if tone_fallback is not None:
        tt = np.asarray(tone, dtype=float)
        low_role, high_role = fallback_roles
        out = np.where(none & (tt <= -tone_fallback), low_role, out)
        out = np.where(none & (tt >= tone_fallback), high_role, out)
    return out.astype(object)


def assign_role(agent_harm: int, target_harm: int, agent_positive: int, tone: float, **kw) -> str:
    """Main role from evidence counts (SemEval-2025 Task 10 top-level roles).

    Any evidence gives a role: each candidate role scores its count (agent of harm
    -> antagonist, target of harm or subject of suffering -> innocent, agent of a
    helping or cooperative act -> protagonist), the mean sentence tone ``t`` breaks
    ties and near ties (protagonist ``+ w t``, antagonist ``- w t``, innocent
    ``- w t / 2``, ``w = ROLE_TONE_WEIGHT``), and the highest score wins. ``""`` only
    when there is no evidence at all. With no action evidence, the sentence tone
    alone decides (weak evidence: ``tone <= -ROLE_TONE_FALLBACK`` -> antagonist,
    ``tone >= ROLE_TONE_FALLBACK`` -> protagonist); a NaN tone gives ``""``. See
    docs/voices.md and docs/validation/actor_roles_climate.md (weights chosen on
    training folds).

    >>> assign_role(3, 0, 0, -0.4), assign_role(0, 2, 0, -0.5), assign_role(0, 0, 2, 0.3), assign_role(0, 0, 0, float("nan"))
    ('antagonist', 'innocent', 'protagonist', '')
    >>> assign_role(0, 0, 0, -0.3), assign_role(0, 0, 0, -0.3, tone_fallback=None)
    ('antagonist', '')
    >>> assign_role(1, 0, 1, -0.6), assign_role(1, 0, 1, 0.6)
    ('antagonist', 'protagonist')
    """
    return str(assign_roles([agent_harm], [target_harm], [agent_positive], [tone], **kw)[0])
