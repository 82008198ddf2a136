"""Linear in the length of an article (issue 14.3): the text pipeline on very long inputs.

Usage::

    python benchmarks/long_text.py [--mb 20]

Times :func:`framing.text.parse` and :func:`framing.quotemarks.find_quotations` on a long
article (a seed article repeated, if ../shared/seeds is there, and an ASCII news-like
text), a 1 MB word, 1 MB of full stops and a 1 MB hyphenated chain, and one scikit-learn
``CountVectorizer().fit_transform`` on each long article as the baseline of the same run.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sklearn.feature_extraction.text import CountVectorizer

from framing.quotemarks import find_quotations
from framing.text import parse


def _cases(mb: float) -> dict[str, str]:
    n = int(mb * 1_000_000)
    line = "Talks in Kyiv ended. 'We will not give up,' Mr. Smith said on Monday.\n"
    cases = {f"{mb:g} MB ASCII article": line * (n // len(line))}
    seeds = sorted((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("*.txt"))
    if seeds:
        seed = seeds[-1].read_text(encoding="utf-8") + "\n"
        cases[f"{mb:g} MB article ({seeds[-1].name} repeated)"] = seed * (n // len(seed))
    cases["1 MB word"] = "a" * 1_000_000
    cases["1 MB of '.'"] = "." * 1_000_000
    cases["1 MB hyphenated chain"] = "-".join(["ab"] * 333_333)
    return cases


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the long articles in millions of characters")
    args = ap.parse_args()
    for name, text in _cases(args.mb).items():
        t = time.perf_counter()
        doc = parse(text)
        t_parse = time.perf_counter() - t
        t = time.perf_counter()
        spans = find_quotations(text)
        t_quotes = time.perf_counter() - t
        line = (
            f"{name:40s} {len(text) / 1e6:5.1f} M chars  parse {t_parse:6.2f} s ({doc.n_tokens} tokens, "
            f"{doc.n_sentences} sentences)  find_quotations {t_quotes:5.2f} s ({len(spans)} quotations)"
        )
        if len(text) > 5_000_000:
            t = time.perf_counter()
            CountVectorizer().fit_transform([text])
            line += f"  CountVectorizer {time.perf_counter() - t:5.2f} s"
        print(line, flush=True)


if __name__ == "__main__":
    main()
