"""The web server: FastAPI over a storyline database, pages rendered on the server with Jinja2.

    >>> app = create_app("news.db")                    # read-only unless a write token is given
    >>> uvicorn.run(app, host="127.0.0.1", port=8000)

Pages live in `pages.py`, the JSON API in `api.py`; this module holds what they
share: the database connections, the template environment and the app itself.
"""
from __future__ import annotations

import threading
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from storyline.store.database import connect
from storyline.store.queries import facets
from storyline.web.assets import asset_status, assets_dir
from storyline.web.security import SecurityMiddleware

HERE = Path(__file__).parent


class Site:
    """What every request reads: one read-only connection per thread, templates, cached facets, the writer."""

    def __init__(self, db_path: str | Path, write_token: str | None = None):
        self.db_path = Path(db_path)
        connect(self.db_path, readonly=True).close()  # fail now, with a clear message, not at the first request
        self.write_token = write_token or None
        self._local = threading.local()
        self._facets: tuple[object, dict] | None = None
        self.write_lock = threading.Lock()
        self.ingester = None  # created at the first write: it loads the story index
        found = asset_status()
        self.assets = {"htmx": found["htmx.min.js"], "basemap": found["basemap.svg"]}
        self.templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                                     autoescape=select_autoescape(default=True, default_for_string=True),
                                     trim_blocks=True, lstrip_blocks=True)

    @property
    def conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = connect(self.db_path, readonly=True)
        return conn

    def facets(self) -> dict:
        """Filter values, recomputed only when the database has changed."""
        # Stories change only in the transaction that adds a report, so the last report's number dates them.
        stamp = self.conn.execute("SELECT max(seq) FROM articles").fetchone()
        if self._facets is None or self._facets[0] != stamp:
            self._facets = (stamp, facets(self.conn))
        return self._facets[1]

    def render(self, name: str, **context) -> str:
        return self.templates.get_template(name).render(assets=self.assets, **context)


def create_app(db_path: str | Path, write_token: str | None = None) -> FastAPI:
    """The server for one database; POST /api/articles is accepted only with `write_token`."""
    from storyline.web import api, pages

    site = Site(db_path, write_token)
    app = FastAPI(title="storyline", version=_version(), docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Stories, articles and entities of a storyline database. "
                              "Writes need the server's write token as a bearer token.")
    app.state.site = site
    app.add_middleware(SecurityMiddleware)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/vendor", StaticFiles(directory=assets_dir(), check_dir=False), name="vendor")
    app.include_router(api.router)
    app.include_router(pages.router)
    # The usual place tools look for the description, besides its home under /api.
    app.add_api_route("/openapi.json", lambda: JSONResponse(app.openapi()), include_in_schema=False)
    pages.install_error_pages(app)
    return app


def app_from_env() -> FastAPI:
    """A read-only server for $STORYLINE_DB: the factory each worker process calls under `serve --workers N`."""
    import os

    return create_app(os.environ["STORYLINE_DB"])


def _version() -> str:
    from importlib.metadata import version

    return version("storyline")
