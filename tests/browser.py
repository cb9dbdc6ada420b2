"""A real headless browser for tests: Debian's Chromium, driven by Playwright, with no browser downloaded.

`.ci/run` installs Chromium (`apt-get install chromium`); Playwright (the `test` extra) only drives it,
through `executable_path`. The browser may reach 127.0.0.1 only: every other host name resolves to
nothing, and Chromium's own background traffic (updates, sync, safe browsing) is turned off.
"""

from __future__ import annotations

import os
import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def chromium_path() -> str:
    """Debian's Chromium, or a RuntimeError saying what to install."""
    if not os.path.exists(CHROMIUM):
        raise RuntimeError("Chromium is not installed: run 'apt-get install chromium' (as .ci/run does)")
    return CHROMIUM


def chromium_args() -> list[str]:
    """Chromium's sandbox needs user namespaces, which root (CI) and containers often lack."""
    return [*ARGS, "--no-sandbox"] if os.getuid() == 0 or os.environ.get("CI_NO_SANDBOX") else ARGS
