"""Actor roles against the hero / villain / victim annotations of the Narrative Frames corpus.

Frermann et al. (2023) annotate, per climate-change article, free-text entities with
the role hero, villain or victim. Mapping hero -> protagonist, villain -> antagonist,
victim -> innocent, each annotated entity string is given to framing's ActorAnalyzer
as a user lexicon row (so finding the entity is not what is tested; assigning its
role is), the articles are analysed one by one (event = outlet = article), and the
predicted role of the entity in its article is compared with the annotation.
An empty predicted role counts as a miss. Majority baseline: always "antagonist".

Run: python validation/actor_roles_climate.py [--shared PATH] [--no-write]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import dataset, parser, write_doc  # noqa: E402

MAP = {"hero": "protagonist", "villain": "antagonist", "victim": "innocent"}
CLASSES = ["protagonist", "antagonist", "innocent"]


def prf(gold, pred):
    gold, pred = np.asarray(gold), np.asarray(pred)
    out = {}
    for c in CLASSES:
        tp = np.sum((pred == c) & (gold == c))
        p = tp / max(np.sum(pred == c), 1)
        r = tp / max(np.sum(gold == c), 1)
        out[c] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, int(np.sum(gold == c)), int(np.sum(pred == c)))
    return out


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    root = dataset(args.shared, "narrative_frames_climate")
    from framing import Article, Corpus
    from framing.analyses.actors import ActorAnalyzer

    meta = pd.read_csv(root / "articles_metadata.tsv", sep="\t", dtype=str, keep_default_na=False)
    roles = pd.read_csv(root / "role_and_frame_annoations.tsv", sep="\t", dtype=str, keep_default_na=False)
    roles = roles[roles["role"].isin(MAP)]
    roles = roles[roles["entity"].str.strip().str.len() > 0]
    # pronoun entities ("they", "he") are left out: an alias "they" would match everywhere
    pron = {"they", "he", "she", "it", "we", "them", "i", "you", "us", "his", "her", "their"}
    roles = roles[~roles["entity"].str.strip().str.lower().isin(pron)].copy()
    roles["gold"] = roles["role"].map(MAP)
    texts = dict(zip(meta["ID"], meta["text"]))
    preds = []
    found = []
    for aid, g in roles.groupby("ID", sort=False):
        if aid not in texts:
            preds += [""] * len(g)
            found += [False] * len(g)
            continue
        lex = pd.DataFrame({"actor": g["entity"].str.strip(), "alias": g["entity"].str.strip(), "side": "",
                            "type": "group"}).drop_duplicates()
        c = Corpus([Article(id=aid, outlet=aid, title="", text=texts[aid], event=aid)])
        t = ActorAnalyzer(actors=lex, tone="auto", discover=False).fit_transform(c)["actors"]
        t = t[t["event"] == aid].set_index("actor")
        for ent in g["entity"].str.strip():
            if ent in t.index:
                preds.append(str(t.loc[ent, "role"]) if not isinstance(t.loc[ent, "role"], pd.Series) else str(t.loc[ent, "role"].iloc[0]))
                found.append(True)
            else:
                preds.append("")
                found.append(False)
    roles = roles.assign(pred=preds, found=found)
    gold, pred = roles["gold"].to_numpy(), roles["pred"].to_numpy()
    res = prf(gold, pred)
    maj = prf(gold, np.array(["antagonist"] * len(gold)))
    f = roles["found"].mean()
    covered = roles[roles["pred"] != ""]
    acc_cov = float((covered["pred"] == covered["gold"]).mean()) if len(covered) else float("nan")
    lines = [
        "# Actor roles vs Narrative Frames (climate)",
        "",
        "Gold: the hero / villain / victim entity rows of Frermann et al. (2023), mapped to SemEval-2025 Task 10 "
        "roles (hero -> protagonist, villain -> antagonist, victim -> innocent). Each annotated entity string is "
        "added as a user lexicon row; framing's evidence rules (agent of harm -> antagonist, target of harm with "
        "no agency -> innocent, agent of cooperative acts with non-negative tone -> protagonist, otherwise no role) "
        f"assign the role. {len(roles):,} entity rows (pronoun entities left out); the entity string was found "
        f"in its article for {100*f:.0f}%; a role was assigned for {100*len(covered)/len(roles):.0f}% "
        f"(accuracy on those: {100*acc_cov:.0f}%). An empty role counts as a miss.",
        "",
        "| role | gold rows | predicted | precision | recall | F1 | majority baseline F1 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for c in CLASSES:
        p, r, f1, n, k = res[c]
        lines.append(f"| {c} | {n} | {k} | {100*p:.1f} | {100*r:.1f} | {100*f1:.1f} | {100*maj[c][2]:.1f} |")
    macro = np.mean([res[c][2] for c in CLASSES])
    macro_maj = np.mean([maj[c][2] for c in CLASSES])
    lines += [
        f"| macro | {len(roles)} | {len(covered)} | | | {100*macro:.1f} | {100*macro_maj:.1f} |",
        "",
        "Reading: the rules are conservative and built for conflict news (attack, shell, invade, reject ...). "
        "Climate articles cast villains through blame and responsibility more than through physical harm, and "
        "victims are often nature or the public, rarely the grammatical object of a harm verb. Treat `role` as a "
        "pointer to its evidence sentences, not as a classifier.",
        "",
        "Reproduce: `python validation/actor_roles_climate.py`.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        print("wrote", write_doc("actor_roles_climate", text))


if __name__ == "__main__":
    main()
