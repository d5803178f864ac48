"""The sample edition's e-paper, written once per session; headless Chromium for the browser
tests (Debian's chromium and chromedriver, driven by Selenium — nothing is downloaded)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from typeset.pipeline import epaper

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "editions" / "sample"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """(BuildResult, site folder, epaper.json data) of editions/sample."""
    out = tmp_path_factory.mktemp("epaper") / "site"
    result = epaper(SAMPLE, out)
    problems = [d.format() for d in result.diagnostics if d.severity.value == "error"]
    assert result.ok and (out / "epaper.json").is_file(), "\n".join(problems)
    data = json.loads((out / "epaper.json").read_text(encoding="utf-8"))
    return result, out, data


def _browser_missing() -> str:
    for name in ("chromium", "chromedriver"):
        if shutil.which(name) is None:
            return f"{name} is not installed (make system-deps installs chromium, chromium-driver)"
    import importlib.util

    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install -e '.[test]')"
    return ""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Chromium (Selenium WebDriver), desktop-sized, shared by a module's browser
    tests and quit after them (so that no thread of its outlives them: later tests fork).
    Missing Chromium skips them, except under `make test` (TYPESET_REQUIRE_BROWSER=1)."""
    missing = _browser_missing()
    if missing:
        if os.environ.get("TYPESET_REQUIRE_BROWSER"):
            pytest.fail(missing)
        pytest.skip(missing)
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager never goes online
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1280,1000")
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")),
                              options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
