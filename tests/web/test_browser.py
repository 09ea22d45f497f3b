"""The web UI in a real browser: filter stories, open one (map, timeline, conflicts, sources), follow a
conflicting claim to the highlighted words of its article, and show that a hostile article renders as text.

Runs Debian's Chromium through its ChromeDriver (`make browser` installs both; nothing is ever downloaded).
Screenshots go to $STORYLINE_ARTIFACTS, else build/test-artifacts/. STORYLINE_SKIP_BROWSER=1 skips the module
when no browser is installed; otherwise a missing browser is a failure.
"""
from __future__ import annotations

import base64
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PROJECT = Path(__file__).resolve().parents[2]
EXAMPLE_CORPUS = PROJECT / "examples" / "corpus"
STORYLINE = str(Path(sys.executable).parent / "storyline")
WAIT = 15  # seconds for any one thing to appear in the browser
HOSTILE_HEADLINE = "Crane collapses at Port Calloway harbour, two workers hurt"
HOSTILE_SNIPPETS = ('<script>alert("x")</script>', "<img src=x onerror=\"document.title='pwned'\">",
                    '<a href="javascript:alert(1)">click</a>')
HOSTILE_ARTICLE = f"""{HOSTILE_HEADLINE}

PORT CALLOWAY, February 3 (Lakeside Courier) - A loading crane collapsed at the Port Calloway container harbour \
on Monday morning, injuring two workers, the harbour authority said.
A notice pinned to the gate read {HOSTILE_SNIPPETS[0]} in large letters, according to a dock foreman.
Workers said a sign on the crane cab showed {HOSTILE_SNIPPETS[1]} before it fell.
A leaflet handed to reporters said {HOSTILE_SNIPPETS[2]} and nothing else.
Police said the cause of the collapse was under investigation.
"""

# Collects the page's CSP violations from before its first script runs (CDP-injected scripts are exempt from CSP).
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""


# --- fixtures ------------------------------------------------------------------------------------

