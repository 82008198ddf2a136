"""Peak resident memory (RSS) of whole runs and of each stage, as the operating system counts it.

Two measurements, both with :mod:`psutil` (not tracemalloc, which sees only Python and numpy
allocations):

- :func:`run_command`: ``framing analyze`` (or ``framing report``) in a subprocess, its resident
  memory sampled every 50 ms, the process and its workers summed; also the child's own
  ``ru_maxrss`` (what ``/usr/bin/time -v`` prints as "Maximum resident set size"). The log
  lines it writes (``-v``) say which analysis ran when the peak was reached.
- :class:`RssSampler`: the peak RSS of this process during each stage of ``benchmarks/run.py``
  (stages run one after the other in one process, so each stage's figure includes what the
  earlier ones keep).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

INTERVAL = 0.05


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        with contextlib.suppress(psutil.Error):  # a worker that just ended
            total += p.memory_info().rss
    return total


class RssSampler:
    """Samples this process's RSS in a thread; :meth:`peak` gives the highest since :meth:`reset`."""

    def __init__(self, interval: float = INTERVAL) -> None:
        import psutil

        self._proc = psutil.Process()
        self._interval = interval
        self._peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._peak = max(self._peak, self._proc.memory_info().rss)
            time.sleep(self._interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def reset(self) -> None:
        self._peak = self._proc.memory_info().rss

    def peak(self) -> int:
        return max(self._peak, self._proc.memory_info().rss)


def write_jsonl(records: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: (str(v) if k == "date" and v is not None else v) for k, v in r.items()}) + "\n")
    return path


def run_command(args: list[str], *, cwd: str | None = None, timeout: float | None = None) -> dict:
    """Run ``python -m framing ARGS -v`` and return its wall time, peak RSS and where the peak fell.

    Returns
    -------
    dict with ``seconds`` (wall), ``cpu_s`` (user + system time of the process and the workers
    it waited for: steadier than wall time on a shared machine), ``peak_rss_mib`` (the process and its workers, summed, sampled),
    ``maxrss_mib`` (the largest single process, from the kernel: as ``/usr/bin/time -v``),
    ``peak_during`` (the log line written after the peak: the stage that reached it),
    ``returncode``, ``status`` (finished, failed, or stopped after ``timeout`` seconds: the
    command and its workers are killed) and ``last_log`` (how far it got).
    """
    import psutil

    cmd = [sys.executable, "-m", "framing", *args, "-v"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    lines: list[tuple[float, str]] = []

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append((time.perf_counter(), line.rstrip()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    peak, peak_t = 0, t0
    timed_out = False
    while True:
        if timeout is not None and not timed_out and time.perf_counter() - t0 > timeout:
            timed_out = True
            for p in [*ps.children(recursive=True), ps]:
                with contextlib.suppress(psutil.Error):
                    p.kill()
        try:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        except ChildProcessError:
            break
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            break
        rss = _tree_rss(ps)
        if rss > peak:
            peak, peak_t = rss, time.perf_counter()
        time.sleep(INTERVAL)
    seconds = time.perf_counter() - t0
    reader.join(timeout=5)
    after = [text for t, text in lines if t >= peak_t]
    return {
        "seconds": seconds,
        "peak_rss_mib": peak / 2**20,
        "maxrss_mib": usage.ru_maxrss / 1024,  # kilobytes on Linux
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_during": after[0] if after else "(end)",
        "returncode": proc.returncode,
        "status": f"stopped after {timeout:.0f} s"
        if timed_out
        else ("finished" if proc.returncode == 0 else f"failed ({proc.returncode})"),
        "last_log": lines[-1][1] if lines else "",
        "log_tail": [text for _, text in lines[-5:]],
    }


def bench_command(
    records: list[dict], command: str = "analyze", extra: list[str] | None = None, timeout: float | None = None
) -> dict:
    """``framing COMMAND`` on ``records`` written as JSONL to a temporary folder (given events kept)."""
    with tempfile.TemporaryDirectory(prefix="framing-rss-") as tmp:
        src = write_jsonl(records, Path(tmp) / "corpus.jsonl")
        out = ["--out", str(Path(tmp) / "out")] if command == "analyze" else ["-o", str(Path(tmp) / "r.html")]
        event = ["--event", "event"] if records and records[0].get("event") is not None else []
        result = run_command([command, str(src), *event, *out, *(extra or [])], timeout=timeout)
    if result["status"].startswith("failed"):
        print(f"framing {command} failed ({result['returncode']}): {result['log_tail']}", file=sys.stderr)
    return result
