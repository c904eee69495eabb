"""The web UI in a real headless Chromium (Debian's chromium and chromedriver, driven by Selenium).

`dateline serve` runs on 127.0.0.1 on a free port over the hand-made test database; the tests load
the UI, filter events, open one and check its highlighted evidence, draw the map, open an actor page,
and check that hostile text in an article is shown as text and never runs. Screenshots of each view
go to tests/screenshots/ (git-ignored). Selenium Manager is never used: both paths are given.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser import chromium, require_browser

require_browser()
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from test_api_fixtures import HTML_ACTOR, IMG, SCRIPT, api_db  # noqa: E402,F401

SHOTS = Path(__file__).resolve().parent / "screenshots"
A1, A2 = "a1test0000000001", "a2test0000000002"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(api_db):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", str(api_db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/stats", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"dateline serve did not start: {proc.stdout.read()[-2000:]}")
        time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(exist_ok=True)
    with chromium("1400,1000", browser_log=True) as driver:
        yield driver


def go(driver, base: str, hash_: str) -> None:
    driver.get(f"{base}/{hash_}")
    ready(driver)


def ready(driver, view: str | None = None) -> None:
    def done(d):
        m = d.find_element(By.ID, "main")
        return m.get_attribute("aria-busy") == "false" and (view is None or m.get_attribute("data-ready") == view)
    WebDriverWait(driver, 20).until(done)


def shot(driver, name: str) -> None:
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    assert (SHOTS / f"{name}.png").stat().st_size > 5000


def no_alert(driver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


def rows(driver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, "#events-table tbody tr.event-row")


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_events_table_and_filters(server, browser):
    go(browser, server, "#/events")
    assert len(rows(browser)) == 4
    assert "1–4 of 4" in browser.find_element(By.CLASS_NAME, "pager").text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart-svg rect.conf")
    shot(browser, "events")
    Select(browser.find_element(By.ID, "f-type")).select_by_value("ASSAULT")
    Select(browser.find_element(By.ID, "f-modality")).select_by_value("all")
    browser.find_element(By.ID, "f-apply").click()
    WebDriverWait(browser, 20).until(lambda d: "type=ASSAULT" in d.current_url)
    ready(browser)
    assert {r.get_attribute("data-id") for r in rows(browser)} == {f"{A1}:e0", f"{A2}:e1", "a3test0000000003:e0"}
    negated = [r for r in rows(browser) if "negated" in r.text]
    assert len(negated) == 1
    browser.find_element(By.ID, "f-actor").send_keys("SLX")
    browser.find_element(By.ID, "f-apply").click()
    WebDriverWait(browser, 20).until(lambda d: "actor=SLX" in d.current_url)
    ready(browser)
    assert [r.get_attribute("data-id") for r in rows(browser)] == [f"{A1}:e0"]
    shot(browser, "events_filtered")
    assert console_errors(browser) == []


def test_hostile_text_is_shown_as_text(server, browser):
    go(browser, server, "#/events?modality=all")
    no_alert(browser)
    table = browser.find_element(By.ID, "events-table")
    assert HTML_ACTOR in table.text and table.find_elements(By.TAG_NAME, "b") == []
    go(browser, server, f"#/article/{A2}")
    no_alert(browser)
    text = browser.find_element(By.ID, "article-text")
    assert SCRIPT in text.text and IMG in text.text
    assert text.find_elements(By.TAG_NAME, "script") == [] and text.find_elements(By.TAG_NAME, "img") == []
    assert browser.find_element(By.TAG_NAME, "h1").text.endswith(SCRIPT)
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    go(browser, server, "#/search?q=ceasefire")
    no_alert(browser)
    assert SCRIPT in browser.find_element(By.CSS_SELECTOR, "ul.hits").text
    shot(browser, "xss_as_text")
    assert console_errors(browser) == []


def test_open_an_event_and_see_its_highlighted_evidence(server, browser):
    go(browser, server, "#/events")
    next(r for r in rows(browser) if r.get_attribute("data-id") == f"{A1}:e0").click()
    WebDriverWait(browser, 20).until(lambda d: "#/event/" in d.current_url)
    ready(browser, "event")

    def marks(kind: str) -> list[str]:
        return [m.text for m in browser.find_elements(By.CSS_SELECTOR, f"#article-text mark.hl-{kind}")]
    assert marks("trigger") == ["shelled"]
    assert marks("actor") == ["Northland forces", "civilians"]
    assert marks("place") == ["Easthaven"] and marks("time") == ["on Monday"]
    # "civilians" is both a target actor and part of the quantity: one mark carries both kinds.
    quantity = browser.execute_script(
        "return [...document.querySelectorAll('#article-text mark')].filter(m => m.dataset.kind.split(' ')"
        ".includes('quantity')).map(m => m.textContent).join('')")
    assert quantity == "12 civilians"
    assert browser.find_element(By.XPATH, "//mark[text()='civilians']").get_attribute("data-kind") == "actor quantity sentence"
    fields = browser.find_element(By.ID, "fields").text
    assert "'shelled' is an ASSAULT verb" in fields and "only city of that name" in fields
    assert "weekday before the publication date" in fields and "killed: 12" in fields
    assert browser.find_element(By.CSS_SELECTOR, "mark.hl-trigger").get_attribute("title").startswith("trigger: ASSAULT")
    shot(browser, "event")
    # After an emoji (two UTF-16 units, one code point) the marks must still sit on the right words.
    go(browser, server, f"#/event/{A2}:e1")
    assert [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article-text mark.hl-trigger")] == ["attacked"]
    assert [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article-text mark.hl-actor")] == [HTML_ACTOR]
    assert [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article-text mark.hl-time")] == ["on Thursday"]
    no_alert(browser)
    shot(browser, "event_after_emoji")


def test_map_draws_markers_offline(server, browser):
    go(browser, server, "#/map?modality=all")
    land = browser.find_elements(By.CSS_SELECTOR, "svg#map g.land path")
    assert len(land) > 150
    markers = browser.find_elements(By.CSS_SELECTOR, "svg#map circle.marker")
    assert len(markers) == 4
    titles = browser.execute_script(
        "return [...document.querySelectorAll('svg#map circle.marker title')].map(t => t.textContent)")
    assert any(t.startswith(IMG) for t in titles) and any(t.startswith("Easthaven") for t in titles)
    assert "Natural Earth" in browser.find_element(By.TAG_NAME, "main").text
    shot(browser, "map")
    next(m for m in markers if "Easthaven" in m.find_element(By.TAG_NAME, "title").get_attribute("textContent")).click()
    WebDriverWait(browser, 20).until(lambda d: "place=Easthaven" in d.current_url)
    ready(browser, "events")
    assert [r.get_attribute("data-id") for r in rows(browser)] == [f"{A1}:e0"]


def test_actor_page(server, browser):
    go(browser, server, "#/events")
    browser.find_element(By.LINK_TEXT, "Northland").click()
    WebDriverWait(browser, 20).until(lambda d: "#/actor/Northland" in d.current_url)
    ready(browser, "actor")
    assert browser.find_element(By.ID, "actor-name").text.startswith("Northland")
    aliases = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "li.alias")]
    assert any(a.startswith("Northland forces") for a in aliases)
    assert len(rows(browser)) == 4
    assert "source: 3" in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart-svg g.bar")
    shot(browser, "actor")
    go(browser, server, "#/actor/Mira%20Holt")
    assert "We will answer this," in browser.find_element(By.CSS_SELECTOR, "ul.quotes").text


def test_dyad_and_network_views(server, browser):
    go(browser, server, "#/dyad?a=Northland&b=Southland&modality=all")
    assert "2 events and statements" in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart-svg g.bar")
    shot(browser, "dyad")
    go(browser, server, "#/network?modality=all")
    labels = {t.text for t in browser.find_elements(By.CSS_SELECTOR, "svg#network text.label")}
    assert labels == {"Northland", "Southland", "civilians"}
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg#network line.edge")) == 3
    shot(browser, "network")
    assert console_errors(browser) == []
