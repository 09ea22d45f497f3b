"""docs/web.md stays in step with the code: every route is documented, every named module exists."""
import re
from pathlib import Path

from storyline.store import queries
from storyline.web import pages, security

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
FLAT = " ".join(DOC.split())  # the prose with its line breaks undone


def test_every_page_and_api_route_is_documented(example_db):
    from storyline.web.app import create_app

    paths = {r.path for r in create_app(example_db).routes if getattr(r, "methods", None)}
    documented = {p.replace("{fmt}", "{json,csv,geojson}").replace("{key:path}", "{key}") for p in paths}
    missing = {p for p in documented if f"`{p}`" not in DOC and f" {p}`" not in DOC and p not in ("/",)}
    assert missing == set()


def test_every_named_module_exists():
    named = set(re.findall(r"`(\w+\.py)`", DOC))
    where = [ROOT / "src" / "storyline" / d for d in ("store", "web", "report")]
    assert named and {n for n in named if not any((d / n).exists() for d in where)} == set()


def test_the_documented_limits_are_the_code_s():
    assert f"over {security.MAX_BODY_BYTES // 1_000_000} MB" in FLAT
    assert f"at most {queries.MAX_PER_PAGE} stories a page" in FLAT
    assert f"at most {pages.EXPORT_LIMIT:,} stories" in FLAT
    assert security.CSP in FLAT.replace("; ", ";").replace(";", "; ")
