"""The HTML pages: what they show, the headers they carry, and hostile text rendered inert."""
import sqlite3

import pytest
from fastapi.testclient import TestClient

import storyline
from storyline.store import Store, ingest
from storyline.web.app import create_app
from storyline.web.security import CSP

HOSTILE = ("Warehouse fire in Port Velmar injures three\n\n"
           "A fire at a warehouse in Port Velmar injured three workers on Tuesday, the fire brigade said. "
           "A sign on the gate read <script>alert('x')</script> and <img src=x onerror=\"alert(1)\"> "
           "and <a href=\"javascript:alert(2)\">click</a>.")


@pytest.fixture(scope="module")
def client(example_db):
    return TestClient(create_app(example_db), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    analysis = storyline.analyze(HOSTILE, published="2026-03-03", title=HOSTILE.split("\n")[0],
                                 outlet="<b onmouseover=alert(3)>Velmar Post</b>", id="hostile-1")
    with Store(db) as store:
        ingest(store, [analysis])
    return TestClient(create_app(db))


def test_every_page_carries_a_strict_content_security_policy(client):
    for path in ("/stories", "/api/stories", "/static/app.css", "/stories/nope"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


def test_the_story_list_keeps_its_filters_in_the_urls_it_links_to(client):
    page = client.get("/stories", params={"conflicts": "1", "per_page": "1", "sort": "sources"}).text
    assert 'rel="next" href="/stories?conflicts=1&amp;sort=sources&amp;page=2&amp;per_page=1"' in page
    assert 'href="/export.csv?conflicts=1&amp;sort=sources&amp;per_page=1"' in page
    partial = client.get("/stories", params={"conflicts": "1"}, headers={"HX-Request": "true"}).text
    assert "<html" not in partial and 'class="story-link"' in partial


def test_a_story_page_shows_map_timeline_conflicts_updates_and_sources(client):
    story_id = client.get("/api/stories", params={"conflicts": "true"}).json()["stories"][0]["id"]
    page = client.get(f"/stories/{story_id}").text
    for part in ('<svg class="map"', 'class="timeline"', 'id="conflicts"', 'class="fact conflict"', 'id="updates"',
                 'id="sources"', 'class="claim-link" href="/articles/'):
        assert part in page, part


def test_an_article_page_highlights_the_span_a_story_links_to(client):
    article_id = client.get("/api/stories").json()["stories"][0]["id"]
    story = client.get(f"/api/stories/{article_id}").json()
    support = next(s for f in story["facts"] for v in f["values"] for s in v["support"])
    start, end = support["quote_span"]["start"], support["quote_span"]["end"]
    page = client.get(f"/articles/{support['document']}", params={"hl": f"{start}-{end}"}).text
    assert f'id="span-{start}-{end}"' in page
    assert 'class="focus' in page or ' focus"' in page or "focus " in page


def test_hostile_markup_in_an_article_is_shown_as_text(hostile_client):
    story_id = hostile_client.get("/api/stories").json()["stories"][0]["id"]
    for path in ("/articles/hostile-1", f"/stories/{story_id}", "/stories", "/entities/place:port-velmar"):
        page = hostile_client.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page and "<b onmouseover" not in page, path
        assert 'href="javascript:' not in page, path
    article = hostile_client.get("/articles/hostile-1").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in article


def test_error_pages_escape_what_was_asked_for(client):
    response = client.get("/stories/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert response.status_code == 404
    assert "<img src=x" not in response.text and "&lt;img src=x onerror=alert(1)&gt;" in response.text


def test_a_server_error_tells_the_client_nothing_of_its_cause(tmp_path, example_db):
    broken = tmp_path / "broken.db"
    broken.write_bytes(example_db.read_bytes())
    conn = sqlite3.connect(broken)
    story_id = conn.execute("SELECT id FROM stories LIMIT 1").fetchone()[0]
    conn.execute("UPDATE stories SET story = '{not json' WHERE id = ?", (story_id,))
    conn.commit()
    conn.close()
    response = TestClient(create_app(broken), raise_server_exceptions=False).get(f"/stories/{story_id}")
    assert response.status_code == 500
    assert response.text.strip() == "internal error" and "Traceback" not in response.text


def test_exports_of_a_story_and_of_a_filtered_list(client):
    story_id = client.get("/api/stories").json()["stories"][0]["id"]
    csv_text = client.get(f"/stories/{story_id}/export.csv").text
    assert csv_text.splitlines()[0].startswith("event_date,event_type,sub_event_type,actor1,actor2,location")
    features = client.get("/export.geojson", params={"conflicts": "1"}).json()["features"]
    assert features and all(f["geometry"]["type"] == "Point" for f in features)
    assert client.get("/export.json").json()["schema"] == "storyline.stories/1"
    assert client.get("/export.xls").status_code == 404
