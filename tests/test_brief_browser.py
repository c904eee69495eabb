"""The HTML brief opened as a local file in headless Chromium: it renders offline, loads nothing,
and its footnote links work. A screenshot goes to tests/screenshots/brief.png (git-ignored).

Uses Debian's chromium and chromedriver through tests/browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import chromium, require_browser

require_browser()

from selenium.webdriver.common.by import By  # noqa: E402

import dateline  # noqa: E402
from test_brief_corpus import brief_db  # noqa: E402,F401

SHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(exist_ok=True)
    with chromium("1300,1800") as driver:
        yield driver


def test_html_brief_opens_as_a_file_and_loads_nothing(brief_db, browser, tmp_path):
    page = tmp_path / "brief.html"
    dateline.brief(query="Kharkiv, El Fasher", db=str(brief_db), format="html", output=str(page))
    browser.get(page.as_uri())
    assert browser.title == "Situation brief: Kharkiv, El Fasher"
    headings = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
    assert headings[0] == "1. Overview" and headings[-1] == "7. Sources" and len(headings) == 7
    # nothing fetched besides the page itself: no scripts, styles, fonts, images or tiles
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.map circle")) >= 2
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.map path")) == 1  # the country outlines
    assert browser.find_element(By.CSS_SELECTOR, "svg.map").size["width"] > 300
    # the inline style applied (a self-contained page is styled without loading anything)
    assert browser.execute_script(
        "return getComputedStyle(document.querySelector('.caveat')).borderLeftStyle") == "solid"
    browser.save_screenshot(str(SHOTS / "brief.png"))
    assert (SHOTS / "brief.png").stat().st_size > 5000
    first = browser.find_element(By.CSS_SELECTOR, "sup.fn a")
    target = first.get_attribute("href").split("#", 1)[1]
    first.click()
    assert browser.execute_script("return location.hash") == "#" + target
    note = browser.find_element(By.ID, target)
    assert note.find_element(By.TAG_NAME, "q").text.strip()
    browser.execute_script("document.getElementById('figures').scrollIntoView()")
    browser.save_screenshot(str(SHOTS / "brief_figures.png"))
