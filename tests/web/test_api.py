"""The JSON API: stories, articles, entities, the OpenAPI document, and writes only with the token."""
import json

import pytest
from fastapi.testclient import TestClient

from storyline.web.app import create_app

TOKEN = "test-token-7f3a"
NEW_REPORT = {
    "id": "velmar-gazette-0412",
    "outlet": "Velmar Gazette",
    "published": "2026-04-12",
    "title": "Ferry runs aground off Port Velmar",
    "text": "Ferry runs aground off Port Velmar\n\nA passenger ferry ran aground off Port Velmar on Saturday, "
            "and 14 people were taken to hospital, the harbour master said.",
}


@pytest.fixture(scope="module")
def client(example_db):
    return TestClient(create_app(example_db))


@pytest.fixture
def writable(tmp_path, example_db):
    copy = tmp_path / "writable.db"
    copy.write_bytes(example_db.read_bytes())
    return TestClient(create_app(copy, write_token=TOKEN))


def test_the_story_list_filters_and_pages_like_the_ui(client):
    everything = client.get("/api/stories").json()
    assert everything["total"] == 4 and len(everything["stories"]) == 4
    disputed = client.get("/api/stories", params={"conflicts": "true"}).json()
    assert 0 < disputed["total"] < 4 and all(s["conflicts"] > 0 for s in disputed["stories"])
    assert client.get("/api/stories", params={"per_page": 1000}).status_code == 422  # page size is bounded


def test_a_story_an_article_and_an_entity_come_back_as_json(client):
    story_id = client.get("/api/stories").json()["stories"][0]["id"]
    story = client.get(f"/api/stories/{story_id}").json()
    assert story["schema"] == "storyline.story/1" and story["documents"]
    article = client.get(f"/api/articles/{story['documents'][0]['id']}").json()
    assert article["story_id"] == story_id and article["analysis"]["document"]["text"]
    assert client.get("/api/entities/place:tilburg").json()["stories"]


def test_unknown_ids_are_404_with_a_json_error_and_no_trace(client):
    response = client.get("/api/stories/s000000000000")
    assert response.status_code == 404
    assert response.json() == {"error": "no story 's000000000000'"}


def test_the_openapi_document_describes_every_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/articles",
            "/api/entities/{key}", "/api/health"} <= set(spec["paths"])
    assert "requestBody" in spec["paths"]["/api/articles"]["post"]
    assert client.get("/openapi.json").json() == spec


def test_writes_are_refused_when_the_server_has_no_token(client):
    response = client.post("/api/articles", json=NEW_REPORT)
    assert response.status_code == 403 and "write-token" in response.json()["error"]


def test_writes_are_refused_without_the_right_token(writable):
    assert writable.post("/api/articles", json=NEW_REPORT).status_code == 401
    assert writable.post("/api/articles", json=NEW_REPORT, headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_a_report_posted_with_the_token_is_analysed_and_stored_once(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    added = writable.post("/api/articles", json=NEW_REPORT, headers=auth)
    assert added.status_code == 201, added.text
    assert added.json()["status"] == "added" and added.json()["story_id"]
    again = writable.post("/api/articles", json=NEW_REPORT, headers=auth)
    assert again.json()["status"] == "already_stored"
    story = writable.get(f"/api/stories/{added.json()['story_id']}").json()
    assert [d["id"] for d in story["documents"]] == ["velmar-gazette-0412"]
    assert writable.get("/api/health").json()["articles"] == 17


def test_a_posted_body_that_is_not_an_article_is_a_clear_422(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert "no 'text' or 'html'" in writable.post("/api/articles", json={"title": "x"}, headers=auth).json()["error"]
    assert writable.post("/api/articles", content=b"[1, 2", headers=auth).status_code == 422
    assert writable.post("/api/articles", json={"text": 5}, headers=auth).status_code == 422


def test_an_oversized_body_is_refused_before_it_is_read(writable):
    big = json.dumps({"text": "word " * 1_300_000})
    response = writable.post("/api/articles", content=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413


def test_the_openapi_document_declares_the_errors_each_endpoint_answers(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/stories/{story_id}", "/api/articles/{article_id}", "/api/entities/{key}"):
        not_found = paths[path]["get"]["responses"]["404"]
        assert not_found["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Problem"}
    assert {"201", "401", "403", "413", "422"} <= set(paths["/api/articles"]["post"]["responses"])


@pytest.mark.parametrize("body, reason", [
    (b'{"text": "Deep", "extra": ' + b"[" * 20_000 + b"]" * 20_000 + b"}", "invalid JSON: nested too deeply"),
    (b'{"text": "Big", "id": ' + b"1" * 5000 + b"}", "invalid JSON: a number of more than 4,300 digits"),
])
def test_json_the_parser_cannot_take_is_a_422_not_a_server_error(writable, body, reason):
    response = writable.post("/api/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert (response.status_code, response.json()) == (422, {"error": reason})


def test_a_posted_lone_surrogate_is_stored_as_a_replacement_character(writable):
    body = rb'{"title": "Quay fire \udc00", "text": "Police said \ud800 twelve boats burned at the quay on Monday."}'
    response = writable.post("/api/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    stored = writable.get(f"/api/articles/{response.json()['id']}").json()["analysis"]["document"]
    assert stored["text"] == "Quay fire \ufffd\n\nPolice said \ufffd twelve boats burned at the quay on Monday."
    assert stored["title"] == "Quay fire \ufffd"
