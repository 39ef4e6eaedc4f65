"""Browser tests of HQ's pages: Playwright for Python driving Debian's Chromium (never a browser
Playwright downloads: `playwright install` is not used). On a fresh machine, run as root, the
session fixture installs Chromium and Khmer fonts from Debian's packages first."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _fast_retries(_fast_retries):
    """The browser tests' laptops retry with a short backoff, as the HQ tests' do."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _ensure_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium and fonts-khmeros "
                    "(apt-get install chromium fonts-khmeros)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, timeout=900)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-khmeros"], check=True,
                   env=env, timeout=1800)


@pytest.fixture(scope="session")
def browser():
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


@pytest.fixture
def hq_url(tmp_path):  # the browser tests run on SQLite only (the rules run on both in tests/hq)
    yield f"sqlite:///{tmp_path / 'hq.db'}"


@pytest.fixture
def shot():
    """shot(page, "hq-x.png", full_page=False): a screenshot into docs/screenshots/."""

    def take(page, name: str, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
