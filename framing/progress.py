"""Progress of long runs: a hook that draws a bar on a terminal and writes log lines elsewhere.

:func:`framing.analyze` and :func:`framing.write_report` take ``progress=``, a callable
``progress(step, done, total)`` called as each step starts. :class:`ProgressPrinter` is
the one the command line uses; library users can pass their own (e.g. to update a
notebook widget) or this one.

Examples
--------
>>> import io
>>> out = io.StringIO()
>>> p = ProgressPrinter(out, bar=False, clock=lambda: 0.0)
>>> p("analysis naming", 1, 8)
>>> out.getvalue()
'framing: [2/8] analysis naming (0.0 s)\\n'
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO

__all__ = ["Progress", "ProgressPrinter"]

#: ``progress(step, done, total)``: called as each step starts.
Progress = Callable[[str, int, int], None]


class ProgressPrinter:
    """Draw progress on ``stream`` (default stderr): a bar on a terminal, one line per step elsewhere.

    Parameters
    ----------
    stream:
        Where to write (default ``sys.stderr``).
    bar:
        Draw a bar that rewrites one line; default: when ``stream`` is a terminal.
    width:
        Bar width in characters.
    """

    def __init__(
        self,
        stream: IO[str] | None = None,
        *,
        bar: bool | None = None,
        width: int = 24,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.bar = bool(isatty()) if bar is None else bar
        self.width = width
        self._clock = clock
        self._t0 = clock()
        self._open = False

    def __call__(self, step: str, done: int, total: int) -> None:
        total = max(total, 1)
        k = min(done + 1, total)
        secs = self._clock() - self._t0
        if self.bar:
            fill = int(self.width * done / total)
            line = f"\r\033[Kframing [{'#' * fill}{'.' * (self.width - fill)}] {k}/{total} {step} ({secs:.1f} s)"
            self.stream.write(line)
            self._open = True
        else:
            self.stream.write(f"framing: [{k}/{total}] {step} ({secs:.1f} s)\n")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line (nothing to do for log lines)."""
        if self._open:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._open = False
