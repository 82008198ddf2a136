"""The report in a real browser: headless Chromium loads it with no request and no console message.

Chromium logs each console message (a Content-Security-Policy violation, i.e. an attempted
request, included) to stderr with ``--enable-logging=stderr``; a control page that tries a
request and a script shows the check sees them. The test also saves screenshots of the
first screen and of each section (to ``$FRAMING_SCREENSHOTS`` when set, e.g. ``docs/img``,
else to a temporary folder). It skips, saying why, where no browser can be had:
``apt-get install -y chromium`` (``.ci/run`` installs it when missing).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from framing import analyze, build_report, load_example

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless_shell")
#: Sections screenshotted one by one (those the example report has).
SECTIONS = ("findings", "outlets", "naming", "loaded", "distinctive", "selection", "numbers", "voices", "actors")


def _browser() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no headless browser: install Chromium (apt-get install -y chromium) to run the browser test")


def _run(browser: str, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-sync",
        "--hide-scrollbars",
        "--proxy-server=127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"the browser {browser} could not run here: {exc}")


def _console(stderr: str) -> list[str]:
    """Console messages (errors, CSP violations = attempted requests) Chromium logged."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def browser() -> str:
    path = _browser()
    probe = _run(path, "--dump-dom", "about:blank", timeout=60)
    if probe.returncode != 0 or "<html" not in probe.stdout:
        pytest.skip(f"{path} did not render a blank page (exit {probe.returncode}): {probe.stderr[-300:]}")
    return path


@pytest.fixture(scope="module")
def example_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "report.html"
    out.write_text(build_report(analyze(load_example())), encoding="utf-8")
    return out


def test_the_check_sees_requests_and_console_errors(browser, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src '
        '\'none\'; img-src data:"></head><body><img src="http://example.invalid/a.png">'
        "<script>console.error('boom')</script></body></html>",
        encoding="utf-8",
    )
    r = _run(browser, "--dump-dom", bad.as_uri())
    assert _console(r.stderr), r.stderr[-2000:]


def test_report_loads_with_no_request_and_no_console_message(browser, example_report):
    r = _run(browser, "--dump-dom", example_report.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    assert _console(r.stderr) == []
    dom = r.stdout
    assert 'id="findings"' in dom and "<svg" in dom
    # nothing in the rendered page points outside it
    assert not re.findall(r'(?:src|href)="(?!#|data:)[^"]+"', dom)


def test_screenshots_of_the_first_screen_and_each_section(browser, example_report, tmp_path):
    out = Path(os.environ.get("FRAMING_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    first = out / "report.png"
    r = _run(browser, "--window-size=1400,1600", f"--screenshot={first}", example_report.as_uri())
    assert r.returncode == 0 and first.stat().st_size > 20_000, r.stderr[-2000:]
    page = example_report.read_text(encoding="utf-8")
    for anchor in SECTIONS:
        assert f'id="{anchor}"' in page, anchor
        # the page with only this section shown, so that the screenshot starts at it
        one = example_report.with_name(f"only-{anchor}.html")
        one.write_text(
            page.replace("</style>", f"main>section:not(#{anchor}){{display:none}}</style>", 1), encoding="utf-8"
        )
        shot = out / f"report-{anchor}.png"
        r = _run(browser, "--window-size=1400,1400", f"--screenshot={shot}", one.as_uri())
        assert r.returncode == 0 and shot.stat().st_size > 10_000, (anchor, r.stderr[-1000:])
