"""docs/stories.md stays in step with the package: every module and data file it names exists, and
every module of storyline.stories is described there."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "storyline" / "stories"
DOC = (ROOT / "docs" / "stories.md").read_text(encoding="utf-8")


def test_every_named_file_exists():
    named = set(re.findall(r"`(\w+\.(?:py|tsv))`", DOC))
    assert named, "the stages table names the modules"
    assert {name for name in named if not (PACKAGE / name).exists()} == set()


def test_every_module_is_described():
    modules = {p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    assert {m for m in modules if f"`{m}`" not in DOC} == set()


def test_the_documented_constants_are_the_code_s():
    from storyline.stories import cluster, duplicates

    assert f"`WINDOW_DAYS` ({cluster.WINDOW_DAYS})" in DOC
    assert f"`LINK_THRESHOLD` ({cluster.LINK_THRESHOLD:.2f})" in DOC
    assert f"at least {round(duplicates.DUPLICATE_JACCARD * 100)}%" in DOC
    assert f"`UNDATED_WEEKS` ({cluster.UNDATED_WEEKS})" in DOC
