"""The JSON API under /api: the same stories, articles and entities as the pages, plus writes with a token."""
from __future__ import annotations

import hmac
import json
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from storyline.store.queries import StoryFilter, get_article, get_entity, get_story, list_stories, totals
from storyline.store.schema import SCHEMA_VERSION
from storyline.web.pages import story_filter

router = APIRouter(prefix="/api", tags=["api"])


class ArticleIn(BaseModel):
    """A new report: `text` (first line may be the headline) or `html`, with optional metadata."""

    id: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    text: Optional[str] = None
    html: Optional[str] = None


class ArticleStored(BaseModel):
    id: Optional[str]
    status: str  # added or already_stored
    story_id: Optional[str] = None


class Problem(BaseModel):
    """Why a request was refused, in one line (the body of every API error: see pages.install_error_pages)."""

    error: str


def _problem(description: str) -> dict:
    return {"description": description, "model": Problem}


NOT_FOUND = {404: _problem("no such id")}
TOO_LARGE = {413: {"description": "request body too large",
                   "content": {"text/plain": {"schema": {"type": "string"}}}}}


@router.get("/health")
def health(request: Request) -> dict:
    """Counts of the database behind the server."""
    return {"status": "ok", "schema_version": SCHEMA_VERSION, **totals(request.app.state.site.conn)}


@router.get("/stories")
def api_stories(request: Request, f: StoryFilter = Depends(story_filter)) -> dict:
    """A page of story summaries matching the filters (the same filters as the story list)."""
    stories, total = list_stories(request.app.state.site.conn, f)
    return {"total": total, "page": f.page, "per_page": f.per_page, "stories": stories}


@router.get("/stories/{story_id}", responses=NOT_FOUND)
def api_story(request: Request, story_id: str) -> dict:
    """One story in the storyline.story/1 contract."""
    story = get_story(request.app.state.site.conn, story_id)
    if story is None:
        raise HTTPException(404, f"no story '{story_id}'")
    return story


@router.get("/articles/{article_id}", responses=NOT_FOUND)
def api_article(request: Request, article_id: str) -> dict:
    """One article's Analysis (storyline.analysis/1) and the id of its story."""
    found = get_article(request.app.state.site.conn, article_id)
    if found is None:
        raise HTTPException(404, f"no article '{article_id}'")
    return found


@router.get("/entities/{key:path}", responses=NOT_FOUND)
def api_entity(request: Request, key: str) -> dict:
    """An entity across stories (key as in /entities/KEY, e.g. 'person:ana-varga')."""
    entity = get_entity(request.app.state.site.conn, key)
    if entity is None:
        raise HTTPException(404, f"no entity '{key}'")
    return entity


@router.post("/articles", status_code=201, response_model=ArticleStored,
             responses={401: _problem("missing or wrong token"), 403: _problem("writes are off"),
                        422: _problem("not an article"), **TOO_LARGE},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": ArticleIn.model_json_schema()}}},
                 "security": [{"bearer": []}]})
async def api_add_article(request: Request) -> ArticleStored:
    """Analyse a report and add it to its story. Needs `Authorization: Bearer TOKEN` (the server's --write-token)."""
    site = request.app.state.site
    if not site.write_token:
        raise HTTPException(403, "writes are off: start the server with --write-token")
    given = request.headers.get("authorization", "")
    if not given.startswith("Bearer ") or not hmac.compare_digest(given[7:].encode(), site.write_token.encode()):
        raise HTTPException(401, "missing or wrong bearer token")
    body = await request.body()
    return await run_in_threadpool(_store_article, site, body)


def _store_article(site, body: bytes) -> ArticleStored:
    from storyline.ingest.article import ArticleError
    from storyline.ingest.jsonl import parse_json, read_jsonl_line
    from storyline.pipeline import analyze_articles
    from storyline.store import Store
    from storyline.store.ingest import Ingester

    origin = "POST /api/articles"
    try:
        # The reader's parse: JSON too deep or with a too long number is refused, not a server error.
        record = parse_json(body, origin)
        if not isinstance(record, dict):
            raise ValueError("expected a JSON object")
        ArticleIn.model_validate(record)
        # The same reader as a JSONL line: every string is made valid text (ingest.text.normalise_text).
        article = read_jsonl_line(json.dumps(record), origin)
    except ArticleError as exc:
        raise HTTPException(422, exc.reason) from None
    except ValueError as exc:  # pydantic's ValidationError
        raise HTTPException(422, f"not an article: {(str(exc).splitlines() or [type(exc).__name__])[0]}") from None
    except RecursionError:  # parsed just under the recursion limit, too deep to write back
        raise HTTPException(422, "not an article: JSON nested too deeply") from None
    with site.write_lock:
        if site.ingester is None:
            site.ingester = Ingester(Store(site.db_path))
        ingester = site.ingester
        if ingester.is_stored(article):
            return ArticleStored(id=article.id, status="already_stored")
        result = next(analyze_articles([article]))
        if isinstance(result, ArticleError):
            raise HTTPException(422, result.reason)
        before = ingester.report.failed
        errors = []
        ingester.on_error = errors.append
        story_id = ingester.add(result)
        if ingester.report.failed > before:
            raise HTTPException(422, errors[-1].reason if errors else "not stored")
    return ArticleStored(id=result.document.id, status="added", story_id=story_id)
