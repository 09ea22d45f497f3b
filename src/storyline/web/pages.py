"""The HTML pages: the story list, a story, an article with its spans highlighted, an entity, exports."""
from __future__ import annotations

import datetime as dt
import math
import re
from urllib.parse import urlencode

import pycountry
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.store.queries import MAX_PER_PAGE, SORTS, StoryFilter, get_article, get_entity, get_story, \
    list_stories, matching_story_ids
from storyline.web import charts, urls
from storyline.web.highlight import Mark, article_marks, claim_marks, cut

router = APIRouter(include_in_schema=False)
EXPORT_LIMIT = 5_000  # stories in one export of a filtered list
EXPORT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8", "geojson": "application/geo+json"}
_HL = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def _site(request: Request):
    return request.app.state.site


def _date(value: str | None) -> str | None:
    """A date filter: ISO dates only; anything else is ignored rather than an error page."""
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def story_filter(q: str | None = Query(None, max_length=200), date_from: str | None = Query(None, alias="from"),
                 date_to: str | None = Query(None, alias="to"), event_type: str | None = Query(None, max_length=100),
                 place: str | None = Query(None, max_length=200), outlet: str | None = Query(None, max_length=200),
                 conflicts: bool = False, sort: str = "latest", page: int = Query(1, ge=1, le=100_000),
                 per_page: int = Query(25, ge=1, le=MAX_PER_PAGE)) -> StoryFilter:
    return StoryFilter(q=q or None, date_from=_date(date_from), date_to=_date(date_to), event_type=event_type or None,
                       place=place or None, outlet=outlet or None, conflicts=conflicts,
                       sort=sort if sort in SORTS else "latest", page=page, per_page=per_page)


def filter_url(f: StoryFilter, path: str = "/stories", **changes) -> str:
    """The list URL for a filter: every filter kept in the URL, so a view can be bookmarked and shared."""
    params = f.query_params(**changes)
    for ours, theirs in (("date_from", "from"), ("date_to", "to")):
        if ours in params:
            params[theirs] = params.pop(ours)
    return path + ("?" + urlencode(params) if params else "")


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


@router.get("/")
def home():
    return RedirectResponse("/stories", status_code=307)


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, f: StoryFilter = Depends(story_filter)):
    site = _site(request)
    stories, total = list_stories(site.conn, f)
    pages = max(1, math.ceil(total / f.per_page))
    # htmx asks for the results only when a filter changes; a plain request gets the whole page.
    template = "_results.html" if request.headers.get("HX-Request") else "stories.html"
    return site.render(template, f=f, stories=stories, total=total, pages=pages, facets=site.facets(),
                       filter_url=filter_url, sorts=list(SORTS), country_name=country_name, urls=urls)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str):
    site = _site(request)
    story = get_story(site.conn, story_id)
    if story is None:
        raise HTTPException(404, f"no story '{story_id}'")
    facts = {status: [f for f in story["facts"] if f["status"] == status]
             for status in ("conflicting", "updated", "agreed", "single_source")}
    for fact in facts["updated"]:
        fact["values"] = sorted(fact["values"], key=lambda v: (v.get("first_reported") or "", v["value"]))
    points = charts.map_points(story)
    return site.render("story.html", story=story, facts=facts, outlets=_outlets(story),
                       map_svg=charts.render_map_svg(points), timeline_svg=charts.render_timeline_svg(story),
                       entities=sorted(story["entities"], key=lambda e: (-len(e["refs"]), e["name"]))[:60],
                       urls=urls, country_name=country_name)


def _outlets(story: dict) -> dict[str, str]:
    return {d["id"]: d.get("outlet") or d.get("title") or d["id"] for d in story["documents"]}


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, hl: str | None = Query(None, max_length=30)):
    site = _site(request)
    found = get_article(site.conn, article_id)
    if found is None:
        raise HTTPException(404, f"no article '{article_id}'")
    analysis = found["analysis"]
    story = get_story(site.conn, found["story_id"]) if found["story_id"] else None
    marks = article_marks(analysis, story) + claim_marks(story, article_id)
    focus = _HL.match(hl or "")
    if focus:
        marks.append(Mark(int(focus[1]), int(focus[2]), "focus", "the words the story cites"))
    supported = [(fact, value) for fact in (story or {}).get("facts", []) for value in fact["values"]
                 if any(s["document"] == article_id for s in value["support"])]
    return site.render("article.html", analysis=analysis, doc=analysis["document"], story=story,
                       pieces=cut(analysis["document"]["text"], marks), supported=supported, urls=urls)


@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str):
    site = _site(request)
    entity = get_entity(site.conn, key)
    if entity is None:
        raise HTTPException(404, f"no entity '{key}'")
    return site.render("entity.html", entity=entity, urls=urls)


@router.get("/stories/{story_id}/export.{fmt}")
def story_export(request: Request, story_id: str, fmt: str):
    story = get_story(_site(request).conn, story_id)
    if story is None:
        raise HTTPException(404, f"no story '{story_id}'")
    return _export([story], fmt, f"story-{story_id}")


@router.get("/export.{fmt}")
def list_export(request: Request, fmt: str, f: StoryFilter = Depends(story_filter)):
    site = _site(request)
    stories = [get_story(site.conn, i) for i in matching_story_ids(site.conn, f, EXPORT_LIMIT)]
    return _export([s for s in stories if s], fmt, "stories")


def _export(stories: list[dict], fmt: str, name: str) -> Response:
    from storyline.report.exports import export_stories

    if fmt not in EXPORT_TYPES:
        raise HTTPException(404, f"no export format '{fmt}' (json, csv or geojson)")
    return Response(export_stories(stories, fmt), media_type=EXPORT_TYPES[fmt],
                    headers={"content-disposition": f'attachment; filename="{name}.{fmt}"'})


def install_error_pages(app) -> None:
    """Errors as a short page (or JSON under /api), never a stack trace."""
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse

    def respond(request: Request, status: int, message: str):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        html = request.app.state.site.render("error.html", status=status, message=message)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return respond(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return respond(request, 422, f"invalid request: {where}: {first.get('msg', 'invalid value')}")
