"""List the files of a folder, with a reason for every entry that is not read.

Hidden files and folders (names starting with ``.``) are left out. Symbolic links
to files inside the folder are read like the files they point to; links that lead
out of the folder are read only with ``follow_links=True``; a link that leads back
to itself or to a folder above it is a link loop. Pipes, sockets and devices are
never opened (reading a pipe would wait forever).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Entry", "walk_folder"]


@dataclass(frozen=True)
class Entry:
    """One entry of a folder: a file to read (``reason`` None) or one to list as skipped."""

    path: Path
    reason: str | None = None
    detail: str = ""


def _resolve(path: Path) -> tuple[Path | None, Entry | None]:
    """The real path a link leads to, or the skipped entry saying why it leads nowhere."""
    try:
        return path.resolve(strict=True), None
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return None, Entry(path, "link loop", "the link leads back to itself")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, Entry(path, "link loop", "the link leads back to itself")
        if isinstance(exc, FileNotFoundError):
            return None, Entry(path, "unreadable", f"broken link: {os.readlink(path)!s} does not exist")
        return None, Entry(path, "unreadable", f"cannot follow the link: {exc.strerror or exc}")


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def walk_folder(root: Path, *, follow_links: bool = False) -> Iterator[Entry]:
    """Every entry under ``root`` in sorted order, files to read and entries to skip.

    Parameters
    ----------
    root:
        The folder.
    follow_links:
        Also read what symbolic links outside the folder lead to.
    """
    real_root = root.resolve()

    def walk(folder: Path, chain: tuple[Path, ...]) -> Iterator[Entry]:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Entry(folder, "unreadable", f"cannot list the folder: {exc.strerror or exc}")
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            path = folder / e.name
            target = path
            if e.is_symlink():
                real, problem = _resolve(path)
                if problem is not None:
                    yield problem
                    continue
                assert real is not None
                if not follow_links and not _inside(real, real_root):
                    yield Entry(
                        path,
                        "link outside the folder",
                        f"the link leads to {real}, outside the folder; load_corpus(..., follow_links=True) reads it",
                    )
                    continue
                target = real
            try:
                mode = os.stat(target).st_mode
            except OSError as exc:
                yield Entry(path, "unreadable", f"cannot read: {exc.strerror or exc}")
                continue
            if stat.S_ISDIR(mode):
                real_dir = target.resolve() if target is path else target
                if real_dir in chain:
                    yield Entry(path, "link loop", f"the link leads back to the folder {real_dir} above it")
                    continue
                yield from walk(path, (*chain, real_dir))
            elif stat.S_ISREG(mode):
                yield Entry(path)
            else:
                yield Entry(path, "unsupported file", "not a regular file (a pipe, socket or device); not opened")

    yield from walk(root, (real_root,))
