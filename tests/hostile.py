"""A folder of broken and hostile inputs, as a scraper might leave behind.

``make_hostile_folder(path)`` writes it and returns the inputs that must be accounted
for (every entry that is not hidden). Used by ``tests/test_hostile.py``; also handy by
hand: ``python tests/hostile.py /tmp/hostile && framing report /tmp/hostile``.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

#: Strings that have broken or fooled software somewhere; each goes into every field.
PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://example.invalid","click")',
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,1)",
    r"A $\frac{$ B",
    "$x^$ and $$",
    "{{7*7}} ${7*7} %s %n",
    "../../../etc/passwd",
    "Robert'); DROP TABLE articles;--",
    "nul\x00byte and bell\x07 and escape\x1b[31m",
    "right-to-left \u202eoverride\u202c",
    "Ky\u200biv with zero\u200dwidth and soft\u00adhyphen",
    "\ud800 lone surrogate",
    "emoji 👩‍👩‍👧 and Z̸̢͉a̴l̵g̶o̷",
    "line\u2028separator\u2029paragraph",
    "\\ backslash \\n not a newline",
]

#: A few articles, so the analyses have real work next to the junk.
ARTICLES = [
    (
        "Daily Post",
        "Talks end in Istanbul",
        "Russian and Ukrainian delegations met in Istanbul on Friday for their first direct talks in three years. "
        "The meeting ended with an agreement to exchange 1,000 prisoners from each side, officials said. "
        '"We are ready to continue," Rustem Umerov told reporters after the talks.',
    ),
    (
        "Evening Star",
        "Kiev and Moscow agree swap",
        "Kiev and Moscow agreed on Friday to swap 1,000 prisoners each after talks in Istanbul, the first in years. "
        "The Kremlin said the regime in Kiev had made unacceptable demands. "
        '"The talks were useful," Vladimir Medinsky said.',
    ),
    (
        "Harbor Post",
        "Prisoner exchange agreed",
        "Delegations from Russia and Ukraine agreed in Istanbul to exchange 1,000 prisoners of war. "
        "Analysts warned that a ceasefire remained distant and that the talks lasted less than two hours. "
        "Ukraine's foreign minister said Moscow was not serious about peace.",
    ),
]


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    return path


def _try_name(folder: Path, name: str, data: str) -> Path | None:
    """Write a file with an odd name, or nothing when the file system refuses the name."""
    try:
        return _write(folder / name, data)
    except (OSError, ValueError):
        return None


def make_hostile_folder(root: Path, *, big_mb: float = 2.0, long_word_mb: float = 1.0, seed: int = 0) -> list[Path]:
    """Write the hostile folder under ``root`` (created); returns every input it holds.

    Parameters
    ----------
    root:
        The folder to write (it must not hold anything else).
    big_mb:
        Size of the one very large article, in megabytes (the issue asks for 20).
    long_word_mb:
        Length of the one very long word, in megabytes.
    seed:
        Seed of the random bytes.
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    inputs: list[Path] = []

    def add(p: Path | None) -> None:
        if p is not None:
            inputs.append(p)

    # good articles, one folder per outlet
    for outlet, title, text in ARTICLES:
        add(_write(root / outlet / "a.txt", f"{title}\n\n{text}"))
    add(
        _write(
            root / r"Outlet $\frac{$ <b>A" / "story.md",
            "---\ntitle: \"=cmd|' /C calc'!A0\"\ndate: 12:00\n---\n" + ARTICLES[0][2].replace("Friday", "Monday"),
        )
    )

    # empty, blank, binary
    add(_write(root / "empty.txt", b""))
    add(_write(root / "blank.txt", " \n\t\r\n  \u3000\n"))
    add(_write(root / "binary.txt", bytes(rng.randrange(256) for _ in range(4096))))
    add(_write(root / "zeros.txt", bytes(2048)))
    add(_write(root / "picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(512))))
    add(_write(root / "doc.pdf", b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(512))))
    add(_write(root / "only_punctuation.txt", ": ; -- ... 12 34 !!"))

    # every encoding
    text = "Kyïv – “talks” café: Київ said the talks in Istanbul were useful."
    for enc, data in [
        ("utf-8", text.encode("utf-8")),
        ("utf-8-sig", text.encode("utf-8-sig")),
        ("utf-16", text.encode("utf-16")),
        ("utf-16-le", text.encode("utf-16-le")),
        ("utf-16-be", text.encode("utf-16-be")),
        ("utf-32", text.encode("utf-32")),
        ("utf-32-be", text.encode("utf-32-be")),
        ("cp1252", text.replace("Київ", "Kyiv").encode("cp1252")),
        ("latin-1", "Kyïv café said the talks were useful.".encode("latin-1")),
        ("koi8-r", "Київ said the talks were useful.".replace("ї", "i").encode("koi8-u")),
        ("shift_jis", "東京 said the talks were useful.".encode("shift_jis")),
        ("gb18030", "北京 said the talks were useful.".encode("gb18030")),
    ]:
        add(_write(root / "encodings" / f"{enc}.txt", data))
    add(_write(root / "encodings" / "mixed.txt", "Kyïv said ".encode() + "café talks.".encode("cp1252")))

    # sizes
    sentence = "Officials in Kyiv said the talks in Istanbul ended with an exchange of 1,000 prisoners. "
    n = max(1, int(big_mb * 1_000_000) // len(sentence))
    add(_write(root / "big.txt", "A very long article\n\n" + sentence * n))
    word = "".join(rng.choice("abcdefghij") for _ in range(int(long_word_mb * 1_000_000)))
    add(_write(root / "long_word.txt", f"Long word\n\nThe talks said {word} and ended."))

    # JSON: deep, invalid, payloads
    add(_write(root / "deep.json", "[" * 5000 + "]" * 5000))
    add(
        _write(
            root / "deep_field.json",
            json.dumps(
                [{"text": ARTICLES[1][2] + " Deep.", "outlet": "Deep", "extra": json.loads("[" * 200 + "]" * 200)}]
            ),
        )
    )
    add(_write(root / "invalid.json", '{"text": "Kyiv said no.", '))
    add(_write(root / "scalar.json", "42"))
    add(
        _write(
            root / "huge_int.json",
            json.dumps([{"text": "Kyiv said yes to the talks.", "n": 1}]).replace("1}", "1" * 5000 + "}"),
        )
    )
    lines = []
    for k, p in enumerate(PAYLOADS):
        rec = {
            "id": p,
            "outlet": p,
            "title": p,
            "date": p,
            "url": p,
            "event": p,
            "text": f"{p} Officials said the talks about payload {k} were useful. {p}",
        }
        lines.append(json.dumps(rec))
    lines += [
        "{not json",
        "[1, 2]",
        "",
        json.dumps({"text": 12}),
        "[" * 3000 + "]" * 3000,
        json.dumps({"text": "Dates that are not dates.", "date": "-1"}),
        json.dumps({"text": "A date that says missing.", "date": "NaT"}),
    ]
    add(_write(root / "payloads.jsonl", "\n".join(lines)))

    # CSV and TSV: ragged rows, quoted line breaks, NUL, formulas
    add(
        _write(
            root / "ragged.csv",
            "text,outlet,date\n"
            "Kyiv said the talks were useful.,Alpha,2025-05-16\n"
            "too,many,fields,here,now\n"
            '"A quoted cell\nover two lines, with a comma.",Beta,2025-05-17\n'
            "short row\n"
            '=1+1 is a formula in the text.,=HYPERLINK("x"),nan\n'
            "Text with a nul\x00 inside it.,Gamma,/1\n",
        )
    )
    add(
        _write(
            root / "table.tsv",
            'body\tsource\n"Tabbed\ttext about Kyiv talks."\tDelta\nplain row about Kyiv.\tEpsilon\n',
        )
    )
    add(_write(root / "no_text_column.csv", "foo,bar\n1,2\n"))
    add(_write(root / "empty.csv", ""))

    # odd file names
    for name in [
        "name with spaces.txt",
        "ünïcödé.txt",
        "new\nline.txt",
        "-dash.txt",
        "=formula.txt",
        "$dollar$.txt",
        "tab\tname.txt",
        "x" * 200 + ".txt",
        "UPPER.TXT",
        "back\\slash.txt",
        "no_suffix",
        "README.md",
        "semi;colon,comma.txt",
        "emoji 📰.txt",
    ]:
        add(_try_name(root / "names", name, f"Odd names\n\nThe file {name!r} says Kyiv talks went on."))
    _write(root / ".hidden.txt", "Hidden files are not inputs.")

    # links: out of the folder, into it, a loop, a folder loop, a broken one; a pipe
    outside = root.parent / f"{root.name}-outside"
    _write(outside / "secret.txt", "Secret\n\nThis text lives outside the folder and must not be read.")
    links = root / "links"
    links.mkdir(exist_ok=True)
    for name, target in [
        ("out.txt", outside / "secret.txt"),
        ("outdir", outside),
        ("in.txt", root / "Daily Post" / "a.txt"),
        ("loop.txt", links / "loop.txt"),
        ("up", root),
        ("broken.txt", root / "missing.txt"),
    ]:
        try:
            os.symlink(target, links / name)
        except (OSError, NotImplementedError):
            continue
        add(links / name)
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")
        add(root / "pipe.txt")
    return inputs


if __name__ == "__main__":  # pragma: no cover
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    made = make_hostile_folder(folder, big_mb=float(sys.argv[2]) if len(sys.argv) > 2 else 2.0)
    print(f"{len(made)} inputs written to {folder}")
