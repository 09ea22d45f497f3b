"""`storyline stories`, end to end: from reports or from analyses, each output form, bad lines."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def storyline(*args):
    return subprocess.run([sys.executable, "-m", "storyline.cli", *map(str, args)], capture_output=True,
                          timeout=600, text=True)


@pytest.fixture(scope="module")
def analyses(tmp_path_factory):
    path = tmp_path_factory.mktemp("analyses") / "corpus.jsonl"
    done = storyline("analyze", CORPUS, "--format", "jsonl", "-o", path, "--no-progress")
    assert done.returncode == 0, done.stderr
    return path


def grouping(stories):
    return sorted(sorted(d["id"] for d in s["documents"]) for s in stories)


def test_stories_from_reports_and_from_their_analyses_are_the_same(analyses):
    from_reports = storyline("stories", CORPUS, "--no-progress")
    from_analyses = storyline("stories", analyses, "--no-progress")
    assert from_reports.returncode == 0, from_reports.stderr
    assert from_analyses.returncode == 0, from_analyses.stderr
    built = json.loads(from_reports.stdout)
    assert built["schema"] == "storyline.stories/1"
    assert grouping(built["stories"]) == grouping(json.loads(from_analyses.stdout)["stories"])
    ids = [d["id"] for s in built["stories"] for d in s["documents"]]
    assert len(ids) == len(set(ids)) == len(analyses.read_text().splitlines())


def test_jsonl_gives_one_story_per_line(analyses):
    done = storyline("stories", analyses, "--format", "jsonl")
    stories = [json.loads(line) for line in done.stdout.splitlines()]
    assert stories and all(s["schema"] == "storyline.story/1" for s in stories)


@pytest.mark.parametrize("fmt, marker", [("md", "# "), ("html", "<!DOCTYPE html")])
def test_readable_reports(analyses, tmp_path, fmt, marker):
    out = tmp_path / f"stories.{fmt}"
    done = storyline("stories", analyses, "--format", fmt, "-o", out)
    assert done.returncode == 0, done.stderr
    assert marker.lower() in out.read_text(encoding="utf-8").lower()


def test_a_bad_analysis_line_fails_alone(analyses, tmp_path):
    lines = analyses.read_text().splitlines()
    broken = json.loads(lines[0])
    broken["entities"][0]["mentions"][0]["start"] += 1  # a span that no longer matches its text
    path = tmp_path / "some_bad.jsonl"
    path.write_text("\n".join([lines[1], json.dumps(broken), '{"schema": "storyline.analysis/1"}', lines[2]]) + "\n")
    done = storyline("stories", path)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if "error:" in line]
    assert len(errors) == 2 and ":2:" in errors[0] and ":3:" in errors[1]
    assert sum(len(s["documents"]) for s in json.loads(done.stdout)["stories"]) == 2


def test_no_articles_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    done = storyline("stories", empty)
    assert done.returncode == 1 and "error" in done.stderr


def test_schema_of_stories():
    done = storyline("schema", "--stories")
    assert done.returncode == 0
    assert "Story" in json.loads(done.stdout)["$defs"]
