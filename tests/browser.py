"""Headless Chromium for the browser tests: Debian's chromium and chromedriver, never a browser
downloaded by a test tool (Selenium Manager is not used: both paths are given)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from typing import Iterator

import pytest

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def require_browser() -> None:
    """Skip the calling test module, with the reason, when the Debian packages are absent."""
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.skip("browser tests need Debian's chromium and chromium-driver: "
                    "apt-get install -y chromium chromium-driver (make browser)", allow_module_level=True)
    pytest.importorskip("selenium.webdriver")


@contextlib.contextmanager
def chromium(window: str = "1400,1000", browser_log: bool = False) -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="dateline-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in FLAGS + (f"--user-data-dir={profile}", f"--window-size={window}"):
        opts.add_argument(arg)
    if browser_log:
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