def artifacts_dir() -> Path:
    path = Path(os.environ.get("STORYLINE_ARTIFACTS") or PROJECT / "build" / "test-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url: str, timeout: float = 2.0) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


def _run(*args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([STORYLINE, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"storyline {' '.join(args)} failed ({done.returncode}):\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`storyline serve` over the example corpus plus one hostile article: its base URL and the hostile id."""
    tmp = tmp_path_factory.mktemp("browser")
    hostile = tmp / "hostile" / "2025-02-03_lakeside-courier_port-calloway-crane.txt"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = tmp / "stories.db"
    _run("assets", "build", "--from", str(PROJECT / "assets" / "node_modules"))  # htmx and the basemap (idempotent)
    ingested = _run("ingest", str(EXAMPLE_CORPUS), str(hostile), "--db", str(db), "--no-progress")
    articles = int(re.search(r"([\d,]+) articles in", ingested.stderr)[1].replace(",", ""))

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(tmp / "serve.log", "w+", encoding="utf-8")
    proc = subprocess.Popen([STORYLINE, "serve", "--db", str(db), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"storyline serve exited with {proc.returncode}:\n{log.read()}")
            try:
                health = _get_json(base + "/api/health", timeout=1)
                # the count proves it is our server answering, not another one that took the port
                if health.get("articles") == articles:
                    break
            except (OSError, ValueError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("storyline serve did not answer /api/health within 30 s")
            time.sleep(0.1)
        found = _get_json(base + "/api/stories?" + urllib.parse.urlencode({"q": "Calloway"}))
        story = _get_json(base + "/api/stories/" + urllib.parse.quote(found["stories"][0]["id"], safe=""))
        hostile_id = next(d["id"] for d in story["documents"] if d.get("title") == HOSTILE_HEADLINE)
        yield {"base": base, "hostile_id": hostile_id}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _require_browser() -> None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        message = (f"{' and '.join(missing)} not found: run `make browser` (scripts/install-browser.sh) "
                   "to install Debian's chromium and chromium-driver")
        if os.environ.get("STORYLINE_SKIP_BROWSER") == "1":
            pytest.skip(message + " (skipped: STORYLINE_SKIP_BROWSER=1)")
        pytest.fail(message, pytrace=False)


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    """Headless Chromium from /usr/bin, driven by /usr/bin/chromedriver (Selenium Manager never runs)."""
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1300,1800",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    offline = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"  # should anything reach Selenium Manager, it may not download
    try:
        browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    finally:
        if offline is None:
            os.environ.pop("SE_OFFLINE", None)
        else:
            os.environ["SE_OFFLINE"] = offline
    try:
        browser.set_window_size(1300, 1800)
        browser.set_page_load_timeout(30)
        browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_LISTENER})
        yield browser
    finally:
        browser.quit()


def _session(request) -> tuple:
    """The browser and the server, checked for a browser first so a missing one fails the test itself."""
    _require_browser()
    return request.getfixturevalue("driver"), request.getfixturevalue("server")


# --- helpers -------------------------------------------------------------------------------------

def _wait(driver, condition, message: str, timeout: float = WAIT):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition, message)


def _page_ready(driver) -> None:
    """The document loaded, with htmx (a deferred script) included and running."""
    _wait(driver, lambda d: d.execute_script("return document.readyState === 'complete'"),
          f"page did not load: {driver.current_url}")
    scripts = driver.execute_script("return [...document.scripts].map(s => s.getAttribute('src'))")
    assert "/vendor/htmx.min.js" in scripts, \
        f"{driver.current_url} has no <script src=/vendor/htmx.min.js> (scripts: {scripts}) although it is built"
    _wait(driver, lambda d: d.execute_script("return !!window.htmx"), f"htmx did not start: {driver.current_url}")


def _console_errors(driver) -> list[dict]:
    """Severe console entries since the last call (the log is drained on reading); a missing favicon is ignored."""
    return [e for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and "/favicon.ico" not in e["message"]]


def _assert_clean_console(driver) -> None:
    errors = _console_errors(driver)
    assert not [e for e in errors if "Content Security Policy" in e["message"]], \
        f"CSP violations (unescaped or inline markup?): {errors}"
    assert not errors, f"console errors: {errors}"
    csp = driver.execute_script("return window.__csp || []")
    assert not csp, f"CSP violations on {driver.current_url}: {csp}"


def _screenshot(driver, name: str, full_page: bool = False) -> Path:
    path = artifacts_dir() / name
    if full_page:
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
        path.write_bytes(base64.b64decode(shot["data"]))
    else:
        driver.save_screenshot(str(path))
    assert path.stat().st_size > 1000, f"empty screenshot {path}"
    print(f"\nscreenshot: {path}")
    return path


# --- tests ---------------------------------------------------------------------------------------

def test_filter_story_map_timeline_and_claim_link(request):
    from selenium.webdriver.common.by import By

    driver, server = _session(request)
    base = server["base"]
    driver.get_log("browser")  # drain anything earlier

    # The story list, filtered to the stories where sources disagree, by htmx without a page load.
    driver.get(base + "/stories")
    _page_ready(driver)
    before = driver.find_elements(By.CSS_SELECTOR, "#results li.story-item")
    assert before, "the story list is empty"
    driver.execute_script("document.querySelector('#results ol.stories').dataset.stale = '1';"
                          "window.__samePage = true;")
    driver.find_element(By.CSS_SELECTOR, '#filters input[type=checkbox][name="conflicts"]').click()
    _wait(driver, lambda d: "conflicts=1" in d.current_url and d.execute_script(
        "return !document.querySelector('#results [data-stale]') && !!document.querySelector('#results #count')"
        " && !document.querySelector('#filters.htmx-request, #results.htmx-settling, #results.htmx-swapping')"),
        "the conflicts filter did not update #results and the URL")
    assert driver.execute_script("return window.__samePage === true"), "filtering reloaded the page (htmx did not run)"
    after = driver.find_elements(By.CSS_SELECTOR, "#results li.story-item")
    assert 0 < len(after) <= len(before), (len(before), len(after))
    count = driver.find_element(By.ID, "count").text
    assert count.startswith(f"{len(after)} stor"), count
    for item in after:
        assert item.find_elements(By.CSS_SELECTOR, ".badge.conflict"), f"no conflict badge: {item.text}"
    _assert_clean_console(driver)

    # A story: map over the basemap, timeline, conflicts, sources.
    link = after[0].find_element(By.CSS_SELECTOR, "a.story-link")
    story_path = urllib.parse.urlsplit(link.get_attribute("href")).path
    link.click()
    _wait(driver, lambda d: urllib.parse.urlsplit(d.current_url).path == story_path, "story link not followed")
    _page_ready(driver)
    svg_map = driver.find_element(By.CSS_SELECTOR, "svg.map")
    assert int(svg_map.get_attribute("data-points")) > 0
    assert svg_map.find_elements(By.CSS_SELECTOR, "a.map-point circle")
    base_image = svg_map.find_element(By.CSS_SELECTOR, "image")
    assert base_image.get_attribute("href") == "/vendor/basemap.svg"
    loaded = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const img = new Image();
        img.onload = () => fetch('/vendor/basemap.svg').then(
            r => done({status: r.status, type: r.headers.get('content-type'), width: img.naturalWidth}),
            e => done({error: String(e)}));
        img.onerror = () => done({error: 'basemap image failed to load'});
        img.src = '/vendor/basemap.svg';""")
    assert loaded.get("status") == 200 and loaded["width"] > 0, loaded
    assert loaded["type"].startswith("image/svg+xml"), loaded
    timeline = driver.find_element(By.CSS_SELECTOR, "svg.timeline")
    assert int(timeline.get_attribute("data-events")) > 0
    assert timeline.find_elements(By.CSS_SELECTOR, "circle.tl-event")
    assert timeline.find_elements(By.CSS_SELECTOR, "line.tl-report")
    conflicts = driver.find_elements(By.CSS_SELECTOR, "section#conflicts .fact.conflict")
    assert conflicts, "no conflicting facts on a story listed as having conflicts"
    assert driver.find_elements(By.CSS_SELECTOR, "section#sources table tbody tr")
    _assert_clean_console(driver)
    _screenshot(driver, "story-page.png", full_page=True)

    # The first conflicting claim, on its article page: highlighted and scrolled into view.
    claim = driver.find_element(By.CSS_SELECTOR, "section#conflicts .fact.conflict a.claim-link")
    claim.click()
    _wait(driver, lambda d: urllib.parse.urlsplit(d.current_url).path.startswith("/articles/"),
          "claim link not followed")
    _page_ready(driver)
    url = urllib.parse.urlsplit(driver.current_url)
    hash_ = re.fullmatch(r"span-(\d+)-(\d+)", url.fragment)
    assert hash_, driver.current_url
    assert urllib.parse.parse_qs(url.query).get("hl") == [f"{hash_[1]}-{hash_[2]}"], driver.current_url
    assert driver.execute_script("return !!document.getElementById(arguments[0])", url.fragment)
    # The cited words carry the class focus: a <mark>, or an <a> where they also link (claim words link to
    # their story fact, names to their entity page), highlighted alike by `.text .focus`.
    focus = driver.find_elements(By.CSS_SELECTOR, "#text .focus")
    assert focus, "no highlighted (focus) span"
    assert {el.tag_name for el in focus} <= {"mark", "a"}, [el.tag_name for el in focus]
    assert focus[0].value_of_css_property("background-color") == "rgba(255, 226, 122, 1)", "focus not highlighted"
    in_view = """
        const r = document.querySelector('#text .focus').getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0
            && r.right <= window.innerWidth;"""
    _wait(driver, lambda d: d.execute_script(in_view), "the focused span is not scrolled into the viewport")
    _assert_clean_console(driver)
    _screenshot(driver, "article-span.png")


def test_hostile_article_is_shown_as_text(request):
    from selenium.webdriver.common.by import By

    driver, server = _session(request)
    driver.get_log("browser")  # drain what earlier pages logged
    driver.get(server["base"] + "/articles/" + urllib.parse.quote(server["hostile_id"], safe=""))
    _page_ready(driver)
    text = driver.find_element(By.ID, "text")
    assert "pwned" not in driver.title and driver.title.startswith(HOSTILE_HEADLINE), driver.title
    handlers = driver.execute_script("""
        return [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
            .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
            .map(a => el.tagName + ' ' + a.name + '=' + a.value));""")
    assert handlers == [], handlers
    assert not driver.find_elements(By.CSS_SELECTOR, "img[onerror], #text img, #text script")
    scripts = driver.execute_script("return [...document.scripts].map(s => s.getAttribute('src'))")
    assert scripts == ["/vendor/htmx.min.js"], scripts
    assert text.is_displayed()
    visible = text.text
    for snippet in HOSTILE_SNIPPETS:
        assert snippet in visible, f"{snippet!r} not shown as text"
    _assert_clean_console(driver)
    assert "pwned" not in driver.title
    _screenshot(driver, "hostile-article.png")
