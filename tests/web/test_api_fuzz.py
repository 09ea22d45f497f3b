"""Fuzzing the JSON API from its own OpenAPI description (issue 11): no request makes the server fail.

schemathesis loads /api/openapi.json from the app in process (over ASGI) and generates requests
for every operation, both valid ones (positive) and ones that break the schema (negative), with
real story, article and entity ids mixed in so the found-path is reached too. Each response must
pass these checks:
- not_a_server_error: no 5xx;
- status_code_conformance: the status is one the description declares for the operation (404 too);
- response_schema_conformance: the body validates against the schema declared for its status;
- content_type_conformance: the content type is the one declared.
POST /api/articles runs against an app with a write token on a copy of the database, with and
without the token.

Deliberately not checked (the description does not claim it): positive_data_acceptance (`{}` is a valid
ArticleIn by the schema, yet "no 'text' or 'html' field" answers 422). The tests at the end hold the
inputs that once made the server fail (5xx) or answer an undeclared status.

schemathesis' lazy pytest loader (`schemathesis.pytest.from_fixture`) does not work with pytest 9
(it sets `Function._nodeid`), so each operation's strategy (`APIOperation.as_strategy`) drives a
plain Hypothesis test here. Examples are derandomized: the same requests on every run.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from storyline.web.app import create_app

os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "storyline-hypothesis"))
SCALE = float(os.environ.get("STORYLINE_PROPERTY_SCALE", "1"))
RANDOM = os.environ.get("STORYLINE_PROPERTY_RANDOM") == "1"
TOKEN = "fuzz-token-5c1e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

READ_OPERATIONS = [("GET", "/api/health"), ("GET", "/api/stories"), ("GET", "/api/stories/{story_id}"),
                   ("GET", "/api/articles/{article_id}"), ("GET", "/api/entities/{key}")]
WRITE_OPERATION = ("POST", "/api/articles")
CHECKS = [schemathesis.checks.not_a_server_error, schemathesis.checks.status_code_conformance,
          schemathesis.checks.response_schema_conformance,
          schemathesis.checks.content_type_conformance]


def fuzz(examples: int):
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None, derandomize=not RANDOM,
                    database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def read_schema(example_db):
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(example_db))


@pytest.fixture(scope="module")
def write_schema(example_db, tmp_path_factory):
    copy = tmp_path_factory.mktemp("fuzz-db") / "writable.db"
    copy.write_bytes(example_db.read_bytes())
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(copy, write_token=TOKEN))


@pytest.fixture(scope="module")
def known(example_db) -> dict[str, list[str]]:
    """Real values of path and query parameters, from the example database."""
    conn = sqlite3.connect(f"file:{example_db}?mode=ro", uri=True)
    try:
        values = {
            "story_id": [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY id")],
            "article_id": [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")],
            "key": [r[0] for r in conn.execute("SELECT DISTINCT entity_key FROM story_entities ORDER BY 1")],
            "outlet": [r[0] for r in conn.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL"
                                                  " ORDER BY 1")],
        }
    finally:
        conn.close()
    assert all(values.values()), values
    return values


def operation(schema, method: str, path: str):
    return schema[path][method]


def run(strategy, examples: int, headers: dict | None = None) -> dict[int, int]:
    """Send `examples` generated requests and check each response; the count of responses per status."""
    statuses: dict[int, int] = {}

    @fuzz(examples)
    @given(strategy)
    def send(case):
        response = case.call(headers=headers)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        case.validate_response(response, checks=CHECKS, headers=headers)

    try:
        send()
    except Unsatisfiable:  # nothing in the schema can be broken for this operation (a bare path string)
        pass
    return statuses


def test_every_operation_of_the_description_is_fuzzed(read_schema):
    described = {(result.ok().method.upper(), result.ok().path) for result in read_schema.get_all_operations()}
    assert described == set(READ_OPERATIONS) | {WRITE_OPERATION}


@pytest.mark.parametrize("method, path", READ_OPERATIONS, ids=[p for _, p in READ_OPERATIONS])
def test_read_operations_never_fail(read_schema, known, method, path):
    op = operation(read_schema, method, path)
    names = [p for p in ("story_id", "article_id", "key") if "{" + p + "}" in path]
    generated = op.as_strategy()
    if names:  # real ids too, or every request would be a 404
        real = st.sampled_from(known[names[0]]).flatmap(lambda v: op.as_strategy(path_parameters={names[0]: v}))
        generated = st.one_of(generated, real)
    elif path == "/api/stories":
        real = st.sampled_from(known["outlet"]).flatmap(lambda v: op.as_strategy(query={"outlet": v}))
        generated = st.one_of(generated, real)
    statuses = run(generated, 60)
    statuses_negative = run(op.as_strategy(generation_mode=GenerationMode.NEGATIVE), 30)
    assert not [s for s in {**statuses, **statuses_negative} if s >= 500]
    if names:
        assert 200 in statuses and 404 in statuses, statuses  # both the found and the missing path were taken


def test_posting_articles_never_fails(write_schema):
    op = operation(write_schema, *WRITE_OPERATION)
    with_token = run(op.as_strategy(), 40, headers=AUTH)
    broken = run(op.as_strategy(generation_mode=GenerationMode.NEGATIVE), 30, headers=AUTH)
    without_token = run(op.as_strategy(), 10)
    wrong_token = run(op.as_strategy(), 5, headers={"Authorization": "Bearer wrong"})
    assert 201 in with_token, with_token  # some generated reports were analysed and stored
    assert set(broken) <= {400, 401, 413, 415, 422}, broken
    assert set(without_token) == {401} and set(wrong_token) == {401}


# ---------------------------------------------------------------- findings
@pytest.fixture
def writable_client(example_db, tmp_path):
    from fastapi.testclient import TestClient

    copy = tmp_path / "writable.db"
    copy.write_bytes(example_db.read_bytes())
    return TestClient(create_app(copy, write_token=TOKEN), raise_server_exceptions=False)


@pytest.mark.parametrize("body, status, stored_text", [
    pytest.param(b'{"text": "Police said \\ud800 twelve people died in the fire."}', 201,
                 "Police said \ufffd twelve people died in the fire.", id="lone-surrogate-in-text"),
    pytest.param(b'{"title": "Fire \\udc00", "text": "Police said twelve people died in the fire."}', 201,
                 "Fire \ufffd\n\nPolice said twelve people died in the fire.", id="lone-surrogate-in-title"),
    pytest.param(b'{"text": "Deep", "extra": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", 422, None,
                 id="deeply-nested-json"),
    pytest.param(b'{"text": "Big", "id": ' + b"1" * 5000 + b"}", 422, None, id="huge-integer"),
    pytest.param(b'{"text": "caf\xe9 au lait"}', 422, None, id="invalid-utf8"),
    pytest.param(b'{"text": "Police said \\u0000 twelve people died."}', 201, "Police said  twelve people died.",
                 id="nul-escape"),
])
def test_hostile_article_bodies_are_refused_or_stored_never_a_server_error(writable_client, body, status,
                                                                           stored_text):
    response = writable_client.post("/api/articles", content=body,
                                    headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == status, (response.status_code, response.text[:200])
    if status == 201:  # stored as valid text: the reader's normalisation (storyline.ingest.text.normalise_text)
        article_id = response.json()["id"]
        stored = writable_client.get(f"/api/articles/{article_id}")
        assert stored.status_code == 200, stored.text[:200]
        assert stored.json()["analysis"]["document"]["text"] == stored_text
    else:
        assert set(response.json()) == {"error"} and "\n" not in response.json()["error"]


@pytest.mark.parametrize("method, path, missing", [
    ("GET", "/api/stories/{story_id}", {"story_id": "s000000000000"}),
    ("GET", "/api/articles/{article_id}", {"article_id": "no-such-article"}),
    ("GET", "/api/entities/{key}", {"key": "person:no-such-person"}),
])
def test_every_status_the_api_answers_is_described(read_schema, method, path, missing):
    op = operation(read_schema, method, path)
    case = op.Case(path_parameters=missing)
    response = case.call()
    assert response.status_code == 404
    assert "404" in op.definition.raw["responses"]
    case.validate_response(response, checks=CHECKS)


def test_the_write_operation_declares_its_refusals(write_schema):
    responses = operation(write_schema, *WRITE_OPERATION).definition.raw["responses"]
    assert {"201", "401", "403", "413", "422"} <= set(responses), sorted(responses)
